//! One error policy for the web layer.
//!
//! Handlers return `AppError`. Its response carries only a status and an [`ErrorMarker`];
//! the request-context middleware, which knows the caller's language and whether this is
//! an API call, turns the marker into a translated HTML page, a JSON body, or (for a
//! visitor not logged in on a page) a redirect to the login page that returns here
//! afterwards. Unexpected errors are logged with their cause; users see a generic message.
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kompetence_core::domain::ValidationError;

use crate::auth::RequestCtx;

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
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl From<kompetence_core::Error> for AppError {
    fn from(e: kompetence_core::Error) -> Self {
        use kompetence_core::Error as E;
        match e {
            E::NotFound => AppError::NotFound,
            E::Forbidden => AppError::Forbidden,
            E::Validation(v) => AppError::Invalid(v),
            E::Conflict { field, key } => AppError::Conflict(ValidationError::new(field, key)),
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
            AppError::Unexpected(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal", "err-internal"),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Unexpected(e) = &self {
            tracing::error!(error = ?e, "request failed");
        }
        let (status, code, key) = self.parts();
        let fields = match self {
            AppError::Invalid(v) => v,
            AppError::Conflict(v) => vec![v],
            _ => vec![],
        };
        let mut resp = status.into_response();
        resp.extensions_mut().insert(ErrorMarker { code, key, fields });
        resp
    }
}

#[derive(serde::Serialize)]
struct ApiErrorBody {
    error: &'static str,
    message: String,
    fields: Vec<ApiFieldError>,
}

#[derive(serde::Serialize)]
struct ApiFieldError {
    field: String,
    code: &'static str,
    message: String,
}

#[derive(askama::Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: crate::pages::PageCtx,
    title: String,
    message: String,
    status: u16,
    _p: std::marker::PhantomData<&'a ()>,
}

/// Turns an error marker into the response the caller can read.
pub fn render(ctx: &RequestCtx, m: ErrorMarker, resp: Response) -> Response {
    let status = resp.status();
    let tr = &ctx.tr;
    if ctx.is_api() {
        let body = ApiErrorBody {
            error: m.code,
            message: tr.t(m.key),
            fields: m
                .fields
                .iter()
                .map(|f| ApiFieldError { field: f.field.to_string(), code: f.key, message: tr.t(f.key) })
                .collect(),
        };
        let mut r = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        return r;
    }
    if status == StatusCode::UNAUTHORIZED {
        let next = if ctx.method == axum::http::Method::GET { ctx.here.as_str() } else { "/" };
        let mut url = format!("/login?next={}", urlencode(next));
        if ctx.session_expired {
            url.push_str("&expired=1");
        }
        return Redirect::to(&url).into_response();
    }
    let mut message = tr.t(m.key);
    for f in &m.fields {
        message.push(' ');
        message.push_str(&tr.t(f.key));
    }
    let page = ErrorPage {
        page: crate::pages::PageCtx::from_ctx(ctx),
        title: tr.t(m.key),
        message,
        status: status.as_u16(),
        _p: Default::default(),
    };
    match askama::Template::render(&page) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "rendering error page");
            status.into_response()
        }
    }
}

pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|x| x[1..].to_string()).unwrap_or_default()
}
