//! Action learning pages: the participant's actions (plan → act → observe → reflect), the
//! learning group's shared actions and comments, the teacher's overview with feedback and
//! learning groups, and the leader's view of their staff's actions.
use crate::auth::Me;
use crate::input::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kompetence_core::domain::learning::ActionInput;
use kompetence_core::domain::{ActionId, CohortId, EnrolmentId, OrgId};
use kompetence_core::store::{
    Action, ActionCohort, ActionComment, ActionView, Cohort, CohortAction, Enrolment, LeaderAction, LearningGroup,
};
use serde::Deserialize;

use super::{FormErrors, PageCtx, ok, render, submitted};
use crate::auth::roles::{Leaders, ProviderStaff};
use crate::auth::{CsrfForm, Org};
use crate::error::AppError;

#[derive(Deserialize, Default)]
pub struct NewActionForm {
    #[serde(default)]
    enrolment_id: String,
    #[serde(flatten)]
    action: ActionInput,
}

#[derive(askama::Template)]
#[template(path = "my_actions.html")]
struct MyActions {
    page: PageCtx,
    title: String,
    actions: Vec<Action>,
    cohorts: Vec<ActionCohort>,
    form: ActionInput,
    enrolment_id: String,
    errors: FormErrors,
    me: String,
}

async fn my_actions_page(
    me: &Me,
    page: PageCtx,
    form: NewActionForm,
    errors: FormErrors,
) -> Result<MyActions, AppError> {
    let actions = me.scope.actions().await?;
    let cohorts = me.scope.action_cohorts().await?;
    Ok(MyActions {
        title: page.t("my-actions-title"),
        actions,
        cohorts,
        form: form.action,
        enrolment_id: form.enrolment_id,
        errors,
        me: me.caller.user.name.clone(),
        page,
    })
}

pub async fn mine(me: Me, page: PageCtx) -> Result<Response, AppError> {
    ok(&my_actions_page(&me, page, NewActionForm::default(), FormErrors::default()).await?)
}

pub async fn create(me: Me, page: PageCtx, CsrfForm(f): CsrfForm<NewActionForm>) -> Result<Response, AppError> {
    let enrolment = f.enrolment_id.trim().parse::<EnrolmentId>().unwrap_or(EnrolmentId(0));
    let result = me.scope.create_action(enrolment, &f.action).await;
    submitted(page, result, |a| format!("/me/actions/{}", a.id), |page, errors| my_actions_page(&me, page, f, errors))
        .await
}

#[derive(askama::Template)]
#[template(path = "action.html")]
struct ActionPage {
    page: PageCtx,
    title: String,
    action: Action,
    comments: Vec<ActionComment>,
    owner: bool,
    form: ActionInput,
    errors: FormErrors,
    comment: String,
    comment_error: Option<String>,
}

fn input_of(a: &Action) -> ActionInput {
    ActionInput {
        title: a.title.clone(),
        what: a.what.clone(),
        why: a.why.clone(),
        with_whom: a.with_whom.clone(),
        planned_for: a.planned_for.clone(),
        observations: a.observations.clone(),
        reflection: a.reflection.clone(),
        shared_with_group: a.shared_with_group.then(|| "1".into()),
        shared_with_leader: a.shared_with_leader.then(|| "1".into()),
    }
}

async fn action_page(
    me: &Me,
    page: PageCtx,
    id: ActionId,
    form: Option<(ActionInput, FormErrors)>,
    comment: Option<(String, String)>,
) -> Result<ActionPage, AppError> {
    let ActionView { action, comments, owned: owner } = me.scope.action(id).await?;
    let (form, errors) = form.unwrap_or_else(|| (input_of(&action), FormErrors::default()));
    let (comment, comment_error) = match comment {
        Some((text, err)) => (text, Some(err)),
        None => (String::new(), None),
    };
    Ok(ActionPage { title: action.title.clone(), action, comments, owner, form, errors, comment, comment_error, page })
}

pub async fn show(me: Me, page: PageCtx, Path(id): Path<ActionId>) -> Result<Response, AppError> {
    ok(&action_page(&me, page, id, None, None).await?)
}

pub async fn update(
    me: Me,
    page: PageCtx,
    Path(id): Path<ActionId>,
    CsrfForm(f): CsrfForm<ActionInput>,
) -> Result<Response, AppError> {
    let result = me.scope.update_action(id, &f).await;
    submitted(
        page,
        result,
        |_| format!("/me/actions/{id}"),
        |page, errors| async move {
            // What was written (a reflection, say) is shown again, not lost.
            action_page(&me, page, id, Some((f, errors)), None).await
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
}

pub async fn comment(
    me: Me,
    page: PageCtx,
    Path(id): Path<ActionId>,
    CsrfForm(f): CsrfForm<CommentForm>,
) -> Result<Response, AppError> {
    match me.scope.comment_action(id, &f.body).await {
        Ok(()) => Ok(Redirect::to(&format!("/me/actions/{id}#comments")).into_response()),
        Err(kompetence_core::Error::Validation(v)) => {
            let msg = v.first().map(|e| page.t(e.key)).unwrap_or_default();
            render(StatusCode::UNPROCESSABLE_ENTITY, &action_page(&me, page, id, None, Some((f.body, msg))).await?)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(askama::Template)]
#[template(path = "cohort_actions.html")]
struct CohortActions {
    page: PageCtx,
    title: String,
    org_id: OrgId,
    cohort: Cohort,
    actions: Vec<CohortAction>,
    groups: Vec<LearningGroup>,
    participants: Vec<Enrolment>,
    group_name: String,
    group_errors: FormErrors,
}

async fn cohort_actions_page(
    org: &Org<ProviderStaff>,
    page: PageCtx,
    id: CohortId,
    group_name: String,
    group_errors: FormErrors,
) -> Result<CohortActions, AppError> {
    let cohort = org.scope.cohort(id).await?;
    let actions = org.scope.cohort_actions(id).await?;
    let groups = org.scope.learning_groups(id).await?;
    let participants = org.scope.cohort_enrolments(id).await?.into_iter().filter(|e| e.state.holds_seat()).collect();
    Ok(CohortActions {
        title: format!("{} – {}", page.t("actions-title"), cohort.name),
        org_id: org.id(),
        cohort,
        actions,
        groups,
        participants,
        group_name,
        group_errors,
        page,
    })
}

pub async fn cohort(
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
) -> Result<Response, AppError> {
    ok(&cohort_actions_page(&org, page, id, String::new(), FormErrors::default()).await?)
}

#[derive(Deserialize)]
pub struct FeedbackForm {
    #[serde(default)]
    feedback: String,
    #[serde(default)]
    back: String,
    /// The cohort page to show again when the feedback is empty.
    #[serde(default)]
    cohort_id: String,
}

pub async fn feedback(
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, ActionId)>,
    CsrfForm(f): CsrfForm<FeedbackForm>,
) -> Result<Response, AppError> {
    let result = org.scope.action_feedback(id, &f.feedback).await;
    submitted(
        page,
        result,
        |()| super::safe_next(&f.back).to_string(),
        |page, errors| async {
            let cohort = f.cohort_id.parse::<CohortId>().map_err(|_| AppError::NotFound)?;
            let mut p = cohort_actions_page(&org, page, cohort, String::new(), FormErrors::default()).await?;
            p.group_errors = errors;
            Ok(p)
        },
    )
    .await
}

/// Form: `name`, and `member` once per ticked participant (enrolment id).
pub async fn create_group(
    org: Org<ProviderStaff>,
    page: PageCtx,
    Path((_, id)): Path<(OrgId, CohortId)>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let name = fields.iter().find(|(k, _)| k == "name").map(|(_, v)| v.as_str()).unwrap_or("");
    let members: Vec<EnrolmentId> =
        fields.iter().filter(|(k, _)| k == "member").filter_map(|(_, v)| v.parse().ok()).collect();
    let result = org.scope.create_learning_group(id, name, &members).await;
    submitted(
        page,
        result,
        |_| format!("/o/{}/cohorts/{id}/actions#groups", org.id()),
        |page, errors| cohort_actions_page(&org, page, id, name.to_string(), errors),
    )
    .await
}

#[derive(askama::Template)]
#[template(path = "staff_actions.html")]
struct StaffActions {
    page: PageCtx,
    title: String,
    actions: Vec<LeaderAction>,
}

pub async fn staff(org: Org<Leaders>, page: PageCtx) -> Result<Response, AppError> {
    let actions = org.scope.staff_actions().await?;
    ok(&StaffActions { title: page.t("staff-actions-title"), actions, page })
}
