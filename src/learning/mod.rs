//! Learning records of the fellowship year. So far: the private reflective log.

pub mod reflections;
pub mod templates;
