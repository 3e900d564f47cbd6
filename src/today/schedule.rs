//! What the calendar brings: reminders to raters who have not answered, on the days before a
//! round closes that faculty chose; each fellow's weekly digest of overdue actions; and each
//! weekly-digest reader's held messages, gathered into one. Every message has a key naming its
//! day or week, so planning twice (two processes, or a restart) queues nothing twice.

use chrono::{Datelike, Duration, NaiveDate};

use crate::db::{Conn, Db};
use crate::error::Result;
use crate::mail::compose::{long_date, Letter};
use crate::mail::settings::Active;
use crate::mail::{insert, messages, prefs, queue, settings, Kind, Mail, Queued};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Planned {
    pub reminders: usize,
    pub overdue_digests: usize,
    pub digests: usize,
    pub follow_ups: usize,
}

pub async fn plan(db: &Db, today: NaiveDate) -> Result<Planned> {
    let mut tx = db.begin().await?;
    let Some(active) = settings::active(&mut tx).await? else {
        return Ok(Planned::default());
    };
    let planned = Planned {
        reminders: reminders(&mut tx, today, &active.reminder_days).await?,
        overdue_digests: overdue_actions(&mut tx, today, &active).await?,
        digests: digests(&mut tx, today, &active).await?,
        follow_ups: follow_ups(&mut tx, today, &active).await?,
    };
    crate::mail::outbox::purge_old(&mut tx, chrono::Utc::now()).await?;
    tx.commit().await?;
    Ok(planned)
}

/// The reminder due today for a round closing on `closes_on`: the nearest of the chosen days
/// already reached (so a late start sends one reminder, not several).
pub fn reminder_day(today: NaiveDate, closes_on: NaiveDate, days: &[i64]) -> Option<i64> {
    if today > closes_on {
        return None;
    }
    days.iter()
        .copied()
        .filter(|d| today >= closes_on - Duration::days(*d))
        .min()
}

async fn reminders(conn: &mut Conn, today: NaiveDate, days: &[i64]) -> Result<usize> {
    type Row = (i64, i64, String, String, String, String, NaiveDate);
    // Raters with a code and no answer, in open rounds: who has answered is never reminded.
    let rows: Vec<Row> = crate::db::query_as(
        "SELECT n.id, f.id, f.name, n.rater_name, n.rater_email, n.issued_at, r.closes_on
         FROM feedback_nominations n JOIN feedback_rounds r ON r.id = n.round_id JOIN fellows f ON f.id = n.fellow_id
         WHERE r.closed_at IS NULL AND n.responded = 0 AND n.issued_at IS NOT NULL AND r.closes_on >= ?
         ORDER BY n.id",
    )
    .bind(today)
    .fetch_all(&mut *conn)
    .await?;
    let mut n = 0;
    for (id, fellow_id, fellow, rater, email, issued_at, closes_on) in rows {
        let Some(day) = reminder_day(today, closes_on, days) else {
            continue;
        };
        let invited_on = chrono::DateTime::parse_from_rfc3339(&issued_at)
            .map(|t| t.date_naive())
            .unwrap_or(today);
        // Invited within this reminder's span: the invitation itself is recent enough.
        if invited_on >= closes_on - Duration::days(day) {
            continue;
        }
        let q = messages::rater_reminder(
            conn, id, day, fellow_id, &fellow, &rater, &email, invited_on, closes_on,
        )
        .await?;
        if q != Queued::No {
            n += 1;
        }
    }
    Ok(n)
}

/// Alumni whose follow-up wave is due (and who have not answered, nor declined or withdrawn
/// their consent to be followed up) get the wave's survey, once.
async fn follow_ups(conn: &mut Conn, today: NaiveDate, active: &Active) -> Result<usize> {
    type Row = (
        i64,
        String,
        i64,
        i64,
        String,
        i64,
        String,
        String,
        NaiveDate,
        Option<i64>,
        Option<String>,
    );
    let rows: Vec<Row> = crate::db::query_as(
        "SELECT w.id, w.name, w.months_after, w.window_days, w.survey_url, f.id, f.name,
            coalesce(u.email, f.email), c.end_date, u.id,
            (SELECT k.decision FROM follow_up_consents k WHERE k.fellow_id = f.id
              ORDER BY k.decided_on DESC, k.id DESC LIMIT 1)
         FROM outcome_waves w CROSS JOIN fellows f JOIN cohorts c ON c.id = f.cohort_id
         LEFT JOIN users u ON u.fellow_id = f.id AND u.disabled_at IS NULL
         WHERE w.survey_url <> '' AND f.status = 'completed' AND f.erased_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.fellow_id = f.id AND r.wave_id = w.id)
         ORDER BY w.id, f.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut n = 0;
    for (wave_id, wave, months, window, url, fellow_id, name, email, end, user_id, consent) in rows
    {
        if matches!(consent.as_deref(), Some("declined" | "withdrawn")) || email.trim().is_empty() {
            continue;
        }
        let due = crate::outcomes::follow_up::due_on(end, months);
        if crate::outcomes::follow_up::state(today, due, window, false)
            != crate::outcomes::follow_up::FollowUpState::Due
        {
            continue;
        }
        let letter = Letter {
            subject: format!("{wave}: where are you now?"),
            greeting: format!("Dear {name},"),
            paragraphs: vec![
                concat!(
                    "It is time for the programme's follow-up of its alumni. Please tell us about your ",
                    "roles, your leadership and what became of your Fellowship Challenge. Your answers ",
                    "show those who fund the programme what it is worth."
                )
                .into(),
                format!("Please answer by {}.", long_date(due + Duration::days(window))),
            ],
            button: Some(("Answer the follow-up survey".into(), url)),
            after: vec!["If you would rather not be followed up, tell the programme office and we will stop.".into()],
            ..Letter::default()
        };
        let mail = Mail {
            key: format!("follow-up:{wave_id}:{fellow_id}"),
            kind: Kind::FollowUp,
            to: email,
            user_id,
            about: Some(fellow_id),
            letter,
        };
        if queue(conn, active, mail).await? != Queued::No {
            n += 1;
        }
    }
    Ok(n)
}

fn week_key(today: NaiveDate) -> String {
    let w = today.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

async fn overdue_actions(conn: &mut Conn, today: NaiveDate, active: &Active) -> Result<usize> {
    let rows: Vec<(i64, String, String, i64, i64, NaiveDate, i64)> = crate::db::query_as(
        "SELECT u.id, u.name, u.email, min(c.id), count(a.id), min(a.due_date), u.fellow_id
         FROM users u JOIN challenges c ON c.fellow_id = u.fellow_id JOIN actions a ON a.challenge_id = c.id
         WHERE u.disabled_at IS NULL AND c.status <> 'closed' AND a.status <> 'done' AND a.due_date < ?
         GROUP BY u.id, u.name, u.email, u.fellow_id ORDER BY u.id",
    )
    .bind(today)
    .fetch_all(&mut *conn)
    .await?;
    let mut n = 0;
    for (user_id, name, email, challenge_id, count, oldest, fellow_id) in rows {
        let what = if count == 1 {
            "1 action is".to_owned()
        } else {
            format!("{count} actions are")
        };
        let letter = Letter {
            subject: format!("{} overdue on your challenge", if count == 1 { "1 action".to_owned() } else { format!("{count} actions") }),
            greeting: format!("Dear {name},"),
            paragraphs: vec![format!(
                "{what} past the date you gave, the oldest since {}. Update them, or give them a new date, so your sponsor and faculty see where things stand.",
                long_date(oldest)
            )],
            button: Some(("See your actions".into(), format!("{}/#/challenges/{challenge_id}", active.app_url))),
            ..Letter::default()
        };
        let mail = Mail {
            key: format!("overdue-actions:{user_id}:{}", week_key(today)),
            kind: Kind::OverdueActions,
            to: email,
            user_id: Some(user_id),
            about: Some(fellow_id),
            letter,
        };
        // Already weekly: a weekly reader gets it as it is, not held for another week.
        if queue_weekly(conn, active, mail).await? {
            n += 1;
        }
    }
    Ok(n)
}

/// Queues a message that is itself weekly: "now" and "weekly" readers get it as it is (not held
/// for another week), "none" readers do not.
async fn queue_weekly(conn: &mut Conn, active: &Active, mail: Mail) -> Result<bool> {
    let user = mail.user_id.unwrap_or(-1);
    if prefs::frequency_of(conn, user).await? == prefs::EmailFrequency::Never {
        return Ok(false);
    }
    insert(conn, active, &mail, "queued").await?;
    Ok(true)
}

/// Held messages from before this week's Monday, one digest a reader.
async fn digests(conn: &mut Conn, today: NaiveDate, active: &Active) -> Result<usize> {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let cutoff = format!("{monday}T00:00:00Z");
    let held: Vec<(i64, i64, String, String, String)> = crate::db::query_as(
        "SELECT o.id, o.to_user_id, o.to_address, o.subject, u.name FROM outbox o JOIN users u ON u.id = o.to_user_id
         WHERE o.state = 'held' AND o.created_at < ? ORDER BY o.to_user_id, o.id",
    )
    .bind(&cutoff)
    .fetch_all(&mut *conn)
    .await?;
    let mut n = 0;
    for group in held.chunk_by(|a, b| a.1 == b.1) {
        let (_, user, email, _, name) = &group[0];
        let letter = Letter {
            subject: format!(
                "Your week: {} {}",
                group.len(),
                if group.len() == 1 {
                    "message"
                } else {
                    "messages"
                }
            ),
            greeting: format!("Dear {name},"),
            paragraphs: std::iter::once("Here is what happened for you last week:".to_owned())
                .chain(group.iter().map(|g| format!("• {}", g.3)))
                .chain(std::iter::once("Sign in to see each one.".to_owned()))
                .collect(),
            ..Letter::default()
        };
        let digest = Mail {
            key: format!("digest:{user}:{}", week_key(today)),
            kind: Kind::Digest,
            to: email.clone(),
            user_id: Some(*user),
            about: None,
            letter,
        };
        // Gathered already: it goes now, whatever the reader's choice held back.
        insert(conn, active, &digest, "queued").await?;
        for g in group {
            crate::db::query("UPDATE outbox SET state = 'digested' WHERE id = ?")
                .bind(g.0)
                .execute(&mut *conn)
                .await?;
        }
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_reminder_for_the_nearest_day_reached() {
        let close = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        assert_eq!(reminder_day(d(12), close, &[7, 2]), None);
        assert_eq!(reminder_day(d(13), close, &[7, 2]), Some(7));
        assert_eq!(reminder_day(d(17), close, &[7, 2]), Some(7));
        assert_eq!(reminder_day(d(18), close, &[7, 2]), Some(2));
        assert_eq!(reminder_day(d(20), close, &[7, 2]), Some(2));
        assert_eq!(reminder_day(d(21), close, &[7, 2]), None);
        assert_eq!(reminder_day(d(18), close, &[]), None);
    }
}
