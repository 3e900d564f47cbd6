//! The offline questionnaire: one HTML file that works in any browser without a network, for a
//! rater who will not use the app. It carries the rater's invitation code, so it is handed to
//! that rater alone. It writes a response file holding the code, the answers, and an
//! HMAC-SHA-256 of the answers keyed by the code; importing checks the MAC (so an edited file is
//! refused) and spends the code (so a file cannot be imported twice), all in one transaction.

use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::json;
use sha2::Sha256;
use ts_rs::TS;

use super::codes;
use super::responses::{self, Answer, CodeInput, QuestionnaireAnswers, Receipt};
use crate::access::require_faculty;
use crate::auth::Actor;
use crate::db::Db;
use crate::error::{ApiError, Result};
use crate::pdf::{slug, Document};

const TEMPLATE: &str = include_str!("questionnaire.html");
const FORMAT: &str = "fellowship-360-response/1";

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ResponseFileInput {
    pub file_name: String,
    pub contents: String,
}

/// Faculty create the file while the code is in front of them (codes are shown only when issued).
pub async fn questionnaire_file(db: &Db, actor: &Actor, input: CodeInput) -> Result<Document> {
    require_faculty(actor)?;
    let q = responses::open_questionnaire(db, input.clone()).await?;
    let (lookup, _) = codes::parse(&input.code)
        .ok_or_else(|| ApiError::field("code", "That code is not recognised."))?;
    let config = json!({
        "lookup": lookup,
        "code": input.code.trim(),
        "fellow_name": q.fellow_name,
        "round": q.round_kind.label(),
        "closes_on": q.closes_on.format("%-d %B %Y").to_string(),
        "group": q.rater_group.label(),
        "not_anonymous": q.not_anonymous,
        "allows_not_observed": q.questions.allows_not_observed,
        "scale": q.questions.scale,
        "dimensions": q.questions.dimensions.iter().map(|d| json!({
            "id": d.id, "name": d.name, "description": d.description, "statements": d.statements,
        })).collect::<Vec<_>>(),
    });
    // "<" escaped so that no text in the data can close the script element.
    let data = config.to_string().replace('<', "\\u003c");
    let html = TEMPLATE.replace("/*CONFIG*/", &data);
    Ok(Document::new(
        format!(
            "360-questionnaire-{}-{}.html",
            slug(&q.fellow_name, 3),
            lookup.to_lowercase()
        ),
        "text/html",
        html.as_bytes(),
    ))
}

#[derive(Deserialize)]
struct ResponseFile {
    format: String,
    code: String,
    payload: String,
    mac: String,
}

#[derive(Deserialize)]
struct Payload {
    lookup: String,
    answers: Vec<Answer>,
    comment: String,
}

fn unreadable() -> ApiError {
    ApiError::field(
        "file",
        "This is not a Fellowship 360 response file. Ask the rater for the .json file their questionnaire saved.",
    )
}

fn changed() -> ApiError {
    ApiError::field(
        "file",
        "This response file has been changed since the rater saved it, so it cannot be imported. Nothing was imported.",
    )
}

/// Checks a response file and returns the answers it carries, without touching the database.
pub fn read_response(contents: &str) -> Result<QuestionnaireAnswers> {
    let file: ResponseFile =
        serde_json::from_str(contents.trim_start_matches('\u{feff}')).map_err(|_| unreadable())?;
    if file.format != FORMAT {
        return Err(unreadable());
    }
    let mac_bytes = data_encoding::HEXLOWER_PERMISSIVE
        .decode(file.mac.as_bytes())
        .map_err(|_| changed())?;
    let mut mac = Hmac::<Sha256>::new_from_slice(file.code.as_bytes()).map_err(|_| changed())?;
    mac.update(file.payload.as_bytes());
    // verify_slice compares in constant time.
    mac.verify_slice(&mac_bytes).map_err(|_| changed())?;
    let payload: Payload = serde_json::from_str(&file.payload).map_err(|_| changed())?;
    let (lookup, _) = codes::parse(&file.code).ok_or_else(changed)?;
    if lookup != payload.lookup {
        return Err(changed());
    }
    Ok(QuestionnaireAnswers {
        code: file.code,
        answers: payload.answers,
        comment: payload.comment,
    })
}

/// Faculty import a returned file: all or nothing, and a file (or its code) works once.
pub async fn import_response(db: &Db, actor: &Actor, input: ResponseFileInput) -> Result<Receipt> {
    require_faculty(actor)?;
    let answers = read_response(&input.contents)?;
    match responses::submit_questionnaire(db, answers).await {
        Ok(_) => Ok(Receipt {
            message: format!("The response in {} was imported.", input.file_name),
        }),
        Err(e) if e.field.as_deref() == Some("code") => {
            let message = if e.message.contains("already been used") {
                "This response has already been imported, or its code was used in the app. Nothing was imported.".to_string()
            } else {
                e.message
            };
            Err(ApiError {
                kind: e.kind,
                ..ApiError::field("file", message)
            })
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(code: &str, payload: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(code.as_bytes()).unwrap();
        mac.update(payload.as_bytes());
        let mac = data_encoding::HEXLOWER.encode(&mac.finalize().into_bytes());
        json!({"format": FORMAT, "code": code, "payload": payload, "mac": mac}).to_string()
    }

    #[test]
    fn a_signed_file_reads_back_and_an_edited_one_is_refused() {
        let c = codes::generate();
        let payload = json!({"lookup": c.lookup, "answers": [{"dimension_id": 1, "rating": 3, "importance": null}], "comment": "Good"}).to_string();
        let good = file(&c.code, &payload);
        let read = read_response(&good).unwrap();
        assert_eq!(read.answers[0].rating, Some(3));
        assert_eq!(read.comment, "Good");
        // Change one rating without re-signing.
        let edited = good.replace("\\\"rating\\\":3", "\\\"rating\\\":1");
        assert_ne!(edited, good);
        assert!(read_response(&edited)
            .unwrap_err()
            .message
            .contains("changed"));
        // A payload for another invitation, signed with this code, is refused too.
        let other = codes::generate();
        let swapped = payload.replace(&c.lookup, &other.lookup);
        assert!(read_response(&file(&c.code, &swapped))
            .unwrap_err()
            .message
            .contains("changed"));
        for junk in [
            "",
            "{}",
            "not json",
            "{\"format\":\"x\",\"code\":\"\",\"payload\":\"\",\"mac\":\"\"}",
        ] {
            assert_eq!(
                read_response(junk).unwrap_err().field.as_deref(),
                Some("file")
            );
        }
    }
}
