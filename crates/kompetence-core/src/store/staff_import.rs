//! Importing a municipality's staff and units from its own systems ([`StaffSnapshot`]):
//! a dry run that says what would be created, changed, moved and marked as left, and the
//! import itself, in one transaction, so a failure leaves the staff as they were.
//!
//! A re-import is idempotent: units and people are matched on the source's ids (then on
//! the CPR hash, then on e-mail, so people typed in by hand before the first import are
//! adopted, not doubled). People missing from the file are marked as left — never deleted,
//! their enrolments and credits stay. Engagements and unit leaders from the source are
//! replaced as a whole by the file's. CPR numbers are kept only as a keyed hash (HMAC-SHA256
//! with the installation's key), and only when a key is configured.
use std::collections::HashMap;

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

use super::{MunicipalityScope, now};
use crate::domain::staff_file::{LineError, StaffSnapshot};
use crate::{Error, Result};

/// How many changes a report lists by name (the counts are always complete).
const LISTED: usize = 500;

/// Rows per multi-row INSERT: 12 columns × 400 stays well inside both databases' limit on
/// parameters per statement (SQLite 32,766, PostgreSQL 65,535).
const BATCH: usize = 400;

/// What a progress bar is told: rows done of rows in all.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Send + Sync);

pub struct ImportOptions<'a> {
    /// Only report what would happen.
    pub dry_run: bool,
    /// The installation's key for CPR hashes; without it CPR numbers are not kept at all.
    pub cpr_key: Option<&'a [u8]>,
    pub progress: Option<Progress<'a>>,
}

/// One change, for the dry run's list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportChange {
    /// unit-created, unit-changed, unit-closed, person-created, person-changed,
    /// person-moved, person-left or person-returned
    pub kind: &'static str,
    pub name: String,
    /// E.g. the unit moved to.
    pub detail: String,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub dry_run: bool,
    /// True once the import is in the database (never for a dry run or a refused file).
    pub written: bool,
    pub units_created: usize,
    pub units_changed: usize,
    pub units_closed: usize,
    pub people_created: usize,
    pub people_changed: usize,
    pub people_moved: usize,
    pub people_left: usize,
    pub people_returned: usize,
    pub people_unchanged: usize,
    pub leaders: usize,
    /// The file had CPR numbers but no key is configured, so they were not kept.
    pub cpr_ignored: bool,
    /// The first changes by name (up to 500).
    pub changes: Vec<ImportChange>,
    pub errors: Vec<LineError>,
}

impl ImportReport {
    fn note(&mut self, kind: &'static str, name: &str, detail: impl Into<String>) {
        if self.changes.len() < LISTED {
            self.changes.push(ImportChange { kind, name: name.to_string(), detail: detail.into() });
        }
    }

    /// Whether importing would change anything at all.
    pub fn changes_anything(&self) -> bool {
        self.units_created
            + self.units_changed
            + self.units_closed
            + self.people_created
            + self.people_changed
            + self.people_moved
            + self.people_left
            + self.people_returned
            > 0
    }

    /// A report of a file that was refused before it was compared with anything.
    pub fn refused(errors: Vec<LineError>, dry_run: bool) -> Self {
        Self { errors, dry_run, ..Self::default() }
    }
}

/// The keyed hash a CPR number is matched by.
pub fn cpr_hash(key: &[u8], cpr: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(cpr.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[derive(sqlx::FromRow)]
struct ExistingUnit {
    id: i64,
    source_id: Option<String>,
    name: String,
    parent_id: Option<i64>,
    address: Option<String>,
    active: i64,
}

#[derive(sqlx::FromRow)]
struct ExistingPerson {
    id: i64,
    source_id: Option<String>,
    cpr_hash: Option<String>,
    email: String,
    name: String,
    job_title: Option<String>,
    mobile: Option<String>,
    position_code: Option<String>,
    unit_id: Option<i64>,
    department: Option<String>,
    team: Option<String>,
    left_at: Option<i64>,
}

/// What one person in the file becomes.
struct PersonPlan<'a> {
    existing: Option<usize>,
    person: &'a crate::domain::staff_file::SourcePerson,
    cpr_hash: Option<String>,
    unit: Option<&'a str>,
    job_title: Option<String>,
    position_code: Option<String>,
    /// Whether the existing record needs writing (an unchanged person is left alone, so a
    /// re-import of a large municipality writes only what changed).
    dirty: bool,
}

impl MunicipalityScope {
    /// Compares the snapshot with this municipality's staff and, unless it is a dry run,
    /// writes it. HR only: a leader's scope sees part of the staff and cannot import.
    pub async fn import_staff(&self, snap: &StaffSnapshot, opts: ImportOptions<'_>) -> Result<ImportReport> {
        if self.staff_of().is_some() {
            return Err(Error::Forbidden);
        }
        let org = self.org_id().0;
        let mut report = ImportReport { dry_run: opts.dry_run, ..ImportReport::default() };
        let units: Vec<ExistingUnit> =
            sqlx::query_as("SELECT id, source_id, name, parent_id, address, active FROM units WHERE org_id = $1")
                .bind(org)
                .fetch_all(&self.store.pool)
                .await?;
        let people: Vec<ExistingPerson> = sqlx::query_as(
            "SELECT id, source_id, cpr_hash, email, name, job_title, mobile, position_code, unit_id, department, team,
               left_at FROM employees WHERE org_id = $1",
        )
        .bind(org)
        .fetch_all(&self.store.pool)
        .await?;

        // Units, matched on the source's id.
        let unit_by_source: HashMap<&str, &ExistingUnit> =
            units.iter().filter_map(|u| u.source_id.as_deref().map(|s| (s, u))).collect();
        let source_of: HashMap<i64, &str> =
            units.iter().filter_map(|u| u.source_id.as_deref().map(|s| (u.id, s))).collect();
        let name_of: HashMap<&str, &str> = snap.units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect();
        for u in &snap.units {
            match unit_by_source.get(u.id.as_str()) {
                None => {
                    report.units_created += 1;
                    report.note(
                        "unit-created",
                        &u.name,
                        u.parent.as_deref().and_then(|p| name_of.get(p)).copied().unwrap_or(""),
                    );
                }
                Some(e) => {
                    let parent = e.parent_id.and_then(|p| source_of.get(&p).copied());
                    if e.name != u.name || parent != u.parent.as_deref() || e.address != u.address || e.active != 1 {
                        report.units_changed += 1;
                        report.note("unit-changed", &u.name, "");
                    }
                }
            }
        }
        let in_file: std::collections::HashSet<&str> = snap.units.iter().map(|u| u.id.as_str()).collect();
        for u in units.iter().filter(|u| u.active == 1) {
            if let Some(s) = u.source_id.as_deref()
                && !in_file.contains(s)
            {
                report.units_closed += 1;
                report.note("unit-closed", &u.name, "");
            }
        }

        // People: source id, then CPR hash, then e-mail.
        let by_source: HashMap<&str, usize> =
            people.iter().enumerate().filter_map(|(i, p)| p.source_id.as_deref().map(|s| (s, i))).collect();
        let by_cpr: HashMap<&str, usize> =
            people.iter().enumerate().filter_map(|(i, p)| p.cpr_hash.as_deref().map(|s| (s, i))).collect();
        let by_email: HashMap<&str, usize> = people.iter().enumerate().map(|(i, p)| (p.email.as_str(), i)).collect();
        let primary = snap.primary_units();
        let unit_source_of_person: HashMap<i64, &str> =
            people.iter().filter_map(|p| p.unit_id.and_then(|u| source_of.get(&u)).map(|s| (p.id, *s))).collect();
        let mut plans: Vec<PersonPlan> = Vec::with_capacity(snap.people.len());
        let mut claimed = vec![false; people.len()];
        for person in &snap.people {
            report.cpr_ignored |= person.cpr.is_some() && opts.cpr_key.is_none();
            let hash = opts.cpr_key.zip(person.cpr.as_deref()).map(|(k, c)| cpr_hash(k, c));
            let existing = by_source
                .get(person.id.as_str())
                .or_else(|| hash.as_deref().and_then(|h| by_cpr.get(h)))
                .or_else(|| by_email.get(person.email.as_str()).filter(|&&i| people[i].source_id.is_none()))
                .copied();
            // Someone else here already has this e-mail (another source id).
            if let Some(&other) = by_email.get(person.email.as_str())
                && Some(other) != existing
            {
                report.errors.push(LineError {
                    file: snap.people_file.clone(),
                    line: person.line,
                    key: "err-import-email-taken",
                    value: person.email.clone(),
                });
                continue;
            }
            if let Some(i) = existing {
                if claimed[i] {
                    report.errors.push(LineError {
                        file: snap.people_file.clone(),
                        line: person.line,
                        key: "err-import-duplicate-id",
                        value: person.id.clone(),
                    });
                    continue;
                }
                claimed[i] = true;
            }
            let eng = primary.get(person.id.as_str());
            let job_title = person.job_title.clone().or_else(|| eng.and_then(|e| e.position_title.clone()));
            plans.push(PersonPlan {
                existing,
                person,
                cpr_hash: hash,
                unit: eng.map(|e| e.unit.as_str()),
                job_title,
                position_code: eng.and_then(|e| e.position_code.clone()),
                dirty: true,
            });
        }
        if !report.errors.is_empty() {
            return Ok(report);
        }
        let parent_name: HashMap<&str, &str> = snap
            .units
            .iter()
            .filter_map(|u| u.parent.as_deref().and_then(|p| name_of.get(p)).map(|n| (u.id.as_str(), *n)))
            .collect();
        for p in &mut plans {
            let name = p.person.name.as_str();
            let Some(i) = p.existing else {
                report.people_created += 1;
                report.note("person-created", name, p.unit.and_then(|u| name_of.get(u)).copied().unwrap_or(""));
                continue;
            };
            let e = &people[i];
            let moved = unit_source_of_person.get(&e.id).copied() != p.unit;
            let changed = e.name != p.person.name
                || e.email != p.person.email
                || e.job_title != p.job_title
                || e.mobile != p.person.mobile
                || e.position_code != p.position_code
                || e.source_id.as_deref() != Some(p.person.id.as_str());
            if e.left_at.is_some() {
                report.people_returned += 1;
                report.note("person-returned", name, "");
            } else if moved {
                report.people_moved += 1;
                report.note("person-moved", name, p.unit.and_then(|u| name_of.get(u)).copied().unwrap_or(""));
            } else if changed {
                report.people_changed += 1;
                report.note("person-changed", name, "");
            } else {
                report.people_unchanged += 1;
            }
            let team = p.unit.and_then(|u| name_of.get(u)).copied();
            let department = p.unit.map(|u| parent_name.get(u).or(name_of.get(u)).copied().unwrap_or(""));
            let new_hash = p.cpr_hash.is_some() && p.cpr_hash != e.cpr_hash;
            p.dirty = moved
                || changed
                || new_hash
                || e.left_at.is_some()
                || e.team.as_deref() != team
                || e.department.as_deref() != department;
        }
        let leavers: Vec<&ExistingPerson> = people
            .iter()
            .enumerate()
            .filter(|(i, p)| !claimed[*i] && p.source_id.is_some() && p.left_at.is_none())
            .map(|(_, p)| p)
            .collect();
        for p in &leavers {
            report.people_left += 1;
            report.note("person-left", &p.name, "");
        }
        report.leaders = snap.leaders.len();
        if opts.dry_run {
            return Ok(report);
        }
        self.write_import(snap, &plans, &people, &units, &leavers, &opts).await?;
        report.written = true;
        Ok(report)
    }

    /// Keeps an uploaded file set until HR confirms the import after its dry run; sets
    /// older than a day are dropped on the way.
    pub async fn save_staff_upload(&self, files: &HashMap<String, Vec<u8>>) -> Result<i64> {
        self.hr_only_import()?;
        let mut tx = self.store.begin_write().await?;
        let old = now() - 24 * 3600;
        sqlx::query(
            "DELETE FROM staff_upload_files WHERE upload_id IN (SELECT id FROM staff_uploads WHERE created_at < $1)",
        )
        .bind(old)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM staff_uploads WHERE created_at < $1").bind(old).execute(&mut *tx).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO staff_uploads (org_id, user_id, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(self.org_id().0)
        .bind(self.grant.user().0)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        for (name, content) in files {
            sqlx::query("INSERT INTO staff_upload_files (upload_id, name, content) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(name)
                .bind(content.as_slice())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// An upload of this municipality (by anyone of its HR), as file name → content.
    pub async fn staff_upload(&self, id: i64) -> Result<HashMap<String, Vec<u8>>> {
        self.hr_only_import()?;
        let owner: Option<i64> = sqlx::query_scalar("SELECT id FROM staff_uploads WHERE id = $1 AND org_id = $2")
            .bind(id)
            .bind(self.org_id().0)
            .fetch_optional(&self.store.pool)
            .await?;
        owner.ok_or(Error::NotFound)?;
        let rows: Vec<(String, Vec<u8>)> =
            sqlx::query_as("SELECT name, content FROM staff_upload_files WHERE upload_id = $1")
                .bind(id)
                .fetch_all(&self.store.pool)
                .await?;
        Ok(rows.into_iter().collect())
    }

    /// Replaces one file of a kept upload (a plain file's column mapping, as HR changes it).
    pub async fn set_staff_upload_file(&self, id: i64, name: &str, content: &[u8]) -> Result<()> {
        self.staff_upload(id).await?;
        let mut tx = self.store.begin_write().await?;
        sqlx::query("DELETE FROM staff_upload_files WHERE upload_id = $1 AND name = $2")
            .bind(id)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO staff_upload_files (upload_id, name, content) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(name)
            .bind(content)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn drop_staff_upload(&self, id: i64) -> Result<()> {
        self.staff_upload(id).await?;
        let mut tx = self.store.begin_write().await?;
        sqlx::query("DELETE FROM staff_upload_files WHERE upload_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM staff_uploads WHERE id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    fn hr_only_import(&self) -> Result<()> {
        if self.staff_of().is_some() { Err(Error::Forbidden) } else { Ok(()) }
    }

    async fn write_import(
        &self,
        snap: &StaffSnapshot,
        plans: &[PersonPlan<'_>],
        people: &[ExistingPerson],
        units: &[ExistingUnit],
        leavers: &[&ExistingPerson],
        opts: &ImportOptions<'_>,
    ) -> Result<()> {
        let org = self.org_id().0;
        let t = now();
        let total = snap.units.len() + plans.len() + snap.engagements.len() + snap.leaders.len();
        let mut done = 0;
        let tick = |done: usize| {
            if let Some(p) = opts.progress
                && (done.is_multiple_of(500) || done == total)
            {
                p(done, total);
            }
        };
        let mut tx = self.store.begin_write().await?;

        // Units: first every unit with its fields, then the parents, so a child may come
        // before its parent in the file.
        let mut unit_id: HashMap<&str, i64> =
            units.iter().filter_map(|u| u.source_id.as_deref().map(|s| (s, u.id))).collect();
        for u in &snap.units {
            match unit_id.get(u.id.as_str()) {
                Some(&id) => {
                    sqlx::query("UPDATE units SET name = $1, address = $2, active = 1 WHERE id = $3")
                        .bind(&u.name)
                        .bind(&u.address)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                None => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO units (org_id, source_id, name, address, active, created_at)
                         VALUES ($1, $2, $3, $4, 1, $5) RETURNING id",
                    )
                    .bind(org)
                    .bind(&u.id)
                    .bind(&u.name)
                    .bind(&u.address)
                    .bind(t)
                    .fetch_one(&mut *tx)
                    .await?;
                    unit_id.insert(u.id.as_str(), id);
                }
            }
            done += 1;
            tick(done);
        }
        for u in &snap.units {
            sqlx::query("UPDATE units SET parent_id = $1 WHERE id = $2")
                .bind(u.parent.as_deref().map(|p| unit_id[p]))
                .bind(unit_id[u.id.as_str()])
                .execute(&mut *tx)
                .await?;
        }
        let in_file: std::collections::HashSet<&str> = snap.units.iter().map(|u| u.id.as_str()).collect();
        for u in units {
            if let Some(s) = u.source_id.as_deref()
                && !in_file.contains(s)
            {
                sqlx::query("UPDATE units SET active = 0 WHERE id = $1").bind(u.id).execute(&mut *tx).await?;
            }
        }
        let unit_name: HashMap<&str, &str> = snap.units.iter().map(|u| (u.id.as_str(), u.name.as_str())).collect();
        let parent_of: HashMap<&str, &str> =
            snap.units.iter().filter_map(|u| u.parent.as_deref().map(|p| (u.id.as_str(), p))).collect();

        // People. Department and team (the free-text columns the coverage report groups
        // by) follow the tree: the team is the primary unit, the department its parent.
        let mut person_id: HashMap<&str, i64> = HashMap::new();
        let placed = |p: &PersonPlan<'_>| {
            let team = p.unit.map(|u| unit_name[u]);
            let department = p.unit.map(|u| parent_of.get(u).map_or(unit_name[u], |parent| unit_name[parent]));
            (p.unit.map(|u| unit_id[u]), department, team)
        };
        for p in plans.iter().filter(|p| p.existing.is_some()) {
            let id = people[p.existing.unwrap_or_default()].id;
            person_id.insert(p.person.id.as_str(), id);
            done += 1;
            tick(done);
            if !p.dirty {
                continue;
            }
            let (unit, department, team) = placed(p);
            sqlx::query(
                "UPDATE employees SET source_id = $1, cpr_hash = COALESCE($2, cpr_hash), name = $3, email = $4,
                   mobile = $5, job_title = $6, position_code = $7, unit_id = $8, department = $9, team = $10,
                   left_at = NULL
                 WHERE id = $11 AND org_id = $12",
            )
            .bind(&p.person.id)
            .bind(&p.cpr_hash)
            .bind(&p.person.name)
            .bind(&p.person.email)
            .bind(&p.person.mobile)
            .bind(&p.job_title)
            .bind(&p.position_code)
            .bind(unit)
            .bind(department)
            .bind(team)
            .bind(id)
            .bind(org)
            .execute(&mut *tx)
            .await?;
        }
        // New people, many to a statement (a large municipality's first import is mostly
        // this), their ids read back by source id.
        const PEOPLE_COLS: [&str; 12] = [
            "org_id",
            "source_id",
            "cpr_hash",
            "name",
            "email",
            "mobile",
            "job_title",
            "position_code",
            "unit_id",
            "department",
            "team",
            "created_at",
        ];
        let new: Vec<&PersonPlan<'_>> = plans.iter().filter(|p| p.existing.is_none()).collect();
        for chunk in new.chunks(BATCH) {
            let sql = super::write::insert_rows("employees", &PEOPLE_COLS, chunk.len(), "RETURNING id, source_id");
            let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
            for p in chunk {
                let (unit, department, team) = placed(p);
                q = q
                    .bind(org)
                    .bind(&p.person.id)
                    .bind(&p.cpr_hash)
                    .bind(&p.person.name)
                    .bind(&p.person.email)
                    .bind(&p.person.mobile)
                    .bind(&p.job_title)
                    .bind(&p.position_code)
                    .bind(unit)
                    .bind(department)
                    .bind(team)
                    .bind(t);
            }
            let by_source: HashMap<String, i64> =
                q.fetch_all(&mut *tx).await?.into_iter().map(|(id, s)| (s, id)).collect();
            for p in chunk {
                person_id.insert(p.person.id.as_str(), by_source[&p.person.id]);
            }
            done += chunk.len();
            tick(done);
        }
        for p in leavers {
            sqlx::query("UPDATE employees SET left_at = $1, unit_id = NULL WHERE id = $2 AND org_id = $3")
                .bind(t)
                .bind(p.id)
                .bind(org)
                .execute(&mut *tx)
                .await?;
        }

        // Engagements and leaders from the source are the file's, as a whole.
        sqlx::query(
            "DELETE FROM engagements WHERE from_source = 1
               AND employee_id IN (SELECT id FROM employees WHERE org_id = $1 AND source_id IS NOT NULL)",
        )
        .bind(org)
        .execute(&mut *tx)
        .await?;
        let engagements: Vec<_> =
            snap.engagements.iter().filter_map(|e| person_id.get(e.person.as_str()).map(|&emp| (emp, e))).collect();
        const ENGAGEMENT_COLS: [&str; 8] =
            ["employee_id", "unit_id", "is_primary", "active", "kind", "job_title", "position_code", "from_source"];
        for chunk in engagements.chunks(BATCH) {
            // One HR placed by hand becomes the source's (the file says the same).
            let sql = super::write::insert_rows(
                "engagements",
                &ENGAGEMENT_COLS,
                chunk.len(),
                "ON CONFLICT (employee_id, unit_id) DO UPDATE SET is_primary = excluded.is_primary,
                   active = excluded.active, kind = excluded.kind, job_title = excluded.job_title,
                   position_code = excluded.position_code, from_source = 1",
            );
            let mut q = sqlx::query(&sql);
            for (emp, e) in chunk {
                q = q
                    .bind(*emp)
                    .bind(unit_id[e.unit.as_str()])
                    .bind(i64::from(e.primary))
                    .bind(i64::from(e.active))
                    .bind(&e.kind)
                    .bind(&e.position_title)
                    .bind(&e.position_code)
                    .bind(1_i64);
            }
            q.execute(&mut *tx).await?;
            done += chunk.len();
            tick(done);
        }
        sqlx::query(
            "DELETE FROM unit_leaders WHERE from_source = 1
               AND unit_id IN (SELECT id FROM units WHERE org_id = $1 AND source_id IS NOT NULL)",
        )
        .bind(org)
        .execute(&mut *tx)
        .await?;
        let mut seen = std::collections::HashSet::new();
        let leaders: Vec<(i64, i64, Option<&String>)> = snap
            .leaders
            .iter()
            .filter_map(|l| {
                let emp = *person_id.get(l.person.as_str())?;
                let unit = unit_id[l.unit.as_str()];
                seen.insert((emp, unit)).then_some((unit, emp, l.title.as_ref()))
            })
            .collect();
        for chunk in leaders.chunks(BATCH) {
            let sql = super::write::insert_rows(
                "unit_leaders",
                &["unit_id", "employee_id", "title", "from_source"],
                chunk.len(),
                "ON CONFLICT (unit_id, employee_id) DO UPDATE SET title = excluded.title, from_source = 1",
            );
            let mut q = sqlx::query(&sql);
            for (unit, emp, title) in chunk {
                q = q.bind(*unit).bind(*emp).bind(*title).bind(1_i64);
            }
            q.execute(&mut *tx).await?;
            done += chunk.len();
            tick(done);
        }
        let detail = format!("{} units, {} people, {} left", snap.units.len(), plans.len(), leavers.len());
        self.audit_in(&mut tx, "staff.import", format!("org {org}"), detail).await?;
        tx.commit().await?;
        tick(total);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staff_file::{aabenraa_sample, read_os2mo};
    use crate::store::testing::World;
    use crate::store::{MunicipalityScope, PageRequest};

    const KEY: &[u8] = b"test-cpr-key";

    fn opts(dry_run: bool) -> ImportOptions<'static> {
        ImportOptions { dry_run, cpr_key: Some(KEY), progress: None }
    }

    fn edited(edit: impl Fn(&str, String) -> String) -> StaffSnapshot {
        let files = aabenraa_sample()
            .into_iter()
            .map(|(k, v)| {
                let text = edit(&k, String::from_utf8(v).unwrap());
                (k, text.into_bytes())
            })
            .collect();
        read_os2mo(&files).unwrap()
    }

    #[tokio::test]
    async fn a_dry_run_writes_nothing_the_import_writes_it_all_and_a_reimport_changes_nothing() {
        let w = World::new(5).await;
        let snap = edited(|_, t| t);
        let dry = w.hr.import_staff(&snap, opts(true)).await.unwrap();
        assert_eq!((dry.units_created, dry.people_created, dry.written), (9, 30, false));
        assert_eq!(w.hr.units().await.unwrap().len(), 0, "a dry run writes nothing");

        let done = w.hr.import_staff(&snap, opts(false)).await.unwrap();
        assert!(done.written);
        let units = w.hr.units().await.unwrap();
        let tree: Vec<_> = units.iter().map(|u| (u.depth, u.name.as_str())).collect();
        assert_eq!(tree[0], (0, "Aabenraa Kommune"));
        assert!(tree.contains(&(3, "Team Syd")), "{tree:?}");
        let staff = w.hr.employees("", PageRequest::new(None, Some(100))).await.unwrap();
        assert_eq!(staff.total, 30);
        let dorthe = staff.items.iter().find(|e| e.name == "Dorthe Dam").unwrap();
        assert_eq!(
            (dorthe.team.as_deref(), dorthe.department.as_deref()),
            (Some("Team Syd"), Some("Løn og Personale"))
        );
        let hashes: Vec<Option<String>> =
            sqlx::query_scalar("SELECT cpr_hash FROM employees").fetch_all(&w.store.pool).await.unwrap();
        assert!(hashes.iter().all(|h| h.as_ref().is_some_and(|h| h.len() == 64 && !h.contains('-'))), "only hashes");

        let again = w.hr.import_staff(&snap, opts(false)).await.unwrap();
        assert_eq!(
            (again.units_created, again.units_changed, again.people_created, again.people_changed, again.people_moved),
            (0, 0, 0, 0, 0)
        );
        assert_eq!(again.people_unchanged, 30);
        assert_eq!(w.hr.employees("", PageRequest::new(None, Some(100))).await.unwrap().total, 30);
    }

    #[tokio::test]
    async fn a_leaver_is_marked_not_deleted_and_a_move_is_reported() {
        let w = World::new(5).await;
        w.hr.import_staff(&edited(|_, t| t), opts(false)).await.unwrap();
        let dorthe = w.hr.employees("Dorthe", PageRequest::new(None, None)).await.unwrap().items[0].clone();
        w.hr.create_participant_login(dorthe.id, None).await.unwrap();
        w.hr.enrol(w.cohort, &dorthe.email, true).await.unwrap();
        // Dorthe leaves (all her lines go); Jens moves from Team Vest to Team Syd.
        let sample = aabenraa_sample();
        let text = |f: &str| String::from_utf8(sample[f].clone()).unwrap();
        let id_of = |name: &str| {
            text("bruger.csv").lines().find(|l| l.contains(name)).unwrap().split(',').next().unwrap().to_string()
        };
        let unit_of = |name: &str| {
            text("organisation.csv").lines().find(|l| l.contains(name)).unwrap().split(',').next().unwrap().to_string()
        };
        let (gone, mover, syd, vest) = (id_of("Dorthe Dam"), id_of("Jens "), unit_of("Team Syd"), unit_of("Team Vest"));
        let snap = edited(|name, t| {
            let t: Vec<_> = t.lines().filter(|l| !l.contains(&gone)).map(str::to_string).collect();
            let t = t.join("\n");
            if name == "engagement.csv" {
                t.lines()
                    .map(|l| if l.starts_with(&mover) { l.replace(&vest, &syd) } else { l.to_string() })
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                t
            }
        });
        let dry = w.hr.import_staff(&snap, opts(true)).await.unwrap();
        assert_eq!(dry.people_left, 1);
        assert!(dry.changes.iter().any(|c| c.kind == "person-left" && c.name == "Dorthe Dam"));
        assert_eq!(dry.people_moved, 1);
        assert!(dry.changes.iter().any(|c| c.kind == "person-moved" && c.detail == "Team Syd"), "{:?}", dry.changes);
        let done = w.hr.import_staff(&snap, opts(false)).await.unwrap();
        assert_eq!(done.people_left, 1);
        let left: Option<i64> = sqlx::query_scalar("SELECT left_at FROM employees WHERE id = $1")
            .bind(dorthe.id.0)
            .fetch_one(&w.store.pool)
            .await
            .unwrap();
        assert!(left.is_some(), "marked as left");
        assert_eq!(w.hr.municipal_enrolments(None, PageRequest::new(None, None)).await.unwrap().total, 1, "kept");
        assert!(w.hr.enrol(w.cohort, &dorthe.email, true).await.is_err(), "a leaver cannot be enrolled");

        // Back in the file: returned, same record.
        let back = w.hr.import_staff(&edited(|_, t| t), opts(false)).await.unwrap();
        assert_eq!((back.people_returned, back.people_created), (1, 0));
    }

    #[tokio::test]
    async fn one_municipalitys_file_never_touches_anothers_staff_and_a_clash_writes_nothing() {
        let w = World::new(5).await;
        w.hr.import_staff(&edited(|_, t| t), opts(false)).await.unwrap();
        let other = w.store.create_org("Bornholms Regionskommune", "municipality").await.unwrap().id;
        let hr = crate::store::testing::user(&w.store, "hr@bornholm.dk").await;
        w.store.grant_role(hr, other, "hr").await.unwrap();
        let bornholm: MunicipalityScope = w.store.authorize_as(hr, other, &[]).await.unwrap();
        // The same file (same source ids, same e-mails) in another municipality is its own.
        let theirs = bornholm.import_staff(&edited(|_, t| t), opts(false)).await.unwrap();
        assert_eq!(theirs.people_created, 30);
        let ours = w.hr.import_staff(&edited(|_, t| t), opts(true)).await.unwrap();
        assert_eq!((ours.people_unchanged, ours.people_left), (30, 0), "Aabenraa untouched");

        // An e-mail that belongs to someone else here refuses the whole file.
        w.hr.create_employee(&crate::store::EmployeeInput {
            name: "Ny Person".into(),
            email: "ny@aabenraa.dk".into(),
            ..Default::default()
        })
        .await
        .unwrap();
        let clash = edited(|name, t| match name {
            "bruger.csv" => t.replace("deltager.aabenraa@kompetence.test", "ny@aabenraa.dk"),
            _ => t,
        });
        let refused = w.hr.import_staff(&clash, opts(false)).await.unwrap();
        assert!(!refused.written);
        assert_eq!(refused.errors[0].key, "err-import-email-taken");
        assert_eq!(w.hr.employees("Dorthe", PageRequest::new(None, None)).await.unwrap().total, 1, "nothing written");
    }

    #[tokio::test]
    async fn leaders_and_placements_made_by_hand_survive_a_reimport() {
        let w = World::new(5).await;
        w.hr.import_staff(&edited(|_, t| t), opts(false)).await.unwrap();
        let extra =
            w.hr.create_unit(&crate::store::UnitInput { name: "Projekt Ny Løn".into(), parent_id: None })
                .await
                .unwrap();
        w.hr.add_unit_leader(extra.id, "hr.aabenraa@kompetence.test").await.unwrap();
        let dorthe = w.hr.employees("Dorthe", PageRequest::new(None, None)).await.unwrap().items[0].id;
        w.hr.place_employee(dorthe, extra.id).await.unwrap();
        w.hr.import_staff(&edited(|_, t| t), opts(false)).await.unwrap();
        let unit = w.hr.units().await.unwrap().into_iter().find(|u| u.name == "Projekt Ny Løn").unwrap();
        assert_eq!(unit.leaders.as_deref(), Some("Hanne Hansen"), "the hand-made leader is kept");
        let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM engagements WHERE employee_id = $1 AND unit_id = $2")
            .bind(dorthe.0)
            .bind(extra.id.0)
            .fetch_one(&w.store.pool)
            .await
            .unwrap();
        assert_eq!(kept, 1, "and so is the placement");
    }

    #[tokio::test]
    async fn a_leader_cannot_import() {
        let w = World::new(5).await;
        let lead = w.staff("Lone", "lone@aabenraa.dk").await;
        let leader = w.leader_scope(lead).await;
        assert!(matches!(leader.import_staff(&edited(|_, t| t), opts(true)).await, Err(Error::Forbidden)));
    }
}
