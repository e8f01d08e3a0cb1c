//! The municipality's employees over the API: list (a leader: own staff), read, create, update.
use crate::input::{Path, Query};
use axum::Json;
use axum::http::StatusCode;
use kompetence_core::domain::{EmployeeId, OrgId};
use kompetence_core::store::{Employee, EmployeeInput, PageRequest};

use super::{ApiJson, ListParams, Page};
use crate::auth::Org;
use crate::auth::roles::{Hr, StaffViewer};
use crate::error::AppError;

/// A municipality's employees; leaders who are not HR get their own staff only.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/employees", tag = "employees", security(("bearer" = [])),
    params(("org_id" = i64, Path), ListParams),
    responses((status = 200, body = Page<Employee>), (status = 404, description = "Not a member of this organisation")))]
pub async fn list(org: Org<StaffViewer>, Query(p): Query<ListParams>) -> Result<Json<Page<Employee>>, AppError> {
    Ok(Json(org.scope.employees(&p.q, PageRequest::new(p.page, p.per_page)).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/employees", tag = "employees", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = EmployeeInput,
    responses((status = 201, body = Employee), (status = 409, description = "E-mail already used in this municipality"), (status = 422, description = "Invalid input")))]
pub async fn create(
    org: Org<Hr>,
    ApiJson(b): ApiJson<EmployeeInput>,
) -> Result<(StatusCode, Json<Employee>), AppError> {
    Ok((StatusCode::CREATED, Json(org.scope.create_employee(&b).await?)))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/employees/{employee_id}", tag = "employees", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("employee_id" = i64, Path)),
    responses((status = 200, body = Employee), (status = 404, description = "No such employee here")))]
pub async fn get(org: Org<Hr>, Path((_, id)): Path<(OrgId, EmployeeId)>) -> Result<Json<Employee>, AppError> {
    Ok(Json(org.scope.employee(id).await?))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org_id}/employees/{employee_id}", tag = "employees", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("employee_id" = i64, Path)), request_body = EmployeeInput,
    responses((status = 200, body = Employee), (status = 404, description = "No such employee here"), (status = 422, description = "Invalid input")))]
pub async fn update(
    org: Org<Hr>,
    Path((_, id)): Path<(OrgId, EmployeeId)>,
    ApiJson(b): ApiJson<EmployeeInput>,
) -> Result<Json<Employee>, AppError> {
    Ok(Json(org.scope.update_employee(id, &b).await?))
}
