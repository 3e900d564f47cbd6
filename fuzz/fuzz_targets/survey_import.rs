#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fellowship::bad_input::Harness::shared().survey_import(data));
