//! An organisation's front page: what the caller's roles there give access to, and its members for admins.
use axum::response::Response;
use kompetence_core::domain::{OrgId, OrgKind, Role};
use kompetence_core::store::Member;

use super::{PageCtx, ok, role_key};
use crate::auth::Org;
use crate::auth::roles::AnyMember;
use crate::error::AppError;

#[derive(askama::Template)]
#[template(path = "org_home.html")]
struct OrgHome {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    kind_key: &'static str,
    my_roles: Vec<String>,
    links: Vec<(&'static str, &'static str)>,
    is_admin: bool,
    members: Vec<(Member, String)>,
}

/// The pages the caller's roles here open: (path below the organisation, message key).
fn links(org: &Org<AnyMember>) -> Vec<(&'static str, &'static str)> {
    let mut out = vec![];
    if org.has(Role::ProviderAdmin) {
        out.extend([("programmes", "programmes-title"), ("modules", "modules-title")]);
    }
    if org.has(Role::ProviderAdmin) || org.has(Role::Teacher) {
        out.push(("cohorts", "cohorts-title"));
    }
    if org.has(Role::ProviderAdmin) || org.has(Role::Teacher) || org.has(Role::Censor) {
        out.push(("exams", "exams-title"));
    }
    if org.has(Role::Hr) || org.has(Role::Leader) {
        out.extend([
            ("catalogue", "catalogue-title"),
            ("enrolments", "enrolments-title"),
            ("employees", "employees-title"),
            ("evaluations", "evaluations-title"),
        ]);
    }
    if org.has(Role::Hr) {
        out.push(("coverage", "coverage-title"));
    }
    if org.has(Role::Leader) {
        out.push(("staff-actions", "staff-actions-title"));
    }
    if org.has(Role::ProviderAdmin) {
        out.push(("instruments", "instruments-title"));
    }
    if org.scope.grant().roles().iter().any(|r| r.is_org_admin()) {
        out.push(("tokens", "tokens-title"));
    }
    out
}

/// An organisation's front page, with what the caller's roles there give access to.
pub async fn home(org: Org<AnyMember>, page: PageCtx) -> Result<Response, AppError> {
    let grant = org.scope.grant();
    let is_admin = grant.roles().iter().any(|r| r.is_org_admin());
    let members = if is_admin {
        org.scope
            .members()
            .await?
            .into_iter()
            .map(|m| {
                let r = page.t(&role_key(m.role));
                (m, r)
            })
            .collect()
    } else {
        vec![]
    };
    let o = grant.org();
    ok(&OrgHome {
        title: o.name.clone(),
        org_id: o.id,
        kind_key: if o.kind == OrgKind::Provider { "kind-provider" } else { "kind-municipality" },
        my_roles: grant.roles().iter().map(|r| page.t(&role_key(*r))).collect(),
        links: links(&org),
        is_admin,
        members,
        page,
    })
}
