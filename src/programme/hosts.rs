//! Host organisations: where fellows spend their year, with the sponsor who owns the problem and
//! the workplace mentor who gives "air cover".

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::{hidden, host_scope, require_faculty};
use crate::auth::Actor;
use crate::codes::code_enum;
use crate::db::conditions::{Arg, Where};
use crate::db::Db;
use crate::error::{ApiError, Checks, Result};
use crate::programme::programmes::current_id;
use crate::validate::{email_ok, optional, required};

code_enum! {
    HostKind {
        NhsTrust = "nhs_trust": "NHS trust",
        IntegratedCareBoard = "integrated_care_board": "Integrated care board",
        PrimaryCareNetwork = "primary_care_network": "Primary care network",
        GpFederation = "gp_federation": "GP federation",
        LocalAuthority = "local_authority": "Local authority",
        Charity = "charity": "Charity",
        Other = "other": "Other",
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HostOrg {
    pub id: i64,
    pub name: String,
    pub kind: HostKind,
    pub ods_code: Option<String>,
    pub region: String,
    pub sponsor_name: String,
    pub sponsor_email: String,
    pub mentor_name: String,
    pub mentor_email: String,
    pub fellow_count: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct HostInput {
    pub id: Option<i64>,
    pub name: String,
    /// A code from `HostKind`; a string so that "not chosen" is a field message.
    pub kind: String,
    pub ods_code: Option<String>,
    pub region: String,
    pub sponsor_name: String,
    pub sponsor_email: String,
    pub mentor_name: String,
    pub mentor_email: String,
}

#[derive(sqlx::FromRow, serde::Deserialize)]
struct Row {
    id: i64,
    name: String,
    kind: String,
    ods_code: Option<String>,
    region: String,
    sponsor_name: String,
    sponsor_email: String,
    mentor_name: String,
    mentor_email: String,
    fellow_count: i64,
}

impl Row {
    fn into_host(self) -> Result<HostOrg> {
        Ok(HostOrg {
            id: self.id,
            name: self.name,
            kind: HostKind::stored(&self.kind)?,
            ods_code: self.ods_code,
            region: self.region,
            sponsor_name: self.sponsor_name,
            sponsor_email: self.sponsor_email,
            mentor_name: self.mentor_name,
            mentor_email: self.mentor_email,
            fellow_count: self.fellow_count,
        })
    }
}

const SELECT: &str = "SELECT h.id, h.name, h.kind, h.ods_code, h.region, h.sponsor_name, h.sponsor_email,
    h.mentor_name, h.mentor_email, (SELECT count(*) FROM fellows f WHERE f.host_id = h.id) AS fellow_count
    FROM host_organisations h";

/// `Row`'s columns in order, as `SELECT` names them.
const COLUMNS: &[&str] = &[
    "id",
    "name",
    "kind",
    "ods_code",
    "region",
    "sponsor_name",
    "sponsor_email",
    "mentor_name",
    "mentor_email",
    "fellow_count",
];

/// Faculty see every host; sponsors and mentors their own; a fellow their own host. For
/// exports and the few places that need them all, as one JSON text (`db::json_rows`).
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<HostOrg>> {
    let (scope, arg) = host_scope(actor);
    let sql = crate::db::json_rows::json_rows_sql(
        &format!("{SELECT} WHERE {scope} ORDER BY h.name"),
        COLUMNS,
    );
    let rows: Vec<Row> =
        crate::db::json_rows::fetch(crate::db::query_as(&sql).bind(arg), db).await?;
    rows.into_iter().map(Row::into_host).collect::<Result<_>>()
}

/// Host organisations on one page of the list.
pub const PAGE_SIZE: i64 = crate::db::paging::PAGE_SIZE;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct HostPageInput {
    /// Part of a name, region or ODS code; none for every host.
    pub search: Option<String>,
    /// Counting from 1; a page past the last gives the last.
    pub page: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HostPage {
    pub hosts: Vec<HostOrg>,
    /// Every host matching the search, on all pages.
    pub total: i64,
    /// The page given, which may be nearer than the one asked for.
    pub page: i64,
    pub page_size: i64,
}

/// The hosts the actor may see matching the search (if any), over `host_organisations h`.
fn filtered(actor: &Actor, search: Option<&str>) -> Where {
    let (scope, arg) = host_scope(actor);
    let mut w = Where::scope(scope, arg);
    if let Some(search) = search.map(str::trim).filter(|s| !s.is_empty()) {
        w.and(
            "(lower(h.name) LIKE lower(?) ESCAPE '\\' OR lower(h.region) LIKE lower(?) ESCAPE '\\'
              OR lower(h.ods_code) LIKE lower(?) ESCAPE '\\')",
            Arg::Text(crate::db::like_pattern(search)),
        );
    }
    w
}

/// One page of the host organisations the actor may see, by name, with how many match in all.
/// The page's ids are found first and only its rows count their fellows, so a national scheme's
/// 4,000 hosts send 50.
pub async fn page(db: &Db, actor: &Actor, input: HostPageInput) -> Result<HostPage> {
    let w = filtered(actor, input.search.as_deref());
    let (total,): (i64,) = w
        .bind(crate::db::query_as(&format!(
            "SELECT count(*) FROM host_organisations h WHERE {}",
            w.sql()
        )))
        .fetch_one(&db.pool)
        .await?;
    let (page, offset) = crate::db::paging::page_of(input.page, total);
    let sql = format!(
        "{SELECT} WHERE h.id IN (SELECT h.id FROM host_organisations h WHERE {}
           ORDER BY h.name, h.id LIMIT {PAGE_SIZE} OFFSET {})
         ORDER BY h.name, h.id",
        w.sql(),
        offset
    );
    let rows: Vec<Row> = w
        .bind(crate::db::query_as(&sql))
        .fetch_all(&db.pool)
        .await?;
    Ok(HostPage {
        hosts: rows
            .into_iter()
            .map(Row::into_host)
            .collect::<Result<_>>()?,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<HostOrg> {
    let (scope, arg) = host_scope(actor);
    let row: Option<Row> = crate::db::query_as(&format!("{SELECT} WHERE h.id = ? AND {scope}"))
        .bind(id)
        .bind(arg)
        .fetch_optional(&db.pool)
        .await?;
    row.ok_or_else(hidden)?.into_host()
}

fn check(input: &HostInput) -> Result<HostKind> {
    let mut c = Checks::new();
    required(
        &mut c,
        "name",
        &input.name,
        "Enter the organisation's name.",
    );
    let kind = HostKind::parse(&input.kind);
    if kind.is_none() {
        c.fail("kind", "Choose the kind of organisation.");
    }
    if let Some(ods) = optional(&input.ods_code) {
        if ods.len() < 3 || ods.len() > 10 || !ods.chars().all(|ch| ch.is_ascii_alphanumeric()) {
            c.fail(
                "ods_code",
                "An ODS code is 3 to 10 letters and digits, like RJ1 or QKK.",
            );
        }
    }
    for (field, value, who) in [
        ("sponsor_email", &input.sponsor_email, "sponsor"),
        ("mentor_email", &input.mentor_email, "mentor"),
    ] {
        if !value.trim().is_empty() && !email_ok(value) {
            c.fail(
                field,
                format!("Enter the {who}'s email address in the right format, like name@nhs.net."),
            );
        }
    }
    c.finish()?;
    Ok(kind.unwrap_or(HostKind::Other))
}

pub async fn save(db: &Db, actor: &Actor, input: HostInput) -> Result<HostOrg> {
    require_faculty(actor)?;
    let kind = check(&input)?;
    let programme = current_id(db).await?;
    let name = input.name.trim();
    let ods = optional(&input.ods_code).map(|s| s.to_uppercase());
    let mut tx = db.begin().await?;
    super::name_free(&mut tx, super::Named::Host, programme, name, input.id).await?;
    let values = [
        input.region.trim(),
        input.sponsor_name.trim(),
        input.sponsor_email.trim(),
        input.mentor_name.trim(),
        input.mentor_email.trim(),
    ];
    let sql = match input.id {
        Some(_) => "UPDATE host_organisations SET name = ?, kind = ?, ods_code = ?, region = ?, sponsor_name = ?,
             sponsor_email = ?, mentor_name = ?, mentor_email = ? WHERE id = ? AND programme_id = ?
             RETURNING id",
        None => "INSERT INTO host_organisations (name, kind, ods_code, region, sponsor_name, sponsor_email,
             mentor_name, mentor_email, id, programme_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             RETURNING id",
    };
    let mut q = crate::db::query_scalar::<i64>(sql)
        .bind(name)
        .bind(kind.code())
        .bind(ods);
    for v in values {
        q = q.bind(v);
    }
    let id = q
        .bind(input.id)
        .bind(programme)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| ApiError::not_found("That host organisation does not exist."))?;
    tx.commit().await?;
    get(db, actor, id).await
}
