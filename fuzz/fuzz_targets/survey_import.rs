#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fellowship::tools::bad_input::Harness::shared().survey_import(data));
