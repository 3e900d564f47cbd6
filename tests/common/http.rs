//! A browser's view of the programme server for tests: the core's own client (cookies set by
//! the server, the CSRF header), with knobs to forge a token or send from another site.

use std::sync::Arc;

use fellowship::api::session::Workspaces;
use fellowship::transport::client::{Answer, Remote, SendOptions};
use fellowship::transport::server::Server;
use serde_json::Value;

/// Starts the server on a free loopback port; returns its base address.
pub async fn start(ws: Workspaces) -> String {
    start_server(Server::new(ws)).await
}

/// Starts this server (its own limits, public addresses) over plain HTTP on a free loopback port.
pub async fn start_server(server: Server) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server.run(listener, None, None));
    format!("http://{addr}")
}

/// Clones share one session (one cookie jar), as two tabs of one browser do.
#[derive(Clone)]
pub struct Browser {
    remote: Arc<Remote>,
    /// Sent as the CSRF token instead of the session's own.
    pub forged_token: Option<String>,
    /// Sent as `Origin` when set (a page of that site made the request).
    pub origin: Option<String>,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        Browser {
            remote: Arc::new(Remote::new(base).unwrap()),
            forged_token: None,
            origin: None,
        }
    }

    /// Sends one command as a page of the app would: cookies, and the CSRF header.
    pub async fn send(&mut self, command: &str, args: Value, with_token: bool) -> Answer {
        let opts = SendOptions {
            with_token,
            forged_token: self.forged_token.clone(),
            origin: self.origin.clone(),
        };
        self.remote.send(command, args, &opts).await.unwrap()
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
        self.remote.call(command, args).await.map_err(|e| {
            let kind = serde_json::to_value(e.kind).unwrap();
            (kind.as_str().unwrap_or("?").to_owned(), e.message)
        })
    }
}
