//! Each message the app sends, built from what the change already knows: names, dates, counts,
//! links and codes. Each is called inside the transaction of the change that causes it.

use chrono::NaiveDate;

use super::compose::{long_date, Letter};
use super::{queue, queue_all, settings, Kind, Mail, Queued};
use crate::auth::Role;
use crate::db::Conn;
use crate::error::Result;

fn role_words(role: Role) -> &'static str {
    match role {
        Role::Faculty => "a member of the programme faculty",
        Role::Fellow => "a fellow",
        Role::HostSponsor => "your organisation's sponsor",
        Role::Mentor => "a workplace mentor",
    }
}

fn greeting(name: &str) -> String {
    if name.trim().is_empty() {
        "Hello,".into()
    } else {
        format!("Dear {},", name.trim())
    }
}

/// A sign-up link. Must be got, whatever the person chose.
pub async fn account_invitation(
    conn: &mut Conn,
    invitation_id: i64,
    email: &str,
    role: Role,
    fellow_id: Option<i64>,
    token: &str,
    expires_on: NaiveDate,
) -> Result<Queued> {
    let Some(a) = settings::active(conn).await? else {
        return Ok(Queued::No);
    };
    let letter = Letter {
        subject: format!("Make your account for {}", a.programme),
        greeting: "Hello,".into(),
        paragraphs: vec![format!(
            "You have been invited to {} as {}. Choose your name and a password to make your account.",
            a.programme,
            role_words(role)
        )],
        button: Some(("Make your account".into(), format!("{}/#/join/{token}", a.app_url))),
        after: vec![format!(
            "The link works once and until {}. If it has expired, ask the programme office for a new one.",
            long_date(expires_on)
        )],
        ..Letter::default()
    };
    queue(
        conn,
        &a,
        Mail {
            key: format!("account-invitation:{invitation_id}"),
            kind: Kind::AccountInvitation,
            to: email.into(),
            user_id: None,
            about: fellow_id,
            letter,
        },
    )
    .await
}

/// A link to choose a new password, made by faculty for someone who cannot sign in.
pub async fn password_reset(
    conn: &mut Conn,
    user_id: i64,
    fellow_id: Option<i64>,
    name: &str,
    email: &str,
    token: &str,
    made_at: &str,
) -> Result<Queued> {
    let Some(a) = settings::active(conn).await? else {
        return Ok(Queued::No);
    };
    let letter = Letter {
        subject: format!("Choose a new password for {}", a.programme),
        greeting: greeting(name),
        paragraphs: vec![
            "The programme office has made you a link to choose a new password.".into(),
        ],
        button: Some(("Choose a new password".into(), format!("{}/#/reset/{token}", a.app_url))),
        after: vec![format!(
            "The link works once, for {} hours. If you did not ask for it, tell the programme office.",
            crate::auth::passwords::RESET_HOURS
        )],
        ..Letter::default()
    };
    queue(
        conn,
        &a,
        Mail {
            key: format!("password-reset:{user_id}:{made_at}"),
            kind: Kind::PasswordReset,
            to: email.into(),
            user_id: Some(user_id),
            about: fellow_id,
            letter,
        },
    )
    .await
}

/// The rater's invitation with their code, straight from memory: only its hash is kept.
#[allow(clippy::too_many_arguments)]
pub async fn rater_invitation(
    conn: &mut Conn,
    nomination_id: i64,
    issued_at: &str,
    fellow_id: i64,
    fellow_name: &str,
    rater_name: &str,
    email: &str,
    code: &str,
    closes_on: NaiveDate,
) -> Result<Queued> {
    let Some(a) = settings::active(conn).await? else {
        return Ok(Queued::No);
    };
    let letter = Letter {
        subject: format!("Feedback for {fellow_name}: your invitation"),
        greeting: greeting(rater_name),
        paragraphs: vec![
            format!(
                "{fellow_name} is a fellow on {} and has asked you for 360° feedback on their leadership. \
                 It takes about 15 minutes, and what you write is confidential: {fellow_name} sees it only \
                 together with others' answers, never with your name.",
                a.programme
            ),
            format!("Please answer by {}.", long_date(closes_on)),
        ],
        code: Some(code.into()),
        button: Some(("Give your feedback".into(), format!("{}/#/rater", a.app_url))),
        after: vec!["Open the page and type the code above where it asks for your invitation code. Keep the code to yourself: it works once.".into()],
    };
    queue(
        conn,
        &a,
        Mail {
            key: format!("rater-invitation:{nomination_id}:{issued_at}"),
            kind: Kind::RaterInvitation,
            to: email.into(),
            user_id: None,
            about: Some(fellow_id),
            letter,
        },
    )
    .await
}

/// A reminder to a rater who has not answered. It cannot carry the code (only its hash is kept).
#[allow(clippy::too_many_arguments)]
pub async fn rater_reminder(
    conn: &mut Conn,
    nomination_id: i64,
    days_before: i64,
    fellow_id: i64,
    fellow_name: &str,
    rater_name: &str,
    email: &str,
    invited_on: NaiveDate,
    closes_on: NaiveDate,
) -> Result<Queued> {
    let Some(a) = settings::active(conn).await? else {
        return Ok(Queued::No);
    };
    let letter = Letter {
        subject: format!("Reminder: feedback for {fellow_name}"),
        greeting: greeting(rater_name),
        paragraphs: vec![
            format!(
                "{fellow_name} asked you for 360° feedback, and the round closes on {}. If you have a few \
                 minutes before then, your answers would help them.",
                long_date(closes_on)
            ),
            format!(
                "Use the code in the invitation we sent on {}. If you cannot find it, ask the programme office for a new one.",
                long_date(invited_on)
            ),
        ],
        button: Some(("Give your feedback".into(), format!("{}/#/rater", a.app_url))),
        ..Letter::default()
    };
    queue(
        conn,
        &a,
        Mail {
            key: format!("rater-reminder:{nomination_id}:{days_before}"),
            kind: Kind::RaterReminder,
            to: email.into(),
            user_id: None,
            about: Some(fellow_id),
            letter,
        },
    )
    .await
}

/// Tells each fellow of the cohort with an account that their round is open.
pub async fn round_open(
    conn: &mut Conn,
    round_id: i64,
    cohort_id: i64,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
) -> Result<usize> {
    let Some(a) = settings::active(conn).await? else {
        return Ok(0);
    };
    let fellows: Vec<(i64, String, String, i64)> = crate::db::query_as(
        "SELECT u.id, u.name, u.email, f.id FROM users u JOIN fellows f ON f.id = u.fellow_id
         WHERE f.cohort_id = ? AND u.disabled_at IS NULL AND f.status IN ('active', 'interrupted') ORDER BY u.id",
    )
    .bind(cohort_id)
    .fetch_all(&mut *conn)
    .await?;
    let mails = fellows
        .into_iter()
        .map(|(user_id, name, email, fellow_id)| {
        let letter = Letter {
            subject: "Your 360° feedback round is open".into(),
            greeting: greeting(&name),
            paragraphs: vec![
                format!(
                    "Your 360° feedback round opens on {} and closes on {}.",
                    long_date(opens_on),
                    long_date(closes_on)
                ),
                "Please complete your self-assessment and nominate your raters soon, so they have time to answer."
                    .into(),
            ],
            button: Some((
                "Open your feedback".into(),
                format!("{}/#/feedback/{round_id}/self", a.app_url),
            )),
            ..Letter::default()
        };
        Mail {
            key: format!("round-open:{round_id}:{user_id}"),
            kind: Kind::RoundOpen,
            to: email,
            user_id: Some(user_id),
            about: Some(fellow_id),
            letter,
        }
        })
        .collect();
    queue_all(conn, &a, mails).await
}

/// A new version of a review waits for the host sponsor's signature.
pub async fn review_awaiting(
    conn: &mut Conn,
    review_id: i64,
    challenge_id: i64,
    review_label: &str,
) -> Result<usize> {
    let Some(a) = settings::active(conn).await? else {
        return Ok(0);
    };
    let sponsors: Vec<(i64, String, String, String, i64)> = crate::db::query_as(
        "SELECT u.id, u.name, u.email, f.name, f.id FROM challenges c JOIN fellows f ON f.id = c.fellow_id
         JOIN users u ON u.host_id = f.host_id AND u.role = 'host_sponsor' AND u.disabled_at IS NULL
         WHERE c.id = ? ORDER BY u.id",
    )
    .bind(challenge_id)
    .fetch_all(&mut *conn)
    .await?;
    let mails = sponsors
        .into_iter()
        .map(|(user_id, name, email, fellow, fellow_id)| {
        let letter = Letter {
            subject: format!("{fellow}'s {review_label} is ready for your signature"),
            greeting: greeting(&name),
            paragraphs: vec![format!(
                "{fellow}'s {review_label} is ready. Please read it and, if you agree, sign it with your statement."
            )],
            button: Some((
                "Read and sign the review".into(),
                format!("{}/#/challenges/{challenge_id}", a.app_url),
            )),
            ..Letter::default()
        };
        Mail {
            key: format!("review-awaiting:{review_id}:{user_id}"),
            kind: Kind::ReviewAwaiting,
            to: email,
            user_id: Some(user_id),
            about: Some(fellow_id),
            letter,
        }
        })
        .collect();
    queue_all(conn, &a, mails).await
}

/// A review was signed: the fellow is told.
pub async fn review_signed(
    conn: &mut Conn,
    review_id: i64,
    challenge_id: i64,
    review_label: &str,
    signed_by: &str,
) -> Result<usize> {
    let Some(a) = settings::active(conn).await? else {
        return Ok(0);
    };
    let fellows: Vec<(i64, String, String, i64)> = crate::db::query_as(
        "SELECT u.id, u.name, u.email, c.fellow_id FROM challenges c JOIN users u ON u.fellow_id = c.fellow_id
         WHERE c.id = ? AND u.disabled_at IS NULL ORDER BY u.id",
    )
    .bind(challenge_id)
    .fetch_all(&mut *conn)
    .await?;
    let mails = fellows
        .into_iter()
        .map(|(user_id, name, email, fellow_id)| {
            let letter = Letter {
                subject: format!("Your {review_label} has been signed"),
                greeting: greeting(&name),
                paragraphs: vec![format!("{signed_by} has signed your {review_label}.")],
                button: Some((
                    "See your challenge".into(),
                    format!("{}/#/challenges/{challenge_id}", a.app_url),
                )),
                ..Letter::default()
            };
            Mail {
                key: format!("review-signed:{review_id}:{user_id}"),
                kind: Kind::ReviewSigned,
                to: email,
                user_id: Some(user_id),
                about: Some(fellow_id),
                letter,
            }
        })
        .collect();
    queue_all(conn, &a, mails).await
}

/// A fellow shared a reflection: the reader is told who, never what (no title, no text).
pub async fn reflection_shared(
    conn: &mut Conn,
    share_id: i64,
    reader_id: i64,
    reflection_id: i64,
    fellow_id: Option<i64>,
    fellow_name: &str,
) -> Result<Queued> {
    let Some(a) = settings::active(conn).await? else {
        return Ok(Queued::No);
    };
    let reader: Option<(String, String)> =
        crate::db::query_as("SELECT name, email FROM users WHERE id = ? AND disabled_at IS NULL")
            .bind(reader_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((name, email)) = reader else {
        return Ok(Queued::No);
    };
    let letter = Letter {
        subject: format!("{fellow_name} shared a reflection with you"),
        greeting: greeting(&name),
        paragraphs: vec![format!(
            "{fellow_name} has shared a reflection with you. Only you and they can read it; sign in to read it."
        )],
        button: Some((
            "Read the reflection".into(),
            format!("{}/#/reflections/{reflection_id}", a.app_url),
        )),
        ..Letter::default()
    };
    queue(
        conn,
        &a,
        Mail {
            key: format!("reflection-shared:{share_id}"),
            kind: Kind::ReflectionShared,
            to: email,
            user_id: Some(reader_id),
            about: fellow_id,
            letter,
        },
    )
    .await
}
