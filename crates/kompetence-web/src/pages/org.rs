//! An organisation's front page: what the caller's roles there give access to, and its members for admins.
use axum::response::Response;
use kompetence_core::domain::{OrgId, OrgKind};
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

/// An organisation's pages in menu order: (path below the organisation, message key).
pub(crate) const MENU: &[(&str, &str)] = &[
    ("programmes", "programmes-title"),
    ("modules", "modules-title"),
    ("cohorts", "cohorts-title"),
    ("exams", "exams-title"),
    ("catalogue", "catalogue-title"),
    ("enrolments", "enrolments-title"),
    ("demand", "demand-title"),
    ("employees", "employees-title"),
    ("units", "units-title"),
    ("target-groups", "target-groups-title"),
    ("fund", "fund-title"),
    ("evaluations", "evaluations-title"),
    ("coverage", "coverage-title"),
    ("staff-actions", "staff-actions-title"),
    ("instruments", "instruments-title"),
    ("tokens", "tokens-title"),
    ("audit", "audit-title"),
];

/// The menu entries whose route admits the caller's roles here (the route table's role
/// sets decide, not a second copy of them).
fn links(org: &Org<AnyMember>) -> Vec<(&'static str, &'static str)> {
    let roles = org.scope.grant().roles();
    MENU.iter()
        .copied()
        .filter(|(href, _)| crate::routes::admits("GET", &format!("/o/{{org_id}}/{href}"), roles))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::MENU;
    use kompetence_core::domain::Role;

    #[test]
    fn every_menu_entry_is_a_page_some_role_may_open_and_the_roles_get_what_their_sets_admit() {
        for (href, _) in MENU {
            let path = format!("/o/{{org_id}}/{href}");
            assert!(crate::routes::admits("GET", &path, &Role::ALL), "{path} is not a GET route");
        }
        let menu = |roles: &[Role]| -> Vec<&str> {
            MENU.iter()
                .filter(|(h, _)| crate::routes::admits("GET", &format!("/o/{{org_id}}/{h}"), roles))
                .map(|(h, _)| *h)
                .collect()
        };
        assert_eq!(menu(&[Role::Teacher]), ["cohorts", "exams"]);
        assert_eq!(menu(&[Role::Censor]), ["exams"]);
        assert_eq!(
            menu(&[Role::Leader]),
            ["catalogue", "enrolments", "demand", "employees", "units", "evaluations", "staff-actions"]
        );
        assert_eq!(
            menu(&[Role::Hr]),
            [
                "catalogue",
                "enrolments",
                "demand",
                "employees",
                "units",
                "target-groups",
                "fund",
                "evaluations",
                "coverage",
                "tokens",
                "audit"
            ]
        );
        assert_eq!(
            menu(&[Role::ProviderAdmin]),
            ["programmes", "modules", "cohorts", "exams", "instruments", "tokens", "audit"]
        );
    }
}
