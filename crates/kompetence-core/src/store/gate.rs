//! The web layer's only door into the store. [`Gate`] holds what may be done before anyone
//! is known — sign in, resolve a session or token, verify a credential, a calendar feed by
//! its secret key, health — and hands out the scopes for a known caller: an organisation's
//! ([`Gate::authorize_as`]), the caller's own ([`MeScope`]) and the platform's
//! ([`PlatformScope`]). A handler never holds a [`Store`], so a cross-tenant method such as
//! [`Store::members`] cannot be called from one.
use serde_json::Value;

use super::{
    MeScope, Member, Membership, NewUser, Organization, PageRequest, Paged, PoolStats, Scoped, SessionData, Store,
    User, Verdict,
};
use crate::domain::{OrgId, Role, Secret, UserId};
use crate::error::{Error, Result};

/// See the module documentation.
#[derive(Clone)]
pub struct Gate(Store);

impl Gate {
    pub fn new(store: Store) -> Self {
        Gate(store)
    }

    // Scopes for a known caller; the web layer's extractors are their only users.

    /// The caller's scope in `org`, narrowed to `S` (see [`Store::authorize`]).
    pub async fn authorize_as<S: Scoped>(&self, user: UserId, org: OrgId, required: &[Role]) -> Result<S> {
        self.0.authorize_as(user, org, required).await
    }
    /// The authenticated caller's own data.
    pub fn me(&self, caller: &User) -> MeScope {
        self.0.me(caller.id)
    }
    /// The platform administrator's scope; anyone else is refused.
    pub fn platform(&self, caller: &User) -> Result<PlatformScope> {
        if caller.is_platform_admin {
            Ok(PlatformScope { store: self.0.clone(), actor: caller.id, origin: None })
        } else {
            Err(Error::Forbidden)
        }
    }

    // Signing in and resolving the caller.

    /// The user a bearer token belongs to, and the one organisation it is bound to, if any.
    pub async fn token_caller(&self, presented: &str) -> Result<Option<(User, Option<OrgId>)>> {
        match self.0.token_owner(presented).await? {
            Some(owner) => Ok(Some((self.0.user(owner.user).await?, owner.org))),
            None => Ok(None),
        }
    }
    pub async fn session(&self, cookie: &str) -> Result<Option<SessionData>> {
        self.0.session(cookie).await
    }
    /// Counts a login attempt before the password is checked; `Some(seconds to wait)` when
    /// it is refused unchecked (see `store::throttle`).
    pub async fn login_attempt(&self, email: &str, address: &str) -> Result<Option<i64>> {
        self.0.login_attempt(email, address).await
    }
    /// The user with this e-mail and their password hash, for the password check.
    pub async fn credentials(&self, email: &str) -> Result<Option<(User, Option<String>)>> {
        self.0.credentials(email).await
    }
    /// A wrong password for `email` from `address` (counted, and audited).
    pub async fn login_failed(&self, email: &str, address: &str) -> Result<()> {
        self.0.login_failed(address).await?;
        let target = email.trim().to_lowercase();
        self.0.audit(None, None, "login.failed", &target, "", Some(address)).await
    }
    /// A successful login of `user` (the throttle's counter cleared, and audited).
    pub async fn login_succeeded(&self, user: &User, address: &str) -> Result<()> {
        self.0.login_succeeded(user.email.as_str(), address).await?;
        self.0.audit(Some(user.id), None, "login", user.email.as_str(), "", Some(address)).await
    }
    /// Starts a session for `user`, whose password has just been checked.
    pub async fn create_session(&self, user: UserId) -> Result<Secret> {
        self.0.create_session(user).await
    }
    pub async fn delete_session(&self, cookie: &str) -> Result<()> {
        self.0.delete_session(cookie).await
    }

    // Open to anyone by design.

    pub async fn jwks(&self) -> Result<Value> {
        self.0.jwks().await
    }
    pub async fn issuer_profile(&self, org: OrgId, issuer_base: &str) -> Result<Option<Value>> {
        self.0.issuer_profile(org, issuer_base).await
    }
    pub async fn verify_credential(&self, presented: &str) -> Result<Verdict> {
        self.0.verify_credential(presented).await
    }
    /// A calendar feed by its secret key (the key is the authorisation).
    pub async fn feed(&self, key: &str) -> Result<Option<String>> {
        self.0.feed(key).await
    }
    pub async fn ping(&self) -> bool {
        self.0.ping().await
    }
    pub fn pool_stats(&self) -> PoolStats {
        self.0.pool_stats()
    }
}

/// The platform administrator's scope: organisations and users across tenants.
#[derive(Clone)]
pub struct PlatformScope {
    pub(super) store: Store,
    /// The administrator acting, and from where, for the audit log.
    pub(super) actor: UserId,
    pub(super) origin: Option<String>,
}

impl PlatformScope {
    /// Records where the administrator's requests come from, for the audit log.
    pub fn set_origin(&mut self, address: String) {
        self.origin = Some(address);
    }
    pub async fn list_orgs(&self, page: PageRequest) -> Result<Paged<Organization>> {
        self.store.list_orgs(page).await
    }
    pub async fn create_org(&self, name: &str, kind: &str) -> Result<Organization> {
        self.store.create_org(name, kind).await
    }
    pub async fn org(&self, id: OrgId) -> Result<Organization> {
        self.store.org(id).await
    }
    pub async fn members(&self, org: OrgId) -> Result<Vec<Member>> {
        self.store.members(org).await
    }
    pub async fn list_users(&self, q: &str, page: PageRequest) -> Result<Paged<User>> {
        self.store.list_users(q, page).await
    }
    pub async fn user(&self, id: UserId) -> Result<User> {
        self.store.user(id).await
    }
    pub async fn user_by_email(&self, email: &str) -> Result<User> {
        self.store.user_by_email(email).await
    }
    pub async fn create_user(&self, u: NewUser) -> Result<User> {
        self.store.create_user(u).await
    }
    pub async fn grant_role(&self, user: UserId, org: OrgId, role: &str) -> Result<Membership> {
        let m = self.store.grant_role(user, org, role).await?;
        self.store
            .audit(
                Some(self.actor),
                Some(org),
                "role.granted",
                &format!("user:{}", user.0),
                role,
                self.origin.as_deref(),
            )
            .await?;
        Ok(m)
    }
    /// Lifts the login delays on a user's account from every address; answers how many
    /// counters were cleared.
    pub async fn unlock_logins(&self, user: UserId) -> Result<u64> {
        let u = self.store.user(user).await?;
        let cleared = self.store.unlock_logins(u.email.as_str()).await?;
        self.store
            .audit(
                Some(self.actor),
                None,
                "login.unlocked",
                u.email.as_str(),
                &cleared.to_string(),
                self.origin.as_deref(),
            )
            .await?;
        Ok(cleared)
    }
}
