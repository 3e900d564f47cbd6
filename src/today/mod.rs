//! Today: what needs each person now, from the records they may see. One command answers for
//! every role, each role's questions in their own file; every item says how many, by when, and
//! where to go. Nothing here reads a private field: items count and date things, never quote them.
//!
//! A domain room: uses the base, `db`, `auth`, `programme`, `mail` and `accounts`, and other
//! domain rooms without a loop (tests/architecture.rs).

mod faculty;
mod fellow;
mod host;
pub mod schedule;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::auth::{Actor, Role};
use crate::codes::code_enum;
use crate::db::Db;
use crate::error::Result;
use crate::privacy::TodayInput;

code_enum! {
    /// What an item is about; the UI keys its test ids and icons on it.
    ItemKind {
        ChallengeToDraft = "challenge_to_draft": "Challenge to draft",
        SelfAssessmentDue = "self_assessment_due": "Self-assessment due",
        NominationsDue = "nominations_due": "Raters to nominate",
        ActionsOverdue = "actions_overdue": "Actions overdue",
        ActionsSoon = "actions_soon": "Actions due soon",
        ReviewToPrepare = "review_to_prepare": "Review to prepare",
        ReflectionDrafts = "reflection_drafts": "Reflection drafts",
        NextSetSession = "next_set_session": "Next learning set",
        MentoringGap = "mentoring_gap": "Mentoring gap",
        ReviewToSign = "review_to_sign": "Review awaiting signature",
        ReviewDate = "review_date": "Review date",
        ChallengeChanged = "challenge_changed": "Challenge changed",
        ReflectionsShared = "reflections_shared": "Reflections shared with you",
        SetActionsToReview = "set_actions_to_review": "Set actions to review",
        RoundGaps = "round_gaps": "360° round open",
        NoChallenge = "no_challenge": "Fellows with no challenge",
        NoMentor = "no_mentor": "Fellows with no mentor",
        MentoringGaps = "mentoring_gaps": "Mentoring gaps",
        FollowUpsOverdue = "follow_ups_overdue": "Follow-ups overdue",
        ReviewsUnsigned = "reviews_unsigned": "Reviews unsigned",
        RetentionDue = "retention_due": "Records due for anonymisation",
    }
}

code_enum! {
    /// Where an item sits on the page: to do now, coming up, or changed since the last visit.
    Section {
        Now = "now": "Needs you now",
        Coming = "coming": "Coming up",
        Changed = "changed": "Since your last visit",
    }
}

/// Where an item leads: a page of the app, named by what it shows (the UI maps each to its path).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "page", rename_all = "snake_case")]
pub enum Link {
    Challenge { id: i64 },
    Challenges,
    NewChallenge,
    SelfAssessment { round_id: i64 },
    Raters { round_id: i64 },
    Round { id: i64 },
    Reflections,
    SharedReflections,
    SetSession { set_id: i64, session_id: i64 },
    Relationship { id: i64 },
    Mentoring,
    Fellows,
    Outcomes,
    Privacy,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Item {
    pub kind: ItemKind,
    pub section: Section,
    /// How many things the item stands for (actions, fellows, updates...).
    pub count: i64,
    /// The sentence to show, with its count and date in words.
    pub title: String,
    /// One more sentence of context; may be empty.
    pub detail: String,
    /// The date it falls due or happens, if it has one.
    pub date: Option<NaiveDate>,
    /// True once the date has passed.
    pub overdue: bool,
    pub link: Link,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Today {
    pub on: NaiveDate,
    /// When the person last signed in before this visit, if ever: "since your last visit".
    pub since: Option<String>,
    /// Most pressing first: overdue, then by date.
    pub items: Vec<Item>,
}

/// How far ahead "soon" looks, in days.
pub const SOON_DAYS: i64 = 14;
/// How far ahead a review date is worth preparing for.
pub const REVIEW_AHEAD_DAYS: i64 = 30;

pub async fn my_today(db: &Db, actor: &Actor, input: TodayInput) -> Result<Today> {
    let on = input.date("date")?;
    let since: Option<(Option<String>,)> =
        crate::db::query_as("SELECT previous_visit_at FROM users WHERE id = ?")
            .bind(actor.user_id)
            .fetch_optional(&db.pool)
            .await?;
    let since = since.and_then(|(s,)| s);
    let mut items = match actor.role() {
        Role::Fellow => fellow::items(db, actor, on).await?,
        Role::HostSponsor | Role::Mentor => host::items(db, actor, on, since.as_deref()).await?,
        Role::Faculty => faculty::items(db, actor, on).await?,
    };
    // Shared with this person (mentors, coaches, faculty): whoever they are.
    if actor.role() != Role::Fellow {
        items.extend(shared_with(db, actor, since.as_deref()).await?);
    }
    items.sort_by_key(|i| {
        (
            !i.overdue,
            i.section as u8,
            i.date.unwrap_or(NaiveDate::MAX),
        )
    });
    Ok(Today { on, since, items })
}

/// Reflections a fellow shares with this person and has not withdrawn; new ones since the last
/// visit make it an item of its own.
async fn shared_with(db: &Db, actor: &Actor, since: Option<&str>) -> Result<Vec<Item>> {
    let (all, new): (i64, i64) = crate::db::query_as(
        "SELECT count(*), count(CASE WHEN s.shared_at > ?2 THEN 1 END)
         FROM reflection_shares s JOIN reflections r ON r.id = s.reflection_id
         WHERE s.user_id = ?1 AND s.withdrawn_at IS NULL AND NOT r.is_draft",
    )
    .bind(actor.user_id)
    .bind(since.unwrap_or(""))
    .fetch_one(&db.pool)
    .await?;
    if new == 0 {
        return Ok(vec![]);
    }
    Ok(vec![Item {
        kind: ItemKind::ReflectionsShared,
        section: Section::Changed,
        count: new,
        title: format!(
            "{} shared with you",
            plural(new, "new reflection", "new reflections")
        ),
        detail: format!(
            "{} shared with you in all.",
            plural(all, "entry is", "entries are")
        ),
        date: None,
        overdue: false,
        link: Link::SharedReflections,
    }])
}

/// "1 action", "3 actions".
pub(crate) fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "3 Dec 2026", as the UI writes dates.
pub(crate) fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// "Tuesday 8 Dec 2026", for sessions people attend.
pub(crate) fn weekday(d: NaiveDate) -> String {
    d.format("%A %-d %b %Y").to_string()
}

/// Up to three names, then how many more: "Amira Khan, Ben Ode and 4 more".
pub(crate) fn some_names(names: &[String]) -> String {
    first_names_of(names, names.len())
}

/// The first three of `total` names (the database sends no more than it must).
pub(crate) fn first_names_of(first: &[String], total: usize) -> String {
    let shown: Vec<&str> = first.iter().take(3).map(String::as_str).collect();
    match total {
        0 => String::new(),
        1 => shown[0].to_owned(),
        n if n <= 3 => format!("{} and {}", shown[..n - 1].join(", "), shown[n - 1]),
        n => format!("{} and {} more", shown.join(", "), n - 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_listed_then_counted() {
        let n = |v: &[&str]| some_names(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(n(&[]), "");
        assert_eq!(n(&["A"]), "A");
        assert_eq!(n(&["A", "B"]), "A and B");
        assert_eq!(n(&["A", "B", "C"]), "A, B and C");
        assert_eq!(n(&["A", "B", "C", "D", "E"]), "A, B, C and 2 more");
    }

    #[test]
    fn dates_read_as_the_ui_writes_them() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        assert_eq!(day(d), "8 Dec 2026");
        assert_eq!(weekday(d), "Tuesday 8 Dec 2026");
    }
}
