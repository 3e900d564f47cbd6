//! Demo 360° feedback: every cohort has a baseline round, and cohorts whose year has ended an
//! end-of-year round too, closed once their dates pass, with self-assessments, nominations and
//! responses. Raters' ratings drift upward over the year, so the cohort report shows change;
//! one fellow in each round has too few direct reports, so their report drops that group, and
//! one has too few responses altogether. Past reports are reviewed and released.

use chrono::{Duration, NaiveDate};

use crate::db::{now_stamp, Tx};
use crate::error::Result;

use super::Lcg;

const GROUPS: &[(&str, usize)] = &[
    ("line_manager", 1),
    ("peer", 4),
    ("direct_report", 3),
    ("other", 1),
];

const COMMENTS: &[&str] = &[
    "Brings people together around the patient's experience.",
    "Could delegate more; tries to do everything personally.",
    "Listens well and follows up on what was agreed.",
    "Good with data; sometimes the message gets lost in detail.",
    "Has grown noticeably in confidence with senior colleagues.",
];

pub(super) struct Cohort {
    pub id: i64,
    pub start: NaiveDate,
    pub fellows: Vec<i64>,
}

pub(super) async fn fill(
    tx: &mut Tx,
    cohorts: &[Cohort],
    faculty: i64,
    today: NaiveDate,
    rng: &mut Lcg,
) -> Result<()> {
    let dims: Vec<(i64,)> = crate::db::query_as(
        "SELECT id FROM framework_dimensions WHERE framework_id = 1 ORDER BY position",
    )
    .fetch_all(&mut **tx)
    .await?;
    for cohort in cohorts {
        for (kind, open_after, lift) in [("baseline", 14, 0), ("end_of_year", 300, 1)] {
            let opens = cohort.start + Duration::days(open_after);
            if opens > today {
                continue;
            }
            let closes = opens + Duration::days(45);
            let closed = closes < today;
            let round = crate::db::query_scalar::<i64>(
                "INSERT INTO feedback_rounds (cohort_id, framework_id, kind, opens_on, closes_on, min_line_manager, min_peer,
                 min_direct_report, min_other, min_service_user, overall_minimum, groups_required, line_manager_required,
                 closed_at, created_at) VALUES (?, 1, ?, ?, ?, 1, 3, 3, 3, 3, 4, 2, FALSE, ?, ?) RETURNING id",
            )
            .bind(cohort.id)
            .bind(kind)
            .bind(opens)
            .bind(closes)
            .bind(closed.then(now_stamp))
            .bind(now_stamp())
            .fetch_one(&mut **tx).await?;
            for (n, fellow) in cohort.fellows.iter().enumerate() {
                let base = 1 + (n % 3) as i64;
                for (d, (dim,)) in dims.iter().enumerate() {
                    crate::db::query(
                        "INSERT INTO feedback_self_ratings (round_id, fellow_id, dimension_id, rating, importance) VALUES (?, ?, ?, ?, ?)",
                    )
                    .bind(round)
                    .bind(fellow)
                    .bind(dim)
                    .bind((base + lift + (d % 2) as i64).min(4))
                    .bind(3 + (d % 2) as i64)
                    .execute(&mut **tx)
                    .await?;
                }
                crate::db::query("INSERT INTO feedback_self_submissions (round_id, fellow_id, submitted_at) VALUES (?, ?, ?)")
                    .bind(round)
                    .bind(fellow)
                    .bind(now_stamp())
                    .execute(&mut **tx)
                    .await?;
                for (group, usual) in GROUPS {
                    // The second fellow has two direct reports (a dropped group); the third has
                    // only a line manager and one peer (an invalid round).
                    let count = match (n, *group) {
                        (1, "direct_report") => 2,
                        (2, "line_manager") => 1,
                        (2, "peer") => 1,
                        (2, _) => 0,
                        _ => *usual,
                    };
                    for k in 0..count {
                        crate::db::query(
                            "INSERT INTO feedback_nominations (round_id, fellow_id, rater_group, rater_name, rater_email, responded, created_at)
                             VALUES (?, ?, ?, ?, ?, 1, ?)",
                        )
                        .bind(round)
                        .bind(fellow)
                        .bind(group)
                        .bind(format!("Rater {} ({group})", k + 1))
                        .bind(format!("rater{}.{group}.{fellow}@nhs.example", k + 1))
                        .bind(now_stamp())
                        .execute(&mut **tx)
                        .await?;
                        // Deterministic but unique: round, fellow, group and rater number.
                        let g = GROUPS.iter().position(|x| x.0 == *group).unwrap_or(0) as i64;
                        let response = (round << 32) + (*fellow << 8) + g * 16 + k as i64;
                        crate::db::query("INSERT INTO feedback_responses (id, round_id, fellow_id, rater_group, comment) VALUES (?, ?, ?, ?, ?)")
                            .bind(response)
                            .bind(round)
                            .bind(fellow)
                            .bind(group)
                            .bind(if k == 0 { COMMENTS[rng.next(COMMENTS.len())] } else { "" })
                            .execute(&mut **tx)
                            .await?;
                        for (dim,) in &dims {
                            let rating = (2 + lift + rng.next(3) as i64 - 1).clamp(1, 4);
                            crate::db::query(
                                "INSERT INTO feedback_response_ratings (response_id, dimension_id, rating, importance) VALUES (?, ?, ?, ?)",
                            )
                            .bind(response)
                            .bind(dim)
                            .bind(rating)
                            .bind(2 + rng.next(3) as i64)
                            .execute(&mut **tx)
                            .await?;
                        }
                    }
                }
                if closed {
                    crate::db::query(
                        "INSERT INTO feedback_reports (round_id, fellow_id, reviewed_by, reviewed_at, released_at) VALUES (?, ?, ?, ?, ?)",
                    )
                    .bind(round)
                    .bind(fellow)
                    .bind(faculty)
                    .bind(now_stamp())
                    .bind(now_stamp())
                    .execute(&mut **tx)
                    .await?;
                }
            }
        }
    }
    Ok(())
}
