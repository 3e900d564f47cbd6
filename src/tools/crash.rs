//! Crash safety, tested by force: a writer process does heavy work through the core (reflection
//! autosaves, 360 responses with invitation codes, historic imports of whole cohorts) and prints a
//! line for each change once the core has said it is saved; the harness kills it with SIGKILL at
//! a random moment, then checks that the database passes `PRAGMA integrity_check`, that every
//! change reported saved is there, and that no import or response landed in part.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::Rng;

use crate::auth::{self, SignInInput};
use crate::csv_io::{Cell, CsvOut};
use crate::db::Db;
use crate::demo;
use crate::error::{ApiError, Result};
use crate::feedback360::invitations::{self, IssueCodesInput, NominationInput};
use crate::feedback360::responses::{self, Answer, QuestionnaireAnswers};
use crate::feedback360::rounds::{self, RoundInput};
use crate::learning::reflections::{self, ReflectionInput, SectionText};
use crate::outcomes::historic::{self, HistoricImportInput};

/// Writers stop by themselves after this many changes if nobody kills them.
const MAX_CHANGES: usize = 100_000;

fn fail(e: impl std::fmt::Display) -> ApiError {
    ApiError::internal(e.to_string())
}

/// Sets up the database the writers work on: the demo programme, an open 360 round and a supply
/// of invitation codes (written to `codes`, one per line).
pub async fn prepare(db_path: &Path, codes: &Path, count: usize) -> Result<()> {
    let db = Db::open(db_path).await?;
    demo::fill(&db, &demo::DemoSize::standard()).await?;
    let faculty = auth::sign_in(&db, &demo::faculty_sign_in()).await?;
    let today = chrono::Utc::now().date_naive();
    let (cohort,): (i64,) =
        crate::db::query_as("SELECT id FROM cohorts ORDER BY start_date DESC LIMIT 1")
            .fetch_one(&db.pool)
            .await?;
    let round = rounds::open(
        &db,
        &faculty,
        RoundInput {
            cohort_id: Some(cohort),
            kind: "end_of_year".into(),
            opens_on: today.to_string(),
            closes_on: (today + chrono::Duration::days(30)).to_string(),
            minimums: [
                ("line_manager", "1"),
                ("peer", "3"),
                ("direct_report", "3"),
                ("other", "3"),
                ("service_user", "3"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
            overall_minimum: "4".into(),
            groups_required: "2".into(),
            line_manager_required: false,
            framework_id: None,
        },
    )
    .await?;
    let (fellow,): (i64,) =
        crate::db::query_as("SELECT id FROM fellows WHERE cohort_id = ? LIMIT 1")
            .bind(cohort)
            .fetch_one(&db.pool)
            .await?;
    for n in 0..count {
        invitations::nominate(
            &db,
            &faculty,
            NominationInput {
                round_id: round.id,
                fellow_id: Some(fellow),
                rater_group: "peer".into(),
                rater_name: format!("Rater {n}"),
                rater_email: format!("rater{n}@crash.example"),
            },
        )
        .await?;
    }
    let issued = invitations::issue(
        &db,
        &faculty,
        IssueCodesInput {
            round_id: round.id,
            nomination_ids: vec![],
        },
    )
    .await?;
    let lines: Vec<String> = issued.into_iter().map(|c| c.code).collect();
    std::fs::write(codes, lines.join("\n")).map_err(fail)?;
    db.close().await;
    Ok(())
}

/// The writer: runs until killed, printing "reflection <id> <marker>", "response <code>" and
/// "import <cohort> <rows>" after each change the core reports saved.
pub async fn writer(db_path: &Path, codes: &Path, run: usize) -> Result<()> {
    use std::io::Write;
    let db = Db::open(db_path).await?;
    let fellow = auth::sign_in(
        &db,
        &SignInInput {
            email: demo::DEMO_FELLOW_EMAIL.into(),
            password: demo::DEMO_PASSWORD.into(),
        },
    )
    .await?;
    let faculty = auth::sign_in(&db, &demo::faculty_sign_in()).await?;
    let codes: Vec<String> = std::fs::read_to_string(codes)
        .map_err(fail)?
        .lines()
        .map(str::to_owned)
        .collect();
    let (used,): (i64,) = crate::db::query_as("SELECT count(*) FROM feedback_responses")
        .fetch_one(&db.pool)
        .await?;
    let mut next_code = used as usize;
    let dims: Vec<i64> = crate::feedback360::default_dimensions(&db)
        .await?
        .iter()
        .map(|d| d.id)
        .collect();
    let mut out = std::io::stdout().lock();
    let mut draft: Option<i64> = None;
    for i in 0..MAX_CHANGES {
        match i % 4 {
            // Autosave: the same draft grows, as while someone types.
            0 | 1 => {
                let marker = format!("crash-{run}-{i}");
                let saved = reflections::save(
                    &db,
                    &fellow,
                    ReflectionInput {
                        id: draft,
                        template: "free".into(),
                        title: format!("Draft {run}"),
                        happened_on: String::new(),
                        sections: vec![SectionText {
                            key: "text".into(),
                            body: marker.clone(),
                        }],
                        challenge_id: None,
                        dimension_ids: vec![],
                        finish: false,
                    },
                )
                .await?;
                draft = Some(saved.id);
                writeln!(out, "reflection {} {marker}", saved.id).map_err(fail)?;
            }
            2 if next_code < codes.len() => {
                let code = &codes[next_code];
                next_code += 1;
                // A code may have been spent by a response that committed just before a kill.
                let answers = dims
                    .iter()
                    .map(|d| Answer {
                        dimension_id: *d,
                        rating: Some(3),
                        importance: None,
                    })
                    .collect();
                match responses::submit_questionnaire(
                    &db,
                    QuestionnaireAnswers {
                        code: code.clone(),
                        answers,
                        comment: format!("run {run}"),
                    },
                )
                .await
                {
                    Ok(_) => writeln!(out, "response {code}").map_err(fail)?,
                    Err(e) if e.message.contains("already been used") => {}
                    Err(e) => return Err(e),
                }
            }
            _ => {
                let cohort = format!("C{run}-{i}");
                let mut csv = CsvOut::new([
                    "cohort",
                    "cohort_start",
                    "cohort_end",
                    "name",
                    "email",
                    "profession",
                    "professional_body",
                    "registration_number",
                ]);
                for k in 0..5 {
                    csv.row(
                        [
                            cohort.clone(),
                            "2010-09-01".into(),
                            "2011-08-31".into(),
                            format!("Fellow {k}"),
                            format!("f{k}.{run}.{i}@crash.example"),
                            "nursing".into(),
                            "NMC".into(),
                            format!("R{run}X{i}X{k}"),
                        ]
                        .map(Cell::text),
                    );
                }
                let csv = String::from_utf8(csv.into_bytes()).map_err(fail)?;
                historic::import(
                    &db,
                    &faculty,
                    HistoricImportInput {
                        file_name: "crash.csv".into(),
                        csv,
                    },
                )
                .await?;
                writeln!(out, "import {cohort} 5").map_err(fail)?;
            }
        }
        out.flush().map_err(fail)?;
    }
    Ok(())
}

#[derive(Debug, Default)]
pub struct CrashReport {
    pub runs: usize,
    pub kills: usize,
    pub confirmed: usize,
    pub integrity_ok: usize,
    pub missing: Vec<String>,
    pub partial: Vec<String>,
    pub elapsed: Duration,
}

impl CrashReport {
    pub fn summary(&self) -> String {
        format!(
            "{} runs, {} killed with SIGKILL mid-write; {} changes reported saved, {} missing; \
             integrity_check ok after {} of {} kills; {} partial writes; {:.1} s",
            self.runs,
            self.kills,
            self.confirmed,
            self.missing.len(),
            self.integrity_ok,
            self.kills,
            self.partial.len(),
            self.elapsed.as_secs_f64()
        )
    }
}

async fn verify(db_path: &Path, lines: &[String], report: &mut CrashReport) -> Result<()> {
    let db = Db::open(db_path).await?;
    let (check,): (String,) = crate::db::query_as("PRAGMA integrity_check")
        .fetch_one(&db.pool)
        .await?;
    if check == "ok" {
        report.integrity_ok += 1;
    }
    // The latest autosave reported for each draft must be what the draft holds (or newer).
    let mut last_marker: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    for line in lines {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts.as_slice() {
            ["reflection", id, marker] => {
                report.confirmed += 1;
                last_marker.insert(id.parse().unwrap_or(0), (*marker).to_owned());
            }
            ["response", code] => {
                report.confirmed += 1;
                let (lookup, _) = crate::feedback360::codes::parse(code).unwrap_or_default();
                let spent: Option<(i64,)> = crate::db::query_as(
                    "SELECT responded FROM feedback_nominations WHERE lookup = ?",
                )
                .bind(&lookup)
                .fetch_optional(&db.pool)
                .await?;
                if spent != Some((1,)) {
                    report.missing.push(line.clone());
                }
            }
            ["import", cohort, rows] => {
                report.confirmed += 1;
                let (n,): (i64,) = crate::db::query_as("SELECT count(*) FROM fellows f JOIN cohorts c ON c.id = f.cohort_id WHERE c.name = ?")
                    .bind(cohort)
                    .fetch_one(&db.pool)
                    .await?;
                if n.to_string() != *rows {
                    report.missing.push(line.clone());
                }
            }
            _ => {}
        }
    }
    for (id, marker) in last_marker {
        let (body,): (String,) = crate::db::query_as("SELECT coalesce((SELECT body FROM reflection_sections WHERE reflection_id = ? LIMIT 1), '')")
            .bind(id)
            .fetch_one(&db.pool)
            .await?;
        let n = |m: &str| {
            m.rsplit('-')
                .next()
                .and_then(|x| x.parse::<i64>().ok())
                .unwrap_or(-1)
        };
        if !body.starts_with("crash-") || n(&body) < n(&marker) {
            report
                .missing
                .push(format!("reflection {id} {marker} (holds {body})"));
        }
    }
    // Nothing lands in part: every imported cohort has all five fellows, and every spent code has
    // exactly one response behind it.
    let partial: Vec<(String, i64)> = crate::db::query_as(
        "SELECT c.name, count(f.id) FROM cohorts c LEFT JOIN fellows f ON f.cohort_id = c.id
         WHERE c.name LIKE 'C%-%' GROUP BY c.id HAVING count(f.id) <> 5",
    )
    .fetch_all(&db.pool)
    .await?;
    report.partial.extend(
        partial
            .into_iter()
            .map(|(c, n)| format!("cohort {c} has {n} of 5 fellows")),
    );
    let (spent, responses): (i64, i64) = crate::db::query_as(
        "SELECT (SELECT count(*) FROM feedback_nominations WHERE responded = 1), (SELECT count(*) FROM feedback_responses)",
    )
    .fetch_one(&db.pool)
    .await?;
    if spent != responses {
        report
            .partial
            .push(format!("{spent} codes spent but {responses} responses"));
    }
    db.close().await;
    Ok(())
}

/// Runs the writer `runs` times against one database in `dir`, killing it each time.
pub async fn run(exe: &Path, dir: &Path, runs: usize) -> Result<CrashReport> {
    std::fs::create_dir_all(dir).map_err(fail)?;
    let db_path: PathBuf = dir.join("crash.sqlite");
    let codes = dir.join("codes.txt");
    for f in [
        "crash.sqlite",
        "crash.sqlite-wal",
        "crash.sqlite-shm",
        "codes.txt",
    ] {
        let _ = std::fs::remove_file(dir.join(f));
    }
    prepare(&db_path, &codes, runs * 40).await?;
    let started = Instant::now();
    let mut report = CrashReport {
        runs,
        ..Default::default()
    };
    let mut rng = rand::thread_rng();
    for run in 0..runs {
        let mut child = Command::new(exe)
            .args(["crash-writer", "--db"])
            .arg(&db_path)
            .arg("--codes")
            .arg(&codes)
            .args(["--run", &run.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(fail)?;
        let stdout = child.stdout.take().ok_or_else(|| fail("no stdout"))?;
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(|l| l.ok())
                .collect::<Vec<_>>()
        });
        // Let it get going (sign-in takes a moment), then kill it somewhere in its writing.
        std::thread::sleep(Duration::from_millis(rng.gen_range(150..900)));
        if child.try_wait().map_err(fail)?.is_none() {
            // SIGKILL: no chance to clean up, as when the power goes.
            child.kill().map_err(fail)?;
            report.kills += 1;
        }
        let _ = child.wait();
        let lines = reader.join().unwrap_or_default();
        verify(&db_path, &lines, &mut report).await?;
    }
    report.elapsed = started.elapsed();
    Ok(report)
}
