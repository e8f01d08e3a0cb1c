//! One error policy for the web layer.
//!
//! Handlers return `AppError`. Its response carries only a status and an [`ErrorMarker`];
//! the request middleware (`crate::request`), which knows the caller's language and whether
//! this is an API call, has `pages::error_page` turn the marker into a translated HTML page, a JSON body, or (for a
//! visitor not logged in on a page) a redirect to the login page that returns here
//! afterwards. Unexpected errors are logged with their cause; users see a generic message.
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kompetence_core::domain::ValidationError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("not logged in")]
    Unauthenticated,
    #[error("csrf token missing or wrong")]
    Csrf,
    #[error("bad request")]
    BadRequest,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("invalid input")]
    Invalid(Vec<ValidationError>),
    #[error("conflict")]
    Conflict(ValidationError),
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// Seconds a client is asked to wait before trying again while the database is away.
pub const RETRY_AFTER_SECS: &str = "5";

impl From<kompetence_core::Error> for AppError {
    fn from(e: kompetence_core::Error) -> Self {
        use kompetence_core::Error as E;
        match e {
            E::NotFound => AppError::NotFound,
            E::Forbidden => AppError::Forbidden,
            E::Validation(v) => AppError::Invalid(v),
            E::Conflict { field, key } => AppError::Conflict(ValidationError::new(field, key)),
            E::Unavailable(e) => AppError::Unavailable(e.to_string()),
            E::Unexpected(e) => AppError::Unexpected(e),
        }
    }
}

/// What went wrong, carried from the handler to the renderer.
#[derive(Debug, Clone)]
pub struct ErrorMarker {
    pub code: &'static str,
    pub key: &'static str,
    pub fields: Vec<ValidationError>,
}

impl AppError {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", "err-not-found"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden", "err-forbidden"),
            AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated", "err-unauthenticated"),
            AppError::Csrf => (StatusCode::FORBIDDEN, "csrf", "err-csrf"),
            AppError::BadRequest => (StatusCode::BAD_REQUEST, "bad_request", "err-bad-request"),
            AppError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "too_large", "err-too-large"),
            AppError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid", "err-invalid"),
            AppError::Conflict(_) => (StatusCode::CONFLICT, "conflict", "err-invalid"),
            AppError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable", "err-unavailable"),
            AppError::Unexpected(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal", "err-internal"),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Unexpected(e) => tracing::error!(error = ?e, "request failed"),
            AppError::Unavailable(cause) => tracing::error!(%cause, "database unavailable"),
            _ => {}
        }
        let (status, code, key) = self.parts();
        let fields = match self {
            AppError::Invalid(v) => v,
            AppError::Conflict(v) => vec![v],
            _ => vec![],
        };
        let mut resp = status.into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECS));
        }
        resp.extensions_mut().insert(ErrorMarker { code, key, fields });
        resp
    }
}

pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|x| x[1..].to_string()).unwrap_or_default()
}
