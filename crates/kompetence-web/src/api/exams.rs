//! Exams over the API: grading, and a participant's own exams and transcript.
use crate::auth::Me;
use crate::input::Path;
use axum::Json;
use kompetence_core::domain::{AttemptId, ExamId, OrgId, Rounding};
use kompetence_core::store::{MyExam, Progress, Transcript};
use serde::{Deserialize, Serialize};

use super::ApiJson;
use crate::auth::Org;
use crate::auth::roles::Graders;
use crate::error::AppError;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct GradeIn {
    /// whole, project or oral
    pub part: String,
    /// On the 7-point scale: 12, 10, 7, 4, 02, 00 or -3
    pub grade: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GradeOut {
    /// The final grade once every required grade is in; null until then.
    pub final_grade: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/exams/{exam_id}/attempts/{attempt_id}/grades", tag = "exams", security(("bearer" = [])),
    params(("org_id" = i64, Path), ("exam_id" = i64, Path), ("attempt_id" = i64, Path)), request_body = GradeIn,
    responses((status = 200, body = GradeOut), (status = 404, description = "Not an exam you grade"),
              (status = 422, description = "Grade not on the scale, before the deadline, graded twice")))]
pub async fn grade(
    org: Org<Graders>,
    Path((_, exam, attempt)): Path<(OrgId, ExamId, AttemptId)>,
    ApiJson(b): ApiJson<GradeIn>,
) -> Result<Json<GradeOut>, AppError> {
    let g = org.scope.grade(exam, attempt, &b.part, &b.grade).await?;
    Ok(Json(GradeOut { final_grade: g.map(|g| g.code().to_string()) }))
}

#[utoipa::path(get, path = "/api/v1/me/exams", tag = "me", security(("bearer" = [])), responses((status = 200, body = Vec<MyExam>)))]
pub async fn my_exams(me: Me) -> Result<Json<Vec<MyExam>>, AppError> {
    Ok(Json(me.scope.exams().await?))
}

#[utoipa::path(get, path = "/api/v1/me/transcript", tag = "me", security(("bearer" = [])), responses((status = 200, body = Transcript)))]
pub async fn transcript(me: Me) -> Result<Json<Transcript>, AppError> {
    Ok(Json(me.scope.transcript(Rounding::default()).await?))
}

#[utoipa::path(get, path = "/api/v1/me/progress", tag = "me", security(("bearer" = [])), responses((status = 200, body = Vec<Progress>)))]
pub async fn my_progress(me: Me) -> Result<Json<Vec<Progress>>, AppError> {
    Ok(Json(me.scope.progress().await?))
}
