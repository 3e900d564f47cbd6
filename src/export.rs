//! CSV export of every table the acting user may see, with a header row, through the same
//! rights-checked queries the app uses.

use std::path::{Path, PathBuf};

use crate::auth::{self, Actor};
use crate::challenges;
use crate::db::Db;
use crate::error::{ApiError, Result};
use crate::fellows::{self, FellowFilter};
use crate::learning::reflections;
use crate::{cohorts, hosts, programmes};

fn write(dir: &Path, name: &str, header: &[&str], rows: Vec<Vec<String>>) -> Result<PathBuf> {
    let path = dir.join(name);
    let fail = |e: &dyn std::fmt::Display| {
        ApiError::internal(format!("Could not write {}: {e}", path.display()))
    };
    let mut w = csv::Writer::from_path(&path).map_err(|e| fail(&e))?;
    w.write_record(header).map_err(|e| fail(&e))?;
    for r in rows {
        w.write_record(&r).map_err(|e| fail(&e))?;
    }
    w.flush().map_err(|e| fail(&e))?;
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
        &["id", "name", "description"],
        vec![vec![p.id.to_string(), p.name, p.description]],
    )?);

    let rows = cohorts::list(db, actor).await?.into_iter();
    let rows = rows.map(|c| {
        vec![
            c.id.to_string(),
            c.name,
            c.start_date.to_string(),
            c.end_date.to_string(),
            c.fellow_count.to_string(),
        ]
    });
    files.push(write(
        dir,
        "cohorts.csv",
        &["id", "name", "start_date", "end_date", "fellow_count"],
        rows.collect(),
    )?);

    let rows = hosts::list(db, actor).await?.into_iter().map(|h| {
        vec![
            h.id.to_string(),
            h.name,
            h.kind.code().into(),
            h.ods_code.unwrap_or_default(),
            h.region,
            h.sponsor_name,
            h.sponsor_email,
            h.mentor_name,
            h.mentor_email,
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
        &header,
        rows.collect(),
    )?);

    let list = fellows::list(db, actor, FellowFilter::default()).await?;
    let mut history = vec![];
    for f in &list {
        for h in fellows::get(db, actor, f.id).await?.history {
            history.push(vec![
                f.id.to_string(),
                h.status.code().into(),
                h.effective_date.to_string(),
                h.note,
                h.changed_by.unwrap_or_default(),
                h.changed_at,
            ]);
        }
    }
    let rows = list.into_iter().map(|f| {
        vec![
            f.id.to_string(),
            f.name,
            f.profession.code().into(),
            f.professional_body.code().into(),
            f.registration_number,
            f.email,
            f.cohort_name,
            f.host_name.unwrap_or_default(),
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
    files.push(write(dir, "fellows.csv", &header, rows.collect())?);
    let header = [
        "fellow_id",
        "status",
        "effective_date",
        "note",
        "changed_by",
        "changed_at",
    ];
    files.push(write(dir, "fellow_status_history.csv", &header, history)?);

    let rows = challenges::list(db, actor, Default::default())
        .await?
        .into_iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.fellow_name,
                c.cohort_name,
                c.host_name.unwrap_or_default(),
                c.title,
                c.status.code().into(),
                c.progress_tenths
                    .map(|t| format!("{}.{}", t / 10, t % 10))
                    .unwrap_or_default(),
                c.problem_statement,
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
    files.push(write(dir, "challenges.csv", &header, rows.collect())?);

    // A fellow's own reflections; anyone else, only those shared with them now.
    let visible = match actor.role {
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
        rows.push(vec![
            full.id.to_string(),
            full.fellow_name,
            full.template.code().into(),
            full.title,
            full.happened_on.map(|d| d.to_string()).unwrap_or_default(),
            if full.is_draft { "draft" } else { "finished" }.into(),
            text.join("\n\n"),
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
    files.push(write(dir, "reflections.csv", &header, rows)?);

    if actor.role == auth::Role::Faculty {
        let rows = auth::list_users(db, actor).await?.into_iter();
        let rows = rows.map(|u| vec![u.id.to_string(), u.name, u.email, u.role.code().into()]);
        files.push(write(
            dir,
            "users.csv",
            &["id", "name", "email", "role"],
            rows.collect(),
        )?);
    }
    Ok(files)
}
