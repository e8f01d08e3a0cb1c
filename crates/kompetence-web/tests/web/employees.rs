//! A municipality's employees: HR keeps them; leaders see their own staff.
use axum::http::StatusCode;
use kompetence_core::store::PageRequest;

use crate::support::{PASSWORD, TestApp};

async fn hr_world()
-> (TestApp, kompetence_core::store::Organization, kompetence_core::domain::UserId, crate::support::Session) {
    let t = TestApp::new().await;
    let org = t.org("Aabenraa Kommune", "municipality").await;
    let hr = t.user("hr@aabenraa.dk", &[(org.id, "hr")]).await;
    let s = t.session(hr).await;
    (t, org, hr, s)
}

#[tokio::test]
async fn hr_adds_an_employee_who_then_appears_in_the_list() {
    let (t, org, _, s) = hr_world().await;
    let path = format!("/o/{}/employees", org.id);
    t.post_form(&path, Some(&s), &[("name", "Lis Leder"), ("email", "lis@aabenraa.dk"), ("job_title", "Lønchef")])
        .await;
    let resp = t
        .post_form(
            &path,
            Some(&s),
            &[
                ("name", "Søren Ørsted"),
                ("email", "Soeren@Aabenraa.dk"),
                ("job_title", "Lønkonsulent"),
                ("department", "Løn og Personale"),
                ("team", "Team Syd"),
                ("leader_email", "lis@aabenraa.dk"),
            ],
        )
        .await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER, "{}", resp.body);
    let list = t.get(&path, Some(&s)).await;
    assert!(
        list.body.contains("Søren Ørsted")
            && list.body.contains("soeren@aabenraa.dk")
            && list.body.contains("Team Syd")
    );
    assert!(list.body.contains("Lis Leder"), "leader's name shown");
    let found = t.get(&format!("{path}?q=syd"), Some(&s)).await;
    assert!(found.body.contains("Søren Ørsted") && !found.body.contains(">lis@aabenraa.dk<"), "search filters");
}

#[tokio::test]
async fn bad_employee_input_is_explained_and_nothing_is_saved() {
    let (t, org, hr, s) = hr_world().await;
    let path = format!("/o/{}/employees", org.id);
    t.post_form(&path, Some(&s), &[("name", "Anne"), ("email", "anne@aabenraa.dk")]).await;
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("name", "Anne To"), ("email", "ANNE@aabenraa.dk")], "E-mailadressen er allerede i brug."),
        (&[("name", "Bo"), ("email", "bo-at-aabenraa.dk")], "Det er ikke en gyldig e-mailadresse."),
        (&[("name", "  "), ("email", "tom@aabenraa.dk")], "Skal udfyldes."),
        (
            &[("name", "Carl"), ("email", "carl@aabenraa.dk"), ("leader_email", "ingen@aabenraa.dk")],
            "Der er ingen medarbejder med den e-mail",
        ),
    ];
    for (fields, message) in cases {
        let resp = t.post_form(&path, Some(&s), fields).await;
        assert!(matches!(resp.status, StatusCode::UNPROCESSABLE_ENTITY), "{fields:?}: {}", resp.status);
        assert!(resp.body.contains(message), "{fields:?} should say {message}");
        assert!(resp.body.contains("aria-invalid=\"true\""), "field marked invalid");
        // What the user typed is still in the form.
        let (_, email) = fields.iter().find(|(k, _)| *k == "email").unwrap();
        assert!(resp.body.contains(&format!("value=\"{email}\"")), "form keeps {email}");
    }
    let scope = t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(hr, org.id, &[]).await.unwrap();
    assert_eq!(scope.employees("", PageRequest::new(None, None)).await.unwrap().total, 1, "nothing half-saved");
}

#[tokio::test]
async fn the_employee_list_paginates() {
    let (t, org, hr, s) = hr_world().await;
    for i in 0..30 {
        t.employee(hr, org.id, &format!("Medarbejder {i:02}"), &format!("m{i}@aabenraa.dk"), "").await;
    }
    let path = format!("/o/{}/employees", org.id);
    let p1 = t.get(&path, Some(&s)).await;
    assert!(p1.body.contains("Medarbejder 00") && !p1.body.contains("Medarbejder 29"));
    assert!(p1.body.contains("30 i alt") && p1.body.contains("rel=\"next\""));
    let p2 = t.get(&format!("{path}?q=&page=2"), Some(&s)).await;
    assert!(p2.body.contains("Medarbejder 29") && !p2.body.contains("Medarbejder 00"));
}

#[tokio::test]
async fn a_leader_sees_only_their_own_staff_and_cannot_add_employees() {
    let (t, org, hr, _) = hr_world().await;
    let leader = t.user("lis@aabenraa.dk", &[(org.id, "leader")]).await;
    t.employee(hr, org.id, "Lis Leder", "lis@aabenraa.dk", "").await;
    t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(hr, org.id, &[]).await.unwrap();
    // Link Lis's employee record to her login so her staff can be found.
    let scope = t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(hr, org.id, &[]).await.unwrap();
    let lis = scope.employees("lis@", PageRequest::new(None, None)).await.unwrap().items[0].id;
    scope.create_participant_login(lis, None).await.unwrap();
    t.employee(hr, org.id, "Mine Medarbejder", "mine@aabenraa.dk", "lis@aabenraa.dk").await;
    t.employee(hr, org.id, "Anden Afdeling", "anden@aabenraa.dk", "").await;
    let s = t.session(leader).await;
    let list = t.get(&format!("/o/{}/employees", org.id), Some(&s)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Mine Medarbejder") && !list.body.contains("Anden Afdeling"));
    assert!(!list.body.contains("Ny medarbejder"), "no create form for leaders");
    let resp =
        t.post_form(&format!("/o/{}/employees", org.id), Some(&s), &[("name", "X"), ("email", "x@aabenraa.dk")]).await;
    assert_eq!(resp.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn hr_gives_an_employee_a_participant_login() {
    let (t, org, hr, s) = hr_world().await;
    let id = t.employee(hr, org.id, "Dorthe Dam", "dorthe@aabenraa.dk", "").await;
    let path = format!("/o/{}/employees/{id}/login", org.id);
    let short = t.post_form(&path, Some(&s), &[("password", "kort")]).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("mindst 8 tegn"));
    let resp = t.post_form(&path, Some(&s), &[("password", PASSWORD)]).await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER);
    let again = t.post_form(&path, Some(&s), &[("password", PASSWORD)]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("har allerede et login"));
    // Dorthe logs in and is a participant in Aabenraa.
    let login =
        t.post_form("/login", None, &[("email", "dorthe@aabenraa.dk"), ("password", PASSWORD), ("next", "/")]).await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    let u = t.store.user_by_email("dorthe@aabenraa.dk").await.unwrap();
    let roles = t.store.me(u.id).memberships().await.unwrap();
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0].role, kompetence_core::domain::Role::Participant);
}

#[tokio::test]
async fn hr_edits_an_employee_and_bad_edits_keep_the_typed_values() {
    let (t, org, hr, s) = hr_world().await;
    let id = t.employee(hr, org.id, "Dorthe Dam", "dorthe@aabenraa.dk", "").await;
    let path = format!("/o/{}/employees/{id}", org.id);
    let ok = t
        .post_form(
            &path,
            Some(&s),
            &[("name", "Dorthe Dam-Berg"), ("email", "dorthe@aabenraa.dk"), ("team", "Team Øst")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = t.get(&path, Some(&s)).await;
    assert!(page.body.contains("Dorthe Dam-Berg") && page.body.contains("Team Øst"));
    let bad = t
        .post_form(
            &path,
            Some(&s),
            &[("name", "Dorthe Ny"), ("email", "dorthe@aabenraa.dk"), ("leader_email", "dorthe@aabenraa.dk")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("kan ikke være sin egen leder") && bad.body.contains("value=\"Dorthe Ny\""));
    assert!(t.get(&path, Some(&s)).await.body.contains("Dorthe Dam-Berg"), "unchanged after a failed save");
}
