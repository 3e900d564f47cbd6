//! The whole matrix in one place: each role (faculty, a fellow, their host sponsor, their
//! workplace mentor) against each kind of record (cohorts, fellows, challenges, reviews and
//! comments, reflections, learning sets and their sessions, mentoring, 360 rounds and reports,
//! outcomes, personal-data rights, the audit trail and backups), for their own records and for
//! someone else's, reading and writing, through the one command surface the app uses.
//! Y: the command succeeds. N: it is refused (forbidden, or "not found" so that a record's
//! existence is not revealed). -: not asked of this role here.

use crate::common;

use crate::common::http::{self, Browser};
use fellowship::api::dispatch;
use fellowship::api::session::{Session, Workspaces};
use fellowship::demo::{self, DemoSize, DEMO_PASSWORD};
use fellowship::Db;
use serde_json::{json, Value};

const ROLES: [&str; 4] = ["faculty", "fellow", "sponsor", "mentor"];

async fn signed_in(ws: &Workspaces, email: &str) -> Session {
    let mut s = Session::default();
    dispatch(
        ws,
        &mut s,
        "sign_in",
        json!({"email": email, "password": DEMO_PASSWORD}),
    )
    .await
    .unwrap();
    s
}

async fn one(db: &Db, sql: &str) -> i64 {
    let (v,): (i64,) = fellowship::db::query_as(sql)
        .fetch_one(&db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    v
}

/// Calls the command surface as one of the four roles, the way one transport does.
trait Caller {
    async fn call(
        &mut self,
        role: usize,
        command: &str,
        args: Value,
    ) -> Result<Value, (String, String)>;
}

/// The core's dispatcher, as the desktop app's shell calls it.
struct Direct {
    ws: Workspaces,
    sessions: [Session; 4],
}

impl Caller for Direct {
    async fn call(
        &mut self,
        role: usize,
        command: &str,
        args: Value,
    ) -> Result<Value, (String, String)> {
        dispatch(&self.ws, &mut self.sessions[role], command, args)
            .await
            .map_err(|e| {
                let kind = serde_json::to_value(e.kind).unwrap();
                (kind.as_str().unwrap_or("?").to_owned(), e.message)
            })
    }
}

/// The programme server, as a browser calls it: cookies, CSRF header, HTTP status and JSON.
struct OverHttp {
    browsers: Vec<Browser>,
}

impl Caller for OverHttp {
    async fn call(
        &mut self,
        role: usize,
        command: &str,
        args: Value,
    ) -> Result<Value, (String, String)> {
        self.browsers[role].call(command, args).await
    }
}

const EMAILS: [&str; 4] = [
    demo::DEMO_FACULTY_EMAIL,
    demo::DEMO_FELLOW_EMAIL,
    demo::DEMO_SPONSOR_EMAIL,
    demo::DEMO_MENTOR_EMAIL,
];

async fn demo_programme() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = common::fresh_db(dir.path(), "fellowship").await;
    demo::fill(&db, &DemoSize::standard()).await.unwrap();
    (dir, db)
}

#[tokio::test]
async fn every_role_against_every_kind_of_record() {
    let (_dir, db) = demo_programme().await;
    let ws = Workspaces::new(db.clone(), None);
    let sessions = [
        signed_in(&ws, EMAILS[0]).await,
        signed_in(&ws, EMAILS[1]).await,
        signed_in(&ws, EMAILS[2]).await,
        signed_in(&ws, EMAILS[3]).await,
    ];
    run_matrix(&db, &mut Direct { ws, sessions }).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_matrix_holds_over_http() {
    let (_dir, db) = demo_programme().await;
    let base = http::start(Workspaces::new(db.clone(), None)).await;
    let mut browsers = vec![];
    for email in EMAILS {
        browsers.push(Browser::signed_in(&base, email, DEMO_PASSWORD).await);
    }
    run_matrix(&db, &mut OverHttp { browsers }).await;
}

async fn run_matrix<C: Caller>(db: &Db, c: &mut C) {
    let db = db.clone();
    // Own records: the demo fellow's, at the sponsor's and mentor's organisation.
    let me = one(
        &db,
        &format!(
            "SELECT fellow_id FROM users WHERE email = '{}'",
            demo::DEMO_FELLOW_EMAIL
        ),
    )
    .await;
    let host = one(&db, &format!("SELECT host_id FROM fellows WHERE id = {me}")).await;
    let cohort = one(
        &db,
        &format!("SELECT cohort_id FROM fellows WHERE id = {me}"),
    )
    .await;
    let mentor = one(
        &db,
        &format!(
            "SELECT id FROM users WHERE email = '{}'",
            demo::DEMO_MENTOR_EMAIL
        ),
    )
    .await;
    // The demo fellow has no challenge yet; a colleague at the same organisation has.
    let host_challenge = one(&db, &format!(
        "SELECT c.id FROM challenges c JOIN fellows f ON f.id = c.fellow_id WHERE f.host_id = {host} ORDER BY c.id LIMIT 1"
    )).await;
    let my_set = one(
        &db,
        &format!("SELECT set_id FROM learning_set_members WHERE fellow_id = {me}"),
    )
    .await;
    // Someone else's: a fellow of the same cohort at another organisation, in another set.
    let other = one(
        &db,
        &format!(
            "SELECT f.id FROM fellows f JOIN challenges c ON c.fellow_id = f.id
         WHERE f.cohort_id = {cohort} AND f.host_id <> {host}
           AND f.id NOT IN (SELECT fellow_id FROM learning_set_members WHERE set_id = {my_set})
         ORDER BY f.id LIMIT 1"
        ),
    )
    .await;
    let other_challenge = one(
        &db,
        &format!("SELECT id FROM challenges WHERE fellow_id = {other}"),
    )
    .await;
    let other_set = one(
        &db,
        &format!(
            "SELECT id FROM learning_sets WHERE cohort_id = {cohort} AND id <> {my_set} LIMIT 1"
        ),
    )
    .await;
    let alumnus = one(
        &db,
        "SELECT fellow_id FROM outcome_responses ORDER BY id LIMIT 1",
    )
    .await;
    let wave = one(
        &db,
        &format!("SELECT wave_id FROM outcome_responses WHERE fellow_id = {alumnus} LIMIT 1"),
    )
    .await;
    let closed_round = one(&db, &format!(
        "SELECT round_id FROM feedback_reports WHERE fellow_id = {me} AND released_at IS NOT NULL LIMIT 1"
    )).await;

    // Records made for the matrix: a private reflection, a mentoring relationship, set sessions.
    let reflection = c
        .call(
            1,
            "save_reflection",
            json!({
        "id": null, "template": "gibbs", "title": "After the bed meeting", "happened_on": "",
        "sections": [{"key": "description", "body": "Private."}], "challenge_id": null,
        "dimension_ids": [], "finish": false}),
        )
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let relationship = c.call(0, "save_relationship", json!({
        "fellow_id": me, "person_id": mentor, "kind": "workplace_mentor", "started_on": "2026-09-15"}))
        .await.unwrap()["id"].as_i64().unwrap();
    let session_in = |set: i64| json!({"set_id": set, "meets_on": "2026-12-01"});
    let my_session = c
        .call(0, "schedule_set_session", session_in(my_set))
        .await
        .unwrap();
    let my_session = my_session["sessions"].as_array().unwrap().last().unwrap()["id"]
        .as_i64()
        .unwrap();
    let other_session = c
        .call(0, "schedule_set_session", session_in(other_set))
        .await
        .unwrap();
    let other_session = other_session["sessions"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()["id"]
        .as_i64()
        .unwrap();

    let empty_record = |session: i64| {
        json!({"session_id": session, "attendance": [], "check_in": "",
        "presenters": [], "reviews": [], "notes": ""})
    };
    let matrix: Vec<(&str, &str, Value, &str)> = vec![
        // Cohorts and the programme's structure.
        ("list cohorts", "list_cohorts", json!(null), "YYYY"),
        (
            "cohort overview",
            "cohort_overview",
            json!({"id": cohort, "page": 1}),
            "YNNN",
        ),
        (
            "add a cohort",
            "save_cohort",
            json!({"id": null, "name": "2031/32", "start_date": "2031-09-01", "end_date": "2032-08-31"}),
            "YNNN",
        ),
        ("list accounts", "list_users", json!(null), "YNNN"),
        // Fellows.
        ("own fellow record", "get_fellow", json!({"id": me}), "YYYY"),
        (
            "another's fellow record",
            "get_fellow",
            json!({"id": other}),
            "YNNN",
        ),
        (
            "change another's status",
            "change_fellow_status",
            json!({"fellow_id": other, "status": "interrupted", "effective_date": "2026-11-01", "note": ""}),
            "-NNN",
        ),
        // Challenges, comments and reviews.
        (
            "a colleague's challenge at the same organisation",
            "get_challenge",
            json!({"id": host_challenge}),
            "YNYY",
        ),
        (
            "another's challenge",
            "get_challenge",
            json!({"id": other_challenge}),
            "YNNN",
        ),
        (
            "comment on another's challenge",
            "add_comment",
            json!({"challenge_id": other_challenge, "body": "Looks good"}),
            "-NNN",
        ),
        (
            "draft another's review",
            "save_review_draft",
            json!({"challenge_id": other_challenge, "kind": "mid_year", "summary": "x"}),
            "-NNN",
        ),
        (
            "the cohort's board",
            "cohort_board",
            json!({"cohort_id": cohort, "page": 1}),
            "YNNN",
        ),
        // Reflections: the fellow's own and private.
        (
            "own private reflection",
            "get_reflection",
            json!({"id": reflection}),
            "NYNN",
        ),
        (
            "reflection insights",
            "reflection_insights",
            json!(null),
            "NYNN",
        ),
        // Learning sets: the set's record is its members' and facilitator's.
        ("own set", "get_learning_set", json!({"id": my_set}), "YYNN"),
        (
            "another set",
            "get_learning_set",
            json!({"id": other_set}),
            "YNNN",
        ),
        // The demo faculty member facilitates the fellow's set, so reads its record; the other
        // set's record is confidential to its own members and facilitator, faculty included.
        (
            "own set's session record",
            "get_set_session",
            json!({"id": my_session}),
            "YYNN",
        ),
        (
            "another set's session record",
            "get_set_session",
            json!({"id": other_session}),
            "NNNN",
        ),
        (
            "record another set's session",
            "record_set_session",
            empty_record(other_session),
            "NNNN",
        ),
        // Mentoring.
        // Session notes are the fellow's and mentor's; faculty see the overview (dates, gaps).
        (
            "the mentoring relationship",
            "get_relationship",
            json!({"id": relationship}),
            "NYNY",
        ),
        (
            "the mentoring overview",
            "mentoring_overview",
            json!({"cohort_id": null}),
            "YNNN",
        ),
        // 360° feedback.
        (
            "a round's progress",
            "feedback_round_progress",
            json!({"id": closed_round, "page": 1}),
            "YNNN",
        ),
        (
            "own released 360 report",
            "get_feedback_report",
            json!({"round_id": closed_round, "fellow_id": me}),
            "YYNN",
        ),
        (
            "another's 360 report",
            "get_feedback_report",
            json!({"round_id": closed_round, "fellow_id": other}),
            "YNNN",
        ),
        (
            "another's nominations",
            "list_nominations",
            json!({"round_id": closed_round, "fellow_id": other}),
            "YNNN",
        ),
        (
            "the cohort's 360 figures",
            "cohort_feedback",
            json!({"id": cohort}),
            "YNNN",
        ),
        (
            "close a round",
            "close_feedback_round",
            json!({"id": closed_round}),
            "-NNN",
        ),
        // Outcomes.
        (
            "follow-up list",
            "outcome_follow_up",
            json!({"wave_id": wave, "cohort_id": null, "page": 1}),
            "YNNN",
        ),
        (
            "an alumnus's answers",
            "get_outcome_response",
            json!({"fellow_id": alumnus, "wave_id": wave}),
            "YNNN",
        ),
        (
            "outcomes dashboard",
            "outcomes_dashboard",
            json!({"cohort_id": null, "for_sharing": true}),
            "YNNN",
        ),
        (
            "analysts' export",
            "export_outcomes",
            json!({"pseudonymise": true, "cohort_id": null}),
            "YNNN",
        ),
        // Personal-data rights.
        (
            "own privacy page",
            "get_privacy",
            json!({"fellow_id": me}),
            "YYNN",
        ),
        (
            "another's privacy page",
            "get_privacy",
            json!({"fellow_id": other}),
            "YNNN",
        ),
        (
            "own subject-access export",
            "export_subject_access",
            json!({"fellow_id": me}),
            "YYNN",
        ),
        (
            "another's subject-access export",
            "export_subject_access",
            json!({"fellow_id": other}),
            "YNNN",
        ),
        (
            "record another's consent",
            "record_consent",
            json!({"fellow_id": other, "decision": "given", "decided_on": "2026-11-01", "note": ""}),
            "-NNN",
        ),
        (
            "erase another",
            "erase_fellow",
            json!({"fellow_id": other, "confirm_name": "x"}),
            "-NNN",
        ),
        (
            "retention review",
            "retention_review",
            json!({"on": ""}),
            "YNNN",
        ),
        // The audit trail and backups.
        (
            "the audit trail",
            "audit_log",
            json!({"fellow_id": null, "user_id": null, "action": ""}),
            "YNNN",
        ),
        ("list backups", "list_backups", json!(null), "YNNN"),
        // On PostgreSQL the database server's own backups apply: nobody backs up from the app.
        (
            "back up now",
            "make_backup",
            json!(null),
            if cfg!(feature = "postgres") {
                "NNNN"
            } else {
                "YNNN"
            },
        ),
        (
            "restore a backup",
            "restore_backup",
            json!({"file_name": "x", "confirm": true}),
            "-NNN",
        ),
    ];

    let mut wrong = vec![];
    for (what, command, args, expected) in &matrix {
        for (r, want) in expected.chars().enumerate() {
            if want == '-' {
                continue;
            }
            let got = match c.call(r, command, args.clone()).await {
                Ok(_) => 'Y',
                Err((kind, _)) if kind == "forbidden" || kind == "not_found" => 'N',
                Err((kind, message)) => {
                    wrong.push(format!("{what} as {}: {kind} {message}", ROLES[r]));
                    continue;
                }
            };
            if got != want {
                wrong.push(format!(
                    "{what} as {}: expected {want}, got {got}",
                    ROLES[r]
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(matrix.len() >= 40);
}
