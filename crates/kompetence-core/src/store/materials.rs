//! Materials and cases a teacher attaches to a cohort or a teaching day (a text and/or a
//! file), files handed in with assignments, and the uploaded files themselves.
use serde::Serialize;
use sqlx::FromRow;

use super::ProviderScope;
use super::{HOLDS_SEAT, Store, now};
use crate::domain::{
    AssignmentId, CohortId, DayId, FileId, MaterialId, ShortText, SubmissionId, UserId, ValidationError,
};
use crate::{Error, Result};

/// A file accepted by the upload policy, ready to store.
pub struct NewFile {
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// A stored file's bytes and how to serve them.
pub struct FileData {
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Material {
    pub id: MaterialId,
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub teaching_day_id: Option<DayId>,
    pub day_date: Option<String>,
    pub title: String,
    pub body: String,
    pub file_name: Option<String>,
    pub file_size: Option<i64>,
}

const MATERIAL_SELECT: &str =
    "SELECT m.id, m.cohort_id, c.name AS cohort_name, m.teaching_day_id, d.day_date, m.title, m.body,
    f.name AS file_name, f.size AS file_size
    FROM materials m JOIN cohorts c ON c.id = m.cohort_id LEFT JOIN teaching_days d ON d.id = m.teaching_day_id
    LEFT JOIN files f ON f.id = m.file_id";

/// A file handed in with an assignment.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct HandInFile {
    pub submission_id: SubmissionId,
    pub file_id: FileId,
    pub name: String,
    pub size: i64,
}

impl Store {
    pub(super) async fn insert_file(&self, f: &NewFile, by: UserId) -> Result<FileId> {
        Ok(sqlx::query_scalar(
            "INSERT INTO files (name, content_type, size, data, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&f.name)
        .bind(&f.content_type)
        .bind(f.data.len() as i64)
        .bind(&f.data)
        .bind(by.0)
        .bind(now())
        .fetch_one(&self.pool)
        .await?)
    }

    async fn file(&self, id: FileId) -> Result<FileData> {
        let (name, content_type, data): (String, String, Vec<u8>) =
            sqlx::query_as("SELECT name, content_type, data FROM files WHERE id = $1")
                .bind(id)
                .fetch_one(&self.pool)
                .await?;
        Ok(FileData { name, content_type, data })
    }

    /// Materials of every cohort the user is on.
    pub(crate) async fn my_materials(&self, user: UserId) -> Result<Vec<Material>> {
        Ok(sqlx::query_as(&format!(
            "{MATERIAL_SELECT} WHERE m.cohort_id IN (SELECT e.cohort_id FROM enrolments e JOIN employees emp ON emp.id = e.employee_id
               WHERE emp.user_id = $1 AND e.state IN {HOLDS_SEAT})
             ORDER BY c.starts_on DESC, d.day_date, m.id"
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?)
    }

    /// A material's file, for someone on its cohort.
    pub(crate) async fn my_material_file(&self, user: UserId, material: MaterialId) -> Result<FileData> {
        let mine = self.my_materials(user).await?;
        if !mine.iter().any(|m| m.id == material) {
            return Err(Error::NotFound);
        }
        self.material_file_id(material).await
    }

    async fn material_file_id(&self, material: MaterialId) -> Result<FileData> {
        let file: Option<FileId> = sqlx::query_scalar("SELECT file_id FROM materials WHERE id = $1")
            .bind(material)
            .fetch_one(&self.pool)
            .await?;
        self.file(file.ok_or(Error::NotFound)?).await
    }

    /// Attaches a file to the user's own hand-in.
    pub(super) async fn attach_to_submission(&self, submission: SubmissionId, f: &NewFile, by: UserId) -> Result<()> {
        let file = self.insert_file(f, by).await?;
        sqlx::query("INSERT INTO submission_files (submission_id, file_id) VALUES ($1, $2)")
            .bind(submission)
            .bind(file)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Files handed in to an assignment, per submission.
    pub(super) async fn hand_in_files(&self, assignment: AssignmentId) -> Result<Vec<HandInFile>> {
        Ok(sqlx::query_as(
            "SELECT sf.submission_id, f.id AS file_id, f.name, f.size FROM submission_files sf
             JOIN files f ON f.id = sf.file_id JOIN submissions s ON s.id = sf.submission_id
             WHERE s.assignment_id = $1 ORDER BY f.id",
        )
        .bind(assignment)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The user's own handed-in files (for their assignments page).
    pub(crate) async fn my_hand_in_files(&self, user: UserId) -> Result<Vec<(AssignmentId, HandInFile)>> {
        let rows: Vec<(AssignmentId, SubmissionId, FileId, String, i64)> = sqlx::query_as(
            "SELECT s.assignment_id, sf.submission_id, f.id, f.name, f.size FROM submission_files sf
             JOIN files f ON f.id = sf.file_id JOIN submissions s ON s.id = sf.submission_id
             JOIN enrolments e ON e.id = s.enrolment_id JOIN employees emp ON emp.id = e.employee_id
             WHERE emp.user_id = $1 ORDER BY f.id",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(a, submission_id, file_id, name, size)| (a, HandInFile { submission_id, file_id, name, size }))
            .collect())
    }
}

impl ProviderScope {
    pub async fn materials(&self, cohort: CohortId) -> Result<Vec<Material>> {
        self.check_cohort(cohort).await?;
        Ok(sqlx::query_as(&format!("{MATERIAL_SELECT} WHERE m.cohort_id = $1 ORDER BY d.day_date, m.id"))
            .bind(cohort.0)
            .fetch_all(&self.store.pool)
            .await?)
    }

    /// Adds a material: a title, and a text and/or a file (already checked by the upload policy).
    pub async fn add_material(
        &self,
        cohort: CohortId,
        day: Option<DayId>,
        title: &str,
        body: &str,
        file: Option<&NewFile>,
    ) -> Result<MaterialId> {
        self.check_cohort(cohort).await?;
        let title = ShortText::parse_required("title", title, 200)?;
        if body.trim().is_empty() && file.is_none() {
            return Err(ValidationError::new("body", "err-material-empty").into());
        }
        if let Some(d) = day {
            let ok: Option<i64> = sqlx::query_scalar("SELECT id FROM teaching_days WHERE id = $1 AND cohort_id = $2")
                .bind(d)
                .bind(cohort.0)
                .fetch_optional(&self.store.pool)
                .await?;
            if ok.is_none() {
                return Err(ValidationError::new("day_id", "err-material-day").into());
            }
        }
        let file_id = match file {
            Some(f) => Some(self.store.insert_file(f, self.grant.user()).await?),
            None => None,
        };
        Ok(sqlx::query_scalar(
            "INSERT INTO materials (cohort_id, teaching_day_id, title, body, file_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(cohort.0)
        .bind(day)
        .bind(title.as_str())
        .bind(body.trim())
        .bind(file_id)
        .bind(now())
        .fetch_one(&self.store.pool)
        .await?)
    }

    /// A material's file, for the cohort's teachers and the provider.
    pub async fn material_file(&self, material: MaterialId) -> Result<FileData> {
        let cohort: i64 = sqlx::query_scalar(
            "SELECT m.cohort_id FROM materials m JOIN cohorts c ON c.id = m.cohort_id WHERE m.id = $1 AND c.provider_id = $2",
        )
        .bind(material)
        .bind(self.org_id().0)
        .fetch_one(&self.store.pool)
        .await?;
        self.check_cohort(CohortId(cohort)).await?;
        self.store.material_file_id(material).await
    }

    /// Files handed in to one of this provider's assignments.
    pub async fn assignment_files(&self, assignment: AssignmentId) -> Result<Vec<HandInFile>> {
        self.assignment(assignment).await?;
        self.store.hand_in_files(assignment).await
    }

    /// A handed-in file, for the assignment's teachers.
    pub async fn hand_in_file(&self, assignment: AssignmentId, file: FileId) -> Result<FileData> {
        let files = self.assignment_files(assignment).await?;
        if !files.iter().any(|f| f.file_id == file) {
            return Err(Error::NotFound);
        }
        self.store.file(file).await
    }
}
