//! Shared fixtures: a real SQLite file in a temporary folder, set up through the same
//! command surface the app uses.
#![allow(dead_code, unused_imports)]

pub mod http;
pub mod nginx;
pub mod oidc;
pub mod smtp;
pub mod store;

pub use store::{fresh_db, fresh_path};

use fellowship::api::dispatch;
use fellowship::api::session::{Session, Workspaces};
use fellowship::auth::{self, Actor, NewUserInput, Role};
use fellowship::programme::cohorts::{self, CohortInput};
use fellowship::programme::fellows::{self, FellowInput};
use fellowship::programme::hosts::{self, HostInput};
use fellowship::{ApiError, Db};
use serde_json::{json, Value};

pub const PASSWORD: &str = "correct horse battery";

pub struct World {
    pub dir: tempfile::TempDir,
    /// Where the programme lives (a file, or a PostgreSQL URL).
    pub path: std::path::PathBuf,
    pub ws: Workspaces,
    pub session: Session,
    /// The programme's database (the same pool the workspaces hold).
    pub main: Db,
}

impl World {
    pub fn db_path(&self) -> std::path::PathBuf {
        self.path.clone()
    }
    pub fn db(&self) -> &Db {
        &self.main
    }
    pub async fn call(&mut self, command: &str, args: Value) -> Result<Value, ApiError> {
        dispatch(&self.ws, &mut self.session, command, args).await
    }
    pub async fn faculty(&self) -> Actor {
        auth::sign_in(
            self.db(),
            &auth::SignInInput {
                email: "lead@nhs.net".into(),
                password: PASSWORD.into(),
            },
        )
        .await
        .expect("faculty signs in")
    }
}

/// A fresh database with a programme and its first faculty account, signed in.
pub async fn world() -> World {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = fresh_path(dir.path(), "fellowship").await;
    let db = Db::open(&path).await.expect("open db");
    let demo = fresh_path(dir.path(), "demo").await;
    let ws = Workspaces::new(db.clone(), Some(demo));
    let mut w = World {
        dir,
        path,
        ws,
        session: Session::default(),
        main: db,
    };
    w.call(
        "setup_programme",
        json!({"programme_name": "North London Fellowship", "name": "Dr Lead", "email": "lead@nhs.net",
               "password": PASSWORD, "password_confirm": PASSWORD}),
    )
    .await
    .expect("setup");
    w
}

/// The demo programme of `size` in a fresh database in `dir`, with its faculty signed in.
pub async fn demo_programme(
    dir: &std::path::Path,
    size: fellowship::demo::DemoSize,
) -> (Db, Actor) {
    let db = fresh_db(dir, "demo").await;
    fellowship::demo::fill(&db, &size)
        .await
        .expect("demo filled");
    let faculty = auth::sign_in(&db, &fellowship::demo::faculty_sign_in())
        .await
        .expect("demo faculty signs in");
    (db, faculty)
}

pub fn cohort_input(name: &str, start: &str, end: &str) -> CohortInput {
    CohortInput {
        id: None,
        name: name.into(),
        start_date: start.into(),
        end_date: end.into(),
    }
}

pub fn host_input(name: &str) -> HostInput {
    HostInput {
        id: None,
        name: name.into(),
        kind: "nhs_trust".into(),
        ods_code: None,
        region: "London".into(),
        sponsor_name: "Sponsor".into(),
        sponsor_email: "sponsor@nhs.net".into(),
        mentor_name: "Mentor".into(),
        mentor_email: "mentor@nhs.net".into(),
    }
}

pub fn fellow_input(name: &str, reg: &str, cohort: i64, host: Option<i64>) -> FellowInput {
    FellowInput {
        id: None,
        name: name.into(),
        profession: "medicine".into(),
        professional_body: "GMC".into(),
        registration_number: reg.into(),
        email: format!("{}@nhs.net", name.to_lowercase().replace(' ', ".")),
        cohort_id: Some(cohort),
        host_id: host,
        status: "active".into(),
        status_date: "2026-09-01".into(),
    }
}

/// Two host organisations, A and B, each with one fellow, a sponsor and a fellow account.
pub struct TwoHosts {
    pub faculty: Actor,
    pub cohort: i64,
    pub host_a: i64,
    pub host_b: i64,
    pub fellow_a: i64,
    pub fellow_b: i64,
    pub sponsor_a: Actor,
    pub mentor_b: Actor,
    pub fellow_user_a: Actor,
}

async fn account(
    db: &Db,
    faculty: &Actor,
    email: &str,
    role: Role,
    fellow: Option<i64>,
    host: Option<i64>,
) -> Actor {
    let input = NewUserInput {
        name: email.into(),
        email: email.into(),
        password: PASSWORD.into(),
        role,
        fellow_id: fellow,
        host_id: host,
    };
    let u = fellowship::accounts::users::create_user(db, faculty, input)
        .await
        .expect("create user");
    auth::actor_by_id(db, u.id).await.expect("actor")
}

pub async fn two_hosts(w: &World) -> TwoHosts {
    let db = w.db();
    let faculty = w.faculty().await;
    let cohort = cohorts::save(
        db,
        &faculty,
        cohort_input("2026/27", "2026-09-01", "2027-08-31"),
    )
    .await
    .unwrap()
    .id;
    let host_a = hosts::save(db, &faculty, host_input("Alpha Trust"))
        .await
        .unwrap()
        .id;
    let host_b = hosts::save(db, &faculty, host_input("Beta ICB"))
        .await
        .unwrap()
        .id;
    let fellow_a = fellows::save(
        db,
        &faculty,
        fellow_input("Ada Alpha", "1111111", cohort, Some(host_a)),
    )
    .await
    .unwrap()
    .fellow
    .id;
    let fellow_b = fellows::save(
        db,
        &faculty,
        fellow_input("Bea Beta", "2222222", cohort, Some(host_b)),
    )
    .await
    .unwrap()
    .fellow
    .id;
    let sponsor_a = account(
        db,
        &faculty,
        "sponsor.a@nhs.net",
        Role::HostSponsor,
        None,
        Some(host_a),
    )
    .await;
    let mentor_b = account(
        db,
        &faculty,
        "mentor.b@nhs.net",
        Role::Mentor,
        None,
        Some(host_b),
    )
    .await;
    let fellow_user_a = account(
        db,
        &faculty,
        "ada@nhs.net",
        Role::Fellow,
        Some(fellow_a),
        None,
    )
    .await;
    TwoHosts {
        faculty,
        cohort,
        host_a,
        host_b,
        fellow_a,
        fellow_b,
        sponsor_a,
        mentor_b,
        fellow_user_a,
    }
}

/// The text a PDF shows: its literal strings, and its hex strings decoded (printpdf writes any
/// line with brackets in it as hex).
pub fn pdf_text(bytes: &[u8]) -> String {
    let raw = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    for part in raw.split(" Tj") {
        let tail = part.rsplit('\n').next().unwrap_or("").trim();
        if let Some(hex) = tail.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
            if let Ok(b) = data_encoding::HEXUPPER_PERMISSIVE.decode(hex.as_bytes()) {
                out.extend(b.iter().map(|c| *c as char));
            }
        } else if let Some(lit) = tail.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            out.push_str(lit);
        }
        out.push('\n');
    }
    out
}

/// A baseline 360 round for `cohort`, open since a week ago, with the standard minimums.
pub fn round_input(cohort: i64) -> fellowship::feedback360::rounds::RoundInput {
    let today = chrono::Utc::now().date_naive();
    fellowship::feedback360::rounds::RoundInput {
        cohort_id: Some(cohort),
        kind: "baseline".into(),
        opens_on: (today - chrono::Duration::days(7)).to_string(),
        closes_on: (today + chrono::Duration::days(38)).to_string(),
        minimums: [
            ("line_manager", "1"),
            ("peer", "3"),
            ("direct_report", "3"),
            ("other", "3"),
            ("service_user", "3"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect::<std::collections::BTreeMap<_, _>>(),
        overall_minimum: "4".into(),
        groups_required: "2".into(),
        line_manager_required: false,
        framework_id: None,
    }
}
