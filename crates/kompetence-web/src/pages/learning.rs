//! Learning between teaching days: the teacher's assignments, hand-ins with feedback and
//! attendance sheets; the participant's assignments, hand-ins and attendance.
use crate::auth::Me;
use crate::input::Path;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kompetence_core::domain::learning::{AssignmentInput, SubmissionStatus};
use kompetence_core::domain::{AssignmentId, CohortId, DayId, EnrolmentId, OrgId, SubmissionId};
use kompetence_core::store::{Assignment, AttendanceRow, Cohort, MyAssignment, MyAttendance, SubmissionRow};
use serde::Deserialize;

use super::{FormErrors, PageCtx, ok, render, submitted};
use crate::auth::roles::ProviderStaff;
use crate::auth::{CsrfForm, CsrfMultipart, Org};

struct SubmitText {
    text: String,
}
use crate::error::AppError;
use crate::state::AppState;

#[derive(askama::Template)]
#[template(path = "assignments.html")]
struct AssignmentsPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    cohort: Cohort,
    assignments: Vec<Assignment>,
    form: AssignmentInput,
    errors: FormErrors,
}

async fn assignments_page(
    org: &Org<ProviderStaff>,
    page: PageCtx,
    id: CohortId,
    form: AssignmentInput,
    errors: FormErrors,
) -> Result<AssignmentsPage, AppError> {
    let cohort = org.scope.cohort(id).await?;
    let assignments = org.scope.assignments(id).await?;
    Ok(AssignmentsPage {
        title: format!("{} – {}", page.t("assignments-title"), cohort.name),
        org_id: org.id(),
        cohort,
        assignments,
        form,
        errors,
        page,
    })
}

pub async fn assignments(
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
) -> Result<Response, AppError> {
    let form = AssignmentInput { due_time: "09:00".into(), ..Default::default() };
    ok(&assignments_page(&org, page, id, form, FormErrors::default()).await?)
}

pub async fn create_assignment(
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
    CsrfForm(form): CsrfForm<AssignmentInput>,
) -> Result<Response, AppError> {
    let result = org.scope.create_assignment(id, &form).await;
    submitted(
        page,
        result,
        |a| format!("/o/{}/assignments/{}", org.id(), a.id),
        |page, errors| assignments_page(&org, page, id, form, errors),
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "assignment.html")]
struct AssignmentPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    assignment: Assignment,
    rows: Vec<SubmissionRow>,
    files: Vec<kompetence_core::store::HandInFile>,
    /// The submission whose feedback failed to save, with what was typed and the errors.
    failed: Option<(SubmissionId, FeedbackForm, FeedbackErrors)>,
}

struct FeedbackErrors(FormErrors);

impl AssignmentPage {
    fn files_of(&self, submission: &SubmissionId) -> Vec<&kompetence_core::store::HandInFile> {
        self.files.iter().filter(|f| f.submission_id == *submission).collect()
    }
    fn failed_for(&self, submission: &SubmissionId) -> Option<&(SubmissionId, FeedbackForm, FeedbackErrors)> {
        self.failed.as_ref().filter(|(id, ..)| id == submission)
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct FeedbackForm {
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    feedback: String,
}

async fn assignment_page(
    org: &Org<ProviderStaff>,
    page: PageCtx,
    id: AssignmentId,
    failed: Option<(SubmissionId, FeedbackForm, FeedbackErrors)>,
) -> Result<AssignmentPage, AppError> {
    let assignment = org.scope.assignment(id).await?;
    let rows = org.scope.submissions(id).await?;
    let files = org.scope.assignment_files(id).await?;
    Ok(AssignmentPage { title: assignment.title.clone(), org_id: org.id(), assignment, rows, files, failed, page })
}

pub async fn assignment(
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, AssignmentId)>,
) -> Result<Response, AppError> {
    ok(&assignment_page(&org, page, id, None).await?)
}

pub async fn feedback(
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id, submission)): Path<(OrgId, AssignmentId, SubmissionId)>,
    CsrfForm(f): CsrfForm<FeedbackForm>,
) -> Result<Response, AppError> {
    let result = org.scope.give_feedback(id, submission, &f.verdict, &f.feedback).await;
    submitted(
        page,
        result,
        |()| format!("/o/{}/assignments/{id}#s-{submission}", org.id()),
        |page, errors| assignment_page(&org, page, id, Some((submission, f, FeedbackErrors(errors)))),
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "attendance.html")]
struct AttendancePage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    cohort: Cohort,
    day_id: DayId,
    day_label: String,
    rows: Vec<AttendanceRow>,
    statuses: [&'static str; 3],
    saved: bool,
}

async fn attendance_page(
    org: &Org<ProviderStaff>,
    page: PageCtx,
    cohort: CohortId,
    day: DayId,
    saved: bool,
) -> Result<AttendancePage, AppError> {
    let c = org.scope.cohort(cohort).await?;
    let rows = org.scope.attendance_sheet(cohort, day).await?;
    let days = org.scope.days(cohort).await?;
    let d = days.iter().find(|d| d.id == day).ok_or(AppError::NotFound)?;
    let day_label = format!("{} {}–{}", d.day_date, d.starts_at, d.ends_at);
    Ok(AttendancePage {
        title: format!("{} – {} – {}", page.t("attendance-title"), c.name, d.day_date),
        org_id: org.id(),
        cohort: c,
        day_id: day,
        day_label,
        rows,
        statuses: ["present", "absent", "absent_notice"],
        saved,
        page,
    })
}

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    saved: String,
}

pub async fn attendance(
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, cohort, day)): Path<(OrgId, CohortId, DayId)>,
    axum::extract::Query(q): axum::extract::Query<SavedQuery>,
) -> Result<Response, AppError> {
    ok(&attendance_page(&org, page, cohort, day, !q.saved.is_empty()).await?)
}

/// Form fields `status-{enrolment id}` = present | absent | absent_notice.
pub async fn record_attendance(
    org: Org<ProviderStaff>,
    Path((_, cohort, day)): Path<(OrgId, CohortId, DayId)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let marks: Vec<(EnrolmentId, String)> =
        fields.into_iter().filter_map(|(k, v)| Some((k.strip_prefix("status-")?.parse().ok()?, v))).collect();
    org.scope.record_attendance(cohort, day, &marks).await?;
    // Post/redirect/get: a reload does not send the sheet again.
    Ok(Redirect::to(&format!("/o/{}/cohorts/{cohort}/days/{day}/attendance?saved=1", org.id())).into_response())
}

#[derive(askama::Template)]
#[template(path = "my_assignments.html")]
struct MyAssignmentsPage {
    page: PageCtx,
    title: String,
    assignments: Vec<MyAssignment>,
    attendance: Vec<MyAttendance>,
    /// (assignment id, file) of the user's handed-in files.
    files: Vec<(AssignmentId, kompetence_core::store::HandInFile)>,
    /// The assignment whose hand-in failed, with the text as typed and the error.
    failed: Option<(AssignmentId, String, String)>,
}

impl MyAssignmentsPage {
    fn draft(&self, a: &MyAssignment) -> String {
        match &self.failed {
            Some((id, text, _)) if *id == a.id => text.clone(),
            _ => a.body.clone().unwrap_or_default(),
        }
    }
    fn files_of(&self, a: &MyAssignment) -> Vec<&kompetence_core::store::HandInFile> {
        self.files.iter().filter(|(id, _)| *id == a.id).map(|(_, f)| f).collect()
    }
    fn error_for(&self, a: &MyAssignment) -> Option<&str> {
        self.failed.as_ref().filter(|(id, ..)| *id == a.id).map(|(.., e)| e.as_str())
    }
}

async fn my_page(
    me: &Me,
    page: PageCtx,
    failed: Option<(AssignmentId, String, String)>,
) -> Result<MyAssignmentsPage, AppError> {
    let assignments = me.scope.assignments().await?;
    let attendance = me.scope.attendance().await?;
    let files = me.scope.hand_in_files().await?;
    Ok(MyAssignmentsPage { title: page.t("my-assignments-title"), assignments, attendance, files, failed, page })
}

pub async fn mine(me: Me, page: PageCtx) -> Result<Response, AppError> {
    ok(&my_page(&me, page, None).await?)
}

/// A hand-in: text and/or one file (multipart; a urlencoded text-only form works too).
pub async fn submit(
    State(state): State<AppState>,
    me: Me,
    page: PageCtx,
    Path(id): Path<AssignmentId>,
    form: CsrfMultipart,
) -> Result<Response, AppError> {
    let text = form.text("text").to_string();
    let file = super::materials::accepted(&state.config.upload, "text", form.files.iter().find(|f| f.field == "file"));
    let result = match file {
        Ok(file) => me.scope.submit_assignment_with(id, &text, file.as_ref()).await,
        Err(e) => Err(e.into()),
    };
    let f = SubmitText { text };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/me/assignments#a-{id}")).into_response()),
        Err(kompetence_core::Error::Validation(v)) => {
            let message = v.first().map(|e| page.t(e.key)).unwrap_or_default();
            render(StatusCode::UNPROCESSABLE_ENTITY, &my_page(&me, page, Some((id, f.text, message))).await?)
        }
        Err(e) => Err(e.into()),
    }
}
