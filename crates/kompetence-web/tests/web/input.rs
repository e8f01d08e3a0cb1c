//! What a request sends is decoded strictly, and every refusal names the field in the
//! caller's language: JSON bodies, forms, query strings and path ids.
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::json;

use crate::support::{TestApp, cohort_input, module_input};

#[tokio::test]
async fn a_json_field_of_the_wrong_type_or_missing_is_named() {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let module = scope.create_module(&module_input("AKT", "10")).await.unwrap();
    let cohort = scope.create_cohort(&cohort_input(module.id, 10)).await.unwrap();
    let token = p.t.token(p.admin, None).await;
    let path = format!("/api/v1/orgs/{}/cohorts/{}/assignments", p.org, cohort.id);
    let good = json!({"title": "Bilagsgang", "due_date": "2030-10-01", "due_time": "12:00"});

    // A string where a boolean belongs is refused, not read as "ticked".
    for wrong in ["false", "ja", "0"] {
        let mut body = good.clone();
        body["compulsory"] = json!(wrong);
        let r = p.t.api(Method::POST, &path, Some(&token), Some(body)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{wrong}: {}", r.body);
        let field = &r.json()["fields"][0];
        assert_eq!(field["field"], "compulsory");
        assert_eq!(field["code"], "err-field-type");
        assert!(field["message"].as_str().unwrap().contains("true/false"), "{}", r.body);
    }
    assert!(scope.assignments(cohort.id).await.unwrap().is_empty(), "nothing was stored");

    // A missing field is named with its own code.
    let r = p.t.api(Method::POST, &path, Some(&token), Some(json!({"title": "X", "due_time": "12:00"}))).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["fields"][0]["field"], "due_date");
    assert_eq!(r.json()["fields"][0]["code"], "err-required");
    assert_eq!(r.json()["fields"][0]["message"], "Skal udfyldes.");

    // A number where text belongs.
    let mut body = good.clone();
    body["title"] = json!(42);
    let r = p.t.api(Method::POST, &path, Some(&token), Some(body)).await;
    assert_eq!(r.json()["fields"][0]["field"], "title", "{}", r.body);

    // Malformed JSON and trailing text are a bad request, in the API's error format.
    let trailing = format!("{good} {good}");
    for raw in ["{\"title\": ", trailing.as_str()] {
        let req = Request::post(&path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(raw.to_string()))
            .unwrap();
        let r = p.t.send(req).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{raw}");
        assert_eq!(r.json()["error"], "bad_request");
    }

    // A real boolean is taken, and the API answers booleans as true/false.
    let mut body = good.clone();
    body["compulsory"] = json!(true);
    let r = p.t.api(Method::POST, &path, Some(&token), Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["compulsory"], json!(true));
    assert_eq!(r.json()["closed_after_due"], json!(false));
}

#[tokio::test]
async fn a_form_with_text_that_is_not_utf8_is_refused_and_stores_nothing() {
    let t = TestApp::new().await;
    let (org, hr, s) = t.aabenraa_hr().await;
    // "Dorthe D\xE6m": Latin-1 æ, as an old system might send it.
    let body = format!("csrf={}&name=Dorthe+D%E6m&email=dorthe%40aabenraa.dk", s.csrf);
    let req = Request::post(format!("/o/{}/employees", org.id))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("kp_session={}", s.cookie))
        .body(Body::from(body))
        .unwrap();
    let r = t.send(req).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ikke UTF-8"), "{}", r.body);
    let scope = t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(hr, org.id, &[]).await.unwrap();
    let listed = scope.employees("", kompetence_core::store::PageRequest::new(None, None)).await.unwrap();
    assert_eq!(listed.total, 0, "nothing stored with U+FFFD");
}

#[tokio::test]
async fn a_path_id_that_is_not_a_number_is_not_found_in_the_users_language() {
    let p = TestApp::provider().await;
    let page = p.t.get(&format!("/o/{}/cohorts/abc", p.org), Some(&p.s)).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("<html"), "an HTML page, not axum's plain text");
    assert!(page.body.contains("Siden findes ikke"), "{}", page.body);

    let token = p.t.token(p.admin, None).await;
    let api = p.t.api(Method::GET, &format!("/api/v1/orgs/{}/cohorts/1x", p.org), Some(&token), None).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.json()["error"], "not_found");
}

#[tokio::test]
async fn a_query_parameter_of_the_wrong_shape_is_named() {
    let p = TestApp::provider().await;
    let token = p.t.token(p.admin, None).await;
    let r = p.t.api(Method::GET, &format!("/api/v1/orgs/{}/modules?page=abc", p.org), Some(&token), None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["fields"][0]["field"], "page");
    let page = p.t.get(&format!("/o/{}/modules?page=-1", p.org), Some(&p.s)).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("ikke den rette form"), "{}", page.body);
}
