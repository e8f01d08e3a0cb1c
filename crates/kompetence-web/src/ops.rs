//! Operational endpoints: health, metrics, static assets.
use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Path, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::error::AppError;
use crate::state::AppState;

/// The process-wide Prometheus recorder (metrics macros report to one global recorder).
pub fn metrics_handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("http_request_duration_seconds".into()),
                &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5],
            )
            .expect("valid buckets")
            .build_recorder();
        let handle = recorder.handle();
        // In tests another recorder may already be installed; then we still render ours.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// The method as a label from a closed set: anyone can send `FOO /`, and every new label
/// value is a series kept for the life of the process.
fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Middleware: request count and latency per route template (never per raw path, which
/// would leak ids into labels and grow without bound), known method and status code —
/// every label from a closed set.
pub async fn track_metrics(req: Request, next: Next) -> Response {
    metrics_handle();
    let route =
        req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string()).unwrap_or_else(|| "unmatched".into());
    let method = method_label(req.method()).to_string();
    let start = Instant::now();
    let resp = next.run(req).await;
    let status = resp.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels[..2]).record(start.elapsed().as_secs_f64());
    resp
}

/// 200 when the database answers within a second, 503 otherwise (a load balancer must
/// not wait for the pool's own timeout to learn that a node is unwell).
pub async fn healthz(State(state): State<AppState>) -> Response {
    let answered = tokio::time::timeout(std::time::Duration::from_secs(1), state.gate.ping()).await;
    if answered.unwrap_or(false) {
        (StatusCode::OK, "ok\n").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
    }
}

/// The Prometheus text, only for a scraper presenting the configured token as
/// `Authorization: Bearer …`; without a configured token, or with a wrong one, it is "not
/// found" like any unknown page (the figures tell an outsider about load and users).
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let allowed = match (&state.config.metrics_token, presented) {
        (Some(token), Some(p)) => crate::auth::tokens_match(p, token.expose()),
        _ => false,
    };
    if !allowed {
        return AppError::NotFound.into_response();
    }
    let stats = state.gate.pool_stats();
    metrics::gauge!("db_pool_connections").set(f64::from(stats.size));
    metrics::gauge!("db_pool_idle_connections").set(stats.idle as f64);
    metrics::gauge!("db_pool_max_connections").set(f64::from(stats.max));
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], metrics_handle().render()).into_response()
}

const ASSETS: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("../assets/app.css")),
    ("htmx.min.js", "text/javascript; charset=utf-8", include_bytes!("../assets/htmx.min.js")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../assets/app.js")),
];

pub async fn asset(Path(file): Path<String>) -> Result<Response, AppError> {
    let (_, mime, body) = ASSETS.iter().find(|(n, _, _)| *n == file).ok_or(AppError::NotFound)?;
    Ok(([(header::CONTENT_TYPE, *mime), (header::CACHE_CONTROL, "public, max-age=3600")], *body).into_response())
}
