//! The offline questionnaire: one HTML file that works in any browser without a network, for a
//! rater who will not use the app. It carries the rater's invitation code, so it is handed to
//! that rater alone, and the programme's public key, to which it seals the response file
//! (`response_seal`): only this programme's core can open it, any changed byte makes it refuse,
//! and importing spends the code (so a file cannot be imported twice), all in one transaction.

use rand::RngCore;
use serde::Deserialize;
use serde_json::json;
use ts_rs::TS;

use super::response_seal::{self, ProgrammeKey};
use super::responses::{self, Answer, CodeInput, QuestionnaireAnswers, Receipt};
use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::db::Db;
use crate::error::{ApiError, Result};
use crate::pdf::{slug, Document};

const TEMPLATE: &str = include_str!("questionnaire.html");
const SEAL_SCRIPT: &str = include_str!("questionnaire_seal.js");

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ResponseFileInput {
    pub file_name: String,
    pub contents: String,
}

/// Faculty create the file while the code is in front of them (codes are shown only when issued).
pub async fn questionnaire_file(db: &Db, actor: &Actor, input: CodeInput) -> Result<Document> {
    require_faculty(actor)?;
    let q = responses::open_questionnaire(db, input.clone()).await?;
    let key = response_seal::programme_key(db).await?;
    let config = json!({
        "code": input.code.trim(),
        "programme": { "public_key": key.public_key(), "key_id": key.key_id() },
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
    let html = TEMPLATE
        .replace("/*SEAL*/", SEAL_SCRIPT)
        .replace("/*CONFIG*/", &data);
    // Named for the fellow and a random tag: nothing of the code, should it sit in a shared folder.
    let mut tag = [0u8; 4];
    rand::rngs::OsRng.fill_bytes(&mut tag);
    Ok(Document::new(
        format!(
            "360-questionnaire-{}-{}.html",
            slug(&q.fellow_name, 3),
            data_encoding::HEXLOWER.encode(&tag)
        ),
        "text/html",
        html.as_bytes(),
    ))
}

/// What the questionnaire seals: the code (which it spends) and the answers.
#[derive(Deserialize)]
struct Sealed {
    code: String,
    answers: Vec<Answer>,
    comment: String,
}

/// Opens a response file with the programme's key and returns the answers it carries, without
/// touching the database.
pub fn read_response(key: &ProgrammeKey, contents: &str) -> Result<QuestionnaireAnswers> {
    let body = key.open(contents)?;
    // Only the holder of the public key could have sealed this; still, it must be well formed.
    let sealed: Sealed = serde_json::from_slice(&body).map_err(|_| response_seal::changed())?;
    Ok(QuestionnaireAnswers {
        code: sealed.code,
        answers: sealed.answers,
        comment: sealed.comment,
    })
}

/// Faculty import a returned file: all or nothing, and a file (or its code) works once. The
/// receipt names the fellow only: the answers are never shown to whoever imports them.
pub async fn import_response(db: &Db, actor: &Actor, input: ResponseFileInput) -> Result<Receipt> {
    require_faculty(actor)?;
    let key = response_seal::programme_key(db).await?;
    let answers = read_response(&key, &input.contents)?;
    let code = CodeInput {
        code: answers.code.clone(),
    };
    let submitted = match responses::open_questionnaire(db, code).await {
        Ok(q) => responses::submit_questionnaire(db, answers)
            .await
            .map(|_| q.fellow_name),
        Err(e) => Err(e),
    };
    match submitted {
        Ok(fellow_name) => Ok(Receipt {
            message: format!("1 response added to {fellow_name}'s round."),
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

/// A fixed key for fuzzing, so that corpus files sealed to it reach the answers inside.
pub fn fuzzing_programme_key() -> ProgrammeKey {
    ProgrammeKey::from_bytes(&[7; 32]).expect("a valid P-256 scalar")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback360::codes;

    #[test]
    fn a_sealed_file_reads_back_to_its_code_and_answers() {
        let key = ProgrammeKey::generate();
        let c = codes::generate();
        let body = json!({"code": c.code, "answers": [{"dimension_id": 1, "rating": 3, "importance": null}], "comment": "Good"});
        let file =
            response_seal::seal(&key.public_key(), key.key_id(), body.to_string().as_bytes());
        assert!(!file.contains(&c.code) && !file.contains(&c.lookup) && !file.contains("Good"));
        let read = read_response(&key, &file).unwrap();
        assert_eq!(read.code, c.code);
        assert_eq!(read.answers[0].rating, Some(3));
        assert_eq!(read.comment, "Good");
        // Sealed, but not what a questionnaire writes.
        let odd = response_seal::seal(&key.public_key(), key.key_id(), b"[1, 2]");
        assert!(read_response(&key, &odd)
            .unwrap_err()
            .message
            .contains("changed"));
    }

    #[test]
    fn the_fuzz_corpus_holds_a_file_its_key_opens() {
        // Sealed by questionnaire_seal.js to the fixed fuzzing key, so fuzzing reaches the answers.
        let seed = include_str!(
            "../../fuzz/corpus/questionnaire_response/5bb75b057aba5aafab06af29692a01bcda4fb0d9"
        );
        let read = read_response(&super::fuzzing_programme_key(), seed).unwrap();
        assert_eq!(read.comment, "Calm");
    }
}
