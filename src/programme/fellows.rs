//! Fellows: the clinicians taking the fellowship year, with their registration, cohort, host
//! and a dated history of their status.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::{fellow_scope, hidden, require_faculty};
use crate::auth::Actor;
use crate::codes::code_enum;
use crate::db::conditions::{Arg, Where};
use crate::db::{now_stamp, Db, Tx};
use crate::error::{ApiError, Checks, Result};
use crate::programme::programmes::current_id;
use crate::validate::{date, email_ok, required};

code_enum! {
    Profession {
        Medicine = "medicine": "Medicine",
        Nursing = "nursing": "Nursing",
        Midwifery = "midwifery": "Midwifery",
        Pharmacy = "pharmacy": "Pharmacy",
        AlliedHealth = "allied_health": "Allied health professions",
        HealthcareScience = "healthcare_science": "Healthcare science",
        Dentistry = "dentistry": "Dentistry",
        Psychology = "psychology": "Psychology",
        Paramedicine = "paramedicine": "Paramedicine",
    }
}

code_enum! {
    ProfessionalBody {
        Gmc = "GMC": "GMC (General Medical Council)",
        Nmc = "NMC": "NMC (Nursing and Midwifery Council)",
        Hcpc = "HCPC": "HCPC (Health and Care Professions Council)",
        Gphc = "GPhC": "GPhC (General Pharmaceutical Council)",
        Gdc = "GDC": "GDC (General Dental Council)",
        Ahcs = "AHCS": "AHCS (Academy for Healthcare Science)",
        Other = "other": "Other",
    }
}

code_enum! {
    FellowStatus {
        Applicant = "applicant": "Applicant",
        Active = "active": "Active",
        Interrupted = "interrupted": "Interrupted",
        Completed = "completed": "Completed",
        Withdrawn = "withdrawn": "Withdrawn",
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Fellow {
    pub id: i64,
    pub name: String,
    pub profession: Profession,
    pub professional_body: ProfessionalBody,
    pub registration_number: String,
    pub email: String,
    pub cohort_id: i64,
    pub cohort_name: String,
    pub host_id: Option<i64>,
    pub host_name: Option<String>,
    pub status: FellowStatus,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StatusEntry {
    pub status: FellowStatus,
    pub effective_date: NaiveDate,
    pub note: String,
    pub changed_by: Option<String>,
    pub changed_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FellowProfile {
    pub fellow: Fellow,
    pub history: Vec<StatusEntry>,
}

/// The fellow form. Coded fields arrive as strings so that "not chosen" is a field message.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct FellowInput {
    pub id: Option<i64>,
    pub name: String,
    pub profession: String,
    pub professional_body: String,
    pub registration_number: String,
    pub email: String,
    pub cohort_id: Option<i64>,
    pub host_id: Option<i64>,
    /// Only used when creating: the first status and the date it took effect.
    pub status: String,
    pub status_date: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct FellowFilter {
    /// Matches name, email or registration number.
    pub search: Option<String>,
    pub cohort_id: Option<i64>,
    pub profession: Option<Profession>,
    pub host_id: Option<i64>,
    pub status: Option<FellowStatus>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct StatusChangeInput {
    pub fellow_id: i64,
    pub status: String,
    pub effective_date: String,
    pub note: String,
}

#[derive(sqlx::FromRow, Deserialize)]
pub(super) struct Row {
    id: i64,
    name: String,
    profession: String,
    professional_body: String,
    registration_number: String,
    email: String,
    cohort_id: i64,
    cohort_name: String,
    host_id: Option<i64>,
    host_name: Option<String>,
    status: String,
}

impl Row {
    pub(super) fn into_fellow(self) -> Result<Fellow> {
        Ok(Fellow {
            id: self.id,
            name: self.name,
            profession: Profession::stored(&self.profession)?,
            professional_body: ProfessionalBody::stored(&self.professional_body)?,
            registration_number: self.registration_number,
            email: self.email,
            cohort_id: self.cohort_id,
            cohort_name: self.cohort_name,
            host_id: self.host_id,
            host_name: self.host_name,
            status: FellowStatus::stored(&self.status)?,
        })
    }
}

pub(super) const SELECT: &str = "SELECT f.id, f.name, f.profession, f.professional_body, f.registration_number, f.email,
    f.cohort_id, c.name AS cohort_name, f.host_id, h.name AS host_name, f.status
    FROM fellows f JOIN cohorts c ON c.id = f.cohort_id LEFT JOIN host_organisations h ON h.id = f.host_id";

/// Registration numbers are compared without spaces and case, as registers print them variously.
pub fn normalise_registration(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

/// The fellows the actor may see that match the filter, as a WHERE clause over `fellows f`:
/// the reader's scope and only the conditions chosen.
pub(super) fn filtered(actor: &Actor, filter: &FellowFilter) -> Where {
    let (scope, arg) = fellow_scope(actor);
    let mut w = Where::scope(scope, arg);
    if let Some(search) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let (condition, value) = super::fellow_search::condition(search);
        w.and(condition, value);
    }
    if let Some(cohort) = filter.cohort_id {
        w.and("f.cohort_id = ?", Arg::Int(Some(cohort)));
    }
    if let Some(p) = filter.profession {
        w.and("f.profession = ?", Arg::Text(p.code().into()));
    }
    if let Some(host) = filter.host_id {
        w.and("f.host_id = ?", Arg::Int(Some(host)));
    }
    if let Some(s) = filter.status {
        w.and("f.status = ?", Arg::Text(s.code().into()));
    }
    w
}

/// One page of the filtered fellows by name. The page's ids are found first, from the
/// (lower(name), id) index, and only its 50 rows are joined to their cohort and host: a deep page
/// does not build every row before it only to skip them.
fn page_sql(w: &Where, offset: i64) -> String {
    format!(
        "{SELECT} WHERE f.id IN (SELECT f.id FROM fellows f WHERE {}
           ORDER BY lower(f.name), f.id LIMIT {PAGE_SIZE} OFFSET {})
         ORDER BY lower(f.name), f.id",
        w.sql(),
        offset
    )
}

/// `Row`'s columns in order, as `SELECT` names them.
const COLUMNS: &[&str] = &[
    "id",
    "name",
    "profession",
    "professional_body",
    "registration_number",
    "email",
    "cohort_id",
    "cohort_name",
    "host_id",
    "host_name",
    "status",
];

/// Every fellow the actor may see that matches the filter, by name: for exports (a national
/// scheme's 40,000 come as one JSON text, `db::json_rows`, not row by row); screens use `page`.
pub async fn list(db: &Db, actor: &Actor, filter: FellowFilter) -> Result<Vec<Fellow>> {
    let w = filtered(actor, &filter);
    let sql = format!("{SELECT} WHERE {} ORDER BY lower(f.name), f.id", w.sql());
    let sql = crate::db::json_rows::json_rows_sql(&sql, COLUMNS);
    let rows: Vec<Row> = crate::db::json_rows::fetch(w.bind(crate::db::query_as(&sql)), db).await?;
    rows.into_iter()
        .map(Row::into_fellow)
        .collect::<Result<_>>()
}

/// Rows on one page of the fellows list.
pub const PAGE_SIZE: i64 = crate::db::paging::PAGE_SIZE;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FellowPageInput {
    pub filter: FellowFilter,
    /// Counting from 1; a page past the last gives the last.
    pub page: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FellowPage {
    pub fellows: Vec<Fellow>,
    /// Every fellow matching the filter, on all pages.
    pub total: i64,
    /// The page given, which may be nearer than the one asked for.
    pub page: i64,
    pub page_size: i64,
}

/// One page of the fellows the actor may see that match the filter, by name, with how many
/// match in all: a programme of 40,000 fellows sends 50, not 40,000.
pub async fn page(db: &Db, actor: &Actor, input: FellowPageInput) -> Result<FellowPage> {
    let w = filtered(actor, &input.filter);
    let count_sql = format!("SELECT count(*) FROM fellows f WHERE {}", w.sql());
    let (total,): (i64,) = w
        .bind(crate::db::query_as(&count_sql))
        .fetch_one(&db.pool)
        .await?;
    let (page, offset) = crate::db::paging::page_of(input.page, total);
    let sql = page_sql(&w, offset);
    let rows: Vec<Row> = w
        .bind(crate::db::query_as(&sql))
        .fetch_all(&db.pool)
        .await?;
    Ok(FellowPage {
        fellows: rows
            .into_iter()
            .map(Row::into_fellow)
            .collect::<Result<_>>()?,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<FellowProfile> {
    let (scope, arg) = fellow_scope(actor);
    let row: Option<Row> = crate::db::query_as(&format!("{SELECT} WHERE f.id = ? AND {scope}"))
        .bind(id)
        .bind(arg)
        .fetch_optional(&db.pool)
        .await?;
    let fellow = row.ok_or_else(hidden)?.into_fellow()?;
    let history: Vec<(String, NaiveDate, String, Option<String>, String)> = crate::db::query_as(
        "SELECT s.status, s.effective_date, s.note, u.name, s.changed_at FROM fellow_status_history s
         LEFT JOIN users u ON u.id = s.changed_by WHERE s.fellow_id = ? ORDER BY s.effective_date DESC, s.id DESC",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let history = history
        .into_iter()
        .map(|(status, effective_date, note, changed_by, changed_at)| {
            Ok(StatusEntry {
                status: FellowStatus::stored(&status)?,
                effective_date,
                note,
                changed_by,
                changed_at,
            })
        })
        .collect::<Result<_>>()?;
    Ok(FellowProfile { fellow, history })
}

/// When the fellow's personal data was erased, if it was.
pub(crate) async fn erased_at(db: &Db, fellow_id: i64) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> =
        crate::db::query_as("SELECT erased_at FROM fellows WHERE id = ?")
            .bind(fellow_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.ok_or_else(hidden)?.0)
}

/// An erased fellow's record keeps only what the figures need and cannot be filled in again.
async fn not_erased(db: &Db, id: i64) -> Result<()> {
    if erased_at(db, id).await?.is_some() {
        return Err(ApiError::conflict(
            "name",
            "This fellow's personal data has been erased; the record can no longer be changed.",
        ));
    }
    Ok(())
}

pub(crate) async fn exists(tx: &mut Tx, id: i64) -> Result<()> {
    let found: Option<(i64,)> = crate::db::query_as("SELECT id FROM fellows WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    found.map(|_| ()).ok_or_else(hidden)
}

struct Checked {
    profession: Profession,
    body: ProfessionalBody,
    registration: String,
    cohort_id: i64,
    status: FellowStatus,
    status_date: NaiveDate,
}

fn check(input: &FellowInput) -> Result<Checked> {
    let mut c = Checks::new();
    required(&mut c, "name", &input.name, "Enter the fellow's full name.");
    let profession = Profession::parse(&input.profession);
    if profession.is_none() {
        c.fail("profession", "Choose the fellow's profession.");
    }
    let body = ProfessionalBody::parse(&input.professional_body);
    if body.is_none() {
        c.fail(
            "professional_body",
            "Choose the professional body the fellow is registered with.",
        );
    }
    let registration = normalise_registration(&input.registration_number);
    if registration.is_empty() {
        c.fail(
            "registration_number",
            "Enter the professional registration number.",
        );
    } else if !registration.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        c.fail(
            "registration_number",
            "A registration number has only letters and digits.",
        );
    }
    if !email_ok(&input.email) {
        c.fail(
            "email",
            "Enter an email address in the right format, like name@nhs.net.",
        );
    }
    if input.cohort_id.is_none() {
        c.fail("cohort_id", "Choose the fellow's cohort.");
    }
    let mut status = Some(FellowStatus::Applicant);
    let mut status_date = None;
    if input.id.is_none() {
        status = FellowStatus::parse(&input.status);
        if status.is_none() {
            c.fail("status", "Choose the fellow's status.");
        }
        status_date = date(
            &mut c,
            "status_date",
            &input.status_date,
            "date the status took effect",
        );
    }
    c.finish()?;
    Ok(Checked {
        profession: profession.unwrap_or(Profession::Medicine),
        body: body.unwrap_or(ProfessionalBody::Other),
        registration,
        cohort_id: input.cohort_id.unwrap_or_default(),
        status: status.unwrap_or(FellowStatus::Applicant),
        status_date: status_date.unwrap_or_default(),
    })
}

pub async fn save(db: &Db, actor: &Actor, input: FellowInput) -> Result<FellowProfile> {
    require_faculty(actor)?;
    if let Some(id) = input.id {
        not_erased(db, id).await?;
    }
    let ok = check(&input)?;
    let programme = current_id(db).await?;
    let mut tx = db.begin().await?;
    let cohort: Option<(i64,)> =
        crate::db::query_as("SELECT id FROM cohorts WHERE id = ? AND programme_id = ?")
            .bind(ok.cohort_id)
            .bind(programme)
            .fetch_optional(&mut *tx)
            .await?;
    if cohort.is_none() {
        return Err(ApiError::field("cohort_id", "That cohort does not exist."));
    }
    if let Some(host) = input.host_id {
        let found: Option<(i64,)> = crate::db::query_as(
            "SELECT id FROM host_organisations WHERE id = ? AND programme_id = ?",
        )
        .bind(host)
        .bind(programme)
        .fetch_optional(&mut *tx)
        .await?;
        if found.is_none() {
            return Err(ApiError::field(
                "host_id",
                "That host organisation does not exist.",
            ));
        }
    }
    let clash: Option<(String,)> = crate::db::query_as(
        "SELECT name FROM fellows WHERE programme_id = ? AND professional_body = ? AND registration_number = ? AND id IS DISTINCT FROM ?",
    )
    .bind(programme)
    .bind(ok.body.code())
    .bind(&ok.registration)
    .bind(input.id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((other,)) = clash {
        return Err(ApiError::conflict(
            "registration_number",
            format!(
                "{} number {} is already recorded for {other} in this programme.",
                ok.body.code(),
                ok.registration
            ),
        ));
    }
    let id = match input.id {
        Some(id) => {
            let done = crate::db::query(
                "UPDATE fellows SET name = ?, profession = ?, professional_body = ?, registration_number = ?, email = ?,
                 cohort_id = ?, host_id = ? WHERE id = ? AND programme_id = ?",
            )
            .bind(input.name.trim())
            .bind(ok.profession.code())
            .bind(ok.body.code())
            .bind(&ok.registration)
            .bind(input.email.trim())
            .bind(ok.cohort_id)
            .bind(input.host_id)
            .bind(id)
            .bind(programme)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(hidden());
            }
            id
        }
        None => {
            let id = crate::db::query_scalar::<i64>(
                "INSERT INTO fellows (programme_id, cohort_id, host_id, name, profession, professional_body,
                 registration_number, email, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(programme)
            .bind(ok.cohort_id)
            .bind(input.host_id)
            .bind(input.name.trim())
            .bind(ok.profession.code())
            .bind(ok.body.code())
            .bind(&ok.registration)
            .bind(input.email.trim())
            .bind(ok.status.code())
            .bind(now_stamp())
            .fetch_one(&mut *tx).await?;
            record_status(
                &mut tx,
                id,
                ok.status,
                ok.status_date,
                "Record created",
                actor.user_id,
            )
            .await?;
            id
        }
    };
    tx.commit().await?;
    get(db, actor, id).await
}

/// Records one dated status change (see `record_statuses`).
pub(crate) async fn record_status(
    tx: &mut Tx,
    fellow: i64,
    status: FellowStatus,
    date: NaiveDate,
    note: &str,
    by: i64,
) -> Result<()> {
    record_statuses(tx, &[(fellow, status, date)], note, by).await
}

/// The one writer of fellows' status history: dated status changes, many to a statement (the
/// import of earlier cohorts writes thousands).
pub(crate) async fn record_statuses(
    tx: &mut Tx,
    changes: &[(i64, FellowStatus, NaiveDate)],
    note: &str,
    by: i64,
) -> Result<()> {
    let now = now_stamp();
    for chunk in changes.chunks(crate::db::ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO fellow_status_history (fellow_id, status, effective_date, note, changed_by, changed_at) VALUES {}",
            crate::db::placeholder_groups(chunk.len(), 6)
        );
        let mut q = crate::db::query(&sql);
        for (fellow, status, date) in chunk {
            q = q
                .bind(fellow)
                .bind(status.code())
                .bind(date)
                .bind(note.trim())
                .bind(by)
                .bind(&now);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Records a dated status change. The fellow's current status is the one with the latest
/// effective date, so back-dated corrections land in the right place in the history.
pub async fn change_status(
    db: &Db,
    actor: &Actor,
    input: StatusChangeInput,
) -> Result<FellowProfile> {
    require_faculty(actor)?;
    not_erased(db, input.fellow_id).await?;
    let mut c = Checks::new();
    let status = FellowStatus::parse(&input.status);
    if status.is_none() {
        c.fail("status", "Choose the new status.");
    }
    let when = date(
        &mut c,
        "effective_date",
        &input.effective_date,
        "date the change took effect",
    );
    c.finish()?;
    let (status, when) = (
        status.unwrap_or(FellowStatus::Applicant),
        when.unwrap_or_default(),
    );
    let mut tx = db.begin().await?;
    exists(&mut tx, input.fellow_id).await?;
    record_status(
        &mut tx,
        input.fellow_id,
        status,
        when,
        &input.note,
        actor.user_id,
    )
    .await?;
    crate::db::query(
        "UPDATE fellows SET status = (SELECT status FROM fellow_status_history WHERE fellow_id = ?1
         ORDER BY effective_date DESC, id DESC LIMIT 1) WHERE id = ?1",
    )
    .bind(input.fellow_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    get(db, actor, input.fellow_id).await
}

#[cfg(all(test, not(feature = "postgres")))]
#[tokio::test]
async fn a_page_of_fellows_is_read_in_name_order_from_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("plan.sqlite")).await.unwrap();
    // Faculty's scope, as `fellow_scope` gives it; no filter chosen.
    let plan: Vec<(i64, i64, i64, String)> = crate::db::query_as(&format!(
        "EXPLAIN QUERY PLAN {}",
        page_sql(&Where::scope("? IS NULL", None), 0)
    ))
    .bind(None::<String>)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    // The ids come in order from the index; only the page's own rows are sorted again.
    assert!(
        plan.iter().any(|p| p.3.contains("INDEX fellows_by_name"))
            && !plan
                .iter()
                .any(|p| p.3.starts_with("SCAN f") && !p.3.contains("INDEX")),
        "{plan:?}"
    );
}
