//! Demo action learning sets for the newest cohort: sets of six, meeting every four weeks from
//! the third week of September, each past session recorded (attendance, two presenters with
//! their actions, report-back on the actions from last time) and the next one in the diary.
//! The demo faculty facilitates the first set, which holds the demo fellow; a separate demo
//! facilitator runs the rest, so faculty see only attendance and follow-through for those.

use chrono::{Duration, NaiveDate};

use crate::db::{now_stamp, Tx};
use crate::error::Result;

const ISSUES: &[(&str, &[&str])] = &[
    (
        "My sponsor has moved on and the new executive has not yet backed the project.",
        &[
            "Book thirty minutes with the new executive",
            "Write a one-page case for the project",
        ],
    ),
    (
        "Ward teams see the change as more paperwork.",
        &["Shadow a night shift to see the work as it is done"],
    ),
    (
        "Two services each think the problem belongs to the other.",
        &[
            "Bring both service leads to one meeting",
            "Map the patient's journey across both",
        ],
    ),
    (
        "The data I need sits with a team that is short-staffed.",
        &["Ask the BI lead for a standing weekly extract"],
    ),
];

const RULES: &str = "What is said in the set stays in the set.\nOne person speaks at a time; the presenter's airtime is theirs.\nWe ask questions rather than give advice.\nWe arrive on time and send apologies in advance.";

pub(super) async fn fill(
    tx: &mut Tx,
    cohort: i64,
    fellows: &[i64],
    faculty: i64,
    facilitator: i64,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    let groups: Vec<&[i64]> = fellows.chunks(6).filter(|g| g.len() >= 4).collect();
    for (k, members) in groups.iter().enumerate() {
        let leader = if k == 0 { faculty } else { facilitator };
        let set = crate::db::query_scalar::<i64>(
            "INSERT INTO learning_sets (cohort_id, name, facilitator_id, ground_rules, ground_rules_agreed_on, created_at)
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(cohort)
        .bind(format!("Set {}", k + 1))
        .bind(leader)
        .bind(RULES)
        .bind(start + Duration::days(21))
        .bind(now_stamp())
        .fetch_one(&mut **tx).await?;
        for m in members.iter() {
            crate::db::query("INSERT INTO learning_set_members (set_id, fellow_id) VALUES (?, ?)")
                .bind(set)
                .bind(m)
                .execute(&mut **tx)
                .await?;
        }
        let mut last_actions: Vec<i64> = vec![];
        let mut on = start + Duration::days(21 + k as i64 % 3);
        for s in 0.. {
            let held = on <= today;
            let session = crate::db::query_scalar::<i64>(
                "INSERT INTO learning_set_sessions (set_id, meets_on, recorded_at, recorded_by, check_in, notes, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(set)
            .bind(on)
            .bind(held.then(now_stamp))
            .bind(held.then_some(leader))
            .bind(if held { "A round of how everyone is arriving." } else { "" })
            .bind(if held { "Themes: sponsorship, pace of change, looking after ourselves." } else { "" })
            .bind(now_stamp())
            .fetch_one(&mut **tx).await?;
            if !held {
                break;
            }
            for (i, m) in members.iter().enumerate() {
                let mark = if (i + s + k) % 7 == 3 {
                    "apologies"
                } else {
                    "present"
                };
                crate::db::query("INSERT INTO learning_set_attendance (session_id, fellow_id, mark) VALUES (?, ?, ?)")
                    .bind(session)
                    .bind(m)
                    .bind(mark)
                    .execute(&mut **tx)
                    .await?;
            }
            for (n, id) in last_actions.iter().enumerate() {
                let review = ["done", "partly", "done", "not_done"][(n + s) % 4];
                crate::db::query(
                    "UPDATE learning_set_actions SET review = ?, reviewed_in = ? WHERE id = ?",
                )
                .bind(review)
                .bind(session)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            }
            last_actions.clear();
            for p in 0..2 {
                let presenter = members[(s * 2 + p) % members.len()];
                let (issue, actions) = ISSUES[(s * 2 + p + k) % ISSUES.len()];
                let pres = crate::db::query_scalar::<i64>(
                    "INSERT INTO learning_set_presentations
                     (session_id, fellow_id, position, bid_minutes, presented, airtime_seconds, issue, feedback)
                     VALUES (?, ?, ?, 20, TRUE, ?, ?, 'The questions helped me see what I can influence.') RETURNING id",
                )
                .bind(session)
                .bind(presenter)
                .bind(p as i64)
                .bind(1080 + 60 * p as i64)
                .bind(issue)
                .fetch_one(&mut **tx).await?;
                for (position, body) in actions.iter().enumerate() {
                    let id = crate::db::query_scalar::<i64>(
                        "INSERT INTO learning_set_actions (presentation_id, position, body) VALUES (?, ?, ?) RETURNING id",
                    )
                    .bind(pres)
                    .bind(position as i64)
                    .bind(body)
                    .fetch_one(&mut **tx).await?;
                    last_actions.push(id);
                }
            }
            on += Duration::days(28);
        }
    }
    Ok(())
}
