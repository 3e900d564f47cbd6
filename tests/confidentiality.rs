//! Confidentiality on every path: each private field is seeded with its own marker word, then
//! every reading command of the command surface (screens, documents, exports, search) is called
//! as each role with every record id in play, and the CLI's CSV export is made as each role. A
//! marker may appear only in what a person the visibility policy allows receives; and each
//! allowed person does receive it somewhere, so the sweep cannot pass by reading nothing.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use fellowship::api::session::{Session, Workspaces};
use fellowship::api::{dispatch, ACTIONS};
use fellowship::demo::{self, DemoSize, DEMO_PASSWORD};
use fellowship::privacy::audit::Action;
use fellowship::Db;
use serde_json::{json, Map, Value};

async fn one(db: &Db, sql: &str) -> i64 {
    let (v,): (i64,) = fellowship::db::query_as(sql)
        .fetch_one(&db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    v
}

async fn ids(db: &Db, sql: &str) -> Vec<i64> {
    let rows: Vec<(i64,)> = fellowship::db::query_as(sql)
        .fetch_all(&db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.into_iter().map(|(v,)| v).collect()
}

async fn signed_in(ws: &Workspaces, email: &str, password: &str) -> Session {
    let mut s = Session::default();
    dispatch(
        ws,
        &mut s,
        "sign_in",
        json!({"email": email, "password": password}),
    )
    .await
    .unwrap_or_else(|e| panic!("{email} signs in: {e:?}"));
    s
}

async fn call(ws: &Workspaces, s: &mut Session, command: &str, args: Value) -> Value {
    dispatch(ws, s, command, args)
        .await
        .unwrap_or_else(|e| panic!("{command}: {e:?}"))
}

/// Everything a person receives from one answer: the JSON, and any document's bytes as text
/// (a PDF's hex strings decoded too).
fn received(answer: &Value) -> String {
    let mut out = answer.to_string();
    if let Some(b64) = answer.get("base64").and_then(Value::as_str) {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        out.push_str(&String::from_utf8_lossy(&bytes));
        out.push_str(&common::pdf_text(&bytes));
    }
    out
}

struct Person {
    label: &'static str,
    user_id: i64,
    session: Session,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_private_field_reaches_anyone_the_policy_keeps_it_from() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::fresh_db(dir.path(), "fellowship").await;
    let size = DemoSize {
        cohorts: 2,
        fellows_per_cohort: 8,
        hosts: 3,
        ..DemoSize::standard()
    };
    demo::fill(&db, &size).await.unwrap();
    let ws = Workspaces::new(db.clone(), None);
    let user = |email: &str| format!("SELECT id FROM users WHERE email = '{email}'");
    let fellow_id = one(
        &db,
        &format!(
            "SELECT fellow_id FROM users WHERE email = '{}'",
            demo::DEMO_FELLOW_EMAIL
        ),
    )
    .await;
    let mentor_user = one(&db, &user(demo::DEMO_MENTOR_EMAIL)).await;
    let set_id = one(
        &db,
        &format!("SELECT set_id FROM learning_set_members WHERE fellow_id = {fellow_id}"),
    )
    .await;
    let cohort_id = one(
        &db,
        &format!("SELECT cohort_id FROM fellows WHERE id = {fellow_id}"),
    )
    .await;
    let host_id = one(
        &db,
        &format!("SELECT host_id FROM fellows WHERE id = {fellow_id}"),
    )
    .await;
    // Another fellow of the same set, with an account of their own.
    let peer_id = one(
        &db,
        &format!("SELECT fellow_id FROM learning_set_members WHERE set_id = {set_id} AND fellow_id <> {fellow_id} LIMIT 1"),
    )
    .await;
    let mut faculty = signed_in(&ws, demo::DEMO_FACULTY_EMAIL, DEMO_PASSWORD).await;
    call(
        &ws,
        &mut faculty,
        "create_user",
        json!({"name": "Peer Fellow", "email": "peer.fellow@nhs.net", "password": DEMO_PASSWORD,
               "role": "fellow", "fellow_id": peer_id, "host_id": null}),
    )
    .await;
    let relationship = call(
        &ws,
        &mut faculty,
        "save_relationship",
        json!({"fellow_id": fellow_id, "person_id": mentor_user, "kind": "workplace_mentor", "started_on": "2026-09-01"}),
    )
    .await["id"]
        .as_i64()
        .unwrap();

    // The markers, each written by the person who would write it.
    let mut fellow = signed_in(&ws, demo::DEMO_FELLOW_EMAIL, DEMO_PASSWORD).await;
    let mut mentor = signed_in(&ws, demo::DEMO_MENTOR_EMAIL, DEMO_PASSWORD).await;
    let reflection = |title: &str, body: &str| {
        json!({"id": null, "template": "free", "title": title, "happened_on": "2026-10-01",
               "sections": [{"key": "text", "body": body}], "challenge_id": null, "dimension_ids": [], "finish": true})
    };
    let private = call(
        &ws,
        &mut fellow,
        "save_reflection",
        reflection("Kept to myself", "MARKREFLPRIVATE about the ward"),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let shared = call(
        &ws,
        &mut fellow,
        "save_reflection",
        reflection("For my mentor", "MARKREFLSHARED about the board"),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    call(
        &ws,
        &mut fellow,
        "share_reflection",
        json!({"reflection_id": shared, "user_id": mentor_user}),
    )
    .await;
    let session = |themes: &str, note: &str| {
        json!({"relationship_id": relationship, "held_on": "2026-10-02", "duration_minutes": "45", "mode": "video",
               "themes": themes, "agreed_actions": "Meet again", "private_note": note})
    };
    call(
        &ws,
        &mut mentor,
        "log_mentoring_session",
        session("MARKMENTORINGTHEME", "MARKNOTEMENTOR"),
    )
    .await;
    call(
        &ws,
        &mut fellow,
        "log_mentoring_session",
        session("Stakeholders", "MARKNOTEFELLOW"),
    )
    .await;
    // What was said in the set: the record of a session the demo has already recorded.
    let set_session = one(
        &db,
        &format!("SELECT id FROM learning_set_sessions WHERE set_id = {set_id} AND recorded_at IS NOT NULL ORDER BY meets_on DESC LIMIT 1"),
    )
    .await;
    fellowship::db::query(
        "UPDATE learning_set_sessions SET notes = 'MARKSETNOTES in the room' WHERE id = ?",
    )
    .bind(set_session)
    .execute(&db.pool)
    .await
    .unwrap();

    // Who may read each marker, from the records themselves.
    let fellow_user = one(&db, &user(demo::DEMO_FELLOW_EMAIL)).await;
    let set_people: BTreeSet<i64> = ids(
        &db,
        &format!(
            "SELECT facilitator_id FROM learning_sets WHERE id = {set_id}
             UNION SELECT u.id FROM users u JOIN learning_set_members m ON m.fellow_id = u.fellow_id WHERE m.set_id = {set_id}"
        ),
    )
    .await
    .into_iter()
    .collect();
    let allowed: BTreeMap<&str, BTreeSet<i64>> = [
        ("MARKREFLPRIVATE", BTreeSet::from([fellow_user])),
        ("MARKREFLSHARED", BTreeSet::from([fellow_user, mentor_user])),
        ("MARKNOTEMENTOR", BTreeSet::from([mentor_user])),
        ("MARKNOTEFELLOW", BTreeSet::from([fellow_user])),
        (
            "MARKMENTORINGTHEME",
            BTreeSet::from([fellow_user, mentor_user]),
        ),
        ("MARKSETNOTES", set_people),
    ]
    .into_iter()
    .collect();

    let mut people = vec![];
    for (label, email) in [
        ("faculty", demo::DEMO_FACULTY_EMAIL),
        ("set facilitator", demo::DEMO_FACILITATOR_EMAIL),
        ("fellow", demo::DEMO_FELLOW_EMAIL),
        ("another fellow of the set", "peer.fellow@nhs.net"),
        ("host sponsor", demo::DEMO_SPONSOR_EMAIL),
        ("workplace mentor", demo::DEMO_MENTOR_EMAIL),
    ] {
        people.push(Person {
            label,
            user_id: one(&db, &user(email)).await,
            session: signed_in(&ws, email, DEMO_PASSWORD).await,
        });
    }

    // Every record in play, so each command is asked about each of them.
    let challenge = ids(
        &db,
        &format!("SELECT id FROM challenges WHERE fellow_id IN ({fellow_id}, {peer_id})"),
    )
    .await;
    let rounds = ids(
        &db,
        &format!("SELECT id FROM feedback_rounds WHERE cohort_id = {cohort_id}"),
    )
    .await;
    let sessions = ids(
        &db,
        &format!("SELECT id FROM learning_set_sessions WHERE set_id = {set_id}"),
    )
    .await;
    let mut record_ids: BTreeSet<i64> = [
        fellow_id,
        peer_id,
        private,
        shared,
        relationship,
        set_id,
        cohort_id,
        host_id,
    ]
    .into_iter()
    .collect();
    record_ids.extend(challenge.iter().chain(&rounds).chain(&sessions));
    let wave = one(&db, "SELECT min(id) FROM outcome_waves").await;
    // Commands without arguments take null.
    let mut arg_sets = vec![Value::Null];
    for subject in [fellow_id, peer_id] {
        for round in rounds.iter().map(|r| Some(*r)).chain([None]) {
            let base = json!({"fellow_id": subject, "cohort_id": cohort_id, "round_id": round, "host_id": host_id,
                "set_id": set_id, "challenge_id": challenge.first(), "search": "MARKREFLPRIVATE", "status": null,
                "pseudonymise": false, "user_id": null, "action": "", "on": "2026-12-03", "wave_id": wave,
                "for_sharing": true, "state": "", "page": 1, "include_finished": true, "chosen": null,
                "filter": {"search": null, "cohort_id": null, "profession": null, "host_id": null, "status": null}});
            arg_sets.push(base.clone());
            for id in &record_ids {
                let mut with_id: Map<String, Value> = base.as_object().unwrap().clone();
                with_id.insert("id".into(), json!(id));
                with_id.insert("relationship_id".into(), json!(id));
                with_id.insert("measure_id".into(), json!(id));
                with_id.insert("chosen".into(), json!(id));
                arg_sets.push(Value::Object(with_id));
            }
        }
    }

    // Every command the table declares a reader, and the rater's questionnaire.
    let readers: Vec<&str> = ACTIONS
        .iter()
        .filter(|(_, kind)| *kind != Action::Change)
        .map(|(c, _)| *c)
        .chain(["open_questionnaire"])
        .collect();
    let mut answered: BTreeSet<&str> = BTreeSet::new();
    let mut seen: BTreeMap<(&str, i64), Vec<String>> = BTreeMap::new();
    let mut leaks = vec![];
    for p in &mut people {
        for command in &readers {
            for args in &arg_sets {
                let Ok(answer) = dispatch(&ws, &mut p.session, command, args.clone()).await else {
                    continue;
                };
                answered.insert(command);
                let text = received(&answer);
                for (marker, who) in &allowed {
                    if text.contains(marker) {
                        if who.contains(&p.user_id) {
                            seen.entry((marker, p.user_id))
                                .or_default()
                                .push(command.to_string());
                        } else {
                            leaks.push(format!("{marker} reached the {} by {command}", p.label));
                        }
                    }
                }
            }
        }
        // The CLI's CSV export of everything the person may see.
        let actor = p.session.actor().unwrap().clone();
        let out = dir.path().join(format!("csv-{}", p.user_id));
        for file in fellowship::tools::export::export_csv(&db, &actor, &out)
            .await
            .unwrap()
        {
            let text = std::fs::read_to_string(&file).unwrap();
            for (marker, who) in &allowed {
                if text.contains(marker) && !who.contains(&p.user_id) {
                    leaks.push(format!(
                        "{marker} reached the {} by {}",
                        p.label,
                        file.display()
                    ));
                }
            }
        }
    }
    leaks.sort();
    leaks.dedup();
    assert!(
        leaks.is_empty(),
        "private fields leaked:\n{}",
        leaks.join("\n")
    );
    for (marker, who) in &allowed {
        for person in people.iter().filter(|p| who.contains(&p.user_id)) {
            assert!(
                seen.contains_key(&(*marker, person.user_id)),
                "{marker} never reached the {}, who may read it: the sweep did not reach it",
                person.label
            );
        }
    }
    // The sweep reached every reading command but those that need a secret of their own.
    let needs_more = [
        "open_questionnaire",
        "questionnaire_file",
        "preview_backup",
        "preview_outcome_import",
        "preview_historic_import",
        "get_outcome_response",
    ];
    let missed: Vec<&&str> = readers
        .iter()
        .filter(|c| !answered.contains(**c) && !needs_more.contains(c))
        .collect();
    assert!(missed.is_empty(), "never answered in the sweep: {missed:?}");
}
