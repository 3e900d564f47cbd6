//! A real OpenID Connect provider for the tests (tests/oidc/provider.mjs: the npm package
//! oidc-provider), and a browser played over HTTP that signs in at it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

pub const SERVER_CLIENT: &str = "fellowship-server";
pub const SERVER_SECRET: &str = "fellowship-server-secret";
pub const DESKTOP_CLIENT: &str = "fellowship-desktop";
/// The server client's registered return address in the core tests (never opened: the test reads
/// the code and state from the redirect).
pub const RETURN_TO: &str = "http://127.0.0.1:9/";

pub struct OidcProvider {
    pub issuer: String,
    child: Child,
}

impl OidcProvider {
    pub fn start(redirects: &[&str]) -> OidcProvider {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oidc/provider.mjs");
        let mut cmd = Command::new("node");
        cmd.arg(script).args(["--port", "0"]);
        for r in redirects {
            cmd.args(["--redirect", r]);
        }
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs tests/oidc/provider.mjs (install-deps --test installs it)");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let issuer = loop {
            let line = lines
                .next()
                .expect("the provider says where it listens")
                .unwrap();
            if let Some(i) = line.strip_prefix("issuer ") {
                break i.to_owned();
            }
        };
        // Keep reading: the provider's later notices must not meet a closed pipe.
        std::thread::spawn(move || lines.for_each(drop));
        OidcProvider { issuer, child }
    }

    /// The programme's settings for this provider.
    pub fn settings(&self, client: &str, required: bool) -> Value {
        json!({
            "enabled": true,
            "issuer": self.issuer,
            "client_id": client,
            "client_secret": if client == SERVER_CLIENT { SERVER_SECRET } else { "" },
            "forget_secret": false,
            "email_claim": "email",
            "required": required,
        })
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How the person signs in at the provider.
pub struct Person<'a> {
    pub email: &'a str,
    pub subject: &'a str,
    pub multi_factor: bool,
    pub verified: bool,
}

impl<'a> Person<'a> {
    pub fn new(email: &'a str) -> Self {
        Person {
            email,
            subject: "",
            multi_factor: false,
            verified: true,
        }
    }
}

/// Plays the browser: opens `url`, signs in as `who` at the provider's page, follows redirects
/// until one leaves the provider, and returns that address (the app's return address with the
/// code and state).
pub async fn sign_in_at_provider(issuer: &str, url: &str, who: &Person<'_>) -> String {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut next = url.to_owned();
    for _ in 0..12 {
        if !next.starts_with(issuer) {
            return next;
        }
        let res = browser.get(&next).send().await.unwrap();
        if res.status().is_redirection() {
            next = location(issuer, &res);
            continue;
        }
        assert_eq!(res.status(), 200, "the provider's page at {next}");
        // The sign-in page: post its form.
        let action = format!("{next}/login");
        let mut form = vec![
            ("email", who.email.to_owned()),
            ("sub", who.subject.to_owned()),
        ];
        if who.multi_factor {
            form.push(("mfa", "1".into()));
        }
        if !who.verified {
            form.push(("unverified", "1".into()));
        }
        let res = browser.post(&action).form(&form).send().await.unwrap();
        assert!(res.status().is_redirection(), "signed in at the provider");
        next = location(issuer, &res);
    }
    panic!("the provider kept redirecting");
}

/// Where a redirect goes, made absolute against the provider's address.
fn location(issuer: &str, res: &reqwest::Response) -> String {
    let to = res.headers()["location"].to_str().unwrap();
    if to.starts_with('/') {
        format!("{issuer}{to}")
    } else {
        to.to_owned()
    }
}

/// The callback's fields from the return address.
pub fn callback_of(return_address: &str) -> Value {
    let query = return_address.split_once('?').map_or("", |(_, q)| q);
    let back = fellowship::accounts::org_sign_in::loopback::parse_query(query);
    json!({"code": back.code, "state": back.state, "error": back.error,
           "error_description": back.error_description})
}
