//! A provider designs what is taught: modules, programmes under structure rules,
//! specialisations, cohorts and their teaching days.
use axum::http::{Method, StatusCode};
use kompetence_core::domain::ModuleId;
use kompetence_core::store::CohortInput;
use serde_json::json;

use crate::support::{TestApp, cohort_input, module_input};

#[tokio::test]
async fn a_module_shows_its_outcomes_and_workload_and_refuses_bad_ects() {
    let p = TestApp::provider().await;
    let path = format!("/o/{}/modules", p.org);
    let mut fields: Vec<(&str, &str)> = vec![
        ("code", "PRA-1"),
        ("title_da", "Procesrådgiver"),
        ("title_en", "Process adviser"),
        ("knowledge", "Viden om ERP"),
        ("skills", "Kan rådgive"),
        ("competences", "Kan koordinere"),
        ("exam_form", "Skriftligt projekt"),
        ("censor", "external"),
    ];
    for bad in ["0", "61", "ti", ""] {
        let mut f = fields.clone();
        f.push(("ects", bad));
        let resp = p.t.post_form(&path, Some(&p.s), &f).await;
        assert_eq!(resp.status, StatusCode::UNPROCESSABLE_ENTITY, "ECTS {bad:?}");
        assert!(resp.body.contains("ECTS-point skal være et helt tal fra 1 til 60."));
        assert!(resp.body.contains("value=\"Procesrådgiver\""), "form kept");
    }
    assert_eq!(
        p.scope().await.modules(kompetence_core::store::PageRequest::new(None, None)).await.unwrap().total,
        0,
        "nothing saved"
    );
    fields.push(("ects", "10"));
    let ok = p.t.post_form(&path, Some(&p.s), &fields).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let page = p.t.get(ok.location(), Some(&p.s)).await;
    assert!(page.body.contains("270 timer"), "workload = 10 ECTS × 27 hours");
    assert!(
        page.body.contains("Viden om ERP")
            && page.body.contains("Kan koordinere")
            && page.body.contains("Ekstern censur")
    );
    let dup = p.t.post_form(&path, Some(&p.s), &fields).await;
    assert!(dup.body.contains("Koden er allerede brugt."));
}

#[tokio::test]
async fn programme_structure_rules_are_checked_when_modules_are_added() {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let api = p.t.token(p.admin, Some(p.org)).await;
    let prog =
        p.t.api(
            Method::POST,
            &format!("/api/v1/orgs/{}/programmes", p.org),
            Some(&api),
            Some(json!({"code": "KOM", "title_da": "Kommunom", "title_en": "Kommunom", "structure": "kommunom"})),
        )
        .await
        .json();
    let add = |module: ModuleId, role: &'static str| {
        let (t, api, org, prog) = (&p.t, api.clone(), p.org, prog["id"].as_i64().unwrap());
        async move {
            t.api(
                Method::POST,
                &format!("/api/v1/orgs/{org}/programmes/{prog}/modules"),
                Some(&api),
                Some(json!({"module_id": module, "role": role})),
            )
            .await
        }
    };
    let mut compulsory = vec![];
    for i in 0..4 {
        compulsory.push(scope.create_module(&module_input(&format!("K{i}"), "10")).await.unwrap().id);
    }
    for m in &compulsory[..3] {
        assert_eq!(add(*m, "compulsory").await.status, StatusCode::NO_CONTENT);
    }
    let fourth = add(compulsory[3], "compulsory").await;
    assert_eq!(fourth.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fourth.json()["fields"][0]["code"], "err-structure-full");
    let five = scope.create_module(&module_input("FEM", "5")).await.unwrap().id;
    assert_eq!(add(five, "elective").await.json()["fields"][0]["code"], "err-structure-ects");
    assert_eq!(add(compulsory[0], "elective").await.json()["fields"][0]["code"], "err-module-already-in-programme");
    // The page shows the modules and the total.
    let page = p.t.get(&format!("/o/{}/programmes/{}", p.org, prog["id"]), Some(&p.s)).await;
    assert!(page.body.contains("30 ECTS i alt") && page.body.contains("Obligatorisk"));
    // Once in a structured programme, a module's ECTS is locked.
    let mut changed = module_input("K0", "15");
    changed.title_da = "Ændret".into();
    let err = scope.update_module(compulsory[0], &changed).await.unwrap_err();
    assert!(format!("{err:?}").contains("err-ects-locked"));
}

#[tokio::test]
async fn a_specialisation_is_for_one_municipality_and_keeps_the_modules_outcomes() {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let aabenraa = p.t.org("Aabenraa Kommune", "municipality").await;
    let odense = p.t.org("Odense Kommune", "municipality").await;
    let module = scope.create_module(&module_input("INN", "10")).await.unwrap();
    let resp =
        p.t.post_form(
            &format!("/o/{}/modules/{}/specialisations", p.org, module.id),
            Some(&p.s),
            &[
                ("municipality_id", &aabenraa.id.to_string()),
                ("title", "Personaleforhold og juridisk metode"),
                ("content", "Lokalt indhold"),
            ],
        )
        .await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER);
    let spec = scope.specialisations(module.id).await.unwrap().remove(0);
    let cohort = scope
        .create_cohort(&CohortInput { specialisation_id: spec.id.to_string(), ..cohort_input(module.id, 12) })
        .await
        .unwrap();
    // Aabenraa's HR sees the tailored run; Odense's does not.
    let hr_a = p.t.user("hr@aabenraa.dk", &[(aabenraa.id, "hr")]).await;
    let hr_o = p.t.user("hr@odense.dk", &[(odense.id, "hr")]).await;
    let (sa, so) = (p.t.session(hr_a).await, p.t.session(hr_o).await);
    let seen = p.t.get(&format!("/o/{}/catalogue/{}", aabenraa.id, cohort.id), Some(&sa)).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.contains("Personaleforhold og juridisk metode"));
    assert_eq!(
        p.t.get(&format!("/o/{}/catalogue/{}", odense.id, cohort.id), Some(&so)).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!p.t.get(&format!("/o/{}/catalogue", odense.id), Some(&so)).await.body.contains("Hold 1"));
    // The specialisation form has no fields for outcomes or exam rules.
    let page = p.t.get(&format!("/o/{}/modules/{}", p.org, module.id), Some(&p.s)).await;
    let spec_form = page.body.split("/specialisations\"").nth(1).unwrap().split("</form>").next().unwrap();
    assert!(!spec_form.contains("knowledge") && !spec_form.contains("exam_form") && !spec_form.contains("ects"));
}

#[tokio::test]
async fn teaching_days_must_end_after_they_start_and_lie_in_the_cohorts_period() {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let module = scope.create_module(&module_input("PRA", "10")).await.unwrap();
    let cohort = scope.create_cohort(&cohort_input(module.id, 10)).await.unwrap();
    let path = format!("/o/{}/cohorts/{}/days", p.org, cohort.id);
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("date", "2030-10-27"), ("starts_at", "15:00"), ("ends_at", "09:00"), ("kind", "teaching")],
            "Dagen skal slutte, efter den begynder.",
        ),
        (
            &[("date", "2031-06-01"), ("starts_at", "09:00"), ("ends_at", "15:00"), ("kind", "teaching")],
            "Dagen ligger uden for holdets periode.",
        ),
        (
            &[("date", "27-10-2030"), ("starts_at", "09:00"), ("ends_at", "15:00"), ("kind", "teaching")],
            "Skriv datoen som ÅÅÅÅ-MM-DD.",
        ),
    ];
    for (fields, msg) in cases {
        let resp = p.t.post_form(&path, Some(&p.s), fields).await;
        assert_eq!(resp.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(resp.body.contains(msg), "{msg}");
    }
    assert!(scope.days(cohort.id).await.unwrap().is_empty());
    let ok =
        p.t.post_form(
            &path,
            Some(&p.s),
            &[
                ("date", "2030-10-27"),
                ("starts_at", "09:00"),
                ("ends_at", "15:30"),
                ("kind", "workshop"),
                ("room", "Lokale 1.12"),
                ("prepare", "Læs casen"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = p.t.get(&format!("/o/{}/cohorts/{}", p.org, cohort.id), Some(&p.s)).await;
    assert!(
        page.body.contains("2030-10-27")
            && page.body.contains("09:00–15:30")
            && page.body.contains("Workshop")
            && page.body.contains("Læs casen")
    );
    // Shrinking the period so the day falls outside is refused.
    let shrink =
        p.t.post_form(
            &format!("/o/{}/cohorts/{}", p.org, cohort.id),
            Some(&p.s),
            &[("name", "Hold 1"), ("capacity", "10"), ("starts_on", "2030-11-01"), ("ends_on", "2031-03-31")],
        )
        .await;
    assert!(shrink.body.contains("Perioden skal rumme alle holdets undervisningsdage."));
}

#[tokio::test]
async fn a_teacher_sees_only_the_cohorts_they_teach_and_cannot_edit_them() {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let module = scope.create_module(&module_input("PRA", "10")).await.unwrap();
    let mine =
        scope.create_cohort(&CohortInput { name: "Mit hold".into(), ..cohort_input(module.id, 10) }).await.unwrap();
    let other =
        scope.create_cohort(&CohortInput { name: "Andet hold".into(), ..cohort_input(module.id, 10) }).await.unwrap();
    let teacher = p.t.user("torben@nordlys.dk", &[(p.org, "teacher")]).await;
    let unknown = p
        .t
        .post_form(&format!("/o/{}/cohorts/{}/teachers", p.org, mine.id), Some(&p.s), &[("email", "ingen@nordlys.dk")])
        .await;
    assert!(unknown.body.contains("Der er ingen underviser med den e-mail hos udbyderen."));
    p.t.post_form(&format!("/o/{}/cohorts/{}/teachers", p.org, mine.id), Some(&p.s), &[("email", "torben@nordlys.dk")])
        .await;
    let s = p.t.session(teacher).await;
    let list = p.t.get(&format!("/o/{}/cohorts", p.org), Some(&s)).await;
    assert!(list.body.contains("Mit hold") && !list.body.contains("Andet hold"));
    assert_eq!(p.t.get(&format!("/o/{}/cohorts/{}", p.org, other.id), Some(&s)).await.status, StatusCode::NOT_FOUND);
    let page = p.t.get(&format!("/o/{}/cohorts/{}", p.org, mine.id), Some(&s)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Ny undervisningsdag"), "no admin forms for teachers");
    let post =
        p.t.post_form(&format!("/o/{}/cohorts/{}/days", p.org, mine.id), Some(&s), &[("date", "2030-10-01")]).await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
}
