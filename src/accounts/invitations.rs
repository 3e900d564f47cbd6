//! Accounts by invitation. Faculty invite someone by email address; the app makes a one-time
//! sign-up link (shown once, to copy into an email: no mail server is needed) that expires after
//! fourteen days. Only the SHA-256 of its token is stored. The invited person opens the link,
//! chooses their name and password, and is signed in. Faculty can also disable an account: it
//! can no longer sign in, and a session already open stops at its next call.

use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::accounts::users::UserSummary;
use crate::auth::access::require_faculty;
use crate::auth::{self, Actor, NewUserInput, Role};
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};
use crate::validate::email_ok;

pub const VALID_DAYS: i64 = 14;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct InviteInput {
    pub email: String,
    pub role: Role,
    pub fellow_id: Option<i64>,
    pub host_id: Option<i64>,
}

/// The invitation as made: the token is in this answer and nowhere else.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IssuedInvitation {
    pub id: i64,
    pub email: String,
    pub token: String,
    pub expires_at: String,
    /// The link also went by email (email is on).
    pub emailed: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct InvitationSummary {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub created_at: String,
    pub expires_at: String,
    pub used_at: Option<String>,
    /// "open", "used" or "expired".
    pub state: String,
}

pub async fn invite(db: &Db, actor: &Actor, input: InviteInput) -> Result<IssuedInvitation> {
    require_faculty(actor)?;
    let email = input.email.trim().to_owned();
    let mut c = Checks::new();
    if !email_ok(&email) {
        c.fail(
            "email",
            "Enter an email address in the right format, like name@nhs.net.",
        );
    }
    auth::check_role_links(&mut c, input.role, input.fellow_id, input.host_id);
    c.finish()?;
    let taken: Option<(i64,)> =
        crate::db::query_as("SELECT id FROM users WHERE lower(email) = lower(?)")
            .bind(&email)
            .fetch_optional(&db.pool)
            .await?;
    if taken.is_some() {
        return Err(ApiError::conflict(
            "email",
            "An account with this email address already exists.",
        ));
    }
    let (fellow_id, host_id) = match input.role {
        Role::Faculty => (None, None),
        Role::Fellow => (input.fellow_id, None),
        Role::HostSponsor | Role::Mentor => (None, input.host_id),
    };
    let token = auth::new_token();
    let expires_at = (Utc::now() + Duration::days(VALID_DAYS))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut tx = db.begin().await?;
    let id = crate::db::query_scalar::<i64>(
        "INSERT INTO invitations (email, role, fellow_id, host_id, token_hash, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&email)
    .bind(input.role.code())
    .bind(fellow_id)
    .bind(host_id)
    .bind(auth::token_hash(&token))
    .bind(actor.user_id)
    .bind(now_stamp())
    .bind(&expires_at)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(d) if d.is_foreign_key_violation() => ApiError::field(
            if fellow_id.is_some() { "fellow_id" } else { "host_id" },
            "That record does not exist.",
        ),
        _ => e.into(),
    })?;
    let expires_on = (Utc::now() + Duration::days(VALID_DAYS)).date_naive();
    let emailed = crate::mail::messages::account_invitation(
        &mut tx, id, &email, input.role, fellow_id, &token, expires_on,
    )
    .await?
        != crate::mail::Queued::No;
    tx.commit().await?;
    Ok(IssuedInvitation {
        id,
        email,
        token,
        expires_at,
        emailed,
    })
}

pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<InvitationSummary>> {
    require_faculty(actor)?;
    let rows: Vec<(i64, String, String, String, String, Option<String>)> = crate::db::query_as(
        "SELECT id, email, role, created_at, expires_at, used_at FROM invitations ORDER BY id DESC",
    )
    .fetch_all(&db.pool)
    .await?;
    let now = now_stamp();
    Ok(rows
        .into_iter()
        .filter_map(|(id, email, role, created_at, expires_at, used_at)| {
            let state = match (&used_at, expires_at <= now) {
                (Some(_), _) => "used",
                (None, true) => "expired",
                (None, false) => "open",
            };
            Some(InvitationSummary {
                id,
                email,
                role: Role::parse(&role)?,
                created_at,
                expires_at,
                used_at,
                state: state.into(),
            })
        })
        .collect())
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TokenInput {
    pub token: String,
}

/// What the sign-up page shows before anyone types: who the link is for.
#[derive(Debug, Clone, Serialize, TS)]
pub struct InvitationView {
    pub email: String,
    pub role: Role,
    pub programme: String,
}

fn unusable() -> ApiError {
    ApiError::field(
        "token",
        "This sign-up link has been used or has expired. Ask your programme office for a new one.",
    )
}

type Open = (i64, String, String, Option<i64>, Option<i64>);

async fn open_row(db: &Db, token: &str) -> Result<Open> {
    let row: Option<Open> = crate::db::query_as(
        "SELECT id, email, role, fellow_id, host_id FROM invitations
         WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
    )
    .bind(auth::token_hash(token))
    .bind(now_stamp())
    .fetch_optional(&db.pool)
    .await?;
    row.ok_or_else(unusable)
}

pub async fn view(db: &Db, input: TokenInput) -> Result<InvitationView> {
    let (_, email, role, _, _) = open_row(db, &input.token).await?;
    let programme = crate::programme::programmes::current(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    Ok(InvitationView {
        email,
        role: Role::parse(&role).ok_or_else(|| crate::codes::unknown("Role", &role))?,
        programme,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AcceptInput {
    pub token: String,
    pub name: String,
    pub password: String,
    pub password_confirm: String,
}

/// Creates the invited account and spends the link, in one transaction; returns the new user.
pub async fn accept(db: &Db, input: AcceptInput) -> Result<Actor> {
    let (id, email, role, fellow_id, host_id) = open_row(db, &input.token).await?;
    if input.password != input.password_confirm {
        let mut c = Checks::new();
        crate::validate::required(&mut c, "name", &input.name, "Enter your name.");
        c.fail("password_confirm", "The two passwords are not the same.");
        c.finish()?;
    }
    let mut tx = db.begin().await?;
    // Spent under a guarded update, so a link works once even if opened twice at the same time.
    let spent = crate::db::query(
        "UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?",
    )
    .bind(now_stamp())
    .bind(id)
    .bind(now_stamp())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if spent != 1 {
        return Err(unusable());
    }
    let user = auth::insert_user(
        &mut tx,
        &NewUserInput {
            name: input.name,
            email,
            password: input.password,
            role: Role::parse(&role).ok_or_else(|| crate::codes::unknown("Role", &role))?,
            fellow_id,
            host_id,
        },
    )
    .await?;
    crate::db::query("UPDATE invitations SET user_id = ? WHERE id = ?")
        .bind(user)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    auth::actor_by_id(db, user).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DisableInput {
    pub user_id: i64,
    pub disabled: bool,
}

pub async fn set_disabled(db: &Db, actor: &Actor, input: DisableInput) -> Result<Vec<UserSummary>> {
    require_faculty(actor)?;
    if input.user_id == actor.user_id && input.disabled {
        return Err(ApiError::conflict(
            "user_id",
            "You cannot disable your own account; ask another faculty member.",
        ));
    }
    let changed = crate::db::query(
        "UPDATE users SET disabled_at = CASE WHEN ? THEN coalesce(disabled_at, ?) ELSE NULL END WHERE id = ?",
    )
    .bind(input.disabled)
    .bind(now_stamp())
    .bind(input.user_id)
    .execute(&db.pool)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(crate::auth::access::hidden());
    }
    crate::accounts::users::list_users(db, actor).await
}
