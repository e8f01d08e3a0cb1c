//! The municipality's planning over the API (issue 13): the organisation tree, the staff
//! import (dry run or write), target groups, wave plans and bulk enrolment — the same store
//! calls, and the same role sets, as the pages.
use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kompetence_core::domain::{CohortId, EmployeeId, OrgId, TargetGroupId, UnitId, WavePlanId};
use kompetence_core::store::{
    BulkOutcome, GroupMember, ImportOptions, ImportReport, TargetGroup, TargetGroupInput, Unit, UnitInput,
    WavePlanInput, WavePlanView,
};
use serde::{Deserialize, Serialize};

use super::ApiJson;
use crate::auth::Org;
use crate::auth::roles::{Hr, StaffViewer};
use crate::error::AppError;
use crate::input::Path;
use crate::state::AppState;

/// The organisation tree, depth-first (a leader: the units they lead and below).
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/units", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), responses((status = 200, body = Vec<Unit>)))]
pub async fn units(org: Org<StaffViewer>) -> Result<Json<Vec<Unit>>, AppError> {
    Ok(Json(org.scope.units().await?))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/units", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = UnitInput,
    responses((status = 201, body = Unit), (status = 422, description = "Invalid input")))]
pub async fn create_unit(org: Org<Hr>, ApiJson(b): ApiJson<UnitInput>) -> Result<(StatusCode, Json<Unit>), AppError> {
    Ok((StatusCode::CREATED, Json(org.scope.create_unit(&b).await?)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LeaderBody {
    #[schema(value_type = i64)]
    pub unit_id: UnitId,
    /// An employee of this municipality.
    pub leader_email: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/unit-leaders", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = LeaderBody,
    responses((status = 200, body = Unit), (status = 404, description = "No such unit here"), (status = 422, description = "Unknown employee")))]
pub async fn add_leader(org: Org<Hr>, ApiJson(b): ApiJson<LeaderBody>) -> Result<Json<Unit>, AppError> {
    Ok(Json(org.scope.add_unit_leader(b.unit_id, &b.leader_email).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ImportBody {
    /// Only report what would happen (the default).
    #[serde(default = "yes")]
    pub dry_run: bool,
    /// The OS2mo set: file name (`organisation.csv`, `bruger.csv`, `stillingskode.csv`,
    /// `engagement.csv`, `leder.csv`) → its text; or one CSV file of any other name, one row
    /// per person, read with `mapping`.
    pub files: HashMap<String, String>,
    /// Which column holds what, for a plain file (default: a guess from its headers).
    #[serde(default)]
    pub mapping: Option<kompetence_core::domain::staff_plain::Mapping>,
}

fn yes() -> bool {
    true
}

/// Imports (or dry-runs) the municipality's staff from OS2mo's Plan2Learn files. A file
/// with any bad line answers 422 with every problem, and nothing is written.
#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/staff-import", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = ImportBody,
    responses((status = 200, body = ImportReport), (status = 422, body = ImportReport, description = "Bad lines; nothing written")))]
pub async fn import(
    State(state): State<AppState>,
    org: Org<Hr>,
    ApiJson(b): ApiJson<ImportBody>,
) -> Result<Response, AppError> {
    let files = b.files.into_iter().map(|(k, v)| (k.to_lowercase(), v.into_bytes())).collect();
    let snap = match kompetence_core::domain::staff_plain::read_any(&files, b.mapping.as_ref()).1 {
        Ok(s) => s,
        Err(errors) => {
            return Ok(
                (StatusCode::UNPROCESSABLE_ENTITY, Json(ImportReport::refused(errors, b.dry_run))).into_response()
            );
        }
    };
    let opts = ImportOptions {
        dry_run: b.dry_run,
        cpr_key: state.config.cpr_key.as_ref().map(|k| k.expose()),
        progress: None,
    };
    let report = org.scope.import_staff(&snap, opts).await?;
    let status = if report.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, Json(report)).into_response())
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/target-groups", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), responses((status = 200, body = Vec<TargetGroup>)))]
pub async fn target_groups(org: Org<Hr>) -> Result<Json<Vec<TargetGroup>>, AppError> {
    Ok(Json(org.scope.target_groups().await?))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/target-groups", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = TargetGroupInput,
    responses((status = 201, body = TargetGroup), (status = 409, description = "Name taken"), (status = 422, description = "Invalid input")))]
pub async fn create_target_group(
    org: Org<Hr>,
    ApiJson(b): ApiJson<TargetGroupInput>,
) -> Result<(StatusCode, Json<TargetGroup>), AppError> {
    Ok((StatusCode::CREATED, Json(org.scope.create_target_group(&b).await?)))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GroupDetail {
    pub group: TargetGroup,
    pub members: Vec<GroupMember>,
    pub plans: Vec<kompetence_core::store::WavePlan>,
}

/// A target group with its members today (and where each stands) and its wave plans.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/target-groups/{group_id}", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("group_id" = i64, Path)),
    responses((status = 200, body = GroupDetail), (status = 404, description = "No such group here")))]
pub async fn target_group(
    org: Org<Hr>,
    Path((_, id)): Path<(OrgId, TargetGroupId)>,
) -> Result<Json<GroupDetail>, AppError> {
    Ok(Json(GroupDetail {
        group: org.scope.target_group(id).await?,
        members: org.scope.group_members(id).await?,
        plans: org.scope.wave_plans(id).await?,
    }))
}

/// Proposes and saves a wave plan; 422 with the problems (which team, how many short) when
/// no split keeps every team staffed.
#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/target-groups/{group_id}/plans", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("group_id" = i64, Path)), request_body = WavePlanInput,
    responses((status = 201, body = WavePlanView), (status = 422, description = "Invalid input, or no split exists")))]
pub async fn create_plan(
    org: Org<Hr>,
    Path((_, id)): Path<(OrgId, TargetGroupId)>,
    ApiJson(b): ApiJson<WavePlanInput>,
) -> Result<Response, AppError> {
    Ok(match org.scope.create_wave_plan(id, &b).await? {
        Ok(view) => (StatusCode::CREATED, Json(view)).into_response(),
        Err(problems) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({"error": "plan_impossible", "problems": problems})),
        )
            .into_response(),
    })
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/wave-plans/{plan_id}", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("plan_id" = i64, Path)),
    responses((status = 200, body = WavePlanView), (status = 404, description = "No such plan here")))]
pub async fn wave_plan(org: Org<Hr>, Path((_, id)): Path<(OrgId, WavePlanId)>) -> Result<Json<WavePlanView>, AppError> {
    Ok(Json(org.scope.wave_plan_view(id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SplitEntry {
    #[schema(value_type = i64)]
    pub employee_id: EmployeeId,
    /// 1-based.
    pub wave: u32,
    #[serde(default)]
    pub pinned: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SplitBody {
    pub split: Vec<SplitEntry>,
    /// Only check it (the default is to save it when it breaks no rule).
    #[serde(default)]
    pub check_only: bool,
}

/// Saves (or checks) a hand-made split; 422 with the view and its violations when it
/// breaks a rule, and nothing is saved.
#[utoipa::path(put, path = "/api/v1/orgs/{org_id}/wave-plans/{plan_id}", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("plan_id" = i64, Path)), request_body = SplitBody,
    responses((status = 200, body = WavePlanView), (status = 422, body = WavePlanView, description = "The split breaks a rule")))]
pub async fn update_plan(
    org: Org<Hr>,
    Path((_, id)): Path<(OrgId, WavePlanId)>,
    ApiJson(b): ApiJson<SplitBody>,
) -> Result<Response, AppError> {
    let split: Vec<_> = b.split.iter().map(|e| (e.employee_id, e.wave, e.pinned)).collect();
    if b.check_only {
        let view = org.scope.check_wave_split(id, &split).await?;
        let status = if view.violations.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
        return Ok((status, Json(view)).into_response());
    }
    Ok(match org.scope.save_wave_split(id, &split).await? {
        Ok(view) => (StatusCode::OK, Json(view)).into_response(),
        Err(view) => (StatusCode::UNPROCESSABLE_ENTITY, Json(view)).into_response(),
    })
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BulkBody {
    #[schema(value_type = i64)]
    pub cohort_id: CohortId,
    #[schema(value_type = Vec<i64>)]
    pub employee_ids: Vec<EmployeeId>,
    /// Skip the leaders' approval (HR decided); default: the leaders approve.
    #[serde(default)]
    pub pre_approved: bool,
}

/// Enrols many employees on one cohort in one step; each gets a result of their own.
#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/enrolments/bulk", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = BulkBody,
    responses((status = 200, body = Vec<BulkOutcome>), (status = 404, description = "No such cohort for this municipality"),
        (status = 422, description = "Too many at once")))]
pub async fn bulk_enrol(org: Org<Hr>, ApiJson(b): ApiJson<BulkBody>) -> Result<Json<Vec<BulkOutcome>>, AppError> {
    Ok(Json(org.scope.enrol_many(b.cohort_id, &b.employee_ids, b.pre_approved).await?))
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct ApprovalSettings {
    /// The employee's leader approves, and then HR (false: the leader's approval places it).
    pub two_step: bool,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/approval-settings", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), responses((status = 200, body = ApprovalSettings)))]
pub async fn approval_settings(org: Org<Hr>) -> Result<Json<ApprovalSettings>, AppError> {
    Ok(Json(ApprovalSettings { two_step: org.scope.two_step_approval().await? }))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org_id}/approval-settings", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = ApprovalSettings, responses((status = 200, body = ApprovalSettings)))]
pub async fn set_approval_settings(
    org: Org<Hr>,
    ApiJson(b): ApiJson<ApprovalSettings>,
) -> Result<Json<ApprovalSettings>, AppError> {
    org.scope.set_two_step_approval(b.two_step).await?;
    Ok(Json(ApprovalSettings { two_step: org.scope.two_step_approval().await? }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FundOverview {
    pub applications: Vec<kompetence_core::store::FundApplication>,
    /// Granted and paid shares per department.
    pub totals: Vec<kompetence_core::store::FundTotal>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/fund", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), responses((status = 200, body = FundOverview)))]
pub async fn fund_applications(org: Org<Hr>) -> Result<Json<FundOverview>, AppError> {
    Ok(Json(FundOverview {
        applications: org.scope.fund_applications().await?,
        totals: org.scope.fund_totals().await?,
    }))
}

/// A new application (draft) for one employee or a group; each applicant's share is worked out
/// against their earlier grants (80 %, capped per rolling 12 months).
#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/fund", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = kompetence_core::store::FundInput,
    responses((status = 201, body = kompetence_core::store::FundDetail), (status = 422, description = "A rule of the fund is broken")))]
pub async fn create_fund_application(
    org: Org<Hr>,
    ApiJson(b): ApiJson<kompetence_core::store::FundInput>,
) -> Result<(StatusCode, Json<kompetence_core::store::FundDetail>), AppError> {
    Ok((StatusCode::CREATED, Json(org.scope.create_fund_application(&b).await?)))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/fund/{application_id}", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("application_id" = i64, Path)),
    responses((status = 200, body = kompetence_core::store::FundDetail), (status = 404, description = "No such application here")))]
pub async fn fund_application(
    org: Org<Hr>,
    Path((_, id)): Path<(OrgId, i64)>,
) -> Result<Json<kompetence_core::store::FundDetail>, AppError> {
    Ok(Json(org.scope.fund_application(id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SignatureBody {
    /// employee, leader or union
    pub signer: String,
    /// The applicant, when an employee signs.
    #[schema(value_type = Option<i64>)]
    pub employee_id: Option<EmployeeId>,
    /// YYYY-MM-DD, not in the future, within 40 days of the draft.
    pub signed_on: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/fund/{application_id}/signatures", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("application_id" = i64, Path)), request_body = SignatureBody,
    responses((status = 200, body = kompetence_core::store::FundDetail), (status = 422, description = "Late, in the future, or not a draft")))]
pub async fn sign_fund_application(
    org: Org<Hr>,
    Path((_, id)): Path<(OrgId, i64)>,
    ApiJson(b): ApiJson<SignatureBody>,
) -> Result<Json<kompetence_core::store::FundDetail>, AppError> {
    Ok(Json(org.scope.sign_fund_application(id, &b.signer, b.employee_id, &b.signed_on).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FundMoveBody {
    /// submitted, granted, refused, paid or lapsed
    pub status: String,
    /// Why, for a refusal.
    #[serde(default)]
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/fund/{application_id}/status", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("application_id" = i64, Path)), request_body = FundMoveBody,
    responses((status = 200, body = kompetence_core::store::FundDetail), (status = 422, description = "A move the status does not allow")))]
pub async fn move_fund_application(
    org: Org<Hr>,
    Path((_, id)): Path<(OrgId, i64)>,
    ApiJson(b): ApiJson<FundMoveBody>,
) -> Result<Json<kompetence_core::store::FundDetail>, AppError> {
    Ok(Json(org.scope.move_fund_application(id, &b.status, &b.reason).await?))
}

/// The demand list: per module, who asks to go (a leader: own staff) and the waitlisted seats.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/demand", tag = "planning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), responses((status = 200, body = Vec<kompetence_core::store::ModuleDemand>)))]
pub async fn demand(org: Org<StaffViewer>) -> Result<Json<Vec<kompetence_core::store::ModuleDemand>>, AppError> {
    Ok(Json(org.scope.demand().await?))
}

/// What the caller's municipalities offer them, and whether they have asked to go.
#[utoipa::path(get, path = "/api/v1/me/catalogue", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<kompetence_core::store::OfferedModule>)))]
pub async fn my_catalogue(me: crate::auth::Me) -> Result<Json<Vec<kompetence_core::store::OfferedModule>>, AppError> {
    Ok(Json(me.scope.offered_modules().await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AskBody {
    #[schema(value_type = i64)]
    pub org_id: OrgId,
    #[schema(value_type = i64)]
    pub module_id: kompetence_core::domain::ModuleId,
    #[serde(default)]
    pub note: String,
    /// Take an earlier ask back instead.
    #[serde(default)]
    pub withdraw: bool,
}

/// Asks to go on a module (or takes the ask back); 404 for a module the municipality does not offer.
#[utoipa::path(post, path = "/api/v1/me/interests", tag = "me", security(("bearer" = [])), request_body = AskBody,
    responses((status = 204), (status = 404, description = "Not offered to the caller"), (status = 409, description = "Already asked")))]
pub async fn ask_to_go(me: crate::auth::Me, ApiJson(b): ApiJson<AskBody>) -> Result<StatusCode, AppError> {
    if b.withdraw {
        me.scope.withdraw_ask(b.org_id, b.module_id).await?;
    } else {
        me.scope.ask_to_go(b.org_id, b.module_id, &b.note).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's newest notices (kind and arguments; the pages put them into words).
#[utoipa::path(get, path = "/api/v1/me/notices", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<kompetence_core::store::Notice>)))]
pub async fn my_notices(me: crate::auth::Me) -> Result<Json<Vec<kompetence_core::store::Notice>>, AppError> {
    Ok(Json(me.scope.notices(50).await?))
}
