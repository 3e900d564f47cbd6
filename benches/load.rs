//! Load test of the programme server on loopback: many browser sessions reading and writing at
//! once for a fixed time, then a check that every write reported saved is there.
//!
//! cargo bench --bench load -- [--users 200] [--seconds 60] [--think-ms 0]
//! cargo bench --features postgres --bench load -- ...   (PostgreSQL, at FELLOWSHIP_TEST_PG)
//!
//! Half the sessions are the demo fellow, who reads their 360 rounds, searches their reflections
//! and autosaves new drafts;
//! half are faculty reading fellows, profiles, challenges and cohorts. Every call goes through the
//! whole stack: HTTP, cookies and CSRF, the core's rights checks, and the audit trail's durable
//! insert (so every call writes).

#[path = "../tests/common/http.rs"]
#[allow(dead_code)]
mod http;
#[path = "../tests/common/store.rs"]
#[allow(dead_code)]
mod store;

use std::time::{Duration, Instant};

use fellowship::api::session::Workspaces;
use fellowship::demo::{self, DemoSize};
use http::Browser;
use serde_json::json;

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Tally {
    latencies: Vec<Duration>,
    by_command: Vec<(&'static str, Duration)>,
    errors: Vec<String>,
    saved_titles: Vec<String>,
}

/// Half the users are the demo fellow, half its faculty member.
fn is_fellow(n: u64) -> bool {
    n.is_multiple_of(2)
}

async fn user(mut b: Browser, n: u64, until: Instant, think: Duration) -> Tally {
    let fellow = is_fellow(n);
    let mut t = Tally {
        latencies: vec![],
        by_command: vec![],
        errors: vec![],
        saved_titles: vec![],
    };
    // Each user first arrives at their own moment in the first wait, and waits between a half and
    // one and a half times the think time after each call: people do not click in step. (Before,
    // every user's k-th call fell within the same 200 ms of each second, a burst of five times
    // the mean rate, and the tail measured the queue those bursts built.)
    if !think.is_zero() {
        tokio::time::sleep(think.mul_f64(spread(n, 0))).await;
    }
    let mut k = 0u64;
    while Instant::now() < until {
        k += 1;
        let (command, args) = match (fellow, k % 5) {
            (true, 0) => {
                let title = format!("Load test user {n} draft {k}");
                t.saved_titles.push(title.clone());
                (
                    "save_reflection",
                    json!({"id": null, "template": "gibbs", "title": title, "happened_on": "",
                           "sections": [{"key": "description", "body": "What happened at the huddle."}],
                           "challenge_id": null, "dimension_ids": [], "finish": false}),
                )
            }
            (true, 1) => ("my_feedback", json!(null)),
            (true, 2) => ("reflection_options", json!(null)),
            (true, _) => ("list_reflections", json!({"search": "handover"})),
            (false, 0) => (
                "list_fellows",
                json!({"search": null, "cohort_id": null, "host_id": null, "status": null, "profession": null}),
            ),
            (false, 1) => ("get_fellow", json!({"id": 1 + (n * 7 + k) % 96})),
            (false, 2) => (
                "list_challenges",
                json!({"cohort_id": null, "fellow_id": null}),
            ),
            (false, 3) => ("cohort_overview", json!({"id": 1 + k % 4})),
            (false, _) => ("list_cohorts", json!(null)),
        };
        let start = Instant::now();
        let result = b.call(command, args).await;
        t.latencies.push(start.elapsed());
        t.by_command.push((command, start.elapsed()));
        if !think.is_zero() {
            tokio::time::sleep(think.mul_f64(0.5 + spread(n, k))).await;
        }
        if let Err((kind, message)) = result {
            if command == "save_reflection" {
                t.saved_titles.pop();
            }
            t.errors.push(format!("{command}: {kind} {message}"));
        }
    }
    t
}

/// A number in [0, 1) that looks random for each user and call, and is the same on every run.
fn spread(n: u64, k: u64) -> f64 {
    let mut x = (n << 32 | k).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let users = arg("--users", 200);
    let seconds = arg("--seconds", 60);
    // Time each user waits between calls; 0 is a stress test, every user calling back to back.
    let think = Duration::from_millis(arg("--think-ms", 0));
    let dir = tempfile::tempdir().unwrap();
    let db = store::fresh_db(dir.path(), "load").await;
    demo::fill(&db, &DemoSize::standard()).await.unwrap();
    let base = http::start(Workspaces::new(db.clone(), None)).await;

    // The users sign in one after another before the timed part. All of them share two accounts
    // and one client address, and the sign-in limits count attempts in flight, so signing in
    // all at once would be refused as guessing (see auth::throttle).
    let mut browsers = vec![];
    for n in 0..users {
        let email = if is_fellow(n) {
            demo::DEMO_FELLOW_EMAIL
        } else {
            demo::DEMO_FACULTY_EMAIL
        };
        browsers.push(Browser::signed_in(&base, email, demo::DEMO_PASSWORD).await);
    }
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = browsers
        .into_iter()
        .zip(0..)
        .map(|(b, n)| tokio::spawn(user(b, n, until, think)))
        .collect();
    // How late the runtime wakes a task that only sleeps: a stall here (a blocking call, a long
    // computation on one of the runtime's threads) delays every call in flight at that moment.
    let lag = tokio::spawn(async move {
        let mut lags = vec![];
        while Instant::now() < until {
            let asked = Instant::now();
            tokio::time::sleep(Duration::from_millis(10)).await;
            lags.push(asked.elapsed().saturating_sub(Duration::from_millis(10)));
        }
        lags.sort();
        lags
    });
    let mut all = Tally {
        latencies: vec![],
        by_command: vec![],
        errors: vec![],
        saved_titles: vec![],
    };
    for task in tasks {
        let t = task.await.unwrap();
        all.latencies.extend(t.latencies);
        all.by_command.extend(t.by_command);
        all.errors.extend(t.errors);
        all.saved_titles.extend(t.saved_titles);
    }
    let elapsed = started.elapsed();
    all.latencies.sort();

    // Every reflection reported saved must be in the database.
    let stored: Vec<(String,)> = fellowship::db::query_as("SELECT title FROM reflections")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let stored: std::collections::HashSet<String> = stored.into_iter().map(|r| r.0).collect();
    let lost = all
        .saved_titles
        .iter()
        .filter(|t| !stored.contains(*t))
        .count();

    println!(
        "programme server load test ({}, loopback): {users} users for about {seconds} s, {} ms between calls",
        if cfg!(feature = "postgres") { "PostgreSQL" } else { "SQLite" },
        think.as_millis()
    );
    println!("  calls          {}", all.latencies.len());
    println!(
        "  throughput     {:.0} calls/s",
        all.latencies.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "  p50            {:.1} ms",
        percentile(&all.latencies, 0.50)
    );
    println!(
        "  p90            {:.1} ms",
        percentile(&all.latencies, 0.90)
    );
    println!(
        "  p99            {:.1} ms",
        percentile(&all.latencies, 0.99)
    );
    println!(
        "  max            {:.1} ms",
        all.latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1e3)
    );
    let mut commands: Vec<&str> = all.by_command.iter().map(|c| c.0).collect();
    commands.sort();
    commands.dedup();
    for c in commands {
        let mut l: Vec<Duration> = all
            .by_command
            .iter()
            .filter(|x| x.0 == c)
            .map(|x| x.1)
            .collect();
        l.sort();
        println!(
            "    {c:<18} {:>6} calls  p50 {:>7.1} ms  p99 {:>7.1} ms",
            l.len(),
            percentile(&l, 0.5),
            percentile(&l, 0.99)
        );
    }
    let lags = lag.await.unwrap();
    println!(
        "  runtime lag    p50 {:.1} ms  p99 {:.1} ms  max {:.1} ms (a task asking to sleep 10 ms)",
        percentile(&lags, 0.5),
        percentile(&lags, 0.99),
        lags.last().map_or(0.0, |d| d.as_secs_f64() * 1e3)
    );
    println!("  errors         {}", all.errors.len());
    for e in all.errors.iter().take(5) {
        println!("    {e}");
    }
    println!("  writes saved   {}", all.saved_titles.len());
    println!("  writes lost    {lost}");
    if lost > 0 || !all.errors.is_empty() {
        std::process::exit(1);
    }
}
