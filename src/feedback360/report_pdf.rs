//! The 360° report as a PDF: the same figures as on screen (which already obey the anonymity
//! rules), a dot chart of self against others per dimension, and the comments by group.

use printpdf::BuiltinFont;

use super::report::{self, FeedbackReport, ReportRef};
use crate::auth::Actor;
use crate::db::Db;
use crate::error::Result;
use crate::pdf::{slug, Document, Pages, GREY, LEFT, NHS_BLUE, ORANGE as SELF, PAGE_W};

fn mean(h: i64) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

/// "Peers 3.40 (5)" for each shown group on one dimension.
fn group_line(d: &report::DimensionReport) -> String {
    d.groups
        .iter()
        .map(|g| match &g.cell {
            Some(c) => format!(
                "{} {} ({})",
                g.group.label(),
                mean(c.mean_hundredths),
                c.ratings
            ),
            None => format!("{}: too few ratings to show", g.group.label()),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `own`: the fellow is reading their own report ("your"); anyone else reads it about them.
fn render(r: &FeedbackReport, own: bool) -> Vec<u8> {
    let whose = if own {
        "Your".to_owned()
    } else {
        format!("{}'s", r.fellow_name)
    };
    let mut p = Pages::default();
    p.text("360-degree feedback report", 10.0, true, GREY);
    p.text(&r.fellow_name, 18.0, true, (0.0, 0.0, 0.0));
    p.text(
        &format!(
            "{} round, cohort {}, closed after {}",
            r.round.kind.label(),
            r.round.cohort_name,
            r.round.closes_on.format("%-d %B %Y")
        ),
        10.0,
        false,
        GREY,
    );
    if !r.failures.is_empty() {
        p.heading("No report for this round");
        p.para(
            "The round did not meet its rules, so no figures are shown rather than misleading ones:",
            10.0,
        );
        for f in &r.failures {
            p.para(&format!("- {}", f.message), 10.0);
        }
        return p.save(&format!("360 report - {}", r.fellow_name));
    }
    p.heading("Who responded");
    for g in &r.shown_groups {
        p.para(
            &format!("{}: {} responses", g.group.label(), g.responses),
            10.0,
        );
    }
    for g in &r.dropped_groups {
        p.para(
            &format!(
                "{}: fewer than {} responses, so left out of every figure and comment.",
                g.group.label(),
                g.minimum
            ),
            10.0,
        );
    }
    if r.line_manager_shown {
        p.para(
            &format!("{whose} line manager's ratings are shown as theirs: a group of one is not anonymous, and they were told so."),
            10.0,
        );
    }

    let scale = r.scale.len().max(2) as f32;
    p.heading("Self and others by dimension");
    let key = if own {
        "Square: your own rating. Line: others' mean (all shown groups).".to_owned()
    } else {
        format!(
            "Square: {}'s own rating. Line: others' mean (all shown groups).",
            r.fellow_name
        )
    };
    p.text(&key, 8.0, false, GREY);
    let (x0, x1) = (95.0, PAGE_W - LEFT - 5.0);
    let x = |v: f32| x0 + (v - 1.0) / (scale - 1.0) * (x1 - x0);
    p.room(8.0);
    for (i, s) in r.scale.iter().enumerate() {
        let y = p.page.y - 3.0;
        p.page.text_at(
            x(i as f32 + 1.0) - 4.0,
            y,
            &s.label,
            7.0,
            BuiltinFont::Helvetica,
            GREY,
        );
    }
    p.page.y -= 5.0;
    for d in &r.dimensions {
        p.room(8.0);
        let y = p.page.y - 4.0;
        p.page.text_at(
            LEFT,
            y - 1.0,
            &d.name,
            8.5,
            BuiltinFont::Helvetica,
            (0.0, 0.0, 0.0),
        );
        p.page.line(&[(x0, y), (x1, y)], (0.8, 0.8, 0.8), 0.5);
        if let Some(all) = &d.all_raters {
            let v = all.mean_hundredths as f32 / 100.0;
            p.page
                .line(&[(x(v), y - 2.5), (x(v), y + 2.5)], NHS_BLUE, 2.0);
        }
        if let Some(s) = d.self_rating {
            p.page.marker(x(s as f32), y, SELF);
        }
        p.page.y -= 7.0;
    }

    p.heading("The figures");
    for d in &r.dimensions {
        p.room(16.0);
        p.text(&d.name, 10.0, true, (0.0, 0.0, 0.0));
        let mut line = format!(
            "Self {}; all others {}",
            d.self_rating.map_or("-".into(), |s| s.to_string()),
            d.all_raters.as_ref().map_or("-".into(), |c| format!(
                "{} ({} ratings)",
                mean(c.mean_hundredths),
                c.ratings
            )),
        );
        if let Some(imp) = &d.others_importance {
            line.push_str(&format!(
                "; importance to the role {}",
                mean(imp.mean_hundredths)
            ));
        }
        if let Some(ch) = d.change.as_ref().and_then(|c| c.others_change_hundredths) {
            line.push_str(&format!(
                "; change from baseline {}{}",
                if ch >= 0 { "+" } else { "-" },
                mean(ch.abs())
            ));
        }
        p.para(&line, 9.0);
        p.para(&group_line(d), 9.0);
    }

    if !r.comments.is_empty() {
        p.heading("Comments");
        for c in &r.comments {
            p.para(&format!("{}: \"{}\"", c.group.label(), c.text), 9.5);
        }
    }
    p.save(&format!("360 report - {}", r.fellow_name))
}

pub async fn report_pdf(db: &Db, actor: &Actor, input: ReportRef) -> Result<Document> {
    let r = report::get(db, actor, input).await?;
    let bytes = render(&r, actor.fellow_id() == Some(r.fellow_id));
    Ok(Document::new(
        format!(
            "360-report-{}-{}.pdf",
            slug(&r.fellow_name, 4),
            r.round.kind.code()
        ),
        "application/pdf",
        &bytes,
    ))
}
