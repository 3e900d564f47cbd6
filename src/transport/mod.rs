//! How the core is reached: the desktop app's workspaces (this computer's programme or a
//! programme server, through `client`) and the programme server itself (axum, built only with
//! the `server` feature: the desktop app does without it). Uses `api` and below; nothing in
//! the core uses it.

pub mod client;
pub mod desktop;
pub mod mail_worker;
#[cfg(feature = "server")]
pub mod server;
pub mod wire;
