//! Small field rules shared by every form.

use chrono::NaiveDate;

use crate::error::Checks;

pub const MIN_PASSWORD_LEN: usize = 12;
/// The longest password taken: long enough for any pass phrase, short enough to hash quickly.
pub const MAX_PASSWORD_LEN: usize = 256;

pub fn required(c: &mut Checks, field: &str, value: &str, message: &str) {
    if value.trim().is_empty() {
        c.fail(field, message);
    }
}

/// A deliberately plain check: one @, something before it, a dotted domain after it, no spaces.
pub fn email_ok(email: &str) -> bool {
    let e = email.trim();
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(char::is_whitespace)
}

/// Parses a date typed as YYYY-MM-DD (what an HTML date field sends).
pub fn date(c: &mut Checks, field: &str, value: &str, label: &str) -> Option<NaiveDate> {
    let v = value.trim();
    if v.is_empty() {
        c.fail(field, format!("Enter the {label}."));
        return None;
    }
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            c.fail(field, format!("The {label} must be a real date."));
            None
        }
    }
}

/// Trims a text field; None when empty.
pub fn optional(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Parses a number typed with at most `decimals` places into a scaled integer (thousands
/// commas allowed, no floats): "1,250.5" with 2 places is 125050. Measures and money use it.
pub fn parse_scaled(s: &str, decimals: u32) -> Option<i64> {
    let t: String = s.trim().chars().filter(|c| *c != ',').collect();
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, t),
    };
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    if frac.len() > decimals as usize {
        return None;
    }
    let scale = 10i64.checked_pow(decimals)?;
    let frac_val = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<width$}", width = decimals as usize)
            .parse::<i64>()
            .ok()?
    };
    let v = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(scale)?
        .checked_add(frac_val)?;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["a@b.nhs.uk", "first.last@nhs.net", " x@y.org "] {
            assert!(email_ok(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "a@",
            "@b.com",
            "a@b",
            "a b@c.com",
            "a@b@c.com",
            "a@.com",
            "a@com.",
        ] {
            assert!(!email_ok(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        let mut c = Checks::new();
        assert_eq!(
            date(&mut c, "d", "2026-09-01", "start date"),
            NaiveDate::from_ymd_opt(2026, 9, 1)
        );
        assert!(c.ok("d"));
        assert_eq!(date(&mut c, "e", "2026-02-30", "end date"), None);
        assert!(!c.ok("e"));
        let err = c.finish().unwrap_err();
        assert_eq!(err.field.as_deref(), Some("e"));
        assert!(err.message.contains("real date"));
    }
}

/// The longest email address SMTP allows (RFC 5321's path limit).
pub const MAX_EMAIL_LEN: usize = 254;
/// Names, titles, codes and other one-line answers.
pub const MAX_LINE_LEN: usize = 300;
/// Free text: a reflection's section, a note, a proposal's section.
pub const MAX_TEXT_LEN: usize = 20_000;
/// A whole file sent as text (a measure paste, a response file, an uploaded file).
pub const MAX_FILE_LEN: usize = 5_000_000;
/// A spreadsheet of records brought in at once (the historic import, a wave's answers): a
/// national scheme's ten years, 100,000 rows of 400 characters.
pub const MAX_CSV_LEN: usize = 40_000_000;

/// The commands that take a whole CSV file to import (or to check before importing).
pub const CSV_IMPORTS: &[&str] = &[
    "preview_historic_import",
    "import_historic",
    "preview_outcome_import",
    "import_outcomes",
];

/// The largest file `command` takes, in characters.
pub fn largest_file(command: &str) -> usize {
    if CSV_IMPORTS.contains(&command) {
        MAX_CSV_LEN
    } else {
        MAX_FILE_LEN
    }
}

/// The largest request body the programme server reads for `command`: its largest file once
/// written as JSON (escapes can double it), with room for the rest. The server refuses a larger
/// body before reading it, so the limit is also what one request can make it hold.
pub fn max_body(command: &str) -> usize {
    2 * largest_file(command) + 64 * 1024
}

/// The longest text a field of this name may hold. Unknown names count as free text, so a new
/// field is bounded before anyone thinks of it.
pub fn max_len(field: &str) -> usize {
    const EMAIL: &[&str] = &["email", "rater_email", "sponsor_email", "mentor_email"];
    const PASSWORDS: &[&str] = &[
        "password",
        "password_confirm",
        "current_password",
        "new_password",
        "passphrase",
        "passphrase_confirm",
    ];
    const LINES: &[&str] = &[
        "name",
        "title",
        "programme_name",
        "rater_name",
        "signed_name",
        "confirm_name",
        "registration_number",
        "professional_body",
        "ods_code",
        "region",
        "code",
        "token",
        "kind",
        "status",
        "template",
        "mode",
        "profession",
        "rater_group",
        "unit",
        "label",
        "measure_name",
        "measure_code",
        "lead",
        "decision",
        "mark",
        "direction",
        "file_name",
        "search",
        "server",
        "url",
        "category",
        "value_type",
        "kirkpatrick",
        "frequency",
        "key",
        "sponsor_name",
        "mentor_name",
        "set_name",
        "facilitator_name",
        "overall_minimum",
        "groups_required",
        "duration_minutes",
        "bid_minutes",
        "gap_days",
        "months_after",
        "target",
        "value",
        "resource",
        "score",
        "confirm_count",
    ];
    const FILES: &[&str] = &["contents", "text", "values", "base64"];
    if EMAIL.contains(&field) {
        MAX_EMAIL_LEN
    } else if PASSWORDS.contains(&field) {
        MAX_PASSWORD_LEN
    } else if LINES.contains(&field) || field.ends_with("_on") || field.ends_with("_date") {
        MAX_LINE_LEN
    } else if field == "csv" {
        MAX_CSV_LEN
    } else if FILES.contains(&field) {
        MAX_FILE_LEN
    } else {
        MAX_TEXT_LEN
    }
}

/// Checks every text in a request against its field's length before anything else reads it:
/// a too-long value is refused beside its field, naming the limit. Texts in lists take the
/// list's name ("sections.2.body" is a `body`).
pub fn lengths(args: &serde_json::Value) -> crate::error::Result<()> {
    fn walk(c: &mut Checks, path: &str, name: &str, v: &serde_json::Value) {
        match v {
            serde_json::Value::String(s) => {
                let max = max_len(name);
                if s.len() > max && s.chars().count() > max {
                    c.fail(
                        path,
                        format!("This is too long: use {max} characters or fewer."),
                    );
                }
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(c, &format!("{path}.{i}"), name, item);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(c, &p, k, item);
                }
            }
            _ => {}
        }
    }
    let mut c = Checks::new();
    walk(&mut c, "", "", args);
    c.finish()
}

#[cfg(test)]
mod length_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_text_is_bounded_by_its_field() {
        let long_email = format!("{}@nhs.net", "a".repeat(250));
        let e = lengths(&json!({"email": long_email, "password": "x"})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("email"));
        assert!(e.message.contains("254"), "{}", e.message);
        let body = "é".repeat(MAX_TEXT_LEN);
        assert!(lengths(&json!({"sections": [{"key": "what", "body": body}]})).is_ok());
        let e = lengths(&json!({"sections": [{"key": "what", "body": format!("{body}x")}]}))
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("sections.0.body"));
        let e = lengths(&json!({"title": "t".repeat(MAX_LINE_LEN + 1)})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("title"));
        assert!(lengths(&json!({"contents": "x".repeat(MAX_TEXT_LEN * 10)})).is_ok());
        // A field no one has listed is still bounded, as free text.
        assert!(lengths(&json!({"brand_new": "x".repeat(MAX_TEXT_LEN + 1)})).is_err());
        assert!(lengths(&json!(null)).is_ok());
    }

    #[test]
    fn an_import_takes_a_national_schemes_file_and_the_server_reads_a_body_that_holds_it() {
        // 100,000 rows of 150 characters: more than any other file, less than the import's limit.
        let csv = "x".repeat(15_000_000);
        assert!(lengths(&json!({"file_name": "alumni.csv", "csv": csv})).is_ok());
        assert!(lengths(&json!({"contents": csv})).is_err());
        let e = lengths(&json!({"csv": "x".repeat(MAX_CSV_LEN + 1)})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("csv"));
        let body = serde_json::to_vec(&json!({"csv": "\"\n".repeat(MAX_CSV_LEN / 2)})).unwrap();
        assert!(body.len() <= max_body("import_historic"));
        assert!(max_body("import_outcomes") > max_body("get_fellow"));
        assert!(max_body("get_fellow") >= 2 * MAX_FILE_LEN);
    }
}

/// An address a link can start with: http(s), a host, no spaces or quotes; any trailing slash
/// dropped.
pub fn web_address(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    (!rest.is_empty()
        && !url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>')))
    .then(|| url.to_owned())
}
