//! Sign-in with the organisation's account (OpenID Connect: NHSmail and most trusts run Microsoft
//! Entra ID). Faculty set the provider once; an account is linked to its identity at the provider
//! the first time, by the email faculty gave it, and found by that identity from then on.
//! `flow` talks to the provider, `link` decides who comes in, `loopback` takes the desktop app's
//! redirect.

pub mod flow;
pub mod link;
pub mod loopback;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::codes::{code_enum, CodeOption};
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};

code_enum! {
    /// Which claim of the ID token holds the person's email address.
    EmailClaim {
        Email = "email": "email (the provider must say it is verified)",
        PreferredUsername = "preferred_username": "preferred_username (Microsoft Entra ID: the sign-in name, which the organisation's directory owns)",
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OrgSignInSettings {
    pub enabled: bool,
    pub issuer: String,
    pub client_id: String,
    /// A client secret is kept (sealed).
    pub secret_set: bool,
    /// False when the secret was sealed on another machine and must be typed again.
    pub secret_readable: bool,
    pub email_claim: EmailClaim,
    /// Passwords are refused except for accounts allowed to fall back to one.
    pub required: bool,
    pub email_claim_options: Vec<CodeOption>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OrgSignInInput {
    pub enabled: bool,
    pub issuer: String,
    pub client_id: String,
    /// Empty keeps the secret already kept.
    pub client_secret: String,
    pub forget_secret: bool,
    pub email_claim: String,
    pub required: bool,
}

/// What the sign-in page offers, for everyone (no secrets).
#[derive(Debug, Clone, Serialize, TS)]
pub struct OrgSignInOffer {
    /// Passwords are refused for most accounts.
    pub required: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OrgSignInStart {
    /// The app's own address to come back to (the programme server); empty in the desktop app,
    /// which waits on this computer's loopback address instead.
    pub return_to: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OrgSignInStarted {
    /// The provider's sign-in page.
    pub url: String,
    /// The desktop app waits here for the system browser (ask with `check_org_sign_in`).
    pub waits_here: bool,
    /// The system browser was opened; if not, the person opens `url` themselves.
    pub browser_opened: bool,
}

/// Everything the flow needs to talk to the provider.
#[derive(Debug, Clone)]
pub struct Provider {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub email_claim: EmailClaim,
}

type Row = (i64, String, String, Option<String>, String, i64);

async fn row(db: &Db) -> Result<Option<Row>> {
    Ok(crate::db::query_as(
        "SELECT enabled, issuer, client_id, secret_sealed, email_claim, required
         FROM org_sign_in WHERE id = 1",
    )
    .fetch_optional(&db.pool)
    .await?)
}

pub async fn get(db: &Db, actor: &Actor) -> Result<OrgSignInSettings> {
    require_faculty(actor)?;
    let (enabled, issuer, client_id, sealed, claim, required) =
        row(db)
            .await?
            .unwrap_or((0, String::new(), String::new(), None, "email".into(), 0));
    let secret_readable = match &sealed {
        Some(s) => {
            crate::db::sealed::open(db, crate::db::sealed::Purpose::OrgClientSecret, s)?.is_some()
        }
        None => false,
    };
    Ok(OrgSignInSettings {
        enabled: enabled != 0,
        issuer,
        client_id,
        secret_set: sealed.is_some(),
        secret_readable,
        email_claim: EmailClaim::stored(&claim)?,
        required: required != 0,
        email_claim_options: EmailClaim::options(),
    })
}

/// An issuer as the provider writes it (kept exactly, trailing slash and all: it must match the
/// provider's own). HTTPS, except on this computer for testing.
fn issuer_ok(issuer: &str) -> bool {
    let local = ["http://127.0.0.1:", "http://localhost:", "http://[::1]:"];
    (issuer.starts_with("https://") || local.iter().any(|l| issuer.starts_with(l)))
        && openidconnect::IssuerUrl::new(issuer.to_owned()).is_ok()
        && !issuer.contains(['?', '#', ' '])
}

pub async fn save(db: &Db, actor: &Actor, input: OrgSignInInput) -> Result<OrgSignInSettings> {
    require_faculty(actor)?;
    let mut c = Checks::new();
    let on = input.enabled;
    let issuer = input.issuer.trim();
    if (on || !issuer.is_empty()) && !issuer_ok(issuer) {
        c.fail(
            "issuer",
            "Enter the provider's issuer address, starting https://, like https://login.microsoftonline.com/<tenant id>/v2.0.",
        );
    }
    let client_id = input.client_id.trim();
    if on && client_id.is_empty() {
        c.fail(
            "client_id",
            "Enter the client (application) id the provider gave this app.",
        );
    }
    let claim = EmailClaim::parse(&input.email_claim);
    if claim.is_none() {
        c.fail("email_claim", "Choose which claim holds the email address.");
    }
    if input.required && !on {
        c.fail(
            "required",
            "Turn organisation sign-in on before requiring it.",
        );
    }
    let linked = link::is_linked(db, actor.user_id, issuer).await?;
    if input.required && on && !linked {
        c.fail(
            "required",
            "Sign in with your organisation account once yourself before requiring it, so nobody is locked out.",
        );
    }
    c.finish()?;
    let existing = row(db).await?;
    let sealed = if !input.client_secret.is_empty() {
        Some(crate::db::sealed::seal(
            db,
            crate::db::sealed::Purpose::OrgClientSecret,
            &input.client_secret,
        )?)
    } else if input.forget_secret {
        None
    } else {
        existing.and_then(|(_, _, _, sealed, _, _)| sealed)
    };
    let mut tx = db.begin().await?;
    crate::db::query("DELETE FROM org_sign_in")
        .execute(&mut *tx)
        .await?;
    crate::db::query(
        "INSERT INTO org_sign_in (id, enabled, issuer, client_id, secret_sealed, email_claim,
            required, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(i64::from(on))
    .bind(issuer)
    .bind(client_id)
    .bind(sealed)
    .bind(claim.unwrap_or(EmailClaim::Email).code())
    .bind(i64::from(input.required && on))
    .bind(now_stamp())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    get(db, actor).await
}

/// The provider to sign in with, when organisation sign-in is on.
pub async fn provider(db: &Db) -> Result<Option<Provider>> {
    let Some((enabled, issuer, client_id, sealed, claim, _)) = row(db).await? else {
        return Ok(None);
    };
    if enabled == 0 || issuer.is_empty() || client_id.is_empty() {
        return Ok(None);
    }
    let client_secret = match sealed {
        Some(s) => Some(
            crate::db::sealed::open(db, crate::db::sealed::Purpose::OrgClientSecret, &s)?.ok_or_else(
                || {
                    ApiError::internal(
                        "The organisation sign-in's client secret was saved on another computer: faculty must enter it again.",
                    )
                },
            )?,
        ),
        None => None,
    };
    Ok(Some(Provider {
        issuer,
        client_id,
        client_secret,
        email_claim: EmailClaim::stored(&claim)?,
    }))
}

/// What the sign-in page shows: None when organisation sign-in is off.
pub async fn offer(db: &Db) -> Result<Option<OrgSignInOffer>> {
    Ok(match row(db).await? {
        Some((1, issuer, client_id, _, _, required))
            if !issuer.is_empty() && !client_id.is_empty() =>
        {
            Some(OrgSignInOffer {
                required: required != 0,
            })
        }
        _ => None,
    })
}

/// A right password opens the account only when the programme does not require organisation
/// sign-in, or faculty let this account fall back to its password. Asked only after the password
/// was right, so it tells nothing to someone guessing.
pub async fn password_may_sign_in(db: &Db, actor: &Actor) -> Result<()> {
    let required = matches!(row(db).await?, Some((1, _, _, _, _, 1)));
    if !required {
        return Ok(());
    }
    let (fallback,): (i64,) =
        crate::db::query_as("SELECT password_fallback FROM users WHERE id = ?")
            .bind(actor.user_id)
            .fetch_one(&db.pool)
            .await?;
    if fallback != 0 {
        return Ok(());
    }
    Err(ApiError::field(
        "password",
        "This programme signs in with your organisation account: choose \"Sign in with your organisation account\". If you cannot, ask the programme office.",
    ))
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PasswordFallbackInput {
    pub user_id: i64,
    pub allowed: bool,
}

/// Lets one account use its password while organisation sign-in is required (someone whose
/// organisation has no provider, or whose provider account is not working yet).
pub async fn set_password_fallback(
    db: &Db,
    actor: &Actor,
    input: PasswordFallbackInput,
) -> Result<Vec<crate::accounts::users::UserSummary>> {
    require_faculty(actor)?;
    let changed = crate::db::query("UPDATE users SET password_fallback = ? WHERE id = ?")
        .bind(i64::from(input.allowed))
        .bind(input.user_id)
        .execute(&db.pool)
        .await?
        .rows_affected();
    if changed == 0 {
        return Err(ApiError::not_found("There is no such account."));
    }
    crate::accounts::users::list_users(db, actor).await
}
