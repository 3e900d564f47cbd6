//! The time as the core counts it where it needs plain seconds (sign-in flows, kept sessions).

/// Seconds since 1970, UTC.
pub fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}
