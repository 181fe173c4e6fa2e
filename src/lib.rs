//! Multiplier: a game about leading and managing a software team.
//!
//! The crate is a library with one binary. [`sim`] is the deterministic simulation core,
//! [`format`] reads and validates scenario files into core types; the command line and
//! the Bevy game drive both through their public APIs. [`workshop`] holds codes, result
//! files, their verification and the facilitator's report. [`text`] writes numbers, times
//! and counted nouns for every screen, page and report alike. [`room`] is a hosted workshop
//! room's rules, journal and wire format, and a table's client. [`app`] is the game's flow
//! without Bevy: runs, saves and debriefs, which the game's shell draws. [`host`] serves a
//! room over HTTP, with browser tables that are the app's own sessions. The modules are in
//! layers (ARCHITECTURE.md states their order): none names one above it.

pub mod app;
pub mod cli;
pub mod format;
#[cfg(feature = "desktop")]
pub mod game;
pub mod host;
pub mod room;
pub mod runlog;
pub mod sim;
pub mod storage;
pub mod text;
pub mod workshop;
