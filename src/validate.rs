//! Small field rules shared by every form.

use chrono::NaiveDate;

use crate::error::Checks;

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
            c.fail(
                field,
                format!("The {label} must be a real date, like 2026-09-01."),
            );
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
