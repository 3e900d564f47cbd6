//! Mentoring and coaching through the core: who sets up relationships, who reads sessions,
//! private notes for their author alone, and faculty's content-free overview with gaps.

use crate::common::*;
use fellowship::auth::{self, Actor, NewUserInput, Role};
use fellowship::error::ErrorKind;
use fellowship::learning::mentoring::{
    self, GapInput, OverviewInput, RelationshipInput, SessionInput,
};

async fn mentor(w: &World, t: &TwoHosts, email: &str, host: i64) -> Actor {
    let input = NewUserInput {
        name: email.into(),
        email: email.into(),
        password: PASSWORD.into(),
        role: Role::Mentor,
        fellow_id: None,
        host_id: Some(host),
    };
    let u = fellowship::accounts::users::create_user(w.db(), &t.faculty, input)
        .await
        .unwrap();
    auth::actor_by_id(w.db(), u.id).await.unwrap()
}

fn relationship(fellow: i64, person: i64, kind: &str) -> RelationshipInput {
    RelationshipInput {
        fellow_id: Some(fellow),
        person_id: Some(person),
        kind: kind.into(),
        started_on: "2026-09-01".into(),
    }
}

fn session(relationship_id: i64, held_on: &str, note: &str) -> SessionInput {
    SessionInput {
        relationship_id,
        held_on: held_on.into(),
        duration_minutes: "60".into(),
        mode: "video".into(),
        themes: "Stakeholder mapping".into(),
        agreed_actions: "Meet the discharge team lead".into(),
        private_note: note.into(),
    }
}

#[tokio::test]
async fn sessions_are_seen_by_both_parties_and_private_notes_by_their_author() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let coach = mentor(&w, &t, "coach@nhs.net", t.host_a).await;
    let workplace = mentor(&w, &t, "workplace@nhs.net", t.host_a).await;
    // Only faculty set up relationships.
    let e = mentoring::save_relationship(
        db,
        &t.fellow_user_a,
        relationship(t.fellow_a, coach.user_id, "coach"),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let coaching = mentoring::save_relationship(
        db,
        &t.faculty,
        relationship(t.fellow_a, coach.user_id, "coach"),
    )
    .await
    .unwrap();
    let mentoring_rel = mentoring::save_relationship(
        db,
        &t.faculty,
        relationship(t.fellow_a, workplace.user_id, "workplace_mentor"),
    )
    .await
    .unwrap();
    let dup = mentoring::save_relationship(
        db,
        &t.faculty,
        relationship(t.fellow_a, coach.user_id, "coach"),
    )
    .await
    .unwrap_err();
    assert_eq!(dup.kind, ErrorKind::Conflict);
    let not_a_mentor = mentoring::save_relationship(
        db,
        &t.faculty,
        relationship(t.fellow_a, t.sponsor_a.user_id, "coach"),
    )
    .await
    .unwrap_err();
    assert_eq!(not_a_mentor.field.as_deref(), Some("person_id"));

    let d = mentoring::log_session(
        db,
        &coach,
        session(
            coaching.id,
            "2026-10-05",
            "Ada seems stretched; check in on wellbeing.",
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        d.sessions[0].my_private_note.as_deref(),
        Some("Ada seems stretched; check in on wellbeing.")
    );
    mentoring::log_session(
        db,
        &t.fellow_user_a,
        session(coaching.id, "2026-11-02", "I felt defensive today."),
    )
    .await
    .unwrap();

    // The fellow sees both sessions and the agreed actions, and only their own note.
    let mine = mentoring::get_relationship(db, &t.fellow_user_a, coaching.id)
        .await
        .unwrap();
    assert_eq!(mine.sessions.len(), 2);
    assert_eq!(
        mine.sessions[1].agreed_actions,
        "Meet the discharge team lead"
    );
    assert_eq!(
        mine.sessions[0].my_private_note.as_deref(),
        Some("I felt defensive today.")
    );
    assert_eq!(
        mine.sessions[1].my_private_note, None,
        "the coach's note is the coach's alone"
    );
    let theirs = mentoring::get_relationship(db, &coach, coaching.id)
        .await
        .unwrap();
    assert_eq!(theirs.sessions[0].my_private_note, None);

    // A mentor cannot read the fellow's other relationships; nor can faculty or the sponsor read content.
    for who in [&workplace, &t.faculty, &t.sponsor_a, &t.mentor_b] {
        let e = mentoring::get_relationship(db, who, coaching.id)
            .await
            .unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::NotFound,
            "{} read a coaching relationship",
            who.email
        );
        let e = mentoring::log_session(db, who, session(coaching.id, "2026-11-03", ""))
            .await
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::NotFound);
    }
    let ids = |v: Vec<mentoring::Relationship>| v.into_iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(
        ids(mentoring::my_relationships(db, &workplace).await.unwrap()),
        [mentoring_rel.id]
    );
    assert_eq!(
        ids(mentoring::my_relationships(db, &coach).await.unwrap()),
        [coaching.id]
    );
    assert_eq!(
        mentoring::my_relationships(db, &t.fellow_user_a)
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(mentoring::my_relationships(db, &t.sponsor_a)
        .await
        .unwrap()
        .is_empty());

    // Bad input is named field by field.
    let mut bad = session(coaching.id, "2099-01-01", "");
    bad.duration_minutes = "an hour".into();
    bad.mode = String::new();
    let e = mentoring::log_session(db, &coach, bad).await.unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["held_on", "duration_minutes", "mode"]);
}

#[tokio::test]
async fn faculty_see_that_sessions_happen_and_gaps_but_not_content() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let coach = mentor(&w, &t, "coach@nhs.net", t.host_a).await;
    let r = mentoring::save_relationship(
        db,
        &t.faculty,
        relationship(t.fellow_a, coach.user_id, "coach"),
    )
    .await
    .unwrap();
    let quiet = mentoring::save_relationship(
        db,
        &t.faculty,
        relationship(t.fellow_b, t.mentor_b.user_id, "workplace_mentor"),
    )
    .await
    .unwrap();
    let today = chrono::Utc::now().date_naive();
    let recent = (today - chrono::Duration::days(3)).to_string();
    mentoring::log_session(db, &coach, session(r.id, "2026-09-10", "secret"))
        .await
        .unwrap();
    mentoring::log_session(db, &coach, session(r.id, &recent, ""))
        .await
        .unwrap();

    let o = mentoring::overview(
        db,
        &t.faculty,
        OverviewInput {
            cohort_id: Some(t.cohort),
        },
    )
    .await
    .unwrap();
    assert_eq!(o.gap_days, 42);
    let active = o.rows.iter().find(|x| x.relationship_id == r.id).unwrap();
    assert_eq!(
        (active.sessions, active.days_since, active.gap),
        (2, 3, false)
    );
    assert_eq!(active.last_session.map(|d| d.to_string()), Some(recent));
    let silent = o
        .rows
        .iter()
        .find(|x| x.relationship_id == quiet.id)
        .unwrap();
    assert_eq!((silent.sessions, silent.last_session), (0, None));
    assert!(silent.gap, "no session since 1 September is a gap");
    // The overview type carries no themes, actions or notes at all.
    let json = serde_json::to_string(&o).unwrap();
    assert!(
        !json.contains("Stakeholder") && !json.contains("secret") && !json.contains("discharge")
    );

    let e = mentoring::set_gap_days(
        db,
        &t.faculty,
        GapInput {
            gap_days: "3".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("gap_days"));
    let o = mentoring::set_gap_days(
        db,
        &t.faculty,
        GapInput {
            gap_days: "365".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(o.gap_days, 365);
    assert!(o.rows.iter().all(|x| !x.gap));
    for who in [&coach, &t.fellow_user_a, &t.sponsor_a] {
        assert_eq!(
            mentoring::overview(db, who, OverviewInput { cohort_id: None })
                .await
                .unwrap_err()
                .kind,
            ErrorKind::Forbidden
        );
    }
}
