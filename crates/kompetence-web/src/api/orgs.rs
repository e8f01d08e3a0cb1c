//! Platform administration over the API.
use crate::input::{Path, Query};
use axum::Json;
use axum::http::StatusCode;
use kompetence_core::domain::{OrgId, UserId};
use kompetence_core::store::PageRequest;
use serde::{Deserialize, Serialize};

use super::{ApiJson, ListParams, Page};
use crate::auth::PlatformAdmin;
use crate::error::AppError;

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrgOut {
    pub id: OrgId,
    pub name: String,
    pub kind: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewOrg {
    pub name: String,
    /// `provider` or `municipality`.
    pub kind: String,
}

#[utoipa::path(get, path = "/api/v1/orgs", tag = "admin", security(("bearer" = [])), params(ListParams),
    responses((status = 200, body = Page<OrgOut>), (status = 403, description = "Not a platform admin")))]
pub async fn list(admin: PlatformAdmin, Query(p): Query<ListParams>) -> Result<Json<Page<OrgOut>>, AppError> {
    let list = admin.scope.list_orgs(PageRequest::new(p.page, p.per_page)).await?;
    Ok(Json(Page {
        items: list
            .items
            .into_iter()
            .map(|o| OrgOut { id: o.id, name: o.name, kind: o.kind.as_str().into() })
            .collect(),
        total: list.total,
        page: list.page,
        per_page: list.per_page,
    }))
}

#[utoipa::path(post, path = "/api/v1/orgs", tag = "admin", security(("bearer" = [])), request_body = NewOrg,
    responses((status = 201, body = OrgOut), (status = 422, description = "Invalid input"), (status = 409, description = "Name taken")))]
pub async fn create(admin: PlatformAdmin, ApiJson(b): ApiJson<NewOrg>) -> Result<(StatusCode, Json<OrgOut>), AppError> {
    let o = admin.scope.create_org(&b.name, &b.kind).await?;
    Ok((StatusCode::CREATED, Json(OrgOut { id: o.id, name: o.name, kind: o.kind.as_str().into() })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewUserIn {
    pub name: String,
    pub email: String,
    /// At least 8 characters.
    pub password: String,
    #[serde(default)]
    pub is_platform_admin: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct UserOut {
    pub id: UserId,
    pub name: String,
    pub email: String,
}

#[utoipa::path(post, path = "/api/v1/users", tag = "admin", security(("bearer" = [])), request_body = NewUserIn,
    responses((status = 201, body = UserOut), (status = 422, description = "Invalid input"), (status = 409, description = "E-mail taken")))]
pub async fn create_user(
    admin: PlatformAdmin,
    ApiJson(b): ApiJson<NewUserIn>,
) -> Result<(StatusCode, Json<UserOut>), AppError> {
    let nu = crate::pages::admin::new_user(&b.name, &b.email, &b.password, b.is_platform_admin)
        .map_err(AppError::Invalid)?;
    let u = admin.scope.create_user(nu).await?;
    Ok((StatusCode::CREATED, Json(UserOut { id: u.id, name: u.name, email: u.email })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct GrantIn {
    pub org_id: i64,
    pub role: String,
}

#[utoipa::path(post, path = "/api/v1/users/{user_id}/roles", tag = "admin", security(("bearer" = [])), request_body = GrantIn,
    params(("user_id" = i64, Path)),
    responses((status = 204, description = "Granted"), (status = 404, description = "No such user or organisation"), (status = 422, description = "Unknown role or wrong kind")))]
pub async fn grant(
    admin: PlatformAdmin,
    Path(user): Path<UserId>,
    ApiJson(b): ApiJson<GrantIn>,
) -> Result<StatusCode, AppError> {
    admin.scope.user(user).await?;
    admin.scope.grant_role(user, kompetence_core::domain::OrgId(b.org_id), &b.role).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How many login counters an unlock cleared.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Unlocked {
    pub cleared: u64,
}

/// Lifts the login delays on a user's account from every address (after a person was
/// locked out by someone guessing, or by their own typing).
#[utoipa::path(post, path = "/api/v1/users/{user_id}/unlock", tag = "admin", security(("bearer" = [])),
    params(("user_id" = i64, Path)),
    responses((status = 200, body = Unlocked), (status = 404, description = "No such user")))]
pub async fn unlock(admin: PlatformAdmin, Path(user): Path<UserId>) -> Result<Json<Unlocked>, AppError> {
    Ok(Json(Unlocked { cleared: admin.scope.unlock_logins(user).await? }))
}

/// Every audit event on the platform, newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "admin", security(("bearer" = [])), params(AuditPage),
    responses((status = 200, body = Page<kompetence_core::store::AuditEvent>)))]
pub async fn audit(
    admin: PlatformAdmin,
    Query(q): Query<AuditPage>,
) -> Result<Json<Page<kompetence_core::store::AuditEvent>>, AppError> {
    Ok(Json(admin.scope.audit_events(PageRequest::new(q.page, q.per_page)).await?.into()))
}

/// One organisation's audit events, newest first, for its administrators.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/audit", tag = "admin", security(("bearer" = [])),
    params(("org_id" = i64, Path), AuditPage),
    responses((status = 200, body = Page<kompetence_core::store::AuditEvent>), (status = 404, description = "Not an administrator there")))]
pub async fn org_audit(
    org: crate::auth::Org<crate::auth::roles::OrgAdmin>,
    Query(q): Query<AuditPage>,
) -> Result<Json<Page<kompetence_core::store::AuditEvent>>, AppError> {
    Ok(Json(org.scope.audit_events(PageRequest::new(q.page, q.per_page)).await?.into()))
}

/// Query parameters of the audit log.
#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditPage {
    /// Page number, from 1.
    pub page: Option<u32>,
    /// Items per page (1–200, default 25).
    pub per_page: Option<u32>,
}
