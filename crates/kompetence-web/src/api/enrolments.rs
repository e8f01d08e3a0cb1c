//! A municipality's catalogue and enrolments, and a person's own schedule, over the API.
use crate::auth::Me;
use crate::input::{Path, Query};
use axum::Json;
use axum::http::StatusCode;
use kompetence_core::domain::{CohortId, EnrolmentId, EnrolmentState, OrgId};
use kompetence_core::store::{Cohort, Coverage, Enrolment, PageRequest, Schedule};
use serde::Deserialize;

use super::{ApiJson, ListParams, Page};
use crate::auth::Org;
use crate::auth::roles::{Hr, StaffViewer};
use crate::error::AppError;

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/catalogue", tag = "municipality", security(("bearer" = [])),
    params(("org_id" = i64, Path), ListParams), responses((status = 200, body = Page<Cohort>)))]
pub async fn catalogue(org: Org<StaffViewer>, Query(p): Query<ListParams>) -> Result<Json<Page<Cohort>>, AppError> {
    Ok(Json(org.scope.catalogue(&p.q, PageRequest::new(p.page, p.per_page)).await?.into()))
}

/// The municipality's coverage report: staff reached, taking a module now and passed, with
/// ECTS credits, per department and per module.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/coverage", tag = "municipality", security(("bearer" = [])),
    params(("org_id" = i64, Path)), responses((status = 200, body = Coverage), (status = 404, description = "Not a municipality")))]
pub async fn coverage(org: Org<Hr>) -> Result<Json<Coverage>, AppError> {
    Ok(Json(org.scope.coverage().await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EnrolmentParams {
    /// Only enrolments in this state.
    pub state: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/enrolments", tag = "municipality", security(("bearer" = [])),
    params(("org_id" = i64, Path), EnrolmentParams), responses((status = 200, body = Page<Enrolment>)))]
pub async fn list(org: Org<StaffViewer>, Query(p): Query<EnrolmentParams>) -> Result<Json<Page<Enrolment>>, AppError> {
    let only = p.state.as_deref().and_then(EnrolmentState::parse);
    Ok(Json(org.scope.municipal_enrolments(only, PageRequest::new(p.page, p.per_page)).await?.into()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewEnrolment {
    pub cohort_id: CohortId,
    pub employee_email: String,
    /// Approve at once (placed on a seat, or on the waitlist when full).
    #[serde(default)]
    pub approve: bool,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/enrolments", tag = "municipality", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = NewEnrolment,
    responses((status = 201, body = Enrolment), (status = 409, description = "Already enrolled"), (status = 422, description = "Unknown employee, another municipality's employee, sign-up closed")))]
pub async fn create(
    org: Org<StaffViewer>,
    ApiJson(b): ApiJson<NewEnrolment>,
) -> Result<(StatusCode, Json<Enrolment>), AppError> {
    let e = org.scope.enrol(b.cohort_id, &b.employee_email, b.approve).await?;
    Ok((StatusCode::CREATED, Json(e)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RejectBody {
    /// Why (kept in the enrolment's history, shown to HR and the employee's leader).
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/enrolments/{enrolment_id}/reject", tag = "municipality", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("enrolment_id" = i64, Path)), request_body = RejectBody,
    responses((status = 200, body = Enrolment), (status = 404, description = "Not this caller's (a leader: not own staff)"),
        (status = 409, description = "No longer a request"), (status = 422, description = "No reason given")))]
pub async fn reject(
    org: Org<StaffViewer>,
    Path((_, id)): Path<(OrgId, EnrolmentId)>,
    ApiJson(b): ApiJson<RejectBody>,
) -> Result<Json<Enrolment>, AppError> {
    Ok(Json(org.scope.reject_enrolment(id, &b.reason).await?))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/enrolments/{enrolment_id}/approve", tag = "municipality", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("enrolment_id" = i64, Path)),
    responses((status = 200, body = Enrolment), (status = 422, description = "Not awaiting approval")))]
pub async fn approve(
    org: Org<StaffViewer>,
    Path((_, id)): Path<(OrgId, EnrolmentId)>,
) -> Result<Json<Enrolment>, AppError> {
    Ok(Json(org.scope.approve_enrolment(id).await?))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/enrolments/{enrolment_id}/withdraw", tag = "municipality", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("enrolment_id" = i64, Path)),
    responses((status = 200, body = Enrolment), (status = 422, description = "Already withdrawn or completed")))]
pub async fn withdraw(
    org: Org<StaffViewer>,
    Path((_, id)): Path<(OrgId, EnrolmentId)>,
) -> Result<Json<Enrolment>, AppError> {
    Ok(Json(org.scope.withdraw_enrolment(id).await?))
}

/// The caller's own cohorts, coming teaching days and clashes ("Mit forløb").
#[utoipa::path(get, path = "/api/v1/me/schedule", tag = "me", security(("bearer" = [])), responses((status = 200, body = Schedule)))]
pub async fn schedule(me: Me) -> Result<Json<Schedule>, AppError> {
    Ok(Json(me.scope.schedule().await?))
}
