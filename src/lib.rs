//! Fellowship core: domain types, rules, rights, storage and reports for clinical leadership
//! fellowship programmes. No Tauri here: the desktop shell and the server call `api::dispatch`.
//!
//! The folders are the architecture (tests/architecture.rs holds them to it). Bottom first, each
//! layer uses only the layers below it:
//! - base, at the top of `src/`: errors, validation, coded values, PDF, CSV, the opener;
//! - `db`: the pool, SQL dialects, encryption, backups, sealed secrets, the audit writer;
//! - `auth`: who is calling, signing in with a password, the one rights policy (`access`);
//! - `programme`: the programme, its cohorts, host organisations and fellows;
//! - `mail`: the outbox, messages and the email server;
//! - `accounts`: invitations, password resets, the second step, organisation sign-in;
//! - the domain rooms: `challenges`, `learning`, `feedback360`, `outcomes`, `privacy`,
//!   `disclosure`, `calendar`, `today`, `demo`;
//! - `api`: the command table, sessions, restore, reference data, TypeScript generation;
//! - `transport`: the desktop app's workspaces and the programme server;
//! - `tools`: the command line's bench, crash test, bad-input checks and CSV export.

pub mod clock;
pub mod codes;
pub mod csv_io;
pub mod error;
pub mod opener;
pub mod pdf;
pub mod validate;

pub mod db;

pub mod auth;

pub mod programme;

pub mod mail;

pub mod accounts;

pub mod calendar;
pub mod challenges;
pub mod demo;
pub mod disclosure;
pub mod feedback360;
pub mod learning;
pub mod outcomes;
pub mod privacy;
pub mod today;

pub mod api;

pub mod transport;

#[cfg(feature = "tools")]
pub mod tools;

pub use db::Db;
pub use error::{ApiError, ErrorKind, Result};
