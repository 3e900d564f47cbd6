//! Room `auth`: who is calling and what they may do. Uses the base and `db`. `access` is the
//! one rights policy every room asks; `visibility` keeps private fields to their owners.
//!
//! Accounts, roles and signing in. Passwords are hashed with argon2id (the `argon2` crate's
//! default parameters); the acting user (`Actor`) is what every core operation checks.

pub mod access;
pub mod passwords;
pub mod throttle;
pub mod visibility;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};
use crate::validate::{email_ok, required, MAX_EMAIL_LEN};

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

/// The signed-in user as the core sees them: who they are and the part they play.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub part: Part,
}

/// A role with the record it ties the person to: a fellow always has their fellow record, host
/// staff always their organisation, so no rule has to guess what a missing one means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Faculty,
    Fellow { fellow_id: i64 },
    HostSponsor { host_id: i64 },
    Mentor { host_id: i64 },
}

impl Part {
    /// From an account's role and links; a role without the link it needs is refused.
    pub fn of(role: Role, fellow_id: Option<i64>, host_id: Option<i64>) -> Result<Part> {
        let missing = || ApiError::internal("This account's role is not linked to its record.");
        Ok(match role {
            Role::Faculty => Part::Faculty,
            Role::Fellow => Part::Fellow {
                fellow_id: fellow_id.ok_or_else(missing)?,
            },
            Role::HostSponsor => Part::HostSponsor {
                host_id: host_id.ok_or_else(missing)?,
            },
            Role::Mentor => Part::Mentor {
                host_id: host_id.ok_or_else(missing)?,
            },
        })
    }
}

impl Actor {
    pub fn role(&self) -> Role {
        match self.part {
            Part::Faculty => Role::Faculty,
            Part::Fellow { .. } => Role::Fellow,
            Part::HostSponsor { .. } => Role::HostSponsor,
            Part::Mentor { .. } => Role::Mentor,
        }
    }

    /// A fellow's own fellow record.
    pub fn fellow_id(&self) -> Option<i64> {
        match self.part {
            Part::Fellow { fellow_id } => Some(fellow_id),
            _ => None,
        }
    }

    /// A host sponsor's or mentor's organisation.
    pub fn host_id(&self) -> Option<i64> {
        match self.part {
            Part::HostSponsor { host_id } | Part::Mentor { host_id } => Some(host_id),
            _ => None,
        }
    }

    /// As the UI receives it.
    pub fn view(&self) -> ActorView {
        ActorView {
            user_id: self.user_id,
            name: self.name.clone(),
            email: self.email.clone(),
            role: self.role(),
            fellow_id: self.fellow_id(),
            host_id: self.host_id(),
        }
    }
}

/// The signed-in user as the UI receives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "Actor")]
pub struct ActorView {
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
            part: Part::of(role, self.fellow_id, self.host_id)?,
        })
    }
}

pub use crate::validate::{MAX_PASSWORD_LEN, MIN_PASSWORD_LEN};

/// Password hashes computed at once. Each argon2 hash holds 19 MiB while it runs, so a burst of
/// sign-ins waits here instead of growing the server's memory; one per core keeps them all busy.
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    tokio::sync::Semaphore::new(cores.max(1))
});

/// Each password hash allocates 19 MiB and frees it. glibc then raises its threshold for serving
/// large blocks from per-thread arenas, which keep them after they are freed: 100 sign-ins at
/// once left a server at 480 MB where it started at 25. A fixed threshold sends such blocks
/// back to the system as soon as they are freed (75 MB at the peak of the same burst).
pub fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; any value is valid for M_MMAP_THRESHOLD.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Runs one password hash or check under the limit above, off the async threads.
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    let _permit = HASHING
        .acquire()
        .await
        .map_err(|_| ApiError::internal("The password check is not available."))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(format!("The password check stopped: {e}")))
}

pub async fn hash_password(password: &str) -> Result<String> {
    let password = password.to_owned();
    hashing(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| ApiError::internal(format!("Could not protect the password: {e}")))
    })
    .await?
}

/// A hash of no one's password, checked when the email has no account, so that a known and an
/// unknown email take the same time.
async fn dummy_hash() -> Result<&'static str> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| hash_password("no account has this password"))
        .await
        .map(String::as_str)
}

async fn verify_password(password: &str, hash: &str) -> Result<bool> {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    hashing(move || {
        PasswordHash::new(&hash).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
    })
    .await
}

pub async fn user_count(db: &Db) -> Result<i64> {
    let (n,): (i64,) = crate::db::query_as("SELECT count(*) FROM users")
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}

/// A secret for a one-time link or a private address: 256 random bits, URL-safe. Only its
/// `token_hash` is ever stored, so the database alone cannot open what it opens.
pub fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE64URL_NOPAD.encode(&bytes)
}

/// What is stored of a token (SHA-256 of it as typed, spaces around it ignored).
pub fn token_hash(token: &str) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.trim().as_bytes()).to_vec()
}

/// Where an attempt comes from: the client's network address on the programme server, or this
/// computer for the desktop app.
pub const THIS_COMPUTER: &str = "this computer";

const NOT_RIGHT: &str = "The email address or password is not right.";

/// Signs in from this computer (the desktop app, the command line, tests).
pub async fn sign_in(db: &Db, input: &SignInInput) -> Result<Actor> {
    sign_in_from(db, input, THIS_COMPUTER).await
}

/// Counts the attempt against the account from this client and against the client across
/// accounts, in one write transaction, before any password is checked (see `throttle`).
/// Counts one attempt at `email`'s secret (its password, or "second-step:<id>" for its code)
/// from `client`; refuses, on `field`, while the limits say wait.
pub(crate) async fn count_attempt(db: &Db, email: &str, client: &str, field: &str) -> Result<()> {
    use crate::auth::throttle::{attempt, Count, Decision};
    let now = chrono::Utc::now();
    let parse = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.with_timezone(&chrono::Utc))
    };
    let mut tx = db.begin().await?;
    // Quiet for a day: nothing left to count.
    crate::db::query("DELETE FROM sign_in_attempts WHERE next_allowed < ?")
        .bind((now - chrono::Duration::days(1)).to_rfc3339())
        .execute(&mut *tx)
        .await?;
    let keys = [
        (
            format!("account:{email}|{client}"),
            Some(email),
            crate::auth::throttle::FREE_ATTEMPTS,
        ),
        (
            format!("client:{client}"),
            None,
            crate::auth::throttle::FREE_ATTEMPTS_PER_CLIENT,
        ),
    ];
    let mut counted = vec![];
    for (key, email, free) in &keys {
        let row: Option<(i64, String, String)> = crate::db::query_as(
            "SELECT attempts, window_start, next_allowed FROM sign_in_attempts WHERE key = ?",
        )
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
        let current = row.and_then(|(attempts, start, next)| {
            Some(Count {
                attempts,
                window_start: parse(&start)?,
                next_allowed: parse(&next)?,
            })
        });
        match attempt(current.as_ref(), now, *free) {
            Decision::Wait(until) => {
                return Err(ApiError::field(
                    field,
                    crate::auth::throttle::wait_message(until, now),
                ))
            }
            Decision::Allowed(count) => counted.push((key, email, count)),
        }
    }
    for (key, email, c) in counted {
        crate::db::query(
            "INSERT INTO sign_in_attempts (key, email, attempts, window_start, next_allowed) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET attempts = excluded.attempts,
               window_start = excluded.window_start, next_allowed = excluded.next_allowed",
        )
        .bind(key)
        .bind(email)
        .bind(c.attempts)
        .bind(c.window_start.to_rfc3339())
        .bind(c.next_allowed.to_rfc3339())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The owner is in: this client's count for the account starts again, and the client's own
/// count keeps only its failures.
pub(crate) async fn succeeded(db: &Db, email: &str, client: &str) -> Result<()> {
    crate::db::query("DELETE FROM sign_in_attempts WHERE key = ?")
        .bind(format!("account:{email}|{client}"))
        .execute(&db.pool)
        .await?;
    crate::db::query(
        "UPDATE sign_in_attempts SET attempts = attempts - 1 WHERE key = ? AND attempts > 0",
    )
    .bind(format!("client:{client}"))
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Signs in from `client`. Lengths are checked before anything else; every attempt is counted
/// before its password is checked; an unknown email is checked against a dummy hash, so it takes
/// as long as a known one.
pub async fn sign_in_from(db: &Db, input: &SignInInput, client: &str) -> Result<Actor> {
    let mut c = Checks::new();
    if input.email.trim().is_empty() {
        c.fail("email", "Enter your email address.");
    } else if input.email.chars().count() > MAX_EMAIL_LEN {
        c.fail(
            "email",
            format!("An email address has at most {MAX_EMAIL_LEN} characters."),
        );
    }
    if input.password.is_empty() {
        c.fail("password", "Enter your password.");
    } else if input.password.chars().count() > MAX_PASSWORD_LEN {
        c.fail("password", NOT_RIGHT);
    }
    c.finish()?;
    let email = input.email.trim().to_lowercase();
    count_attempt(db, &email, client, "password").await?;
    let row: Option<UserRow> = crate::db::query_as(
        "SELECT id, name, email, password_hash, role, fellow_id, host_id, disabled_at FROM users WHERE lower(email) = ?",
    )
    .bind(&email)
    .fetch_optional(&db.pool)
    .await?;
    let hash = match &row {
        Some(r) => r.password_hash.clone(),
        None => dummy_hash().await?.to_owned(),
    };
    let right = verify_password(&input.password, &hash).await?;
    match row {
        Some(row) if right => {
            succeeded(db, &email, client).await?;
            if row.disabled_at.is_some() {
                return Err(ApiError::field("password", DISABLED));
            }
            record_visit(db, row.id).await?;
            row.actor()
        }
        _ => Err(ApiError::field("password", NOT_RIGHT)),
    }
}

/// Each sign-in moves the last visit back to "previous", which Today compares changes with.
pub(crate) async fn record_visit(db: &Db, user_id: i64) -> Result<()> {
    crate::db::query(
        "UPDATE users SET previous_visit_at = last_visit_at, last_visit_at = ? WHERE id = ?",
    )
    .bind(crate::db::now_stamp())
    .bind(user_id)
    .execute(&db.pool)
    .await?;
    Ok(())
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
        _ => Err(ApiError::signed_out(DISABLED)),
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
    crate::auth::passwords::check(
        &mut c,
        "password",
        &input.password,
        &[&input.name, &input.email],
    );
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
    let hash = hash_password(&input.password).await?;
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

impl TryFrom<String> for Role {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, String> {
        Role::parse(&s).ok_or(s)
    }
}
