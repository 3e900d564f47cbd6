//! Statistical disclosure control through the command surface: figures prepared for sharing (the
//! outcomes dashboard ticked "for sharing", the annual report) show no count from 1 to 4, in a
//! cell or a total, and no withheld count can be worked out by subtracting shown ones. Faculty's
//! own view keeps the exact figures.

use crate::common;

use crate::common::*;
use base64::Engine;
use fellowship::auth::Actor;
use fellowship::outcomes::follow_up::{self, OutcomeAnswer, OutcomeResponseInput};
use fellowship::outcomes::{self};
use fellowship::{programme::cohorts, programme::fellows, programme::hosts, Db};
use serde_json::{json, Value};

/// Completed alumni of a cohort at a host, each answering the end-of-year wave with a legacy.
async fn alumni_at(db: &Db, faculty: &Actor, cohort: i64, host: &str, legacies: &[&str]) {
    let host = hosts::save(db, faculty, host_input(host)).await.unwrap().id;
    let waves = outcomes::waves(db).await.unwrap();
    let legacy = outcomes::measures(db)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.code == "challenge_legacy")
        .unwrap();
    for (i, l) in legacies.iter().enumerate() {
        let n = host * 100 + i as i64;
        let mut input = fellow_input(
            &format!("Alum {host} {i}"),
            &format!("{:07}", 1_000_000 + n),
            cohort,
            Some(host),
        );
        input.status = "completed".into();
        input.status_date = "2024-08-31".into();
        let fellow = fellows::save(db, faculty, input).await.unwrap().fellow.id;
        if l.is_empty() {
            continue;
        }
        follow_up::save_response(
            db,
            faculty,
            OutcomeResponseInput {
                fellow_id: fellow,
                wave_id: waves[0].id,
                responded_on: "2024-09-15".into(),
                answers: vec![OutcomeAnswer {
                    measure_id: legacy.id,
                    value: (*l).into(),
                }],
            },
        )
        .await
        .unwrap();
    }
}

/// Alpha has five alumni, one of whom abandoned their challenge; Beta three; Gamma seven. A
/// second cohort of three has not answered.
async fn programme() -> World {
    let w = world().await;
    let db = w.db();
    let faculty = w.faculty().await;
    let cohort = cohorts::save(
        db,
        &faculty,
        cohort_input("2023/24", "2023-09-01", "2024-08-31"),
    )
    .await
    .unwrap()
    .id;
    alumni_at(
        db,
        &faculty,
        cohort,
        "Alpha Trust",
        &[
            "sustained",
            "sustained",
            "sustained",
            "sustained",
            "abandoned",
        ],
    )
    .await;
    alumni_at(
        db,
        &faculty,
        cohort,
        "Beta ICB",
        &["sustained", "spread", "sustained"],
    )
    .await;
    alumni_at(
        db,
        &faculty,
        cohort,
        "Gamma Trust",
        &[
            "sustained",
            "sustained",
            "sustained",
            "sustained",
            "sustained",
            "spread",
            "spread",
        ],
    )
    .await;
    let older = cohorts::save(
        db,
        &faculty,
        cohort_input("2022/23", "2022-09-01", "2023-08-31"),
    )
    .await
    .unwrap()
    .id;
    alumni_at(db, &faculty, older, "Delta Trust", &["", "", ""]).await;
    w
}

async fn dashboard(w: &mut World, for_sharing: bool) -> Value {
    w.call(
        "outcomes_dashboard",
        json!({"cohort_id": null, "for_sharing": for_sharing}),
    )
    .await
    .unwrap()
}

fn legacy_row<'a>(d: &'a Value, by: &str, group: &str) -> &'a Value {
    d["legacy"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["by"] == by && r["group"] == group)
        .unwrap_or_else(|| panic!("{by} {group}"))
}

/// Every count in the dashboard, by where it is.
fn counts(d: &Value) -> Vec<(String, i64)> {
    let mut out = vec![];
    for part in [
        "response_rates",
        "response_totals",
        "survey",
        "leadership",
        "legacy",
    ] {
        for row in d[part].as_array().unwrap() {
            for field in [
                "due",
                "responded",
                "answered",
                "agreeing",
                "holding",
                "sustained",
                "spread",
                "abandoned",
            ] {
                if let Some(n) = row.get(field).and_then(Value::as_i64) {
                    out.push((format!("{part} {} {field}", row), n));
                }
            }
        }
    }
    out
}

#[tokio::test]
async fn a_small_count_inside_a_larger_row_is_not_shown_for_sharing() {
    let mut w = programme().await;
    // Faculty's own view is exact.
    let exact = dashboard(&mut w, false).await;
    let alpha = legacy_row(&exact, "host", "Alpha Trust");
    assert_eq!(
        (alpha["answered"].as_i64(), alpha["abandoned"].as_i64()),
        (Some(5), Some(1))
    );

    let shared = dashboard(&mut w, true).await;
    let alpha = legacy_row(&shared, "host", "Alpha Trust");
    // Alpha's total of five may be shown, unless it must go to protect Beta's (below).
    assert!(alpha["answered"] == 5 || alpha["answered"].is_null());
    assert!(
        alpha["abandoned"].is_null(),
        "abandoned: 1 must not be shown"
    );
    assert!(
        alpha["sustained"].is_null(),
        "nor the 4 that would give it away"
    );
    for (at, n) in counts(&shared) {
        assert!(!(1..5).contains(&n), "{at} shows {n}");
    }
}

#[tokio::test]
async fn a_withheld_row_cannot_be_worked_out_from_the_totals() {
    let mut w = programme().await;
    let shared = dashboard(&mut w, true).await;
    // Beta's three alumni are withheld as a row...
    let beta = legacy_row(&shared, "host", "Beta ICB");
    assert!(beta["answered"].is_null());
    // ...and the other hosts' totals and the overall total do not give it back by subtraction.
    let all = legacy_row(&shared, "all", "All alumni");
    let hosts: Vec<&Value> = shared["legacy"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["by"] == "host")
        .collect();
    let hidden = hosts.iter().filter(|r| r["answered"].is_null()).count();
    let cohort_total = legacy_row(&shared, "cohort", "2023/24")["answered"].as_i64();
    let grand = all["answered"].as_i64().or(cohort_total);
    assert!(grand.is_none() || hidden >= 2, "{shared}");
    // The same for each column: the abandoned column's shown cells and total leave Alpha's open.
    let shown_abandoned: i64 = hosts.iter().filter_map(|r| r["abandoned"].as_i64()).sum();
    let withheld_abandoned = hosts.iter().filter(|r| r["abandoned"].is_null()).count();
    if let Some(total) = all["abandoned"].as_i64() {
        assert!(
            withheld_abandoned >= 2 || total - shown_abandoned == 0,
            "{shared}"
        );
    }

    // Response rates: the older cohort's three due are withheld, and the wave's total due with
    // the other cohort's shown would give them away, so one of those is withheld too.
    let end_of_year = &shared["response_totals"][0];
    let rows: Vec<&Value> = shared["response_rates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["wave_id"] == end_of_year["wave_id"])
        .collect();
    assert_eq!(rows.len(), 2);
    let older = rows.iter().find(|r| r["cohort_name"] == "2022/23").unwrap();
    assert!(older["due"].is_null());
    assert!(
        end_of_year["due"].is_null() || rows.iter().all(|r| r["due"].is_null()),
        "{shared}"
    );
}

#[tokio::test]
async fn the_annual_report_shows_no_small_count() {
    let mut w = programme().await;
    let doc = w.call("annual_report", json!(null)).await.unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(doc["base64"].as_str().unwrap())
        .unwrap();
    let text = common::pdf_text(&bytes);
    assert!(text.contains("Withheld: fewer than 5, or could reveal one."));
    // The older cohort: three fellows, none shown as a number.
    let line = text.lines().find(|l| l.starts_with("2022/23:")).unwrap();
    assert_eq!(
        line,
        "2022/23: fellows: withheld; completed: withheld (withheld); withdrew: 0"
    );
    // No figure of 1 to 4 anywhere in the report's lines of figures.
    // A figure follows ": ", "of " or "(" in those lines.
    for l in text.lines() {
        for mark in [": ", "of ", "("] {
            for after in l.split(mark).skip(1) {
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                if let Ok(n) = digits.parse::<i64>() {
                    assert!(!(1..5).contains(&n), "{l}");
                }
            }
        }
    }
}
