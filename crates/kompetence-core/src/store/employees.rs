//! A municipality's employees: the people HR plans education for. Reached only through
//! an [`OrgScope`], so every query is bound to the caller's organisation.
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::MunicipalityScope;
use super::write::Values;
use super::{OrgScope, PageRequest, Paged, now};
use crate::domain::{Email, EmployeeId, Locale, PasswordHash, PersonName, Role, ShortText, UserId, ValidationError};
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Employee {
    #[schema(value_type = i64)]
    #[sqlx(try_from = "i64")]
    pub id: EmployeeId,
    pub name: String,
    pub email: String,
    pub job_title: Option<String>,
    pub department: Option<String>,
    pub team: Option<String>,
    pub leader_id: Option<EmployeeId>,
    pub leader_name: Option<String>,
    pub leader_email: Option<String>,
    pub user_id: Option<UserId>,
}

const COLS: &str = "e.id, e.name, e.email, e.job_title, e.department, e.team, e.leader_id, l.name AS leader_name, l.email AS leader_email, e.user_id";
const FROM: &str = "employees e LEFT JOIN employees l ON l.id = e.leader_id";

/// Raw form or API input for an employee, as typed by the user.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EmployeeInput {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub job_title: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub team: String,
    /// E-mail of the employee's leader (another employee of the same municipality).
    #[serde(default)]
    pub leader_email: String,
}

struct ValidEmployee {
    name: PersonName,
    email: Email,
    job_title: Option<ShortText>,
    department: Option<ShortText>,
    team: Option<ShortText>,
    leader_email: Option<Email>,
}

impl EmployeeInput {
    /// Validates every field and reports all problems at once.
    fn validate(&self) -> std::result::Result<ValidEmployee, Vec<ValidationError>> {
        let mut errs = Vec::new();
        let name = PersonName::parse("name", &self.name).map_err(|e| errs.push(e)).ok();
        let email = Email::parse("email", &self.email).map_err(|e| errs.push(e)).ok();
        let job_title = ShortText::parse_optional("job_title", &self.job_title, 200).map_err(|e| errs.push(e)).ok();
        let department = ShortText::parse_optional("department", &self.department, 200).map_err(|e| errs.push(e)).ok();
        let team = ShortText::parse_optional("team", &self.team, 200).map_err(|e| errs.push(e)).ok();
        let leader_email = if self.leader_email.trim().is_empty() {
            Some(None)
        } else {
            Email::parse("leader_email", &self.leader_email).map(Some).map_err(|e| errs.push(e)).ok()
        };
        match (name, email, job_title, department, team, leader_email) {
            (Some(name), Some(email), Some(job_title), Some(department), Some(team), Some(leader_email))
                if errs.is_empty() =>
            {
                Ok(ValidEmployee { name, email, job_title, department, team, leader_email })
            }
            _ => Err(errs),
        }
    }
}

fn opt(t: &Option<ShortText>) -> Option<&str> {
    t.as_ref().map(ShortText::as_str)
}

/// The columns an employee form writes (one list for insert and update).
fn employee_values(v: &ValidEmployee, leader: Option<EmployeeId>) -> Values<'_> {
    Values::new()
        .set("name", v.name.as_str())
        .set("email", v.email.as_str())
        .set("job_title", opt(&v.job_title))
        .set("department", opt(&v.department))
        .set("team", opt(&v.team))
        .set("leader_id", leader.map(|l| l.0))
}

impl MunicipalityScope {
    /// Employees of this organisation matching `q` (name, e-mail, title, department or
    /// team). A leader who is not HR sees their own staff only.
    pub async fn employees(&self, q: &str, page: PageRequest) -> Result<Paged<Employee>> {
        let staff_of = self.staff_of();
        let like = self.store.dialect.ilike();
        let pattern = format!("%{}%", q.trim());
        let mut filter = format!(
            "WHERE e.org_id = $1 AND (e.name {like} $2 OR e.email {like} $2 OR COALESCE(e.job_title, '') {like} $2
               OR COALESCE(e.department, '') {like} $2 OR COALESCE(e.team, '') {like} $2)"
        );
        if staff_of.is_some() {
            filter.push_str(&format!(" AND {}", super::units::own_staff("e.id", "$1", 3)));
        }
        let count_sql = format!("SELECT COUNT(*) FROM {FROM} {filter}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql).bind(self.org_id().0).bind(&pattern);
        if let Some(u) = staff_of {
            count = count.bind(u.0);
        }
        let total = count.fetch_one(&self.store.pool).await?;
        let n = if staff_of.is_some() { 4 } else { 3 };
        let list_sql = format!("SELECT {COLS} FROM {FROM} {filter} ORDER BY e.name, e.id LIMIT ${n} OFFSET ${}", n + 1);
        let mut list = sqlx::query_as::<_, Employee>(&list_sql).bind(self.org_id().0).bind(&pattern);
        if let Some(u) = staff_of {
            list = list.bind(u.0);
        }
        let items = list.bind(i64::from(page.per_page)).bind(page.offset()).fetch_all(&self.store.pool).await?;
        Ok(Paged { items, total, page: page.page, per_page: page.per_page })
    }

    pub async fn employee(&self, id: EmployeeId) -> Result<Employee> {
        Ok(sqlx::query_as(&format!("SELECT {COLS} FROM {FROM} WHERE e.id = $1 AND e.org_id = $2"))
            .bind(id.0)
            .bind(self.org_id().0)
            .fetch_one(&self.store.pool)
            .await?)
    }

    pub async fn create_employee(&self, input: &EmployeeInput) -> Result<Employee> {
        let v = input.validate()?;
        let leader_id = self.resolve_leader(&v.leader_email, None).await?;
        let (sql, args) = employee_values(&v, leader_id)
            .set("org_id", self.org_id().0)
            .set("created_at", now())
            .insert("employees", "RETURNING id");
        let id: i64 = sqlx::query_scalar_with(&sql, args)
            .fetch_one(&self.store.pool)
            .await
            .map_err(|e| self.store.conflict(e, "email", "err-email-taken"))?;
        self.employee(EmployeeId(id)).await
    }

    pub async fn update_employee(&self, id: EmployeeId, input: &EmployeeInput) -> Result<Employee> {
        let v = input.validate()?;
        self.employee(id).await?;
        let leader_id = self.resolve_leader(&v.leader_email, Some(id)).await?;
        let (sql, args) =
            employee_values(&v, leader_id).update("employees", &[("id", id.0), ("org_id", self.org_id().0)]);
        sqlx::query_with(&sql, args)
            .execute(&self.store.pool)
            .await
            .map_err(|e| self.store.conflict(e, "email", "err-email-taken"))?;
        self.employee(id).await
    }

    /// Gives an employee a login as participant in this municipality. An existing user
    /// with the same e-mail (e.g. a teacher elsewhere) is linked instead of duplicated.
    pub async fn create_participant_login(&self, id: EmployeeId, password: Option<PasswordHash>) -> Result<UserId> {
        let emp = self.employee(id).await?;
        if emp.user_id.is_some() {
            return Err(Error::Conflict { field: "employee", key: "err-login-exists" });
        }
        let mut tx = self.store.begin_write().await?;
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(&emp.email)
            .fetch_optional(&mut *tx)
            .await?;
        let user_id = match existing {
            Some(u) => u,
            None => {
                sqlx::query_scalar(
                    "INSERT INTO users (email, name, password_hash, locale, is_platform_admin, created_at)
                     VALUES ($1, $2, $3, $4, 0, $5) RETURNING id",
                )
                .bind(&emp.email)
                .bind(&emp.name)
                .bind(password.map(|p| p.0))
                .bind(Locale::Da.as_str())
                .bind(now())
                .fetch_one(&mut *tx)
                .await?
            }
        };
        let held: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM memberships WHERE user_id = $1 AND org_id = $2 AND role = $3")
                .bind(user_id)
                .bind(self.org_id().0)
                .bind(Role::Participant.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        if held.is_none() {
            sqlx::query("INSERT INTO memberships (user_id, org_id, role, granted_at) VALUES ($1, $2, $3, $4)")
                .bind(user_id)
                .bind(self.org_id().0)
                .bind(Role::Participant.as_str())
                .bind(now())
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE employees SET user_id = $1 WHERE id = $2 AND org_id = $3")
            .bind(user_id)
            .bind(id.0)
            .bind(self.org_id().0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(UserId(user_id))
    }

    /// Links an employee record to the existing login with the same e-mail (staff such as
    /// HR or leaders who already log in), without granting any role.
    pub async fn link_existing_user(&self, id: EmployeeId) -> Result<UserId> {
        let emp = self.employee(id).await?;
        let user: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(&emp.email)
            .fetch_optional(&self.store.pool)
            .await?;
        let Some(user) = user else { return Err(ValidationError::new("email", "err-unknown-user").into()) };
        sqlx::query("UPDATE employees SET user_id = $1 WHERE id = $2 AND org_id = $3")
            .bind(user)
            .bind(id.0)
            .bind(self.org_id().0)
            .execute(&self.store.pool)
            .await?;
        Ok(UserId(user))
    }
}

impl OrgScope {
    /// Resolves the leader's e-mail to an employee of this organisation (not the employee
    /// themself).
    async fn resolve_leader(&self, leader: &Option<Email>, me: Option<EmployeeId>) -> Result<Option<EmployeeId>> {
        let Some(leader) = leader else {
            return Ok(None);
        };
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM employees WHERE org_id = $1 AND email = $2")
            .bind(self.org_id().0)
            .bind(leader.as_str())
            .fetch_optional(&self.store.pool)
            .await?;
        match id {
            None => Err(ValidationError::new("leader_email", "err-leader-unknown").into()),
            Some(id) if me.is_some_and(|m| m.0 == id) => {
                Err(ValidationError::new("leader_email", "err-leader-self").into())
            }
            Some(id) => Ok(Some(EmployeeId(id))),
        }
    }
}
