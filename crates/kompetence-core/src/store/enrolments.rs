//! Enrolment (tilmelding): a municipality puts an employee on a cohort; approval places
//! them on a seat or, when the cohort is full, on its waitlist. A withdrawal frees a seat
//! for the first on the waitlist. Every change of state is kept with who and when.
//!
//! Seat counting happens inside a write transaction that first locks the cohort row
//! (PostgreSQL) or the database (SQLite, `BEGIN IMMEDIATE`), so two people taking the
//! last seat at the same moment cannot both get it.
use serde::Serialize;
use sqlx::{Any, FromRow, Transaction};

use super::{HOLDS_SEAT, OrgScope, PageRequest, Paged, now};
use super::{MunicipalityScope, ProviderScope};
use crate::domain::{
    CohortId, EmployeeId, EnrolmentId, EnrolmentState, OrgId, OrgKind, UserId, ValidationError, place,
};
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct Enrolment {
    pub id: EnrolmentId,
    pub cohort_id: CohortId,
    pub cohort_name: String,
    pub module_title_da: String,
    pub module_title_en: String,
    pub provider_name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub employee_id: EmployeeId,
    pub employee_name: String,
    pub employee_email: String,
    pub municipality_id: OrgId,
    pub municipality_name: String,
    /// requested, approved, enrolled, waitlisted, completed, withdrawn or rejected
    pub state: EnrolmentState,
    /// 1 for the first on the waitlist; none unless waitlisted.
    pub waitlist_position: Option<i64>,
}

const ENROLMENT_SELECT: &str = "SELECT e.id, e.cohort_id, c.name AS cohort_name, m.title_da AS module_title_da,
    m.title_en AS module_title_en, p.name AS provider_name, c.starts_on, c.ends_on, e.employee_id, emp.name AS employee_name, emp.email AS employee_email,
    e.municipality_id, mu.name AS municipality_name, e.state,
    CASE WHEN e.state = 'waitlisted' THEN (SELECT COUNT(*) FROM enrolments w WHERE w.cohort_id = e.cohort_id
        AND w.state = 'waitlisted' AND (w.waitlisted_at < e.waitlisted_at OR (w.waitlisted_at = e.waitlisted_at AND w.id <= e.id)))
    END AS waitlist_position
    FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id JOIN modules m ON m.id = c.module_id
    JOIN organizations p ON p.id = c.provider_id JOIN employees emp ON emp.id = e.employee_id
    JOIN organizations mu ON mu.id = e.municipality_id";

/// Most people one bulk enrolment takes (a wave of a large municipality's target group).
pub const MAX_BULK: usize = 2_000;

/// What became of one person in a bulk enrolment.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BulkOutcome {
    pub employee_id: EmployeeId,
    pub name: String,
    pub enrolment_id: Option<EnrolmentId>,
    /// requested (awaits the leader), enrolled or waitlisted; none when refused.
    pub state: Option<EnrolmentState>,
    pub waitlist_position: Option<i64>,
    /// Why not (a message id), when refused.
    pub refused: Option<&'static str>,
}

impl BulkOutcome {
    fn refused(employee_id: EmployeeId, name: String, key: &'static str) -> Self {
        Self { employee_id, name, enrolment_id: None, state: None, waitlist_position: None, refused: Some(key) }
    }
}

/// One change of an enrolment's state.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct EnrolmentEvent {
    pub from_state: Option<EnrolmentState>,
    pub to_state: EnrolmentState,
    pub by_name: Option<String>,
    pub at: i64,
    /// Why, where the move has a reason (a rejection).
    pub reason: Option<String>,
}

type Tx = Transaction<'static, Any>;

fn state(s: &str) -> Result<EnrolmentState> {
    EnrolmentState::parse(s).ok_or_else(|| anyhow::anyhow!("bad enrolment state {s:?} in db").into())
}

/// Moves an enrolment from `from` to `to`, checking the move is allowed, and records the
/// event. The update only applies while the enrolment is still in `from`: when someone else
/// changed it in the meantime (HR withdrawing while the provider marks it completed), the
/// move is refused as a conflict instead of overwriting theirs.
async fn set_state(tx: &mut Tx, id: i64, from: EnrolmentState, to: EnrolmentState, by: Option<UserId>) -> Result<()> {
    move_state(tx, id, from, to, by, None).await
}

/// Places an enrolment the caller approved as they asked for it: HR's approval places it;
/// a leader's, where the municipality approves in two steps, waits for HR's.
async fn approve_on_request(
    tx: &mut Tx,
    id: i64,
    cohort: CohortId,
    capacity: i64,
    by: UserId,
    leader_in_two_steps: bool,
) -> Result<()> {
    match leader_in_two_steps {
        true => set_state(tx, id, EnrolmentState::Requested, EnrolmentState::LeaderApproved, Some(by)).await,
        false => approve_and_place(tx, id, cohort, capacity, by).await,
    }
}

/// [`set_state`] with the reason kept in the history (a rejection says why).
async fn move_state(
    tx: &mut Tx,
    id: i64,
    from: EnrolmentState,
    to: EnrolmentState,
    by: Option<UserId>,
    reason: Option<&str>,
) -> Result<()> {
    change_state(tx, id, from, to, by, reason, true).await
}

/// The one place an enrolment's state changes: compare-and-set, the history, and (when
/// `announce`) the messages the move sends.
async fn change_state(
    tx: &mut Tx,
    id: i64,
    from: EnrolmentState,
    to: EnrolmentState,
    by: Option<UserId>,
    reason: Option<&str>,
    announce: bool,
) -> Result<()> {
    if !from.can_become(to) {
        return Err(ValidationError::new("state", "err-enrolment-move").into());
    }
    let t = now();
    let moved = sqlx::query(
        "UPDATE enrolments SET state = $1, updated_at = $2,
           waitlisted_at = CASE WHEN $1 = 'waitlisted' THEN $2 ELSE waitlisted_at END
         WHERE id = $3 AND state = $4",
    )
    .bind(to.as_str())
    .bind(t)
    .bind(id)
    .bind(from.as_str())
    .execute(&mut **tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(Error::Conflict { field: "state", key: "err-enrolment-changed" });
    }
    sqlx::query(
        "INSERT INTO enrolment_events (enrolment_id, from_state, to_state, by_user, at, reason)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(by.map(|u| u.0))
    .bind(t)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    match announce {
        true => super::notify::enrolment_moved(tx, id, to, reason).await,
        false => Ok(()),
    }
}

/// [`set_state`] without the messages: a request that is approved in the same step tells
/// nobody it awaits approval.
async fn set_state_quiet(tx: &mut Tx, id: i64, from: EnrolmentState, to: EnrolmentState, by: UserId) -> Result<()> {
    change_state(tx, id, from, to, Some(by), None, false).await
}

async fn lock_cohort(tx: &mut Tx, d: super::Dialect, cohort: CohortId) -> Result<i64> {
    Ok(sqlx::query_scalar(&format!("SELECT capacity FROM cohorts WHERE id = $1{}", d.for_update()))
        .bind(cohort)
        .fetch_one(&mut **tx)
        .await?)
}

async fn seats_taken(tx: &mut Tx, cohort: CohortId) -> Result<i64> {
    Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM enrolments WHERE cohort_id = $1 AND state IN {HOLDS_SEAT}"))
        .bind(cohort)
        .fetch_one(&mut **tx)
        .await?)
}

/// Lets people in from the waitlist, first come first served, while seats are free.
/// Call with the cohort locked.
pub(super) async fn promote_waitlist(tx: &mut Tx, cohort: CohortId, capacity: i64, by: UserId) -> Result<()> {
    let free = capacity - seats_taken(tx, cohort).await?;
    if free <= 0 {
        return Ok(());
    }
    let next: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM enrolments WHERE cohort_id = $1 AND state = 'waitlisted' ORDER BY waitlisted_at, id LIMIT $2",
    )
    .bind(cohort.0)
    .bind(free)
    .fetch_all(&mut **tx)
    .await?;
    for id in next {
        set_state(tx, id, EnrolmentState::Waitlisted, EnrolmentState::Enrolled, Some(by)).await?;
    }
    Ok(())
}

/// A new request for `employee` on `cohort` (or the same enrolment asked for again after a
/// withdrawal or rejection), recorded in the history; none when they are on the cohort
/// already. The leaders are told unless it is approved in the same step. Call with the cohort
/// locked.
async fn open_request(
    tx: &mut Tx,
    cohort: CohortId,
    employee: EmployeeId,
    municipality: OrgId,
    by: UserId,
    approved_at_once: bool,
) -> Result<Option<i64>> {
    let existing: Option<(i64, String)> =
        sqlx::query_as("SELECT id, state FROM enrolments WHERE cohort_id = $1 AND employee_id = $2")
            .bind(cohort.0)
            .bind(employee.0)
            .fetch_optional(&mut **tx)
            .await?;
    match existing {
        Some((id, s)) if matches!(state(&s)?, EnrolmentState::Withdrawn | EnrolmentState::Rejected) => {
            match approved_at_once {
                true => set_state_quiet(tx, id, state(&s)?, EnrolmentState::Requested, by).await?,
                false => set_state(tx, id, state(&s)?, EnrolmentState::Requested, Some(by)).await?,
            }
            Ok(Some(id))
        }
        Some(_) => Ok(None),
        None => {
            let t = now();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO enrolments (cohort_id, employee_id, municipality_id, state, created_at, updated_at)
                 VALUES ($1, $2, $3, 'requested', $4, $4) RETURNING id",
            )
            .bind(cohort.0)
            .bind(employee.0)
            .bind(municipality.0)
            .bind(t)
            .fetch_one(&mut **tx)
            .await?;
            sqlx::query(
                "INSERT INTO enrolment_events (enrolment_id, from_state, to_state, by_user, at) VALUES ($1, NULL, 'requested', $2, $3)",
            )
            .bind(id)
            .bind(by.0)
            .bind(t)
            .execute(&mut **tx)
            .await?;
            if !approved_at_once {
                super::notify::enrolment_moved(tx, id, EnrolmentState::Requested, None).await?;
            }
            Ok(Some(id))
        }
    }
}

/// Approves and places (seat or waitlist). Call with the cohort locked.
async fn approve_and_place(tx: &mut Tx, id: i64, cohort: CohortId, capacity: i64, by: UserId) -> Result<()> {
    approve_from(tx, id, EnrolmentState::Requested, cohort, capacity, by).await
}

/// [`approve_and_place`] from `from` (a request, or a leader's approval awaiting HR).
async fn approve_from(
    tx: &mut Tx,
    id: i64,
    from: EnrolmentState,
    cohort: CohortId,
    capacity: i64,
    by: UserId,
) -> Result<()> {
    set_state(tx, id, from, EnrolmentState::Approved, Some(by)).await?;
    let to = place(seats_taken(tx, cohort).await?, capacity);
    set_state(tx, id, EnrolmentState::Approved, to, Some(by)).await
}

impl OrgScope {
    /// One enrolment, seen from this municipality (its own) or provider (its cohorts').
    pub async fn enrolment(&self, id: EnrolmentId) -> Result<Enrolment> {
        let cond = match self.grant.org().kind {
            OrgKind::Municipality => "e.municipality_id = $2",
            OrgKind::Provider => "c.provider_id = $2",
        };
        Ok(sqlx::query_as(&format!("{ENROLMENT_SELECT} WHERE e.id = $1 AND {cond}"))
            .bind(id.0)
            .bind(self.org_id().0)
            .fetch_one(&self.store.pool)
            .await?)
    }

    pub async fn enrolment_history(&self, id: EnrolmentId) -> Result<Vec<EnrolmentEvent>> {
        self.enrolment(id).await?;
        Ok(sqlx::query_as(
            "SELECT ev.from_state, ev.to_state, u.name AS by_name, ev.at, ev.reason FROM enrolment_events ev
             LEFT JOIN users u ON u.id = ev.by_user WHERE ev.enrolment_id = $1 ORDER BY ev.id",
        )
        .bind(id.0)
        .fetch_all(&self.store.pool)
        .await?)
    }
}

impl MunicipalityScope {
    /// Enrols and approves without the sign-up deadline (demo data about past cohorts).
    pub(crate) async fn enrol_unchecked(&self, cohort: CohortId, employee_email: &str) -> Result<Enrolment> {
        self.enrol_with(cohort, employee_email, true, false).await
    }

    /// Asks for a seat without the sign-up deadline, for the leader to approve (demo data).
    pub(crate) async fn request_unchecked(&self, cohort: CohortId, employee_email: &str) -> Result<Enrolment> {
        self.enrol_with(cohort, employee_email, false, false).await
    }

    /// Limits a leader (not HR) to their own staff: returns the condition to add.
    pub(super) fn staff_filter(&self, n: usize) -> String {
        match self.staff_of() {
            Some(_) => format!(" AND {}", super::units::own_staff("emp.id", "e.municipality_id", n)),
            None => String::new(),
        }
    }

    async fn enrol_with(
        &self,
        cohort: CohortId,
        employee_email: &str,
        approve: bool,
        check_deadline: bool,
    ) -> Result<Enrolment> {
        let staff_of = self.staff_of();
        let c = self.catalogue_cohort(cohort).await?;
        let by = self.grant.user();
        let d = self.store.dialect;
        // Who it is and whether they are the caller's, before the write lock is taken.
        let emp: Option<i64> =
            sqlx::query_scalar("SELECT id FROM employees WHERE org_id = $1 AND email = $2 AND left_at IS NULL")
                .bind(self.org_id().0)
                .bind(employee_email.trim().to_lowercase())
                .fetch_optional(&self.store.pool)
                .await?;
        let Some(employee) = emp else {
            return Err(ValidationError::new("employee_email", "err-employee-unknown").into());
        };
        if staff_of.is_some() && !self.is_own_staff(EmployeeId(employee)).await? {
            return Err(ValidationError::new("employee_email", "err-not-your-staff").into());
        }
        let leader_in_two_steps = staff_of.is_some() && self.two_step_approval().await?;
        let mut tx = self.store.begin_write().await?;
        let capacity = lock_cohort(&mut tx, d, cohort).await?;
        if check_deadline && c.signup_closed() {
            return Err(ValidationError::new("cohort", "err-signup-closed").into());
        }
        let Some(id) = open_request(&mut tx, cohort, EmployeeId(employee), self.org_id(), by, approve).await? else {
            return Err(Error::Conflict { field: "employee_email", key: "err-already-enrolled" });
        };
        if approve {
            approve_on_request(&mut tx, id, cohort, capacity, by, leader_in_two_steps).await?;
        }
        tx.commit().await?;
        self.enrolment(EnrolmentId(id)).await
    }

    /// Puts an employee (by e-mail) of this municipality on a cohort. With `approve`, the
    /// enrolment is approved at once and placed on a seat or the waitlist.
    pub async fn enrol(&self, cohort: CohortId, employee_email: &str, approve: bool) -> Result<Enrolment> {
        self.enrol_with(cohort, employee_email, approve, true).await
    }

    /// Enrols many employees on one cohort in one step (a wave, or a selection): each is
    /// enrolled, waitlisted or left for their leader's approval, or refused with a reason,
    /// by the same rules as one at a time, in one transaction with the cohort locked once.
    /// A refusal of one does not stop the others.
    pub async fn enrol_many(
        &self,
        cohort: CohortId,
        employees: &[EmployeeId],
        pre_approved: bool,
    ) -> Result<Vec<BulkOutcome>> {
        if employees.len() > MAX_BULK {
            return Err(ValidationError::new("employees", "err-bulk-too-many").into());
        }
        let c = self.catalogue_cohort(cohort).await?;
        let by = self.grant.user();
        let mut out = Vec::with_capacity(employees.len());
        let mut todo = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for &id in employees {
            if !seen.insert(id) {
                continue;
            }
            let person: Option<(String, Option<i64>)> =
                sqlx::query_as("SELECT name, left_at FROM employees WHERE id = $1 AND org_id = $2")
                    .bind(id.0)
                    .bind(self.org_id().0)
                    .fetch_optional(&self.store.pool)
                    .await?;
            // Someone from another municipality is "not found", like an unknown id.
            let Some((name, left_at)) = person else {
                out.push(BulkOutcome::refused(id, String::new(), "err-employee-unknown"));
                continue;
            };
            let refusal = if left_at.is_some() {
                Some("err-employee-left")
            } else if self.staff_of().is_some() && !self.is_own_staff(id).await? {
                Some("err-not-your-staff")
            } else if c.signup_closed() {
                Some("err-signup-closed")
            } else {
                None
            };
            match refusal {
                Some(key) => out.push(BulkOutcome::refused(id, name, key)),
                None => todo.push((id, name)),
            }
        }
        let leader_in_two_steps = self.staff_of().is_some() && self.two_step_approval().await?;
        let mut tx = self.store.begin_write().await?;
        let capacity = lock_cohort(&mut tx, self.store.dialect, cohort).await?;
        let mut placed = Vec::new();
        for (employee, name) in todo {
            let Some(id) = open_request(&mut tx, cohort, employee, self.org_id(), by, pre_approved).await? else {
                out.push(BulkOutcome::refused(employee, name, "err-already-enrolled"));
                continue;
            };
            if pre_approved {
                approve_on_request(&mut tx, id, cohort, capacity, by, leader_in_two_steps).await?;
            }
            placed.push((employee, name, id));
        }
        tx.commit().await?;
        for (employee, name, id) in placed {
            let e = self.enrolment(EnrolmentId(id)).await?;
            out.push(BulkOutcome {
                employee_id: employee,
                name,
                enrolment_id: Some(e.id),
                state: Some(e.state),
                waitlist_position: e.waitlist_position,
                refused: None,
            });
        }
        // In the order asked for, so the result reads like the selection.
        let order: std::collections::HashMap<EmployeeId, usize> =
            employees.iter().enumerate().map(|(i, e)| (*e, i)).rev().collect();
        out.sort_by_key(|o| order.get(&o.employee_id).copied().unwrap_or(usize::MAX));
        Ok(out)
    }

    /// This municipality's enrolments (a leader: own staff's), optionally in one state.
    pub async fn municipal_enrolments(
        &self,
        only: Option<EnrolmentState>,
        page: PageRequest,
    ) -> Result<Paged<Enrolment>> {
        let staff_of = self.staff_of();
        let mut filter = "WHERE e.municipality_id = $1 AND ($2 = '' OR e.state = $2)".to_string();
        filter.push_str(&self.staff_filter(3));
        let n = if staff_of.is_some() { 4 } else { 3 };
        let only = only.map(|s| s.as_str()).unwrap_or("");
        let count_sql =
            format!("SELECT COUNT(*) FROM enrolments e JOIN employees emp ON emp.id = e.employee_id {filter}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql).bind(self.org_id().0).bind(only);
        let list_sql = format!(
            "{ENROLMENT_SELECT} {filter} ORDER BY c.starts_on DESC, emp.name, e.id LIMIT ${n} OFFSET ${}",
            n + 1
        );
        let mut list = sqlx::query_as::<_, Enrolment>(&list_sql).bind(self.org_id().0).bind(only);
        if let Some(u) = staff_of {
            count = count.bind(u.0);
            list = list.bind(u.0);
        }
        let total = count.fetch_one(&self.store.pool).await?;
        let items = list.bind(i64::from(page.per_page)).bind(page.offset()).fetch_all(&self.store.pool).await?;
        Ok(Paged { items, total, page: page.page, per_page: page.per_page })
    }

    /// This municipality's enrolments on one cohort (a leader: own staff's).
    pub async fn municipal_cohort_enrolments(&self, cohort: CohortId) -> Result<Vec<Enrolment>> {
        let staff_of = self.staff_of();
        let filter = self.staff_filter(3);
        let sql = format!(
            "{ENROLMENT_SELECT} WHERE e.municipality_id = $1 AND e.cohort_id = $2{filter} ORDER BY emp.name, e.id"
        );
        let mut q = sqlx::query_as::<_, Enrolment>(&sql).bind(self.org_id().0).bind(cohort.0);
        if let Some(u) = staff_of {
            q = q.bind(u.0);
        }
        Ok(q.fetch_all(&self.store.pool).await?)
    }

    /// One of this municipality's enrolments; for a leader (not HR), only their own staff's.
    pub async fn own_enrolment(&self, id: EnrolmentId) -> Result<Enrolment> {
        let staff_of = self.staff_of();
        let e = self.enrolment(id).await?;
        if staff_of.is_some() && !self.is_own_staff(e.employee_id).await? {
            return Err(Error::NotFound);
        }
        Ok(e)
    }

    /// Whether this municipality approves in two steps (the leader, then HR).
    pub async fn two_step_approval(&self) -> Result<bool> {
        let on: Option<i64> =
            sqlx::query_scalar("SELECT two_step_approval FROM municipality_settings WHERE org_id = $1")
                .bind(self.org_id().0)
                .fetch_optional(&self.store.pool)
                .await?;
        Ok(on == Some(1))
    }

    /// HR turns two-step approval on or off.
    pub async fn set_two_step_approval(&self, on: bool) -> Result<()> {
        if self.staff_of().is_some() {
            return Err(Error::Forbidden);
        }
        let mut tx = self.store.begin_write().await?;
        sqlx::query("DELETE FROM municipality_settings WHERE org_id = $1")
            .bind(self.org_id().0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO municipality_settings (org_id, two_step_approval) VALUES ($1, $2)")
            .bind(self.org_id().0)
            .bind(i64::from(on))
            .execute(&mut *tx)
            .await?;
        self.audit_in(&mut tx, "approval.settings", format!("org {}", self.org_id()), format!("two-step {on}")).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A leader or HR approves a requested enrolment; it is placed at once. Where the
    /// municipality approves in two steps, a leader's approval waits for HR's
    /// (`leader_approved`), and HR approves only what a leader has approved.
    pub async fn approve_enrolment(&self, id: EnrolmentId) -> Result<Enrolment> {
        let e = self.own_enrolment(id).await?;
        let two_step = self.two_step_approval().await?;
        let by = self.grant.user();
        let mut tx = self.store.begin_write().await?;
        let capacity = lock_cohort(&mut tx, self.store.dialect, e.cohort_id).await?;
        let current: String =
            sqlx::query_scalar("SELECT state FROM enrolments WHERE id = $1").bind(id.0).fetch_one(&mut *tx).await?;
        let current = state(&current)?;
        let is_hr = self.staff_of().is_none();
        match (two_step, is_hr, current) {
            // One step, or HR's step after the leader's — also a leader's approval left from
            // before two-step approval was turned off.
            (false, _, EnrolmentState::Requested | EnrolmentState::LeaderApproved)
            | (true, true, EnrolmentState::LeaderApproved) => {
                approve_from(&mut tx, id.0, current, e.cohort_id, capacity, by).await?;
            }
            (true, false, EnrolmentState::Requested) => {
                set_state(&mut tx, id.0, current, EnrolmentState::LeaderApproved, Some(by)).await?;
            }
            (true, true, EnrolmentState::Requested) => {
                // Someone with no leader to take the first step is HR's alone.
                if super::notify::has_leaders(&mut tx, e.employee_id.0).await? {
                    return Err(ValidationError::new("state", "err-awaits-leader").into());
                }
                approve_from(&mut tx, id.0, current, e.cohort_id, capacity, by).await?;
            }
            _ => return Err(ValidationError::new("state", "err-enrolment-move").into()),
        }
        tx.commit().await?;
        self.enrolment(id).await
    }

    /// A leader or HR turns a request (or a leader's approval awaiting HR) down, saying why;
    /// the employee may be asked for again.
    pub async fn reject_enrolment(&self, id: EnrolmentId, reason: &str) -> Result<Enrolment> {
        let reason = crate::domain::ShortText::parse_required("reason", reason, 500)?;
        let e = self.own_enrolment(id).await?;
        let mut tx = self.store.begin_write().await?;
        lock_cohort(&mut tx, self.store.dialect, e.cohort_id).await?;
        let current: String =
            sqlx::query_scalar("SELECT state FROM enrolments WHERE id = $1").bind(id.0).fetch_one(&mut *tx).await?;
        move_state(
            &mut tx,
            id.0,
            state(&current)?,
            EnrolmentState::Rejected,
            Some(self.grant.user()),
            Some(reason.as_str()),
        )
        .await?;
        tx.commit().await?;
        self.enrolment(id).await
    }

    /// Withdraws an enrolment; a freed seat goes to the first on the waitlist.
    pub async fn withdraw_enrolment(&self, id: EnrolmentId) -> Result<Enrolment> {
        let e = self.own_enrolment(id).await?;
        let mut tx = self.store.begin_write().await?;
        let capacity = lock_cohort(&mut tx, self.store.dialect, e.cohort_id).await?;
        let current: String =
            sqlx::query_scalar("SELECT state FROM enrolments WHERE id = $1").bind(id.0).fetch_one(&mut *tx).await?;
        set_state(&mut tx, id.0, state(&current)?, EnrolmentState::Withdrawn, Some(self.grant.user())).await?;
        promote_waitlist(&mut tx, e.cohort_id, capacity, self.grant.user()).await?;
        tx.commit().await?;
        self.enrolment(id).await
    }
}

impl ProviderScope {
    /// Everyone on one of this provider's cohorts, from every municipality.
    pub async fn cohort_enrolments(&self, cohort: CohortId) -> Result<Vec<Enrolment>> {
        self.check_cohort(cohort).await?;
        Ok(sqlx::query_as(&format!(
            "{ENROLMENT_SELECT} WHERE e.cohort_id = $1 ORDER BY CASE e.state WHEN 'enrolled' THEN 0 WHEN 'completed' THEN 1
             WHEN 'waitlisted' THEN 2 ELSE 3 END, e.waitlisted_at, mu.name, emp.name, e.id"
        ))
        .bind(cohort.0)
        .fetch_all(&self.store.pool)
        .await?)
    }

    /// The provider marks an enrolled participant as having completed the cohort.
    pub async fn complete_enrolment(&self, cohort: CohortId, id: EnrolmentId) -> Result<Enrolment> {
        self.check_cohort(cohort).await?;
        let e = self.enrolment(id).await?;
        if e.cohort_id != cohort {
            return Err(Error::NotFound);
        }
        let mut tx = self.store.begin_write().await?;
        // Locked like every other move of a seat; the state is read again under the lock.
        lock_cohort(&mut tx, self.store.dialect, cohort).await?;
        let current: String =
            sqlx::query_scalar("SELECT state FROM enrolments WHERE id = $1").bind(id.0).fetch_one(&mut *tx).await?;
        set_state(&mut tx, id.0, state(&current)?, EnrolmentState::Completed, Some(self.grant.user())).await?;
        tx.commit().await?;
        self.enrolment(id).await
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::EnrolmentState;
    use crate::store::testing::World;

    #[tokio::test]
    async fn a_full_cohort_waitlists_in_order_and_a_withdrawal_promotes_the_first_in_line() {
        let w = World::new(1).await;
        let mut ids = vec![];
        for (name, email) in [("Anna", "anna@aabenraa.dk"), ("Bo", "bo@aabenraa.dk"), ("Carl", "carl@aabenraa.dk")] {
            w.participant(name, email).await;
            ids.push(w.hr.enrol(w.cohort, email, true).await.unwrap());
        }
        let got: Vec<_> = ids.iter().map(|e| (e.state, e.waitlist_position)).collect();
        assert_eq!(
            got,
            [
                (EnrolmentState::Enrolled, None),
                (EnrolmentState::Waitlisted, Some(1)),
                (EnrolmentState::Waitlisted, Some(2))
            ]
        );

        w.hr.withdraw_enrolment(ids[0].id).await.unwrap();
        let bo = w.hr.enrolment(ids[1].id).await.unwrap();
        let carl = w.hr.enrolment(ids[2].id).await.unwrap();
        assert_eq!(bo.state, EnrolmentState::Enrolled, "the first in line takes the freed seat");
        assert_eq!((carl.state, carl.waitlist_position), (EnrolmentState::Waitlisted, Some(1)));
        let history: Vec<_> = w.hr.enrolment_history(bo.id).await.unwrap().into_iter().map(|e| e.to_state).collect();
        assert_eq!(history.last(), Some(&EnrolmentState::Enrolled), "{history:?}");
    }

    #[tokio::test]
    async fn with_two_step_approval_the_leader_approves_first_and_then_hr_places_the_enrolment() {
        let w = World::new(1).await;
        let (team, _, leader) = w.team("Team Syd", "Lone Leder", "lone@aabenraa.dk").await;
        let anna = w.staff("Anna", "anna@aabenraa.dk").await;
        w.hr.place_employee(anna, team.id).await.unwrap();
        w.hr.set_two_step_approval(true).await.unwrap();
        assert!(leader.set_two_step_approval(false).await.is_err(), "only HR decides how approval works");

        let e = w.hr.enrol(w.cohort, "anna@aabenraa.dk", false).await.unwrap();
        let early = w.hr.approve_enrolment(e.id).await.unwrap_err();
        assert!(
            matches!(early, crate::Error::Validation(v) if v[0].key == "err-awaits-leader"),
            "HR waits for the leader"
        );
        let e = leader.approve_enrolment(e.id).await.unwrap();
        assert_eq!(e.state, EnrolmentState::LeaderApproved, "the leader's approval holds no seat yet");
        assert!(leader.approve_enrolment(e.id).await.is_err(), "the leader cannot take the second step");
        let e = w.hr.approve_enrolment(e.id).await.unwrap();
        assert_eq!(e.state, EnrolmentState::Enrolled);
        let steps: Vec<_> = w.hr.enrolment_history(e.id).await.unwrap().into_iter().map(|h| h.to_state).collect();
        assert_eq!(
            steps,
            [
                EnrolmentState::Requested,
                EnrolmentState::LeaderApproved,
                EnrolmentState::Approved,
                EnrolmentState::Enrolled
            ]
        );
        // A leader enrolling their own staff "approved" gives the first step only.
        w.staff("Cai", "cai@aabenraa.dk").await;
        let cai_id = w.hr.employees("Cai", crate::store::PageRequest::new(None, None)).await.unwrap().items[0].id;
        w.hr.place_employee(cai_id, team.id).await.unwrap();
        let cai = leader.enrol(w.cohort, "cai@aabenraa.dk", true).await.unwrap();
        assert_eq!(cai.state, EnrolmentState::LeaderApproved, "the leader cannot skip HR's step");
        // Someone no leader leads is HR's to approve alone.
        w.staff("Dan", "dan@aabenraa.dk").await;
        let dan = w.hr.enrol(w.cohort, "dan@aabenraa.dk", false).await.unwrap();
        assert_eq!(w.hr.approve_enrolment(dan.id).await.unwrap().state, EnrolmentState::Waitlisted);
        // Off again: the leader's approval places at once, and what waited for HR can be approved.
        w.hr.set_two_step_approval(false).await.unwrap();
        assert_eq!(leader.approve_enrolment(cai.id).await.unwrap().state, EnrolmentState::Waitlisted);
        w.staff("Bo", "bo@aabenraa.dk").await;
        let bo = w.hr.enrol(w.cohort, "bo@aabenraa.dk", false).await.unwrap();
        assert_eq!(w.hr.approve_enrolment(bo.id).await.unwrap().state, EnrolmentState::Waitlisted);
    }

    #[tokio::test]
    async fn a_request_holds_no_seat_until_it_is_approved_and_cannot_be_approved_twice() {
        let w = World::new(1).await;
        w.participant("Anna", "anna@aabenraa.dk").await;
        w.participant("Bo", "bo@aabenraa.dk").await;
        let anna = w.hr.enrol(w.cohort, "anna@aabenraa.dk", false).await.unwrap();
        assert_eq!(anna.state, EnrolmentState::Requested);
        let bo = w.hr.enrol(w.cohort, "bo@aabenraa.dk", true).await.unwrap();
        assert_eq!(bo.state, EnrolmentState::Enrolled, "a request left the only seat free");
        let anna = w.hr.approve_enrolment(anna.id).await.unwrap();
        assert_eq!((anna.state, anna.waitlist_position), (EnrolmentState::Waitlisted, Some(1)));
        assert!(w.hr.approve_enrolment(anna.id).await.is_err(), "a placed enrolment is not approved again");
        assert_eq!(w.provider.cohort_enrolments(w.cohort).await.unwrap().len(), 2, "the provider sees both");
    }
}
