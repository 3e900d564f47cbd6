#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fellowship::tools::bad_input::measure_paste(data));
