//! Learning records of the fellowship year: the private reflective log, mentoring and coaching,
//! and action learning sets.
//!
//! A domain room: uses the base, `db`, `auth`, `programme`, `mail` and `accounts`, and other
//! domain rooms without a loop (tests/architecture.rs).

pub mod mentoring;
pub mod portfolio;
pub mod reflections;
pub mod set_sessions;
pub mod sets;
pub mod templates;
