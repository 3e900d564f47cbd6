//! Data-subject rights: erasure keeps every figure and leaves no trace of the person; the
//! subject-access export covers every table; the retention rule for alumni without consent.

use crate::common;

use base64::Engine;
use chrono::NaiveDate;
use fellowship::auth::{self, Actor, SignInInput};
use fellowship::demo::{self, DemoSize, DEMO_FELLOW_EMAIL, DEMO_PASSWORD};
use fellowship::error::ErrorKind;
use fellowship::outcomes::dashboard::{self, DashboardInput};
use fellowship::privacy::erasure::{self, EraseInput};
use fellowship::privacy::subject_access::{self, NOT_PERSONAL, SECTIONS};
use fellowship::privacy::{self, ConsentInput, FellowRef, RetentionInput};
use fellowship::programme::fellows::{self, StatusChangeInput};
use fellowship::{feedback360, Db};
use serde_json::Value;

async fn demo_db() -> (tempfile::TempDir, Db, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let db = common::fresh_db(dir.path(), "demo").await;
    demo::fill(&db, &DemoSize::standard()).await.unwrap();
    let faculty = auth::sign_in(&db, &demo::faculty_sign_in()).await.unwrap();
    (dir, db, faculty)
}

async fn demo_fellow(db: &Db) -> Actor {
    auth::sign_in(
        db,
        &SignInInput {
            email: DEMO_FELLOW_EMAIL.into(),
            password: DEMO_PASSWORD.into(),
        },
    )
    .await
    .unwrap()
}

/// A private reflection that names its author, as people do.
async fn reflect(db: &Db, fellow: &Actor) -> String {
    let title = format!("What {} learned from the bed meeting", fellow.name);
    fellowship::learning::reflections::save(
        db,
        fellow,
        fellowship::learning::reflections::ReflectionInput {
            id: None,
            template: "gibbs".into(),
            title: title.clone(),
            happened_on: String::new(),
            sections: vec![fellowship::learning::reflections::SectionText {
                key: "description".into(),
                // "qwxvz": a word no other text holds, to look for in the search index.
                body: format!("I, {}, chaired the qwxvz meeting.", fellow.name),
            }],
            challenge_id: None,
            dimension_ids: vec![],
            finish: false,
        },
    )
    .await
    .unwrap();
    title
}

/// Everything the programme reports in aggregate, as JSON to compare whole.
async fn figures(db: &Db, faculty: &Actor) -> Vec<Value> {
    let mut out = Vec::new();
    let cohorts: Vec<(i64,)> = fellowship::db::query_as("SELECT id FROM cohorts ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    for sharing in [false, true] {
        let d = dashboard::dashboard(
            db,
            faculty,
            DashboardInput {
                cohort_id: None,
                for_sharing: sharing,
            },
        )
        .await
        .unwrap();
        out.push(serde_json::to_value(d).unwrap());
    }
    for (c,) in cohorts {
        let f = feedback360::overview::cohort(db, faculty, c).await.unwrap();
        out.push(serde_json::to_value(f).unwrap());
        let input = fellowship::programme::cohorts::CohortOverviewInput { id: c, page: 1 };
        let o = fellowship::programme::cohorts::overview(db, faculty, input)
            .await
            .unwrap();
        out.push(serde_json::to_value(o).unwrap());
    }
    out
}

/// Every TEXT value in the database that contains `needle` (case-insensitive), as "table.column".
async fn traces(db: &Db, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for t in common::store::tables(db).await {
        for c in common::store::text_columns(db, &t).await {
            let (n,): (i64,) = fellowship::db::query_as(&format!(
                "SELECT count(*) FROM \"{t}\" WHERE {}",
                common::store::contains(&format!("lower(\"{c}\")")).replace('?', "lower(?)")
            ))
            .bind(needle)
            .fetch_one(&db.pool)
            .await
            .unwrap();
            if n > 0 {
                found.push(format!("{t}.{c}"));
            }
        }
    }
    found
}

/// Whether SQLite's FTS5 search indexes of fellows and of reflections hold, in their own
/// storage, the piece "łęc" of the name "Łęcka" and the word "qwxvz" (as "wxvz": terms are
/// stored after the letters they share with the term before): 1 for each that does. None on
/// PostgreSQL, which has no FTS5 index (its own keep old row versions until VACUUM, as its
/// tables do).
async fn pieces_in_the_search_indexes(db: &Db) -> Option<[i64; 2]> {
    if cfg!(feature = "postgres") {
        return None;
    }
    let mut held = [0; 2];
    for (i, (table, piece)) in [
        ("fellows_search_data", "łęc"),
        ("reflection_search_data", "wxvz"),
    ]
    .into_iter()
    .enumerate()
    {
        let (n,): (i64,) = fellowship::db::query_as(&format!(
            "SELECT count(*) FROM {table} WHERE instr(block, CAST(? AS BLOB)) > 0"
        ))
        .bind(piece)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        held[i] = n.min(1);
    }
    Some(held)
}

async fn identity(db: &Db, id: i64) -> (String, String, String) {
    fellowship::db::query_as("SELECT name, email, registration_number FROM fellows WHERE id = ?")
        .bind(id)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn erasure_keeps_every_figure_and_leaves_no_trace_of_the_person() {
    let (_dir, db, faculty) = demo_db().await;
    let fellow = demo_fellow(&db).await;
    let current = fellow.fellow_id().unwrap();
    reflect(&db, &fellow).await;
    // An alumnus with follow-up answers and end-of-year 360 responses.
    let (alumnus,): (i64,) = fellowship::db::query_as(
        "SELECT f.id FROM fellows f WHERE f.status = 'completed'
         AND EXISTS (SELECT 1 FROM outcome_responses r WHERE r.fellow_id = f.id)
         AND EXISTS (SELECT 1 FROM feedback_responses r WHERE r.fellow_id = f.id AND r.comment <> '')
         ORDER BY f.id LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();

    // Someone in their year cannot be erased; they are withdrawn first.
    let (name, _, _) = identity(&db, current).await;
    let e = erasure::erase(
        &db,
        &faculty,
        EraseInput {
            fellow_id: current,
            confirm_name: name.clone(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    fellows::change_status(
        &db,
        &faculty,
        StatusChangeInput {
            fellow_id: current,
            status: "withdrawn".into(),
            effective_date: "2026-11-01".into(),
            note: format!("{name} left for a consultant post"),
        },
    )
    .await
    .unwrap();

    // A name with a letter no other fellow's has, so that its pieces can be looked for in the
    // search index's own storage.
    fellowship::db::query("UPDATE fellows SET name = 'Łęcka ' || name WHERE id = ?")
        .bind(current)
        .execute(&db.pool)
        .await
        .unwrap();
    let held = pieces_in_the_search_indexes(&db).await;
    assert!(held.is_none_or(|h| h == [1, 1]), "{held:?}");

    let before = figures(&db, &faculty).await;
    for id in [current, alumnus] {
        let (name, email, registration) = identity(&db, id).await;
        assert!(
            !traces(&db, &name).await.is_empty(),
            "the name is held before"
        );
        // Only faculty, and only with the name typed again.
        let refused = erasure::erase(
            &db,
            &fellow,
            EraseInput {
                fellow_id: id,
                confirm_name: name.clone(),
            },
        )
        .await
        .unwrap_err();
        assert_eq!(refused.kind, ErrorKind::Forbidden);
        let wrong = erasure::erase(
            &db,
            &faculty,
            EraseInput {
                fellow_id: id,
                confirm_name: "someone else".into(),
            },
        )
        .await
        .unwrap_err();
        assert_eq!(wrong.field.as_deref(), Some("confirm_name"));
        assert_eq!(identity(&db, id).await.0, name, "nothing changed");

        let report = erasure::erase(
            &db,
            &faculty,
            EraseInput {
                fellow_id: id,
                confirm_name: format!("  {name} "),
            },
        )
        .await
        .unwrap();
        assert_eq!(report.placeholder, format!("Erased fellow #{id}"));
        for needle in [&name, &email, &registration] {
            assert_eq!(traces(&db, needle).await, Vec::<String>::new(), "{needle}");
        }
        let again = erasure::erase(
            &db,
            &faculty,
            EraseInput {
                fellow_id: id,
                confirm_name: report.placeholder.clone(),
            },
        )
        .await
        .unwrap_err();
        assert_eq!(again.kind, ErrorKind::Conflict);
    }
    // Nor is any piece of them left in the search indexes' storage, where FTS5 would otherwise
    // keep it until a later merge.
    let held = pieces_in_the_search_indexes(&db).await;
    assert!(held.is_none_or(|h| h == [0, 0]), "{held:?}");
    // Private writing is gone; numbers stay.
    let (reflections,): (i64,) =
        fellowship::db::query_as("SELECT count(*) FROM reflections WHERE fellow_id = ?")
            .bind(current)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(reflections, 0);
    let (comments,): (i64,) = fellowship::db::query_as(
        "SELECT count(*) FROM feedback_responses WHERE fellow_id = ? AND comment <> ''",
    )
    .bind(alumnus)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(comments, 0);
    assert_eq!(figures(&db, &faculty).await, before, "every figure is kept");

    // Their account can no longer sign in, and its address is gone too.
    assert_eq!(traces(&db, DEMO_FELLOW_EMAIL).await, Vec::<String>::new());
    assert!(auth::sign_in(
        &db,
        &SignInInput {
            email: DEMO_FELLOW_EMAIL.into(),
            password: DEMO_PASSWORD.into(),
        },
    )
    .await
    .is_err());
    // The audit trail still refuses every other change.
    fellowship::db::query("INSERT INTO audit_log (at, user_id, user_name, command, action, outcome) VALUES ('2026-11-26T10:00:00Z', 1, 'Dr Lead', 'get_fellow', 'view', 'refused')")
        .execute(&db.pool)
        .await
        .unwrap();
    let e = fellowship::db::query(
        "UPDATE audit_log SET command = 'x' WHERE id = (SELECT min(id) FROM audit_log)",
    )
    .execute(&db.pool)
    .await;
    assert!(e.is_err());
    let e = fellowship::db::query("UPDATE audit_log SET user_name = 'Erased person #1', outcome = 'done' WHERE outcome = 'refused'")
        .execute(&db.pool)
        .await;
    assert!(e.is_err());
}

#[test]
fn the_subject_access_export_covers_every_table_or_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let tables = rt.block_on(async {
        let db = common::fresh_db(dir.path(), "x").await;
        common::store::tables(&db).await
    });
    assert!(tables.len() > 40);
    for t in tables {
        let exported = SECTIONS.iter().any(|s| s.table == t);
        let excused = NOT_PERSONAL.iter().any(|(name, _)| *name == t);
        assert!(
            exported != excused,
            "table {t} must be either exported or excused, once"
        );
    }
}

fn text_of(doc: fellowship::pdf::Document) -> String {
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(doc.base64)
            .unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn the_subject_access_export_is_the_fellows_alone() {
    let (_dir, db, faculty) = demo_db().await;
    let fellow = demo_fellow(&db).await;
    let id = fellow.fellow_id().unwrap();
    let (name, email, _) = identity(&db, id).await;
    let title = reflect(&db, &fellow).await;

    // The fellow may export their own; faculty anyone's; no one else.
    let own = text_of(
        subject_access::export_json(&db, &fellow, FellowRef { fellow_id: id })
            .await
            .unwrap(),
    );
    let json: Value = serde_json::from_str(&own).unwrap();
    let section = |key: &str| {
        json["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap()["rows"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert_eq!(section("fellows")[0]["name"], name.as_str());
    assert_eq!(section("fellows")[0]["email"], email.as_str());
    assert_eq!(section("users")[0]["email"], DEMO_FELLOW_EMAIL);
    assert!(section("reflections")
        .iter()
        .any(|r| r["title"] == title.as_str()));
    assert!(!section("reflection_sections").is_empty());
    assert!(!own.contains("password") && !own.contains("secret_hash"));
    // No other fellow's name appears.
    let others: Vec<(String,)> = fellowship::db::query_as("SELECT name FROM fellows WHERE id <> ?")
        .bind(id)
        .fetch_all(&db.pool)
        .await
        .unwrap();
    for (other,) in &others {
        assert!(!own.contains(other.as_str()), "{other} appears");
    }
    let readable = text_of(
        subject_access::export_html(&db, &faculty, FellowRef { fellow_id: id })
            .await
            .unwrap(),
    );
    assert!(readable.contains(&format!("Everything the programme holds about {name}")));
    assert!(!readable.contains("<script"));

    let (other_id,): (i64,) =
        fellowship::db::query_as("SELECT id FROM fellows WHERE id <> ? LIMIT 1")
            .bind(id)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    let e = subject_access::export_json(
        &db,
        &fellow,
        FellowRef {
            fellow_id: other_id,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    let sponsor = auth::sign_in(
        &db,
        &SignInInput {
            email: demo::DEMO_SPONSOR_EMAIL.into(),
            password: DEMO_PASSWORD.into(),
        },
    )
    .await
    .unwrap();
    let e = subject_access::export_json(&db, &sponsor, FellowRef { fellow_id: id })
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
}

/// Faculty answering a request get what the programme holds except what the visibility policy
/// keeps from faculty, which is listed as held with how the person gets it; the fellow's own
/// export holds their reflections.
#[tokio::test]
async fn faculty_exports_list_private_reflections_as_held_and_leave_them_out() {
    let (_dir, db, faculty) = demo_db().await;
    let fellow = demo_fellow(&db).await;
    let id = fellow.fellow_id().unwrap();
    let title = reflect(&db, &fellow).await;
    let export = |actor: Actor| {
        let db = db.clone();
        async move {
            let text = text_of(
                subject_access::export_json(&db, &actor, FellowRef { fellow_id: id })
                    .await
                    .unwrap(),
            );
            serde_json::from_str::<Value>(&text).unwrap()
        }
    };
    let theirs = export(faculty.clone()).await;
    assert!(!theirs.to_string().contains(&title));
    let withheld = theirs["withheld"].as_array().unwrap();
    let reflections = withheld
        .iter()
        .find(|w| w["key"] == "reflections")
        .expect("reflections are listed as held");
    assert!(reflections["held"].as_i64().unwrap() >= 1);
    assert_eq!(reflections["included"], 0);
    assert!(reflections["why"]
        .as_str()
        .unwrap()
        .contains("The fellow downloads their own complete export"));
    let section = |json: &Value, key: &str| {
        json["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap()
            .clone()
    };
    assert_eq!(section(&theirs, "reflection_sections")["partial"], true);
    let readable = text_of(
        subject_access::export_html(&db, &faculty, FellowRef { fellow_id: id })
            .await
            .unwrap(),
    );
    assert!(readable.contains("Held but not in this export") && !readable.contains(&title));

    let own = export(fellow).await;
    assert!(own.to_string().contains(&title));
    assert!(!own["withheld"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["key"] == "reflections"));
    assert_eq!(section(&own, "reflection_sections")["partial"], false);
}

#[tokio::test]
async fn alumni_without_consent_fall_due_after_the_retention_period() {
    let (_dir, db, faculty) = demo_db().await;
    let fellow = demo_fellow(&db).await;
    // The alumnus who left earliest.
    let (alumnus, left_on): (i64, NaiveDate) = fellowship::db::query_as(
        "SELECT f.id, max(h.effective_date) FROM fellows f JOIN fellow_status_history h
           ON h.fellow_id = f.id AND h.status = f.status
         WHERE f.status IN ('completed', 'withdrawn') GROUP BY f.id ORDER BY 2, 1 LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let years = privacy::retention_years(&db).await.unwrap();
    assert_eq!(years, 6, "the default");
    let due_day = privacy::years_after(left_on, years);
    let listed = |r: &privacy::RetentionReview| r.due.iter().any(|d| d.fellow_id == alumnus);

    let day_before = due_day.pred_opt().unwrap();
    assert!(!listed(
        &privacy::retention_due(&db, &faculty, day_before)
            .await
            .unwrap()
    ));
    let review = privacy::retention_due(&db, &faculty, due_day)
        .await
        .unwrap();
    assert!(listed(&review));
    assert!(review.due.iter().all(|d| d.due_on <= due_day));

    // Consent given takes them off the list; withdrawing it puts them back.
    let consent = |decision: &str, on: &str| ConsentInput {
        fellow_id: alumnus,
        decision: decision.into(),
        decided_on: on.into(),
        note: String::new(),
    };
    privacy::record_consent(&db, &faculty, consent("given", "2025-01-10"))
        .await
        .unwrap();
    assert!(!listed(
        &privacy::retention_due(&db, &faculty, due_day)
            .await
            .unwrap()
    ));
    let page = privacy::record_consent(&db, &faculty, consent("withdrawn", "2025-06-01"))
        .await
        .unwrap();
    assert_eq!(page.current, Some(privacy::ConsentDecision::Withdrawn));
    assert_eq!(page.history.len(), 2);
    assert!(listed(
        &privacy::retention_due(&db, &faculty, due_day)
            .await
            .unwrap()
    ));

    // A shorter period brings them due sooner.
    privacy::set_retention(&db, &faculty, RetentionInput { retention_years: 1 })
        .await
        .unwrap();
    let sooner = privacy::years_after(left_on, 1);
    assert!(listed(
        &privacy::retention_due(&db, &faculty, sooner).await.unwrap()
    ));

    // Bad input is named; others may not look.
    let e = privacy::set_retention(&db, &faculty, RetentionInput { retention_years: 0 })
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("retention_years"));
    let e = privacy::record_consent(&db, &faculty, consent("maybe", "2999-01-01"))
        .await
        .unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["decision", "decided_on"]);
    let e = privacy::retention_due(&db, &fellow, due_day)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let e = privacy::get(&db, &fellow, FellowRef { fellow_id: alumnus })
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
}

#[tokio::test]
async fn everyone_due_is_anonymised_at_once_and_each_erasure_is_recorded() {
    use fellowship::privacy::erasure::EraseDueInput;
    let (_dir, db, faculty) = demo_db().await;
    privacy::set_retention(&db, &faculty, RetentionInput { retention_years: 1 })
        .await
        .unwrap();
    let today = "2026-11-26";
    let review = privacy::retention_review(&db, &faculty, privacy::TodayInput { on: today.into() })
        .await
        .unwrap();
    let n = review.due.len() as i64;
    assert!(n > 1, "the one-year rule makes several alumni due");
    let before = figures(&db, &faculty).await;
    let mut identities = vec![];
    for due in &review.due {
        identities.push(identity(&db, due.fellow_id).await);
    }

    let e = erasure::erase_due(
        &db,
        &faculty,
        EraseDueInput {
            on: today.into(),
            confirm_count: n - 1,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("confirm_count"));
    assert_eq!(
        e.message,
        format!("Type the number of alumni listed, {n}, to confirm.")
    );
    let done = erasure::erase_due(
        &db,
        &faculty,
        EraseDueInput {
            on: today.into(),
            confirm_count: n,
        },
    )
    .await
    .unwrap();
    assert_eq!(done.erased, n);
    // Names can repeat across cohorts; emails and registration numbers cannot.
    for (_, email, registration) in &identities {
        for needle in [email, registration] {
            assert_eq!(traces(&db, needle).await, Vec::<String>::new(), "{needle}");
        }
    }
    let (recorded,): (i64,) = fellowship::db::query_as(
        "SELECT count(DISTINCT fellow_id) FROM audit_log WHERE command = 'erase_fellow' AND outcome = 'done'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(
        recorded, n,
        "each erasure is in the audit trail, for restores to repeat"
    );
    assert_eq!(figures(&db, &faculty).await, before, "every figure is kept");
    let after = privacy::retention_review(&db, &faculty, privacy::TodayInput { on: today.into() })
        .await
        .unwrap();
    assert!(after.due.is_empty());
}
