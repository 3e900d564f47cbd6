//! Coded values (professions, statuses, kinds) declared once, with their stored code and the
//! label the UI shows, so that no list is kept in step by hand in two languages.

use serde::Serialize;
use ts_rs::TS;

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal : $label:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $name { $(#[serde(rename = $code)] $variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),* } }
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),* } }
            pub fn parse(s: &str) -> Option<Self> { Self::ALL.iter().copied().find(|v| v.code() == s) }
            pub fn options() -> Vec<crate::codes::CodeOption> {
                Self::ALL.iter().map(|v| crate::codes::CodeOption { code: v.code().into(), label: v.label().into() }).collect()
            }
        }
        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> { Self::parse(&s).ok_or(s) }
        }
    };
}
pub(crate) use code_enum;

#[derive(Debug, Clone, Serialize, TS)]
pub struct CodeOption {
    pub code: String,
    pub label: String,
}

/// Every coded list the UI needs for its selects, with labels.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferenceData {
    pub professions: Vec<CodeOption>,
    pub professional_bodies: Vec<CodeOption>,
    pub fellow_statuses: Vec<CodeOption>,
    pub host_kinds: Vec<CodeOption>,
    pub roles: Vec<CodeOption>,
}

pub fn reference_data() -> ReferenceData {
    use crate::fellows::{FellowStatus, Profession, ProfessionalBody};
    use crate::hosts::HostKind;
    ReferenceData {
        professions: Profession::options(),
        professional_bodies: ProfessionalBody::options(),
        fellow_statuses: FellowStatus::options(),
        host_kinds: HostKind::options(),
        roles: [
            "faculty:Programme faculty",
            "fellow:Fellow",
            "host_sponsor:Host sponsor",
            "mentor:Mentor or coach",
        ]
        .iter()
        .map(|s| {
            let (code, label) = s.split_once(':').unwrap_or((s, s));
            CodeOption {
                code: code.into(),
                label: label.into(),
            }
        })
        .collect(),
    }
}
