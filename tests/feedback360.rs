//! 360° feedback through the core on a real database file: a round with a self-assessment and
//! eight raters in three groups, one below its threshold; single-use codes in rater mode; the
//! report at close drops the small group everywhere; release and sharing rights.

use crate::common;

use std::collections::BTreeMap;

use crate::common::*;
use fellowship::api::session::Session;
use fellowship::auth::Actor;
use fellowship::error::ErrorKind;
use fellowship::feedback360::anonymity::RaterGroup;
use fellowship::feedback360::invitations::{self, IssueCodesInput, NominationInput};
use fellowship::feedback360::progress::{self, RoundPageInput};
use fellowship::feedback360::report::{self, ReportRef, ReportShareInput};
use fellowship::feedback360::responses::{self, Answer, SelfAssessmentInput};
use fellowship::feedback360::rounds;
use serde_json::{json, Value};

/// A round's first page of progress (these cohorts fit on one).
fn first_page(id: i64) -> RoundPageInput {
    RoundPageInput { id, page: 1 }
}

async fn nominate(
    w: &World,
    actor: &Actor,
    round: i64,
    fellow: Option<i64>,
    group: &str,
    n: usize,
) {
    invitations::nominate(
        w.db(),
        actor,
        NominationInput {
            round_id: round,
            fellow_id: fellow,
            rater_group: group.into(),
            rater_name: format!("{group} rater {n}"),
            rater_email: format!("{group}.{n}@nhs.net"),
        },
    )
    .await
    .unwrap();
}

/// Answers every dimension with `rating` (and importance 3), through rater mode.
async fn respond(
    w: &World,
    code: &str,
    dims: &[i64],
    rating: i64,
    comment: &str,
) -> Result<Value, fellowship::ApiError> {
    let answers: Vec<Value> = dims
        .iter()
        .map(|d| json!({"dimension_id": d, "rating": rating, "importance": 3}))
        .collect();
    let mut rater = Session::default();
    fellowship::api::dispatch(
        &w.ws,
        &mut rater,
        "submit_questionnaire",
        json!({"code": code, "answers": answers, "comment": comment}),
    )
    .await
}

#[tokio::test]
async fn a_round_from_nomination_to_a_released_report_that_drops_a_small_group() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let round = rounds::open(db, &t.faculty, round_input(t.cohort))
        .await
        .unwrap();
    // Only faculty open rounds; one round of each kind per cohort.
    assert_eq!(
        rounds::open(db, &t.fellow_user_a, round_input(t.cohort))
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );
    assert_eq!(
        rounds::open(db, &t.faculty, round_input(t.cohort))
            .await
            .unwrap_err()
            .field
            .as_deref(),
        Some("kind")
    );

    // The fellow nominates eight raters in three groups: direct reports stay below their 3.
    let me = &t.fellow_user_a;
    nominate(&w, me, round.id, None, "line_manager", 1).await;
    for n in 1..=5 {
        nominate(&w, me, round.id, None, "peer", n).await;
    }
    for n in 1..=2 {
        nominate(&w, me, round.id, None, "direct_report", n).await;
    }
    // A fellow cannot nominate for someone else.
    let e = invitations::nominate(
        db,
        me,
        NominationInput {
            round_id: round.id,
            fellow_id: Some(t.fellow_b),
            rater_group: "peer".into(),
            rater_name: "X".into(),
            rater_email: "x@nhs.net".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    // Bad input is named by field.
    let e = invitations::nominate(
        db,
        me,
        NominationInput {
            round_id: round.id,
            fellow_id: None,
            rater_group: "boss".into(),
            rater_name: " ".into(),
            rater_email: "nope".into(),
        },
    )
    .await
    .unwrap_err();
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["rater_group", "rater_name", "rater_email"]);

    // Faculty issue the codes: shown once, 40 characters of base32 each.
    assert_eq!(
        invitations::issue(
            db,
            me,
            IssueCodesInput {
                round_id: round.id,
                nomination_ids: vec![]
            }
        )
        .await
        .unwrap_err()
        .kind,
        ErrorKind::Forbidden
    );
    let codes = invitations::issue(
        db,
        &t.faculty,
        IssueCodesInput {
            round_id: round.id,
            nomination_ids: vec![],
        },
    )
    .await
    .unwrap();
    assert_eq!(codes.len(), 8);
    assert!(codes.iter().all(|c| c.code.replace('-', "").len() == 40));
    // Nothing stored holds a code in plain text.
    let stored: Vec<(Option<String>,)> =
        fellowship::db::query_as("SELECT lookup FROM feedback_nominations")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert!(stored
        .iter()
        .all(|(l,)| l.as_ref().is_some_and(|l| l.len() == 8)));

    // The fellow's self-assessment: a draft can be partial, submitting needs every dimension.
    let sa = responses::self_assessment(db, me, round.id).await.unwrap();
    let dims: Vec<i64> = sa.questions.dimensions.iter().map(|d| d.id).collect();
    assert_eq!(dims.len(), 9);
    assert_eq!(
        sa.questions
            .scale
            .iter()
            .map(|p| p.label.as_str())
            .collect::<Vec<_>>(),
        ["Essential", "Proficient", "Strong", "Exemplary"]
    );
    let partial = vec![Answer {
        dimension_id: dims[0],
        rating: Some(2),
        importance: Some(4),
    }];
    responses::save_self_assessment(
        db,
        me,
        SelfAssessmentInput {
            round_id: round.id,
            answers: partial.clone(),
            submit: false,
        },
    )
    .await
    .unwrap();
    let e = responses::save_self_assessment(
        db,
        me,
        SelfAssessmentInput {
            round_id: round.id,
            answers: partial,
            submit: true,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.fields.len(), 8, "eight dimensions unrated");
    let all: Vec<Answer> = dims
        .iter()
        .map(|d| Answer {
            dimension_id: *d,
            rating: Some(2),
            importance: Some(4),
        })
        .collect();
    assert!(
        responses::save_self_assessment(
            db,
            me,
            SelfAssessmentInput {
                round_id: round.id,
                answers: all,
                submit: true
            }
        )
        .await
        .unwrap()
        .submitted
    );

    // Raters answer with their codes, no account. Direct reports rate 1 and say something
    // the fellow must never see; the others rate 3 or 4.
    let by_group = |g: RaterGroup| {
        codes
            .iter()
            .filter(move |c| c.rater_group == g)
            .map(|c| c.code.clone())
    };
    let mut rater = Session::default();
    let q = fellowship::api::dispatch(
        &w.ws,
        &mut rater,
        "open_questionnaire",
        json!({"code": by_group(RaterGroup::LineManager).next().unwrap()}),
    )
    .await
    .unwrap();
    assert_eq!(q["not_anonymous"], json!(true));
    assert_eq!(q["fellow_name"], json!("Ada Alpha"));
    for c in by_group(RaterGroup::LineManager) {
        respond(&w, &c, &dims, 4, "Line manager: a natural convener")
            .await
            .unwrap();
    }
    for (i, c) in by_group(RaterGroup::Peer).enumerate() {
        respond(
            &w,
            &c,
            &dims,
            if i % 2 == 0 { 3 } else { 4 },
            &format!("Peer comment {i}"),
        )
        .await
        .unwrap();
    }
    for c in by_group(RaterGroup::DirectReport) {
        respond(&w, &c, &dims, 1, "SECRET direct report remark")
            .await
            .unwrap();
    }
    // A used code is refused, and so is a code with one character changed.
    let used = by_group(RaterGroup::Peer).next().unwrap();
    let e = respond(&w, &used, &dims, 4, "again").await.unwrap_err();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::Conflict, Some("code"))
    );
    assert!(e.message.contains("already been used"));
    let mut tampered: Vec<char> = used.chars().collect();
    let last = tampered.len() - 1;
    tampered[last] = if tampered[last] == 'Z' { 'Y' } else { 'Z' };
    let e = respond(&w, &tampered.into_iter().collect::<String>(), &dims, 4, "")
        .await
        .unwrap_err();
    assert!(e.message.contains("not recognised"));
    let (count,): (i64,) = fellowship::db::query_as("SELECT count(*) FROM feedback_responses")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(count, 8);

    // Progress for faculty: counts per group; everyone has answered, so no reminders.
    let p = progress::progress(db, &t.faculty, first_page(round.id))
        .await
        .unwrap();
    let ada = p
        .fellows
        .iter()
        .find(|f| f.fellow_id == t.fellow_a)
        .unwrap();
    assert!(ada.self_submitted && ada.failing.is_empty());
    let dr = ada
        .groups
        .iter()
        .find(|g| g.group == RaterGroup::DirectReport)
        .unwrap();
    assert_eq!((dr.nominated, dr.responses, dr.minimum), (2, 2, 3));
    assert!(p.reminders.is_empty());
    let bea = p
        .fellows
        .iter()
        .find(|f| f.fellow_id == t.fellow_b)
        .unwrap();
    assert_eq!(
        bea.failing
            .iter()
            .map(|f| f.rule.as_str())
            .collect::<Vec<_>>(),
        ["self_assessment", "overall_minimum", "group_mix"]
    );

    // No report before the round closes.
    let rref = ReportRef {
        round_id: round.id,
        fellow_id: t.fellow_a,
    };
    assert_eq!(
        report::get(db, &t.faculty, rref.clone())
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Conflict
    );
    // One more nomination with a code, unused at close: it stops working when the round closes.
    nominate(&w, &t.faculty, round.id, Some(t.fellow_a), "other", 1).await;
    let late = invitations::issue(
        db,
        &t.faculty,
        IssueCodesInput {
            round_id: round.id,
            nomination_ids: vec![],
        },
    )
    .await
    .unwrap();
    assert_eq!(late.len(), 1);
    assert_eq!(
        progress::progress(db, &t.faculty, first_page(round.id))
            .await
            .unwrap()
            .reminders
            .len(),
        1
    );
    assert!(kept_figures(db, round.id).await.is_empty());
    rounds::close(db, &t.faculty, round.id).await.unwrap();
    // Its cohort figures are worked out as it closes (one fellow: kept, never shown).
    assert_eq!(kept_figures(db, round.id).await.len(), dims.len());
    let e = respond(&w, &late[0].code, &dims, 1, "late")
        .await
        .unwrap_err();
    assert!(e.message.contains("closed"), "{}", e.message);
    assert_eq!(
        rounds::close(db, &t.faculty, round.id)
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Conflict
    );

    // The report: direct reports dropped from every figure and every comment, and it says so.
    let r = report::get(db, &t.faculty, rref.clone()).await.unwrap();
    assert!(r.failures.is_empty());
    assert_eq!(
        r.dropped_groups
            .iter()
            .map(|g| (g.group, g.responses, g.minimum))
            .collect::<Vec<_>>(),
        [(RaterGroup::DirectReport, 2, 3)]
    );
    assert!(r.line_manager_shown);
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("SECRET"));
    for d in &r.dimensions {
        assert!(d.groups.iter().all(|g| g.group != RaterGroup::DirectReport));
        let all = d.all_raters.as_ref().unwrap();
        // 1 line manager x 4, peers 3, 4, 3, 4, 3: (4 + 17) / 6 = 3.50. With the direct reports'
        // 1s folded in it would be 2.88, so the dropped group has moved nothing.
        assert_eq!((all.ratings, all.mean_hundredths), (6, 350));
        assert_eq!(all.spread, vec![0, 0, 3, 3]);
        assert_eq!(d.self_rating, Some(2));
    }
    assert_eq!(r.comments.len(), 6);

    // The fellow sees it only once faculty have reviewed and released it.
    assert_eq!(
        report::get(db, me, rref.clone()).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
    assert_eq!(
        report::release(db, &t.faculty, rref.clone())
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Conflict
    );
    report::review(db, &t.faculty, rref.clone()).await.unwrap();
    report::release(db, &t.faculty, rref.clone()).await.unwrap();
    assert!(report::get(db, me, rref.clone()).await.unwrap().released);
    let state = |p: progress::RoundProgress| {
        let ada = p.fellows.into_iter().find(|f| f.fellow_id == t.fellow_a);
        let r = ada.unwrap().report.unwrap();
        (r.reviewed, r.released, r.shared_with_host)
    };
    let p = progress::progress(db, &t.faculty, first_page(round.id))
        .await
        .unwrap();
    assert_eq!(state(p), (true, true, false));
    // The host sponsor sees it only when the fellow shares it, and not once withdrawn.
    assert_eq!(
        report::get(db, &t.sponsor_a, rref.clone())
            .await
            .unwrap_err()
            .kind,
        ErrorKind::NotFound
    );
    report::share_with_host(
        db,
        me,
        ReportShareInput {
            round_id: round.id,
            share: true,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        report::get(db, &t.sponsor_a, rref.clone())
            .await
            .unwrap()
            .fellow_name,
        "Ada Alpha"
    );
    let p = progress::progress(db, &t.faculty, first_page(round.id))
        .await
        .unwrap();
    assert_eq!(state(p), (true, true, true));
    assert_eq!(
        report::get(db, &t.mentor_b, rref.clone())
            .await
            .unwrap_err()
            .kind,
        ErrorKind::NotFound
    );
    report::share_with_host(
        db,
        me,
        ReportShareInput {
            round_id: round.id,
            share: false,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        report::get(db, &t.sponsor_a, rref).await.unwrap_err().kind,
        ErrorKind::NotFound
    );
}

#[tokio::test]
async fn an_invalid_round_names_its_failed_rules_and_shows_no_figures() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let round = rounds::open(db, &t.faculty, round_input(t.cohort))
        .await
        .unwrap();
    for n in 1..=3 {
        nominate(&w, &t.faculty, round.id, Some(t.fellow_b), "peer", n).await;
    }
    let codes = invitations::issue(
        db,
        &t.faculty,
        IssueCodesInput {
            round_id: round.id,
            nomination_ids: vec![],
        },
    )
    .await
    .unwrap();
    let dims: Vec<i64> = fellowship::feedback360::default_dimensions(db)
        .await
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    for c in &codes {
        respond(&w, &c.code, &dims, 2, "Quiet but effective")
            .await
            .unwrap();
    }
    rounds::close(db, &t.faculty, round.id).await.unwrap();
    let r = report::get(
        db,
        &t.faculty,
        ReportRef {
            round_id: round.id,
            fellow_id: t.fellow_b,
        },
    )
    .await
    .unwrap();
    let rules: Vec<&str> = r.failures.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["self_assessment", "overall_minimum", "group_mix"]);
    assert!(r.dimensions.is_empty() && r.comments.is_empty() && r.shown_groups.is_empty());
    assert!(!serde_json::to_string(&r).unwrap().contains("Quiet"));
}

#[tokio::test]
async fn rounds_check_their_dates_and_rules() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let mut input = round_input(t.cohort);
    input.closes_on = input.opens_on.clone();
    input.minimums.insert("peer".into(), "0".into());
    // An anonymous group of one or two could be singled out; a line manager of one is named.
    input.minimums.insert("direct_report".into(), "2".into());
    input.minimums.insert("line_manager".into(), "1".into());
    input.overall_minimum = "many".into();
    let e = rounds::open(w.db(), &t.faculty, input).await.unwrap_err();
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "closes_on",
            "minimums.peer",
            "minimums.direct_report",
            "overall_minimum"
        ]
    );
    assert_eq!(e.fields[2].message, "Enter a whole number from 3 to 20.");
    // Sponsors and mentors see no rounds at all.
    rounds::open(w.db(), &t.faculty, round_input(t.cohort))
        .await
        .unwrap();
    assert!(rounds::list(w.db(), &t.sponsor_a).await.unwrap().is_empty());
    assert_eq!(
        rounds::list(w.db(), &t.fellow_user_a).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn a_framework_in_use_is_locked_and_changes_make_a_new_version() {
    use fellowship::feedback360::frameworks::{self, DimensionInput, FrameworkInput};
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let hlm = frameworks::list(db, &t.faculty).await.unwrap();
    assert_eq!(hlm.len(), 1);
    assert!(hlm[0].is_default && !hlm[0].in_use && hlm[0].dimensions == 9);
    assert_eq!(
        frameworks::list(db, &t.fellow_user_a)
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Forbidden
    );

    // A programme's own framework, checked field by field.
    let dim = |n: &str| DimensionInput {
        name: n.into(),
        description: String::new(),
        statements: vec!["Listens".into(), " ".into()],
    };
    let mut own = FrameworkInput {
        id: None,
        name: " ".into(),
        description: "Our values".into(),
        allows_not_observed: false,
        scale: vec!["Rarely".into()],
        scale_descriptions: vec![],
        dimensions: vec![dim("Compassion"), dim("Compassion")],
        make_default: false,
    };
    let e = frameworks::save(db, &t.faculty, own.clone())
        .await
        .unwrap_err();
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "scale", "dimensions.1.name"]);
    own.name = "Trust values".into();
    own.scale = vec!["Rarely".into(), "Sometimes".into(), "Often".into()];
    own.dimensions = vec![dim("Compassion"), dim("Courage")];
    let saved = frameworks::save(db, &t.faculty, own.clone()).await.unwrap();
    assert_eq!(saved.dimensions[0].statements, ["Listens"]);
    // Not in use: edited where it stands.
    own.id = Some(saved.summary.id);
    own.dimensions.push(dim("Candour"));
    let edited = frameworks::save(db, &t.faculty, own).await.unwrap();
    assert_eq!(
        (
            edited.summary.id,
            edited.summary.version,
            edited.dimensions.len()
        ),
        (saved.summary.id, 1, 3)
    );

    // Once a round uses the HLM, changing it makes version 2, which becomes the default.
    let round = rounds::open(db, &t.faculty, round_input(t.cohort))
        .await
        .unwrap();
    let hlm = frameworks::get(db, &t.faculty, round.framework_id)
        .await
        .unwrap();
    assert!(hlm.summary.in_use);
    let change = FrameworkInput {
        id: Some(hlm.summary.id),
        name: hlm.summary.name.clone(),
        description: hlm.description.clone(),
        allows_not_observed: true,
        scale: hlm.scale.iter().map(|p| p.label.clone()).collect(),
        scale_descriptions: hlm.scale.iter().map(|p| p.description.clone()).collect(),
        dimensions: hlm.dimensions.iter().take(8).cloned().collect(),
        make_default: false,
    };
    let v2 = frameworks::save(db, &t.faculty, change.clone())
        .await
        .unwrap();
    assert_ne!(v2.summary.id, hlm.summary.id);
    // Each level says what it means, and a new version keeps what it was given.
    assert!(hlm.scale.iter().all(|p| !p.description.is_empty()));
    assert_eq!(
        v2.scale.iter().map(|p| &p.description).collect::<Vec<_>>(),
        hlm.scale.iter().map(|p| &p.description).collect::<Vec<_>>()
    );
    assert_eq!(
        (
            v2.summary.version,
            v2.summary.is_default,
            v2.dimensions.len()
        ),
        (2, true, 8)
    );
    let old = frameworks::get(db, &t.faculty, hlm.summary.id)
        .await
        .unwrap();
    assert_eq!(
        (
            old.summary.replaced_by,
            old.summary.is_default,
            old.dimensions.len()
        ),
        (Some(v2.summary.id), false, 9)
    );
    // The round keeps the version it was opened with; the old version cannot be changed again
    // nor chosen for a new round.
    assert_eq!(
        rounds::load(db, round.id).await.unwrap().framework_id,
        hlm.summary.id
    );
    assert_eq!(
        frameworks::save(db, &t.faculty, change)
            .await
            .unwrap_err()
            .kind,
        ErrorKind::Conflict
    );
    let mut end = round_input(t.cohort);
    end.kind = "end_of_year".into();
    end.framework_id = Some(hlm.summary.id);
    assert_eq!(
        rounds::open(db, &t.faculty, end.clone())
            .await
            .unwrap_err()
            .field
            .as_deref(),
        Some("framework_id")
    );
    end.framework_id = None;
    assert_eq!(
        rounds::open(db, &t.faculty, end)
            .await
            .unwrap()
            .framework_id,
        v2.summary.id
    );
}

#[tokio::test]
async fn the_demo_programme_has_released_reports_and_a_cohort_that_improves() {
    use fellowship::auth::{sign_in, SignInInput};
    use fellowship::demo;
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "demo").await;
    demo::fill(&db, &demo::DemoSize::standard()).await.unwrap();
    let faculty = sign_in(&db, &demo::faculty_sign_in()).await.unwrap();
    let fellow = sign_in(
        &db,
        &SignInInput {
            email: demo::DEMO_FELLOW_EMAIL.into(),
            password: demo::DEMO_PASSWORD.into(),
        },
    )
    .await
    .unwrap();
    // The demo fellow's baseline report is released to them.
    let mine = fellowship::feedback360::overview::mine(&db, &fellow)
        .await
        .unwrap();
    let baseline = mine
        .iter()
        .find(|m| m.report_released)
        .expect("a released report");
    let r = report::get(
        &db,
        &fellow,
        ReportRef {
            round_id: baseline.round.id,
            fellow_id: fellow.fellow_id().unwrap(),
        },
    )
    .await
    .unwrap();
    assert!(r.failures.is_empty() && r.dimensions.len() == 9);

    // The oldest cohort has both rounds; its aggregate is shown and rises over the year.
    let rounds_all = rounds::list(&db, &faculty).await.unwrap();
    let oldest = rounds_all
        .iter()
        .filter(|r| r.kind == rounds::RoundKind::EndOfYear)
        .map(|r| r.cohort_id)
        .min()
        .unwrap();
    let c = fellowship::feedback360::overview::cohort(&db, &faculty, oldest)
        .await
        .unwrap();
    for d in &c.dimensions {
        let (b, e) = (
            d.baseline.as_ref().unwrap(),
            d.end_of_year.as_ref().unwrap(),
        );
        assert!(b.fellows >= 5 && e.fellows >= 5);
        assert!(
            e.others_mean_hundredths > b.others_mean_hundredths,
            "{}",
            d.name
        );
    }
    // Each round has one fellow whose direct reports were too few, and one with no valid report.
    let p = progress::progress(&db, &faculty, first_page(rounds_all[0].id))
        .await
        .unwrap();
    assert_eq!(
        p.fellows.iter().filter(|f| !f.failing.is_empty()).count(),
        1
    );
}

/// One stored value as text, whatever its type on either engine ("" for NULL).
fn cell_text(row: &fellowship::db::DbRow, i: usize) -> String {
    use sqlx::Row;
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return v.map(|v| v.to_string()).unwrap_or_default();
    }
    if let Ok(v) = row.try_get::<Option<String>, _>(i) {
        return v.unwrap_or_default();
    }
    if let Ok(v) = row.try_get::<Option<bool>, _>(i) {
        return v.map(|v| v.to_string()).unwrap_or_default();
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
        return v.map(|v| v.to_string()).unwrap_or_default();
    }
    if let Ok(v) = row.try_get::<Option<chrono::NaiveDate>, _>(i) {
        return v.map(|v| v.to_string()).unwrap_or_default();
    }
    if let Ok(v) = row.try_get::<Option<Vec<u8>>, _>(i) {
        return v.map(|v| format!("{v:?}")).unwrap_or_default();
    }
    String::new()
}

/// Numbers sort as numbers, the rest as text.
fn sort_key(s: &str) -> (i128, String) {
    s.parse::<i128>()
        .map_or((i128::MIN, s.to_owned()), |n| (n, String::new()))
}

#[tokio::test]
async fn nothing_stored_puts_360_answers_in_the_order_raters_gave_them() {
    use rand::seq::SliceRandom;
    use sqlx::Row;
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let round = rounds::open(db, &t.faculty, round_input(t.cohort))
        .await
        .unwrap();
    for n in 1..=10 {
        nominate(&w, &t.fellow_user_a, round.id, None, "peer", n).await;
    }
    let mut codes = invitations::issue(
        db,
        &t.faculty,
        IssueCodesInput {
            round_id: round.id,
            nomination_ids: vec![],
        },
    )
    .await
    .unwrap();
    codes.shuffle(&mut rand::thread_rng());
    let sa = responses::self_assessment(db, &t.fellow_user_a, round.id)
        .await
        .unwrap();
    let dims: Vec<i64> = sa.questions.dimensions.iter().map(|d| d.id).collect();
    // Each rater's comment is a word of its own; the order they answer in is the secret.
    let mut given = vec![];
    for (n, code) in codes.iter().enumerate() {
        let word = format!("answer{:08x}", rand::random::<u32>());
        respond(&w, &code.code, &dims, 1 + (n as i64 * 3) % 4, &word)
            .await
            .unwrap();
        given.push(word);
    }
    // A response's identity wherever it is stored: its comment, or its id (in the ratings).
    let mut identity: BTreeMap<String, String> = BTreeMap::new();
    let rows: Vec<(i64, String)> =
        fellowship::db::query_as("SELECT id, comment FROM feedback_responses")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), given.len());
    for (id, comment) in rows {
        identity.insert(id.to_string(), comment.clone());
        identity.insert(comment.clone(), comment);
    }

    let position = if cfg!(feature = "postgres") {
        "ctid::text"
    } else {
        "rowid"
    };
    let mut orderings_tried = 0;
    for table in common::store::tables(db).await {
        // The engine's own row position where the table has one, then every column.
        let with_position = format!("SELECT {position} AS row_position, * FROM {table}");
        let rows = match fellowship::db::query(&with_position)
            .fetch_all(&db.pool)
            .await
        {
            Ok(rows) => rows,
            Err(_) => fellowship::db::query(&format!("SELECT * FROM {table}"))
                .fetch_all(&db.pool)
                .await
                .unwrap(),
        };
        let Some(first) = rows.first() else { continue };
        let width = first.columns().len();
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| (0..width).map(|i| cell_text(r, i)).collect())
            .collect();
        let who: Vec<Option<&String>> = cells
            .iter()
            .map(|c| c.iter().find_map(|v| identity.get(v)))
            .collect();
        if who.iter().all(Option::is_none) {
            continue;
        }
        // The order rows come back in with no ORDER BY, and sorted by each column.
        let mut orders: Vec<Vec<usize>> = vec![(0..rows.len()).collect()];
        for col in 0..width {
            let keys: Vec<(i128, String)> = cells.iter().map(|c| sort_key(&c[col])).collect();
            let mut order: Vec<usize> = (0..rows.len()).collect();
            order.sort_by_key(|&i| keys[i].clone());
            orders.push(order.clone());
            order.sort_by_key(|&i| std::cmp::Reverse(keys[i].clone()));
            orders.push(order);
        }
        for order in orders {
            let mut sequence: Vec<&String> = vec![];
            for i in order {
                if let Some(w) = who[i] {
                    if !sequence.contains(&w) {
                        sequence.push(w);
                    }
                }
            }
            assert_not_in_given_order(&table, &sequence, &given);
            orderings_tried += 1;
        }
    }
    assert!(orderings_tried >= 10, "the answers' tables were read");
    // Submitting writes nothing to the audit trail that could date an answer.
    let (audited,): (i64,) = fellowship::db::query_as(
        "SELECT count(*) FROM audit_log WHERE command IN ('submit_questionnaire', 'open_questionnaire')",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(audited, 0);
}

fn assert_not_in_given_order(table: &str, sequence: &[&String], given: &[String]) {
    let seq: Vec<&str> = sequence.iter().map(|s| s.as_str()).collect();
    let given: Vec<&str> = given.iter().map(String::as_str).collect();
    assert_ne!(
        seq, given,
        "an ordering of {table} recovers the order raters answered in"
    );
}

/// Kept figures of one round: (dimension, fellows, others' mean, self mean).
async fn kept_figures(db: &fellowship::Db, round: i64) -> Vec<(i64, i64, i64, i64)> {
    fellowship::db::query_as(
        "SELECT dimension_id, fellows, others_mean_hundredths, self_mean_hundredths
         FROM feedback_round_figures WHERE round_id = ? ORDER BY dimension_id",
    )
    .bind(round)
    .fetch_all(&db.pool)
    .await
    .unwrap()
}

/// A closed round's cohort figures are worked out once, from every rating, and kept: a cohort's
/// report (and the annual report's, one per cohort) then reads a few rows, not every rating.
#[tokio::test]
async fn a_closed_rounds_cohort_figures_are_worked_out_once_and_kept() {
    use fellowship::auth::sign_in;
    use fellowship::demo;
    use fellowship::feedback360::overview;
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "kept").await;
    demo::fill(&db, &demo::DemoSize::standard()).await.unwrap();
    let faculty = sign_in(&db, &demo::faculty_sign_in()).await.unwrap();
    let all = rounds::list(&db, &faculty).await.unwrap();
    let end = all
        .iter()
        .filter(|r| r.kind == rounds::RoundKind::EndOfYear && r.closed)
        .min_by_key(|r| r.cohort_id)
        .unwrap();
    // The demo keeps its closed rounds' figures, as a round closed in the app does. A database
    // from before figures were kept has none: its first report works them out.
    assert!(!kept_figures(&db, end.id).await.is_empty());
    fellowship::db::query("DELETE FROM feedback_round_figures")
        .execute(&db.pool)
        .await
        .unwrap();
    let first = overview::cohort(&db, &faculty, end.cohort_id)
        .await
        .unwrap();
    let kept = kept_figures(&db, end.id).await;
    assert_eq!(kept.len(), first.dimensions.len());
    for d in &first.dimensions {
        let e = d.end_of_year.as_ref().unwrap();
        assert!(kept.contains(&(
            d.dimension_id,
            e.fellows,
            e.others_mean_hundredths,
            e.self_mean_hundredths
        )));
    }
    // Asked again, the kept figures are what is shown (here altered to tell them apart).
    fellowship::db::query("UPDATE feedback_round_figures SET fellows = 99 WHERE round_id = ?")
        .bind(end.id)
        .execute(&db.pool)
        .await
        .unwrap();
    let again = overview::cohort(&db, &faculty, end.cohort_id)
        .await
        .unwrap();
    assert!(again
        .dimensions
        .iter()
        .all(|d| d.end_of_year.as_ref().unwrap().fellows == 99));
    // Worked out again from the ratings, they are the same as the first time.
    fellowship::db::query("DELETE FROM feedback_round_figures")
        .execute(&db.pool)
        .await
        .unwrap();
    let fresh = overview::cohort(&db, &faculty, end.cohort_id)
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(&fresh).unwrap(),
        serde_json::to_value(&first).unwrap()
    );
}
