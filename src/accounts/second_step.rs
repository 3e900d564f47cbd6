//! A second step at sign-in: time-based one-time codes (RFC 6238, by totp-rs) from an
//! authenticator app, set up by scanning a QR code, with ten single-use recovery codes of which
//! only hashes are kept. Faculty, who hold every fellow's record, can be required to use it.
//! Each code works once (the last time step used is kept), and guesses are limited exactly as
//! password guesses are.

use rand::RngCore;
use serde::{Deserialize, Serialize};
use totp_rs::{Builder, Secret, Totp};
use ts_rs::TS;

use crate::auth::access::require_faculty;
use crate::auth::{self, Actor, Role};
use crate::db::sealed::{self, Purpose};
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Result};

pub const RECOVERY_CODES: usize = 10;

/// What stands between a right password and being signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SecondStepNeed {
    /// Type the code from the authenticator app (or a recovery code).
    Code,
    /// The programme requires a second step and this account has none yet: set it up.
    Setup,
}

/// Setting up: the key to add to the authenticator app, as text and as a QR code.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SecondStepSetup {
    /// The key in base32, in groups of four, for typing into the app by hand.
    pub key: String,
    pub otpauth_url: String,
    /// The QR code of `otpauth_url`, as an SVG data: URL for an <img>.
    pub qr_image: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CodeEntry {
    pub code: String,
}

/// Shown once, when the second step is turned on.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SecondStepStatus {
    pub on: bool,
    pub recovery_codes_left: i64,
    /// This person must keep it on (a faculty member, when the programme requires it).
    pub required: bool,
    /// The programme's rule, for faculty to see and change.
    pub required_for_faculty: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SecondStepRule {
    pub required_for_faculty: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UserRef {
    pub user_id: i64,
}

fn totp(secret: &[u8], account: &str, issuer: &str) -> Result<Totp> {
    // The authenticator apps' common ground: SHA-1, six digits, thirty seconds, one step of skew.
    Builder::new()
        .with_secret(secret.to_vec())
        .with_account_name(account.replace(':', " "))
        .with_issuer(Some(issuer.replace(':', " ")))
        .build()
        .map_err(|e| ApiError::internal(format!("Second step: {e}")))
}

fn unix_now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0)
}

async fn issuer(db: &Db) -> Result<String> {
    Ok(crate::programme::programmes::current(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_else(|| "Fellowship".into()))
}

/// (secret, confirmed, last step) of the account's second step, if it has one.
async fn stored(db: &Db, user_id: i64) -> Result<Option<(Vec<u8>, bool, i64)>> {
    let row: Option<(String, Option<String>, i64)> = crate::db::query_as(
        "SELECT secret_sealed, confirmed_at, last_step FROM second_steps WHERE user_id = ?",
    )
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((sealed_secret, confirmed, last)) = row else {
        return Ok(None);
    };
    let secret = sealed::open(db, Purpose::SecondStep, &sealed_secret)?.ok_or_else(|| {
        ApiError::field(
            "code",
            "This computer cannot read your second step (the programme was moved without its key file). Ask the programme office to reset it.",
        )
    })?;
    let bytes = Secret::try_from_base32(&secret)
        .map_err(|_| ApiError::internal("A stored second-step key is not readable."))?;
    Ok(Some((bytes.to_vec(), confirmed.is_some(), last)))
}

pub async fn is_on(db: &Db, user_id: i64) -> Result<bool> {
    let n: i64 = crate::db::query_scalar(
        "SELECT count(*) FROM second_steps WHERE user_id = ? AND confirmed_at IS NOT NULL",
    )
    .bind(user_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

async fn required_for_faculty(db: &Db) -> Result<bool> {
    let on: Option<i64> = crate::db::query_scalar(
        "SELECT second_step_for_faculty FROM programmes ORDER BY id LIMIT 1",
    )
    .fetch_optional(&db.pool)
    .await?;
    Ok(on.unwrap_or(0) != 0)
}

async fn required(db: &Db, role: Role) -> Result<bool> {
    Ok(role == Role::Faculty && required_for_faculty(db).await?)
}

/// What this account must do after a right password, if anything.
pub async fn need(db: &Db, actor: &Actor) -> Result<Option<SecondStepNeed>> {
    if is_on(db, actor.user_id).await? {
        Ok(Some(SecondStepNeed::Code))
    } else if required(db, actor.role()).await? {
        Ok(Some(SecondStepNeed::Setup))
    } else {
        Ok(None)
    }
}

/// A new key for the account, kept unconfirmed until a code from it is typed back.
pub async fn begin(db: &Db, actor: &Actor) -> Result<SecondStepSetup> {
    if is_on(db, actor.user_id).await? {
        return Err(ApiError::conflict(
            "code",
            "Your second step is already on. Turn it off first to move it to a new app.",
        ));
    }
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = Secret::from(bytes.to_vec()).to_base32();
    let t = totp(&bytes, &actor.email, &issuer(db).await?)?;
    let url = t
        .to_url()
        .map_err(|e| ApiError::internal(format!("Second step: {e}")))?;
    let svg = qrcode::QrCode::new(url.as_bytes())
        .map_err(|e| ApiError::internal(format!("QR code: {e}")))?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    let mut tx = db.begin().await?;
    crate::db::query("DELETE FROM second_steps WHERE user_id = ?")
        .bind(actor.user_id)
        .execute(&mut *tx)
        .await?;
    crate::db::query(
        "INSERT INTO second_steps (user_id, secret_sealed, created_at) VALUES (?, ?, ?)",
    )
    .bind(actor.user_id)
    .bind(sealed::seal(db, Purpose::SecondStep, &secret)?)
    .bind(now_stamp())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let key = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(SecondStepSetup {
        key,
        otpauth_url: url,
        qr_image: format!(
            "data:image/svg+xml;base64,{}",
            data_encoding::BASE64.encode(svg.as_bytes())
        ),
    })
}

fn wrong() -> ApiError {
    ApiError::field(
        "code",
        "That code is not right, or has been used. Enter the 6-digit code your app shows now, or one of your recovery codes.",
    )
}

/// Digits only for a time code; letters and digits for a recovery code; spaces and dashes go.
fn tidy(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// Accepts a time code once: its step must be later than the last one used.
async fn take_time_code(db: &Db, user_id: i64, secret: &[u8], code: &str) -> Result<bool> {
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(false);
    }
    let Some(step) = totp(secret, "x", "x")?.check(code, unix_now()) else {
        return Ok(false);
    };
    let step = i64::try_from(step).unwrap_or(i64::MAX);
    let taken = crate::db::query(
        "UPDATE second_steps SET last_step = ? WHERE user_id = ? AND last_step < ?",
    )
    .bind(step)
    .bind(user_id)
    .bind(step)
    .execute(&db.pool)
    .await?;
    Ok(taken.rows_affected() == 1)
}

fn recovery_code() -> String {
    let mut bytes = [0u8; 5];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let s = data_encoding::BASE32_NOPAD.encode(&bytes).to_lowercase();
    format!("{}-{}", &s[..4], &s[4..])
}

/// Turns the second step on with a code from the new key; returns the recovery codes, once.
pub async fn confirm(db: &Db, actor: &Actor, entry: CodeEntry) -> Result<RecoveryCodes> {
    let Some((secret, confirmed, _)) = stored(db, actor.user_id).await? else {
        return Err(ApiError::field(
            "code",
            "Start setting up your second step first.",
        ));
    };
    if confirmed {
        return Err(ApiError::conflict(
            "code",
            "Your second step is already on.",
        ));
    }
    auth::count_attempt(
        db,
        &format!("second-step:{}", actor.user_id),
        "set-up",
        "code",
    )
    .await?;
    let code = tidy(&entry.code);
    if code.is_empty() {
        return Err(ApiError::field(
            "code",
            "Enter the 6-digit code your app shows.",
        ));
    }
    if !take_time_code(db, actor.user_id, &secret, &code).await? {
        return Err(ApiError::field(
            "code",
            "That code is not right. Check the app shows this programme, and enter the 6-digit code it shows now.",
        ));
    }
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
    let mut tx = db.begin().await?;
    crate::db::query("UPDATE second_steps SET confirmed_at = ? WHERE user_id = ?")
        .bind(now_stamp())
        .bind(actor.user_id)
        .execute(&mut *tx)
        .await?;
    crate::db::query("DELETE FROM recovery_codes WHERE user_id = ?")
        .bind(actor.user_id)
        .execute(&mut *tx)
        .await?;
    for c in &codes {
        crate::db::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)")
            .bind(actor.user_id)
            .bind(auth::token_hash(&tidy(c)))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(RecoveryCodes { codes })
}

/// Checks the second step at sign-in (or before turning it off): a time code once, or a
/// recovery code once. Counted against the same limits as passwords.
pub async fn verify(db: &Db, user_id: i64, entry: &CodeEntry, client: &str) -> Result<()> {
    let code = tidy(&entry.code);
    if code.is_empty() {
        return Err(ApiError::field(
            "code",
            "Enter the 6-digit code your app shows.",
        ));
    }
    let counted = format!("second-step:{user_id}");
    auth::count_attempt(db, &counted, client, "code").await?;
    let Some((secret, true, _)) = stored(db, user_id).await? else {
        return Err(wrong());
    };
    if take_time_code(db, user_id, &secret, &code).await? {
        return auth::succeeded(db, &counted, client).await;
    }
    let used = crate::db::query(
        "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
    )
    .bind(now_stamp())
    .bind(user_id)
    .bind(auth::token_hash(&code))
    .execute(&db.pool)
    .await?;
    if used.rows_affected() == 1 {
        auth::succeeded(db, &counted, client).await
    } else {
        Err(wrong())
    }
}

pub async fn status(db: &Db, actor: &Actor) -> Result<SecondStepStatus> {
    let left: i64 = crate::db::query_scalar(
        "SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
    )
    .bind(actor.user_id)
    .fetch_one(&db.pool)
    .await?;
    let on = is_on(db, actor.user_id).await?;
    Ok(SecondStepStatus {
        on,
        recovery_codes_left: if on { left } else { 0 },
        required: required(db, actor.role()).await?,
        required_for_faculty: required_for_faculty(db).await?,
    })
}

/// Turns it off, with a code to prove the app is in hand; not while the programme requires it.
pub async fn remove(db: &Db, actor: &Actor, entry: CodeEntry) -> Result<SecondStepStatus> {
    if required(db, actor.role()).await? {
        return Err(ApiError::conflict(
            "code",
            "The programme requires faculty to use a second step, so it cannot be turned off.",
        ));
    }
    verify(db, actor.user_id, &entry, auth::THIS_COMPUTER).await?;
    clear(db, actor.user_id).await?;
    status(db, actor).await
}

async fn clear(db: &Db, user_id: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    for sql in [
        "DELETE FROM second_steps WHERE user_id = ?",
        "DELETE FROM recovery_codes WHERE user_id = ?",
    ] {
        crate::db::query(sql)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Faculty reset someone's second step (a lost phone and no recovery codes): they set it up
/// again at their next sign-in if the programme requires it.
pub async fn reset(db: &Db, actor: &Actor, input: UserRef) -> Result<SecondStepStatus> {
    require_faculty(actor)?;
    let user = auth::actor_by_id(db, input.user_id)
        .await
        .map_err(|_| ApiError::field("user_id", "That account does not exist."))?;
    clear(db, user.user_id).await?;
    status(db, &user).await
}

pub async fn set_rule(db: &Db, actor: &Actor, rule: SecondStepRule) -> Result<SecondStepStatus> {
    require_faculty(actor)?;
    crate::db::query("UPDATE programmes SET second_step_for_faculty = ?")
        .bind(i64::from(rule.required_for_faculty))
        .execute(&db.pool)
        .await?;
    status(db, actor).await
}

/// The current code for a key (for tests, which play the authenticator app).
pub fn code_at(key: &str, unix_seconds: u64) -> Option<String> {
    let bytes = Secret::try_from_base32(key.replace(' ', "")).ok()?;
    Some(
        totp(&bytes, "x", "x")
            .ok()?
            .generate(unix_seconds)
            .to_string(),
    )
}
