//! The scopes a caller is handed, one per kind of tenancy. A handler never holds a bare
//! [`Store`] for tenant data: it gets
//!
//! - an [`OrgScope`] — any member of one organisation (its tokens, its name);
//! - a [`ProviderScope`] — a provider's modules, cohorts, exams, certificates;
//! - a [`MunicipalityScope`] — a municipality's staff, enrolments, coverage, with the
//!   leader's "own staff only" rule applied inside.
//!
//! The kind of organisation is checked once, when the scope is made; a method that only
//! makes sense for a provider is defined only on [`ProviderScope`], so calling it for a
//! municipality does not compile.
use std::ops::Deref;

use super::{OrgScope, Store};
use crate::domain::{OrgId, OrgKind, Role, UserId};
use crate::error::{Error, Result};

/// A scope that can be made from an authorised [`OrgScope`] (the web layer's role sets
/// name the scope they hand out).
pub trait Scoped: Sized + Send + Sync + 'static {
    /// Narrows the scope; an organisation of the wrong kind is "not found", as if the path
    /// named nothing.
    fn narrow(scope: OrgScope) -> Result<Self>;
    fn base(&self) -> &OrgScope;
    fn base_mut(&mut self) -> &mut OrgScope;
}

impl Scoped for OrgScope {
    fn narrow(scope: OrgScope) -> Result<Self> {
        Ok(scope)
    }
    fn base(&self) -> &OrgScope {
        self
    }
    fn base_mut(&mut self) -> &mut OrgScope {
        self
    }
}

/// A provider's data, for one authorised caller.
#[derive(Clone)]
pub struct ProviderScope(OrgScope);

impl Scoped for ProviderScope {
    fn narrow(scope: OrgScope) -> Result<Self> {
        match scope.grant.org().kind {
            OrgKind::Provider => Ok(ProviderScope(scope)),
            OrgKind::Municipality => Err(Error::NotFound),
        }
    }
    fn base(&self) -> &OrgScope {
        &self.0
    }
    fn base_mut(&mut self) -> &mut OrgScope {
        &mut self.0
    }
}

impl Deref for ProviderScope {
    type Target = OrgScope;
    fn deref(&self) -> &OrgScope {
        &self.0
    }
}

/// A municipality's data, for one authorised caller. A leader who is not HR sees and acts
/// for their own staff only; the methods apply that themselves.
#[derive(Clone)]
pub struct MunicipalityScope {
    base: OrgScope,
    staff_of: Option<UserId>,
}

impl MunicipalityScope {
    /// The leader whose own staff this caller is limited to (none for HR).
    pub fn staff_of(&self) -> Option<UserId> {
        self.staff_of
    }
}

impl Scoped for MunicipalityScope {
    fn narrow(scope: OrgScope) -> Result<Self> {
        match scope.grant.org().kind {
            OrgKind::Municipality => {
                let staff_of = (!scope.grant.has(Role::Hr)).then_some(scope.grant.user());
                Ok(MunicipalityScope { base: scope, staff_of })
            }
            OrgKind::Provider => Err(Error::NotFound),
        }
    }
    fn base(&self) -> &OrgScope {
        &self.base
    }
    fn base_mut(&mut self) -> &mut OrgScope {
        &mut self.base
    }
}

impl Deref for MunicipalityScope {
    type Target = OrgScope;
    fn deref(&self) -> &OrgScope {
        &self.base
    }
}

impl Store {
    /// [`Store::authorize`], narrowed to the scope `S` (e.g. a provider's).
    pub async fn authorize_as<S: Scoped>(&self, user: UserId, org: OrgId, required: &[Role]) -> Result<S> {
        S::narrow(self.authorize(user, org, required).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{store, user};

    #[tokio::test]
    async fn a_scope_of_the_wrong_kind_is_not_found_and_a_leader_is_limited_to_own_staff() {
        let (store, _dir) = store().await;
        let provider = store.create_org("Nordlys", "provider").await.unwrap().id;
        let muni = store.create_org("Aabenraa Kommune", "municipality").await.unwrap().id;
        let hr = user(&store, "hr@aabenraa.dk").await;
        let leader = user(&store, "leder@aabenraa.dk").await;
        let both = user(&store, "begge@aabenraa.dk").await;
        store.grant_role(hr, muni, "hr").await.unwrap();
        store.grant_role(leader, muni, "leader").await.unwrap();
        store.grant_role(both, muni, "leader").await.unwrap();
        store.grant_role(both, muni, "hr").await.unwrap();
        let admin = user(&store, "admin@nordlys.dk").await;
        store.grant_role(admin, provider, "provider_admin").await.unwrap();

        // The other kind of organisation is "not found", as an unknown one would be.
        let wrong = store.authorize_as::<ProviderScope>(hr, muni, &[]).await;
        assert!(matches!(wrong, Err(Error::NotFound)));
        let wrong = store.authorize_as::<MunicipalityScope>(admin, provider, &[]).await;
        assert!(matches!(wrong, Err(Error::NotFound)));
        assert!(store.authorize_as::<ProviderScope>(admin, provider, &[]).await.is_ok());

        // HR sees all staff; a leader only their own, also when they are HR elsewhere.
        let scope = |u| store.authorize_as::<MunicipalityScope>(u, muni, &[]);
        assert_eq!(scope(hr).await.unwrap().staff_of(), None);
        assert_eq!(scope(leader).await.unwrap().staff_of(), Some(leader));
        assert_eq!(scope(both).await.unwrap().staff_of(), None, "HR in the same municipality sees all");
    }
}
