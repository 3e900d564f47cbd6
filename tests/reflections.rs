//! The reflective log through the core: drafts kept as typed, finishing checks, privacy for
//! every role, sharing and withdrawing, and full-text search that never finds another's text.

use crate::common::*;
use fellowship::auth::{self, Actor, NewUserInput, Role};
use fellowship::error::ErrorKind;
use fellowship::learning::reflections::{
    self, ReflectionFilter, ReflectionInput, SectionText, ShareInput,
};

fn entry(title: &str, what: &str, finish: bool) -> ReflectionInput {
    ReflectionInput {
        id: None,
        template: "what_so_what".into(),
        title: title.into(),
        happened_on: "2026-10-14".into(),
        sections: vec![
            SectionText {
                key: "what".into(),
                body: what.into(),
            },
            SectionText {
                key: "so_what".into(),
                body: "I learnt to listen before proposing.".into(),
            },
        ],
        challenge_id: None,
        dimension_ids: vec![],
        finish,
    }
}

async fn titles(w: &World, who: &Actor, search: Option<&str>) -> Vec<String> {
    let filter = ReflectionFilter {
        search: search.map(str::to_owned),
    };
    reflections::list_own(w.db(), who, filter)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.title)
        .collect()
}

/// A second fellow at host A with an account, to show one fellow never sees another's log.
async fn second_fellow(w: &World, t: &TwoHosts) -> Actor {
    let f = fellowship::programme::fellows::save(
        w.db(),
        &t.faculty,
        fellow_input("Cara Alpha", "4444444", t.cohort, Some(t.host_a)),
    )
    .await
    .unwrap()
    .fellow
    .id;
    let input = NewUserInput {
        name: "Cara".into(),
        email: "cara@nhs.net".into(),
        password: PASSWORD.into(),
        role: Role::Fellow,
        fellow_id: Some(f),
        host_id: None,
    };
    let u = fellowship::accounts::users::create_user(w.db(), &t.faculty, input)
        .await
        .unwrap();
    auth::actor_by_id(w.db(), u.id).await.unwrap()
}

async fn mentor_a(w: &World, t: &TwoHosts) -> Actor {
    let input = NewUserInput {
        name: "Coach A".into(),
        email: "coach.a@nhs.net".into(),
        password: PASSWORD.into(),
        role: Role::Mentor,
        fellow_id: None,
        host_id: Some(t.host_a),
    };
    let u = fellowship::accounts::users::create_user(w.db(), &t.faculty, input)
        .await
        .unwrap();
    auth::actor_by_id(w.db(), u.id).await.unwrap()
}

#[tokio::test]
async fn drafts_are_kept_as_typed_and_finishing_checks_them() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    // An autosave keeps even an untitled, undated half-sentence.
    let mut draft = entry("", "The board round on ward 7 went", false);
    draft.happened_on = "2026-1".into();
    let saved = reflections::save(db, &t.fellow_user_a, draft.clone())
        .await
        .unwrap();
    assert!(saved.is_draft);
    assert_eq!(saved.happened_on, None);
    assert_eq!(saved.sections[0].body, "The board round on ward 7 went");
    // The next autosave updates the same entry.
    draft.id = Some(saved.id);
    draft.sections[0].body.push_str(" better than I feared.");
    let again = reflections::save(db, &t.fellow_user_a, draft.clone())
        .await
        .unwrap();
    assert_eq!(again.id, saved.id);
    assert_eq!(titles(&w, &t.fellow_user_a, None).await.len(), 1);

    // Finishing needs a title, a real past date and some text.
    let mut finish = draft.clone();
    finish.finish = true;
    finish.happened_on = "2099-01-01".into();
    let e = reflections::save(db, &t.fellow_user_a, finish.clone())
        .await
        .unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["title", "happened_on"]);
    let kept = reflections::get(db, &t.fellow_user_a, saved.id)
        .await
        .unwrap();
    assert!(
        kept.is_draft && kept.sections[0].body.ends_with("than I feared."),
        "a refused finish loses nothing"
    );
    finish.title = "First board round".into();
    finish.happened_on = "2026-10-14".into();
    finish.dimension_ids = vec![6, 9];
    let done = reflections::save(db, &t.fellow_user_a, finish)
        .await
        .unwrap();
    assert!(!done.is_draft);
    assert_eq!(done.dimension_ids, [6, 9]);
    let insights = reflections::insights(db, &t.fellow_user_a).await.unwrap();
    assert_eq!((insights.finished, insights.drafts), (1, 0));
    assert_eq!(insights.by_month[0].month, "2026-10");
    let engaging = insights
        .by_dimension
        .iter()
        .find(|d| d.dimension_id == 6)
        .unwrap();
    assert_eq!(
        (engaging.name.as_str(), engaging.count),
        ("Engaging the team", 1)
    );
    assert_eq!(insights.by_dimension.len(), 9);

    let mut empty = entry("Nothing", "", true);
    empty.sections.clear();
    let e = reflections::save(db, &t.fellow_user_a, empty)
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("section-what"));
}

#[tokio::test]
async fn a_private_reflection_is_read_by_its_author_only() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let cara = second_fellow(&w, &t).await;
    let coach = mentor_a(&w, &t).await;
    let r = reflections::save(
        db,
        &t.fellow_user_a,
        entry(
            "Hard conversation",
            "Difficult meeting with the clinical director",
            true,
        ),
    )
    .await
    .unwrap();
    for who in [&t.faculty, &t.sponsor_a, &t.mentor_b, &coach, &cara] {
        let e = reflections::get(db, who, r.id).await.unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::NotFound,
            "{} read a private reflection",
            who.email
        );
        assert!(reflections::shared_with_me(db, who)
            .await
            .unwrap()
            .is_empty());
    }
    for who in [&t.faculty, &t.sponsor_a, &coach] {
        assert_eq!(
            reflections::list_own(db, who, Default::default())
                .await
                .unwrap_err()
                .kind,
            ErrorKind::Forbidden
        );
        assert_eq!(
            reflections::save(db, who, entry("x", "y", false))
                .await
                .unwrap_err()
                .kind,
            ErrorKind::Forbidden
        );
    }
    // Another fellow can neither edit it nor find it.
    let mut hijack = entry("Mine now", "edited", true);
    hijack.id = Some(r.id);
    assert_eq!(
        reflections::save(db, &cara, hijack).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
    assert!(titles(&w, &cara, Some("clinical director"))
        .await
        .is_empty());
    assert_eq!(
        titles(&w, &t.fellow_user_a, Some("clinical director")).await,
        ["Hard conversation"]
    );
}

#[tokio::test]
async fn sharing_with_a_coach_and_withdrawing_it() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let coach = mentor_a(&w, &t).await;
    let draft = reflections::save(db, &t.fellow_user_a, entry("Unfinished", "half", false))
        .await
        .unwrap();
    let share = |id: i64, user: i64| ShareInput {
        reflection_id: id,
        user_id: user,
    };
    let e = reflections::share(db, &t.fellow_user_a, share(draft.id, coach.user_id))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("user_id"), "drafts are not shared");

    let r = reflections::save(
        db,
        &t.fellow_user_a,
        entry("Board round", "Shared learning", true),
    )
    .await
    .unwrap();
    // Only faculty and the mentors of the fellow's own host can be chosen.
    let e = reflections::share(db, &t.fellow_user_a, share(r.id, t.mentor_b.user_id))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("user_id"));
    let e = reflections::share(db, &t.fellow_user_a, share(r.id, t.sponsor_a.user_id))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("user_id"));

    let shared = reflections::share(db, &t.fellow_user_a, share(r.id, coach.user_id))
        .await
        .unwrap();
    assert_eq!(shared.shares.len(), 1);
    let seen = reflections::get(db, &coach, r.id).await.unwrap();
    assert!(
        !seen.is_author && seen.shares.is_empty(),
        "a reader does not see who else it is shared with"
    );
    assert_eq!(seen.sections[0].body, "Shared learning");
    assert_eq!(
        reflections::shared_with_me(db, &coach).await.unwrap().len(),
        1
    );
    // Faculty still cannot read it: it was shared with the coach, not with them.
    assert_eq!(
        reflections::get(db, &t.faculty, r.id)
            .await
            .unwrap_err()
            .kind,
        ErrorKind::NotFound
    );
    // Sharing twice does not duplicate.
    reflections::share(db, &t.fellow_user_a, share(r.id, coach.user_id))
        .await
        .unwrap();
    assert_eq!(
        reflections::shared_with_me(db, &coach).await.unwrap().len(),
        1
    );
    // Only the author withdraws.
    assert_eq!(
        reflections::withdraw_share(db, &coach, share(r.id, coach.user_id))
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );

    let after = reflections::withdraw_share(db, &t.fellow_user_a, share(r.id, coach.user_id))
        .await
        .unwrap();
    assert!(after.shares.is_empty());
    assert_eq!(
        reflections::get(db, &coach, r.id).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
    assert!(reflections::shared_with_me(db, &coach)
        .await
        .unwrap()
        .is_empty());
    // The share's history is kept: who had access, and until when.
    let rows: Vec<(i64, Option<String>)> =
        fellowship::db::query_as("SELECT user_id, withdrawn_at FROM reflection_shares")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, coach.user_id);
    assert!(rows[0].1.is_some());
}

#[tokio::test]
async fn search_finds_words_in_any_section_and_ignores_query_syntax() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    reflections::save(
        db,
        &t.fellow_user_a,
        entry(
            "Discharge huddles",
            "We started daily discharge huddles",
            true,
        ),
    )
    .await
    .unwrap();
    let mut kolb = entry("Data meeting", "", true);
    kolb.template = "kolb".into();
    kolb.sections = vec![SectionText {
        key: "abstract_conceptualisation".into(),
        body: "Run charts show the shift".into(),
    }];
    reflections::save(db, &t.fellow_user_a, kolb).await.unwrap();
    assert_eq!(
        titles(&w, &t.fellow_user_a, Some("huddle")).await,
        ["Discharge huddles"],
        "prefix and stemming"
    );
    assert_eq!(
        titles(&w, &t.fellow_user_a, Some("charts shift")).await,
        ["Data meeting"]
    );
    assert!(titles(&w, &t.fellow_user_a, Some("\" OR * NEAR("))
        .await
        .is_empty());
    let hits = reflections::list_own(
        db,
        &t.fellow_user_a,
        ReflectionFilter {
            search: Some("huddles".into()),
        },
    )
    .await
    .unwrap();
    assert!(hits[0].snippet.as_deref().unwrap_or("").contains("huddles"));
    assert_eq!(
        titles(&w, &t.fellow_user_a, Some("   ")).await.len(),
        2,
        "blank search lists everything"
    );
}

#[tokio::test]
async fn readers_get_the_headings_but_not_a_fellows_people_or_challenges() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let coach = mentor_a(&w, &t).await;
    let o = reflections::options(w.db(), &coach).await.unwrap();
    assert_eq!(o.templates.len(), 4);
    assert_eq!(o.dimensions.len(), 9);
    assert!(o.share_candidates.is_empty() && o.challenges.is_empty());
    let mine = reflections::options(w.db(), &t.fellow_user_a)
        .await
        .unwrap();
    let names: Vec<_> = mine
        .share_candidates
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Dr Lead", "Coach A"],
        "faculty, then the mentors of the fellow's own host"
    );
}

#[tokio::test]
async fn export_gives_a_fellow_their_own_reflections_and_others_only_what_is_shared() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let coach = mentor_a(&w, &t).await;
    reflections::save(
        db,
        &t.fellow_user_a,
        entry("Private thoughts", "Only for me", true),
    )
    .await
    .unwrap();
    let shared = reflections::save(
        db,
        &t.fellow_user_a,
        entry("For my coach", "Please read", true),
    )
    .await
    .unwrap();
    reflections::share(
        db,
        &t.fellow_user_a,
        ShareInput {
            reflection_id: shared.id,
            user_id: coach.user_id,
        },
    )
    .await
    .unwrap();
    let read = |who: &'static str| {
        std::fs::read_to_string(w.dir.path().join(who).join("reflections.csv")).unwrap()
    };
    fellowship::tools::export::export_csv(db, &t.fellow_user_a, &w.dir.path().join("fellow"))
        .await
        .unwrap();
    fellowship::tools::export::export_csv(db, &coach, &w.dir.path().join("coach"))
        .await
        .unwrap();
    fellowship::tools::export::export_csv(db, &t.faculty, &w.dir.path().join("faculty"))
        .await
        .unwrap();
    assert!(read("fellow").contains("Only for me") && read("fellow").contains("Please read"));
    assert!(read("coach").contains("Please read") && !read("coach").contains("Only for me"));
    assert_eq!(
        read("faculty").lines().count(),
        1,
        "faculty get the header only"
    );
}
