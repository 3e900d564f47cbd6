//! Room `mail`: uses the base, `db`, `auth` and `programme`; `accounts` and the domain rooms
//! queue their messages through it.
//!
//! Email. A change that should tell someone writes its message into the outbox in the same
//! transaction (`queue`); a worker delivers the outbox through the organisation's SMTP server
//! with retries (`transport::mail_worker`); a schedule adds reminders and weekly digests
//! (`today::schedule`). Messages
//! are built from names, dates, counts, links and codes (`messages`, `compose`): never from a
//! private field. When email is off nothing is queued, and faculty hand links out as before.

pub mod compose;
pub mod messages;
pub mod outbox;
pub mod prefs;
pub mod settings;
pub mod smtp;

use crate::codes::code_enum;
use crate::db::{now_stamp, Conn};
use crate::error::Result;
use compose::Letter;
use prefs::EmailFrequency;
use settings::Active;

code_enum! {
    /// What a message is about.
    Kind {
        AccountInvitation = "account_invitation": "Invitation to make an account",
        PasswordReset = "password_reset": "Link to choose a new password",
        RaterInvitation = "rater_invitation": "360 invitation to a rater",
        RaterReminder = "rater_reminder": "360 reminder to a rater",
        RoundOpen = "round_open": "360 round open: self-assessment and raters due",
        ReviewAwaiting = "review_awaiting": "Review awaiting the sponsor's signature",
        ReviewSigned = "review_signed": "Review signed",
        ReflectionShared = "reflection_shared": "Reflection shared",
        OverdueActions = "overdue_actions": "Overdue actions (weekly)",
        FollowUp = "follow_up": "Alumni follow-up",
        Digest = "digest": "Weekly digest",
    }
}

impl Kind {
    /// Messages someone must get whatever they chose: without them they cannot sign up, sign
    /// in again or give feedback.
    pub fn must_get(self) -> bool {
        matches!(
            self,
            Kind::AccountInvitation
                | Kind::PasswordReset
                | Kind::RaterInvitation
                | Kind::RaterReminder
        )
    }

    /// The message carries a code or one-time link (every body is emptied once sent).
    fn secret(self) -> bool {
        matches!(
            self,
            Kind::AccountInvitation | Kind::PasswordReset | Kind::RaterInvitation
        )
    }
}

/// A message to queue.
pub struct Mail {
    /// Unique per message: queueing the same key again does nothing.
    pub key: String,
    pub kind: Kind,
    pub to: String,
    /// The account it goes to, if any (raters have none).
    pub user_id: Option<i64>,
    /// The fellow it is about (erased with them).
    pub about: Option<i64>,
    pub letter: Letter,
}

/// What happened to a message asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queued {
    /// In the outbox, to go now.
    Now,
    /// Kept for the person's weekly digest.
    Held,
    /// Not queued: email is off, or the person asked for none of these.
    No,
}

/// Writes the message into the outbox on this transaction's connection, if the person wants it
/// (email is on: `active` is the settings the caller read); returns what it did.
pub async fn queue(conn: &mut Conn, active: &Active, mail: Mail) -> Result<Queued> {
    let frequency = match (mail.kind.must_get(), mail.user_id) {
        (false, Some(user)) => prefs::frequency_of(conn, user).await?,
        _ => EmailFrequency::Now,
    };
    let (state, queued) = match frequency {
        EmailFrequency::Never => return Ok(Queued::No),
        EmailFrequency::Weekly => ("held", Queued::Held),
        EmailFrequency::Now => ("queued", Queued::Now),
    };
    insert(conn, active, &mail, state).await?;
    Ok(queued)
}

/// Queues each message; returns how many went in (now or held).
pub async fn queue_all(conn: &mut Conn, active: &Active, mails: Vec<Mail>) -> Result<usize> {
    let mut n = 0;
    for mail in mails {
        if queue(conn, active, mail).await? != Queued::No {
            n += 1;
        }
    }
    Ok(n)
}

/// The outbox row itself, in `state`; a key already there is left as it is.
pub(crate) async fn insert(
    conn: &mut Conn,
    active: &Active,
    mail: &Mail,
    state: &str,
) -> Result<()> {
    let now = now_stamp();
    crate::db::query(
        "INSERT INTO outbox (message_key, kind, to_address, to_user_id, about_fellow_id, subject, body_text,
            body_html, secret, state, attempts, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (message_key) DO NOTHING",
    )
    .bind(&mail.key)
    .bind(mail.kind.code())
    .bind(mail.to.trim())
    .bind(mail.user_id)
    .bind(mail.about)
    .bind(&mail.letter.subject)
    .bind(mail.letter.text(&active.programme))
    .bind(mail.letter.html(&active.programme))
    .bind(i64::from(mail.kind.secret()))
    .bind(state)
    .bind(&now)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
