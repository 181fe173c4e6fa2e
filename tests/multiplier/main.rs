//! Integration tests, in one binary so the game links once.

mod cli;
mod determinism;
mod docs;
mod dynamics;
mod errors;
#[cfg(feature = "desktop")]
mod game;
mod lessons;
mod support;
