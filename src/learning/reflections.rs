//! The reflective log: a fellow's own entries, private by default. Drafts are saved as typed;
//! an entry can be shared with one named person at a time and the share withdrawn. Search uses
//! SQLite FTS5 and only ever looks at the searcher's own entries.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::templates::{Template, TemplateInfo, NOTICE};
use crate::auth::access::hidden;
use crate::auth::visibility::{condition, Private, Reader};
use crate::auth::{Actor, Role};
use crate::db::{now_stamp, Db, Tx};
use crate::error::{ApiError, Checks, Result};
use crate::feedback360::{default_dimensions, Dimension};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SectionText {
    pub key: String,
    pub body: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReflectionInput {
    /// None the first time a new entry is autosaved; the answer carries the id to use next.
    pub id: Option<i64>,
    pub template: String,
    pub title: String,
    /// YYYY-MM-DD, or "" while still a draft.
    pub happened_on: String,
    pub sections: Vec<SectionText>,
    pub challenge_id: Option<i64>,
    pub dimension_ids: Vec<i64>,
    /// False for an autosave (kept exactly as typed); true to finish the entry (checked).
    pub finish: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Share {
    pub user_id: i64,
    pub name: String,
    pub role: Role,
    pub shared_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Reflection {
    pub id: i64,
    pub fellow_name: String,
    pub template: Template,
    pub title: String,
    pub happened_on: Option<NaiveDate>,
    pub challenge_id: Option<i64>,
    pub is_draft: bool,
    pub sections: Vec<SectionText>,
    pub dimension_ids: Vec<i64>,
    /// Who it is shared with now; only its author sees this.
    pub shares: Vec<Share>,
    /// True for the author; a person it is shared with only reads it.
    pub is_author: bool,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReflectionSummary {
    pub id: i64,
    pub fellow_name: String,
    pub template: Template,
    pub title: String,
    pub happened_on: Option<NaiveDate>,
    pub is_draft: bool,
    pub updated_at: String,
    /// For a search: a short plain-text extract around the match.
    pub snippet: Option<String>,
    pub shared_with: i64,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ReflectionFilter {
    pub search: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ShareInput {
    pub reflection_id: i64,
    pub user_id: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Person {
    pub user_id: i64,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ChallengeRef {
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReflectionOptions {
    pub templates: Vec<TemplateInfo>,
    pub dimensions: Vec<Dimension>,
    pub share_candidates: Vec<Person>,
    pub challenges: Vec<ChallengeRef>,
    pub notice: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MonthCount {
    /// YYYY-MM
    pub month: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DimensionCount {
    pub dimension_id: i64,
    pub name: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReflectionInsights {
    pub finished: i64,
    pub drafts: i64,
    pub by_month: Vec<MonthCount>,
    pub by_dimension: Vec<DimensionCount>,
}

/// Only a fellow keeps a reflective log; everyone else is refused.
fn own_fellow(actor: &Actor) -> Result<i64> {
    match (actor.role(), actor.fellow_id()) {
        (Role::Fellow, Some(id)) => Ok(id),
        _ => Err(ApiError::forbidden("Only fellows keep a reflective log.")),
    }
}

/// Turns what a person typed into a safe FTS5 query: each word quoted, as a prefix, all required.
pub fn fts_query(search: &str) -> Option<String> {
    let terms: Vec<String> = search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| {
            if cfg!(feature = "postgres") {
                format!("{}:*", t.to_lowercase())
            } else {
                format!("\"{}\"*", t.to_lowercase())
            }
        })
        .collect();
    let joiner = if cfg!(feature = "postgres") {
        " & "
    } else {
        " "
    };
    (!terms.is_empty()).then(|| terms.join(joiner))
}

// Search: SQLite's FTS5 index, or PostgreSQL's text search over the same table, best first,
// with a short snippet of the matching text.
#[cfg(not(feature = "postgres"))]
const SEARCH_SELECT: &str =
    "SELECT r.id, f.name, r.template, r.title, r.happened_on, r.is_draft, r.updated_at,
     snippet(reflection_search, 1, '', '', ' ... ', 12)";
#[cfg(not(feature = "postgres"))]
const SEARCH_FROM: &str =
    "FROM reflection_search JOIN reflections r ON r.id = reflection_search.rowid
     JOIN fellows f ON f.id = r.fellow_id
     WHERE reflection_search MATCH ? AND r.fellow_id = ? ORDER BY rank";
#[cfg(feature = "postgres")]
const SEARCH_SELECT: &str = "SELECT r.id, f.name, r.template, r.title, r.happened_on, r.is_draft, r.updated_at,
     ts_headline('english', s.body, q, 'StartSel=\"\", StopSel=\"\", MaxWords=12, MinWords=4, FragmentDelimiter=\" ... \"')";
#[cfg(feature = "postgres")]
const SEARCH_FROM: &str = "FROM reflection_search s CROSS JOIN to_tsquery('english', ?) AS q
     JOIN reflections r ON r.id = s.rowid JOIN fellows f ON f.id = r.fellow_id
     WHERE s.document @@ q AND r.fellow_id = ? ORDER BY ts_rank(s.document, q) DESC, r.id DESC";

/// Templates, dimensions and the notice are for everyone (a reader needs the headings); who to
/// share with and which challenges to link are a fellow's own, and empty for anyone else.
pub async fn options(db: &Db, actor: &Actor) -> Result<ReflectionOptions> {
    let mut out = ReflectionOptions {
        templates: Template::ALL.iter().map(|t| t.info()).collect(),
        dimensions: default_dimensions(db).await?,
        share_candidates: vec![],
        challenges: vec![],
        notice: NOTICE.into(),
    };
    let Ok(fellow) = own_fellow(actor) else {
        return Ok(out);
    };
    // Faculty, and the mentors and coaches of the fellow's own host organisation.
    let people: Vec<(i64, String, String)> = crate::db::query_as(
        "SELECT u.id, u.name, u.role FROM users u WHERE u.role = 'faculty'
         OR (u.role = 'mentor' AND u.host_id = (SELECT host_id FROM fellows WHERE id = ?)) ORDER BY u.role, u.name",
    )
    .bind(fellow)
    .fetch_all(&db.pool)
    .await?;
    let challenges: Vec<(i64, String)> =
        crate::db::query_as("SELECT id, title FROM challenges WHERE fellow_id = ? ORDER BY id")
            .bind(fellow)
            .fetch_all(&db.pool)
            .await?;
    out.share_candidates = people
        .into_iter()
        .filter_map(|(user_id, name, role)| {
            Role::parse(&role).map(|role| Person {
                user_id,
                name,
                role,
            })
        })
        .collect();
    out.challenges = challenges
        .into_iter()
        .map(|(id, title)| ChallengeRef { id, title })
        .collect();
    Ok(out)
}

type SummaryRow = (
    i64,
    String,
    String,
    String,
    Option<NaiveDate>,
    bool,
    String,
    Option<String>,
    i64,
);

fn summary(
    (id, fellow_name, template, title, happened_on, is_draft, updated_at, snippet, shared_with): SummaryRow,
) -> Result<ReflectionSummary> {
    Ok(ReflectionSummary {
        id,
        fellow_name,
        template: Template::stored(&template)?,
        title,
        happened_on,
        is_draft,
        updated_at,
        snippet,
        shared_with,
    })
}

const ACTIVE_SHARES: &str = "(SELECT count(*) FROM reflection_shares s WHERE s.reflection_id = r.id AND s.withdrawn_at IS NULL)";

/// The fellow's own entries, newest first, optionally matching a full-text search.
pub async fn list_own(
    db: &Db,
    actor: &Actor,
    filter: ReflectionFilter,
) -> Result<Vec<ReflectionSummary>> {
    let fellow = own_fellow(actor)?;
    let rows: Vec<SummaryRow> = match filter.search.as_deref().and_then(fts_query) {
        None => {
            crate::db::query_as(&format!(
                "SELECT r.id, f.name, r.template, r.title, r.happened_on, r.is_draft, r.updated_at, NULL, {ACTIVE_SHARES}
                 FROM reflections r JOIN fellows f ON f.id = r.fellow_id WHERE r.fellow_id = ?
                 ORDER BY coalesce(CAST(r.happened_on AS TEXT), substr(r.updated_at, 1, 10)) DESC, r.id DESC"
            ))
            .bind(fellow)
            .fetch_all(&db.pool)
            .await?
        }
        Some(q) => {
            crate::db::query_as(&format!("{SEARCH_SELECT}, {ACTIVE_SHARES} {SEARCH_FROM}"))
            .bind(q)
            .bind(fellow)
            .fetch_all(&db.pool)
            .await?
        }
    };
    rows.into_iter().map(summary).collect()
}

/// Entries other fellows have shared with the actor and not withdrawn.
pub async fn shared_with_me(db: &Db, actor: &Actor) -> Result<Vec<ReflectionSummary>> {
    let rows: Vec<SummaryRow> = crate::db::query_as(&format!(
        "SELECT r.id, f.name, r.template, r.title, r.happened_on, r.is_draft, r.updated_at, NULL, {ACTIVE_SHARES}
         FROM reflection_shares s JOIN reflections r ON r.id = s.reflection_id JOIN fellows f ON f.id = r.fellow_id
         WHERE s.user_id = ? AND s.withdrawn_at IS NULL ORDER BY s.shared_at DESC"
    ))
    .bind(actor.user_id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(summary).collect()
}

/// The author reads and edits; a person it is shared with (share not withdrawn) reads it;
/// nobody else learns that it exists.
pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<Reflection> {
    type Row = (
        i64,
        i64,
        String,
        String,
        String,
        Option<NaiveDate>,
        Option<i64>,
        bool,
        String,
    );
    // The visibility policy's own condition: nobody else learns that the entry exists.
    let reader = Reader::of(actor);
    let row: Option<Row> = crate::db::query_as(&format!(
        "SELECT r.id, r.fellow_id, f.name, r.template, r.title, r.happened_on, r.challenge_id, r.is_draft, r.updated_at
         FROM reflections r JOIN fellows f ON f.id = r.fellow_id WHERE r.id = ?1 AND {}",
        condition(Private::Reflection, "r")
    ))
    .bind(id)
    .bind(reader.fellow_id)
    .bind(reader.user_id)
    .fetch_optional(&db.pool)
    .await?;
    let (id, fellow, fellow_name, template, title, happened_on, challenge_id, is_draft, updated_at) =
        row.ok_or_else(hidden)?;
    let is_author = reader.fellow_id == Some(fellow);
    let sections: Vec<(String, String)> =
        crate::db::query_as("SELECT key, body FROM reflection_sections WHERE reflection_id = ?")
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
    let template = Template::stored(&template)?;
    // In the template's order, then any kept from another template.
    let order: Vec<String> = template.sections().into_iter().map(|s| s.key).collect();
    let mut sections: Vec<SectionText> = sections
        .into_iter()
        .map(|(key, body)| SectionText { key, body })
        .collect();
    sections.sort_by_key(|s| order.iter().position(|k| *k == s.key).unwrap_or(usize::MAX));
    let dimension_ids: Vec<(i64,)> =
        crate::db::query_as("SELECT dimension_id FROM reflection_dimensions WHERE reflection_id = ? ORDER BY dimension_id")
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
    let shares: Vec<(i64, String, String, String)> = if is_author {
        crate::db::query_as(
            "SELECT u.id, u.name, u.role, s.shared_at FROM reflection_shares s JOIN users u ON u.id = s.user_id
             WHERE s.reflection_id = ? AND s.withdrawn_at IS NULL ORDER BY s.shared_at",
        )
        .bind(id)
        .fetch_all(&db.pool)
        .await?
    } else {
        vec![]
    };
    Ok(Reflection {
        id,
        fellow_name,
        template,
        title,
        happened_on,
        challenge_id,
        is_draft,
        sections,
        dimension_ids: dimension_ids.into_iter().map(|d| d.0).collect(),
        shares: shares
            .into_iter()
            .filter_map(|(user_id, name, role, shared_at)| {
                Role::parse(&role).map(|role| Share {
                    user_id,
                    name,
                    role,
                    shared_at,
                })
            })
            .collect(),
        is_author,
        updated_at,
    })
}

/// The checks a finished entry must pass; a draft is kept whatever it holds.
fn check_finished(input: &ReflectionInput) -> Result<NaiveDate> {
    let mut c = Checks::new();
    if input.title.trim().is_empty() {
        c.fail("title", "Give the entry a short title.");
    }
    let date = crate::validate::date(
        &mut c,
        "happened_on",
        &input.happened_on,
        "date of the experience",
    );
    if let Some(d) = date {
        if d > chrono::Utc::now().date_naive() {
            c.fail(
                "happened_on",
                "The date of the experience cannot be in the future.",
            );
        }
    }
    if input.sections.iter().all(|s| s.body.trim().is_empty()) {
        let first = Template::parse(&input.template)
            .map(|t| t.sections()[0].key.clone())
            .unwrap_or_else(|| "text".into());
        c.fail(
            &format!("section-{first}"),
            "Write at least one part of the reflection.",
        );
    }
    c.finish()?;
    Ok(date.unwrap_or_default())
}

async fn write_search(tx: &mut Tx, id: i64, title: &str, sections: &[SectionText]) -> Result<()> {
    let body: Vec<&str> = sections.iter().map(|s| s.body.as_str()).collect();
    crate::db::query("DELETE FROM reflection_search WHERE rowid = ?")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    crate::db::query("INSERT INTO reflection_search (rowid, title, body) VALUES (?, ?, ?)")
        .bind(id)
        .bind(title)
        .bind(body.join("\n\n"))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Saves an entry: an autosave keeps exactly what was typed; finishing checks it first.
pub async fn save(db: &Db, actor: &Actor, input: ReflectionInput) -> Result<Reflection> {
    let fellow = own_fellow(actor)?;
    let template = Template::parse(&input.template)
        .ok_or_else(|| ApiError::field("template", "Choose a template."))?;
    let finished_date = if input.finish {
        Some(check_finished(&input)?)
    } else {
        None
    };
    let typed_date = NaiveDate::parse_from_str(input.happened_on.trim(), "%Y-%m-%d").ok();
    let mut tx = db.begin().await?;
    if let Some(ch) = input.challenge_id {
        let mine: Option<(i64,)> =
            crate::db::query_as("SELECT id FROM challenges WHERE id = ? AND fellow_id = ?")
                .bind(ch)
                .bind(fellow)
                .fetch_optional(&mut *tx)
                .await?;
        if mine.is_none() {
            return Err(ApiError::field(
                "challenge_id",
                "Choose one of your own challenges.",
            ));
        }
    }
    let now = now_stamp();
    let id = match input.id {
        Some(id) => {
            let existing: Option<(bool,)> = crate::db::query_as("SELECT is_draft FROM reflections WHERE id = ? AND fellow_id = ?")
                .bind(id)
                .bind(fellow)
                .fetch_optional(&mut *tx)
                .await?;
            let (was_draft,) = existing.ok_or_else(hidden)?;
            // Autosaving a finished entry keeps it finished only while it would still pass.
            let is_draft = match finished_date {
                Some(_) => false,
                None => was_draft || check_finished(&input).is_err(),
            };
            crate::db::query(
                "UPDATE reflections SET template = ?, title = ?, happened_on = ?, challenge_id = ?, is_draft = ?, updated_at = ? WHERE id = ?",
            )
            .bind(template.code())
            .bind(input.title.trim())
            .bind(finished_date.or(typed_date))
            .bind(input.challenge_id)
            .bind(is_draft)
            .bind(&now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => crate::db::query_scalar::<i64>(
            "INSERT INTO reflections (fellow_id, template, title, happened_on, challenge_id, is_draft, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(fellow)
        .bind(template.code())
        .bind(input.title.trim())
        .bind(finished_date.or(typed_date))
        .bind(input.challenge_id)
        .bind(finished_date.is_none())
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut *tx).await?,
    };
    crate::db::query("DELETE FROM reflection_sections WHERE reflection_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for s in input.sections.iter().filter(|s| !s.body.is_empty()) {
        crate::db::query(
            "INSERT INTO reflection_sections (reflection_id, key, body) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(&s.key)
        .bind(&s.body)
        .execute(&mut *tx)
        .await?;
    }
    crate::db::query("DELETE FROM reflection_dimensions WHERE reflection_id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for d in &input.dimension_ids {
        let done = crate::db::query(
            "INSERT INTO reflection_dimensions (reflection_id, dimension_id) SELECT ?, id FROM framework_dimensions WHERE id = ?
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(d)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(ApiError::field(
                "dimension_ids",
                "That leadership dimension does not exist.",
            ));
        }
    }
    write_search(&mut tx, id, input.title.trim(), &input.sections).await?;
    tx.commit().await?;
    get(db, actor, id).await
}

pub async fn share(db: &Db, actor: &Actor, input: ShareInput) -> Result<Reflection> {
    own_fellow(actor)?;
    let r = get(db, actor, input.reflection_id).await?;
    if !r.is_author {
        return Err(hidden());
    }
    if r.is_draft {
        return Err(ApiError::field(
            "user_id",
            "Finish the entry before you share it.",
        ));
    }
    let allowed = options(db, actor)
        .await?
        .share_candidates
        .iter()
        .any(|p| p.user_id == input.user_id);
    if !allowed {
        return Err(ApiError::field(
            "user_id",
            "Choose a coach, mentor or member of faculty to share with.",
        ));
    }
    let mut tx = db.begin().await?;
    let active: Option<(i64,)> =
        crate::db::query_as("SELECT id FROM reflection_shares WHERE reflection_id = ? AND user_id = ? AND withdrawn_at IS NULL")
            .bind(input.reflection_id)
            .bind(input.user_id)
            .fetch_optional(&mut *tx)
            .await?;
    if active.is_none() {
        let share_id = crate::db::query_scalar::<i64>(
            "INSERT INTO reflection_shares (reflection_id, user_id, shared_at) VALUES (?, ?, ?) RETURNING id",
        )
        .bind(input.reflection_id)
        .bind(input.user_id)
        .bind(now_stamp())
        .fetch_one(&mut *tx)
        .await?;
        // The reader is told who shared, never what: no title, no text.
        crate::mail::messages::reflection_shared(
            &mut tx,
            share_id,
            input.user_id,
            input.reflection_id,
            actor.fellow_id(),
            actor.name.trim(),
        )
        .await?;
    }
    tx.commit().await?;
    get(db, actor, input.reflection_id).await
}

pub async fn withdraw_share(db: &Db, actor: &Actor, input: ShareInput) -> Result<Reflection> {
    own_fellow(actor)?;
    if !get(db, actor, input.reflection_id).await?.is_author {
        return Err(hidden());
    }
    crate::db::query("UPDATE reflection_shares SET withdrawn_at = ? WHERE reflection_id = ? AND user_id = ? AND withdrawn_at IS NULL")
        .bind(now_stamp())
        .bind(input.reflection_id)
        .bind(input.user_id)
        .execute(&db.pool)
        .await?;
    get(db, actor, input.reflection_id).await
}

/// The fellow's own reflections over time: finished entries by month and by dimension.
pub async fn insights(db: &Db, actor: &Actor) -> Result<ReflectionInsights> {
    let fellow = own_fellow(actor)?;
    let (finished, drafts): (i64, i64) =
        crate::db::query_as("SELECT coalesce(sum(CASE WHEN is_draft THEN 0 ELSE 1 END), 0), coalesce(sum(CASE WHEN is_draft THEN 1 ELSE 0 END), 0) FROM reflections WHERE fellow_id = ?")
            .bind(fellow)
            .fetch_one(&db.pool)
            .await?;
    let by_month: Vec<(String, i64)> = crate::db::query_as(
        "SELECT substr(CAST(happened_on AS TEXT), 1, 7) AS m, count(*) FROM reflections WHERE fellow_id = ? AND is_draft = FALSE
         GROUP BY m ORDER BY m",
    )
    .bind(fellow)
    .fetch_all(&db.pool)
    .await?;
    let by_dimension: Vec<(i64, String, i64)> = crate::db::query_as(
        "SELECT d.id, d.name, count(r.id) FROM framework_dimensions d
         JOIN frameworks f ON f.id = d.framework_id AND f.is_default = TRUE
         LEFT JOIN reflection_dimensions rd ON rd.dimension_id = d.id
         LEFT JOIN reflections r ON r.id = rd.reflection_id AND r.fellow_id = ? AND r.is_draft = FALSE
         GROUP BY d.id ORDER BY d.position",
    )
    .bind(fellow)
    .fetch_all(&db.pool)
    .await?;
    Ok(ReflectionInsights {
        finished,
        drafts,
        by_month: by_month
            .into_iter()
            .map(|(month, count)| MonthCount { month, count })
            .collect(),
        by_dimension: by_dimension
            .into_iter()
            .map(|(dimension_id, name, count)| DimensionCount {
                dimension_id,
                name,
                count,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[cfg(not(feature = "postgres"))]
    #[test]
    fn search_text_becomes_a_safe_fts_query() {
        assert_eq!(
            fts_query("Board round").as_deref(),
            Some("\"board\"* \"round\"*")
        );
        assert_eq!(
            fts_query("\" OR NEAR( * -").as_deref(),
            Some("\"or\"* \"near\"*")
        );
        assert_eq!(fts_query("  ...  "), None);
    }

    #[cfg(feature = "postgres")]
    #[test]
    fn search_text_becomes_a_safe_tsquery() {
        assert_eq!(
            fts_query("Board round").as_deref(),
            Some("board:* & round:*")
        );
        assert_eq!(fts_query("' | !NEAR( * -").as_deref(), Some("near:*"));
        assert_eq!(fts_query("  ...  "), None);
    }
}
