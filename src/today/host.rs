//! A host organisation's day (sponsor and mentor): reviews waiting for the sponsor's signature,
//! review dates coming, what changed on their own fellows' challenges since the last visit, and
//! for a mentor or coach, any gap in the sessions with their fellows. Only the actor's own
//! organisation is ever read.

use chrono::{Duration, NaiveDate};

use super::{day, plural, Item, ItemKind, Link, Section, REVIEW_AHEAD_DAYS};
use crate::auth::{Actor, Role};
use crate::challenges::actions::MilestoneKind;
use crate::challenges::reviews::ReviewKind;
use crate::db::Db;
use crate::error::Result;

pub async fn items(
    db: &Db,
    actor: &Actor,
    on: NaiveDate,
    since: Option<&str>,
) -> Result<Vec<Item>> {
    let Some(host) = actor.host_id() else {
        return Ok(vec![]);
    };
    let mut out = vec![];
    to_sign(db, actor, host, &mut out).await?;
    review_dates(db, host, on, &mut out).await?;
    changes(db, actor, host, on, since, &mut out).await?;
    mentee_gaps(db, actor, on, &mut out).await?;
    Ok(out)
}

/// "mid-year review" for a review's kind or its milestone's, from the app's own labels.
fn review_name(kind: &str) -> String {
    let label: Option<&str> = MilestoneKind::parse(kind)
        .map(MilestoneKind::label)
        .or(ReviewKind::parse(kind).map(ReviewKind::label));
    label.unwrap_or(kind).to_lowercase()
}

/// Unsigned reviews with a summary written: the sponsor's to sign; the mentor is told it waits.
async fn to_sign(db: &Db, actor: &Actor, host: i64, out: &mut Vec<Item>) -> Result<()> {
    let rows: Vec<(i64, String, String, Option<NaiveDate>)> = crate::db::query_as(
        "SELECT c.id, r.kind, f.name,
            (SELECT m.due_date FROM milestones m WHERE m.challenge_id = c.id
              AND m.kind = CASE r.kind WHEN 'mid_year' THEN 'mid_year_review' ELSE 'end_of_year_review' END)
         FROM reviews r JOIN challenges c ON c.id = r.challenge_id JOIN fellows f ON f.id = c.fellow_id
         WHERE f.host_id = ? AND r.signed_at IS NULL AND r.summary <> ''
         ORDER BY r.created_at",
    )
    .bind(host)
    .fetch_all(&db.pool)
    .await?;
    let sponsor = actor.role() == Role::HostSponsor;
    for (id, kind, fellow, due) in rows {
        let review = review_name(&kind);
        out.push(Item {
            kind: ItemKind::ReviewToSign,
            section: if sponsor {
                Section::Now
            } else {
                Section::Coming
            },
            count: 1,
            title: if sponsor {
                format!("{fellow}'s {review} awaits your signature")
            } else {
                format!("{fellow}'s {review} awaits the sponsor's signature")
            },
            detail: match due {
                Some(d) => format!("The review was due {}.", day(d)),
                None => String::new(),
            },
            date: due,
            overdue: false,
            link: Link::Challenge { id },
        });
    }
    Ok(())
}

/// Review dates in the next `REVIEW_AHEAD_DAYS` on the organisation's open challenges.
async fn review_dates(db: &Db, host: i64, on: NaiveDate, out: &mut Vec<Item>) -> Result<()> {
    let rows: Vec<(i64, String, String, NaiveDate)> = crate::db::query_as(
        "SELECT c.id, m.kind, f.name, m.due_date FROM milestones m
         JOIN challenges c ON c.id = m.challenge_id JOIN fellows f ON f.id = c.fellow_id
         WHERE f.host_id = ? AND c.status <> 'closed' AND m.due_date >= ? AND m.due_date <= ?
           AND m.kind IN ('mid_year_review', 'end_of_year_review')
         ORDER BY m.due_date",
    )
    .bind(host)
    .bind(on)
    .bind(on + Duration::days(REVIEW_AHEAD_DAYS))
    .fetch_all(&db.pool)
    .await?;
    for (id, kind, fellow, due) in rows {
        out.push(Item {
            kind: ItemKind::ReviewDate,
            section: Section::Coming,
            count: 1,
            title: format!("{fellow}'s {} on {}", review_name(&kind), day(due)),
            detail: "The fellow writes the summary; the sponsor signs it.".into(),
            date: Some(due),
            overdue: false,
            link: Link::Challenge { id },
        });
    }
    Ok(())
}

/// Updates since the last sign-in by anyone else: the challenge itself, progress scores,
/// action notes, comments and reviews. A first visit looks back `SOON_DAYS`.
async fn changes(
    db: &Db,
    actor: &Actor,
    host: i64,
    on: NaiveDate,
    since: Option<&str>,
    out: &mut Vec<Item>,
) -> Result<()> {
    let since = since.map(str::to_owned).unwrap_or_else(|| {
        (on - Duration::days(super::SOON_DAYS))
            .format("%Y-%m-%d")
            .to_string()
    });
    let rows: Vec<(i64, String, String, i64)> = crate::db::query_as(
        "SELECT c.id, c.title, f.name,
            (CASE WHEN c.updated_at > ?2 AND coalesce(c.updated_by, 0) <> ?3 THEN 1 ELSE 0 END)
            + (SELECT count(*) FROM progress_scores p WHERE p.challenge_id = c.id AND p.set_at > ?2 AND coalesce(p.set_by, 0) <> ?3)
            + (SELECT count(*) FROM action_notes n JOIN actions a ON a.id = n.action_id
                WHERE a.challenge_id = c.id AND n.created_at > ?2 AND coalesce(n.author, 0) <> ?3)
            + (SELECT count(*) FROM challenge_comments k WHERE k.challenge_id = c.id AND k.created_at > ?2 AND coalesce(k.author, 0) <> ?3)
            + (SELECT count(*) FROM reviews r WHERE r.challenge_id = c.id AND r.created_at > ?2) AS updates
         FROM challenges c JOIN fellows f ON f.id = c.fellow_id
         WHERE f.host_id = ?1 ORDER BY f.name, c.id",
    )
    .bind(host)
    .bind(&since)
    .bind(actor.user_id)
    .fetch_all(&db.pool)
    .await?;
    for (id, title, fellow, updates) in rows {
        if updates == 0 {
            continue;
        }
        out.push(Item {
            kind: ItemKind::ChallengeChanged,
            section: Section::Changed,
            count: updates,
            title: format!(
                "{fellow}'s challenge: {}",
                plural(updates, "update", "updates")
            ),
            detail: format!("\u{201c}{title}\u{201d}"),
            date: None,
            overdue: false,
            link: Link::Challenge { id },
        });
    }
    Ok(())
}

/// A mentor's or coach's own relationships with no session for longer than the programme's gap.
async fn mentee_gaps(db: &Db, actor: &Actor, on: NaiveDate, out: &mut Vec<Item>) -> Result<()> {
    let rows: Vec<(i64, String, NaiveDate, i64)> = crate::db::query_as(
        "SELECT r.id, f.name, coalesce(max(s.held_on), r.started_on),
                (SELECT mentoring_gap_days FROM programmes ORDER BY id LIMIT 1)
         FROM mentoring_relationships r JOIN fellows f ON f.id = r.fellow_id
         LEFT JOIN mentoring_sessions s ON s.relationship_id = r.id
         WHERE r.person_id = ? AND r.ended_on IS NULL AND f.status = 'active'
         GROUP BY r.id, f.name, r.started_on ORDER BY f.name",
    )
    .bind(actor.user_id)
    .fetch_all(&db.pool)
    .await?;
    for (id, fellow, last, gap_days) in rows {
        let days = (on - last).num_days();
        if days > gap_days {
            out.push(Item {
                kind: ItemKind::MentoringGap,
                section: Section::Now,
                count: days,
                title: format!("No session with {fellow} logged for {days} days"),
                detail: format!("The programme expects one at least every {gap_days} days."),
                date: Some(last),
                overdue: true,
                link: Link::Relationship { id },
            });
        }
    }
    Ok(())
}
