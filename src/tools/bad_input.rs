//! What every importer and parser must do with any input at all: never panic, and refuse bad
//! input with a sentence a user can act on (a validation error naming its field), never a raw
//! database message. The cargo-fuzz targets in `fuzz/` drive these checks with generated input;
//! `tests/fuzz_corpus.rs` replays the kept corpus through them on every test run.

use std::path::Path;

use crate::auth::Actor;
use crate::challenges::measures::parse_values;
use crate::db::Db;
use crate::error::{ApiError, ErrorKind};
use crate::feedback360::questionnaire_file::read_response;
use crate::feedback360::response_seal::ProgrammeKey;
use crate::outcomes::historic::{self, HistoricImportInput};
use crate::outcomes::import::{self, OutcomeImportInput};
use crate::outcomes::{self, parse_value, OutcomeMeasure};

/// A refusal must be a validation error with a message, naming a field.
fn sentence(e: &ApiError, what: &str) {
    assert_eq!(e.kind, ErrorKind::Validation, "{what}: {e:?}");
    assert!(!e.message.trim().is_empty(), "{what}: empty message");
    assert!(e.field.is_some(), "{what}: no field named: {e:?}");
    assert!(
        !e.message.contains("SQL") && !e.message.contains("sqlx"),
        "{what}: raw database text: {}",
        e.message
    );
}

/// Every line a problem names is one the person can find: from 1 to the text's last line, or
/// the one after it (where the missing rows of a file with only a header would go).
fn lines_exist(lines: impl IntoIterator<Item = i64>, text: &str, what: &str) {
    // CRLF, LF and a lone CR each end a line, as the importers count them.
    let last = text.replace("\r\n", "\n").split(['\r', '\n']).count() as i64;
    for line in lines {
        assert!(
            (1..=last + 1).contains(&line),
            "{what}: line {line} of {last}"
        );
    }
}

fn text(data: &[u8]) -> &str {
    std::str::from_utf8(data).unwrap_or("")
}

/// Pasted measure values ("date, value" lines). The first byte picks the decimals (0-3).
pub fn measure_paste(data: &[u8]) {
    let (decimals, rest) = match data.split_first() {
        Some((d, rest)) => (u32::from(*d % 4), rest),
        None => (0, data),
    };
    match parse_values(text(rest), decimals) {
        Ok(values) => {
            let mut periods: Vec<_> = values.iter().map(|v| v.0).collect();
            periods.sort();
            periods.dedup();
            assert_eq!(periods.len(), values.len(), "a period appears twice");
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "refused without a reason");
            let lines = problems.iter().map(|p| {
                p.strip_prefix("Line ")
                    .and_then(|p| p.split(':').next()?.parse().ok())
                    .unwrap_or_else(|| panic!("no line named: {p:?}"))
            });
            lines_exist(lines, text(rest), "measure paste");
        }
    }
}

pub use crate::feedback360::questionnaire_file::fuzzing_programme_key;

/// A questionnaire response file brought back by a rater.
pub fn questionnaire_response(data: &[u8]) {
    static KEY: std::sync::OnceLock<ProgrammeKey> = std::sync::OnceLock::new();
    if let Err(e) = read_response(KEY.get_or_init(fuzzing_programme_key), text(data)) {
        sentence(&e, "questionnaire response");
    }
}

/// The importers need a programme to import into: a small one, made once.
pub struct Harness {
    rt: tokio::runtime::Runtime,
    db: Db,
    faculty: Actor,
    wave_id: i64,
    measures: Vec<OutcomeMeasure>,
}

impl Harness {
    /// One harness for a whole fuzzing run, in a folder of this process's own.
    pub fn shared() -> &'static Harness {
        static SHARED: std::sync::OnceLock<Harness> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| {
            let dir = std::env::temp_dir().join(format!("fellowship-fuzz-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("fuzz folder");
            Harness::new(&dir)
        })
    }

    pub fn new(dir: &Path) -> Harness {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let (db, faculty, wave_id, measures) = rt.block_on(async {
            let db = Db::open(&dir.join("fuzz.sqlite")).await.expect("open");
            if crate::programme::programmes::current(&db)
                .await
                .expect("read")
                .is_none()
            {
                let size = crate::demo::DemoSize {
                    cohorts: 2,
                    fellows_per_cohort: 5,
                    hosts: 3,
                    newest_start_year: 2026,
                };
                crate::demo::fill(&db, &size).await.expect("demo");
            }
            let faculty = crate::auth::sign_in(&db, &crate::demo::faculty_sign_in())
                .await
                .expect("sign in");
            let wave_id = outcomes::waves(&db).await.expect("waves")[0].id;
            let measures = outcomes::list_measures(&db, &faculty)
                .await
                .expect("measures");
            (db, faculty, wave_id, measures)
        });
        Harness {
            rt,
            db,
            faculty,
            wave_id,
            measures,
        }
    }

    /// A survey tool's CSV for a wave, previewed (previews read; they never write).
    pub fn survey_import(&self, data: &[u8]) {
        let csv = String::from_utf8_lossy(data).into_owned();
        let input = OutcomeImportInput {
            wave_id: self.wave_id,
            file_name: "survey.csv".into(),
            csv: csv.clone(),
            mapping: vec![],
        };
        match self
            .rt
            .block_on(import::preview(&self.db, &self.faculty, input))
        {
            Ok(p) => lines_exist(p.problems.iter().map(|p| p.line), &csv, "survey import"),
            Err(e) => sentence(&e, "survey import"),
        }
    }

    /// An earlier cohort's CSV, previewed.
    pub fn historic_import(&self, data: &[u8]) {
        let csv = String::from_utf8_lossy(data).into_owned();
        let input = HistoricImportInput {
            file_name: "cohort.csv".into(),
            csv: csv.clone(),
        };
        match self
            .rt
            .block_on(historic::preview(&self.db, &self.faculty, input))
        {
            Ok(p) => lines_exist(p.problems.iter().map(|p| p.line), &csv, "historic import"),
            Err(e) => sentence(&e, "historic import"),
        }
    }

    /// One typed or imported answer, for each kind of follow-up measure.
    pub fn outcome_value(&self, data: &[u8]) {
        let raw = text(data);
        for m in &self.measures {
            if let Err(problem) = parse_value(m, raw) {
                assert!(
                    !problem.trim().is_empty(),
                    "{}: refused without a reason",
                    m.code
                );
            }
        }
    }
}
