//! Evaluations: participants answer after each teaching day they attended and at the end of
//! the cohort; teachers, the provider and the municipalities whose people attended see
//! aggregates only, and only once at least five have answered.
use std::collections::HashMap;

use serde::Serialize;
use sqlx::FromRow;

use super::{HOLDS_SEAT, Store, bind_ids, in_list, now};
use super::{MunicipalityScope, ProviderScope};
use crate::domain::learning::{EVALUATION_MIN_ANSWERS, EvaluationInput, EvaluationScope, Presence};
use crate::domain::{CohortId, DayId, EnrolmentId, UserId, ValidationError};
use crate::{Error, Result};

/// An evaluation the participant has not answered yet.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct PendingEvaluation {
    pub cohort_id: CohortId,
    pub cohort_name: String,
    /// `day:<teaching day id>` or `cohort`
    #[schema(value_type = String)]
    pub scope: EvaluationScope,
    /// The day's date for a day evaluation.
    pub day_date: Option<String>,
    pub day_title: Option<String>,
}

/// The aggregate of one evaluation (a day, or the whole cohort).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EvaluationResult {
    /// `day:<teaching day id>` or `cohort`
    #[schema(value_type = String)]
    pub scope: EvaluationScope,
    pub day_date: Option<String>,
    pub day_title: Option<String>,
    pub answers: usize,
    /// False below the anonymity threshold: then nothing else is filled in.
    pub shown: bool,
    /// Per question (benefit, relevance, teaching): the average in tenths, e.g. 42 for 4,2.
    pub averages_tenths: Vec<i64>,
    /// Per question: how many answered 1, 2, 3, 4, 5.
    pub distribution: Vec<[u32; 5]>,
    pub comments: Vec<String>,
}

/// A cohort a municipality's people attended, with its results.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CohortEvaluations {
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub provider_name: String,
    pub results: Vec<EvaluationResult>,
}

#[derive(FromRow)]
struct AttendedCohort {
    id: CohortId,
    name: String,
    provider_name: String,
}

#[derive(FromRow)]
struct DayRow {
    id: DayId,
    cohort_id: CohortId,
    day_date: String,
    title: Option<String>,
}

#[derive(FromRow)]
struct AnswerRow {
    cohort_id: CohortId,
    scope: EvaluationScope,
    benefit: i64,
    relevance: i64,
    teaching: i64,
    comment: String,
}

impl Store {
    /// Evaluations waiting for the user: each past teaching day they attended, and the cohort.
    pub(crate) async fn my_pending_evaluations(&self, user: UserId) -> Result<Vec<PendingEvaluation>> {
        let today = crate::domain::exam::local_now();
        let today = today.split(' ').next().unwrap_or_default().to_string();
        Ok(sqlx::query_as(
            &format!("SELECT c.id AS cohort_id, c.name AS cohort_name, 'day:' || CAST(d.id AS TEXT) AS scope,
                    d.day_date, d.title AS day_title
             FROM attendance at JOIN teaching_days d ON d.id = at.teaching_day_id JOIN enrolments e ON e.id = at.enrolment_id
             JOIN employees emp ON emp.id = e.employee_id JOIN cohorts c ON c.id = e.cohort_id
             WHERE emp.user_id = $1 AND at.status = 'present' AND d.day_date <= $2
               AND NOT EXISTS (SELECT 1 FROM evaluations v WHERE v.cohort_id = c.id AND v.enrolment_id = e.id
                               AND v.scope = 'day:' || CAST(d.id AS TEXT))
             UNION ALL
             SELECT c.id, c.name, 'cohort', NULL, NULL
             FROM enrolments e JOIN employees emp ON emp.id = e.employee_id JOIN cohorts c ON c.id = e.cohort_id
             WHERE emp.user_id = $1 AND e.state IN {HOLDS_SEAT} AND c.starts_on <= $2
               AND NOT EXISTS (SELECT 1 FROM evaluations v WHERE v.cohort_id = c.id AND v.enrolment_id = e.id AND v.scope = 'cohort')
             ORDER BY 2, 4"),
        )
        .bind(user.0)
        .bind(today)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Answers an evaluation; a day only when the user attended it; once per evaluation.
    pub(crate) async fn submit_evaluation(
        &self,
        user: UserId,
        cohort: CohortId,
        scope: EvaluationScope,
        input: &EvaluationInput,
    ) -> Result<()> {
        let enrolment: Option<EnrolmentId> = sqlx::query_scalar(&format!(
            "SELECT e.id FROM enrolments e JOIN employees emp ON emp.id = e.employee_id
             WHERE e.cohort_id = $1 AND emp.user_id = $2 AND e.state IN {HOLDS_SEAT}"
        ))
        .bind(cohort)
        .bind(user.0)
        .fetch_optional(&self.pool)
        .await?;
        let Some(enrolment) = enrolment else { return Err(Error::NotFound) };
        if let EvaluationScope::Day(day) = scope {
            let present: Option<Presence> = sqlx::query_scalar(
                "SELECT at.status FROM attendance at JOIN teaching_days d ON d.id = at.teaching_day_id
                 WHERE at.teaching_day_id = $1 AND at.enrolment_id = $2 AND d.cohort_id = $3",
            )
            .bind(day)
            .bind(enrolment)
            .bind(cohort)
            .fetch_optional(&self.pool)
            .await?;
            if present != Some(Presence::Present) {
                return Err(ValidationError::new("scope", "err-eval-not-attended").into());
            }
        }
        let (scores, comment) = input.validate()?;
        let done: Option<i64> =
            sqlx::query_scalar("SELECT id FROM evaluations WHERE cohort_id = $1 AND scope = $2 AND enrolment_id = $3")
                .bind(cohort)
                .bind(scope)
                .bind(enrolment)
                .fetch_optional(&self.pool)
                .await?;
        if done.is_some() {
            return Err(Error::Conflict { field: "scope", key: "err-eval-done" });
        }
        self.insert_evaluation(cohort, scope, enrolment, scores, &comment).await
    }

    async fn insert_evaluation(
        &self,
        cohort: CohortId,
        scope: EvaluationScope,
        enrolment: EnrolmentId,
        s: [i64; 3],
        comment: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO evaluations (cohort_id, scope, enrolment_id, benefit, relevance, teaching, comment, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(cohort)
        .bind(scope)
        .bind(enrolment)
        .bind(s[0])
        .bind(s[1])
        .bind(s[2])
        .bind(comment)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Aggregates per evaluation of a cohort, in order: the days by date, then the cohort.
    async fn cohort_results(&self, cohort: CohortId) -> Result<Vec<EvaluationResult>> {
        Ok(self.cohorts_results(&[cohort]).await?.remove(&cohort).unwrap_or_default())
    }

    /// The results of several cohorts in two queries (answers, days), not two per cohort.
    async fn cohorts_results(&self, cohorts: &[CohortId]) -> Result<HashMap<CohortId, Vec<EvaluationResult>>> {
        if cohorts.is_empty() {
            return Ok(HashMap::new());
        }
        let ids = || cohorts.iter().map(|c| c.0);
        let (sql, binds) = in_list(
            "SELECT cohort_id, scope, benefit, relevance, teaching, comment FROM evaluations WHERE cohort_id IN",
            ids(),
            "ORDER BY id",
        );
        let rows: Vec<AnswerRow> = bind_ids(sqlx::query_as(&sql), &binds).fetch_all(&self.pool).await?;
        let (sql, binds) = in_list(
            "SELECT id, cohort_id, day_date, title FROM teaching_days WHERE cohort_id IN",
            ids(),
            "ORDER BY day_date, id",
        );
        let days: Vec<DayRow> = bind_ids(sqlx::query_as(&sql), &binds).fetch_all(&self.pool).await?;
        let mut out = HashMap::new();
        for &cohort in cohorts {
            let mut scopes: Vec<(EvaluationScope, Option<String>, Option<String>)> = days
                .iter()
                .filter(|d| d.cohort_id == cohort)
                .map(|d| (EvaluationScope::Day(d.id), Some(d.day_date.clone()), d.title.clone()))
                .collect();
            scopes.push((EvaluationScope::Cohort, None, None));
            let results = scopes
                .into_iter()
                .filter_map(|(scope, day_date, day_title)| {
                    let answers: Vec<&AnswerRow> =
                        rows.iter().filter(|r| r.cohort_id == cohort && r.scope == scope).collect();
                    if answers.is_empty() {
                        return None;
                    }
                    Some(aggregate(scope, day_date, day_title, &answers))
                })
                .collect();
            out.insert(cohort, results);
        }
        Ok(out)
    }
}

fn aggregate(
    scope: EvaluationScope,
    day_date: Option<String>,
    day_title: Option<String>,
    answers: &[&AnswerRow],
) -> EvaluationResult {
    let n = answers.len();
    if n < EVALUATION_MIN_ANSWERS {
        return EvaluationResult {
            scope,
            day_date,
            day_title,
            answers: n,
            shown: false,
            averages_tenths: vec![],
            distribution: vec![],
            comments: vec![],
        };
    }
    let pick = |r: &AnswerRow, q: usize| [r.benefit, r.relevance, r.teaching][q];
    let mut averages_tenths = vec![];
    let mut distribution = vec![];
    for q in 0..3 {
        let sum: i64 = answers.iter().map(|r| pick(r, q)).sum();
        // Rounded half up to one decimal.
        averages_tenths.push((sum * 20 + n as i64) / (2 * n as i64));
        let mut d = [0u32; 5];
        for r in answers {
            d[(pick(r, q) - 1).clamp(0, 4) as usize] += 1;
        }
        distribution.push(d);
    }
    // Comments carry no names and are shuffled out of answer order by sorting.
    let mut comments: Vec<String> =
        answers.iter().filter(|r| !r.comment.is_empty()).map(|r| r.comment.clone()).collect();
    comments.sort();
    EvaluationResult { scope, day_date, day_title, answers: n, shown: true, averages_tenths, distribution, comments }
}

impl ProviderScope {
    /// A provider's (a teacher's own) cohort's evaluation results.
    pub async fn evaluation_results(&self, cohort: CohortId) -> Result<Vec<EvaluationResult>> {
        self.check_cohort(cohort).await?;
        self.store.cohort_results(cohort).await
    }

    /// Demo data only: an answer for an enrolment (participants answer through the store's
    /// user-bound [`Store::submit_evaluation`]).
    pub async fn demo_evaluation(
        &self,
        cohort: CohortId,
        scope: EvaluationScope,
        enrolment: EnrolmentId,
        s: [i64; 3],
        comment: &str,
    ) -> Result<()> {
        self.check_cohort(cohort).await?;
        self.store.insert_evaluation(cohort, scope, enrolment, s, comment).await
    }
}

impl MunicipalityScope {
    /// For a municipality: the results of every cohort its people attended.
    pub async fn municipal_evaluations(&self) -> Result<Vec<CohortEvaluations>> {
        let cohorts: Vec<AttendedCohort> = sqlx::query_as(&format!(
            "SELECT DISTINCT c.id, c.name, o.name AS provider_name FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
             JOIN organizations o ON o.id = c.provider_id
             WHERE e.municipality_id = $1 AND e.state IN {HOLDS_SEAT}
               AND EXISTS (SELECT 1 FROM evaluations v WHERE v.cohort_id = c.id)
             ORDER BY c.id DESC LIMIT 100"
        ))
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?;
        let ids: Vec<CohortId> = cohorts.iter().map(|c| c.id).collect();
        let mut results = self.store.cohorts_results(&ids).await?;
        Ok(cohorts
            .into_iter()
            .map(|c| CohortEvaluations {
                cohort_id: c.id,
                cohort_name: c.name,
                provider_name: c.provider_name,
                results: results.remove(&c.id).unwrap_or_default(),
            })
            .collect())
    }
}
