//! Login sessions, kept in the database so that any `serve` node can answer for them.
//! The cookie holds a random id; the table holds only its SHA-256.
use super::User;
use super::{Store, now};
use crate::Result;
use crate::domain::{Secret, hash_secret};

/// A session lives this long after its last use.
pub const SESSION_IDLE_SECS: i64 = 12 * 60 * 60;

pub struct SessionData {
    pub user: User,
    pub csrf_token: String,
}

impl Store {
    /// Starts a new session (a new id at every login, so a planted id is never promoted)
    /// and returns the cookie value.
    pub async fn create_session(&self, user: crate::domain::UserId) -> Result<Secret> {
        let sid = Secret::generate("");
        let csrf = Secret::generate("");
        let t = now();
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(sid.hash())
        .bind(user.0)
        .bind(csrf.expose())
        .bind(t)
        .bind(t + SESSION_IDLE_SECS)
        .execute(&self.pool)
        .await?;
        Ok(sid)
    }

    /// The live session for a cookie value, extending it when half its time is used.
    pub async fn session(&self, cookie: &str) -> Result<Option<SessionData>> {
        let hash = hash_secret(cookie);
        let row: Option<(i64, String, i64)> =
            sqlx::query_as("SELECT user_id, csrf_token, expires_at FROM sessions WHERE id_hash = $1")
                .bind(&hash)
                .fetch_optional(&self.pool)
                .await?;
        let Some((user_id, csrf_token, expires_at)) = row else {
            return Ok(None);
        };
        let t = now();
        if expires_at <= t {
            self.delete_session(cookie).await?;
            return Ok(None);
        }
        if expires_at - t < SESSION_IDLE_SECS / 2 {
            sqlx::query("UPDATE sessions SET expires_at = $1 WHERE id_hash = $2")
                .bind(t + SESSION_IDLE_SECS)
                .bind(&hash)
                .execute(&self.pool)
                .await?;
        }
        let user = self.user(crate::domain::UserId(user_id)).await?;
        Ok(Some(SessionData { user, csrf_token }))
    }

    pub async fn delete_session(&self, cookie: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(hash_secret(cookie)).execute(&self.pool).await?;
        Ok(())
    }

    /// Ends every session of `user` but the one with cookie `keep` ("log out everywhere
    /// else"); answers how many were ended.
    pub(crate) async fn end_other_sessions(&self, user: crate::domain::UserId, keep: &str) -> Result<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
            .bind(user.0)
            .bind(hash_secret(keep))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Test and admin helper: makes a session expire now.
    pub async fn expire_session(&self, cookie: &str) -> Result<()> {
        sqlx::query("UPDATE sessions SET expires_at = $1 WHERE id_hash = $2")
            .bind(now() - 1)
            .bind(hash_secret(cookie))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes expired sessions and login counters idle for a day; run periodically by `serve`.
    pub async fn sweep(&self) -> Result<()> {
        let t = now();
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(t).execute(&self.pool).await?;
        sqlx::query("DELETE FROM login_attempts WHERE last_at < $1 AND blocked_until < $2")
            .bind(t - 24 * 3600)
            .bind(t)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
