//! Fellowship Challenges: the improvement problem a fellow leads for the year, its action plan,
//! measures and reviews.

pub mod spc;
