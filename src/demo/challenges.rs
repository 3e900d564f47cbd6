//! Demo Fellowship Challenges for the active fellows of the newest cohort: a proposal, an
//! action plan (one action overdue), milestones, a weekly measure with a visible shift after a
//! change, a PDSA cycle, a progress score and a host comment.

use chrono::{Duration, NaiveDate};

use crate::db::{now_stamp, Tx};
use crate::error::Result;

const TITLES: &[(&str, &str, &str)] = &[
    (
        "Reduce delayed discharges from medical wards",
        "Delayed discharges per week",
        "lower_is_better",
    ),
    (
        "Earlier recognition of the deteriorating patient",
        "Patients with NEWS2 recorded on time (%)",
        "higher_is_better",
    ),
    (
        "Safer prescribing of high-risk medicines in care homes",
        "Residents on high-risk medicines reviewed",
        "higher_is_better",
    ),
    (
        "Shorter waits for community mental health assessment",
        "Median days to first assessment",
        "lower_is_better",
    ),
    (
        "Fewer missed outpatient appointments",
        "Missed appointments per 100 booked",
        "lower_is_better",
    ),
    (
        "Better continuity of midwifery care",
        "Women seen by a named midwife (%)",
        "higher_is_better",
    ),
];

/// Weekly values: a baseline around `base`, then a sustained move after the change.
fn series(weeks: usize, base: i64, better_lower: bool, seed: usize) -> Vec<i64> {
    let wobble = [2, -1, 3, 0, -2, 1, -3, 2, 0, -1, 1, -2];
    (0..weeks)
        .map(|w| {
            let shift = if w >= weeks / 2 { base / 4 } else { 0 };
            let v = base
                + wobble[(w + seed) % wobble.len()]
                + if better_lower { -shift } else { shift };
            v.max(0)
        })
        .collect()
}

pub(super) async fn fill(
    tx: &mut Tx,
    fellows: &[(i64, NaiveDate)],
    faculty: i64,
    today: NaiveDate,
) -> Result<()> {
    for (k, (fellow, start)) in fellows.iter().enumerate() {
        let (title, measure, direction) = TITLES[k % TITLES.len()];
        let now = now_stamp();
        let challenge = crate::db::query_scalar::<i64>(
            "INSERT INTO challenges (fellow_id, title, problem_statement, earlier_attempts, nature, aim_quality, aim_cost,
             stakeholders, involvement, evidence_base, status, created_at, updated_at, updated_by)
             VALUES (?, ?, ?, ?, 'wicked', TRUE, TRUE, ?, ?, ?, 'in_progress', ?, ?, ?) RETURNING id",
        )
        .bind(fellow)
        .bind(title)
        .bind("A long-standing problem that several earlier projects improved only for a while.")
        .bind("Earlier projects were led by one team and stopped when their leads moved on.")
        .bind("Ward teams, discharge coordinators, social care, community services, the ICB")
        .bind("Two citizen partners co-chair the working group.")
        .bind("National guidance and published evaluations from comparable systems.")
        .bind(&now)
        .bind(&now)
        .bind(faculty)
        .fetch_one(&mut **tx).await?;
        for (status, note) in [
            ("draft", "Challenge drafted"),
            ("agreed_with_host", "Scoping agreed"),
            ("in_progress", ""),
        ] {
            crate::db::query("INSERT INTO challenge_status_history (challenge_id, status, note, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)")
                .bind(challenge)
                .bind(status)
                .bind(note)
                .bind(faculty)
                .bind(&now)
                .execute(&mut **tx)
                .await?;
        }
        let actions = [
            (
                "Map the current pathway with front-line staff",
                *start + Duration::days(30),
                "done",
                None,
            ),
            (
                "Agree measures and a baseline with the data team",
                *start + Duration::days(45),
                "in_progress",
                None,
            ),
            (
                "Test the first change on one ward",
                *start + Duration::days(75),
                "in_progress",
                Some(250_000i64),
            ),
            (
                "Present findings to the host board",
                *start + Duration::days(200),
                "not_started",
                None,
            ),
        ];
        for (pos, (action, due, status, pence)) in actions.iter().enumerate() {
            crate::db::query(
                "INSERT INTO actions (challenge_id, position, action, lead, due_date, status, resource_pence, created_at)
                 VALUES (?, ?, ?, 'Fellow', ?, ?, ?, ?)",
            )
            .bind(challenge)
            .bind(pos as i64 + 1)
            .bind(action)
            .bind(due)
            .bind(status)
            .bind(pence)
            .bind(&now)
            .execute(&mut **tx)
            .await?;
        }
        for (kind, days) in [
            ("scoping_agreed", 21),
            ("mid_year_review", 180),
            ("end_of_year_review", 340),
            ("showcase", 350),
        ] {
            crate::db::query("INSERT INTO milestones (challenge_id, kind, due_date, outcome_note) VALUES (?, ?, ?, '')")
                .bind(challenge)
                .bind(kind)
                .bind(*start + Duration::days(days))
                .execute(&mut **tx)
                .await?;
        }
        let better_lower = direction == "lower_is_better";
        let measure_id = crate::db::query_scalar::<i64>(
            "INSERT INTO measures (challenge_id, name, unit, direction, frequency, decimals, target) VALUES (?, ?, '', ?, 'weekly', 0, ?) RETURNING id",
        )
        .bind(challenge)
        .bind(measure)
        .bind(direction)
        .bind(if better_lower { 30 } else { 50 })
        .fetch_one(&mut **tx).await?;
        let first_week = *start - Duration::weeks(6);
        let weeks = ((today - first_week).num_weeks().max(0) as usize).min(52);
        for (w, v) in series(weeks, 40, better_lower, k).into_iter().enumerate() {
            crate::db::query(
                "INSERT INTO measure_values (measure_id, period, value) VALUES (?, ?, ?)",
            )
            .bind(measure_id)
            .bind(first_week + Duration::weeks(w as i64))
            .bind(v)
            .execute(&mut **tx)
            .await?;
        }
        let change = first_week + Duration::weeks((weeks / 2) as i64);
        crate::db::query("INSERT INTO pdsa_cycles (challenge_id, measure_id, title, plan, do_notes, study, act, start_date, end_date)
                     VALUES (?, ?, 'First test of change on one ward', 'Daily huddle to plan each patient''s next step',
                     'Ran for four weeks', 'Fewer patients waiting', 'Adopt and spread to a second ward', ?, ?)")
            .bind(challenge)
            .bind(measure_id)
            .bind(change)
            .bind(change + Duration::weeks(4))
            .execute(&mut **tx)
            .await?;
        crate::db::query("INSERT INTO progress_scores (challenge_id, score_tenths, scored_on, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(challenge)
            .bind(if k % 3 == 0 { 30 } else { 25 })
            .bind(today.min(*start + Duration::days(60)))
            .bind("Changes tested on one ward; early data look promising.")
            .bind(faculty)
            .bind(&now)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
