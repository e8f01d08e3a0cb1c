//! The audit log as pages: the whole platform's for the platform administrator, one
//! organisation's for its administrators.
use axum::response::Response;
use kompetence_core::domain::OrgId;
use kompetence_core::store::{AuditEvent, PageRequest};
use serde::Deserialize;

use super::{PageCtx, Pager, ok};
use crate::auth::roles::OrgAdmin;
use crate::auth::{Org, PlatformAdmin};
use crate::error::AppError;
use crate::input::{Path, Query};

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    page: Option<u32>,
}

#[derive(askama::Template)]
#[template(path = "audit.html")]
struct AuditPage {
    page: PageCtx,
    title: String,
    /// Shown for the platform's log, where events of every organisation are listed.
    show_org: bool,
    events: Vec<AuditEvent>,
    pager: Pager,
}

impl AuditPage {
    fn action(&self, e: &AuditEvent) -> String {
        self.page.tk("audit-", &e.action.replace('.', "-"))
    }
}

pub async fn platform(admin: PlatformAdmin, page: PageCtx, Query(q): Query<AuditQuery>) -> Result<Response, AppError> {
    let list = admin.scope.audit_events(PageRequest::new(q.page, None)).await?;
    let title = page.t("audit-title");
    ok(&AuditPage { pager: Pager::new(&list, "/admin/audit?"), events: list.items, show_org: true, title, page })
}

pub async fn org(
    org: Org<OrgAdmin>,
    page: PageCtx,
    Path(_): Path<OrgId>,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let list = org.scope.audit_events(PageRequest::new(q.page, None)).await?;
    let base = format!("/o/{}/audit?", org.id());
    let title = format!("{} – {}", page.t("audit-title"), org.scope.grant().org().name);
    ok(&AuditPage { pager: Pager::new(&list, &base), events: list.items, show_org: false, title, page })
}
