//! Multiplier: a game about leading and managing a software team.
//!
//! The crate is a library with one binary. [`sim`] is the deterministic simulation core,
//! [`scenario`] reads and validates scenario files into core types; the command line and
//! the Bevy game drive both through their public APIs.

pub mod cli;
#[cfg(feature = "desktop")]
pub mod game;
pub mod scenario;
pub mod sim;
pub mod storage;
