//! Login throttling, in the database so that it holds across `serve` nodes.
//!
//! Each attempt is counted *before* the password is checked, under a row lock, so forty
//! guesses sent at once are counted one after another and only the first few are checked.
//! The limit is per account *from one address* (so nobody can lock a person out from
//! elsewhere) and per address across accounts; past it, the next attempt waits a delay that
//! doubles with every further failure (30 s, 1 min, 2 min … at most 15 min) instead of a
//! hard lock. A successful login clears the account's counter for that address; a platform
//! administrator can clear an account's counters everywhere.
use super::{Store, now};
use crate::Result;

/// Failures are forgotten this long after the last attempt.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Failed logins to one account from one address before delays begin.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failed logins from one address (any accounts) before delays begin.
pub const MAX_PER_ADDRESS: i64 = 20;
/// The first delay past a limit; it doubles with each further failure.
const FIRST_DELAY_SECS: i64 = 30;
/// The longest delay.
const MAX_DELAY_SECS: i64 = 15 * 60;

/// How long the caller must wait after `failures` failures against a limit of `max`
/// (none below the limit).
fn delay(failures: i64, max: i64) -> i64 {
    if failures < max {
        return 0;
    }
    let doublings = (failures - max).min(10) as u32;
    (FIRST_DELAY_SECS << doublings).min(MAX_DELAY_SECS)
}

impl Store {
    /// Counts a login attempt before its password is checked. `Some(seconds)` when the
    /// attempt is refused unchecked (the account from this address, or the address, must
    /// wait); `None` when the password may be checked — the attempt then counts as a failure
    /// until [`Store::login_succeeded`] clears it.
    pub async fn login_attempt(&self, email: &str, address: &str) -> Result<Option<i64>> {
        let t = now();
        let mut tx = self.begin_write().await?;
        let account = email.trim().to_lowercase();
        let subjects = [
            (account_key(email, address), Some(account.as_str()), MAX_PER_ACCOUNT),
            (address_key(address), None, MAX_PER_ADDRESS),
        ];
        let mut counters = Vec::with_capacity(2);
        for (subject, account, max) in &subjects {
            // Make sure the row exists, then lock it: two first attempts cannot both read "none".
            sqlx::query(
                "INSERT INTO login_attempts (subject, account, failures, last_at, blocked_until) VALUES ($1, $2, 0, 0, 0)
                 ON CONFLICT (subject) DO NOTHING",
            )
            .bind(subject)
            .bind(*account)
            .execute(&mut *tx)
            .await?;
            let (failures, last_at, blocked_until): (i64, i64, i64) = sqlx::query_as(&format!(
                "SELECT failures, last_at, blocked_until FROM login_attempts WHERE subject = $1{}",
                self.dialect.for_update()
            ))
            .bind(subject)
            .fetch_one(&mut *tx)
            .await?;
            if t < blocked_until {
                // Refused unchecked and not counted: waiting out the delay is enough.
                tx.commit().await?;
                return Ok(Some(blocked_until - t));
            }
            let failures = if last_at <= t - WINDOW_SECS { 0 } else { failures };
            counters.push((subject, failures + 1, *max));
        }
        for (subject, failures, max) in counters {
            let wait = delay(failures, max);
            sqlx::query("UPDATE login_attempts SET failures = $1, last_at = $2, blocked_until = $3 WHERE subject = $4")
                .bind(failures)
                .bind(t)
                .bind(if wait > 0 { t + wait } else { 0 })
                .bind(subject)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(None)
    }

    /// A successful login clears the account's counter for this address, and takes its own
    /// attempt off the address's counter (which goes on counting guesses at other accounts):
    /// an office behind one address where everyone logs in at nine is not slowed down.
    pub async fn login_succeeded(&self, email: &str, address: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_attempts WHERE subject = $1")
            .bind(account_key(email, address))
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "UPDATE login_attempts SET failures = failures - 1,
               blocked_until = CASE WHEN failures - 1 < $2 THEN 0 ELSE blocked_until END
             WHERE subject = $1 AND failures > 0",
        )
        .bind(address_key(address))
        .bind(MAX_PER_ADDRESS)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Clears an account's counters from every address (a platform administrator's unlock).
    pub async fn unlock_logins(&self, email: &str) -> Result<u64> {
        let done = sqlx::query("DELETE FROM login_attempts WHERE account = $1")
            .bind(email.trim().to_lowercase())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

fn account_prefix(email: &str) -> String {
    format!("acct:{}", email.trim().to_lowercase())
}

fn account_key(email: &str, address: &str) -> String {
    format!("{}|{address}", account_prefix(email))
}

fn address_key(address: &str) -> String {
    format!("addr:{address}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::store;

    #[test]
    fn delays_begin_at_the_limit_and_double_up_to_fifteen_minutes() {
        let got: Vec<i64> = (3..=12).map(|n| delay(n, 5)).collect();
        assert_eq!(got, [0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    }

    #[tokio::test]
    async fn five_attempts_are_checked_then_the_account_waits_from_that_address_only() {
        let (s, _dir) = store().await;
        for _ in 0..5 {
            assert_eq!(s.login_attempt("anne@aabenraa.dk", "10.0.0.1").await.unwrap(), None);
        }
        let wait = s.login_attempt("anne@aabenraa.dk", "10.0.0.1").await.unwrap();
        assert!(wait.is_some_and(|w| (1..=30).contains(&w)), "{wait:?}");
        // Anne at her own desk is not locked out by someone guessing elsewhere.
        assert_eq!(s.login_attempt("anne@aabenraa.dk", "10.0.0.2").await.unwrap(), None);
        // Successes do not add up against a shared address.
        for _ in 0..30 {
            assert_eq!(s.login_attempt("bo@aabenraa.dk", "10.0.0.9").await.unwrap(), None);
            s.login_succeeded("bo@aabenraa.dk", "10.0.0.9").await.unwrap();
        }
        // The administrator's unlock clears every address.
        assert_eq!(s.unlock_logins("Anne@Aabenraa.dk").await.unwrap(), 2);
        assert_eq!(s.login_attempt("anne@aabenraa.dk", "10.0.0.1").await.unwrap(), None);
    }
}
