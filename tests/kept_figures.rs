//! Figures kept as records change, by triggers in both engines, whoever writes: on the fellow row,
//! when the current status began and the latest follow-up decision (migration 27); and how many
//! alumni of each cohort answered each follow-up wave (`follow_up_tallies`, migration 28); how
//! many answers gave each value, and each alumnus's latest word on their challenge's legacy
//! (`outcome_answer_tallies`, `fellows.legacy`, migration 29). These
//! tests change the records every way a writer can and check the kept figures against the
//! records each time, and that the rules read from them (who is due for anonymisation) list
//! exactly whom the records say.

use crate::common;

use chrono::NaiveDate;
use fellowship::auth::Actor;
use fellowship::demo::DemoSize;
use fellowship::outcomes::follow_up::{self, OutcomeResponseInput};
use fellowship::privacy::erasure::{self, EraseInput};
use fellowship::privacy::{self, ConsentInput};
use fellowship::programme::fellows::{self, StatusChangeInput};
use fellowship::Db;

/// Each fellow's kept values beside the same values worked out from the history and consents.
type Kept = (
    i64,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<String>,
    Option<String>,
);

async fn kept_against_history(db: &Db) -> Vec<Kept> {
    fellowship::db::query_as(
        "SELECT f.id, f.status_since,
            (SELECT max(h.effective_date) FROM fellow_status_history h
              WHERE h.fellow_id = f.id AND h.status = f.status),
            f.follow_up_consent,
            (SELECT k.decision FROM follow_up_consents k WHERE k.fellow_id = f.id
              ORDER BY k.decided_on DESC, k.id DESC LIMIT 1)
         FROM fellows f ORDER BY f.id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap()
}

async fn assert_kept(db: &Db, after: &str) {
    let rows = kept_against_history(db).await;
    assert!(!rows.is_empty());
    let wrong: Vec<&Kept> = rows
        .iter()
        .filter(|(_, since, from_history, consent, latest)| {
            since != from_history || consent != latest
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "after {after}: kept values differ from the history: {wrong:?}"
    );
}

/// Whom the retention rule makes due by `today`, worked out from the history itself (the rule as
/// it was written before the values were kept).
async fn due_from_history(db: &Db, today: NaiveDate) -> Vec<i64> {
    let years = privacy::retention_years(db).await.unwrap();
    let mut ids: Vec<i64> = fellowship::db::query_as::<(i64,)>(
        "SELECT id FROM (
           SELECT f.id,
              (SELECT max(h.effective_date) FROM fellow_status_history h
                WHERE h.fellow_id = f.id AND h.status = f.status) AS left_on,
              (SELECT k.decision FROM follow_up_consents k WHERE k.fellow_id = f.id
                ORDER BY k.decided_on DESC, k.id DESC LIMIT 1) AS consent
           FROM fellows f WHERE f.erased_at IS NULL AND f.status IN ('completed', 'withdrawn')
         ) alumni WHERE left_on <= ? AND (consent IS NULL OR consent <> 'given')",
    )
    .bind(privacy::latest_due(today, years))
    .fetch_all(&db.pool)
    .await
    .unwrap()
    .into_iter()
    .map(|r| r.0)
    .collect();
    ids.sort();
    ids
}

async fn assert_due_agrees(db: &Db, faculty: &Actor) {
    for today in ["2026-12-05", "2030-06-30", "2033-01-01"] {
        let today: NaiveDate = today.parse().unwrap();
        let mut listed: Vec<i64> = privacy::retention_due(db, faculty, today)
            .await
            .unwrap()
            .due
            .iter()
            .map(|d| d.fellow_id)
            .collect();
        listed.sort();
        assert_eq!(listed, due_from_history(db, today).await, "due by {today}");
    }
}

async fn demo_db() -> (tempfile::TempDir, Db, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let (db, faculty) = common::demo_programme(dir.path(), DemoSize::standard()).await;
    (dir, db, faculty)
}

async fn fellow_with_status(db: &Db, status: &str) -> i64 {
    fellowship::db::query_as::<(i64,)>("SELECT min(id) FROM fellows WHERE status = ?")
        .bind(status)
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .0
}

/// Erases a fellow as faculty do, confirming with their name.
async fn erase(db: &Db, faculty: &Actor, fellow_id: i64) {
    let (name,): (String,) = fellowship::db::query_as("SELECT name FROM fellows WHERE id = ?")
        .bind(fellow_id)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    erasure::erase(
        db,
        faculty,
        EraseInput {
            fellow_id,
            confirm_name: name,
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn kept_leaving_dates_and_consents_follow_every_writer() {
    let (_dir, db, faculty) = demo_db().await;
    assert_kept(&db, "the demo was written").await;
    assert_due_agrees(&db, &faculty).await;

    // A fellow on the programme completes it, then a back-dated correction says they withdrew
    // earlier: the later entry stays current, and the date kept is that of the current status.
    let active = fellow_with_status(&db, "active").await;
    let change = |status: &str, on: &str| StatusChangeInput {
        fellow_id: active,
        status: status.into(),
        effective_date: on.into(),
        note: String::new(),
    };
    fellows::change_status(&db, &faculty, change("completed", "2026-11-30"))
        .await
        .unwrap();
    assert_kept(&db, "completing").await;
    let (since,): (Option<NaiveDate>,) =
        fellowship::db::query_as("SELECT status_since FROM fellows WHERE id = ?")
            .bind(active)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(since, "2026-11-30".parse().ok());
    fellows::change_status(&db, &faculty, change("withdrawn", "2026-10-01"))
        .await
        .unwrap();
    assert_kept(&db, "a back-dated withdrawal").await;
    fellows::change_status(&db, &faculty, change("completed", "2026-12-01"))
        .await
        .unwrap();
    assert_kept(&db, "completing again, later").await;
    assert_due_agrees(&db, &faculty).await;

    // Consent given takes an alumnus off the list; a later withdrawal puts them back.
    let consent = |decision: &str, on: &str| ConsentInput {
        fellow_id: active,
        decision: decision.into(),
        decided_on: on.into(),
        note: String::new(),
    };
    privacy::record_consent(&db, &faculty, consent("given", "2026-12-01"))
        .await
        .unwrap();
    assert_kept(&db, "consent given").await;
    assert_due_agrees(&db, &faculty).await;
    privacy::record_consent(&db, &faculty, consent("withdrawn", "2026-12-03"))
        .await
        .unwrap();
    // An earlier decision recorded later does not replace the latest.
    privacy::record_consent(&db, &faculty, consent("given", "2026-12-02"))
        .await
        .unwrap();
    assert_kept(
        &db,
        "consent withdrawn, and an earlier decision recorded late",
    )
    .await;
    assert_due_agrees(&db, &faculty).await;

    // Writers outside the commands (a repair by hand, an import tool) are followed too.
    let completed = fellow_with_status(&db, "completed").await;
    fellowship::db::query(
        "UPDATE fellow_status_history SET effective_date = '2019-01-31' WHERE fellow_id = ? AND status = 'completed'",
    )
    .bind(completed)
    .execute(&db.pool)
    .await
    .unwrap();
    assert_kept(&db, "a history date corrected by hand").await;
    fellowship::db::query("UPDATE fellow_status_history SET fellow_id = ? WHERE fellow_id = ?")
        .bind(completed)
        .bind(active)
        .execute(&db.pool)
        .await
        .unwrap();
    assert_kept(&db, "history moved from one fellow to another").await;
    fellowship::db::query(
        "DELETE FROM follow_up_consents WHERE fellow_id = ? AND decision = 'withdrawn'",
    )
    .bind(active)
    .execute(&db.pool)
    .await
    .unwrap();
    assert_kept(&db, "a consent deleted").await;
    fellowship::db::query("DELETE FROM fellow_status_history WHERE fellow_id = ?")
        .bind(completed)
        .execute(&db.pool)
        .await
        .unwrap();
    assert_kept(&db, "a fellow's history deleted").await;
    fellowship::db::query("UPDATE fellows SET status = 'withdrawn' WHERE status = 'completed'")
        .execute(&db.pool)
        .await
        .unwrap();
    assert_kept(&db, "every alumnus's status set by hand").await;
    assert_due_agrees(&db, &faculty).await;
}

/// Cohort, wave, erased or not, and how many responded.
type Tally = (i64, i64, bool, i64);

/// Each cohort's, wave's and erasure's tally of responses from alumni, as kept and as counted
/// from the responses themselves; zero tallies left behind are not told apart from none.
async fn tallies_against_responses(db: &Db) -> (Vec<Tally>, Vec<Tally>) {
    let kept = fellowship::db::query_as(
        "SELECT cohort_id, wave_id, erased, responded FROM follow_up_tallies WHERE responded <> 0
         ORDER BY 1, 2, 3",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let counted = fellowship::db::query_as(
        "SELECT f.cohort_id, o.wave_id, f.erased_at IS NOT NULL, count(*)
         FROM outcome_responses o JOIN fellows f ON f.id = o.fellow_id WHERE f.status = 'completed'
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    (kept, counted)
}

async fn assert_tallied(db: &Db, after: &str) {
    let (kept, counted) = tallies_against_responses(db).await;
    assert!(!counted.is_empty());
    assert_eq!(
        kept, counted,
        "after {after}: the kept tallies differ from the responses"
    );
}

async fn respond(db: &Db, faculty: &Actor, fellow_id: i64, wave_id: i64, on: &str) {
    let (worthwhile,): (i64,) =
        fellowship::db::query_as("SELECT id FROM outcome_measures WHERE code = 'worthwhile'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    follow_up::save_response(
        db,
        faculty,
        OutcomeResponseInput {
            fellow_id,
            wave_id,
            responded_on: on.into(),
            answers: vec![follow_up::OutcomeAnswer {
                measure_id: worthwhile,
                value: "4".into(),
            }],
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn follow_up_tallies_follow_every_writer() {
    let (_dir, db, faculty) = demo_db().await;
    assert_tallied(&db, "the demo was written").await;
    let waves = fellowship::outcomes::waves(&db).await.unwrap();
    // An alumnus with no response to the last wave answers it, then answers again (the same
    // response, replaced).
    let (alumnus,): (i64,) = fellowship::db::query_as(
        "SELECT min(f.id) FROM fellows f WHERE f.status = 'completed' AND NOT EXISTS
           (SELECT 1 FROM outcome_responses o WHERE o.fellow_id = f.id AND o.wave_id = ?)",
    )
    .bind(waves[waves.len() - 1].id)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    respond(
        &db,
        &faculty,
        alumnus,
        waves[waves.len() - 1].id,
        "2026-12-01",
    )
    .await;
    assert_tallied(&db, "a response recorded").await;
    respond(
        &db,
        &faculty,
        alumnus,
        waves[waves.len() - 1].id,
        "2026-12-02",
    )
    .await;
    assert_tallied(&db, "a response recorded again").await;

    // Their status changes and changes back; they move cohort; they are erased.
    let change = |status: &str, on: &str| fellows::StatusChangeInput {
        fellow_id: alumnus,
        status: status.into(),
        effective_date: on.into(),
        note: String::new(),
    };
    fellows::change_status(&db, &faculty, change("withdrawn", "2026-12-03"))
        .await
        .unwrap();
    assert_tallied(&db, "an alumnus withdrawn").await;
    fellows::change_status(&db, &faculty, change("completed", "2026-12-04"))
        .await
        .unwrap();
    assert_tallied(&db, "completed again").await;
    fellowship::db::query(
        "UPDATE fellows SET cohort_id = (SELECT max(id) FROM cohorts WHERE id <> fellows.cohort_id) WHERE id = ?",
    )
    .bind(alumnus)
    .execute(&db.pool)
    .await
    .unwrap();
    assert_tallied(&db, "an alumnus moved to another cohort").await;
    erase(&db, &faculty, alumnus).await;
    assert_tallied(&db, "an alumnus erased").await;

    // Writers outside the commands: responses moved, deleted, an alumnus deleted with theirs.
    let moved = fellowship::db::query(
        "UPDATE outcome_responses SET wave_id = ? WHERE id = (SELECT min(o.id) FROM outcome_responses o
           JOIN fellows f ON f.id = o.fellow_id WHERE f.status = 'completed' AND o.wave_id <> ?
           AND NOT EXISTS (SELECT 1 FROM outcome_responses p WHERE p.fellow_id = o.fellow_id AND p.wave_id = ?))",
    )
    .bind(waves[0].id)
    .bind(waves[0].id)
    .bind(waves[0].id)
    .execute(&db.pool)
    .await
    .unwrap();
    assert_eq!(moved.rows_affected(), 1);
    assert_tallied(&db, "a response moved to another wave").await;
    fellowship::db::query("DELETE FROM outcome_responses WHERE id IN (SELECT id FROM outcome_responses ORDER BY id DESC LIMIT 5)")
        .execute(&db.pool)
        .await
        .unwrap();
    assert_tallied(&db, "responses deleted").await;
    // A fellow who completed and answered a wave, then is deleted by hand with their responses.
    let (cohort,): (i64,) = fellowship::db::query_as("SELECT min(id) FROM cohorts")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let other = fellows::save(
        &db,
        &faculty,
        common::fellow_input("Tally Deleted", "7654321", cohort, None),
    )
    .await
    .unwrap()
    .fellow
    .id;
    let change = |status: &str, on: &str| fellows::StatusChangeInput {
        fellow_id: other,
        status: status.into(),
        effective_date: on.into(),
        note: String::new(),
    };
    fellows::change_status(&db, &faculty, change("completed", "2026-12-04"))
        .await
        .unwrap();
    respond(&db, &faculty, other, waves[0].id, "2026-12-04").await;
    assert_tallied(&db, "a new alumnus answered").await;
    let before = tallies_against_responses(&db).await.1;
    fellowship::db::query("DELETE FROM fellows WHERE id = ?")
        .bind(other)
        .execute(&db.pool)
        .await
        .unwrap();
    assert_ne!(
        tallies_against_responses(&db).await.1,
        before,
        "the alumnus had responses"
    );
    assert_tallied(&db, "an alumnus deleted with their responses").await;
}

/// Cohort, measure, wave, number, choice, and how many answers.
type AnswerTally = (i64, i64, i64, i64, String, i64);

/// The kept answer tallies (none left at nought) and each alumnus's kept word on legacy, beside
/// the same worked out from the answers themselves.
async fn answers_against_kept(db: &Db) -> [(Vec<AnswerTally>, Vec<(i64, Option<String>)>); 2] {
    let kept_tallies = fellowship::db::query_as(
        "SELECT cohort_id, measure_id, wave_id, value_int, choice, answers FROM outcome_answer_tallies
         WHERE answers <> 0 ORDER BY 1, 2, 3, 4, 5",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let counted = fellowship::db::query_as(
        "SELECT f.cohort_id, v.measure_id, r.wave_id, coalesce(v.value_int, 0),
           CASE WHEN m.value_type = 'choice' THEN v.value_text ELSE '' END, count(*)
         FROM outcome_values v JOIN outcome_responses r ON r.id = v.response_id
         JOIN fellows f ON f.id = r.fellow_id JOIN outcome_measures m ON m.id = v.measure_id
         GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let kept_legacy = fellowship::db::query_as("SELECT id, legacy FROM fellows ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    // The rule as the dashboard wrote it before it was kept: the answer at the latest wave.
    let latest = fellowship::db::query_as(
        "SELECT f.id, (SELECT v.value_text FROM outcome_values v
             JOIN outcome_measures m ON m.id = v.measure_id AND m.code = 'challenge_legacy'
             JOIN outcome_responses r ON r.id = v.response_id JOIN outcome_waves w ON w.id = r.wave_id
             WHERE r.fellow_id = f.id ORDER BY w.months_after DESC LIMIT 1)
         FROM fellows f ORDER BY f.id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    [(kept_tallies, kept_legacy), (counted, latest)]
}

async fn assert_answers_kept(db: &Db, after: &str) {
    let [kept, counted] = answers_against_kept(db).await;
    assert!(!counted.0.is_empty() && counted.1.iter().any(|l| l.1.is_some()));
    assert_eq!(kept.0, counted.0, "after {after}: answer tallies differ");
    assert_eq!(kept.1, counted.1, "after {after}: legacy words differ");
}

async fn measure_id(db: &Db, code: &str) -> i64 {
    fellowship::db::query_as::<(i64,)>("SELECT id FROM outcome_measures WHERE code = ?")
        .bind(code)
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .0
}

async fn run(db: &Db, sql: &str, binds: &[i64]) -> u64 {
    let mut q = fellowship::db::query(sql);
    for b in binds {
        q = q.bind(*b);
    }
    q.execute(&db.pool).await.unwrap().rows_affected()
}

#[tokio::test]
async fn answer_tallies_and_legacy_follow_every_writer() {
    let (_dir, db, faculty) = demo_db().await;
    assert_answers_kept(&db, "the demo was written").await;
    let waves = fellowship::outcomes::waves(&db).await.unwrap();
    let (last, first) = (waves[waves.len() - 1].id, waves[0].id);
    let (worthwhile, legacy, evidence, roles) = (
        measure_id(&db, "worthwhile").await,
        measure_id(&db, "challenge_legacy").await,
        measure_id(&db, "legacy_evidence").await,
        measure_id(&db, "leadership_roles").await,
    );
    // An alumnus who has not answered the last wave answers it (a scale, a choice, free text, a
    // number), then answers again: their latest word on legacy is the new one.
    let (alumnus,): (i64,) = fellowship::db::query_as(
        "SELECT min(f.id) FROM fellows f WHERE f.status = 'completed' AND f.legacy IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM outcome_responses o WHERE o.fellow_id = f.id AND o.wave_id = ?)",
    )
    .bind(last)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let answer = |word: &str, score: &str| OutcomeResponseInput {
        fellow_id: alumnus,
        wave_id: last,
        responded_on: "2026-12-01".into(),
        answers: [
            (worthwhile, score),
            (legacy, word),
            (evidence, "Still running on two wards"),
            (roles, "2"),
        ]
        .into_iter()
        .map(|(measure_id, value)| follow_up::OutcomeAnswer {
            measure_id,
            value: value.into(),
        })
        .collect(),
    };
    for (word, score) in [("abandoned", "2"), ("spread", "5")] {
        follow_up::save_response(&db, &faculty, answer(word, score))
            .await
            .unwrap();
        assert_answers_kept(&db, &format!("a response saying {word}")).await;
    }
    let (word,): (Option<String>,) =
        fellowship::db::query_as("SELECT legacy FROM fellows WHERE id = ?")
            .bind(alumnus)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(word.as_deref(), Some("spread"));

    // Erasure deletes their free-text answers; a move takes their answers to another cohort.
    run(
        &db,
        "UPDATE fellows SET cohort_id = (SELECT max(id) FROM cohorts WHERE id <> fellows.cohort_id) WHERE id = ?",
        &[alumnus],
    )
    .await;
    assert_answers_kept(&db, "an alumnus moved to another cohort").await;
    erase(&db, &faculty, alumnus).await;
    assert_answers_kept(&db, "an alumnus erased").await;

    // Writers outside the commands: answers changed and moved to another measure, a response moved
    // to another wave, a wave moved in time, answers and responses deleted, an alumnus deleted, the
    // legacy measure's code changed and changed back.
    run(
        &db,
        "UPDATE outcome_values SET value_int = 1 WHERE measure_id = ? AND value_int = 5",
        &[worthwhile],
    )
    .await;
    assert_answers_kept(&db, "scores changed by hand").await;
    run(
        &db,
        "UPDATE outcome_values SET value_text = 'sustained' WHERE measure_id = ? AND value_text = 'spread'",
        &[legacy],
    )
    .await;
    assert_answers_kept(&db, "legacy answers changed by hand").await;
    let moved = run(
        &db,
        "UPDATE outcome_responses SET wave_id = ? WHERE id = (SELECT min(o.id) FROM outcome_responses o
           WHERE o.wave_id <> ? AND EXISTS (SELECT 1 FROM outcome_values v WHERE v.response_id = o.id AND v.measure_id = ?)
           AND NOT EXISTS (SELECT 1 FROM outcome_responses p WHERE p.fellow_id = o.fellow_id AND p.wave_id = ?))",
        &[first, first, legacy, first],
    )
    .await;
    assert_eq!(moved, 1);
    assert_answers_kept(&db, "a response moved to another wave").await;
    run(
        &db,
        "UPDATE outcome_waves SET months_after = 239 WHERE id = ?",
        &[first],
    )
    .await;
    assert_answers_kept(&db, "the first wave moved to the last place in time").await;
    run(
        &db,
        "DELETE FROM outcome_values WHERE measure_id = ? AND response_id IN (SELECT id FROM outcome_responses WHERE wave_id = ?)",
        &[legacy, first],
    )
    .await;
    assert_answers_kept(&db, "a wave's legacy answers deleted").await;
    run(&db, "DELETE FROM outcome_responses WHERE id IN (SELECT id FROM outcome_responses ORDER BY id DESC LIMIT 5)", &[]).await;
    assert_answers_kept(&db, "responses deleted").await;
    let (answered,): (i64,) = fellowship::db::query_as(
        "SELECT min(fellow_id) FROM outcome_responses r JOIN outcome_values v ON v.response_id = r.id AND v.measure_id = ?",
    )
    .bind(legacy)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    for table in ["fellow_status_history", "follow_up_consents"] {
        run(
            &db,
            &format!("DELETE FROM {table} WHERE fellow_id = ?"),
            &[answered],
        )
        .await;
    }
    run(&db, "DELETE FROM fellows WHERE id = ?", &[answered]).await;
    assert_answers_kept(&db, "an alumnus deleted with their answers").await;
    run(
        &db,
        "UPDATE outcome_measures SET code = 'legacy_then' WHERE id = ?",
        &[legacy],
    )
    .await;
    let [kept, _] = answers_against_kept(&db).await;
    assert!(
        kept.1.iter().all(|l| l.1.is_none()),
        "no measure is the legacy one now"
    );
    run(
        &db,
        "UPDATE outcome_measures SET code = 'challenge_legacy' WHERE id = ?",
        &[legacy],
    )
    .await;
    assert_answers_kept(&db, "the legacy measure's code changed back").await;
}

/// The migrations work the figures out for a programme written before them: the demo, with
/// migrations 29, 28 and 27 undone (their triggers, functions, table, indexes and columns dropped,
/// their records removed), then run again.
#[tokio::test]
async fn the_migrations_fill_the_kept_figures_in() {
    let (_dir, db, faculty) = demo_db().await;
    privacy::record_consent(
        &db,
        &faculty,
        ConsentInput {
            fellow_id: fellow_with_status(&db, "completed").await,
            decision: "given".into(),
            decided_on: "2024-05-01".into(),
            note: String::new(),
        },
    )
    .await
    .unwrap();
    let before = kept_against_history(&db).await;
    assert!(before.iter().any(|r| r.3.is_some()) && before.iter().any(|r| r.1.is_some()));
    let tallies = tallies_against_responses(&db).await.0;
    assert!(!tallies.is_empty());
    let answers = answers_against_kept(&db).await;
    let pg = cfg!(feature = "postgres");
    let triggers = [
        ("outcome_values", "answer_tally_added"),
        ("outcome_values", "answer_tally_changing"),
        ("outcome_values", "answer_tally_changed"),
        ("outcome_values", "answer_tally_removed"),
        ("outcome_responses", "response_tally_moving"),
        ("outcome_responses", "response_tally_moved"),
        ("outcome_responses", "response_tally_removed"),
        ("fellows", "fellow_tally_moving"),
        ("fellows", "fellow_tally_moved"),
        ("fellows", "fellow_tally_removed"),
        ("outcome_values", "legacy_answered"),
        ("outcome_values", "legacy_changed"),
        ("outcome_values", "legacy_removed"),
        ("outcome_responses", "legacy_response_removed"),
        ("outcome_responses", "legacy_response_moved"),
        ("outcome_waves", "legacy_wave_moved"),
        ("outcome_measures", "legacy_measure_renamed"),
        ("outcome_responses", "follow_up_tally_added"),
        ("outcome_responses", "follow_up_tally_removed"),
        ("outcome_responses", "follow_up_tally_moved"),
        ("fellows", "fellows_follow_up_tally"),
        ("fellows", "fellows_leave_follow_up_tally"),
        ("fellows", "fellows_status_since"),
        ("fellow_status_history", "status_history_added"),
        ("fellow_status_history", "status_history_changed"),
        ("fellow_status_history", "status_history_removed"),
        ("follow_up_consents", "follow_up_consent_added"),
        ("follow_up_consents", "follow_up_consent_changed"),
        ("follow_up_consents", "follow_up_consent_removed"),
    ];
    let mut undo: Vec<String> = triggers
        .iter()
        .map(|(table, name)| match pg {
            true => format!("DROP TRIGGER {name} ON {table}"),
            false => format!("DROP TRIGGER {name}"),
        })
        .collect();
    if pg {
        for f in [
            "answer_tally_kept()",
            "answer_tally_value(BIGINT, BIGINT, BIGINT, TEXT, BIGINT)",
            "answer_tally_response(BIGINT, BIGINT)",
            "answer_tally_alumnus(BIGINT, BIGINT)",
            "legacy_kept()",
            "fellow_legacy(BIGINT[], BIGINT)",
            "follow_up_tally_kept()",
            "follow_up_tally_response(BIGINT, BIGINT, BIGINT)",
            "follow_up_tally_alumnus(BIGINT, TEXT, BIGINT, TEXT, BIGINT)",
            "fellows_status_since()",
            "status_history_kept()",
            "follow_up_consent_kept()",
            "fellow_status_since(BIGINT)",
            "fellow_follow_up_consent(BIGINT)",
        ] {
            undo.push(format!("DROP FUNCTION {f}"));
        }
    }
    for s in [
        "DROP TABLE outcome_answer_tallies",
        "DROP VIEW outcome_answer_keys",
        "DROP VIEW legacy_answers",
        "DROP INDEX fellows_legacy_host",
        "DROP INDEX fellows_legacy_cohort",
        "ALTER TABLE fellows DROP COLUMN legacy",
        "DROP TABLE follow_up_tallies",
        "DROP INDEX fellows_alumni_since",
        "DROP INDEX fellows_status",
        "ALTER TABLE fellows DROP COLUMN status_since",
        "ALTER TABLE fellows DROP COLUMN follow_up_consent",
        "DELETE FROM _sqlx_migrations WHERE version IN (20261205000027, 20261205000028, 20261205000029)",
    ] {
        undo.push(s.into());
    }
    for s in &undo {
        fellowship::db::query(s).execute(&db.pool).await.unwrap();
    }
    fellowship::db::MIGRATOR.run(&db.pool).await.unwrap();
    assert_eq!(kept_against_history(&db).await, before);
    assert_kept(&db, "the migration").await;
    assert_due_agrees(&db, &faculty).await;
    assert_eq!(tallies_against_responses(&db).await.0, tallies);
    assert_tallied(&db, "the migration").await;
    assert_eq!(answers_against_kept(&db).await, answers);
    assert_answers_kept(&db, "the migration").await;
}
