//! The JSON API under `/api/v1`: the same rights as the pages (same extractors), callable
//! with a bearer token. Documented by `openapi.rs`.
pub mod certificates;
pub mod employees;
pub mod enrolments;
pub mod exams;
pub mod learning;
pub mod me;
pub mod openapi;
pub mod orgs;
pub mod planning;
pub mod programmes;

use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON body (`Content-Type: application/json`). Malformed JSON answers 400; a field of
/// the wrong type or missing answers 422 naming the field (see [`crate::input::decode_json`]).
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let json =
            req.headers().get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| {
                v.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
        if !json {
            return Err(AppError::BadRequest);
        }
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::BadRequest
            }
        })?;
        crate::input::decode_json(&bytes).map(ApiJson)
    }
}

/// Query parameters of a paginated list.
#[derive(serde::Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Free-text filter.
    #[serde(default)]
    pub q: String,
    /// Page number, from 1.
    pub page: Option<u32>,
    /// Items per page (1–200, default 25).
    pub per_page: Option<u32>,
}

/// A page of results.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Page<T: utoipa::ToSchema> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

impl<T: utoipa::ToSchema> From<kompetence_core::store::Paged<T>> for Page<T> {
    fn from(p: kompetence_core::store::Paged<T>) -> Self {
        Self { items: p.items, total: p.total, page: p.page, per_page: p.per_page }
    }
}
