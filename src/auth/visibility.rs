//! The one visibility policy for private fields: who may read each, declared once. Screens,
//! exports, PDFs, the portfolio, search and subject access all ask here, either in Rust
//! (`may_read`) or in SQL (`condition`, the same rule as a WHERE clause), so no path that lets
//! data leave the core has rights of its own. Records that are not private (a fellow's profile,
//! a challenge) follow the scopes in `access`.
//!
//! SQL conditions read the reader from numbered parameters: `?2` is the reader's own fellow id
//! (NULL for anyone who is not a fellow) and `?3` the reader's user id; the caller's query keeps
//! `?1` for its own subject. `Reader::of` gives both.

use crate::auth::{Actor, Role};

/// The fields that stay private even from programme faculty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Private {
    /// A reflection, its text, tags and shares: its author, and each person it is shared with
    /// while the share stands. Nobody else learns that it exists.
    Reflection,
    /// A private note on a mentoring session: its author alone, whoever asks.
    MentoringNote,
    /// What a mentoring session covered (themes, agreed actions): the fellow and their mentor or
    /// coach. Faculty see only that sessions happen.
    MentoringContent,
    /// What was said in an action learning set (ground rules, check-in, notes, issues,
    /// feedback, the actions' wording): the set's members and its facilitator. Faculty see
    /// attendance and follow-through, never what was said.
    SetDiscussion,
    /// A single rater's 360 answers: nobody. They leave the core only as a report's figures
    /// under the anonymity rules.
    RaterResponse,
}

/// The facts about one record that decide who may read its private field.
#[derive(Debug, Clone, Default)]
pub struct Holder {
    /// The fellow the record is about or was written by.
    pub fellow_id: Option<i64>,
    /// The user who wrote it (a private note's author).
    pub author_id: Option<i64>,
    /// Users it is shared with now (a reflection's standing shares).
    pub shared_with: Vec<i64>,
    /// Users party to it besides the fellow (the mentor of a relationship, a set's facilitator
    /// and the users of its member fellows).
    pub parties: Vec<i64>,
    /// Fellows party to it (a set's members).
    pub member_fellows: Vec<i64>,
}

/// Whether `actor` may read `field` of the record described by `holder`.
pub fn may_read(actor: &Actor, field: Private, holder: &Holder) -> bool {
    let own_fellow = actor.role() == Role::Fellow
        && actor.fellow_id().is_some()
        && actor.fellow_id() == holder.fellow_id;
    match field {
        Private::Reflection => own_fellow || holder.shared_with.contains(&actor.user_id),
        Private::MentoringNote => holder.author_id == Some(actor.user_id),
        Private::MentoringContent => own_fellow || holder.parties.contains(&actor.user_id),
        Private::SetDiscussion => {
            holder.parties.contains(&actor.user_id)
                || (actor.role() == Role::Fellow
                    && actor
                        .fellow_id()
                        .is_some_and(|f| holder.member_fellows.contains(&f)))
        }
        Private::RaterResponse => false,
    }
}

/// The reader's two parameters for a `condition`: their fellow id (for a fellow) and user id.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    pub fellow_id: Option<i64>,
    pub user_id: i64,
}

impl Reader {
    pub fn of(actor: &Actor) -> Reader {
        Reader {
            fellow_id: (actor.role() == Role::Fellow)
                .then_some(actor.fellow_id())
                .flatten(),
            user_id: actor.user_id,
        }
    }
}

/// `may_read` as an SQL condition over the table that holds the field, named by `alias`:
/// `reflections`, `mentoring_private_notes`, `mentoring_sessions`, or for set discussion any
/// row whose set id is the expression `alias` (e.g. `l.id`). Reads `?2` and `?3` (see `Reader`).
pub fn condition(field: Private, alias: &str) -> String {
    match field {
        Private::Reflection => format!(
            "({a}.fellow_id = ?2 OR EXISTS (SELECT 1 FROM reflection_shares vis_s \
             WHERE vis_s.reflection_id = {a}.id AND vis_s.user_id = ?3 AND vis_s.withdrawn_at IS NULL))",
            a = alias
        ),
        Private::MentoringNote => format!("{alias}.author_id = ?3"),
        Private::MentoringContent => format!(
            "EXISTS (SELECT 1 FROM mentoring_relationships vis_m WHERE vis_m.id = {alias}.relationship_id \
             AND (vis_m.fellow_id = ?2 OR vis_m.person_id = ?3))"
        ),
        Private::SetDiscussion => format!(
            "EXISTS (SELECT 1 FROM learning_sets vis_l WHERE vis_l.id = {alias} AND (vis_l.facilitator_id = ?3 \
             OR EXISTS (SELECT 1 FROM learning_set_members vis_x WHERE vis_x.set_id = vis_l.id AND vis_x.fellow_id = ?2)))"
        ),
        Private::RaterResponse => "1 = 0".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(user_id: i64, role: Role, fellow_id: Option<i64>) -> Actor {
        Actor {
            user_id,
            name: String::new(),
            email: String::new(),
            part: crate::auth::Part::of(role, fellow_id, Some(1)).unwrap(),
        }
    }

    #[test]
    fn faculty_hold_no_key_to_private_fields() {
        let faculty = actor(1, Role::Faculty, None);
        let record = Holder {
            fellow_id: Some(7),
            author_id: Some(2),
            ..Holder::default()
        };
        for field in [
            Private::Reflection,
            Private::MentoringNote,
            Private::MentoringContent,
            Private::SetDiscussion,
            Private::RaterResponse,
        ] {
            assert!(!may_read(&faculty, field, &record), "{field:?}");
        }
    }

    #[test]
    fn a_private_note_is_its_authors_alone_even_for_the_fellow_it_is_about() {
        let fellow = actor(5, Role::Fellow, Some(7));
        let mentor = actor(2, Role::Mentor, None);
        let note = Holder {
            fellow_id: Some(7),
            author_id: Some(2),
            parties: vec![2],
            ..Holder::default()
        };
        assert!(!may_read(&fellow, Private::MentoringNote, &note));
        assert!(may_read(&mentor, Private::MentoringNote, &note));
        assert!(may_read(&fellow, Private::MentoringContent, &note));
        assert!(may_read(&mentor, Private::MentoringContent, &note));
    }

    #[test]
    fn a_reflection_is_read_by_its_author_and_a_standing_share() {
        let author = actor(5, Role::Fellow, Some(7));
        let other_fellow = actor(6, Role::Fellow, Some(8));
        let mentor = actor(2, Role::Mentor, None);
        let mut r = Holder {
            fellow_id: Some(7),
            ..Holder::default()
        };
        assert!(may_read(&author, Private::Reflection, &r));
        assert!(!may_read(&mentor, Private::Reflection, &r));
        assert!(!may_read(&other_fellow, Private::Reflection, &r));
        r.shared_with.push(2);
        assert!(may_read(&mentor, Private::Reflection, &r));
    }

    #[test]
    fn a_non_fellow_never_matches_a_fellow_id() {
        // A host account carries no fellow id; a stray one must not open a fellow's record.
        let sponsor = actor(3, Role::HostSponsor, Some(7));
        let r = Holder {
            fellow_id: Some(7),
            ..Holder::default()
        };
        assert!(!may_read(&sponsor, Private::Reflection, &r));
        assert_eq!(Reader::of(&sponsor).fellow_id, None);
    }
}
