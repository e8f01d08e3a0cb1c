//! Action learning: a participant's actions in their own workplace (plan → act → observe →
//! reflect), shared with their learning group if they choose, commented on by the group,
//! given feedback by the teacher; the leader sees only that an action exists and its title,
//! unless the participant shares more.
use serde::Serialize;
use sqlx::FromRow;

use super::codec::Flag;
use super::write::Values;
use super::{HOLDS_SEAT, Store, now};
use super::{MunicipalityScope, ProviderScope};
use crate::domain::learning::{ActionInput, ValidAction};
use crate::domain::{ActionId, CohortId, CommentId, EnrolmentId, GroupId, ShortText, UserId, ValidationError};
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Action {
    pub id: ActionId,
    pub enrolment_id: EnrolmentId,
    pub owner_name: String,
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub title: String,
    pub what: String,
    pub why: String,
    pub with_whom: String,
    pub planned_for: String,
    pub observations: String,
    pub reflection: String,
    /// The learning group may read and comment.
    #[sqlx(try_from = "Flag")]
    pub shared_with_group: bool,
    /// The leader sees the whole action, not only its title.
    #[sqlx(try_from = "Flag")]
    pub shared_with_leader: bool,
    pub teacher_feedback: Option<String>,
    pub updated_at: i64,
}

const ACTION_SELECT: &str =
    "SELECT a.id, a.enrolment_id, emp.name AS owner_name, c.id AS cohort_id, c.name AS cohort_name,
    a.title, a.what, a.why, a.with_whom, a.planned_for, a.observations, a.reflection, a.shared_with_group,
    a.shared_with_leader, a.teacher_feedback, a.updated_at
    FROM actions a JOIN enrolments e ON e.id = a.enrolment_id JOIN employees emp ON emp.id = e.employee_id
    JOIN cohorts c ON c.id = e.cohort_id";

/// Actions the user may read: their own, and those their learning group shares. Written as
/// one `IN` over the user's own and their group mates' enrolments (both found through
/// indexes) rather than an `OR` across the join, which made the planner scan every action.
const VISIBLE_TO_USER: &str = "a.enrolment_id IN (
      SELECT e0.id FROM enrolments e0 JOIN employees emp0 ON emp0.id = e0.employee_id WHERE emp0.user_id = $1
      UNION
      SELECT m2.enrolment_id FROM learning_group_members m2 WHERE m2.group_id IN (
        SELECT m1.group_id FROM learning_group_members m1 JOIN enrolments e1 ON e1.id = m1.enrolment_id
        JOIN employees emp1 ON emp1.id = e1.employee_id WHERE emp1.user_id = $1))
    AND (emp.user_id = $1 OR a.shared_with_group = 1)";

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct ActionComment {
    pub id: CommentId,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
}

/// A cohort the user can plan actions in.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct ActionCohort {
    pub enrolment_id: EnrolmentId,
    pub cohort_name: String,
    pub module_title_da: String,
    pub module_title_en: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LearningGroup {
    pub id: GroupId,
    pub name: String,
    pub members: Vec<String>,
}

/// What a leader sees of an employee's action.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct LeaderAction {
    pub employee_name: String,
    pub cohort_name: String,
    pub title: String,
    pub planned_for: String,
    /// Present only when the participant shared the action with their leader.
    pub what: Option<String>,
    pub observations: Option<String>,
    pub reflection: Option<String>,
}

/// The columns an action form writes (one list for insert and update), stamped `updated_at`.
fn action_values(v: &ValidAction, at: i64) -> Values<'_> {
    Values::new()
        .set("title", v.title.as_str())
        .set("what", v.what.as_str())
        .set("why", v.why.as_str())
        .set("with_whom", v.with_whom.as_str())
        .set("planned_for", v.planned_for.as_str())
        .set("observations", v.observations.as_str())
        .set("reflection", v.reflection.as_str())
        .set("shared_with_group", i64::from(v.shared_with_group))
        .set("shared_with_leader", i64::from(v.shared_with_leader))
        .set("updated_at", at)
}

/// An action in a cohort's list, with its comments (for the teacher).
#[derive(Debug, Clone)]
pub struct CohortAction {
    pub action: Action,
    pub comments: Vec<ActionComment>,
}

/// An action as a reader sees it: with its comments, and whether the reader owns it (or
/// reads it as a member of its learning group).
#[derive(Debug, Clone)]
pub struct ActionView {
    pub action: Action,
    pub comments: Vec<ActionComment>,
    pub owned: bool,
}

impl Store {
    /// The user's own actions and those shared with them by their learning group.
    pub(crate) async fn my_actions(&self, user: UserId) -> Result<Vec<Action>> {
        Ok(sqlx::query_as(&format!(
            "{ACTION_SELECT} WHERE {VISIBLE_TO_USER} ORDER BY CASE WHEN emp.user_id = $1 THEN 0 ELSE 1 END, a.planned_for DESC, a.id DESC"
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The cohorts the user is on (enrolled or completed), to plan an action in.
    pub(crate) async fn action_cohorts(&self, user: UserId) -> Result<Vec<ActionCohort>> {
        Ok(sqlx::query_as(&format!(
            "SELECT e.id AS enrolment_id, c.name AS cohort_name, m.title_da AS module_title_da, m.title_en AS module_title_en
             FROM enrolments e JOIN employees emp ON emp.id = e.employee_id JOIN cohorts c ON c.id = e.cohort_id
             JOIN modules m ON m.id = c.module_id
             WHERE emp.user_id = $1 AND e.state IN {HOLDS_SEAT} ORDER BY c.starts_on DESC, e.id",
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?)
    }

    pub(crate) async fn create_action(
        &self,
        user: UserId,
        enrolment: EnrolmentId,
        input: &ActionInput,
    ) -> Result<Action> {
        let cohorts = self.action_cohorts(user).await?;
        if !cohorts.iter().any(|c| c.enrolment_id == enrolment) {
            return Err(ValidationError::new("enrolment_id", "err-action-cohort").into());
        }
        let v = input.validate()?;
        let at = now();
        let (sql, args) = action_values(&v, at)
            .set("enrolment_id", enrolment.0)
            .set("created_at", at)
            .insert("actions", "RETURNING id");
        let id: ActionId = sqlx::query_scalar_with(&sql, args).fetch_one(&self.pool).await?;
        Ok(self.action_for(user, id).await?.action)
    }

    /// An action the user may read, its comments, and whether the user owns it.
    pub(crate) async fn action_for(&self, user: UserId, id: ActionId) -> Result<ActionView> {
        let action: Action = sqlx::query_as(&format!("{ACTION_SELECT} WHERE a.id = $2 AND {VISIBLE_TO_USER}"))
            .bind(user.0)
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        let owner: Option<UserId> = sqlx::query_scalar(
            "SELECT emp.user_id FROM enrolments e JOIN employees emp ON emp.id = e.employee_id WHERE e.id = $1",
        )
        .bind(action.enrolment_id)
        .fetch_one(&self.pool)
        .await?;
        let comments = self.action_comments(id).await?;
        Ok(ActionView { action, comments, owned: owner == Some(user) })
    }

    async fn action_comments(&self, id: ActionId) -> Result<Vec<ActionComment>> {
        Ok(sqlx::query_as(
            "SELECT k.id, u.name AS author_name, k.body, k.created_at FROM action_comments k
             JOIN users u ON u.id = k.author_user_id WHERE k.action_id = $1 ORDER BY k.created_at, k.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The owner carries out the action: observations, reflection, sharing (and may refine the plan).
    pub(crate) async fn update_action(&self, user: UserId, id: ActionId, input: &ActionInput) -> Result<Action> {
        if !self.action_for(user, id).await?.owned {
            return Err(Error::NotFound);
        }
        let v = input.validate()?;
        let (sql, args) = action_values(&v, now()).update("actions", &[("id", id.0)]);
        sqlx::query_with(&sql, args).execute(&self.pool).await?;
        Ok(self.action_for(user, id).await?.action)
    }

    /// A comment by the owner or a member of the group the action is shared with.
    pub(crate) async fn comment_action(&self, user: UserId, id: ActionId, body: &str) -> Result<()> {
        self.action_for(user, id).await?;
        if body.trim().is_empty() {
            return Err(ValidationError::new("body", "err-comment-empty").into());
        }
        if body.chars().count() > 5_000 {
            return Err(ValidationError::new("body", "err-too-long").into());
        }
        sqlx::query(
            "INSERT INTO action_comments (action_id, author_user_id, body, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(user.0)
        .bind(body.trim())
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

impl ProviderScope {
    /// Every action in one of this provider's cohorts (a teacher: their own cohorts), with comments.
    pub async fn cohort_actions(&self, cohort: CohortId) -> Result<Vec<CohortAction>> {
        self.check_cohort(cohort).await?;
        let actions: Vec<Action> =
            sqlx::query_as(&format!("{ACTION_SELECT} WHERE c.id = $1 ORDER BY emp.name, a.planned_for, a.id"))
                .bind(cohort.0)
                .fetch_all(&self.store.pool)
                .await?;
        // All the cohort's comments in one query, not one query per action.
        let rows: Vec<(ActionId, CommentId, String, String, i64)> = sqlx::query_as(
            "SELECT k.action_id, k.id, u.name, k.body, k.created_at FROM action_comments k
             JOIN users u ON u.id = k.author_user_id JOIN actions a ON a.id = k.action_id
             JOIN enrolments e ON e.id = a.enrolment_id WHERE e.cohort_id = $1 ORDER BY k.created_at, k.id",
        )
        .bind(cohort.0)
        .fetch_all(&self.store.pool)
        .await?;
        Ok(actions
            .into_iter()
            .map(|a| {
                let comments = rows
                    .iter()
                    .filter(|r| r.0 == a.id)
                    .map(|(_, id, author_name, body, created_at)| ActionComment {
                        id: *id,
                        author_name: author_name.clone(),
                        body: body.clone(),
                        created_at: *created_at,
                    })
                    .collect();
                CohortAction { action: a, comments }
            })
            .collect())
    }

    /// The teacher's feedback on an action in one of their cohorts.
    pub async fn action_feedback(&self, id: ActionId, feedback: &str) -> Result<()> {
        let cohort: CohortId = sqlx::query_scalar(
            "SELECT c.id FROM actions a JOIN enrolments e ON e.id = a.enrolment_id JOIN cohorts c ON c.id = e.cohort_id
             WHERE a.id = $1 AND c.provider_id = $2",
        )
        .bind(id)
        .bind(self.org_id().0)
        .fetch_one(&self.store.pool)
        .await?;
        self.check_cohort(cohort).await?;
        if feedback.trim().is_empty() {
            return Err(ValidationError::new("feedback", "err-comment-empty").into());
        }
        sqlx::query("UPDATE actions SET teacher_feedback = $1 WHERE id = $2")
            .bind(feedback.trim())
            .bind(id)
            .execute(&self.store.pool)
            .await?;
        Ok(())
    }

    /// The cohort's learning groups with their members' names.
    pub async fn learning_groups(&self, cohort: CohortId) -> Result<Vec<LearningGroup>> {
        self.check_cohort(cohort).await?;
        let rows: Vec<(GroupId, String, Option<String>)> = sqlx::query_as(
            "SELECT g.id, g.name, emp.name FROM learning_groups g
             LEFT JOIN learning_group_members m ON m.group_id = g.id LEFT JOIN enrolments e ON e.id = m.enrolment_id
             LEFT JOIN employees emp ON emp.id = e.employee_id WHERE g.cohort_id = $1 ORDER BY g.name, g.id, emp.name",
        )
        .bind(cohort.0)
        .fetch_all(&self.store.pool)
        .await?;
        let mut groups: Vec<LearningGroup> = vec![];
        for (id, name, member) in rows {
            if groups.last().is_none_or(|g| g.id != id) {
                groups.push(LearningGroup { id, name, members: vec![] });
            }
            if let (Some(m), Some(g)) = (member, groups.last_mut()) {
                g.members.push(m);
            }
        }
        Ok(groups)
    }

    /// A learning group of participants of the cohort; a participant moves from any earlier group.
    pub async fn create_learning_group(
        &self,
        cohort: CohortId,
        name: &str,
        enrolments: &[EnrolmentId],
    ) -> Result<GroupId> {
        self.check_cohort(cohort).await?;
        let name = ShortText::parse_required("name", name, 100)?;
        if enrolments.is_empty() {
            return Err(ValidationError::new("members", "err-group-empty").into());
        }
        let mut tx = self.store.begin_write().await?;
        for e in enrolments {
            let ok: Option<EnrolmentId> = sqlx::query_scalar(&format!(
                "SELECT id FROM enrolments WHERE id = $1 AND cohort_id = $2 AND state IN {HOLDS_SEAT}"
            ))
            .bind(e)
            .bind(cohort.0)
            .fetch_optional(&mut *tx)
            .await?;
            if ok.is_none() {
                return Err(Error::NotFound);
            }
        }
        let id: GroupId = sqlx::query_scalar(
            "INSERT INTO learning_groups (cohort_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(cohort.0)
        .bind(name.as_str())
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        for e in enrolments {
            sqlx::query("DELETE FROM learning_group_members WHERE enrolment_id = $1").bind(e).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO learning_group_members (group_id, enrolment_id) VALUES ($1, $2)")
                .bind(id)
                .bind(e)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }
}

impl MunicipalityScope {
    /// For a leader: the actions of their own staff — the title only, unless shared.
    pub async fn staff_actions(&self) -> Result<Vec<LeaderAction>> {
        // The leader's own staff by the one rule (units led and below, direct reports).
        let own = super::units::own_staff("emp.id", "$1", 2);
        Ok(sqlx::query_as(&format!(
            "SELECT emp.name AS employee_name, c.name AS cohort_name, a.title, a.planned_for,
                    CASE WHEN a.shared_with_leader = 1 THEN a.what END AS what,
                    CASE WHEN a.shared_with_leader = 1 THEN a.observations END AS observations,
                    CASE WHEN a.shared_with_leader = 1 THEN a.reflection END AS reflection
             FROM actions a JOIN enrolments e ON e.id = a.enrolment_id JOIN employees emp ON emp.id = e.employee_id
             JOIN cohorts c ON c.id = e.cohort_id
             WHERE emp.org_id = $1 AND {own}
             ORDER BY emp.name, a.planned_for DESC, a.id"
        ))
        .bind(self.org_id().0)
        .bind(self.grant.user().0)
        .fetch_all(&self.store.pool)
        .await?)
    }
}
