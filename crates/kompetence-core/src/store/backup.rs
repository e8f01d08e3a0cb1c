//! Backups of an embedded SQLite database while the server runs. SQLite's `VACUUM INTO`
//! writes a consistent copy as of one moment from inside a read transaction, so writes that
//! go on meanwhile are either wholly in it or not at all. Copying the file (and its `-wal`)
//! with `cp` under load is not a backup: the copy can miss pages the log had not yet
//! written back, and lose acknowledged rows. PostgreSQL is backed up with its own
//! `pg_dump` (docs/operations.md).
use std::path::Path;

use super::{Dialect, Store};
use crate::error::{Error, Result};

impl Store {
    /// Writes a consistent copy of the database to `to`, which must not exist yet.
    pub async fn backup_to(&self, to: &Path) -> Result<u64> {
        if self.dialect != Dialect::Sqlite {
            return Err(anyhow::anyhow!("backups of PostgreSQL are made with pg_dump (see docs/operations.md)").into());
        }
        if to.exists() {
            return Err(anyhow::anyhow!("{} exists already; a backup never overwrites a file", to.display()).into());
        }
        let path = to.to_str().ok_or_else(|| anyhow::anyhow!("the backup path must be valid UTF-8"))?;
        sqlx::query("VACUUM INTO $1").bind(path).execute(&self.pool).await?;
        Ok(std::fs::metadata(to).map_err(|e| Error::Unexpected(e.into()))?.len())
    }

    /// Checks that a file is an intact SQLite database of ours: `PRAGMA integrity_check`
    /// answers `ok` and it holds the migrations table.
    pub async fn check_backup(from: &Path) -> Result<()> {
        use sqlx::Connection;
        // Read-only, and without the server's connection set-up (which would switch the
        // file to WAL mode): checking a backup leaves it as it was.
        sqlx::any::install_default_drivers();
        let url = format!("sqlite://{}?mode=ro", from.display());
        let mut copy = sqlx::AnyConnection::connect(&url).await?;
        let verdict: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut copy).await?;
        let ours: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        )
        .fetch_one(&mut copy)
        .await?;
        copy.close().await?;
        match (verdict.as_str(), ours) {
            ("ok", 1) => Ok(()),
            ("ok", _) => Err(anyhow::anyhow!("{} is not a Kompetence database", from.display()).into()),
            (v, _) => Err(anyhow::anyhow!("{} is damaged: {v}", from.display()).into()),
        }
    }
}
