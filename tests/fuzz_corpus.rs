//! Replays the fuzz corpus (fuzz/corpus/<target>/*, grown by `fuzz/run.sh`) through the same
//! checks the fuzz targets make: no input panics, and every refusal is a sentence naming a field.
// The parsers under test do not depend on the engine; their harness keeps a scratch SQLite file.
#![cfg(not(feature = "postgres"))]

use std::path::Path;

use fellowship::tools::bad_input::{self, Harness};

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{target} has no corpus");
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

#[test]
fn pure_parsers_survive_their_corpus() {
    for data in inputs("measure_paste") {
        bad_input::measure_paste(&data);
    }
    for data in inputs("questionnaire_response") {
        bad_input::questionnaire_response(&data);
    }
}

#[test]
fn importers_survive_their_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let h = Harness::new(dir.path());
    for data in inputs("survey_import") {
        h.survey_import(&data);
    }
    for data in inputs("historic_import") {
        h.historic_import(&data);
    }
    for data in inputs("outcome_value") {
        h.outcome_value(&data);
    }
}
