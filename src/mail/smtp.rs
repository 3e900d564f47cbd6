//! Talking to the SMTP server, through lettre: STARTTLS or TLS with the system's trusted CAs
//! (plus an organisation's own, when given), authentication, one pooled connection reused
//! across a batch.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::settings::{Security, Smtp};

/// How many messages the worker sends at once, over as many SMTP connections.
pub const PARALLEL: usize = 8;
use crate::error::{ApiError, Result};

pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// One message ready to go.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub key: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Why a message did not go, in the server's words, and whether trying again could help.
#[derive(Debug, Clone)]
pub struct SendError {
    pub reason: String,
    pub permanent: bool,
}

pub fn transport(smtp: &Smtp) -> Result<Transport> {
    let tls_error = |e: lettre::transport::smtp::Error| {
        ApiError::field(
            "extra_ca",
            format!("The TLS settings could not be used: {e}"),
        )
    };
    let mut params = TlsParameters::builder(smtp.host.clone());
    if !smtp.extra_ca.trim().is_empty() {
        let ca = Certificate::from_pem(smtp.extra_ca.as_bytes()).map_err(tls_error)?;
        params = params.add_root_certificate(ca);
    }
    let params = params.build_rustls().map_err(tls_error)?;
    let tls = match smtp.security {
        Security::StartTls => Tls::Required(params),
        Security::Tls => Tls::Wrapper(params),
        Security::Plain => Tls::None,
    };
    let mut builder = Transport::builder_dangerous(smtp.host.clone())
        .port(smtp.port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(30)))
        .pool_config(PoolConfig::new().max_size(PARALLEL as u32));
    if let (false, Some(password)) = (smtp.username.is_empty(), &smtp.password) {
        builder = builder.credentials(Credentials::new(smtp.username.clone(), password.clone()));
    }
    Ok(builder.build())
}

/// The Message-ID: the same for every attempt at one message, so a resend is recognisable.
fn message_id(key: &str, from: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = data_encoding::HEXLOWER.encode(&Sha256::digest(key.as_bytes())[..16]);
    let domain = from
        .rsplit_once('@')
        .map(|(_, d)| d)
        .unwrap_or("fellowship.invalid");
    format!("<{digest}@{domain}>")
}

pub fn build(smtp: &Smtp, msg: &Outgoing) -> std::result::Result<Message, SendError> {
    let bad = |what: &str| SendError {
        reason: format!("The {what} is not an email address that can be used."),
        permanent: true,
    };
    let from_address = smtp
        .from_address
        .parse()
        .map_err(|_| bad("sender's address"))?;
    let from = Mailbox::new(
        (!smtp.from_name.is_empty()).then(|| smtp.from_name.clone()),
        from_address,
    );
    let to: Mailbox = msg.to.parse().map_err(|_| bad("recipient's address"))?;
    Message::builder()
        .message_id(Some(message_id(&msg.key, &smtp.from_address)))
        .from(from)
        .to(to)
        .subject(msg.subject.clone())
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(msg.text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(msg.html.clone()),
                ),
        )
        .map_err(|e| SendError {
            reason: format!("The message could not be made: {e}"),
            permanent: true,
        })
}

pub async fn send(
    transport: &Transport,
    smtp: &Smtp,
    msg: &Outgoing,
) -> std::result::Result<(), SendError> {
    let message = build(smtp, msg)?;
    transport.send(message).await.map(|_| ()).map_err(|e| {
        let code = e.status().map(|c| c.to_string()).unwrap_or_default();
        // A refusal of this message (5xx) stands; a refusal of our sign-in (53x) is the
        // settings' fault and clears once they are mended, so it is tried again.
        let permanent = e.is_permanent() && !code.starts_with("53");
        SendError {
            reason: describe(&e),
            permanent,
        }
    })
}

fn describe(e: &lettre::transport::smtp::Error) -> String {
    let text = e.to_string();
    if e.is_timeout() {
        format!("The server did not answer in time ({text}).")
    } else if e.is_tls() {
        format!("The secure connection failed ({text}).")
    } else if e.status().is_some() {
        format!("The server refused it: {text}")
    } else {
        format!("The server could not be reached ({text}).")
    }
}
