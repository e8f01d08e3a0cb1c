//! Health, metrics and static assets.
use axum::http::StatusCode;

use crate::support::TestApp;

#[tokio::test]
async fn healthz_reports_whether_the_database_answers() {
    let t = TestApp::new().await;
    let ok = t.get("/healthz", None).await;
    assert_eq!(ok.status, StatusCode::OK);
    t.store.close().await;
    assert_eq!(t.get("/healthz", None).await.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn metrics_count_requests_per_route_template_and_show_the_pool() {
    let t = TestApp::new().await;
    let org = t.org("Aabenraa Kommune", "municipality").await;
    t.get(&format!("/o/{}", org.id), None).await;
    let m = t.get("/metrics", None).await;
    assert_eq!(m.status, StatusCode::OK);
    assert!(m.body.contains("http_requests_total{method=\"GET\",route=\"/o/{org_id}\",status=\"303\"}"), "{}", m.body);
    assert!(m.body.contains("http_request_duration_seconds_bucket"));
    assert!(m.body.contains("db_pool_max_connections"));
    assert!(!m.body.contains(&format!("/o/{}\"", org.id)), "raw ids never become labels");
}

#[tokio::test]
async fn static_assets_are_served_from_the_binary() {
    let t = TestApp::new().await;
    let css = t.get("/static/app.css", None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.headers["content-type"].to_str().unwrap().starts_with("text/css"));
    assert!(t.get("/static/htmx.min.js", None).await.body.contains("htmx"));
    assert_eq!(t.get("/static/../Cargo.toml", None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn unknown_pages_answer_404_in_danish() {
    let t = TestApp::new().await;
    let r = t.get("/findes-ikke", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Siden findes ikke"));
}

#[tokio::test]
async fn the_accessibility_statement_is_public_and_linked_from_every_page() {
    let t = TestApp::new().await;
    let was = t.get("/was", None).await;
    assert_eq!(was.status, StatusCode::OK);
    assert!(was.body.contains("Tilgængelighedserklæring") && was.body.contains("WCAG 2.1"));
    assert!(t.get("/login", None).await.body.contains("href=\"/was\""));
}
