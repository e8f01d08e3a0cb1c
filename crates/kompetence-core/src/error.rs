//! Error policy for the core crate.
//!
//! - `Validation` carries a message *key* (translated by the web layer) and the field it
//!   concerns, so users get a clear message in their own language while nothing is saved.
//! - `NotFound` is its own variant: a missing row, or a row of another organisation, both
//!   answer "not found" so that no other tenant's data can be probed.
//! - `Conflict` is a uniqueness clash the user can fix (e.g. duplicate e-mail).
//! - `Unavailable` is the database out of reach (down, pool exhausted or closed, disk full
//!   or read-only): a temporary state, answered 503 with a retry hint — never "not logged
//!   in" or "not found".
//! - `Unexpected` wraps everything else (bugs); it is logged with its cause and shown to
//!   users only as a generic failure. A database error is never turned into `None` or
//!   `NotFound`.
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
    #[error("the database is unavailable: {0}")]
    Unavailable(sqlx::Error),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// Whether a database error means the database cannot be reached or cannot write now (as
/// opposed to a bad query): connection and pool failures, PostgreSQL's connection,
/// shutdown and resource classes, SQLite's busy, I/O, full, read-only and can't-open codes.
fn is_outage(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_) => true,
        sqlx::Error::Database(db) => {
            let code = db.code();
            let code = code.as_deref().unwrap_or("");
            // SQLite reports its primary result code (extended codes keep it in the low byte).
            let sqlite = code.parse::<i64>().ok().map(|c| c & 0xff);
            code.starts_with("08")
                || code.starts_with("53")
                || code.starts_with("57P")
                || matches!(sqlite, Some(5 | 8 | 10 | 13 | 14))
        }
        _ => false,
    }
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
            e if is_outage(&e) => Error::Unavailable(e),
            other => Error::Unexpected(other.into()),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
