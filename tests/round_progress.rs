//! A round's progress, a page of fellows at a time, on a programme whose cohorts are bigger
//! than a page: the pages together are the whole cohort once, in name order, each fellow's
//! figures as counted from the records, and the raters to remind are the page's own.

use std::collections::BTreeMap;

use crate::common;
use fellowship::feedback360::progress::{self, RoundPageInput};
use fellowship::feedback360::rounds;

/// Each fellow's nominations and responses by group, counted plainly from the records.
type Counts = BTreeMap<(i64, String), (i64, i64)>;

async fn counted(db: &fellowship::Db, round: i64) -> Counts {
    let mut out = Counts::new();
    for (table, responses) in [
        ("feedback_nominations", false),
        ("feedback_responses", true),
    ] {
        let rows: Vec<(i64, String, i64)> = fellowship::db::query_as(&format!(
            "SELECT fellow_id, rater_group, count(*) FROM {table} WHERE round_id = ?
             GROUP BY fellow_id, rater_group"
        ))
        .bind(round)
        .fetch_all(&db.pool)
        .await
        .unwrap();
        for (f, g, n) in rows {
            let entry = out.entry((f, g)).or_default();
            if responses {
                entry.1 = n;
            } else {
                entry.0 = n;
            }
        }
    }
    out
}

#[tokio::test]
async fn a_rounds_pages_are_its_whole_cohort_in_order_with_its_own_reminders() {
    let dir = tempfile::tempdir().unwrap();
    let size = fellowship::demo::DemoSize {
        cohorts: 2,
        fellows_per_cohort: 60,
        hosts: 6,
        ..fellowship::demo::DemoSize::standard()
    };
    let (db, faculty) = common::demo_programme(dir.path(), size).await;
    // Some raters hold a code and have not answered (the demo's have all answered).
    fellowship::db::query(
        "UPDATE feedback_nominations SET responded = 0, lookup = 'code-' || id WHERE id % 7 = 0",
    )
    .execute(&db.pool)
    .await
    .unwrap();
    let all = rounds::list(&db, &faculty).await.unwrap();
    assert!(!all.is_empty());
    for round in &all {
        let whole: Vec<(i64,)> = fellowship::db::query_as(
            "SELECT id FROM fellows WHERE cohort_id = ? AND status IN ('active', 'interrupted', 'completed')
             ORDER BY lower(name), id",
        )
        .bind(round.cohort_id)
        .fetch_all(&db.pool)
        .await
        .unwrap();
        let waiting: Vec<(i64, String)> = fellowship::db::query_as(
            "SELECT fellow_id, rater_email FROM feedback_nominations
             WHERE round_id = ? AND responded = 0 AND lookup IS NOT NULL ORDER BY fellow_id, rater_email",
        )
        .bind(round.id)
        .fetch_all(&db.pool)
        .await
        .unwrap();
        assert!(!waiting.is_empty(), "the test needs raters to remind");
        let counts = counted(&db, round.id).await;
        let ask = |page| RoundPageInput { id: round.id, page };
        let first = progress::progress(&db, &faculty, ask(1)).await.unwrap();
        assert_eq!(first.total, whole.len() as i64);
        assert!(first.total > first.page_size, "the cohort spans pages");
        let pages = (first.total + first.page_size - 1) / first.page_size;
        let (mut read, mut reminded) = (vec![], vec![]);
        for page in 1..=pages {
            let p = progress::progress(&db, &faculty, ask(page)).await.unwrap();
            assert_eq!((p.page, p.waiting), (page, waiting.len() as i64));
            assert!(p.fellows.len() as i64 <= p.page_size);
            for r in &p.reminders {
                let on_page = p.fellows.iter().find(|f| f.fellow_id == r.fellow_id);
                assert_eq!(on_page.map(|f| &f.fellow_name), Some(&r.fellow_name));
                reminded.push((r.fellow_id, r.rater_email.clone()));
            }
            for f in &p.fellows {
                for g in &f.groups {
                    let plain = counts
                        .get(&(f.fellow_id, g.group.code().to_owned()))
                        .copied()
                        .unwrap_or_default();
                    assert_eq!((g.nominated, g.responses), plain, "{}", f.fellow_name);
                }
            }
            read.extend(p.fellows.iter().map(|f| (f.fellow_id,)));
        }
        assert_eq!(read, whole, "round {}", round.id);
        reminded.sort();
        assert_eq!(reminded, waiting, "round {}", round.id);
        // A page past the last gives the last.
        let past = progress::progress(&db, &faculty, ask(pages + 3))
            .await
            .unwrap();
        assert_eq!(past.page, pages);
    }
}
