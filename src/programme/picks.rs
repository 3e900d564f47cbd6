//! What a form's picker offers: the fellows or host organisations matching what was typed. A
//! national scheme has 40,000 fellows and 4,000 hosts, too many for one select and too many to
//! send: a picker offers the first `PICK_LIMIT` by name with how many match in all, and always
//! the one already chosen, so that a choice never silently vanishes from its form.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fellows::{self, Fellow, FellowFilter};
use super::hosts::{self, HostOrg, HostPageInput};
use crate::auth::Actor;
use crate::db::Db;
use crate::error::{ErrorKind, Result};

/// The most a picker offers at once.
pub const PICK_LIMIT: i64 = crate::db::paging::PAGE_SIZE;

/// Fellows no longer on the programme, offered only when asked for.
const FINISHED: &str = "f.status IN ('completed', 'withdrawn')";

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FellowPickInput {
    /// Part of a name, email or registration number; none for every fellow.
    pub search: Option<String>,
    /// Offer completed and withdrawn fellows too.
    pub include_finished: bool,
    /// The fellow already chosen: offered whatever the search or their status.
    pub chosen: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FellowPicks {
    /// At most `limit` matching fellows by name, then the chosen one if not among them.
    pub fellows: Vec<Fellow>,
    /// How many fellows match the search and the finished choice.
    pub matching: i64,
    /// How many finished fellows match the search, offered or not.
    pub finished: i64,
    pub limit: i64,
}

/// The fellows the actor may see, to pick from.
pub async fn fellows(db: &Db, actor: &Actor, input: FellowPickInput) -> Result<FellowPicks> {
    let filter = FellowFilter {
        search: input.search,
        ..FellowFilter::default()
    };
    let mut w = fellows::filtered(actor, &filter);
    let (all, finished): (i64, i64) = w
        .bind(crate::db::query_as(&format!(
            "SELECT count(*), coalesce(sum(CASE WHEN {FINISHED} THEN 1 ELSE 0 END), 0)
             FROM fellows f WHERE {}",
            w.sql()
        )))
        .fetch_one(&db.pool)
        .await?;
    if !input.include_finished {
        w.and_fixed(&format!("NOT {FINISHED}"));
    }
    let sql = format!(
        "{} WHERE f.id IN (SELECT f.id FROM fellows f WHERE {} ORDER BY lower(f.name), f.id LIMIT {PICK_LIMIT})
         ORDER BY lower(f.name), f.id",
        fellows::SELECT,
        w.sql()
    );
    let rows: Vec<fellows::Row> = w
        .bind(crate::db::query_as(&sql))
        .fetch_all(&db.pool)
        .await?;
    let mut offered = rows
        .into_iter()
        .map(fellows::Row::into_fellow)
        .collect::<Result<Vec<_>>>()?;
    if let Some(id) = input
        .chosen
        .filter(|id| offered.iter().all(|f| f.id != *id))
    {
        if let Some(profile) = unless_hidden(fellows::get(db, actor, id).await)? {
            offered.push(profile.fellow);
        }
    }
    Ok(FellowPicks {
        fellows: offered,
        matching: if input.include_finished {
            all
        } else {
            all - finished
        },
        finished,
        limit: PICK_LIMIT,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct HostPickInput {
    /// Part of a name, region or ODS code; none for every host.
    pub search: Option<String>,
    /// The host organisation already chosen: offered whatever the search.
    pub chosen: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HostPicks {
    /// At most `limit` matching hosts by name, then the chosen one if not among them.
    pub hosts: Vec<HostOrg>,
    /// How many hosts match the search.
    pub matching: i64,
    pub limit: i64,
}

/// The host organisations the actor may see, to pick from: the first page of the hosts list.
pub async fn hosts(db: &Db, actor: &Actor, input: HostPickInput) -> Result<HostPicks> {
    let page = hosts::page(
        db,
        actor,
        HostPageInput {
            search: input.search,
            page: 1,
        },
    )
    .await?;
    let mut offered = page.hosts;
    if let Some(id) = input
        .chosen
        .filter(|id| offered.iter().all(|h| h.id != *id))
    {
        if let Some(host) = unless_hidden(hosts::get(db, actor, id).await)? {
            offered.push(host);
        }
    }
    Ok(HostPicks {
        hosts: offered,
        matching: page.total,
        limit: hosts::PAGE_SIZE,
    })
}

/// A chosen record the actor may not see is simply not offered, as if it did not exist; any
/// other failure is still one.
fn unless_hidden<T>(found: Result<T>) -> Result<Option<T>> {
    match found {
        Ok(record) => Ok(Some(record)),
        Err(e) if e.kind == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}
