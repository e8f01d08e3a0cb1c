//! Degree progress of a person in a programme, and credit transfer within the cap.
use crate::auth::Me;
use crate::input::{Path, Query};
use axum::response::Response;
use kompetence_core::domain::{OrgId, ProgrammeId};
use kompetence_core::store::Progress;
use serde::Deserialize;

use super::{FormErrors, PageCtx, form_errors, ok, submitted};
use crate::auth::roles::ProviderAdmin;
use crate::auth::{CsrfForm, Org};
use crate::error::{AppError, urlencode};

#[derive(Deserialize, Default)]
pub struct ProgressQuery {
    #[serde(default)]
    pub email: String,
}

#[derive(Deserialize, Default)]
pub struct TransferForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    ects: String,
}

#[derive(askama::Template)]
#[template(path = "progress.html")]
struct ProgressPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    programme_id: ProgrammeId,
    email: String,
    progress: Option<Progress>,
    lookup_errors: FormErrors,
    form: TransferForm,
    errors: FormErrors,
}

async fn progress_page(
    org: &Org<ProviderAdmin>,
    page: PageCtx,
    id: ProgrammeId,
    email: String,
    form: TransferForm,
    errors: FormErrors,
) -> Result<ProgressPage, AppError> {
    let programme = org.scope.programme(id).await?.programme;
    let (progress, lookup_errors) = if email.trim().is_empty() {
        (None, FormErrors::default())
    } else {
        match org.scope.progress(id, &email).await {
            Ok(p) => (Some(p), FormErrors::default()),
            Err(e) => (None, form_errors(&page.tr, e)?),
        }
    };
    Ok(ProgressPage {
        title: format!("{} – {}", page.t("progress-title"), page.pick(&programme.title_da, &programme.title_en)),
        org_id: org.id(),
        programme_id: id,
        form: TransferForm { email: email.clone(), ..form },
        email,
        progress,
        lookup_errors,
        errors,
        page,
    })
}

pub async fn page(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, ProgrammeId)>,
    Query(q): Query<ProgressQuery>,
) -> Result<Response, AppError> {
    ok(&progress_page(&org, page, id, q.email, TransferForm::default(), FormErrors::default()).await?)
}

pub async fn add_transfer(
    org: Org<ProviderAdmin>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, ProgrammeId)>,
    CsrfForm(f): CsrfForm<TransferForm>,
) -> Result<Response, AppError> {
    let result = org.scope.add_credit_transfer(id, &f.email, &f.title, &f.source, &f.ects).await;
    let done = format!("/o/{}/programmes/{id}/progress?email={}", org.id(), urlencode(f.email.trim()));
    submitted(page, result, |()| done, |page, errors| progress_page(&org, page, id, f.email.clone(), f, errors)).await
}

#[derive(askama::Template)]
#[template(path = "my_progress.html")]
struct MyProgressPage {
    page: PageCtx,
    title: String,
    programmes: Vec<Progress>,
}

/// The participant's own progress in every programme they have credits or transfers in.
pub async fn mine(me: Me, page: PageCtx) -> Result<Response, AppError> {
    let programmes = me.scope.progress().await?;
    ok(&MyProgressPage { title: page.t("my-progress-title"), programmes, page })
}
