//! The extractors that authorise and hand out scopes: a logged-in [`Caller`]; [`Me`], the
//! caller's own data; the [`PlatformAdmin`]'s platform scope; and [`Org<R>`], which checks
//! the role set `R` in the path's organisation and hands out `R`'s scope.
use std::marker::PhantomData;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use kompetence_core::domain::{OrgId, Role};
use kompetence_core::store::{MeScope, PlatformScope, Scoped, User};

use super::context::{Authenticated, RequestCtx};
use super::roles::RoleSet;
use crate::error::AppError;
use crate::state::AppState;

pub(crate) fn ctx(parts: &Parts) -> Result<&RequestCtx, AppError> {
    parts.extensions.get::<RequestCtx>().ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("request context missing")))
}

/// Any logged-in user (session or token).
pub struct Caller {
    pub user: User,
    pub auth: Authenticated,
    pub ctx: RequestCtx,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, AppError> {
        let ctx = ctx(parts)?.clone();
        match ctx.caller.clone() {
            Some(auth) => Ok(Caller { user: auth.user.clone(), auth, ctx }),
            None => Err(AppError::Unauthenticated),
        }
    }
}

/// Any logged-in user, with the scope of their own data (schedule, assignments, actions,
/// exams, certificates, …).
pub struct Me {
    pub caller: Caller,
    pub scope: MeScope,
}

impl FromRequestParts<AppState> for Me {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        let scope = state.gate.me(&caller.user);
        Ok(Me { caller, scope })
    }
}

/// The platform administrator, with the platform scope (organisations and users across
/// tenants).
pub struct PlatformAdmin {
    pub caller: Caller,
    pub scope: PlatformScope,
}

impl FromRequestParts<AppState> for PlatformAdmin {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        let mut scope = state.gate.platform(&caller.user)?;
        scope.set_origin(caller.ctx.client_addr.clone());
        Ok(PlatformAdmin { caller, scope })
    }
}

/// A caller holding one of `R`'s roles in the organisation of the path's `{org_id}`,
/// with the scope `R` hands out (a provider's, a municipality's, or any organisation's),
/// bound to that organisation. A caller with no role there, or an organisation of the
/// other kind, gets 404.
pub struct Org<R: RoleSet> {
    pub caller: Caller,
    pub scope: R::Scope,
    _roles: PhantomData<R>,
}

impl<R: RoleSet> Org<R> {
    pub fn has(&self, role: Role) -> bool {
        self.scope.base().grant().has(role)
    }
    pub fn id(&self) -> OrgId {
        self.scope.base().org_id()
    }
}

impl<R: RoleSet> FromRequestParts<AppState> for Org<R> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        let params = RawPathParams::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        let org: OrgId =
            params.iter().find(|(k, _)| *k == "org_id").and_then(|(_, v)| v.parse().ok()).ok_or(AppError::NotFound)?;
        if caller.auth.only_org.is_some_and(|o| o != org) {
            return Err(AppError::NotFound);
        }
        let mut scope = state.gate.authorize_as::<R::Scope>(caller.user.id, org, R::ROLES).await?;
        scope.base_mut().set_origin(caller.ctx.client_addr.clone());
        Ok(Org { caller, scope, _roles: PhantomData })
    }
}
