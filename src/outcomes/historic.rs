//! Bringing in earlier cohorts from a spreadsheet, so a programme with years of history starts
//! with it: one row per fellow, naming their cohort (with its dates) and host organisation, which
//! are created when new. All or nothing: a preview names every problem row and column, and the
//! import runs in one transaction. Their outcomes then come in through the wave import.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::import::{refusal, ImportProblem};
use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::csv_io::{self, Cell, CsvOut};
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Result};
use crate::pdf::Document;
use crate::programme::fellows::{FellowStatus, Profession, ProfessionalBody};
use crate::programme::hosts::HostKind;
use crate::programme::programmes::current_id;
use crate::validate::email_ok;

/// The columns of the historic import, in the template's order, with what each holds.
pub const COLUMNS: [(&str, &str); 11] = [
    ("cohort", "The cohort's name, e.g. 2018/19"),
    ("cohort_start", "The first day of the cohort's year (YYYY-MM-DD or DD/MM/YYYY)"),
    ("cohort_end", "The last day of the cohort's year"),
    ("name", "The fellow's full name"),
    ("email", "The fellow's email address"),
    ("profession", "medicine, nursing, midwifery, pharmacy, allied_health, healthcare_science, dentistry or other"),
    ("professional_body", "GMC, NMC, HCPC, GPhC, GDC, AHCS or other"),
    ("registration_number", "The registration number with that body"),
    ("host", "The host organisation's name (empty if none)"),
    ("host_kind", "nhs_trust, integrated_care_board, primary_care_network, gp_federation, local_authority, charity or other (for a new host)"),
    ("status", "completed or withdrawn (empty means completed)"),
];

#[derive(Debug, Clone, Deserialize, TS)]
pub struct HistoricImportInput {
    pub file_name: String,
    pub csv: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HistoricPreview {
    pub rows: i64,
    pub new_cohorts: Vec<String>,
    pub new_hosts: Vec<String>,
    pub problems: Vec<ImportProblem>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HistoricResult {
    pub fellows: i64,
    pub cohorts: i64,
    pub hosts: i64,
}

struct Row {
    cohort: String,
    start: NaiveDate,
    end: NaiveDate,
    name: String,
    email: String,
    profession: Profession,
    body: ProfessionalBody,
    registration: String,
    host: Option<(String, HostKind)>,
    status: FellowStatus,
}

fn date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"))
        .ok()
}

fn code_or_label<T: Copy>(
    all: &[T],
    v: &str,
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Option<T> {
    let v = v.trim();
    all.iter()
        .copied()
        .find(|x| code(*x).eq_ignore_ascii_case(v) || label(*x).eq_ignore_ascii_case(v))
}

struct Checked {
    preview: HistoricPreview,
    rows: Vec<Row>,
}

async fn check(db: &Db, input: &HistoricImportInput) -> Result<Checked> {
    // Cells our own export neutralised come back as they were typed.
    let mut rows_in = csv_io::read(&input.csv);
    let header: Vec<String> = rows_in
        .header()
        .ok_or_else(|| ApiError::field("csv", "The file could not be read as CSV."))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let mut problems = vec![];
    let col = |name: &str| header.iter().position(|h| h == name);
    for (name, _) in COLUMNS
        .iter()
        .filter(|(n, _)| !matches!(*n, "host" | "host_kind" | "status"))
    {
        if col(name).is_none() {
            problems.push(ImportProblem {
                line: 1,
                column: (*name).into(),
                message: format!("The file has no \"{name}\" column; see the template."),
            });
        }
    }
    // Looked up by key for each row: a file of 100,000 rows against a programme of as many.
    let cohorts: HashMap<String, (NaiveDate, NaiveDate)> =
        crate::db::query_as::<(String, NaiveDate, NaiveDate)>(
            "SELECT name, start_date, end_date FROM cohorts",
        )
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|(name, start, end)| (name, (start, end)))
        .collect();
    let hosts: HashSet<String> =
        crate::db::query_scalar::<String>("SELECT name FROM host_organisations")
            .fetch_all(&db.pool)
            .await?
            .into_iter()
            .collect();
    let registered: HashSet<(String, String)> =
        crate::db::query_as("SELECT professional_body, upper(registration_number) FROM fellows")
            .fetch_all(&db.pool)
            .await?
            .into_iter()
            .collect();
    let mut rows = vec![];
    let mut count = 0;
    let mut seen: HashMap<(String, String), i64> = HashMap::new();
    let mut file_cohorts: HashMap<String, (NaiveDate, NaiveDate, i64)> = HashMap::new();
    let mut new_cohorts = vec![];
    let mut new_hosts: Vec<String> = vec![];
    let mut new_host_names: HashSet<String> = HashSet::new();
    if problems.is_empty() {
        for csv_io::Row { line, record } in rows_in {
            let Some(record) = record else {
                problems.push(ImportProblem {
                    line,
                    column: String::new(),
                    message: "A line could not be read as CSV.".into(),
                });
                continue;
            };
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            count += 1;
            let get = |name: &str| {
                col(name)
                    .and_then(|i| record.get(i))
                    .unwrap_or("")
                    .trim()
                    .to_owned()
            };
            let mut fail = |column: &str, message: String| {
                problems.push(ImportProblem {
                    line,
                    column: column.into(),
                    message,
                })
            };
            let cohort = get("cohort");
            if cohort.is_empty() {
                fail("cohort", "The cohort is missing.".into());
            }
            let start = date(&get("cohort_start"));
            let end = date(&get("cohort_end"));
            if start.is_none() {
                fail(
                    "cohort_start",
                    format!("\"{}\" is not a date like 2018-09-01.", get("cohort_start")),
                );
            }
            if end.is_none() {
                fail(
                    "cohort_end",
                    format!("\"{}\" is not a date like 2019-08-31.", get("cohort_end")),
                );
            }
            if let (Some(s), Some(e)) = (start, end) {
                if e <= s {
                    fail("cohort_end", "The cohort must end after it starts.".into());
                }
                if let Some((cs, ce)) = cohorts.get(&cohort) {
                    if (*cs, *ce) != (s, e) {
                        fail(
                            "cohort_start",
                            format!(
                                "The cohort {cohort} already exists with the dates {cs} to {ce}."
                            ),
                        );
                    }
                } else {
                    match file_cohorts.get(&cohort) {
                        Some((fs, fe, first)) if (*fs, *fe) != (s, e) => fail(
                            "cohort_start",
                            format!("Line {first} gives the cohort {cohort} other dates."),
                        ),
                        Some(_) => {}
                        None => {
                            file_cohorts.insert(cohort.clone(), (s, e, line));
                            new_cohorts.push(cohort.clone());
                        }
                    }
                }
            }
            let name = get("name");
            if name.is_empty() {
                fail("name", "The fellow's name is missing.".into());
            }
            let email = get("email");
            if !email_ok(&email) {
                fail("email", format!("\"{email}\" is not an email address."));
            }
            let profession = code_or_label(
                Profession::ALL,
                &get("profession"),
                Profession::code,
                Profession::label,
            );
            if profession.is_none() {
                fail(
                    "profession",
                    format!("\"{}\" is not a profession in the list.", get("profession")),
                );
            }
            let body = code_or_label(
                ProfessionalBody::ALL,
                &get("professional_body"),
                ProfessionalBody::code,
                ProfessionalBody::label,
            );
            if body.is_none() {
                fail(
                    "professional_body",
                    format!(
                        "\"{}\" is not a professional body in the list.",
                        get("professional_body")
                    ),
                );
            }
            let registration = get("registration_number").to_uppercase();
            if registration.is_empty() {
                fail(
                    "registration_number",
                    "The registration number is missing.".into(),
                );
            } else if let Some(b) = body {
                let key = (b.code().to_owned(), registration.clone());
                if registered.contains(&key) {
                    fail(
                        "registration_number",
                        format!(
                            "A fellow with {} number {registration} is already recorded.",
                            b.code()
                        ),
                    );
                } else if let Some(first) = seen.insert(key, line) {
                    fail(
                        "registration_number",
                        format!("Line {first} has the same registration number."),
                    );
                }
            }
            let host_name = get("host");
            let host = if host_name.is_empty() {
                None
            } else {
                let known = hosts.contains(&host_name) || new_host_names.contains(&host_name);
                let kind_text = get("host_kind");
                let kind = if kind_text.is_empty() {
                    Some(HostKind::Other)
                } else {
                    code_or_label(HostKind::ALL, &kind_text, HostKind::code, HostKind::label)
                };
                if kind.is_none() {
                    fail(
                        "host_kind",
                        format!("\"{kind_text}\" is not a kind of host organisation in the list."),
                    );
                }
                if !known {
                    new_host_names.insert(host_name.clone());
                    new_hosts.push(host_name.clone());
                }
                kind.map(|k| (host_name, k))
            };
            let status = match get("status").to_lowercase().as_str() {
                "" | "completed" => Some(FellowStatus::Completed),
                "withdrawn" => Some(FellowStatus::Withdrawn),
                other => {
                    fail(
                        "status",
                        format!("\"{other}\" is not completed or withdrawn."),
                    );
                    None
                }
            };
            if let (Some(start), Some(end), Some(profession), Some(body), Some(status)) =
                (start, end, profession, body, status)
            {
                rows.push(Row {
                    cohort,
                    start,
                    end,
                    name,
                    email,
                    profession,
                    body,
                    registration,
                    host,
                    status,
                });
            }
        }
        if count == 0 {
            problems.push(ImportProblem {
                line: 2,
                column: String::new(),
                message: "The file has no fellows in it.".into(),
            });
        }
    }
    Ok(Checked {
        preview: HistoricPreview {
            rows: count,
            new_cohorts,
            new_hosts,
            problems,
        },
        rows,
    })
}

pub async fn preview(
    db: &Db,
    actor: &Actor,
    input: HistoricImportInput,
) -> Result<HistoricPreview> {
    require_faculty(actor)?;
    Ok(check(db, &input).await?.preview)
}

pub async fn import(db: &Db, actor: &Actor, input: HistoricImportInput) -> Result<HistoricResult> {
    require_faculty(actor)?;
    let checked = check(db, &input).await?;
    if let Some(e) = refusal(&checked.preview.problems, &input.file_name) {
        return Err(e);
    }
    let programme = current_id(db).await?;
    let now = now_stamp();
    let mut tx = db.begin().await?;
    let mut cohort_ids: HashMap<String, i64> = HashMap::new();
    let mut host_ids: HashMap<String, i64> = HashMap::new();
    let (mut new_cohorts, mut new_hosts) = (0, 0);
    let mut placed = Vec::with_capacity(checked.rows.len());
    for r in &checked.rows {
        let cohort = match cohort_ids.get(&r.cohort) {
            Some(id) => *id,
            None => {
                let existing: Option<(i64,)> =
                    crate::db::query_as("SELECT id FROM cohorts WHERE name = ?")
                        .bind(&r.cohort)
                        .fetch_optional(&mut *tx)
                        .await?;
                let id = match existing {
                    Some((id,)) => id,
                    None => {
                        new_cohorts += 1;
                        crate::db::query_scalar::<i64>("INSERT INTO cohorts (programme_id, name, start_date, end_date) VALUES (?, ?, ?, ?) RETURNING id")
                            .bind(programme)
                            .bind(&r.cohort)
                            .bind(r.start)
                            .bind(r.end)
                            .fetch_one(&mut *tx).await?
                    }
                };
                cohort_ids.insert(r.cohort.clone(), id);
                id
            }
        };
        let host = match &r.host {
            None => None,
            Some((name, kind)) => Some(match host_ids.get(name) {
                Some(id) => *id,
                None => {
                    let existing: Option<(i64,)> =
                        crate::db::query_as("SELECT id FROM host_organisations WHERE name = ?")
                            .bind(name)
                            .fetch_optional(&mut *tx)
                            .await?;
                    let id = match existing {
                        Some((id,)) => id,
                        None => {
                            new_hosts += 1;
                            crate::db::query_scalar::<i64>("INSERT INTO host_organisations (programme_id, name, kind) VALUES (?, ?, ?) RETURNING id")
                                .bind(programme)
                                .bind(name)
                                .bind(kind.code())
                                .fetch_one(&mut *tx).await?
                        }
                    };
                    host_ids.insert(name.clone(), id);
                    id
                }
            }),
        };
        placed.push((r, cohort, host));
    }
    // Many fellows to a statement; RETURNING gives no order, so each id is matched back by the
    // registration the check made unique.
    for chunk in placed.chunks(crate::db::ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO fellows (programme_id, cohort_id, host_id, name, profession, professional_body, registration_number,
             email, status, created_at) VALUES {} RETURNING id, professional_body, registration_number",
            crate::db::placeholder_groups(chunk.len(), 10)
        );
        let mut q = crate::db::query_as::<(i64, String, String)>(&sql);
        for (r, cohort, host) in chunk {
            q = q
                .bind(programme)
                .bind(cohort)
                .bind(host)
                .bind(&r.name)
                .bind(r.profession.code())
                .bind(r.body.code())
                .bind(&r.registration)
                .bind(&r.email)
                .bind(r.status.code())
                .bind(&now);
        }
        let ids: HashMap<(String, String), i64> = q
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(id, body, registration)| ((body, registration), id))
            .collect();
        let mut history = vec![];
        for (r, _, _) in chunk {
            let id = ids
                .get(&(r.body.code().to_owned(), r.registration.clone()))
                .copied()
                .ok_or_else(|| ApiError::internal("An imported fellow was not saved."))?;
            history.push((id, FellowStatus::Active, r.start));
            history.push((id, r.status, r.end));
        }
        crate::programme::fellows::record_statuses(
            &mut tx,
            &history,
            "Imported from an earlier cohort's records",
            actor.user_id,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(HistoricResult {
        fellows: checked.rows.len() as i64,
        cohorts: new_cohorts,
        hosts: new_hosts,
    })
}

/// A CSV with the header row and one example line, to fill in.
pub async fn template(_db: &Db, actor: &Actor) -> Result<Document> {
    require_faculty(actor)?;
    let mut w = CsvOut::new(COLUMNS.map(|c| c.0));
    w.row(
        [
            "2018/19",
            "2018-09-01",
            "2019-08-31",
            "Alex Example",
            "alex.example@nhs.net",
            "medicine",
            "GMC",
            "7000001",
            "Example Hospitals NHS Trust",
            "nhs_trust",
            "completed",
        ]
        .map(Cell::text),
    );
    Ok(Document::new(
        "historic-cohort-template.csv".into(),
        "text/csv",
        &w.into_bytes(),
    ))
}
