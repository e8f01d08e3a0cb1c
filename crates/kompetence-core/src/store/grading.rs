//! Grading: the exams a caller grades, the grading view with every grade given, grades by
//! examiner and censor under the official rule (a pass gives the module's ECTS), and a
//! module's grade statistics.
use serde::Serialize;
use sqlx::FromRow;

use super::exams::{ATTEMPT_SELECT, Attempt, EXAM_COLS, EXAM_FROM, Exam};
use super::{OrgScope, ProviderScope, now};
use crate::domain::exam::{AttemptStatus, GradePart, GraderRole};
use crate::domain::{AttemptId, CohortId, ExamId, Grade, Role, ValidationError, censor_rule, combined};
use crate::{Error, Result};

/// One grade given by one grader (the audit trail).
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct GradeEntry {
    pub attempt_id: AttemptId,
    pub part: GradePart,
    pub grader_name: String,
    pub grader_role: GraderRole,
    pub grade: String,
    pub at: i64,
}

/// An exam as its graders see it.
pub struct GradingView {
    pub exam: Exam,
    /// The caller's role on the exam; none for a provider admin who only looks.
    pub role: Option<GraderRole>,
    pub attempts: Vec<Attempt>,
    pub entries: Vec<GradeEntry>,
}

/// One final grade of a module's exam, with the cohort it was given in.
#[derive(Debug, Clone)]
pub struct ModuleGrade {
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub grade: Grade,
}

impl OrgScope {
    /// The caller's role on an exam: examiner, censor, or (admin) neither. Others: not found.
    pub(super) async fn exam_role(&self, exam: ExamId) -> Result<(Exam, Option<GraderRole>)> {
        let x: Exam = sqlx::query_as(&format!("SELECT {EXAM_COLS} {EXAM_FROM} WHERE x.id = $1 AND c.provider_id = $2"))
            .bind(exam)
            .bind(self.org_id().0)
            .fetch_optional(&self.store.pool)
            .await?
            .ok_or(Error::NotFound)?;
        let me = self.grant.user();
        let examiner: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM exam_examiners WHERE exam_id = $1 AND user_id = $2")
                .bind(exam)
                .bind(me)
                .fetch_one(&self.store.pool)
                .await?;
        let role = if examiner > 0 {
            Some(GraderRole::Examiner)
        } else if x.censor_user_id == Some(me) {
            Some(GraderRole::Censor)
        } else if self.grant.has(Role::ProviderAdmin) {
            None
        } else {
            return Err(Error::NotFound);
        };
        Ok((x, role))
    }
}

impl ProviderScope {
    /// Exams this caller grades (as examiner or censor); a provider admin sees them all.
    pub async fn grading_exams(&self) -> Result<Vec<Exam>> {
        let admin = self.grant.has(Role::ProviderAdmin);
        Ok(sqlx::query_as(&format!(
            "SELECT {EXAM_COLS} {EXAM_FROM} WHERE c.provider_id = $1 AND ($2 = 1 OR x.censor_user_id = $3
               OR EXISTS (SELECT 1 FROM exam_examiners ee WHERE ee.exam_id = x.id AND ee.user_id = $3))
             ORDER BY x.exam_date DESC, x.id DESC"
        ))
        .bind(self.org_id().0)
        .bind(i64::from(admin))
        .bind(self.grant.user().0)
        .fetch_all(&self.store.pool)
        .await?)
    }

    /// An exam with its attempts and every grade given, for those who grade it.
    pub async fn grading_view(&self, exam: ExamId) -> Result<GradingView> {
        let (x, role) = self.exam_role(exam).await?;
        let attempts: Vec<Attempt> =
            sqlx::query_as(&format!("{ATTEMPT_SELECT} WHERE a.exam_id = $1 ORDER BY emp.name, a.attempt_no"))
                .bind(exam)
                .fetch_all(&self.store.pool)
                .await?;
        let entries = sqlx::query_as(
            "SELECT g.attempt_id, g.part, u.name AS grader_name, g.grader_role, g.grade, g.at FROM grade_entries g
             JOIN exam_attempts a ON a.id = g.attempt_id JOIN users u ON u.id = g.grader_user_id
             WHERE a.exam_id = $1 ORDER BY g.id",
        )
        .bind(exam)
        .fetch_all(&self.store.pool)
        .await?;
        Ok(GradingView { exam: x, role, attempts, entries })
    }

    /// Gives this grader's grade for one part of an attempt. When every required grade is
    /// in, the final grade is computed by the official rule and, on a pass, the module's
    /// ECTS credits are awarded.
    pub async fn grade(&self, exam: ExamId, attempt: AttemptId, part: &str, grade: &str) -> Result<Option<Grade>> {
        let (x, role) = self.exam_role(exam).await?;
        let Some(role) = role else { return Err(ValidationError::new("grade", "err-not-a-grader").into()) };
        let form = x.form();
        let Some(part) = GradePart::parse("part", part).ok().filter(|p| form.parts().contains(p)) else {
            return Err(ValidationError::new("part", "err-exam-part").into());
        };
        let g = Grade::parse("grade", grade)?;
        if !x.deadline_passed() {
            return Err(ValidationError::new("grade", "err-grading-before-deadline").into());
        }
        let mut tx = self.store.begin_write().await?;
        let row: Option<(AttemptStatus, i64)> = sqlx::query_as(&format!(
            "SELECT status, enrolment_id FROM exam_attempts WHERE id = $1 AND exam_id = $2{}",
            self.store.dialect.for_update()
        ))
        .bind(attempt)
        .bind(exam)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((status, enrolment)) = row else { return Err(Error::NotFound) };
        match status {
            AttemptStatus::HandedIn => {}
            AttemptStatus::Registered if !form.has_handin() => {}
            AttemptStatus::Registered => return Err(ValidationError::new("grade", "err-not-handed-in").into()),
            AttemptStatus::Graded | AttemptStatus::Absent => {
                return Err(ValidationError::new("grade", "err-already-graded").into());
            }
        }
        let given: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM grade_entries WHERE attempt_id = $1 AND part = $2 AND grader_role = $3")
                .bind(attempt)
                .bind(part)
                .bind(role)
                .fetch_optional(&mut *tx)
                .await?;
        if given.is_some() {
            return Err(ValidationError::new("grade", "err-graded-twice").into());
        }
        self.audit_in(&mut tx, "grade.given", format!("attempt:{}", attempt.0), format!("{part} {role} {}", g.code()))
            .await?;
        sqlx::query("INSERT INTO grade_entries (attempt_id, part, grader_user_id, grader_role, grade, at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(attempt)
            .bind(part)
            .bind(self.grant.user().0)
            .bind(role)
            .bind(g.code())
            .bind(now())
            .execute(&mut *tx)
            .await?;
        // Is everything in? Each part needs the examiner's grade, and the censor's when one is assigned.
        let entries: Vec<(GradePart, GraderRole, String)> =
            sqlx::query_as("SELECT part, grader_role, grade FROM grade_entries WHERE attempt_id = $1")
                .bind(attempt)
                .fetch_all(&mut *tx)
                .await?;
        let find = |p: GradePart, r: GraderRole| {
            entries.iter().find(|(ep, er, _)| *ep == p && *er == r).and_then(|(_, _, g)| Grade::parse("g", g).ok())
        };
        let mut part_grades = vec![];
        for &p in form.parts() {
            let examiner = find(p, GraderRole::Examiner);
            let censor = find(p, GraderRole::Censor);
            let final_part = match (examiner, censor, x.censor_user_id.is_some()) {
                (Some(e), Some(c), true) => censor_rule(e, c),
                (Some(e), _, false) => e,
                _ => {
                    tx.commit().await?;
                    return Ok(None);
                }
            };
            let weight = match p {
                GradePart::Project => x.project_weight,
                GradePart::Oral => x.oral_weight,
                GradePart::Whole => 1,
            };
            part_grades.push((final_part, weight as u32));
        }
        let final_grade = combined(&part_grades, true).expect("at least one part");
        sqlx::query("UPDATE exam_attempts SET status = 'graded', final_grade = $1, graded_at = $2 WHERE id = $3")
            .bind(final_grade.code())
            .bind(now())
            .bind(attempt)
            .execute(&mut *tx)
            .await?;
        if final_grade.passed() {
            sqlx::query("INSERT INTO credits (enrolment_id, attempt_id, module_id, ects, grade, awarded_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(enrolment)
                .bind(attempt)
                .bind(x.module_id)
                .bind(x.ects)
                .bind(final_grade.code())
                .bind(now())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Some(final_grade))
    }

    /// Final grades given in this provider's exams of a module, graded since `since` (unix
    /// time), with the cohort each belongs to: (cohort id, cohort name, grade).
    pub async fn module_grades(&self, module: crate::domain::ModuleId, since: i64) -> Result<Vec<ModuleGrade>> {
        self.module(module).await?;
        let rows: Vec<(CohortId, String, String)> = sqlx::query_as(
            "SELECT c.id, c.name, a.final_grade FROM exam_attempts a JOIN exams x ON x.id = a.exam_id
             JOIN cohorts c ON c.id = x.cohort_id
             WHERE c.module_id = $1 AND c.provider_id = $2 AND a.status = 'graded' AND a.graded_at >= $3
             ORDER BY c.starts_on, c.id",
        )
        .bind(module.0)
        .bind(self.org_id().0)
        .bind(since)
        .fetch_all(&self.store.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(cohort_id, cohort_name, g)| {
                Some(ModuleGrade { cohort_id, cohort_name, grade: Grade::parse("grade", &g).ok()? })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::exam::ExamInput;
    use crate::domain::{Grade, ValidationError};
    use crate::store::testing::{World, user};
    use crate::{Error, Result};

    fn refused<T: std::fmt::Debug>(r: Result<T>) -> &'static str {
        match r {
            Err(Error::Validation(v)) => v.first().map(|e: &ValidationError| e.key).unwrap_or_default(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn examiner_and_censor_disagreeing_give_the_censor_rule_s_grade_and_one_credit() {
        let w = World::new(5).await;
        w.participant("Anna Andersen", "anna@aabenraa.dk").await;
        w.hr.enrol(w.cohort, "anna@aabenraa.dk", true).await.unwrap();
        let org = w.provider.org_id();
        let teacher = user(&w.store, "torben@nordlys.dk").await;
        w.store.grant_role(teacher, org, "teacher").await.unwrap();
        let censor = user(&w.store, "cecilie@censor.dk").await;
        w.store.grant_role(censor, org, "censor").await.unwrap();
        let input = ExamInput {
            form: "oral".into(),
            handin_date: "2020-01-01".into(),
            handin_time: "12:00".into(),
            exam_date: "2020-01-10".into(),
            examiners: "torben@nordlys.dk".into(),
            censor: "cecilie@censor.dk".into(),
            ..Default::default()
        };
        let exam = w.provider.set_up_exam(w.cohort, &input).await.unwrap().id;
        let examiner = w.store.authorize_as::<crate::store::ProviderScope>(teacher, org, &[]).await.unwrap();
        let censor = w.store.authorize_as::<crate::store::ProviderScope>(censor, org, &[]).await.unwrap();
        let attempt = examiner.grading_view(exam).await.unwrap().attempts[0].id;

        assert_eq!(refused(examiner.grade(exam, attempt, "project", "7").await), "err-exam-part");
        assert_eq!(examiner.grade(exam, attempt, "whole", "7").await.unwrap(), None, "the censor's grade is missing");
        assert_eq!(refused(examiner.grade(exam, attempt, "whole", "12").await), "err-graded-twice");
        // 7 and 10 average 8.5: between two grades, the censor's side (10) decides.
        assert_eq!(censor.grade(exam, attempt, "whole", "10").await.unwrap(), Some(Grade::Ten));
        assert_eq!(refused(censor.grade(exam, attempt, "whole", "10").await), "err-already-graded");

        let view = w.provider.grading_view(exam).await.unwrap();
        assert_eq!(view.attempts[0].final_grade.as_deref(), Some("10"));
        assert_eq!(view.entries.len(), 2, "both grades are kept as the audit trail");
        let credits: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM credits").fetch_one(&w.store.pool).await.unwrap();
        assert_eq!(credits, 1, "one credit for the pass");
        let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'grade.given'")
            .fetch_one(&w.store.pool)
            .await
            .unwrap();
        assert_eq!(audited, 2, "each grade given is in the audit log");
    }
}
