//! The export for analysts: a tidy long-format CSV (one row per alumnus, wave and measure) and a
//! data dictionary describing every column and code. Alumni can be pseudonymised with a salt
//! made for that one export and never stored, so two exports cannot be linked by their ids.

use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::Deserialize;
use serde_json::json;
use sha2::Sha256;
use ts_rs::TS;

use super::{measures, waves, Category, Kirkpatrick, Stored, ValueType};
use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::csv_io::{Cell, CsvOut};
use crate::db::Db;
use crate::error::{ApiError, Result};
use crate::pdf::Document;
use crate::programme::fellows::Profession;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutcomesExportInput {
    pub pseudonymise: bool,
}

const COLUMNS: [(&str, &str); 12] = [
    ("fellow", "The alumnus: the fellow's record number, or a pseudonym (16 hex characters) that is the same for one person throughout this file and different in every other export."),
    ("cohort", "The cohort's name, e.g. 2019/20."),
    ("cohort_start", "The date the cohort's year began (YYYY-MM-DD)."),
    ("profession", "The fellow's profession (a code; see professions)."),
    ("host", "The host organisation of the fellowship year (empty if none recorded)."),
    ("wave", "The follow-up wave's name."),
    ("months_after", "Months after the end of the fellowship year when the wave fell due."),
    ("responded_on", "The date of the response (YYYY-MM-DD)."),
    ("measure", "The measure's code (see measures)."),
    ("category", "career, legacy, scholarly or survey."),
    ("kirkpatrick", "The measure's Kirkpatrick level: 1, 2a, 2b, 3, 3b, 4a or 4b."),
    ("value", "The answer: text; a whole number for counts and scale points; yes or no; a choice code."),
];

/// fellow, cohort, start, profession, host, wave, months, responded on, measure, text, integer.
type Row = (
    i64,
    String,
    String,
    String,
    Option<String>,
    String,
    i64,
    String,
    i64,
    Option<String>,
    Option<i64>,
);

pub async fn export_csv(db: &Db, actor: &Actor, input: OutcomesExportInput) -> Result<Document> {
    require_faculty(actor)?;
    let measures = measures(db).await?;
    let rows: Vec<Row> = crate::db::query_as(
        "SELECT f.id, c.name, CAST(c.start_date AS TEXT), f.profession, h.name, w.name, w.months_after,
           CAST(r.responded_on AS TEXT),
           v.measure_id, v.value_text, v.value_int
         FROM outcome_values v JOIN outcome_responses r ON r.id = v.response_id
         JOIN outcome_waves w ON w.id = r.wave_id JOIN fellows f ON f.id = r.fellow_id
         JOIN cohorts c ON c.id = f.cohort_id LEFT JOIN host_organisations h ON h.id = f.host_id
         JOIN outcome_measures m ON m.id = v.measure_id
         ORDER BY c.start_date, f.id, w.months_after, m.position",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut salt = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    let fellow = |id: i64| -> Cell {
        if input.pseudonymise {
            let mut mac = Hmac::<Sha256>::new_from_slice(&salt).expect("any key length");
            mac.update(id.to_string().as_bytes());
            Cell::text(data_encoding::HEXLOWER.encode(&mac.finalize().into_bytes()[..8]))
        } else {
            Cell::int(id)
        }
    };
    let mut w = CsvOut::new(COLUMNS.map(|c| c.0));
    for (id, cohort, start, profession, host, wave, months, on, measure_id, text, int) in rows {
        let Some(m) = measures.iter().find(|m| m.id == measure_id) else {
            continue;
        };
        // Counts and scale points are numbers; yes/no, choices and text are text.
        let value = match (text, int) {
            (Some(t), _) => Cell::text(t),
            (None, Some(n)) if m.value_type != ValueType::YesNo => Cell::int(n),
            (None, Some(n)) => Cell::text(Stored::Int(n).display(m)),
            (None, None) => continue,
        };
        w.row([
            fellow(id),
            cohort.into(),
            start.into(),
            profession.into(),
            host.into(),
            wave.into(),
            months.into(),
            on.into(),
            m.code.as_str().into(),
            m.category.code().into(),
            m.kirkpatrick.code().into(),
            value,
        ]);
    }
    let bytes = w.into_bytes();
    let today = chrono::Utc::now().date_naive();
    Ok(Document::new(
        format!(
            "fellowship-outcomes-{today}{}.csv",
            if input.pseudonymise {
                "-pseudonymised"
            } else {
                ""
            }
        ),
        "text/csv",
        &bytes,
    ))
}

pub async fn data_dictionary(db: &Db, actor: &Actor) -> Result<Document> {
    require_faculty(actor)?;
    let measures = measures(db).await?;
    let waves = waves(db).await?;
    let dictionary = json!({
        "file": "fellowship-outcomes-<date>.csv: one row per alumnus, follow-up wave and measure answered (long format). Unanswered measures have no row.",
        "columns": COLUMNS.iter().map(|(name, description)| json!({"name": name, "description": description})).collect::<Vec<_>>(),
        "measures": measures.iter().map(|m| json!({
            "code": m.code,
            "name": m.name,
            "category": m.category.code(),
            "category_label": m.category.label(),
            "kirkpatrick": m.kirkpatrick.code(),
            "kirkpatrick_label": m.kirkpatrick.label(),
            "value_type": m.value_type.code(),
            "value_type_label": m.value_type.label(),
            "choices": if m.value_type == ValueType::Choice { json!(m.choices) } else { json!(null) },
            "scale": if m.value_type == ValueType::Scale {
                json!({"from": 1, "to": m.scale_points, "low_label": m.scale_low, "high_label": m.scale_high})
            } else { json!(null) },
            "retired": m.retired,
        })).collect::<Vec<_>>(),
        "waves": waves.iter().map(|w| json!({"name": w.name, "months_after": w.months_after})).collect::<Vec<_>>(),
        "codes": {
            "profession": Profession::options(),
            "category": Category::options(),
            "kirkpatrick": Kirkpatrick::options(),
        },
    });
    let text = serde_json::to_string_pretty(&dictionary)
        .map_err(|e| ApiError::internal(format!("Could not write the data dictionary: {e}")))?;
    Ok(Document::new(
        "fellowship-outcomes-data-dictionary.json".into(),
        "application/json",
        text.as_bytes(),
    ))
}
