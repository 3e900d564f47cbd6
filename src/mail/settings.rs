//! The programme's SMTP server, set by faculty. The password goes in and never comes out: the
//! answer says only whether one is kept and whether this machine can read it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::codes::{code_enum, CodeOption};
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};
use crate::validate::email_ok;

code_enum! {
    /// How the connection to the SMTP server is protected.
    Security {
        StartTls = "starttls": "STARTTLS (usually port 587, as NHSmail's relay)",
        Tls = "tls": "TLS from the start (usually port 465)",
        Plain = "none": "None (only for a relay on this computer or network)",
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MailSettings {
    pub enabled: bool,
    pub host: String,
    pub port: i64,
    pub security: Security,
    pub username: String,
    /// A password is kept (sealed).
    pub password_set: bool,
    /// False when the password was sealed on another machine and must be typed again.
    pub password_readable: bool,
    pub from_address: String,
    pub from_name: String,
    /// The address people open the app at: links in messages start with it.
    pub app_url: String,
    /// Days before a 360 round closes on which raters who have not answered are reminded.
    pub reminder_days: Vec<i64>,
    /// An organisation's own certificate authority (PEM), trusted besides the system's.
    pub extra_ca: String,
    pub security_options: Vec<CodeOption>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MailSettingsInput {
    pub enabled: bool,
    pub host: String,
    pub port: String,
    pub security: String,
    pub username: String,
    /// Empty keeps the password already kept.
    pub password: String,
    pub forget_password: bool,
    pub from_address: String,
    pub from_name: String,
    pub app_url: String,
    /// Numbers separated by commas or spaces, e.g. "7, 2".
    pub reminder_days: String,
    pub extra_ca: String,
}

/// The settings the worker sends with.
#[derive(Debug, Clone)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
    pub password: Option<String>,
    pub from_address: String,
    pub from_name: String,
    pub extra_ca: String,
}

/// The settings as stored (one row, id 1).
#[derive(sqlx::FromRow)]
struct Row {
    enabled: i64,
    host: String,
    port: i64,
    security: String,
    username: String,
    password_sealed: Option<String>,
    from_address: String,
    from_name: String,
    app_url: String,
    reminder_days: String,
    extra_ca: String,
}

impl Default for Row {
    /// Before faculty save any: off, STARTTLS on the submission port, reminders 7 and 2 days out.
    fn default() -> Self {
        Row {
            enabled: 0,
            host: String::new(),
            port: 587,
            security: "starttls".into(),
            username: String::new(),
            password_sealed: None,
            from_address: String::new(),
            from_name: String::new(),
            app_url: String::new(),
            reminder_days: "7,2".into(),
            extra_ca: String::new(),
        }
    }
}

const SELECT: &str =
    "SELECT enabled, host, port, security, username, password_sealed, from_address,
    from_name, app_url, reminder_days, extra_ca FROM mail_settings WHERE id = 1";

async fn row(db: &Db) -> Result<Option<Row>> {
    Ok(crate::db::query_as(SELECT).fetch_optional(&db.pool).await?)
}

pub fn parse_days(text: &str) -> Option<Vec<i64>> {
    let mut days = vec![];
    for part in text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let d: i64 = part.parse().ok()?;
        if !(1..=60).contains(&d) {
            return None;
        }
        days.push(d);
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    Some(days)
}

fn view(db: &Db, r: Option<Row>) -> Result<MailSettings> {
    let r = r.unwrap_or_default();
    let password_readable = match &r.password_sealed {
        Some(s) => {
            crate::db::sealed::open(db, crate::db::sealed::Purpose::SmtpPassword, s)?.is_some()
        }
        None => false,
    };
    Ok(MailSettings {
        enabled: r.enabled != 0,
        host: r.host,
        port: r.port,
        security: Security::stored(&r.security)?,
        username: r.username,
        password_set: r.password_sealed.is_some(),
        password_readable,
        from_address: r.from_address,
        from_name: r.from_name,
        app_url: r.app_url,
        reminder_days: parse_days(&r.reminder_days).unwrap_or_default(),
        extra_ca: r.extra_ca,
        security_options: Security::options(),
    })
}

pub async fn get(db: &Db, actor: &Actor) -> Result<MailSettings> {
    require_faculty(actor)?;
    view(db, row(db).await?)
}

/// At least one certificate, and nothing that is not one.
fn pem_certificates(pem: &str) -> bool {
    use rustls_pki_types::pem::PemObject;
    let certs: std::result::Result<Vec<_>, _> =
        rustls_pki_types::CertificateDer::pem_slice_iter(pem.as_bytes()).collect();
    certs.is_ok_and(|c| !c.is_empty())
}

pub async fn save(db: &Db, actor: &Actor, input: MailSettingsInput) -> Result<MailSettings> {
    require_faculty(actor)?;
    let mut c = Checks::new();
    let on = input.enabled;
    let host = input.host.trim();
    if on && host.is_empty() {
        c.fail("host", "Enter the SMTP server's name, like send.nhs.net.");
    } else if host.contains(|ch: char| ch.is_whitespace() || ch == '/' || ch == ':') {
        c.fail(
            "host",
            "Enter the server's name only, like send.nhs.net, without a port or address.",
        );
    }
    let port = input.port.trim().parse::<u16>().ok().filter(|p| *p > 0);
    if port.is_none() {
        c.fail(
            "port",
            "Enter the port as a number from 1 to 65535, usually 587.",
        );
    }
    let security = Security::parse(&input.security);
    if security.is_none() {
        c.fail("security", "Choose how the connection is protected.");
    }
    let from = input.from_address.trim();
    if (on || !from.is_empty()) && !email_ok(from) {
        c.fail(
            "from_address",
            "Enter the address messages come from, like fellowship@nhs.net.",
        );
    }
    let app_url = crate::validate::web_address(&input.app_url);
    if (on || !input.app_url.trim().is_empty()) && app_url.is_none() {
        c.fail(
            "app_url",
            "Enter the address people open the app at, starting https://, like https://fellowship.example.nhs.uk.",
        );
    }
    let days = parse_days(&input.reminder_days);
    if days.is_none() {
        c.fail(
            "reminder_days",
            "Enter days as whole numbers from 1 to 60, separated by commas, like 7, 2.",
        );
    }
    let ca = input.extra_ca.trim();
    if !ca.is_empty() && !pem_certificates(ca) {
        c.fail(
            "extra_ca",
            "Paste the certificate in PEM form, from -----BEGIN CERTIFICATE----- to its END line.",
        );
    }
    let existing = row(db).await?;
    let had_password = existing
        .as_ref()
        .is_some_and(|r| r.password_sealed.is_some());
    let typed_password = !input.password.is_empty();
    if on
        && !input.username.trim().is_empty()
        && !typed_password
        && (!had_password || input.forget_password)
    {
        c.fail("password", "Enter the password for this username.");
    }
    c.finish()?;
    let sealed = if typed_password {
        Some(crate::db::sealed::seal(
            db,
            crate::db::sealed::Purpose::SmtpPassword,
            &input.password,
        )?)
    } else if input.forget_password {
        None
    } else {
        existing.and_then(|r| r.password_sealed)
    };
    let days = days.unwrap_or_default();
    let mut tx = db.begin().await?;
    crate::db::query("DELETE FROM mail_settings")
        .execute(&mut *tx)
        .await?;
    crate::db::query(
        "INSERT INTO mail_settings (id, enabled, host, port, security, username, password_sealed,
            from_address, from_name, app_url, reminder_days, extra_ca, updated_at)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(i64::from(on))
    .bind(host)
    .bind(i64::from(port.unwrap_or(587)))
    .bind(security.unwrap_or(Security::StartTls).code())
    .bind(input.username.trim())
    .bind(sealed)
    .bind(from)
    .bind(input.from_name.trim())
    .bind(app_url.unwrap_or_default())
    .bind(
        days.iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(","),
    )
    .bind(ca)
    .bind(now_stamp())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    get(db, actor).await
}

/// What the worker sends with, when email is on; None when it is off or not set up.
pub async fn smtp(db: &Db) -> Result<Option<Smtp>> {
    let Some(r) = row(db).await? else {
        return Ok(None);
    };
    if r.enabled == 0 || r.host.is_empty() {
        return Ok(None);
    }
    let password = match r.password_sealed {
        Some(s) => crate::db::sealed::open(db, crate::db::sealed::Purpose::SmtpPassword, &s)?,
        None => None,
    };
    Ok(Some(Smtp {
        host: r.host,
        port: u16::try_from(r.port).unwrap_or(587),
        security: Security::stored(&r.security)?,
        username: r.username,
        password,
        from_address: r.from_address,
        from_name: r.from_name,
        extra_ca: r.extra_ca,
    }))
}

/// What queueing needs to know: whether email is on, the programme's name, where links start.
#[derive(Debug, Clone)]
pub struct Active {
    pub programme: String,
    pub app_url: String,
    pub reminder_days: Vec<i64>,
}

pub async fn active(conn: &mut crate::db::Conn) -> Result<Option<Active>> {
    let row: Option<(i64, String, String, String)> = crate::db::query_as(
        "SELECT m.enabled, m.app_url, m.reminder_days, coalesce((SELECT name FROM programmes ORDER BY id LIMIT 1), '')
         FROM mail_settings m WHERE m.id = 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.and_then(|(enabled, app_url, days, programme)| {
        (enabled != 0).then(|| Active {
            programme,
            app_url,
            reminder_days: parse_days(&days).unwrap_or_default(),
        })
    }))
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TestEmailInput {
    pub to: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct TestEmailResult {
    pub message: String,
}

/// Sends one message now, with the saved settings, and says what the server answered.
pub async fn send_test(db: &Db, actor: &Actor, input: TestEmailInput) -> Result<TestEmailResult> {
    require_faculty(actor)?;
    let to = input.to.trim();
    if !email_ok(to) {
        return Err(ApiError::field(
            "to",
            "Enter the address to send the test message to.",
        ));
    }
    let Some(smtp) = smtp(db).await? else {
        return Err(ApiError::field(
            "to",
            "Turn email on and save the settings before sending a test message.",
        ));
    };
    let programme = crate::programme::programmes::current(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let letter = super::compose::Letter {
        subject: format!("Test message from {programme}"),
        greeting: format!("Dear {},", actor.name),
        paragraphs: vec![
            "This is a test message from the programme's Fellowship app. If you can read it, email is set up."
                .into(),
        ],
        ..Default::default()
    };
    let key = format!("test:{}", crate::auth::new_token());
    let msg = super::smtp::Outgoing {
        key,
        to: to.to_owned(),
        subject: letter.subject.clone(),
        text: letter.text(&programme),
        html: letter.html(&programme),
    };
    let transport = super::smtp::transport(&smtp)?;
    super::smtp::send(&transport, &smtp, &msg)
        .await
        .map_err(|e| ApiError::field("to", format!("The message was not sent. {}", e.reason)))?;
    Ok(TestEmailResult {
        message: format!("A test message was sent to {to}. Check that it arrived."),
    })
}
