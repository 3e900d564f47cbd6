//! A fellow's portfolio for their own keeping after the programme: their reflections, mentoring
//! and coaching logs (with their own private notes) and their challenge's action plan, as one
//! PDF and as one Markdown file.

use super::{mentoring, reflections};
use crate::auth::{Actor, Role};
use crate::challenges::{self, ChallengeFilter};
use crate::db::Db;
use crate::error::{ApiError, Result};
use crate::pdf::{slug, Document, Pages, GREY};

/// One part of the portfolio: a heading and its paragraphs, shared by both formats.
struct Part {
    heading: String,
    lines: Vec<String>,
}

async fn gather(db: &Db, actor: &Actor) -> Result<(String, Vec<Part>)> {
    if actor.role() != Role::Fellow {
        return Err(ApiError::forbidden(
            "Only a fellow can export their own portfolio.",
        ));
    }
    let mut parts = vec![];
    let mut entries = reflections::list_own(db, actor, Default::default()).await?;
    entries.reverse();
    for e in entries {
        let r = reflections::get(db, actor, e.id).await?;
        let date = r
            .happened_on
            .map(|d| d.format("%d %B %Y").to_string())
            .unwrap_or_else(|| "undated".into());
        let mut lines = vec![format!(
            "{} - {}{}",
            date,
            r.template.label(),
            if r.is_draft { " (draft)" } else { "" }
        )];
        let labels = r.template.sections();
        for s in &r.sections {
            let label = labels
                .iter()
                .find(|l| l.key == s.key)
                .map(|l| l.label.clone())
                .unwrap_or_else(|| s.key.clone());
            lines.push(format!("{label}: {}", s.body));
        }
        let title = if r.title.is_empty() {
            "Untitled draft".to_string()
        } else {
            r.title.clone()
        };
        parts.push(Part {
            heading: format!("Reflection: {title}"),
            lines,
        });
    }
    for rel in mentoring::my_relationships(db, actor).await? {
        let d = mentoring::get_relationship(db, actor, rel.id).await?;
        let mut lines = vec![format!("Since {}", rel.started_on.format("%d %B %Y"))];
        for s in d.sessions.iter().rev() {
            lines.push(format!(
                "{} ({} minutes, {}). Themes: {}. Agreed actions: {}.{}",
                s.held_on.format("%d %B %Y"),
                s.duration_minutes,
                s.mode.label(),
                if s.themes.is_empty() {
                    "none recorded"
                } else {
                    &s.themes
                },
                if s.agreed_actions.is_empty() {
                    "none"
                } else {
                    &s.agreed_actions
                },
                s.my_private_note
                    .as_ref()
                    .map(|n| format!(" My private note: {n}"))
                    .unwrap_or_default()
            ));
        }
        parts.push(Part {
            heading: format!("{} with {}", rel.kind.label(), rel.person_name),
            lines,
        });
    }
    let mine = ChallengeFilter {
        cohort_id: None,
        fellow_id: actor.fellow_id(),
    };
    for c in challenges::list(db, actor, mine).await? {
        let d = challenges::get(db, actor, c.id).await?;
        let lines = d
            .actions
            .iter()
            .map(|a| {
                let due = a
                    .due_date
                    .map(|d| d.format("%d %B %Y").to_string())
                    .unwrap_or_else(|| "no due date".into());
                let note = a
                    .notes
                    .first()
                    .map(|n| format!(" Latest note: {}", n.note))
                    .unwrap_or_default();
                format!(
                    "{} ({}; {}; due {}).{note}",
                    a.action,
                    a.lead,
                    a.status.label(),
                    due
                )
            })
            .collect();
        parts.push(Part {
            heading: format!("Action plan: {}", c.title),
            lines,
        });
    }
    let (name,): (String,) = crate::db::query_as("SELECT name FROM fellows WHERE id = ?")
        .bind(actor.fellow_id())
        .fetch_one(&db.pool)
        .await?;
    Ok((name, parts))
}

const INTRO: &str = "Your fellowship portfolio, for your own keeping. It holds private material: \
keep it safe, and remember that reflective notes can be required in legal proceedings.";

pub async fn markdown(db: &Db, actor: &Actor) -> Result<Document> {
    let (name, parts) = gather(db, actor).await?;
    let mut md = format!("# Fellowship portfolio: {name}\n\n{INTRO}\n");
    for p in parts {
        md.push_str(&format!("\n## {}\n\n", p.heading));
        for l in p.lines {
            md.push_str(&l);
            md.push_str("\n\n");
        }
    }
    Ok(Document::new(
        format!("portfolio-{}.md", slug(&name, usize::MAX)),
        "text/markdown",
        md.as_bytes(),
    ))
}

pub async fn pdf(db: &Db, actor: &Actor) -> Result<Document> {
    let (name, parts) = gather(db, actor).await?;
    let mut doc = Pages::default();
    doc.text(
        &format!("Fellowship portfolio: {name}"),
        18.0,
        true,
        (0.0, 0.0, 0.0),
    );
    doc.para(INTRO, 9.0);
    for p in parts {
        doc.heading(&p.heading);
        for l in p.lines {
            doc.para(&l, 9.5);
        }
    }
    let today = chrono::Utc::now().date_naive().format("%d %B %Y");
    doc.text(
        &format!("Produced by Fellowship on {today}"),
        8.0,
        false,
        GREY,
    );
    let bytes = doc.save(&format!("Fellowship portfolio: {name}"));
    Ok(Document::new(
        format!("portfolio-{}.pdf", slug(&name, usize::MAX)),
        "application/pdf",
        &bytes,
    ))
}
