//! `/api/v1/me`: who the caller is and their roles per organisation.
use axum::Json;
use serde::Serialize;

use crate::error::AppError;
use kompetence_core::domain::UserId;

#[derive(Serialize, utoipa::ToSchema)]
pub struct MeRole {
    pub org_id: i64,
    pub org_name: String,
    /// `provider` or `municipality`.
    pub org_kind: String,
    /// `provider_admin`, `teacher`, `censor`, `hr`, `leader` or `participant`.
    pub role: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub locale: String,
    pub is_platform_admin: bool,
    pub roles: Vec<MeRole>,
}

/// The caller and their roles per organisation (only the token's organisation when the
/// token is bound to one).
#[utoipa::path(get, path = "/api/v1/me", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, description = "No or invalid token")))]
pub async fn me(me: crate::auth::Me) -> Result<Json<Me>, AppError> {
    let caller = me.caller;
    let roles = me
        .scope
        .memberships()
        .await?
        .into_iter()
        .filter(|m| caller.auth.only_org.is_none_or(|o| o == m.org.id))
        .map(|m| MeRole {
            org_id: m.org.id.0,
            org_name: m.org.name,
            org_kind: m.org.kind.as_str().into(),
            role: m.role.as_str().into(),
        })
        .collect();
    let u = caller.user;
    Ok(Json(Me {
        id: u.id,
        name: u.name,
        email: u.email,
        locale: u.locale.as_str().into(),
        is_platform_admin: u.is_platform_admin,
        roles,
    }))
}
