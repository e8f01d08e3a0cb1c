//! A provider's modules, programmes, cohorts and teaching days over the API.
use crate::input::{Path, Query};
use axum::Json;
use axum::http::StatusCode;
use kompetence_core::domain::schedule::DayInput;
use kompetence_core::domain::{CohortId, ModuleId, OrgId, ProgrammeId};
use kompetence_core::store::{
    Cohort, CohortInput, Enrolment, Module, ModuleInput, PageRequest, Programme, ProgrammeInput, TeachingDay,
};
use serde::{Deserialize, Serialize};

use super::{ApiJson, ListParams, Page};
use crate::auth::Org;
use crate::auth::roles::{ProviderAdmin, ProviderStaff};
use crate::error::AppError;

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/modules", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path), ListParams), responses((status = 200, body = Page<Module>)))]
pub async fn modules(org: Org<ProviderAdmin>, Query(p): Query<ListParams>) -> Result<Json<Page<Module>>, AppError> {
    Ok(Json(org.scope.modules(PageRequest::new(p.page, p.per_page)).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/modules", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = ModuleInput,
    responses((status = 201, body = Module), (status = 409, description = "Code taken"), (status = 422, description = "Invalid input, e.g. ECTS not in 1–60")))]
pub async fn create_module(
    org: Org<ProviderAdmin>,
    ApiJson(b): ApiJson<ModuleInput>,
) -> Result<(StatusCode, Json<Module>), AppError> {
    Ok((StatusCode::CREATED, Json(org.scope.create_module(&b).await?)))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/programmes", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path)), responses((status = 200, body = Vec<Programme>)))]
pub async fn programmes(org: Org<ProviderAdmin>) -> Result<Json<Vec<Programme>>, AppError> {
    Ok(Json(org.scope.programmes().await?))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/programmes", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = ProgrammeInput,
    responses((status = 201, body = Programme), (status = 422, description = "Invalid input")))]
pub async fn create_programme(
    org: Org<ProviderAdmin>,
    ApiJson(b): ApiJson<ProgrammeInput>,
) -> Result<(StatusCode, Json<Programme>), AppError> {
    Ok((StatusCode::CREATED, Json(org.scope.create_programme(&b).await?)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AddModule {
    pub module_id: ModuleId,
    /// compulsory, elective or final_project
    pub role: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/programmes/{programme_id}/modules", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("programme_id" = i64, Path)), request_body = AddModule,
    responses((status = 204, description = "Added"), (status = 422, description = "Not allowed by the programme's structure rules")))]
pub async fn add_programme_module(
    org: Org<ProviderAdmin>,
    Path((_, id)): Path<(OrgId, ProgrammeId)>,
    ApiJson(b): ApiJson<AddModule>,
) -> Result<StatusCode, AppError> {
    org.scope.add_programme_module(id, b.module_id, &b.role).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/cohorts", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path), ListParams), responses((status = 200, body = Page<Cohort>)))]
pub async fn cohorts(org: Org<ProviderStaff>, Query(p): Query<ListParams>) -> Result<Json<Page<Cohort>>, AppError> {
    Ok(Json(org.scope.cohorts(PageRequest::new(p.page, p.per_page)).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/cohorts", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = CohortInput,
    responses((status = 201, body = Cohort), (status = 422, description = "Invalid input")))]
pub async fn create_cohort(
    org: Org<ProviderAdmin>,
    ApiJson(b): ApiJson<CohortInput>,
) -> Result<(StatusCode, Json<Cohort>), AppError> {
    Ok((StatusCode::CREATED, Json(org.scope.create_cohort(&b).await?)))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CohortDetail {
    pub cohort: Cohort,
    pub days: Vec<TeachingDay>,
    pub participants: Vec<Enrolment>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/cohorts/{cohort_id}", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("cohort_id" = i64, Path)),
    responses((status = 200, body = CohortDetail), (status = 404, description = "Not this provider's cohort")))]
pub async fn cohort(
    org: Org<ProviderStaff>,
    Path((_, id)): Path<(OrgId, CohortId)>,
) -> Result<Json<CohortDetail>, AppError> {
    Ok(Json(CohortDetail {
        cohort: org.scope.cohort(id).await?,
        days: org.scope.days(id).await?,
        participants: org.scope.cohort_enrolments(id).await?,
    }))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org_id}/cohorts/{cohort_id}", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("cohort_id" = i64, Path)), request_body = CohortInput,
    responses((status = 200, body = Cohort), (status = 422, description = "Invalid input, e.g. capacity below the seats taken")))]
pub async fn update_cohort(
    org: Org<ProviderAdmin>,
    Path((_, id)): Path<(OrgId, CohortId)>,
    ApiJson(b): ApiJson<CohortInput>,
) -> Result<Json<Cohort>, AppError> {
    Ok(Json(org.scope.update_cohort(id, &b).await?))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/days", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("cohort_id" = i64, Path)), request_body = DayInput,
    responses((status = 201, body = TeachingDay), (status = 422, description = "E.g. ends before it starts, or outside the cohort's period")))]
pub async fn add_day(
    org: Org<ProviderAdmin>,
    Path((_, id)): Path<(OrgId, CohortId)>,
    ApiJson(b): ApiJson<DayInput>,
) -> Result<(StatusCode, Json<TeachingDay>), AppError> {
    Ok((StatusCode::CREATED, Json(org.scope.add_day(id, &b).await?)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewSpecialisation {
    pub municipality_id: OrgId,
    pub title: String,
    /// The local content laid on the module (its outcomes and exam rules stay the module's).
    pub content: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Created {
    pub id: i64,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/modules/{module_id}/specialisations", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("module_id" = i64, Path)), request_body = NewSpecialisation,
    responses((status = 201, body = Created), (status = 422, description = "Invalid input or unknown municipality")))]
pub async fn create_specialisation(
    org: Org<ProviderAdmin>,
    Path((_, id)): Path<(OrgId, ModuleId)>,
    ApiJson(b): ApiJson<NewSpecialisation>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let s = org.scope.create_specialisation(id, b.municipality_id, &b.title, &b.content).await?;
    Ok((StatusCode::CREATED, Json(Created { id: s.0 })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TeacherIn {
    /// E-mail of a user with the teacher role at this provider.
    pub email: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/teachers", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("cohort_id" = i64, Path)), request_body = TeacherIn,
    responses((status = 204, description = "Assigned"), (status = 422, description = "No such teacher at this provider")))]
pub async fn assign_teacher(
    org: Org<ProviderAdmin>,
    Path((_, id)): Path<(OrgId, CohortId)>,
    ApiJson(b): ApiJson<TeacherIn>,
) -> Result<StatusCode, AppError> {
    org.scope.assign_teacher(id, &b.email).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The grade distribution and ECTS grading table of a module over the last two years,
/// overall and per cohort.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/modules/{module_id}/statistics", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("module_id" = i64, Path)),
    responses((status = 200, body = crate::pages::statistics::Statistics), (status = 404, description = "Not this provider's module")))]
pub async fn statistics(
    org: Org<ProviderAdmin>,
    Path((_, id)): Path<(OrgId, ModuleId)>,
) -> Result<Json<crate::pages::statistics::Statistics>, AppError> {
    Ok(Json(crate::pages::statistics::statistics(&org, id).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgressParams {
    /// The participant's e-mail.
    #[serde(default)]
    pub email: String,
}

/// A person's progress in a programme: modules passed and missing, credit transfer, the
/// total required and the completion deadline.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/programmes/{programme_id}/progress", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("programme_id" = i64, Path), ProgressParams),
    responses((status = 200, body = kompetence_core::store::Progress), (status = 422, description = "Unknown person")))]
pub async fn progress(
    org: Org<ProviderAdmin>,
    Path((_, id)): Path<(OrgId, ProgrammeId)>,
    Query(q): Query<ProgressParams>,
) -> Result<Json<kompetence_core::store::Progress>, AppError> {
    Ok(Json(org.scope.progress(id, &q.email).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TransferIn {
    pub email: String,
    pub title: String,
    pub source: String,
    pub ects: u32,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/programmes/{programme_id}/transfers", tag = "provider", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("programme_id" = i64, Path)), request_body = TransferIn,
    responses((status = 204, description = "Recorded"), (status = 422, description = "Over the programme's cap, or invalid")))]
pub async fn add_transfer(
    org: Org<ProviderAdmin>,
    Path((_, id)): Path<(OrgId, ProgrammeId)>,
    ApiJson(b): ApiJson<TransferIn>,
) -> Result<StatusCode, AppError> {
    org.scope.add_credit_transfer(id, &b.email, &b.title, &b.source, &b.ects.to_string()).await?;
    Ok(StatusCode::NO_CONTENT)
}
