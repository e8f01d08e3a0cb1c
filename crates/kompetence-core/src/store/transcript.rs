//! The transcript of records: a person's credits across providers and cohorts, their credit
//! transfers, the total ECTS and the weighted grade average.
use serde::Serialize;
use sqlx::FromRow;

use super::Store;
use crate::Result;
use crate::domain::{Grade, Rounding, UserId, weighted_average};

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct TranscriptRow {
    pub module_code: String,
    pub module_title_da: String,
    pub module_title_en: String,
    pub provider_name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub grade: String,
    pub ects: i64,
}

impl TranscriptRow {
    pub fn grade(&self) -> Option<Grade> {
        Grade::parse("grade", &self.grade).ok()
    }
    pub fn written_grade(&self) -> &'static str {
        self.grade().map(Grade::as_str).unwrap_or("?")
    }
    pub fn ects_letter(&self) -> &'static str {
        self.grade().map(Grade::ects_letter).unwrap_or("?")
    }
}

/// Karakterudskrift: every passed module with credits, the total and the weighted average.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Transcript {
    pub name: String,
    pub rows: Vec<TranscriptRow>,
    pub total_ects: i64,
    /// ECTS-weighted grade point average to one decimal, e.g. "7.4".
    pub average: Option<String>,
    #[serde(skip)]
    pub average_tenths: Option<crate::domain::Tenths>,
    /// Credit transfers (merit): counted in `total_ects`, not in the average (they carry no grade).
    pub transfers: Vec<TranscriptTransfer>,
}

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct TranscriptTransfer {
    pub title: String,
    pub source: String,
    pub ects: i64,
    pub programme_title_da: String,
    pub programme_title_en: String,
}

impl Store {
    /// The transcript of records of a user, across all providers and cohorts.
    pub(crate) async fn transcript(&self, user: UserId, rounding: Rounding) -> Result<Transcript> {
        let name: String =
            sqlx::query_scalar("SELECT name FROM users WHERE id = $1").bind(user.0).fetch_one(&self.pool).await?;
        let rows: Vec<TranscriptRow> = sqlx::query_as(
            "SELECT m.code AS module_code, m.title_da AS module_title_da, m.title_en AS module_title_en, o.name AS provider_name,
               c.starts_on, c.ends_on, cr.grade, cr.ects
             FROM credits cr JOIN enrolments e ON e.id = cr.enrolment_id JOIN employees emp ON emp.id = e.employee_id
             JOIN cohorts c ON c.id = e.cohort_id JOIN modules m ON m.id = cr.module_id JOIN organizations o ON o.id = c.provider_id
             WHERE emp.user_id = $1 ORDER BY c.ends_on, m.code",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        let transfers: Vec<TranscriptTransfer> = sqlx::query_as(
            "SELECT t.title, t.source, t.ects, p.title_da AS programme_title_da, p.title_en AS programme_title_en
             FROM credit_transfers t JOIN programmes p ON p.id = t.programme_id WHERE t.user_id = $1 ORDER BY t.id",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        let total_ects = rows.iter().map(|r| r.ects).sum::<i64>() + transfers.iter().map(|t| t.ects).sum::<i64>();
        let graded: Vec<(Grade, u32)> = rows.iter().filter_map(|r| Some((r.grade()?, r.ects as u32))).collect();
        let average_tenths = weighted_average(&graded, rounding);
        let average = average_tenths.map(|t| t.to_string().replace(',', ".").replace('−', "-"));
        Ok(Transcript { name, rows, total_ects, average, average_tenths, transfers })
    }
}
