//! The audit log: who did what, when and from where — grades, roles, certificates issued
//! and revoked, logins, login unlocks, backups. Append-only: events are inserted and read;
//! nothing in the application updates or deletes them. The platform administrator reads all;
//! an organisation's administrators read their own organisation's.
use serde::Serialize;
use sqlx::FromRow;

use super::{OrgScope, PageRequest, Paged, PlatformScope, Store, now};
use crate::domain::{OrgId, UserId};
use crate::error::{Error, Result};

/// One event as read back.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct AuditEvent {
    pub id: i64,
    /// Unix time.
    pub at: i64,
    pub actor_name: Option<String>,
    pub org_name: Option<String>,
    /// What was done, e.g. `grade.given`, `role.granted`, `login.failed`.
    pub action: String,
    /// What it was done to, e.g. `attempt:17`, `user:4`, `anne@aabenraa.dk`.
    pub target: String,
    pub detail: String,
    /// The client's address, where the action came over the web.
    pub address: Option<String>,
}

/// An event to record.
pub(crate) struct Audit<'a> {
    pub actor: Option<UserId>,
    pub org: Option<OrgId>,
    pub action: &'static str,
    pub target: String,
    pub detail: String,
    pub address: Option<&'a str>,
}

/// Records an event, inside the caller's transaction when given one.
pub(crate) async fn record<'e, E>(exec: E, a: Audit<'_>) -> Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO audit_events (at, actor_user_id, org_id, action, target, detail, address)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now())
    .bind(a.actor.map(|u| u.0))
    .bind(a.org.map(|o| o.0))
    .bind(a.action)
    .bind(a.target)
    .bind(a.detail)
    .bind(a.address)
    .execute(exec)
    .await?;
    Ok(())
}

impl Store {
    /// Records an event outside any transaction (the command line's, a login's).
    pub async fn audit(
        &self,
        actor: Option<UserId>,
        org: Option<OrgId>,
        action: &'static str,
        target: &str,
        detail: &str,
        address: Option<&str>,
    ) -> Result<()> {
        record(&self.pool, Audit { actor, org, action, target: target.into(), detail: detail.into(), address }).await
    }

    async fn audit_page(&self, org: Option<OrgId>, page: PageRequest) -> Result<Paged<AuditEvent>> {
        let filter = if org.is_some() { "WHERE a.org_id = $1" } else { "WHERE $1 IS NULL" };
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM audit_events a {filter}"))
            .bind(org.map(|o| o.0))
            .fetch_one(&self.pool)
            .await?;
        let items = sqlx::query_as(&format!(
            "SELECT a.id, a.at, u.name AS actor_name, o.name AS org_name, a.action, a.target, a.detail, a.address
             FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id LEFT JOIN organizations o ON o.id = a.org_id
             {filter} ORDER BY a.id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(org.map(|o| o.0))
        .bind(i64::from(page.per_page))
        .bind(page.offset())
        .fetch_all(&self.pool)
        .await?;
        Ok(Paged { items, total, page: page.page, per_page: page.per_page })
    }
}

impl OrgScope {
    /// Records what this caller did in this organisation, inside the caller's transaction.
    pub(super) async fn audit_in(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        action: &'static str,
        target: String,
        detail: String,
    ) -> Result<()> {
        let a = Audit {
            actor: Some(self.grant.user()),
            org: Some(self.org_id()),
            action,
            target,
            detail,
            address: self.origin.as_deref(),
        };
        record(&mut **tx, a).await
    }

    /// This organisation's audit events, newest first, for its administrators only.
    pub async fn audit_events(&self, page: PageRequest) -> Result<Paged<AuditEvent>> {
        if !self.grant.roles().iter().any(|r| r.is_org_admin()) {
            return Err(Error::Forbidden);
        }
        self.store.audit_page(Some(self.org_id()), page).await
    }
}

impl PlatformScope {
    /// Every audit event on the platform, newest first.
    pub async fn audit_events(&self, page: PageRequest) -> Result<Paged<AuditEvent>> {
        self.store.audit_page(None, page).await
    }
}
