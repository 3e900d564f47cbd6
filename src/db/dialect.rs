//! The few ways PostgreSQL's SQL differs from SQLite's that the storage seam (`db::query`)
//! absorbs, so domain code writes one SQL text for both engines.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// SQLite's placeholders as PostgreSQL's: `?N` becomes `$N`, and a bare `?` becomes one more
/// than the highest number so far, exactly as SQLite numbers it. Quoted text and identifiers are
/// left alone.
pub fn numbered_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut highest = 0u32;
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                out.push(c);
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let n = match digits.parse::<u32>() {
                    Ok(n) => n,
                    Err(_) => highest + 1,
                };
                highest = highest.max(n);
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(c),
        }
    }
    out
}

/// `numbered_placeholders`, kept: each distinct SQL text is rewritten once and lives for the
/// program's life (the set of texts is fixed by the code, so this stays small).
pub fn for_postgres(sql: &str) -> &'static str {
    static CACHE: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(done) = map.get(sql) {
        return done;
    }
    let done: &'static str = Box::leak(numbered_placeholders(sql).into_boxed_str());
    map.insert(sql.to_owned(), done);
    done
}

#[cfg(test)]
mod tests {
    use super::numbered_placeholders as n;

    #[test]
    fn placeholders_are_numbered_as_sqlite_numbers_them() {
        assert_eq!(
            n("SELECT a FROM t WHERE b = ? AND c = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = $2"
        );
        assert_eq!(
            n("UPDATE t SET a = ?2 WHERE id = ?1"),
            "UPDATE t SET a = $2 WHERE id = $1"
        );
        assert_eq!(
            n("(?1 IS NULL OR a = ?1) AND b = ?"),
            "($1 IS NULL OR a = $1) AND b = $2"
        );
        assert_eq!(n("a = ?3 AND b = ?"), "a = $3 AND b = $4");
        assert_eq!(
            n("SELECT '?' , \"a?\" FROM t WHERE x = ?"),
            "SELECT '?' , \"a?\" FROM t WHERE x = $1"
        );
        assert_eq!(
            n("SELECT 'it''s ?' WHERE x = ?"),
            "SELECT 'it''s ?' WHERE x = $1"
        );
        assert_eq!(n("no placeholders"), "no placeholders");
    }
}
