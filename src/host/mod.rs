//! The room's server: what `multiplier host` runs on the facilitator's laptop over a room
//! ([`crate::room`]), its pages and the tables that play in a browser.
//!
//! - [`server`]: the HTTP server: the tables' API, the facilitator's and the projector's
//!   pages with updates pushed as server-sent events, the downloads.
//! - `http`: hyper on a small tokio runtime, the host's [`Limits`] kept at the door.
//! - [`limits`]: what one request, one address and the whole room may take; the file limit.
//! - `live`: a live view sent as what changed since its last event.
//! - `pages`: the facilitator's and the projector's pages, the CSV exports.
//! - `browser` and `table_pages`: tables that play in a browser, each the app layer's
//!   session on the host, and their pages.
//! - `qr`: the join address as a QR code.
//! - `saving`: group commit: the room's changes written to its journal, several in one
//!   write when they come together, each on disk before anyone is told of it.
//!
//! It sits above the app layer because browser tables are the app's own sessions; the room's
//! rules, journal and wire format stay below it, in [`crate::room`], for the app to use.

mod browser;
mod http;
pub mod limits;
mod live;
mod pages;
mod qr;
mod saving;
pub mod server;
mod table_pages;

pub use limits::Limits;
pub use server::{HostError, Running, Server};
