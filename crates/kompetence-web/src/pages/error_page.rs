//! The error a caller reads: a translated HTML page, the API's JSON error body, or — for a
//! visitor not logged in on a page — a redirect to the login page that returns here.
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::auth::RequestCtx;
use crate::error::{ErrorMarker, urlencode};

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
    page: super::PageCtx,
    title: String,
    message: String,
    status: u16,
    _p: std::marker::PhantomData<&'a ()>,
}

/// Turns an error marker into the response the caller can read (keeping a retry hint).
pub fn render(ctx: &RequestCtx, m: ErrorMarker, resp: Response) -> Response {
    let retry = resp.headers().get(header::RETRY_AFTER).cloned();
    let mut out = body(ctx, m, resp);
    if let Some(retry) = retry {
        out.headers_mut().insert(header::RETRY_AFTER, retry);
    }
    out
}

fn body(ctx: &RequestCtx, m: ErrorMarker, resp: Response) -> Response {
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
        page: super::PageCtx::from_ctx(ctx),
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
