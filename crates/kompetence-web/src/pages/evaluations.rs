//! Evaluations: the participant's pending evaluations and answer form; results per day and
//! per cohort for the provider (charts, anonymous comments) and for the municipality.
use crate::auth::Me;
use crate::input::Path;
use axum::response::Response;
use kompetence_core::documents::chart::bar_chart;
use kompetence_core::domain::learning::{
    EVALUATION_MIN_ANSWERS, EVALUATION_QUESTIONS, EvaluationInput, EvaluationScope,
};
use kompetence_core::domain::{CohortId, OrgId};
use kompetence_core::store::{EvaluationResult, PendingEvaluation};
use serde::Deserialize;

use super::{FormErrors, PageCtx, ok, submitted};
use crate::auth::roles::{ProviderStaff, StaffViewer};
use crate::auth::{CsrfForm, Org};
use crate::error::AppError;

#[derive(Deserialize, Default, Clone)]
pub struct AnswerForm {
    #[serde(default)]
    cohort_id: String,
    #[serde(default)]
    scope: String,
    #[serde(flatten)]
    answer: EvaluationInput,
}

#[derive(askama::Template)]
#[template(path = "my_evaluations.html")]
struct MyEvaluations {
    page: PageCtx,
    title: String,
    pending: Vec<PendingEvaluation>,
    questions: [&'static str; 3],
    /// The evaluation whose answer failed, with what was chosen and the errors.
    failed: Option<(AnswerForm, FormErrors)>,
}

impl MyEvaluations {
    fn is_failed(&self, p: &PendingEvaluation) -> bool {
        self.failed
            .as_ref()
            .is_some_and(|(f, _)| f.scope == p.scope.to_string() && f.cohort_id == p.cohort_id.to_string())
    }
    /// The value chosen for a question in the failed form (to keep it ticked).
    fn chosen(&self, p: &PendingEvaluation, q: &str) -> String {
        match &self.failed {
            Some((f, _)) if self.is_failed(p) => match q {
                "benefit" => f.answer.benefit.clone(),
                "relevance" => f.answer.relevance.clone(),
                _ => f.answer.teaching.clone(),
            },
            _ => String::new(),
        }
    }
    fn comment(&self, p: &PendingEvaluation) -> String {
        match &self.failed {
            Some((f, _)) if self.is_failed(p) => f.answer.comment.clone(),
            _ => String::new(),
        }
    }
    fn error(&self, p: &PendingEvaluation, field: &str) -> Option<String> {
        match &self.failed {
            Some((_, e)) if self.is_failed(p) => e.get(field).map(str::to_string),
            _ => None,
        }
    }
}

async fn my_page(me: &Me, page: PageCtx, failed: Option<(AnswerForm, FormErrors)>) -> Result<MyEvaluations, AppError> {
    let pending = me.scope.pending_evaluations().await?;
    Ok(MyEvaluations { title: page.t("my-evaluations-title"), pending, questions: EVALUATION_QUESTIONS, failed, page })
}

pub async fn mine(me: Me, page: PageCtx) -> Result<Response, AppError> {
    ok(&my_page(&me, page, None).await?)
}

pub async fn answer(me: Me, page: PageCtx, CsrfForm(f): CsrfForm<AnswerForm>) -> Result<Response, AppError> {
    let cohort = f.cohort_id.parse::<CohortId>().map_err(|_| AppError::NotFound)?;
    // The scope comes from a hidden field: one that does not parse names no evaluation.
    let scope = f.scope.parse::<EvaluationScope>().map_err(|_| AppError::NotFound)?;
    let result = me.scope.submit_evaluation(cohort, scope, &f.answer).await;
    submitted(
        page,
        result,
        |_| ("/me/evaluations?thanks=1").to_string(),
        |page, errors| my_page(&me, page, Some((f, errors))),
    )
    .await
}

/// One result ready for the page: label, averages as text, a chart per question.
pub struct ShownResult {
    pub label: String,
    pub r: EvaluationResult,
    pub averages: Vec<(String, String)>,
    pub charts: Vec<String>,
}

fn shown(page: &PageCtx, prefix: &str, results: Vec<EvaluationResult>) -> Vec<ShownResult> {
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let label = match (&r.day_date, &r.day_title) {
                (Some(d), Some(t)) => format!("{d} – {t}"),
                (Some(d), None) => d.clone(),
                _ => page.t("eval-whole-cohort"),
            };
            let mut averages = vec![];
            let mut charts = vec![];
            if r.shown {
                for (q, name) in EVALUATION_QUESTIONS.iter().enumerate() {
                    let question = page.t(&format!("eval-q-{name}"));
                    let avg = r.averages_tenths[q];
                    let avg_text = format!("{},{}", avg / 10, avg % 10);
                    averages.push((question.clone(), avg_text.clone()));
                    let bars: Vec<(String, u32)> =
                        (1..=5).map(|v| (v.to_string(), r.distribution[q][v as usize - 1])).collect();
                    let description = format!("{}: {}", page.t("eval-average"), avg_text)
                        + "; "
                        + &bars.iter().map(|(v, n)| format!("{v}: {n}")).collect::<Vec<_>>().join(", ");
                    charts.push(bar_chart(
                        &format!("{prefix}-{i}-{q}"),
                        &format!("{question} – {label}"),
                        &description,
                        &bars,
                    ));
                }
            }
            ShownResult { label, r, averages, charts }
        })
        .collect()
}

#[derive(askama::Template)]
#[template(path = "evaluation_results.html")]
struct ResultsPage {
    page: PageCtx,
    title: String,
    back: Option<String>,
    groups: Vec<(String, Vec<ShownResult>)>,
    min_answers: usize,
}

pub async fn cohort(
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
) -> Result<Response, AppError> {
    let c = org.scope.cohort(id).await?;
    let results = org.scope.evaluation_results(id).await?;
    let shown = shown(&page, "ev", results);
    ok(&ResultsPage {
        title: format!("{} – {}", page.t("evaluations-title"), c.name),
        back: Some(format!("/o/{}/cohorts/{id}", org.id())),
        groups: vec![(String::new(), shown)],
        min_answers: EVALUATION_MIN_ANSWERS,
        page,
    })
}

pub async fn municipal(org: Org<StaffViewer>, page: PageCtx) -> Result<Response, AppError> {
    let cohorts = org.scope.municipal_evaluations().await?;
    let groups = cohorts
        .into_iter()
        .map(|c| {
            (format!("{} ({})", c.cohort_name, c.provider_name), shown(&page, &format!("c{}", c.cohort_id), c.results))
        })
        .collect();
    ok(&ResultsPage {
        title: page.t("evaluations-title"),
        back: Some(format!("/o/{}", org.id())),
        groups,
        min_answers: EVALUATION_MIN_ANSWERS,
        page,
    })
}
