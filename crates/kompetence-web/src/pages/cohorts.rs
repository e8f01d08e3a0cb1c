//! A provider's cohorts: plan them, their teaching days and teachers, and see who comes.
use crate::input::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use kompetence_core::domain::schedule::{DayInput, DayKind};
use kompetence_core::domain::{CohortId, EnrolmentId, OrgId, Role};
use kompetence_core::store::{Cohort, CohortInput, Enrolment, Module, PageRequest, Specialisation, TeachingDay};
use serde::Deserialize;

use super::{FormErrors, PageCtx, Pager, ok, submitted};
use crate::auth::roles::{ProviderAdmin, ProviderStaff};
use crate::auth::{CsrfForm, Org};
use crate::error::AppError;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    page: Option<u32>,
}

#[derive(askama::Template)]
#[template(path = "cohorts.html")]
struct CohortsPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    cohorts: Vec<Cohort>,
    pager: Pager,
    is_admin: bool,
    modules: Vec<Module>,
    specialisations: Vec<Specialisation>,
    form: CohortInput,
    errors: FormErrors,
}

async fn cohorts_page(
    org: &Org<impl crate::auth::roles::RoleSet<Scope = kompetence_core::store::ProviderScope>>,
    page: PageCtx,
    p: Option<u32>,
    form: CohortInput,
    errors: FormErrors,
) -> Result<CohortsPage, AppError> {
    let list = org.scope.cohorts(PageRequest::new(p, None)).await?;
    let is_admin = org.has(Role::ProviderAdmin);
    let (modules, specialisations) = if is_admin {
        (org.scope.modules(PageRequest::new(Some(1), Some(200))).await?.items, org.scope.all_specialisations().await?)
    } else {
        (vec![], vec![])
    };
    let base = format!("/o/{}/cohorts?", org.id());
    Ok(CohortsPage {
        title: page.t("cohorts-title"),
        org_id: org.id(),
        pager: Pager::new(&list, &base),
        cohorts: list.items,
        is_admin,
        modules,
        specialisations,
        form,
        errors,
        page,
    })
}

pub async fn list(org: Org<ProviderStaff>, page: PageCtx, Query(q): Query<PageQuery>) -> Result<Response, AppError> {
    let form = CohortInput { capacity: "20".into(), ..Default::default() };
    ok(&cohorts_page(&org, page, q.page, form, FormErrors::default()).await?)
}

pub async fn create(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    CsrfForm(form): CsrfForm<CohortInput>,
) -> Result<Response, AppError> {
    let result = org.scope.create_cohort(&form).await;
    submitted(
        page,
        result,
        |c| format!("/o/{}/cohorts/{}", org.id(), c.id),
        |page, errors| cohorts_page(&org, page, None, form, errors),
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "cohort.html")]
struct CohortPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    cohort: Cohort,
    days: Vec<TeachingDay>,
    teachers: Vec<kompetence_core::store::CohortTeacher>,
    enrolments: Vec<Enrolment>,
    is_admin: bool,
    feed_url: String,
    kinds: Vec<&'static str>,
    form: CohortInput,
    errors: FormErrors,
    day: DayInput,
    day_errors: FormErrors,
    teacher_email: String,
    teacher_errors: FormErrors,
}

#[derive(Default)]
struct CohortForms {
    form: Option<CohortInput>,
    errors: FormErrors,
    day: Option<DayInput>,
    day_errors: FormErrors,
    teacher_email: String,
    teacher_errors: FormErrors,
}

fn input_of(c: &Cohort) -> CohortInput {
    CohortInput {
        module_id: c.module_id.to_string(),
        specialisation_id: c.specialisation_id.map(|s| s.to_string()).unwrap_or_default(),
        name: c.name.clone(),
        venue: c.venue.clone().unwrap_or_default(),
        capacity: c.capacity.to_string(),
        signup_deadline: c.signup_deadline.clone().unwrap_or_default(),
        starts_on: c.starts_on.clone(),
        ends_on: c.ends_on.clone(),
    }
}

async fn cohort_page(
    org: &Org<impl crate::auth::roles::RoleSet<Scope = kompetence_core::store::ProviderScope>>,
    page: PageCtx,
    id: CohortId,
    f: CohortForms,
) -> Result<CohortPage, AppError> {
    let cohort = org.scope.cohort(id).await?;
    let day = f.day.unwrap_or_else(|| DayInput {
        date: cohort.starts_on.clone(),
        starts_at: "09:00".into(),
        ends_at: "15:30".into(),
        kind: "teaching".into(),
        ..Default::default()
    });
    Ok(CohortPage {
        title: cohort.name.clone(),
        org_id: org.id(),
        days: org.scope.days(id).await?,
        teachers: org.scope.cohort_teachers(id).await?,
        enrolments: org.scope.cohort_enrolments(id).await?,
        is_admin: org.has(Role::ProviderAdmin),
        feed_url: format!("/feeds/{}.ics", cohort.feed_key),
        kinds: DayKind::ALL.iter().map(|k| k.as_str()).collect(),
        form: f.form.unwrap_or_else(|| input_of(&cohort)),
        cohort,
        errors: f.errors,
        day,
        day_errors: f.day_errors,
        teacher_email: f.teacher_email,
        teacher_errors: f.teacher_errors,
        page,
    })
}

pub async fn show(
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
) -> Result<Response, AppError> {
    ok(&cohort_page(&org, page, id, CohortForms::default()).await?)
}

pub async fn update(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
    CsrfForm(form): CsrfForm<CohortInput>,
) -> Result<Response, AppError> {
    let result = org.scope.update_cohort(id, &form).await;
    let org = &org;
    submitted(
        page,
        result,
        |_| format!("/o/{}/cohorts/{id}", org.id()),
        |page, errors| async move {
            let f = CohortForms { form: Some(form), errors, ..Default::default() };
            cohort_page(org, page, id, f).await
        },
    )
    .await
}

pub async fn add_day(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
    CsrfForm(day): CsrfForm<DayInput>,
) -> Result<Response, AppError> {
    let result = org.scope.add_day(id, &day).await;
    let org = &org;
    submitted(
        page,
        result,
        |_| format!("/o/{}/cohorts/{id}#days", org.id()),
        |page, day_errors| async move {
            let f = CohortForms { day: Some(day), day_errors, ..Default::default() };
            cohort_page(org, page, id, f).await
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct TeacherForm {
    #[serde(default)]
    email: String,
}

pub async fn assign_teacher(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
    CsrfForm(f): CsrfForm<TeacherForm>,
) -> Result<Response, AppError> {
    let result = org.scope.assign_teacher(id, &f.email).await;
    let org = &org;
    submitted(
        page,
        result,
        |_| format!("/o/{}/cohorts/{id}", org.id()),
        |page, teacher_errors| async move {
            let forms = CohortForms { teacher_email: f.email, teacher_errors, ..Default::default() };
            cohort_page(org, page, id, forms).await
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn complete(
    admin: Org<ProviderAdmin>,
    Path((_, id, enrolment)): Path<(OrgId, CohortId, EnrolmentId)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    admin.scope.complete_enrolment(id, enrolment).await?;
    Ok(Redirect::to(&format!("/o/{}/cohorts/{id}#participants", admin.id())).into_response())
}
