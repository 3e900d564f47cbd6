//! The names a programme server and its clients (a browser, the desktop app) agree on.

pub const SESSION_COOKIE: &str = "fellowship_session";
pub const CSRF_COOKIE: &str = "fellowship_csrf";
pub const CSRF_HEADER: &str = "x-fellowship-csrf";
/// Over TLS the cookies' names carry this, so the browser keeps them only if they were set
/// Secure, for this exact host (no Domain) and the whole site (Path=/).
pub const HOST_PREFIX: &str = "__Host-";
