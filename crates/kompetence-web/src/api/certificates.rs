//! Certificates over the API: issue and revoke (provider), list one's own (participant), and
//! verify a presented credential (anyone).
use crate::auth::Me;
use crate::input::Path;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use kompetence_core::domain::{CertificateId, CohortId, EnrolmentId, OrgId};
use kompetence_core::store::{Certificate, Verdict};
use serde::Deserialize;

use super::ApiJson;
use crate::auth::Org;
use crate::auth::roles::ProviderAdmin;
use crate::error::AppError;
use crate::pages::absolute;
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct IssueIn {
    pub enrolment_id: EnrolmentId,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RevokeIn {
    pub reason: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct VerifyIn {
    /// The credential: a compact JWS (VC-JWT), or the JSON file downloaded from the product.
    pub credential: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/certificates", tag = "certificates", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("cohort_id" = i64, Path)), request_body = IssueIn,
    responses((status = 201, body = Certificate), (status = 404, description = "Not a cohort or enrolment of yours"),
              (status = 422, description = "The module is not passed")))]
pub async fn issue(
    State(state): State<AppState>,
    org: Org<ProviderAdmin>,
    headers: HeaderMap,
    Path((_, cohort)): Path<(OrgId, CohortId)>,
    ApiJson(b): ApiJson<IssueIn>,
) -> Result<(StatusCode, Json<Certificate>), AppError> {
    let base = absolute(&state.config, &headers, "");
    let cert = org.scope.issue_certificate(cohort, b.enrolment_id, &base).await?;
    Ok((StatusCode::CREATED, Json(cert)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/certificates/{certificate_id}/revoke", tag = "certificates", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("certificate_id" = i64, Path)), request_body = RevokeIn,
    responses((status = 200, body = Certificate), (status = 404, description = "Not a certificate of yours"),
              (status = 409, description = "Already revoked"), (status = 422, description = "No reason given")))]
pub async fn revoke(
    org: Org<ProviderAdmin>,
    Path((_, id)): Path<(OrgId, CertificateId)>,
    ApiJson(b): ApiJson<RevokeIn>,
) -> Result<Json<Certificate>, AppError> {
    Ok(Json(org.scope.revoke_certificate(id, &b.reason).await?))
}

#[utoipa::path(get, path = "/api/v1/me/certificates", tag = "me", security(("bearer" = [])), responses((status = 200, body = Vec<Certificate>)))]
pub async fn mine(me: Me) -> Result<Json<Vec<Certificate>>, AppError> {
    Ok(Json(me.scope.certificates().await?))
}

#[utoipa::path(post, path = "/api/v1/verify", tag = "certificates", request_body = VerifyIn,
    responses((status = 200, body = Verdict, description = "valid, revoked, tampered, unknown_issuer or malformed")))]
pub async fn verify(State(state): State<AppState>, ApiJson(b): ApiJson<VerifyIn>) -> Result<Json<Verdict>, AppError> {
    Ok(Json(state.gate.verify_credential(&b.credential).await?))
}
