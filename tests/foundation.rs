//! The first slice end to end through the core: first run, sign-in, cohorts, hosts, fellows,
//! validation messages, status history, search and filters, persistence, export.

use crate::common::*;
use fellowship::api::session::{Session, Workspaces};
use fellowship::error::ErrorKind;
use fellowship::programme::cohorts;
use fellowship::programme::fellows::{
    self, FellowFilter, FellowStatus, Profession, StatusChangeInput,
};
use fellowship::programme::hosts;
#[cfg(not(feature = "postgres"))]
use fellowship::Db;
use serde_json::json;

#[tokio::test]
async fn first_run_creates_one_faculty_account_and_then_asks_to_sign_in() {
    let mut w = world().await;
    let status = w.call("app_status", json!(null)).await.unwrap();
    assert_eq!(status["needs_setup"], false);
    assert_eq!(status["user"]["role"], "faculty");
    assert_eq!(status["programme"]["name"], "North London Fellowship");

    // A second setup is refused, even from a fresh session.
    w.session = Session::default();
    let again = w
        .call(
            "setup_programme",
            json!({"programme_name": "Other", "name": "Intruder", "email": "x@nhs.net",
                   "password": PASSWORD, "password_confirm": PASSWORD}),
        )
        .await
        .unwrap_err();
    assert_eq!(again.kind, ErrorKind::Forbidden);

    let wrong = w
        .call(
            "sign_in",
            json!({"email": "lead@nhs.net", "password": "nope"}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        (wrong.kind, wrong.field.as_deref()),
        (ErrorKind::Validation, Some("password"))
    );
    let ok = w
        .call(
            "sign_in",
            json!({"email": "LEAD@NHS.NET", "password": PASSWORD}),
        )
        .await
        .unwrap();
    assert_eq!(ok["user"]["name"], "Dr Lead");
    let out = w.call("sign_out", json!(null)).await.unwrap();
    assert!(out["user"].is_null());
}

#[tokio::test]
async fn setup_reports_every_bad_field_at_once_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "f").await;
    let ws = Workspaces::new(db, None);
    let mut s = Session::default();
    let args = json!({"programme_name": " ", "name": "", "email": "not-an-email", "password": "short", "password_confirm": "other"});
    let e = fellowship::api::dispatch(&ws, &mut s, "setup_programme", args)
        .await
        .unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["programme_name", "password_confirm"]);
    let args = json!({"programme_name": "P", "name": "", "email": "not-an-email", "password": "short", "password_confirm": "short"});
    let e = fellowship::api::dispatch(&ws, &mut s, "setup_programme", args)
        .await
        .unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "email", "password"]);
    let status = fellowship::api::dispatch(&ws, &mut s, "app_status", json!(null))
        .await
        .unwrap();
    assert_eq!(
        status["needs_setup"], true,
        "a refused setup leaves nothing behind"
    );
    assert!(status["programme"].is_null());
}

#[tokio::test]
async fn cohort_dates_and_names_are_checked() {
    let w = world().await;
    let f = w.faculty().await;
    let db = w.db();
    let e = cohorts::save(db, &f, cohort_input("2026/27", "2026-09-01", "2026-08-31"))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("end_date"));
    assert_eq!(e.message, "The end date must be after the start date.");
    let e = cohorts::save(db, &f, cohort_input("2026/27", "2026-09-01", "2026-09-01"))
        .await
        .unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some("end_date"),
        "same-day end is not after start"
    );
    let e = cohorts::save(db, &f, cohort_input("", "2026-13-01", ""))
        .await
        .unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|x| x.field.as_str()).collect();
    assert_eq!(fields, ["name", "start_date", "end_date"]);
    let c = cohorts::save(
        db,
        &f,
        cohort_input(" 2026/27 ", "2026-09-01", "2027-08-31"),
    )
    .await
    .unwrap();
    assert_eq!(c.name, "2026/27");
    let dup = cohorts::save(db, &f, cohort_input("2026/27", "2027-09-01", "2028-08-31"))
        .await
        .unwrap_err();
    assert_eq!(
        (dup.kind, dup.field.as_deref()),
        (ErrorKind::Conflict, Some("name"))
    );
    // Editing keeps the id and may keep its own name.
    let mut edit = cohort_input("2026/27", "2026-09-07", "2027-08-31");
    edit.id = Some(c.id);
    let edited = cohorts::save(db, &f, edit).await.unwrap();
    assert_eq!(
        (edited.id, edited.start_date.to_string()),
        (c.id, "2026-09-07".to_string())
    );
    assert_eq!(cohorts::list(db, &f).await.unwrap().len(), 1);
}

#[tokio::test]
async fn host_fields_are_checked() {
    let w = world().await;
    let f = w.faculty().await;
    let mut h = host_input("");
    h.kind = String::new();
    h.ods_code = Some("R!".into());
    h.sponsor_email = "sponsor at trust".into();
    let e = hosts::save(w.db(), &f, h).await.unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|x| x.field.as_str()).collect();
    assert_eq!(fields, ["name", "kind", "ods_code", "sponsor_email"]);
    let mut h = host_input("Royal Free London NHS Foundation Trust");
    h.ods_code = Some(" ral ".into());
    let saved = hosts::save(w.db(), &f, h).await.unwrap();
    assert_eq!(saved.ods_code.as_deref(), Some("RAL"));
    let e = hosts::save(
        w.db(),
        &f,
        host_input("Royal Free London NHS Foundation Trust"),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
}

#[tokio::test]
async fn fellows_are_validated_and_registration_numbers_are_unique_per_body() {
    let w = world().await;
    let f = w.faculty().await;
    let db = w.db();
    let cohort = cohorts::save(db, &f, cohort_input("2026/27", "2026-09-01", "2027-08-31"))
        .await
        .unwrap()
        .id;
    let mut bad = fellow_input("", "12 34", cohort, None);
    bad.email = "nobody@".into();
    bad.profession = String::new();
    bad.status_date = "1st September".into();
    let e = fellows::save(db, &f, bad).await.unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|x| x.field.as_str()).collect();
    assert_eq!(fields, ["name", "profession", "email", "status_date"]);

    let first = fellows::save(db, &f, fellow_input("Priya Patel", "7012345", cohort, None))
        .await
        .unwrap();
    assert_eq!(first.fellow.registration_number, "7012345");
    let dup = fellows::save(
        db,
        &f,
        fellow_input("Other Person", " 701 2345 ", cohort, None),
    )
    .await
    .unwrap_err();
    assert_eq!(
        (dup.kind, dup.field.as_deref()),
        (ErrorKind::Conflict, Some("registration_number"))
    );
    assert!(dup.message.contains("Priya Patel"), "{}", dup.message);
    // The same number at another register is a different person.
    let mut nmc = fellow_input("Other Person", "7012345", cohort, None);
    nmc.professional_body = "GPhC".into();
    nmc.profession = "pharmacy".into();
    fellows::save(db, &f, nmc).await.unwrap();
    // A missing cohort is a field error, not a database error.
    let e = fellows::save(db, &f, fellow_input("Ghost", "999", 9999, None))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("cohort_id"));
}

#[tokio::test]
async fn status_history_is_dated_and_the_latest_date_wins() {
    let w = world().await;
    let f = w.faculty().await;
    let db = w.db();
    let cohort = cohorts::save(db, &f, cohort_input("2026/27", "2026-09-01", "2027-08-31"))
        .await
        .unwrap()
        .id;
    let id = fellows::save(
        db,
        &f,
        fellow_input("Kwame Mensah", "7654321", cohort, None),
    )
    .await
    .unwrap()
    .fellow
    .id;
    let change = |status: &str, date: &str| StatusChangeInput {
        fellow_id: id,
        status: status.into(),
        effective_date: date.into(),
        note: format!("{status} from {date}"),
    };
    fellows::change_status(db, &f, change("interrupted", "2027-01-10"))
        .await
        .unwrap();
    // A back-dated correction does not override the later interruption.
    let p = fellows::change_status(db, &f, change("active", "2026-09-02"))
        .await
        .unwrap();
    assert_eq!(p.fellow.status, FellowStatus::Interrupted);
    let dates: Vec<String> = p
        .history
        .iter()
        .map(|h| h.effective_date.to_string())
        .collect();
    assert_eq!(dates, ["2027-01-10", "2026-09-02", "2026-09-01"]);
    assert_eq!(p.history[0].changed_by.as_deref(), Some("Dr Lead"));
    let p = fellows::change_status(db, &f, change("active", "2027-03-01"))
        .await
        .unwrap();
    assert_eq!(p.fellow.status, FellowStatus::Active);
    let e = fellows::change_status(db, &f, change("retired", ""))
        .await
        .unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|x| x.field.as_str()).collect();
    assert_eq!(fields, ["status", "effective_date"]);
}

#[tokio::test]
async fn lists_search_and_filter_and_the_overview_counts() {
    let w = world().await;
    let f = w.faculty().await;
    let db = w.db();
    let c1 = cohorts::save(db, &f, cohort_input("2025/26", "2025-09-01", "2026-08-31"))
        .await
        .unwrap()
        .id;
    let c2 = cohorts::save(db, &f, cohort_input("2026/27", "2026-09-01", "2027-08-31"))
        .await
        .unwrap()
        .id;
    let h = hosts::save(db, &f, host_input("Alpha Trust"))
        .await
        .unwrap()
        .id;
    let mut nurse = fellow_input("Niamh O'Connor", "12A3456E", c2, Some(h));
    nurse.profession = "nursing".into();
    nurse.professional_body = "NMC".into();
    fellows::save(db, &f, nurse).await.unwrap();
    fellows::save(db, &f, fellow_input("Oliver Green", "7000001", c2, Some(h)))
        .await
        .unwrap();
    fellows::save(db, &f, fellow_input("Olive 100% Real", "7000002", c1, None))
        .await
        .unwrap();

    let fr = &f;
    let find = |filter: FellowFilter| async move {
        fellows::list(db, fr, filter)
            .await
            .unwrap()
            .into_iter()
            .map(|x| x.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find(FellowFilter {
            search: Some("oliv".into()),
            ..Default::default()
        })
        .await,
        ["Olive 100% Real", "Oliver Green"]
    );
    assert_eq!(
        find(FellowFilter {
            search: Some("100%".into()),
            ..Default::default()
        })
        .await,
        ["Olive 100% Real"]
    );
    assert_eq!(
        find(FellowFilter {
            search: Some("%".into()),
            ..Default::default()
        })
        .await,
        ["Olive 100% Real"],
        "% is literal"
    );
    assert_eq!(
        find(FellowFilter {
            search: Some("12a3456".into()),
            ..Default::default()
        })
        .await,
        ["Niamh O'Connor"]
    );
    assert_eq!(
        find(FellowFilter {
            cohort_id: Some(c2),
            ..Default::default()
        })
        .await,
        ["Niamh O'Connor", "Oliver Green"]
    );
    let nursing = FellowFilter {
        profession: Some(Profession::Nursing),
        host_id: Some(h),
        ..Default::default()
    };
    assert_eq!(find(nursing).await, ["Niamh O'Connor"]);
    assert!(find(FellowFilter {
        status: Some(FellowStatus::Withdrawn),
        ..Default::default()
    })
    .await
    .is_empty());

    let o = cohorts::overview(
        db,
        &w.faculty().await,
        cohorts::CohortOverviewInput { id: c2, page: 1 },
    )
    .await
    .unwrap();
    assert_eq!(o.cohort.fellow_count, 2);
    assert_eq!(o.by_status.len(), 1);
    assert_eq!(
        (o.by_status[0].key, o.by_status[0].count),
        (FellowStatus::Active, 2)
    );
    let cells: Vec<_> = o
        .by_host_profession
        .iter()
        .map(|c| (c.host_name.as_str(), c.profession, c.count))
        .collect();
    assert_eq!(
        cells,
        [
            ("Alpha Trust", Profession::Medicine, 1),
            ("Alpha Trust", Profession::Nursing, 1)
        ]
    );
}

// SQLite file settings and copies.
#[cfg(not(feature = "postgres"))]
#[tokio::test]
async fn data_survives_closing_and_reopening_the_database() {
    let w = world().await;
    let f = w.faculty().await;
    let cohort = cohorts::save(
        w.db(),
        &f,
        cohort_input("2026/27", "2026-09-01", "2027-08-31"),
    )
    .await
    .unwrap()
    .id;
    fellows::save(
        w.db(),
        &f,
        fellow_input("Grace Walker", "7111111", cohort, None),
    )
    .await
    .unwrap();
    let path = w.db_path();
    w.db().close().await;

    let db = Db::open(&path).await.unwrap();
    let mode: (String,) = fellowship::db::query_as("PRAGMA journal_mode")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(mode.0, "wal");
    let fk: (i64,) = fellowship::db::query_as("PRAGMA foreign_keys")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(fk.0, 1);
    let sync: (i64,) = fellowship::db::query_as("PRAGMA synchronous")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(sync.0, 2, "synchronous = FULL");
    // Every connection of the pool reads a plain file's pages through one shared mapping.
    let mmap: (i64,) = fellowship::db::query_as("PRAGMA mmap_size")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(mmap.0 >= 1 << 28, "mmap_size {}", mmap.0);
    let mut s = Session::default();
    let ws = Workspaces::new(db, None);
    fellowship::api::dispatch(
        &ws,
        &mut s,
        "sign_in",
        json!({"email": "lead@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap();
    let list = fellowship::api::dispatch(
        &ws,
        &mut s,
        "list_fellows",
        json!({"search": null, "cohort_id": null, "profession": null, "host_id": null, "status": null}),
    )
    .await
    .unwrap();
    assert_eq!(list[0]["name"], "Grace Walker");
    assert_eq!(list[0]["cohort_name"], "2026/27");
}

// SQLite file settings and copies.
#[cfg(not(feature = "postgres"))]
#[tokio::test]
async fn an_older_database_is_copied_aside_before_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        // A database from "before" our migrations: it has data but no migration history.
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=rwc", path.display()))
            .await
            .unwrap();
        fellowship::db::query("CREATE TABLE notes (body TEXT)")
            .execute(&pool)
            .await
            .unwrap();
        fellowship::db::query("INSERT INTO notes VALUES ('keep me')")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    }
    let db = Db::open(&path).await.unwrap();
    assert_eq!(db.pending_migrations().await.unwrap(), 0);
    let copies: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("pre-migration"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = sqlx::SqlitePool::connect(&format!(
        "sqlite://{}",
        dir.path().join(&copies[0]).display()
    ))
    .await
    .unwrap();
    let (body,): (String,) = fellowship::db::query_as("SELECT body FROM notes")
        .fetch_one(&copy)
        .await
        .unwrap();
    assert_eq!(body, "keep me");
    let has_fellows: Option<(String,)> =
        fellowship::db::query_as("SELECT name FROM sqlite_master WHERE name = 'fellows'")
            .fetch_optional(&copy)
            .await
            .unwrap();
    assert!(
        has_fellows.is_none(),
        "the copy is the database as it was before migrating"
    );
    // A new database and an up-to-date one are not copied.
    db.close().await;
    Db::open(&path).await.unwrap();
    fresh_db(dir.path(), "new").await;
    let n = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("pre-migration")
        })
        .count();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn demo_programme_opens_apart_from_the_real_one() {
    let mut w = world().await;
    let status = w.call("explore_demo", json!(null)).await.unwrap();
    assert_eq!(status["in_demo"], true);
    assert_eq!(status["user"]["role"], "faculty");
    let cohorts = w.call("list_cohorts", json!(null)).await.unwrap();
    assert_eq!(cohorts.as_array().unwrap().len(), 4);
    let status = w.call("leave_demo", json!(null)).await.unwrap();
    assert_eq!(status["in_demo"], false);
    assert!(status["user"].is_null());
    w.call(
        "sign_in",
        json!({"email": "lead@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap();
    let real = w.call("list_cohorts", json!(null)).await.unwrap();
    assert!(
        real.as_array().unwrap().is_empty(),
        "demo data never reaches the real programme"
    );
}

#[tokio::test]
async fn export_writes_a_csv_per_visible_table_with_headers() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let out = w.dir.path().join("export");
    let files = fellowship::tools::export::export_csv(w.db(), &t.faculty, &out)
        .await
        .unwrap();
    let names: Vec<_> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "programme.csv",
            "cohorts.csv",
            "host_organisations.csv",
            "fellows.csv",
            "fellow_status_history.csv",
            "challenges.csv",
            "reflections.csv",
            "users.csv"
        ]
    );
    let fellows_csv = std::fs::read_to_string(out.join("fellows.csv")).unwrap();
    let mut lines = fellows_csv.lines();
    assert!(lines.next().unwrap().starts_with("id,name,profession"));
    assert_eq!(lines.count(), 2);

    let sponsor_out = w.dir.path().join("sponsor");
    let files = fellowship::tools::export::export_csv(w.db(), &t.sponsor_a, &sponsor_out)
        .await
        .unwrap();
    assert_eq!(files.len(), 7, "no users table for a sponsor");
    let csv = std::fs::read_to_string(sponsor_out.join("fellows.csv")).unwrap();
    assert!(csv.contains("Ada Alpha") && !csv.contains("Bea Beta"));
    let hosts_csv = std::fs::read_to_string(sponsor_out.join("host_organisations.csv")).unwrap();
    assert!(!hosts_csv.contains("Beta ICB"));
}

#[test]
fn committed_typescript_types_match_the_rust_command_surface() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/lib/api/generated.ts");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fellowship::api::typescript(),
        "Generated TypeScript types are out of date: run `make types` and commit ui/src/lib/api/generated.ts"
    );
}

#[tokio::test]
async fn sign_in_is_locked_after_five_failures_even_for_the_right_password() {
    let w = world().await;
    let db = w.db();
    let attempt = |password: &str| fellowship::auth::SignInInput {
        email: "LEAD@nhs.net".into(),
        password: password.into(),
    };
    for _ in 0..4 {
        let e = fellowship::auth::sign_in(db, &attempt("wrong"))
            .await
            .unwrap_err();
        assert!(e.message.contains("not right"));
    }
    // A success within the limit clears the count.
    fellowship::auth::sign_in(db, &attempt(PASSWORD))
        .await
        .unwrap();
    for _ in 0..5 {
        fellowship::auth::sign_in(db, &attempt("wrong"))
            .await
            .unwrap_err();
    }
    let e = fellowship::auth::sign_in(db, &attempt(PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("password"));
    assert!(e.message.contains("Too many attempts"), "{}", e.message);
    // Unknown addresses are counted the same way, so a lock reveals nothing.
    let ghost = fellowship::auth::SignInInput {
        email: "ghost@nhs.net".into(),
        password: "x".into(),
    };
    for _ in 0..5 {
        fellowship::auth::sign_in(db, &ghost).await.unwrap_err();
    }
    assert!(fellowship::auth::sign_in(db, &ghost)
        .await
        .unwrap_err()
        .message
        .contains("Too many attempts"));
    // Once the lock has passed, the right password works again.
    fellowship::db::query("UPDATE sign_in_attempts SET next_allowed = '2000-01-01T00:00:00+00:00'")
        .execute(&db.pool)
        .await
        .unwrap();
    fellowship::auth::sign_in(db, &attempt(PASSWORD))
        .await
        .unwrap();
}

#[tokio::test]
async fn an_idle_session_locks_and_says_why() {
    let mut w = world().await;
    w.session =
        fellowship::api::session::Session::with_idle_limit(std::time::Duration::from_millis(300));
    w.call(
        "sign_in",
        json!({"email": "lead@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap();
    w.call("list_cohorts", json!(null)).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    // Use keeps it open...
    w.call("list_cohorts", json!(null)).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    // ...and idleness closes it.
    let e = w.call("list_cohorts", json!(null)).await.unwrap_err();
    assert_eq!(e.kind, fellowship::error::ErrorKind::Unauthenticated);
    assert!(e.message.contains("without activity"), "{}", e.message);
    let status = w.call("app_status", json!(null)).await.unwrap();
    assert!(status["user"].is_null(), "signed out");
}

/// Ids of one page of fellows.
async fn page_ids(
    db: &fellowship::Db,
    actor: &fellowship::auth::Actor,
    filter: FellowFilter,
    page: i64,
) -> (Vec<i64>, i64, i64) {
    let p = fellows::page(db, actor, fellows::FellowPageInput { filter, page })
        .await
        .unwrap();
    assert!(p.fellows.len() as i64 <= p.page_size);
    (p.fellows.iter().map(|f| f.id).collect(), p.total, p.page)
}

#[tokio::test]
async fn the_fellows_list_comes_a_page_at_a_time_in_the_same_order_as_the_whole() {
    use fellowship::demo;
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "pages").await;
    demo::fill(&db, &demo::DemoSize::standard()).await.unwrap();
    let faculty = fellowship::auth::sign_in(&db, &demo::faculty_sign_in())
        .await
        .unwrap();
    let whole: Vec<i64> = fellows::list(&db, &faculty, FellowFilter::default())
        .await
        .unwrap()
        .iter()
        .map(|f| f.id)
        .collect();
    assert!(whole.len() > fellows::PAGE_SIZE as usize, "{}", whole.len());
    // Every page in turn gives the whole list once, in its order.
    let mut paged = vec![];
    let mut n = 1;
    loop {
        let (ids, total, page) = page_ids(&db, &faculty, FellowFilter::default(), n).await;
        assert_eq!((total, page), (whole.len() as i64, n));
        paged.extend(ids);
        if paged.len() >= whole.len() {
            break;
        }
        n += 1;
    }
    assert_eq!(paged, whole);
    // Past the last page gives the last; before the first, the first.
    let (last, _, at) = page_ids(&db, &faculty, FellowFilter::default(), 9999).await;
    assert_eq!((at, last.as_slice()), (n, &whole[(n as usize - 1) * 50..]));
    let (first, _, at) = page_ids(&db, &faculty, FellowFilter::default(), 0).await;
    assert_eq!((at, first.as_slice()), (1, &whole[..50]));
    // A filter counts only what it matches.
    let cohort = fellows::list(&db, &faculty, FellowFilter::default())
        .await
        .unwrap()[0]
        .cohort_id;
    let filter = FellowFilter {
        cohort_id: Some(cohort),
        ..FellowFilter::default()
    };
    let in_cohort = fellows::list(&db, &faculty, filter.clone()).await.unwrap();
    let (ids, total, _) = page_ids(&db, &faculty, filter, 1).await;
    assert_eq!(total, in_cohort.len() as i64);
    assert_eq!(
        ids,
        in_cohort.iter().take(50).map(|f| f.id).collect::<Vec<_>>()
    );
    // An empty result is page 1 of nothing.
    let none = FellowFilter {
        search: Some("no such fellow anywhere".into()),
        ..FellowFilter::default()
    };
    assert_eq!(page_ids(&db, &faculty, none, 3).await, (vec![], 0, 1));
}

#[tokio::test]
async fn a_page_of_fellows_holds_only_those_the_reader_may_see() {
    let mut w = world().await;
    let t = two_hosts(&w).await;
    let (ids, total, _) = page_ids(w.db(), &t.sponsor_a, FellowFilter::default(), 1).await;
    assert_eq!((ids, total), (vec![t.fellow_a], 1));
    let (ids, total, _) = page_ids(w.db(), &t.fellow_user_a, FellowFilter::default(), 1).await;
    assert_eq!((ids, total), (vec![t.fellow_a], 1));
    // Through the command surface, as the app asks.
    let page = w
        .call(
            "page_fellows",
            json!({"filter": {"search": null, "cohort_id": null, "profession": null, "host_id": null, "status": null}, "page": 1}),
        )
        .await
        .unwrap();
    assert_eq!(page["total"], 2);
    assert_eq!(page["page_size"], 50);
    assert_eq!(page["fellows"].as_array().unwrap().len(), 2);
}

/// One page of host organisations: ids, total and the page given.
async fn host_page(
    db: &fellowship::Db,
    actor: &fellowship::auth::Actor,
    search: Option<&str>,
    page: i64,
) -> (Vec<i64>, i64, i64) {
    let p = hosts::page(
        db,
        actor,
        hosts::HostPageInput {
            search: search.map(str::to_owned),
            page,
        },
    )
    .await
    .unwrap();
    assert!(p.hosts.len() as i64 <= p.page_size);
    (p.hosts.iter().map(|h| h.id).collect(), p.total, p.page)
}

#[tokio::test]
async fn host_organisations_come_a_page_at_a_time_and_can_be_searched() {
    use fellowship::demo;
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "host-pages").await;
    demo::fill(&db, &demo::DemoSize::standard().scaled(4))
        .await
        .unwrap();
    let faculty = fellowship::auth::sign_in(&db, &demo::faculty_sign_in())
        .await
        .unwrap();
    let whole = hosts::list(&db, &faculty).await.unwrap();
    assert!(whole.len() > hosts::PAGE_SIZE as usize, "{}", whole.len());
    let ids: Vec<i64> = whole.iter().map(|h| h.id).collect();
    let (first, total, _) = host_page(&db, &faculty, None, 1).await;
    let (second, _, at) = host_page(&db, &faculty, None, 2).await;
    assert_eq!(total, whole.len() as i64);
    assert_eq!(
        [first, second].concat(),
        ids,
        "the pages are the list, in order"
    );
    // Past the last page gives the last.
    assert_eq!(host_page(&db, &faculty, None, 99).await.2, at);
    // Each row counts its own fellows, as the whole list does.
    let page = hosts::page(
        &db,
        &faculty,
        hosts::HostPageInput {
            search: None,
            page: 1,
        },
    )
    .await
    .unwrap();
    for h in &page.hosts {
        let listed = whole.iter().find(|w| w.id == h.id).unwrap();
        assert_eq!(h.fellow_count, listed.fellow_count, "{}", h.name);
    }
    // A search matches a name, a region or an ODS code, any case; % is a character, not a wildcard.
    let one = &whole[3];
    let by_name = host_page(&db, &faculty, Some(&one.name.to_uppercase()), 1).await;
    assert!(by_name.0.contains(&one.id));
    let region: Vec<i64> = whole
        .iter()
        .filter(|h| h.region.to_lowercase().contains(&one.region.to_lowercase()))
        .map(|h| h.id)
        .collect();
    assert_eq!(
        host_page(&db, &faculty, Some(&one.region), 1).await.1,
        region.len() as i64
    );
    if let Some(ods) = whole.iter().find_map(|h| h.ods_code.clone()) {
        assert!(host_page(&db, &faculty, Some(&ods), 1).await.1 >= 1);
    }
    assert_eq!(host_page(&db, &faculty, Some("%"), 1).await, (vec![], 0, 1));
}

#[tokio::test]
async fn a_page_of_hosts_holds_only_those_the_reader_may_see() {
    let mut w = world().await;
    let t = two_hosts(&w).await;
    let (ids, total, _) = host_page(w.db(), &t.sponsor_a, None, 1).await;
    assert_eq!((ids, total), (vec![t.host_a], 1));
    let (ids, total, _) = host_page(w.db(), &t.fellow_user_a, None, 1).await;
    assert_eq!((ids, total), (vec![t.host_a], 1));
    // A search cannot reach past the reader's own host.
    let other = hosts::get(w.db(), &t.faculty, t.host_b).await.unwrap();
    assert_eq!(
        host_page(w.db(), &t.sponsor_a, Some(&other.name), 1).await,
        (vec![], 0, 1)
    );
    // Through the command surface, as the app asks.
    let page = w
        .call("page_hosts", json!({"search": null, "page": 1}))
        .await
        .unwrap();
    assert_eq!(page["total"], 2);
    assert_eq!(page["hosts"].as_array().unwrap().len(), 2);
}
