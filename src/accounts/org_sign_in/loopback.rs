//! The desktop app's return address (RFC 8252 §7.3): the person signs in at their organisation in
//! the system browser, never in a form of ours, and the provider sends the browser back to
//! `http://127.0.0.1:<port>/callback` on this computer, where this listener takes the code and
//! state once and closes.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::oneshot;

use super::flow::{OrgCallback, PENDING_MINUTES};
use crate::error::{ApiError, Result};

pub struct Loopback {
    pub redirect_uri: String,
    pub received: oneshot::Receiver<OrgCallback>,
}

const DONE_PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Fellowship</title></head><body style=\"font-family:Arial,sans-serif;margin:2rem\"><h1>You can go back to Fellowship</h1><p>Close this tab and return to the Fellowship app to carry on.</p></body></html>";

/// Listens on a free port of this computer's loopback address until the provider sends the
/// browser back, or the sign-in's time runs out.
pub async fn start() -> Result<Loopback> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(|e| ApiError::internal(format!("Could not wait for the sign-in: {e}")))?;
    let port = listener
        .local_addr()
        .map_err(|e| ApiError::internal(format!("Could not wait for the sign-in: {e}")))?
        .port();
    let (tx, rx) = oneshot::channel();
    tokio::spawn(async move {
        let wait = std::time::Duration::from_secs(PENDING_MINUTES * 60);
        let _ = tokio::time::timeout(wait, serve(listener, tx)).await;
    });
    Ok(Loopback {
        redirect_uri: format!("http://127.0.0.1:{port}/callback"),
        received: rx,
    })
}

/// The loopback's answer, if the browser has come back: None while it is still out. Once the
/// answer is taken, or the wait has run out (an error saying so), the waiting ends.
pub fn poll(waiting: &mut Option<oneshot::Receiver<OrgCallback>>) -> Result<Option<OrgCallback>> {
    use oneshot::error::TryRecvError;
    let Some(rx) = waiting.as_mut() else {
        return Err(ApiError::signed_out(
            "No organisation sign-in is waiting. Choose \"Sign in with your organisation account\" to start again.",
        ));
    };
    match rx.try_recv() {
        Err(TryRecvError::Empty) => Ok(None),
        Err(TryRecvError::Closed) => {
            *waiting = None;
            Err(ApiError::signed_out(format!(
                "The sign-in was not finished within {PENDING_MINUTES} minutes. Choose \"Sign in with your organisation account\" to start again."
            )))
        }
        Ok(back) => {
            *waiting = None;
            Ok(Some(back))
        }
    }
}

async fn serve(listener: tokio::net::TcpListener, tx: oneshot::Sender<OrgCallback>) {
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            return;
        };
        let mut buf = vec![0u8; 8192];
        let n =
            match tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut buf))
                .await
            {
                Ok(Ok(n)) => n,
                _ => continue,
            };
        let head = String::from_utf8_lossy(&buf[..n]);
        let target = head
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("GET "))
            .and_then(|l| l.split(' ').next())
            .unwrap_or("");
        let Some(query) = target.strip_prefix("/callback?") else {
            let _ = stream
                .write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                )
                .await;
            continue;
        };
        let back = parse_query(query);
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{DONE_PAGE}",
            DONE_PAGE.len()
        );
        let _ = stream.write_all(reply.as_bytes()).await;
        let _ = stream.shutdown().await;
        let _ = tx.send(back);
        return;
    }
}

/// The callback's fields from a query string (percent-decoded; `+` is a space).
pub fn parse_query(query: &str) -> OrgCallback {
    let mut back = OrgCallback::default();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = decode(v);
        match k {
            "code" => back.code = v,
            "state" => back.state = v,
            "error" => back.error = v,
            "error_description" => back.error_description = v,
            _ => {}
        }
    }
    back
}

fn decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| Some(hex(bytes[i + 1])? * 16 + hex(bytes[i + 2])?))
            .flatten();
        match (bytes[i], escaped) {
            (_, Some(b)) => {
                out.push(b as u8);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::parse_query;

    #[test]
    fn reads_the_callback_fields() {
        let b = parse_query("code=a%2Fb&state=x+y&error=&other=1");
        assert_eq!(b.code, "a/b");
        assert_eq!(b.state, "x y");
        assert!(b.error.is_empty());
        let b = parse_query("error=access_denied&error_description=User%20cancelled&state=s");
        assert_eq!(b.error_description, "User cancelled");
        assert_eq!(parse_query("code=%zz%4").code, "%zz%4");
    }
}
