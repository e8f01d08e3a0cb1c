//! Login throttling, in the database so that it holds across `serve` nodes.
//!
//! Each attempt is counted *before* the password is checked, under a row lock, so forty
//! guesses sent at once are counted one after another and only the first few are checked.
//! The limit is per account *from one address* (so nobody can lock a person out from
//! elsewhere) and per address across accounts; past it, the next attempt waits a delay that
//! doubles with every further failure (30 s, 1 min, 2 min … at most 15 min) instead of a
//! hard lock. The address's counter grows only with wrong passwords. A successful login
//! clears the account's counter for that address; a platform administrator can clear an
//! account's counters everywhere.
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
    /// wait); `None` when the password may be checked — the attempt then counts against the
    /// account from this address until [`Store::login_succeeded`] clears it. The address's
    /// own counter is only checked here and grows with failures ([`Store::login_failed`]),
    /// so many people logging in at once behind one office address are not held up.
    pub async fn login_attempt(&self, email: &str, address: &str) -> Result<Option<i64>> {
        let t = now();
        let mut tx = self.begin_write().await?;
        let account = email.trim().to_lowercase();
        let mut wait = counter(&mut tx, self.dialect, &address_key(address), None, MAX_PER_ADDRESS, t, false).await?;
        if wait.is_none() {
            let pair = account_key(email, address);
            wait = counter(&mut tx, self.dialect, &pair, Some(&account), MAX_PER_ACCOUNT, t, true).await?;
        }
        tx.commit().await?;
        Ok(wait)
    }

    /// A wrong password: counted against the address too (guesses at many accounts).
    pub async fn login_failed(&self, address: &str) -> Result<()> {
        let t = now();
        let mut tx = self.begin_write().await?;
        counter(&mut tx, self.dialect, &address_key(address), None, MAX_PER_ADDRESS, t, true).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A successful login clears the account's counter for this address.
    pub async fn login_succeeded(&self, email: &str, address: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_attempts WHERE subject = $1")
            .bind(account_key(email, address))
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

/// Reads one counter under a row lock (made first if missing, so two first attempts cannot
/// both read "none"). `Some(seconds)` while it is in its delay — then nothing is counted;
/// otherwise, with `count`, one more failure is counted and the next delay set.
async fn counter(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    dialect: super::Dialect,
    subject: &str,
    account: Option<&str>,
    max: i64,
    t: i64,
    count: bool,
) -> Result<Option<i64>> {
    sqlx::query(
        "INSERT INTO login_attempts (subject, account, failures, last_at, blocked_until) VALUES ($1, $2, 0, 0, 0)
         ON CONFLICT (subject) DO NOTHING",
    )
    .bind(subject)
    .bind(account)
    .execute(&mut **tx)
    .await?;
    let (failures, last_at, blocked_until): (i64, i64, i64) = sqlx::query_as(&format!(
        "SELECT failures, last_at, blocked_until FROM login_attempts WHERE subject = $1{}",
        dialect.for_update()
    ))
    .bind(subject)
    .fetch_one(&mut **tx)
    .await?;
    if t < blocked_until {
        return Ok(Some(blocked_until - t));
    }
    if count {
        let failures = if last_at <= t - WINDOW_SECS { 1 } else { failures + 1 };
        let wait = delay(failures, max);
        sqlx::query("UPDATE login_attempts SET failures = $1, last_at = $2, blocked_until = $3 WHERE subject = $4")
            .bind(failures)
            .bind(t)
            .bind(if wait > 0 { t + wait } else { 0 })
            .bind(subject)
            .execute(&mut **tx)
            .await?;
    }
    Ok(None)
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
        // Successes, even many at once, do not add up against a shared address.
        for i in 0..30 {
            assert_eq!(s.login_attempt(&format!("p{i}@aabenraa.dk"), "10.0.0.9").await.unwrap(), None);
        }
        // Failures do.
        for _ in 0..20 {
            s.login_failed("10.0.0.9").await.unwrap();
        }
        assert!(s.login_attempt("p0@aabenraa.dk", "10.0.0.9").await.unwrap().is_some());
        // The administrator's unlock clears every address.
        assert_eq!(s.unlock_logins("Anne@Aabenraa.dk").await.unwrap(), 2);
        assert_eq!(s.login_attempt("anne@aabenraa.dk", "10.0.0.1").await.unwrap(), None);
    }
}
