//! Error policy for the core crate.
//!
//! - `Validation` carries a message *key* (translated by the web layer) and the field it
//!   concerns, so users get a clear message in their own language while nothing is saved.
//! - `NotFound` is its own variant: a missing row, or a row of another organisation, both
//!   answer "not found" so that no other tenant's data can be probed.
//! - `Conflict` is a uniqueness clash the user can fix (e.g. duplicate e-mail).
//! - `Unexpected` wraps everything else (database down, bugs); it is logged with its cause
//!   and shown to users only as a generic failure. A database error is never turned into
//!   `None` or `NotFound`.
use crate::domain::ValidationError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("validation failed: {0:?}")]
    Validation(Vec<ValidationError>),
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("conflict: {key}")]
    Conflict { field: &'static str, key: &'static str },
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl From<ValidationError> for Error {
    fn from(e: ValidationError) -> Self {
        Error::Validation(vec![e])
    }
}

impl From<Vec<ValidationError>> for Error {
    fn from(e: Vec<ValidationError>) -> Self {
        Error::Validation(e)
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => Error::NotFound,
            other => Error::Unexpected(other.into()),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
