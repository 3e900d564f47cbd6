//! Today: each person's work comes to them. One programme with a little of everything in it,
//! read as each role: every item a person should see is there with its count and link, and
//! nothing from another organisation or a private field reaches anyone.

use crate::common::*;
use chrono::{Duration, NaiveDate, Utc};
use fellowship::auth::{self, Actor, NewUserInput, Role};
use fellowship::challenges::actions::{self, ActionInput, MilestoneInput};
use fellowship::challenges::reviews::{self, ReviewDraftInput};
use fellowship::challenges::{self, ChallengeInput};
use fellowship::feedback360::rounds;
use fellowship::learning::mentoring::{self, RelationshipInput};
use fellowship::learning::reflections::{self, ReflectionInput, ShareInput};
use fellowship::learning::sets::{self, LearningSetInput, ScheduleSessionInput};
use fellowship::privacy::TodayInput;
use fellowship::programme::fellows;
use fellowship::today::{my_today, Item, ItemKind, Link, Section, Today};
use fellowship::Db;

fn on(d: NaiveDate) -> TodayInput {
    TodayInput { on: d.to_string() }
}

fn kinds(t: &Today) -> Vec<ItemKind> {
    t.items.iter().map(|i| i.kind).collect()
}

fn find(t: &Today, kind: ItemKind) -> &Item {
    t.items
        .iter()
        .find(|i| i.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} in {:#?}", t.items))
}

async fn user(db: &Db, faculty: &Actor, name: &str, role: Role, host: Option<i64>) -> Actor {
    let u = fellowship::accounts::users::create_user(
        db,
        faculty,
        NewUserInput {
            name: name.into(),
            email: format!("{}@nhs.net", name.to_lowercase().replace(' ', ".")),
            password: PASSWORD.into(),
            role,
            fellow_id: None,
            host_id: host,
        },
    )
    .await
    .unwrap();
    auth::actor_by_id(db, u.id).await.unwrap()
}

/// Fellow A (host A) with a challenge, two actions overdue and one due soon, a mid-year review
/// due in ten days, a draft reflection and a finished one, a learning set meeting next week,
/// a workplace mentor with no session for 60 days, and an open 360 round.
struct Scene {
    t: TwoHosts,
    today: NaiveDate,
    challenge: i64,
    round: i64,
    set: i64,
    session: i64,
    mentor_a: Actor,
    facilitator: Actor,
    finished: i64,
}

async fn scene(db: &Db, t: TwoHosts) -> Scene {
    let today = Utc::now().date_naive();
    let days = |n: i64| (today + Duration::days(n)).to_string();
    let challenge = challenges::save(
        db,
        &t.fellow_user_a,
        ChallengeInput {
            id: None,
            fellow_id: Some(t.fellow_a),
            title: "Reduce delayed discharges".into(),
            problem_statement: "Patients wait too long to leave hospital.".into(),
            earlier_attempts: String::new(),
            nature: "wicked".into(),
            aim_quality: true,
            aim_population_health: false,
            aim_cost: false,
            stakeholders: String::new(),
            involvement: String::new(),
            proposal: Default::default(),
        },
    )
    .await
    .unwrap()
    .challenge
    .id;
    for (action, due, status) in [
        ("Map the pathway", days(-20), "in_progress"),
        ("Meet social care", days(-3), "not_started"),
        ("Done long ago", days(-40), "done"),
        ("Pilot on ward 5", days(5), "not_started"),
        ("Later", days(60), "not_started"),
    ] {
        actions::save(
            db,
            &t.fellow_user_a,
            ActionInput {
                id: None,
                challenge_id: challenge,
                action: action.into(),
                lead: "Ada".into(),
                due_date: due,
                status: status.into(),
                resource: String::new(),
            },
        )
        .await
        .unwrap();
    }
    actions::save_milestone(
        db,
        &t.faculty,
        MilestoneInput {
            challenge_id: challenge,
            kind: "mid_year_review".into(),
            due_date: days(10),
            outcome_note: String::new(),
        },
    )
    .await
    .unwrap();
    let entry = |title: &str, finish: bool| ReflectionInput {
        id: None,
        template: "free".into(),
        title: title.into(),
        happened_on: days(-1),
        sections: vec![reflections::SectionText {
            key: "text".into(),
            body: "PRIVATE-TODAY-MARKER what I learnt".into(),
        }],
        challenge_id: None,
        dimension_ids: vec![],
        finish,
    };
    reflections::save(db, &t.fellow_user_a, entry("Half thought", false))
        .await
        .unwrap();
    let finished = reflections::save(db, &t.fellow_user_a, entry("Steering group", true))
        .await
        .unwrap()
        .id;
    let facilitator = user(db, &t.faculty, "Fay Facilitator", Role::Faculty, None).await;
    // A set needs four members: two more fellows at host B.
    let mut members = vec![t.fellow_a, t.fellow_b];
    for (name, reg) in [("Cy Gamma", "3333333"), ("Di Delta", "4444444")] {
        let f = fellows::save(
            db,
            &t.faculty,
            fellow_input(name, reg, t.cohort, Some(t.host_b)),
        )
        .await
        .unwrap();
        members.push(f.fellow.id);
    }
    let set = sets::save(
        db,
        &t.faculty,
        LearningSetInput {
            id: None,
            cohort_id: Some(t.cohort),
            name: "Set Alpha".into(),
            facilitator_id: Some(facilitator.user_id),
            member_ids: members,
        },
    )
    .await
    .unwrap()
    .set
    .id;
    let detail = sets::schedule_session(
        db,
        &facilitator,
        ScheduleSessionInput {
            set_id: set,
            meets_on: days(6),
        },
    )
    .await
    .unwrap();
    let session = detail.sessions[0].id;
    let mentor_a = user(db, &t.faculty, "Mo Mentor", Role::Mentor, Some(t.host_a)).await;
    mentoring::save_relationship(
        db,
        &t.faculty,
        RelationshipInput {
            fellow_id: Some(t.fellow_a),
            person_id: Some(mentor_a.user_id),
            kind: "workplace_mentor".into(),
            started_on: days(-60),
        },
    )
    .await
    .unwrap();
    let round = rounds::open(db, &t.faculty, round_input(t.cohort))
        .await
        .unwrap()
        .id;
    Scene {
        t,
        today,
        challenge,
        round,
        set,
        session,
        mentor_a,
        facilitator,
        finished,
    }
}

#[tokio::test]
async fn a_fellow_sees_their_360_actions_review_drafts_set_and_mentoring() {
    let w = world().await;
    let db = w.db();
    let s = scene(db, two_hosts(&w).await).await;
    let today = my_today(db, &s.t.fellow_user_a, on(s.today)).await.unwrap();

    let overdue = find(&today, ItemKind::ActionsOverdue);
    assert_eq!((overdue.count, overdue.overdue), (2, true));
    assert_eq!(overdue.title, "2 actions overdue");
    assert_eq!(overdue.date, Some(s.today - Duration::days(20)));
    assert_eq!(overdue.link, Link::Challenge { id: s.challenge });
    let soon = find(&today, ItemKind::ActionsSoon);
    assert_eq!((soon.count, soon.section), (1, Section::Coming));

    let review = find(&today, ItemKind::ReviewToPrepare);
    assert!(
        review.title.starts_with("Prepare your mid-year review"),
        "{}",
        review.title
    );
    assert_eq!(find(&today, ItemKind::ReflectionDrafts).count, 1);
    let set = find(&today, ItemKind::NextSetSession);
    assert_eq!(
        set.link,
        Link::SetSession {
            set_id: s.set,
            session_id: s.session
        }
    );
    let gap = find(&today, ItemKind::MentoringGap);
    assert_eq!(gap.count, 60);
    assert!(gap.title.contains("Mo Mentor"));

    let assess = find(&today, ItemKind::SelfAssessmentDue);
    assert_eq!(assess.link, Link::SelfAssessment { round_id: s.round });
    let raters = find(&today, ItemKind::NominationsDue);
    assert_eq!(raters.link, Link::Raters { round_id: s.round });
    assert!(raters.count > 0);

    // Fellow A has a challenge; a fellow with none is asked to draft one.
    assert!(!kinds(&today).contains(&ItemKind::ChallengeToDraft));
    let bea = fellowship::auth::actor_by_id(
        db,
        fellowship::accounts::users::create_user(
            db,
            &s.t.faculty,
            NewUserInput {
                name: "Bea Beta".into(),
                email: "bea@nhs.net".into(),
                password: PASSWORD.into(),
                role: Role::Fellow,
                fellow_id: Some(s.t.fellow_b),
                host_id: None,
            },
        )
        .await
        .unwrap()
        .id,
    )
    .await
    .unwrap();
    let hers = my_today(db, &bea, on(s.today)).await.unwrap();
    assert_eq!(
        find(&hers, ItemKind::ChallengeToDraft).link,
        Link::NewChallenge
    );
    assert!(!kinds(&hers).contains(&ItemKind::ActionsOverdue));

    // Overdue first; nothing meant for other roles; no private text anywhere.
    assert!(today.items[0].overdue);
    for k in [
        ItemKind::ReviewToSign,
        ItemKind::NoChallenge,
        ItemKind::RoundGaps,
    ] {
        assert!(!kinds(&today).contains(&k), "{k:?}");
    }
    let json = serde_json::to_string(&today).unwrap();
    assert!(!json.contains("PRIVATE-TODAY-MARKER"));

    // Done: the review summary written, the draft finished, actions done: those items go.
    reviews::save_draft(
        db,
        &s.t.fellow_user_a,
        ReviewDraftInput {
            challenge_id: s.challenge,
            kind: "mid_year".into(),
            summary: "Pathway mapped.".into(),
        },
    )
    .await
    .unwrap();
    let after = my_today(db, &s.t.fellow_user_a, on(s.today)).await.unwrap();
    assert!(!kinds(&after).contains(&ItemKind::ReviewToPrepare));
    // Looking ahead past every date: the soon action and the review date are overdue now.
    let later = my_today(db, &s.t.fellow_user_a, on(s.today + Duration::days(30)))
        .await
        .unwrap();
    assert_eq!(find(&later, ItemKind::ActionsOverdue).count, 3);
}

#[tokio::test]
async fn a_sponsor_sees_reviews_to_sign_and_changes_of_their_own_organisation_only() {
    let mut w = world().await;
    let s = scene(&w.main.clone(), two_hosts(&w).await).await;
    let db = w.db().clone();
    // The sponsor signed in once before the fellow's work of the scene; their visit is the
    // first, so "since" looks back two weeks and counts the fellow's changes.
    let first = my_today(&db, &s.t.sponsor_a, on(s.today)).await.unwrap();
    assert!(
        kinds(&first).contains(&ItemKind::ReviewDate),
        "{:#?}",
        first.items
    );
    assert!(!kinds(&first).contains(&ItemKind::ReviewToSign));

    reviews::save_draft(
        &db,
        &s.t.fellow_user_a,
        ReviewDraftInput {
            challenge_id: s.challenge,
            kind: "mid_year".into(),
            summary: "Pathway mapped.".into(),
        },
    )
    .await
    .unwrap();
    let today = my_today(&db, &s.t.sponsor_a, on(s.today)).await.unwrap();
    let sign = find(&today, ItemKind::ReviewToSign);
    assert_eq!(sign.section, Section::Now);
    assert!(
        sign.title.ends_with("awaits your signature"),
        "{}",
        sign.title
    );
    assert_eq!(sign.link, Link::Challenge { id: s.challenge });
    let changed = find(&today, ItemKind::ChallengeChanged);
    assert_eq!(changed.section, Section::Changed);
    assert!(changed.count >= 1);

    // Signing in again moves "since" on: what the sponsor saw before is no longer new.
    w.call(
        "sign_in",
        serde_json::json!({"email": s.t.sponsor_a.email, "password": PASSWORD}),
    )
    .await
    .unwrap();
    w.call(
        "sign_in",
        serde_json::json!({"email": s.t.sponsor_a.email, "password": PASSWORD}),
    )
    .await
    .unwrap();
    let again = my_today(&db, &s.t.sponsor_a, on(s.today)).await.unwrap();
    assert!(again.since.is_some());
    assert!(
        !kinds(&again).contains(&ItemKind::ChallengeChanged),
        "{:#?}",
        again.items
    );
    assert!(kinds(&again).contains(&ItemKind::ReviewToSign));

    // Host B's mentor sees nothing of host A.
    let other = my_today(&db, &s.t.mentor_b, on(s.today)).await.unwrap();
    assert!(other.items.is_empty(), "{:#?}", other.items);
}

#[tokio::test]
async fn a_mentor_sees_their_gap_and_what_is_shared_with_them() {
    let w = world().await;
    let db = w.db();
    let s = scene(db, two_hosts(&w).await).await;
    reflections::share(
        db,
        &s.t.fellow_user_a,
        ShareInput {
            reflection_id: s.finished,
            user_id: s.mentor_a.user_id,
        },
    )
    .await
    .unwrap();
    let today = my_today(db, &s.mentor_a, on(s.today)).await.unwrap();
    let gap = find(&today, ItemKind::MentoringGap);
    assert!(gap.title.contains("No session with"), "{}", gap.title);
    let shared = find(&today, ItemKind::ReflectionsShared);
    assert_eq!(
        (shared.count, shared.link.clone()),
        (1, Link::SharedReflections)
    );
    let json = serde_json::to_string(&today).unwrap();
    assert!(!json.contains("PRIVATE-TODAY-MARKER") && !json.contains("Steering group"));
}

#[tokio::test]
async fn faculty_see_the_programme_gaps_and_a_facilitator_their_set() {
    let w = world().await;
    let db = w.db();
    let s = scene(db, two_hosts(&w).await).await;
    let today = my_today(db, &s.t.faculty, on(s.today)).await.unwrap();
    let round = find(&today, ItemKind::RoundGaps);
    assert_eq!(round.link, Link::Round { id: s.round });
    assert!(
        round.detail.starts_with("0 of 4 self-assessments in"),
        "{}",
        round.detail
    );
    // Host B's three fellows have neither a challenge nor a mentor; fellow A has both.
    let none = find(&today, ItemKind::NoChallenge);
    assert_eq!(none.count, 3);
    assert_eq!(none.detail, "Bea Beta, Cy Gamma and Di Delta.");
    assert_eq!(find(&today, ItemKind::NoMentor).count, 3);
    assert_eq!(find(&today, ItemKind::MentoringGaps).count, 1);
    // The set belongs to its facilitator, not to every faculty member.
    assert!(!kinds(&today).contains(&ItemKind::NextSetSession));
    let fay = my_today(db, &s.facilitator, on(s.today)).await.unwrap();
    assert_eq!(
        find(&fay, ItemKind::NextSetSession).link,
        Link::SetSession {
            set_id: s.set,
            session_id: s.session
        }
    );
    // Once the mid-year date passes unsigned, faculty are told.
    let later = my_today(db, &s.t.faculty, on(s.today + Duration::days(11)))
        .await
        .unwrap();
    let unsigned = find(&later, ItemKind::ReviewsUnsigned);
    assert_eq!(
        (unsigned.count, unsigned.link.clone()),
        (1, Link::Challenge { id: s.challenge })
    );
}

#[tokio::test]
async fn today_answers_through_the_command_surface_and_checks_its_date() {
    let mut w = world().await;
    let v = w
        .call("my_today", serde_json::json!({"on": ""}))
        .await
        .unwrap();
    assert!(v["items"].is_array());
    let e = w
        .call("my_today", serde_json::json!({"on": "2026-02-30"}))
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].field, "on");
    // The menu comes from the core: a fellow's has their profile and no programme settings.
    let status = w.call("app_status", serde_json::json!(null)).await.unwrap();
    let areas: Vec<&str> = status["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(areas[0], "today");
    assert!(areas.contains(&"audit") && !areas.contains(&"profile"));
    for role in [Role::Fellow, Role::HostSponsor, Role::Mentor] {
        let a = fellowship::auth::access::areas(role);
        assert!(
            !a.contains(&fellowship::auth::access::Area::Audit),
            "{role:?}"
        );
        assert!(
            !a.contains(&fellowship::auth::access::Area::Outcomes),
            "{role:?}"
        );
    }
}

/// Faculty's counts agree with the screens that list each case one by one: overdue follow-ups
/// with the follow-up lists of every wave, records due for anonymisation with the privacy
/// screen's list, on the demo programme and at dates years apart.
#[tokio::test]
async fn faculty_counts_agree_with_the_lists_they_summarise() {
    use fellowship::outcomes::{self, follow_up};
    let dir = tempfile::tempdir().unwrap();
    let (db, faculty) = demo_programme(dir.path(), fellowship::demo::DemoSize::standard()).await;
    // The follow-up lists count from the real date.
    let now = Utc::now().date_naive();
    let today = my_today(&db, &faculty, on(now)).await.unwrap();
    let mut overdue = 0;
    for w in outcomes::waves(&db).await.unwrap() {
        let input = follow_up::FollowUpInput {
            wave_id: w.id,
            cohort_id: None,
            page: 1,
        };
        overdue += follow_up::follow_up(&db, &faculty, input)
            .await
            .unwrap()
            .overdue;
    }
    assert!(overdue > 0, "the demo has overdue follow-ups");
    assert_eq!(find(&today, ItemKind::FollowUpsOverdue).count, overdue);
    for years_on in [0, 3, 6, 12] {
        let day = now + Duration::days(365 * years_on);
        let due = fellowship::privacy::retention_due(&db, &faculty, day)
            .await
            .unwrap()
            .due;
        let listed = due.len() as i64;
        let today = my_today(&db, &faculty, on(day)).await.unwrap();
        let item = today
            .items
            .iter()
            .find(|i| i.kind == ItemKind::RetentionDue);
        // Counted in the database, the item agrees with the list: how many, and the first due.
        assert_eq!(
            (item.map_or(0, |i| i.count), item.and_then(|i| i.date)),
            (listed, due.first().map(|d| d.due_on)),
            "{day}"
        );
        if years_on == 12 {
            assert!(listed > 0, "alumni without consent are due twelve years on");
        }
    }
}
