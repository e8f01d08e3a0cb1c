//! Flow 2 of the domain, as HR and the leaders do it in the product: import Aabenraa's
//! staff from OS2mo's files (dry run first), see the tree as a leader, make the payroll
//! consultants a target group, split them into waves that keep every team staffed, enrol a
//! wave in one step, and let the leaders approve or reject.
use axum::http::{Method, StatusCode};
use kompetence_core::domain::OrgId;
use kompetence_core::domain::staff_file::aabenraa_sample;
use kompetence_core::store::{MunicipalityScope, PageRequest};

use crate::support::{Session, TestApp};

struct Planning {
    t: TestApp,
    org: OrgId,
    hr: Session,
    cohort: kompetence_core::domain::CohortId,
}

/// Aabenraa with HR logged in and a provider's open cohort of 30 seats.
async fn planning() -> Planning {
    let p = TestApp::provider().await;
    let course = p.course("LØN-1").capacity(30).build().await;
    let t = p.t;
    let (org, _, hr) = t.aabenraa_hr().await;
    Planning { t, org: org.id, hr, cohort: course.cohort.id }
}

fn sample() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = aabenraa_sample().into_iter().collect();
    files.sort();
    files
}

async fn import(p: &Planning) {
    let files = sample();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(k, v)| (k.as_str(), v.as_slice())).collect();
    let dry = p.t.post_files(&format!("/o/{}/staff-import", p.org), &p.hr, &refs).await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    let upload = dry.body.split(&format!("/o/{}/staff-import/", p.org)).nth(1).unwrap().split('"').next().unwrap();
    let done = p.t.post_form(&format!("/o/{}/staff-import/{upload}", p.org), Some(&p.hr), &[]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
}

async fn scope_of(p: &Planning, email: &str) -> MunicipalityScope {
    let user = p.t.store.user_by_email(email).await.unwrap().id;
    p.t.store.authorize_as(user, p.org, &[]).await.unwrap()
}

/// Gives the named employees logins with the leader role.
async fn leaders(p: &Planning, emails: &[&str]) -> Vec<Session> {
    let hr = scope_of(p, "hr@aabenraa.dk").await;
    let mut out = vec![];
    for email in emails {
        let e = hr.employees(email, PageRequest::new(None, None)).await.unwrap().items.remove(0);
        let user = hr.create_participant_login(e.id, None).await.unwrap();
        p.t.store.grant_role(user, p.org, "leader").await.unwrap();
        out.push(p.t.session(user).await);
    }
    out
}

#[tokio::test]
async fn a_dry_run_shows_the_changes_and_writes_nothing_until_hr_imports() {
    let p = planning().await;
    let files = sample();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(k, v)| (k.as_str(), v.as_slice())).collect();
    let dry = p.t.post_files(&format!("/o/{}/staff-import", p.org), &p.hr, &refs).await;
    assert_eq!(dry.status, StatusCode::OK);
    assert!(dry.body.contains("Prøvekørsel") && dry.body.contains("Dorthe Dam"), "the dry run lists the people");
    let units = p.t.get(&format!("/o/{}/units", p.org), Some(&p.hr)).await;
    assert!(units.body.contains("Ingen enheder endnu"), "nothing written by the dry run");

    import(&p).await;
    let units = p.t.get(&format!("/o/{}/units", p.org), Some(&p.hr)).await;
    for name in ["Aabenraa Kommune", "Løn og Personale", "Team Syd", "Team Øst", "Lars Lindberg"] {
        assert!(units.body.contains(name), "{name} on the tree page");
    }
    assert!(!units.body.contains("0101"), "no CPR number is shown");
    // The same files again change nothing.
    let again = p.t.post_files(&format!("/o/{}/staff-import", p.org), &p.hr, &refs).await;
    assert!(again.body.contains("<dt>Nye medarbejdere</dt><dd>0</dd>"), "{}", again.body);
}

#[tokio::test]
async fn a_bad_file_is_refused_with_a_line_by_line_report_and_nothing_is_written() {
    let p = planning().await;
    let mut files = sample();
    for (name, data) in &mut files {
        if name == "organisation.csv" {
            // Danish Excel's semicolons (accepted), a unit whose parent is missing, and a loop.
            *data = "AfdelingsID;Afdelingsnavn;Parentid\nA;Kommunen;\nB;Løn;X\nC;En;D\nD;To;C\n".as_bytes().to_vec();
        }
        if name == "bruger.csv" {
            data.extend(b"p-broken,,\xff\xfeNavn,x@y.dk,,\n");
        }
    }
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(k, v)| (k.as_str(), v.as_slice())).collect();
    let resp = p.t.post_files(&format!("/o/{}/staff-import", p.org), &p.hr, &refs).await;
    assert_eq!(resp.status, StatusCode::UNPROCESSABLE_ENTITY);
    for msg in ["Den overordnede enhed X findes ikke i filen", "ligger under sig selv", "ikke gemt som UTF-8"] {
        assert!(resp.body.contains(msg), "{msg} missing: {}", resp.body);
    }
    assert!(resp.body.contains("<td>organisation.csv</td><td>3</td>"), "file and line named");
    let hr = scope_of(&p, "hr@aabenraa.dk").await;
    assert_eq!(hr.employees("", PageRequest::new(None, None)).await.unwrap().total, 0, "nothing written");
    // A file that is not part of the set is named too.
    let resp = p.t.post_files(&format!("/o/{}/staff-import", p.org), &p.hr, &[("personer.xlsx", b"PK")]).await;
    assert!(resp.body.contains("kan ikke læses som et Excel-regneark"), "{}", resp.body);
}

#[tokio::test]
async fn the_head_of_payroll_sees_all_four_teams_and_a_team_leader_only_their_own() {
    let p = planning().await;
    import(&p).await;
    let s = leaders(&p, &["leder.aabenraa@kompetence.test", "teamleder1.aabenraa@kompetence.test"]).await;
    let head = p.t.get(&format!("/o/{}/employees", p.org), Some(&s[0])).await;
    assert!(head.body.contains("Dorthe Dam") && head.body.contains("loenkonsulent3.aabenraa"), "all teams");
    assert!(head.body.contains("28 i alt") || head.body.contains("28"), "{}", head.body);
    assert!(!head.body.contains("Hanne Hansen"), "HR is not in payroll");
    let team = p.t.get(&format!("/o/{}/employees", p.org), Some(&s[1])).await;
    assert!(team.body.contains("Dorthe Dam"), "Team Syd's own consultant");
    assert!(!team.body.contains("loenkonsulent1.aabenraa"), "Team Nord is not Team Syd's");
    let tree = p.t.get(&format!("/o/{}/units", p.org), Some(&s[1])).await;
    assert!(tree.body.contains("Team Syd") && !tree.body.contains("Team Nord"), "a leader's tree is theirs");
}

#[tokio::test]
async fn hr_plans_two_waves_that_keep_every_team_staffed_enrols_one_and_the_leaders_decide() {
    let p = planning().await;
    import(&p).await;
    let s = leaders(&p, &["teamleder1.aabenraa@kompetence.test", "teamleder2.aabenraa@kompetence.test"]).await;
    let resp =
        p.t.post_form(
            &format!("/o/{}/target-groups", p.org),
            Some(&p.hr),
            &[("name", "Lønkonsulenter"), ("job_title", "lønkonsulent")],
        )
        .await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER, "{}", resp.body);
    let group_url = resp.location().split('?').next().unwrap().to_string();
    let group = p.t.get(resp.location(), Some(&p.hr)).await;
    assert!(group.body.contains("24 medlemmer i dag"), "{}", group.body);

    // 90 % at work leaves nobody free in a team of seven: refused, naming the team.
    let refused =
        p.t.post_form(
            &format!("{group_url}/plans"),
            Some(&p.hr),
            &[("name", "For stram"), ("waves", "2"), ("min_at_work_pct", "90")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Team Syd: 6 i målgruppen, men kun 0 må være væk"), "{}", refused.body);

    let plan =
        p.t.post_form(
            &format!("{group_url}/plans"),
            Some(&p.hr),
            &[("name", "Efterår og forår"), ("waves", "2"), ("min_at_work_pct", "50")],
        )
        .await;
    assert_eq!(plan.status, StatusCode::SEE_OTHER, "{}", plan.body);
    let plan_url = plan.location().split('?').next().unwrap().to_string();
    let page = p.t.get(plan.location(), Some(&p.hr)).await;
    assert!(page.body.contains("Bølgeplanen er gemt"));
    // Every team: 3 away and 4 at work in each wave.
    assert_eq!(page.body.matches("<td>3</td><td>4</td><td>7</td><td>3</td>").count(), 8, "{}", page.body);

    // Moving one of Team Syd's wave-2 people into wave 1 breaks the rule: not saved.
    let hr = scope_of(&p, "hr@aabenraa.dk").await;
    let view = hr.wave_plan_view(plan_url.rsplit('/').next().unwrap().parse::<i64>().unwrap().into()).await.unwrap();
    let mover = view.members.iter().find(|m| m.unit_name.as_deref() == Some("Team Syd") && m.wave == Some(2)).unwrap();
    let field = format!("wave-{}", mover.employee_id);
    let broken = p.t.post_form(&plan_url, Some(&p.hr), &[(&field, "1"), ("action", "save")]).await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(broken.body.contains("Team Syd har 4 væk i bølge 1, men må højst have 3 væk"), "{}", broken.body);
    let kept = hr.wave_plan_view(view.plan.id).await.unwrap();
    assert!(kept.violations.is_empty(), "the broken split was not saved");

    // Wave 1 onto the cohort in one step: not pre-approved, so every one awaits their leader.
    let cohort = p.cohort.to_string();
    let result =
        p.t.post_form(&format!("{plan_url}/enrol"), Some(&p.hr), &[("wave", "1"), ("cohort_id", &cohort)]).await;
    assert_eq!(result.status, StatusCode::OK, "{}", result.body);
    assert!(
        result.body.contains("0 tilmeldt, 0 på venteliste, 12 venter på lederens godkendelse, 0 ikke tilmeldt"),
        "{}",
        result.body
    );
    let again =
        p.t.post_form(&format!("{plan_url}/enrol"), Some(&p.hr), &[("wave", "1"), ("cohort_id", &cohort)]).await;
    assert!(again.body.contains("12 ikke tilmeldt") && again.body.contains("allerede tilmeldt"), "{}", again.body);

    // Each team leader's start page says what awaits them: their own team's three.
    let start = p.t.get("/", Some(&s[0])).await;
    assert!(start.body.contains("3 tilmeldinger venter på din godkendelse"), "{}", start.body);
    assert!(
        start.body.contains("venter på din godkendelse til Modul LØN-1"),
        "the request is among the leader's messages"
    );

    // Team Syd's leader approves their own and cannot touch Team Nord's; Team Nord's rejects.
    let enrolments = hr.municipal_cohort_enrolments(p.cohort).await.unwrap();
    let in_wave1 = |team: &str| {
        kept.members.iter().find(|m| m.unit_name.as_deref() == Some(team) && m.wave == Some(1)).unwrap().email.clone()
    };
    let (syd_email, nord_email) = (in_wave1("Team Syd"), in_wave1("Team Nord"));
    let syd = enrolments.iter().find(|e| e.employee_email == syd_email).unwrap();
    let nord = enrolments.iter().find(|e| e.employee_email == nord_email).unwrap();
    let url = |id| format!("/o/{}/enrolments/{id}", p.org);
    let ok = p.t.post_form(&format!("{}/approve", url(syd.id)), Some(&s[0]), &[]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let not_theirs = p.t.post_form(&format!("{}/approve", url(nord.id)), Some(&s[0]), &[]).await;
    assert_eq!(not_theirs.status, StatusCode::NOT_FOUND);
    let no_reason = p.t.post_form(&format!("{}/reject", url(nord.id)), Some(&s[1]), &[("reason", " ")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY, "a rejection says why");
    let rejected =
        p.t.post_form(&format!("{}/reject", url(nord.id)), Some(&s[1]), &[("reason", "Travlt i lønperioden")]).await;
    assert_eq!(rejected.status, StatusCode::SEE_OTHER);
    let history = p.t.get(&url(nord.id), Some(&p.hr)).await;
    assert!(history.body.contains("Afvist: Travlt i lønperioden"), "{}", history.body);
    let syd = hr.enrolment(syd.id).await.unwrap();
    assert_eq!(syd.state, kompetence_core::domain::EnrolmentState::Enrolled);
}

#[tokio::test]
async fn the_api_imports_plans_and_enrols_in_bulk_with_a_result_per_person() {
    let p = planning().await;
    let hr = p.t.store.user_by_email("hr@aabenraa.dk").await.unwrap().id;
    let token = p.t.token(hr, None).await;
    let files: std::collections::HashMap<String, String> =
        sample().into_iter().map(|(k, v)| (k, String::from_utf8(v).unwrap())).collect();
    let base = format!("/api/v1/orgs/{}", p.org);
    let dry =
        p.t.api(Method::POST, &format!("{base}/staff-import"), Some(&token), Some(serde_json::json!({"files": files})))
            .await;
    assert_eq!(dry.status, StatusCode::OK);
    assert_eq!((dry.json()["people_created"].as_i64(), dry.json()["written"].as_bool()), (Some(30), Some(false)));
    let mut bad = files.clone();
    bad.insert("organisation.csv".into(), "Id,Navn\n".into());
    let refused =
        p.t.api(Method::POST, &format!("{base}/staff-import"), Some(&token), Some(serde_json::json!({"files": bad})))
            .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["errors"][0]["key"], "err-import-header");
    let done =
        p.t.api(
            Method::POST,
            &format!("{base}/staff-import"),
            Some(&token),
            Some(serde_json::json!({"files": files, "dry_run": false})),
        )
        .await;
    assert_eq!(done.json()["written"], true);
    let units = p.t.api(Method::GET, &format!("{base}/units"), Some(&token), None).await;
    assert_eq!(units.json().as_array().unwrap().len(), 9);

    let group =
        p.t.api(
            Method::POST,
            &format!("{base}/target-groups"),
            Some(&token),
            Some(serde_json::json!({"name": "Løn", "job_title": "Lønkonsulent"})),
        )
        .await;
    assert_eq!(group.status, StatusCode::CREATED, "{}", group.body);
    let gid = group.json()["id"].as_i64().unwrap();
    let plan =
        p.t.api(
            Method::POST,
            &format!("{base}/target-groups/{gid}/plans"),
            Some(&token),
            Some(serde_json::json!({"name": "P", "waves": 2, "min_at_work_pct": 50})),
        )
        .await;
    assert_eq!(plan.status, StatusCode::CREATED, "{}", plan.body);
    let wave1: Vec<i64> = plan.json()["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["wave"] == 1)
        .map(|m| m["employee_id"].as_i64().unwrap())
        .collect();
    assert_eq!(wave1.len(), 12);
    let bulk =
        p.t.api(
            Method::POST,
            &format!("{base}/enrolments/bulk"),
            Some(&token),
            Some(serde_json::json!({"cohort_id": p.cohort, "employee_ids": wave1, "pre_approved": true})),
        )
        .await;
    assert_eq!(bulk.status, StatusCode::OK, "{}", bulk.body);
    let states: Vec<_> =
        bulk.json().as_array().unwrap().iter().map(|o| o["state"].as_str().unwrap().to_string()).collect();
    assert_eq!(states, vec!["enrolled".to_string(); 12], "pre-approved by HR: seats at once");
}

async fn post_fund(p: &Planning, base: &str, f: Vec<(String, String)>) -> crate::support::Resp {
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    p.t.post_form(base, Some(&p.hr), &refs).await
}

/// A date `days` from today in Denmark, as the forms send it.
fn day(days: i64) -> String {
    let today = kompetence_core::domain::schedule::copenhagen_today(time::OffsetDateTime::now_utc());
    kompetence_core::domain::schedule::fmt_date(today + time::Duration::days(days))
}

#[tokio::test]
async fn hr_applies_to_the_kompetencefond_for_a_team_signs_submits_and_sees_the_grant_per_department() {
    let p = planning().await;
    import(&p).await;
    let hr = scope_of(&p, "hr@aabenraa.dk").await;
    let group = hr.employees("Team Syd", PageRequest::new(None, Some(50))).await.unwrap().items;
    let emails: Vec<String> =
        group.iter().filter(|e| e.job_title.as_deref() == Some("Lønkonsulent")).map(|e| e.email.clone()).collect();
    assert_eq!(emails.len(), 6);
    let (start, end, too_early) = (day(45), day(120), day(300));
    let base = format!("/o/{}/fund", p.org);
    let fields = |start: &str, pre: bool| {
        let mut f = vec![
            ("course_title".to_string(), "Kommunom: Offentlig forvaltning".to_string()),
            ("provider".into(), "Det Kommunale Kompetencecenter".into()),
            ("starts_on".into(), start.to_string()),
            ("ends_on".into(), end.clone()),
            ("price".into(), "9500".into()),
            ("emails".into(), emails.join("\n")),
        ];
        if pre {
            f.push(("pre_approval".into(), "1".into()));
        }
        f
    };
    let early = post_fund(&p, &base, fields(&too_early, true)).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("tidligst søges 9 måneder før"), "{}", early.body);
    let made = post_fund(&p, &base, fields(&start, true)).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let url = made.location().split('?').next().unwrap().to_string();
    let page = p.t.get(made.location(), Some(&p.hr)).await;
    assert!(page.body.contains("Status: Kladde"), "{}", page.body);
    // 80 % of 9,500 is 7,600 per person; the workplace pays 1,900; six people.
    assert!(page.body.contains("45.600 kr.") && page.body.contains("11.400 kr."), "{}", page.body);

    // Every applicant, the leader and the union representative sign: then it is signed.
    let id: i64 = url.rsplit('/').next().unwrap().parse().unwrap();
    let detail = hr.fund_application(id).await.unwrap();
    for a in &detail.applicants {
        let signer = format!("employee:{}", a.employee_id);
        let r =
            p.t.post_form(&format!("{url}/signatures"), Some(&p.hr), &[("signer", &signer), ("signed_on", &day(0))])
                .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let future =
        p.t.post_form(&format!("{url}/signatures"), Some(&p.hr), &[("signer", "leader"), ("signed_on", &day(1))]).await;
    assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY, "a signature cannot be dated tomorrow");
    for signer in ["leader", "union"] {
        p.t.post_form(&format!("{url}/signatures"), Some(&p.hr), &[("signer", signer), ("signed_on", &day(0))]).await;
    }
    assert_eq!(hr.fund_application(id).await.unwrap().application.status, "signed");
    let no_reason = p.t.post_form(&format!("{url}/status"), Some(&p.hr), &[("status", "paid")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY, "signed cannot jump to paid");
    for status in ["submitted", "granted"] {
        let r = p.t.post_form(&format!("{url}/status"), Some(&p.hr), &[("status", status)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{status}: {}", r.body);
    }
    let list = p.t.get(&base, Some(&p.hr)).await;
    assert!(
        list.body.contains("<th scope=\"row\">Løn og Personale</th><td>6</td><td>45.600 kr.</td><td>11.400 kr.</td>"),
        "{}",
        list.body
    );
    let pdf = p.t.get(&format!("{url}/pdf"), Some(&p.hr)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.bytes.starts_with(b"%PDF"), "a printable application");

    // A second course in the same 12 months: the cap of 30,000 cuts nobody yet (7,600 + 7,600).
    let again = post_fund(&p, &base, fields(&start, false)).await;
    let second = hr
        .fund_application(again.location().split('?').next().unwrap().rsplit('/').next().unwrap().parse().unwrap())
        .await
        .unwrap();
    assert!(second.applicants.iter().all(|a| a.fund_share == 7_600 && !a.capped));
}

#[tokio::test]
async fn an_employee_asks_to_go_from_the_catalogue_and_hr_and_their_leader_see_the_demand() {
    let p = planning().await;
    import(&p).await;
    let hr = scope_of(&p, "hr@aabenraa.dk").await;
    let dorthe = hr.employees("Dorthe", PageRequest::new(None, None)).await.unwrap().items.remove(0);
    let user = hr.create_participant_login(dorthe.id, None).await.unwrap();
    let s = p.t.session(user).await;
    let start = p.t.get("/", Some(&s)).await;
    assert!(start.body.contains("href=\"/me/catalogue\""), "the start page leads to the catalogue");
    let page = p.t.get("/me/catalogue", Some(&s)).await;
    assert!(page.body.contains("Modul LØN-1") || page.body.contains("LØN-1"), "{}", page.body);
    let module = page.body.split("name=\"module_id\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let org = p.org.to_string();
    let fields = [("org_id", org.as_str()), ("module_id", module.as_str()), ("note", "Vi får ny lønaftale")];
    let asked = p.t.post_form("/me/interests", Some(&s), &fields).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    let page = p.t.get(asked.location(), Some(&s)).await;
    assert!(page.body.contains("er sendt til HR og din leder"), "{}", page.body);
    assert!(page.body.contains("Træk ønsket tilbage"));
    let twice = p.t.post_form("/me/interests", Some(&s), &fields).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY, "asking twice is refused with a message");

    let demand = p.t.get(&format!("/o/{}/demand", p.org), Some(&p.hr)).await;
    assert!(
        demand.body.contains("1 vil gerne deltage") && demand.body.contains("Vi får ny lønaftale"),
        "{}",
        demand.body
    );
    let l = leaders(&p, &["teamleder1.aabenraa@kompetence.test", "teamleder2.aabenraa@kompetence.test"]).await;
    let syd = p.t.get(&format!("/o/{}/demand", p.org), Some(&l[0])).await;
    assert!(syd.body.contains("Dorthe Dam"), "Team Syd's leader sees their own");
    let nord = p.t.get(&format!("/o/{}/demand", p.org), Some(&l[1])).await;
    assert!(!nord.body.contains("Dorthe Dam") && nord.body.contains("Ingen har bedt om at deltage"), "not Team Nord's");
}

#[tokio::test]
async fn one_excel_file_with_mapped_columns_imports_the_same_tree_and_leaders() {
    let p = planning().await;
    let xlsx = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/plain/aabenraa.xlsx")).unwrap();
    let dry = p.t.post_files(&format!("/o/{}/staff-import", p.org), &p.hr, &[("aabenraa.xlsx", &xlsx)]).await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert!(dry.body.contains("Kolonner i aabenraa.xlsx"), "the mapping form for the file");
    assert!(dry.body.contains("<option value=\"Leder for\" selected>"), "the guess picked the columns");
    assert!(dry.body.contains("<dt>Nye medarbejdere</dt><dd>30</dd>"), "{}", dry.body);
    let upload = dry
        .body
        .split(&format!("/o/{}/staff-import/", p.org))
        .nth(1)
        .unwrap()
        .split(['/', '"'])
        .next()
        .unwrap()
        .to_string();

    // HR maps a column that is not there: the problem is named and nothing is kept.
    let wrong = [("id", "Medarbejdernr"), ("name", "Navn"), ("email", "Mail")];
    let bad = p.t.post_form(&format!("/o/{}/staff-import/{upload}/mapping", p.org), Some(&p.hr), &wrong).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Kolonner mangler: Mail"), "{}", bad.body);
    let right = [
        ("id", "Medarbejdernr"),
        ("name", "Navn"),
        ("email", "E-mail"),
        ("unit", "Afdeling"),
        ("parent_unit", "Overordnet afdeling"),
        ("job_title", "Stilling"),
        ("position_code", "Stillingskode"),
        ("leads", "Leder for"),
    ];
    let again = p.t.post_form(&format!("/o/{}/staff-import/{upload}/mapping", p.org), Some(&p.hr), &right).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let done = p.t.post_form(&format!("/o/{}/staff-import/{upload}", p.org), Some(&p.hr), &[]).await;
    assert!(done.body.contains("Importen er gemt: 30 nye"), "{}", done.body);

    // The head of payroll leads "Løn og Personale", so he sees all four teams.
    let s = leaders(&p, &["leder.aabenraa@kompetence.test"]).await;
    let staff = p.t.get(&format!("/o/{}/employees", p.org), Some(&s[0])).await;
    for who in ["Dorthe Dam", "loenkonsulent1.aabenraa", "loenkonsulent2.aabenraa", "loenkonsulent3.aabenraa"] {
        assert!(staff.body.contains(who), "{who} is the head of payroll's");
    }
    assert!(!staff.body.contains("Hanne Hansen"), "HR is not");
    // The same file as CSV (Danish Excel's semicolons) changes nothing.
    let csv = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/plain/aabenraa.csv")).unwrap();
    let same = p.t.post_files(&format!("/o/{}/staff-import", p.org), &p.hr, &[("aabenraa.csv", &csv)]).await;
    assert!(same.body.contains("<dt>Uændrede</dt><dd>30</dd>"), "{}", same.body);
}
