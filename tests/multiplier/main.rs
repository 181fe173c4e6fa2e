//! Integration tests, in one binary so the game links once.

mod cli;
mod determinism;
mod docs;
mod dynamics;
mod errors;
mod lessons;
mod support;
