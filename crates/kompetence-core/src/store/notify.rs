//! Telling people what happened: an in-app notice to a user with a login, and an e-mail
//! through the outbox. Both are written inside the transaction of the change they tell of
//! (an enrolment's move), so a committed change always has its message and a rolled-back
//! one never does. The message is stored as a kind and its arguments and put into words
//! (Danish or English, the recipient's language) when it is shown or sent.
//!
//! The outbox is delivered by `kompetence serve` (or `kompetence mail deliver`): due mails
//! are claimed with a lease, so two nodes never send the same mail at once; a mail the SMTP
//! server accepted is marked sent at once; a failure is retried with growing delays. A node
//! that dies between the server's acceptance and the mark sends that one mail again after
//! the lease — each mail has a fixed Message-ID (`outbox-<id>@…`), so mail systems can tell.
use serde::Serialize;
use sqlx::{Any, FromRow, Transaction};

use super::{Store, now};
use crate::Result;
use crate::domain::{EnrolmentState, OrgId, UserId};

type Tx = Transaction<'static, Any>;

/// How long a claimed mail is held by the node sending it.
pub const LEASE_SECS: i64 = 120;
/// Attempts before the outbox gives a mail up (it stays, with its last error).
pub const MAX_ATTEMPTS: i64 = 12;

/// One in-app notice, with its words' arguments (JSON object of strings).
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Notice {
    pub id: i64,
    pub kind: String,
    pub args: String,
    pub link: Option<String>,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// A mail claimed for sending.
#[derive(Debug, Clone, FromRow)]
pub struct OutboxMail {
    pub id: i64,
    /// Until when this node holds the mail; the marks below only apply while it does.
    pub claimed_until: i64,
    pub to_address: String,
    pub locale: String,
    pub kind: String,
    pub args: String,
    pub attempts: i64,
}

/// Who a message goes to.
pub(super) struct Recipient {
    pub user: Option<i64>,
    pub email: String,
    pub locale: String,
}

/// Writes a notice (for a user with a login) and a mail, in the caller's transaction.
pub(super) async fn notify(
    tx: &mut Tx,
    to: &Recipient,
    org: Option<OrgId>,
    kind: &str,
    args: &serde_json::Value,
    link: Option<&str>,
) -> Result<()> {
    let t = now();
    let args = args.to_string();
    if let Some(user) = to.user {
        sqlx::query(
            "INSERT INTO notices (user_id, org_id, kind, args, link, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(user)
        .bind(org.map(|o| o.0))
        .bind(kind)
        .bind(&args)
        .bind(link)
        .bind(t)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO outbox (to_address, locale, kind, args, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(&to.email)
    .bind(&to.locale)
    .bind(kind)
    .bind(&args)
    .bind(t)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct MoveFacts {
    employee_id: i64,
    employee_name: String,
    employee_email: String,
    employee_user: Option<i64>,
    employee_locale: Option<String>,
    cohort_name: String,
    module_title: String,
    municipality_id: i64,
}

/// The messages an enrolment's move sends: a request to the employee's leaders, a leader's
/// approval to HR (two-step), and the outcome to the employee.
pub(super) async fn enrolment_moved(tx: &mut Tx, id: i64, to: EnrolmentState, reason: Option<&str>) -> Result<()> {
    let f: MoveFacts = sqlx::query_as(
        "SELECT emp.id AS employee_id, emp.name AS employee_name, emp.email AS employee_email, emp.user_id AS employee_user,
           u.locale AS employee_locale, c.name AS cohort_name, m.title_da AS module_title, e.municipality_id
         FROM enrolments e JOIN employees emp ON emp.id = e.employee_id LEFT JOIN users u ON u.id = emp.user_id
         JOIN cohorts c ON c.id = e.cohort_id JOIN modules m ON m.id = c.module_id WHERE e.id = $1",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    let org = Some(OrgId(f.municipality_id));
    let mut args = serde_json::json!({"employee": f.employee_name, "cohort": f.cohort_name, "module": f.module_title});
    if let Some(r) = reason {
        args["reason"] = serde_json::Value::String(r.to_string());
    }
    let employee = Recipient {
        user: f.employee_user,
        email: f.employee_email.clone(),
        locale: f.employee_locale.clone().unwrap_or_else(|| "da".into()),
    };
    let link = format!("/o/{}/enrolments/{id}", f.municipality_id);
    match to {
        EnrolmentState::Requested => {
            for leader in leaders_of(tx, f.employee_id).await? {
                notify(tx, &leader, org, "approval-requested", &args, Some(&link)).await?;
            }
        }
        EnrolmentState::LeaderApproved => {
            for hr in hr_of(tx, f.municipality_id).await? {
                notify(tx, &hr, org, "approval-hr-step", &args, Some(&link)).await?;
            }
        }
        EnrolmentState::Enrolled => notify(tx, &employee, org, "enrolled", &args, Some("/me/schedule")).await?,
        EnrolmentState::Waitlisted => notify(tx, &employee, org, "waitlisted", &args, Some("/me/schedule")).await?,
        EnrolmentState::Rejected => notify(tx, &employee, org, "rejected", &args, None).await?,
        _ => {}
    }
    Ok(())
}

/// The employee's nearest leaders: those of the nearest unit up the tree (from their
/// primary unit) that has any, and their direct leader — everyone who would see the request.
async fn leaders_of(tx: &mut Tx, employee: i64) -> Result<Vec<Recipient>> {
    let rows: Vec<(i64, String, Option<i64>, Option<String>)> = sqlx::query_as(
        "WITH RECURSIVE up(id, depth) AS (
           SELECT e.unit_id, 0 FROM employees e WHERE e.id = $1 AND e.unit_id IS NOT NULL
           UNION ALL SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)
         SELECT up.depth, l.email, l.user_id, usr.locale FROM up JOIN unit_leaders ul ON ul.unit_id = up.id
           JOIN employees l ON l.id = ul.employee_id LEFT JOIN users usr ON usr.id = l.user_id
           WHERE l.id <> $1 AND l.left_at IS NULL
         UNION ALL
         SELECT -1, l.email, l.user_id, usr.locale FROM employees e JOIN employees l ON l.id = e.leader_id
           LEFT JOIN users usr ON usr.id = l.user_id WHERE e.id = $1 AND l.left_at IS NULL
         ORDER BY 1",
    )
    .bind(employee)
    .fetch_all(&mut **tx)
    .await?;
    let nearest = rows.iter().filter(|r| r.0 >= 0).map(|r| r.0).min();
    let mut out: Vec<Recipient> = Vec::new();
    for (depth, email, user, locale) in rows {
        if (depth == -1 || Some(depth) == nearest) && !out.iter().any(|r| r.email == email) {
            out.push(Recipient { user, email, locale: locale.unwrap_or_else(|| "da".into()) });
        }
    }
    Ok(out)
}

/// Whether anyone leads the employee (the first step of a two-step approval is possible).
pub(super) async fn has_leaders(tx: &mut Tx, employee: i64) -> Result<bool> {
    Ok(!leaders_of(tx, employee).await?.is_empty())
}

async fn hr_of(tx: &mut Tx, org: i64) -> Result<Vec<Recipient>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT u.id, u.email, u.locale FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = $1 AND m.role = 'hr' ORDER BY u.id",
    )
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|(u, email, locale)| Recipient { user: Some(u), email, locale }).collect())
}

impl Store {
    /// The newest notices of a user.
    pub(crate) async fn notices(&self, user: UserId, limit: i64) -> Result<Vec<Notice>> {
        Ok(sqlx::query_as(
            "SELECT id, kind, args, link, created_at, read_at FROM notices WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(user.0)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    pub(crate) async fn mark_notices_read(&self, user: UserId) -> Result<u64> {
        Ok(sqlx::query("UPDATE notices SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
            .bind(now())
            .bind(user.0)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// Claims up to `limit` mails due at `at` for `LEASE_SECS`; another node's claim on the
    /// same mails waits for the lease to run out.
    pub async fn claim_mail(&self, at: i64, limit: i64) -> Result<Vec<OutboxMail>> {
        let mut tx = self.begin_write().await?;
        let ids: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 AND attempts < $2
               AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY id LIMIT $3{}",
            self.dialect.skip_locked()
        ))
        .bind(at)
        .bind(MAX_ATTEMPTS)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let mail: OutboxMail = sqlx::query_as(
                "UPDATE outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id = $2
                 RETURNING id, claimed_until, to_address, locale, kind, args, attempts",
            )
            .bind(at + LEASE_SECS)
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            out.push(mail);
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Marks a claimed mail sent (only while this node's claim holds).
    pub async fn mail_sent(&self, mail: &OutboxMail, at: i64) -> Result<()> {
        sqlx::query(
            "UPDATE outbox SET sent_at = $1, claimed_until = NULL, last_error = NULL WHERE id = $2 AND claimed_until = $3",
        )
        .bind(at)
        .bind(mail.id)
        .bind(mail.claimed_until)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A failed attempt: retried after 30 s × 2^(attempts−1), at most an hour later (only
    /// while this node's claim holds).
    pub async fn mail_failed(&self, mail: &OutboxMail, at: i64, error: &str) -> Result<()> {
        let delay = (30_i64 << (mail.attempts - 1).clamp(0, 7)).min(3600);
        let error: String = error.chars().take(500).collect();
        sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3 AND claimed_until = $4",
        )
        .bind(at + delay)
        .bind(error)
        .bind(mail.id)
        .bind(mail.claimed_until)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Mails not yet sent (and not given up): for operators and tests.
    pub async fn mail_pending(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND attempts < $1")
            .bind(MAX_ATTEMPTS)
            .fetch_one(&self.pool)
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::EnrolmentState;
    use crate::store::testing::World;

    #[tokio::test]
    async fn a_request_tells_the_leader_the_outcome_tells_the_employee_and_the_outbox_sends_each_once() {
        let w = World::new(1).await;
        let (team, lead, leader) = w.team("Team Syd", "Lone Leder", "lone@aabenraa.dk").await;
        let anna = w.staff("Anna", "anna@aabenraa.dk").await;
        w.hr.place_employee(anna, team.id).await.unwrap();
        let t0 = crate::store::now();
        let before = w.store.mail_pending().await.unwrap();

        let e = w.hr.enrol(w.cohort, "anna@aabenraa.dk", false).await.unwrap();
        let lone = w.hr.employee(lead).await.unwrap().user_id.unwrap();
        let notices = w.store.notices(lone, 10).await.unwrap();
        assert_eq!(notices[0].kind, "approval-requested");
        assert!(notices[0].args.contains("Anna"));
        let e = leader.approve_enrolment(e.id).await.unwrap();
        assert_eq!(e.state, EnrolmentState::Enrolled);
        let anna_user = w.hr.employee(anna).await.unwrap().user_id.unwrap();
        assert_eq!(w.store.notices(anna_user, 10).await.unwrap()[0].kind, "enrolled");
        assert_eq!(w.store.mail_pending().await.unwrap() - before, 2, "one to the leader, one to Anna");

        // Claimed once: a second node finds nothing while the lease runs; a failure comes
        // back after its delay; a sent mail never again.
        let claimed = w.store.claim_mail(t0 + 1, 10).await.unwrap();
        assert!(claimed.len() >= 2);
        assert!(w.store.claim_mail(t0 + 2, 10).await.unwrap().is_empty(), "leased to the first node");
        let (first, second) = (&claimed[0], &claimed[1]);
        w.store.mail_sent(first, t0 + 3).await.unwrap();
        w.store.mail_failed(second, t0 + 3, "connection refused").await.unwrap();
        let later = w.store.claim_mail(t0 + 3 + 31, 10).await.unwrap();
        assert!(later.iter().any(|m| m.id == second.id && m.attempts == 2), "retried after 30 s");
        assert!(!later.iter().any(|m| m.id == first.id), "a sent mail is never claimed again");
    }
}
