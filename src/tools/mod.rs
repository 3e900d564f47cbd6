//! The command line's tools: the benchmark, the crash test, the bad-input checks and the CSV
//! export. They use any room; no room uses them.

pub mod bad_input;
pub mod bench;
pub mod bench_imports;
pub mod crash;
pub mod export;
#[cfg(not(feature = "postgres"))]
pub mod shell_ratio;
