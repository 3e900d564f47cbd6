//! The fellow's portfolio export: their reflections, mentoring logs (their own private notes,
//! never the other party's) and their action plan, as Markdown and as PDF.

use crate::common::*;
use base64::Engine;
use fellowship::auth::{self, NewUserInput, Role};
use fellowship::challenges::{self, actions, ChallengeInput, Proposal};
use fellowship::error::ErrorKind;
use fellowship::learning::mentoring::{self, RelationshipInput, SessionInput};
use fellowship::learning::portfolio;
use fellowship::learning::reflections::{self, ReflectionInput, SectionText};

#[tokio::test]
async fn a_fellow_takes_away_their_reflections_mentoring_and_actions() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let long =
        "I noticed how the ward team responded when I stopped proposing and listened. ".repeat(60);
    let entry = ReflectionInput {
        id: None,
        template: "gibbs".into(),
        title: "Listening first".into(),
        happened_on: "2026-10-14".into(),
        sections: vec![SectionText {
            key: "description".into(),
            body: long,
        }],
        challenge_id: None,
        dimension_ids: vec![],
        finish: true,
    };
    for _ in 0..3 {
        reflections::save(db, &t.fellow_user_a, entry.clone())
            .await
            .unwrap();
    }
    let coach = {
        let input = NewUserInput {
            name: "Coach A".into(),
            email: "coach.a@nhs.net".into(),
            password: PASSWORD.into(),
            role: Role::Mentor,
            fellow_id: None,
            host_id: Some(t.host_a),
        };
        let u = fellowship::accounts::users::create_user(db, &t.faculty, input)
            .await
            .unwrap();
        auth::actor_by_id(db, u.id).await.unwrap()
    };
    let rel = RelationshipInput {
        fellow_id: Some(t.fellow_a),
        person_id: Some(coach.user_id),
        kind: "coach".into(),
        started_on: "2026-09-01".into(),
    };
    let rel = mentoring::save_relationship(db, &t.faculty, rel)
        .await
        .unwrap();
    let session = |note: &str| SessionInput {
        relationship_id: rel.id,
        held_on: "2026-10-20".into(),
        duration_minutes: "45".into(),
        mode: "in_person".into(),
        themes: "Influence without authority".into(),
        agreed_actions: "Map the board's priorities".into(),
        private_note: note.into(),
    };
    mentoring::log_session(db, &coach, session("Coach's own worry"))
        .await
        .unwrap();
    mentoring::log_session(db, &t.fellow_user_a, session("My own note"))
        .await
        .unwrap();
    let ch = ChallengeInput {
        id: None,
        fellow_id: Some(t.fellow_a),
        title: "Reduce delayed discharges".into(),
        problem_statement: String::new(),
        earlier_attempts: String::new(),
        nature: String::new(),
        aim_quality: false,
        aim_population_health: false,
        aim_cost: false,
        stakeholders: String::new(),
        involvement: String::new(),
        proposal: Proposal::default(),
    };
    let c = challenges::save(db, &t.fellow_user_a, ch)
        .await
        .unwrap()
        .challenge
        .id;
    let action = actions::ActionInput {
        id: None,
        challenge_id: c,
        action: "Run the board round pilot".into(),
        lead: "Ada".into(),
        due_date: "2026-12-01".into(),
        status: "in_progress".into(),
        resource: String::new(),
    };
    actions::save(db, &t.fellow_user_a, action).await.unwrap();

    let md = portfolio::markdown(db, &t.fellow_user_a).await.unwrap();
    assert_eq!(md.file_name, "portfolio-ada-alpha.md");
    let text = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(md.base64)
            .unwrap(),
    )
    .unwrap();
    assert!(text.starts_with("# Fellowship portfolio: Ada Alpha"));
    for expected in [
        "## Reflection: Listening first",
        "Description: I noticed",
        "Coach with Coach A",
        "Map the board's priorities",
        "My own note",
        "## Action plan: Reduce delayed discharges",
        "Run the board round pilot",
    ] {
        assert!(text.contains(expected), "missing {expected}");
    }
    assert!(
        !text.contains("Coach's own worry"),
        "the coach's private note never leaves with the fellow"
    );

    let pdf = portfolio::pdf(db, &t.fellow_user_a).await.unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(pdf.base64)
        .unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    std::fs::write(
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/portfolio.pdf"),
        &bytes,
    )
    .unwrap();

    for who in [&t.faculty, &coach, &t.sponsor_a] {
        assert_eq!(
            portfolio::pdf(db, who).await.unwrap_err().kind,
            ErrorKind::Forbidden
        );
        assert_eq!(
            portfolio::markdown(db, who).await.unwrap_err().kind,
            ErrorKind::Forbidden
        );
    }
}
