//! Longitudinal outcomes through the core: follow-up states, recording a response, importing a
//! survey tool's CSV (all or nothing, each bad row named), the dashboard's SQL checked against a
//! plain recomputation on a generated ten-year programme, small-cell suppression, and the
//! analysts' export with its data dictionary.

use crate::common;

use std::collections::{BTreeMap, HashMap};

use crate::common::*;
use base64::Engine;
use chrono::NaiveDate;
use fellowship::auth::Actor;
use fellowship::error::ErrorKind;
use fellowship::outcomes::dashboard::{dashboard, DashboardInput};
use fellowship::outcomes::export::{data_dictionary, export_csv, OutcomesExportInput};
use fellowship::outcomes::follow_up::{
    self, due_on, FollowUpInput, FollowUpState, OutcomeAnswer, OutcomeResponseInput, ResponseRef,
};
use fellowship::outcomes::import::{self, ColumnMapping, OutcomeImportInput};
use fellowship::outcomes::{self, OutcomeMeasure};
use fellowship::{programme::cohorts, programme::fellows, Db};

async fn measure(db: &Db, code: &str) -> OutcomeMeasure {
    outcomes::measures(db)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.code == code)
        .unwrap()
}

/// A cohort that ended in August 2024 with three alumni, each with an email to import by.
async fn alumni(w: &World, faculty: &Actor) -> (i64, Vec<i64>) {
    let db = w.db();
    let cohort = cohorts::save(
        db,
        faculty,
        cohort_input("2023/24", "2023-09-01", "2024-08-31"),
    )
    .await
    .unwrap()
    .id;
    let mut ids = vec![];
    for (i, name) in ["Ann Alum", "Ben Alum", "Cat Alum"].iter().enumerate() {
        let mut input = fellow_input(name, &format!("900000{i}"), cohort, None);
        input.status = "completed".into();
        input.status_date = "2024-08-31".into();
        ids.push(fellows::save(db, faculty, input).await.unwrap().fellow.id);
    }
    (cohort, ids)
}

fn csv_input(wave_id: i64, csv: &str) -> OutcomeImportInput {
    OutcomeImportInput {
        wave_id,
        file_name: "survey.csv".into(),
        csv: csv.into(),
        mapping: vec![],
    }
}

#[tokio::test]
async fn follow_up_states_and_recording_a_response() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let (cohort, ids) = alumni(&w, &t.faculty).await;
    let waves = outcomes::waves(db).await.unwrap();
    let (end_of_year, five_years) = (&waves[0], &waves[3]);
    // Only faculty see follow-up.
    let input = FollowUpInput {
        wave_id: end_of_year.id,
        cohort_id: Some(cohort),
        page: 1,
    };
    assert_eq!(
        follow_up::follow_up(db, &t.fellow_user_a, input.clone())
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    let f = follow_up::follow_up(db, &t.faculty, input).await.unwrap();
    assert_eq!(
        (f.rows.len(), f.overdue),
        (3, 3),
        "the end-of-year wave fell due in 2024"
    );
    let later = follow_up::follow_up(
        db,
        &t.faculty,
        FollowUpInput {
            wave_id: five_years.id,
            cohort_id: Some(cohort),
            page: 1,
        },
    )
    .await
    .unwrap();
    assert_eq!(later.upcoming, 3);
    assert_eq!(
        later.rows[0].due_on,
        NaiveDate::from_ymd_opt(2029, 8, 31).unwrap()
    );

    // Recording: each bad answer is named by its measure; nothing is saved.
    let roles = measure(db, "leadership_roles").await;
    let legacy = measure(db, "challenge_legacy").await;
    let worthwhile = measure(db, "worthwhile").await;
    let answer = |m: &OutcomeMeasure, v: &str| OutcomeAnswer {
        measure_id: m.id,
        value: v.into(),
    };
    let mut input = OutcomeResponseInput {
        fellow_id: ids[0],
        wave_id: end_of_year.id,
        responded_on: "2099-01-01".into(),
        answers: vec![
            answer(&roles, "two"),
            answer(&legacy, "gone"),
            answer(&worthwhile, "9"),
        ],
    };
    let e = follow_up::save_response(db, &t.faculty, input.clone())
        .await
        .unwrap_err();
    let fields: Vec<String> = e.fields.iter().map(|f| f.field.clone()).collect();
    assert_eq!(
        fields,
        [
            "responded_on".to_string(),
            format!("answers.{}", roles.id),
            format!("answers.{}", legacy.id),
            format!("answers.{}", worthwhile.id)
        ]
    );
    input.responded_on = "2024-10-01".into();
    input.answers = vec![
        answer(&roles, "2"),
        answer(&legacy, "Sustained and spread to other sites"),
        answer(&worthwhile, "5"),
    ];
    let saved = follow_up::save_response(db, &t.faculty, input)
        .await
        .unwrap();
    let shown: BTreeMap<i64, String> = saved
        .answers
        .iter()
        .map(|a| (a.measure_id, a.value.clone()))
        .collect();
    assert_eq!(shown[&legacy.id], "spread");
    assert_eq!(shown[&roles.id], "2");
    let f = follow_up::follow_up(
        db,
        &t.faculty,
        FollowUpInput {
            wave_id: end_of_year.id,
            cohort_id: Some(cohort),
            page: 1,
        },
    )
    .await
    .unwrap();
    assert_eq!((f.done, f.overdue), (1, 2));
    assert_eq!(
        f.rows.iter().find(|r| r.fellow_id == ids[0]).unwrap().state,
        FollowUpState::Done
    );
    // It survives reopening the file.
    let reopened = Db::open(&w.db_path()).await.unwrap();
    let again = follow_up::get_response(
        &reopened,
        &t.faculty,
        ResponseRef {
            fellow_id: ids[0],
            wave_id: end_of_year.id,
        },
    )
    .await
    .unwrap();
    assert_eq!(again.answers.len(), 3);
}

#[tokio::test]
async fn an_import_with_a_bad_row_saves_nothing_and_names_the_line() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let (cohort, _) = alumni(&w, &t.faculty).await;
    let wave = outcomes::waves(db).await.unwrap()[0].id;
    let bad = "Email;Submitted;Formal leadership roles held;worthwhile;Comments\n\
               ann.alum@nhs.net;2024-10-01 09:12;2;5;great\n\
               ben.alum@nhs.net;02/10/2024;three;4;\n\
               nobody@nhs.net;2024-10-03;1;4;\n\
               cat.alum@nhs.net;2024-10-04;0;7;\n";
    let p = import::preview(db, &t.faculty, csv_input(wave, bad))
        .await
        .unwrap();
    // The suggested mapping reads the header names.
    let targets: Vec<&str> = p.mapping.iter().map(|m| m.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "fellow_email",
            "responded_on",
            "measure:leadership_roles",
            "measure:worthwhile",
            ""
        ]
    );
    assert_eq!(p.rows, 4);
    let problems: Vec<(i64, &str)> = p
        .problems
        .iter()
        .map(|x| (x.line, x.column.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (3, "Formal leadership roles held"),
            (4, "Email"),
            (5, "worthwhile")
        ]
    );
    let e = import::import(db, &t.faculty, csv_input(wave, bad))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("csv"));
    assert!(
        e.message.contains("Nothing was imported: 3 problems") && e.message.contains("Line 3"),
        "{}",
        e.message
    );
    let (n,): (i64,) = fellowship::db::query_as("SELECT count(*) FROM outcome_responses")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(n, 0);

    // Fixed, and with the comments column mapped away explicitly, it all goes in.
    let good = bad
        .replace("three", "3")
        .replace("nobody@nhs.net;2024-10-03;1;4;\n", "")
        .replace(";0;7;", ";0;2;");
    let mut input = csv_input(wave, &good);
    input.mapping = p.mapping.clone();
    input.mapping.push(ColumnMapping {
        column: "Comments".into(),
        target: String::new(),
    });
    let r = import::import(db, &t.faculty, input).await.unwrap();
    assert_eq!((r.imported, r.replaced), (3, 0));
    let d = dashboard(
        db,
        &t.faculty,
        DashboardInput {
            cohort_id: Some(cohort),
            for_sharing: false,
        },
    )
    .await
    .unwrap();
    let rate = d.response_rates.iter().find(|r| r.wave_id == wave).unwrap();
    assert_eq!((rate.due, rate.responded), (Some(3), Some(3)));
    let worthwhile = d
        .survey
        .iter()
        .find(|s| s.measure_code == "worthwhile")
        .unwrap();
    assert_eq!(
        (worthwhile.answered, worthwhile.agreeing),
        (Some(3), Some(2))
    );
    // Shown outside faculty, three people are too few: the figures are withheld.
    let shared = dashboard(
        db,
        &t.faculty,
        DashboardInput {
            cohort_id: Some(cohort),
            for_sharing: true,
        },
    )
    .await
    .unwrap();
    assert!(shared.survey.iter().all(|s| s.agreeing.is_none()));
    // Three due is itself too few; a count of none may still be shown.
    assert!(shared
        .response_rates
        .iter()
        .all(|r| r.due.is_none() && r.responded.is_none_or(|n| n == 0)));
    assert!(shared.response_rates.iter().any(|r| r.responded.is_none()));
    // Importing the same file again replaces, and says so.
    let again = import::import(db, &t.faculty, csv_input(wave, &good))
        .await
        .unwrap();
    assert_eq!(again.replaced, 3);
    // Duplicates within a file are refused; so are non-faculty.
    let twice = format!("{good}ann.alum@nhs.net;2024-10-09;1;4;\n");
    let p = import::preview(db, &t.faculty, csv_input(wave, &twice))
        .await
        .unwrap();
    assert!(p.problems[0].message.contains("also on line 2"));
    assert_eq!(
        import::preview(db, &t.sponsor_a, csv_input(wave, &good))
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
}

/// fellow, wave, months after, measure code, scale points, text, integer.
type ValueRow = (
    i64,
    i64,
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
);

#[tokio::test]
async fn the_dashboard_matches_a_plain_recomputation_over_ten_years() {
    let dir = tempfile::tempdir().unwrap();
    let (db, faculty) = demo_programme(dir.path(), fellowship::demo::DemoSize::large()).await;
    let d = dashboard(
        &db,
        &faculty,
        DashboardInput {
            cohort_id: None,
            for_sharing: false,
        },
    )
    .await
    .unwrap();
    let today = chrono::Utc::now().date_naive();
    let waves = outcomes::waves(&db).await.unwrap();

    // Response rates: every completed alumnus whose wave has fallen due.
    let alumni: Vec<(i64, i64, NaiveDate)> = fellowship::db::query_as(
        "SELECT f.id, f.cohort_id, c.end_date FROM fellows f JOIN cohorts c ON c.id = f.cohort_id WHERE f.status = 'completed'",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let responses: Vec<(i64, i64)> =
        fellowship::db::query_as("SELECT fellow_id, wave_id FROM outcome_responses")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    let mut expected: BTreeMap<(i64, i64), (i64, i64)> = BTreeMap::new();
    for (fellow, cohort, end) in &alumni {
        for w in &waves {
            if due_on(*end, w.months_after) <= today {
                let e = expected.entry((w.id, *cohort)).or_default();
                e.0 += 1;
                e.1 += i64::from(responses.contains(&(*fellow, w.id)));
            }
        }
    }
    let got: BTreeMap<(i64, i64), (i64, i64)> = d
        .response_rates
        .iter()
        .map(|r| {
            (
                (r.wave_id, r.cohort_id),
                (r.due.unwrap(), r.responded.unwrap()),
            )
        })
        .collect();
    assert!(expected.len() > 10, "ten years give many cohort-waves");
    assert_eq!(got, expected);

    // Values, read plainly once, for the other figures.
    let values: Vec<ValueRow> = fellowship::db::query_as(
        "SELECT r.fellow_id, r.wave_id, w.months_after, m.code, m.scale_points, v.value_text, v.value_int
         FROM outcome_values v JOIN outcome_responses r ON r.id = v.response_id
         JOIN outcome_measures m ON m.id = v.measure_id JOIN outcome_waves w ON w.id = r.wave_id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    for s in &d.survey {
        let answers: Vec<i64> = values
            .iter()
            .filter(|v| v.3 == s.measure_code && v.1 == s.wave_id)
            .map(|v| v.6.unwrap())
            .collect();
        let top = values
            .iter()
            .find(|v| v.3 == s.measure_code)
            .unwrap()
            .4
            .unwrap();
        assert_eq!(s.answered, Some(answers.len() as i64));
        assert_eq!(
            s.agreeing,
            Some(answers.iter().filter(|a| **a >= top - 1).count() as i64)
        );
    }
    assert!(!d.survey.is_empty());
    for l in &d.leadership {
        let roles: Vec<i64> = values
            .iter()
            .filter(|v| v.3 == "leadership_roles" && v.1 == l.wave_id)
            .map(|v| v.6.unwrap())
            .collect();
        assert_eq!(
            (l.answered, l.holding),
            (
                Some(roles.len() as i64),
                Some(roles.iter().filter(|r| **r >= 1).count() as i64)
            )
        );
    }
    // Legacy by cohort: each alumnus's latest answer.
    let cohort_of: HashMap<i64, i64> = alumni.iter().map(|a| (a.0, a.1)).collect();
    let names: Vec<(i64, String)> = fellowship::db::query_as("SELECT id, name FROM cohorts")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let mut latest: HashMap<i64, (i64, String)> = HashMap::new();
    for v in values.iter().filter(|v| v.3 == "challenge_legacy") {
        let e = latest.entry(v.0).or_insert((-1, String::new()));
        if v.2 > e.0 {
            *e = (v.2, v.5.clone().unwrap());
        }
    }
    for row in d.legacy.iter().filter(|r| r.by == "cohort") {
        let cohort = names.iter().find(|n| n.1 == row.group).unwrap().0;
        let mine: Vec<&String> = latest
            .iter()
            .filter(|(f, _)| cohort_of[f] == cohort)
            .map(|(_, l)| &l.1)
            .collect();
        let count = |k: &str| Some(mine.iter().filter(|l| l.as_str() == k).count() as i64);
        assert_eq!(row.answered, Some(mine.len() as i64));
        assert_eq!(
            (row.sustained, row.spread, row.abandoned),
            (count("sustained"), count("spread"), count("abandoned"))
        );
    }
    // The profession and host breakdowns account for the same alumni.
    for by in ["profession", "host"] {
        let total: i64 = d
            .legacy
            .iter()
            .filter(|r| r.by == by)
            .map(|r| r.answered.unwrap())
            .sum();
        assert_eq!(total, latest.len() as i64, "{by}");
    }
}

#[tokio::test]
async fn the_analysts_export_is_long_format_with_a_dictionary_and_optional_pseudonyms() {
    let dir = tempfile::tempdir().unwrap();
    let (db, faculty) = demo_programme(dir.path(), fellowship::demo::DemoSize::standard()).await;
    let read = |doc: fellowship::pdf::Document| {
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(doc.base64)
                .unwrap(),
        )
        .unwrap()
    };
    let plain = read(
        export_csv(
            &db,
            &faculty,
            OutcomesExportInput {
                pseudonymise: false,
            },
        )
        .await
        .unwrap(),
    );
    let (values,): (i64,) = fellowship::db::query_as("SELECT count(*) FROM outcome_values")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let lines: Vec<&str> = plain.lines().collect();
    assert_eq!(
        lines.len() as i64,
        values + 1,
        "one row per alumnus, wave and measure, plus the header"
    );
    assert_eq!(lines[0], "fellow,cohort,cohort_start,profession,host,wave,months_after,responded_on,measure,category,kirkpatrick,value");

    let first = read(
        export_csv(&db, &faculty, OutcomesExportInput { pseudonymise: true })
            .await
            .unwrap(),
    );
    let second = read(
        export_csv(&db, &faculty, OutcomesExportInput { pseudonymise: true })
            .await
            .unwrap(),
    );
    let ids = |text: &str| {
        text.lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let (p1, p2, real) = (ids(&first), ids(&second), ids(&plain));
    assert!(p1.iter().all(|p| p.len() == 16 && !real.contains(p)));
    // Within one export a person keeps one pseudonym; across exports they cannot be linked.
    for i in 1..real.len() {
        assert_eq!(real[i] == real[i - 1], p1[i] == p1[i - 1]);
    }
    assert!(p1.iter().zip(&p2).all(|(a, b)| a != b));

    let dictionary: serde_json::Value =
        serde_json::from_str(&read(data_dictionary(&db, &faculty).await.unwrap())).unwrap();
    let columns: Vec<&str> = dictionary["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(columns.join(","), lines[0]);
    let codes: Vec<&str> = dictionary["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    for line in lines.iter().skip(1) {
        let code = line.split(',').nth(8).unwrap();
        assert!(codes.contains(&code), "{code} is described");
    }
    assert_eq!(
        export_csv(
            &db,
            &fellowship::auth::sign_in(
                &db,
                &fellowship::auth::SignInInput {
                    email: fellowship::demo::DEMO_FELLOW_EMAIL.into(),
                    password: fellowship::demo::DEMO_PASSWORD.into()
                }
            )
            .await
            .unwrap(),
            OutcomesExportInput { pseudonymise: true }
        )
        .await
        .unwrap_err()
        .kind,
        ErrorKind::Forbidden
    );
}

#[tokio::test]
async fn a_historic_cohort_comes_in_whole_or_not_at_all() {
    use fellowship::outcomes::historic::{self, HistoricImportInput};
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let header = "cohort,cohort_start,cohort_end,name,email,profession,professional_body,registration_number,host,host_kind,status";
    let bad = format!(
        "{header}\n\
         2018/19,2018-09-01,2019-08-31,Dee Early,dee@nhs.net,medicine,GMC,8000001,Old Trust,nhs_trust,completed\n\
         2018/19,2018-09-01,2019-08-31,Eve Early,eve@nhs.net,Nursing,NMC,18A0001E,Alpha Trust,,\n\
         2018/19,01/09/2018,31/08/2019,Fay Early,fay@nhs.net,surgery,GMC,8000003,,,completed\n"
    );
    let input = |csv: &str| HistoricImportInput {
        file_name: "2018.csv".into(),
        csv: csv.into(),
    };
    let p = historic::preview(db, &t.faculty, input(&bad))
        .await
        .unwrap();
    assert_eq!(p.rows, 3);
    assert_eq!(p.new_cohorts, ["2018/19"]);
    assert_eq!(p.new_hosts, ["Old Trust"], "Alpha Trust already exists");
    assert_eq!(
        p.problems
            .iter()
            .map(|x| (x.line, x.column.as_str()))
            .collect::<Vec<_>>(),
        [(4, "profession")]
    );
    let e = historic::import(db, &t.faculty, input(&bad))
        .await
        .unwrap_err();
    assert!(
        e.message.contains("Line 4, column \"profession\""),
        "{}",
        e.message
    );
    let (n,): (i64,) =
        fellowship::db::query_as("SELECT count(*) FROM cohorts WHERE name = '2018/19'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(n, 0, "nothing was saved");

    let good = bad
        .replace("surgery", "midwifery")
        .replace(",GMC,8000003", ",NMC,18B0003F");
    let r = historic::import(db, &t.faculty, input(&good))
        .await
        .unwrap();
    assert_eq!((r.fellows, r.cohorts, r.hosts), (3, 1, 1));
    // The same file again is refused: the registration numbers are now taken.
    let again = historic::preview(db, &t.faculty, input(&good))
        .await
        .unwrap();
    assert_eq!(again.problems.len(), 3);
    // The alumni are due in every wave since, so the dashboard shows the cohort.
    let d = dashboard(
        db,
        &t.faculty,
        DashboardInput {
            cohort_id: None,
            for_sharing: false,
        },
    )
    .await
    .unwrap();
    let old: Vec<_> = d
        .response_rates
        .iter()
        .filter(|r| r.cohort_name == "2018/19")
        .collect();
    assert_eq!(old.len(), 4, "end of year, 1, 3 and 5 years after");
    assert!(old
        .iter()
        .all(|r| r.due == Some(3) && r.responded == Some(0)));
    assert_eq!(
        historic::preview(db, &t.sponsor_a, input(&good))
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
}

#[tokio::test]
async fn the_annual_report_covers_each_part_and_withholds_small_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (db, faculty) = demo_programme(dir.path(), fellowship::demo::DemoSize::standard()).await;
    let doc = fellowship::outcomes::annual_report::annual_report(&db, &faculty)
        .await
        .unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(doc.base64)
        .unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = common::pdf_text(&bytes);
    for part in [
        "Cohorts and completion",
        "360-degree feedback",
        "Follow-up of alumni by wave",
        "Summary by Kirkpatrick level",
        "1 Reaction",
        "The programme was worthwhile",
    ] {
        assert!(text.contains(part), "{part}");
    }
    // The demo's withdrawals are one or two per cohort: never shown as a number.
    assert!(text.contains("withdrew: withheld"));
    assert!(text.contains("Withheld: fewer than 5, or could reveal one."));
    let fellow = fellowship::auth::sign_in(
        &db,
        &fellowship::auth::SignInInput {
            email: fellowship::demo::DEMO_FELLOW_EMAIL.into(),
            password: fellowship::demo::DEMO_PASSWORD.into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        fellowship::outcomes::annual_report::annual_report(&db, &fellow)
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
}

/// The imports write many rows to a statement and match the database's new ids back to their
/// rows. 450 fellows cross two statement boundaries; every fellow's record, status history and
/// answers must be their own row's, and importing the answers again replaces them exactly.
#[tokio::test]
async fn large_imports_put_every_row_with_its_own_fellow() {
    use fellowship::outcomes::historic::{self, HistoricImportInput};
    use fellowship::outcomes::ValueType;
    let w = world().await;
    let faculty = w.faculty().await;
    let db = w.db();
    let n = 450;
    let mut csv = String::from("cohort,cohort_start,cohort_end,name,email,profession,professional_body,registration_number,host,host_kind,status\n");
    for i in 0..n {
        let year = 2010 + i % 7;
        csv.push_str(&format!(
            "Cohort {year},{year}-09-01,{}-08-31,Alumnus {i},alumnus.{i}@nhs.example,nursing,NMC,R{i:05},Host {} Trust,nhs_trust,{}\n",
            year + 1,
            i % 13,
            if i % 9 == 0 { "withdrawn" } else { "completed" }
        ));
    }
    let r = historic::import(
        db,
        &faculty,
        HistoricImportInput {
            file_name: "earlier.csv".into(),
            csv,
        },
    )
    .await
    .unwrap();
    assert_eq!((r.fellows, r.cohorts, r.hosts), (n, 7, 13));
    let rows: Vec<(String, String, String, String, String, String)> = fellowship::db::query_as(
        "SELECT f.name, f.email, f.registration_number, c.name, h.name, f.status
         FROM fellows f JOIN cohorts c ON c.id = f.cohort_id JOIN host_organisations h ON h.id = f.host_id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(rows.len() as i64, n);
    for (name, email, registration, cohort, host, status) in &rows {
        let i: i64 = name.trim_start_matches("Alumnus ").parse().unwrap();
        assert_eq!(email, &format!("alumnus.{i}@nhs.example"));
        assert_eq!(registration, &format!("R{i:05}"));
        assert_eq!(cohort, &format!("Cohort {}", 2010 + i % 7));
        assert_eq!(host, &format!("Host {} Trust", i % 13));
        let expected = if i % 9 == 0 { "withdrawn" } else { "completed" };
        assert_eq!(status, expected);
        let history: Vec<(String, NaiveDate)> = fellowship::db::query_as(
            "SELECT s.status, s.effective_date FROM fellow_status_history s JOIN fellows f ON f.id = s.fellow_id
             WHERE f.name = ? ORDER BY s.effective_date",
        )
        .bind(name)
        .fetch_all(&db.pool)
        .await
        .unwrap();
        let year = 2010 + i as i32 % 7;
        assert_eq!(
            history,
            [
                (
                    "active".to_owned(),
                    NaiveDate::from_ymd_opt(year, 9, 1).unwrap()
                ),
                (
                    expected.to_owned(),
                    NaiveDate::from_ymd_opt(year + 1, 8, 31).unwrap()
                ),
            ]
        );
    }

    // Each alumnus's answers carry their own number.
    let counts: Vec<OutcomeMeasure> = outcomes::measures(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| !m.retired && m.value_type == ValueType::Count)
        .take(2)
        .collect();
    assert_eq!(counts.len(), 2, "the standard measures include two counts");
    let wave = outcomes::waves(db).await.unwrap()[0].id;
    let answers = |shift: i64| {
        let mut csv = format!("email,{},{}\n", counts[0].code, counts[1].code);
        for i in 0..n {
            csv.push_str(&format!(
                "alumnus.{i}@nhs.example,{},{}\n",
                (i + shift) % 50,
                i % 7
            ));
        }
        csv
    };
    let stored = || async {
        fellowship::db::query_as::<(String, i64, i64)>(
            "SELECT f.email, v.measure_id, v.value_int FROM outcome_values v
             JOIN outcome_responses r ON r.id = v.response_id JOIN fellows f ON f.id = r.fellow_id
             WHERE r.wave_id = ?",
        )
        .bind(wave)
        .fetch_all(&db.pool)
        .await
        .unwrap()
    };
    let check = |stored: Vec<(String, i64, i64)>, shift: i64| {
        assert_eq!(
            stored.len() as i64,
            2 * n,
            "one value per measure per alumnus, none left over"
        );
        for (email, measure, value) in stored {
            let i: i64 = email
                .trim_start_matches("alumnus.")
                .trim_end_matches("@nhs.example")
                .parse()
                .unwrap();
            let expected = if measure == counts[0].id {
                (i + shift) % 50
            } else {
                i % 7
            };
            assert_eq!(value, expected, "{email}");
        }
    };
    let r = import::import(db, &faculty, csv_input(wave, &answers(0)))
        .await
        .unwrap();
    assert_eq!((r.imported, r.replaced), (n, 0));
    check(stored().await, 0);
    let r = import::import(db, &faculty, csv_input(wave, &answers(3)))
        .await
        .unwrap();
    assert_eq!((r.imported, r.replaced), (n, n));
    check(stored().await, 3);
}

/// The follow-up list comes a page at a time: the pages, read in turn, are every alumnus once in
/// the list's order (newest cohort first, then by name), with the state their cohort's due date
/// and their response give; the counts are the whole list's, for all cohorts or one.
#[tokio::test]
async fn the_follow_up_list_pages_are_the_whole_list_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (db, faculty) =
        common::demo_programme(dir.path(), fellowship::demo::DemoSize::standard()).await;
    let waves = outcomes::waves(&db).await.unwrap();
    let today = chrono::Utc::now().date_naive();
    for wave in &waves {
        for cohort_id in [None, Some(1)] {
            let whole: Vec<(i64, String, NaiveDate, Option<NaiveDate>)> = fellowship::db::query_as(
                "SELECT f.id, c.name, c.end_date, r.responded_on FROM fellows f JOIN cohorts c ON c.id = f.cohort_id
                 LEFT JOIN outcome_responses r ON r.fellow_id = f.id AND r.wave_id = ?
                 WHERE f.status = 'completed' AND (? IS NULL OR f.cohort_id = ?)
                 ORDER BY c.start_date DESC, c.id DESC, lower(f.name), f.id",
            )
            .bind(wave.id)
            .bind(cohort_id)
            .bind(cohort_id)
            .fetch_all(&db.pool)
            .await
            .unwrap();
            let ask = |page: i64| FollowUpInput {
                wave_id: wave.id,
                cohort_id,
                page,
            };
            let first = follow_up::follow_up(&db, &faculty, ask(1)).await.unwrap();
            assert_eq!(first.total, whole.len() as i64);
            let pages = (first.total + first.page_size - 1) / first.page_size;
            let mut read = vec![];
            for page in 1..=pages {
                let f = follow_up::follow_up(&db, &faculty, ask(page))
                    .await
                    .unwrap();
                assert_eq!(f.page, page);
                assert!(f.rows.len() as i64 <= f.page_size);
                read.extend(f.rows);
            }
            let expected: Vec<(i64, String, NaiveDate, FollowUpState)> = whole
                .iter()
                .map(|(id, cohort, end, responded)| {
                    let due = due_on(*end, wave.months_after);
                    let s = follow_up::state(today, due, wave.window_days, responded.is_some());
                    (*id, cohort.clone(), due, s)
                })
                .collect();
            let got: Vec<(i64, String, NaiveDate, FollowUpState)> = read
                .iter()
                .map(|r| (r.fellow_id, r.cohort_name.clone(), r.due_on, r.state))
                .collect();
            assert_eq!(got, expected, "wave {} cohort {cohort_id:?}", wave.name);
            let count = |s: FollowUpState| expected.iter().filter(|e| e.3 == s).count() as i64;
            assert_eq!(
                (first.upcoming, first.due, first.overdue, first.done),
                (
                    count(FollowUpState::Upcoming),
                    count(FollowUpState::Due),
                    count(FollowUpState::Overdue),
                    count(FollowUpState::Done)
                )
            );
            // A page past the last gives the last.
            let past = follow_up::follow_up(&db, &faculty, ask(pages + 5))
                .await
                .unwrap();
            assert_eq!(past.page, pages.max(1));
        }
    }
    // The demo spans pages and cohorts, and has alumni in more than one state.
    let all = follow_up::follow_up(
        &db,
        &faculty,
        FollowUpInput {
            wave_id: waves[0].id,
            cohort_id: None,
            page: 1,
        },
    )
    .await
    .unwrap();
    assert!(
        all.total > all.page_size && all.done > 0 && all.done < all.total,
        "{} alumni, {} done",
        all.total,
        all.done
    );
}
