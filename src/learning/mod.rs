//! Learning records of the fellowship year: the private reflective log, mentoring and coaching,
//! and action learning sets.

pub mod mentoring;
pub mod portfolio;
pub mod reflections;
pub mod set_sessions;
pub mod sets;
pub mod templates;
