//! Which pages may call the API. A browser sends `Origin` on every POST; a page of another site
//! is refused. Behind a reverse proxy the `Host` the server sees is the proxy's upstream (nginx
//! rewrites it by default), so there the allowed origins are the public address(es) given with
//! `--public-url`; without them the origin must match `Host`.

use axum::http::{header, HeaderMap};

/// A public address as browsers write it in `Origin`: lower case, no default port, no path.
pub fn public_url(input: &str) -> Result<String, String> {
    let bad = || {
        format!("{input:?} is not a public address like https://fellowship.example.nhs.uk (scheme and host only)")
    };
    let (scheme, rest) = input.trim().split_once("://").ok_or_else(bad)?;
    let scheme = scheme.to_ascii_lowercase();
    let host = rest.strip_suffix('/').unwrap_or(rest).to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https")
        || host.is_empty()
        || host.contains(['/', '@', '?', '#', ' '])
    {
        return Err(bad());
    }
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let host = host.strip_suffix(default_port).unwrap_or(&host);
    Ok(format!("{scheme}://{host}"))
}

/// True when the request came from no page (another program) or from a page of our own.
pub fn allowed(headers: &HeaderMap, public_urls: &[String]) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    if !public_urls.is_empty() {
        return public_urls.iter().any(|u| u.eq_ignore_ascii_case(origin));
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, h)| h);
    origin_host.is_some() && origin_host == host
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(origin: &str, host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ORIGIN, HeaderValue::from_str(origin).unwrap());
        h.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        h
    }

    #[test]
    fn public_addresses_are_tidied_to_the_origin_a_browser_sends() {
        assert_eq!(
            public_url("HTTPS://Fellowship.Example.nhs.uk:443/").unwrap(),
            "https://fellowship.example.nhs.uk"
        );
        assert_eq!(
            public_url("https://localhost:8443").unwrap(),
            "https://localhost:8443"
        );
        for bad in [
            "fellowship.nhs.uk",
            "ftp://x",
            "https://",
            "https://x/app",
            "https://u@x",
        ] {
            assert!(public_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn behind_a_proxy_that_rewrites_host_the_public_address_decides() {
        // nginx's default: the upstream's address as Host.
        let via_proxy = headers("https://fellowship.example.nhs.uk", "127.0.0.1:8080");
        assert!(!allowed(&via_proxy, &[]), "Host alone cannot tell");
        let public = vec![public_url("https://fellowship.example.nhs.uk").unwrap()];
        assert!(allowed(&via_proxy, &public));
        assert!(!allowed(
            &headers("https://evil.example", "fellowship.example.nhs.uk"),
            &public
        ));
        // Without a public address, the origin must match Host.
        assert!(allowed(
            &headers("http://127.0.0.1:8080", "127.0.0.1:8080"),
            &[]
        ));
        assert!(!allowed(&headers("null", "127.0.0.1:8080"), &[]));
    }
}
