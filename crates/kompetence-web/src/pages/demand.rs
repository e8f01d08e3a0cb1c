//! "Jeg vil gerne deltage": the participant's view of what their municipality offers, with
//! asking to go; and the municipality's demand list per module (HR, and leaders for their
//! own staff).
use axum::response::{IntoResponse, Redirect, Response};
use kompetence_core::domain::{ModuleId, OrgId};
use kompetence_core::store::{ModuleDemand, OfferedModule};
use serde::Deserialize;

use super::{FormErrors, PageCtx, form_errors, ok, render};
use crate::auth::roles::StaffViewer;
use crate::auth::{CsrfForm, Me, Org};
use crate::error::AppError;
use crate::input::Query;

#[derive(askama::Template)]
#[template(path = "my_catalogue.html")]
struct MinePage {
    page: PageCtx,
    title: String,
    offered: Vec<OfferedModule>,
    notice: Option<String>,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    asked: Option<String>,
    withdrawn: Option<String>,
}

pub async fn mine(me: Me, page: PageCtx, Query(q): Query<DoneQuery>) -> Result<Response, AppError> {
    let offered = me.scope.offered_modules().await?;
    let pick = |id: &Option<String>| {
        id.as_deref()
            .and_then(|v| v.parse::<i64>().ok())
            .and_then(|m| offered.iter().find(|o| o.module_id.0 == m))
            .map(|o| page.pick(&o.title_da, &o.title_en).to_string())
    };
    let notice = match (pick(&q.asked), pick(&q.withdrawn)) {
        (Some(t), _) => Some(page.t1("asked-saved", "module", t)),
        (_, Some(t)) => Some(page.t1("ask-withdrawn", "module", t)),
        _ => None,
    };
    ok(&MinePage { title: page.t("my-catalogue-title"), offered, notice, errors: FormErrors::default(), page })
}

#[derive(Deserialize)]
pub struct AskForm {
    #[serde(default)]
    org_id: String,
    #[serde(default)]
    module_id: String,
    #[serde(default)]
    note: String,
    /// `withdraw` takes an ask back.
    #[serde(default)]
    action: String,
}

pub async fn ask(me: Me, page: PageCtx, CsrfForm(f): CsrfForm<AskForm>) -> Result<Response, AppError> {
    let (Ok(org), Ok(module)) = (f.org_id.parse::<i64>(), f.module_id.parse::<i64>()) else {
        return Err(AppError::NotFound);
    };
    let (org, module) = (OrgId(org), ModuleId(module));
    let result = match f.action.as_str() {
        "withdraw" => me.scope.withdraw_ask(org, module).await.map(|()| "withdrawn"),
        _ => me.scope.ask_to_go(org, module, &f.note).await.map(|()| "asked"),
    };
    match result {
        Ok(done) => Ok(Redirect::to(&format!("/me/catalogue?{done}={}", module.0)).into_response()),
        Err(e) => {
            let errors = form_errors(&page.tr, e)?;
            let offered = me.scope.offered_modules().await?;
            let title = page.t("my-catalogue-title");
            render(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &MinePage { title, offered, notice: None, errors, page },
            )
        }
    }
}

#[derive(askama::Template)]
#[template(path = "demand.html")]
struct DemandPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    demand: Vec<ModuleDemand>,
}

pub async fn demand(org: Org<StaffViewer>, page: PageCtx) -> Result<Response, AppError> {
    ok(&DemandPage { title: page.t("demand-title"), org_id: org.id(), demand: org.scope.demand().await?, page })
}
