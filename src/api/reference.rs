//! The reference data the UI fills its selects from: every coded list with its labels, taken from
//! the rooms that declare each code (see `codes::code_enum`).

use serde::Serialize;
use ts_rs::TS;

use crate::codes::CodeOption;

/// Every coded list the UI needs for its selects, with labels.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferenceData {
    pub professions: Vec<CodeOption>,
    pub professional_bodies: Vec<CodeOption>,
    pub fellow_statuses: Vec<CodeOption>,
    pub host_kinds: Vec<CodeOption>,
    pub roles: Vec<CodeOption>,
    pub challenge_statuses: Vec<CodeOption>,
    pub natures: Vec<CodeOption>,
    pub action_statuses: Vec<CodeOption>,
    pub milestone_kinds: Vec<CodeOption>,
    pub frequencies: Vec<CodeOption>,
    pub directions: Vec<CodeOption>,
    pub review_kinds: Vec<CodeOption>,
    /// The IHI progress scale: "0.5" ... "5.0" with their meanings.
    pub progress_scale: Vec<CodeOption>,
    pub relationship_kinds: Vec<CodeOption>,
    pub session_modes: Vec<CodeOption>,
    pub attendance_marks: Vec<CodeOption>,
    pub action_reviews: Vec<CodeOption>,
    pub rater_groups: Vec<CodeOption>,
    pub round_kinds: Vec<CodeOption>,
    pub outcome_categories: Vec<CodeOption>,
    pub outcome_value_types: Vec<CodeOption>,
    pub kirkpatrick_levels: Vec<CodeOption>,
    pub follow_up_states: Vec<CodeOption>,
}

pub fn reference_data() -> ReferenceData {
    use crate::challenges::actions::{ActionStatus, MilestoneKind};
    use crate::challenges::measures::Frequency;
    use crate::challenges::reviews::ReviewKind;
    use crate::challenges::{ChallengeStatus, Nature};
    use crate::learning::mentoring::{RelationshipKind, SessionMode};
    use crate::learning::sets::{ActionReview, AttendanceMark};
    use crate::programme::fellows::{FellowStatus, Profession, ProfessionalBody};
    use crate::programme::hosts::HostKind;
    let pairs = |items: &[(&str, &str)]| -> Vec<CodeOption> {
        items
            .iter()
            .map(|(code, label)| CodeOption {
                code: (*code).into(),
                label: (*label).into(),
            })
            .collect()
    };
    ReferenceData {
        professions: Profession::options(),
        professional_bodies: ProfessionalBody::options(),
        fellow_statuses: FellowStatus::options(),
        host_kinds: HostKind::options(),
        roles: pairs(&[
            ("faculty", "Programme faculty"),
            ("fellow", "Fellow"),
            ("host_sponsor", "Host sponsor"),
            ("mentor", "Mentor or coach"),
        ]),
        challenge_statuses: ChallengeStatus::options(),
        natures: Nature::options(),
        action_statuses: ActionStatus::options(),
        milestone_kinds: MilestoneKind::options(),
        frequencies: Frequency::options(),
        directions: pairs(&[
            ("higher_is_better", "Higher is better"),
            ("lower_is_better", "Lower is better"),
            ("neither", "Neither (no better direction)"),
        ]),
        review_kinds: ReviewKind::options(),
        progress_scale: pairs(&[
            ("0.5", "0.5 Intent to participate"),
            ("1.0", "1.0 Charter and team established"),
            ("1.5", "1.5 Planning for the project has begun"),
            ("2.0", "2.0 Activity, but no changes"),
            ("2.5", "2.5 Changes tested, but no improvement"),
            ("3.0", "3.0 Modest improvement"),
            ("3.5", "3.5 Improvement"),
            ("4.0", "4.0 Significant improvement"),
            ("4.5", "4.5 Sustainable improvement"),
            ("5.0", "5.0 Outstanding sustainable results"),
        ]),
        relationship_kinds: RelationshipKind::options(),
        session_modes: SessionMode::options(),
        attendance_marks: AttendanceMark::options(),
        action_reviews: ActionReview::options(),
        rater_groups: crate::feedback360::anonymity::RaterGroup::options(),
        round_kinds: crate::feedback360::rounds::RoundKind::options(),
        outcome_categories: crate::outcomes::Category::options(),
        outcome_value_types: crate::outcomes::ValueType::options(),
        kirkpatrick_levels: crate::outcomes::Kirkpatrick::options(),
        follow_up_states: crate::outcomes::follow_up::FollowUpState::options(),
    }
}
