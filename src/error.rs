//! The one error type that crosses every boundary (IPC now, HTTP later) as data:
//! `{kind, message, field, fields}`, so the UI can put a message beside the field at fault
//! without matching on strings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Validation,
    NotFound,
    Forbidden,
    Unauthenticated,
    Conflict,
    /// The request itself could not be read (not JSON, or not the command's arguments).
    BadRequest,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
    /// The first field at fault, if any.
    pub field: Option<String>,
    /// Every field at fault, so a form can mark them all at once.
    pub fields: Vec<FieldError>,
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

impl ApiError {
    fn plain(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            field: None,
            fields: vec![],
        }
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::plain(ErrorKind::NotFound, message)
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::plain(ErrorKind::Forbidden, message)
    }
    pub fn unauthenticated() -> Self {
        Self::plain(ErrorKind::Unauthenticated, "Please sign in to continue.")
    }
    /// Not signed in, saying why (signed out when idle, a refused sign-in, a spent link).
    pub fn signed_out(message: impl Into<String>) -> Self {
        Self::plain(ErrorKind::Unauthenticated, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::plain(ErrorKind::Internal, message)
    }
    /// Arguments that are not what the command takes. Serde's own text names Rust types, so the
    /// user gets a plain sentence and, where serde says which, the field.
    pub fn unreadable(e: &serde_json::Error) -> Self {
        let text = e.to_string();
        let field = ["missing field `", "unknown field `", "duplicate field `"]
            .iter()
            .find_map(|p| text.split_once(p))
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(name, _)| name.to_owned());
        Self {
            field,
            ..Self::plain(ErrorKind::BadRequest, "The request could not be read.")
        }
    }
    /// A request larger than the programme server reads for its command, refused unread.
    pub fn too_large(largest_file: usize) -> Self {
        Self::plain(
            ErrorKind::BadRequest,
            format!(
                "This is too large to send: a file may have at most {} million characters.",
                largest_file / 1_000_000
            ),
        )
    }
    /// A validation error on one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            kind: ErrorKind::Validation,
            message: message.clone(),
            field: Some(field.to_owned()),
            fields: vec![FieldError {
                field: field.to_owned(),
                message,
            }],
        }
    }
    /// A conflict (e.g. a duplicate) that a user resolves by changing one field.
    pub fn conflict(field: &str, message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Conflict,
            ..Self::field(field, message)
        }
    }
}

/// Collects every field error of a form before failing, so the user sees them all at once.
#[derive(Default)]
pub struct Checks {
    fields: Vec<FieldError>,
}

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.fields.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }
    pub fn ok(&self, field: &str) -> bool {
        !self.fields.iter().any(|f| f.field == field)
    }
    pub fn finish(self) -> Result<()> {
        match self.fields.first() {
            None => Ok(()),
            Some(first) => Err(ApiError {
                kind: ErrorKind::Validation,
                message: if self.fields.len() == 1 {
                    first.message.clone()
                } else {
                    format!(
                        "There are {} problems with what you entered.",
                        self.fields.len()
                    )
                },
                field: Some(first.field.clone()),
                fields: self.fields,
            }),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    /// Never show a raw SQL message: log it and say something a user can act on.
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => Self::not_found("That record no longer exists."),
            sqlx::Error::Database(db) if db.message().contains("database is locked") => {
                Self::internal("The database is busy; please try again in a moment.")
            }
            _ => {
                eprintln!("database error: {e}");
                Self::internal("Something went wrong saving or reading your data. Nothing was changed; please try again.")
            }
        }
    }
}

impl From<sqlx::migrate::MigrateError> for ApiError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        eprintln!("migration error: {e}");
        Self::internal(format!("The database could not be upgraded: {e}"))
    }
}
