//! Fellowship core: domain types, rules, rights, storage and reports for clinical leadership
//! fellowship programmes. No Tauri here: the desktop shell and any server call `api::dispatch`.

pub mod access;
pub mod api;
pub mod audit;
pub mod auth;
pub mod backups;
pub mod bad_input;
pub mod bench;
pub mod calendar;
pub mod challenges;
pub mod codes;
pub mod cohorts;
pub mod crash;
pub mod csv_io;
pub mod db;
pub mod demo;
pub mod desktop;
pub mod dialect;
pub mod disclosure;
pub mod encryption;
pub mod error;
pub mod export;
pub mod feedback360;
pub mod fellows;
pub mod hosts;
pub mod invitations;
pub mod learning;
pub mod mail;
pub mod org_sign_in;
pub mod outcomes;
pub mod passwords;
pub mod pdf;
pub mod privacy;
pub mod programmes;
pub mod restore;
pub mod sealed;
pub mod second_step;
pub mod server;
pub mod session;
pub mod throttle;
pub mod today;
pub mod validate;
pub mod visibility;

pub use db::Db;
pub use error::{ApiError, ErrorKind, Result};
