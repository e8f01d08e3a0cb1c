//! What people see of cohorts from outside the provider: the catalogue for
//! municipalities, "Mit forløb" for participants, teachers' schedules, and the private
//! iCalendar feeds behind secret URLs.
use serde::Serialize;
use sqlx::FromRow;
use time::OffsetDateTime;

use super::MunicipalityScope;
use super::cohorts::{COHORT_SELECT, Cohort, DAY_COLS, TeachingDay};
use super::{HOLDS_SEAT, PageRequest, Paged, Store, now};
use crate::Result;
use crate::documents::ical::{CalEvent, calendar};
use crate::domain::schedule::{Slot, clashes, copenhagen_today, fmt_date, parse_date, parse_time};
use crate::domain::{CohortId, DayId, Secret, UserId};

/// A teaching day with the cohort it belongs to, for schedules and feeds.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct ScheduledDay {
    #[sqlx(flatten)]
    pub day: TeachingDay,
    pub cohort_name: String,
    pub module_title_da: String,
    pub module_title_en: String,
    pub provider_name: String,
    pub venue: Option<String>,
}

const SCHEDULED_SELECT: &str = "SELECT d.id, d.cohort_id, d.day_date, d.starts_at, d.ends_at, d.kind, d.title, d.room, d.prepare,
    c.name AS cohort_name, m.title_da AS module_title_da, m.title_en AS module_title_en, o.name AS provider_name, c.venue
    FROM teaching_days d JOIN cohorts c ON c.id = d.cohort_id JOIN modules m ON m.id = c.module_id
    JOIN organizations o ON o.id = c.provider_id";

/// A person's cohorts and days, with clashes between days.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Schedule {
    pub cohorts: Vec<Cohort>,
    /// Coming days (today and later), in order.
    pub days: Vec<ScheduledDay>,
    /// Pairs of day ids that overlap in time.
    pub clashes: Vec<(DayId, DayId)>,
}

fn clash_pairs(days: &[ScheduledDay]) -> Vec<(DayId, DayId)> {
    let slots: Vec<Slot> = days
        .iter()
        .filter_map(|d| {
            Some(Slot {
                day_id: d.day.id,
                date: parse_date("d", &d.day.day_date).ok()?,
                starts: parse_time("s", &d.day.starts_at).ok()?,
                ends: parse_time("e", &d.day.ends_at).ok()?,
                label: d.cohort_name.clone(),
            })
        })
        .collect();
    clashes(&slots).into_iter().map(|(a, b)| (a.day_id, b.day_id)).collect()
}

fn events(days: &[ScheduledDay], kind_label: impl Fn(&str) -> String) -> Vec<CalEvent> {
    days.iter()
        .filter_map(|d| {
            let t = &d.day;
            let what = t.title.clone().unwrap_or_else(|| kind_label(t.kind.as_str()));
            let location = match (&t.room, &d.venue) {
                (Some(r), Some(v)) => Some(format!("{r}, {v}")),
                (r, v) => r.clone().or(v.clone()),
            };
            let mut description = format!("{} – {} ({})", d.module_title_da, d.cohort_name, d.provider_name);
            if let Some(p) = &t.prepare {
                description.push_str("\nForberedelse: ");
                description.push_str(p);
            }
            Some(CalEvent {
                uid: format!("teaching-day-{}@kompetence", t.id),
                date: parse_date("d", &t.day_date).ok()?,
                starts: parse_time("s", &t.starts_at).ok()?,
                ends: parse_time("e", &t.ends_at).ok()?,
                summary: format!("{what}: {}", d.module_title_da),
                location,
                description: Some(description),
            })
        })
        .collect()
}

/// Danish names of the kinds of day, for feed titles.
pub fn day_kind_da(kind: &str) -> String {
    match kind {
        "workshop" => "Workshop",
        "focus_group" => "Fokusgruppeinterview",
        "exam" => "Eksamen",
        _ => "Undervisningsdag",
    }
    .to_string()
}

impl MunicipalityScope {
    /// Open cohorts (not yet ended) of every provider that this municipality may join:
    /// general runs, and tailored runs made for this municipality.
    pub async fn catalogue(&self, q: &str, page: PageRequest) -> Result<Paged<Cohort>> {
        let like = self.store.dialect.ilike();
        // Without a search term the five LIKEs are skipped (`$3 = '%%'`), and the index on
        // `ends_on` leaves only cohorts not yet over to read (migration 0007).
        let filter = format!(
            "WHERE c.ends_on >= $1 AND (s.municipality_id IS NULL OR s.municipality_id = $2)
             AND ($3 = '%%' OR m.title_da {like} $3 OR m.title_en {like} $3 OR m.code {like} $3 OR o.name {like} $3
                  OR c.name {like} $3)"
        );
        let today = fmt_date(copenhagen_today(OffsetDateTime::now_utc()));
        let pattern = format!("%{}%", q.trim());
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM cohorts c JOIN modules m ON m.id = c.module_id JOIN organizations o ON o.id = c.provider_id
             LEFT JOIN specialisations s ON s.id = c.specialisation_id {filter}"
        ))
        .bind(&today)
        .bind(self.org_id().0)
        .bind(&pattern)
        .fetch_one(&self.store.pool)
        .await?;
        // The page's ids first, then the full rows with their seat counts for those alone:
        // SQLite computes a row's subqueries before sorting, so selecting everything, ordered
        // and limited, counted seats for every open cohort to show twenty-five.
        let items = sqlx::query_as(&format!(
            "{COHORT_SELECT} WHERE c.id IN (SELECT c.id FROM cohorts c JOIN modules m ON m.id = c.module_id
               JOIN organizations o ON o.id = c.provider_id LEFT JOIN specialisations s ON s.id = c.specialisation_id
               {filter} ORDER BY c.starts_on, c.id LIMIT $4 OFFSET $5)
             ORDER BY c.starts_on, c.id"
        ))
        .bind(&today)
        .bind(self.org_id().0)
        .bind(&pattern)
        .bind(i64::from(page.per_page))
        .bind(page.offset())
        .fetch_all(&self.store.pool)
        .await?;
        Ok(Paged { items, total, page: page.page, per_page: page.per_page })
    }

    /// A cohort as a municipality sees it; a tailored run for another municipality is not
    /// found.
    pub async fn catalogue_cohort(&self, id: CohortId) -> Result<Cohort> {
        Ok(sqlx::query_as(&format!(
            "{COHORT_SELECT} WHERE c.id = $1 AND (s.municipality_id IS NULL OR s.municipality_id = $2)"
        ))
        .bind(id.0)
        .bind(self.org_id().0)
        .fetch_one(&self.store.pool)
        .await?)
    }

    pub async fn catalogue_days(&self, id: CohortId) -> Result<Vec<TeachingDay>> {
        self.catalogue_cohort(id).await?;
        Ok(sqlx::query_as(&format!(
            "SELECT {DAY_COLS} FROM teaching_days d WHERE d.cohort_id = $1 ORDER BY d.day_date, d.starts_at, d.id"
        ))
        .bind(id.0)
        .fetch_all(&self.store.pool)
        .await?)
    }
}

impl Store {
    /// "Mit forløb": the cohorts a user takes part in (enrolled or completed, as an
    /// employee of any municipality) or teaches, and their coming days.
    pub(crate) async fn schedule(&self, user: UserId) -> Result<Schedule> {
        // One IN over a UNION, not two INs joined by OR: PostgreSQL cannot use an index for
        // the OR and scanned every cohort and teaching day (half a second a page at national
        // scale).
        let mine = &format!(
            "c.id IN (SELECT e.cohort_id FROM enrolments e JOIN employees emp ON emp.id = e.employee_id
                       WHERE emp.user_id = $1 AND e.state IN {HOLDS_SEAT}
                     UNION SELECT t.cohort_id FROM cohort_teachers t WHERE t.user_id = $1)"
        );
        let cohorts: Vec<Cohort> = sqlx::query_as(&format!("{COHORT_SELECT} WHERE {mine} ORDER BY c.starts_on, c.id"))
            .bind(user.0)
            .fetch_all(&self.pool)
            .await?;
        let today = fmt_date(copenhagen_today(OffsetDateTime::now_utc()));
        let days: Vec<ScheduledDay> = sqlx::query_as(&format!(
            "{SCHEDULED_SELECT} WHERE {mine} AND d.day_date >= $2 ORDER BY d.day_date, d.starts_at, d.id"
        ))
        .bind(user.0)
        .bind(&today)
        .fetch_all(&self.pool)
        .await?;
        let clashes = clash_pairs(&days);
        Ok(Schedule { cohorts, days, clashes })
    }

    /// The user's private feed key, made on first use.
    pub(crate) async fn feed_key(&self, user: UserId) -> Result<String> {
        let key: Option<String> = sqlx::query_scalar("SELECT feed_key FROM user_feeds WHERE user_id = $1")
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await?;
        match key {
            Some(k) => Ok(k),
            None => self.renew_feed_key(user).await,
        }
    }

    /// A new feed key; the old URL stops working.
    pub(crate) async fn renew_feed_key(&self, user: UserId) -> Result<String> {
        let key = Secret::generate("").expose().to_string();
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM user_feeds WHERE user_id = $1").bind(user.0).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO user_feeds (user_id, feed_key, created_at) VALUES ($1, $2, $3)")
            .bind(user.0)
            .bind(&key)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(key)
    }

    /// The iCalendar text behind a feed key: a user's own days (all, past ones too, so
    /// calendars keep their history) or a cohort's days. `None` for an unknown key.
    pub async fn feed(&self, key: &str) -> Result<Option<String>> {
        let user: Option<i64> = sqlx::query_scalar("SELECT user_id FROM user_feeds WHERE feed_key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        let (name, days): (String, Vec<ScheduledDay>) = if let Some(u) = user {
            let days = sqlx::query_as(&format!(
                "{SCHEDULED_SELECT} WHERE c.id IN (SELECT e.cohort_id FROM enrolments e JOIN employees emp ON emp.id = e.employee_id
                   WHERE emp.user_id = $1 AND e.state IN {HOLDS_SEAT})
                 OR c.id IN (SELECT t.cohort_id FROM cohort_teachers t WHERE t.user_id = $1)
                 ORDER BY d.day_date, d.starts_at, d.id"
            ))
            .bind(u)
            .fetch_all(&self.pool)
            .await?;
            ("Mit forløb".to_string(), days)
        } else {
            let cohort: Option<(i64, String)> = sqlx::query_as("SELECT id, name FROM cohorts WHERE feed_key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
            let Some((id, name)) = cohort else {
                return Ok(None);
            };
            let days =
                sqlx::query_as(&format!("{SCHEDULED_SELECT} WHERE c.id = $1 ORDER BY d.day_date, d.starts_at, d.id"))
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?;
            (name, days)
        };
        Ok(Some(calendar(&name, &events(&days, day_kind_da), OffsetDateTime::now_utc())))
    }
}
