//! A WHERE clause made of only the conditions a reader chose, with its values in placeholder
//! order. A filter written as `(? IS NULL OR column = ?)` is one text for every choice, but
//! SQLite then tests it on every row even when nothing was chosen; leaving out what was not
//! chosen lets a page of 50 from 40,000 fellows read 50.

use super::{Args, Backend};

/// A value for one placeholder.
pub enum Arg {
    Int(Option<i64>),
    Text(String),
}

pub struct Where {
    sql: String,
    args: Vec<Arg>,
}

impl Where {
    /// Starts from the reader's scope: SQL with one `?` (as `access::fellow_scope` gives it)
    /// and its value.
    pub fn scope(sql: &str, value: Option<i64>) -> Self {
        Where {
            sql: sql.replace('?', "?1"),
            args: vec![Arg::Int(value)],
        }
    }

    /// Adds a condition; each `?` in it stands for `value`.
    pub fn and(&mut self, sql: &str, value: Arg) {
        let n = self.args.len() + 1;
        self.sql.push_str(" AND ");
        self.sql.push_str(&sql.replace('?', &format!("?{n}")));
        self.args.push(value);
    }

    /// Adds a condition that takes no values.
    pub fn and_fixed(&mut self, sql: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(sql);
    }

    pub fn sql(&self) -> &str {
        &self.sql
    }

    /// Binds each value in order.
    pub fn bind<'q, O>(
        &self,
        mut q: sqlx::query::QueryAs<'q, Backend, O, Args<'q>>,
    ) -> sqlx::query::QueryAs<'q, Backend, O, Args<'q>> {
        for a in &self.args {
            q = match a {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(s) => q.bind(s.clone()),
            };
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_condition_takes_the_next_placeholder() {
        let mut w = Where::scope("f.host_id = ?", Some(3));
        w.and("(a LIKE ? OR b LIKE ?)", Arg::Text("%x%".into()));
        w.and("c = ?", Arg::Int(Some(9)));
        assert_eq!(
            w.sql(),
            "f.host_id = ?1 AND (a LIKE ?2 OR b LIKE ?2) AND c = ?3"
        );
        assert_eq!(w.args.len(), 3);
    }
}
