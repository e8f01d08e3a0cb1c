//! The generated data set (small scale) is usable through the product's own pages, and the
//! HR coverage report counts what it should.
use axum::http::{Method, StatusCode};
use kompetence_core::domain::OrgId;
use kompetence_core::generate::{Plan, Scale, count, generate};

use crate::support::TestApp;

async fn generated() -> TestApp {
    let app = TestApp::new().await;
    let plan = Plan::new(Scale::Small, 11);
    let mut batches = 0;
    let report = generate(&app.store, &plan, &mut |written, total| {
        assert!(written <= total);
        batches += 1
    })
    .await
    .unwrap();
    assert_eq!(report.rows, count(&plan).await.unwrap());
    assert!(batches > 1, "written in several batches");
    app
}

async fn coverage(app: &TestApp, token: &str, org: OrgId) -> serde_json::Value {
    app.api(Method::GET, &format!("/api/v1/orgs/{}/coverage", org.0), Some(token), None).await.json()
}

#[tokio::test]
async fn generated_people_use_their_pages_and_hr_sees_coverage_grow_with_an_enrolment() {
    let app = generated().await;
    // A second run refuses a database that holds data.
    let err = generate(&app.store, &Plan::new(Scale::Small, 11), &mut |_, _| {}).await.unwrap_err();
    assert!(err.to_string().contains("empty database"), "{err}");

    let hr = app.store.user_by_email("hr1@aabenraa.test").await.unwrap();
    let org = app.store.org_by_name("Aabenraa Kommune").await.unwrap();
    let token = app.token(hr.id, Some(org.id)).await;
    let before = coverage(&app, &token, org.id).await;
    let staff = before["total"]["employees"].as_i64().unwrap();
    let reached = before["total"]["reached"].as_i64().unwrap();
    assert!(staff >= 40, "{before}");
    assert!(reached > 0 && reached < staff, "some but not all staff reached: {before}");
    let departments = before["departments"].as_array().unwrap();
    assert_eq!(departments.iter().map(|d| d["employees"].as_i64().unwrap()).sum::<i64>(), staff);
    assert!(departments.iter().any(|d| d["department"] == "Løn og personale"));
    assert!(!before["modules"].as_array().unwrap().is_empty());

    // Enrol a member of staff who has never taken a module: one more reached and active.
    let list =
        app.api(Method::GET, &format!("/api/v1/orgs/{}/employees?per_page=200", org.id.0), Some(&token), None).await;
    let fresh = list.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["user_id"].is_null())
        .expect("staff without a login have no enrolments")["email"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/api/v1/orgs/{}/catalogue?per_page=200", org.id.0);
    let catalogue = app.api(Method::GET, &path, Some(&token), None);
    let today = kompetence_core::domain::exam::local_now()[..10].to_string();
    let cohort = catalogue.await.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["signup_deadline"].as_str().is_some_and(|d| d >= today.as_str()))
        .expect("a cohort open for sign-up")["id"]
        .as_i64()
        .unwrap();
    let s = app.session(hr.id).await;
    let r = app
        .post_form(
            &format!("/o/{}/catalogue/{cohort}/enrol", org.id.0),
            Some(&s),
            &[("employee_email", &fresh), ("approve", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = coverage(&app, &token, org.id).await;
    assert_eq!(after["total"]["reached"].as_i64().unwrap(), reached + 1, "{after}");
    assert_eq!(after["total"]["active"].as_i64().unwrap(), before["total"]["active"].as_i64().unwrap() + 1);

    // The page shows the same, with the share reached.
    let page = app.get(&format!("/o/{}/coverage", org.id.0), Some(&s)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Løn og personale") && page.body.contains("I alt"), "{}", page.body);
    assert!(page.body.contains(&format!("<td>{staff}</td><td>{}</td>", reached + 1)), "{}", page.body);
    // A department head (a leader, not HR) in the same municipality does not see it.
    let head = list.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["job_title"] == "Afdelingschef")
        .expect("departments have heads")["email"]
        .as_str()
        .unwrap()
        .to_string();
    let head = app.session(app.store.user_by_email(&head).await.unwrap().id).await;
    assert_eq!(app.get(&format!("/o/{}/coverage", org.id.0), Some(&head)).await.status, StatusCode::FORBIDDEN);

    // A generated participant sees their own schedule and assignments.
    let participant_email: String = {
        let emps = list.json();
        emps["items"].as_array().unwrap().iter().find(|e| !e["user_id"].is_null()).unwrap()["email"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let p = app.store.user_by_email(&participant_email).await.unwrap();
    let ps = app.session(p.id).await;
    assert_eq!(app.get("/me/schedule", Some(&ps)).await.status, StatusCode::OK);
    assert_eq!(app.get("/me/assignments", Some(&ps)).await.status, StatusCode::OK);
    // A generated teacher sees the provider's cohorts they teach.
    let t = app.store.user_by_email("underviser1@nordlys.test").await.unwrap();
    let ts = app.session(t.id).await;
    let cohorts = app.get("/o/1/cohorts", Some(&ts)).await;
    assert_eq!(cohorts.status, StatusCode::OK);
    assert!(cohorts.body.contains("hold 1"), "{}", cohorts.body);
}
