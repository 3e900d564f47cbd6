//! The one-page challenge summary for a host board or commissioners, as PDF (printpdf, with
//! the built-in Helvetica so no font file is needed), including the run chart of the first
//! measure with its median and signals.

use printpdf::BuiltinFont;

use super::measures::{self, MeasureRef};
use super::spc::{RunRule, Verdict};
use super::{get, ChallengeDetail};
use crate::auth::Actor;
use crate::db::Db;
use crate::error::Result;

pub use crate::pdf::Document;
use crate::pdf::{slug, wrap, Page, GREY, LEFT, NHS_BLUE, ORANGE, PAGE_W};

fn money(pence: i64) -> String {
    let pounds = pence / 100;
    let mut s = pounds.to_string();
    let mut i = s.len() as i64 - 3;
    while i > 0 {
        s.insert(i as usize, ',');
        i -= 3;
    }
    if pence % 100 == 0 {
        format!("GBP {s}")
    } else {
        format!("GBP {s}.{:02}", pence % 100)
    }
}

/// Builds the PDF bytes for a challenge the actor may see.
pub async fn summary_pdf(db: &Db, actor: &Actor, challenge_id: i64) -> Result<Vec<u8>> {
    Ok(build(db, actor, challenge_id).await?.1)
}

/// The challenge's title and its summary PDF, from one read of the challenge.
async fn build(db: &Db, actor: &Actor, challenge_id: i64) -> Result<(String, Vec<u8>)> {
    let d = get(db, actor, challenge_id).await?;
    let chart = match d.measures.first() {
        Some(m) => Some(
            measures::chart(
                db,
                actor,
                MeasureRef {
                    challenge_id,
                    measure_id: m.id,
                },
            )
            .await?,
        ),
        None => None,
    };
    Ok((d.challenge.title.clone(), render(&d, chart.as_ref())))
}

fn render(d: &ChallengeDetail, chart: Option<&measures::MeasureChart>) -> Vec<u8> {
    let c = &d.challenge;
    let mut p = Page::new();
    p.text("Fellowship Challenge summary", 10.0, true, GREY);
    for l in wrap(&c.title, 18.0, PAGE_W - 2.0 * LEFT).iter().take(2) {
        p.text(l, 18.0, true, (0.0, 0.0, 0.0));
    }
    let host = c.host_name.clone().unwrap_or_else(|| "no host yet".into());
    p.text(
        &format!("{} - {} - cohort {}", c.fellow_name, host, c.cohort_name),
        10.0,
        false,
        GREY,
    );
    let aims: Vec<&str> = [
        (c.aim_quality, "quality of care"),
        (c.aim_population_health, "population health"),
        (c.aim_cost, "cost"),
    ]
    .iter()
    .filter(|a| a.0)
    .map(|a| a.1)
    .collect();
    let progress = c
        .progress_tenths
        .map(|t| format!("{}.{}", t / 10, t % 10))
        .unwrap_or_else(|| "not scored".into());
    p.text(
        &format!(
            "Status: {}   IHI progress score: {}   Triple Aim: {}   Problem: {}",
            c.status.label(),
            progress,
            if aims.is_empty() {
                "not set".into()
            } else {
                aims.join(", ")
            },
            c.nature.map(|n| n.label()).unwrap_or("not classified"),
        ),
        9.0,
        false,
        (0.1, 0.1, 0.1),
    );

    p.heading("The problem");
    p.para(
        if c.problem_statement.is_empty() {
            "Not yet written."
        } else {
            &c.problem_statement
        },
        9.5,
        5,
    );

    p.heading("Action plan");
    let overdue = d.actions.iter().filter(|a| a.overdue).count();
    let done = d
        .actions
        .iter()
        .filter(|a| a.status == super::actions::ActionStatus::Done)
        .count();
    let money_total: i64 = d.actions.iter().filter_map(|a| a.resource_pence).sum();
    p.text(
        &format!(
            "{} actions: {} done, {} overdue; resources {}",
            d.actions.len(),
            done,
            overdue,
            money(money_total)
        ),
        9.0,
        false,
        GREY,
    );
    for a in d.actions.iter().take(7) {
        let due = a
            .due_date
            .map(|d| d.format("%d %b %Y").to_string())
            .unwrap_or_else(|| "no date".into());
        let flag = if a.overdue { "  OVERDUE" } else { "" };
        let line = format!(
            "- {} ({}; {}; due {}){flag}",
            a.action,
            a.lead,
            a.status.label(),
            due
        );
        let first = wrap(&line, 9.0, PAGE_W - 2.0 * LEFT)
            .into_iter()
            .next()
            .unwrap_or_default();
        p.text(
            &first,
            9.0,
            false,
            if a.overdue { ORANGE } else { (0.1, 0.1, 0.1) },
        );
    }

    if let Some(chart) = chart {
        p.heading(&format!("Run chart: {}", chart.measure.name));
        draw_run_chart(&mut p, chart);
    }

    p.heading("Host reviews");
    let signed: Vec<_> = d.reviews.iter().filter(|r| r.locked).collect();
    if signed.is_empty() {
        p.text("No review has been signed yet.", 9.0, false, GREY);
    }
    for r in signed.iter().take(2) {
        let when = r.signed_at.as_deref().unwrap_or("").get(..10).unwrap_or("");
        p.text(
            &format!(
                "{} (version {}) signed by {} on {}",
                r.kind.label(),
                r.version,
                r.signed_name.as_deref().unwrap_or(""),
                when
            ),
            9.0,
            true,
            (0.1, 0.1, 0.1),
        );
        p.para(&r.statement, 9.0, 2);
    }
    let today = chrono::Utc::now().date_naive().format("%d %B %Y");
    p.text_at(
        LEFT,
        10.0,
        &format!("Produced by Fellowship on {today}"),
        8.0,
        BuiltinFont::Helvetica,
        GREY,
    );

    crate::pdf::write(vec![p.ops], &c.title)
}

fn draw_run_chart(p: &mut Page, chart: &measures::MeasureChart) {
    let (x0, w, h) = (LEFT + 8.0, PAGE_W - 2.0 * LEFT - 10.0, 45.0);
    let y0 = p.y - h - 4.0;
    let n = chart.points.len();
    if n < 2 {
        p.text(
            "Fewer than two points so far: no chart yet.",
            9.0,
            false,
            GREY,
        );
        return;
    }
    let (mut lo, mut hi) = chart
        .points
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), pt| {
            (lo.min(pt.value), hi.max(pt.value))
        });
    if (hi - lo).abs() < f64::EPSILON {
        hi += 1.0;
        lo -= 1.0;
    }
    let pad = (hi - lo) * 0.1;
    let (lo, hi) = (lo - pad, hi + pad);
    let x = |i: usize| x0 + w * i as f32 / (n - 1) as f32;
    let y = |v: f64| y0 + h * ((v - lo) / (hi - lo)) as f32;
    p.line(&[(x0, y0), (x0, y0 + h)], GREY, 0.5);
    p.line(&[(x0, y0), (x0 + w, y0)], GREY, 0.5);
    p.text_at(
        LEFT,
        y(hi - pad) - 1.0,
        &format!("{:.0}", hi - pad),
        7.0,
        BuiltinFont::Helvetica,
        GREY,
    );
    p.text_at(
        LEFT,
        y(lo + pad),
        &format!("{:.0}", lo + pad),
        7.0,
        BuiltinFont::Helvetica,
        GREY,
    );
    if let Some(m) = chart.run_chart.median {
        p.line(&[(x0, y(m)), (x0 + w, y(m))], ORANGE, 0.8);
        p.text_at(
            x0 + w - 18.0,
            y(m) + 1.0,
            &format!("median {m:.1}"),
            7.0,
            BuiltinFont::Helvetica,
            ORANGE,
        );
    }
    let pts: Vec<(f32, f32)> = chart
        .points
        .iter()
        .enumerate()
        .map(|(i, pt)| (x(i), y(pt.value)))
        .collect();
    p.line(&pts, NHS_BLUE, 1.0);
    for s in &chart.run_chart.signals {
        let colour = match s.verdict {
            Verdict::Improvement => NHS_BLUE,
            Verdict::Concern => ORANGE,
            Verdict::Neutral => (0.2, 0.0, 0.4),
        };
        for &i in &s.points {
            p.marker(pts[i].0, pts[i].1, colour);
        }
    }
    let first = chart.points[0].period.format("%d %b %Y");
    let last = chart.points[n - 1].period.format("%d %b %Y");
    p.text_at(
        x0,
        y0 - 4.0,
        &first.to_string(),
        7.0,
        BuiltinFont::Helvetica,
        GREY,
    );
    p.text_at(
        x0 + w - 16.0,
        y0 - 4.0,
        &last.to_string(),
        7.0,
        BuiltinFont::Helvetica,
        GREY,
    );
    p.y = y0 - 6.0;
    let signals: Vec<String> = chart
        .run_chart
        .signals
        .iter()
        .map(|s| {
            let what = match s.rule {
                RunRule::Shift => "shift",
                RunRule::Trend => "trend",
                RunRule::TooFewRuns => "too few runs",
                RunRule::TooManyRuns => "too many runs",
                RunRule::Astronomical => "astronomical point",
            };
            let verdict = match s.verdict {
                Verdict::Improvement => "improvement",
                Verdict::Concern => "concern",
                Verdict::Neutral => "neutral",
            };
            format!("{what} ({verdict})")
        })
        .collect();
    let summary = if signals.is_empty() {
        "No run-chart signals: common-cause variation.".to_string()
    } else {
        format!("Signals: {}.", signals.join("; "))
    };
    p.para(&summary, 9.0, 2);
}

/// The summary as a file for the UI to save.
pub async fn summary_document(db: &Db, actor: &Actor, challenge_id: i64) -> Result<Document> {
    let (title, bytes) = build(db, actor, challenge_id).await?;
    Ok(Document::new(
        format!("challenge-summary-{}.pdf", slug(&title, 8)),
        "application/pdf",
        &bytes,
    ))
}
