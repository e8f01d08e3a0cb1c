//! Health, metrics and static assets.
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kompetence_web::{MetricsToken, WebConfig};

use crate::support::TestApp;

#[tokio::test]
async fn healthz_reports_whether_the_database_answers() {
    let t = TestApp::new().await;
    let ok = t.get("/healthz", None).await;
    assert_eq!(ok.status, StatusCode::OK);
    t.store.close().await;
    assert_eq!(t.get("/healthz", None).await.status, StatusCode::SERVICE_UNAVAILABLE);
}

const TOKEN: &str = "scrape-me-0123456789abcdef";

async fn with_metrics() -> TestApp {
    TestApp::with_config(WebConfig { metrics_token: MetricsToken::new(TOKEN), ..WebConfig::default() }).await
}

async fn scrape(t: &TestApp, token: Option<&str>) -> crate::support::Resp {
    let mut req = Request::builder().uri("/metrics");
    if let Some(token) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    t.send(req.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn metrics_are_served_only_to_the_configured_token() {
    let open = TestApp::new().await;
    assert_eq!(scrape(&open, None).await.status, StatusCode::NOT_FOUND, "no token configured: not served");
    assert_eq!(scrape(&open, Some(TOKEN)).await.status, StatusCode::NOT_FOUND);
    let t = with_metrics().await;
    assert_eq!(scrape(&t, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(scrape(&t, Some("scrape-me-wrong-token")).await.status, StatusCode::NOT_FOUND);
    let ok = scrape(&t, Some(TOKEN)).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(ok.body.contains("db_pool_max_connections"));
    assert!(MetricsToken::new("short").is_none(), "a guessable token is refused");
}

#[tokio::test]
async fn invented_methods_add_no_series() {
    let t = with_metrics().await;
    let other_series = |body: &str| body.lines().filter(|l| l.contains("method=\"other\"")).count();
    let burst = |from: usize| {
        let t = &t;
        async move {
            for i in from..from + 100 {
                let req = Request::builder().method(format!("FOO{i}").as_str()).uri("/static/app.css");
                t.send(req.body(Body::empty()).unwrap()).await;
            }
        }
    };
    burst(0).await;
    let first = scrape(&t, Some(TOKEN)).await.body;
    assert!(!first.contains("FOO"), "an invented method never becomes a label");
    let series = other_series(&first);
    assert!(series > 0, "counted under method=\"other\"");
    burst(100).await;
    let second = scrape(&t, Some(TOKEN)).await.body;
    assert_eq!(other_series(&second), series, "a hundred new methods, no new series");
}

#[tokio::test]
async fn metrics_count_requests_per_route_template_and_show_the_pool() {
    let t = with_metrics().await;
    let org = t.org("Aabenraa Kommune", "municipality").await;
    t.get(&format!("/o/{}", org.id), None).await;
    let m = scrape(&t, Some(TOKEN)).await;
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

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_personal_pages_are_never_cached() {
    let t = TestApp::new().await;
    let (org, hr, s) = t.aabenraa_hr().await;
    let token = t.token(hr, Some(org.id)).await;
    let page = t.get(&format!("/o/{}/employees", org.id), Some(&s)).await;
    let api = t.api(axum::http::Method::GET, "/api/v1/me", Some(&token), None).await;
    let login = t.get("/login", None).await;
    for (what, r) in [("page", &page), ("api", &api), ("login", &login)] {
        assert_eq!(r.status, StatusCode::OK, "{what}");
        let csp = r.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{what}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        assert_eq!(r.headers["referrer-policy"], "same-origin", "{what}");
        assert_eq!(r.headers["cache-control"], "no-store", "{what}");
        assert!(r.headers.get("strict-transport-security").is_none(), "no HSTS on plain http");
    }
    // What is the same for everyone may be cached.
    let css = t.get("/static/app.css", Some(&s)).await;
    assert_eq!(css.headers["cache-control"], "public, max-age=3600");
    // No inline script anywhere in a page (the policy would block it).
    assert!(!page.body.contains("<script>") && !page.body.contains(" onclick="), "inline script in {}", page.body);

    let https = TestApp::with_config(WebConfig { secure_cookies: true, ..WebConfig::default() }).await;
    let r = https.get("/login", None).await;
    assert_eq!(r.headers["strict-transport-security"], "max-age=31536000", "HSTS behind an https address");
}

#[tokio::test]
async fn while_the_database_is_away_callers_are_told_so_and_not_logged_out() {
    let t = TestApp::new().await;
    let (org, hr, s) = t.aabenraa_hr().await;
    let token = t.token(hr, None).await;
    t.store.close().await;

    let page = t.get(&format!("/o/{}/employees", org.id), Some(&s)).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "not a redirect to the login page");
    assert!(page.body.contains("Tjenesten er midlertidigt utilgængelig"), "{}", page.body);
    assert_eq!(page.headers["retry-after"], "5");

    let api = t.api(axum::http::Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE, "a valid token is not answered 401");
    assert_eq!(api.json()["error"], "unavailable");
    assert_eq!(api.headers["retry-after"], "5");

    let login =
        t.post_form("/login", None, &[("email", "hr@aabenraa.dk"), ("password", crate::support::PASSWORD)]).await;
    assert_eq!(login.status, StatusCode::SERVICE_UNAVAILABLE, "login says so too, not 500");
    assert_eq!(t.get("/healthz", None).await.status, StatusCode::SERVICE_UNAVAILABLE);
}
