//! The JSON API answers with the same rights as the pages, in the caller's language.
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn me_lists_the_caller_and_their_roles_per_organisation() {
    let t = TestApp::new().await;
    let p = t.org("Professionshøjskolen Nordlys", "provider").await;
    let m = t.org("Bornholms Regionskommune", "municipality").await;
    let u = t.user("torben@test.dk", &[(p.id, "teacher"), (m.id, "participant")]).await;
    let all = t.token(u, None).await;
    let me = t.api(Method::GET, "/api/v1/me", Some(&all), None).await.json();
    assert_eq!(me["email"], "torben@test.dk");
    let roles = me["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 2);
    assert!(roles.iter().any(|r| r["role"] == "teacher" && r["org_kind"] == "provider"));
    assert!(roles.iter().any(|r| r["role"] == "participant" && r["org_name"] == "Bornholms Regionskommune"));
    let bound = t.token(u, Some(m.id)).await;
    let me = t.api(Method::GET, "/api/v1/me", Some(&bound), None).await.json();
    assert_eq!(me["roles"].as_array().unwrap().len(), 1, "an org-bound token sees that org only");
    let bad = t.api(Method::GET, "/api/v1/me", Some("kpt_forfalsket"), None).await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bad.headers.get("www-authenticate").unwrap(), "Bearer");
}

#[tokio::test]
async fn hr_keeps_employees_over_the_api() {
    let t = TestApp::new().await;
    let org = t.org("Aabenraa Kommune", "municipality").await;
    let hr = t.user("hr@aabenraa.dk", &[(org.id, "hr")]).await;
    let token = t.token(hr, Some(org.id)).await;
    let base = format!("/api/v1/orgs/{}/employees", org.id);
    let created = t
        .api(
            Method::POST,
            &base,
            Some(&token),
            Some(json!({"name": "Dorthe Dam", "email": "dorthe@aabenraa.dk", "team": "Team Syd"})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_i64().unwrap();
    let updated = t
        .api(
            Method::PUT,
            &format!("{base}/{id}"),
            Some(&token),
            Some(json!({"name": "Dorthe Dam", "email": "dorthe@aabenraa.dk", "team": "Team Nord"})),
        )
        .await;
    assert_eq!(updated.json()["team"], "Team Nord");
    let list = t.api(Method::GET, &format!("{base}?q=dorthe&per_page=10"), Some(&token), None).await.json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["team"], "Team Nord");
    let dup = t
        .api(Method::POST, &base, Some(&token), Some(json!({"name": "Dorthe To", "email": "DORTHE@aabenraa.dk"})))
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    assert_eq!(dup.json()["fields"][0]["code"], "err-email-taken");
    let invalid = t.api(Method::POST, &base, Some(&token), Some(json!({"name": "", "email": "nope"}))).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = invalid.json();
    let fields: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "email"]);
    assert_eq!(body["fields"][1]["message"], "Det er ikke en gyldig e-mailadresse.");
    let garbage = t
        .send(
            axum::http::Request::post(&base)
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/json")
                .body(axum::body::Body::from("{not json"))
                .unwrap(),
        )
        .await;
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn api_messages_follow_the_users_language() {
    let t = TestApp::new().await;
    let org = t.org("Aabenraa Kommune", "municipality").await;
    let hr = t.user("hr@aabenraa.dk", &[(org.id, "hr")]).await;
    t.store.me(hr).set_locale(kompetence_core::domain::Locale::En).await.unwrap();
    let token = t.token(hr, None).await;
    let r = t
        .api(
            Method::POST,
            &format!("/api/v1/orgs/{}/employees", org.id),
            Some(&token),
            Some(json!({"name": "X", "email": "nope"})),
        )
        .await;
    assert_eq!(r.json()["fields"][0]["message"], "That is not a valid e-mail address.");
}

#[tokio::test]
async fn the_platform_admin_builds_organisations_and_users_over_the_api() {
    let t = TestApp::new().await;
    let admin = t.platform_admin("pia@test.dk").await;
    let token = t.token(admin, None).await;
    let org = t
        .api(
            Method::POST,
            "/api/v1/orgs",
            Some(&token),
            Some(json!({"name": "Viborg Kommune", "kind": "municipality"})),
        )
        .await;
    assert_eq!(org.status, StatusCode::CREATED);
    let org_id = org.json()["id"].as_i64().unwrap();
    let user = t
        .api(
            Method::POST,
            "/api/v1/users",
            Some(&token),
            Some(json!({"name": "Vera HR", "email": "vera@viborg.dk", "password": "langt-nok-1"})),
        )
        .await;
    let user_id = user.json()["id"].as_i64().unwrap();
    let grant = t
        .api(
            Method::POST,
            &format!("/api/v1/users/{user_id}/roles"),
            Some(&token),
            Some(json!({"org_id": org_id, "role": "hr"})),
        )
        .await;
    assert_eq!(grant.status, StatusCode::NO_CONTENT);
    let wrong = t
        .api(
            Method::POST,
            &format!("/api/v1/users/{user_id}/roles"),
            Some(&token),
            Some(json!({"org_id": org_id, "role": "teacher"})),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = t
        .api(
            Method::POST,
            &format!("/api/v1/users/{user_id}/roles"),
            Some(&token),
            Some(json!({"org_id": 999999, "role": "hr"})),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let list = t.api(Method::GET, "/api/v1/orgs", Some(&token), None).await.json();
    assert_eq!(list["items"][0]["name"], "Viborg Kommune");
}

#[tokio::test]
async fn the_openapi_document_lists_every_api_route() {
    let t = TestApp::new().await;
    let doc = t.api(Method::GET, "/api/v1/openapi.json", None, None).await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for r in kompetence_web::route_table()
        .iter()
        .filter(|r| r.path.starts_with("/api/v1/") && r.path != "/api/v1/openapi.json")
    {
        let op = &doc["paths"][r.path][r.method.to_lowercase()];
        assert!(op.is_object(), "{} {} missing from the OpenAPI document", r.method, r.path);
        // Every parameter sits where the route takes it: `{name}` in the path, the rest in
        // the query string.
        for p in op["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap();
            let place = if r.path.contains(&format!("{{{name}}}")) { "path" } else { "query" };
            assert_eq!(p["in"], place, "{} {}: parameter {name}", r.method, r.path);
        }
    }
}

/// Another site cannot write through the API on the strength of the user's session cookie:
/// a cookie-authenticated write must carry the session's CSRF token in `X-CSRF-Token`.
#[tokio::test]
async fn a_cookie_authenticated_api_write_needs_the_csrf_header() {
    let t = TestApp::new().await;
    let (org, _, s) = t.aabenraa_hr().await;
    let write = |csrf: Option<&str>| {
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(format!("/api/v1/orgs/{}/employees", org.id))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, format!("kp_session={}", s.cookie));
        if let Some(c) = csrf {
            req = req.header("x-csrf-token", c);
        }
        req.body(Body::from(r#"{"name":"Dorthe Damgaard","email":"dorthe@aabenraa.dk"}"#)).unwrap()
    };
    let refused = t.send(write(None)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["error"], "csrf");
    assert_eq!(t.send(write(Some("forkert"))).await.status, StatusCode::FORBIDDEN);
    let hr = t.store.user_by_email("hr@aabenraa.dk").await.unwrap().id;
    let scope = t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(hr, org.id, &[]).await.unwrap();
    let staff = || scope.employees("", kompetence_core::store::PageRequest::new(None, None));
    assert_eq!(staff().await.unwrap().total, 0, "nothing saved");
    let ok = t.send(write(Some(&s.csrf))).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    // Reading with the cookie needs no token.
    let read = Request::get("/api/v1/me").header(header::COOKIE, format!("kp_session={}", s.cookie));
    assert_eq!(t.send(read.body(Body::empty()).unwrap()).await.status, StatusCode::OK);
}
