//! HR's pages for applications to Den Kommunale Kompetencefond: the list with the totals
//! per department, a new application for a person or a group, signatures, status, and the
//! printable application.
use axum::response::Response;
use kompetence_core::domain::{EmployeeId, OrgId};
use kompetence_core::store::{FundApplication, FundDetail, FundInput, FundTotal};
use serde::Deserialize;

use super::{FormErrors, PageCtx, ok, submitted};
use crate::auth::roles::Hr;
use crate::auth::{CsrfForm, Org};
use crate::error::AppError;
use crate::input::{Path, Query};

#[derive(askama::Template)]
#[template(path = "fund.html")]
struct ListPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    items: Vec<FundApplication>,
    totals: Vec<FundTotal>,
    form: FundInput,
    errors: FormErrors,
}

fn kroner(v: i64) -> String {
    kompetence_core::documents::fund::kr(v)
}

impl ListPage {
    fn kr(&self, v: &i64) -> String {
        kroner(*v)
    }
}

impl ShowPage {
    fn kr(&self, v: &i64) -> String {
        kroner(*v)
    }
}

async fn list_page(org: &Org<Hr>, page: PageCtx, form: FundInput, errors: FormErrors) -> Result<ListPage, AppError> {
    Ok(ListPage {
        title: page.t("fund-title"),
        org_id: org.id(),
        items: org.scope.fund_applications().await?,
        totals: org.scope.fund_totals().await?,
        form,
        errors,
        page,
    })
}

pub async fn list(org: Org<Hr>, page: PageCtx) -> Result<Response, AppError> {
    ok(&list_page(&org, page, FundInput::default(), FormErrors::default()).await?)
}

pub async fn create(org: Org<Hr>, page: PageCtx, CsrfForm(form): CsrfForm<FundInput>) -> Result<Response, AppError> {
    let result = org.scope.create_fund_application(&form).await;
    submitted(
        page,
        result,
        |d| format!("/o/{}/fund/{}?saved=1", org.id(), d.application.id),
        |page, errors| list_page(&org, page, form, errors),
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "fund_application.html")]
struct ShowPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    d: FundDetail,
    errors: FormErrors,
    saved: bool,
    /// The moves this application can make now.
    moves: Vec<&'static str>,
    today: String,
}

async fn show_page(
    org: &Org<Hr>,
    page: PageCtx,
    id: i64,
    errors: FormErrors,
    saved: bool,
) -> Result<ShowPage, AppError> {
    use kompetence_core::domain::fund::FundStatus;
    let d = org.scope.fund_application(id).await?;
    let from = FundStatus::parse(&d.application.status);
    let moves = FundStatus::ALL
        .iter()
        .filter(|to| from.is_some_and(|f| f.can_become(**to)) && **to != FundStatus::Signed)
        .map(|to| to.as_str())
        .collect();
    Ok(ShowPage {
        title: d.application.course_title.clone(),
        org_id: org.id(),
        today: kompetence_core::domain::schedule::fmt_date(kompetence_core::domain::schedule::copenhagen_today(
            time::OffsetDateTime::now_utc(),
        )),
        d,
        errors,
        saved,
        moves,
        page,
    })
}

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn show(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, i64)>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, AppError> {
    ok(&show_page(&org, page, id, FormErrors::default(), q.saved.is_some()).await?)
}

#[derive(Deserialize)]
pub struct SignForm {
    /// `employee:ID`, `leader` or `union`.
    #[serde(default)]
    signer: String,
    #[serde(default)]
    signed_on: String,
}

pub async fn sign(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, i64)>,
    CsrfForm(f): CsrfForm<SignForm>,
) -> Result<Response, AppError> {
    let (signer, employee) = match f.signer.split_once(':') {
        Some(("employee", e)) => ("employee", e.parse().ok().map(EmployeeId)),
        _ => (f.signer.as_str(), None),
    };
    let result = org.scope.sign_fund_application(id, signer, employee, &f.signed_on).await;
    let org = &org;
    submitted(
        page,
        result,
        |_| format!("/o/{}/fund/{id}?saved=1", org.id()),
        |page, errors| show_page(org, page, id, errors, false),
    )
    .await
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

pub async fn move_to(
    org: Org<Hr>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, i64)>,
    CsrfForm(f): CsrfForm<MoveForm>,
) -> Result<Response, AppError> {
    let result = org.scope.move_fund_application(id, &f.status, &f.reason).await;
    let org = &org;
    submitted(
        page,
        result,
        |_| format!("/o/{}/fund/{id}?saved=1", org.id()),
        |page, errors| show_page(org, page, id, errors, false),
    )
    .await
}

/// The application as a PDF to print and send with the signatures.
pub async fn pdf(org: Org<Hr>, Path((_, id)): Path<(OrgId, i64)>) -> Result<Response, AppError> {
    let d = org.scope.fund_application(id).await?;
    let name = org.scope.grant().org().name.clone();
    let bytes = tokio::task::spawn_blocking(move || kompetence_core::documents::fund::fund_application_pdf(&d, &name))
        .await
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("pdf task: {e}")))?
        .map_err(AppError::Unexpected)?;
    Ok(super::certificates::pdf_response(bytes, &format!("kompetencefond-{id}.pdf")))
}
