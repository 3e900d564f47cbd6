//! The programme's annual report for commissioners, as a PDF: cohort numbers and completion, 360
//! change by dimension, outcomes by wave, and a summary by Kirkpatrick level. It is meant to be
//! shared outside faculty, so every figure goes through disclosure control (crate::disclosure):
//! no count from 1 to 4 is shown, nor any figure that would let one be worked out.

use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::db::Db;
use crate::disclosure::{self, percent as share};
use crate::error::Result;
use crate::feedback360::overview::{self, CohortFeedback};
use crate::pdf::{Document, Pages, GREY};
use crate::programme::programmes;

use super::dashboard::{dashboard, DashboardInput, SMALL_CELL};
use super::{measures, Kirkpatrick, OutcomeMeasure, ValueType};

/// A cohort's id, name, fellows, completed, withdrawn and in their year.
type CohortRow = (i64, String, i64, i64, i64, i64);

/// What a withheld figure says in its place; the note at the top says why.
const WITHHELD: &str = "withheld";

/// A count as it may be shown outside faculty.
fn count(n: Option<i64>) -> String {
    n.map_or(WITHHELD.into(), |n| n.to_string())
}

fn percent(part: Option<i64>, whole: Option<i64>) -> String {
    share(part, whole).map_or(WITHHELD.into(), |p| format!("{p}%"))
}

fn mean(h: i64) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

pub async fn annual_report(db: &Db, actor: &Actor) -> Result<Document> {
    require_faculty(actor)?;
    // The report's parts ask the database at once, each on a connection of its own, so the
    // report waits for the slowest (the shared dashboard) rather than for all in turn.
    let (programme, (cohorts, feedback), d, (all, tallies)) = tokio::try_join!(
        programmes::get(db, actor),
        cohorts(db, actor),
        dashboard(
            db,
            actor,
            DashboardInput {
                cohort_id: None,
                for_sharing: true,
            },
        ),
        kirkpatrick(db),
    )?;
    let today = chrono::Utc::now().date_naive();
    let mut p = Pages::default();
    p.text("Annual report", 10.0, true, GREY);
    p.text(&programme.name, 18.0, true, (0.0, 0.0, 0.0));
    p.text(
        &format!("Prepared {}", today.format("%-d %B %Y")),
        10.0,
        false,
        GREY,
    );
    p.para(
        &format!(
            "Withheld: fewer than {SMALL_CELL}, or could reveal one. No figure about fewer than {SMALL_CELL} \
             people is shown (none is shown as 0), nor any figure from which one could be worked out, so that \
             no one can be identified (small-number suppression with secondary suppression, as in NHS \
             Digital's and ONS's disclosure control guidance).",
        ),
        9.0,
    );

    p.heading("Cohorts and completion");
    // Cells: completed, withdrew, in their year, and any other status (the total gives it away).
    let cells: Vec<Vec<i64>> = cohorts
        .iter()
        .map(|(_, _, n, done, left, now)| vec![*done, *left, *now, n - done - left - now])
        .collect();
    let mut f = disclosure::Figures::default();
    let ids = f.table(&cells, false);
    // Completed fellows are the alumni due in the shared dashboard's response rates.
    ids.cells.iter().for_each(|r| f.keep(r[0]));
    let t = ids.read(&f.protect());
    for (i, (_, name, ..)) in cohorts.iter().enumerate() {
        let [completed, withdrawn, current, _] = t.cells[i][..] else {
            unreachable!("four columns")
        };
        let fellows = t.row_totals[i];
        let mut line = format!("{name}: fellows: {}", count(fellows));
        if cohorts[i].5 > 0 {
            line.push_str(&format!("; in their year: {}", count(current)));
        } else {
            line.push_str(&format!(
                "; completed: {} ({}); withdrew: {}",
                count(completed),
                percent(completed, fellows),
                count(withdrawn)
            ));
        }
        p.para(&line, 10.0);
    }

    p.heading("360-degree feedback: others' ratings, baseline to end of year");
    let mut any = false;
    for ((_, name, ..), c) in cohorts.iter().zip(&feedback) {
        let rows: Vec<String> = c
            .dimensions
            .iter()
            .filter_map(|d| {
                let (b, e) = (d.baseline.as_ref()?, d.end_of_year.as_ref()?);
                let change = e.others_mean_hundredths - b.others_mean_hundredths;
                Some(format!(
                    "{}: {} to {} ({}{})",
                    d.name,
                    mean(b.others_mean_hundredths),
                    mean(e.others_mean_hundredths),
                    if change >= 0 { "+" } else { "-" },
                    mean(change.abs())
                ))
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        any = true;
        p.text(&format!("Cohort {name}"), 10.0, true, (0.0, 0.0, 0.0));
        for r in rows {
            p.para(&r, 9.0);
        }
    }
    if !any {
        p.para("No cohort yet has both a baseline and an end-of-year round with enough fellows to report.", 10.0);
    }

    p.heading("Follow-up of alumni by wave");
    if d.response_totals.is_empty() {
        p.para("No follow-up wave has fallen due yet.", 10.0);
    }
    for w in &d.response_totals {
        p.para(
            &format!(
                "{}: responded: {} of {} alumni due ({})",
                w.wave_name,
                count(w.responded),
                count(w.due),
                percent(w.responded, w.due)
            ),
            10.0,
        );
    }
    for l in &d.leadership {
        p.para(
            &format!(
                "{}: {} of those answering hold a formal leadership role",
                l.wave_name,
                percent(l.holding, l.answered)
            ),
            10.0,
        );
    }

    p.heading("Summary by Kirkpatrick level");
    for level in Kirkpatrick::ALL {
        let at: Vec<_> = all
            .iter()
            .filter(|m| m.kirkpatrick == *level && !m.retired)
            .collect();
        if at.is_empty() {
            continue;
        }
        p.text(level.label(), 10.0, true, (0.0, 0.0, 0.0));
        for m in at {
            // By wave, as the dashboard's survey and leadership tables count them: the totals
            // here are those tables' column totals, so they are controlled as one.
            let by_wave: Vec<(i64, i64)> = tallies
                .iter()
                .filter(|t| t.0 == m.id)
                .map(|t| (t.1, t.2))
                .collect();
            let cells: Vec<Vec<i64>> = by_wave.iter().map(|(y, n)| vec![*y, n - y]).collect();
            let t = disclosure::table(true, &cells, true);
            let (positive, answered) = (t.col_totals.first().copied().flatten(), t.grand);
            let answered = if by_wave.is_empty() {
                Some(0)
            } else {
                answered
            };
            let headline = match m.value_type {
                ValueType::Scale => format!("{} agree", percent(positive, answered)),
                ValueType::Count => {
                    format!("{} report at least one", percent(positive, answered))
                }
                ValueType::YesNo => format!("{} yes", percent(positive, answered)),
                ValueType::Choice if m.code == "challenge_legacy" => {
                    format!("{} sustained or spread", percent(positive, answered))
                }
                _ => format!("{} answers", count(answered)),
            };
            p.para(
                &format!("{}: {headline} ({} answers)", m.name, count(answered)),
                9.0,
            );
        }
    }
    let bytes = p.save(&format!("{} annual report", programme.name));
    Ok(Document::new(
        format!("annual-report-{today}.pdf"),
        "application/pdf",
        &bytes,
    ))
}

/// Each cohort's fellows by status (id, name, fellows, completed, withdrawn, in their year), in
/// the order they started, and each cohort's 360 summary.
async fn cohorts(db: &Db, actor: &Actor) -> Result<(Vec<CohortRow>, Vec<CohortFeedback>)> {
    let cohorts: Vec<CohortRow> = crate::db::query_as(
        // Counted by status and cohort from the index that holds both (`fellows_status`), not
        // by reading every fellow's row: 21 ms in the sqlite3 shell at 40,000 fellows, now 5 ms.
        "SELECT c.id, c.name, CAST(coalesce(sum(g.n), 0) AS BIGINT),
           CAST(coalesce(sum(g.n) FILTER (WHERE g.status = 'completed'), 0) AS BIGINT),
           CAST(coalesce(sum(g.n) FILTER (WHERE g.status = 'withdrawn'), 0) AS BIGINT),
           CAST(coalesce(sum(g.n) FILTER (WHERE g.status IN ('active', 'interrupted')), 0) AS BIGINT)
         FROM cohorts c LEFT JOIN (SELECT status, cohort_id, count(*) AS n FROM fellows
           WHERE status <> 'applicant' GROUP BY status, cohort_id) g ON g.cohort_id = c.id
         GROUP BY c.id ORDER BY c.start_date",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut feedback = Vec::with_capacity(cohorts.len());
    for (id, ..) in &cohorts {
        feedback.push(overview::cohort(db, actor, *id).await?);
    }
    Ok((cohorts, feedback))
}

/// The outcome measures, and each measure's answers by wave with those that count as positive
/// for its kind (measure, positive, answers).
async fn kirkpatrick(db: &Db) -> Result<(Vec<OutcomeMeasure>, Vec<(i64, i64, i64)>)> {
    let all = measures(db).await?;
    // Each measure's answers by wave, and those that count as positive for its kind, from the
    // tallies kept as answers are written (migration 29).
    let tallies: Vec<(i64, i64, i64)> = crate::db::query_as(
        "SELECT m.id, CAST(sum(CASE WHEN CASE
             WHEN m.value_type = 'scale' THEN t.value_int >= m.scale_points - 1
             WHEN m.value_type IN ('count', 'yes_no') THEN t.value_int >= 1
             WHEN m.value_type = 'choice' THEN t.choice IN ('sustained', 'spread')
             ELSE TRUE END THEN t.answers ELSE 0 END) AS BIGINT),
           CAST(sum(t.answers) AS BIGINT)
         FROM outcome_answer_tallies t JOIN outcome_measures m ON m.id = t.measure_id
         JOIN outcome_waves w ON w.id = t.wave_id
         GROUP BY m.id, w.id, w.months_after HAVING sum(t.answers) > 0 ORDER BY m.id, w.months_after",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok((all, tallies))
}
