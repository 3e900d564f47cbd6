//! A fellow's day: their 360 tasks, their challenge's actions and reviews, their drafts, their
//! next learning set and any gap in their mentoring.

use chrono::{Duration, NaiveDate};

use super::{day, plural, weekday, Item, ItemKind, Link, Section, REVIEW_AHEAD_DAYS, SOON_DAYS};
use crate::auth::Actor;
use crate::db::Db;
use crate::error::Result;

pub async fn items(db: &Db, actor: &Actor, on: NaiveDate) -> Result<Vec<Item>> {
    let Some(fellow) = actor.fellow_id() else {
        return Ok(vec![]);
    };
    let mut out = vec![];
    challenge_to_draft(db, fellow, &mut out).await?;
    feedback(db, fellow, on, &mut out).await?;
    actions(db, fellow, on, &mut out).await?;
    reviews(db, fellow, on, &mut out).await?;
    drafts(db, fellow, &mut out).await?;
    next_set(db, fellow, on, &mut out).await?;
    mentoring_gaps(db, fellow, on, &mut out).await?;
    Ok(out)
}

/// An active fellow with no Fellowship Challenge yet: the year's work starts with drafting it.
async fn challenge_to_draft(db: &Db, fellow: i64, out: &mut Vec<Item>) -> Result<()> {
    let (none,): (bool,) = crate::db::query_as(
        "SELECT f.status = 'active' AND NOT EXISTS (SELECT 1 FROM challenges c WHERE c.fellow_id = f.id)
         FROM fellows f WHERE f.id = ?",
    )
    .bind(fellow)
    .fetch_one(&db.pool)
    .await?;
    if none {
        out.push(Item {
            kind: ItemKind::ChallengeToDraft,
            section: Section::Now,
            count: 1,
            title: "Draft your Fellowship Challenge".into(),
            detail: "Describe the problem and what has been tried; your host organisation agrees it with you.".into(),
            date: None,
            overdue: false,
            link: Link::NewChallenge,
        });
    }
    Ok(())
}

/// Open 360 rounds of the fellow's cohort: the self-assessment until submitted, and raters
/// until the round's overall minimum is nominated.
async fn feedback(db: &Db, fellow: i64, on: NaiveDate, out: &mut Vec<Item>) -> Result<()> {
    let rounds: Vec<(i64, String, NaiveDate, NaiveDate, i64, bool, i64)> = crate::db::query_as(
        "SELECT r.id, r.kind, r.opens_on, r.closes_on, r.overall_minimum,
                EXISTS (SELECT 1 FROM feedback_self_submissions s WHERE s.round_id = r.id AND s.fellow_id = ?1),
                (SELECT count(*) FROM feedback_nominations n WHERE n.round_id = r.id AND n.fellow_id = ?1)
         FROM feedback_rounds r JOIN fellows f ON f.cohort_id = r.cohort_id
         WHERE f.id = ?1 AND r.closed_at IS NULL AND r.opens_on <= ?2 AND r.closes_on >= ?2
         ORDER BY r.closes_on",
    )
    .bind(fellow)
    .bind(on)
    .fetch_all(&db.pool)
    .await?;
    for (id, kind, _, closes_on, minimum, submitted, nominated) in rounds {
        let name = if kind == "baseline" {
            "baseline 360° feedback"
        } else {
            "end-of-year 360° feedback"
        };
        if !submitted {
            out.push(Item {
                kind: ItemKind::SelfAssessmentDue,
                section: Section::Now,
                count: 1,
                title: format!("Self-assessment due by {}", day(closes_on)),
                detail: format!("Rate yourself for your {name} before the round closes."),
                date: Some(closes_on),
                overdue: false,
                link: Link::SelfAssessment { round_id: id },
            });
        }
        if nominated < minimum {
            let more = minimum - nominated;
            out.push(Item {
                kind: ItemKind::NominationsDue,
                section: Section::Now,
                count: more,
                title: format!(
                    "Nominate {} by {}",
                    plural(more, "more rater", "more raters"),
                    day(closes_on)
                ),
                detail: format!(
                    "{nominated} of at least {minimum} nominated for your {name}; raters need time to answer."
                ),
                date: Some(closes_on),
                overdue: false,
                link: Link::Raters { round_id: id },
            });
        }
    }
    Ok(())
}

/// Unfinished actions on the fellow's open challenges: overdue, and due within `SOON_DAYS`.
async fn actions(db: &Db, fellow: i64, on: NaiveDate, out: &mut Vec<Item>) -> Result<()> {
    let soon = on + Duration::days(SOON_DAYS);
    // Challenge, title, overdue count and oldest date, soon count and first date.
    type Row = (i64, String, i64, Option<NaiveDate>, i64, Option<NaiveDate>);
    let rows: Vec<Row> =
        crate::db::query_as(
            "SELECT c.id, c.title,
                count(CASE WHEN a.due_date < ?2 THEN 1 END), min(CASE WHEN a.due_date < ?2 THEN a.due_date END),
                count(CASE WHEN a.due_date >= ?2 AND a.due_date <= ?3 THEN 1 END),
                min(CASE WHEN a.due_date >= ?2 AND a.due_date <= ?3 THEN a.due_date END)
         FROM challenges c JOIN actions a ON a.challenge_id = c.id
         WHERE c.fellow_id = ?1 AND c.status <> 'closed' AND a.status <> 'done' AND a.due_date IS NOT NULL
         GROUP BY c.id, c.title ORDER BY c.id",
        )
        .bind(fellow)
        .bind(on)
        .bind(soon)
        .fetch_all(&db.pool)
        .await?;
    for (id, title, overdue, oldest, due_soon, first) in rows {
        if overdue > 0 {
            out.push(Item {
                kind: ItemKind::ActionsOverdue,
                section: Section::Now,
                count: overdue,
                title: format!("{} overdue", plural(overdue, "action", "actions")),
                detail: format!(
                    "On \u{201c}{title}\u{201d}: the oldest was due {}.",
                    oldest.map(day).unwrap_or_default()
                ),
                date: oldest,
                overdue: true,
                link: Link::Challenge { id },
            });
        }
        if due_soon > 0 {
            out.push(Item {
                kind: ItemKind::ActionsSoon,
                section: Section::Coming,
                count: due_soon,
                title: format!(
                    "{} due in the next {SOON_DAYS} days",
                    plural(due_soon, "action", "actions")
                ),
                detail: format!(
                    "On \u{201c}{title}\u{201d}: the first is due {}.",
                    first.map(day).unwrap_or_default()
                ),
                date: first,
                overdue: false,
                link: Link::Challenge { id },
            });
        }
    }
    Ok(())
}

/// Mid-year and end-of-year reviews whose date is near or past and that have no summary yet.
async fn reviews(db: &Db, fellow: i64, on: NaiveDate, out: &mut Vec<Item>) -> Result<()> {
    let ahead = on + Duration::days(REVIEW_AHEAD_DAYS);
    let rows: Vec<(i64, String, NaiveDate)> = crate::db::query_as(
        "SELECT c.id, m.kind, m.due_date FROM milestones m JOIN challenges c ON c.id = m.challenge_id
         WHERE c.fellow_id = ?1 AND c.status <> 'closed' AND m.due_date <= ?2
           AND m.kind IN ('mid_year_review', 'end_of_year_review')
           AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.challenge_id = c.id
                 AND r.kind = CASE m.kind WHEN 'mid_year_review' THEN 'mid_year' ELSE 'end_of_year' END)
         ORDER BY m.due_date",
    )
    .bind(fellow)
    .bind(ahead)
    .fetch_all(&db.pool)
    .await?;
    for (id, kind, due) in rows {
        let which = if kind == "mid_year_review" {
            "mid-year"
        } else {
            "end-of-year"
        };
        out.push(Item {
            kind: ItemKind::ReviewToPrepare,
            section: Section::Now,
            count: 1,
            title: format!("Prepare your {which} review, due {}", day(due)),
            detail: "Write the summary of progress for your host sponsor to sign.".into(),
            date: Some(due),
            overdue: due < on,
            link: Link::Challenge { id },
        });
    }
    Ok(())
}

async fn drafts(db: &Db, fellow: i64, out: &mut Vec<Item>) -> Result<()> {
    let (n,): (i64,) =
        crate::db::query_as("SELECT count(*) FROM reflections WHERE fellow_id = ? AND is_draft")
            .bind(fellow)
            .fetch_one(&db.pool)
            .await?;
    if n > 0 {
        out.push(Item {
            kind: ItemKind::ReflectionDrafts,
            section: Section::Now,
            count: n,
            title: format!(
                "{} to finish",
                plural(n, "reflection draft", "reflection drafts")
            ),
            detail: "Drafts are yours alone until you finish and share them.".into(),
            date: None,
            overdue: false,
            link: Link::Reflections,
        });
    }
    Ok(())
}

/// The next meeting of the fellow's learning set, today or later.
async fn next_set(db: &Db, fellow: i64, on: NaiveDate, out: &mut Vec<Item>) -> Result<()> {
    let row: Option<(i64, i64, String, NaiveDate)> = crate::db::query_as(
        "SELECT s.id, x.id, s.name, x.meets_on FROM learning_set_members m
         JOIN learning_sets s ON s.id = m.set_id JOIN learning_set_sessions x ON x.set_id = s.id
         WHERE m.fellow_id = ? AND x.meets_on >= ? AND x.recorded_at IS NULL
         ORDER BY x.meets_on LIMIT 1",
    )
    .bind(fellow)
    .bind(on)
    .fetch_optional(&db.pool)
    .await?;
    if let Some((set_id, session_id, name, meets_on)) = row {
        out.push(Item {
            kind: ItemKind::NextSetSession,
            section: Section::Coming,
            count: 1,
            title: format!("Next learning set: {}", weekday(meets_on)),
            detail: format!("{name}. Bring an issue to work on."),
            date: Some(meets_on),
            overdue: false,
            link: Link::SetSession { set_id, session_id },
        });
    }
    Ok(())
}

/// Mentoring or coaching with no session logged for longer than the programme's gap.
async fn mentoring_gaps(db: &Db, fellow: i64, on: NaiveDate, out: &mut Vec<Item>) -> Result<()> {
    let rows: Vec<(i64, String, String, NaiveDate, i64)> = crate::db::query_as(
        "SELECT r.id, r.kind, u.name, coalesce(max(s.held_on), r.started_on),
                (SELECT mentoring_gap_days FROM programmes ORDER BY id LIMIT 1)
         FROM mentoring_relationships r JOIN users u ON u.id = r.person_id
         LEFT JOIN mentoring_sessions s ON s.relationship_id = r.id
         WHERE r.fellow_id = ? AND r.ended_on IS NULL
         GROUP BY r.id, r.kind, u.name, r.started_on ORDER BY r.id",
    )
    .bind(fellow)
    .fetch_all(&db.pool)
    .await?;
    for (id, kind, person, last, gap_days) in rows {
        let days = (on - last).num_days();
        if days > gap_days {
            let with = if kind == "coach" {
                "coaching"
            } else {
                "mentoring"
            };
            out.push(Item {
                kind: ItemKind::MentoringGap,
                section: Section::Now,
                count: days,
                title: format!("No {with} with {person} logged for {days} days"),
                detail: format!(
                    "The programme expects a session at least every {gap_days} days. Book one, then log it."
                ),
                date: Some(last),
                overdue: true,
                link: Link::Relationship { id },
            });
        }
    }
    Ok(())
}
