//! Home assignments (hand-in, late, closed, feedback), attendance, and the exam access rules
//! they feed.
use axum::http::{Method, StatusCode};
use kompetence_core::domain::exam::ExamInput;
use kompetence_core::domain::schedule::DayInput;
use kompetence_core::domain::{AssignmentId, CohortId, DayId, EnrolmentId, UserId};
use kompetence_core::store::ProviderScope;
use serde_json::json;

use crate::support::{Provider, Session, TestApp};

struct World {
    p: Provider,
    scope: ProviderScope,
    cohort: CohortId,
    teacher: Session,
    birgit: UserId,
    enrolment: EnrolmentId,
}

async fn world() -> World {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let course = p.course("AKT").teacher("torben@nordlys.dk").build().await;
    let c = course.cohort;
    let bornholm = p.t.municipality("Bornholms Regionskommune", "hr@bornholm.dk").await;
    let birgit = bornholm.participant(&p.t, "Birgit Ipsen", "birgit@bornholm.dk").await;
    let enrolment = bornholm.enrol(c.id, "birgit@bornholm.dk").await;
    let teacher = p.t.session(course.teacher.unwrap()).await;
    World { scope, cohort: c.id, teacher, birgit, enrolment, p }
}

impl World {
    /// The teacher sets an assignment through the form; returns its id.
    async fn set(&self, title: &str, due: &str, extra: &[(&str, &str)]) -> AssignmentId {
        let path = format!("/o/{}/cohorts/{}/assignments", self.p.org, self.cohort);
        let mut fields = vec![("title", title), ("due_date", due), ("due_time", "12:00")];
        fields.extend_from_slice(extra);
        let r = self.p.t.post_form(&path, Some(&self.teacher), &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        r.location().rsplit('/').next().unwrap().parse().unwrap()
    }
    async fn birgit(&self) -> Session {
        self.p.t.session(self.birgit).await
    }
}

#[tokio::test]
async fn a_participant_hands_in_and_sees_the_teachers_feedback() {
    let w = world().await;
    let id = w.set("Aktion: kortlæg en arbejdsgang", "2030-03-01", &[("compulsory", "1")]).await;
    let s = w.birgit().await;
    let page = w.p.t.get("/me/assignments", Some(&s)).await;
    assert!(page.body.contains("Aktion: kortlæg en arbejdsgang") && page.body.contains("Ikke afleveret"));

    // An empty hand-in is refused with a message; nothing is saved.
    let path = format!("/me/assignments/{id}/submit");
    let empty = w.p.t.post_form(&path, Some(&s), &[("text", "   ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("role=\"alert\""), "{}", empty.body);
    assert_eq!(w.scope.submissions(id).await.unwrap()[0].submission_id, None);

    let r = w.p.t.post_form(&path, Some(&s), &[("text", "Jeg fulgte en lønkørsel fra start til slut.")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let row = w.scope.submissions(id).await.unwrap().remove(0);
    assert_eq!(row.status.map(|s| s.as_str()), Some("submitted"));
    assert_eq!(row.late, Some(false));

    // The teacher forgets the verdict: refused, and the written feedback is still there.
    let sub = row.submission_id.unwrap();
    let fb = format!("/o/{}/assignments/{id}/submissions/{sub}/feedback", w.p.org);
    let bad = w.p.t.post_form(&fb, Some(&w.teacher), &[("feedback", "Godt observeret – uddyb refleksionen.")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Godt observeret – uddyb refleksionen.") && bad.body.contains("Vælg godkendt"));
    let ok =
        w.p.t
            .post_form(
                &fb,
                Some(&w.teacher),
                &[("verdict", "approved"), ("feedback", "Godt observeret – uddyb refleksionen.")],
            )
            .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);

    let page = w.p.t.get("/me/assignments", Some(&s)).await;
    assert!(page.body.contains("Godkendt") && page.body.contains("Godt observeret – uddyb refleksionen."));
    // Approved work is final.
    let again = w.p.t.post_form(&path, Some(&s), &[("text", "Ny version")]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_late_hand_in_is_marked_late_or_refused_when_the_teacher_closed_it() {
    let w = world().await;
    let open = w.set("Refleksion efter dag 1", "2020-03-01", &[]).await;
    let closed = w.set("Aktionsplan", "2020-03-01", &[("closed_after_due", "1")]).await;
    let s = w.birgit().await;
    let r = w.p.t.post_form(&format!("/me/assignments/{open}/submit"), Some(&s), &[("text", "Sent, men godt")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(w.scope.submissions(open).await.unwrap()[0].late, Some(true));
    assert!(w.p.t.get("/me/assignments", Some(&s)).await.body.contains("For sent"));

    // Closed: refused, and the half-written text survives on the page.
    let text = "Min halvskrevne aktionsplan: interview med to ledere";
    let r = w.p.t.post_form(&format!("/me/assignments/{closed}/submit"), Some(&s), &[("text", text)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("lukket for aflevering") && r.body.contains(text), "{}", r.body);
    assert_eq!(w.scope.submissions(closed).await.unwrap()[0].submission_id, None);

    // Someone not on the cohort cannot hand in to it.
    let other = w.p.t.user("fremmed@test.dk", &[]).await;
    let token = w.p.t.token(other, None).await;
    let path = format!("/api/v1/me/assignments/{open}/submission");
    let r = w.p.t.api(Method::POST, &path, Some(&token), Some(json!({"text": "x"}))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn attendance_is_recorded_per_day_and_shown_to_the_participant() {
    let w = world().await;
    let mut day_ids = vec![];
    for date in ["2030-10-01", "2030-11-01"] {
        let d = DayInput {
            date: date.into(),
            starts_at: "09:00".into(),
            ends_at: "15:00".into(),
            kind: "teaching".into(),
            ..Default::default()
        };
        day_ids.push(w.scope.add_day(w.cohort, &d).await.unwrap().id);
    }
    let path = |d: DayId| format!("/o/{}/cohorts/{}/days/{d}/attendance", w.p.org, w.cohort);
    let field = format!("status-{}", w.enrolment);
    let bad = w.p.t.post_form(&path(day_ids[0]), Some(&w.teacher), &[(&field, "maybe")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = w.p.t.post_form(&path(day_ids[0]), Some(&w.teacher), &[(&field, "present")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(w.p.t.get(r.location(), Some(&w.teacher)).await.body.contains("Fremmødet er gemt."));
    w.p.t.post_form(&path(day_ids[1]), Some(&w.teacher), &[(&field, "absent_notice")]).await;
    let sheet = w.scope.attendance_sheet(w.cohort, day_ids[1]).await.unwrap();
    assert_eq!(sheet[0].status.map(|s| s.as_str()), Some("absent_notice"));
    let s = w.birgit().await;
    let page = w.p.t.get("/me/assignments", Some(&s)).await;
    assert!(page.body.contains("Til stede") && page.body.contains("Meldt afbud"), "{}", page.body);
    // Her municipality's HR sees it on the enrolment.
    let muni = w.p.t.store.org_by_name("Bornholms Regionskommune").await.unwrap().id;
    let hr = w.p.t.store.user_by_email("hr@bornholm.dk").await.unwrap().id;
    let hr_s = w.p.t.session(hr).await;
    let e = w.p.t.get(&format!("/o/{muni}/enrolments/{}", w.enrolment), Some(&hr_s)).await;
    assert!(e.body.contains("Til stede") && e.body.contains("Meldt afbud"), "{}", e.body);
}

#[tokio::test]
async fn the_exam_hand_in_waits_for_approved_compulsory_assignments_and_enough_attendance() {
    let w = world().await;
    let assignment = w.set("Obligatorisk opgave", "2030-03-01", &[("compulsory", "1")]).await;
    let exam = w
        .scope
        .set_up_exam(
            w.cohort,
            &ExamInput {
                form: "written_project".into(),
                handin_date: "2031-01-14".into(),
                handin_time: "12:00".into(),
                exam_date: "2031-01-28".into(),
                require_assignments: Some("1".into()),
                min_attendance_pct: "75".into(),
                examiners: "torben@nordlys.dk".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let s = w.birgit().await;
    let handin = format!("/me/exams/{}/handin", exam.id);
    let r = w.p.t.post_form(&handin, Some(&s), &[("text", "Mit eksamensprojekt")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("obligatoriske opgaver er godkendt"), "{}", r.body);

    // Approved, but present on only one of two recorded days (50 % < 75 %).
    w.p.t.store.me(w.birgit).submit_assignment(assignment, "Besvarelse").await.unwrap();
    let sub = w.scope.submissions(assignment).await.unwrap()[0].submission_id.unwrap();
    w.scope.give_feedback(assignment, sub, "approved", "").await.unwrap();
    let mut days = vec![];
    for date in ["2030-10-01", "2030-11-01"] {
        let d = DayInput {
            date: date.into(),
            starts_at: "09:00".into(),
            ends_at: "15:00".into(),
            kind: "teaching".into(),
            ..Default::default()
        };
        days.push(w.scope.add_day(w.cohort, &d).await.unwrap().id);
    }
    w.scope.record_attendance(w.cohort, days[0], &[(w.enrolment, "present".into())]).await.unwrap();
    w.scope.record_attendance(w.cohort, days[1], &[(w.enrolment, "absent".into())]).await.unwrap();
    let r = w.p.t.post_form(&handin, Some(&s), &[("text", "Mit eksamensprojekt")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("fremmøde er under det krævede"), "{}", r.body);

    // The absence turns out to have been notified and present after all: access granted.
    w.scope.record_attendance(w.cohort, days[1], &[(w.enrolment, "present".into())]).await.unwrap();
    let r = w.p.t.post_form(&handin, Some(&s), &[("text", "Mit eksamensprojekt")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn an_action_is_seen_by_its_group_when_shared_by_the_teacher_always_and_by_the_leader_as_a_title() {
    let w = world().await;
    let muni = w.p.t.store.org_by_name("Bornholms Regionskommune").await.unwrap().id;
    let hr = w.p.t.store.user_by_email("hr@bornholm.dk").await.unwrap().id;
    let hr_scope = w.p.t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(hr, muni, &[]).await.unwrap();
    // Lis leads Ole; Ole is on the cohort with Birgit.
    let lis_emp = w.p.t.employee(hr, muni, "Lis Leder", "lis@bornholm.dk", "").await;
    let lis = hr_scope.create_participant_login(lis_emp, None).await.unwrap();
    w.p.t.store.grant_role(lis, muni, "leader").await.unwrap();
    let ole_emp = w.p.t.employee(hr, muni, "Ole Olsen", "ole@bornholm.dk", "lis@bornholm.dk").await;
    let ole = hr_scope.create_participant_login(ole_emp, None).await.unwrap();
    let ole_enrolment = hr_scope.enrol(w.cohort, "ole@bornholm.dk", true).await.unwrap().id;
    let ole_s = w.p.t.session(ole).await;

    // A plan without what/why/with whom is refused, and what was typed is kept.
    let bad =
        w.p.t
            .post_form(
                "/me/actions",
                Some(&ole_s),
                &[
                    ("enrolment_id", &ole_enrolment.to_string()),
                    ("title", "Bilag på 3 dage"),
                    ("planned_for", "2030-10-15"),
                ],
            )
            .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Udfyld planen") && bad.body.contains("Bilag på 3 dage"));
    let plan = [
        ("enrolment_id", ole_enrolment.to_string()),
        ("title", "Bilag på 3 dage".into()),
        ("what", "Følg ti bilag fra modtagelse til bogføring".into()),
        ("why", "Finde ventetid".into()),
        ("with_whom", "To bogholdere".into()),
        ("planned_for", "2030-10-15".into()),
    ];
    let fields: Vec<(&str, &str)> = plan.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = w.p.t.post_form("/me/actions", Some(&ole_s), &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let action_path = r.location().to_string();
    let id: i64 = action_path.rsplit('/').next().unwrap().parse().unwrap();

    // The teacher puts Ole and Birgit in a learning group. Not shared yet: Birgit cannot read it.
    let groups = format!("/o/{}/cohorts/{}/groups", w.p.org, w.cohort);
    let r = w
        .p
        .t
        .post_form(
            &groups,
            Some(&w.teacher),
            &[("name", "Gruppe Nord"), ("member", &ole_enrolment.to_string()), ("member", &w.enrolment.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let birgit_s = w.birgit().await;
    assert_eq!(w.p.t.get(&action_path, Some(&birgit_s)).await.status, StatusCode::NOT_FOUND);

    // Ole carries it out and reflects; a failed save keeps the reflection.
    let reflection = "Ventetiden lå hos attestanterne – jeg vil foreslå påmindelser.";
    let mut carried: Vec<(&str, &str)> = fields[1..].to_vec();
    carried.push(("observations", "Syv af ti bilag ventede over to dage."));
    carried.push(("reflection", reflection));
    carried.push(("shared_with_group", "1"));
    let mut broken = carried.clone();
    broken.retain(|(k, _)| *k != "why");
    let r = w.p.t.post_form(&action_path, Some(&ole_s), &broken).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(reflection));
    assert_eq!(w.p.t.post_form(&action_path, Some(&ole_s), &carried).await.status, StatusCode::SEE_OTHER);

    // Shared: Birgit reads it and comments; the comment shows on Ole's page.
    let page = w.p.t.get(&action_path, Some(&birgit_s)).await;
    assert!(page.body.contains(reflection));
    let empty = w.p.t.post_form(&format!("{action_path}/comments"), Some(&birgit_s), &[("body", " ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let c = w.p.t.post_form(&format!("{action_path}/comments"), Some(&birgit_s), &[("body", "Prøv en fast dag")]).await;
    assert_eq!(c.status, StatusCode::SEE_OTHER);
    assert!(w.p.t.get(&action_path, Some(&ole_s)).await.body.contains("Prøv en fast dag"));
    // Birgit cannot change Ole's action.
    assert_eq!(w.p.t.post_form(&action_path, Some(&birgit_s), &carried).await.status, StatusCode::NOT_FOUND);

    // The teacher sees every action and gives feedback, which Ole reads.
    let overview = w.p.t.get(&format!("/o/{}/cohorts/{}/actions", w.p.org, w.cohort), Some(&w.teacher)).await;
    assert!(overview.body.contains("Bilag på 3 dage") && overview.body.contains("Gruppe Nord"));
    let fb = format!("/o/{}/actions/{id}/feedback", w.p.org);
    w.p.t.post_form(&fb, Some(&w.teacher), &[("feedback", "Stærk refleksion."), ("back", "/")]).await;
    assert!(w.p.t.get(&action_path, Some(&ole_s)).await.body.contains("Stærk refleksion."));

    // Lis, Ole's leader, sees the title only — until Ole shares it with her.
    let lis_s = w.p.t.session(lis).await;
    let staff = format!("/o/{muni}/staff-actions");
    let page = w.p.t.get(&staff, Some(&lis_s)).await;
    assert!(page.body.contains("Bilag på 3 dage") && !page.body.contains(reflection), "{}", page.body);
    carried.push(("shared_with_leader", "1"));
    w.p.t.post_form(&action_path, Some(&ole_s), &carried).await;
    assert!(w.p.t.get(&staff, Some(&lis_s)).await.body.contains(reflection));
    // HR is not Ole's leader and has no such page.
    let hr_s = w.p.t.session(hr).await;
    assert_eq!(w.p.t.get(&staff, Some(&hr_s)).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn evaluations_are_anonymous_hidden_below_five_answers_and_only_for_days_attended() {
    let w = world().await;
    let muni = w.p.t.store.org_by_name("Bornholms Regionskommune").await.unwrap().id;
    let hr = w.p.t.store.user_by_email("hr@bornholm.dk").await.unwrap().id;
    let hr_scope = w.p.t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(hr, muni, &[]).await.unwrap();
    let d = DayInput {
        date: "2020-10-01".into(),
        starts_at: "09:00".into(),
        ends_at: "15:00".into(),
        kind: "teaching".into(),
        title: "Rollen som rådgiver".into(),
        ..Default::default()
    };
    // A day in the past, put straight in (days must lie within the cohort's future period).
    let cohort_days = w.scope.days(w.cohort).await.unwrap();
    assert!(cohort_days.is_empty());
    w.p.t
        .store
        .raw_execute(&format!(
            "INSERT INTO teaching_days (cohort_id, day_date, starts_at, ends_at, kind, title) VALUES ({}, '{}', '{}', '{}', '{}', '{}')",
            w.cohort, d.date, d.starts_at, d.ends_at, d.kind, d.title
        ))
        .await
        .unwrap();
    let day = w.scope.days(w.cohort).await.unwrap()[0].id;
    // Five more participants; Birgit and four of them attended, one did not.
    let mut people = vec![(w.birgit, w.enrolment)];
    for n in 1..=5 {
        let email = format!("p{n}@bornholm.dk");
        let emp = w.p.t.employee(hr, muni, &format!("Deltager {n}"), &email, "").await;
        let user = hr_scope.create_participant_login(emp, None).await.unwrap();
        let e = hr_scope.enrol(w.cohort, &email, true).await.unwrap().id;
        people.push((user, e));
    }
    let marks: Vec<(EnrolmentId, String)> = people
        .iter()
        .enumerate()
        .map(|(i, (_, e))| (*e, if i == 5 { "absent" } else { "present" }.to_string()))
        .collect();
    w.scope.record_attendance(w.cohort, day, &marks).await.unwrap();

    let s = w.birgit().await;
    let page = w.p.t.get("/me/evaluations", Some(&s)).await;
    // The day is pending; the whole cohort is not yet (it has not begun).
    assert!(page.body.contains("Rollen som rådgiver") && !page.body.contains("Hele forløbet"), "{}", page.body);
    let scope = format!("day:{day}");
    let cohort = w.cohort.to_string();
    // Out of range: refused, the other choices and the comment kept.
    let bad =
        w.p.t
            .post_form(
                "/me/evaluations",
                Some(&s),
                &[
                    ("cohort_id", &cohort),
                    ("scope", &scope),
                    ("benefit", "6"),
                    ("relevance", "4"),
                    ("teaching", "5"),
                    ("comment", "Gode cases"),
                ],
            )
            .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Vælg et tal fra 1 til 5.") && bad.body.contains("Gode cases"));

    // The absent participant cannot evaluate the day.
    let absent = w.p.t.token(people[5].0, None).await;
    let body = json!({"cohort_id": w.cohort, "scope": scope, "benefit": 3, "relevance": 3, "teaching": 3});
    let r = w.p.t.api(Method::POST, "/api/v1/me/evaluations", Some(&absent), Some(body.clone())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Four answers: the teacher sees only that there are four.
    for (i, (user, _)) in people.iter().take(4).enumerate() {
        let token = w.p.t.token(*user, None).await;
        let body = json!({"cohort_id": w.cohort, "scope": scope, "benefit": 4 + (i % 2), "relevance": 5, "teaching": 4,
                          "comment": format!("Kommentar {i}")});
        let r = w.p.t.api(Method::POST, "/api/v1/me/evaluations", Some(&token), Some(body)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    }
    let results = format!("/o/{}/cohorts/{}/evaluations", w.p.org, w.cohort);
    let hidden = w.p.t.get(&results, Some(&w.teacher)).await;
    assert!(
        hidden.body.contains("4 svar") && hidden.body.contains("For få svar") && !hidden.body.contains("Kommentar 0")
    );
    // A second answer from the same person is refused.
    let again =
        w.p.t.api(Method::POST, "/api/v1/me/evaluations", Some(&w.p.t.token(w.birgit, None).await), Some(body)).await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    // The fifth answer: averages, a chart with a text alternative, comments without names.
    let token = w.p.t.token(people[4].0, None).await;
    let body = json!({"cohort_id": w.cohort, "scope": scope, "benefit": 5, "relevance": 5, "teaching": 5});
    w.p.t.api(Method::POST, "/api/v1/me/evaluations", Some(&token), Some(body)).await;
    let shown = w.p.t.get(&results, Some(&w.teacher)).await;
    // Benefit: 4, 5, 4, 5, 5 → 4,6.
    assert!(
        shown.body.contains("5 svar") && shown.body.contains("4,6") && shown.body.contains("<svg"),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("Kommentar 0") && !shown.body.contains("Birgit Ipsen"));
    // The municipality whose people attended sees the same results.
    let hr_s = w.p.t.session(hr).await;
    let municipal = w.p.t.get(&format!("/o/{muni}/evaluations"), Some(&hr_s)).await;
    assert!(municipal.body.contains("4,6") && municipal.body.contains("Professionshøjskolen Nordlys"));
}

#[tokio::test]
async fn a_type_profile_is_the_participants_own_and_reaches_the_teacher_only_when_shared() {
    use kompetence_core::domain::profile::{Instrument, SAMPLE_INSTRUMENT};
    let w = world().await;
    // The provider loads an instrument: a broken file is refused and the text kept.
    let load = format!("/o/{}/instruments", w.p.org);
    let broken = w.p.t.post_form(&load, Some(&w.p.s), &[("definition", "mit instrument, halvt indtastet")]).await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        broken.body.contains("kan ikke læses som et instrument")
            && broken.body.contains("mit instrument, halvt indtastet")
    );
    assert_eq!(
        w.p.t.post_form(&load, Some(&w.p.s), &[("definition", SAMPLE_INSTRUMENT)]).await.status,
        StatusCode::SEE_OTHER
    );
    let id = w.scope.instruments().await.unwrap()[0].id;
    let instrument = Instrument::parse(SAMPLE_INSTRUMENT).unwrap();

    let s = w.birgit().await;
    let list = w.p.t.get("/me/profiles", Some(&s)).await;
    assert!(list.body.contains("Arbejdsstil"));
    let path = format!("/me/profiles/{id}");
    // One answer out of range: refused, the other answers still ticked.
    let mut fields: Vec<(String, String)> =
        instrument.items.iter().map(|it| (format!("item-{}", it.id), "4".to_string())).collect();
    fields[0].1 = "9".into();
    let as_refs = |f: &[(String, String)]| f.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>();
    let send = |f: Vec<(String, String)>| {
        let t = &w.p.t;
        let s = s.clone();
        let path = path.clone();
        async move {
            let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            t.post_form(&path, Some(&s), &refs).await
        }
    };
    let bad = send(as_refs(&fields)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("uden for skalaen") && bad.body.contains(r#"id="it-e2-4" name="item-e2" value="4" checked"#)
    );
    fields[0].1 = "1".into();
    assert_eq!(send(as_refs(&fields)).await.status, StatusCode::SEE_OTHER);

    // Her profile: a chart with a text alternative and a text per dimension. Energy: the reversed
    // item answered 1 counts as 5, the two others 4 → (4 + 3 + 3) / 12 of the span = 83.
    let mine = w.p.t.get(&path, Some(&s)).await;
    assert!(
        mine.body.contains("<svg") && mine.body.contains("<desc") && mine.body.contains("Fordybelse – Samspil: 83"),
        "{}",
        mine.body
    );
    // Not shared: the teacher sees nothing.
    let teacher_view = format!("/o/{}/cohorts/{}/profiles", w.p.org, w.cohort);
    assert!(w.p.t.get(&teacher_view, Some(&w.teacher)).await.body.contains("Ingen deltagere har delt"));
    // Shared: the teacher sees it; unshared again: gone.
    w.p.t.post_form(&format!("{path}/share"), Some(&s), &[("share", "1")]).await;
    assert!(w.p.t.get(&teacher_view, Some(&w.teacher)).await.body.contains("Birgit Ipsen"));
    w.p.t.post_form(&format!("{path}/share"), Some(&s), &[("share", "0")]).await;
    assert!(!w.p.t.get(&teacher_view, Some(&w.teacher)).await.body.contains("Birgit Ipsen"));
    // Someone not on the provider's cohorts is not offered the instrument.
    let other = w.p.t.user("fremmed@test.dk", &[]).await;
    let os = w.p.t.session(other).await;
    assert_eq!(w.p.t.get(&path, Some(&os)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn materials_and_hand_in_files_are_uploaded_checked_and_downloaded_by_the_right_people() {
    let w = world().await;
    let path = format!("/o/{}/cohorts/{}/materials", w.p.org, w.cohort);
    // A refused type: nothing stored, the title and text kept.
    let bad =
        w.p.t
            .post_multipart(
                &path,
                &w.teacher,
                &[("title", "Case: lønkørsel"), ("body", "Læs før dag 2")],
                Some(("file", "case.exe", b"MZ")),
            )
            .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("Filtypen er ikke tilladt.")
            && bad.body.contains("Case: lønkørsel")
            && bad.body.contains("Læs før dag 2")
    );
    assert!(w.scope.materials(w.cohort).await.unwrap().is_empty());
    // Neither text nor file: refused.
    let empty = w.p.t.post_multipart(&path, &w.teacher, &[("title", "Tom")], None).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let pdf = b"%PDF-1.4 Case om l\xc3\xb8nk\xc3\xb8rsel".to_vec();
    let ok = w
        .p
        .t
        .post_multipart(&path, &w.teacher, &[("title", "Case: lønkørsel")], Some(("file", "Case lønkørsel.pdf", &pdf)))
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let material = w.scope.materials(w.cohort).await.unwrap()[0].id;

    // Birgit, on the cohort, finds and downloads it; someone else cannot.
    let s = w.birgit().await;
    assert!(w.p.t.get("/me/materials", Some(&s)).await.body.contains("Case: lønkørsel"));
    let file = w.p.t.get(&format!("/me/materials/{material}/file"), Some(&s)).await;
    assert_eq!(file.bytes, pdf);
    assert_eq!(file.headers["content-type"], "application/pdf");
    assert!(file.headers["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let other = w.p.t.user("fremmed@test.dk", &[]).await;
    let os = w.p.t.session(other).await;
    assert_eq!(w.p.t.get(&format!("/me/materials/{material}/file"), Some(&os)).await.status, StatusCode::NOT_FOUND);

    // A hand-in with a file only; the teacher downloads it from the assignment page.
    let id = w.set("Aflevér jeres procesdiagram", "2030-03-01", &[]).await;
    let diagram = b"diagram".to_vec();
    let r =
        w.p.t
            .post_multipart(
                &format!("/me/assignments/{id}/submit"),
                &s,
                &[("text", "")],
                Some(("file", "diagram.png", &diagram)),
            )
            .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = w.p.t.get(&format!("/o/{}/assignments/{id}", w.p.org), Some(&w.teacher)).await;
    let href =
        page.body.split("href=\"").find(|h| h.contains("/files/")).unwrap().split('"').next().unwrap().to_string();
    let got = w.p.t.get(&href, Some(&w.teacher)).await;
    assert_eq!(got.bytes, diagram);
}
