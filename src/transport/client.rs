//! The desktop app's side of a programme server: it sends each command as the served UI does
//! (`POST /api/<command>` with the session cookie and the CSRF header) and turns the answer back
//! into the command's value or its typed `ApiError`. The server applies every rule; this only
//! carries calls.

use std::sync::Mutex;
use std::time::Duration;

use serde_json::Value;

use super::wire::{CSRF_COOKIE, CSRF_HEADER, HOST_PREFIX, SESSION_COOKIE};
use crate::error::{ApiError, Result};

const NEEDS_SCHEME: &str =
    "Enter the address with https:// at the start, like https://fellowship.example.nhs.uk";

/// The address of a programme server, checked and tidied: `https://` (or `http://` to this
/// computer only, since passwords must never cross a network unencrypted), no trailing slash.
pub fn server_url(input: &str) -> Result<String> {
    let url = input.trim().trim_end_matches('/');
    if url.is_empty() {
        return Err(ApiError::field(
            "url",
            "Enter the programme server's address, like https://fellowship.example.nhs.uk",
        ));
    }
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| ApiError::field("url", NEEDS_SCHEME))?;
    let host_port = rest.split('/').next().unwrap_or_default();
    if host_port.is_empty() || host_port.contains('@') || rest.contains(['?', '#', ' ']) {
        return Err(ApiError::field(
            "url",
            "Enter only the server's address, like https://fellowship.example.nhs.uk",
        ));
    }
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host_port.split(':').next().unwrap_or_default(),
    };
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "::1");
    match scheme.to_ascii_lowercase().as_str() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(ApiError::field(
                "url",
                "Use an https:// address: passwords and records must not cross the network unencrypted.",
            ))
        }
        _ => {
            return Err(ApiError::field(
                "url",
                NEEDS_SCHEME,
            ))
        }
    }
    Ok(format!("{}://{rest}", scheme.to_ascii_lowercase()))
}

/// How a request is sent; tests vary these to check the server's defences.
#[derive(Clone, Debug)]
pub struct SendOptions {
    /// Send the CSRF header (a page of the app always does).
    pub with_token: bool,
    /// Send this as the CSRF token, in cookie and header, instead of the session's own.
    pub forged_token: Option<String>,
    /// Sent as `Origin` when set (a page of that site made the request).
    pub origin: Option<String>,
}

impl Default for SendOptions {
    fn default() -> Self {
        SendOptions {
            with_token: true,
            forged_token: None,
            origin: None,
        }
    }
}

/// The server's answer as it came: status, headers, body and the cookies it set.
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub set_cookies: Vec<String>,
}

#[derive(Default)]
struct Cookies {
    session: Option<String>,
    csrf: Option<String>,
    /// The names carry `__Host-` (the server is reached over HTTPS); sent back as they came.
    prefix: &'static str,
}

/// One signed-in (or not yet signed-in) session on a programme server.
pub struct Remote {
    base: String,
    client: reqwest::Client,
    cookies: Mutex<Cookies>,
}

impl Remote {
    /// A client for `url` (checked by `server_url`), not yet in touch with the server. It
    /// trusts the certificate authorities this computer trusts (an NHS organisation's own CA
    /// included, once installed in the system store).
    pub fn new(url: &str) -> Result<Remote> {
        Self::build(url, None)
    }

    /// As `new`, also trusting the PEM certificate `root` (e.g. a server's own self-signed one).
    pub fn trusting(url: &str, root: &[u8]) -> Result<Remote> {
        let cert = reqwest::Certificate::from_pem(root)
            .map_err(|e| ApiError::field("url", format!("That certificate cannot be read: {e}")))?;
        Self::build(url, Some(cert))
    }

    fn build(url: &str, root: Option<reqwest::Certificate>) -> Result<Remote> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120));
        if let Some(root) = root {
            builder = builder.add_root_certificate(root);
        }
        let client = builder
            .build()
            .map_err(|e| ApiError::internal(format!("Could not start the HTTP client: {e}")))?;
        Ok(Remote {
            base: server_url(url)?,
            client,
            cookies: Mutex::default(),
        })
    }

    /// Checks that a Fellowship programme server answers at `url`, and starts a session there.
    pub async fn connect(url: &str) -> Result<Remote> {
        Remote::new(url)?.check().await
    }

    /// Checks that this is a Fellowship programme server, starting a session there.
    pub async fn check(self) -> Result<Remote> {
        let remote = self;
        let answer = remote
            .send("app_status", Value::Null, &SendOptions::default())
            .await
            .map_err(|e| ApiError::field("url", e.message))?;
        let is_fellowship = answer.status == 200
            && answer
                .body
                .get("needs_setup")
                .is_some_and(Value::is_boolean)
            && remote.lock().session.is_some();
        if !is_fellowship {
            return Err(ApiError::field(
                "url",
                format!(
                    "No Fellowship programme server answered at {}. Check the address with your programme office.",
                    remote.base
                ),
            ));
        }
        Ok(remote)
    }

    pub fn url(&self) -> &str {
        &self.base
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cookies> {
        self.cookies.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Sends one command with the session's cookies; keeps any cookie the server sets.
    pub async fn send(&self, command: &str, args: Value, opts: &SendOptions) -> Result<Answer> {
        let mut req = self
            .client
            .post(format!("{}/api/{command}", self.base))
            .header("content-type", "application/json")
            .body(args.to_string());
        {
            let jar = self.lock();
            let mut cookies = vec![];
            let prefix = jar.prefix;
            if let Some(s) = &jar.session {
                cookies.push(format!("{prefix}{SESSION_COOKIE}={s}"));
            }
            if let Some(c) = opts.forged_token.as_ref().or(jar.csrf.as_ref()) {
                cookies.push(format!("{prefix}{CSRF_COOKIE}={c}"));
                if opts.with_token {
                    req = req.header(CSRF_HEADER, c);
                }
            }
            if !cookies.is_empty() {
                req = req.header("cookie", cookies.join("; "));
            }
        }
        if let Some(o) = &opts.origin {
            req = req.header("origin", o);
        }
        let res = req.send().await.map_err(|e| {
            ApiError::internal(format!(
                "Could not reach the programme server at {}: {}",
                self.base,
                plain_reason(&e)
            ))
        })?;
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let set_cookies: Vec<String> = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        {
            let mut jar = self.lock();
            for c in &set_cookies {
                let (kv, _) = c.split_once(';').unwrap_or((c, ""));
                let Some((name, v)) = kv.split_once('=') else {
                    continue;
                };
                let (prefix, name) = match name.strip_prefix(HOST_PREFIX) {
                    Some(name) => (HOST_PREFIX, name),
                    None => ("", name),
                };
                // An empty value is the server dropping a dead session's cookie.
                let v = (!v.is_empty()).then(|| v.to_owned());
                match name {
                    SESSION_COOKIE => jar.session = v,
                    CSRF_COOKIE => jar.csrf = v,
                    _ => continue,
                }
                jar.prefix = prefix;
            }
        }
        let body = res.json().await.unwrap_or(Value::Null);
        Ok(Answer {
            status,
            headers,
            body,
            set_cookies,
        })
    }

    /// Runs one command on the server: its value, or the server's typed error.
    pub async fn call(&self, command: &str, args: Value) -> Result<Value> {
        // Like a page loading, a client without a session starts one by asking for the status
        // (after a restart of the app, or once the server has said the session ended).
        if command != "app_status" && self.lock().session.is_none() {
            self.send("app_status", Value::Null, &SendOptions::default())
                .await?;
        }
        let answer = self.send(command, args, &SendOptions::default()).await?;
        if answer.status == 200 {
            return Ok(answer.body);
        }
        Err(
            serde_json::from_value::<ApiError>(answer.body).unwrap_or_else(|_| {
                ApiError::internal(format!(
                    "The programme server answered {} without saying why.",
                    answer.status
                ))
            }),
        )
    }
}

/// The innermost cause of a failed request, which says what went wrong in words.
fn plain_reason(e: &reqwest::Error) -> String {
    let mut source: &dyn std::error::Error = e;
    while let Some(next) = source.source() {
        source = next;
    }
    if e.is_timeout() {
        "it did not answer in time".into()
    } else {
        source.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::server_url;

    #[test]
    fn server_addresses_are_https_or_this_computer() {
        assert_eq!(
            server_url(" https://Fellowship.example.nhs.uk/ ").unwrap(),
            "https://Fellowship.example.nhs.uk"
        );
        assert_eq!(
            server_url("HTTP://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            server_url("http://[::1]:9000").unwrap(),
            "http://[::1]:9000"
        );
        assert_eq!(
            server_url("https://host.nhs.uk/fellowship").unwrap(),
            "https://host.nhs.uk/fellowship"
        );
        for bad in [
            "",
            "fellowship.nhs.uk",
            "http://fellowship.nhs.uk",
            "ftp://fellowship.nhs.uk",
            "https://user:pw@fellowship.nhs.uk",
            "https://fellowship.nhs.uk/?x=1",
            "https://",
            "http://localhost.evil.example",
        ] {
            let e = server_url(bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("url"), "{bad}");
        }
    }
}
