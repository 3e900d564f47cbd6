//! Fellowship Challenges through the core: drafting, rights of each role, the action plan,
//! measures with pasted values and signals, host comments and signed, locked reviews.

use crate::common::*;
use fellowship::auth::Actor;
use fellowship::challenges::actions::{self, ActionInput, ActionNoteInput, ReorderActionsInput};
use fellowship::challenges::board::{cohort_board, BoardInput};
use fellowship::challenges::measures::{
    self, MeasureChangeInput, MeasureInput, MeasureRef, MeasureValuesInput,
};
use fellowship::challenges::reviews::{self, CommentInput, ReviewDraftInput, SignReviewInput};
use fellowship::challenges::spc::{RunRule, Verdict, XmrRule};
use fellowship::challenges::{
    self, ChallengeInput, ChallengeStatus, ChallengeStatusInput, ProgressScoreInput, Proposal,
};
use fellowship::error::ErrorKind;
use fellowship::Db;

fn draft(fellow: i64, title: &str) -> ChallengeInput {
    ChallengeInput {
        id: None,
        fellow_id: Some(fellow),
        title: title.into(),
        problem_statement: "Patients wait too long to leave hospital once medically fit.".into(),
        earlier_attempts: "Two discharge projects stalled when their leads moved on.".into(),
        nature: "wicked".into(),
        aim_quality: true,
        aim_population_health: false,
        aim_cost: true,
        stakeholders: "Wards, social care, community teams".into(),
        involvement: "Two citizen partners on the steering group".into(),
        proposal: Proposal {
            evidence_base: "NICE NG27".into(),
            ..Default::default()
        },
    }
}

async fn challenge_for(db: &Db, actor: &Actor, fellow: i64) -> i64 {
    challenges::save(db, actor, draft(fellow, "Reduce delayed discharges"))
        .await
        .unwrap()
        .challenge
        .id
}

#[tokio::test]
async fn a_fellow_drafts_their_own_challenge_only() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let d = challenges::save(
        db,
        &t.fellow_user_a,
        draft(t.fellow_a, "Reduce delayed discharges"),
    )
    .await
    .unwrap();
    assert_eq!(d.challenge.status, ChallengeStatus::Draft);
    assert_eq!(d.challenge.fellow_name, "Ada Alpha");
    assert!(d.rights.edit && !d.rights.sign);
    assert_eq!(d.status_history.len(), 1);
    assert_eq!(
        d.milestones.len(),
        4,
        "every milestone is listed from the start"
    );

    let other = challenges::save(db, &t.fellow_user_a, draft(t.fellow_b, "Not mine"))
        .await
        .unwrap_err();
    assert_eq!(other.kind, ErrorKind::Forbidden);
    let sponsor = challenges::save(db, &t.sponsor_a, draft(t.fellow_a, "Sponsor's idea"))
        .await
        .unwrap_err();
    assert_eq!(sponsor.kind, ErrorKind::Forbidden);
    let mut bad = draft(t.fellow_a, " ");
    bad.nature = "complicated".into();
    let e = challenges::save(db, &t.faculty, bad).await.unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["title", "nature"]);

    // Editing by the sponsor is refused; the fellow's edit is kept.
    let mut edit = draft(t.fellow_a, "Reduce delayed discharges across the system");
    edit.id = Some(d.challenge.id);
    assert_eq!(
        challenges::save(db, &t.sponsor_a, edit.clone())
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    let saved = challenges::save(db, &t.fellow_user_a, edit).await.unwrap();
    assert_eq!(
        saved.challenge.title,
        "Reduce delayed discharges across the system"
    );

    let status = ChallengeStatusInput {
        challenge_id: d.challenge.id,
        status: "agreed_with_host".into(),
        note: "Scoping meeting".into(),
    };
    let d = challenges::change_status(db, &t.fellow_user_a, status)
        .await
        .unwrap();
    assert_eq!(d.challenge.status, ChallengeStatus::AgreedWithHost);
    assert_eq!(
        d.status_history[0].changed_by.as_deref(),
        Some("ada@nhs.net")
    );
    assert_eq!(d.status_history.len(), 2);
}

#[tokio::test]
async fn each_role_sees_only_the_challenges_of_its_own_organisation() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let a = challenge_for(db, &t.faculty, t.fellow_a).await;
    let b = challenge_for(db, &t.faculty, t.fellow_b).await;
    let ids = |v: Vec<challenges::Challenge>| v.into_iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(
        ids(challenges::list(db, &t.faculty, Default::default())
            .await
            .unwrap()),
        [a, b]
    );
    assert_eq!(
        ids(challenges::list(db, &t.sponsor_a, Default::default())
            .await
            .unwrap()),
        [a]
    );
    assert_eq!(
        ids(challenges::list(db, &t.mentor_b, Default::default())
            .await
            .unwrap()),
        [b]
    );
    assert_eq!(
        ids(challenges::list(db, &t.fellow_user_a, Default::default())
            .await
            .unwrap()),
        [a]
    );
    for (who, id) in [(&t.sponsor_a, b), (&t.mentor_b, a), (&t.fellow_user_a, b)] {
        assert_eq!(
            challenges::get(db, who, id).await.unwrap_err().kind,
            ErrorKind::NotFound
        );
        let c = CommentInput {
            challenge_id: id,
            body: "Looking good".into(),
        };
        assert_eq!(
            reviews::add_comment(db, who, c).await.unwrap_err().kind,
            ErrorKind::NotFound
        );
    }
    let r = challenges::get(db, &t.mentor_b, b).await.unwrap().rights;
    assert!(
        !r.edit && r.comment && !r.sign,
        "a mentor comments but does not sign"
    );
}

#[tokio::test]
async fn the_action_plan_keeps_order_money_and_dated_notes() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let id = challenge_for(db, &t.faculty, t.fellow_a).await;
    let row = |action: &str, due: &str, resource: &str| ActionInput {
        id: None,
        challenge_id: id,
        action: action.into(),
        lead: "Ada".into(),
        due_date: due.into(),
        status: "in_progress".into(),
        resource: resource.into(),
    };
    actions::save(
        db,
        &t.fellow_user_a,
        row("Map the discharge pathway", "2020-01-31", ""),
    )
    .await
    .unwrap();
    actions::save(
        db,
        &t.fellow_user_a,
        row(
            "Run a discharge-to-assess pilot",
            "2099-03-01",
            "£12,500.50",
        ),
    )
    .await
    .unwrap();
    let d = actions::save(
        db,
        &t.fellow_user_a,
        row("Share findings with the ICB", "", "0"),
    )
    .await
    .unwrap();
    let plan: Vec<_> = d
        .actions
        .iter()
        .map(|a| (a.action.as_str(), a.overdue, a.resource_pence))
        .collect();
    assert_eq!(
        plan,
        [
            ("Map the discharge pathway", true, None),
            ("Run a discharge-to-assess pilot", false, Some(1_250_050)),
            ("Share findings with the ICB", false, Some(0)),
        ]
    );
    let e = actions::save(db, &t.fellow_user_a, row("", "next week", "lots"))
        .await
        .unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["action", "due_date", "resource"]);

    // Done is never overdue.
    let mut done = row("Map the discharge pathway", "2020-01-31", "");
    done.id = Some(d.actions[0].id);
    done.status = "done".into();
    let d = actions::save(db, &t.faculty, done).await.unwrap();
    assert!(!d.actions[0].overdue);

    let order = vec![d.actions[2].id, d.actions[0].id, d.actions[1].id];
    let d = actions::reorder(
        db,
        &t.fellow_user_a,
        ReorderActionsInput {
            challenge_id: id,
            order,
        },
    )
    .await
    .unwrap();
    assert_eq!(d.actions[0].action, "Share findings with the ICB");
    let partial = ReorderActionsInput {
        challenge_id: id,
        order: vec![d.actions[0].id],
    };
    assert_eq!(
        actions::reorder(db, &t.faculty, partial)
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Conflict
    );

    let note = ActionNoteInput {
        challenge_id: id,
        action_id: d.actions[1].id,
        noted_on: "2026-10-01".into(),
        note: "Mapped with ward 7".into(),
    };
    let d = actions::add_note(db, &t.fellow_user_a, note).await.unwrap();
    assert_eq!(d.actions[1].notes[0].note, "Mapped with ward 7");
    let stolen = ActionNoteInput {
        challenge_id: id,
        action_id: d.actions[1].id,
        noted_on: "2026-10-01".into(),
        note: "x".into(),
    };
    assert_eq!(
        actions::add_note(db, &t.sponsor_a, stolen)
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
}

#[tokio::test]
async fn pasted_measure_values_show_a_shift_and_a_bad_paste_saves_nothing() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let id = challenge_for(db, &t.faculty, t.fellow_a).await;
    let m = MeasureInput {
        id: None,
        challenge_id: id,
        name: "Delayed discharges per week".into(),
        unit: "patients".into(),
        direction: "lower_is_better".into(),
        frequency: "weekly".into(),
        decimals: 0,
        target: "20".into(),
    };
    let d = measures::save(db, &t.fellow_user_a, m.clone())
        .await
        .unwrap();
    let measure_id = d.measures[0].id;
    assert_eq!(
        measures::save(db, &t.fellow_user_a, m)
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Conflict
    );

    // Fifteen weeks: eight around 40, then seven well below after the new pathway.
    let weeks = [41, 39, 42, 40, 38, 41, 40, 39, 31, 30, 29, 31, 28, 30, 29];
    let text: String = std::iter::once("Week commencing\tDelayed discharges".to_string())
        .chain(weeks.iter().enumerate().map(|(i, v)| {
            let date = chrono::NaiveDate::from_ymd_opt(2026, 9, 7).unwrap()
                + chrono::Duration::weeks(i as i64);
            format!("{}\t{v}", date.format("%d/%m/%Y"))
        }))
        .collect::<Vec<_>>()
        .join("\n");
    let bad = MeasureValuesInput {
        challenge_id: id,
        measure_id,
        text: format!("{text}\n2027-01-01\tmany"),
    };
    let e = measures::add_values(db, &t.fellow_user_a, bad)
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("text"));
    assert!(
        e.fields[0].message.starts_with("Line 17:"),
        "{:?}",
        e.fields
    );
    let chart = measures::chart(
        db,
        &t.faculty,
        MeasureRef {
            challenge_id: id,
            measure_id,
        },
    )
    .await
    .unwrap();
    assert!(
        chart.points.is_empty(),
        "a bad line saves none of the paste"
    );

    let chart = measures::add_values(
        db,
        &t.fellow_user_a,
        MeasureValuesInput {
            challenge_id: id,
            measure_id,
            text,
        },
    )
    .await
    .unwrap();
    assert_eq!(chart.points.len(), 15);
    // The median is 38 (week 5 sits on it): the weeks before run above it, the weeks after below.
    assert_eq!(chart.run_chart.median, Some(38.0));
    let shifts: Vec<_> = chart
        .run_chart
        .signals
        .iter()
        .filter(|s| s.rule == RunRule::Shift)
        .collect();
    assert_eq!(shifts.len(), 2);
    assert_eq!(
        (shifts[0].points.clone(), shifts[0].verdict),
        (vec![0, 1, 2, 3, 5, 6, 7], Verdict::Concern)
    );
    assert_eq!(
        (shifts[1].points.clone(), shifts[1].verdict),
        ((8..15).collect::<Vec<_>>(), Verdict::Improvement)
    );
    assert!(chart.xmr.points[8..]
        .iter()
        .all(|p| p.has(XmrRule::ShiftOfSeven)));

    // Rebasing at the new pathway gives the later weeks their own limits.
    let change = MeasureChangeInput {
        challenge_id: id,
        measure_id,
        change_date: "2026-11-02".into(),
        label: "New pathway live".into(),
        rebase: true,
    };
    let chart = measures::add_change(db, &t.fellow_user_a, change)
        .await
        .unwrap();
    assert_eq!(chart.xmr.segments.len(), 2);
    assert_eq!(chart.xmr.segments[1].start, 8);
    assert!(
        chart.xmr.segments[1].trial,
        "seven points make trial limits"
    );
    assert!(chart
        .xmr
        .points
        .iter()
        .all(|p| !p.has(XmrRule::ShiftOfSeven)));
    let d = challenges::get(db, &t.faculty, id).await.unwrap();
    assert_eq!(d.measures[0].target.as_deref(), Some("20"));
    assert_eq!(d.measures[0].point_count, 15);
    // A sponsor of the other organisation cannot read the chart.
    let e = measures::chart(
        db,
        &t.mentor_b,
        MeasureRef {
            challenge_id: id,
            measure_id,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
}

#[tokio::test]
async fn the_sponsor_signs_the_mid_year_review_and_it_stays_as_signed() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let id = challenge_for(db, &t.faculty, t.fellow_a).await;
    let summary = |s: &str| ReviewDraftInput {
        challenge_id: id,
        kind: "mid_year".into(),
        summary: s.into(),
    };
    let d = reviews::save_draft(
        db,
        &t.fellow_user_a,
        summary("Pathway mapped; pilot running on two wards."),
    )
    .await
    .unwrap();
    let review = d.reviews[0].clone();
    assert_eq!((review.version, review.locked), (1, false));
    let sign = |who: &str| SignReviewInput {
        challenge_id: id,
        review_id: review.id,
        statement: "Good progress; the trust supports extending the pilot.".into(),
        signed_name: who.into(),
    };
    assert_eq!(
        reviews::sign(db, &t.fellow_user_a, sign("Ada"))
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    assert_eq!(
        reviews::sign(db, &t.faculty, sign("Dr Lead"))
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    assert_eq!(
        reviews::sign(db, &t.mentor_b, sign("Mentor B"))
            .await
            .unwrap_err()
            .kind,
        ErrorKind::NotFound
    );
    let e = reviews::sign(
        db,
        &t.sponsor_a,
        SignReviewInput {
            statement: " ".into(),
            ..sign("")
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields.len(), 2);

    // The sponsor signs as their account: another name is refused beside the field, and the
    // account's own name is recorded however it was typed.
    let e = reviews::sign(db, &t.sponsor_a, sign("Dr Sponsor A"))
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].field, "signed_name");
    assert!(e.fields[0].message.contains(&t.sponsor_a.name));
    let d = reviews::sign(db, &t.sponsor_a, sign("  SPONSOR.A@nhs.net "))
        .await
        .unwrap();
    let signed = &d.reviews[0];
    assert!(signed.locked && signed.signed_at.is_some());
    assert_eq!(
        signed.signed_name.as_deref(),
        Some(t.sponsor_a.name.as_str())
    );
    assert_eq!(
        reviews::sign(db, &t.sponsor_a, sign(&t.sponsor_a.name))
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Conflict
    );

    // A later edit makes version 2; version 1 is unchanged.
    let d = reviews::save_draft(
        db,
        &t.fellow_user_a,
        summary("Pilot extended to four wards."),
    )
    .await
    .unwrap();
    let v: Vec<_> = d
        .reviews
        .iter()
        .map(|r| (r.version, r.locked, r.summary.as_str()))
        .collect();
    assert_eq!(
        v,
        [
            (2, false, "Pilot extended to four wards."),
            (1, true, "Pathway mapped; pilot running on two wards.")
        ]
    );

    // Even a direct write to the database cannot change or remove what was signed.
    let update = fellowship::db::query("UPDATE reviews SET statement = 'forged' WHERE id = ?")
        .bind(review.id)
        .execute(&db.pool)
        .await;
    assert!(update
        .unwrap_err()
        .to_string()
        .contains("signed review is locked"));
    let delete = fellowship::db::query("DELETE FROM reviews WHERE id = ?")
        .bind(review.id)
        .execute(&db.pool)
        .await;
    assert!(delete.is_err());

    // Sponsors and mentors comment; fellows do not.
    let c = |body: &str| CommentInput {
        challenge_id: id,
        body: body.into(),
    };
    reviews::add_comment(db, &t.sponsor_a, c("Board briefed in October."))
        .await
        .unwrap();
    assert_eq!(
        reviews::add_comment(db, &t.fellow_user_a, c("Me too"))
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    let d = challenges::get(db, &t.sponsor_a, id).await.unwrap();
    assert_eq!(d.comments[0].body, "Board briefed in October.");
    assert!(d.rights.sign);
}

#[tokio::test]
async fn progress_scores_follow_the_ihi_scale() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let id = challenge_for(db, &t.faculty, t.fellow_a).await;
    let score = |s: &str, on: &str, why: &str| ProgressScoreInput {
        challenge_id: id,
        score: s.into(),
        scored_on: on.into(),
        reason: why.into(),
    };
    for bad in ["0", "5.5", "3.2", "three", ""] {
        let e = challenges::set_progress(db, &t.faculty, score(bad, "2026-10-01", "x"))
            .await
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("score"), "{bad}");
    }
    let e = challenges::set_progress(db, &t.faculty, score("2.0", "", " "))
        .await
        .unwrap_err();
    assert_eq!(
        e.fields
            .iter()
            .map(|f| f.field.as_str())
            .collect::<Vec<_>>(),
        ["scored_on", "reason"]
    );
    challenges::set_progress(
        db,
        &t.faculty,
        score("2.5", "2026-12-01", "Changes tested on ward 7"),
    )
    .await
    .unwrap();
    let d = challenges::set_progress(
        db,
        &t.fellow_user_a,
        score("1.5", "2026-10-01", "Planning begun"),
    )
    .await
    .unwrap();
    assert_eq!(
        d.challenge.progress_tenths,
        Some(25),
        "the latest-dated score is current"
    );
    assert_eq!(d.progress.len(), 2);
    let e = challenges::set_progress(db, &t.sponsor_a, score("3.0", "2026-12-02", "x"))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
}

#[tokio::test]
async fn the_cohort_board_shows_every_challenge_to_faculty_only() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let a = challenge_for(db, &t.faculty, t.fellow_a).await;
    challenge_for(db, &t.faculty, t.fellow_b).await;
    let overdue = ActionInput {
        id: None,
        challenge_id: a,
        action: "Overdue thing".into(),
        lead: String::new(),
        due_date: "2021-01-01".into(),
        status: "not_started".into(),
        resource: String::new(),
    };
    actions::save(db, &t.faculty, overdue).await.unwrap();
    let board = cohort_board(
        db,
        &t.faculty,
        BoardInput {
            cohort_id: t.cohort,
            page: 1,
        },
    )
    .await
    .unwrap();
    assert_eq!((board.total, board.page), (2, 1));
    let board = board.rows;
    assert_eq!(board.len(), 2);
    let row = board.iter().find(|r| r.challenge_id == a).unwrap();
    assert_eq!(
        (
            row.overdue_actions,
            row.open_actions,
            row.fellow_name.as_str()
        ),
        (1, 1, "Ada Alpha")
    );
    let e = cohort_board(
        db,
        &t.sponsor_a,
        BoardInput {
            cohort_id: t.cohort,
            page: 1,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
}

#[tokio::test]
async fn the_demo_programme_has_challenges_with_signals_on_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let (db, faculty) = demo_programme(dir.path(), fellowship::demo::DemoSize::standard()).await;
    let newest = fellowship::programme::cohorts::list(&db, &faculty)
        .await
        .unwrap()[0]
        .id;
    let board = cohort_board(
        &db,
        &faculty,
        BoardInput {
            cohort_id: newest,
            page: 1,
        },
    )
    .await
    .unwrap()
    .rows;
    assert!(board.len() > 10, "{}", board.len());
    assert!(
        board.iter().all(|r| r.overdue_actions >= 1),
        "each demo plan has an overdue action"
    );
    assert!(
        board.iter().any(|r| r.improvement_signals > 0),
        "the demo measures show improvement"
    );
    // The demo fellow is left to draft their own challenge.
    let fellow = fellowship::auth::sign_in(
        &db,
        &fellowship::auth::SignInInput {
            email: fellowship::demo::DEMO_FELLOW_EMAIL.into(),
            password: fellowship::demo::DEMO_PASSWORD.into(),
        },
    )
    .await
    .unwrap();
    assert!(challenges::list(&db, &fellow, Default::default())
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_challenge_summary_is_a_one_page_pdf_for_those_who_may_see_it() {
    use base64::Engine;
    let dir = tempfile::tempdir().unwrap();
    let (db, faculty) = demo_programme(dir.path(), fellowship::demo::DemoSize::standard()).await;
    let first = challenges::list(&db, &faculty, Default::default())
        .await
        .unwrap()[0]
        .clone();
    let doc = fellowship::challenges::summary_pdf::summary_document(&db, &faculty, first.id)
        .await
        .unwrap();
    assert!(doc.file_name.starts_with("challenge-summary-") && doc.file_name.ends_with(".pdf"));
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&doc.base64)
        .unwrap();
    // Kept for a person to look at: target/challenge-summary.pdf.
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/target/challenge-summary.pdf");
    std::fs::write(out, &bytes).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        bytes.len() > 2_000,
        "a page with text and a chart, not an empty shell"
    );
    // Saving never overwrites, and a crafted name cannot leave the folder.
    let downloads = dir.path().join("Downloads");
    let a = doc.save_in(&downloads).unwrap();
    let b = doc.save_in(&downloads).unwrap();
    assert_ne!(a, b);
    assert!(b.to_string_lossy().ends_with(" (2).pdf"));
    assert_eq!(std::fs::read(&a).unwrap(), bytes);
    let sneaky = fellowship::challenges::summary_pdf::Document {
        file_name: "../../escape.pdf".into(),
        ..doc.clone()
    };
    assert_eq!(
        sneaky.save_in(&downloads).unwrap().parent().unwrap(),
        downloads
    );
    let sponsor = fellowship::auth::sign_in(
        &db,
        &fellowship::auth::SignInInput {
            email: fellowship::demo::DEMO_SPONSOR_EMAIL.into(),
            password: fellowship::demo::DEMO_PASSWORD.into(),
        },
    )
    .await
    .unwrap();
    let visible: Vec<i64> = challenges::list(&db, &sponsor, Default::default())
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    let hidden = challenges::list(&db, &faculty, Default::default())
        .await
        .unwrap()
        .into_iter()
        .find(|c| !visible.contains(&c.id))
        .unwrap();
    let e = fellowship::challenges::summary_pdf::summary_document(&db, &sponsor, hidden.id)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
}

/// The board reads a page of a cohort in a fixed number of queries; each row must say what the
/// challenge's own page says (its actions, its notes, its measures' signals), checked over every
/// challenge of a demo programme whose cohorts take two pages; the pages together are the
/// cohort's challenges in the list's order, each once.
#[tokio::test]
async fn the_cohort_board_agrees_with_each_challenges_own_page() {
    let dir = tempfile::tempdir().unwrap();
    let size = fellowship::demo::DemoSize::standard().scaled(3);
    let (db, faculty) = demo_programme(dir.path(), size).await;
    let today = chrono::Utc::now().date_naive().to_string();
    let mut signals = 0;
    let mut paged = 0;
    for cohort in fellowship::programme::cohorts::list(&db, &faculty)
        .await
        .unwrap()
    {
        let at = |page| BoardInput {
            cohort_id: cohort.id,
            page,
        };
        let first = cohort_board(&db, &faculty, at(1)).await.unwrap();
        let mut board = first.rows;
        for page in 2..=(first.total + first.page_size - 1) / first.page_size {
            let next = cohort_board(&db, &faculty, at(page)).await.unwrap();
            assert_eq!((next.page, next.total), (page, first.total));
            assert!(next.rows.len() as i64 <= next.page_size);
            board.extend(next.rows);
            paged += 1;
        }
        // A page past the last gives the last.
        let past = cohort_board(&db, &faculty, at(i64::MAX)).await.unwrap();
        assert_eq!(
            past.rows.last().map(|r| r.challenge_id),
            board.last().map(|r| r.challenge_id)
        );
        let listed: Vec<i64> = challenges::list(
            &db,
            &faculty,
            challenges::ChallengeFilter {
                cohort_id: Some(cohort.id),
                fellow_id: None,
            },
        )
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
        let shown: Vec<i64> = board.iter().map(|r| r.challenge_id).collect();
        assert_eq!((shown, board.len() as i64), (listed, first.total));
        for row in board {
            let d = challenges::get(&db, &faculty, row.challenge_id)
                .await
                .unwrap();
            let open: Vec<_> = d
                .actions
                .iter()
                .filter(|a| a.status.code() != "done")
                .collect();
            let overdue = open
                .iter()
                .filter(|a| {
                    a.due_date
                        .as_ref()
                        .is_some_and(|due| due.to_string() < today)
                })
                .count() as i64;
            assert_eq!(
                (row.overdue_actions, row.open_actions),
                (overdue, open.len() as i64)
            );
            // The latest note, asked of this challenge alone.
            let (latest_note,): (Option<String>,) = fellowship::db::query_as(
                "SELECT max(n.created_at) FROM action_notes n JOIN actions a ON a.id = n.action_id WHERE a.challenge_id = ?",
            )
            .bind(row.challenge_id)
            .fetch_one(&db.pool)
            .await
            .unwrap();
            let updated = d.challenge.updated_at.clone();
            assert_eq!(
                row.last_update,
                latest_note.filter(|n| *n > updated).unwrap_or(updated)
            );
            let improvement: i64 = d.measures.iter().map(|m| m.improvement_signals).sum();
            let concern: i64 = d.measures.iter().map(|m| m.concern_signals).sum();
            assert_eq!(
                (row.improvement_signals, row.concern_signals),
                (improvement, concern)
            );
            let verdicts: Vec<_> = d.measures.iter().filter_map(|m| m.latest_verdict).collect();
            assert_eq!(row.latest_verdicts, verdicts);
            signals += improvement + concern;
        }
    }
    assert!(signals > 0, "the demo's measures carry signals to compare");
    assert!(paged > 0, "a cohort of the demo takes more than one page");
}
