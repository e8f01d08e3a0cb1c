//! Examine and credit: set-up, hand-in, examiner and censor grades, the final grade, credits,
//! re-exams and the transcript.
use axum::http::{Method, StatusCode};
use kompetence_core::domain::exam::ExamInput;
use kompetence_core::domain::{AttemptId, CohortId, EnrolmentId, ExamId, UserId};
use kompetence_core::store::ProviderScope;
use serde_json::json;

use crate::support::{TestApp, cohort_input, module_input};

struct World {
    t: TestApp,
    provider: ProviderScope,
    cohort: CohortId,
    teacher: UserId,
    censor: UserId,
    participant: UserId,
    enrolment: EnrolmentId,
}

/// A module with external censor, a cohort with Dorthe enrolled, a teacher and a censor.
async fn world(module_censor: &str) -> World {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let c = p.course("PRA").censor(module_censor).build().await.cohort;
    let teacher = p.t.user("torben@nordlys.dk", &[(p.org, "teacher")]).await;
    let censor = p.t.user("cecilie@censor.dk", &[(p.org, "censor")]).await;
    let bornholm = p.t.municipality("Bornholms Regionskommune", "hr@bornholm.dk").await;
    let participant = bornholm.participant(&p.t, "Birgit Ipsen", "birgit@bornholm.dk").await;
    let enrolment = bornholm.enrol(c.id, "birgit@bornholm.dk").await;
    World { t: p.t, provider: scope, cohort: c.id, teacher, censor, participant, enrolment }
}

fn setup(form: &str, deadline: &str, censor: &str) -> ExamInput {
    ExamInput {
        form: form.into(),
        project_weight: "2".into(),
        oral_weight: "1".into(),
        handin_date: deadline.into(),
        handin_time: "12:00".into(),
        exam_date: "2031-03-01".into(),
        examiners: "torben@nordlys.dk".into(),
        censor: censor.into(),
        ..Default::default()
    }
}

impl World {
    async fn as_user(&self, u: UserId) -> kompetence_core::store::ProviderScope {
        self.t
            .store
            .authorize_as::<kompetence_core::store::ProviderScope>(u, self.provider.org_id(), &[])
            .await
            .unwrap()
    }
    async fn attempt(&self, exam: ExamId) -> AttemptId {
        self.provider.grading_view(exam).await.unwrap().attempts.last().unwrap().id
    }
}

#[tokio::test]
async fn examiner_and_censor_disagree_and_the_participant_sees_only_the_final_grade() {
    let w = world("external").await;
    // An exam whose hand-in deadline has passed (graded after it), with Birgit's project in.
    let exam =
        w.provider.set_up_exam(w.cohort, &setup("written_project", "2020-01-01", "cecilie@censor.dk")).await.unwrap();
    let attempt = w.attempt(exam.id).await;
    // (Handing in after the deadline is refused; the project is placed as if handed in on time.)
    let err = w.t.store.me(w.participant).hand_in(exam.id, "Mit projekt").await.unwrap_err();
    assert!(format!("{err:?}").contains("err-handin-closed"));
    w.t.store
        .raw_execute(&format!(
            "UPDATE exam_attempts SET status = 'handed_in', handin_text = 'Mit projekt' WHERE id = {attempt}"
        ))
        .await
        .unwrap();

    let (ts, cs) = (w.t.session(w.teacher).await, w.t.session(w.censor).await);
    let path = format!("/o/{}/exams/{}/attempts/{attempt}/grade", w.provider.org_id(), exam.id);
    let bad = w.t.post_form(&path, Some(&ts), &[("part", "whole"), ("grade", "5")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("findes ikke på 7-trinsskalaen"));
    assert_eq!(
        w.t.post_form(&path, Some(&ts), &[("part", "whole"), ("grade", "10")]).await.status,
        StatusCode::SEE_OTHER
    );
    let twice = w.t.post_form(&path, Some(&ts), &[("part", "whole"), ("grade", "12")]).await;
    assert!(twice.body.contains("Du har allerede givet karakter for denne del."));
    // Before the censor grades, nothing is final and no credit is given.
    let mine = w.t.store.me(w.participant).exams().await.unwrap();
    assert_eq!(mine[0].final_grade, None);
    // Examiner 10, censor 12: average 11, the censor gave the higher grade → 12.
    assert_eq!(
        w.t.post_form(&path, Some(&cs), &[("part", "whole"), ("grade", "12")]).await.status,
        StatusCode::SEE_OTHER
    );
    let ps = w.t.session(w.participant).await;
    let page = w.t.get("/me/exams", Some(&ps)).await;
    assert!(page.body.contains("Endelig karakter: <strong>12</strong>"), "{}", page.body);
    assert!(!page.body.contains(">10<"), "the examiner's own grade is not shown to the participant");
    let api = w.t.api(Method::GET, "/api/v1/me/exams", Some(&w.t.token(w.participant, None).await), None).await.body;
    assert!(!api.contains("grader") && api.contains("\"final_grade\":\"12\""));
    // Both grades are in the graders' audit trail.
    let view = w.t.get(&format!("/o/{}/exams/{}", w.provider.org_id(), exam.id), Some(&ts)).await;
    assert!(
        view.body.contains("Eksaminator")
            && view.body.contains("Censor")
            && view.body.contains(": 10<")
            && view.body.contains(": 12<")
    );
    // The credits are awarded and the transcript shows the module.
    let transcript = w.t.get("/me/transcript", Some(&ps)).await;
    assert!(transcript.body.contains("PRA") && transcript.body.contains(">A<") && transcript.body.contains(">10<"));
    assert!(transcript.body.contains("12,0"), "average of a single 12 is 12,0");
}

#[tokio::test]
async fn the_exam_set_up_enforces_the_censor_rules() {
    let w = world("external").await;
    let none = w.provider.set_up_exam(w.cohort, &setup("written_project", "2031-01-01", "")).await.unwrap_err();
    assert!(format!("{none:?}").contains("err-censor-required"));
    w.t.store.grant_role(w.teacher, w.provider.org_id(), "censor").await.unwrap();
    let same = w
        .provider
        .set_up_exam(w.cohort, &setup("written_project", "2031-01-01", "torben@nordlys.dk"))
        .await
        .unwrap_err();
    assert!(format!("{same:?}").contains("err-censor-is-examiner"));
    let s = w.t.session(w.provider.grant().user()).await;
    let resp =
        w.t.post_form(
            &format!("/o/{}/cohorts/{}/exam", w.provider.org_id(), w.cohort.0),
            Some(&s),
            &[
                ("form", "written_project"),
                ("handin_date", "2031-01-01"),
                ("handin_time", "12:00"),
                ("exam_date", "2030-01-01"),
                ("examiners", "torben@nordlys.dk"),
            ],
        )
        .await;
    assert_eq!(resp.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        resp.body.contains("Eksamen kan ikke ligge før afleveringsfristen.")
            && resp.body.contains("value=\"torben@nordlys.dk\"")
    );
    assert!(w.provider.cohort_exam(w.cohort).await.unwrap().is_none(), "nothing saved");
}

#[tokio::test]
async fn nobody_grades_before_the_deadline_and_a_censor_only_their_own_exams() {
    let w = world("external").await;
    let exam =
        w.provider.set_up_exam(w.cohort, &setup("written_project", "2031-01-01", "cecilie@censor.dk")).await.unwrap();
    w.t.store.me(w.participant).hand_in(exam.id, "Udkast").await.unwrap();
    w.t.store.me(w.participant).hand_in(exam.id, "Endelig udgave").await.unwrap();
    let attempt = w.attempt(exam.id).await;
    let early = w.as_user(w.teacher).await.grade(exam.id, attempt, "whole", "7").await.unwrap_err();
    assert!(format!("{early:?}").contains("err-grading-before-deadline"));
    assert_eq!(
        w.provider.grading_view(exam.id).await.unwrap().attempts[0].handin_text.as_deref(),
        Some("Endelig udgave")
    );
    // Another censor of the provider, not assigned: the exam does not exist for them.
    let other = w.t.user("anden@censor.dk", &[(w.provider.org_id(), "censor")]).await;
    let s = w.t.session(other).await;
    assert_eq!(
        w.t.get(&format!("/o/{}/exams/{}", w.provider.org_id(), exam.id), Some(&s)).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!w.t.get(&format!("/o/{}/exams", w.provider.org_id()), Some(&s)).await.body.contains("Hold 1"));
    let resp =
        w.t.post_form(
            &format!("/o/{}/exams/{}/attempts/{attempt}/grade", w.provider.org_id(), exam.id),
            Some(&s),
            &[("part", "whole"), ("grade", "7")],
        )
        .await;
    assert_eq!(resp.status, StatusCode::NOT_FOUND);
    // An empty hand-in is refused; the earlier hand-in stays.
    let ps = w.t.session(w.participant).await;
    let empty = w.t.post_form(&format!("/me/exams/{}/handin", exam.id), Some(&ps), &[("text", "  ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Afleveringen er tom."));
}

#[tokio::test]
async fn a_failed_participant_gets_a_re_exam_and_the_history_is_kept() {
    let w = world("internal").await;
    let exam = w.provider.set_up_exam(w.cohort, &setup("oral", "2020-01-01", "")).await.unwrap();
    let teacher = w.as_user(w.teacher).await;
    let first = w.attempt(exam.id).await;
    assert_eq!(teacher.grade(exam.id, first, "whole", "00").await.unwrap().map(|g| g.code()), Some("00"));
    assert!(
        w.t.store.me(w.participant).transcript(Default::default()).await.unwrap().rows.is_empty(),
        "no credits for 00"
    );
    let s = w.t.session(w.provider.grant().user()).await;
    let path = format!("/o/{}/cohorts/{}/exam/reexam/{}", w.provider.org_id(), w.cohort, w.enrolment);
    assert_eq!(w.t.post_form(&path, Some(&s), &[]).await.status, StatusCode::SEE_OTHER);
    let second = w.attempt(exam.id).await;
    assert_ne!(first, second);
    assert_eq!(teacher.grade(exam.id, second, "whole", "4").await.unwrap().map(|g| g.code()), Some("4"));
    let again = w.provider.register_reexam(w.cohort, w.enrolment).await.unwrap_err();
    assert!(format!("{again:?}").contains("err-reexam-not-needed"));
    let attempts = w.provider.grading_view(exam.id).await.unwrap().attempts;
    let history: Vec<(i64, Option<&str>)> = attempts.iter().map(|a| (a.attempt_no, a.final_grade.as_deref())).collect();
    assert_eq!(history, [(1, Some("00")), (2, Some("4"))]);
    let t = w.t.store.me(w.participant).transcript(Default::default()).await.unwrap();
    assert_eq!((t.total_ects, t.rows[0].grade.as_str()), (10, "4"));
}

#[tokio::test]
async fn a_combined_exam_weighs_project_and_oral_and_needs_both_passed() {
    let w = world("internal").await;
    let exam = w.provider.set_up_exam(w.cohort, &setup("project_oral", "2020-01-01", "")).await.unwrap();
    let attempt = w.attempt(exam.id).await;
    w.t.store
        .raw_execute(&format!("UPDATE exam_attempts SET status = 'handed_in' WHERE id = {attempt}"))
        .await
        .unwrap();
    let teacher = w.as_user(w.teacher).await;
    assert_eq!(teacher.grade(exam.id, attempt, "project", "12").await.unwrap(), None, "waits for the oral");
    let token = w.t.token(w.teacher, None).await;
    let r =
        w.t.api(
            Method::POST,
            &format!("/api/v1/orgs/{}/exams/{}/attempts/{attempt}/grades", w.provider.org_id(), exam.id),
            Some(&token),
            Some(json!({"part": "oral", "grade": "7"})),
        )
        .await;
    // (12×2 + 7×1)/3 = 10.3 → 10
    assert_eq!(r.json()["final_grade"], "10");
}

#[tokio::test]
async fn the_transcript_averages_by_ects_across_providers() {
    let w = world("internal").await;
    let exam = w.provider.set_up_exam(w.cohort, &setup("oral", "2020-01-01", "")).await.unwrap();
    w.as_user(w.teacher).await.grade(exam.id, w.attempt(exam.id).await, "whole", "12").await.unwrap();
    // A second, 5-ECTS module at another provider, graded 7.
    let other = w.t.org("Det Kommunale Kompetencecenter", "provider").await.id;
    let admin = w.t.user("kk@kompetence.dk", &[(other, "provider_admin")]).await;
    let teacher = w.t.user("tina@kompetence.dk", &[(other, "teacher")]).await;
    let kk = w.t.store.authorize_as::<kompetence_core::store::ProviderScope>(admin, other, &[]).await.unwrap();
    let module = kk.create_module(&module_input("INN", "5")).await.unwrap();
    let c = kk.create_cohort(&cohort_input(module.id, 10)).await.unwrap();
    let muni = w.t.store.org_by_name("Bornholms Regionskommune").await.unwrap().id;
    let hr = w.t.store.user_by_email("hr@bornholm.dk").await.unwrap().id;
    w.t.store
        .authorize_as::<kompetence_core::store::MunicipalityScope>(hr, muni, &[])
        .await
        .unwrap()
        .enrol(c.id, "birgit@bornholm.dk", true)
        .await
        .unwrap();
    let mut s = setup("oral", "2020-01-01", "");
    s.examiners = "tina@kompetence.dk".into();
    let exam2 = kk.set_up_exam(c.id, &s).await.unwrap();
    let t2 = w.t.store.authorize_as::<kompetence_core::store::ProviderScope>(teacher, other, &[]).await.unwrap();
    let attempt = t2.grading_view(exam2.id).await.unwrap().attempts[0].id;
    t2.grade(exam2.id, attempt, "whole", "7").await.unwrap();
    // (12×10 + 7×5) / 15 = 10.33 → 10,3
    let t = w.t.store.me(w.participant).transcript(Default::default()).await.unwrap();
    assert_eq!((t.total_ects, t.average.as_deref()), (15, Some("10.3")));
    let page = w.t.get("/me/transcript", Some(&w.t.session(w.participant).await)).await;
    assert!(page.body.contains("Det Kommunale Kompetencecenter") && page.body.contains("10,3"));
}

#[tokio::test]
async fn grade_statistics_show_the_distribution_and_the_ects_grading_table() {
    let w = world("internal").await;
    let exam = w.provider.set_up_exam(w.cohort, &setup("oral", "2020-01-01", "")).await.unwrap();
    w.as_user(w.teacher).await.grade(exam.id, w.attempt(exam.id).await, "whole", "10").await.unwrap();
    let module = w.provider.cohort(w.cohort).await.unwrap().module_id;
    let s = w.t.session(w.provider.grant().user()).await;
    let page = w.t.get(&format!("/o/{}/modules/{module}/statistics", w.provider.org_id()), Some(&s)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Alle hold") && page.body.contains("1 resultater"));
    // The single 10 is 100 % of the passes; the chart has a text alternative.
    assert!(page.body.contains("<td>10</td><td>B</td><td>1</td><td>100,0 %</td><td>100,0 %</td>"), "{}", page.body);
    assert!(page.body.contains("<svg") && page.body.contains("role=\"img\"") && page.body.contains("12: 0, 10: 1"));
    let token = w.t.token(w.provider.grant().user(), None).await;
    let api =
        w.t.api(
            Method::GET,
            &format!("/api/v1/orgs/{}/modules/{module}/statistics", w.provider.org_id()),
            Some(&token),
            None,
        )
        .await
        .json();
    assert_eq!(api["overall"]["results"], 1);
    assert_eq!(api["cohorts"][0]["rows"][1]["count"], 1);
}

#[tokio::test]
async fn degree_progress_counts_credits_and_credit_transfer_stops_at_the_cap() {
    let w = world("internal").await;
    let module = w.provider.cohort(w.cohort).await.unwrap().module_id;
    let prog = w
        .provider
        .create_programme(&kompetence_core::store::ProgrammeInput {
            code: "KOM".into(),
            title_da: "Kommunom".into(),
            title_en: "Kommunom".into(),
            structure: "kommunom".into(),
            description: String::new(),
        })
        .await
        .unwrap();
    let pid = prog.id;
    w.provider.add_programme_module(pid, module, "compulsory").await.unwrap();
    let exam = w.provider.set_up_exam(w.cohort, &setup("oral", "2020-01-01", "")).await.unwrap();
    w.as_user(w.teacher).await.grade(exam.id, w.attempt(exam.id).await, "whole", "7").await.unwrap();
    let s = w.t.session(w.provider.grant().user()).await;
    let base = format!("/o/{}/programmes/{}", w.provider.org_id(), prog.id);
    let page = w.t.get(&format!("{base}/progress?email=birgit@bornholm.dk"), Some(&s)).await;
    assert!(page.body.contains("10 ECTS bestået") && page.body.contains("60 ECTS i alt kræves"), "{}", page.body);
    let year = time::OffsetDateTime::now_utc().year() + 6;
    assert!(
        page.body.contains(&format!("skal være afsluttet senest {year}-")),
        "6-year deadline from the first credit"
    );
    let transfer = |ects: &'static str| {
        let (t, s, base) = (&w.t, s.clone(), base.clone());
        async move {
            t.post_form(
                &format!("{base}/transfers"),
                Some(&s),
                &[
                    ("email", "birgit@bornholm.dk"),
                    ("title", "Offentlig forvaltning"),
                    ("source", "EA Syd"),
                    ("ects", ects),
                ],
            )
            .await
        }
    };
    assert_eq!(transfer("5").await.status, StatusCode::SEE_OTHER);
    let over = transfer("10").await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        over.body.contains("Merit kan ikke overstige uddannelsens grænse")
            && over.body.contains("value=\"Offentlig forvaltning\"")
    );
    assert_eq!(transfer("5").await.status, StatusCode::SEE_OTHER);
    let page = w.t.get(&format!("{base}/progress?email=birgit@bornholm.dk"), Some(&s)).await;
    assert!(page.body.contains("10 ECTS merit") && page.body.contains("EA Syd"));
    let unknown = w.t.get(&format!("{base}/progress?email=ingen@bornholm.dk"), Some(&s)).await;
    assert!(unknown.body.contains("Der findes ingen bruger med den e-mail"));
}
