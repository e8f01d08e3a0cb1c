//! Credit transfer and degree progress: what a person has done towards a programme, what is
//! missing, and by when it must be completed.
use serde::Serialize;
use sqlx::FromRow;

use super::{Programme, ProgrammeModule, ProviderScope, Store, bind_ids, in_list, now};
use crate::domain::{
    Email, ModuleId, ModuleRole, ProgrammeId, ShortText, TransferId, UserId, ValidationError, check_transfer,
};
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct CreditTransfer {
    pub id: TransferId,
    pub title: String,
    pub source: String,
    pub ects: i64,
    pub recorded_at: i64,
}

/// One module of a programme and whether the person has passed it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgressModule {
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub role: ModuleRole,
    pub ects: i64,
    /// The grade's code when passed.
    pub grade: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Progress {
    pub person: String,
    pub programme_code: String,
    pub programme_title_da: String,
    pub programme_title_en: String,
    pub modules: Vec<ProgressModule>,
    pub transfers: Vec<CreditTransfer>,
    pub earned_ects: i64,
    pub transferred_ects: i64,
    /// ECTS the programme requires in all, when its structure says.
    pub required_ects: Option<i64>,
    /// 'YYYY-MM-DD': first credit + the structure's completion years.
    pub deadline: Option<String>,
}

impl ProviderScope {
    /// A person's progress in one of this provider's programmes (the person by e-mail).
    pub async fn progress(&self, programme: ProgrammeId, email: &str) -> Result<Progress> {
        self.programme(programme).await?;
        let email = Email::parse("email", email)?;
        let (user, person) = self.person(&email).await?;
        self.store.progress_of(programme, user, person).await
    }

    /// A person this provider may see by e-mail: one enrolled in one of its cohorts, or
    /// holding one of its credit transfers. Anyone else on the platform is answered exactly
    /// as an unknown e-mail, so a provider cannot find out who exists elsewhere.
    async fn person(&self, email: &Email) -> Result<(UserId, String)> {
        let user: Option<(UserId, String)> = sqlx::query_as(
            "SELECT u.id, u.name FROM users u WHERE u.email = $1 AND (
                EXISTS (SELECT 1 FROM enrolments e JOIN employees emp ON emp.id = e.employee_id
                        JOIN cohorts c ON c.id = e.cohort_id WHERE emp.user_id = u.id AND c.provider_id = $2)
                OR EXISTS (SELECT 1 FROM credit_transfers t JOIN programmes p ON p.id = t.programme_id
                           WHERE t.user_id = u.id AND p.provider_id = $2))",
        )
        .bind(email.as_str())
        .bind(self.org_id().0)
        .fetch_optional(&self.store.pool)
        .await?;
        user.ok_or_else(|| ValidationError::new("email", "err-unknown-user").into())
    }
}

impl Store {
    /// A participant's own progress in every programme they have credits or transfers in.
    pub(crate) async fn my_progress(&self, user: crate::domain::UserId) -> Result<Vec<Progress>> {
        let ids: Vec<ProgrammeId> = sqlx::query_scalar(
            "SELECT pm.programme_id FROM credits cr JOIN enrolments e ON e.id = cr.enrolment_id
             JOIN employees emp ON emp.id = e.employee_id JOIN programme_modules pm ON pm.module_id = cr.module_id
             WHERE emp.user_id = $1
             UNION SELECT programme_id FROM credit_transfers WHERE user_id = $1",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        let person: String =
            sqlx::query_scalar("SELECT name FROM users WHERE id = $1").bind(user.0).fetch_one(&self.pool).await?;
        let mut all = self.progress_in(&ids, user, person).await?;
        all.sort_by(|a, b| a.programme_title_da.cmp(&b.programme_title_da));
        Ok(all)
    }

    async fn progress_of(&self, programme: ProgrammeId, user: UserId, person: String) -> Result<Progress> {
        self.progress_in(&[programme], user, person).await?.pop().ok_or(Error::NotFound)
    }

    /// A person's progress in several programmes, in four queries whatever their number:
    /// the programmes, their modules, the person's credits and their transfers.
    async fn progress_in(&self, programmes: &[ProgrammeId], user: UserId, person: String) -> Result<Vec<Progress>> {
        if programmes.is_empty() {
            return Ok(vec![]);
        }
        let loaded = self.load_programmes(programmes).await?;
        let passed: Vec<PassedCredit> = sqlx::query_as(
            "SELECT cr.module_id, cr.grade, cr.awarded_at FROM credits cr JOIN enrolments e ON e.id = cr.enrolment_id
             JOIN employees emp ON emp.id = e.employee_id WHERE emp.user_id = $1",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        let (sql, binds) = in_list(
            "SELECT programme_id, id, title, source, ects, recorded_at FROM credit_transfers WHERE programme_id IN",
            programmes.iter().map(|p| p.0),
            "AND user_id = {next} ORDER BY id",
        );
        let mut transfers: Vec<TransferRow> =
            bind_ids(sqlx::query_as(&sql), &binds).bind(user.0).fetch_all(&self.pool).await?;
        Ok(loaded
            .into_iter()
            .map(|super::ProgrammeDetail { programme: p, modules }| {
                let mine = transfers.extract_if(.., |t| t.programme_id == p.id).map(|t| t.transfer).collect();
                progress(p, modules, &passed, mine, person.clone())
            })
            .collect())
    }
}

#[derive(FromRow)]
struct PassedCredit {
    module_id: ModuleId,
    grade: String,
    awarded_at: i64,
}

#[derive(FromRow)]
struct TransferRow {
    programme_id: ProgrammeId,
    #[sqlx(flatten)]
    transfer: CreditTransfer,
}

/// One programme's progress from what was loaded for it.
fn progress(
    p: Programme,
    modules: Vec<ProgrammeModule>,
    passed: &[PassedCredit],
    transfers: Vec<CreditTransfer>,
    person: String,
) -> Progress {
    let ids: Vec<ModuleId> = modules.iter().map(|pm| pm.module.id).collect();
    // The programme's clock starts at the first credit earned in it.
    let first = passed.iter().filter(|c| ids.contains(&c.module_id)).map(|c| c.awarded_at).min();
    let modules: Vec<ProgressModule> = modules
        .into_iter()
        .map(|pm| ProgressModule {
            grade: passed.iter().find(|c| c.module_id == pm.module.id).map(|c| c.grade.clone()),
            code: pm.module.code,
            title_da: pm.module.title_da,
            title_en: pm.module.title_en,
            role: pm.role,
            ects: pm.module.ects,
        })
        .collect();
    let rules = p.structure.rules();
    let deadline = match (first, rules.completion_years) {
        (Some(at), Some(years)) => time::OffsetDateTime::from_unix_timestamp(at).ok().and_then(|t| {
            let d = t.date();
            d.replace_year(d.year() + years as i32).ok().map(crate::domain::schedule::fmt_date)
        }),
        _ => None,
    };
    Progress {
        person,
        programme_code: p.code,
        programme_title_da: p.title_da,
        programme_title_en: p.title_en,
        earned_ects: modules.iter().filter(|m| m.grade.is_some()).map(|m| m.ects).sum(),
        transferred_ects: transfers.iter().map(|t| t.ects).sum(),
        required_ects: rules.total_ects.map(i64::from),
        modules,
        transfers,
        deadline,
    }
}

impl ProviderScope {
    /// Records ECTS transferred from elsewhere towards a programme, within its cap.
    pub async fn add_credit_transfer(
        &self,
        programme: ProgrammeId,
        email: &str,
        title: &str,
        source: &str,
        ects: &str,
    ) -> Result<()> {
        let p = self.programme(programme).await?.programme;
        let mut errs = vec![];
        let email = Email::parse("email", email).map_err(|e| errs.push(e)).ok();
        let title = ShortText::parse_required("title", title, 200).map_err(|e| errs.push(e)).ok();
        let source = ShortText::parse_required("source", source, 200).map_err(|e| errs.push(e)).ok();
        let ects =
            ects.trim().parse::<u32>().map_err(|_| errs.push(ValidationError::new("ects", "err-ects-range"))).ok();
        let (Some(email), Some(title), Some(source), Some(ects)) = (email, title, source, ects) else {
            return Err(errs.into());
        };
        let (user, _) = self.person(&email).await?;
        let structure = p.structure;
        let mut tx = self.store.begin_write().await?;
        let already: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(ects), 0) AS BIGINT) FROM credit_transfers WHERE user_id = $1 AND programme_id = $2",
        )
        .bind(user)
        .bind(p.id)
        .fetch_one(&mut *tx)
        .await?;
        check_transfer(structure, already as u32, ects)?;
        sqlx::query(
            "INSERT INTO credit_transfers (user_id, programme_id, title, source, ects, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(user)
        .bind(p.id)
        .bind(title.as_str())
        .bind(source.as_str())
        .bind(i64::from(ects))
        .bind(self.grant.user().0)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
