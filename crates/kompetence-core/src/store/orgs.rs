//! Organisations, role memberships, and the authorisation that hands out tenant scopes.
use serde::Serialize;
use sqlx::FromRow;

use super::{PageRequest, Paged, Store, now};
use crate::domain::{OrgId, OrgKind, Role, ShortText, UserId, ValidationError};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organization {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
}

#[derive(FromRow)]
struct OrgRow {
    id: i64,
    name: String,
    kind: String,
}

impl TryFrom<OrgRow> for Organization {
    type Error = Error;
    fn try_from(r: OrgRow) -> Result<Self> {
        let kind = OrgKind::parse("kind", &r.kind).map_err(|_| anyhow::anyhow!("bad org kind {:?} in db", r.kind))?;
        Ok(Self { id: OrgId(r.id), name: r.name, kind })
    }
}

/// One role a user holds in one organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub org: Organization,
    pub role: Role,
}

/// A member of an organisation as its admins see them.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
}

/// Proof that a user was found to hold one of the required roles in an organisation.
/// Only [`Store::authorize`] makes one; tenant data is reachable only through it.
#[derive(Debug, Clone)]
pub struct OrgGrant {
    org: Organization,
    user: UserId,
    roles: Vec<Role>,
}

impl OrgGrant {
    pub fn org(&self) -> &Organization {
        &self.org
    }
    pub fn user(&self) -> UserId {
        self.user
    }
    /// All the caller's roles in this organisation (not only the required ones).
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// A store handle bound to one organisation, for one authorised caller.
#[derive(Clone)]
pub struct OrgScope {
    pub(super) store: Store,
    pub(super) grant: OrgGrant,
    /// Cohorts already found visible to this caller. A page calls several scope methods for
    /// one cohort and each must check access; a scope lives for one request, so the answer
    /// is remembered instead of asked again.
    pub(super) cohorts_seen: std::sync::Arc<std::sync::Mutex<Vec<i64>>>,
    /// The caller's address, for the audit log (set by the web layer's extractor).
    pub(super) origin: Option<String>,
}

impl OrgScope {
    pub fn grant(&self) -> &OrgGrant {
        &self.grant
    }
    pub fn org_id(&self) -> OrgId {
        self.grant.org.id
    }
    /// Records where the caller's requests come from, for the audit log.
    pub fn set_origin(&mut self, address: String) {
        self.origin = Some(address);
    }

    /// The organisation's members and their roles, for its administrators only.
    pub async fn members(&self) -> Result<Vec<Member>> {
        if !self.grant.roles.iter().any(|r| r.is_org_admin()) {
            return Err(Error::Forbidden);
        }
        self.store.members(self.org_id()).await
    }
}

impl Store {
    pub async fn create_org(&self, name: &str, kind: &str) -> Result<Organization> {
        let name = ShortText::parse_required("name", name, 200)?;
        let kind = OrgKind::parse("kind", kind)?;
        let id: i64 =
            sqlx::query_scalar("INSERT INTO organizations (name, kind, created_at) VALUES ($1, $2, $3) RETURNING id")
                .bind(name.as_str())
                .bind(kind.as_str())
                .bind(now())
                .fetch_one(&self.pool)
                .await
                .map_err(|e| self.conflict(e, "name", "err-org-name-taken"))?;
        Ok(Organization { id: OrgId(id), name: name.into_string(), kind })
    }

    /// Every organisation of one kind, by name.
    pub(crate) async fn orgs_of_kind(&self, kind: OrgKind) -> Result<Vec<Organization>> {
        let rows: Vec<OrgRow> =
            sqlx::query_as("SELECT id, name, kind FROM organizations WHERE kind = $1 ORDER BY name")
                .bind(kind.as_str())
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(Organization::try_from).collect()
    }

    pub async fn org(&self, id: OrgId) -> Result<Organization> {
        sqlx::query_as::<_, OrgRow>("SELECT id, name, kind FROM organizations WHERE id = $1")
            .bind(id.0)
            .fetch_one(&self.pool)
            .await?
            .try_into()
    }

    pub async fn org_by_name(&self, name: &str) -> Result<Organization> {
        sqlx::query_as::<_, OrgRow>("SELECT id, name, kind FROM organizations WHERE lower(name) = lower($1)")
            .bind(name.trim())
            .fetch_one(&self.pool)
            .await?
            .try_into()
    }

    pub async fn list_orgs(&self, page: PageRequest) -> Result<Paged<Organization>> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations").fetch_one(&self.pool).await?;
        let rows =
            sqlx::query_as::<_, OrgRow>("SELECT id, name, kind FROM organizations ORDER BY name LIMIT $1 OFFSET $2")
                .bind(i64::from(page.per_page))
                .bind(page.offset())
                .fetch_all(&self.pool)
                .await?;
        let items = rows.into_iter().map(Organization::try_from).collect::<Result<_>>()?;
        Ok(Paged { items, total, page: page.page, per_page: page.per_page })
    }

    /// Gives `user` the `role` in `org`. Granting a role already held is not an error.
    pub async fn grant_role(&self, user: UserId, org: OrgId, role: &str) -> Result<Membership> {
        let role = Role::parse("role", role)?;
        let org = self.org(org).await?;
        role.check_kind("role", org.kind)?;
        let mut tx = self.begin_write().await?;
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM users WHERE id = $1").bind(user.0).fetch_optional(&mut *tx).await?;
        if exists.is_none() {
            return Err(ValidationError::new("user", "err-unknown-user").into());
        }
        let held: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM memberships WHERE user_id = $1 AND org_id = $2 AND role = $3")
                .bind(user.0)
                .bind(org.id.0)
                .bind(role.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        if held.is_none() {
            sqlx::query("INSERT INTO memberships (user_id, org_id, role, granted_at) VALUES ($1, $2, $3, $4)")
                .bind(user.0)
                .bind(org.id.0)
                .bind(role.as_str())
                .bind(now())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Membership { org, role })
    }

    /// Every role the user holds, with its organisation, ordered by organisation name.
    pub(crate) async fn memberships(&self, user: UserId) -> Result<Vec<Membership>> {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT o.id, o.name, o.kind, m.role FROM memberships m JOIN organizations o ON o.id = m.org_id
             WHERE m.user_id = $1 ORDER BY o.name, m.role",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, name, kind, role)| {
                let org = Organization::try_from(OrgRow { id, name, kind })?;
                let role = Role::parse("role", &role).map_err(|_| anyhow::anyhow!("bad role {role:?} in db"))?;
                Ok(Membership { org, role })
            })
            .collect()
    }

    pub async fn members(&self, org: OrgId) -> Result<Vec<Member>> {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT u.id, u.name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.org_id = $1 ORDER BY u.name, m.role",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, name, email, role)| {
                let role = Role::parse("role", &role).map_err(|_| anyhow::anyhow!("bad role {role:?} in db"))?;
                Ok(Member { user_id: UserId(id), name, email, role })
            })
            .collect()
    }

    /// Checks that `user` holds one of `required` roles in `org` (any role when `required`
    /// is empty). A user with no role at all there gets `NotFound`, so the existence of
    /// other tenants' organisations is not revealed; a member without the role gets
    /// `Forbidden`.
    pub async fn authorize(&self, user: UserId, org: OrgId, required: &[Role]) -> Result<OrgScope> {
        let memberships = self.memberships(user).await?;
        let mine: Vec<&Membership> = memberships.iter().filter(|m| m.org.id == org).collect();
        let Some(first) = mine.first() else {
            return Err(Error::NotFound);
        };
        let roles: Vec<Role> = mine.iter().map(|m| m.role).collect();
        if !required.is_empty() && !roles.iter().any(|r| required.contains(r)) {
            return Err(Error::Forbidden);
        }
        let grant = OrgGrant { org: first.org.clone(), user, roles };
        Ok(OrgScope { store: self.clone(), grant, cohorts_seen: Default::default(), origin: None })
    }
}
