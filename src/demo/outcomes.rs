//! Demo follow-up of alumni: for every wave that has fallen due, most alumni have answered
//! (about four in five), careers move on over the years (more formal leadership roles), most
//! challenges are sustained and some spread, and the survey items lean towards agreement.

use chrono::NaiveDate;

use super::Lcg;
use crate::db::{now_stamp, Tx};
use crate::error::Result;
use crate::outcomes::follow_up::due_on;

const ROLES: &[&str] = &[
    "Consultant",
    "Clinical lead",
    "Associate medical director",
    "Matron",
    "Director of nursing",
    "Consultant pharmacist",
    "Head of service",
    "Clinical director",
];
const BANDS: &[&str] = &[
    "Consultant",
    "Band 8a",
    "Band 8b",
    "Band 8c",
    "Band 9",
    "ST7",
];

pub(super) async fn fill(tx: &mut Tx, faculty: i64, today: NaiveDate, rng: &mut Lcg) -> Result<()> {
    let waves: Vec<(i64, i64)> =
        crate::db::query_as("SELECT id, months_after FROM outcome_waves ORDER BY months_after")
            .fetch_all(&mut **tx)
            .await?;
    let measures: Vec<(i64, String)> = crate::db::query_as("SELECT id, code FROM outcome_measures")
        .fetch_all(&mut **tx)
        .await?;
    let id = |code: &str| {
        measures
            .iter()
            .find(|m| m.1 == code)
            .map(|m| m.0)
            .unwrap_or(0)
    };
    let alumni: Vec<(i64, NaiveDate, Option<String>)> = crate::db::query_as(
        "SELECT f.id, c.end_date, h.name FROM fellows f JOIN cohorts c ON c.id = f.cohort_id
         LEFT JOIN host_organisations h ON h.id = f.host_id WHERE f.status = 'completed' ORDER BY f.id",
    )
    .fetch_all(&mut **tx)
    .await?;
    for (fellow, end, host) in alumni {
        let legacy = ["sustained", "sustained", "spread", "abandoned", "spread"][rng.next(5)];
        let mut roles = rng.next(2) as i64;
        for (wave, months) in &waves {
            let due = due_on(end, *months);
            if due > today || rng.next(5) == 0 {
                continue;
            }
            roles += rng.next(2) as i64;
            let responded = due + chrono::Duration::days(rng.next(40) as i64);
            let (response,): (i64,) = crate::db::query_as(
                "INSERT INTO outcome_responses (fellow_id, wave_id, responded_on, source, recorded_by, updated_at)
                 VALUES (?, ?, ?, 'recorded', ?, ?) RETURNING id",
            )
            .bind(fellow)
            .bind(wave)
            .bind(responded.min(today))
            .bind(faculty)
            .bind(now_stamp())
            .fetch_one(&mut **tx)
            .await?;
            let texts = [
                ("current_role", ROLES[rng.next(ROLES.len())].to_string()),
                ("grade_or_band", BANDS[rng.next(BANDS.len())].to_string()),
                (
                    "organisation",
                    host.clone().unwrap_or_else(|| "NHS England".into()),
                ),
                ("challenge_legacy", legacy.to_string()),
            ];
            let ints = [
                ("leadership_roles", roles),
                ("publications", rng.next(3) as i64),
                ("presentations", rng.next(4) as i64),
                ("awards", i64::from(rng.next(6) == 0)),
                ("further_study", i64::from(rng.next(3) == 0)),
                ("worthwhile", [5, 5, 4, 4, 5, 3, 4, 5][rng.next(8)]),
                ("empowered", [5, 4, 4, 3, 4, 5, 2, 4][rng.next(8)]),
            ];
            for (code, text) in texts {
                crate::db::query("INSERT INTO outcome_values (response_id, measure_id, value_text) VALUES (?, ?, ?)")
                    .bind(response)
                    .bind(id(code))
                    .bind(text)
                    .execute(&mut **tx)
                    .await?;
            }
            for (code, n) in ints {
                // The survey items are asked at the end of the year only.
                if matches!(code, "worthwhile" | "empowered") && *months > 0 {
                    continue;
                }
                crate::db::query("INSERT INTO outcome_values (response_id, measure_id, value_int) VALUES (?, ?, ?)")
                    .bind(response)
                    .bind(id(code))
                    .bind(n)
                    .execute(&mut **tx)
                    .await?;
            }
        }
    }
    Ok(())
}
