//! Platform administration: organisations, users and their roles.
use crate::input::{Path, Query};
use axum::response::{IntoResponse, Response};
use kompetence_core::domain::{
    Email, Locale, OrgId, PersonName, Role, UserId, ValidationError, hash_admin_password, hash_password,
};
use kompetence_core::store::{Member, NewUser, Organization, PageRequest, User};
use serde::Deserialize;

use super::{FormErrors, PageCtx, Pager, ok, role_key, submitted};
use crate::auth::{CsrfForm, PlatformAdmin};
use crate::error::{AppError, urlencode};

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    page: Option<u32>,
    /// Set after an unlock, to confirm it.
    unlocked: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct OrgForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
}

#[derive(askama::Template)]
#[template(path = "admin_orgs.html")]
struct OrgsPage {
    page: PageCtx,
    title: String,
    orgs: Vec<Organization>,
    pager: Pager,
    form: OrgForm,
    errors: FormErrors,
}

async fn orgs_page(
    admin: &PlatformAdmin,
    page: PageCtx,
    q: ListQuery,
    form: OrgForm,
    errors: FormErrors,
) -> Result<OrgsPage, AppError> {
    let list = admin.scope.list_orgs(PageRequest::new(q.page, None)).await?;
    Ok(OrgsPage {
        title: page.t("admin-orgs-title"),
        pager: Pager::new(&list, "/admin/orgs?"),
        orgs: list.items,
        form,
        errors,
        page,
    })
}

pub async fn orgs(admin: PlatformAdmin, page: PageCtx, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    ok(&orgs_page(&admin, page, q, OrgForm::default(), FormErrors::default()).await?)
}

pub async fn create_org(
    admin: PlatformAdmin,
    page: PageCtx,
    CsrfForm(form): CsrfForm<OrgForm>,
) -> Result<Response, AppError> {
    let result = admin.scope.create_org(&form.name, &form.kind).await;
    submitted(
        page,
        result,
        |o| format!("/admin/orgs/{}", o.id),
        |page, errors| orgs_page(&admin, page, ListQuery::default(), form, errors),
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct GrantForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

#[derive(askama::Template)]
#[template(path = "admin_org.html")]
struct OrgPage {
    page: PageCtx,
    title: String,
    org: Organization,
    members: Vec<(Member, String)>,
    roles: Vec<(&'static str, String)>,
    form: GrantForm,
    errors: FormErrors,
}

async fn org_page(
    admin: &PlatformAdmin,
    page: PageCtx,
    id: OrgId,
    form: GrantForm,
    errors: FormErrors,
) -> Result<OrgPage, AppError> {
    let org = admin.scope.org(id).await?;
    let members = admin
        .scope
        .members(id)
        .await?
        .into_iter()
        .map(|m| {
            let r = page.t(&role_key(m.role));
            (m, r)
        })
        .collect();
    let roles =
        Role::ALL.iter().filter(|r| r.org_kind() == org.kind).map(|r| (r.as_str(), page.t(&role_key(*r)))).collect();
    Ok(OrgPage { title: org.name.clone(), org, members, roles, form, errors, page })
}

pub async fn org(admin: PlatformAdmin, page: PageCtx, Path(id): Path<OrgId>) -> Result<Response, AppError> {
    ok(&org_page(&admin, page, id, GrantForm::default(), FormErrors::default()).await?)
}

pub async fn grant(
    admin: PlatformAdmin,
    page: PageCtx,
    Path(id): Path<OrgId>,
    CsrfForm(form): CsrfForm<GrantForm>,
) -> Result<Response, AppError> {
    admin.scope.org(id).await?;
    let result = async {
        let email = Email::parse("email", &form.email)?;
        let user = match admin.scope.user_by_email(email.as_str()).await {
            Ok(u) => u,
            Err(kompetence_core::Error::NotFound) => {
                return Err(ValidationError::new("email", "err-unknown-user").into());
            }
            Err(e) => return Err(e),
        };
        admin.scope.grant_role(user.id, id, &form.role).await
    }
    .await;
    submitted(page, result, |_| format!("/admin/orgs/{id}"), |page, errors| org_page(&admin, page, id, form, errors))
        .await
}

#[derive(Deserialize, Default)]
pub struct UserForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    platform_admin: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "admin_users.html")]
struct UsersPage {
    page: PageCtx,
    title: String,
    q: String,
    users: Vec<User>,
    pager: Pager,
    form: UserForm,
    errors: FormErrors,
    /// The e-mail whose login delays were just lifted.
    unlocked: Option<String>,
}

async fn users_page(
    admin: &PlatformAdmin,
    page: PageCtx,
    q: ListQuery,
    form: UserForm,
    errors: FormErrors,
) -> Result<UsersPage, AppError> {
    let list = admin.scope.list_users(&q.q, PageRequest::new(q.page, None)).await?;
    let base = format!("/admin/users?q={}&", urlencode(&q.q));
    Ok(UsersPage {
        title: page.t("admin-users-title"),
        unlocked: q.unlocked,
        q: q.q,
        pager: Pager::new(&list, &base),
        users: list.items,
        form,
        errors,
        page,
    })
}

pub async fn users(admin: PlatformAdmin, page: PageCtx, Query(q): Query<ListQuery>) -> Result<Response, AppError> {
    ok(&users_page(&admin, page, q, UserForm::default(), FormErrors::default()).await?)
}

/// Validates a new user's fields, reporting every problem at once.
pub fn new_user(
    name: &str,
    email: &str,
    password: &str,
    platform_admin: bool,
) -> Result<NewUser, Vec<ValidationError>> {
    let mut errs = vec![];
    let name = PersonName::parse("name", name).map_err(|e| errs.push(e)).ok();
    let email = Email::parse("email", email).map_err(|e| errs.push(e)).ok();
    let hash = if platform_admin { hash_admin_password } else { hash_password };
    let password = hash("password", password).map_err(|e| errs.push(e)).ok();
    match (name, email, password) {
        (Some(name), Some(email), Some(password)) => {
            Ok(NewUser { name, email, password: Some(password), locale: Locale::Da, is_platform_admin: platform_admin })
        }
        _ => Err(errs),
    }
}

pub async fn create_user(
    admin: PlatformAdmin,
    page: PageCtx,
    CsrfForm(form): CsrfForm<UserForm>,
) -> Result<Response, AppError> {
    let result = match new_user(&form.name, &form.email, &form.password, form.platform_admin.is_some()) {
        Ok(u) => admin.scope.create_user(u).await,
        Err(v) => Err(v.into()),
    };
    let done = format!("/admin/users?q={}", urlencode(form.email.trim()));
    submitted(
        page,
        result,
        |_| done,
        |page, errors| async move {
            let form = UserForm { password: String::new(), ..form };
            users_page(&admin, page, ListQuery::default(), form, errors).await
        },
    )
    .await
}

/// Lifts the login delays on a user's account from every address, and says so.
pub async fn unlock(
    admin: PlatformAdmin,
    Path(user): Path<UserId>,
    CsrfForm(_): CsrfForm<crate::pages::login::Empty>,
) -> Result<Response, AppError> {
    let u = admin.scope.user(user).await?;
    admin.scope.unlock_logins(user).await?;
    let email = u.email.as_str();
    let to = format!("/admin/users?q={}&unlocked={}", urlencode(email), urlencode(email));
    Ok(axum::response::Redirect::to(&to).into_response())
}
