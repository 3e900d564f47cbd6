//! `fellowship bench`: times opening and migrating a database and each list query on a large
//! generated programme (ten cohorts of forty fellows). Timings live here, not in tests.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::auth;
use crate::challenges::board::{self, BoardInput};
use crate::challenges::measures::{self, MeasureRef};
use crate::challenges::{self, summary_pdf};
use crate::db::Db;
use crate::demo::{self, DemoSize};
use crate::error::Result;
use crate::feedback360::progress::{self, RoundPageInput};
use crate::feedback360::report::{self, ReportRef};
use crate::feedback360::{overview, report_pdf, rounds};
use crate::learning::set_sessions;
use crate::learning::sets::{self, LearningSetFilter};
use crate::outcomes::annual_report;
use crate::outcomes::dashboard::{self, DashboardInput};
use crate::outcomes::export::{self, OutcomesExportInput};
use crate::outcomes::follow_up::{self, FollowUpInput};
use crate::programme::fellows::{FellowFilter, FellowStatus};
use crate::{programme::cohorts, programme::fellows, programme::hosts, programme::picks};

pub struct Timing {
    pub name: String,
    /// A screen's first call, timed apart from the rest: it reads what the OS page cache no
    /// longer holds (after a build, a backup, a night), at 100x tens of milliseconds where
    /// warm calls take a few. The median, p95 and max are of the calls after it.
    pub first: Option<Duration>,
    pub median: Duration,
    /// The 95th percentile (nearest rank).
    pub p95: Duration,
    pub max: Duration,
    pub rows: usize,
    /// With `--shell`: the same read statements in the `sqlite3` shell, how many there were,
    /// and whether the screen also wrote (a write is not run again in the shell).
    pub shell: Option<(Duration, usize, bool)>,
}

fn summarise(name: &str, mut samples: Vec<Duration>, rows: usize) -> Timing {
    samples.sort();
    Timing {
        name: name.into(),
        median: samples[samples.len() / 2],
        p95: samples[(samples.len() * 95).div_ceil(100).saturating_sub(1)],
        max: *samples.last().unwrap_or(&Duration::ZERO),
        rows,
        first: None,
        shell: None,
    }
}

/// Only the screens whose names hold this text are timed (`--only`); all when unset.
static ONLY: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// With `--cold`, the OS page cache is emptied before each screen's first call.
static COLD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes the file out and asks Linux to drop its clean cached pages (root only), so the next
/// read comes from the disk as after a reboot.
fn drop_os_cache() -> Result<()> {
    if !COLD.load(std::sync::atomic::Ordering::Relaxed) {
        return Ok(());
    }
    let synced = std::process::Command::new("sync")
        .status()
        .is_ok_and(|s| s.success());
    let dropped = synced && std::fs::write("/proc/sys/vm/drop_caches", "1").is_ok();
    if dropped {
        Ok(())
    } else {
        Err(crate::error::ApiError::field(
            "cold",
            "--cold needs root on Linux: it empties the page cache through /proc/sys/vm/drop_caches.",
        ))
    }
}

/// With `--shell`, the database file whose statements are timed again in the `sqlite3` shell.
static SHELL: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// The screen's statements, caught as it runs once more, timed in the shell: repeated so the
/// shell runs for about a fifth of a second, which its start-up cannot swamp.
#[cfg(not(feature = "postgres"))]
async fn in_shell<F: std::future::Future<Output = Result<usize>>>(
    timing: &mut Timing,
    screen: F,
) -> Result<()> {
    let Some(file) = SHELL.get() else {
        return Ok(());
    };
    let (rows, statements, wrote) = super::shell_ratio::catch(screen).await;
    rows?;
    // A screen on another handle to the database (the command surface's own, an encrypted
    // copy) is not watched: nothing to compare.
    if statements.is_empty() {
        return Ok(());
    }
    let reps = (Duration::from_millis(200).as_nanos() / timing.median.as_nanos().max(1))
        .clamp(1, 200) as usize;
    let shell = super::shell_ratio::shell_time(file, &statements, reps)?;
    timing.shell = Some((shell, statements.len(), wrote));
    Ok(())
}

#[cfg(feature = "postgres")]
async fn in_shell<F: std::future::Future<Output = Result<usize>>>(
    _: &mut Timing,
    _: F,
) -> Result<()> {
    Ok(())
}

fn selected(name: &str) -> bool {
    ONLY.get().is_none_or(|only| name.contains(only.as_str()))
}

/// Whether a stage timing these rows (each given by the start of its name) is asked for: every
/// stage when `--only` is unset, otherwise one whose row names hold its text either way round.
fn any_selected(names: &[&str]) -> bool {
    ONLY.get().is_none_or(|only| {
        names
            .iter()
            .any(|n| n.contains(only.as_str()) || only.starts_with(n))
    })
}

macro_rules! time_query {
    ($out:expr, $runs:expr, $name:expr, $e:expr) => {{
        if !selected($name) {
            eprintln!("(skipped {})", $name);
        } else {
            drop_os_cache()?;
            let t = Instant::now();
            let mut rows = $e.await?.len();
            let first = t.elapsed();
            let mut samples = vec![];
            for _ in 0..$runs {
                let t = Instant::now();
                rows = $e.await?.len();
                samples.push(t.elapsed());
            }
            #[allow(unused_mut)]
            let mut timing = summarise($name, samples, rows);
            timing.first = Some(first);
            in_shell(&mut timing, async { Ok($e.await?.len()) }).await?;
            // As it goes, so a long run shows where it is.
            eprint!(
                "{}",
                report(std::slice::from_ref(&timing))
                    .lines()
                    .nth(1)
                    .unwrap_or("")
            );
            eprintln!();
            $out.push(timing);
        }
    }};
}

/// What `fellowship bench` was asked for (see its options in `main.rs`).
pub struct Options {
    pub runs: usize,
    pub scale: u32,
    pub reuse: bool,
    pub only: Option<String>,
    pub shell: bool,
    pub cold: bool,
}

/// Runs every timing on the large programme made `scale` times bigger (`scale` times the
/// fellows in each of its ten cohorts, and as many more host organisations). With `reuse`, the
/// programme an earlier run made in `dir` is timed again as it is (at 100x it takes minutes to
/// make).
pub async fn run(dir: &Path, options: Options) -> Result<Vec<Timing>> {
    let Options {
        runs,
        scale,
        reuse,
        only,
        shell,
        cold,
    } = options;
    COLD.store(cold, std::sync::atomic::Ordering::Relaxed);
    if let Some(only) = only {
        let _ = ONLY.set(only);
    }
    let path = dir.join("bench.sqlite");
    if shell {
        crate::db::needs_sqlite("Timing against the sqlite3 shell")?;
        let _ = SHELL.set(path.clone());
    }
    let mut out = vec![];
    if !(reuse && path.exists()) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let t = Instant::now();
        let db = Db::open(&path).await?;
        out.push(summarise(
            "create database and run migrations",
            vec![t.elapsed()],
            0,
        ));
        let t = Instant::now();
        let size = DemoSize::large().scaled(scale);
        demo::fill(&db, &size).await?;
        out.push(summarise(
            &format!(
                "generate {} cohorts x {} fellows",
                size.cohorts, size.fellows_per_cohort
            ),
            vec![t.elapsed()],
            (size.cohorts * size.fellows_per_cohort) as usize,
        ));
        db.close().await;
    }

    let mut samples = vec![];
    for _ in 0..runs.min(20) {
        let t = Instant::now();
        let db = Db::open(&path).await?;
        samples.push(t.elapsed());
        db.close().await;
    }
    out.push(summarise(
        "open existing database (migrations up to date)",
        samples,
        0,
    ));

    let db = Db::open(&path).await?;
    #[cfg(not(feature = "postgres"))]
    if shell {
        super::shell_ratio::watch(&db).await?;
    }
    let actor = auth::sign_in(&db, &demo::faculty_sign_in()).await?;
    let cohort = cohorts::list(&db, &actor)
        .await?
        .first()
        .map(|c| c.id)
        .unwrap_or(1);
    time_query!(out, runs, "list cohorts", cohorts::list(&db, &actor));
    time_query!(
        out,
        runs,
        "list host organisations",
        hosts::list(&db, &actor)
    );
    let host_page = |search: Option<&str>, page| hosts::HostPageInput {
        search: search.map(str::to_owned),
        page,
    };
    time_query!(out, runs, "host organisations page (first)", async {
        hosts::page(&db, &actor, host_page(None, 1))
            .await
            .map(|p| p.hosts)
    });
    time_query!(out, runs, "host organisations page (last)", async {
        hosts::page(&db, &actor, host_page(None, i64::MAX))
            .await
            .map(|p| p.hosts)
    });
    time_query!(out, runs, "host organisations page (search)", async {
        hosts::page(&db, &actor, host_page(Some("trust"), 1))
            .await
            .map(|p| p.hosts)
    });
    time_query!(
        out,
        runs,
        "list fellows (all)",
        fellows::list(&db, &actor, FellowFilter::default())
    );
    let page_of_all = |page| fellows::FellowPageInput {
        filter: FellowFilter::default(),
        page,
    };
    // The pickers in forms: the first fifty, a search, and a saved choice beyond the first fifty.
    let fellow_pick = |search: Option<&str>, chosen| picks::FellowPickInput {
        search: search.map(str::to_owned),
        include_finished: false,
        chosen,
    };
    let last_fellow = fellows::page(&db, &actor, page_of_all(i64::MAX))
        .await?
        .fellows
        .last()
        .map(|f| f.id);
    time_query!(
        out,
        runs,
        "fellow picker (first fifty, a chosen beyond)",
        async {
            picks::fellows(&db, &actor, fellow_pick(None, last_fellow))
                .await
                .map(|p| p.fellows)
        }
    );
    time_query!(out, runs, "fellow picker (search)", async {
        picks::fellows(&db, &actor, fellow_pick(Some("khan"), None))
            .await
            .map(|p| p.fellows)
    });
    time_query!(out, runs, "host picker (search)", async {
        picks::hosts(
            &db,
            &actor,
            picks::HostPickInput {
                search: Some("trust".into()),
                chosen: None,
            },
        )
        .await
        .map(|p| p.hosts)
    });
    // The fellows list as the app shows it: a page, first and last (the deepest offset).
    let page = page_of_all;
    time_query!(out, runs, "fellows page (all, first of the pages)", async {
        fellows::page(&db, &actor, page(1)).await.map(|p| p.fellows)
    });
    time_query!(out, runs, "fellows page (all, last of the pages)", async {
        fellows::page(&db, &actor, page(i64::MAX))
            .await
            .map(|p| p.fellows)
    });
    let by_cohort = FellowFilter {
        cohort_id: Some(cohort),
        ..Default::default()
    };
    time_query!(
        out,
        runs,
        "list fellows (one cohort)",
        fellows::list(&db, &actor, by_cohort.clone())
    );
    let search = FellowFilter {
        search: Some("pat".into()),
        status: Some(FellowStatus::Completed),
        ..Default::default()
    };
    time_query!(
        out,
        runs,
        "list fellows (search + status)",
        fellows::list(&db, &actor, search.clone())
    );
    time_query!(out, runs, "fellow profile with history", async {
        fellows::get(&db, &actor, 200).await.map(|p| p.history)
    });
    let overview = |page| cohorts::CohortOverviewInput { id: cohort, page };
    time_query!(out, runs, "cohort overview (first page of hosts)", async {
        cohorts::overview(&db, &actor, overview(1))
            .await
            .map(|o| o.by_host_profession)
    });
    time_query!(out, runs, "cohort overview (last page of hosts)", async {
        cohorts::overview(&db, &actor, overview(i64::MAX))
            .await
            .map(|o| o.by_host_profession)
    });
    // Each role's home: the faculty's reads the whole programme.
    let on = || crate::privacy::TodayInput { on: String::new() };
    time_query!(out, runs, "Today (faculty)", async {
        crate::today::my_today(&db, &actor, on())
            .await
            .map(|t| t.items)
    });
    let fellow = auth::sign_in(&db, &demo::fellow_sign_in()).await?;
    time_query!(out, runs, "Today (fellow)", async {
        crate::today::my_today(&db, &fellow, on())
            .await
            .map(|t| t.items)
    });
    time_query!(out, runs, "calendar (faculty, .ics)", async {
        crate::calendar::events(&db, &actor).await
    });
    let board = |page| BoardInput {
        cohort_id: cohort,
        page,
    };
    time_query!(
        out,
        runs,
        "cohort board (newest cohort, first page)",
        async {
            board::cohort_board(&db, &actor, board(1))
                .await
                .map(|p| p.rows)
        }
    );
    time_query!(
        out,
        runs,
        "cohort board (newest cohort, last page)",
        async {
            board::cohort_board(&db, &actor, board(i64::MAX))
                .await
                .map(|p| p.rows)
        }
    );
    let challenge = challenges::list(&db, &actor, Default::default())
        .await?
        .first()
        .map(|c| c.id)
        .unwrap_or(1);
    time_query!(out, runs, "challenge detail", async {
        challenges::get(&db, &actor, challenge)
            .await
            .map(|d| d.actions)
    });
    let measure = challenges::get(&db, &actor, challenge)
        .await?
        .measures
        .first()
        .map(|m| m.id)
        .unwrap_or(1);
    let r = MeasureRef {
        challenge_id: challenge,
        measure_id: measure,
    };
    time_query!(out, runs, "measure run and XmR charts", async {
        measures::chart(&db, &actor, r.clone())
            .await
            .map(|c| c.points)
    });
    time_query!(
        out,
        runs.min(10),
        "challenge summary PDF",
        summary_pdf::summary_pdf(&db, &actor, challenge)
    );
    let sets_filter = LearningSetFilter { cohort_id: None };
    time_query!(
        out,
        runs,
        "action learning sets with follow-through (all)",
        sets::list(&db, &actor, sets_filter.clone())
    );
    let first_set = sets::list(&db, &actor, sets_filter.clone())
        .await?
        .first()
        .map(|s| s.id)
        .unwrap_or(1);
    time_query!(out, runs, "action learning set with attendance", async {
        sets::get(&db, &actor, first_set).await.map(|d| d.sessions)
    });
    // The demo faculty facilitates the first set, so may open its session records.
    let session = sets::get(&db, &actor, first_set)
        .await?
        .sessions
        .iter()
        .rev()
        .find(|s| s.recorded)
        .map(|s| s.id)
        .unwrap_or(1);
    time_query!(out, runs, "set session record with report-back", async {
        set_sessions::get(&db, &actor, session)
            .await
            .map(|r| r.to_review)
    });
    let all_rounds = rounds::list(&db, &actor).await?;
    // The newest round for progress and a report; a cohort with both rounds for the aggregate.
    let round = all_rounds.first().map(|r| r.id).unwrap_or(1);
    let both = all_rounds
        .iter()
        .find(|r| r.kind == rounds::RoundKind::EndOfYear)
        .map(|r| r.cohort_id)
        .unwrap_or(1);
    time_query!(out, runs, "360 round progress (one cohort)", async {
        progress::progress(&db, &actor, RoundPageInput { id: round, page: 1 })
            .await
            .map(|p| p.fellows)
    });
    let (subject,): (i64,) =
        crate::db::query_as("SELECT fellow_id FROM feedback_reports WHERE round_id = ? LIMIT 1")
            .bind(round)
            .fetch_one(&db.pool)
            .await?;
    let rref = ReportRef {
        round_id: round,
        fellow_id: subject,
    };
    time_query!(out, runs, "360 report (one fellow)", async {
        report::get(&db, &actor, rref.clone())
            .await
            .map(|r| r.dimensions)
    });
    time_query!(out, runs.min(10), "360 report PDF", async {
        report_pdf::report_pdf(&db, &actor, rref.clone())
            .await
            .map(|d| d.base64.into_bytes())
    });
    time_query!(
        out,
        runs.min(10),
        "360 cohort report (both rounds)",
        async {
            overview::cohort(&db, &actor, both)
                .await
                .map(|c| c.dimensions)
        }
    );
    let all = DashboardInput {
        cohort_id: None,
        for_sharing: false,
    };
    time_query!(out, runs, "outcomes dashboard (all cohorts)", async {
        dashboard::dashboard(&db, &actor, all.clone())
            .await
            .map(|d| d.response_rates)
    });
    let shared = DashboardInput {
        cohort_id: None,
        for_sharing: true,
    };
    time_query!(
        out,
        runs,
        "outcomes dashboard for sharing (disclosure control)",
        async {
            dashboard::dashboard(&db, &actor, shared.clone())
                .await
                .map(|d| d.legacy)
        }
    );
    for (label, page) in [
        ("follow-up list (one wave, first page)", 1),
        ("follow-up list (one wave, last page)", i64::MAX),
    ] {
        let wave = FollowUpInput {
            wave_id: 2,
            cohort_id: None,
            page,
        };
        time_query!(out, runs, label, async {
            follow_up::follow_up(&db, &actor, wave.clone())
                .await
                .map(|f| f.rows)
        });
    }
    time_query!(
        out,
        runs.min(10),
        "analysts' export (pseudonymised)",
        async {
            export::export_csv(&db, &actor, OutcomesExportInput { pseudonymise: true })
                .await
                .map(|d| d.base64.into_bytes())
        }
    );
    time_query!(out, runs.min(10), "annual report PDF", async {
        annual_report::annual_report(&db, &actor)
            .await
            .map(|d| d.base64.into_bytes())
    });
    db.close().await;

    // Through the command surface, as the app calls it: each command is also written to the
    // audit trail (one small durable insert), so this shows what the trail costs.
    let ws = crate::api::session::Workspaces::new(Db::open(&path).await?, None);
    let mut session = crate::api::session::Session::default();
    crate::api::dispatch(&ws, &mut session, "sign_in", demo::faculty_sign_in_json()).await?;
    time_query!(
        out,
        runs,
        "fellow profile through the command surface (audited)",
        async {
            crate::api::dispatch(
                &ws,
                &mut session,
                "get_fellow",
                serde_json::json!({"id": 200}),
            )
            .await
            .map(|v| v.as_object().map(|o| o.len()).unwrap_or(0))
            .map(|n| vec![(); n])
        }
    );
    drop(session);
    ws.main()?.close().await;

    // Each of these runs when one of its rows is asked for (`--only erase`, `--only "[encrypted]"`).
    if any_selected(&["desktop: fellow profile"]) {
        desktop_concurrency(dir, &path, runs, &mut out).await?;
    }
    if any_selected(&[
        "subject-access export (one alumnus, JSON)",
        "erase one alumnus",
        "back up the programme",
        "restore a backup in place",
    ]) {
        data_protection(&path, &mut out).await?;
    }
    if any_selected(&["sign-in refused, email with"]) {
        sign_in_timing(&path, runs, &mut out).await?;
    }
    if any_selected(&["encrypt the programme in place", "[plain] ", "[encrypted] "]) {
        encryption_cost(dir, &path, runs, &mut out).await?;
    }
    Ok(out)
}

/// The desktop app runs its calls at once: a fellow's profile asked for while the annual report
/// PDF is being made, against the profile alone. Each call is its own task, as the shell's are.
async fn desktop_concurrency(
    dir: &Path,
    path: &Path,
    runs: usize,
    out: &mut Vec<Timing>,
) -> Result<()> {
    let ws = crate::api::session::Workspaces::new(Db::open(path).await?, None);
    let app = std::sync::Arc::new(crate::transport::desktop::Desktop::new(
        std::sync::Arc::new(ws),
        dir.join("bench.workspace.json"),
    ));
    app.call("sign_in", demo::faculty_sign_in_json()).await?;
    let profile = serde_json::json!({"id": 200});
    let (mut alone, mut beside) = (vec![], vec![]);
    for _ in 0..runs.min(10) {
        let t = Instant::now();
        app.call("get_fellow", profile.clone()).await?;
        alone.push(t.elapsed());
        let pdf = tokio::spawn({
            let app = app.clone();
            async move { app.call("annual_report", serde_json::Value::Null).await }
        });
        let t = Instant::now();
        app.call("get_fellow", profile.clone()).await?;
        beside.push(t.elapsed());
        pdf.await
            .map_err(|e| crate::error::ApiError::internal(e.to_string()))??;
    }
    out.push(summarise("desktop: fellow profile alone", alone, 1));
    out.push(summarise(
        "desktop: fellow profile while the annual report PDF is made",
        beside,
        1,
    ));
    Ok(())
}

/// A refused sign-in for an email with an account and for one without: the two should take the
/// same time, so that timing cannot tell which emails have accounts. Each attempt comes from a
/// client of its own, so the guessing limits do not turn attempts away before the check.
async fn sign_in_timing(path: &Path, runs: usize, out: &mut Vec<Timing>) -> Result<()> {
    let db = Db::open(path).await?;
    let emails = [
        crate::demo::DEMO_FACULTY_EMAIL,
        "nobody.here@fellowship.example",
    ];
    // Alternated, so that whatever else the machine is doing falls on both alike.
    let mut samples = [vec![], vec![]];
    for n in 0..runs.min(40) * 2 {
        let input = auth::SignInInput {
            email: emails[n % 2].into(),
            password: "not the right password".into(),
        };
        let t = Instant::now();
        let refused = auth::sign_in_from(&db, &input, &format!("bench client {n}")).await;
        samples[n % 2].push(t.elapsed());
        debug_assert!(refused.is_err());
    }
    let [known, unknown] = samples;
    out.push(summarise(
        "sign-in refused, email with an account",
        known,
        1,
    ));
    out.push(summarise("sign-in refused, email without one", unknown, 1));
    db.close().await;
    Ok(())
}

/// Subject access, erasure and restore on the large programme.
async fn data_protection(path: &Path, out: &mut Vec<Timing>) -> Result<()> {
    let db = Db::open(path).await?;
    let actor = auth::sign_in(&db, &demo::faculty_sign_in()).await?;
    let alumni: Vec<(i64, String)> = crate::db::query_as(
        "SELECT id, name FROM fellows WHERE status = 'completed' AND erased_at IS NULL ORDER BY id LIMIT 5",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut sar = vec![];
    let mut erase = vec![];
    for (id, name) in &alumni {
        let t = Instant::now();
        crate::privacy::subject_access::export_json(
            &db,
            &actor,
            crate::privacy::FellowRef { fellow_id: *id },
        )
        .await?;
        sar.push(t.elapsed());
        let t = Instant::now();
        crate::privacy::erasure::erase(
            &db,
            &actor,
            crate::privacy::erasure::EraseInput {
                fellow_id: *id,
                confirm_name: name.clone(),
            },
        )
        .await?;
        erase.push(t.elapsed());
    }
    out.push(summarise(
        "subject-access export (one alumnus, JSON)",
        sar,
        1,
    ));
    out.push(summarise("erase one alumnus", erase, 1));
    let t = Instant::now();
    let backup = crate::api::restore::make_backup(&db, &actor, ()).await?;
    out.push(summarise(
        "back up the programme (VACUUM INTO; rows = bytes)",
        vec![t.elapsed()],
        backup.size_bytes as usize,
    ));
    let mut samples = vec![];
    for _ in 0..3 {
        let t = Instant::now();
        crate::api::restore::restore_backup(
            &db,
            &actor,
            crate::api::restore::RestoreInput {
                file_name: backup.file_name.clone(),
                confirm: true,
            },
        )
        .await?;
        samples.push(t.elapsed());
    }
    out.push(summarise(
        "restore a backup in place (whole programme)",
        samples,
        0,
    ));
    db.close().await;
    Ok(())
}

/// The cost of encryption at rest: the same reads and an audited command on a plain copy and
/// on an encrypted copy of the large programme.
async fn encryption_cost(
    dir: &Path,
    plain: &Path,
    runs: usize,
    out: &mut Vec<Timing>,
) -> Result<()> {
    const PASSPHRASE: &str = "bench passphrase for the cost";
    let encrypted = dir.join("bench-encrypted.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", encrypted.display()));
    }
    let _ = std::fs::remove_dir_all(crate::db::backups::folder(&encrypted));
    std::fs::copy(plain, &encrypted).map_err(|e| crate::ApiError::internal(e.to_string()))?;
    let db = Db::open(&encrypted).await?;
    let t = Instant::now();
    let db = crate::db::encryption::encrypt(&db, PASSPHRASE, PASSPHRASE).await?;
    out.push(summarise(
        "encrypt the programme in place",
        vec![t.elapsed()],
        0,
    ));
    db.close().await;

    for (label, path) in [("plain", plain), ("encrypted", encrypted.as_path())] {
        let open = || async {
            if label == "plain" {
                Db::open(path).await
            } else {
                Db::unlock(path, PASSPHRASE).await
            }
        };
        let mut samples = vec![];
        for _ in 0..runs.min(10) {
            let t = Instant::now();
            let db = open().await?;
            samples.push(t.elapsed());
            db.close().await;
        }
        out.push(summarise(
            &format!("[{label}] open (with key derivation)"),
            samples,
            0,
        ));
        let db = open().await?;
        let actor = auth::sign_in(&db, &demo::faculty_sign_in()).await?;
        time_query!(
            out,
            runs,
            &format!("[{label}] list fellows (all)"),
            fellows::list(&db, &actor, FellowFilter::default())
        );
        time_query!(
            out,
            runs.min(20),
            &format!("[{label}] outcomes dashboard"),
            async {
                dashboard::dashboard(
                    &db,
                    &actor,
                    DashboardInput {
                        cohort_id: None,
                        for_sharing: false,
                    },
                )
                .await
                .map(|d| vec![(); d.response_rates.len()])
            }
        );
        let ws = crate::api::session::Workspaces::new(db.clone(), None);
        let mut session = crate::api::session::Session::default();
        crate::api::dispatch(&ws, &mut session, "sign_in", demo::faculty_sign_in_json()).await?;
        time_query!(
            out,
            runs,
            &format!("[{label}] fellow profile, audited (a durable write)"),
            async {
                crate::api::dispatch(
                    &ws,
                    &mut session,
                    "get_fellow",
                    serde_json::json!({"id": 200}),
                )
                .await
                .map(|_| vec![()])
            }
        );
        db.close().await;
    }
    Ok(())
}

pub fn report(timings: &[Timing]) -> String {
    let mut s = format!(
        "{:<55} {:>12} {:>12} {:>12} {:>12} {:>6}",
        "operation", "first", "median", "p95", "max", "rows"
    );
    if timings.iter().any(|t| t.shell.is_some()) {
        s.push_str(&format!(
            " {:>12} {:>7} {:>10}",
            "sqlite3", "ratio", "statements"
        ));
    }
    s.push('\n');
    for t in timings {
        let first = t
            .first
            .map(|f| format!("{:>9.3} ms", f.as_secs_f64() * 1e3))
            .unwrap_or_default();
        s.push_str(&format!(
            "{:<55} {first:>12} {:>9.3} ms {:>9.3} ms {:>9.3} ms {:>6}",
            t.name,
            t.median.as_secs_f64() * 1e3,
            t.p95.as_secs_f64() * 1e3,
            t.max.as_secs_f64() * 1e3,
            t.rows
        ));
        if let Some((shell, statements, wrote)) = t.shell {
            s.push_str(&format!(
                " {:>9.3} ms {:>6.2}x {:>10}{}",
                shell.as_secs_f64() * 1e3,
                t.median.as_secs_f64() / shell.as_secs_f64().max(1e-9),
                statements,
                if wrote { " (and a write)" } else { "" }
            ));
        }
        s.push('\n');
    }
    s
}
