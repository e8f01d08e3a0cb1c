//! The public side of certificates: the JWK set, issuer profiles and the verification page
//! where anyone can paste or upload a credential.
use crate::input::Path;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kompetence_core::store::Verdict;

use super::{PageCtx, absolute, ok, render};
use crate::auth::CsrfMultipart;
use crate::error::AppError;
use crate::state::AppState;
use kompetence_core::domain::OrgId;

pub async fn jwks(State(state): State<AppState>) -> Result<Response, AppError> {
    let keys = state.gate.jwks().await?;
    Ok(([(header::CACHE_CONTROL, "public, max-age=300")], Json(keys)).into_response())
}

pub async fn issuer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<OrgId>,
) -> Result<Response, AppError> {
    let base = absolute(&state.config, &headers, "");
    let profile = state.gate.issuer_profile(id, &base).await?.ok_or(AppError::NotFound)?;
    Ok(Json(profile).into_response())
}

#[derive(askama::Template)]
#[template(path = "verify.html")]
struct VerifyPage {
    page: PageCtx,
    title: String,
    credential: String,
    verdict: Option<Verdict>,
    error: Option<String>,
}

impl VerifyPage {
    /// The verdict's message key and CSS class.
    fn status(&self) -> Option<(&'static str, &'static str)> {
        Some(match self.verdict.as_ref()? {
            Verdict::Valid { .. } => ("verify-valid", "ok"),
            Verdict::Revoked { .. } => ("verify-revoked", "alert"),
            Verdict::Tampered => ("verify-tampered", "alert"),
            Verdict::UnknownIssuer => ("verify-unknown-issuer", "alert"),
            Verdict::Malformed => ("verify-malformed", "alert"),
        })
    }
    fn summary(&self) -> Option<&kompetence_core::store::CredentialSummary> {
        match self.verdict.as_ref()? {
            Verdict::Valid { summary } | Verdict::Revoked { summary, .. } => Some(summary),
            _ => None,
        }
    }
    fn revoked(&self) -> Option<(String, String)> {
        match self.verdict.as_ref()? {
            Verdict::Revoked { revoked_at, reason, .. } => {
                Some((super::local_time(revoked_at), reason.clone().unwrap_or_default()))
            }
            _ => None,
        }
    }
}

pub async fn form(page: PageCtx) -> Result<Response, AppError> {
    ok(&VerifyPage { title: page.t("verify-title"), credential: String::new(), verdict: None, error: None, page })
}

/// Largest credential accepted from the form (a credential is a few kilobytes).
const MAX_CREDENTIAL: usize = 64 * 1024;

pub async fn submit(State(state): State<AppState>, page: PageCtx, form: CsrfMultipart) -> Result<Response, AppError> {
    let pasted = form.text("credential").trim().to_string();
    let uploaded = form.files.iter().find(|f| f.field == "file");
    let (credential, error) = match uploaded {
        Some(f) if f.bytes.len() > MAX_CREDENTIAL => (pasted, Some(page.t("verify-too-large"))),
        Some(f) => match std::str::from_utf8(&f.bytes) {
            Ok(text) => (text.trim().to_string(), None),
            Err(_) => (pasted, Some(page.t("verify-not-text"))),
        },
        None if pasted.is_empty() => (pasted, Some(page.t("verify-empty"))),
        None => (pasted, None),
    };
    let title = page.t("verify-title");
    if error.is_some() {
        return render(StatusCode::UNPROCESSABLE_ENTITY, &VerifyPage { title, credential, verdict: None, error, page });
    }
    let verdict = state.gate.verify_credential(&credential).await?;
    ok(&VerifyPage { title, credential, verdict: Some(verdict), error: None, page })
}
