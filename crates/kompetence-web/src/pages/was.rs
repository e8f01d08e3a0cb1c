//! The accessibility statement (was = webtilgængelighedserklæring) page.
use axum::response::Response;

use super::{PageCtx, ok};
use crate::error::AppError;

#[derive(askama::Template)]
#[template(path = "was.html")]
struct Was {
    page: PageCtx,
    title: String,
}

/// The accessibility statement (Tilgængelighedserklæring), required by act 692/2018.
pub async fn page(page: PageCtx) -> Result<Response, AppError> {
    let title = page.t("was-title");
    ok(&Was { page, title })
}
