//! HR's (and leaders') pages for the municipality's employees: list, add, edit, create a login.
use crate::input::{Path, Query};
use axum::extract::State;
use axum::response::Response;
use kompetence_core::domain::{EmployeeId, OrgId, Role, hash_password};
use kompetence_core::store::{Employee, EmployeeInput, PageRequest};
use serde::Deserialize;

use super::{FormErrors, PageCtx, Pager, ok, submitted};
use crate::auth::roles::{Hr, StaffViewer};
use crate::auth::{CsrfForm, Org};
use crate::error::{AppError, urlencode};
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    page: Option<u32>,
}

#[derive(askama::Template)]
#[template(path = "employees.html")]
struct ListPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    org_name: String,
    q: String,
    items: Vec<Employee>,
    pager: Pager,
    can_edit: bool,
    form: EmployeeInput,
    errors: FormErrors,
}

async fn list_page(
    org: &Org<impl crate::auth::roles::RoleSet<Scope = kompetence_core::store::MunicipalityScope>>,
    page: PageCtx,
    q: ListQuery,
    form: EmployeeInput,
    errors: FormErrors,
) -> Result<ListPage, AppError> {
    let hr = org.has(Role::Hr);
    // A leader who is not HR sees their own staff only (the scope sees to that).
    let list = org.scope.employees(&q.q, PageRequest::new(q.page, None)).await?;
    let base = format!("/o/{}/employees?q={}&", org.id(), urlencode(&q.q));
    Ok(ListPage {
        title: page.t("employees-title"),
        org_id: org.id(),
        org_name: org.scope.grant().org().name.clone(),
        q: q.q,
        pager: Pager::new(&list, &base),
        items: list.items,
        can_edit: hr,
        form,
        errors,
        page,
    })
}

pub async fn list(org: Org<StaffViewer>, page: PageCtx, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    ok(&list_page(&org, page, q, EmployeeInput::default(), FormErrors::default()).await?)
}

pub async fn create(
    org: Org<Hr>,
    page: PageCtx,
    CsrfForm(form): CsrfForm<EmployeeInput>,
) -> Result<Response, AppError> {
    let result = org.scope.create_employee(&form).await;
    submitted(
        page,
        result,
        |e| format!("/o/{}/employees/{}?saved=1", org.id(), e.id),
        |page, errors| list_page(&org, page, ListQuery::default(), form, errors),
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "employee.html")]
struct ShowPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    employee: Employee,
    form: EmployeeInput,
    errors: FormErrors,
    login_errors: FormErrors,
    saved: bool,
}

fn input_of(e: &Employee) -> EmployeeInput {
    EmployeeInput {
        name: e.name.clone(),
        email: e.email.clone(),
        job_title: e.job_title.clone().unwrap_or_default(),
        department: e.department.clone().unwrap_or_default(),
        team: e.team.clone().unwrap_or_default(),
        leader_email: e.leader_email.clone().unwrap_or_default(),
    }
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    saved: Option<String>,
}

pub async fn show(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, EmployeeId)>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let employee = org.scope.employee(id).await?;
    ok(&ShowPage {
        title: employee.name.clone(),
        org_id: org.id(),
        form: input_of(&employee),
        employee,
        errors: FormErrors::default(),
        login_errors: FormErrors::default(),
        saved: q.saved.is_some(),
        page,
    })
}

pub async fn update(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, EmployeeId)>,
    CsrfForm(form): CsrfForm<EmployeeInput>,
) -> Result<Response, AppError> {
    let result = org.scope.update_employee(id, &form).await;
    submitted(
        page,
        result,
        |_| format!("/o/{}/employees/{}?saved=1", org.id(), id),
        |page, errors| async {
            let employee = org.scope.employee(id).await?;
            Ok(ShowPage {
                title: employee.name.clone(),
                org_id: org.id(),
                employee,
                form,
                errors,
                login_errors: FormErrors::default(),
                saved: false,
                page,
            })
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    password: String,
}

/// Gives the employee a participant login with a first password chosen by HR.
pub async fn create_login(
    State(_state): State<AppState>,
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, EmployeeId)>,
    CsrfForm(f): CsrfForm<LoginForm>,
) -> Result<Response, AppError> {
    let result = match hash_password("password", &f.password) {
        Ok(hash) => org.scope.create_participant_login(id, Some(hash)).await.map(|_| ()),
        Err(v) => Err(v.into()),
    };
    submitted(
        page,
        result,
        |()| format!("/o/{}/employees/{}?saved=1", org.id(), id),
        |page, login_errors| async {
            let employee = org.scope.employee(id).await?;
            Ok(ShowPage {
                title: employee.name.clone(),
                org_id: org.id(),
                form: input_of(&employee),
                employee,
                errors: FormErrors::default(),
                login_errors,
                saved: false,
                page,
            })
        },
    )
    .await
}
