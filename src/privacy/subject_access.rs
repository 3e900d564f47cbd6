//! A fellow's subject-access export: everything the programme holds about them, as JSON for
//! machines and as a self-contained HTML page for people. Each section is one query over the
//! fellow's records; a test checks that every table of the schema is either exported here or
//! named in `NOT_PERSONAL` with the reason.

use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::{Column, Row, TypeInfo, ValueRef};

use super::may_see;
use super::FellowRef;
use crate::auth::visibility::{condition, Private, Reader};
use crate::auth::Actor;
use crate::db::{now_stamp, Db};
use crate::error::Result;
use crate::pdf::Document;

/// One section of the export: its key, the table it comes from, its heading, its query
/// (`?1` = the fellow's id) and, for a private field, the guard that decides whose export holds
/// it. Secrets (password hashes, invitation code hashes) are never selected.
pub struct SectionDef {
    pub key: &'static str,
    pub table: &'static str,
    pub title: &'static str,
    pub sql: &'static str,
    pub guard: Option<Guard>,
}

/// A private field's section: `{visible}` in its query becomes the visibility policy's condition
/// for the requester, and `held` counts every such row, so what is left out is listed as held.
pub struct Guard {
    pub field: Private,
    /// What `visibility::condition` is applied to (a table alias, or a set id expression).
    pub alias: &'static str,
    /// For the section that lists the records themselves (one row each): counts every such
    /// record held about the fellow, `?1` = the fellow's id. Sections of the same records' parts
    /// (a reflection's text, its tags) have none.
    pub held: Option<&'static str>,
}

const fn open(key: &'static str, title: &'static str, sql: &'static str) -> SectionDef {
    SectionDef {
        key,
        table: key,
        title,
        sql,
        guard: None,
    }
}

const fn guarded(
    key: &'static str,
    table: &'static str,
    title: &'static str,
    sql: &'static str,
    field: Private,
    alias: &'static str,
    held: Option<&'static str>,
) -> SectionDef {
    SectionDef {
        key,
        table,
        title,
        sql,
        guard: Some(Guard { field, alias, held }),
    }
}

const HELD_REFLECTIONS: Option<&str> =
    Some("SELECT count(*) FROM reflections WHERE fellow_id = ?1");
const PART: Option<&str> = None;
const HELD_SESSIONS: Option<&str> = Some( "SELECT count(*) FROM mentoring_sessions s JOIN mentoring_relationships m ON m.id = s.relationship_id WHERE m.fellow_id = ?1");
const HELD_NOTES: Option<&str> = Some( "SELECT count(*) FROM mentoring_private_notes n JOIN mentoring_sessions s ON s.id = n.session_id JOIN mentoring_relationships m ON m.id = s.relationship_id WHERE m.fellow_id = ?1");
const HELD_SETS: Option<&str> =
    Some("SELECT count(*) FROM learning_set_members WHERE fellow_id = ?1");
const HELD_PRESENTATIONS: Option<&str> =
    Some("SELECT count(*) FROM learning_set_presentations WHERE fellow_id = ?1");
const HELD_SET_ACTIONS: Option<&str> = Some( "SELECT count(*) FROM learning_set_actions a JOIN learning_set_presentations p ON p.id = a.presentation_id WHERE p.fellow_id = ?1");

pub const SECTIONS: &[SectionDef] = &[
    open("fellows", "Your record", "SELECT f.id, f.name, f.profession, f.professional_body, f.registration_number, f.email, f.status, f.created_at, f.erased_at, c.name AS cohort, h.name AS host_organisation FROM fellows f JOIN cohorts c ON c.id = f.cohort_id LEFT JOIN host_organisations h ON h.id = f.host_id WHERE f.id = ?1"),
    open("fellow_status_history", "Status history", "SELECT status, effective_date, note, changed_at FROM fellow_status_history WHERE fellow_id = ?1 ORDER BY effective_date, id"),
    open("users", "Your account", "SELECT name, email, role, created_at FROM users WHERE fellow_id = ?1"),
    SectionDef { key: "calendar_addresses", table: "calendar_feeds", title: "Private calendar addresses made for your account (their secret is not kept)", sql: "SELECT created_at, revoked_at FROM calendar_feeds WHERE user_id IN (SELECT id FROM users WHERE fellow_id = ?1)", guard: None },
    SectionDef { key: "second_step", table: "second_steps", title: "Your second step at sign-in (its key is not shown)", sql: "SELECT created_at, confirmed_at FROM second_steps WHERE user_id IN (SELECT id FROM users WHERE fellow_id = ?1)", guard: None },
    SectionDef { key: "organisation_accounts", table: "user_identities", title: "Your organisation account linked for sign-in (the provider and its identifier for you)", sql: "SELECT issuer, subject, linked_at, last_used_at FROM user_identities WHERE user_id IN (SELECT id FROM users WHERE fellow_id = ?1)", guard: None },
    SectionDef { key: "recovery_codes", table: "recovery_codes", title: "Recovery codes for your second step (the codes are not kept; whether each was used)", sql: "SELECT used_at FROM recovery_codes WHERE user_id IN (SELECT id FROM users WHERE fellow_id = ?1) ORDER BY id", guard: None },
    SectionDef { key: "email_preference", table: "mail_preferences", title: "How often you chose to get email", sql: "SELECT frequency FROM mail_preferences WHERE user_id IN (SELECT id FROM users WHERE fellow_id = ?1)", guard: None },
    SectionDef { key: "email_messages", table: "outbox", title: "Email sent to you or about you (what, to whom and when; the text of a sent message is not kept)", sql: "SELECT kind, to_address, subject, state, created_at, sent_at FROM outbox WHERE about_fellow_id = ?1 OR to_user_id IN (SELECT id FROM users WHERE fellow_id = ?1) ORDER BY id", guard: None },
    SectionDef { key: "reset_links", table: "password_resets", title: "Links made to reset your account's sign-in", sql: "SELECT created_at, expires_at, used_at FROM password_resets WHERE user_id IN (SELECT id FROM users WHERE fellow_id = ?1)", guard: None },
    open("invitations", "Invitations to make your account", "SELECT email, role, created_at, expires_at, used_at FROM invitations WHERE fellow_id = ?1"),
    open("follow_up_consents", "Consent to follow-up", "SELECT decision, decided_on, note, recorded_at FROM follow_up_consents WHERE fellow_id = ?1 ORDER BY decided_on, id"),
    open("challenges", "Fellowship Challenge", "SELECT * FROM challenges WHERE fellow_id = ?1"),
    open("challenge_status_history", "Challenge status history", "SELECT s.* FROM challenge_status_history s WHERE s.challenge_id IN (SELECT id FROM challenges WHERE fellow_id = ?1) ORDER BY s.id"),
    open("progress_scores", "Progress scores", "SELECT p.* FROM progress_scores p WHERE p.challenge_id IN (SELECT id FROM challenges WHERE fellow_id = ?1) ORDER BY p.scored_on"),
    open("actions", "Action plan", "SELECT a.* FROM actions a WHERE a.challenge_id IN (SELECT id FROM challenges WHERE fellow_id = ?1) ORDER BY a.position"),
    open("action_notes", "Action notes", "SELECT n.* FROM action_notes n JOIN actions a ON a.id = n.action_id WHERE a.challenge_id IN (SELECT id FROM challenges WHERE fellow_id = ?1) ORDER BY n.noted_on"),
    open("milestones", "Milestones", "SELECT m.* FROM milestones m WHERE m.challenge_id IN (SELECT id FROM challenges WHERE fellow_id = ?1)"),
    open("measures", "Improvement measures", "SELECT m.* FROM measures m WHERE m.challenge_id IN (SELECT id FROM challenges WHERE fellow_id = ?1)"),
    open("measure_values", "Measure values", "SELECT v.measure_id, v.period, v.value FROM measure_values v JOIN measures m ON m.id = v.measure_id WHERE m.challenge_id IN (SELECT id FROM challenges WHERE fellow_id = ?1) ORDER BY v.measure_id, v.period"),
    open("measure_changes", "Measure changes", "SELECT x.* FROM measure_changes x JOIN measures m ON m.id = x.measure_id WHERE m.challenge_id IN (SELECT id FROM challenges WHERE fellow_id = ?1)"),
    open("pdsa_cycles", "PDSA cycles", "SELECT p.* FROM pdsa_cycles p WHERE p.challenge_id IN (SELECT id FROM challenges WHERE fellow_id = ?1)"),
    open("challenge_comments", "Comments on your challenge", "SELECT k.created_at, u.name AS author, k.body FROM challenge_comments k LEFT JOIN users u ON u.id = k.author WHERE k.challenge_id IN (SELECT id FROM challenges WHERE fellow_id = ?1) ORDER BY k.id"),
    open("reviews", "Mid-year and end-of-year reviews", "SELECT r.kind, r.version, r.summary, r.statement, r.signed_name, r.signed_at, r.created_at FROM reviews r WHERE r.challenge_id IN (SELECT id FROM challenges WHERE fellow_id = ?1) ORDER BY r.id"),
    guarded("reflections", "reflections", "Reflections", "SELECT r.id, r.template, r.title, r.happened_on, r.challenge_id, r.is_draft, r.created_at, r.updated_at FROM reflections r WHERE r.fellow_id = ?1 AND {visible} ORDER BY r.happened_on, r.id", Private::Reflection, "r", HELD_REFLECTIONS),
    guarded("reflection_sections", "reflection_sections", "Reflection text", "SELECT s.reflection_id, s.key, s.body FROM reflection_sections s JOIN reflections r ON r.id = s.reflection_id WHERE r.fellow_id = ?1 AND {visible} ORDER BY s.reflection_id", Private::Reflection, "r", PART),
    guarded("reflection_dimensions", "reflection_dimensions", "Reflections linked to leadership dimensions", "SELECT d.reflection_id, fd.name AS dimension FROM reflection_dimensions d JOIN reflections r ON r.id = d.reflection_id JOIN framework_dimensions fd ON fd.id = d.dimension_id WHERE r.fellow_id = ?1 AND {visible}", Private::Reflection, "r", PART),
    guarded("reflection_shares", "reflection_shares", "Reflections you shared", "SELECT s.reflection_id, u.name AS shared_with, s.shared_at, s.withdrawn_at FROM reflection_shares s JOIN reflections r ON r.id = s.reflection_id LEFT JOIN users u ON u.id = s.user_id WHERE r.fellow_id = ?1 AND {visible}", Private::Reflection, "r", PART),
    open("mentoring_relationships", "Mentors and coaches", "SELECT m.id, u.name AS person, m.kind, m.started_on, m.ended_on FROM mentoring_relationships m JOIN users u ON u.id = m.person_id WHERE m.fellow_id = ?1"),
    open("mentoring_sessions", "Mentoring and coaching sessions", "SELECT s.id, s.relationship_id, s.held_on, s.duration_minutes, s.mode, s.created_at FROM mentoring_sessions s JOIN mentoring_relationships m ON m.id = s.relationship_id WHERE m.fellow_id = ?1 ORDER BY s.held_on"),
    guarded("mentoring_session_content", "mentoring_sessions", "What those sessions covered", "SELECT s.id AS session_id, s.themes, s.agreed_actions FROM mentoring_sessions s JOIN mentoring_relationships m ON m.id = s.relationship_id WHERE m.fellow_id = ?1 AND {visible} ORDER BY s.held_on", Private::MentoringContent, "s", HELD_SESSIONS),
    guarded("mentoring_private_notes", "mentoring_private_notes", "Private notes on those sessions", "SELECT n.session_id, u.name AS author, n.body, n.updated_at FROM mentoring_private_notes n JOIN mentoring_sessions s ON s.id = n.session_id JOIN mentoring_relationships m ON m.id = s.relationship_id LEFT JOIN users u ON u.id = n.author_id WHERE m.fellow_id = ?1 AND {visible}", Private::MentoringNote, "n", HELD_NOTES),
    open("learning_sets", "Action learning set", "SELECT l.id, l.name, u.name AS facilitator FROM learning_sets l JOIN learning_set_members m ON m.set_id = l.id LEFT JOIN users u ON u.id = l.facilitator_id WHERE m.fellow_id = ?1"),
    guarded("learning_set_ground_rules", "learning_sets", "Your set's ground rules", "SELECT l.id AS set_id, l.ground_rules, l.ground_rules_agreed_on FROM learning_sets l JOIN learning_set_members m ON m.set_id = l.id WHERE m.fellow_id = ?1 AND {visible}", Private::SetDiscussion, "l.id", HELD_SETS),
    open("learning_set_members", "Set membership", "SELECT set_id FROM learning_set_members WHERE fellow_id = ?1"),
    open("learning_set_sessions", "Set sessions you were marked for", "SELECT s.id, s.meets_on FROM learning_set_sessions s JOIN learning_set_attendance a ON a.session_id = s.id WHERE a.fellow_id = ?1 ORDER BY s.meets_on"),
    open("learning_set_attendance", "Set attendance", "SELECT session_id, mark FROM learning_set_attendance WHERE fellow_id = ?1"),
    open("learning_set_presentations", "Your presentations to the set", "SELECT session_id, position, bid_minutes, presented, airtime_seconds FROM learning_set_presentations WHERE fellow_id = ?1"),
    guarded("learning_set_presentation_content", "learning_set_presentations", "What you brought to the set, and the set's response", "SELECT p.session_id, p.issue, p.feedback FROM learning_set_presentations p JOIN learning_set_sessions x ON x.id = p.session_id WHERE p.fellow_id = ?1 AND {visible}", Private::SetDiscussion, "x.set_id", HELD_PRESENTATIONS),
    open("learning_set_actions", "How your set actions went", "SELECT a.id, p.session_id, a.review FROM learning_set_actions a JOIN learning_set_presentations p ON p.id = a.presentation_id WHERE p.fellow_id = ?1"),
    guarded("learning_set_action_content", "learning_set_actions", "Actions you committed to in the set", "SELECT a.id, a.body, a.review_note FROM learning_set_actions a JOIN learning_set_presentations p ON p.id = a.presentation_id JOIN learning_set_sessions x ON x.id = p.session_id WHERE p.fellow_id = ?1 AND {visible}", Private::SetDiscussion, "x.set_id", HELD_SET_ACTIONS),
    // The 360 tables are keyed by round, then fellow: naming every round lets the key find one
    // fellow's rows among millions instead of reading them all.
    open("feedback_self_ratings", "360° self-assessment ratings", "SELECT s.round_id, fd.name AS dimension, s.rating, s.importance FROM feedback_self_ratings s JOIN framework_dimensions fd ON fd.id = s.dimension_id WHERE s.fellow_id = ?1 AND s.round_id IN (SELECT id FROM feedback_rounds)"),
    open("feedback_self_submissions", "360° self-assessments submitted", "SELECT round_id, submitted_at FROM feedback_self_submissions WHERE fellow_id = ?1 AND round_id IN (SELECT id FROM feedback_rounds)"),
    open("feedback_nominations", "360° raters you or faculty nominated", "SELECT round_id, rater_group, rater_name, rater_email, issued_at, created_at FROM feedback_nominations WHERE fellow_id = ?1 AND round_id IN (SELECT id FROM feedback_rounds)"),
    open("feedback_reports", "360° reports", "SELECT round_id, reviewed_at, released_at, shared_with_host_at FROM feedback_reports WHERE fellow_id = ?1 AND round_id IN (SELECT id FROM feedback_rounds)"),
    open("outcome_responses", "Follow-up responses", "SELECT r.id, w.name AS wave, r.responded_on, r.source, r.updated_at FROM outcome_responses r JOIN outcome_waves w ON w.id = r.wave_id WHERE r.fellow_id = ?1"),
    open("outcome_values", "Follow-up answers", "SELECT v.response_id, m.name AS measure, v.value_text, v.value_int FROM outcome_values v JOIN outcome_responses r ON r.id = v.response_id JOIN outcome_measures m ON m.id = v.measure_id WHERE r.fellow_id = ?1"),
    open("audit_log", "Who viewed or changed your records", "SELECT at, user_name, command, action, outcome FROM audit_log WHERE fellow_id = ?1 OR user_id IN (SELECT id FROM users WHERE fellow_id = ?1) ORDER BY id"),
];

/// Why a private field is left out of this requester's export, and how the person gets it.
fn withheld_because(field: Private, requester_is_the_fellow: bool) -> &'static str {
    match (field, requester_is_the_fellow) {
        (Private::Reflection, _) => "Reflections are private to the fellow unless they share an entry. The fellow downloads their own complete export, reflections included, from Personal data on their own profile.",
        (Private::MentoringNote, true) => "A private note on a mentoring session is its author's own record. It is another person's data (UK GDPR Article 15(4)), so it is in its author's export only. Ask the programme office if you want it considered under your request.",
        (Private::MentoringNote, false) => "A private note on a mentoring session is its author's own record, in no export but its author's. Ask its author, or refer the request to your data protection officer.",
        (Private::MentoringContent, _) => "What a mentoring session covered stays between the fellow and their mentor or coach. It is in the fellow's own export.",
        (Private::SetDiscussion, _) => "What was said in an action learning set stays within the set. It is in the fellow's own export.",
        (Private::RaterResponse, _) => "Single raters' answers are given only as the released 360 report's figures.",
    }
}

/// Tables left out of the export, each with the reason.
pub const NOT_PERSONAL: &[(&str, &str)] = &[
    ("programmes", "the programme's own settings"),
    ("cohorts", "named in your record"),
    ("host_organisations", "named in your record"),
    ("frameworks", "the programme's frameworks, not about you"),
    ("framework_dimensions", "named where your records use them"),
    ("framework_scale_points", "the programme's scales"),
    ("framework_statements", "the programme's behaviour statements"),
    ("feedback_rounds", "the cohort's rounds, named by id in your 360 records"),
    ("feedback_responses", "single raters' responses stay confidential to protect the raters; your released report gives them as the programme's anonymity rules allow"),
    ("feedback_response_ratings", "as feedback_responses"),
    ("feedback_round_figures", "a cohort's 360 means by dimension, not about any one fellow"),
    ("follow_up_tallies", "how many of a cohort's alumni answered each follow-up wave, not about any one fellow"),
    ("outcome_answer_tallies", "how many of a cohort's follow-up answers gave each value, not about any one fellow (free text is counted, never copied)"),
    ("outcome_waves", "named in your follow-up responses"),
    ("outcome_measures", "named in your follow-up answers"),
    ("sign_in_attempts", "counts of sign-in attempts by address, purged after a quiet day"),
    ("reflection_search", "a search index holding a copy of your reflections, which are exported"),
    ("fellows_search", "a search index of the three-letter pieces of each fellow's name, email and registration number, read from your record, which is exported"),
    ("mail_settings", "the programme's email server settings: not about you, and never exported"),
    ("org_sign_in", "the programme's organisation sign-in settings: not about you, and never exported"),
    ("questionnaire_keys", "the programme's private key for sealed questionnaire responses, never exported"),
    ("server_sessions", "the programme server's open sessions: a hash of each, which account, and when last used; forgotten within a day"),
    ("server_secret", "the programme server's key for its session tokens, never exported"),
];

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub key: String,
    pub title: String,
    pub rows: Vec<Map<String, Value>>,
    /// True where more of this is held than this requester's export may hold (see `withheld`).
    pub partial: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubjectAccess {
    pub fellow_id: i64,
    pub generated_at: String,
    pub generated_by: String,
    pub sections: Vec<Section>,
    /// Private fields held about the fellow that this requester's export leaves out.
    pub withheld: Vec<Withheld>,
    pub not_included: Vec<(String, String)>,
}

/// A private field held but not in this export: how many rows, and how the person gets them.
#[derive(Debug, Clone, Serialize)]
pub struct Withheld {
    pub key: String,
    pub title: String,
    pub held: i64,
    pub included: i64,
    pub why: String,
}

/// One stored value as JSON, by its type (SQLite's storage classes, PostgreSQL's types).
fn json_of(row: &crate::db::DbRow, i: usize) -> Value {
    let Ok(raw) = row.try_get_raw(i) else {
        return Value::Null;
    };
    if raw.is_null() {
        return Value::Null;
    }
    let got = match raw.type_info().name() {
        "INTEGER" | "INT8" => row.try_get::<i64, _>(i).map(Value::from),
        "INT4" => row.try_get::<i32, _>(i).map(Value::from),
        "REAL" | "FLOAT8" => row.try_get::<f64, _>(i).map(Value::from),
        "BOOL" => row.try_get::<bool, _>(i).map(Value::from),
        "DATE" => row
            .try_get::<chrono::NaiveDate, _>(i)
            .map(|d| Value::from(d.to_string())),
        "BLOB" | "BYTEA" => row
            .try_get::<Vec<u8>, _>(i)
            .map(|b| Value::from(data_encoding::HEXLOWER.encode(&b))),
        _ => row.try_get::<String, _>(i).map(Value::from),
    };
    got.unwrap_or(Value::Null)
}

pub async fn collect(db: &Db, actor: &Actor, fellow_id: i64) -> Result<SubjectAccess> {
    may_see(actor, fellow_id)?;
    super::erased_at(db, fellow_id).await?;
    let reader = Reader::of(actor);
    let mut sections = Vec::with_capacity(SECTIONS.len());
    let mut withheld = vec![];
    let mut withheld_fields = vec![];
    for def in SECTIONS {
        let sql = match &def.guard {
            Some(g) => def.sql.replace("{visible}", &condition(g.field, g.alias)),
            None => def.sql.to_owned(),
        };
        let mut query = crate::db::query(&sql).bind(fellow_id);
        if def.guard.is_some() {
            query = query.bind(reader.fellow_id).bind(reader.user_id);
        }
        let rows = query.fetch_all(&db.pool).await?;
        let rows: Vec<Map<String, Value>> = rows
            .iter()
            .map(|row| {
                row.columns()
                    .iter()
                    .map(|c| (c.name().to_owned(), json_of(row, c.ordinal())))
                    .collect()
            })
            .collect();
        if let Some((g, held_sql)) = def.guard.as_ref().and_then(|g| Some((g, g.held?))) {
            let (held,): (i64,) = crate::db::query_as(held_sql)
                .bind(fellow_id)
                .fetch_one(&db.pool)
                .await?;
            let included = rows.len() as i64;
            if included < held {
                withheld_fields.push(g.field);
                withheld.push(Withheld {
                    key: def.key.into(),
                    title: def.title.into(),
                    held,
                    included,
                    why: withheld_because(g.field, reader.fellow_id == Some(fellow_id)).into(),
                });
            }
        }
        sections.push(Section {
            key: def.key.into(),
            title: def.title.into(),
            rows,
            partial: false,
        });
    }
    // Every section of a field with something withheld says so, its parts' sections included.
    for (def, section) in SECTIONS.iter().zip(sections.iter_mut()) {
        section.partial = def
            .guard
            .as_ref()
            .is_some_and(|g| withheld_fields.contains(&g.field));
    }
    Ok(SubjectAccess {
        fellow_id,
        generated_at: now_stamp(),
        generated_by: actor.name.clone(),
        sections,
        withheld,
        not_included: NOT_PERSONAL
            .iter()
            .map(|(t, why)| ((*t).into(), (*why).into()))
            .collect(),
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => escape(s),
        other => escape(&other.to_string()),
    }
}

/// The readable page: one table per section, no scripts, no outside resources.
pub fn html(sar: &SubjectAccess) -> String {
    let name = sar
        .sections
        .first()
        .and_then(|s| s.rows.first())
        .and_then(|r| r.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("fellow");
    let mut out = format!(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>Subject access export: {n}</title><style>body{{font-family:Arial,sans-serif;margin:2rem;color:#212b32}}\
         table{{border-collapse:collapse;margin-bottom:1.5rem}}th,td{{border:1px solid #aeb7bd;padding:.3rem .5rem;text-align:left;vertical-align:top;white-space:pre-wrap}}\
         th{{background:#f0f4f5}}</style></head><body><h1>Everything the programme holds about {n}</h1>\
         <p>Made on {at} by {by}. The same data is in the JSON file made with this page.</p>",
        n = escape(name),
        at = escape(&sar.generated_at),
        by = escape(&sar.generated_by)
    );
    for s in &sar.sections {
        out.push_str(&format!("<h2>{}</h2>", escape(&s.title)));
        if s.partial {
            out.push_str("<p>More of this is held than this export holds: see \"Held but not in this export\" below.</p>");
        }
        let Some(first) = s.rows.first() else {
            if !s.partial {
                out.push_str("<p>Nothing held.</p>");
            }
            continue;
        };
        out.push_str("<table><thead><tr>");
        for k in first.keys() {
            out.push_str(&format!(
                "<th scope=\"col\">{}</th>",
                escape(&k.replace('_', " "))
            ));
        }
        out.push_str("</tr></thead><tbody>");
        for r in &s.rows {
            out.push_str("<tr>");
            for v in r.values() {
                out.push_str(&format!("<td>{}</td>", cell(v)));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    if !sar.withheld.is_empty() {
        out.push_str("<h2>Held but not in this export</h2><ul>");
        for w in &sar.withheld {
            out.push_str(&format!(
                "<li>{}: {} held, {} in this export. {}</li>",
                escape(&w.title),
                w.held,
                w.included,
                escape(&w.why)
            ));
        }
        out.push_str("</ul>");
    }
    out.push_str("<h2>Not included, and why</h2><ul>");
    for (t, why) in &sar.not_included {
        out.push_str(&format!("<li>{}: {}</li>", escape(t), escape(why)));
    }
    out.push_str("</ul></body></html>");
    out
}

fn file_stem(sar: &SubjectAccess) -> String {
    format!(
        "subject-access-fellow-{}-{}",
        sar.fellow_id,
        sar.generated_at.get(..10).unwrap_or("")
    )
}

/// The machine-readable export.
pub async fn export_json(db: &Db, actor: &Actor, input: FellowRef) -> Result<Document> {
    let sar = collect(db, actor, input.fellow_id).await?;
    let json = serde_json::to_vec_pretty(&sar).map_err(|e| {
        crate::error::ApiError::internal(format!("Could not write the export: {e}"))
    })?;
    Ok(Document::new(
        format!("{}.json", file_stem(&sar)),
        "application/json",
        &json,
    ))
}

/// The readable export.
pub async fn export_html(db: &Db, actor: &Actor, input: FellowRef) -> Result<Document> {
    let sar = collect(db, actor, input.fellow_id).await?;
    Ok(Document::new(
        format!("{}.html", file_stem(&sar)),
        "text/html",
        html(&sar).as_bytes(),
    ))
}
