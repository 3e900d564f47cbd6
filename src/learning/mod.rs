//! Learning records of the fellowship year: the private reflective log, and mentoring and coaching.

pub mod mentoring;
pub mod portfolio;
pub mod reflections;
pub mod templates;
