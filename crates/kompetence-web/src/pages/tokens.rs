//! API tokens of an organisation: list, create (shown once), revoke.
use crate::input::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kompetence_core::domain::{OrgId, TokenId};
use kompetence_core::store::ApiToken;
use serde::Deserialize;

use super::{FormErrors, PageCtx, form_errors, ok, render};
use crate::auth::roles::OrgAdmin;
use crate::auth::{CsrfForm, Org};
use crate::error::AppError;

#[derive(askama::Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    tokens: Vec<ApiToken>,
    created: Option<String>,
    token_name: String,
    errors: FormErrors,
}

async fn tokens_page(
    org: &Org<OrgAdmin>,
    page: PageCtx,
    created: Option<String>,
    name: String,
    errors: FormErrors,
) -> Result<TokensPage, AppError> {
    Ok(TokensPage {
        title: page.t("tokens-title"),
        org_id: org.id(),
        tokens: org.scope.tokens().await?,
        created,
        token_name: name,
        errors,
        page,
    })
}

pub async fn list(org: Org<OrgAdmin>, page: PageCtx) -> Result<Response, AppError> {
    ok(&tokens_page(&org, page, None, String::new(), FormErrors::default()).await?)
}

#[derive(Deserialize)]
pub struct NewToken {
    #[serde(default)]
    name: String,
}

/// Creates a token acting for the caller in this organisation and shows it once.
pub async fn create(org: Org<OrgAdmin>, page: PageCtx, CsrfForm(f): CsrfForm<NewToken>) -> Result<Response, AppError> {
    match org.scope.create_token(&f.name).await {
        Ok(secret) => {
            let p = tokens_page(&org, page, Some(secret.expose().to_string()), String::new(), FormErrors::default())
                .await?;
            render(StatusCode::CREATED, &p)
        }
        Err(e) => {
            let errors = form_errors(&page.tr, e)?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &tokens_page(&org, page, None, f.name, errors).await?)
        }
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn revoke(
    org: Org<OrgAdmin>,
    Path((_, id)): Path<(OrgId, TokenId)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    org.scope.revoke_token(id).await?;
    Ok(Redirect::to(&format!("/o/{}/tokens", org.id())).into_response())
}
