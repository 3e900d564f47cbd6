//! The programme and what it is made of: the programme record, its cohorts, host organisations
//! and fellows. Uses base, `db` and `auth`; the domain rooms build on it.

pub mod cohorts;
mod fellow_search;
pub mod fellows;
pub mod hosts;
pub mod picks;
pub mod programmes;

/// The records whose names are unique within a programme.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Named {
    Cohort,
    Host,
}

/// Refuses a name another record of the kind already has in this programme (`id` is the record
/// being saved, if it exists), beside the name field.
pub(crate) async fn name_free(
    tx: &mut crate::db::Tx,
    kind: Named,
    programme: i64,
    name: &str,
    id: Option<i64>,
) -> crate::error::Result<()> {
    let (table, noun) = match kind {
        Named::Cohort => ("cohorts", "a cohort"),
        Named::Host => ("host_organisations", "a host organisation"),
    };
    let clash: Option<(i64,)> = crate::db::query_as(&format!(
        "SELECT id FROM {table} WHERE programme_id = ? AND name = ? AND id IS DISTINCT FROM ?"
    ))
    .bind(programme)
    .bind(name)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    match clash {
        Some(_) => Err(crate::error::ApiError::conflict(
            "name",
            format!("There is already {noun} called {name}."),
        )),
        None => Ok(()),
    }
}
