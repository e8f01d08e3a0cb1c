//! Home assignments (set by the teacher, handed in by participants, given feedback) and
//! attendance per teaching day; and the facts the exam access rules are checked against.
use serde::Serialize;
use sqlx::FromRow;

use super::codec::{Flag, MaybeFlag};
use super::{HOLDS_SEAT, OrgScope, Store, now};
use super::{MunicipalityScope, ProviderScope};
use crate::domain::exam::local_now;
use crate::domain::learning::{AccessFacts, AssignmentInput, Presence, SubmissionStatus, Verdict, hand_in_timing};
use crate::domain::schedule::DayKind;
use crate::domain::{AssignmentId, CohortId, DayId, EnrolmentId, SubmissionId, UserId, ValidationError};
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Assignment {
    pub id: AssignmentId,
    pub cohort_id: CohortId,
    pub title: String,
    pub description: String,
    /// 'YYYY-MM-DD HH:MM', Danish local time
    pub due_at: String,
    /// Counts toward the compulsory-assignment rule.
    #[sqlx(try_from = "Flag")]
    pub compulsory: bool,
    /// Late hand-ins are refused.
    #[sqlx(try_from = "Flag")]
    pub closed_after_due: bool,
}

const ASSIGNMENT_COLS: &str = "a.id, a.cohort_id, a.title, a.description, a.due_at, a.compulsory, a.closed_after_due";

/// A participant of the cohort and their hand-in of one assignment, if any.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct SubmissionRow {
    pub enrolment_id: EnrolmentId,
    pub participant_name: String,
    pub submission_id: Option<SubmissionId>,
    pub body: Option<String>,
    pub submitted_at: Option<i64>,
    /// Handed in after the deadline (none before a hand-in).
    #[sqlx(try_from = "MaybeFlag")]
    pub late: Option<bool>,
    pub status: Option<SubmissionStatus>,
    pub feedback: Option<String>,
}

/// An assignment as its participant sees it: the hand-in and the teacher's feedback.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct MyAssignment {
    pub id: AssignmentId,
    pub cohort_name: String,
    pub module_title_da: String,
    pub module_title_en: String,
    pub title: String,
    pub description: String,
    pub due_at: String,
    /// Counts toward the compulsory-assignment rule.
    #[sqlx(try_from = "Flag")]
    pub compulsory: bool,
    /// Late hand-ins are refused.
    #[sqlx(try_from = "Flag")]
    pub closed_after_due: bool,
    pub body: Option<String>,
    pub submitted_at: Option<i64>,
    /// Handed in after the deadline (none before a hand-in).
    #[sqlx(try_from = "MaybeFlag")]
    pub late: Option<bool>,
    pub status: Option<SubmissionStatus>,
    pub feedback: Option<String>,
}

impl MyAssignment {
    /// Whether a hand-in (or a new version) is still taken.
    pub fn open(&self) -> bool {
        self.status != Some(SubmissionStatus::Approved) && !(self.closed_after_due && local_now() > self.due_at)
    }
}

/// One participant's attendance on one day of the sheet.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct AttendanceRow {
    pub enrolment_id: EnrolmentId,
    pub participant_name: String,
    /// None when not recorded.
    pub status: Option<Presence>,
}

/// A participant's own attendance, per day.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct MyAttendance {
    pub cohort_name: String,
    pub day_date: String,
    pub kind: DayKind,
    pub status: Presence,
}

impl ProviderScope {
    /// The cohort's assignments (a teacher sees only their own cohorts').
    pub async fn assignments(&self, cohort: CohortId) -> Result<Vec<Assignment>> {
        self.check_cohort(cohort).await?;
        Ok(sqlx::query_as(&format!(
            "SELECT {ASSIGNMENT_COLS} FROM assignments a WHERE a.cohort_id = $1 ORDER BY a.due_at, a.id"
        ))
        .bind(cohort.0)
        .fetch_all(&self.store.pool)
        .await?)
    }

    pub async fn create_assignment(&self, cohort: CohortId, input: &AssignmentInput) -> Result<Assignment> {
        self.check_cohort(cohort).await?;
        let v = input.validate()?;
        let id: AssignmentId = sqlx::query_scalar(
            "INSERT INTO assignments (cohort_id, title, description, due_at, compulsory, closed_after_due, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(cohort.0)
        .bind(&v.title)
        .bind(&v.description)
        .bind(&v.due_at)
        .bind(i64::from(v.compulsory))
        .bind(i64::from(v.closed_after_due))
        .bind(self.grant.user().0)
        .bind(now())
        .fetch_one(&self.store.pool)
        .await?;
        self.assignment(id).await
    }

    /// One assignment of one of this provider's cohorts (a teacher: one they teach).
    pub async fn assignment(&self, id: AssignmentId) -> Result<Assignment> {
        let a: Assignment = sqlx::query_as(&format!(
            "SELECT {ASSIGNMENT_COLS} FROM assignments a JOIN cohorts c ON c.id = a.cohort_id
             WHERE a.id = $1 AND c.provider_id = $2"
        ))
        .bind(id)
        .bind(self.org_id().0)
        .fetch_one(&self.store.pool)
        .await?;
        self.check_cohort(a.cohort_id).await?;
        Ok(a)
    }

    /// Every participant of the assignment's cohort with their hand-in.
    pub async fn submissions(&self, assignment: AssignmentId) -> Result<Vec<SubmissionRow>> {
        let a = self.assignment(assignment).await?;
        Ok(sqlx::query_as(&format!(
            "SELECT e.id AS enrolment_id, emp.name AS participant_name, s.id AS submission_id, s.body, s.submitted_at,
                    s.late, s.status, s.feedback
             FROM enrolments e JOIN employees emp ON emp.id = e.employee_id
             LEFT JOIN submissions s ON s.enrolment_id = e.id AND s.assignment_id = $2
             WHERE e.cohort_id = $1 AND e.state IN {HOLDS_SEAT} ORDER BY emp.name, e.id"
        ))
        .bind(a.cohort_id)
        .bind(a.id)
        .fetch_all(&self.store.pool)
        .await?)
    }

    /// The teacher's written feedback and verdict on a hand-in.
    pub async fn give_feedback(
        &self,
        assignment: AssignmentId,
        submission: SubmissionId,
        verdict: &str,
        feedback: &str,
    ) -> Result<()> {
        self.assignment(assignment).await?;
        let mut errs = vec![];
        let verdict = Verdict::parse("verdict", verdict).map_err(|e| errs.push(e)).ok();
        if feedback.chars().count() > 20_000 {
            errs.push(ValidationError::new("feedback", "err-too-long"));
        }
        let Some(verdict) = verdict.filter(|_| errs.is_empty()) else { return Err(errs.into()) };
        let n = sqlx::query(
            "UPDATE submissions SET status = $1, feedback = $2, feedback_by = $3, feedback_at = $4
             WHERE id = $5 AND assignment_id = $6",
        )
        .bind(verdict.as_str())
        .bind(feedback.trim())
        .bind(self.grant.user().0)
        .bind(now())
        .bind(submission)
        .bind(assignment)
        .execute(&self.store.pool)
        .await?
        .rows_affected();
        if n == 0 { Err(Error::NotFound) } else { Ok(()) }
    }

    /// Demo data only: a hand-in placed at a given time (participants hand in through
    /// [`Store::submit_assignment`], which stamps the current time).
    pub async fn demo_submission(
        &self,
        assignment: AssignmentId,
        enrolment: EnrolmentId,
        body: &str,
        at: i64,
    ) -> Result<SubmissionId> {
        self.assignment(assignment).await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO submissions (assignment_id, enrolment_id, body, submitted_at, late, status) VALUES ($1, $2, $3, $4, 0, 'submitted') RETURNING id",
        )
        .bind(assignment)
        .bind(enrolment)
        .bind(body)
        .bind(at)
        .fetch_one(&self.store.pool)
        .await?)
    }

    /// The attendance sheet of one teaching day: every participant with their status.
    pub async fn attendance_sheet(&self, cohort: CohortId, day: DayId) -> Result<Vec<AttendanceRow>> {
        self.require_day(cohort, day).await?;
        Ok(sqlx::query_as(&format!(
            "SELECT e.id AS enrolment_id, emp.name AS participant_name, at.status
             FROM enrolments e JOIN employees emp ON emp.id = e.employee_id
             LEFT JOIN attendance at ON at.enrolment_id = e.id AND at.teaching_day_id = $2
             WHERE e.cohort_id = $1 AND e.state IN {HOLDS_SEAT} ORDER BY emp.name, e.id"
        ))
        .bind(cohort.0)
        .bind(day)
        .fetch_all(&self.store.pool)
        .await?)
    }

    /// Records attendance for a day: (enrolment id, status) per participant. All or nothing.
    pub async fn record_attendance(&self, cohort: CohortId, day: DayId, marks: &[(EnrolmentId, String)]) -> Result<()> {
        let sheet = self.attendance_sheet(cohort, day).await?;
        let mut parsed = Vec::with_capacity(marks.len());
        for (enrolment, status) in marks {
            if !sheet.iter().any(|r| r.enrolment_id == *enrolment) {
                return Err(Error::NotFound);
            }
            parsed.push((*enrolment, Presence::parse("status", status)?));
        }
        let mut tx = self.store.begin_write().await?;
        for (enrolment, presence) in parsed {
            sqlx::query(
                "INSERT INTO attendance (teaching_day_id, enrolment_id, status, recorded_by, recorded_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (teaching_day_id, enrolment_id)
                 DO UPDATE SET status = excluded.status, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
            )
            .bind(day)
            .bind(enrolment)
            .bind(presence.as_str())
            .bind(self.grant.user().0)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl OrgScope {
    async fn require_day(&self, cohort: CohortId, day: DayId) -> Result<()> {
        self.check_cohort(cohort).await?;
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM teaching_days WHERE id = $1 AND cohort_id = $2")
            .bind(day)
            .bind(cohort.0)
            .fetch_optional(&self.store.pool)
            .await?;
        found.map(|_| ()).ok_or(Error::NotFound)
    }
}

impl Store {
    /// Every assignment of every cohort the user is on, with their hand-in and feedback.
    pub(crate) async fn my_assignments(&self, user: UserId) -> Result<Vec<MyAssignment>> {
        Ok(sqlx::query_as(&format!(
            "SELECT a.id, c.name AS cohort_name, m.title_da AS module_title_da, m.title_en AS module_title_en, a.title,
                    a.description, a.due_at,
                    a.compulsory, a.closed_after_due, s.body, s.submitted_at, s.late,
                    s.status, s.feedback
             FROM assignments a JOIN cohorts c ON c.id = a.cohort_id JOIN modules m ON m.id = c.module_id
             JOIN enrolments e ON e.cohort_id = a.cohort_id AND e.state IN {HOLDS_SEAT}
             JOIN employees emp ON emp.id = e.employee_id
             LEFT JOIN submissions s ON s.assignment_id = a.id AND s.enrolment_id = e.id
             WHERE emp.user_id = $1 ORDER BY a.due_at DESC, a.id"
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Hands in (or replaces, until approved) the user's answer to an assignment.
    pub(crate) async fn submit_assignment(&self, user: UserId, assignment: AssignmentId, body: &str) -> Result<()> {
        self.submit_assignment_with(user, assignment, body, None).await
    }

    /// Hands in text and/or a file (already checked by the upload policy).
    pub(crate) async fn submit_assignment_with(
        &self,
        user: UserId,
        assignment: AssignmentId,
        body: &str,
        file: Option<&super::NewFile>,
    ) -> Result<()> {
        let mine = self.my_assignments(user).await?;
        let Some(a) = mine.into_iter().find(|a| a.id == assignment) else { return Err(Error::NotFound) };
        if body.trim().is_empty() && file.is_none() {
            return Err(ValidationError::new("text", "err-handin-empty").into());
        }
        if body.chars().count() > 200_000 {
            return Err(ValidationError::new("text", "err-too-long").into());
        }
        if a.status == Some(SubmissionStatus::Approved) {
            return Err(ValidationError::new("text", "err-assignment-approved").into());
        }
        let late = hand_in_timing(&a.due_at, a.closed_after_due, &local_now())?;
        let enrolment: i64 = sqlx::query_scalar(
            &format!("SELECT e.id FROM enrolments e JOIN employees emp ON emp.id = e.employee_id JOIN assignments a ON a.cohort_id = e.cohort_id
             WHERE a.id = $1 AND emp.user_id = $2 AND e.state IN {HOLDS_SEAT}"),
        )
        .bind(assignment)
        .bind(user.0)
        .fetch_one(&self.pool)
        .await?;
        sqlx::query(
            "INSERT INTO submissions (assignment_id, enrolment_id, body, submitted_at, late, status) VALUES ($1, $2, $3, $4, $5, 'submitted')
             ON CONFLICT (assignment_id, enrolment_id)
             DO UPDATE SET body = excluded.body, submitted_at = excluded.submitted_at, late = excluded.late, status = 'submitted'",
        )
        .bind(assignment)
        .bind(enrolment)
        .bind(body.trim())
        .bind(now())
        .bind(i64::from(late))
        .execute(&self.pool)
        .await?;
        if let Some(f) = file {
            let submission: SubmissionId =
                sqlx::query_scalar("SELECT id FROM submissions WHERE assignment_id = $1 AND enrolment_id = $2")
                    .bind(assignment)
                    .bind(enrolment)
                    .fetch_one(&self.pool)
                    .await?;
            self.attach_to_submission(submission, f, user).await?;
        }
        Ok(())
    }

    /// The user's attendance on every recorded day.
    pub(crate) async fn my_attendance(&self, user: UserId) -> Result<Vec<MyAttendance>> {
        Ok(sqlx::query_as(
            "SELECT c.name AS cohort_name, d.day_date, d.kind, at.status
             FROM attendance at JOIN teaching_days d ON d.id = at.teaching_day_id JOIN enrolments e ON e.id = at.enrolment_id
             JOIN cohorts c ON c.id = e.cohort_id JOIN employees emp ON emp.id = e.employee_id
             WHERE emp.user_id = $1 ORDER BY d.day_date DESC, d.id",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?)
    }

    /// What an enrolment has done towards an exam's access rules.
    pub(super) async fn access_facts(&self, enrolment: EnrolmentId) -> Result<AccessFacts> {
        let (compulsory, approved): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN s.status = 'approved' THEN 1 ELSE 0 END), 0) AS BIGINT)
             FROM assignments a JOIN enrolments e ON e.cohort_id = a.cohort_id
             LEFT JOIN submissions s ON s.assignment_id = a.id AND s.enrolment_id = e.id
             WHERE e.id = $1 AND a.compulsory = 1",
        )
        .bind(enrolment)
        .fetch_one(&self.pool)
        .await?;
        let (recorded, present): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN status = 'present' THEN 1 ELSE 0 END), 0) AS BIGINT)
             FROM attendance WHERE enrolment_id = $1",
        )
        .bind(enrolment)
        .fetch_one(&self.pool)
        .await?;
        Ok(AccessFacts {
            compulsory: compulsory as u32,
            compulsory_approved: approved as u32,
            days_present: present as u32,
            days_recorded: recorded as u32,
        })
    }
}

impl MunicipalityScope {
    /// Attendance of one of the municipality's enrolments (a leader: of their own staff),
    /// per recorded day.
    pub async fn enrolment_attendance(&self, enrolment: crate::domain::EnrolmentId) -> Result<Vec<MyAttendance>> {
        // The leader's own-staff rule in the query itself, so the page's own check of the
        // enrolment is not repeated here.
        let q = format!(
            "SELECT c.name AS cohort_name, d.day_date, d.kind, at.status
             FROM attendance at JOIN teaching_days d ON d.id = at.teaching_day_id JOIN enrolments e ON e.id = at.enrolment_id
             JOIN employees emp ON emp.id = e.employee_id JOIN cohorts c ON c.id = e.cohort_id
             WHERE e.id = $1 AND e.municipality_id = $2{} ORDER BY d.day_date, d.id",
            self.staff_filter(3)
        );
        let mut q = sqlx::query_as(&q).bind(enrolment.0).bind(self.org_id().0);
        if let Some(leader) = self.staff_of() {
            q = q.bind(leader.0);
        }
        Ok(q.fetch_all(&self.store.pool).await?)
    }
}
