//! The language switch: stores the choice for the user (or in a cookie before log-in).
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use kompetence_core::domain::Locale;
use serde::Deserialize;

use super::safe_next;
use crate::auth::{CsrfForm, RequestCtx};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// Switches the UI language: remembered on the user when logged in, and in a cookie.
pub async fn set(
    State(state): State<AppState>,
    axum::Extension(ctx): axum::Extension<RequestCtx>,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<LangForm>,
) -> Result<Response, AppError> {
    let locale = Locale::parse(&form.lang).ok_or(AppError::BadRequest)?;
    if let Some(c) = &ctx.caller {
        state.gate.me(&c.user).set_locale(locale).await?;
    }
    let cookie = Cookie::build((crate::auth::LANG_COOKIE, locale.as_str()))
        .path("/")
        .max_age(time::Duration::days(365))
        .same_site(SameSite::Lax)
        .secure(ctx.secure_cookies)
        .build();
    Ok((jar.add(cookie), Redirect::to(safe_next(&form.next))).into_response())
}
