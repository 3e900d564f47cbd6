//! The programme's annual report for commissioners, as a PDF: cohort numbers and completion, 360
//! change by dimension, outcomes by wave, and a summary by Kirkpatrick level. It is meant to be
//! shared outside faculty, so any count of one to four people is withheld.

use crate::access::require_faculty;
use crate::auth::Actor;
use crate::db::Db;
use crate::error::Result;
use crate::feedback360::overview;
use crate::pdf::{Document, Pages, GREY};
use crate::programmes;

use super::dashboard::{dashboard, DashboardInput, SMALL_CELL};
use super::{measures, Kirkpatrick, ValueType};

/// A count as it may be shown outside faculty.
fn count(n: i64) -> String {
    if (1..SMALL_CELL).contains(&n) {
        format!("fewer than {SMALL_CELL}")
    } else {
        n.to_string()
    }
}

fn percent(part: Option<i64>, whole: i64) -> String {
    match part {
        Some(p) if whole >= SMALL_CELL => format!("{}%", (p * 100 + whole / 2) / whole),
        _ => format!("withheld (fewer than {SMALL_CELL} people)"),
    }
}

fn mean(h: i64) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

pub async fn annual_report(db: &Db, actor: &Actor) -> Result<Document> {
    require_faculty(actor)?;
    let programme = programmes::get(db, actor).await?;
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
        &format!("Figures about fewer than {SMALL_CELL} people are withheld so that no one can be identified."),
        9.0,
    );

    p.heading("Cohorts and completion");
    let cohorts: Vec<(i64, String, i64, i64, i64, i64)> = crate::db::query_as(
        "SELECT c.id, c.name, count(f.id),
           sum(CASE WHEN f.status = 'completed' THEN 1 ELSE 0 END),
           sum(CASE WHEN f.status = 'withdrawn' THEN 1 ELSE 0 END),
           sum(CASE WHEN f.status IN ('active', 'interrupted') THEN 1 ELSE 0 END)
         FROM cohorts c LEFT JOIN fellows f ON f.cohort_id = c.id AND f.status <> 'applicant'
         GROUP BY c.id ORDER BY c.start_date",
    )
    .fetch_all(&db.pool)
    .await?;
    for (_, name, fellows, completed, withdrawn, current) in &cohorts {
        let mut line = format!("{name}: {} fellows", count(*fellows));
        if *current > 0 {
            line.push_str(&format!("; {} in their year", count(*current)));
        } else {
            line.push_str(&format!(
                "; {} completed ({}), {} withdrew",
                count(*completed),
                percent(Some(*completed), *fellows),
                count(*withdrawn)
            ));
        }
        p.para(&line, 10.0);
    }

    p.heading("360-degree feedback: others' ratings, baseline to end of year");
    let mut any = false;
    for (id, name, ..) in &cohorts {
        let c = overview::cohort(db, actor, *id).await?;
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

    let d = dashboard(
        db,
        actor,
        DashboardInput {
            cohort_id: None,
            for_sharing: true,
        },
    )
    .await?;
    p.heading("Follow-up of alumni by wave");
    let mut waves: Vec<(String, i64, i64)> = vec![];
    for r in &d.response_rates {
        match waves.iter_mut().find(|w| w.0 == r.wave_name) {
            Some(w) => {
                w.1 += r.due;
                w.2 += r.responded.unwrap_or(0);
            }
            None => waves.push((r.wave_name.clone(), r.due, r.responded.unwrap_or(0))),
        }
    }
    if waves.is_empty() {
        p.para("No follow-up wave has fallen due yet.", 10.0);
    }
    for (name, due, responded) in &waves {
        p.para(
            &format!(
                "{name}: {} of {} alumni responded ({})",
                count(*responded),
                count(*due),
                percent(Some(*responded), *due)
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
    let all = measures(db).await?;
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
            let (answered, positive): (i64, i64) = crate::db::query_as(
                "SELECT count(*), count(*) FILTER (WHERE CASE
                    WHEN ?2 = 'scale' THEN v.value_int >= m.scale_points - 1
                    WHEN ?2 IN ('count', 'yes_no') THEN v.value_int >= 1
                    WHEN ?2 = 'choice' THEN v.value_text IN ('sustained', 'spread')
                    ELSE TRUE END)
                 FROM outcome_values v JOIN outcome_measures m ON m.id = v.measure_id WHERE m.id = ?1",
            )
            .bind(m.id)
            .bind(m.value_type.code())
            .fetch_one(&db.pool)
            .await?;
            let headline = match m.value_type {
                ValueType::Scale => format!("{} agree", percent(Some(positive), answered)),
                ValueType::Count => {
                    format!("{} report at least one", percent(Some(positive), answered))
                }
                ValueType::YesNo => format!("{} yes", percent(Some(positive), answered)),
                ValueType::Choice if m.code == "challenge_legacy" => {
                    format!("{} sustained or spread", percent(Some(positive), answered))
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
