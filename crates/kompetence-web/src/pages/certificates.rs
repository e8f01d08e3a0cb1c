//! Certificates: the provider issues and revokes them per cohort; the participant downloads
//! the diploma PDF (Danish or English), the signed credential and the transcript PDF.
use crate::auth::Me;
use crate::input::{Path, Query};
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use kompetence_core::documents::diploma;
use kompetence_core::domain::{CertificateId, CohortId, EnrolmentId, Locale, OrgId, Rounding};
use kompetence_core::store::{Certificate, CertificateCandidate, Cohort};
use serde::Deserialize;

use super::{FormErrors, PageCtx, absolute, ok, safe_next, submitted};
use crate::auth::roles::ProviderAdmin;
use crate::auth::{CsrfForm, Org};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct LangQuery {
    #[serde(default)]
    lang: String,
}

impl LangQuery {
    fn locale(&self) -> Locale {
        Locale::parse(&self.lang).unwrap_or(Locale::Da)
    }
}

#[derive(Deserialize, Default)]
pub struct IssueForm {
    #[serde(default)]
    enrolment_id: String,
}

#[derive(Deserialize, Default)]
pub struct RevokeForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
    /// The cohort page to show again when the reason is missing.
    #[serde(default)]
    cohort_id: String,
}

#[derive(askama::Template)]
#[template(path = "certificates.html")]
struct CohortCertificates {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    cohort: Cohort,
    candidates: Vec<CertificateCandidate>,
    errors: FormErrors,
}

async fn cohort_page(
    org: &Org<ProviderAdmin>,
    page: PageCtx,
    cohort: CohortId,
    errors: FormErrors,
) -> Result<CohortCertificates, AppError> {
    let c = org.scope.cohort(cohort).await?;
    let candidates = org.scope.certificate_candidates(cohort).await?;
    Ok(CohortCertificates {
        title: format!("{} – {}", page.t("certificates-title"), c.name),
        org_id: org.id(),
        cohort: c,
        candidates,
        errors,
        page,
    })
}

pub async fn cohort(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
) -> Result<Response, AppError> {
    ok(&cohort_page(&org, page, id, FormErrors::default()).await?)
}

pub async fn issue(
    State(state): State<AppState>,
    org: Org<ProviderAdmin>,
    page: PageCtx,
    headers: HeaderMap,
    Path((_, id)): Path<(OrgId, CohortId)>,
    CsrfForm(f): CsrfForm<IssueForm>,
) -> Result<Response, AppError> {
    let enrolment = f.enrolment_id.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
    let base = absolute(&state.config, &headers, "");
    let result = org.scope.issue_certificate(id, EnrolmentId(enrolment), &base).await;
    submitted(
        page,
        result,
        |_| format!("/o/{}/cohorts/{id}/certificates", org.id()),
        |page, errors| cohort_page(&org, page, id, errors),
    )
    .await
}

pub async fn revoke(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CertificateId)>,
    CsrfForm(f): CsrfForm<RevokeForm>,
) -> Result<Response, AppError> {
    // The cohort page lists many certificates: a refusal is shown at the top ("certificate"),
    // not next to one reason field.
    let result = match org.scope.revoke_certificate(id, &f.reason).await {
        Err(kompetence_core::Error::Validation(v)) => Err(kompetence_core::Error::Validation(
            v.into_iter().map(|e| kompetence_core::domain::ValidationError::new("certificate", e.key)).collect(),
        )),
        // Revoked already: a state conflict (409), not something to correct in the form.
        Err(e @ kompetence_core::Error::Conflict { .. }) => return Err(e.into()),
        other => other,
    };
    submitted(
        page,
        result,
        |_| safe_next(&f.back).to_string(),
        |page, errors| async {
            // A refusal is shown on the cohort's page the form came from.
            let cohort = f.cohort_id.parse::<CohortId>().map_err(|_| AppError::NotFound)?;
            cohort_page(&org, page, cohort, errors).await
        },
    )
    .await
}

pub(crate) fn pdf_response(bytes: Vec<u8>, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

async fn diploma_response(cert: Certificate, lang: Locale) -> Result<Response, AppError> {
    let name = format!("kursusbevis-{}-{}.pdf", cert.number, lang.as_str());
    // PDF layout is CPU work: keep it off the async workers.
    let bytes = tokio::task::spawn_blocking(move || diploma::diploma_pdf(&cert.content, lang))
        .await
        .map_err(|e| AppError::Unexpected(e.into()))??;
    Ok(pdf_response(bytes, &name))
}

pub async fn provider_pdf(
    org: Org<ProviderAdmin>,
    Path((_, id)): Path<(OrgId, CertificateId)>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    diploma_response(org.scope.certificate(id).await?, q.locale()).await
}

#[derive(askama::Template)]
#[template(path = "my_certificates.html")]
struct MyCertificates {
    page: PageCtx,
    title: String,
    certificates: Vec<Certificate>,
}

pub async fn mine(me: Me, page: PageCtx) -> Result<Response, AppError> {
    let certificates = me.scope.certificates().await?;
    ok(&MyCertificates { title: page.t("my-certificates-title"), certificates, page })
}

pub async fn my_pdf(me: Me, Path(id): Path<CertificateId>, Query(q): Query<LangQuery>) -> Result<Response, AppError> {
    diploma_response(me.scope.certificate(id).await?, q.locale()).await
}

pub async fn my_jwt(me: Me, Path(id): Path<CertificateId>) -> Result<Response, AppError> {
    let cert = me.scope.certificate(id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/jwt".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"kursusbevis-{}.jwt\"", cert.number)),
        ],
        cert.credential_jwt,
    )
        .into_response())
}

/// The credential as JSON: the signed VC-JWT's payload, with the JWT itself alongside so the
/// file can be presented for verification as it is.
pub async fn my_json(me: Me, Path(id): Path<CertificateId>) -> Result<Response, AppError> {
    let cert = me.scope.certificate(id).await?;
    let payload = cert.credential_jwt.split('.').nth(1).unwrap_or_default();
    use base64::Engine;
    let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("stored credential: {e}")))?;
    let mut credential: serde_json::Value =
        serde_json::from_slice(&decoded).map_err(|e| AppError::Unexpected(e.into()))?;
    for claim in ["iss", "jti", "sub", "nbf", "iat"] {
        credential.as_object_mut().map(|o| o.remove(claim));
    }
    let body = serde_json::json!({ "credential": cert.credential_jwt, "decoded": credential });
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"kursusbevis-{}.json\"", cert.number)),
        ],
        serde_json::to_string_pretty(&body).map_err(|e| AppError::Unexpected(e.into()))?,
    )
        .into_response())
}

pub async fn transcript_pdf(me: Me, Query(q): Query<LangQuery>) -> Result<Response, AppError> {
    let t = me.scope.transcript(Rounding::default()).await?;
    let lang = q.locale();
    let today = super::local_time(&time::OffsetDateTime::now_utc().unix_timestamp());
    let today = today.split(' ').next().unwrap_or_default().to_string();
    let bytes = tokio::task::spawn_blocking(move || diploma::transcript_pdf(&t, lang, &today))
        .await
        .map_err(|e| AppError::Unexpected(e.into()))??;
    Ok(pdf_response(bytes, &format!("karakterudskrift-{}.pdf", lang.as_str())))
}
