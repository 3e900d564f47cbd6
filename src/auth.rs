//! Accounts, roles and signing in. Passwords are hashed with argon2id (the `argon2` crate's
//! default parameters); the acting user (`Actor`) is what every core operation checks.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};
use crate::validate::{email_ok, required};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Faculty,
    Fellow,
    HostSponsor,
    Mentor,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Faculty => "faculty",
            Role::Fellow => "fellow",
            Role::HostSponsor => "host_sponsor",
            Role::Mentor => "mentor",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        [Role::Faculty, Role::Fellow, Role::HostSponsor, Role::Mentor]
            .into_iter()
            .find(|r| r.code() == s)
    }
}

/// The signed-in user as the core sees them: who they are and what they are attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Actor {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// For a fellow: their own fellow record.
    pub fellow_id: Option<i64>,
    /// For a host sponsor or mentor: their organisation.
    pub host_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SignInInput {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewUserInput {
    pub name: String,
    pub email: String,
    pub password: String,
    pub role: Role,
    pub fellow_id: Option<i64>,
    pub host_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    name: String,
    email: String,
    password_hash: String,
    role: String,
    fellow_id: Option<i64>,
    host_id: Option<i64>,
    disabled_at: Option<String>,
}

impl UserRow {
    fn actor(self) -> Result<Actor> {
        let role = Role::parse(&self.role)
            .ok_or_else(|| ApiError::internal("Unknown role in the database."))?;
        Ok(Actor {
            user_id: self.id,
            name: self.name,
            email: self.email,
            role,
            fellow_id: self.fellow_id,
            host_id: self.host_id,
        })
    }
}

pub const MIN_PASSWORD_LEN: usize = 10;

pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(format!("Could not protect the password: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

pub async fn user_count(db: &Db) -> Result<i64> {
    let (n,): (i64,) = crate::db::query_as("SELECT count(*) FROM users")
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}

/// Failed sign-ins allowed within the window before an address is locked.
pub const MAX_FAILURES: i64 = 5;
/// The window for counting failures, and how long a lock lasts, in minutes.
pub const LOCK_MINUTES: i64 = 15;

pub async fn sign_in(db: &Db, input: &SignInInput) -> Result<Actor> {
    let email = input.email.trim().to_lowercase();
    let now = chrono::Utc::now();
    let record: Option<(i64, String, Option<String>)> = crate::db::query_as(
        "SELECT failures, first_failed_at, locked_until FROM sign_in_failures WHERE email = ?",
    )
    .bind(&email)
    .fetch_optional(&db.pool)
    .await?;
    let parse = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.with_timezone(&chrono::Utc))
    };
    if let Some(until) = record.as_ref().and_then(|r| r.2.as_deref()).and_then(parse) {
        if until > now {
            return Err(ApiError::field(
                "password",
                format!(
                    "Too many attempts to sign in with this email address. Try again after {} (UTC).",
                    until.format("%H:%M")
                ),
            ));
        }
    }
    let row: Option<UserRow> = crate::db::query_as(
        "SELECT id, name, email, password_hash, role, fellow_id, host_id, disabled_at FROM users WHERE lower(email) = lower(?)",
    )
    .bind(input.email.trim())
    .fetch_optional(&db.pool)
    .await?;
    match row {
        Some(row) if verify_password(&input.password, &row.password_hash) => {
            crate::db::query("DELETE FROM sign_in_failures WHERE email = ?")
                .bind(&email)
                .execute(&db.pool)
                .await?;
            if row.disabled_at.is_some() {
                return Err(ApiError::field("password", DISABLED));
            }
            row.actor()
        }
        _ => {
            // A failure outside the window starts a new count.
            let window = chrono::Duration::minutes(LOCK_MINUTES);
            let (failures, first) = match &record {
                Some((n, first, _)) if parse(first).is_some_and(|f| now - f < window) => {
                    (n + 1, first.clone())
                }
                _ => (1, now.to_rfc3339()),
            };
            let locked = (failures >= MAX_FAILURES).then(|| (now + window).to_rfc3339());
            crate::db::query(
                "INSERT INTO sign_in_failures (email, failures, first_failed_at, locked_until) VALUES (?, ?, ?, ?)
                 ON CONFLICT (email) DO UPDATE SET failures = excluded.failures,
                   first_failed_at = excluded.first_failed_at, locked_until = excluded.locked_until",
            )
            .bind(&email)
            .bind(if locked.is_some() { 0 } else { failures })
            .bind(&first)
            .bind(&locked)
            .execute(&db.pool)
            .await?;
            Err(ApiError::field(
                "password",
                "The email address or password is not right.",
            ))
        }
    }
}

const DISABLED: &str = "This account has been disabled. Ask your programme office.";

/// A session stays usable only while its account is enabled: checked on every call, so disabling
/// an account stops a session already open.
pub async fn ensure_enabled(db: &Db, user_id: i64) -> Result<()> {
    let row: Option<(Option<String>,)> =
        crate::db::query_as("SELECT disabled_at FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(&db.pool)
            .await?;
    match row {
        Some((None,)) => Ok(()),
        _ => Err(ApiError {
            message: DISABLED.into(),
            ..ApiError::unauthenticated()
        }),
    }
}

pub async fn actor_by_id(db: &Db, user_id: i64) -> Result<Actor> {
    let row: UserRow = crate::db::query_as(
        "SELECT id, name, email, password_hash, role, fellow_id, host_id, disabled_at FROM users WHERE id = ?",
    )
    .bind(user_id)
    .fetch_one(&db.pool)
    .await?;
    row.actor()
}

fn check_new_user(input: &NewUserInput) -> Result<()> {
    let mut c = Checks::new();
    required(&mut c, "name", &input.name, "Enter a name.");
    if !email_ok(&input.email) {
        c.fail(
            "email",
            "Enter an email address in the right format, like name@nhs.net.",
        );
    }
    if input.password.chars().count() < MIN_PASSWORD_LEN {
        c.fail(
            "password",
            format!("Use a password of at least {MIN_PASSWORD_LEN} characters."),
        );
    }
    check_role_links(&mut c, input.role, input.fellow_id, input.host_id);
    c.finish()
}

/// A fellow's account names its fellow; a sponsor's or mentor's names their organisation.
pub(crate) fn check_role_links(
    c: &mut Checks,
    role: Role,
    fellow_id: Option<i64>,
    host_id: Option<i64>,
) {
    match role {
        Role::Fellow if fellow_id.is_none() => {
            c.fail("fellow_id", "Choose the fellow this account is for.")
        }
        Role::HostSponsor | Role::Mentor if host_id.is_none() => c.fail(
            "host_id",
            "Choose the host organisation this person belongs to.",
        ),
        _ => {}
    }
}

/// Inserts a user after validation; callers check the right to do so.
pub(crate) async fn insert_user(tx: &mut crate::db::Tx, input: &NewUserInput) -> Result<i64> {
    check_new_user(input)?;
    let taken: Option<(i64,)> =
        crate::db::query_as("SELECT id FROM users WHERE lower(email) = lower(?)")
            .bind(input.email.trim())
            .fetch_optional(&mut **tx)
            .await?;
    if taken.is_some() {
        return Err(ApiError::conflict(
            "email",
            "An account with this email address already exists.",
        ));
    }
    let hash = hash_password(&input.password)?;
    let (fellow_id, host_id) = match input.role {
        Role::Faculty => (None, None),
        Role::Fellow => (input.fellow_id, None),
        Role::HostSponsor | Role::Mentor => (None, input.host_id),
    };
    let id = crate::db::query_scalar::<i64>(
        "INSERT INTO users (name, email, password_hash, role, fellow_id, host_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(input.name.trim())
    .bind(input.email.trim())
    .bind(hash)
    .bind(input.role.code())
    .bind(fellow_id)
    .bind(host_id)
    .bind(now_stamp())
    .fetch_one(&mut **tx).await?;
    Ok(id)
}

/// Faculty create accounts for colleagues, fellows and host staff.
pub async fn create_user(db: &Db, actor: &Actor, input: NewUserInput) -> Result<UserSummary> {
    crate::access::require_faculty(actor)?;
    let mut tx = db.begin().await?;
    if let Some(fid) = input.fellow_id.filter(|_| input.role == Role::Fellow) {
        crate::fellows::exists(&mut tx, fid)
            .await
            .map_err(|_| ApiError::field("fellow_id", "That fellow does not exist."))?;
    }
    let id = insert_user(&mut tx, &input).await?;
    tx.commit().await?;
    let a = actor_by_id(db, id).await?;
    Ok(UserSummary {
        id: a.user_id,
        name: a.name,
        email: a.email,
        role: a.role,
        fellow_id: a.fellow_id,
        host_id: a.host_id,
        disabled: false,
    })
}

#[derive(Debug, Clone, Serialize, TS, sqlx::FromRow)]
pub struct UserSummary {
    pub id: i64,
    pub name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub fellow_id: Option<i64>,
    pub host_id: Option<i64>,
    pub disabled: bool,
}

impl TryFrom<String> for Role {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, String> {
        Role::parse(&s).ok_or(s)
    }
}

pub async fn list_users(db: &Db, actor: &Actor) -> Result<Vec<UserSummary>> {
    crate::access::require_faculty(actor)?;
    Ok(
        crate::db::query_as("SELECT id, name, email, role, fellow_id, host_id, disabled_at IS NOT NULL AS disabled FROM users ORDER BY name")
            .fetch_all(&db.pool)
            .await?,
    )
}
