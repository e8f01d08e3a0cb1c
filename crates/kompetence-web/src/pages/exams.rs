//! Exams: set-up by the provider, grading by examiner and censor, hand-in and results for
//! the participant, and the transcript.
use crate::auth::Me;
use crate::input::Path;
use axum::response::Response;
use kompetence_core::domain::exam::{AttemptStatus, ExamForm, ExamInput, GradePart, GraderRole};
use kompetence_core::domain::{AttemptId, CohortId, EnrolmentId, ExamId, Grade, OrgId, Rounding};
use kompetence_core::store::{Attempt, Cohort, Exam, ExamPeople, GradeEntry, GradingView, MyExam, Transcript};
use serde::Deserialize;

use super::{FormErrors, PageCtx, ok, submitted};
use crate::auth::roles::{Graders, ProviderAdmin};
use crate::auth::{CsrfForm, Org};
use crate::error::AppError;

/// "12" → "12", "02" → "02", "-3" → "−3": the written form of a stored grade code.
pub fn written(code: &str) -> String {
    Grade::parse("g", code).map(|g| g.as_str().to_string()).unwrap_or_else(|_| code.to_string())
}

#[derive(askama::Template)]
#[template(path = "exam_setup.html")]
struct SetupPage {
    /// Attempts that may get a re-exam: each enrolment's latest, when failed or absent.
    reexam_ok: Vec<AttemptId>,
    page: PageCtx,
    title: String,
    org_id: OrgId,
    cohort: Cohort,
    exam: Option<Exam>,
    attempts: Vec<Attempt>,
    forms: Vec<&'static str>,
    form: ExamInput,
    errors: FormErrors,
}

async fn setup_page(
    org: &Org<ProviderAdmin>,
    page: PageCtx,
    id: CohortId,
    form: Option<ExamInput>,
    errors: FormErrors,
) -> Result<SetupPage, AppError> {
    let cohort = org.scope.cohort(id).await?;
    let exam = org.scope.cohort_exam(id).await?;
    let (attempts, ExamPeople { examiners, censor }) = match &exam {
        Some(x) => (org.scope.grading_view(x.id).await?.attempts, org.scope.exam_people(x.id).await?),
        None => (vec![], ExamPeople::default()),
    };
    let form = form.unwrap_or_else(|| match &exam {
        Some(x) => {
            let (date, time) = x.handin_deadline.split_once(' ').unwrap_or((&x.handin_deadline, ""));
            ExamInput {
                form: x.form.as_str().to_string(),
                project_weight: x.project_weight.to_string(),
                oral_weight: x.oral_weight.to_string(),
                handin_date: date.into(),
                handin_time: time.into(),
                exam_date: x.exam_date.clone(),
                require_assignments: x.require_assignments.then(|| "1".into()),
                min_attendance_pct: x.min_attendance_pct.map(|p| p.to_string()).unwrap_or_default(),
                examiners: examiners.join(", "),
                censor: censor.unwrap_or_default(),
            }
        }
        None => ExamInput { form: "written_project".into(), handin_time: "12:00".into(), ..Default::default() },
    });
    let reexam_ok = attempts
        .iter()
        .filter(|a| {
            let latest = attempts.iter().filter(|b| b.enrolment_id == a.enrolment_id).map(|b| b.attempt_no).max();
            let failed = a.status == AttemptStatus::Absent
                || a.final_grade.as_deref().is_some_and(|g| Grade::parse("g", g).is_ok_and(|g| !g.passed()));
            latest == Some(a.attempt_no) && failed
        })
        .map(|a| a.id)
        .collect();
    Ok(SetupPage {
        reexam_ok,
        title: format!("{} – {}", page.t("exam-title"), cohort.name),
        org_id: org.id(),
        cohort,
        exam,
        attempts,
        forms: ExamForm::ALL.iter().map(|f| f.as_str()).collect(),
        form,
        errors,
        page,
    })
}

pub async fn setup(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
) -> Result<Response, AppError> {
    ok(&setup_page(&org, page, id, None, FormErrors::default()).await?)
}

pub async fn save_setup(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
    CsrfForm(form): CsrfForm<ExamInput>,
) -> Result<Response, AppError> {
    let result = org.scope.set_up_exam(id, &form).await;
    submitted(
        page,
        result,
        |_| format!("/o/{}/cohorts/{id}/exam", org.id()),
        |page, errors| setup_page(&org, page, id, Some(form), errors),
    )
    .await
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn reexam(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id, enrolment)): Path<(OrgId, CohortId, EnrolmentId)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    let result = org.scope.register_reexam(id, enrolment).await;
    back_to_setup(&org, page, id, result).await
}

pub async fn absent(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id, attempt)): Path<(OrgId, CohortId, AttemptId)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    let result = org.scope.mark_absent(id, attempt).await;
    back_to_setup(&org, page, id, result).await
}

/// An action on the exam set-up page: back to it when done, or the page again with the error.
async fn back_to_setup(
    org: &Org<ProviderAdmin>,
    page: PageCtx,
    id: CohortId,
    result: Result<(), kompetence_core::Error>,
) -> Result<Response, AppError> {
    submitted(
        page,
        result,
        |_| format!("/o/{}/cohorts/{id}/exam", org.id()),
        |page, errors| setup_page(org, page, id, None, errors),
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "exams.html")]
struct ExamsPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    exams: Vec<Exam>,
}

pub async fn list(org: Org<Graders>, page: PageCtx) -> Result<Response, AppError> {
    ok(&ExamsPage { title: page.t("exams-title"), org_id: org.id(), exams: org.scope.grading_exams().await?, page })
}

#[derive(askama::Template)]
#[template(path = "grading.html")]
struct GradingPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    exam: Exam,
    role: Option<GraderRole>,
    attempts: Vec<Attempt>,
    entries: Vec<GradeEntry>,
    parts: Vec<GradePart>,
    scale: Vec<(&'static str, &'static str)>,
    error: Option<String>,
    graded: bool,
}

impl GradingPage {
    fn entries_of(&self, attempt: &AttemptId) -> Vec<&GradeEntry> {
        self.entries.iter().filter(|e| e.attempt_id == *attempt).collect()
    }
    fn mine_given(&self, attempt: &AttemptId, part: &GradePart) -> bool {
        self.role.is_some_and(|r| {
            self.entries.iter().any(|e| e.attempt_id == *attempt && e.part == *part && e.grader_role == r)
        })
    }
}

async fn grading_page(
    org: &Org<Graders>,
    page: PageCtx,
    exam: ExamId,
    error: Option<String>,
    graded: bool,
) -> Result<GradingPage, AppError> {
    let GradingView { exam, role, attempts, entries } = org.scope.grading_view(exam).await?;
    Ok(GradingPage {
        title: format!("{} – {} {}", page.t("exam-title"), exam.module_code, exam.cohort_name),
        org_id: org.id(),
        parts: exam.form().parts().to_vec(),
        scale: Grade::SCALE.iter().rev().map(|g| (g.code(), g.as_str())).collect(),
        exam,
        role,
        attempts,
        entries,
        error,
        graded,
        page,
    })
}

#[derive(Deserialize, Default)]
pub struct GradedQuery {
    graded: Option<String>,
}

pub async fn grading(
    org: Org<Graders>,
    page: PageCtx,
    Path((_, exam)): Path<(OrgId, ExamId)>,
    axum::extract::Query(q): axum::extract::Query<GradedQuery>,
) -> Result<Response, AppError> {
    ok(&grading_page(&org, page, exam, None, q.graded.is_some()).await?)
}

#[derive(Deserialize)]
pub struct GradeForm {
    #[serde(default)]
    part: String,
    #[serde(default)]
    grade: String,
}

pub async fn grade(
    org: Org<Graders>,
    page: PageCtx,
    Path((_, exam, attempt)): Path<(OrgId, ExamId, AttemptId)>,
    CsrfForm(f): CsrfForm<GradeForm>,
) -> Result<Response, AppError> {
    let result = org.scope.grade(exam, attempt, &f.part, &f.grade).await;
    let org = &org;
    submitted(
        page,
        result,
        |_| format!("/o/{}/exams/{exam}?graded=1#attempt-{attempt}", org.id()),
        |page, errors| async move {
            let msg = errors.items.first().map(|(_, m)| m.clone());
            grading_page(org, page, exam, msg, false).await
        },
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "my_exams.html")]
struct MyExamsPage {
    page: PageCtx,
    title: String,
    exams: Vec<MyExam>,
    draft: Option<(ExamId, String)>,
    error: Option<(ExamId, String)>,
}

async fn my_exams_page(
    me: &Me,
    page: PageCtx,
    draft: Option<(ExamId, String)>,
    error: Option<(ExamId, String)>,
) -> Result<MyExamsPage, AppError> {
    Ok(MyExamsPage { title: page.t("my-exams-title"), exams: me.scope.exams().await?, draft, error, page })
}

impl MyExamsPage {
    fn text_for(&self, m: &MyExam) -> String {
        match &self.draft {
            Some((id, text)) if *id == m.exam.id => text.clone(),
            _ => m.handin_text.clone().unwrap_or_default(),
        }
    }
    fn error_for(&self, m: &MyExam) -> Option<&str> {
        self.error.as_ref().filter(|(id, _)| *id == m.exam.id).map(|(_, e)| e.as_str())
    }
}

pub async fn my_exams(me: Me, page: PageCtx) -> Result<Response, AppError> {
    ok(&my_exams_page(&me, page, None, None).await?)
}

#[derive(Deserialize)]
pub struct HandIn {
    #[serde(default)]
    text: String,
}

/// Hands in the exam project; a failed save keeps what was written.
pub async fn hand_in(
    me: Me,
    page: PageCtx,
    Path(exam): Path<ExamId>,
    CsrfForm(f): CsrfForm<HandIn>,
) -> Result<Response, AppError> {
    let result = me.scope.hand_in(exam, &f.text).await;
    submitted(
        page,
        result,
        |_| format!("/me/exams#exam-{exam}"),
        |page, errors| async move {
            let msg = errors.items.first().map(|(_, m)| (exam, m.clone()));
            my_exams_page(&me, page, Some((exam, f.text)), msg).await
        },
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "transcript.html")]
struct TranscriptPage {
    page: PageCtx,
    title: String,
    t: Transcript,
}

pub async fn transcript(me: Me, page: PageCtx) -> Result<Response, AppError> {
    let t = me.scope.transcript(Rounding::default()).await?;
    ok(&TranscriptPage { title: page.t("transcript-title"), t, page })
}
