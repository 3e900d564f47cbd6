//! Importers name the line a person sees (issue 15): files saved by Excel on Windows start with
//! a byte-order mark and end lines with CRLF, and cells may hold commas or line breaks. A file
//! names rows as a spreadsheet numbers them (a cell with a line break in it does not start a new
//! row, a blank line is a row); the measure paste names the line in the box where the row starts.

use crate::common::*;
use fellowship::{programme::cohorts, programme::fellows};
use serde_json::{json, Value};

/// The same rows with each kind of line ending, with and without a byte-order mark.
fn variants(rows: &[&str]) -> Vec<(String, String)> {
    let mut out = vec![];
    for (name, end) in [("CRLF", "\r\n"), ("LF", "\n"), ("CR", "\r")] {
        let body = rows.join(end).replace("<br>", end) + end;
        out.push((format!("{name} with a BOM"), format!("\u{feff}{body}")));
        out.push((name.to_owned(), body));
    }
    out
}

/// Each problem as (line, column).
fn problems(preview: &Value) -> Vec<(i64, String)> {
    preview["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_i64().unwrap(),
                p["column"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_survey_import_names_the_spreadsheet_row() {
    let mut w = world().await;
    let db = w.db().clone();
    let faculty = w.faculty().await;
    let cohort = cohorts::save(
        &db,
        &faculty,
        cohort_input("2023/24", "2023-09-01", "2024-08-31"),
    )
    .await
    .unwrap()
    .id;
    for (i, name) in ["Ann Alum", "Ben Alum", "Cat Alum"].iter().enumerate() {
        let input = fellow_input(name, &format!("900000{i}"), cohort, None);
        fellows::save(&db, &faculty, input).await.unwrap();
    }
    let waves = w.call("list_outcome_waves", json!(null)).await.unwrap();
    let rows = [
        "Email,Submitted,Formal leadership roles held,worthwhile,\"Comments, if any\"",
        "ann.alum@nhs.net,2024-10-01,2,5,\"Great, really\"",
        // One row across two lines of the file: a spreadsheet shows it as row 3.
        "ben.alum@nhs.net,2024-10-02,1,4,\"Two lines:<br>the second\"",
        "",
        "cat.alum@nhs.net,2024-10-03,three,4,\"Fine, thanks\"",
        "nobody@nhs.net,2024-10-04,1,4,",
        "ann.alum@nhs.net,2024-10-05,1,4,\"Again, \"\"twice\"\"\"",
    ];
    for (kind, csv) in variants(&rows) {
        let input = json!({"wave_id": waves[0]["id"], "file_name": "survey.csv", "csv": csv,
                           "mapping": []});
        let p = w
            .call("preview_outcome_import", input.clone())
            .await
            .unwrap();
        assert_eq!(p["rows"], 5, "{kind}");
        assert_eq!(
            problems(&p),
            [
                (5, "Formal leadership roles held".into()),
                (6, "Email".into()),
                (7, "Email".into())
            ],
            "{kind}: {p}"
        );
        assert_eq!(
            p["problems"][2]["message"], "This alumnus is also on line 2.",
            "{kind}"
        );
        let e = w.call("import_outcomes", input).await.unwrap_err();
        assert!(
            e.message.contains(
                "3 problems in survey.csv. Line 5, column \"Formal leadership roles held\""
            ),
            "{kind}: {}",
            e.message
        );
    }
}

#[tokio::test]
async fn the_historic_import_names_the_spreadsheet_row() {
    let mut w = world().await;
    let rows = [
        "cohort,cohort_start,cohort_end,name,email,profession,professional_body,registration_number,host,host_kind,status",
        "2018/19,2018-09-01,2019-08-31,Dee Early,dee@nhs.net,medicine,GMC,8000001,\"Old Trust, North\",nhs_trust,completed",
        "2018/19,2018-09-01,2019-08-31,Eve Early,eve@nhs.net,Nursing,NMC,18A0001E,\"Riverside<br>South Site\",,",
        "2018/19,2018-09-01,2019-08-31,Fay Early,fay@nhs.net,surgery,GMC,8000003,,,completed",
        "2018/19,2018-09-01,2019-08-31,Gus Early,gus@nhs.net,medicine,GMC,8000001,,,completed",
    ];
    for (kind, csv) in variants(&rows) {
        let input = json!({"file_name": "2018.csv", "csv": csv});
        let p = w
            .call("preview_historic_import", input.clone())
            .await
            .unwrap();
        assert_eq!(p["rows"], 4, "{kind}");
        assert_eq!(
            p["new_hosts"],
            json!([
                "Old Trust, North",
                format!("Riverside{}South Site", &kind_end(&kind))
            ]),
            "{kind}"
        );
        assert_eq!(
            problems(&p),
            [(4, "profession".into()), (5, "registration_number".into())],
            "{kind}: {p}"
        );
        assert_eq!(
            p["problems"][1]["message"], "Line 2 has the same registration number.",
            "{kind}"
        );
        let e = w.call("import_historic", input).await.unwrap_err();
        assert!(
            e.message.contains("Line 4, column \"profession\""),
            "{kind}: {}",
            e.message
        );
    }
}

/// The line ending a variant was made with.
fn kind_end(kind: &str) -> &'static str {
    match kind.split(' ').next() {
        Some("CRLF") => "\r\n",
        Some("LF") => "\n",
        _ => "\r",
    }
}

#[tokio::test]
async fn the_measure_paste_names_the_line_in_the_box() {
    let mut w = world().await;
    let t = two_hosts(&w).await;
    let detail = w
        .call(
            "save_challenge",
            json!({
                "id": null, "fellow_id": t.fellow_a, "title": "Shorter waits",
                "problem_statement": "", "earlier_attempts": "", "nature": "wicked",
                "aim_quality": true, "aim_population_health": false, "aim_cost": false,
                "stakeholders": "", "involvement": "",
                "proposal": {"service_strategy": "", "evidence_base": "", "current_service": "",
                             "patient_pathway": "", "patient_involvement": "",
                             "support_of_others": "", "outcomes_targets": "",
                             "financial_implications": "", "efficiencies": ""}
            }),
        )
        .await
        .unwrap();
    let challenge = detail["challenge"]["id"].clone();
    let detail = w
        .call(
            "save_measure",
            json!({"id": null, "challenge_id": challenge, "name": "Minutes waited",
                   "unit": "minutes", "direction": "lower_is_better", "frequency": "weekly",
                   "decimals": 0, "target": ""}),
        )
        .await
        .unwrap();
    let measure = detail["measures"][0]["id"].clone();
    let rows = [
        // A header cell with a line break in it, as a spreadsheet copies it.
        "Week commencing\t\"Minutes<br>waited\"",
        "07/09/2026\t\"1,041\"",
        "14/09/2026\t1,039",
        "21/09/2026,\"1,040\"",
        "28/09/2026\tmany",
        "05/10/2026;1 002",
    ];
    for (kind, text) in variants(&rows) {
        let e = w
            .call(
                "add_measure_values",
                json!({"challenge_id": challenge, "measure_id": measure, "text": text}),
            )
            .await
            .unwrap_err();
        let lines: Vec<&str> = e
            .fields
            .iter()
            .map(|f| f.message.split(':').next().unwrap())
            .collect();
        assert_eq!(lines, ["Line 6", "Line 7"], "{kind}: {:?}", e.fields);
        assert!(e.message.contains("2 lines need fixing. Line 6:"), "{kind}");
    }
    let good = variants(&rows[..4])[0].1.clone();
    let chart = w
        .call(
            "add_measure_values",
            json!({"challenge_id": challenge, "measure_id": measure, "text": good}),
        )
        .await
        .unwrap();
    let values: Vec<f64> = chart["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [1041.0, 1039.0, 1040.0]);
}
