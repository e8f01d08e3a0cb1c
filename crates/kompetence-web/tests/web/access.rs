//! The cross-tenant and wrong-role test for every route, driven by the router's own route
//! table: a route added without a case here makes `every_route_has_a_case` fail.
use axum::http::{Method, StatusCode};
use kompetence_core::domain::{OrgKind, Role};
use kompetence_web::{Access, RouteInfo, route_table};
use serde_json::json;

use crate::support::{Resp, TestApp};

/// How to call a route successfully, given the ids of the fixture.
struct Case {
    form: Vec<(&'static str, String)>,
    json: Option<serde_json::Value>,
    ok: StatusCode,
}

struct Ids {
    org: i64,
    employee: i64,
    token: i64,
    user: i64,
}

fn case(r: &RouteInfo, ids: &Ids) -> Option<Case> {
    let form = |ok, f: &[(&'static str, &str)]| {
        Some(Case {
            form: f.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            json: None,
            ok,
        })
    };
    let json = |ok, j: serde_json::Value| {
        Some(Case {
            form: vec![],
            json: Some(j),
            ok,
        })
    };
    let get = || {
        Some(Case {
            form: vec![],
            json: None,
            ok: StatusCode::OK,
        })
    };
    let see_other = StatusCode::SEE_OTHER;
    match (r.method, r.path) {
        ("GET", _) => get(),
        ("POST", "/login") => form(
            see_other,
            &[
                ("email", "right-a@test.dk"),
                ("password", crate::support::PASSWORD),
            ],
        ),
        ("POST", "/logout") => form(see_other, &[]),
        ("POST", "/lang") => form(see_other, &[("lang", "en"), ("next", "/")]),
        ("POST", "/admin/orgs") => form(
            see_other,
            &[("name", "Ny Kommune"), ("kind", "municipality")],
        ),
        ("POST", "/admin/orgs/{org_id}/roles") => form(
            see_other,
            &[("email", "right-a@test.dk"), ("role", "leader")],
        ),
        ("POST", "/admin/users") => form(
            see_other,
            &[
                ("name", "Ny Bruger"),
                ("email", "ny@test.dk"),
                ("password", "langt-nok-1"),
            ],
        ),
        ("POST", "/o/{org_id}/employees") => form(
            see_other,
            &[("name", "Ny Medarbejder"), ("email", "ny.m@test.dk")],
        ),
        ("POST", "/o/{org_id}/employees/{employee_id}") => {
            form(see_other, &[("name", "Omdøbt"), ("email", "emp-a@test.dk")])
        }
        ("POST", "/o/{org_id}/employees/{employee_id}/login") => {
            form(see_other, &[("password", "langt-nok-1")])
        }
        ("POST", "/o/{org_id}/tokens") => form(StatusCode::CREATED, &[("name", "Integration")]),
        ("POST", "/o/{org_id}/tokens/{token_id}/revoke") => form(see_other, &[]),
        ("POST", "/api/v1/orgs") => json(
            StatusCode::CREATED,
            json!({"name": "API Kommune", "kind": "municipality"}),
        ),
        ("POST", "/api/v1/users") => json(
            StatusCode::CREATED,
            json!({"name": "API Bruger", "email": "api@test.dk", "password": "langt-nok-1"}),
        ),
        ("POST", "/api/v1/users/{user_id}/roles") => json(
            StatusCode::NO_CONTENT,
            json!({"org_id": ids.org, "role": "leader"}),
        ),
        ("POST", "/api/v1/orgs/{org_id}/employees") => json(
            StatusCode::CREATED,
            json!({"name": "API Medarbejder", "email": "api.m@test.dk"}),
        ),
        ("PUT", "/api/v1/orgs/{org_id}/employees/{employee_id}") => json(
            StatusCode::OK,
            json!({"name": "API Omdøbt", "email": "emp-a@test.dk"}),
        ),
        _ => None,
    }
}

fn fill(path: &str, ids: &Ids) -> String {
    path.replace("{org_id}", &ids.org.to_string())
        .replace("{employee_id}", &ids.employee.to_string())
        .replace("{token_id}", &ids.token.to_string())
        .replace("{user_id}", &ids.user.to_string())
        .replace("{file}", "app.css")
}

#[test]
fn every_route_has_a_case() {
    let ids = Ids {
        org: 1,
        employee: 1,
        token: 1,
        user: 1,
    };
    let missing: Vec<String> = route_table()
        .iter()
        .filter(|r| case(r, &ids).is_none())
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without an access test case: {missing:?}"
    );
}

/// The fixture: organisations A and B of one kind, and users with and without the role.
struct World {
    t: TestApp,
    a: Ids,
    /// Ids of the same kinds of objects in organisation B.
    b: Ids,
    roles: &'static [Role],
}

async fn world(roles: &'static [Role]) -> World {
    let t = TestApp::new().await;
    // The kind of organisation the route's roles belong to; municipality when any role will do.
    let kind = roles
        .first()
        .map(|r| r.org_kind())
        .unwrap_or(OrgKind::Municipality);
    let (kind_s, admin_role, allowed) = match kind {
        OrgKind::Provider => (
            "provider",
            "provider_admin",
            roles.first().map(|r| r.as_str()).unwrap_or("teacher"),
        ),
        OrgKind::Municipality => (
            "municipality",
            "hr",
            roles.first().map(|r| r.as_str()).unwrap_or("participant"),
        ),
    };
    let org_a = t.org("Organisation A", kind_s).await;
    let org_b = t.org("Organisation B", kind_s).await;
    let admin_a = t.user("admin-a@test.dk", &[(org_a.id, admin_role)]).await;
    let admin_b = t.user("admin-b@test.dk", &[(org_b.id, admin_role)]).await;
    t.user("right-a@test.dk", &[(org_a.id, allowed)]).await;
    t.user("right-b@test.dk", &[(org_b.id, allowed)]).await;
    // A member of A whose roles are all outside the route's set (if such a role exists).
    let wrong = Role::ALL
        .iter()
        .find(|r| r.org_kind() == kind && !roles.is_empty() && !roles.contains(r));
    if let Some(w) = wrong {
        t.user("wrong-a@test.dk", &[(org_a.id, w.as_str())]).await;
    }
    let mut ids = vec![];
    for (org, admin, tag) in [(org_a.id, admin_a, "a"), (org_b.id, admin_b, "b")] {
        let employee = if kind == OrgKind::Municipality {
            t.employee(
                admin,
                org,
                &format!("Emp {tag}"),
                &format!("emp-{tag}@test.dk"),
                "",
            )
            .await
        } else {
            0
        };
        t.store
            .create_token(admin, Some(org), "fixture")
            .await
            .unwrap();
        let scope = t.store.authorize(admin, org, &[]).await.unwrap();
        let token = scope.tokens().await.unwrap()[0].id.0;
        ids.push(Ids {
            org: org.0,
            employee,
            token,
            user: admin.0,
        });
    }
    let b = ids.pop().unwrap();
    let a = ids.pop().unwrap();
    World { t, a, b, roles }
}

impl World {
    async fn call(&self, r: &RouteInfo, who: Option<&str>, ids: &Ids) -> Resp {
        let c = case(r, &self.a).expect("case");
        let path = fill(r.path, ids);
        let user = match who {
            Some(email) => Some(self.t.store.user_by_email(email).await.unwrap()),
            None => None,
        };
        if r.path.starts_with("/api/") {
            let token = match &user {
                Some(u) => Some(self.t.token(u.id, None).await),
                None => None,
            };
            let method = Method::from_bytes(r.method.as_bytes()).unwrap();
            self.t
                .api(method, &path, token.as_deref(), c.json.clone())
                .await
        } else {
            let session = match &user {
                Some(u) => Some(self.t.session(u.id).await),
                None => None,
            };
            let fields: Vec<(&str, &str)> = c.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            match r.method {
                "GET" => self.t.get(&path, session.as_ref()).await,
                _ => self.t.post_form(&path, session.as_ref(), &fields).await,
            }
        }
    }
}

fn assert_refused_anonymous(r: &RouteInfo, resp: &Resp) {
    if r.path.starts_with("/api/") {
        assert_eq!(
            resp.status,
            StatusCode::UNAUTHORIZED,
            "{} {} anonymous",
            r.method,
            r.path
        );
    } else {
        assert_eq!(
            resp.status,
            StatusCode::SEE_OTHER,
            "{} {} anonymous",
            r.method,
            r.path
        );
        assert!(
            resp.location().starts_with("/login?next="),
            "{} {} → {}",
            r.method,
            r.path,
            resp.location()
        );
    }
}

#[tokio::test]
async fn every_route_refuses_other_tenants_and_wrong_roles() {
    for r in route_table() {
        let roles: &'static [Role] = match r.access {
            Access::Org(roles) => roles,
            _ => &[],
        };
        let w = world(roles).await;
        let ok = case(&r, &w.a).unwrap().ok;
        let label = format!("{} {}", r.method, r.path);
        match r.access {
            Access::Public => {
                let resp = w.call(&r, None, &w.a).await;
                assert!(
                    resp.status.is_success()
                        || resp.status.is_redirection()
                        || resp.status == StatusCode::UNAUTHORIZED,
                    "{label}: {}",
                    resp.status
                );
            }
            Access::Authenticated => {
                assert_refused_anonymous(&r, &w.call(&r, None, &w.a).await);
                let resp = w.call(&r, Some("right-a@test.dk"), &w.a).await;
                assert_eq!(resp.status, ok, "{label} logged in: {}", resp.body);
            }
            Access::PlatformAdmin => {
                w.t.platform_admin("pia@test.dk").await;
                assert_refused_anonymous(&r, &w.call(&r, None, &w.a).await);
                for who in ["right-a@test.dk", "admin-a@test.dk"] {
                    let resp = w.call(&r, Some(who), &w.a).await;
                    assert_eq!(resp.status, StatusCode::FORBIDDEN, "{label} as {who}");
                }
                let resp = w.call(&r, Some("pia@test.dk"), &w.a).await;
                assert_eq!(resp.status, ok, "{label} as platform admin: {}", resp.body);
            }
            Access::Org(_) => {
                assert_refused_anonymous(&r, &w.call(&r, None, &w.a).await);
                // Another tenant's member with the right role there: as if A did not exist.
                let resp = w.call(&r, Some("right-b@test.dk"), &w.a).await;
                assert_eq!(
                    resp.status,
                    StatusCode::NOT_FOUND,
                    "{label} from other tenant"
                );
                assert!(
                    !resp.body.contains("Emp a") && !resp.body.contains("emp-a@test.dk"),
                    "{label} leaked A's data"
                );
                if !w.roles.is_empty() {
                    let resp = w.call(&r, Some("wrong-a@test.dk"), &w.a).await;
                    assert_eq!(
                        resp.status,
                        StatusCode::FORBIDDEN,
                        "{label} with a role outside {:?}",
                        w.roles
                    );
                }
                // A's member asking for B's objects through A's path: 404.
                if r.path.contains("{employee_id}") || r.path.contains("{token_id}") {
                    let mixed = Ids {
                        org: w.a.org,
                        employee: w.b.employee,
                        token: w.b.token,
                        user: w.a.user,
                    };
                    let resp = w.call(&r, Some("right-a@test.dk"), &mixed).await;
                    assert_eq!(
                        resp.status,
                        StatusCode::NOT_FOUND,
                        "{label} with B's object id"
                    );
                }
                let resp = w.call(&r, Some("right-a@test.dk"), &w.a).await;
                assert_eq!(
                    resp.status, ok,
                    "{label} with the right role: {}",
                    resp.body
                );
            }
        }
    }
}

#[tokio::test]
async fn a_token_bound_to_one_organisation_cannot_reach_another_where_its_user_has_roles() {
    let t = TestApp::new().await;
    let a = t.org("Aabenraa Kommune", "municipality").await;
    let b = t.org("Odense Kommune", "municipality").await;
    let hr = t.user("hr@test.dk", &[(a.id, "hr"), (b.id, "hr")]).await;
    let token = t.token(hr, Some(a.id)).await;
    let path_a = format!("/api/v1/orgs/{}/employees", a.id);
    let path_b = format!("/api/v1/orgs/{}/employees", b.id);
    assert_eq!(
        t.api(Method::GET, &path_a, Some(&token), None).await.status,
        StatusCode::OK
    );
    assert_eq!(
        t.api(Method::GET, &path_b, Some(&token), None).await.status,
        StatusCode::NOT_FOUND
    );
}
