//! The cohort overview's breakdown by host organisation comes a page of hosts at a time: every
//! page together is the cohort's breakdown, each host once and in order, its counts as counted
//! plainly from the fellows; the counts by status and profession are the whole cohort's.

use crate::common::*;
use fellowship::demo::{self, DemoSize};
use fellowship::programme::cohorts::{self, CohortOverviewInput};
use std::collections::BTreeMap;

#[tokio::test]
async fn every_page_of_hosts_together_is_the_cohort() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "overview").await;
    demo::fill(&db, &DemoSize::standard().scaled(6))
        .await
        .unwrap();
    let faculty = fellowship::auth::sign_in(&db, &demo::faculty_sign_in())
        .await
        .unwrap();
    let cohort = cohorts::list(&db, &faculty).await.unwrap()[0].clone();
    // Two fellows with no host yet: one row of their own, before the named hosts.
    fellowship::db::query(
        "UPDATE fellows SET host_id = NULL WHERE id IN
           (SELECT id FROM fellows WHERE cohort_id = ? ORDER BY id LIMIT 2)",
    )
    .bind(cohort.id)
    .execute(&db.pool)
    .await
    .unwrap();

    // Counted plainly: (host, profession) -> fellows, and the hosts in the page order.
    let plain: Vec<(Option<i64>, Option<String>, String, i64)> = fellowship::db::query_as(
        "SELECT f.host_id, h.name, f.profession, count(*) FROM fellows f
         LEFT JOIN host_organisations h ON h.id = f.host_id WHERE f.cohort_id = ?
         GROUP BY f.host_id, h.name, f.profession",
    )
    .bind(cohort.id)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let expected: BTreeMap<(Option<i64>, String), i64> = plain
        .iter()
        .map(|(h, _, p, n)| ((*h, p.clone()), *n))
        .collect();
    let mut order: Vec<(bool, String, Option<i64>)> = plain
        .iter()
        .map(|(h, name, ..)| (name.is_some(), name.clone().unwrap_or_default(), *h))
        .collect();
    order.sort();
    order.dedup();
    let order: Vec<Option<i64>> = order.into_iter().map(|(.., h)| h).collect();
    assert!(order.len() > 50, "{} hosts: more than a page", order.len());
    assert_eq!(order[0], None, "fellows with no host come first");

    let mut seen: BTreeMap<(Option<i64>, String), i64> = BTreeMap::new();
    let mut hosts_in_order: Vec<Option<i64>> = vec![];
    let mut page = 1;
    loop {
        let o = cohorts::overview(
            &db,
            &faculty,
            CohortOverviewInput {
                id: cohort.id,
                page,
            },
        )
        .await
        .unwrap();
        assert_eq!((o.page, o.hosts), (page, order.len() as i64));
        // The whole cohort's counts whatever the page.
        let by_profession: i64 = o.by_profession.iter().map(|c| c.count).sum();
        assert_eq!(by_profession, o.cohort.fellow_count);
        let on_page: Vec<Option<i64>> =
            o.by_host_profession
                .iter()
                .map(|c| c.host_id)
                .fold(vec![], |mut hosts, h| {
                    if hosts.last() != Some(&h) {
                        hosts.push(h);
                    }
                    hosts
                });
        assert!(on_page.len() as i64 <= o.page_size);
        for c in &o.by_host_profession {
            let key = (c.host_id, c.profession.code().to_owned());
            assert!(seen.insert(key, c.count).is_none(), "each host once");
        }
        hosts_in_order.extend(on_page);
        if page * o.page_size >= o.hosts {
            break;
        }
        page += 1;
    }
    assert!(page >= 2);
    assert_eq!(seen, expected);
    assert_eq!(hosts_in_order, order);

    // A page past the last gives the last.
    let past = cohorts::overview(
        &db,
        &faculty,
        CohortOverviewInput {
            id: cohort.id,
            page: 99,
        },
    )
    .await
    .unwrap();
    assert_eq!(past.page, page);
}
