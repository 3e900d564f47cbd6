//! Crash safety: the core's writer process is killed with SIGKILL mid-write, repeatedly; the
//! database must pass its integrity check and hold every change reported saved, and no import or
//! 360 response may land in part. (`fellowship crash-test --runs 100` is the full run.)
// SQLite files only: on PostgreSQL these are the database server's own tools.
#![cfg(not(feature = "postgres"))]

#[tokio::test]
async fn killing_the_writer_mid_write_loses_nothing_it_reported_saved() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::path::Path::new(env!("CARGO_BIN_EXE_fellowship"));
    let report = fellowship::tools::crash::run(exe, dir.path(), 5)
        .await
        .unwrap();
    assert_eq!(report.kills, 5, "{}", report.summary());
    assert!(
        report.confirmed > 20,
        "the writer got going: {}",
        report.summary()
    );
    assert_eq!(report.integrity_ok, report.kills, "{}", report.summary());
    assert!(report.missing.is_empty(), "{:?}", report.missing);
    assert!(report.partial.is_empty(), "{:?}", report.partial);
}
