//! A municipality's organisation tree: departments and teams as units (unit → parent),
//! each with its leaders, and employees engaged in units. A leader's own staff is everyone
//! engaged in the units they lead, all the way down the tree, and (from before the tree)
//! their direct reports — one SQL condition, [`own_staff`], used by every query that
//! applies the rule.
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::{MunicipalityScope, now};
use crate::domain::{Email, EmployeeId, ShortText, UnitId, ValidationError};
use crate::{Error, Result};

/// SQL condition: employee `emp` (a column) is own staff of the user bound at `$n`, a
/// leader in the organisation `org` (a column or parameter). The leader is not their own
/// staff: nobody approves their own enrolment.
pub(super) fn own_staff(emp: &str, org: &str, n: usize) -> String {
    format!(
        "({emp} IN (SELECT en.employee_id FROM engagements en WHERE en.active = 1 AND en.unit_id IN (
            WITH RECURSIVE led(id) AS (
              SELECT ul.unit_id FROM unit_leaders ul JOIN employees l ON l.id = ul.employee_id
              WHERE l.user_id = ${n} AND l.org_id = {org} AND l.left_at IS NULL
              UNION SELECT u.id FROM units u JOIN led ON u.parent_id = led.id)
            SELECT id FROM led))
          OR {emp} IN (SELECT r.id FROM employees r JOIN employees l ON l.id = r.leader_id
            WHERE l.user_id = ${n} AND l.org_id = {org} AND l.left_at IS NULL))
         AND {emp} NOT IN (SELECT me.id FROM employees me WHERE me.user_id = ${n})"
    )
}

/// One unit of the tree, with its place in it (depth from the root) for display.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    pub parent_id: Option<UnitId>,
    /// The id in the municipality's own system (e.g. OS2mo's AfdelingsID).
    pub source_id: Option<String>,
    pub address: Option<String>,
    /// Leaders' names, comma-separated.
    pub leaders: Option<String>,
    /// Active employees whose primary engagement is here.
    pub staff: i64,
    #[sqlx(skip)]
    pub depth: u32,
}

/// Raw form or API input for a unit made by hand.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UnitInput {
    pub name: String,
    /// The parent unit; none for a root.
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub parent_id: Option<UnitId>,
}

/// Orders units depth-first under their parents (siblings by name), with depth set; units
/// whose parent is not among them are roots.
pub(super) fn tree_order(mut units: Vec<Unit>) -> Vec<Unit> {
    units.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let ids: std::collections::HashSet<UnitId> = units.iter().map(|u| u.id).collect();
    let mut children: std::collections::HashMap<Option<UnitId>, Vec<usize>> = std::collections::HashMap::new();
    for (i, u) in units.iter().enumerate() {
        let parent = u.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(i);
    }
    let mut order = Vec::with_capacity(units.len());
    let mut stack: Vec<(usize, u32)> = children.get(&None).into_iter().flatten().rev().map(|&i| (i, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        order.push((i, depth));
        if let Some(kids) = children.get(&Some(units[i].id)) {
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
    }
    let mut slots: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, depth)| {
            let mut u = slots[i].take()?;
            u.depth = depth;
            Some(u)
        })
        .collect()
}

impl MunicipalityScope {
    /// The whole tree (a leader: the units they lead and below), depth-first.
    pub async fn units(&self) -> Result<Vec<Unit>> {
        let sql = "SELECT u.id, u.name, u.parent_id, u.source_id, u.address,
                (SELECT STRING_AGG(l.name, ', ') FROM unit_leaders ul JOIN employees l ON l.id = ul.employee_id
                  WHERE ul.unit_id = u.id) AS leaders,
                (SELECT COUNT(*) FROM employees e WHERE e.unit_id = u.id AND e.left_at IS NULL) AS staff
             FROM units u WHERE u.org_id = $1 AND u.active = 1";
        // STRING_AGG: PostgreSQL, and SQLite since 3.44 (the bundled one is newer).
        let all: Vec<Unit> = sqlx::query_as(sql).bind(self.org_id().0).fetch_all(&self.store.pool).await?;
        let all = tree_order(all);
        let Some(user) = self.staff_of() else { return Ok(all) };
        let led: Vec<i64> = sqlx::query_scalar(
            "SELECT ul.unit_id FROM unit_leaders ul JOIN employees l ON l.id = ul.employee_id
             WHERE l.user_id = $1 AND l.org_id = $2 AND l.left_at IS NULL",
        )
        .bind(user.0)
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?;
        // Keep a led unit and everything below it (the depth-first order makes "below"
        // the run of deeper units that follows).
        let mut out = Vec::new();
        let mut within: Option<u32> = None;
        for u in all {
            if within.is_some_and(|d| u.depth <= d) {
                within = None;
            }
            if within.is_none() && led.contains(&u.id.0) {
                within = Some(u.depth);
            }
            if within.is_some() {
                out.push(u);
            }
        }
        Ok(out)
    }

    pub async fn unit(&self, id: UnitId) -> Result<Unit> {
        self.units().await?.into_iter().find(|u| u.id == id).ok_or(Error::NotFound)
    }

    /// HR adds a unit by hand (units from an import are kept by the import).
    pub async fn create_unit(&self, input: &UnitInput) -> Result<Unit> {
        let name = ShortText::parse_required("name", &input.name, 200)?;
        if let Some(parent) = input.parent_id {
            self.unit(parent).await.map_err(|_| ValidationError::new("parent_id", "err-unit-unknown"))?;
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO units (org_id, name, parent_id, active, created_at) VALUES ($1, $2, $3, 1, $4) RETURNING id",
        )
        .bind(self.org_id().0)
        .bind(name.as_str())
        .bind(input.parent_id.map(|p| p.0))
        .bind(now())
        .fetch_one(&self.store.pool)
        .await?;
        self.unit(UnitId(id)).await
    }

    /// Makes an employee (by e-mail) a leader of a unit.
    pub async fn add_unit_leader(&self, unit: UnitId, email: &str) -> Result<Unit> {
        self.unit(unit).await?;
        let email = Email::parse("leader_email", email)?;
        let leader: Option<i64> =
            sqlx::query_scalar("SELECT id FROM employees WHERE org_id = $1 AND email = $2 AND left_at IS NULL")
                .bind(self.org_id().0)
                .bind(email.as_str())
                .fetch_optional(&self.store.pool)
                .await?;
        let Some(leader) = leader else {
            return Err(ValidationError::new("leader_email", "err-leader-unknown").into());
        };
        let held: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM unit_leaders WHERE unit_id = $1 AND employee_id = $2")
                .bind(unit.0)
                .bind(leader)
                .fetch_optional(&self.store.pool)
                .await?;
        if held.is_none() {
            sqlx::query("INSERT INTO unit_leaders (unit_id, employee_id) VALUES ($1, $2)")
                .bind(unit.0)
                .bind(leader)
                .execute(&self.store.pool)
                .await?;
        }
        self.unit(unit).await
    }

    /// Places an employee in a unit as their primary engagement (HR, by hand).
    pub async fn place_employee(&self, employee: EmployeeId, unit: UnitId) -> Result<()> {
        self.employee(employee).await?;
        self.unit(unit).await?;
        let mut tx = self.store.begin_write().await?;
        sqlx::query("UPDATE engagements SET is_primary = 0 WHERE employee_id = $1")
            .bind(employee.0)
            .execute(&mut *tx)
            .await?;
        let held: Option<i64> = sqlx::query_scalar("SELECT 1 FROM engagements WHERE employee_id = $1 AND unit_id = $2")
            .bind(employee.0)
            .bind(unit.0)
            .fetch_optional(&mut *tx)
            .await?;
        if held.is_some() {
            sqlx::query("UPDATE engagements SET is_primary = 1 WHERE employee_id = $1 AND unit_id = $2")
                .bind(employee.0)
                .bind(unit.0)
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query("INSERT INTO engagements (employee_id, unit_id, is_primary, active) VALUES ($1, $2, 1, 1)")
                .bind(employee.0)
                .bind(unit.0)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE employees SET unit_id = $1 WHERE id = $2 AND org_id = $3")
            .bind(unit.0)
            .bind(employee.0)
            .bind(self.org_id().0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The e-mails of everyone who leads a unit here (and their logins, if any).
    pub async fn unit_leaders(&self) -> Result<Vec<(String, Option<crate::domain::UserId>)>> {
        let rows: Vec<(String, Option<i64>)> = sqlx::query_as(
            "SELECT DISTINCT l.email, l.user_id FROM unit_leaders ul JOIN employees l ON l.id = ul.employee_id
             WHERE l.org_id = $1 AND l.left_at IS NULL ORDER BY l.email",
        )
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?;
        Ok(rows.into_iter().map(|(e, u)| (e, u.map(crate::domain::UserId))).collect())
    }

    /// Whether an employee is the caller's to see and act for (HR: anyone here).
    pub async fn is_own_staff(&self, employee: EmployeeId) -> Result<bool> {
        let Some(user) = self.staff_of() else {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM employees WHERE id = $1 AND org_id = $2")
                .bind(employee.0)
                .bind(self.org_id().0)
                .fetch_one(&self.store.pool)
                .await?;
            return Ok(n > 0);
        };
        let sql = format!(
            "SELECT COUNT(*) FROM employees emp WHERE emp.id = $1 AND emp.org_id = $2 AND {}",
            own_staff("emp.id", "$2", 3)
        );
        let n: i64 = sqlx::query_scalar(&sql)
            .bind(employee.0)
            .bind(self.org_id().0)
            .bind(user.0)
            .fetch_one(&self.store.pool)
            .await?;
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::World;

    #[tokio::test]
    async fn a_leader_sees_everyone_in_the_units_they_lead_all_the_way_down_and_not_themself() {
        let w = World::new(5).await;
        let payroll = w.hr.create_unit(&UnitInput { name: "Løn".into(), parent_id: None }).await.unwrap();
        let team = w.hr.create_unit(&UnitInput { name: "Team Syd".into(), parent_id: Some(payroll.id) }).await.unwrap();
        let other = w.hr.create_unit(&UnitInput { name: "Skole".into(), parent_id: None }).await.unwrap();
        let chief = w.staff("Lone Chef", "chef@aabenraa.dk").await;
        let anna = w.staff("Anna", "anna@aabenraa.dk").await;
        let bo = w.staff("Bo", "bo@aabenraa.dk").await;
        w.hr.place_employee(chief, payroll.id).await.unwrap();
        w.hr.place_employee(anna, team.id).await.unwrap();
        w.hr.place_employee(bo, other.id).await.unwrap();
        w.hr.add_unit_leader(payroll.id, "chef@aabenraa.dk").await.unwrap();
        let leader = w.leader_scope(chief).await;

        assert!(leader.is_own_staff(anna).await.unwrap(), "a team below the led unit is own staff");
        assert!(!leader.is_own_staff(bo).await.unwrap(), "another unit is not");
        assert!(!leader.is_own_staff(chief).await.unwrap(), "a leader is not their own staff");
        let names: Vec<_> = leader.units().await.unwrap().into_iter().map(|u| (u.name, u.depth)).collect();
        assert_eq!(names, [("Løn".to_string(), 0), ("Team Syd".to_string(), 1)]);
        let all: Vec<_> = w.hr.units().await.unwrap().into_iter().map(|u| u.name).collect();
        assert_eq!(all, ["Løn", "Team Syd", "Skole"], "HR sees the whole tree, depth-first");
        let listed: Vec<_> = leader
            .employees("", crate::store::PageRequest::new(None, None))
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(listed, ["Anna"]);
    }
}
