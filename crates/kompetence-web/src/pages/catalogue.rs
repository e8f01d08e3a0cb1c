//! A municipality's side: the catalogue of open cohorts, enrolling employees, and
//! following enrolments (approve, withdraw, waitlist positions, history).
use crate::input::{Path, Query};
use axum::response::Response;
use kompetence_core::domain::{CohortId, EnrolmentId, EnrolmentState, OrgId};
use kompetence_core::store::{Cohort, Enrolment, EnrolmentEvent, PageRequest, TeachingDay};
use serde::Deserialize;

use super::{FormErrors, PageCtx, Pager, ok, submitted};
use crate::auth::roles::StaffViewer;
use crate::auth::{CsrfForm, Org};
use crate::error::{AppError, urlencode};

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    page: Option<u32>,
}

#[derive(askama::Template)]
#[template(path = "catalogue.html")]
struct CataloguePage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    q: String,
    cohorts: Vec<Cohort>,
    pager: Pager,
}

pub async fn list(org: Org<StaffViewer>, page: PageCtx, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    let list = org.scope.catalogue(&q.q, PageRequest::new(q.page, None)).await?;
    let base = format!("/o/{}/catalogue?q={}&", org.id(), urlencode(&q.q));
    ok(&CataloguePage {
        title: page.t("catalogue-title"),
        org_id: org.id(),
        q: q.q,
        pager: Pager::new(&list, &base),
        cohorts: list.items,
        page,
    })
}

#[derive(askama::Template)]
#[template(path = "catalogue_cohort.html")]
struct CohortPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    cohort: Cohort,
    days: Vec<TeachingDay>,
    ours: Vec<Enrolment>,
    employee_email: String,
    approve: bool,
    closed: bool,
    errors: FormErrors,
    notice: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct NoticeQuery {
    enrolled: Option<i64>,
}

/// What the enrol form held when it comes back with errors.
#[derive(Default)]
struct EnrolState {
    employee_email: String,
    /// Pre-approved by HR; not by default, so the employee's leader approves (issue 13).
    approve: bool,
    errors: FormErrors,
}

async fn cohort_page(
    org: &Org<StaffViewer>,
    page: PageCtx,
    id: CohortId,
    form: EnrolState,
    notice: Option<String>,
) -> Result<CohortPage, AppError> {
    let cohort = org.scope.catalogue_cohort(id).await?;
    let ours = org.scope.municipal_cohort_enrolments(id).await?;
    Ok(CohortPage {
        title: format!("{} – {}", page.pick(&cohort.module_title_da, &cohort.module_title_en), cohort.name),
        org_id: org.id(),
        days: org.scope.catalogue_days(id).await?,
        closed: cohort.signup_closed(),
        cohort,
        ours,
        employee_email: form.employee_email,
        approve: form.approve,
        errors: form.errors,
        notice,
        page,
    })
}

pub async fn cohort(
    org: Org<StaffViewer>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let notice = match q.enrolled {
        Some(e) => {
            let e = org.scope.enrolment(EnrolmentId(e)).await?;
            let state = page.tk("state-", &e.state);
            Some(match e.waitlist_position {
                Some(pos) => page.t1("enrol-result-waitlisted", "position", pos),
                None => page.t1("enrol-result", "state", state),
            })
        }
        None => None,
    };
    ok(&cohort_page(&org, page, id, EnrolState::default(), notice).await?)
}

#[derive(Deserialize)]
pub struct EnrolForm {
    #[serde(default)]
    employee_email: String,
    #[serde(default)]
    approve: Option<String>,
}

pub async fn enrol(
    org: Org<StaffViewer>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
    CsrfForm(f): CsrfForm<EnrolForm>,
) -> Result<Response, AppError> {
    let result = org.scope.enrol(id, &f.employee_email, f.approve.is_some()).await;
    let org = &org;
    submitted(
        page,
        result,
        |e| format!("/o/{}/catalogue/{id}?enrolled={}", org.id(), e.id),
        |page, errors| async move {
            let form = EnrolState { employee_email: f.employee_email, approve: f.approve.is_some(), errors };
            cohort_page(org, page, id, form, None).await
        },
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct EnrolmentsQuery {
    #[serde(default)]
    state: String,
    page: Option<u32>,
    saved: Option<String>,
}

#[derive(Deserialize)]
pub struct ApprovalForm {
    #[serde(default, deserialize_with = "kompetence_core::domain::serde_util::checkbox")]
    two_step: Option<String>,
}

/// HR decides whether enrolments are approved by the leader alone or by the leader and then HR.
pub async fn approval_settings(
    org: Org<crate::auth::roles::Hr>,
    CsrfForm(f): CsrfForm<ApprovalForm>,
) -> Result<Response, AppError> {
    org.scope.set_two_step_approval(f.two_step.is_some()).await?;
    Ok(axum::response::IntoResponse::into_response(axum::response::Redirect::to(&format!(
        "/o/{}/enrolments?saved=1",
        org.id()
    ))))
}

#[derive(askama::Template)]
#[template(path = "enrolments.html")]
struct EnrolmentsPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    state: String,
    states: Vec<&'static str>,
    items: Vec<Enrolment>,
    pager: Pager,
    /// HR: whether approval is in two steps (the form to change it); none for leaders.
    two_step: Option<bool>,
    saved: bool,
}

pub async fn enrolments(
    org: Org<StaffViewer>,
    page: PageCtx,
    Query(q): Query<EnrolmentsQuery>,
) -> Result<Response, AppError> {
    let only = EnrolmentState::parse(&q.state);
    let list = org.scope.municipal_enrolments(only, PageRequest::new(q.page, None)).await?;
    let base = format!("/o/{}/enrolments?state={}&", org.id(), urlencode(&q.state));
    ok(&EnrolmentsPage {
        title: page.t("enrolments-title"),
        org_id: org.id(),
        state: only.map(|s| s.as_str().to_string()).unwrap_or_default(),
        states: EnrolmentState::ALL.iter().map(|s| s.as_str()).collect(),
        pager: Pager::new(&list, &base),
        items: list.items,
        two_step: match org.has(kompetence_core::domain::Role::Hr) {
            true => Some(org.scope.two_step_approval().await?),
            false => None,
        },
        saved: q.saved.is_some(),
        page,
    })
}

#[derive(askama::Template)]
#[template(path = "enrolment.html")]
struct EnrolmentPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    e: Enrolment,
    history: Vec<EnrolmentEvent>,
    attendance: Vec<kompetence_core::store::MyAttendance>,
    can_approve: bool,
    can_withdraw: bool,
    error: Option<String>,
    done: bool,
}

async fn enrolment_page(
    org: &Org<StaffViewer>,
    page: PageCtx,
    id: EnrolmentId,
    error: Option<String>,
    done: bool,
) -> Result<EnrolmentPage, AppError> {
    let e = org.scope.own_enrolment(id).await?;
    let state = Some(e.state);
    Ok(EnrolmentPage {
        title: format!("{} – {}", e.employee_name, e.cohort_name),
        org_id: org.id(),
        history: org.scope.enrolment_history(id).await?,
        attendance: org.scope.enrolment_attendance(id).await?,
        can_approve: matches!(state, Some(EnrolmentState::Requested | EnrolmentState::LeaderApproved)),
        can_withdraw: state.is_some_and(|s| s.can_become(EnrolmentState::Withdrawn)),
        e,
        error,
        done,
        page,
    })
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    done: Option<String>,
}

pub async fn enrolment(
    org: Org<StaffViewer>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, EnrolmentId)>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    ok(&enrolment_page(&org, page, id, None, q.done.is_some()).await?)
}

#[derive(Deserialize)]
pub struct Empty {}

async fn act(org: Org<StaffViewer>, page: PageCtx, id: EnrolmentId, approve: bool) -> Result<Response, AppError> {
    let result = if approve { org.scope.approve_enrolment(id).await } else { org.scope.withdraw_enrolment(id).await };
    let org = &org;
    submitted(
        page,
        result,
        |_| format!("/o/{}/enrolments/{id}?done=1", org.id()),
        |page, errors| async move {
            let msg = errors.items.first().map(|(_, m)| m.clone());
            enrolment_page(org, page, id, msg, false).await
        },
    )
    .await
}

pub async fn approve(
    org: Org<StaffViewer>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, EnrolmentId)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    act(org, page, id, true).await
}

#[derive(Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    reason: String,
}

/// The leader (or HR) turns a request down, with a reason kept in the history.
pub async fn reject(
    org: Org<StaffViewer>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, EnrolmentId)>,
    CsrfForm(f): CsrfForm<RejectForm>,
) -> Result<Response, AppError> {
    let result = org.scope.reject_enrolment(id, &f.reason).await;
    let org = &org;
    submitted(
        page,
        result,
        |_| format!("/o/{}/enrolments/{id}?done=1", org.id()),
        |page, errors| async move {
            let msg = errors.items.first().map(|(_, m)| m.clone());
            enrolment_page(org, page, id, msg, false).await
        },
    )
    .await
}

pub async fn withdraw(
    org: Org<StaffViewer>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, EnrolmentId)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    act(org, page, id, false).await
}
