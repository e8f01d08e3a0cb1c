//! Planning a programme across a municipality's staff: target groups (a saved rule over
//! staff) and wave plans (the group split into waves that keep every team staffed, by
//! [`crate::domain::waves`]). HR only: the routes ask for the HR role, and a leader's
//! scope is refused here too.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::{MunicipalityScope, now};
use crate::domain::waves::{self, Person, Problem, TeamWave, Violation, WaveRules};
use crate::domain::{EmployeeId, ModuleId, ShortText, TargetGroupId, UnitId, ValidationError, WavePlanId};
use crate::{Error, Result};

/// A saved rule over staff. Empty parts match everyone.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct TargetGroup {
    pub id: TargetGroupId,
    pub name: String,
    pub job_title: Option<String>,
    pub unit_id: Option<UnitId>,
    pub unit_name: Option<String>,
    #[sqlx(try_from = "super::codec::Flag")]
    pub include_subunits: bool,
    pub position_code: Option<String>,
    /// "Not yet passed this module": people with its credit are not members.
    pub not_passed_module_id: Option<ModuleId>,
    pub module_title: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TargetGroupInput {
    pub name: String,
    #[serde(default)]
    pub job_title: String,
    /// A unit id, or empty for the whole municipality.
    #[serde(default, deserialize_with = "crate::domain::serde_util::string_or_number")]
    pub unit_id: String,
    /// Sub-units of the unit too.
    #[serde(default, deserialize_with = "crate::domain::serde_util::checkbox")]
    pub include_subunits: Option<String>,
    #[serde(default)]
    pub position_code: String,
    /// A module id, or empty.
    #[serde(default, deserialize_with = "crate::domain::serde_util::string_or_number")]
    pub not_passed_module_id: String,
}

/// An optional id typed into a form: empty is none, anything else must be a number.
fn optional_id(field: &'static str, raw: &str) -> std::result::Result<Option<i64>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse().map(Some).map_err(|_| ValidationError::new(field, "err-number"))
}

/// Where a member of a target group stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// In no wave plan and not enrolled.
    NotPlanned,
    /// In a wave plan of this group, not yet enrolled.
    Planned,
    /// Asked for, approved, waitlisted or on a seat (in the group's module, when it has one).
    Enrolled,
}

impl MemberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotPlanned => "not_planned",
            Self::Planned => "planned",
            Self::Enrolled => "enrolled",
        }
    }
}

impl AsRef<str> for MemberStatus {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct GroupMember {
    pub employee_id: EmployeeId,
    pub name: String,
    pub email: String,
    pub job_title: Option<String>,
    /// The primary unit (the team the wave rule keeps staffed).
    pub unit_id: Option<UnitId>,
    pub unit_name: Option<String>,
    #[sqlx(skip)]
    pub status: Option<MemberStatus>,
    /// The wave in the newest plan of this group (1-based), if planned.
    #[sqlx(skip)]
    pub wave: Option<u32>,
    #[sqlx(skip)]
    pub pinned: bool,
}

const GROUP_SELECT: &str = "SELECT g.id, g.name, g.job_title, g.unit_id, u.name AS unit_name,
    g.include_subunits, g.position_code,
    g.not_passed_module_id, m.title_da AS module_title
    FROM target_groups g LEFT JOIN units u ON u.id = g.unit_id LEFT JOIN modules m ON m.id = g.not_passed_module_id";

/// A wave plan with its rule.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct WavePlan {
    pub id: WavePlanId,
    pub target_group_id: TargetGroupId,
    pub name: String,
    pub waves: i64,
    pub min_at_work_pct: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WavePlanInput {
    pub name: String,
    /// 1–12.
    #[serde(deserialize_with = "crate::domain::serde_util::string_or_number")]
    pub waves: String,
    /// 0–100: the share of every team that must be at work in each wave.
    #[serde(deserialize_with = "crate::domain::serde_util::string_or_number")]
    pub min_at_work_pct: String,
}

/// A plan as the planning page shows it: every member's wave, the count per team and wave,
/// and whatever rule the current split breaks.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WavePlanView {
    pub plan: WavePlan,
    pub members: Vec<GroupMember>,
    pub teams: Vec<TeamRow>,
    pub violations: Vec<PlanViolation>,
    /// Members of the group who are not in the plan (joined after it was made).
    pub not_in_plan: usize,
    pub apart: Vec<(EmployeeId, EmployeeId)>,
}

/// One team in one wave.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamRow {
    pub team_name: String,
    /// 1-based.
    pub wave: u32,
    pub away: u32,
    pub at_work: u32,
    pub size: u32,
    pub allowed_away: u32,
}

/// A broken rule, with names, for the page and the API.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanViolation {
    /// too_many_away, pin_broken, together, no_wave, team_too_small, pinned_over,
    /// apart_impossible, no_combination
    pub kind: &'static str,
    /// The team or people concerned.
    pub who: String,
    /// 1-based, where it concerns one wave.
    pub wave: Option<u32>,
    /// How many away / pinned.
    pub count: u32,
    /// How many are allowed away.
    pub allowed: u32,
    /// How many the team is short.
    pub short: u32,
}

impl PlanViolation {
    fn new(kind: &'static str, who: String) -> Self {
        Self { kind, who, wave: None, count: 0, allowed: 0, short: 0 }
    }
}

/// Turns the planner's problems into named ones.
fn name_problems(
    problems: &[Problem],
    team: &HashMap<i64, String>,
    person: &HashMap<i64, String>,
) -> Vec<PlanViolation> {
    let t = |id: &i64| team.get(id).cloned().unwrap_or_else(|| "—".into());
    let p = |id: &i64| person.get(id).cloned().unwrap_or_else(|| "—".into());
    problems
        .iter()
        .map(|pr| match pr {
            Problem::TeamTooSmall { team, people, allowed_per_wave, short, .. } => PlanViolation {
                count: *people,
                allowed: *allowed_per_wave,
                short: *short,
                ..PlanViolation::new("team_too_small", t(team))
            },
            Problem::PinnedOver { team, wave, pinned, allowed } => PlanViolation {
                wave: Some(wave + 1),
                count: *pinned,
                allowed: *allowed,
                ..PlanViolation::new("pinned_over", t(team))
            },
            Problem::ApartImpossible { a, b } => PlanViolation::new("apart_impossible", format!("{} / {}", p(a), p(b))),
            Problem::PinOutOfRange { person, wave } => {
                PlanViolation { wave: Some(wave + 1), ..PlanViolation::new("pin_broken", p(person)) }
            }
            Problem::NoCombination => PlanViolation::new("no_combination", String::new()),
        })
        .collect()
}

fn name_violations(
    violations: &[Violation],
    team: &HashMap<i64, String>,
    person: &HashMap<i64, String>,
) -> Vec<PlanViolation> {
    let t = |id: &i64| team.get(id).cloned().unwrap_or_else(|| "—".into());
    let p = |id: &i64| person.get(id).cloned().unwrap_or_else(|| "—".into());
    violations
        .iter()
        .map(|v| match v {
            Violation::TooManyAway { team, wave, away, allowed } => PlanViolation {
                wave: Some(wave + 1),
                count: *away,
                allowed: *allowed,
                short: away - allowed,
                ..PlanViolation::new("too_many_away", t(team))
            },
            Violation::PinBroken { person, pinned, .. } => {
                PlanViolation { wave: Some(pinned + 1), ..PlanViolation::new("pin_broken", p(person)) }
            }
            Violation::Together { a, b, wave } => {
                PlanViolation { wave: Some(wave + 1), ..PlanViolation::new("together", format!("{} / {}", p(a), p(b))) }
            }
            Violation::NoWave { person } => PlanViolation::new("no_wave", p(person)),
        })
        .collect()
}

/// The team a member counts in: their primary unit; people without one form a team of
/// their own (id 0), so they are planned but constrain nobody else.
fn team_of(m: &GroupMember) -> i64 {
    m.unit_id.map_or(0, |u| u.0)
}

impl MunicipalityScope {
    fn hr_only(&self) -> Result<()> {
        if self.staff_of().is_some() { Err(Error::Forbidden) } else { Ok(()) }
    }

    pub async fn target_groups(&self) -> Result<Vec<TargetGroup>> {
        self.hr_only()?;
        Ok(sqlx::query_as(&format!("{GROUP_SELECT} WHERE g.org_id = $1 ORDER BY g.name, g.id"))
            .bind(self.org_id().0)
            .fetch_all(&self.store.pool)
            .await?)
    }

    pub async fn target_group(&self, id: TargetGroupId) -> Result<TargetGroup> {
        self.hr_only()?;
        Ok(sqlx::query_as(&format!("{GROUP_SELECT} WHERE g.id = $1 AND g.org_id = $2"))
            .bind(id.0)
            .bind(self.org_id().0)
            .fetch_one(&self.store.pool)
            .await?)
    }

    pub async fn create_target_group(&self, input: &TargetGroupInput) -> Result<TargetGroup> {
        self.hr_only()?;
        let mut errs = Vec::new();
        let name = ShortText::parse_required("name", &input.name, 200).map_err(|e| errs.push(e)).ok();
        let job_title = ShortText::parse_optional("job_title", &input.job_title, 200).map_err(|e| errs.push(e)).ok();
        let code = ShortText::parse_optional("position_code", &input.position_code, 50).map_err(|e| errs.push(e)).ok();
        let unit = optional_id("unit_id", &input.unit_id).map_err(|e| errs.push(e)).ok().flatten().map(UnitId);
        let module = optional_id("not_passed_module_id", &input.not_passed_module_id)
            .map_err(|e| errs.push(e))
            .ok()
            .flatten()
            .map(ModuleId);
        if let Some(u) = unit
            && self.unit(u).await.is_err()
        {
            errs.push(ValidationError::new("unit_id", "err-unit-unknown"));
        }
        if let Some(m) = module
            && !self.catalogue_modules().await?.iter().any(|x| x.0 == m)
        {
            errs.push(ValidationError::new("not_passed_module_id", "err-module-unknown"));
        }
        let (Some(name), Some(job_title), Some(code)) = (name, job_title, code) else { return Err(errs.into()) };
        if !errs.is_empty() {
            return Err(errs.into());
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO target_groups (org_id, name, job_title, unit_id, include_subunits, position_code,
               not_passed_module_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(self.org_id().0)
        .bind(name.as_str())
        .bind(job_title.as_ref().map(ShortText::as_str))
        .bind(unit.map(|u| u.0))
        .bind(i64::from(input.include_subunits.is_some()))
        .bind(code.as_ref().map(ShortText::as_str))
        .bind(module.map(|m| m.0))
        .bind(now())
        .fetch_one(&self.store.pool)
        .await
        .map_err(|e| self.store.conflict(e, "name", "err-name-taken"))?;
        self.target_group(TargetGroupId(id)).await
    }

    /// Every provider's modules, for the "not yet passed" choice: (id, code, Danish title,
    /// provider). Modules are the public catalogue (cohorts tailored to one municipality
    /// are not, but their module is).
    pub async fn catalogue_modules(&self) -> Result<Vec<(ModuleId, String, String, String)>> {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT m.id, m.code, m.title_da, o.name FROM modules m JOIN organizations o ON o.id = m.provider_id
             ORDER BY m.title_da, m.id",
        )
        .fetch_all(&self.store.pool)
        .await?;
        Ok(rows.into_iter().map(|(id, c, t, o)| (ModuleId(id), c, t, o)).collect())
    }

    /// Everyone the group's rule matches today (active staff), by team and name, with where
    /// they stand.
    pub async fn group_members(&self, id: TargetGroupId) -> Result<Vec<GroupMember>> {
        let g = self.target_group(id).await?;
        let subtree =
            "WITH RECURSIVE sub(id) AS (SELECT $4 UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)
                       SELECT id FROM sub";
        let sql = format!(
            "SELECT e.id AS employee_id, e.name, e.email, e.job_title, e.unit_id, u.name AS unit_name
             FROM employees e LEFT JOIN units u ON u.id = e.unit_id
             WHERE e.org_id = $1 AND e.left_at IS NULL
               AND ($2 = '' OR LOWER(COALESCE(e.job_title, '')) = LOWER($2))
               AND ($3 = '' OR e.position_code = $3)
               AND ($4 < 0 OR ($5 = 1 AND e.unit_id IN ({subtree})) OR ($5 = 0 AND e.unit_id = $4))
               AND ($6 < 0 OR NOT EXISTS (SELECT 1 FROM credits cr JOIN enrolments en ON en.id = cr.enrolment_id
                    WHERE en.employee_id = e.id AND cr.module_id = $6))
             ORDER BY u.name, e.name, e.id"
        );
        let mut members: Vec<GroupMember> = sqlx::query_as(&sql)
            .bind(self.org_id().0)
            .bind(g.job_title.clone().unwrap_or_default())
            .bind(g.position_code.clone().unwrap_or_default())
            .bind(g.unit_id.map_or(-1, |u| u.0))
            .bind(i64::from(g.include_subunits))
            .bind(g.not_passed_module_id.map_or(-1, |m| m.0))
            .fetch_all(&self.store.pool)
            .await?;
        // Enrolled: in the group's module when it has one, else in anything.
        let enrolled: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT en.employee_id FROM enrolments en JOIN cohorts c ON c.id = en.cohort_id
             WHERE en.municipality_id = $1 AND en.state IN ('requested', 'leader_approved', 'approved', 'waitlisted', 'enrolled')
               AND ($2 < 0 OR c.module_id = $2)",
        )
        .bind(self.org_id().0)
        .bind(g.not_passed_module_id.map_or(-1, |m| m.0))
        .fetch_all(&self.store.pool)
        .await?;
        let enrolled: std::collections::HashSet<i64> = enrolled.into_iter().collect();
        let planned: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT wm.employee_id, wm.wave, wm.pinned FROM wave_members wm
             WHERE wm.plan_id = (SELECT MAX(p.id) FROM wave_plans p WHERE p.target_group_id = $1 AND p.org_id = $2)",
        )
        .bind(id.0)
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?;
        let planned: HashMap<i64, (i64, i64)> = planned.into_iter().map(|(e, w, p)| (e, (w, p))).collect();
        for m in &mut members {
            let plan = planned.get(&m.employee_id.0);
            m.wave = plan.map(|(w, _)| *w as u32 + 1);
            m.pinned = plan.is_some_and(|(_, p)| *p == 1);
            m.status = Some(if enrolled.contains(&m.employee_id.0) {
                MemberStatus::Enrolled
            } else if plan.is_some() {
                MemberStatus::Planned
            } else {
                MemberStatus::NotPlanned
            });
        }
        Ok(members)
    }

    /// Everyone whose primary unit is one of these, by unit: a team's size counts all of
    /// it, not only the group's members.
    async fn team_sizes(&self, members: &[GroupMember]) -> Result<HashMap<i64, u32>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT unit_id, COUNT(*) FROM employees WHERE org_id = $1 AND left_at IS NULL AND unit_id IS NOT NULL
             GROUP BY unit_id",
        )
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?;
        let wanted: std::collections::HashSet<i64> = members.iter().map(team_of).collect();
        let mut sizes: HashMap<i64, u32> =
            rows.into_iter().filter(|(u, _)| wanted.contains(u)).map(|(u, n)| (u, n as u32)).collect();
        // People with no unit are no team: nobody's absence leaves them short.
        sizes.insert(0, 1_000_000);
        Ok(sizes)
    }

    pub async fn wave_plans(&self, group: TargetGroupId) -> Result<Vec<WavePlan>> {
        self.target_group(group).await?;
        Ok(sqlx::query_as(
            "SELECT id, target_group_id, name, waves, min_at_work_pct, updated_at FROM wave_plans
             WHERE target_group_id = $1 AND org_id = $2 ORDER BY id DESC",
        )
        .bind(group.0)
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?)
    }

    async fn wave_plan(&self, id: WavePlanId) -> Result<WavePlan> {
        self.hr_only()?;
        Ok(sqlx::query_as(
            "SELECT id, target_group_id, name, waves, min_at_work_pct, updated_at FROM wave_plans WHERE id = $1 AND org_id = $2",
        )
        .bind(id.0)
        .bind(self.org_id().0)
        .fetch_one(&self.store.pool)
        .await?)
    }

    /// Proposes a split of the group and saves it as a new plan; when no split keeps every
    /// team staffed, nothing is saved and the problems say which team is how many short.
    pub async fn create_wave_plan(
        &self,
        group: TargetGroupId,
        input: &WavePlanInput,
    ) -> Result<std::result::Result<WavePlanView, Vec<PlanViolation>>> {
        let mut errs = Vec::new();
        let name = ShortText::parse_required("name", &input.name, 200).map_err(|e| errs.push(e)).ok();
        let waves = input.waves.trim().parse::<u32>().ok().filter(|w| (1..=12).contains(w));
        if waves.is_none() {
            errs.push(ValidationError::new("waves", "err-waves-range"));
        }
        let pct = input.min_at_work_pct.trim().trim_end_matches('%').trim().parse::<u32>().ok().filter(|p| *p <= 100);
        if pct.is_none() {
            errs.push(ValidationError::new("min_at_work_pct", "err-percent-range"));
        }
        let (Some(name), Some(waves), Some(pct)) = (name, waves, pct) else { return Err(errs.into()) };
        let members = self.group_members(group).await?;
        if members.is_empty() {
            return Err(ValidationError::new("target_group", "err-target-group-empty").into());
        }
        let rules = WaveRules {
            waves,
            min_at_work_pct: pct,
            team_sizes: self.team_sizes(&members).await?,
            pins: vec![],
            apart: vec![],
        };
        let people: Vec<Person> = members.iter().map(|m| Person { id: m.employee_id.0, team: team_of(m) }).collect();
        let assignment = match waves::propose(&people, &rules) {
            Ok(a) => a,
            Err(problems) => {
                let (teams, persons) = names(&members);
                return Ok(Err(name_problems(&problems, &teams, &persons)));
            }
        };
        let t = now();
        let mut tx = self.store.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO wave_plans (org_id, target_group_id, name, waves, min_at_work_pct, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(self.org_id().0)
        .bind(group.0)
        .bind(name.as_str())
        .bind(i64::from(waves))
        .bind(i64::from(pct))
        .bind(t)
        .fetch_one(&mut *tx)
        .await?;
        for (m, w) in members.iter().zip(&assignment) {
            sqlx::query("INSERT INTO wave_members (plan_id, employee_id, wave, pinned) VALUES ($1, $2, $3, 0)")
                .bind(id)
                .bind(m.employee_id.0)
                .bind(i64::from(*w))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Ok(self.wave_plan_view(WavePlanId(id)).await?))
    }

    /// The plan with every member's wave and what its split breaks, if anything.
    pub async fn wave_plan_view(&self, id: WavePlanId) -> Result<WavePlanView> {
        let plan = self.wave_plan(id).await?;
        let rows: Vec<(i64, i64, i64)> =
            sqlx::query_as("SELECT employee_id, wave, pinned FROM wave_members WHERE plan_id = $1")
                .bind(id.0)
                .fetch_all(&self.store.pool)
                .await?;
        let saved: HashMap<i64, (u32, bool)> = rows.into_iter().map(|(e, w, p)| (e, (w as u32, p == 1))).collect();
        let apart = self.apart_pairs(id).await?;
        self.view_with(plan, &saved, apart).await
    }

    async fn apart_pairs(&self, id: WavePlanId) -> Result<Vec<(EmployeeId, EmployeeId)>> {
        let rows: Vec<(i64, i64)> = sqlx::query_as("SELECT a, b FROM wave_apart WHERE plan_id = $1 ORDER BY a, b")
            .bind(id.0)
            .fetch_all(&self.store.pool)
            .await?;
        Ok(rows.into_iter().map(|(a, b)| (EmployeeId(a), EmployeeId(b))).collect())
    }

    /// Builds the view of a split (saved or as HR is editing it): members of the group not
    /// in the split are listed without a wave and counted.
    async fn view_with(
        &self,
        plan: WavePlan,
        split: &HashMap<i64, (u32, bool)>,
        apart: Vec<(EmployeeId, EmployeeId)>,
    ) -> Result<WavePlanView> {
        let mut members = self.group_members(plan.target_group_id).await?;
        let rules = WaveRules {
            waves: plan.waves as u32,
            min_at_work_pct: plan.min_at_work_pct as u32,
            team_sizes: self.team_sizes(&members).await?,
            pins: split.iter().filter(|(_, (_, p))| *p).map(|(e, (w, _))| (*e, *w)).collect(),
            apart: apart.iter().map(|(a, b)| (a.0, b.0)).collect(),
        };
        let mut not_in_plan = 0;
        for m in &mut members {
            match split.get(&m.employee_id.0) {
                Some((w, p)) => {
                    m.wave = Some(w + 1);
                    m.pinned = *p;
                }
                None => {
                    m.wave = None;
                    not_in_plan += 1;
                }
            }
        }
        let planned: Vec<&GroupMember> = members.iter().filter(|m| m.wave.is_some()).collect();
        let people: Vec<Person> = planned.iter().map(|m| Person { id: m.employee_id.0, team: team_of(m) }).collect();
        let assignment: Vec<u32> = planned.iter().map(|m| m.wave.unwrap_or(1) - 1).collect();
        let (teams, persons) = names(&members);
        let violations = name_violations(&waves::check(&people, &rules, &assignment), &teams, &persons);
        let teams_rows = waves::summary(&people, &rules, &assignment)
            .into_iter()
            .filter(|t| t.team != 0)
            .map(|TeamWave { team, wave, away, at_work, size, allowed_away }| TeamRow {
                team_name: teams.get(&team).cloned().unwrap_or_else(|| "—".into()),
                wave: wave + 1,
                away,
                at_work,
                size,
                allowed_away,
            })
            .collect();
        Ok(WavePlanView { plan, members, teams: teams_rows, violations, not_in_plan, apart })
    }

    /// Checks a split HR made by hand (wave per employee, 1-based; pinned ones) without
    /// saving it.
    pub async fn check_wave_split(&self, id: WavePlanId, split: &[(EmployeeId, u32, bool)]) -> Result<WavePlanView> {
        let plan = self.wave_plan(id).await?;
        let split = self.valid_split(&plan, split)?;
        let apart = self.apart_pairs(id).await?;
        self.view_with(plan, &split, apart).await
    }

    fn valid_split(&self, plan: &WavePlan, split: &[(EmployeeId, u32, bool)]) -> Result<HashMap<i64, (u32, bool)>> {
        let mut out = HashMap::new();
        for (e, w, p) in split {
            if *w < 1 || i64::from(*w) > plan.waves {
                return Err(ValidationError::new(format!("wave-{e}"), "err-wave-unknown").into());
            }
            out.insert(e.0, (w - 1, *p));
        }
        Ok(out)
    }

    /// Saves a split made by hand, if it keeps every rule; otherwise nothing is saved and
    /// the view says what is broken.
    pub async fn save_wave_split(
        &self,
        id: WavePlanId,
        split: &[(EmployeeId, u32, bool)],
    ) -> Result<std::result::Result<WavePlanView, WavePlanView>> {
        let view = self.check_wave_split(id, split).await?;
        if !view.violations.is_empty() {
            return Ok(Err(view));
        }
        let members: std::collections::HashSet<i64> = view.members.iter().map(|m| m.employee_id.0).collect();
        let mut tx = self.store.begin_write().await?;
        sqlx::query("DELETE FROM wave_members WHERE plan_id = $1").bind(id.0).execute(&mut *tx).await?;
        for (e, w, p) in split.iter().filter(|(e, _, _)| members.contains(&e.0)) {
            sqlx::query("INSERT INTO wave_members (plan_id, employee_id, wave, pinned) VALUES ($1, $2, $3, $4)")
                .bind(id.0)
                .bind(e.0)
                .bind(i64::from(w - 1))
                .bind(i64::from(*p))
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE wave_plans SET updated_at = $1 WHERE id = $2")
            .bind(now())
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Ok(self.wave_plan_view(id).await?))
    }

    /// Proposes the plan again for today's members, keeping pinned people where they are
    /// and the pairs apart; saved only when a split exists.
    pub async fn repropose_wave_plan(
        &self,
        id: WavePlanId,
    ) -> Result<std::result::Result<WavePlanView, Vec<PlanViolation>>> {
        let current = self.wave_plan_view(id).await?;
        let plan = current.plan.clone();
        let members = &current.members;
        let rules = WaveRules {
            waves: plan.waves as u32,
            min_at_work_pct: plan.min_at_work_pct as u32,
            team_sizes: self.team_sizes(members).await?,
            pins: members
                .iter()
                .filter(|m| m.pinned)
                .filter_map(|m| m.wave.map(|w| (m.employee_id.0, w - 1)))
                .collect(),
            apart: current.apart.iter().map(|(a, b)| (a.0, b.0)).collect(),
        };
        let people: Vec<Person> = members.iter().map(|m| Person { id: m.employee_id.0, team: team_of(m) }).collect();
        match waves::propose(&people, &rules) {
            Err(problems) => {
                let (teams, persons) = names(members);
                Ok(Err(name_problems(&problems, &teams, &persons)))
            }
            Ok(assignment) => {
                let split: Vec<(EmployeeId, u32, bool)> =
                    members.iter().zip(assignment).map(|(m, w)| (m.employee_id, w + 1, m.pinned)).collect();
                match self.save_wave_split(id, &split).await? {
                    Ok(v) => Ok(Ok(v)),
                    Err(v) => Ok(Err(v.violations)),
                }
            }
        }
    }

    /// Keeps two members of the plan out of the same wave.
    pub async fn add_wave_apart(&self, id: WavePlanId, a: EmployeeId, b: EmployeeId) -> Result<()> {
        let view = self.wave_plan_view(id).await?;
        let known = |e: EmployeeId| view.members.iter().any(|m| m.employee_id == e);
        if a == b || !known(a) || !known(b) {
            return Err(ValidationError::new("apart", "err-apart-pair").into());
        }
        let (a, b) = if a.0 < b.0 { (a, b) } else { (b, a) };
        let held: Option<i64> = sqlx::query_scalar("SELECT 1 FROM wave_apart WHERE plan_id = $1 AND a = $2 AND b = $3")
            .bind(id.0)
            .bind(a.0)
            .bind(b.0)
            .fetch_optional(&self.store.pool)
            .await?;
        if held.is_none() {
            sqlx::query("INSERT INTO wave_apart (plan_id, a, b) VALUES ($1, $2, $3)")
                .bind(id.0)
                .bind(a.0)
                .bind(b.0)
                .execute(&self.store.pool)
                .await?;
        }
        Ok(())
    }

    /// The members of one wave (1-based) of a plan, for bulk enrolment.
    pub async fn wave_members(&self, id: WavePlanId, wave: u32) -> Result<Vec<EmployeeId>> {
        self.wave_plan(id).await?;
        let rows: Vec<i64> =
            sqlx::query_scalar("SELECT employee_id FROM wave_members WHERE plan_id = $1 AND wave = $2")
                .bind(id.0)
                .bind(i64::from(wave) - 1)
                .fetch_all(&self.store.pool)
                .await?;
        Ok(rows.into_iter().map(EmployeeId).collect())
    }
}

fn names(members: &[GroupMember]) -> (HashMap<i64, String>, HashMap<i64, String>) {
    let teams = members.iter().map(|m| (team_of(m), m.unit_name.clone().unwrap_or_else(|| "—".into()))).collect();
    let persons = members.iter().map(|m| (m.employee_id.0, m.name.clone())).collect();
    (teams, persons)
}
