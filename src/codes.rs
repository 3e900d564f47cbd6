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
            /// A code the database holds. An unknown one is an error, never a default: it was
            /// written by another version of the app, or by hand.
            pub fn stored(s: &str) -> crate::error::Result<Self> {
                Self::parse(s).ok_or_else(|| crate::codes::unknown(stringify!($name), s))
            }
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

/// A code read from the database that this version does not know: an error, never a default.
pub fn unknown(kind: &str, code: &str) -> crate::error::ApiError {
    crate::error::ApiError::internal(format!(
        "The database holds {code:?} where a {kind} code should be; this version of Fellowship does not know it."
    ))
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CodeOption {
    pub code: String,
    pub label: String,
}
