//! A browser's view of the programme server for tests: its cookies (set by the server), the CSRF
//! header it must send, and JSON in and out.

use fellowship::server::{Server, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE};
use fellowship::session::Workspaces;
use serde_json::Value;

/// Starts the server on a free loopback port; returns its base address.
pub async fn start(ws: Workspaces) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = Server::new(ws).router(None);
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

#[derive(Clone, Default)]
pub struct Browser {
    pub base: String,
    pub session: Option<String>,
    pub csrf: Option<String>,
    /// Sent as `Origin` when set (a page of that site made the request).
    pub origin: Option<String>,
    pub client: reqwest::Client,
}

pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub set_cookies: Vec<String>,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Browser {
            base: base.to_owned(),
            ..Default::default()
        }
    }

    /// Sends one command as a page of the app would: cookies, and the CSRF header.
    pub async fn send(&mut self, command: &str, args: Value, with_token: bool) -> Answer {
        let mut req = self
            .client
            .post(format!("{}/api/{command}", self.base))
            .header("content-type", "application/json")
            .body(args.to_string());
        let mut cookies = vec![];
        if let Some(s) = &self.session {
            cookies.push(format!("{SESSION_COOKIE}={s}"));
        }
        if let Some(c) = &self.csrf {
            cookies.push(format!("{CSRF_COOKIE}={c}"));
            if with_token {
                req = req.header(CSRF_HEADER, c);
            }
        }
        if !cookies.is_empty() {
            req = req.header("cookie", cookies.join("; "));
        }
        if let Some(o) = &self.origin {
            req = req.header("origin", o);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let set_cookies: Vec<String> = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        for c in &set_cookies {
            let (kv, _) = c.split_once(';').unwrap_or((c, ""));
            match kv.split_once('=') {
                Some((SESSION_COOKIE, v)) => self.session = Some(v.to_owned()),
                Some((CSRF_COOKIE, v)) => self.csrf = Some(v.to_owned()),
                _ => {}
            }
        }
        let body = res.json().await.unwrap_or(Value::Null);
        Answer {
            status,
            body,
            set_cookies,
        }
    }

    /// Loads the app (its first call asks for the status) and signs in.
    pub async fn signed_in(base: &str, email: &str, password: &str) -> Browser {
        let mut b = Browser::new(base);
        assert_eq!(b.send("app_status", Value::Null, false).await.status, 200);
        let a = b
            .send(
                "sign_in",
                serde_json::json!({"email": email, "password": password}),
                true,
            )
            .await;
        assert_eq!(a.status, 200, "{}", a.body);
        b
    }

    /// The command's answer, or the error's kind and message.
    pub async fn call(&mut self, command: &str, args: Value) -> Result<Value, (String, String)> {
        let a = self.send(command, args, true).await;
        if a.status == 200 {
            Ok(a.body)
        } else {
            Err((
                a.body["kind"].as_str().unwrap_or("?").to_owned(),
                a.body["message"].as_str().unwrap_or("").to_owned(),
            ))
        }
    }
}
