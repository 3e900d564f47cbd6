//! Who may do what: every role against every foundation operation, including the attempts
//! that must fail.

use crate::common::*;
use fellowship::auth::{Actor, NewUserInput, Role};
use fellowship::error::ErrorKind;
use fellowship::programme::fellows::{self, FellowFilter, StatusChangeInput};
use fellowship::programme::programmes::{self, ProgrammeInput};
use fellowship::{programme::cohorts, programme::hosts, Result};
use serde_json::json;

fn kind<T: std::fmt::Debug>(r: Result<T>) -> Option<ErrorKind> {
    r.err().map(|e| e.kind)
}

#[tokio::test]
async fn only_faculty_change_programme_structure() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    for actor in [&t.sponsor_a, &t.mentor_b, &t.fellow_user_a] {
        let who = actor.role().code();
        let forbidden = Some(ErrorKind::Forbidden);
        let c = cohort_input("2027/28", "2027-09-01", "2028-08-31");
        assert_eq!(
            kind(cohorts::save(db, actor, c).await),
            forbidden,
            "{who} saved a cohort"
        );
        assert_eq!(
            kind(hosts::save(db, actor, host_input("Gamma")).await),
            forbidden,
            "{who} saved a host"
        );
        let f = fellow_input("New Person", "3333333", t.cohort, Some(t.host_a));
        assert_eq!(
            kind(fellows::save(db, actor, f).await),
            forbidden,
            "{who} saved a fellow"
        );
        let change = StatusChangeInput {
            fellow_id: t.fellow_a,
            status: "withdrawn".into(),
            effective_date: "2026-10-01".into(),
            note: String::new(),
        };
        assert_eq!(
            kind(fellows::change_status(db, actor, change).await),
            forbidden,
            "{who} changed a status"
        );
        assert_eq!(
            kind(
                cohorts::overview(
                    db,
                    actor,
                    cohorts::CohortOverviewInput {
                        id: t.cohort,
                        page: 1
                    }
                )
                .await
            ),
            forbidden,
            "{who} saw the cohort overview"
        );
        let p = ProgrammeInput {
            name: "Renamed".into(),
            description: String::new(),
        };
        assert_eq!(
            kind(programmes::update(db, actor, p).await),
            forbidden,
            "{who} renamed the programme"
        );
        assert_eq!(
            kind(fellowship::accounts::users::list_users(db, actor).await),
            forbidden,
            "{who} listed users"
        );
        let u = NewUserInput {
            name: "X".into(),
            email: "x@nhs.net".into(),
            password: PASSWORD.into(),
            role: Role::Faculty,
            fellow_id: None,
            host_id: None,
        };
        assert_eq!(
            kind(fellowship::accounts::users::create_user(db, actor, u).await),
            forbidden,
            "{who} created a faculty account"
        );
    }
    // Nothing was changed by the refused attempts.
    assert_eq!(cohorts::list(db, &t.faculty).await.unwrap().len(), 1);
    assert_eq!(hosts::list(db, &t.faculty).await.unwrap().len(), 2);
    assert_eq!(
        programmes::get(db, &t.faculty).await.unwrap().name,
        "North London Fellowship"
    );
}

async fn visible_fellows(w: &World, actor: &Actor) -> Vec<String> {
    let mut names: Vec<String> = fellows::list(w.db(), actor, FellowFilter::default())
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.name)
        .collect();
    names.sort();
    names
}

async fn visible_hosts(w: &World, actor: &Actor) -> Vec<String> {
    hosts::list(w.db(), actor)
        .await
        .unwrap()
        .into_iter()
        .map(|h| h.name)
        .collect()
}

#[tokio::test]
async fn each_role_sees_only_its_own_fellows_and_hosts() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    assert_eq!(
        visible_fellows(&w, &t.faculty).await,
        ["Ada Alpha", "Bea Beta"]
    );
    assert_eq!(visible_fellows(&w, &t.sponsor_a).await, ["Ada Alpha"]);
    assert_eq!(visible_fellows(&w, &t.mentor_b).await, ["Bea Beta"]);
    assert_eq!(visible_fellows(&w, &t.fellow_user_a).await, ["Ada Alpha"]);

    assert_eq!(
        visible_hosts(&w, &t.faculty).await,
        ["Alpha Trust", "Beta ICB"]
    );
    assert_eq!(visible_hosts(&w, &t.sponsor_a).await, ["Alpha Trust"]);
    assert_eq!(visible_hosts(&w, &t.mentor_b).await, ["Beta ICB"]);
    assert_eq!(visible_hosts(&w, &t.fellow_user_a).await, ["Alpha Trust"]);

    // Reaching across by id is refused as "not found", so existence is not revealed.
    let nf = Some(ErrorKind::NotFound);
    assert_eq!(kind(fellows::get(db, &t.sponsor_a, t.fellow_b).await), nf);
    assert_eq!(kind(fellows::get(db, &t.mentor_b, t.fellow_a).await), nf);
    assert_eq!(
        kind(fellows::get(db, &t.fellow_user_a, t.fellow_b).await),
        nf
    );
    assert_eq!(kind(hosts::get(db, &t.sponsor_a, t.host_b).await), nf);
    assert_eq!(kind(hosts::get(db, &t.fellow_user_a, t.host_b).await), nf);
    // ...and a filter naming the other organisation finds nothing.
    let other = FellowFilter {
        host_id: Some(t.host_b),
        ..Default::default()
    };
    assert!(fellows::list(db, &t.sponsor_a, other)
        .await
        .unwrap()
        .is_empty());
    // Own records are readable.
    assert_eq!(
        fellows::get(db, &t.sponsor_a, t.fellow_a)
            .await
            .unwrap()
            .fellow
            .name,
        "Ada Alpha"
    );
    assert_eq!(
        fellows::get(db, &t.fellow_user_a, t.fellow_a)
            .await
            .unwrap()
            .history
            .len(),
        1
    );
}

#[tokio::test]
async fn the_command_surface_refuses_callers_who_are_not_signed_in() {
    let mut w = world().await;
    w.call("sign_out", json!(null)).await.unwrap();
    for (command, args) in [
        (
            "list_fellows",
            json!({"search": null, "cohort_id": null, "profession": null, "host_id": null, "status": null}),
        ),
        ("list_cohorts", json!(null)),
        ("list_hosts", json!(null)),
        ("get_fellow", json!({"id": 1})),
        (
            "save_cohort",
            json!({"id": null, "name": "x", "start_date": "2026-01-01", "end_date": "2027-01-01"}),
        ),
    ] {
        let err = w.call(command, args).await.unwrap_err();
        assert_eq!(err.kind, ErrorKind::Unauthenticated, "{command}");
    }
    let unknown = w.call("drop_everything", json!(null)).await.unwrap_err();
    assert_eq!(unknown.kind, ErrorKind::NotFound);
    // A malformed request is the caller's fault, said plainly, without serde's type names.
    let malformed = w.call("sign_in", json!({"email": 3})).await.unwrap_err();
    assert_eq!(malformed.kind, ErrorKind::BadRequest);
    assert_eq!(malformed.message, "The request could not be read.");
}

#[tokio::test]
async fn a_fellow_account_must_name_a_fellow_and_a_host_account_an_organisation() {
    let w = world().await;
    let f = w.faculty().await;
    let base = NewUserInput {
        name: "Someone".into(),
        email: "someone@nhs.net".into(),
        password: PASSWORD.into(),
        role: Role::Fellow,
        fellow_id: None,
        host_id: None,
    };
    let e = fellowship::accounts::users::create_user(w.db(), &f, base.clone())
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("fellow_id"));
    let e = fellowship::accounts::users::create_user(
        w.db(),
        &f,
        NewUserInput {
            role: Role::HostSponsor,
            ..base.clone()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("host_id"));
    let e = fellowship::accounts::users::create_user(
        w.db(),
        &f,
        NewUserInput {
            email: "LEAD@nhs.net".into(),
            role: Role::Faculty,
            ..base
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::Conflict, Some("email"))
    );
}
