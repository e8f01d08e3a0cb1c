//! Assignments, hand-ins, feedback and attendance over the API.
use crate::auth::Me;
use crate::input::Path;
use axum::Json;
use axum::http::StatusCode;
use kompetence_core::domain::learning::{ActionInput, AssignmentInput};
use kompetence_core::store::{Action, Assignment, MyAssignment};
use serde::Deserialize;

use super::ApiJson;
use crate::auth::Org;
use crate::auth::roles::ProviderStaff;
use crate::error::AppError;
use kompetence_core::domain::{
    ActionId, AssignmentId, CohortId, DayId, EnrolmentId, GroupId, InstrumentId, OrgId, SubmissionId,
};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SubmissionIn {
    pub text: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FeedbackIn {
    /// approved or not_approved
    pub verdict: String,
    #[serde(default)]
    pub feedback: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Mark {
    pub enrolment_id: EnrolmentId,
    /// present, absent or absent_notice
    pub status: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AttendanceIn {
    pub marks: Vec<Mark>,
}

#[utoipa::path(get, path = "/api/v1/me/assignments", tag = "me", security(("bearer" = [])), responses((status = 200, body = Vec<MyAssignment>)))]
pub async fn mine(me: Me) -> Result<Json<Vec<MyAssignment>>, AppError> {
    Ok(Json(me.scope.assignments().await?))
}

#[utoipa::path(post, path = "/api/v1/me/assignments/{assignment_id}/submission", tag = "me", security(("bearer" = [])),
    params(("assignment_id" = i64, Path)), request_body = SubmissionIn,
    responses((status = 204, description = "Handed in (marked late after the deadline)"), (status = 404, description = "Not your assignment"),
              (status = 422, description = "Empty, closed after the deadline, or already approved")))]
pub async fn submit(
    me: Me,
    Path(id): Path<AssignmentId>,
    ApiJson(b): ApiJson<SubmissionIn>,
) -> Result<StatusCode, AppError> {
    me.scope.submit_assignment(id, &b.text).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/assignments", tag = "learning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("cohort_id" = i64, Path)), request_body = AssignmentInput,
    responses((status = 201, body = Assignment), (status = 404, description = "Not a cohort of yours"), (status = 422, description = "Invalid")))]
pub async fn create_assignment(
    org: Org<ProviderStaff>,
    Path((_, cohort)): Path<(OrgId, CohortId)>,
    ApiJson(b): ApiJson<AssignmentInput>,
) -> Result<(StatusCode, Json<Assignment>), AppError> {
    Ok((StatusCode::CREATED, Json(org.scope.create_assignment(cohort, &b).await?)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/assignments/{assignment_id}/submissions/{submission_id}/feedback", tag = "learning",
    security(("bearer" = [])), params(("org_id" = i64, Path), ("assignment_id" = i64, Path), ("submission_id" = i64, Path)),
    request_body = FeedbackIn, responses((status = 204, description = "Saved"), (status = 404, description = "Not found"), (status = 422, description = "Invalid")))]
pub async fn feedback(
    org: Org<ProviderStaff>,
    Path((_, assignment, submission)): Path<(OrgId, AssignmentId, SubmissionId)>,
    ApiJson(b): ApiJson<FeedbackIn>,
) -> Result<StatusCode, AppError> {
    org.scope.give_feedback(assignment, submission, &b.verdict, &b.feedback).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/days/{day_id}/attendance", tag = "learning",
    security(("bearer" = [])), params(("org_id" = i64, Path), ("cohort_id" = i64, Path), ("day_id" = i64, Path)),
    request_body = AttendanceIn, responses((status = 204, description = "Saved"), (status = 404, description = "Not found"), (status = 422, description = "Invalid")))]
pub async fn record_attendance(
    org: Org<ProviderStaff>,
    Path((_, cohort, day)): Path<(OrgId, CohortId, DayId)>,
    ApiJson(b): ApiJson<AttendanceIn>,
) -> Result<StatusCode, AppError> {
    let marks: Vec<(EnrolmentId, String)> = b.marks.into_iter().map(|m| (m.enrolment_id, m.status)).collect();
    org.scope.record_attendance(cohort, day, &marks).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewActionIn {
    /// The enrolment (cohort) the action belongs to; see `GET /api/v1/me/actions`.
    pub enrolment_id: EnrolmentId,
    #[serde(flatten)]
    pub action: ActionInput,
}

#[utoipa::path(get, path = "/api/v1/me/actions", tag = "me", security(("bearer" = [])), responses((status = 200, body = Vec<Action>)))]
pub async fn my_actions(me: Me) -> Result<Json<Vec<Action>>, AppError> {
    Ok(Json(me.scope.actions().await?))
}

#[utoipa::path(post, path = "/api/v1/me/actions", tag = "me", security(("bearer" = [])), request_body = NewActionIn,
    responses((status = 201, body = Action), (status = 422, description = "No plan (what, why, with whom, when), or not your cohort")))]
pub async fn create_action(me: Me, ApiJson(b): ApiJson<NewActionIn>) -> Result<(StatusCode, Json<Action>), AppError> {
    Ok((StatusCode::CREATED, Json(me.scope.create_action(b.enrolment_id, &b.action).await?)))
}

#[utoipa::path(put, path = "/api/v1/me/actions/{action_id}", tag = "me", security(("bearer" = [])),
    params(("action_id" = i64, Path)), request_body = ActionInput,
    responses((status = 200, body = Action), (status = 404, description = "Not your action"), (status = 422, description = "Invalid")))]
pub async fn update_action(
    me: Me,
    Path(id): Path<ActionId>,
    ApiJson(b): ApiJson<ActionInput>,
) -> Result<Json<Action>, AppError> {
    Ok(Json(me.scope.update_action(id, &b).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct EvaluationIn {
    pub cohort_id: CohortId,
    /// `day:<teaching day id>` or `cohort`
    #[schema(value_type = String)]
    pub scope: kompetence_core::domain::learning::EvaluationScope,
    #[serde(flatten)]
    pub answer: kompetence_core::domain::learning::EvaluationInput,
}

#[utoipa::path(get, path = "/api/v1/me/evaluations", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<kompetence_core::store::PendingEvaluation>)))]
pub async fn my_evaluations(me: Me) -> Result<Json<Vec<kompetence_core::store::PendingEvaluation>>, AppError> {
    Ok(Json(me.scope.pending_evaluations().await?))
}

#[utoipa::path(post, path = "/api/v1/me/evaluations", tag = "me", security(("bearer" = [])), request_body = EvaluationIn,
    responses((status = 204, description = "Answered"), (status = 404, description = "Not your cohort"),
              (status = 409, description = "Already answered"), (status = 422, description = "Out of range, or a day not attended")))]
pub async fn answer_evaluation(me: Me, ApiJson(b): ApiJson<EvaluationIn>) -> Result<StatusCode, AppError> {
    me.scope.submit_evaluation(b.cohort_id, b.scope, &b.answer).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/evaluations", tag = "learning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("cohort_id" = i64, Path)),
    responses((status = 200, body = Vec<kompetence_core::store::EvaluationResult>), (status = 404, description = "Not a cohort of yours")))]
pub async fn evaluation_results(
    org: Org<ProviderStaff>,
    Path((_, cohort)): Path<(OrgId, CohortId)>,
) -> Result<Json<Vec<kompetence_core::store::EvaluationResult>>, AppError> {
    Ok(Json(org.scope.evaluation_results(cohort).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProfileIn {
    /// Item id → answer on the instrument's scale; every item.
    pub answers: std::collections::BTreeMap<String, i64>,
    /// Whether the participant's teachers may see the profile.
    #[serde(default)]
    pub share_with_teacher: bool,
}

#[utoipa::path(get, path = "/api/v1/me/profiles", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<kompetence_core::store::OfferedInstrument>)))]
pub async fn my_profiles(me: Me) -> Result<Json<Vec<kompetence_core::store::OfferedInstrument>>, AppError> {
    Ok(Json(me.scope.offered_instruments().await?))
}

#[utoipa::path(post, path = "/api/v1/me/profiles/{instrument_id}", tag = "me", security(("bearer" = [])),
    params(("instrument_id" = i64, Path)), request_body = ProfileIn,
    responses((status = 200, body = kompetence_core::store::Profile), (status = 404, description = "Not offered to you"),
              (status = 422, description = "An answer missing or outside the scale")))]
pub async fn answer_profile(
    me: Me,
    Path(id): Path<InstrumentId>,
    ApiJson(b): ApiJson<ProfileIn>,
) -> Result<Json<kompetence_core::store::Profile>, AppError> {
    Ok(Json(me.scope.answer_instrument(id, &b.answers, b.share_with_teacher).await?))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/instruments", tag = "learning", security(("bearer" = [])),
    params(("org_id" = i64, Path)), request_body = kompetence_core::domain::profile::Instrument,
    responses((status = 200, body = kompetence_core::store::InstrumentRow), (status = 422, description = "Not a valid instrument")))]
pub async fn load_instrument(
    org: Org<crate::auth::roles::ProviderAdmin>,
    ApiJson(b): ApiJson<serde_json::Value>,
) -> Result<Json<kompetence_core::store::InstrumentRow>, AppError> {
    Ok(Json(org.scope.load_instrument(&b.to_string()).await?))
}

#[utoipa::path(get, path = "/api/v1/me/materials", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<kompetence_core::store::Material>)))]
pub async fn my_materials(me: Me) -> Result<Json<Vec<kompetence_core::store::Material>>, AppError> {
    Ok(Json(me.scope.materials().await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CommentIn {
    pub body: String,
}

#[utoipa::path(post, path = "/api/v1/me/actions/{action_id}/comments", tag = "me", security(("bearer" = [])),
    params(("action_id" = i64, Path)), request_body = CommentIn,
    responses((status = 204, description = "Comment added"), (status = 404, description = "Not an action you may read"),
              (status = 422, description = "Empty")))]
pub async fn comment_action(
    me: Me,
    Path(id): Path<ActionId>,
    ApiJson(b): ApiJson<CommentIn>,
) -> Result<StatusCode, AppError> {
    me.scope.comment_action(id, &b.body).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/actions", tag = "learning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("cohort_id" = i64, Path)),
    responses((status = 200, body = Vec<Action>), (status = 404, description = "Not a cohort of yours")))]
pub async fn cohort_actions(
    org: Org<ProviderStaff>,
    Path((_, cohort)): Path<(OrgId, CohortId)>,
) -> Result<Json<Vec<Action>>, AppError> {
    Ok(Json(org.scope.cohort_actions(cohort).await?.into_iter().map(|a| a.action).collect()))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ActionFeedbackIn {
    pub feedback: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/actions/{action_id}/feedback", tag = "learning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("action_id" = i64, Path)), request_body = ActionFeedbackIn,
    responses((status = 204, description = "Saved"), (status = 404, description = "Not found"), (status = 422, description = "Empty")))]
pub async fn action_feedback(
    org: Org<ProviderStaff>,
    Path((_, id)): Path<(OrgId, ActionId)>,
    ApiJson(b): ApiJson<ActionFeedbackIn>,
) -> Result<StatusCode, AppError> {
    org.scope.action_feedback(id, &b.feedback).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct GroupIn {
    pub name: String,
    /// Enrolment ids of the cohort's participants.
    pub members: Vec<EnrolmentId>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct GroupOut {
    pub id: GroupId,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/cohorts/{cohort_id}/groups", tag = "learning", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("cohort_id" = i64, Path)), request_body = GroupIn,
    responses((status = 201, body = GroupOut), (status = 404, description = "Not found"), (status = 422, description = "Invalid")))]
pub async fn create_group(
    org: Org<ProviderStaff>,
    Path((_, cohort)): Path<(OrgId, CohortId)>,
    ApiJson(b): ApiJson<GroupIn>,
) -> Result<(StatusCode, Json<GroupOut>), AppError> {
    let id = org.scope.create_learning_group(cohort, &b.name, &b.members).await?;
    Ok((StatusCode::CREATED, Json(GroupOut { id })))
}
