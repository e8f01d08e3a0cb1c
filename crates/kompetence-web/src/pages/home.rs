//! The start page after log-in: the organisations the caller belongs to and their roles there.
use axum::extract::State;
use axum::response::Response;
use kompetence_core::domain::{EnrolmentState, OrgId, OrgKind, Role};
use kompetence_core::store::{MunicipalityScope, PageRequest};

use super::{PageCtx, ok, role_key};
use crate::auth::Me;
use crate::error::AppError;

pub struct OrgCard {
    pub id: OrgId,
    pub name: String,
    pub kind_key: &'static str,
    pub roles: Vec<String>,
    /// Enrolments waiting for this caller's approval (HR: the municipality's; a leader:
    /// their own staff's).
    pub awaiting: i64,
    pub awaiting_state: &'static str,
}

#[derive(askama::Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    page: PageCtx,
    title: String,
    orgs: Vec<OrgCard>,
    /// Set after "log out everywhere else": how many sessions were ended.
    sessions_ended: Option<u64>,
    /// A participant somewhere: may browse what their municipality offers and ask to go.
    participant: bool,
    /// The newest notices: text, link, unread, when.
    notices: Vec<(String, Option<String>, bool, i64)>,
}

/// A notice in the reader's words.
fn notice_text(page: &PageCtx, n: &kompetence_core::store::Notice) -> String {
    let args: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&n.args).unwrap_or_default();
    let named: Vec<(&str, String)> =
        args.iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap_or_default().to_string())).collect();
    page.tr.tn(&format!("notice-{}", n.kind), &named)
}

#[derive(serde::Deserialize, Default)]
pub struct DashboardQuery {
    sessions_ended: Option<u64>,
}

/// The start page: the caller's organisations and roles in each.
pub async fn dashboard(
    State(state): State<crate::state::AppState>,
    me: Me,
    page: PageCtx,
    crate::input::Query(q): crate::input::Query<DashboardQuery>,
) -> Result<Response, AppError> {
    let mut orgs: Vec<OrgCard> = Vec::new();
    let mut participant = false;
    for m in me.scope.memberships().await? {
        participant |= m.role == Role::Participant;
        if me.caller.auth.only_org.is_some_and(|o| o != m.org.id) {
            continue;
        }
        let role = page.t(&role_key(m.role));
        match orgs.iter_mut().find(|o| o.id == m.org.id) {
            Some(card) => card.roles.push(role),
            None => orgs.push(OrgCard {
                id: m.org.id,
                name: m.org.name,
                kind_key: match m.org.kind {
                    OrgKind::Provider => "kind-provider",
                    OrgKind::Municipality => "kind-municipality",
                },
                roles: vec![role],
                awaiting: 0,
                awaiting_state: "requested",
            }),
        }
        // What awaits the caller: requests to approve, where they approve.
        if m.org.kind == OrgKind::Municipality && matches!(m.role, Role::Hr | Role::Leader) {
            let scope: MunicipalityScope = state.gate.authorize_as(me.caller.user.id, m.org.id, &[]).await?;
            // With two-step approval, HR's turn comes after the leader's.
            let step = match scope.staff_of().is_none() && scope.two_step_approval().await? {
                true => EnrolmentState::LeaderApproved,
                false => EnrolmentState::Requested,
            };
            let waiting = scope.municipal_enrolments(Some(step), PageRequest::new(Some(1), Some(1))).await?;
            if let Some(card) = orgs.iter_mut().find(|o| o.id == m.org.id) {
                card.awaiting = waiting.total;
                card.awaiting_state = step.as_str();
            }
        }
    }
    let title = page.t("dashboard-title");
    let notices = me
        .scope
        .notices(5)
        .await?
        .iter()
        .map(|n| (notice_text(&page, n), n.link.clone(), n.read_at.is_none(), n.created_at))
        .collect();
    ok(&Dashboard { page, title, orgs, sessions_ended: q.sessions_ended, participant, notices })
}

/// Marks every notice of the caller as read.
pub async fn notices_read(
    me: Me,
    crate::auth::CsrfForm(_): crate::auth::CsrfForm<Empty>,
) -> Result<Response, AppError> {
    me.scope.mark_notices_read().await?;
    Ok(axum::response::IntoResponse::into_response(axum::response::Redirect::to("/")))
}

#[derive(serde::Deserialize)]
pub struct Empty {}
