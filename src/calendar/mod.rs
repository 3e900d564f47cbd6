//! Each person's dates as an iCalendar file (RFC 5545, written by the `icalendar` crate): learning
//! set sessions, mentoring sessions, challenge milestones and review dates, 360° windows and
//! alumni follow-up waves, read with the same scopes as the screens. Events carry names and
//! dates, never a private field (what a session covered, reflections, answers).
//!
//! On the desktop it is a download; on the programme server a private subscription address (a
//! token, kept only as its hash) lets Outlook or any calendar keep it current. `feed` holds those.
//!
//! A domain room: uses the base, `db`, `auth`, `programme`, `mail` and `accounts`, and other
//! domain rooms without a loop (tests/architecture.rs).

pub mod feed;

use chrono::{Duration, NaiveDate};
use icalendar::{Calendar, Component, EventLike};

use crate::auth::{Actor, Role};
use crate::challenges::actions::MilestoneKind;
use crate::db::json_rows::{self, json_rows_sql};
use crate::db::Db;
use crate::error::Result;
use crate::pdf::Document;

/// One all-day event. `uid` is stable across downloads, so a calendar updates it in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayEvent {
    pub uid: String,
    pub starts: NaiveDate,
    /// The last day it covers (the same day for a one-day event).
    pub ends: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// The app's own label for a milestone's kind.
fn milestone_name(kind: &str) -> &str {
    MilestoneKind::parse(kind).map_or(kind, |k| k.label())
}

fn round_name(kind: &str) -> &'static str {
    if kind == "baseline" {
        "Baseline 360° feedback"
    } else {
        "End-of-year 360° feedback"
    }
}

/// The person's events, by role, soonest first.
pub async fn events(db: &Db, actor: &Actor) -> Result<Vec<DayEvent>> {
    let mut out = vec![];
    match actor.role() {
        Role::Fellow => {
            if let Some(fellow) = actor.fellow_id() {
                fellow_events(db, fellow, &mut out).await?;
            }
        }
        Role::HostSponsor | Role::Mentor => {
            if let Some(host) = actor.host_id() {
                milestones(db, "f.host_id = ?", host, true, &mut out).await?;
            }
        }
        Role::Faculty => faculty_events(db, &mut out).await?,
    }
    // Anyone may facilitate a set or mentor a fellow: their own sessions.
    facilitated(db, actor, &mut out).await?;
    mentoring_as_mentor(db, actor, &mut out).await?;
    out.sort_by(|a, b| (a.starts, &a.uid).cmp(&(b.starts, &b.uid)));
    out.dedup_by(|a, b| a.uid == b.uid);
    Ok(out)
}

async fn fellow_events(db: &Db, fellow: i64, out: &mut Vec<DayEvent>) -> Result<()> {
    let sets: Vec<(i64, String, NaiveDate)> = crate::db::query_as(
        "SELECT x.id, s.name, x.meets_on FROM learning_set_members m JOIN learning_sets s ON s.id = m.set_id
         JOIN learning_set_sessions x ON x.set_id = s.id WHERE m.fellow_id = ?",
    )
    .bind(fellow)
    .fetch_all(&db.pool)
    .await?;
    for (id, name, on) in sets {
        out.push(day(
            format!("set-session-{id}"),
            on,
            format!("Action learning set: {name}"),
            "",
        ));
    }
    let mentoring: Vec<(i64, String, String, NaiveDate)> = crate::db::query_as(
        "SELECT s.id, r.kind, u.name, s.held_on FROM mentoring_sessions s
         JOIN mentoring_relationships r ON r.id = s.relationship_id JOIN users u ON u.id = r.person_id
         WHERE r.fellow_id = ?",
    )
    .bind(fellow)
    .fetch_all(&db.pool)
    .await?;
    for (id, kind, person, on) in mentoring {
        let what = if kind == "coach" {
            "Coaching"
        } else {
            "Mentoring"
        };
        out.push(day(
            format!("mentoring-session-{id}"),
            on,
            format!("{what} with {person}"),
            "",
        ));
    }
    milestones(db, "f.id = ?", fellow, false, out).await?;
    let rounds: Vec<(i64, String, NaiveDate, NaiveDate)> = crate::db::query_as(
        "SELECT r.id, r.kind, r.opens_on, r.closes_on FROM feedback_rounds r
         JOIN fellows f ON f.cohort_id = r.cohort_id WHERE f.id = ?",
    )
    .bind(fellow)
    .fetch_all(&db.pool)
    .await?;
    for (id, kind, opens, closes) in rounds {
        out.push(DayEvent {
            uid: format!("round-{id}"),
            starts: opens,
            ends: closes,
            summary: format!("{} open", round_name(&kind)),
            description: "Your self-assessment and your raters' answers are due by the last day."
                .into(),
        });
    }
    let waves: Vec<(i64, String, NaiveDate, i64)> = crate::db::query_as(
        "SELECT w.id, w.name, c.end_date, w.months_after FROM fellows f JOIN cohorts c ON c.id = f.cohort_id
         CROSS JOIN outcome_waves w WHERE f.id = ? AND f.status = 'completed'",
    )
    .bind(fellow)
    .fetch_all(&db.pool)
    .await?;
    for (id, name, end, months) in waves {
        out.push(day(
            format!("wave-{id}-fellow-{fellow}"),
            crate::outcomes::follow_up::due_on(end, months),
            format!("Alumni follow-up: {name}"),
            "The programme will ask about your career and your challenge's legacy.",
        ));
    }
    Ok(())
}

/// Milestones of the challenges in scope (`scope` restricts `fellows AS f`, one placeholder).
async fn milestones(
    db: &Db,
    scope: &str,
    value: i64,
    with_fellow: bool,
    out: &mut Vec<DayEvent>,
) -> Result<()> {
    let sql = format!(
        "SELECT m.id, m.kind, m.due_date, c.title, f.name FROM milestones m
         JOIN challenges c ON c.id = m.challenge_id JOIN fellows f ON f.id = c.fellow_id
         WHERE {scope} AND m.due_date IS NOT NULL AND c.status <> 'closed'"
    );
    let rows: Vec<(i64, String, NaiveDate, String, String)> = crate::db::query_as(&sql)
        .bind(value)
        .fetch_all(&db.pool)
        .await?;
    for (id, kind, due, title, fellow) in rows {
        let summary = if with_fellow {
            format!("{}: {fellow}", milestone_name(&kind))
        } else {
            milestone_name(&kind).to_owned()
        };
        out.push(day(format!("milestone-{id}"), due, summary, &title));
    }
    Ok(())
}

/// Faculty: every 360 window, the review dates of open challenges, and each cohort's waves.
async fn faculty_events(db: &Db, out: &mut Vec<DayEvent>) -> Result<()> {
    let rounds: Vec<(i64, String, String, NaiveDate, NaiveDate)> = crate::db::query_as(
        "SELECT r.id, r.kind, c.name, r.opens_on, r.closes_on FROM feedback_rounds r JOIN cohorts c ON c.id = r.cohort_id",
    )
    .fetch_all(&db.pool)
    .await?;
    for (id, kind, cohort, opens, closes) in rounds {
        out.push(DayEvent {
            uid: format!("round-{id}"),
            starts: opens,
            ends: closes,
            summary: format!("{} open: {cohort}", round_name(&kind)),
            description: String::new(),
        });
    }
    // Two reviews for every fellow in their year: thousands in a national scheme, so they come
    // as one (`json_rows`).
    let sql = json_rows_sql(
        "SELECT m.id, m.kind, m.due_date, c.title, f.name FROM milestones m
         JOIN challenges c ON c.id = m.challenge_id JOIN fellows f ON f.id = c.fellow_id
         WHERE m.kind IN ('mid_year_review', 'end_of_year_review') AND m.due_date IS NOT NULL
           AND c.status <> 'closed' AND f.status = 'active'",
        &["id", "kind", "due_date", "title", "name"],
    );
    let reviews: Vec<(i64, String, NaiveDate, String, String)> =
        json_rows::fetch(crate::db::query_as(&sql), db).await?;
    for (id, kind, due, title, fellow) in reviews {
        out.push(day(
            format!("milestone-{id}"),
            due,
            format!("{}: {fellow}", milestone_name(&kind)),
            &title,
        ));
    }
    let waves: Vec<(i64, String, i64, String, NaiveDate, i64)> = crate::db::query_as(
        "SELECT w.id, w.name, c.id, c.name, c.end_date, w.months_after FROM cohorts c CROSS JOIN outcome_waves w",
    )
    .fetch_all(&db.pool)
    .await?;
    for (wave, name, cohort_id, cohort, end, months) in waves {
        out.push(day(
            format!("wave-{wave}-cohort-{cohort_id}"),
            crate::outcomes::follow_up::due_on(end, months),
            format!("Follow-up wave {name} due: {cohort}"),
            "",
        ));
    }
    Ok(())
}

async fn facilitated(db: &Db, actor: &Actor, out: &mut Vec<DayEvent>) -> Result<()> {
    let rows: Vec<(i64, String, NaiveDate)> = crate::db::query_as(
        "SELECT x.id, s.name, x.meets_on FROM learning_sets s JOIN learning_set_sessions x ON x.set_id = s.id
         WHERE s.facilitator_id = ?",
    )
    .bind(actor.user_id)
    .fetch_all(&db.pool)
    .await?;
    for (id, name, on) in rows {
        out.push(day(
            format!("set-session-{id}"),
            on,
            format!("Action learning set: {name} (you facilitate)"),
            "",
        ));
    }
    Ok(())
}

async fn mentoring_as_mentor(db: &Db, actor: &Actor, out: &mut Vec<DayEvent>) -> Result<()> {
    let rows: Vec<(i64, String, NaiveDate)> = crate::db::query_as(
        "SELECT s.id, f.name, s.held_on FROM mentoring_sessions s
         JOIN mentoring_relationships r ON r.id = s.relationship_id JOIN fellows f ON f.id = r.fellow_id
         WHERE r.person_id = ?",
    )
    .bind(actor.user_id)
    .fetch_all(&db.pool)
    .await?;
    for (id, fellow, on) in rows {
        out.push(day(
            format!("mentoring-session-{id}"),
            on,
            format!("Session with {fellow}"),
            "",
        ));
    }
    Ok(())
}

fn day(uid: String, on: NaiveDate, summary: String, description: &str) -> DayEvent {
    DayEvent {
        uid,
        starts: on,
        ends: on,
        summary,
        description: description.to_owned(),
    }
}

/// The events as an iCalendar text. All-day events end the day after their last day, as
/// RFC 5545 has it (DTEND is exclusive).
pub fn ics(programme: &str, host: &str, events: &[DayEvent]) -> String {
    let mut cal = Calendar::new();
    cal.name(programme);
    for e in events {
        let mut event = icalendar::Event::new();
        event
            .uid(&format!("{}@{host}", e.uid))
            .summary(&e.summary)
            .starts(e.starts)
            .ends(e.ends + Duration::days(1));
        if !e.description.is_empty() {
            event.description(&e.description);
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}

/// Where UIDs say the events come from: the programme's name, made safe for an address.
pub fn uid_host(programme: &str) -> String {
    let slug: String = programme
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{}.fellowship", slug.trim_matches('-'))
}

/// The signed-in person's calendar, as a file to download.
pub async fn download(db: &Db, actor: &Actor) -> Result<Document> {
    let text = calendar_text(db, actor).await?;
    Ok(Document::new(
        "fellowship-calendar.ics".into(),
        "text/calendar",
        text.as_bytes(),
    ))
}

pub async fn calendar_text(db: &Db, actor: &Actor) -> Result<String> {
    let programme = crate::programme::programmes::current(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_else(|| "Fellowship".into());
    let events = events(db, actor).await?;
    Ok(ics(&programme, &uid_host(&programme), &events))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_day_events_end_the_day_after() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        let text = ics(
            "North; London",
            &uid_host("North; London"),
            &[day("set-session-1".into(), d, "Set A, session".into(), "")],
        );
        assert!(text.contains("DTSTART;VALUE=DATE:20261208"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20261209"), "{text}");
        assert!(text.contains("UID:set-session-1@north--london.fellowship"));
        // Commas and semicolons are escaped as RFC 5545 asks.
        assert!(text.contains("SUMMARY:Set A\\, session"), "{text}");
    }
}
