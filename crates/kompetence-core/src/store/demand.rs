//! Demand: employees asking to go on a module ("jeg vil gerne deltage"), from the catalogue
//! their municipality sees, and the municipality's demand list per module — asks and
//! waitlisted seats — that HR plans the next cohort from. A leader sees their own staff's.
use serde::Serialize;
use sqlx::FromRow;

use super::me::MeScope;
use super::{MunicipalityScope, now};
use crate::domain::{EmployeeId, ModuleId, OrgId, ShortText, ValidationError};
use crate::{Error, Result};

/// A module this person's municipality may send them on, with whether they have asked.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct OfferedModule {
    pub org_id: OrgId,
    pub municipality: String,
    pub module_id: ModuleId,
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub provider: String,
    pub ects: i64,
    /// Cohorts not yet over that the municipality may use.
    pub open_cohorts: i64,
    /// The first open cohort's start.
    pub next_start: Option<String>,
    #[sqlx(try_from = "super::codec::Flag")]
    pub asked: bool,
}

/// One module's demand in a municipality.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ModuleDemand {
    pub module_id: ModuleId,
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub provider: String,
    /// Employees asking to go (not withdrawn), with when and their note.
    pub asking: Vec<Asker>,
    /// Seats waited for on this module's cohorts.
    pub waitlisted: i64,
}

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Asker {
    #[sqlx(skip)]
    #[serde(skip)]
    pub module_id: ModuleId,
    pub employee_id: EmployeeId,
    pub name: String,
    pub team: Option<String>,
    pub note: Option<String>,
    pub at: i64,
}

#[derive(FromRow)]
struct AskRow {
    module_id: i64,
    code: String,
    title_da: String,
    title_en: String,
    provider: String,
    employee_id: EmployeeId,
    name: String,
    team: Option<String>,
    note: Option<String>,
    at: i64,
}

impl MeScope {
    /// Every module the caller's municipalities offer them (one line per municipality they
    /// are employed in), newest cohorts first.
    pub async fn offered_modules(&self) -> Result<Vec<OfferedModule>> {
        let today = crate::domain::schedule::fmt_date(crate::domain::schedule::copenhagen_today(
            time::OffsetDateTime::now_utc(),
        ));
        Ok(sqlx::query_as(
            "SELECT o.id AS org_id, o.name AS municipality, m.id AS module_id, m.code, m.title_da, m.title_en,
               p.name AS provider, m.ects, COUNT(c.id) AS open_cohorts, MIN(c.starts_on) AS next_start,
               CASE WHEN EXISTS (SELECT 1 FROM interests i WHERE i.employee_id = e.id AND i.module_id = m.id
                 AND i.withdrawn_at IS NULL) THEN 1 ELSE 0 END AS asked
             FROM employees e JOIN organizations o ON o.id = e.org_id
             JOIN cohorts c ON c.ends_on >= $2 JOIN modules m ON m.id = c.module_id
             JOIN organizations p ON p.id = c.provider_id
             LEFT JOIN specialisations s ON s.id = c.specialisation_id
             WHERE e.user_id = $1 AND e.left_at IS NULL AND (s.municipality_id IS NULL OR s.municipality_id = e.org_id)
             GROUP BY o.id, o.name, m.id, m.code, m.title_da, m.title_en, p.name, m.ects, e.id
             ORDER BY o.name, MIN(c.starts_on), m.title_da",
        )
        .bind(self.user().0)
        .bind(today)
        .fetch_all(&self.store.pool)
        .await?)
    }

    /// Asks to go on a module offered by the caller's municipality `org`; asking again after
    /// withdrawing asks anew.
    pub async fn ask_to_go(&self, org: OrgId, module: ModuleId, note: &str) -> Result<()> {
        let note = ShortText::parse_optional("note", note, 500)?;
        let offered = self.offered_modules().await?;
        if !offered.iter().any(|o| o.org_id == org && o.module_id == module) {
            return Err(Error::NotFound);
        }
        let employee: i64 =
            sqlx::query_scalar("SELECT id FROM employees WHERE user_id = $1 AND org_id = $2 AND left_at IS NULL")
                .bind(self.user().0)
                .bind(org.0)
                .fetch_one(&self.store.pool)
                .await?;
        let mut tx = self.store.begin_write().await?;
        let held: Option<Option<i64>> =
            sqlx::query_scalar("SELECT withdrawn_at FROM interests WHERE employee_id = $1 AND module_id = $2")
                .bind(employee)
                .bind(module.0)
                .fetch_optional(&mut *tx)
                .await?;
        match held {
            Some(None) => return Err(Error::Conflict { field: "module_id", key: "err-already-asked" }),
            Some(Some(_)) => {
                sqlx::query(
                    "UPDATE interests SET withdrawn_at = NULL, created_at = $1, note = $2 WHERE employee_id = $3 AND module_id = $4",
                )
                .bind(now())
                .bind(note.as_ref().map(ShortText::as_str))
                .bind(employee)
                .bind(module.0)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO interests (org_id, employee_id, module_id, note, created_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(org.0)
                .bind(employee)
                .bind(module.0)
                .bind(note.as_ref().map(ShortText::as_str))
                .bind(now())
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Takes an ask back.
    pub async fn withdraw_ask(&self, org: OrgId, module: ModuleId) -> Result<()> {
        let done = sqlx::query(
            "UPDATE interests SET withdrawn_at = $1 WHERE module_id = $2 AND org_id = $3 AND withdrawn_at IS NULL
               AND employee_id IN (SELECT id FROM employees WHERE user_id = $4 AND org_id = $3)",
        )
        .bind(now())
        .bind(module.0)
        .bind(org.0)
        .bind(self.user().0)
        .execute(&self.store.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(ValidationError::new("module_id", "err-not-asked").into());
        }
        Ok(())
    }
}

impl MunicipalityScope {
    /// The demand list: per module, who asks to go (a leader: own staff) and how many wait
    /// for a seat on its cohorts; modules with most asks first.
    pub async fn demand(&self) -> Result<Vec<ModuleDemand>> {
        let staff_filter = match self.staff_of() {
            Some(_) => format!(" AND {}", super::units::own_staff("e.id", "$1", 2)),
            None => String::new(),
        };
        let sql = format!(
            "SELECT m.id AS module_id, m.code, m.title_da, m.title_en, p.name AS provider, e.id AS employee_id, e.name,
               e.team, i.note, i.created_at AS at
             FROM interests i JOIN employees e ON e.id = i.employee_id JOIN modules m ON m.id = i.module_id
             JOIN organizations p ON p.id = m.provider_id
             WHERE i.org_id = $1 AND i.withdrawn_at IS NULL AND e.left_at IS NULL{staff_filter}
             ORDER BY m.title_da, i.created_at, e.name"
        );
        let mut q = sqlx::query_as::<_, AskRow>(&sql).bind(self.org_id().0);
        if let Some(u) = self.staff_of() {
            q = q.bind(u.0);
        }
        let rows = q.fetch_all(&self.store.pool).await?;
        let wait_sql = format!(
            "SELECT c.module_id, COUNT(*) FROM enrolments en JOIN cohorts c ON c.id = en.cohort_id
             JOIN employees e ON e.id = en.employee_id
             WHERE en.municipality_id = $1 AND en.state = 'waitlisted'{staff_filter} GROUP BY c.module_id"
        );
        let mut w = sqlx::query_as::<_, (i64, i64)>(&wait_sql).bind(self.org_id().0);
        if let Some(u) = self.staff_of() {
            w = w.bind(u.0);
        }
        let waits: std::collections::HashMap<i64, i64> = w.fetch_all(&self.store.pool).await?.into_iter().collect();
        let mut out: Vec<ModuleDemand> = Vec::new();
        for r in rows {
            let asker = Asker {
                module_id: ModuleId(r.module_id),
                employee_id: r.employee_id,
                name: r.name,
                team: r.team,
                note: r.note,
                at: r.at,
            };
            match out.iter_mut().find(|d| d.module_id.0 == r.module_id) {
                Some(d) => d.asking.push(asker),
                None => out.push(ModuleDemand {
                    module_id: ModuleId(r.module_id),
                    code: r.code,
                    title_da: r.title_da,
                    title_en: r.title_en,
                    provider: r.provider,
                    waitlisted: waits.get(&r.module_id).copied().unwrap_or(0),
                    asking: vec![asker],
                }),
            }
        }
        out.sort_by(|a, b| b.asking.len().cmp(&a.asking.len()).then(a.title_da.cmp(&b.title_da)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::testing::World;

    #[tokio::test]
    async fn an_employee_asks_to_go_hr_sees_the_demand_and_a_leader_only_their_staffs() {
        let w = World::new(1).await;
        let (team, _, leader) = w.team("Team Syd", "Lone Leder", "lone@aabenraa.dk").await;
        let anna = w.staff("Anna", "anna@aabenraa.dk").await;
        let bo = w.staff("Bo", "bo@aabenraa.dk").await;
        w.hr.place_employee(anna, team.id).await.unwrap();
        let anna_user = w.hr.employee(anna).await.unwrap().user_id.unwrap();
        let bo_user = w.hr.employee(bo).await.unwrap().user_id.unwrap();
        let (anna_me, bo_me) = (w.store.me(anna_user), w.store.me(bo_user));

        let offered = anna_me.offered_modules().await.unwrap();
        assert_eq!(offered.len(), 1, "the provider's open cohort's module");
        let (org, module) = (offered[0].org_id, offered[0].module_id);
        anna_me.ask_to_go(org, module, "Vi skal have ny lønaftale").await.unwrap();
        assert!(anna_me.ask_to_go(org, module, "").await.is_err(), "asking twice is refused");
        bo_me.ask_to_go(org, module, "").await.unwrap();
        assert!(anna_me.offered_modules().await.unwrap()[0].asked);

        let demand = w.hr.demand().await.unwrap();
        assert_eq!(demand[0].asking.len(), 2);
        assert_eq!(demand[0].asking[0].note.as_deref(), Some("Vi skal have ny lønaftale"));
        let theirs = leader.demand().await.unwrap();
        assert_eq!(theirs[0].asking.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Anna"], "own staff only");

        bo_me.withdraw_ask(org, module).await.unwrap();
        assert_eq!(w.hr.demand().await.unwrap()[0].asking.len(), 1);
        // A module of another provider's cohort the municipality cannot use is not found.
        assert!(anna_me.ask_to_go(org, crate::domain::ModuleId(9_999), "").await.is_err());
    }
}
