//! HR's coverage report: how many of the municipality's staff the programmes have reached,
//! are teaching now and have given credits, per department and per module.
use axum::response::Response;
use kompetence_core::domain::percent;
use kompetence_core::store::Coverage;

use super::{PageCtx, ok};
use crate::auth::Org;
use crate::auth::roles::Hr;
use crate::error::AppError;

#[derive(askama::Template)]
#[template(path = "coverage.html")]
struct CoveragePage {
    page: PageCtx,
    title: String,
    report: Coverage,
}

impl CoveragePage {
    /// `part` of `whole` as a percentage with one decimal ("–" for an empty department).
    fn share(&self, part: &i64, whole: &i64) -> String {
        self.page.percent(&percent(*part, *whole))
    }
}

pub async fn page(org: Org<Hr>, page: PageCtx) -> Result<Response, AppError> {
    let report = org.scope.coverage().await?;
    let title = format!("{} – {}", page.t("coverage-title"), org.scope.grant().org().name);
    ok(&CoveragePage { page, title, report })
}
