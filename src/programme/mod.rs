//! The programme and what it is made of: the programme record, its cohorts, host organisations
//! and fellows. Uses base, `db` and `auth`; the domain rooms build on it.

pub mod cohorts;
pub mod fellows;
pub mod hosts;
pub mod programmes;
