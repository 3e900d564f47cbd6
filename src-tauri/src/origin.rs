//! Which pages may call the core: the app's own bundled pages only (and, in a debug build, the
//! Vite dev server). A page from anywhere else that somehow ran in the window is refused.

use tauri::Url;

pub fn is_app_page(url: &Url) -> bool {
    match (url.scheme(), url.host_str()) {
        // The bundled UI: tauri://localhost on Linux and macOS, http(s)://tauri.localhost on Windows.
        ("tauri", Some("localhost")) => true,
        ("http" | "https", Some("tauri.localhost")) => true,
        ("http", Some("localhost")) => cfg!(debug_assertions) && url.port() == Some(1420),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_pages_may_call() {
        let ok = |s: &str| is_app_page(&Url::parse(s).unwrap());
        assert!(ok("tauri://localhost/"));
        assert!(ok("tauri://localhost/index.html#/fellows"));
        assert!(ok("http://tauri.localhost/"));
        assert!(!ok("https://example.org/"));
        assert!(!ok("http://localhost:8080/"));
        assert!(!ok("tauri://evil.example/"));
        assert!(!ok("file:///tmp/page.html"));
        assert_eq!(ok("http://localhost:1420/"), cfg!(debug_assertions));
    }
}
