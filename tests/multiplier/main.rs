//! Integration tests, in one binary so the game links once.

mod app;
mod architecture;
mod arcs;
mod authoring;
mod browser;
mod cli;
mod determinism;
mod docs;
mod dynamics;
mod errors;
mod fuzzing;
#[cfg(feature = "desktop")]
mod game;
mod lessons;
#[cfg(feature = "desktop")]
mod live;
mod plan_warnings;
mod promises;
mod review;
mod room;
mod room_chart;
mod room_commit;
mod room_disk;
mod room_guard;
mod room_live;
mod room_remote;
mod room_seats;
mod room_stop;
mod search;
mod session;
mod spending;
mod support;
mod whatif;
mod workshop;
