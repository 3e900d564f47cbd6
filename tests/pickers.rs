//! The pickers: a form offers the first fellows or host organisations matching what was typed,
//! says how many match, keeps the one already chosen, and offers nothing the reader may not see.

use crate::common::*;
use fellowship::programme::fellows::{self, Fellow, FellowFilter};
use fellowship::programme::hosts;
use fellowship::programme::picks::{self, FellowPickInput, HostPickInput, PICK_LIMIT};
use serde_json::json;

fn finished(f: &Fellow) -> bool {
    matches!(f.status.code(), "completed" | "withdrawn")
}

fn pick(search: Option<&str>, include_finished: bool, chosen: Option<i64>) -> FellowPickInput {
    FellowPickInput {
        search: search.map(str::to_owned),
        include_finished,
        chosen,
    }
}

#[tokio::test]
async fn a_picker_offers_the_first_matches_by_name_and_keeps_the_chosen() {
    use fellowship::demo;
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "pickers").await;
    demo::fill(&db, &demo::DemoSize::standard().scaled(4))
        .await
        .unwrap();
    let faculty = fellowship::auth::sign_in(&db, &demo::faculty_sign_in())
        .await
        .unwrap();
    let mut whole = fellows::list(&db, &faculty, FellowFilter::default())
        .await
        .unwrap();
    whole.sort_by_key(|f| (f.name.to_lowercase(), f.id));
    let on_programme: Vec<i64> = whole
        .iter()
        .filter(|f| !finished(f))
        .map(|f| f.id)
        .collect();
    let done = whole.iter().filter(|f| finished(f)).count() as i64;
    assert!(on_programme.len() as i64 > PICK_LIMIT && done > 0);

    // Unsearched: the first fifty still on the programme, by name, and how many there are.
    let p = picks::fellows(&db, &faculty, pick(None, false, None))
        .await
        .unwrap();
    let ids: Vec<i64> = p.fellows.iter().map(|f| f.id).collect();
    assert_eq!(ids, on_programme[..PICK_LIMIT as usize]);
    assert_eq!(
        (p.matching, p.finished, p.limit),
        (on_programme.len() as i64, done, PICK_LIMIT)
    );
    // With the finished: every fellow counts.
    let p = picks::fellows(&db, &faculty, pick(None, true, None))
        .await
        .unwrap();
    assert_eq!(p.matching, whole.len() as i64);
    assert_eq!(p.fellows.len() as i64, PICK_LIMIT);

    // A search, in any case, narrows to those whose name, email or registration matches.
    let one = whole.iter().find(|f| finished(f)).unwrap();
    let surname = one.name.split(' ').next_back().unwrap();
    let matching: Vec<&Fellow> = whole
        .iter()
        .filter(|f| {
            [&f.name, &f.email, &f.registration_number]
                .iter()
                .any(|s| s.to_lowercase().contains(&surname.to_lowercase()))
        })
        .collect();
    let p = picks::fellows(
        &db,
        &faculty,
        pick(Some(&surname.to_uppercase()), true, None),
    )
    .await
    .unwrap();
    assert_eq!(p.matching, matching.len() as i64);
    assert_eq!(
        p.finished,
        matching.iter().filter(|f| finished(f)).count() as i64
    );
    if matching.len() as i64 <= PICK_LIMIT {
        assert!(p.fellows.iter().any(|f| f.id == one.id));
    }
    // A finished fellow already chosen is offered though the search and the status leave them
    // out, after the matches, and is not counted among them.
    let p = picks::fellows(
        &db,
        &faculty,
        pick(Some("no such fellow"), false, Some(one.id)),
    )
    .await
    .unwrap();
    assert_eq!(p.fellows.iter().map(|f| f.id).collect::<Vec<_>>(), [one.id]);
    assert_eq!(p.matching, 0);
    // Chosen and among the matches: offered once.
    let first = on_programme[0];
    let p = picks::fellows(&db, &faculty, pick(None, false, Some(first)))
        .await
        .unwrap();
    assert_eq!(p.fellows.iter().filter(|f| f.id == first).count(), 1);
    assert_eq!(p.fellows.len() as i64, PICK_LIMIT);

    // Host organisations: the first page by name, a search, and the chosen kept.
    let all_hosts = hosts::list(&db, &faculty).await.unwrap();
    assert!(all_hosts.len() as i64 > PICK_LIMIT);
    let host_pick = |search: Option<&str>, chosen| HostPickInput {
        search: search.map(str::to_owned),
        chosen,
    };
    let p = picks::hosts(&db, &faculty, host_pick(None, None))
        .await
        .unwrap();
    assert_eq!(p.matching, all_hosts.len() as i64);
    assert_eq!(
        p.hosts.iter().map(|h| h.id).collect::<Vec<_>>(),
        all_hosts
            .iter()
            .take(PICK_LIMIT as usize)
            .map(|h| h.id)
            .collect::<Vec<_>>()
    );
    let last = all_hosts.last().unwrap();
    let p = picks::hosts(&db, &faculty, host_pick(None, Some(last.id)))
        .await
        .unwrap();
    assert_eq!(p.hosts.len() as i64, PICK_LIMIT + 1);
    assert_eq!(p.hosts.last().unwrap().id, last.id);
    let p = picks::hosts(
        &db,
        &faculty,
        host_pick(Some(&last.name.to_lowercase()), None),
    )
    .await
    .unwrap();
    assert!(p.hosts.iter().any(|h| h.id == last.id));
    assert!(p.matching >= 1 && p.matching < all_hosts.len() as i64);
}

#[tokio::test]
async fn a_picker_offers_only_what_the_reader_may_see_even_when_chosen() {
    let mut w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    // A sponsor naming another host's fellow as chosen is offered only their own.
    let p = picks::fellows(db, &t.sponsor_a, pick(None, true, Some(t.fellow_b)))
        .await
        .unwrap();
    assert_eq!(
        p.fellows.iter().map(|f| f.id).collect::<Vec<_>>(),
        [t.fellow_a]
    );
    assert_eq!(p.matching, 1);
    let p = picks::fellows(
        db,
        &t.fellow_user_a,
        pick(Some("Bea"), true, Some(t.fellow_b)),
    )
    .await
    .unwrap();
    assert!(p.fellows.is_empty());
    assert_eq!(p.matching, 0);
    let p = picks::hosts(
        db,
        &t.sponsor_a,
        HostPickInput {
            search: None,
            chosen: Some(t.host_b),
        },
    )
    .await
    .unwrap();
    assert_eq!(p.hosts.iter().map(|h| h.id).collect::<Vec<_>>(), [t.host_a]);
    // Through the command surface, as the app asks.
    let p = w
        .call(
            "pick_fellows",
            json!({"search": "bea", "include_finished": false, "chosen": t.fellow_a}),
        )
        .await
        .unwrap();
    let names: Vec<&str> = p["fellows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Bea Beta", "Ada Alpha"]);
    assert_eq!(p["matching"], 1);
    let p = w
        .call("pick_hosts", json!({"search": "alpha", "chosen": null}))
        .await
        .unwrap();
    assert_eq!(p["matching"], 1);
    assert_eq!(p["hosts"][0]["name"], "Alpha Trust");
}
