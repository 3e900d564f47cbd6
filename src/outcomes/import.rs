//! Importing a wave's responses from a survey tool's CSV: the columns are mapped to the alumnus
//! (by email or registration number), the response date and the measures; a preview lists every
//! problem row before anything is saved; the import itself is all or nothing, in one transaction.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::follow_up::write_responses;
use super::{measures, parse_value, waves, OutcomeMeasure, Stored};
use crate::auth::access::{hidden, require_faculty};
use crate::auth::Actor;
use crate::csv_io;
use crate::db::Db;
use crate::error::{ApiError, Result};

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct ColumnMapping {
    pub column: String,
    /// "fellow_email", "registration_number", "responded_on", "measure:<code>", or "" to ignore.
    pub target: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutcomeImportInput {
    pub wave_id: i64,
    pub file_name: String,
    pub csv: String,
    /// Empty for the suggested mapping.
    pub mapping: Vec<ColumnMapping>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct ImportProblem {
    /// The row as a spreadsheet numbers it: the header is 1, a blank line is a row, and a cell
    /// with a line break in it does not start one.
    pub line: i64,
    pub column: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportTarget {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreview {
    pub columns: Vec<String>,
    pub mapping: Vec<ColumnMapping>,
    pub targets: Vec<ImportTarget>,
    pub rows: i64,
    /// Rows that would replace an earlier response in this wave.
    pub replaces: i64,
    pub problems: Vec<ImportProblem>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportResult {
    pub imported: i64,
    pub replaced: i64,
}

fn targets(measures: &[OutcomeMeasure]) -> Vec<ImportTarget> {
    let mut out = vec![
        ImportTarget {
            value: String::new(),
            label: "Ignore this column".into(),
        },
        ImportTarget {
            value: "fellow_email".into(),
            label: "Alumnus: email address".into(),
        },
        ImportTarget {
            value: "registration_number".into(),
            label: "Alumnus: registration number".into(),
        },
        ImportTarget {
            value: "responded_on".into(),
            label: "Date of the response".into(),
        },
    ];
    out.extend(
        measures
            .iter()
            .filter(|m| !m.retired)
            .map(|m| ImportTarget {
                value: format!("measure:{}", m.code),
                label: m.name.clone(),
            }),
    );
    out
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// A first guess at the mapping from the header names.
fn suggest(columns: &[String], measures: &[OutcomeMeasure]) -> Vec<ColumnMapping> {
    columns
        .iter()
        .map(|col| {
            let n = norm(col);
            let target = if n.contains("email") {
                "fellow_email".to_string()
            } else if n.contains("registration") || n == "gmc" || n == "nmc" || n == "pin" {
                "registration_number".into()
            } else if n == "date"
                || n.contains("responded")
                || n.contains("submitted")
                || n.contains("timestamp")
            {
                "responded_on".into()
            } else {
                measures
                    .iter()
                    .filter(|m| !m.retired)
                    .find(|m| norm(&m.code) == n || norm(&m.name) == n)
                    .map(|m| format!("measure:{}", m.code))
                    .unwrap_or_default()
            };
            ColumnMapping {
                column: col.clone(),
                target,
            }
        })
        .collect()
}

/// ISO dates, UK dates (31/12/2026) and survey-tool time stamps (the date part is kept).
fn parse_date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    let day = v.split([' ', 'T']).next().unwrap_or(v);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(day, "%d/%m/%Y"))
        .ok()
}

/// An import with problems is refused whole, naming how many and the first line and column.
pub(crate) fn refusal(problems: &[ImportProblem], file_name: &str) -> Option<ApiError> {
    let first = problems.first()?;
    let n = problems.len();
    let column = if first.column.is_empty() {
        String::new()
    } else {
        format!(", column \"{}\"", first.column)
    };
    Some(ApiError::field(
        "csv",
        format!(
            "Nothing was imported: {n} problem{} in {file_name}. Line {}{column}: {}",
            if n == 1 { "" } else { "s" },
            first.line,
            first.message
        ),
    ))
}

/// A row ready to write: the alumnus, the response date and the answers.
type ReadyRow = (i64, NaiveDate, Vec<(i64, Stored)>);

struct Checked {
    preview: ImportPreview,
    rows: Vec<ReadyRow>,
}

async fn check(db: &Db, input: &OutcomeImportInput) -> Result<Checked> {
    waves(db)
        .await?
        .into_iter()
        .find(|w| w.id == input.wave_id)
        .ok_or_else(hidden)?;
    let measures = measures(db).await?;
    // Cells our own export neutralised come back as they were typed.
    let mut rows_in = csv_io::read(&input.csv);
    let columns: Vec<String> = rows_in
        .header()
        .ok_or_else(|| ApiError::field("csv", "The file could not be read as CSV."))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    if columns.iter().all(|c| c.is_empty()) {
        return Err(ApiError::field(
            "csv",
            "The file is empty: it needs a header row and at least one row of answers.",
        ));
    }
    let mapping = if input.mapping.is_empty() {
        suggest(&columns, &measures)
    } else {
        input.mapping.clone()
    };
    let target_of = |i: usize| {
        mapping
            .iter()
            .find(|m| m.column == columns[i])
            .map(|m| m.target.as_str())
            .unwrap_or("")
    };
    let id_col = (0..columns.len())
        .find(|i| matches!(target_of(*i), "fellow_email" | "registration_number"));
    let mut problems = vec![];
    if id_col.is_none() {
        problems.push(ImportProblem {
            line: 1,
            column: String::new(),
            message: "Map one column to the alumnus's email address or registration number.".into(),
        });
    }
    // Each row's alumnus is looked up by key: a wave of 100,000 rows against as many fellows.
    let fellows: Vec<(i64, String, String)> = crate::db::query_as(
        "SELECT id, lower(email), upper(registration_number) FROM fellows ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    // The first fellow holding a key wins, as a scan in id order would find.
    let (mut by_email, mut by_registration) = (HashMap::new(), HashMap::new());
    for (id, email, registration) in &fellows {
        by_email.entry(email.as_str()).or_insert(*id);
        by_registration.entry(registration.as_str()).or_insert(*id);
    }
    let existing: HashSet<i64> =
        crate::db::query_scalar::<i64>("SELECT fellow_id FROM outcome_responses WHERE wave_id = ?")
            .bind(input.wave_id)
            .fetch_all(&db.pool)
            .await?
            .into_iter()
            .collect();
    let today = chrono::Utc::now().date_naive();
    let mut seen: HashMap<i64, i64> = HashMap::new();
    let mut rows = vec![];
    let mut count = 0;
    for csv_io::Row { line, record } in rows_in {
        let Some(record) = record else {
            problems.push(ImportProblem {
                line,
                column: String::new(),
                message: "This line could not be read as CSV.".into(),
            });
            continue;
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        count += 1;
        let mut fellow = None;
        let mut on = today;
        let mut values = vec![];
        for (i, raw) in record.iter().enumerate().take(columns.len()) {
            let column = columns[i].clone();
            let mut fail = |message: String| {
                problems.push(ImportProblem {
                    line,
                    column: column.clone(),
                    message,
                })
            };
            match target_of(i) {
                "" => {}
                t @ ("fellow_email" | "registration_number") => {
                    if Some(i) != id_col {
                        continue;
                    }
                    let key = raw.trim();
                    let found = if t == "fellow_email" {
                        by_email.get(key.to_lowercase().as_str())
                    } else {
                        by_registration.get(key.to_uppercase().as_str())
                    };
                    match found {
                        None if key.is_empty() => fail("The alumnus is missing.".into()),
                        None => fail(format!(
                            "No fellow has {} \"{key}\".",
                            if t == "fellow_email" {
                                "the email"
                            } else {
                                "the registration number"
                            }
                        )),
                        Some(&f) => match seen.insert(f, line) {
                            Some(earlier) => {
                                fail(format!("This alumnus is also on line {earlier}."))
                            }
                            None => fellow = Some(f),
                        },
                    }
                }
                "responded_on" => match parse_date(raw) {
                    Some(d) if d <= today => on = d,
                    Some(_) => fail("The date is in the future.".into()),
                    None if raw.trim().is_empty() => {}
                    None => fail(format!(
                        "\"{}\" is not a date like 2026-09-01 or 01/09/2026.",
                        raw.trim()
                    )),
                },
                t => match t
                    .strip_prefix("measure:")
                    .and_then(|code| measures.iter().find(|m| m.code == code))
                {
                    None => fail(format!("\"{t}\" is not a measure.")),
                    Some(m) => match parse_value(m, raw) {
                        Ok(Some(v)) => values.push((m.id, v)),
                        Ok(None) => {}
                        Err(e) => fail(e),
                    },
                },
            }
        }
        if let Some(f) = fellow {
            rows.push((f, on, values));
        }
    }
    if count == 0 {
        problems.push(ImportProblem {
            line: 2,
            column: String::new(),
            message: "The file has no rows of answers.".into(),
        });
    }
    let replaces = rows.iter().filter(|r| existing.contains(&r.0)).count() as i64;
    Ok(Checked {
        preview: ImportPreview {
            columns,
            targets: targets(&measures),
            mapping,
            rows: count,
            replaces,
            problems,
        },
        rows,
    })
}

pub async fn preview(db: &Db, actor: &Actor, input: OutcomeImportInput) -> Result<ImportPreview> {
    require_faculty(actor)?;
    Ok(check(db, &input).await?.preview)
}

/// Imports every row or none: any problem refuses the whole file, naming its first line.
pub async fn import(db: &Db, actor: &Actor, input: OutcomeImportInput) -> Result<ImportResult> {
    require_faculty(actor)?;
    let checked = check(db, &input).await?;
    if let Some(e) = refusal(&checked.preview.problems, &input.file_name) {
        return Err(e);
    }
    let rows: Vec<_> = checked
        .rows
        .iter()
        .map(|(fellow, on, values)| (*fellow, *on, values.as_slice()))
        .collect();
    let mut tx = db.begin().await?;
    write_responses(&mut tx, input.wave_id, "imported", actor.user_id, &rows).await?;
    tx.commit().await?;
    Ok(ImportResult {
        imported: checked.rows.len() as i64,
        replaced: checked.preview.replaces,
    })
}
