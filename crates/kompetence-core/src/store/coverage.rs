//! A municipality's coverage report: how far competence-giving education has reached its
//! staff, per department and per module. A few grouped queries, however many staff: the
//! report must stay fast for the largest municipalities (tens of thousands of employees).
use serde::Serialize;

use super::MunicipalityScope;
use crate::Result;
use crate::domain::ModuleId;

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct DepartmentCoverage {
    /// Empty for staff without a department.
    pub department: String,
    pub employees: i64,
    /// Staff with at least one enrolment that was not withdrawn or rejected.
    pub reached: i64,
    /// Staff signed up for or taking a module now.
    pub active: i64,
    /// Staff who have passed at least one module.
    pub passed: i64,
    /// ECTS credits earned by the department's staff.
    pub ects: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct ModuleCoverage {
    pub module_id: ModuleId,
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub provider: String,
    /// Distinct staff members enrolled (not withdrawn).
    pub participants: i64,
    pub passed: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Coverage {
    pub departments: Vec<DepartmentCoverage>,
    pub total: DepartmentCoverage,
    pub modules: Vec<ModuleCoverage>,
}

impl MunicipalityScope {
    /// The coverage report of a municipality (not found for a provider).
    pub async fn coverage(&self) -> Result<Coverage> {
        let org = self.org_id().0;
        // Staff per department straight from an index; what they took from the municipality's
        // enrolments (a few thousand rows), grouped per person and then per department. Two
        // small queries instead of one join of every employee against every enrolment.
        let staff: Vec<(String, i64)> = sqlx::query_as(
            "SELECT COALESCE(department, ''), CAST(COUNT(*) AS BIGINT) FROM employees WHERE org_id = $1
             GROUP BY COALESCE(department, '')",
        )
        .bind(org)
        .fetch_all(&self.store.pool)
        .await?;
        let taken: Vec<DepartmentCoverage> = sqlx::query_as(
            "SELECT department, CAST(0 AS BIGINT) AS employees, CAST(COUNT(*) AS BIGINT) AS reached,
                    CAST(SUM(CASE WHEN active > 0 THEN 1 ELSE 0 END) AS BIGINT) AS active,
                    CAST(SUM(CASE WHEN credits > 0 THEN 1 ELSE 0 END) AS BIGINT) AS passed,
                    CAST(SUM(ects) AS BIGINT) AS ects
             FROM (
                 SELECT COALESCE(em.department, '') AS department, e.employee_id,
                        SUM(CASE WHEN e.state IN ('requested', 'leader_approved', 'approved', 'waitlisted', 'enrolled') THEN 1 ELSE 0 END)
                            AS active,
                        COUNT(cr.id) AS credits,
                        COALESCE(SUM(cr.ects), 0) AS ects
                 FROM enrolments e JOIN employees em ON em.id = e.employee_id
                 LEFT JOIN credits cr ON cr.enrolment_id = e.id
                 WHERE e.municipality_id = $1 AND e.state NOT IN ('withdrawn', 'rejected')
                 GROUP BY COALESCE(em.department, ''), e.employee_id
             ) x
             GROUP BY department",
        )
        .bind(org)
        .fetch_all(&self.store.pool)
        .await?;
        let departments: Vec<DepartmentCoverage> = staff
            .into_iter()
            .map(|(department, employees)| {
                let t = taken.iter().find(|t| t.department == department).cloned().unwrap_or_default();
                DepartmentCoverage { department, employees, ..t }
            })
            .collect();
        // Named departments in alphabetical order, staff without one last (the same on both
        // databases, which sort empty strings and NULLs differently).
        let mut departments = departments;
        departments
            .sort_by(|a, b| (a.department.is_empty(), &a.department).cmp(&(b.department.is_empty(), &b.department)));
        let modules: Vec<ModuleCoverage> = sqlx::query_as(
            "SELECT m.id AS module_id, m.code, m.title_da, m.title_en, o.name AS provider,
                    CAST(COUNT(DISTINCT e.employee_id) AS BIGINT) AS participants,
                    CAST(COUNT(cr.id) AS BIGINT) AS passed
             FROM enrolments e
             JOIN cohorts c ON c.id = e.cohort_id
             JOIN modules m ON m.id = c.module_id
             JOIN organizations o ON o.id = m.provider_id
             LEFT JOIN credits cr ON cr.enrolment_id = e.id
             WHERE e.municipality_id = $1 AND e.state NOT IN ('withdrawn', 'rejected')
             GROUP BY m.id, m.code, m.title_da, m.title_en, o.name
             ORDER BY participants DESC, m.code",
        )
        .bind(org)
        .fetch_all(&self.store.pool)
        .await?;
        let total = departments.iter().fold(DepartmentCoverage::default(), |mut t, d| {
            t.employees += d.employees;
            t.reached += d.reached;
            t.active += d.active;
            t.passed += d.passed;
            t.ects += d.ects;
            t
        });
        Ok(Coverage { departments, total, modules })
    }
}
