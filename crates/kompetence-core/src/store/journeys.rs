//! Who the load test logs in as, and which of their pages and forms it uses: read from the
//! database before a run so the journeys touch real cohorts, days and hand-ins.
use super::Store;
use crate::Result;
use crate::domain::{AssignmentId, CohortId, DayId, EnrolmentId, OrgId, SubmissionId};

#[derive(Debug, Clone)]
pub struct ParticipantAccount {
    pub email: String,
    pub enrolment_id: EnrolmentId,
    pub assignment_id: AssignmentId,
}

#[derive(Debug, Clone)]
pub struct TeacherAccount {
    pub email: String,
    pub provider_id: OrgId,
    pub cohort_id: CohortId,
    pub day_id: DayId,
    pub assignment_id: AssignmentId,
    pub submission_id: SubmissionId,
}

#[derive(Debug, Clone)]
pub struct HrAccounts {
    pub emails: Vec<String>,
    pub municipality_id: OrgId,
    pub staff: i64,
    /// Cohorts still open for sign-up.
    pub cohorts: Vec<i64>,
    /// Staff who have never been enrolled, to enrol one per journey.
    pub candidates: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct JourneyAccounts {
    pub participants: Vec<ParticipantAccount>,
    pub teachers: Vec<TeacherAccount>,
    pub hr: Option<HrAccounts>,
}

impl Store {
    /// Up to `limit` distinct participants (each with the latest assignment they may still
    /// hand in: an approved hand-in cannot be replaced) and teachers (with the earliest
    /// assignment that has hand-ins, so the two journeys seldom meet on one) of cohorts that have started by
    /// `today` (latest first), and the HR staff of the municipality whose size is nearest to
    /// `hr_staff` employees.
    pub async fn journey_accounts(&self, today: &str, limit: usize, hr_staff: i64) -> Result<JourneyAccounts> {
        let rows: Vec<(String, EnrolmentId, AssignmentId)> = sqlx::query_as(
            "SELECT u.email, e.id, (SELECT MAX(a.id) FROM assignments a WHERE a.cohort_id = c.id AND NOT EXISTS
                        (SELECT 1 FROM submissions s WHERE s.assignment_id = a.id AND s.enrolment_id = e.id
                           AND s.status = 'approved'))
             FROM enrolments e JOIN employees em ON em.id = e.employee_id JOIN users u ON u.id = em.user_id
             JOIN cohorts c ON c.id = e.cohort_id
             WHERE e.state = 'enrolled' AND c.starts_on <= $1
               AND EXISTS (SELECT 1 FROM assignments a WHERE a.cohort_id = c.id AND NOT EXISTS
                        (SELECT 1 FROM submissions s WHERE s.assignment_id = a.id AND s.enrolment_id = e.id
                           AND s.status = 'approved'))
             ORDER BY c.starts_on DESC, e.id LIMIT $2",
        )
        .bind(today)
        .bind((limit * 2) as i64)
        .fetch_all(&self.pool)
        .await?;
        let mut participants: Vec<ParticipantAccount> = Vec::new();
        for (email, enrolment_id, assignment_id) in rows {
            if participants.len() < limit && !participants.iter().any(|p| p.email == email) {
                participants.push(ParticipantAccount { email, enrolment_id, assignment_id });
            }
        }

        let rows: Vec<(String, OrgId, CohortId, DayId, AssignmentId, SubmissionId)> = sqlx::query_as(
            "SELECT u.email, c.provider_id, c.id, (SELECT MIN(d.id) FROM teaching_days d WHERE d.cohort_id = c.id),
                    a.id, (SELECT MIN(s.id) FROM submissions s WHERE s.assignment_id = a.id)
             FROM cohort_teachers ct JOIN users u ON u.id = ct.user_id JOIN cohorts c ON c.id = ct.cohort_id
             JOIN assignments a ON a.cohort_id = c.id
             WHERE c.starts_on <= $1 AND EXISTS (SELECT 1 FROM submissions s WHERE s.assignment_id = a.id)
               AND EXISTS (SELECT 1 FROM teaching_days d WHERE d.cohort_id = c.id)
             ORDER BY c.starts_on DESC, a.id LIMIT $2",
        )
        .bind(today)
        .bind((limit * 20) as i64)
        .fetch_all(&self.pool)
        .await?;
        let mut teachers: Vec<TeacherAccount> = Vec::new();
        for (email, provider_id, cohort_id, day_id, assignment_id, submission_id) in rows {
            if teachers.len() < limit && !teachers.iter().any(|t| t.email == email) {
                teachers.push(TeacherAccount { email, provider_id, cohort_id, day_id, assignment_id, submission_id });
            }
        }

        let sizes: Vec<(OrgId, i64)> =
            sqlx::query_as("SELECT org_id, CAST(COUNT(*) AS BIGINT) FROM employees GROUP BY org_id")
                .fetch_all(&self.pool)
                .await?;
        let hr = match sizes.into_iter().min_by_key(|(_, n)| (n - hr_staff).abs()) {
            None => None,
            Some((municipality_id, staff)) => {
                let emails: Vec<String> = sqlx::query_scalar(
                    "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
                     WHERE m.org_id = $1 AND m.role = 'hr' ORDER BY u.id",
                )
                .bind(municipality_id)
                .fetch_all(&self.pool)
                .await?;
                let cohorts: Vec<i64> = sqlx::query_scalar(
                    "SELECT id FROM cohorts WHERE signup_deadline >= $1 ORDER BY starts_on, id LIMIT 50",
                )
                .bind(today)
                .fetch_all(&self.pool)
                .await?;
                let candidates: Vec<String> = sqlx::query_scalar(
                    "SELECT email FROM employees em WHERE org_id = $1
                       AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.employee_id = em.id)
                     ORDER BY id LIMIT 5000",
                )
                .bind(municipality_id)
                .fetch_all(&self.pool)
                .await?;
                Some(HrAccounts { emails, municipality_id, staff, cohorts, candidates })
            }
        };
        Ok(JourneyAccounts { participants, teachers, hr })
    }
}
