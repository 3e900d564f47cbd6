//! Action learning sets through the core: forming sets, the session flow (attendance, bids,
//! presenters' actions, report-back next time), and who may read the set's confidential record.

use crate::common::*;
use fellowship::auth::{self, Actor, NewUserInput, Role};
use fellowship::error::ErrorKind;
use fellowship::learning::set_sessions::{
    self, AttendanceInput, PresenterInput, RecordSetSessionInput, ReviewInput, SetActionInput,
};
use fellowship::learning::sets::{
    self, ActionReview, GroundRulesInput, LearningSetFilter, LearningSetInput, ScheduleSessionInput,
};
use fellowship::programme::cohorts;
use fellowship::programme::fellows;
use fellowship::Db;

struct Sets {
    faculty: Actor,
    cohort: i64,
    /// Eight fellows of the cohort: the first four form set A, the rest set B.
    fellows: Vec<i64>,
    member_a: Actor,
    member_b: Actor,
    facilitator_a: Actor,
    facilitator_b: Actor,
    sponsor: Actor,
    set_a: i64,
    set_b: i64,
}

async fn account(
    db: &Db,
    faculty: &Actor,
    email: &str,
    role: Role,
    fellow: Option<i64>,
    host: Option<i64>,
) -> Actor {
    let input = NewUserInput {
        name: email.into(),
        email: email.into(),
        password: PASSWORD.into(),
        role,
        fellow_id: fellow,
        host_id: host,
    };
    let u = fellowship::accounts::users::create_user(db, faculty, input)
        .await
        .unwrap();
    auth::actor_by_id(db, u.id).await.unwrap()
}

fn set_input(cohort: i64, name: &str, facilitator: i64, members: &[i64]) -> LearningSetInput {
    LearningSetInput {
        id: None,
        cohort_id: Some(cohort),
        name: name.into(),
        facilitator_id: Some(facilitator),
        member_ids: members.to_vec(),
    }
}

async fn sets_world(w: &World) -> Sets {
    let db = w.db();
    let faculty = w.faculty().await;
    let cohort = cohorts::save(
        db,
        &faculty,
        cohort_input("2026/27", "2026-09-01", "2027-08-31"),
    )
    .await
    .unwrap()
    .id;
    let host = fellowship::programme::hosts::save(db, &faculty, host_input("Alpha Trust"))
        .await
        .unwrap()
        .id;
    let mut ids = vec![];
    for i in 0..8 {
        let name = format!("Fellow {}", (b'A' + i) as char);
        let f = fellows::save(
            db,
            &faculty,
            fellow_input(&name, &format!("70000{i}0"), cohort, Some(host)),
        )
        .await
        .unwrap();
        ids.push(f.fellow.id);
    }
    let member_a = account(db, &faculty, "a@nhs.net", Role::Fellow, Some(ids[0]), None).await;
    let member_b = account(db, &faculty, "e@nhs.net", Role::Fellow, Some(ids[4]), None).await;
    let facilitator_a = account(
        db,
        &faculty,
        "fac.a@nhs.net",
        Role::Mentor,
        None,
        Some(host),
    )
    .await;
    let facilitator_b = account(
        db,
        &faculty,
        "fac.b@nhs.net",
        Role::Mentor,
        None,
        Some(host),
    )
    .await;
    let sponsor = account(
        db,
        &faculty,
        "sponsor@nhs.net",
        Role::HostSponsor,
        None,
        Some(host),
    )
    .await;
    let set_a = sets::save(
        db,
        &faculty,
        set_input(cohort, "Set A", facilitator_a.user_id, &ids[0..4]),
    )
    .await
    .unwrap()
    .set
    .id;
    let set_b = sets::save(
        db,
        &faculty,
        set_input(cohort, "Set B", facilitator_b.user_id, &ids[4..8]),
    )
    .await
    .unwrap()
    .set
    .id;
    Sets {
        faculty,
        cohort,
        fellows: ids,
        member_a,
        member_b,
        facilitator_a,
        facilitator_b,
        sponsor,
        set_a,
        set_b,
    }
}

async fn schedule(db: &Db, actor: &Actor, set_id: i64, on: &str) -> i64 {
    let detail = sets::schedule_session(
        db,
        actor,
        ScheduleSessionInput {
            set_id,
            meets_on: on.into(),
        },
    )
    .await
    .unwrap();
    detail
        .sessions
        .iter()
        .find(|s| s.meets_on.to_string() == on)
        .unwrap()
        .id
}

fn all_present(members: &[i64]) -> Vec<AttendanceInput> {
    members
        .iter()
        .map(|f| AttendanceInput {
            fellow_id: *f,
            mark: "present".into(),
        })
        .collect()
}

fn presenter(fellow: i64, actions: &[&str]) -> PresenterInput {
    PresenterInput {
        fellow_id: Some(fellow),
        bid_minutes: "20".into(),
        presented: true,
        airtime_seconds: Some(1140),
        issue: "Stuck with the discharge lounge".into(),
        feedback: "Helpful questions".into(),
        actions: actions
            .iter()
            .map(|a| SetActionInput {
                id: None,
                body: (*a).into(),
            })
            .collect(),
    }
}

fn record(
    session_id: i64,
    attendance: Vec<AttendanceInput>,
    presenters: Vec<PresenterInput>,
) -> RecordSetSessionInput {
    RecordSetSessionInput {
        session_id,
        attendance,
        check_in: "Everyone tired after winter pressures".into(),
        presenters,
        reviews: vec![],
        notes: "Confidential: the board is split".into(),
    }
}

#[tokio::test]
async fn forming_a_set_checks_size_cohort_overlap_and_facilitator() {
    let w = world().await;
    let s = sets_world(&w).await;
    let db = w.db();
    let field = |e: fellowship::ApiError| {
        e.fields
            .iter()
            .map(|f| (f.field.clone(), f.message.clone()))
            .collect::<Vec<_>>()
    };

    let e = sets::save(
        db,
        &s.faculty,
        set_input(s.cohort, "Small", s.facilitator_a.user_id, &s.fellows[0..3]),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("member_ids"));
    assert!(e.message.contains("from 4 to 8"), "{}", e.message);

    let e = sets::save(
        db,
        &s.faculty,
        set_input(s.cohort, "Set A", s.facilitator_a.user_id, &s.fellows[0..4]),
    )
    .await
    .unwrap_err();
    let fields = field(e);
    assert!(fields
        .iter()
        .any(|(f, m)| f == "name" && m.contains("already has a set")));
    assert!(fields
        .iter()
        .any(|(f, m)| f == "member_ids" && m.contains("already in the set Set A")));

    let e = sets::save(
        db,
        &s.faculty,
        set_input(s.cohort, "Set C", s.member_a.user_id, &s.fellows[0..4]),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("facilitator_id"));

    let other = cohorts::save(
        db,
        &s.faculty,
        cohort_input("2025/26", "2025-09-01", "2026-08-31"),
    )
    .await
    .unwrap()
    .id;
    let e = sets::save(
        db,
        &s.faculty,
        set_input(other, "Set C", s.facilitator_a.user_id, &s.fellows[4..8]),
    )
    .await
    .unwrap_err();
    assert!(
        e.message.contains("not in this cohort")
            || field(e)
                .iter()
                .any(|(_, m)| m.contains("not in this cohort"))
    );

    // Only faculty form sets; a facilitator cannot add themselves to another set.
    let e = sets::save(
        db,
        &s.facilitator_a,
        set_input(s.cohort, "Set C", s.facilitator_a.user_id, &s.fellows[4..8]),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);

    // Editing a set may move members; the set keeps its id.
    let mut edit = set_input(
        s.cohort,
        "Set A renamed",
        s.facilitator_a.user_id,
        &s.fellows[0..4],
    );
    edit.id = Some(s.set_a);
    let d = sets::save(db, &s.faculty, edit).await.unwrap();
    assert_eq!(d.set.name, "Set A renamed");
    assert_eq!(d.members.len(), 4);
}

#[tokio::test]
async fn actions_committed_by_two_presenters_come_back_for_review_next_session() {
    let w = world().await;
    let s = sets_world(&w).await;
    let db = w.db();
    let a = &s.fellows[0..4];
    let first = schedule(db, &s.faculty, s.set_a, "2026-10-01").await;
    let second = schedule(db, &s.facilitator_a, s.set_a, "2026-11-05").await;

    let mut attendance = all_present(a);
    attendance[3].mark = "apologies".into();
    let rec = set_sessions::record(
        db,
        &s.facilitator_a,
        record(
            first,
            attendance,
            vec![
                presenter(a[0], &["Meet the COO", "Map the flow"]),
                presenter(a[1], &["Ask the ward manager"]),
            ],
        ),
    )
    .await
    .unwrap();
    assert!(rec.recorded);
    assert_eq!(rec.presenters.len(), 2);
    assert_eq!(rec.presenters[0].actions.len(), 2);
    assert_eq!(rec.presenters[0].airtime_seconds, Some(1140));
    assert!(rec.to_review.is_empty(), "nothing before the first session");

    let next = set_sessions::get(db, &s.member_a, second).await.unwrap();
    assert_eq!(
        next.previous_session.map(|d| d.to_string()).as_deref(),
        Some("2026-10-01")
    );
    let bodies: Vec<&str> = next.to_review.iter().map(|r| r.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["Meet the COO", "Map the flow", "Ask the ward manager"]
    );
    assert!(next.to_review.iter().all(|r| r.review.is_none()));

    let mut input = record(
        second,
        all_present(a),
        vec![presenter(a[2], &["Write to the ICB"])],
    );
    input.reviews = vec![
        ReviewInput {
            action_id: next.to_review[0].action_id,
            review: "done".into(),
            note: "Met on the 10th".into(),
        },
        ReviewInput {
            action_id: next.to_review[1].action_id,
            review: "partly".into(),
            note: String::new(),
        },
        ReviewInput {
            action_id: next.to_review[2].action_id,
            review: "not_done".into(),
            note: "Ward manager on leave".into(),
        },
    ];
    let rec = set_sessions::record(db, &s.facilitator_a, input)
        .await
        .unwrap();
    assert_eq!(rec.to_review[0].review, Some(ActionReview::Done));
    assert_eq!(rec.to_review[2].review_note, "Ward manager on leave");

    // Faculty see follow-through and attendance, from a fresh connection to the same file.
    let reopened = Db::open(&w.db_path()).await.unwrap();
    let list = sets::list(
        &reopened,
        &s.faculty,
        LearningSetFilter {
            cohort_id: Some(s.cohort),
        },
    )
    .await
    .unwrap();
    let set = list.iter().find(|x| x.id == s.set_a).unwrap();
    assert_eq!(set.sessions_held, 2);
    assert_eq!(set.actions_committed, 4);
    assert_eq!(
        (
            set.actions_reviewed,
            set.actions_done,
            set.actions_partly,
            set.actions_not_done
        ),
        (3, 1, 1, 1)
    );
    // 7 present of 8 expected attendances.
    assert_eq!(set.attendance_percent, Some(88));
    let detail = sets::get(&reopened, &s.faculty, s.set_a).await.unwrap();
    assert_eq!(detail.sessions[1].actions_reviewed, 3);
    assert_eq!(detail.sessions[0].attendance.len(), 4);

    // Re-recording the first session with its action ids keeps the reviews made later.
    let mut again = set_sessions::get(&reopened, &s.facilitator_a, first)
        .await
        .unwrap();
    let p = &mut again.presenters[0];
    let input = RecordSetSessionInput {
        session_id: first,
        attendance: all_present(a),
        check_in: again.check_in.clone(),
        presenters: vec![PresenterInput {
            fellow_id: Some(p.fellow_id),
            bid_minutes: "25".into(),
            presented: true,
            airtime_seconds: p.airtime_seconds,
            issue: p.issue.clone(),
            feedback: p.feedback.clone(),
            actions: p
                .actions
                .drain(..)
                .map(|x| SetActionInput {
                    id: Some(x.id),
                    body: format!("{} (edited)", x.body),
                })
                .collect(),
        }],
        reviews: vec![],
        notes: again.notes.clone(),
    };
    let rec = set_sessions::record(&reopened, &s.facilitator_a, input)
        .await
        .unwrap();
    assert_eq!(rec.presenters.len(), 1, "the second presenter was removed");
    assert_eq!(rec.presenters[0].actions[0].body, "Meet the COO (edited)");
    assert_eq!(
        rec.presenters[0].actions[0].review,
        Some(ActionReview::Done)
    );
}

#[tokio::test]
async fn a_bad_session_record_names_each_problem_and_saves_nothing() {
    let w = world().await;
    let s = sets_world(&w).await;
    let db = w.db();
    let a = &s.fellows[0..4];
    let first = schedule(db, &s.facilitator_a, s.set_a, "2026-10-01").await;
    let mut attendance = all_present(&a[0..3]);
    attendance[2].mark = "absent".into();
    let mut bad_bid = presenter(a[0], &["x"]);
    bad_bid.bid_minutes = "0".into();
    let mut not_presented = presenter(a[1], &["an action"]);
    not_presented.presented = false;
    let mut input = record(
        first,
        attendance,
        vec![
            bad_bid,
            not_presented,
            presenter(a[2], &[]),
            presenter(s.fellows[5], &[]),
        ],
    );
    input.reviews = vec![ReviewInput {
        action_id: 999,
        review: "done".into(),
        note: String::new(),
    }];
    let e = set_sessions::record(db, &s.facilitator_a, input)
        .await
        .unwrap_err();
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    for expected in [
        format!("attendance.{}", a[3]),
        "presenters.0.bid_minutes".into(),
        "presenters.1.presented".into(),
        "presenters.2.fellow_id".into(),
        "presenters.3.fellow_id".into(),
        "reviews.999".into(),
    ] {
        assert!(
            fields.contains(&expected.as_str()),
            "{expected} missing from {fields:?}"
        );
    }
    let after = set_sessions::get(db, &s.facilitator_a, first)
        .await
        .unwrap();
    assert!(!after.recorded && after.presenters.is_empty() && after.attendance.is_empty());

    // A session in the future cannot be recorded yet.
    let later = schedule(db, &s.facilitator_a, s.set_a, "2099-01-01").await;
    let e = set_sessions::record(db, &s.facilitator_a, record(later, all_present(a), vec![]))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("meets_on"));
    // Two sessions on one day are refused.
    let e = sets::schedule_session(
        db,
        &s.faculty,
        ScheduleSessionInput {
            set_id: s.set_a,
            meets_on: "2026-10-01".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("meets_on"));
}

#[tokio::test]
async fn the_sets_record_is_for_its_members_and_facilitator_only() {
    let w = world().await;
    let s = sets_world(&w).await;
    let db = w.db();
    let a = &s.fellows[0..4];
    let b = &s.fellows[4..8];
    let sa = schedule(db, &s.faculty, s.set_a, "2026-10-01").await;
    let sb = schedule(db, &s.faculty, s.set_b, "2026-10-02").await;
    set_sessions::record(
        db,
        &s.facilitator_a,
        record(sa, all_present(a), vec![presenter(a[0], &["Secret A"])]),
    )
    .await
    .unwrap();
    set_sessions::record(
        db,
        &s.facilitator_b,
        record(sb, all_present(b), vec![presenter(b[0], &["Secret B"])]),
    )
    .await
    .unwrap();
    sets::save_ground_rules(
        db,
        &s.facilitator_a,
        GroundRulesInput {
            set_id: s.set_a,
            ground_rules: "What is said here stays here".into(),
            agreed_on: "2026-10-01".into(),
        },
    )
    .await
    .unwrap();

    // Members and the facilitator read the set's record.
    assert_eq!(
        set_sessions::get(db, &s.member_a, sa).await.unwrap().notes,
        "Confidential: the board is split"
    );
    assert_eq!(
        set_sessions::get(db, &s.facilitator_a, sa)
            .await
            .unwrap()
            .presenters[0]
            .actions[0]
            .body,
        "Secret A"
    );
    assert_eq!(
        sets::get(db, &s.member_a, s.set_a)
            .await
            .unwrap()
            .ground_rules
            .as_deref(),
        Some("What is said here stays here")
    );

    // A member of set A cannot read set B, nor can set B's facilitator read set A.
    for (actor, session, set) in [
        (&s.member_a, sb, s.set_b),
        (&s.member_b, sa, s.set_a),
        (&s.facilitator_b, sa, s.set_a),
        (&s.sponsor, sa, s.set_a),
    ] {
        assert_eq!(
            set_sessions::get(db, actor, session)
                .await
                .unwrap_err()
                .kind,
            ErrorKind::NotFound
        );
        assert_eq!(
            sets::get(db, actor, set).await.unwrap_err().kind,
            ErrorKind::NotFound
        );
    }
    let mine = sets::list(db, &s.member_a, LearningSetFilter { cohort_id: None })
        .await
        .unwrap();
    assert_eq!(mine.iter().map(|x| x.id).collect::<Vec<_>>(), [s.set_a]);
    assert!(
        sets::list(db, &s.sponsor, LearningSetFilter { cohort_id: None })
            .await
            .unwrap()
            .is_empty()
    );

    // Faculty see attendance and follow-through, never the content.
    assert_eq!(
        set_sessions::get(db, &s.faculty, sa)
            .await
            .unwrap_err()
            .kind,
        ErrorKind::NotFound
    );
    let seen = sets::get(db, &s.faculty, s.set_a).await.unwrap();
    assert_eq!(seen.ground_rules, None);
    assert!(seen.ground_rules_agreed_on.is_some());
    assert_eq!(seen.sessions[0].attendance.len(), 4);
    assert_eq!(seen.sessions[0].actions_committed, 1);
    let json = serde_json::to_string(&seen).unwrap();
    assert!(
        !json.contains("Secret")
            && !json.contains("stays here")
            && !json.contains("board is split")
    );

    // Only the facilitator writes: a member cannot record, faculty cannot record or set rules.
    let e = set_sessions::record(db, &s.member_a, record(sa, all_present(a), vec![]))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let e = set_sessions::record(db, &s.faculty, record(sa, all_present(a), vec![]))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    let e = sets::save_ground_rules(
        db,
        &s.member_a,
        GroundRulesInput {
            set_id: s.set_a,
            ground_rules: "x".into(),
            agreed_on: "2026-10-01".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let e = sets::schedule_session(
        db,
        &s.member_a,
        ScheduleSessionInput {
            set_id: s.set_a,
            meets_on: "2026-12-01".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
}
