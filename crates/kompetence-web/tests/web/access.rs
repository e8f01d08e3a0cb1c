//! The cross-tenant and wrong-role test for every route, driven by the router's own route
//! table: a route added without a case here makes `every_route_has_a_case` fail.
use axum::http::{Method, StatusCode};
use kompetence_core::domain::{
    ActionId, AssignmentId, AttemptId, CertificateId, CohortId, DayId, EmployeeId, EnrolmentId, ExamId, FileId,
    InstrumentId, MaterialId, ModuleId, OrgId, OrgKind, ProgrammeId, Role, SubmissionId, TargetGroupId, TokenId,
    UnitId, UserId, WavePlanId,
};
use kompetence_core::store::{CohortInput, ModuleInput, ProgrammeInput};
use kompetence_web::{Access, RouteInfo, route_table};
use serde_json::json;

use crate::support::{Resp, TestApp};

/// How to call a route successfully, given the ids of the fixture.
struct Case {
    form: Vec<(String, String)>,
    json: Option<serde_json::Value>,
    ok: StatusCode,
    /// A query string the route needs.
    query: Option<&'static str>,
}

#[derive(Default, Clone)]
struct Ids {
    org: OrgId,
    employee: EmployeeId,
    token: TokenId,
    user: UserId,
    module: ModuleId,
    programme: ProgrammeId,
    cohort: CohortId,
    enrolment: EnrolmentId,
    feed: String,
    /// A municipality (for specialisations) and a spare module (for adding to a programme).
    municipality: OrgId,
    spare_module: ModuleId,
    exam: ExamId,
    attempt: AttemptId,
    /// A cohort with no exam yet (setting up an exam that has grades is refused).
    bare_cohort: CohortId,
    /// A participant who passed, and the certificate issued to them.
    passed_enrolment: EnrolmentId,
    certificate: CertificateId,
    /// A provider (the issuer of certificates).
    issuer: OrgId,
    /// A home assignment, a hand-in to it and a teaching day (of `cohort`).
    assignment: AssignmentId,
    submission: SubmissionId,
    day: DayId,
    /// An action (by participant 3 / right-a) and the enrolment it belongs to.
    action: ActionId,
    action_enrolment: EnrolmentId,
    /// A cohort right-a (participant) can evaluate.
    eval_cohort: CohortId,
    /// A profile instrument offered to right-a (municipality world).
    instrument: InstrumentId,
    /// A material with a file (of `cohort`; of right-a's cohort), and a handed-in file.
    material: MaterialId,
    file: FileId,
    /// The municipality's planning: a unit, a second member of the target group (for a
    /// "not together" pair), the group, its wave plan and a kept staff upload.
    unit: UnitId,
    employee2: EmployeeId,
    group: TargetGroupId,
    plan: WavePlanId,
    upload: i64,
    /// Fund applications: a draft (to sign) and a signed one (to submit).
    application: i64,
    signed_application: i64,
}

/// A date `days` from today (Danish time), as forms send it.
fn day_from_today(days: i64) -> String {
    let today = kompetence_core::domain::schedule::copenhagen_today(time::OffsetDateTime::now_utc());
    kompetence_core::domain::schedule::fmt_date(today + time::Duration::days(days))
}

/// [`fund_input`] for this municipality's own employee.
async fn fund_input_for(
    scope: &kompetence_core::store::MunicipalityScope,
    e: EmployeeId,
) -> kompetence_core::store::FundInput {
    kompetence_core::store::FundInput { emails: scope.employee(e).await.unwrap().email, ..fund_input() }
}

fn fund_input() -> kompetence_core::store::FundInput {
    kompetence_core::store::FundInput {
        course_title: "Kommunom: Forvaltningsret".into(),
        provider: "Det Kommunale Kompetencecenter".into(),
        starts_on: day_from_today(60),
        ends_on: day_from_today(90),
        price: "12000".into(),
        emails: "emp-a@test.dk".into(),
        ..Default::default()
    }
}

/// The sample staff files (OS2mo's layout) as (file name, text).
fn sample_files() -> Vec<(String, String)> {
    kompetence_core::domain::staff_file::aabenraa_sample()
        .into_iter()
        .map(|(k, v)| (k, String::from_utf8(v).unwrap()))
        .collect()
}

fn case(r: &RouteInfo, ids: &Ids) -> Option<Case> {
    let form = |ok, f: &[(&str, &str)]| {
        Some(Case {
            form: f.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            json: None,
            ok,
            query: None,
        })
    };
    let json = |ok, j: serde_json::Value| Some(Case { form: vec![], json: Some(j), ok, query: None });
    let get = || Some(Case { form: vec![], json: None, ok: StatusCode::OK, query: None });
    let see_other = StatusCode::SEE_OTHER;
    match (r.method, r.path) {
        ("GET", "/api/v1/orgs/{org_id}/programmes/{programme_id}/progress") => {
            Some(Case { form: vec![], json: None, ok: StatusCode::OK, query: Some("email=deltager3-a@test.dk") })
        }
        ("GET", _) => get(),
        ("POST", "/login") => form(see_other, &[("email", "right-a@test.dk"), ("password", crate::support::PASSWORD)]),
        ("POST", "/logout") => form(see_other, &[]),
        ("POST", "/logout/others") => form(see_other, &[]),
        ("POST", "/lang") => form(see_other, &[("lang", "en"), ("next", "/")]),
        ("POST", "/admin/orgs") => form(see_other, &[("name", "Ny Kommune"), ("kind", "municipality")]),
        ("POST", "/admin/orgs/{org_id}/roles") => form(see_other, &[("email", "right-a@test.dk"), ("role", "leader")]),
        ("POST", "/admin/users") => {
            form(see_other, &[("name", "Ny Bruger"), ("email", "ny@test.dk"), ("password", "langt-nok-1")])
        }
        ("POST", "/o/{org_id}/employees") => form(see_other, &[("name", "Ny Medarbejder"), ("email", "ny.m@test.dk")]),
        ("POST", "/o/{org_id}/employees/{employee_id}") => {
            form(see_other, &[("name", "Omdøbt"), ("email", "emp-a@test.dk")])
        }
        ("POST", "/o/{org_id}/employees/{employee_id}/login") => form(see_other, &[("password", "langt-nok-1")]),
        ("POST", "/o/{org_id}/tokens") => form(StatusCode::CREATED, &[("name", "Integration")]),
        ("POST", "/o/{org_id}/tokens/{token_id}/revoke") => form(see_other, &[]),
        ("POST", "/api/v1/orgs") => json(StatusCode::CREATED, json!({"name": "API Kommune", "kind": "municipality"})),
        ("POST", "/api/v1/users") => {
            json(StatusCode::CREATED, json!({"name": "API Bruger", "email": "api@test.dk", "password": "langt-nok-1"}))
        }
        ("POST", "/admin/users/{user_id}/unlock") => form(see_other, &[]),
        ("POST", "/api/v1/users/{user_id}/unlock") => json(StatusCode::OK, json!({})),
        ("POST", "/api/v1/users/{user_id}/roles") => {
            json(StatusCode::NO_CONTENT, json!({"org_id": ids.org, "role": "leader"}))
        }
        ("POST", "/me/feed") => form(see_other, &[]),
        ("POST", "/o/{org_id}/cohorts/{cohort_id}/assignments") => {
            form(see_other, &[("title", "Kortlæg en arbejdsgang"), ("due_date", "2030-05-01"), ("due_time", "09:00")])
        }
        ("POST", "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/assignments") => json(
            StatusCode::CREATED,
            json!({"title": "Kortlæg en arbejdsgang", "due_date": "2030-05-01", "due_time": "09:00", "compulsory": true}),
        ),
        ("POST", "/o/{org_id}/assignments/{assignment_id}/submissions/{submission_id}/feedback") => {
            form(see_other, &[("verdict", "approved"), ("feedback", "Fin analyse")])
        }
        ("POST", "/api/v1/orgs/{org_id}/assignments/{assignment_id}/submissions/{submission_id}/feedback") => {
            json(StatusCode::NO_CONTENT, json!({"verdict": "not_approved", "feedback": "Uddyb"}))
        }
        ("POST", "/o/{org_id}/cohorts/{cohort_id}/days/{day_id}/attendance") => {
            form(see_other, &[(&format!("status-{}", ids.passed_enrolment), "present")])
        }
        ("POST", "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/days/{day_id}/attendance") => json(
            StatusCode::NO_CONTENT,
            json!({"marks": [{"enrolment_id": ids.passed_enrolment, "status": "absent_notice"}]}),
        ),
        ("POST", "/me/actions") => form(
            see_other,
            &[
                ("enrolment_id", &ids.action_enrolment.to_string()),
                ("title", "Ny bilagsgang"),
                ("what", "Kortlæg"),
                ("why", "Spild"),
                ("with_whom", "Kolleger"),
                ("planned_for", "2030-02-10"),
            ],
        ),
        ("POST", "/me/actions/{action_id}") => form(
            see_other,
            &[
                ("title", "Ny bilagsgang"),
                ("what", "Kortlæg"),
                ("why", "Spild"),
                ("with_whom", "Kolleger"),
                ("planned_for", "2030-02-10"),
                ("reflection", "Det virkede"),
            ],
        ),
        ("POST", "/api/v1/me/actions") => json(
            StatusCode::CREATED,
            json!({"enrolment_id": ids.action_enrolment, "title": "API-aktion", "what": "Kortlæg", "why": "Spild",
                   "with_whom": "Kolleger", "planned_for": "2030-02-10"}),
        ),
        ("PUT", "/api/v1/me/actions/{action_id}") => json(
            StatusCode::OK,
            json!({"title": "API-aktion", "what": "Kortlæg", "why": "Spild", "with_whom": "Kolleger",
                   "planned_for": "2030-02-10", "reflection": "Det virkede", "shared_with_group": true}),
        ),
        ("POST", "/me/profiles/{instrument_id}") => Some(Case {
            form: sample_answers().into_iter().map(|(k, v)| (format!("item-{k}"), v.to_string())).collect(),
            json: None,
            ok: see_other,
            query: None,
        }),
        ("POST", "/me/profiles/{instrument_id}/share") => form(see_other, &[("share", "1")]),
        ("POST", "/api/v1/me/profiles/{instrument_id}") => {
            json(StatusCode::OK, json!({"answers": sample_answers(), "share_with_teacher": true}))
        }
        ("POST", "/o/{org_id}/instruments") => {
            form(see_other, &[("definition", kompetence_core::domain::profile::SAMPLE_INSTRUMENT)])
        }
        ("POST", "/api/v1/orgs/{org_id}/instruments") => {
            json(StatusCode::OK, serde_json::from_str(kompetence_core::domain::profile::SAMPLE_INSTRUMENT).unwrap())
        }
        ("POST", "/o/{org_id}/cohorts/{cohort_id}/materials") => {
            form(see_other, &[("title", "Case: lønkørsel"), ("body", "Læs casen før dag 2.")])
        }
        ("POST", "/api/v1/me/actions/{action_id}/comments") => {
            json(StatusCode::NO_CONTENT, json!({"body": "Godt gået"}))
        }
        ("POST", "/api/v1/orgs/{org_id}/actions/{action_id}/feedback") => {
            json(StatusCode::NO_CONTENT, json!({"feedback": "Fin aktion"}))
        }
        ("POST", "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/groups") => {
            json(StatusCode::CREATED, json!({"name": "Gruppe API", "members": [ids.passed_enrolment]}))
        }
        ("POST", "/me/evaluations") => form(
            see_other,
            &[
                ("cohort_id", &ids.eval_cohort.to_string()),
                ("scope", "cohort"),
                ("benefit", "4"),
                ("relevance", "5"),
                ("teaching", "4"),
            ],
        ),
        ("POST", "/api/v1/me/evaluations") => json(
            StatusCode::NO_CONTENT,
            json!({"cohort_id": ids.eval_cohort, "scope": "cohort", "benefit": 4, "relevance": 5, "teaching": 4}),
        ),
        ("POST", "/me/actions/{action_id}/comments") => form(see_other, &[("body", "Godt gået")]),
        ("POST", "/o/{org_id}/actions/{action_id}/feedback") => {
            form(see_other, &[("feedback", "Fin aktion"), ("back", "/")])
        }
        ("POST", "/o/{org_id}/cohorts/{cohort_id}/groups") => {
            form(see_other, &[("name", "Gruppe 1"), ("member", &ids.passed_enrolment.to_string())])
        }
        ("POST", "/me/assignments/{assignment_id}/submit") => form(see_other, &[("text", "Min besvarelse")]),
        ("POST", "/api/v1/me/assignments/{assignment_id}/submission") => {
            json(StatusCode::NO_CONTENT, json!({"text": "Min besvarelse"}))
        }
        ("POST", "/verify") => form(StatusCode::OK, &[("credential", "eyJub3QiOiJhIGNyZWRlbnRpYWwifQ")]),
        ("POST", "/api/v1/verify") => json(StatusCode::OK, json!({"credential": "not-a-credential"})),
        ("POST", "/o/{org_id}/cohorts/{cohort_id}/certificates") => {
            form(see_other, &[("enrolment_id", &ids.passed_enrolment.to_string())])
        }
        ("POST", "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/certificates") => {
            json(StatusCode::CREATED, json!({"enrolment_id": ids.passed_enrolment}))
        }
        ("POST", "/o/{org_id}/certificates/{certificate_id}/revoke") => {
            form(see_other, &[("reason", "Udstedt ved en fejl"), ("back", "/")])
        }
        ("POST", "/api/v1/orgs/{org_id}/certificates/{certificate_id}/revoke") => {
            json(StatusCode::OK, json!({"reason": "Udstedt ved en fejl"}))
        }
        ("POST", "/api/v1/orgs/{org_id}/programmes/{programme_id}/transfers") => json(
            StatusCode::NO_CONTENT,
            json!({"email": "deltager3-a@test.dk", "title": "Modul fra AU", "source": "EA Syd", "ects": 10}),
        ),
        ("POST", "/o/{org_id}/programmes/{programme_id}/transfers") => form(
            see_other,
            &[("email", "deltager3-a@test.dk"), ("title", "Modul fra AU"), ("source", "EA Syd"), ("ects", "10")],
        ),
        ("POST", "/me/exams/{exam_id}/handin") => form(see_other, &[("text", "Min opgave")]),
        ("POST", "/o/{org_id}/cohorts/{cohort_id}/exam") => form(
            see_other,
            &[
                ("form", "oral"),
                ("handin_date", "2020-01-01"),
                ("handin_time", "12:00"),
                ("exam_date", "2020-01-10"),
                ("examiners", "right-a@test.dk"),
            ],
        ),
        ("POST", "/o/{org_id}/cohorts/{cohort_id}/exam/reexam/{enrolment_id}") => form(see_other, &[]),
        ("POST", "/o/{org_id}/cohorts/{cohort_id}/exam/absent/{attempt_id}") => form(see_other, &[]),
        ("POST", "/o/{org_id}/exams/{exam_id}/attempts/{attempt_id}/grade") => {
            form(see_other, &[("part", "whole"), ("grade", "7")])
        }
        ("POST", "/api/v1/orgs/{org_id}/exams/{exam_id}/attempts/{attempt_id}/grades") => {
            json(StatusCode::OK, json!({"part": "whole", "grade": "02"}))
        }
        ("POST", "/o/{org_id}/modules") => form(see_other, &module_fields("NY-1")),
        ("POST", "/o/{org_id}/modules/{module_id}") => form(see_other, &module_fields("RET-1")),
        ("POST", "/o/{org_id}/modules/{module_id}/specialisations") => form(
            see_other,
            &[("municipality_id", &ids.municipality.to_string()), ("title", "Lokal"), ("content", "Indhold")],
        ),
        ("POST", "/o/{org_id}/programmes") => {
            form(see_other, &[("code", "P-NY"), ("title_da", "Ny"), ("title_en", "New"), ("structure", "kommunom")])
        }
        ("POST", "/o/{org_id}/programmes/{programme_id}/modules") => {
            form(see_other, &[("module_id", &ids.spare_module.to_string()), ("role", "elective")])
        }
        ("POST", "/o/{org_id}/cohorts") => {
            Some(Case { form: cohort_fields(ids.module), json: None, ok: see_other, query: None })
        }
        ("POST", "/o/{org_id}/cohorts/{cohort_id}") => {
            Some(Case { form: cohort_fields(ids.module), json: None, ok: see_other, query: None })
        }
        ("POST", "/o/{org_id}/cohorts/{cohort_id}/days") => form(
            see_other,
            &[("date", "2030-03-31"), ("starts_at", "09:00"), ("ends_at", "15:00"), ("kind", "workshop")],
        ),
        ("POST", "/o/{org_id}/cohorts/{cohort_id}/teachers") => form(see_other, &[("email", "teacher-a@test.dk")]),
        ("POST", "/o/{org_id}/cohorts/{cohort_id}/enrolments/{enrolment_id}/complete") => form(see_other, &[]),
        ("POST", "/o/{org_id}/catalogue/{cohort_id}/enrol") => {
            form(see_other, &[("employee_email", "emp-a@test.dk"), ("approve", "1")])
        }
        ("POST", "/o/{org_id}/enrolments/{enrolment_id}/approve") => form(see_other, &[]),
        ("POST", "/o/{org_id}/enrolments/{enrolment_id}/reject") => form(see_other, &[("reason", "Ikke i år")]),
        ("POST", "/api/v1/orgs/{org_id}/enrolments/{enrolment_id}/reject") => {
            json(StatusCode::OK, json!({"reason": "Ikke i år"}))
        }
        ("POST", "/o/{org_id}/approval-settings") => form(see_other, &[("two_step", "1")]),
        ("POST", "/me/notices/read") => form(see_other, &[]),
        ("POST", "/me/interests") => form(
            see_other,
            &[("org_id", &ids.org.to_string()), ("module_id", &ids.module.to_string()), ("note", "Ny lønaftale")],
        ),
        ("POST", "/api/v1/me/interests") => {
            json(StatusCode::NO_CONTENT, json!({"org_id": ids.org, "module_id": ids.module}))
        }
        ("POST", "/o/{org_id}/fund") => {
            let f = fund_input();
            form(
                see_other,
                &[
                    ("course_title", &f.course_title),
                    ("provider", &f.provider),
                    ("starts_on", &f.starts_on),
                    ("ends_on", &f.ends_on),
                    ("price", &f.price),
                    ("emails", &f.emails),
                ],
            )
        }
        ("POST", "/o/{org_id}/fund/{application_id}/signatures") => {
            form(see_other, &[("signer", "leader"), ("signed_on", &day_from_today(0))])
        }
        ("POST", "/o/{org_id}/fund/{application_id}/status") => form(see_other, &[("status", "submitted")]),
        ("POST", "/api/v1/orgs/{org_id}/fund") => {
            json(StatusCode::CREATED, serde_json::to_value(fund_input()).unwrap())
        }
        ("POST", "/api/v1/orgs/{org_id}/fund/{application_id}/signatures") => {
            json(StatusCode::OK, json!({"signer": "union", "signed_on": day_from_today(0)}))
        }
        ("POST", "/api/v1/orgs/{org_id}/fund/{application_id}/status") => {
            json(StatusCode::OK, json!({"status": "submitted"}))
        }
        ("PUT", "/api/v1/orgs/{org_id}/approval-settings") => json(StatusCode::OK, json!({"two_step": true})),
        ("POST", "/o/{org_id}/units") => form(see_other, &[("name", "Team X")]),
        ("POST", "/o/{org_id}/unit-leaders") => {
            form(see_other, &[("unit_id", &ids.unit.to_string()), ("leader_email", "emp-a@test.dk")])
        }
        ("POST", "/o/{org_id}/staff-import") => {
            let files = sample_files();
            let fields: Vec<(&str, &str)> = files.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            form(StatusCode::OK, &fields)
        }
        ("POST", "/o/{org_id}/staff-import/{upload_id}") => form(StatusCode::OK, &[]),
        ("POST", "/o/{org_id}/staff-import/{upload_id}/mapping") => form(StatusCode::OK, &[]),
        ("POST", "/o/{org_id}/target-groups") => form(see_other, &[("name", "Gruppe X")]),
        ("POST", "/o/{org_id}/target-groups/{group_id}/plans") => {
            form(see_other, &[("name", "Plan X"), ("waves", "1"), ("min_at_work_pct", "0")])
        }
        ("POST", "/o/{org_id}/target-groups/{group_id}/enrol") => {
            form(StatusCode::OK, &[("employee", &ids.employee.to_string()), ("cohort_id", &ids.cohort.to_string())])
        }
        ("POST", "/o/{org_id}/wave-plans/{plan_id}") => form(StatusCode::OK, &[("action", "check")]),
        ("POST", "/o/{org_id}/wave-plans/{plan_id}/apart") => {
            form(see_other, &[("a", &ids.employee.to_string()), ("b", &ids.employee2.to_string())])
        }
        ("POST", "/o/{org_id}/wave-plans/{plan_id}/enrol") => {
            form(StatusCode::OK, &[("wave", "1"), ("cohort_id", &ids.cohort.to_string())])
        }
        ("POST", "/api/v1/orgs/{org_id}/enrolments/bulk") => {
            json(StatusCode::OK, json!({"cohort_id": ids.cohort, "employee_ids": [ids.employee]}))
        }
        ("POST", "/api/v1/orgs/{org_id}/units") => json(StatusCode::CREATED, json!({"name": "Team API"})),
        ("POST", "/api/v1/orgs/{org_id}/unit-leaders") => {
            json(StatusCode::OK, json!({"unit_id": ids.unit, "leader_email": "emp-a@test.dk"}))
        }
        ("POST", "/api/v1/orgs/{org_id}/staff-import") => json(
            StatusCode::OK,
            json!({"dry_run": true, "files": sample_files().into_iter().collect::<std::collections::HashMap<_, _>>()}),
        ),
        ("POST", "/api/v1/orgs/{org_id}/target-groups") => json(StatusCode::CREATED, json!({"name": "API-gruppe"})),
        ("POST", "/api/v1/orgs/{org_id}/target-groups/{group_id}/plans") => {
            json(StatusCode::CREATED, json!({"name": "API-plan", "waves": 1, "min_at_work_pct": 0}))
        }
        ("PUT", "/api/v1/orgs/{org_id}/wave-plans/{plan_id}") => {
            json(StatusCode::OK, json!({"split": [{"employee_id": ids.employee, "wave": 1}], "check_only": true}))
        }
        ("POST", "/o/{org_id}/enrolments/{enrolment_id}/withdraw") => form(see_other, &[]),
        ("POST", "/api/v1/orgs/{org_id}/modules") => json(StatusCode::CREATED, module_json("API-1")),
        ("POST", "/api/v1/orgs/{org_id}/programmes") => json(
            StatusCode::CREATED,
            json!({"code": "P-API", "title_da": "Ny", "title_en": "New", "structure": "free"}),
        ),
        ("POST", "/api/v1/orgs/{org_id}/programmes/{programme_id}/modules") => {
            json(StatusCode::NO_CONTENT, json!({"module_id": ids.spare_module, "role": "compulsory"}))
        }
        ("POST", "/api/v1/orgs/{org_id}/cohorts") => json(StatusCode::CREATED, cohort_json(ids.module)),
        ("PUT", "/api/v1/orgs/{org_id}/cohorts/{cohort_id}") => json(StatusCode::OK, cohort_json(ids.module)),
        ("POST", "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/days") => json(
            StatusCode::CREATED,
            json!({"date": "2030-10-27", "starts_at": "09:00", "ends_at": "15:00", "kind": "teaching"}),
        ),
        ("POST", "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/teachers") => {
            json(StatusCode::NO_CONTENT, json!({"email": "teacher-a@test.dk"}))
        }
        ("POST", "/api/v1/orgs/{org_id}/modules/{module_id}/specialisations") => json(
            StatusCode::CREATED,
            json!({"municipality_id": ids.municipality, "title": "Lokal", "content": "Indhold"}),
        ),
        ("POST", "/api/v1/orgs/{org_id}/enrolments") => json(
            StatusCode::CREATED,
            json!({"cohort_id": ids.cohort, "employee_email": "emp-a@test.dk", "approve": true}),
        ),
        ("POST", "/api/v1/orgs/{org_id}/enrolments/{enrolment_id}/approve") => json(StatusCode::OK, json!({})),
        ("POST", "/api/v1/orgs/{org_id}/enrolments/{enrolment_id}/withdraw") => json(StatusCode::OK, json!({})),
        ("POST", "/api/v1/orgs/{org_id}/employees") => {
            json(StatusCode::CREATED, json!({"name": "API Medarbejder", "email": "api.m@test.dk"}))
        }
        ("PUT", "/api/v1/orgs/{org_id}/employees/{employee_id}") => {
            json(StatusCode::OK, json!({"name": "API Omdøbt", "email": "emp-a@test.dk"}))
        }
        _ => None,
    }
}

fn module_fields(code: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("code", code),
        ("title_da", "Modul"),
        ("title_en", "Module"),
        ("ects", "10"),
        ("knowledge", "V"),
        ("skills", "F"),
        ("competences", "K"),
        ("exam_form", "Skriftlig"),
        ("censor", "internal"),
    ]
}

fn module_json(code: &str) -> serde_json::Value {
    json!({"code": code, "title_da": "Modul", "title_en": "Module", "ects": 10, "knowledge": "V", "skills": "F",
           "competences": "K", "exam_form": "Skriftlig", "censor": "external"})
}

fn cohort_fields(module: ModuleId) -> Vec<(String, String)> {
    [("name", "Hold X"), ("capacity", "10"), ("starts_on", "2030-01-01"), ("ends_on", "2030-12-31")]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .chain([("module_id".to_string(), module.to_string())])
        .collect()
}

fn cohort_json(module: ModuleId) -> serde_json::Value {
    json!({"module_id": module, "name": "Hold API", "capacity": 10, "starts_on": "2030-01-01", "ends_on": "2030-12-31"})
}

impl Ids {
    /// The value of each path parameter, by its name in the route table.
    fn param(&self, name: &str) -> Option<String> {
        Some(match name {
            "org_id" => self.org.to_string(),
            "employee_id" => self.employee.to_string(),
            "token_id" => self.token.to_string(),
            "user_id" => self.user.to_string(),
            "module_id" => self.module.to_string(),
            "programme_id" => self.programme.to_string(),
            "cohort_id" => self.cohort.to_string(),
            "enrolment_id" => self.enrolment.to_string(),
            "exam_id" => self.exam.to_string(),
            "attempt_id" => self.attempt.to_string(),
            "certificate_id" => self.certificate.to_string(),
            "issuer_id" => self.issuer.to_string(),
            "assignment_id" => self.assignment.to_string(),
            "submission_id" => self.submission.to_string(),
            "day_id" => self.day.to_string(),
            "action_id" => self.action.to_string(),
            "instrument_id" => self.instrument.to_string(),
            "material_id" => self.material.to_string(),
            "file_id" => self.file.to_string(),
            "group_id" => self.group.to_string(),
            "plan_id" => self.plan.to_string(),
            "upload_id" => self.upload.to_string(),
            "application_id" => self.application.to_string(),
            "file" => "app.css".into(),
            _ => return None,
        })
    }
}

/// The route's path with every `{param}` filled from the id map (and the two routes whose
/// object differs: a feed file, and the exam set-up of a cohort without an exam).
fn fill(path: &str, ids: &Ids) -> String {
    let ids = if path == "/o/{org_id}/cohorts/{cohort_id}/exam" {
        &Ids { cohort: ids.bare_cohort, ..ids.clone() }
    } else if path.ends_with("/fund/{application_id}/status") {
        &Ids { application: ids.signed_application, ..ids.clone() }
    } else {
        ids
    };
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').expect("closing brace") + start;
        let name = &rest[start + 1..end];
        out.push_str(&rest[..start]);
        match (path.starts_with("/feeds/"), name) {
            (true, "file") => out.push_str(&format!("{}.ics", ids.feed)),
            _ => out.push_str(&ids.param(name).unwrap_or_else(|| panic!("no id for {{{name}}} in {path}"))),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_route_has_a_case() {
    let ids = Ids::default();
    let missing: Vec<String> =
        route_table().iter().filter(|r| case(r, &ids).is_none()).map(|r| format!("{} {}", r.method, r.path)).collect();
    assert!(missing.is_empty(), "routes without an access test case: {missing:?}");
}

/// The fixture: organisations A and B of one kind, and users with and without the role.
struct World {
    t: TestApp,
    a: Ids,
    /// Ids of the same kinds of objects in organisation B.
    b: Ids,
    roles: &'static [Role],
    /// Whether a role of this kind lies outside the route's set (e.g. not for "any grader").
    has_wrong: bool,
}

/// The metrics scraper's token in the access test's app.
const SCRAPER_TOKEN: &str = "access-test-scraper-token";

async fn world(roles: &'static [Role]) -> World {
    let config = kompetence_web::WebConfig {
        metrics_token: kompetence_web::MetricsToken::new(SCRAPER_TOKEN),
        ..Default::default()
    };
    let t = TestApp::with_config(config).await;
    // The kind of organisation the route's roles belong to; municipality when any role will do.
    let kind = roles.first().map(|r| r.org_kind()).unwrap_or(OrgKind::Municipality);
    let (kind_s, admin_role, allowed) = match kind {
        OrgKind::Provider => ("provider", "provider_admin", roles.first().map(|r| r.as_str()).unwrap_or("teacher")),
        OrgKind::Municipality => ("municipality", "hr", roles.first().map(|r| r.as_str()).unwrap_or("participant")),
    };
    let org_a = t.org("Organisation A", kind_s).await;
    let org_b = t.org("Organisation B", kind_s).await;
    let admin_a = t.user("admin-a@test.dk", &[(org_a.id, admin_role)]).await;
    let admin_b = t.user("admin-b@test.dk", &[(org_b.id, admin_role)]).await;
    t.user("right-a@test.dk", &[(org_a.id, allowed)]).await;
    t.user("right-b@test.dk", &[(org_b.id, allowed)]).await;
    // A member of A whose roles are all outside the route's set (if such a role exists).
    let wrong = Role::ALL.iter().find(|r| r.org_kind() == kind && !roles.is_empty() && !roles.contains(r));
    let has_wrong = wrong.is_some();
    if let Some(w) = wrong {
        t.user("wrong-a@test.dk", &[(org_a.id, w.as_str())]).await;
    }
    let mut ids = vec![];
    for (org, admin, tag) in [(org_a.id, admin_a, "a"), (org_b.id, admin_b, "b")] {
        let mut i = Ids { org, user: admin, ..Default::default() };
        if kind == OrgKind::Municipality {
            i.employee = t.employee(admin, org, &format!("Emp {tag}"), &format!("emp-{tag}@test.dk"), "").await;
        }
        t.store.create_token(admin, Some(org), "fixture").await.unwrap();
        let scope = t.store.authorize_as::<kompetence_core::store::OrgScope>(admin, org, &[]).await.unwrap();
        i.token = scope.tokens().await.unwrap()[0].id;
        ids.push(i);
    }
    let (mut a, mut b) = (ids.remove(0), ids.remove(0));
    match kind {
        OrgKind::Provider => {
            // Each provider has a module, a programme and a cohort with one enrolled participant.
            let m = t.org("Kommune M", "municipality").await;
            let hr_m = t.user("hr-m@test.dk", &[(m.id, "hr")]).await;
            let hm = t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(hr_m, m.id, &[]).await.unwrap();
            t.user("teacher-a@test.dk", &[(a.org, "teacher")]).await;
            let right_a = t.store.user_by_email("right-a@test.dk").await.unwrap().id;
            let right_b = t.store.user_by_email("right-b@test.dk").await.unwrap().id;
            for (i, tag, examiner) in [(&mut a, "a", right_a), (&mut b, "b", right_b)] {
                // The route's user also examines (a teacher may be admin too).
                t.store.grant_role(examiner, i.org, "teacher").await.unwrap();
                let p =
                    t.store.authorize_as::<kompetence_core::store::ProviderScope>(i.user, i.org, &[]).await.unwrap();
                install_fixture_key(&t, i.org).await;
                let (module, spare) = (provider_module(&p, "M1").await, provider_module(&p, "M2").await);
                let programme = p.create_programme(&programme_input()).await.unwrap();
                let c = p.create_cohort(&cohort_input(module)).await.unwrap();
                let mut enrolments = vec![];
                for n in 1..=3 {
                    let email = format!("deltager{n}-{tag}@test.dk");
                    let emp = t.employee(hr_m, m.id, &format!("Deltager {n} {tag}"), &email, "").await;
                    if n == 3 {
                        hm.create_participant_login(emp, None).await.unwrap();
                    }
                    enrolments.push(hm.enrol(c.id, &email, true).await.unwrap().id);
                }
                // An oral exam long past: participant 1 awaits a grade, participant 2 failed.
                let email = t.store.user(examiner).await.unwrap().email;
                let exam = p.set_up_exam(c.id, &exam_input(&email)).await.unwrap();
                let grader =
                    t.store.authorize_as::<kompetence_core::store::ProviderScope>(examiner, i.org, &[]).await.unwrap();
                let attempts = grader.grading_view(exam.id).await.unwrap().attempts;
                let attempt_of = |e: EnrolmentId| attempts.iter().find(|a| a.enrolment_id == e).unwrap().id;
                grader.grade(exam.id, attempt_of(enrolments[1]), "whole", "-3").await.unwrap();
                // Participant 3 passed and has a certificate.
                grader.grade(exam.id, attempt_of(enrolments[2]), "whole", "7").await.unwrap();
                (i.passed_enrolment, i.issuer) = (enrolments[2], i.org);
                // An assignment participant 3 handed in, and a teaching day.
                let a = p.create_assignment(c.id, &assignment_input()).await.unwrap();
                let user3 = t.store.user_by_email(&format!("deltager3-{tag}@test.dk")).await.unwrap().id;
                t.store.me(user3).submit_assignment_with(a.id, "Min besvarelse", Some(&pdf())).await.unwrap();
                i.file = p.assignment_files(a.id).await.unwrap()[0].file_id;
                i.material = p.add_material(c.id, None, "Case", "", Some(&pdf())).await.unwrap();
                i.submission = p.submissions(a.id).await.unwrap().iter().find_map(|r| r.submission_id).unwrap();
                i.assignment = a.id;
                i.day = p.add_day(c.id, &day_input()).await.unwrap().id;
                i.action_enrolment = enrolments[2];
                i.action = t.store.me(user3).create_action(enrolments[2], &action_input()).await.unwrap().id;
                i.certificate = p.issue_certificate(c.id, enrolments[2], "http://test").await.unwrap().id;
                (i.module, i.spare_module, i.programme, i.cohort) = (module, spare, programme.id, c.id);
                i.bare_cohort = p.create_cohort(&cohort_input(module)).await.unwrap().id;
                (i.enrolment, i.exam, i.attempt) = (enrolments[1], exam.id, attempt_of(enrolments[0]));
                i.feed = c.feed_key;
                i.municipality = m.id;
            }
        }
        OrgKind::Municipality => {
            // A provider offers one general cohort and one tailored run for each municipality.
            let p_org = t.org("Udbyder P", "provider").await;
            let p_admin = t.user("admin-p@test.dk", &[(p_org.id, "provider_admin")]).await;
            let p =
                t.store.authorize_as::<kompetence_core::store::ProviderScope>(p_admin, p_org.id, &[]).await.unwrap();
            install_fixture_key(&t, p_org.id).await;
            let module = provider_module(&p, "M1").await;
            let general = p.create_cohort(&cohort_input(module)).await.unwrap();
            t.user("teacher-p@test.dk", &[(p_org.id, "teacher")]).await;
            // right-a is an employee of A, enrolled on the general cohort, whose exam is open.
            let emp = t.employee(a.user, a.org, "Right A", "right-a@test.dk", "").await;
            let hr_a =
                t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(a.user, a.org, &[]).await.unwrap();
            hr_a.link_existing_user(emp).await.unwrap();
            hr_a.enrol(general.id, "right-a@test.dk", true).await.unwrap();
            let mut open = exam_input("teacher-p@test.dk");
            (open.form, open.handin_date, open.exam_date) =
                ("written_project".into(), "2030-06-01".into(), "2030-06-10".into());
            let exam = p.set_up_exam(general.id, &open).await.unwrap();
            // The general cohort has a home assignment for right-a to hand in.
            let assignment = p.create_assignment(general.id, &assignment_input()).await.unwrap();
            let right_a = t.store.user_by_email("right-a@test.dk").await.unwrap().id;
            let action_enrolment = t.store.me(right_a).action_cohorts().await.unwrap()[0].enrolment_id;
            let action = t.store.me(right_a).create_action(action_enrolment, &action_input()).await.unwrap().id;
            let material = p.add_material(general.id, None, "Case", "Læs den", Some(&pdf())).await.unwrap();
            // The provider offers the sample profile instrument; right-a has answered it.
            let instrument = p.load_instrument(kompetence_core::domain::profile::SAMPLE_INSTRUMENT).await.unwrap().id;
            t.store.me(right_a).answer_instrument(instrument, &sample_answers(), false).await.unwrap();
            // right-a also passed an earlier cohort and holds a certificate for it.
            let done = p.create_cohort(&cohort_input(module)).await.unwrap();
            hr_a.enrol(done.id, "right-a@test.dk", true).await.unwrap();
            let past = p.set_up_exam(done.id, &exam_input("teacher-p@test.dk")).await.unwrap();
            let teacher = t.store.user_by_email("teacher-p@test.dk").await.unwrap().id;
            let grader =
                t.store.authorize_as::<kompetence_core::store::ProviderScope>(teacher, p_org.id, &[]).await.unwrap();
            let attempt = grader.grading_view(past.id).await.unwrap().attempts[0].clone();
            grader.grade(past.id, attempt.id, "whole", "10").await.unwrap();
            let certificate = p.issue_certificate(done.id, attempt.enrolment_id, "http://test").await.unwrap();
            for i in [&mut a, &mut b] {
                let spec = p.create_specialisation(module, i.org, "Lokal", "Indhold").await.unwrap();
                let tailored = p
                    .create_cohort(&CohortInput { specialisation_id: spec.0.to_string(), ..cohort_input(module) })
                    .await
                    .unwrap();
                let scope = t
                    .store
                    .authorize_as::<kompetence_core::store::MunicipalityScope>(i.user, i.org, &[])
                    .await
                    .unwrap();
                let e = scope
                    .enrol(
                        general.id,
                        &t.store
                            .authorize_as::<kompetence_core::store::MunicipalityScope>(i.user, i.org, &[])
                            .await
                            .unwrap()
                            .employee(i.employee)
                            .await
                            .unwrap()
                            .email,
                        false,
                    )
                    .await
                    .unwrap();
                (i.cohort, i.enrolment, i.feed, i.exam) = (tailored.id, e.id, tailored.feed_key, exam.id);
                (i.certificate, i.issuer) = (certificate.id, p_org.id);
                i.assignment = assignment.id;
                (i.action, i.action_enrolment, i.eval_cohort) = (action, action_enrolment, general.id);
                (i.instrument, i.material) = (instrument, material);
                i.module = module;
                // The planning fixture: a unit with the employee in it, a target group of
                // everyone, a one-wave plan of it and a kept staff upload.
                i.unit = scope
                    .create_unit(&kompetence_core::store::UnitInput { name: "Team 1".into(), parent_id: None })
                    .await
                    .unwrap()
                    .id;
                scope.place_employee(i.employee, i.unit).await.unwrap();
                let group = scope
                    .create_target_group(&kompetence_core::store::TargetGroupInput {
                        name: "Alle".into(),
                        ..Default::default()
                    })
                    .await
                    .unwrap();
                i.group = group.id;
                let plan = kompetence_core::store::WavePlanInput {
                    name: "Plan".into(),
                    waves: "1".into(),
                    min_at_work_pct: "0".into(),
                };
                i.plan = scope.create_wave_plan(group.id, &plan).await.unwrap().unwrap().plan.id;
                i.upload =
                    scope.save_staff_upload(&kompetence_core::domain::staff_file::aabenraa_sample()).await.unwrap();
                i.employee2 = emp;
                i.application = scope
                    .create_fund_application(&fund_input_for(&scope, i.employee).await)
                    .await
                    .unwrap()
                    .application
                    .id;
                let signed = scope.create_fund_application(&fund_input_for(&scope, i.employee).await).await.unwrap();
                let id = signed.application.id;
                let today = day_from_today(0);
                scope.sign_fund_application(id, "employee", Some(i.employee), &today).await.unwrap();
                scope.sign_fund_application(id, "leader", None, &today).await.unwrap();
                i.signed_application =
                    scope.sign_fund_application(id, "union", None, &today).await.unwrap().application.id;
            }
        }
    }
    World { t, a, b, roles, has_wrong }
}

impl World {
    async fn call(&self, r: &RouteInfo, who: Option<&str>, ids: &Ids) -> Resp {
        let c = case(r, &self.a).expect("case");
        let path = match c.query {
            Some(q) => format!("{}?{q}", fill(r.path, ids)),
            None => fill(r.path, ids),
        };
        let user = match who {
            Some(email) => Some(self.t.store.user_by_email(email).await.unwrap()),
            None => None,
        };
        if r.path.starts_with("/api/") {
            let token = match &user {
                Some(u) => Some(self.t.token(u.id, None).await),
                None => None,
            };
            let method = Method::from_bytes(r.method.as_bytes()).unwrap();
            self.t.api(method, &path, token.as_deref(), c.json.clone()).await
        } else {
            let session = match &user {
                Some(u) => Some(self.t.session(u.id).await),
                None => None,
            };
            let fields: Vec<(&str, &str)> = c.form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            match r.method {
                "GET" => self.t.get(&path, session.as_ref()).await,
                _ => self.t.post_form(&path, session.as_ref(), &fields).await,
            }
        }
    }
}

/// Every failing check of the run, reported together at the end: a change that breaks two
/// routes names both, instead of stopping at the first.
#[derive(Default)]
struct Failures(Vec<String>);

impl Failures {
    fn status(&mut self, resp: &Resp, want: StatusCode, what: &str) {
        if resp.status != want {
            let body: String = resp.body.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(160).collect();
            self.0.push(format!("{what}: {} (expected {want}) {body}", resp.status));
        }
    }
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }
    fn refused_anonymous(&mut self, r: &RouteInfo, resp: &Resp) {
        let label = format!("{} {} anonymous", r.method, r.path);
        if r.path.starts_with("/api/") {
            self.status(resp, StatusCode::UNAUTHORIZED, &label);
        } else {
            self.status(resp, StatusCode::SEE_OTHER, &label);
            self.check(resp.location().starts_with("/login?next="), || format!("{label} → {}", resp.location()));
        }
    }
}

#[tokio::test]
async fn every_route_refuses_other_tenants_and_wrong_roles() {
    let mut f = Failures::default();
    for r in route_table() {
        let roles: &'static [Role] = match r.access {
            Access::Org(roles) => roles,
            _ => &[],
        };
        let w = world(roles).await;
        let ok = case(&r, &w.a).unwrap().ok;
        let label = format!("{} {}", r.method, r.path);
        match r.access {
            Access::Public => {
                let resp = w.call(&r, None, &w.a).await;
                let fine =
                    resp.status.is_success() || resp.status.is_redirection() || resp.status == StatusCode::UNAUTHORIZED;
                f.check(fine, || format!("{label}: {}", resp.status));
            }
            Access::Scraper => {
                // Anonymous and logged-in callers alike: not found; the scraper's token: served.
                let anonymous = w.call(&r, None, &w.a).await;
                f.check(anonymous.status == StatusCode::NOT_FOUND, || {
                    format!("{label} anonymous: {}", anonymous.status)
                });
                let member = w.call(&r, Some("right-a@test.dk"), &w.a).await;
                f.check(member.status == StatusCode::NOT_FOUND, || format!("{label} member: {}", member.status));
                let req = axum::http::Request::builder()
                    .uri(r.path)
                    .header(axum::http::header::AUTHORIZATION, format!("Bearer {SCRAPER_TOKEN}"))
                    .body(axum::body::Body::empty())
                    .unwrap();
                let scraper = w.t.send(req).await;
                f.check(scraper.status == StatusCode::OK, || format!("{label} scraper: {}", scraper.status));
            }
            Access::Authenticated => {
                f.refused_anonymous(&r, &w.call(&r, None, &w.a).await);
                if [
                    "{exam_id}",
                    "{certificate_id}",
                    "{assignment_id}",
                    "{action_id}",
                    "{instrument_id}",
                    "{material_id}",
                ]
                .iter()
                .any(|p| r.path.contains(p))
                {
                    // Someone not on the exam's cohort.
                    let resp = w.call(&r, Some("right-b@test.dk"), &w.a).await;
                    f.status(&resp, StatusCode::NOT_FOUND, &format!("{label} by someone not on the cohort"));
                }
                let resp = w.call(&r, Some("right-a@test.dk"), &w.a).await;
                f.status(&resp, ok, &format!("{label} logged in"));
            }
            Access::PlatformAdmin => {
                w.t.platform_admin("pia@test.dk").await;
                f.refused_anonymous(&r, &w.call(&r, None, &w.a).await);
                for who in ["right-a@test.dk", "admin-a@test.dk"] {
                    let resp = w.call(&r, Some(who), &w.a).await;
                    f.status(&resp, StatusCode::FORBIDDEN, &format!("{label} as {who}"));
                }
                let resp = w.call(&r, Some("pia@test.dk"), &w.a).await;
                f.status(&resp, ok, &format!("{label} as platform admin"));
            }
            Access::Org(_) => {
                f.refused_anonymous(&r, &w.call(&r, None, &w.a).await);
                // Another tenant's member with the right role there: as if A did not exist.
                let resp = w.call(&r, Some("right-b@test.dk"), &w.a).await;
                f.status(&resp, StatusCode::NOT_FOUND, &format!("{label} from other tenant"));
                f.check(!resp.body.contains("Emp a") && !resp.body.contains("emp-a@test.dk"), || {
                    format!("{label} leaked A's data")
                });
                if w.has_wrong {
                    let resp = w.call(&r, Some("wrong-a@test.dk"), &w.a).await;
                    f.status(&resp, StatusCode::FORBIDDEN, &format!("{label} with a role outside {:?}", w.roles));
                }
                // A's member asking for B's objects through A's path: 404.
                let objects = [
                    "{employee_id}",
                    "{token_id}",
                    "{module_id}",
                    "{programme_id}",
                    "{cohort_id}",
                    "{enrolment_id}",
                    "{certificate_id}",
                    "{assignment_id}",
                    "{day_id}",
                    "{action_id}",
                    "{material_id}",
                    "{file_id}",
                    "{group_id}",
                    "{plan_id}",
                    "{upload_id}",
                    "{application_id}",
                ];
                if objects.iter().any(|o| r.path.contains(o)) {
                    let mixed = Ids { org: w.a.org, user: w.a.user, ..w.b.clone() };
                    let resp = w.call(&r, Some("right-a@test.dk"), &mixed).await;
                    f.status(&resp, StatusCode::NOT_FOUND, &format!("{label} with B's object id"));
                }
                let resp = w.call(&r, Some("right-a@test.dk"), &w.a).await;
                f.status(&resp, ok, &format!("{label} with the right role"));
            }
        }
    }
    assert!(f.0.is_empty(), "{} failing checks:\n{}", f.0.len(), f.0.join("\n"));
}

#[tokio::test]
async fn a_token_bound_to_one_organisation_cannot_reach_another_where_its_user_has_roles() {
    let t = TestApp::new().await;
    let a = t.org("Aabenraa Kommune", "municipality").await;
    let b = t.org("Odense Kommune", "municipality").await;
    let hr = t.user("hr@test.dk", &[(a.id, "hr"), (b.id, "hr")]).await;
    let token = t.token(hr, Some(a.id)).await;
    let path_a = format!("/api/v1/orgs/{}/employees", a.id);
    let path_b = format!("/api/v1/orgs/{}/employees", b.id);
    assert_eq!(t.api(Method::GET, &path_a, Some(&token), None).await.status, StatusCode::OK);
    assert_eq!(t.api(Method::GET, &path_b, Some(&token), None).await.status, StatusCode::NOT_FOUND);
}

/// One RSA key for every fixture provider (each under its own kid): a fresh key per world would
/// make this test spend most of its time searching for primes.
async fn install_fixture_key(t: &TestApp, org: OrgId) {
    static KEY: std::sync::OnceLock<kompetence_core::documents::credential::NewKey> = std::sync::OnceLock::new();
    let key = KEY.get_or_init(|| kompetence_core::documents::credential::generate_key("http://test/jwks").unwrap());
    let mut mine = key.clone();
    mine.kid = format!("{}-{}", key.kid, org.0);
    mine.public_jwk["kid"] = serde_json::Value::String(mine.kid.clone());
    t.store.install_signing_key(org, &mine).await.unwrap();
}

async fn provider_module(p: &kompetence_core::store::ProviderScope, code: &str) -> ModuleId {
    let input = ModuleInput {
        code: code.into(),
        title_da: "Modul".into(),
        title_en: "Module".into(),
        ects: "10".into(),
        knowledge: "V".into(),
        skills: "F".into(),
        competences: "K".into(),
        exam_form: "Skriftlig".into(),
        censor: "internal".into(),
        compulsory_assignments: "0".into(),
    };
    p.create_module(&input).await.unwrap().id
}

fn assignment_input() -> kompetence_core::domain::learning::AssignmentInput {
    kompetence_core::domain::learning::AssignmentInput {
        title: "Aktion: kortlæg en arbejdsgang".into(),
        due_date: "2030-03-01".into(),
        due_time: "12:00".into(),
        ..Default::default()
    }
}

fn pdf() -> kompetence_core::store::NewFile {
    kompetence_core::store::NewFile {
        name: "case.pdf".into(),
        content_type: "application/pdf".into(),
        data: b"%PDF-1.4 test".to_vec(),
    }
}

fn sample_answers() -> std::collections::BTreeMap<String, i64> {
    let i = kompetence_core::domain::profile::Instrument::parse(kompetence_core::domain::profile::SAMPLE_INSTRUMENT)
        .unwrap();
    i.items.iter().map(|it| (it.id.clone(), 3)).collect()
}

fn action_input() -> kompetence_core::domain::learning::ActionInput {
    kompetence_core::domain::learning::ActionInput {
        title: "Ny bilagsgang".into(),
        what: "Kortlæg bilagsgangen".into(),
        why: "For at finde spild".into(),
        with_whom: "To kolleger".into(),
        planned_for: "2030-02-10".into(),
        ..Default::default()
    }
}

fn day_input() -> kompetence_core::domain::schedule::DayInput {
    kompetence_core::domain::schedule::DayInput {
        date: "2030-02-01".into(),
        starts_at: "09:00".into(),
        ends_at: "15:00".into(),
        kind: "teaching".into(),
        ..Default::default()
    }
}

fn exam_input(examiner: &str) -> kompetence_core::domain::exam::ExamInput {
    kompetence_core::domain::exam::ExamInput {
        form: "oral".into(),
        handin_date: "2020-01-01".into(),
        handin_time: "12:00".into(),
        exam_date: "2020-01-10".into(),
        examiners: examiner.into(),
        ..Default::default()
    }
}

fn programme_input() -> ProgrammeInput {
    ProgrammeInput {
        code: "P1".into(),
        title_da: "Udd".into(),
        title_en: "Prog".into(),
        structure: "free".into(),
        description: String::new(),
    }
}

fn cohort_input(module: ModuleId) -> CohortInput {
    CohortInput {
        module_id: module.to_string(),
        name: "Hold".into(),
        capacity: "10".into(),
        starts_on: "2030-01-01".into(),
        ends_on: "2030-12-31".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_provider_cannot_read_or_write_the_progress_of_someone_it_never_taught() {
    let w = world(&[Role::ProviderAdmin]).await;
    let admin = w.t.store.user_by_email("right-a@test.dk").await.unwrap().id;
    let s = w.t.session(admin).await;
    let token = w.t.token(admin, None).await;
    // deltager3-a took A's cohort; deltager3-b only B's; nobody@ does not exist.
    let page = |email: &str| format!("/o/{}/programmes/{}/progress?email={email}", w.a.org, w.a.programme);
    let api = |email: &str| format!("/api/v1/orgs/{}/programmes/{}/progress?email={email}", w.a.org, w.a.programme);
    let known = w.t.get(&page("deltager3-a@test.dk"), Some(&s)).await;
    assert!(known.body.contains("Deltager 3 a"), "A's own participant is found");
    let stranger = w.t.get(&page("deltager3-b@test.dk"), Some(&s)).await;
    let unknown = w.t.get(&page("nobody@test.dk"), Some(&s)).await;
    assert_eq!(stranger.status, unknown.status, "a stranger is answered as an unknown e-mail");
    assert!(!stranger.body.contains("Deltager 3 b"), "the stranger's name is not shown");
    let stranger = w.t.api(Method::GET, &api("deltager3-b@test.dk"), Some(&token), None).await;
    let unknown = w.t.api(Method::GET, &api("nobody@test.dk"), Some(&token), None).await;
    assert_eq!((stranger.status, stranger.json()), (unknown.status, unknown.json()));

    // Nor can A write a credit transfer onto the stranger's transcript, by page or API.
    let transfer = format!("/o/{}/programmes/{}/transfers", w.a.org, w.a.programme);
    let fields = [("email", "deltager3-b@test.dk"), ("title", "Modul"), ("source", "EA Syd"), ("ects", "10")];
    assert_eq!(w.t.post_form(&transfer, Some(&s), &fields).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = json!({"email": "deltager3-b@test.dk", "title": "Modul", "source": "EA Syd", "ects": 10});
    let r =
        w.t.api(Method::POST, &format!("/api/v1{}", transfer.replacen("/o/", "/orgs/", 1)), Some(&token), Some(body))
            .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let b3 = w.t.store.user_by_email("deltager3-b@test.dk").await.unwrap().id;
    let theirs = w.t.store.me(b3).progress().await.unwrap();
    assert!(theirs.iter().all(|p| p.transfers.is_empty()), "nothing was written onto the stranger's record");
}
