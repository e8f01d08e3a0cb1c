//! Login throttling, in the database so that it holds across `serve` nodes.
use super::{Store, now};
use crate::Result;

/// Failures counted over this window.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Failed logins allowed per account within the window.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failed logins allowed per client address within the window.
pub const MAX_PER_ADDRESS: i64 = 20;

impl Store {
    /// True when either the account or the address has used up its failed attempts.
    pub async fn login_locked(&self, email: &str, address: &str) -> Result<bool> {
        let since = now() - WINDOW_SECS;
        let count = |subject: String| {
            let pool = self.pool.clone();
            async move {
                sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM login_failures WHERE subject = $1 AND at > $2")
                    .bind(subject)
                    .bind(since)
                    .fetch_one(&pool)
                    .await
            }
        };
        Ok(count(account_key(email)).await? >= MAX_PER_ACCOUNT || count(address_key(address)).await? >= MAX_PER_ADDRESS)
    }

    pub async fn record_login_failure(&self, email: &str, address: &str) -> Result<()> {
        let t = now();
        for subject in [account_key(email), address_key(address)] {
            sqlx::query("INSERT INTO login_failures (subject, at) VALUES ($1, $2)")
                .bind(subject)
                .bind(t)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// A successful login clears the account's failures (not the address's).
    pub async fn clear_login_failures(&self, email: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE subject = $1")
            .bind(account_key(email))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn account_key(email: &str) -> String {
    format!("acct:{}", email.trim().to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("addr:{address}")
}
