//! CSV export of every table the acting user may see, with a header row, through the same
//! rights-checked queries the app uses (written by `csv_io`, which keeps formulas inert).

use std::path::{Path, PathBuf};

use crate::auth::{self, Actor};
use crate::challenges;
use crate::csv_io::{Cell, CsvOut};
use crate::db::Db;
use crate::error::{ApiError, Result};
use crate::learning::reflections;
use crate::programme::fellows::{self, FellowFilter};
use crate::{programme::cohorts, programme::hosts, programme::programmes};

fn write<const N: usize>(
    dir: &Path,
    name: &str,
    header: [&str; N],
    rows: Vec<[Cell; N]>,
) -> Result<PathBuf> {
    let path = dir.join(name);
    let mut w = CsvOut::new(header);
    for r in rows {
        w.row(r);
    }
    w.write_to(&path)
        .map_err(|e| ApiError::internal(format!("Could not write {}: {e}", path.display())))?;
    Ok(path)
}

/// Writes one CSV per visible table into `dir`; returns the files written.
pub async fn export_csv(db: &Db, actor: &Actor, dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)
        .map_err(|e| ApiError::internal(format!("Cannot create {}: {e}", dir.display())))?;
    let mut files = vec![];
    let p = programmes::get(db, actor).await?;
    files.push(write(
        dir,
        "programme.csv",
        ["id", "name", "description"],
        vec![[p.id.into(), p.name.into(), p.description.into()]],
    )?);

    let rows = cohorts::list(db, actor).await?.into_iter();
    let rows = rows.map(|c| {
        [
            c.id.into(),
            c.name.into(),
            c.start_date.to_string().into(),
            c.end_date.to_string().into(),
            c.fellow_count.into(),
        ]
    });
    files.push(write(
        dir,
        "cohorts.csv",
        ["id", "name", "start_date", "end_date", "fellow_count"],
        rows.collect(),
    )?);

    let rows = hosts::list(db, actor).await?.into_iter().map(|h| {
        [
            h.id.into(),
            h.name.into(),
            h.kind.code().into(),
            h.ods_code.into(),
            h.region.into(),
            h.sponsor_name.into(),
            h.sponsor_email.into(),
            h.mentor_name.into(),
            h.mentor_email.into(),
        ]
    });
    let header = [
        "id",
        "name",
        "kind",
        "ods_code",
        "region",
        "sponsor_name",
        "sponsor_email",
        "mentor_name",
        "mentor_email",
    ];
    files.push(write(
        dir,
        "host_organisations.csv",
        header,
        rows.collect(),
    )?);

    let list = fellows::list(db, actor, FellowFilter::default()).await?;
    let mut history = vec![];
    for f in &list {
        for h in fellows::get(db, actor, f.id).await?.history {
            history.push([
                f.id.into(),
                h.status.code().into(),
                h.effective_date.to_string().into(),
                h.note.into(),
                h.changed_by.into(),
                h.changed_at.into(),
            ]);
        }
    }
    let rows = list.into_iter().map(|f| {
        [
            f.id.into(),
            f.name.into(),
            f.profession.code().into(),
            f.professional_body.code().into(),
            f.registration_number.into(),
            f.email.into(),
            f.cohort_name.into(),
            f.host_name.into(),
            f.status.code().into(),
        ]
    });
    let header = [
        "id",
        "name",
        "profession",
        "professional_body",
        "registration_number",
        "email",
        "cohort",
        "host_organisation",
        "status",
    ];
    files.push(write(dir, "fellows.csv", header, rows.collect())?);
    let header = [
        "fellow_id",
        "status",
        "effective_date",
        "note",
        "changed_by",
        "changed_at",
    ];
    files.push(write(dir, "fellow_status_history.csv", header, history)?);

    let rows = challenges::list(db, actor, Default::default())
        .await?
        .into_iter()
        .map(|c| {
            [
                c.id.into(),
                c.fellow_name.into(),
                c.cohort_name.into(),
                c.host_name.into(),
                c.title.into(),
                c.status.code().into(),
                c.progress_tenths.map(|t| Cell::decimal(t, 1)).into(),
                c.problem_statement.into(),
            ]
        });
    let header = [
        "id",
        "fellow",
        "cohort",
        "host_organisation",
        "title",
        "status",
        "progress_score",
        "problem_statement",
    ];
    files.push(write(dir, "challenges.csv", header, rows.collect())?);

    // A fellow's own reflections; anyone else, only those shared with them now.
    let visible = match actor.role() {
        auth::Role::Fellow => reflections::list_own(db, actor, Default::default()).await?,
        _ => reflections::shared_with_me(db, actor).await?,
    };
    let mut rows = vec![];
    for r in visible {
        let full = reflections::get(db, actor, r.id).await?;
        let text: Vec<String> = full
            .sections
            .iter()
            .map(|s| format!("{}: {}", s.key, s.body))
            .collect();
        rows.push([
            full.id.into(),
            full.fellow_name.into(),
            full.template.code().into(),
            full.title.into(),
            full.happened_on.map(|d| d.to_string()).into(),
            if full.is_draft { "draft" } else { "finished" }.into(),
            text.join("\n\n").into(),
        ]);
    }
    let header = [
        "id",
        "fellow",
        "template",
        "title",
        "happened_on",
        "state",
        "text",
    ];
    files.push(write(dir, "reflections.csv", header, rows)?);

    if actor.role() == auth::Role::Faculty {
        let rows = crate::accounts::users::list_users(db, actor)
            .await?
            .into_iter();
        let rows = rows.map(|u| {
            [
                u.id.into(),
                u.name.into(),
                u.email.into(),
                u.role.code().into(),
            ]
        });
        files.push(write(
            dir,
            "users.csv",
            ["id", "name", "email", "role"],
            rows.collect(),
        )?);
    }
    Ok(files)
}
