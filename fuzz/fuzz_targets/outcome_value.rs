#![no_main]

use std::sync::OnceLock;

use fellowship::bad_input::Harness;

/// One small programme for the whole run, in a folder that lives as long as the process.
fn harness() -> &'static Harness {
    static H: OnceLock<(tempfile::TempDir, Harness)> = OnceLock::new();
    &H.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let h = Harness::new(dir.path());
        (dir, h)
    })
    .1
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness().outcome_value(data));
