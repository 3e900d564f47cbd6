//! Passwords: how strong a new one must be, changing one's own, and taking up the one-time reset
//! link faculty make (`accounts::resets`) for someone who has forgotten theirs. Changing or resetting a password ends
//! every other session of that account: each session remembers the account's `session_epoch`
//! from when it signed in, and a changed password moves the epoch on.

use chrono::Utc;
use serde::Deserialize;
use ts_rs::TS;

use crate::auth::{self, Actor, MAX_PASSWORD_LEN, MIN_PASSWORD_LEN};
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};

/// How long a reset link works: long enough to read an email, short enough to be of little use
/// to anyone who finds it later.
pub const RESET_HOURS: i64 = 2;

/// Why a new password would not do, if it would not: too short, too long, or guessable by
/// zxcvbn's measure (common passwords, words, names, keyboard runs, the person's own name and
/// email) below zxcvbn's top score, "very unguessable" (score 4: 10^10 guesses or more, which
/// holds even against someone with a stolen copy of the hashes).
pub fn weakness(password: &str, about: &[&str]) -> Option<String> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_LEN {
        return Some(format!(
            "Use a password of at least {MIN_PASSWORD_LEN} characters."
        ));
    }
    if length > MAX_PASSWORD_LEN {
        return Some(format!(
            "Use a password of at most {MAX_PASSWORD_LEN} characters."
        ));
    }
    let words: Vec<&str> = about
        .iter()
        .flat_map(|a| a.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.len() > 2)
        .collect();
    // Spaces add little to a guesser's work, so the password is also judged without them
    // ("Sam Fellow 2026" is as weak as "SamFellow2026"); the weaker judgement stands.
    let squeezed: String = password.split_whitespace().collect();
    let estimate = [password, squeezed.as_str()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| zxcvbn::zxcvbn(p, &words))
        .min_by_key(|e| e.score())?;
    if u8::from(estimate.score()) >= 4 {
        return None;
    }
    // zxcvbn's warning is a sentence of its own ("This is a very common password.").
    let why = estimate
        .feedback()
        .and_then(|f| f.warning())
        .map(|w| format!(" {w}"))
        .unwrap_or_default();
    Some(format!(
        "Choose a password that is harder to guess.{why} A few unrelated words together work well."
    ))
}

/// Adds a weak new password's problem to `c` under `field`.
pub fn check(c: &mut Checks, field: &str, password: &str, about: &[&str]) {
    if let Some(problem) = weakness(password, about) {
        c.fail(field, problem);
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChangePasswordInput {
    pub current_password: String,
    pub new_password: String,
    pub new_password_confirm: String,
}

/// The account's session epoch: a session signed in under an older one has ended.
pub async fn epoch(db: &Db, user_id: i64) -> Result<i64> {
    let (epoch,): (i64,) = crate::db::query_as("SELECT session_epoch FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(epoch)
}

async fn set_password(tx: &mut crate::db::Tx, user_id: i64, password: &str) -> Result<()> {
    let hash = auth::hash_password(password).await?;
    crate::db::query(
        "UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1 WHERE id = ?",
    )
    .bind(hash)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Changes the actor's own password after checking the current one (counted like a sign-in, so
/// a session left open cannot be used to guess it). Returns the new epoch, which this session
/// keeps; every other session of the account ends at its next call.
pub async fn change(
    db: &Db,
    actor: &Actor,
    client: &str,
    input: ChangePasswordInput,
) -> Result<i64> {
    let mut c = Checks::new();
    if input.current_password.is_empty() {
        c.fail("current_password", "Enter your current password.");
    }
    check(
        &mut c,
        "new_password",
        &input.new_password,
        &[&actor.name, &actor.email],
    );
    if input.new_password != input.new_password_confirm {
        c.fail(
            "new_password_confirm",
            "The two new passwords are not the same.",
        );
    }
    c.finish()?;
    let signed = auth::sign_in_from(
        db,
        &auth::SignInInput {
            email: actor.email.clone(),
            password: input.current_password,
        },
        client,
    )
    .await;
    match signed {
        Ok(a) if a.user_id == actor.user_id => {}
        Err(e) if e.message.starts_with("Too many attempts") => {
            return Err(ApiError::field("current_password", e.message))
        }
        _ => {
            return Err(ApiError::field(
                "current_password",
                "That is not your current password.",
            ))
        }
    }
    let mut tx = db.begin().await?;
    set_password(&mut tx, actor.user_id, &input.new_password).await?;
    tx.commit().await?;
    epoch(db, actor.user_id).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ResetInput {
    pub token: String,
    pub password: String,
    pub password_confirm: String,
}

fn unusable() -> ApiError {
    ApiError::field(
        "token",
        "This reset link has been used or has expired. Ask your programme office for a new one.",
    )
}

/// Sets a new password with a reset link, spending the link, and returns the account, now
/// signed in. Every session the account had ends.
pub async fn reset(db: &Db, input: ResetInput) -> Result<Actor> {
    let row: Option<(i64,)> = crate::db::query_as(
        "SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
    )
    .bind(auth::token_hash(&input.token))
    .bind(Utc::now().to_rfc3339())
    .fetch_optional(&db.pool)
    .await?;
    let (user_id,) = row.ok_or_else(unusable)?;
    let user = auth::actor_by_id(db, user_id).await?;
    let mut c = Checks::new();
    check(
        &mut c,
        "password",
        &input.password,
        &[&user.name, &user.email],
    );
    if input.password != input.password_confirm {
        c.fail("password_confirm", "The two passwords are not the same.");
    }
    c.finish()?;
    let mut tx = db.begin().await?;
    // Spent under a guard, so two uses of one link cannot both land.
    let spent = crate::db::query(
        "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
    )
    .bind(now_stamp())
    .bind(auth::token_hash(&input.token))
    .execute(&mut *tx)
    .await?;
    if spent.rows_affected() == 0 {
        return Err(unusable());
    }
    set_password(&mut tx, user_id, &input.password).await?;
    tx.commit().await?;
    auth::ensure_enabled(db, user_id).await?;
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_common_and_personal_passwords_are_refused() {
        assert!(weakness("password12", &[]).unwrap().contains("at least 12"));
        assert!(weakness("password1234", &[]).is_some());
        assert!(weakness("qwertyuiop123", &[]).is_some());
        assert!(weakness(
            "Samira Okafor 1",
            &["Samira Okafor", "samira.okafor@nhs.net"]
        )
        .is_some());
        assert!(weakness(&"x".repeat(MAX_PASSWORD_LEN + 1), &[])
            .unwrap()
            .contains("at most"));
        assert_eq!(weakness("violet kettle harbour lamp", &[]), None);
    }
}
