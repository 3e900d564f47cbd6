//! Longitudinal outcomes: follow-up waves after a cohort's year ends, outcome measures tagged with
//! their Kirkpatrick level, alumni's responses (recorded or imported), dashboards and the tidy
//! export for analysts. Faculty only: what alumni report about their careers is personal data.
//!
//! A domain room: uses the base, `db`, `auth`, `programme`, `mail` and `accounts`, and other
//! domain rooms without a loop (tests/architecture.rs).

pub mod annual_report;
pub mod dashboard;
pub mod export;
pub mod follow_up;
pub mod historic;
pub mod import;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::{hidden, require_faculty};
use crate::auth::Actor;
use crate::codes::code_enum;
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};
use crate::validate::required;

code_enum! {
    Category {
        Career = "career": "Career",
        Legacy = "legacy": "Challenge legacy",
        Scholarly = "scholarly": "Scholarly",
        Survey = "survey": "Survey item",
    }
}

code_enum! {
    ValueType {
        Text = "text": "Text",
        Count = "count": "A count (0 or more)",
        YesNo = "yes_no": "Yes or no",
        Choice = "choice": "One of a list",
        Scale = "scale": "A point on a scale",
    }
}

code_enum! {
    /// The modified Kirkpatrick levels used in medical education (shared/domain.md).
    Kirkpatrick {
        L1 = "1": "1 Reaction",
        L2a = "2a": "2A Attitudes",
        L2b = "2b": "2B Knowledge and skills",
        L3 = "3": "3 Behaviour",
        L3b = "3b": "3B Learner achievements",
        L4a = "4a": "4A Organisational change",
        L4b = "4b": "4B Patient outcomes",
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Wave {
    pub id: i64,
    pub name: String,
    pub months_after: i64,
    pub window_days: i64,
    /// The wave's online survey, sent to alumni when it falls due (empty: followed up by hand).
    pub survey_url: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct WaveInput {
    pub id: Option<i64>,
    pub name: String,
    pub months_after: String,
    pub window_days: String,
    pub survey_url: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OutcomeMeasure {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub category: Category,
    pub value_type: ValueType,
    pub choices: Vec<Choice>,
    pub scale_points: Option<i64>,
    pub scale_low: String,
    pub scale_high: String,
    pub kirkpatrick: Kirkpatrick,
    pub retired: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutcomeMeasureInput {
    pub id: Option<i64>,
    pub code: String,
    pub name: String,
    pub category: String,
    pub value_type: String,
    /// For a choice: one "code=Label" per line.
    pub choices: String,
    pub scale_points: String,
    pub scale_low: String,
    pub scale_high: String,
    pub kirkpatrick: String,
    pub retired: bool,
}

/// A value as stored: text, or an integer (counts, yes = 1 / no = 0, scale points).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    Text(String),
    Int(i64),
}

impl Stored {
    /// The value as a person reads it or types it back in.
    pub fn display(&self, m: &OutcomeMeasure) -> String {
        match (self, m.value_type) {
            (Stored::Int(1), ValueType::YesNo) => "yes".into(),
            (Stored::Int(0), ValueType::YesNo) => "no".into(),
            (Stored::Int(n), _) => n.to_string(),
            (Stored::Text(t), _) => t.clone(),
        }
    }
}

/// Reads a typed or imported value for a measure. Empty means "no answer" (None).
pub fn parse_value(m: &OutcomeMeasure, raw: &str) -> std::result::Result<Option<Stored>, String> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match m.value_type {
        ValueType::Text => {
            if v.chars().count() > 2000 {
                Err("Keep this to 2,000 characters.".into())
            } else {
                Ok(Some(Stored::Text(v.to_owned())))
            }
        }
        ValueType::Count => match v.parse::<i64>() {
            Ok(n) if (0..=10_000).contains(&n) => Ok(Some(Stored::Int(n))),
            _ => Err(format!("\"{v}\" is not a whole number of 0 or more.")),
        },
        ValueType::YesNo => match v.to_lowercase().as_str() {
            "yes" | "y" | "true" | "1" => Ok(Some(Stored::Int(1))),
            "no" | "n" | "false" | "0" => Ok(Some(Stored::Int(0))),
            _ => Err(format!("\"{v}\" is not yes or no.")),
        },
        ValueType::Choice => m
            .choices
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(v) || c.label.eq_ignore_ascii_case(v))
            .map(|c| Some(Stored::Text(c.code.clone())))
            .ok_or_else(|| {
                let codes: Vec<&str> = m.choices.iter().map(|c| c.code.as_str()).collect();
                format!("\"{v}\" is not one of: {}.", codes.join(", "))
            }),
        ValueType::Scale => {
            let top = m.scale_points.unwrap_or(5);
            match v.parse::<i64>() {
                Ok(n) if (1..=top).contains(&n) => Ok(Some(Stored::Int(n))),
                _ => Err(format!("\"{v}\" is not a point from 1 to {top}.")),
            }
        }
    }
}

fn parse_choices(text: &str) -> Vec<Choice> {
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(c, l)| Choice {
            code: c.trim().to_owned(),
            label: l.trim().to_owned(),
        })
        .filter(|c| !c.code.is_empty())
        .collect()
}

/// A measure as stored.
#[derive(sqlx::FromRow)]
struct MeasureRow {
    id: i64,
    code: String,
    name: String,
    category: String,
    value_type: String,
    choices: String,
    scale_points: Option<i64>,
    scale_low: String,
    scale_high: String,
    kirkpatrick: String,
    retired: bool,
}

fn measure_from(r: MeasureRow) -> Result<OutcomeMeasure> {
    Ok(OutcomeMeasure {
        id: r.id,
        code: r.code,
        name: r.name,
        category: Category::stored(&r.category)?,
        value_type: ValueType::stored(&r.value_type)?,
        choices: parse_choices(&r.choices),
        scale_points: r.scale_points,
        scale_low: r.scale_low,
        scale_high: r.scale_high,
        kirkpatrick: Kirkpatrick::stored(&r.kirkpatrick)?,
        retired: r.retired,
    })
}

/// Every measure in order, retired ones included (their answers stay in the record).
pub async fn measures(db: &Db) -> Result<Vec<OutcomeMeasure>> {
    let rows: Vec<MeasureRow> = crate::db::query_as(
        "SELECT id, code, name, category, value_type, choices, scale_points, scale_low, scale_high, kirkpatrick, retired
         FROM outcome_measures ORDER BY position, id",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(measure_from).collect()
}

pub async fn list_measures(db: &Db, actor: &Actor) -> Result<Vec<OutcomeMeasure>> {
    require_faculty(actor)?;
    measures(db).await
}

pub async fn waves(db: &Db) -> Result<Vec<Wave>> {
    let rows: Vec<(i64, String, i64, i64, String)> = crate::db::query_as(
        "SELECT id, name, months_after, window_days, survey_url FROM outcome_waves ORDER BY months_after",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, months_after, window_days, survey_url)| Wave {
            id,
            name,
            months_after,
            window_days,
            survey_url,
        })
        .collect())
}

pub async fn list_waves(db: &Db, actor: &Actor) -> Result<Vec<Wave>> {
    require_faculty(actor)?;
    waves(db).await
}

fn whole(
    c: &mut Checks,
    field: &str,
    v: &str,
    range: std::ops::RangeInclusive<i64>,
    what: &str,
) -> i64 {
    match v.trim().parse::<i64>() {
        Ok(n) if range.contains(&n) => n,
        _ => {
            c.fail(
                field,
                format!("Enter {what} from {} to {}.", range.start(), range.end()),
            );
            0
        }
    }
}

pub async fn save_wave(db: &Db, actor: &Actor, input: WaveInput) -> Result<Vec<Wave>> {
    require_faculty(actor)?;
    let mut c = Checks::new();
    required(&mut c, "name", &input.name, "Enter a name for the wave.");
    let months = whole(
        &mut c,
        "months_after",
        &input.months_after,
        0..=240,
        "the months after the year ends",
    );
    let window = whole(
        &mut c,
        "window_days",
        &input.window_days,
        7..=730,
        "the days allowed to respond",
    );
    let survey_url = input.survey_url.trim();
    if !survey_url.is_empty() && crate::validate::web_address(survey_url).is_none() {
        c.fail(
            "survey_url",
            "Enter the survey's full address, starting https://, or leave it blank.",
        );
    }
    c.finish()?;
    let clash: Option<(i64,)> = crate::db::query_as(
        "SELECT id FROM outcome_waves WHERE (name = ? OR months_after = ?) AND id IS DISTINCT FROM ?",
    )
    .bind(input.name.trim())
    .bind(months)
    .bind(input.id)
    .fetch_optional(&db.pool)
    .await?;
    if clash.is_some() {
        return Err(ApiError::conflict(
            "months_after",
            "Another wave has this name or falls due at the same time.",
        ));
    }
    let done = match input.id {
        Some(id) => crate::db::query("UPDATE outcome_waves SET name = ?, months_after = ?, window_days = ?, survey_url = ? WHERE id = ?")
            .bind(input.name.trim())
            .bind(months)
            .bind(window)
            .bind(survey_url)
            .bind(id)
            .execute(&db.pool)
            .await?
            .rows_affected(),
        None => crate::db::query("INSERT INTO outcome_waves (name, months_after, window_days, survey_url, created_at) VALUES (?, ?, ?, ?, ?)")
            .bind(input.name.trim())
            .bind(months)
            .bind(window)
            .bind(survey_url)
            .bind(now_stamp())
            .execute(&db.pool)
            .await?
            .rows_affected(),
    };
    if done == 0 {
        return Err(hidden());
    }
    waves(db).await
}

pub async fn save_measure(
    db: &Db,
    actor: &Actor,
    input: OutcomeMeasureInput,
) -> Result<Vec<OutcomeMeasure>> {
    require_faculty(actor)?;
    let mut c = Checks::new();
    let code = input.code.trim().to_lowercase();
    let code_ok = code.starts_with(|ch: char| ch.is_ascii_lowercase())
        && code
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
    if !code_ok {
        c.fail(
            "code",
            "Give a short code of lower-case letters, digits and underscores, starting with a letter.",
        );
    }
    required(&mut c, "name", &input.name, "Enter the measure's name.");
    let category = Category::parse(&input.category);
    if category.is_none() {
        c.fail("category", "Choose the kind of outcome.");
    }
    let value_type = ValueType::parse(&input.value_type);
    if value_type.is_none() {
        c.fail("value_type", "Choose what kind of answer it takes.");
    }
    let kirkpatrick = Kirkpatrick::parse(&input.kirkpatrick);
    if kirkpatrick.is_none() {
        c.fail("kirkpatrick", "Choose the Kirkpatrick level.");
    }
    let choices = parse_choices(&input.choices);
    if value_type == Some(ValueType::Choice) && choices.len() < 2 {
        c.fail(
            "choices",
            "List at least two choices, one \"code=Label\" per line.",
        );
    }
    let scale_points = if value_type == Some(ValueType::Scale) {
        Some(whole(
            &mut c,
            "scale_points",
            &input.scale_points,
            2..=11,
            "the number of points",
        ))
    } else {
        None
    };
    c.finish()?;
    let clash: Option<(i64,)> = crate::db::query_as(
        "SELECT id FROM outcome_measures WHERE code = ? AND id IS DISTINCT FROM ?",
    )
    .bind(&code)
    .bind(input.id)
    .fetch_optional(&db.pool)
    .await?;
    if clash.is_some() {
        return Err(ApiError::conflict("code", "Another measure has this code."));
    }
    // Once answers exist, the kind of answer cannot change: old answers would no longer read.
    if let Some(id) = input.id {
        let (old_type, answers): (String, i64) = crate::db::query_as(
            "SELECT value_type, (SELECT count(*) FROM outcome_values WHERE measure_id = ?1) FROM outcome_measures WHERE id = ?1",
        )
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(hidden)?;
        if answers > 0 && Some(old_type.as_str()) != value_type.map(ValueType::code) {
            return Err(ApiError::conflict(
                "value_type",
                "This measure already has answers, so its kind of answer cannot change. Retire it and add a new one.",
            ));
        }
    }
    let choices_text: String = choices
        .iter()
        .map(|ch| format!("{}={}", ch.code, ch.label))
        .collect::<Vec<_>>()
        .join("\n");
    match input.id {
        Some(id) => {
            crate::db::query(
                "UPDATE outcome_measures SET code = ?, name = ?, category = ?, value_type = ?, choices = ?, scale_points = ?,
                 scale_low = ?, scale_high = ?, kirkpatrick = ?, retired = ? WHERE id = ?",
            )
            .bind(&code)
            .bind(input.name.trim())
            .bind(category.map(Category::code))
            .bind(value_type.map(ValueType::code))
            .bind(&choices_text)
            .bind(scale_points)
            .bind(input.scale_low.trim())
            .bind(input.scale_high.trim())
            .bind(kirkpatrick.map(Kirkpatrick::code))
            .bind(input.retired)
            .bind(id)
            .execute(&db.pool)
            .await?;
        }
        None => {
            crate::db::query(
                "INSERT INTO outcome_measures (code, name, category, value_type, choices, scale_points, scale_low, scale_high,
                 kirkpatrick, position, retired, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM outcome_measures), ?, ?)",
            )
            .bind(&code)
            .bind(input.name.trim())
            .bind(category.map(Category::code))
            .bind(value_type.map(ValueType::code))
            .bind(&choices_text)
            .bind(scale_points)
            .bind(input.scale_low.trim())
            .bind(input.scale_high.trim())
            .bind(kirkpatrick.map(Kirkpatrick::code))
            .bind(input.retired)
            .bind(now_stamp())
            .execute(&db.pool)
            .await?;
        }
    }
    measures(db).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(value_type: ValueType) -> OutcomeMeasure {
        OutcomeMeasure {
            id: 1,
            code: "m".into(),
            name: "M".into(),
            category: Category::Career,
            value_type,
            choices: parse_choices("sustained=Sustained\nspread=Sustained and spread"),
            scale_points: Some(5),
            scale_low: String::new(),
            scale_high: String::new(),
            kirkpatrick: Kirkpatrick::L3,
            retired: false,
        }
    }

    #[test]
    fn values_are_read_by_kind_and_refused_with_a_reason() {
        let count = measure(ValueType::Count);
        assert_eq!(parse_value(&count, " 3 "), Ok(Some(Stored::Int(3))));
        assert_eq!(parse_value(&count, ""), Ok(None));
        assert!(parse_value(&count, "-1")
            .unwrap_err()
            .contains("whole number"));
        assert!(parse_value(&count, "2.5").is_err());
        let yes = measure(ValueType::YesNo);
        assert_eq!(parse_value(&yes, "Yes"), Ok(Some(Stored::Int(1))));
        assert_eq!(parse_value(&yes, "n"), Ok(Some(Stored::Int(0))));
        assert!(parse_value(&yes, "maybe").is_err());
        let choice = measure(ValueType::Choice);
        assert_eq!(
            parse_value(&choice, "SPREAD"),
            Ok(Some(Stored::Text("spread".into())))
        );
        assert_eq!(
            parse_value(&choice, "sustained and spread"),
            Ok(Some(Stored::Text("spread".into())))
        );
        assert!(parse_value(&choice, "gone")
            .unwrap_err()
            .contains("sustained, spread"));
        let scale = measure(ValueType::Scale);
        assert_eq!(parse_value(&scale, "5"), Ok(Some(Stored::Int(5))));
        assert!(parse_value(&scale, "6").unwrap_err().contains("1 to 5"));
        assert!(parse_value(&scale, "0").is_err());
    }
}
