//! "Mit forløb": a person's own cohorts and coming teaching days, clashes, and the private
//! calendar feed.
use crate::auth::Me;
use crate::input::Path;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use kompetence_core::store::Schedule;
use serde::Deserialize;

use super::{PageCtx, ok};
use crate::auth::CsrfForm;
use crate::error::AppError;
use crate::state::AppState;
use kompetence_core::domain::DayId;

#[derive(askama::Template)]
#[template(path = "schedule.html")]
struct SchedulePage {
    page: PageCtx,
    title: String,
    s: Schedule,
    feed_url: String,
    webcal_url: String,
}

impl SchedulePage {
    fn clashes_with(&self, day: &DayId) -> bool {
        self.s.clashes.iter().any(|(a, b)| a == day || b == day)
    }
}

pub async fn page(
    State(state): State<AppState>,
    me: Me,
    page: PageCtx,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    let s = me.scope.schedule().await?;
    let key = me.scope.feed_key().await?;
    let feed_url = super::absolute(&state.config, &headers, &format!("/feeds/{key}.ics"));
    let webcal_url = feed_url.replacen("https://", "webcal://", 1).replacen("http://", "webcal://", 1);
    ok(&SchedulePage { title: page.t("schedule-title"), s, feed_url, webcal_url, page })
}

#[derive(Deserialize)]
pub struct Empty {}

/// A new secret feed URL; the old one stops working.
pub async fn renew_feed(me: Me, CsrfForm(_): CsrfForm<Empty>) -> Result<Response, AppError> {
    me.scope.renew_feed_key().await?;
    Ok(Redirect::to("/me/schedule#feed").into_response())
}

/// The iCalendar feed behind a secret URL (calendar programs cannot log in).
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Result<Response, AppError> {
    let key = file.strip_suffix(".ics").unwrap_or(&file);
    if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let body = state.gate.feed(key).await?.ok_or(AppError::NotFound)?;
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "private, max-age=300")],
        body,
    )
        .into_response())
}
