//! `fellowship bench-imports`: how fast the historic import and a wave's import take a large file,
//! and what memory they need, through the command surface as the app sends them (the file as one
//! JSON string, checked, previewed, then imported in one transaction, and audited).
//! For each size: a new demo programme, a historic file of that many fellows (forty to a cohort,
//! twenty to a host organisation), then a wave's answers from every one of them.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::api::session::{Session, Workspaces};
use crate::db::Db;
use crate::demo::{self, DemoSize};
use crate::error::{ApiError, Result};
use crate::outcomes::{self, ValueType};

pub struct ImportTiming {
    pub name: String,
    pub rows: usize,
    pub file_bytes: usize,
    pub preview: Duration,
    pub import: Duration,
    /// The most the process held while importing, above what it held before (the file included).
    pub peak_extra_bytes: u64,
}

/// A field of /proc/self/status, in bytes (Linux; 0 elsewhere).
fn status_bytes(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// Starts the peak resident size again from the present one.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn historic_csv(rows: usize) -> String {
    // The template's columns, in its order, as the file below fills them.
    let mut csv = outcomes::historic::COLUMNS.map(|c| c.0).join(",");
    csv.push('\n');
    for i in 0..rows {
        let cohort = i / 40;
        let year = 2000 + cohort % 20;
        let _ = writeln!(
            csv,
            "Earlier cohort {cohort},{year}-09-01,{}-08-31,Alumnus {i} Example,alumnus.{i}@nhs.example,{},{},{}{i:08},Host {} NHS Trust,nhs_trust,{}",
            year + 1,
            ["medicine", "nursing", "pharmacy", "allied_health"][i % 4],
            ["GMC", "NMC", "GPhC", "HCPC"][i % 4],
            ["G", "N", "P", "H"][i % 4],
            i / 20,
            if i.is_multiple_of(25) { "withdrawn" } else { "completed" },
        );
    }
    csv
}

fn answer(m: &outcomes::OutcomeMeasure, i: usize) -> String {
    match m.value_type {
        ValueType::Text => format!("Leads the trust's flow programme ({i})"),
        ValueType::Count => (i % 4).to_string(),
        ValueType::YesNo => if i.is_multiple_of(3) { "no" } else { "yes" }.into(),
        ValueType::Choice => m
            .choices
            .get(i % m.choices.len().max(1))
            .map_or(String::new(), |c| c.code.clone()),
        ValueType::Scale => (1 + i as i64 % m.scale_points.unwrap_or(5)).to_string(),
    }
}

fn wave_csv(rows: usize, measures: &[outcomes::OutcomeMeasure]) -> String {
    let mut csv = String::from("Email address,Date submitted");
    for m in measures {
        let _ = write!(csv, ",{}", m.code);
    }
    csv.push('\n');
    for i in 0..rows {
        let _ = write!(
            csv,
            "alumnus.{i}@nhs.example,2026-0{}-1{}",
            1 + i % 9,
            i % 10
        );
        for m in measures {
            let _ = write!(csv, ",\"{}\"", answer(m, i));
        }
        csv.push('\n');
    }
    csv
}

async fn call(ws: &Workspaces, session: &mut Session, command: &str, args: Value) -> Result<Value> {
    crate::api::dispatch(ws, session, command, args).await
}

/// Previews then imports `args` (its file under "csv"), timing each and the peak memory.
async fn measure(
    name: &str,
    rows: usize,
    ws: &Workspaces,
    session: &mut Session,
    (preview_cmd, import_cmd): (&str, &str),
    args: Value,
) -> Result<ImportTiming> {
    let file_bytes = args["csv"].as_str().map_or(0, str::len);
    let before = status_bytes("VmRSS:");
    reset_peak();
    let t = Instant::now();
    let preview = call(ws, session, preview_cmd, args.clone()).await?;
    let preview_time = t.elapsed();
    if preview["problems"]
        .as_array()
        .is_some_and(|p| !p.is_empty())
    {
        return Err(ApiError::internal(format!(
            "the generated file has problems: {}",
            preview["problems"][0]
        )));
    }
    let t = Instant::now();
    call(ws, session, import_cmd, args).await?;
    let import = t.elapsed();
    Ok(ImportTiming {
        name: name.into(),
        rows,
        file_bytes,
        preview: preview_time,
        import,
        peak_extra_bytes: status_bytes("VmHWM:").saturating_sub(before),
    })
}

pub async fn run(dir: &Path, sizes: &[usize]) -> Result<Vec<ImportTiming>> {
    let mut out = vec![];
    for &rows in sizes {
        let path = dir.join(format!("imports-{rows}.sqlite"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let db = Db::open(&path).await?;
        demo::fill(&db, &DemoSize::standard()).await?;
        let measures: Vec<_> = outcomes::measures(&db)
            .await?
            .into_iter()
            .filter(|m| !m.retired)
            .collect();
        let wave = outcomes::waves(&db)
            .await?
            .first()
            .map(|w| w.id)
            .ok_or_else(|| ApiError::internal("the demo has no follow-up wave"))?;
        let ws = Workspaces::new(db, None);
        let mut session = Session::default();
        call(&ws, &mut session, "sign_in", demo::faculty_sign_in_json()).await?;

        let file = historic_csv(rows);
        let timing = measure(
            "historic import",
            rows,
            &ws,
            &mut session,
            ("preview_historic_import", "import_historic"),
            json!({"file_name": "earlier-cohorts.csv", "csv": file}),
        )
        .await?;
        eprintln!("{}", line(&timing));
        out.push(timing);

        let file = wave_csv(rows, &measures);
        let timing = measure(
            "wave import",
            rows,
            &ws,
            &mut session,
            ("preview_outcome_import", "import_outcomes"),
            json!({"wave_id": wave, "file_name": "wave.csv", "csv": file, "mapping": []}),
        )
        .await?;
        eprintln!("{}", line(&timing));
        out.push(timing);
        drop(session);
        ws.main()?.close().await;
    }
    Ok(out)
}

fn line(t: &ImportTiming) -> String {
    let total = (t.preview + t.import).as_secs_f64();
    format!(
        "| {} | {} | {:.1} MB | {:.0} ms | {:.0} ms | {:.0} rows/s | {:.0} MB |",
        t.name,
        t.rows,
        t.file_bytes as f64 / 1e6,
        t.preview.as_secs_f64() * 1e3,
        t.import.as_secs_f64() * 1e3,
        t.rows as f64 / total.max(1e-9),
        t.peak_extra_bytes as f64 / 1e6,
    )
}

pub fn report(timings: &[ImportTiming]) -> String {
    let mut s = String::from(
        "| Import | rows | file | preview | import (checked again, saved) | rows/s (both) | peak memory above the start |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for t in timings {
        s.push_str(&line(t));
        s.push('\n');
    }
    s
}
