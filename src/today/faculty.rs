//! Programme faculty's day: open 360 rounds and their gaps, fellows with no challenge or no
//! mentor, mentoring gaps, overdue follow-ups, reviews unsigned past their date and records due
//! for anonymisation; and for a set facilitator, their sets' next sessions and actions to review.

use chrono::NaiveDate;

use super::{day, first_names_of, plural, some_names, weekday, Item, ItemKind, Link, Section};
use crate::auth::Actor;
use crate::db::Db;
use crate::error::Result;
use crate::outcomes::follow_up::{cohort_waves, due_on, state, FollowUpState};

pub async fn items(db: &Db, actor: &Actor, on: NaiveDate) -> Result<Vec<Item>> {
    // The sections ask the database at once, each on a connection of its own: on the desktop the
    // day's list waits for the slowest section rather than for all of them in turn. They are
    // listed in this order whatever order they finish in.
    let mut parts: [Vec<Item>; 6] = Default::default();
    let [sets, open_rounds, gaps, mentoring, follow, reviews] = &mut parts;
    let ((), (), (), (), (), (), retention) = tokio::try_join!(
        facilitated_sets(db, actor, on, sets),
        rounds(db, on, open_rounds),
        without(db, gaps),
        mentoring_gaps(db, on, mentoring),
        follow_ups(db, on, follow),
        unsigned_reviews(db, on, reviews),
        crate::privacy::retention_count(db, actor, on),
    )?;
    let mut out: Vec<Item> = parts.into_iter().flatten().collect();
    let n = retention.due;
    if n > 0 {
        out.push(Item {
            kind: ItemKind::RetentionDue,
            section: Section::Now,
            count: n,
            title: format!(
                "{} due for anonymisation",
                plural(n, "alumnus record", "alumni records")
            ),
            detail: format!(
                "Kept {} years after they left, with no consent to follow-up.",
                retention.retention_years
            ),
            date: retention.first_due_on,
            overdue: true,
            link: Link::Privacy,
        });
    }
    Ok(out)
}

/// The facilitator's sets: the next unrecorded session of each, and the actions agreed at
/// recorded sessions that nobody has reviewed yet.
async fn facilitated_sets(
    db: &Db,
    actor: &Actor,
    on: NaiveDate,
    out: &mut Vec<Item>,
) -> Result<()> {
    // Set, name, next session and its date, actions awaiting review.
    type Row = (i64, String, Option<i64>, Option<NaiveDate>, i64);
    let rows: Vec<Row> = crate::db::query_as(
        "SELECT s.id, s.name,
            (SELECT x.id FROM learning_set_sessions x WHERE x.set_id = s.id AND x.meets_on >= ?2
              AND x.recorded_at IS NULL ORDER BY x.meets_on LIMIT 1),
            (SELECT min(x.meets_on) FROM learning_set_sessions x WHERE x.set_id = s.id AND x.meets_on >= ?2
              AND x.recorded_at IS NULL),
            (SELECT count(*) FROM learning_set_actions a JOIN learning_set_presentations p ON p.id = a.presentation_id
              JOIN learning_set_sessions x ON x.id = p.session_id WHERE x.set_id = s.id AND a.review IS NULL)
         FROM learning_sets s WHERE s.facilitator_id = ?1 ORDER BY s.name",
    )
    .bind(actor.user_id)
    .bind(on)
    .fetch_all(&db.pool)
    .await?;
    for (set_id, name, session, meets_on, to_review) in rows {
        let (Some(session_id), Some(meets_on)) = (session, meets_on) else {
            continue;
        };
        out.push(Item {
            kind: ItemKind::NextSetSession,
            section: Section::Coming,
            count: 1,
            title: format!("{name} meets {}", weekday(meets_on)),
            detail: "You facilitate this set.".into(),
            date: Some(meets_on),
            overdue: false,
            link: Link::SetSession { set_id, session_id },
        });
        if to_review > 0 {
            out.push(Item {
                kind: ItemKind::SetActionsToReview,
                section: Section::Now,
                count: to_review,
                title: format!(
                    "{} to review at {name}'s next session",
                    plural(to_review, "action", "actions")
                ),
                detail: format!(
                    "Agreed at earlier sessions; the set meets {}.",
                    day(meets_on)
                ),
                date: Some(meets_on),
                overdue: false,
                link: Link::SetSession { set_id, session_id },
            });
        }
    }
    Ok(())
}

/// Each open round: self-assessments in, fellows short of raters, raters who have answered.
async fn rounds(db: &Db, on: NaiveDate, out: &mut Vec<Item>) -> Result<()> {
    type Row = (i64, String, String, NaiveDate, i64, i64, i64, i64, i64);
    let rows: Vec<Row> = crate::db::query_as(
        "SELECT r.id, r.kind, c.name, r.closes_on,
            (SELECT count(*) FROM fellows f WHERE f.cohort_id = r.cohort_id AND f.status = 'active'),
            (SELECT count(*) FROM feedback_self_submissions s WHERE s.round_id = r.id),
            (SELECT count(*) FROM fellows f WHERE f.cohort_id = r.cohort_id AND f.status = 'active'
               AND (SELECT count(*) FROM feedback_nominations n WHERE n.round_id = r.id AND n.fellow_id = f.id) < r.overall_minimum),
            (SELECT count(*) FROM feedback_nominations n WHERE n.round_id = r.id AND n.issued_at IS NOT NULL),
            (SELECT count(*) FROM feedback_nominations n WHERE n.round_id = r.id AND n.responded = 1)
         FROM feedback_rounds r JOIN cohorts c ON c.id = r.cohort_id
         WHERE r.closed_at IS NULL AND r.opens_on <= ?1
         ORDER BY r.closes_on",
    )
    .bind(on)
    .fetch_all(&db.pool)
    .await?;
    for (id, kind, cohort, closes_on, fellows, selves, short, invited, answered) in rows {
        let name = if kind == "baseline" {
            "Baseline"
        } else {
            "End-of-year"
        };
        let past = closes_on < on;
        out.push(Item {
            kind: ItemKind::RoundGaps,
            section: Section::Now,
            count: short + (fellows - selves).max(0),
            title: if past {
                format!("{name} 360° for {cohort} closed on {}: close the round", day(closes_on))
            } else {
                format!("{name} 360° for {cohort} closes {}", day(closes_on))
            },
            detail: format!(
                "{selves} of {fellows} self-assessments in; {} short of raters; {answered} of {invited} invited raters have answered.",
                plural(short, "fellow", "fellows")
            ),
            date: Some(closes_on),
            overdue: past,
            link: Link::Round { id },
        });
    }
    Ok(())
}

/// Active fellows with no challenge, and with no current workplace mentor.
async fn without(db: &Db, out: &mut Vec<Item>) -> Result<()> {
    // The first three names of each gap and its size, counted in the database.
    let no_challenge: Vec<(String, i64)> = crate::db::query_as(
        "SELECT f.name, count(*) OVER () FROM fellows f WHERE f.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM challenges c WHERE c.fellow_id = f.id) ORDER BY f.name LIMIT 3",
    )
    .fetch_all(&db.pool)
    .await?;
    let no_mentor: Vec<(String, i64)> = crate::db::query_as(
        "SELECT f.name, count(*) OVER () FROM fellows f WHERE f.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM mentoring_relationships r WHERE r.fellow_id = f.id
                 AND r.kind = 'workplace_mentor' AND r.ended_on IS NULL) ORDER BY f.name LIMIT 3",
    )
    .fetch_all(&db.pool)
    .await?;
    // One item for each gap, naming the first few fellows in it.
    for (kind, fellows, what, link) in [
        (
            ItemKind::NoChallenge,
            no_challenge,
            "no Fellowship Challenge yet",
            Link::Challenges,
        ),
        (
            ItemKind::NoMentor,
            no_mentor,
            "no workplace mentor",
            Link::Mentoring,
        ),
    ] {
        let Some(n) = fellows.first().map(|(_, n)| *n) else {
            continue;
        };
        let names: Vec<String> = fellows.into_iter().map(|(name, _)| name).collect();
        out.push(Item {
            kind,
            section: Section::Now,
            count: n,
            title: format!(
                "{} {what}",
                plural(n, "active fellow has", "active fellows have")
            ),
            detail: format!("{}.", first_names_of(&names, n as usize)),
            date: None,
            overdue: false,
            link,
        });
    }
    Ok(())
}

/// Current relationships of active fellows with no session for longer than the programme's gap.
async fn mentoring_gaps(db: &Db, on: NaiveDate, out: &mut Vec<Item>) -> Result<()> {
    let rows: Vec<(NaiveDate, i64)> = crate::db::query_as(
        "SELECT coalesce(max(s.held_on), r.started_on),
                (SELECT mentoring_gap_days FROM programmes ORDER BY id LIMIT 1)
         FROM mentoring_relationships r JOIN fellows f ON f.id = r.fellow_id
         LEFT JOIN mentoring_sessions s ON s.relationship_id = r.id
         WHERE r.ended_on IS NULL AND f.status = 'active' GROUP BY r.id, r.started_on",
    )
    .fetch_all(&db.pool)
    .await?;
    let gap_days = rows.first().map_or(42, |r| r.1);
    let gaps = rows
        .iter()
        .filter(|(last, gap)| (on - *last).num_days() > *gap)
        .count() as i64;
    if gaps > 0 {
        out.push(Item {
            kind: ItemKind::MentoringGaps,
            section: Section::Now,
            count: gaps,
            title: format!(
                "{} with no session for over {gap_days} days",
                plural(gaps, "mentoring or coaching relationship", "mentoring or coaching relationships")
            ),
            detail: "Sessions are counted, never read: what was said stays with the fellow and their mentor.".into(),
            date: None,
            overdue: true,
            link: Link::Mentoring,
        });
    }
    Ok(())
}

/// Alumni follow-ups past their wave's window with no response, counted by cohort and wave.
async fn follow_ups(db: &Db, on: NaiveDate, out: &mut Vec<Item>) -> Result<()> {
    let overdue: i64 = cohort_waves(db, None, false)
        .await?
        .iter()
        .filter(|p| {
            let due = due_on(p.end_date, p.months_after);
            state(on, due, p.window_days, false) == FollowUpState::Overdue
        })
        .map(|p| p.alumni - p.responded)
        .sum();
    if overdue > 0 {
        out.push(Item {
            kind: ItemKind::FollowUpsOverdue,
            section: Section::Now,
            count: overdue,
            title: format!(
                "{} overdue",
                plural(overdue, "alumni follow-up", "alumni follow-ups")
            ),
            detail: "Past their wave's window with no response recorded.".into(),
            date: None,
            overdue: true,
            link: Link::Outcomes,
        });
    }
    Ok(())
}

/// Mid-year and end-of-year reviews past their date with no signed version.
async fn unsigned_reviews(db: &Db, on: NaiveDate, out: &mut Vec<Item>) -> Result<()> {
    let rows: Vec<(i64, String, NaiveDate)> = crate::db::query_as(
        "SELECT c.id, f.name, m.due_date FROM milestones m
         JOIN challenges c ON c.id = m.challenge_id JOIN fellows f ON f.id = c.fellow_id
         WHERE m.kind IN ('mid_year_review', 'end_of_year_review') AND m.due_date < ?
           AND c.status <> 'closed' AND f.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.challenge_id = c.id AND r.signed_at IS NOT NULL
                 AND r.kind = CASE m.kind WHEN 'mid_year_review' THEN 'mid_year' ELSE 'end_of_year' END)
         ORDER BY m.due_date",
    )
    .bind(on)
    .fetch_all(&db.pool)
    .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let n = rows.len() as i64;
    let names: Vec<String> = rows.iter().map(|r| r.1.clone()).collect();
    out.push(Item {
        kind: ItemKind::ReviewsUnsigned,
        section: Section::Now,
        count: n,
        title: format!(
            "{} unsigned past {}",
            plural(n, "review", "reviews"),
            if n == 1 { "its date" } else { "their dates" }
        ),
        detail: format!(
            "{}; the oldest was due {}.",
            some_names(&names),
            day(rows[0].2)
        ),
        date: Some(rows[0].2),
        overdue: true,
        link: if n == 1 {
            Link::Challenge { id: rows[0].0 }
        } else {
            Link::Challenges
        },
    });
    Ok(())
}
