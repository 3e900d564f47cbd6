//! Invitation codes handed out by hand: a printable sheet (PDF, one rater a page) and a CSV for
//! a mail merge. The codes come from the page that just issued them (the core keeps only their
//! hashes), and each is checked against its hash before anything is written, as for the offline
//! questionnaire file.

use serde::Deserialize;
use ts_rs::TS;

use super::anonymity::RaterGroup;
use super::responses::invitation;
use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::csv_io::{Cell, CsvOut};
use crate::db::Db;
use crate::error::{ApiError, Result};
use crate::pdf::{Document, Page, NHS_BLUE};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CodesInput {
    /// Codes just issued, as the issuing page holds them.
    pub codes: Vec<String>,
}

/// What one page or row says.
struct Letter {
    fellow: String,
    rater: String,
    email: String,
    group: RaterGroup,
    round: String,
    closes_on: String,
    code: String,
}

/// The most codes one sheet takes: a large cohort's round.
const MAX_CODES: usize = 2000;

async fn letters(db: &Db, actor: &Actor, input: &CodesInput) -> Result<Vec<Letter>> {
    require_faculty(actor)?;
    if input.codes.is_empty() || input.codes.len() > MAX_CODES {
        return Err(ApiError::field(
            "codes",
            format!("Give from 1 to {MAX_CODES} codes."),
        ));
    }
    let mut out = vec![];
    for code in &input.codes {
        let inv = invitation(db, code).await.map_err(|_| {
            ApiError::field(
                "codes",
                "One of these codes is not recognised, used or out of its round's dates; issue the codes again.",
            )
        })?;
        let (fellow, rater, email): (String, String, String) = crate::db::query_as(
            "SELECT f.name, n.rater_name, n.rater_email FROM feedback_nominations n
             JOIN fellows f ON f.id = n.fellow_id WHERE n.id = ?",
        )
        .bind(inv.id)
        .fetch_one(&db.pool)
        .await?;
        out.push(Letter {
            fellow,
            rater,
            email,
            group: inv.group,
            round: inv.round.kind.label().to_lowercase(),
            closes_on: inv.round.closes_on.format("%-d %B %Y").to_string(),
            code: code.trim().to_owned(),
        });
    }
    Ok(out)
}

fn how_to_answer(l: &Letter) -> String {
    format!(
        "Open Fellowship at the address your programme office gave you, choose \"Give 360° feedback with an invitation code\" and type the code. Please answer by {}. The code works once; keep it to yourself.",
        l.closes_on
    )
}

fn confidentiality(group: RaterGroup) -> &'static str {
    if group == RaterGroup::LineManager {
        "As their line manager, your ratings are shown to the fellow as yours, not mixed with others'."
    } else {
        "Your answers are confidential: the fellow sees figures only for groups of raters large enough that no one can be picked out, and comments without names."
    }
}

/// One A4 page per rater, to print and hand over or post.
pub async fn sheet_pdf(db: &Db, actor: &Actor, input: CodesInput) -> Result<Document> {
    let letters = letters(db, actor, &input).await?;
    let programme = crate::programme::programmes::current(db)
        .await?
        .map(|p| p.name)
        .unwrap_or_else(|| "Fellowship".into());
    let mut pages = vec![];
    for l in &letters {
        let mut page = Page::new();
        page.text(&programme, 11.0, false, NHS_BLUE);
        page.heading("360° feedback: your invitation");
        page.y -= 4.0;
        page.text(&format!("Dear {},", l.rater), 12.0, false, (0.1, 0.1, 0.1));
        page.y -= 2.0;
        page.para(
            &format!(
                "{} has asked you for feedback on their leadership, as their {}, for their {} 360° feedback.",
                l.fellow,
                l.group.label().to_lowercase(),
                l.round
            ),
            11.0,
            6,
        );
        page.para(confidentiality(l.group), 11.0, 6);
        page.y -= 4.0;
        page.text("Your code", 11.0, true, (0.1, 0.1, 0.1));
        page.text(&l.code, 16.0, true, (0.0, 0.0, 0.0));
        page.y -= 4.0;
        page.para(&how_to_answer(l), 11.0, 8);
        pages.push(page.ops);
    }
    let bytes = crate::pdf::write(pages, "360° feedback invitations");
    Ok(Document::new(
        "360-invitation-codes.pdf".into(),
        "application/pdf",
        &bytes,
    ))
}

/// One row per rater, for a mail merge in the organisation's own email.
pub async fn merge_csv(db: &Db, actor: &Actor, input: CodesInput) -> Result<Document> {
    let letters = letters(db, actor, &input).await?;
    let mut csv = CsvOut::new([
        "rater_name",
        "rater_email",
        "fellow_name",
        "rater_group",
        "round",
        "answer_by",
        "code",
        "how_to_answer",
    ]);
    for l in &letters {
        csv.row([
            Cell::text(&l.rater),
            Cell::text(&l.email),
            Cell::text(&l.fellow),
            Cell::text(l.group.label()),
            Cell::text(&l.round),
            Cell::text(&l.closes_on),
            Cell::text(&l.code),
            Cell::text(how_to_answer(l)),
        ]);
    }
    Ok(Document::new(
        "360-invitation-codes.csv".into(),
        "text/csv",
        &csv.into_bytes(),
    ))
}
