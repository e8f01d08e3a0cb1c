//! Cohorts (hold): runs of a module or specialisation with teachers, venue, capacity,
//! sign-up deadline and teaching days. Owned by the provider.
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use time::Date;

use super::ProviderScope;
use super::write::Values;
use super::{HOLDS_SEAT, OrgScope, PageRequest, Paged, holds_seat, now};
use crate::domain::schedule::{DayInput, DayKind, fmt_date, fmt_time, parse_date};
use crate::domain::serde_util::string_or_number;
use crate::domain::{
    CohortId, DayId, ModuleId, OrgId, Role, Secret, ShortText, SpecialisationId, UserId, ValidationError,
};
use crate::{Error, Result};

/// A teacher assigned to a cohort.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct CohortTeacher {
    pub id: UserId,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Cohort {
    pub id: CohortId,
    pub provider_id: OrgId,
    pub provider_name: String,
    pub module_id: ModuleId,
    pub module_code: String,
    pub module_title_da: String,
    pub module_title_en: String,
    pub ects: i64,
    pub specialisation_id: Option<SpecialisationId>,
    pub specialisation_title: Option<String>,
    /// The one municipality a specialisation is for.
    pub specialisation_municipality_id: Option<OrgId>,
    pub name: String,
    pub venue: Option<String>,
    pub capacity: i64,
    pub signup_deadline: Option<String>,
    pub starts_on: String,
    pub ends_on: String,
    /// Seats held (enrolled or completed).
    pub seats_taken: i64,
    pub waitlisted: i64,
    #[serde(skip)]
    pub feed_key: String,
}

pub(super) const COHORT_SELECT: &str = concat!("SELECT c.id, c.provider_id, o.name AS provider_name, c.module_id, m.code AS module_code,
    m.title_da AS module_title_da, m.title_en AS module_title_en, m.ects, c.specialisation_id, s.title AS specialisation_title,
    s.municipality_id AS specialisation_municipality_id, c.name, c.venue, c.capacity, c.signup_deadline, c.starts_on, c.ends_on,
    (SELECT COUNT(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.state IN ", holds_seat!(), ") AS seats_taken,
    (SELECT COUNT(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.state = 'waitlisted') AS waitlisted,
    c.feed_key
    FROM cohorts c JOIN modules m ON m.id = c.module_id JOIN organizations o ON o.id = c.provider_id
    LEFT JOIN specialisations s ON s.id = c.specialisation_id");

impl Cohort {
    pub fn seats_left(&self) -> i64 {
        (self.capacity - self.seats_taken).max(0)
    }
    /// The sign-up deadline (Danish date) has passed.
    pub fn signup_closed(&self) -> bool {
        let today = fmt_date(crate::domain::schedule::copenhagen_today(time::OffsetDateTime::now_utc()));
        self.signup_deadline.as_ref().is_some_and(|d| today > *d)
    }
    pub fn period(&self) -> Option<(Date, Date)> {
        Some((parse_date("starts_on", &self.starts_on).ok()?, parse_date("ends_on", &self.ends_on).ok()?))
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CohortInput {
    #[serde(deserialize_with = "string_or_number", default)]
    #[schema(value_type = i64)]
    pub module_id: String,
    /// Optional specialisation of the module (a tailored course).
    #[serde(deserialize_with = "string_or_number", default)]
    #[schema(value_type = Option<i64>)]
    pub specialisation_id: String,
    pub name: String,
    #[serde(default)]
    pub venue: String,
    #[serde(deserialize_with = "string_or_number", default)]
    #[schema(value_type = i64)]
    pub capacity: String,
    /// YYYY-MM-DD, optional
    #[serde(default)]
    pub signup_deadline: String,
    /// YYYY-MM-DD
    pub starts_on: String,
    /// YYYY-MM-DD
    pub ends_on: String,
}

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct TeachingDay {
    pub id: DayId,
    pub cohort_id: CohortId,
    /// YYYY-MM-DD
    pub day_date: String,
    /// HH:MM Danish local time
    pub starts_at: String,
    pub ends_at: String,
    pub kind: DayKind,
    pub title: Option<String>,
    pub room: Option<String>,
    pub prepare: Option<String>,
}

pub(super) const DAY_COLS: &str =
    "d.id, d.cohort_id, d.day_date, d.starts_at, d.ends_at, d.kind, d.title, d.room, d.prepare";

struct ValidCohort {
    module: i64,
    specialisation: Option<i64>,
    name: ShortText,
    venue: Option<ShortText>,
    capacity: i64,
    deadline: Option<Date>,
    starts: Date,
    ends: Date,
}

/// The columns a cohort form writes on insert and update alike (the module, the
/// specialisation and the feed key are set once, at creation).
fn cohort_values(v: &ValidCohort) -> Values<'_> {
    Values::new()
        .set("name", v.name.as_str())
        .set("venue", v.venue.as_ref().map(ShortText::as_str))
        .set("capacity", v.capacity)
        .set("signup_deadline", v.deadline.map(fmt_date))
        .set("starts_on", fmt_date(v.starts))
        .set("ends_on", fmt_date(v.ends))
}

fn parse_id(field: &'static str, s: &str, errs: &mut Vec<ValidationError>) -> Option<i64> {
    match s.trim().parse::<i64>() {
        Ok(n) if n > 0 => Some(n),
        _ => {
            errs.push(ValidationError::new(field, "err-required"));
            None
        }
    }
}

impl CohortInput {
    fn validate(&self) -> std::result::Result<ValidCohort, Vec<ValidationError>> {
        let mut errs = vec![];
        let module = parse_id("module_id", &self.module_id, &mut errs);
        let specialisation = if self.specialisation_id.trim().is_empty() {
            Some(None)
        } else {
            parse_id("specialisation_id", &self.specialisation_id, &mut errs).map(Some)
        };
        let name = ShortText::parse_required("name", &self.name, 200).map_err(|e| errs.push(e)).ok();
        let venue = ShortText::parse_optional("venue", &self.venue, 200).map_err(|e| errs.push(e)).ok();
        let capacity = match self.capacity.trim().parse::<i64>() {
            Ok(n @ 1..=10_000) => Some(n),
            _ => {
                errs.push(ValidationError::new("capacity", "err-capacity-range"));
                None
            }
        };
        let deadline = if self.signup_deadline.trim().is_empty() {
            Some(None)
        } else {
            parse_date("signup_deadline", &self.signup_deadline).map(Some).map_err(|e| errs.push(e)).ok()
        };
        let starts = parse_date("starts_on", &self.starts_on).map_err(|e| errs.push(e)).ok();
        let ends = parse_date("ends_on", &self.ends_on).map_err(|e| errs.push(e)).ok();
        if let (Some(s), Some(e)) = (starts, ends)
            && e < s
        {
            errs.push(ValidationError::new("ends_on", "err-period-backwards"));
        }
        match (module, specialisation, name, venue, capacity, deadline, starts, ends) {
            (
                Some(module),
                Some(specialisation),
                Some(name),
                Some(venue),
                Some(capacity),
                Some(deadline),
                Some(starts),
                Some(ends),
            ) if errs.is_empty() => {
                Ok(ValidCohort { module, specialisation, name, venue, capacity, deadline, starts, ends })
            }
            _ => Err(errs),
        }
    }
}

impl OrgScope {
    /// Whether the caller only teaches here (sees only the cohorts they teach).
    fn teacher_only(&self) -> bool {
        self.grant.has(Role::Teacher) && !self.grant.has(Role::ProviderAdmin)
    }

    /// Fails with not-found unless the caller may see the cohort (this provider's; for a
    /// teacher, one they teach). Asked of the database once per scope.
    pub(super) async fn check_cohort(&self, id: CohortId) -> Result<()> {
        if self.cohorts_seen.lock().is_ok_and(|seen| seen.contains(&id.0)) {
            return Ok(());
        }
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM cohorts WHERE id = $1 AND provider_id = $2")
            .bind(id.0)
            .bind(self.org_id().0)
            .fetch_optional(&self.store.pool)
            .await?;
        if found.is_none() || (self.teacher_only() && !self.teaches(id).await?) {
            return Err(Error::NotFound);
        }
        self.remember_cohort(id);
        Ok(())
    }

    fn remember_cohort(&self, id: CohortId) {
        if let Ok(mut seen) = self.cohorts_seen.lock() {
            seen.push(id.0);
        }
    }

    async fn teaches(&self, id: CohortId) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cohort_teachers WHERE cohort_id = $1 AND user_id = $2")
            .bind(id.0)
            .bind(self.grant.user().0)
            .fetch_one(&self.store.pool)
            .await?;
        Ok(n > 0)
    }
}

impl ProviderScope {
    async fn check_module_and_specialisation(&self, v: &ValidCohort) -> Result<()> {
        if self.module(ModuleId(v.module)).await.is_err() {
            return Err(ValidationError::new("module_id", "err-module-unknown").into());
        }
        if let Some(s) = v.specialisation {
            let ok: Option<i64> = sqlx::query_scalar("SELECT 1 FROM specialisations WHERE id = $1 AND module_id = $2")
                .bind(s)
                .bind(v.module)
                .fetch_optional(&self.store.pool)
                .await?;
            if ok.is_none() {
                return Err(ValidationError::new("specialisation_id", "err-specialisation-unknown").into());
            }
        }
        Ok(())
    }

    /// This provider's cohorts; a teacher sees those they teach.
    pub async fn cohorts(&self, page: PageRequest) -> Result<Paged<Cohort>> {
        let mut filter = "WHERE c.provider_id = $1".to_string();
        if self.teacher_only() {
            filter
                .push_str(" AND EXISTS (SELECT 1 FROM cohort_teachers t WHERE t.cohort_id = c.id AND t.user_id = $2)");
        }
        let n = if self.teacher_only() { 3 } else { 2 };
        let count_sql = format!("SELECT COUNT(*) FROM cohorts c {filter}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql).bind(self.org_id().0);
        let list_sql =
            format!("{COHORT_SELECT} {filter} ORDER BY c.starts_on DESC, c.id DESC LIMIT ${n} OFFSET ${}", n + 1);
        let mut list = sqlx::query_as::<_, Cohort>(&list_sql).bind(self.org_id().0);
        if self.teacher_only() {
            count = count.bind(self.grant.user().0);
            list = list.bind(self.grant.user().0);
        }
        let total = count.fetch_one(&self.store.pool).await?;
        let items = list.bind(i64::from(page.per_page)).bind(page.offset()).fetch_all(&self.store.pool).await?;
        Ok(Paged { items, total, page: page.page, per_page: page.per_page })
    }

    /// One of this provider's cohorts (for a teacher: one they teach).
    pub async fn cohort(&self, id: CohortId) -> Result<Cohort> {
        let c: Cohort = sqlx::query_as(&format!("{COHORT_SELECT} WHERE c.id = $1 AND c.provider_id = $2"))
            .bind(id.0)
            .bind(self.org_id().0)
            .fetch_one(&self.store.pool)
            .await?;
        if self.teacher_only() && !self.teaches(id).await? {
            return Err(Error::NotFound);
        }
        self.remember_cohort(id);
        Ok(c)
    }

    pub async fn create_cohort(&self, input: &CohortInput) -> Result<Cohort> {
        let v = input.validate()?;
        self.check_module_and_specialisation(&v).await?;
        let (sql, args) = cohort_values(&v)
            .set("provider_id", self.org_id().0)
            .set("module_id", v.module)
            .set("specialisation_id", v.specialisation)
            .set("feed_key", Secret::generate("").expose().to_string())
            .set("created_at", now())
            .insert("cohorts", "RETURNING id");
        let id: i64 = sqlx::query_scalar_with(&sql, args).fetch_one(&self.store.pool).await?;
        self.cohort(CohortId(id)).await
    }

    /// Changes name, venue, capacity, deadline and period (not the module). Capacity may
    /// not drop below the seats already taken; the period must still hold every day.
    pub async fn update_cohort(&self, id: CohortId, input: &CohortInput) -> Result<Cohort> {
        let old = self.cohort(id).await?;
        let input = CohortInput {
            module_id: old.module_id.to_string(),
            specialisation_id: old.specialisation_id.map(|s| s.to_string()).unwrap_or_default(),
            ..input.clone()
        };
        let v = input.validate()?;
        let mut tx = self.store.begin_write().await?;
        let d = self.store.dialect;
        sqlx::query(&format!("SELECT id FROM cohorts WHERE id = $1{}", d.for_update()))
            .bind(id.0)
            .fetch_one(&mut *tx)
            .await?;
        let taken: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM enrolments WHERE cohort_id = $1 AND state IN {HOLDS_SEAT}"
        ))
        .bind(id.0)
        .fetch_one(&mut *tx)
        .await?;
        if v.capacity < taken {
            return Err(ValidationError::new("capacity", "err-capacity-below-enrolled").into());
        }
        let outside: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM teaching_days WHERE cohort_id = $1 AND (day_date < $2 OR day_date > $3)",
        )
        .bind(id.0)
        .bind(fmt_date(v.starts))
        .bind(fmt_date(v.ends))
        .fetch_one(&mut *tx)
        .await?;
        if outside > 0 {
            return Err(ValidationError::new("starts_on", "err-period-excludes-days").into());
        }
        let (sql, args) = cohort_values(&v).update("cohorts", &[("id", id.0), ("provider_id", self.org_id().0)]);
        sqlx::query_with(&sql, args).execute(&mut *tx).await?;
        // More seats may let people in from the waitlist.
        super::enrolments::promote_waitlist(&mut tx, id, v.capacity, self.grant.user()).await?;
        tx.commit().await?;
        self.cohort(id).await
    }

    pub async fn days(&self, id: CohortId) -> Result<Vec<TeachingDay>> {
        self.check_cohort(id).await?;
        Ok(sqlx::query_as(&format!(
            "SELECT {DAY_COLS} FROM teaching_days d WHERE d.cohort_id = $1 ORDER BY d.day_date, d.starts_at, d.id"
        ))
        .bind(id.0)
        .fetch_all(&self.store.pool)
        .await?)
    }

    pub async fn add_day(&self, id: CohortId, input: &DayInput) -> Result<TeachingDay> {
        let c = self.cohort(id).await?;
        let period = c.period().ok_or_else(|| anyhow::anyhow!("bad cohort period in db"))?;
        let day = input.validate(period)?;
        let day_id: i64 = sqlx::query_scalar(
            "INSERT INTO teaching_days (cohort_id, day_date, starts_at, ends_at, kind, title, room, prepare)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(id.0)
        .bind(fmt_date(day.date))
        .bind(fmt_time(day.starts))
        .bind(fmt_time(day.ends))
        .bind(day.kind.as_str())
        .bind(day.title.as_ref().map(ShortText::as_str))
        .bind(day.room.as_ref().map(ShortText::as_str))
        .bind(day.prepare)
        .fetch_one(&self.store.pool)
        .await?;
        Ok(sqlx::query_as(&format!("SELECT {DAY_COLS} FROM teaching_days d WHERE d.id = $1"))
            .bind(day_id)
            .fetch_one(&self.store.pool)
            .await?)
    }

    /// Teachers of a cohort, by name.
    pub async fn cohort_teachers(&self, id: CohortId) -> Result<Vec<CohortTeacher>> {
        self.check_cohort(id).await?;
        Ok(sqlx::query_as(
            "SELECT u.id, u.name, u.email FROM cohort_teachers t JOIN users u ON u.id = t.user_id WHERE t.cohort_id = $1 ORDER BY u.name",
        )
        .bind(id.0)
        .fetch_all(&self.store.pool)
        .await?)
    }

    /// Assigns a teacher of this provider (by e-mail) to a cohort.
    pub async fn assign_teacher(&self, id: CohortId, email: &str) -> Result<()> {
        self.check_cohort(id).await?;
        let user: Option<i64> = sqlx::query_scalar(
            "SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id
             WHERE u.email = $1 AND m.org_id = $2 AND m.role = 'teacher'",
        )
        .bind(email.trim().to_lowercase())
        .bind(self.org_id().0)
        .fetch_optional(&self.store.pool)
        .await?;
        let Some(user) = user else {
            return Err(ValidationError::new("email", "err-teacher-unknown").into());
        };
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM cohort_teachers WHERE cohort_id = $1 AND user_id = $2")
                .bind(id.0)
                .bind(user)
                .fetch_optional(&self.store.pool)
                .await?;
        if exists.is_none() {
            sqlx::query("INSERT INTO cohort_teachers (cohort_id, user_id) VALUES ($1, $2)")
                .bind(id.0)
                .bind(user)
                .execute(&self.store.pool)
                .await?;
        }
        Ok(())
    }
}
