//! Exams: set-up per cohort, the participant's exams and hand-in, re-exam attempts and
//! absence. Grading is in `grading.rs`, the transcript in `transcript.rs`.
use serde::Serialize;
use sqlx::FromRow;

use super::ProviderScope;
use super::codec::Flag;
use super::write::Values;
use super::{HOLDS_SEAT, OrgScope, Store, now};
use crate::domain::exam::{AttemptStatus, Censorship, ExamForm, ExamInput, ExamPlan, local_now};
use crate::domain::{
    AttemptId, CohortId, Email, EnrolmentId, ExamId, Grade, ModuleId, OrgId, Role, UserId, ValidationError,
};
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Exam {
    pub id: ExamId,
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub module_id: ModuleId,
    pub module_code: String,
    pub module_title_da: String,
    pub module_title_en: String,
    pub ects: i64,
    pub module_censor: Censorship,
    pub provider_id: OrgId,
    pub provider_name: String,
    pub form: ExamForm,
    pub project_weight: i64,
    pub oral_weight: i64,
    /// 'YYYY-MM-DD HH:MM' Danish local time
    pub handin_deadline: String,
    pub exam_date: String,
    /// Only participants with every compulsory assignment approved may sit the exam.
    #[sqlx(try_from = "Flag")]
    pub require_assignments: bool,
    pub min_attendance_pct: Option<i64>,
    pub censor_user_id: Option<UserId>,
    pub censor_name: Option<String>,
}

pub(super) const EXAM_COLS: &str = "x.id, x.cohort_id, c.name AS cohort_name, c.starts_on, c.ends_on, c.module_id,
    m.code AS module_code, m.title_da AS module_title_da, m.title_en AS module_title_en, m.ects, m.censor AS module_censor,
    c.provider_id, o.name AS provider_name, x.form, x.project_weight, x.oral_weight, x.handin_deadline, x.exam_date,
    x.require_assignments, x.min_attendance_pct, x.censor_user_id, cu.name AS censor_name";
pub(super) const EXAM_FROM: &str =
    "FROM exams x JOIN cohorts c ON c.id = x.cohort_id JOIN modules m ON m.id = c.module_id
    JOIN organizations o ON o.id = c.provider_id LEFT JOIN users cu ON cu.id = x.censor_user_id";

impl Exam {
    pub fn form(&self) -> ExamForm {
        self.form
    }
    pub fn deadline_passed(&self) -> bool {
        local_now() > self.handin_deadline
    }
}

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Attempt {
    pub id: AttemptId,
    pub exam_id: ExamId,
    pub enrolment_id: EnrolmentId,
    pub attempt_no: i64,
    pub status: AttemptStatus,
    pub participant_name: String,
    pub municipality_name: String,
    pub handin_text: Option<String>,
    pub handed_in_at: Option<i64>,
    /// The final grade's code ("12", "02", "-3" …) once graded.
    pub final_grade: Option<String>,
}

/// The columns an exam set-up writes (one list for insert and update).
fn exam_values(plan: &ExamPlan, censor: Option<UserId>) -> Values<'_> {
    Values::new()
        .set("form", plan.form)
        .set("project_weight", i64::from(plan.weights.0))
        .set("oral_weight", i64::from(plan.weights.1))
        .set("handin_deadline", plan.handin_deadline.as_str())
        .set("exam_date", plan.exam_date.as_str())
        .set("require_assignments", i64::from(plan.require_assignments))
        .set("min_attendance_pct", plan.min_attendance_pct.map(i64::from))
        .set("censor_user_id", censor.map(|c| c.0))
}

/// Who grades an exam, by e-mail.
#[derive(Debug, Clone, Default)]
pub struct ExamPeople {
    pub examiners: Vec<String>,
    pub censor: Option<String>,
}

pub(super) const ATTEMPT_SELECT: &str =
    "SELECT a.id, a.exam_id, a.enrolment_id, a.attempt_no, a.status, emp.name AS participant_name,
    mu.name AS municipality_name, a.handin_text, a.handed_in_at, a.final_grade
    FROM exam_attempts a JOIN enrolments e ON e.id = a.enrolment_id JOIN employees emp ON emp.id = e.employee_id
    JOIN organizations mu ON mu.id = e.municipality_id";

/// An exam as its participant sees it: the final grade only.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyExam {
    pub exam: Exam,
    pub attempt_no: Option<i64>,
    pub status: Option<AttemptStatus>,
    pub handin_text: Option<String>,
    pub handed_in_at: Option<i64>,
    pub final_grade: Option<String>,
    pub can_hand_in: bool,
}

impl OrgScope {
    /// A teacher of this provider, by e-mail.
    async fn provider_user(&self, email: &str, role: Role, field: &'static str, key: &'static str) -> Result<UserId> {
        let email = Email::parse(field, email)?;
        let id: Option<UserId> = sqlx::query_scalar(
            "SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = $1 AND m.org_id = $2 AND m.role = $3",
        )
        .bind(email.as_str())
        .bind(self.org_id().0)
        .bind(role.as_str())
        .fetch_optional(&self.store.pool)
        .await?;
        id.ok_or_else(|| ValidationError::new(field, key).into())
    }
}

impl ProviderScope {
    pub async fn cohort_exam(&self, cohort: CohortId) -> Result<Option<Exam>> {
        self.check_cohort(cohort).await?;
        Ok(sqlx::query_as(&format!("SELECT {EXAM_COLS} {EXAM_FROM} WHERE x.cohort_id = $1"))
            .bind(cohort.0)
            .fetch_optional(&self.store.pool)
            .await?)
    }

    /// Sets up (or changes, while nothing is graded) a cohort's exam and registers every
    /// enrolled participant for a first attempt.
    pub async fn set_up_exam(&self, cohort: CohortId, input: &ExamInput) -> Result<Exam> {
        let c = self.cohort(cohort).await?;
        let plan = input.validate()?;
        let mut examiners = vec![];
        for e in input.examiners.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            examiners.push(self.provider_user(e, Role::Teacher, "examiners", "err-examiner-unknown").await?);
        }
        if examiners.is_empty() {
            return Err(ValidationError::new("examiners", "err-examiner-required").into());
        }
        let censor = match input.censor.trim() {
            "" => None,
            e => Some(self.provider_user(e, Role::Censor, "censor", "err-censor-unknown").await?),
        };
        let module_censor: Censorship = sqlx::query_scalar("SELECT censor FROM modules WHERE id = $1")
            .bind(c.module_id)
            .fetch_one(&self.store.pool)
            .await?;
        if module_censor == Censorship::External && censor.is_none() {
            return Err(ValidationError::new("censor", "err-censor-required").into());
        }
        if censor.is_some_and(|c| examiners.contains(&c)) {
            return Err(ValidationError::new("censor", "err-censor-is-examiner").into());
        }
        let mut tx = self.store.begin_write().await?;
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM exams WHERE cohort_id = $1")
            .bind(cohort.0)
            .fetch_optional(&mut *tx)
            .await?;
        let id = match existing {
            Some(id) => {
                let graded: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM grade_entries g JOIN exam_attempts a ON a.id = g.attempt_id WHERE a.exam_id = $1",
                )
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
                if graded > 0 {
                    return Err(ValidationError::new("form", "err-exam-locked").into());
                }
                let (sql, args) = exam_values(&plan, censor).update("exams", &[("id", id)]);
                sqlx::query_with(&sql, args).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM exam_examiners WHERE exam_id = $1").bind(id).execute(&mut *tx).await?;
                id
            }
            None => {
                let (sql, args) = exam_values(&plan, censor)
                    .set("cohort_id", cohort.0)
                    .set("created_at", now())
                    .insert("exams", "RETURNING id");
                sqlx::query_scalar_with(&sql, args).fetch_one(&mut *tx).await?
            }
        };
        for u in examiners {
            sqlx::query("INSERT INTO exam_examiners (exam_id, user_id) VALUES ($1, $2)")
                .bind(id)
                .bind(u)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(&format!(
            "INSERT INTO exam_attempts (exam_id, enrolment_id, attempt_no, status, created_at)
             SELECT $1, e.id, 1, 'registered', $2 FROM enrolments e WHERE e.cohort_id = $3 AND e.state IN {HOLDS_SEAT}
               AND NOT EXISTS (SELECT 1 FROM exam_attempts a WHERE a.exam_id = $1 AND a.enrolment_id = e.id)"
        ))
        .bind(id)
        .bind(now())
        .bind(cohort.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(self.cohort_exam(cohort).await?.expect("just made"))
    }

    /// The e-mails of an exam's examiners and of its censor (to show the set-up again).
    pub async fn exam_people(&self, exam: ExamId) -> Result<ExamPeople> {
        let (x, _) = self.exam_role(exam).await?;
        let examiners = sqlx::query_scalar(
            "SELECT u.email FROM exam_examiners ee JOIN users u ON u.id = ee.user_id WHERE ee.exam_id = $1 ORDER BY u.email",
        )
        .bind(exam)
        .fetch_all(&self.store.pool)
        .await?;
        let censor = match x.censor_user_id {
            Some(id) => Some(
                sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
                    .bind(id)
                    .fetch_one(&self.store.pool)
                    .await?,
            ),
            None => None,
        };
        Ok(ExamPeople { examiners, censor })
    }

    /// Registers a new attempt (re-exam) for a participant whose last attempt was failed
    /// or missed; earlier attempts are kept.
    pub async fn register_reexam(&self, cohort: CohortId, enrolment: EnrolmentId) -> Result<()> {
        let x = self.cohort_exam(cohort).await?.ok_or(Error::NotFound)?;
        let mut tx = self.store.begin_write().await?;
        let last: Option<(i64, AttemptStatus, Option<String>)> = sqlx::query_as(
            "SELECT attempt_no, status, final_grade FROM exam_attempts WHERE exam_id = $1 AND enrolment_id = $2 ORDER BY attempt_no DESC LIMIT 1",
        )
        .bind(x.id)
        .bind(enrolment.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((no, status, grade)) = last else { return Err(Error::NotFound) };
        let failed = status == AttemptStatus::Absent
            || grade.as_deref().and_then(|g| Grade::parse("g", g).ok()).is_some_and(|g| !g.passed());
        if !failed {
            return Err(ValidationError::new("enrolment", "err-reexam-not-needed").into());
        }
        sqlx::query("INSERT INTO exam_attempts (exam_id, enrolment_id, attempt_no, status, created_at) VALUES ($1, $2, $3, 'registered', $4)")
            .bind(x.id)
            .bind(enrolment.0)
            .bind(no + 1)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks a registered participant absent from the exam (counts as an attempt).
    pub async fn mark_absent(&self, cohort: CohortId, attempt: AttemptId) -> Result<()> {
        let x = self.cohort_exam(cohort).await?.ok_or(Error::NotFound)?;
        let done = sqlx::query("UPDATE exam_attempts SET status = 'absent' WHERE id = $1 AND exam_id = $2 AND status IN ('registered', 'handed_in')")
            .bind(attempt)
            .bind(x.id)
            .execute(&self.store.pool)
            .await?;
        if done.rows_affected() == 0 {
            Err(ValidationError::new("attempt", "err-already-graded").into())
        } else {
            Ok(())
        }
    }
}

impl OrgScope {
    /// Demo data only: records a hand-in made before the deadline (demo exams lie in the past).
    pub(crate) async fn demo_hand_in(&self, exam: ExamId, enrolment: EnrolmentId, text: &str) -> Result<AttemptId> {
        self.exam_role(exam).await?;
        let id: AttemptId = sqlx::query_scalar(
            "SELECT id FROM exam_attempts WHERE exam_id = $1 AND enrolment_id = $2 ORDER BY attempt_no DESC LIMIT 1",
        )
        .bind(exam)
        .bind(enrolment)
        .fetch_one(&self.store.pool)
        .await?;
        sqlx::query("UPDATE exam_attempts SET status = 'handed_in', handin_text = $1, handed_in_at = $2 WHERE id = $3")
            .bind(text)
            .bind(now())
            .bind(id)
            .execute(&self.store.pool)
            .await?;
        Ok(id)
    }
}

impl Store {
    /// The exams of the cohorts a user is enrolled on, with their own latest attempt.
    pub(crate) async fn my_exams(&self, user: UserId) -> Result<Vec<MyExam>> {
        #[derive(FromRow)]
        struct Row {
            #[sqlx(flatten)]
            exam: Exam,
            attempt_no: Option<i64>,
            status: Option<AttemptStatus>,
            handin_text: Option<String>,
            handed_in_at: Option<i64>,
            final_grade: Option<String>,
        }
        // One row per exam with the participant's latest attempt (if any).
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {EXAM_COLS}, a.attempt_no, a.status, a.handin_text, a.handed_in_at, a.final_grade {EXAM_FROM}
             JOIN enrolments e ON e.cohort_id = x.cohort_id JOIN employees emp ON emp.id = e.employee_id
             LEFT JOIN exam_attempts a ON a.exam_id = x.id AND a.enrolment_id = e.id
               AND a.attempt_no = (SELECT MAX(a2.attempt_no) FROM exam_attempts a2 WHERE a2.exam_id = x.id AND a2.enrolment_id = e.id)
             WHERE emp.user_id = $1 AND e.state IN {HOLDS_SEAT} ORDER BY x.exam_date, x.id"
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let can_hand_in = r.exam.form().has_handin()
                    && !r.exam.deadline_passed()
                    && r.status.is_none_or(AttemptStatus::is_open);
                MyExam {
                    exam: r.exam,
                    attempt_no: r.attempt_no,
                    status: r.status,
                    handin_text: r.handin_text,
                    handed_in_at: r.handed_in_at,
                    final_grade: r.final_grade,
                    can_hand_in,
                }
            })
            .collect())
    }

    /// Hands in (or replaces, before the deadline) the participant's exam project.
    pub(crate) async fn hand_in(&self, user: UserId, exam: ExamId, text: &str) -> Result<()> {
        let mine = self.my_exams(user).await?;
        let Some(my) = mine.into_iter().find(|m| m.exam.id == exam) else { return Err(Error::NotFound) };
        if text.trim().is_empty() {
            return Err(ValidationError::new("text", "err-handin-empty").into());
        }
        if text.chars().count() > 200_000 {
            return Err(ValidationError::new("text", "err-too-long").into());
        }
        if !my.can_hand_in {
            return Err(ValidationError::new("text", "err-handin-closed").into());
        }
        let enrolment: EnrolmentId = sqlx::query_scalar(
            "SELECT e.id FROM enrolments e JOIN employees emp ON emp.id = e.employee_id JOIN exams x ON x.cohort_id = e.cohort_id
             WHERE x.id = $1 AND emp.user_id = $2",
        )
        .bind(exam)
        .bind(user.0)
        .fetch_one(&self.pool)
        .await?;
        // The exam's access rules: compulsory assignments approved, attendance.
        let facts = self.access_facts(enrolment).await?;
        crate::domain::learning::check_exam_access(
            my.exam.require_assignments,
            my.exam.min_attendance_pct.map(|p| p as u32),
            facts,
        )?;
        let mut tx = self.begin_write().await?;
        let attempt: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM exam_attempts WHERE exam_id = $1 AND enrolment_id = $2 AND status IN ('registered', 'handed_in')
             ORDER BY attempt_no DESC LIMIT 1",
        )
        .bind(exam)
        .bind(enrolment)
        .fetch_optional(&mut *tx)
        .await?;
        let id = match attempt {
            Some(id) => id,
            None => sqlx::query_scalar("INSERT INTO exam_attempts (exam_id, enrolment_id, attempt_no, status, created_at) VALUES ($1, $2, 1, 'registered', $3) RETURNING id")
                .bind(exam)
                .bind(enrolment)
                .bind(now())
                .fetch_one(&mut *tx)
                .await?,
        };
        sqlx::query("UPDATE exam_attempts SET status = 'handed_in', handin_text = $1, handed_in_at = $2 WHERE id = $3")
            .bind(text.trim())
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
