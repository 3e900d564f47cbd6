//! How the core is reached: the desktop app's workspaces (this computer's programme or a
//! programme server) and the programme server itself (axum). Uses `api` and below; nothing in
//! the core uses it.

pub mod desktop;
pub mod mail_worker;
pub mod server;
