//! The national-scale data set: Denmark's 98 municipalities with half a million staff in
//! departments and teams, three providers, 60 modules, 5,000 cohorts with teaching days,
//! 150,000 enrolments and over a million assignment, action and attendance rows, with
//! graded exams and ECTS credits — for load tests and benchmarks.
//!
//! Deterministic: the same scale and seed give the same rows, dated around a fixed as-of
//! date ([`AS_OF`]) rather than today. Ids are given explicitly (the database must be
//! empty), so later tables refer to earlier rows by arithmetic instead of lookups.
//!
//! Rows are made once by [`produce`] and handed to a sink: the counting sink (for the
//! progress bar's total), the batching sink that writes them, or the bare insert the
//! generator is compared with.
mod names;
mod rng;
mod tables;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use time::{Date, Month};

use crate::Result;
use crate::domain::{Grade, censor_rule};
use crate::store::{BareInsert, BulkTable, Cell, Store};
use names::{DEPARTMENTS, FIRST, LAST, MUNICIPALITIES, PROVIDERS, THEMES};
use rng::Rng;
use tables::*;

/// Every generated login uses the demo password.
pub use crate::demo::DEMO_PASSWORD as PASSWORD;

/// The day the data set is "as of": cohorts that ended before it are graded, teaching days
/// before it have attendance, assignments due before it have hand-ins.
pub const AS_OF: (i32, Month, u8) = (2026, Month::November, 1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// The issue's numbers: 500,000 employees, 5,000 cohorts, 150,000 enrolments.
    National,
    /// A fiftieth of that, for smoke tests in CI: 10,000 employees and 100 cohorts.
    Small,
}

impl Scale {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "national" => Some(Self::National),
            "small" => Some(Self::Small),
            _ => None,
        }
    }
}

/// The sizes a scale stands for.
#[derive(Debug, Clone)]
pub struct Plan {
    pub employees: u64,
    pub cohorts: u64,
    pub seats: u64,
    pub teachers_per_provider: u64,
    pub censors_per_provider: u64,
    pub seed: u64,
}

/// Teaching days per cohort, fortnightly; home assignments per cohort.
const DAYS: u64 = 6;
const ASSIGNMENTS: u64 = 3;
/// Staff in a team, the first of whom leads it; one employee in four has a login.
const TEAM: u64 = 20;
const LOGIN_EVERY: u64 = 4;
/// Rows per transaction when writing.
pub const BATCH_ROWS: usize = 20_000;

impl Plan {
    pub fn new(scale: Scale, seed: u64) -> Self {
        match scale {
            Scale::National => Self {
                employees: 500_000,
                cohorts: 5_000,
                seats: 30,
                teachers_per_provider: 40,
                censors_per_provider: 8,
                seed,
            },
            Scale::Small => Self {
                employees: 10_000,
                cohorts: 100,
                seats: 30,
                teachers_per_provider: 5,
                censors_per_provider: 2,
                seed,
            },
        }
    }

    /// Staff per municipality, proportional to population (at least two teams).
    fn staff(&self) -> Vec<u64> {
        let total: u64 = MUNICIPALITIES.iter().map(|(_, p)| u64::from(*p)).sum();
        let mut staff: Vec<u64> =
            MUNICIPALITIES.iter().map(|(_, p)| (self.employees * u64::from(*p) / total).max(2 * TEAM)).collect();
        // Rounding leaves a remainder; the capital takes it so the total is exact.
        let sum: u64 = staff.iter().sum();
        let capital = MUNICIPALITIES.iter().position(|(n, _)| *n == "Københavns").expect("listed");
        staff[capital] = (staff[capital] + self.employees).saturating_sub(sum);
        staff
    }
}

/// Where a destination's rows go.
trait Sink {
    async fn push(&mut self, table: &'static BulkTable, row: Vec<Cell>) -> Result<()>;
}

/// Counts rows per table without writing them: the progress bar's total.
#[derive(Default)]
struct Count(BTreeMap<&'static str, u64>);

impl Sink for Count {
    async fn push(&mut self, table: &'static BulkTable, _row: Vec<Cell>) -> Result<()> {
        *self.0.entry(table.name).or_default() += 1;
        Ok(())
    }
}

/// Buffers rows and writes them in batches, one transaction each, parents first (tables
/// are flushed in the order they were first seen, which is the order they are produced).
struct Batches<'a> {
    store: &'a Store,
    buffers: Vec<(&'static BulkTable, Vec<Vec<Cell>>)>,
    buffered: usize,
    written: u64,
    total: u64,
    progress: &'a mut dyn FnMut(u64, u64),
}

impl Batches<'_> {
    async fn flush(&mut self) -> Result<()> {
        let batches: Vec<(&BulkTable, &[Vec<Cell>])> =
            self.buffers.iter().filter(|(_, r)| !r.is_empty()).map(|(t, r)| (*t, r.as_slice())).collect();
        self.store.bulk_insert(&batches).await?;
        for (_, rows) in &mut self.buffers {
            rows.clear();
        }
        self.written += self.buffered as u64;
        self.buffered = 0;
        (self.progress)(self.written, self.total);
        Ok(())
    }
}

impl Sink for Batches<'_> {
    async fn push(&mut self, table: &'static BulkTable, row: Vec<Cell>) -> Result<()> {
        match self.buffers.iter_mut().find(|(t, _)| std::ptr::eq(*t, table)) {
            Some((_, rows)) => rows.push(row),
            None => self.buffers.push((table, vec![row])),
        }
        self.buffered += 1;
        if self.buffered >= BATCH_ROWS {
            self.flush().await?;
        }
        Ok(())
    }
}

impl Sink for BareInsert {
    async fn push(&mut self, table: &'static BulkTable, row: Vec<Cell>) -> Result<()> {
        self.insert(table, &row).await
    }
}

/// What a generation run did.
#[derive(Debug, Clone)]
pub struct Report {
    pub rows: BTreeMap<&'static str, u64>,
    pub total: u64,
    pub elapsed: Duration,
}

impl Report {
    pub fn rows_per_second(&self) -> f64 {
        self.total as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Counts the rows a plan makes, per table.
pub async fn count(plan: &Plan) -> Result<BTreeMap<&'static str, u64>> {
    let mut c = Count::default();
    produce(plan, &mut c).await?;
    Ok(c.0)
}

/// Fills an empty database. `progress` is called after every batch with the rows written so
/// far and the total (counted before the first row is written).
pub async fn generate(store: &Store, plan: &Plan, progress: &mut dyn FnMut(u64, u64)) -> Result<Report> {
    if !store.is_empty().await? {
        return Err(anyhow::anyhow!(
            "the database already holds organisations or users; the generator fills an empty database only"
        )
        .into());
    }
    let started = Instant::now();
    let rows = count(plan).await?;
    let total = rows.values().sum();
    let mut sink = Batches { store, buffers: Vec::new(), buffered: 0, written: 0, total, progress };
    produce(plan, &mut sink).await?;
    sink.flush().await?;
    store.reset_id_sequences(ALL.iter().map(|t| t.name).collect::<Vec<_>>().as_slice()).await?;
    store.after_bulk_load().await?;
    Ok(Report { rows, total, elapsed: started.elapsed() })
}

/// The yardstick: the same rows, one prepared single-row INSERT each, in one transaction,
/// into index-free copies of the tables. Returns the rows and the time spent in the database.
pub async fn bare_insert(store: &Store, plan: &Plan) -> Result<(u64, Duration)> {
    let mut bare = BareInsert::begin(store).await?;
    produce(plan, &mut bare).await?;
    let rows = bare.rows;
    let spent = bare.finish(store).await?;
    Ok((rows, spent))
}

fn date(days_after_base: i64) -> Date {
    // Monday 8 January 2024: the first generated cohort's week.
    Date::from_calendar_date(2024, Month::January, 8).expect("valid") + time::Duration::days(days_after_base)
}

fn as_of() -> Date {
    Date::from_calendar_date(AS_OF.0, AS_OF.1, AS_OF.2).expect("valid")
}

fn unix(d: Date, hour: u8) -> i64 {
    d.with_hms(hour, 0, 0).expect("valid").assume_utc().unix_timestamp()
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A cohort's teaching days: fortnightly on the same weekday, from a start spread over
/// three and a half years so some are graded, some running and some still open for sign-up.
fn cohort_days(plan: &Plan, c: u64) -> Vec<Date> {
    let week = (c * 180 / plan.cohorts) as i64;
    let start = date(week * 7 + (c % 4) as i64);
    (0..DAYS as i64).map(|d| start + time::Duration::days(14 * d)).collect()
}

/// Grades as handed out in practice: most between 4 and 10, a few fails.
fn grade(rng: &mut Rng) -> Grade {
    match rng.below(100) {
        0..=9 => Grade::Twelve,
        10..=31 => Grade::Ten,
        32..=61 => Grade::Seven,
        62..=81 => Grade::Four,
        82..=91 => Grade::Two,
        92..=96 => Grade::Zero,
        _ => Grade::MinusThree,
    }
}

/// Employees of one municipality: ids `first..first+count`, the login holders (every
/// `LOGIN_EVERY`th) with user ids from `first_user`.
#[derive(Debug, Clone, Copy)]
struct Staff {
    org: i64,
    first: i64,
    count: u64,
    first_user: i64,
}

impl Staff {
    fn logins(&self) -> u64 {
        self.count.div_ceil(LOGIN_EVERY)
    }
}

/// Users as they are made, numbered from 1.
struct Users {
    next: i64,
    hash: String,
    created: i64,
    rows: Vec<Vec<Cell>>,
}

impl Users {
    fn add(&mut self, email: String, name: String, admin: bool) -> i64 {
        let id = self.next;
        self.next += 1;
        self.rows.push(vec![
            id.into(),
            email.into(),
            name.into(),
            self.hash.clone().into(),
            "da".into(),
            i64::from(admin).into(),
            self.created.into(),
        ]);
        id
    }
}

async fn produce<S: Sink>(plan: &Plan, sink: &mut S) -> Result<()> {
    let mut rng = Rng::new(plan.seed);
    let created = unix(date(-60), 8);
    let hash = crate::domain::hash_password("password", PASSWORD)?.0;
    let mut users = Users { next: 1, hash, created, rows: Vec::new() };
    let first_municipality = organisations(sink, created).await?;
    let staff_sizes = plan.staff();
    let logins = staff_logins(plan, &mut rng, &mut users, &staff_sizes, first_municipality);
    let staff = employees(&mut rng, users, logins.grants, &staff_sizes, first_municipality, sink).await?;
    catalogue(sink, created).await?;
    let cast = Cast {
        plan,
        teachers: &logins.teachers,
        censors: &logins.censors,
        staff: &staff,
        staff_sizes: &staff_sizes,
        hr_by_org: &logins.hr_by_org,
        today: as_of(),
        modules: PROVIDERS.len() as u64 * THEMES.len() as u64,
    };
    for c in 0..plan.cohorts {
        cohort(&cast, &mut rng, c, sink).await?;
    }
    Ok(())
}

/// Organisations: providers 1..=3, municipalities after them. Answers the first
/// municipality's id.
async fn organisations<S: Sink>(sink: &mut S, created: i64) -> Result<i64> {
    for (i, p) in PROVIDERS.iter().enumerate() {
        sink.push(&ORGS, vec![(i as i64 + 1).into(), p.0.into(), "provider".into(), created.into()]).await?;
    }
    let first_municipality = PROVIDERS.len() as i64 + 1;
    for (i, (stem, _)) in MUNICIPALITIES.iter().enumerate() {
        let row = vec![
            (first_municipality + i as i64).into(),
            names::municipality_name(stem).into(),
            "municipality".into(),
            created.into(),
        ];
        sink.push(&ORGS, row).await?;
    }
    Ok(first_municipality)
}

/// The logins made before the staff's, and who they are.
struct Logins {
    grants: Vec<(i64, i64, &'static str)>,
    teachers: Vec<Vec<i64>>,
    censors: Vec<Vec<i64>>,
    /// The first HR login of each municipality (who enrols its staff).
    hr_by_org: Vec<i64>,
}

/// Staff logins: a platform administrator, each provider's administrator, teachers and
/// censors, and HR in every municipality (one per 2,000 staff, at least two).
fn staff_logins(plan: &Plan, rng: &mut Rng, users: &mut Users, staff_sizes: &[u64], first_municipality: i64) -> Logins {
    let mut grants: Vec<(i64, i64, &'static str)> = Vec::new();
    users.add("admin@national.test".into(), "Pia Platform".into(), true);
    let mut teachers: Vec<Vec<i64>> = Vec::new();
    let mut censors: Vec<Vec<i64>> = Vec::new();
    for (p, provider) in PROVIDERS.iter().enumerate() {
        let org = p as i64 + 1;
        let admin = users.add(format!("admin@{}.test", provider.1), format!("Administrator {}", provider.2), false);
        grants.push((admin, org, "provider_admin"));
        let mut ts = Vec::new();
        for t in 0..plan.teachers_per_provider {
            let name = format!("{} {}", FIRST[rng.pick(FIRST.len())], LAST[rng.pick(LAST.len())]);
            let id = users.add(format!("underviser{}@{}.test", t + 1, provider.1), name, false);
            grants.push((id, org, "teacher"));
            ts.push(id);
        }
        let mut cs = Vec::new();
        for t in 0..plan.censors_per_provider {
            let name = format!("{} {}", FIRST[rng.pick(FIRST.len())], LAST[rng.pick(LAST.len())]);
            let id = users.add(format!("censor{}@{}.test", t + 1, provider.1), name, false);
            grants.push((id, org, "censor"));
            cs.push(id);
        }
        teachers.push(ts);
        censors.push(cs);
    }
    let mut hr_by_org: Vec<i64> = Vec::new();
    for (m, (stem, _)) in MUNICIPALITIES.iter().enumerate() {
        let org = first_municipality + m as i64;
        let domain = names::slug(stem);
        for h in 0..(staff_sizes[m] / 2_000).max(2) {
            let name = format!("{} {}", FIRST[rng.pick(FIRST.len())], LAST[rng.pick(LAST.len())]);
            let id = users.add(format!("hr{}@{domain}.test", h + 1), name, false);
            grants.push((id, org, "hr"));
            if h == 0 {
                hr_by_org.push(id);
            }
        }
    }
    Logins { grants, teachers, censors, hr_by_org }
}

/// Every municipality's employees, with logins for every `LOGIN_EVERY`th; writes the
/// users and memberships too, since the employees' logins are made here.
async fn employees<S: Sink>(
    rng: &mut Rng,
    mut users: Users,
    mut grants: Vec<(i64, i64, &'static str)>,
    staff_sizes: &[u64],
    first_municipality: i64,
    sink: &mut S,
) -> Result<Vec<Staff>> {
    let created = users.created;
    // Employees with logins get their user id from here on, municipality by municipality.
    let mut staff: Vec<Staff> = Vec::new();
    let mut next_employee: i64 = 1;
    for (m, &count) in staff_sizes.iter().enumerate() {
        let s = Staff { org: first_municipality + m as i64, first: next_employee, count, first_user: 0 };
        next_employee += count as i64;
        staff.push(s);
    }
    // Names are drawn in one pass so the users' and employees' names agree.
    let mut employee_names: Vec<Vec<(usize, usize)>> = Vec::new();
    for s in &staff {
        employee_names.push((0..s.count).map(|_| (rng.pick(FIRST.len()), rng.pick(LAST.len()))).collect());
    }
    let email = |m: usize, i: u64, (f, l): (usize, usize)| {
        format!(
            "{}.{}.{}@{}.test",
            names::slug(FIRST[f]),
            names::slug(LAST[l]),
            i + 1,
            names::slug(MUNICIPALITIES[m].0)
        )
    };
    for (m, s) in staff.iter_mut().enumerate() {
        s.first_user = users.next;
        for i in (0..s.count).step_by(LOGIN_EVERY as usize) {
            let n = employee_names[m][i as usize];
            let id = users.add(email(m, i, n), format!("{} {}", FIRST[n.0], LAST[n.1]), false);
            grants.push((id, s.org, "participant"));
            if i.is_multiple_of(TEAM) {
                grants.push((id, s.org, "leader"));
            }
        }
    }
    for row in users.rows {
        sink.push(&USERS, row).await?;
    }
    for (user_id, org, role) in grants {
        sink.push(&MEMBERSHIPS, vec![user_id.into(), org.into(), role.into(), created.into()]).await?;
    }

    // Employees in departments and teams of twenty; each team's first member leads it, and
    // the first eight team leaders head the eight departments.
    for (m, s) in staff.iter().enumerate() {
        for i in 0..s.count {
            let team = i / TEAM;
            let (department, titles) = DEPARTMENTS[(team % DEPARTMENTS.len() as u64) as usize];
            let lead = team * TEAM;
            let leader: Option<i64> = if i != lead {
                Some(s.first + lead as i64)
            } else if team >= DEPARTMENTS.len() as u64 {
                Some(s.first + ((team % DEPARTMENTS.len() as u64) * TEAM) as i64)
            } else {
                None
            };
            let title = match (i == lead, team < DEPARTMENTS.len() as u64) {
                (true, true) => "Afdelingschef",
                (true, false) => "Teamleder",
                _ => titles[(i % titles.len() as u64) as usize],
            };
            let user_id: Option<i64> = i.is_multiple_of(LOGIN_EVERY).then(|| s.first_user + (i / LOGIN_EVERY) as i64);
            let n = employee_names[m][i as usize];
            sink.push(
                &EMPLOYEES,
                vec![
                    (s.first + i as i64).into(),
                    s.org.into(),
                    format!("{} {}", FIRST[n.0], LAST[n.1]).into(),
                    email(m, i, n).into(),
                    title.into(),
                    department.into(),
                    format!("{department} – team {}", team / DEPARTMENTS.len() as u64 + 1).into(),
                    leader.into(),
                    user_id.into(),
                    created.into(),
                ],
            )
            .await?;
        }
    }
    drop(employee_names);
    Ok(staff)
}

/// Each provider: twenty modules, one programme holding them.
async fn catalogue<S: Sink>(sink: &mut S, created: i64) -> Result<()> {
    let per_provider = THEMES.len() as i64;
    for (p, provider) in PROVIDERS.iter().enumerate() {
        let org = p as i64 + 1;
        for (k, (da, en)) in THEMES.iter().enumerate() {
            let id = p as i64 * per_provider + k as i64 + 1;
            let final_project = k + 1 == THEMES.len();
            sink.push(
                &MODULES,
                vec![
                    id.into(),
                    org.into(),
                    format!("{}-{:02}", provider.2, k + 1).into(),
                    (*da).into(),
                    (*en).into(),
                    (if final_project { 10 } else { 5 }).into(),
                    format!("Viden om {}", da.to_lowercase()).into(),
                    "Kan anvende metoder og redskaber i egen praksis.".into(),
                    "Kan indgå i og lede udviklingen af egen praksis.".into(),
                    "Skriftligt eksamensprojekt".into(),
                    (if k.is_multiple_of(2) { "external" } else { "internal" }).into(),
                    i64::from(k.is_multiple_of(3)).into(),
                    created.into(),
                ],
            )
            .await?;
        }
        sink.push(
            &PROGRAMMES,
            vec![
                org.into(),
                org.into(),
                format!("{}-UDD", provider.2).into(),
                provider.4.into(),
                provider.5.into(),
                provider.3.into(),
                Cell::NullText,
                created.into(),
            ],
        )
        .await?;
        for k in 0..THEMES.len() {
            let role = match k {
                0..=2 => "compulsory",
                _ if k + 1 == THEMES.len() => "final_project",
                _ => "elective",
            };
            let module = p as i64 * per_provider + k as i64 + 1;
            sink.push(&PROGRAMME_MODULES, vec![org.into(), module.into(), role.into()]).await?;
        }
    }
    Ok(())
}

/// What every cohort draws on.
#[derive(Clone, Copy)]
struct Cast<'a> {
    plan: &'a Plan,
    teachers: &'a [Vec<i64>],
    censors: &'a [Vec<i64>],
    staff: &'a [Staff],
    staff_sizes: &'a [u64],
    hr_by_org: &'a [i64],
    today: Date,
    modules: u64,
}

/// One cohort's facts, for its participants' rows.
struct CohortFacts<'a> {
    c: u64,
    cohort_id: i64,
    p: usize,
    theme: usize,
    module_id: i64,
    teacher: i64,
    days: &'a [Date],
    first: Date,
    last: Date,
    graded: bool,
    external: bool,
    exam_id: i64,
    state: &'static str,
}

/// A cohort with its days, teacher, assignments, exam and participants.
async fn cohort<S: Sink>(cast: &Cast<'_>, rng: &mut Rng, c: u64, sink: &mut S) -> Result<()> {
    let Cast { plan, teachers, censors, staff, staff_sizes, today, modules, .. } = *cast;
    let cohort_id = c as i64 + 1;
    let module0 = c % modules;
    let p = (module0 / THEMES.len() as u64) as usize;
    let theme = (module0 % THEMES.len() as u64) as usize;
    let module_id = module0 as i64 + 1;
    let provider = p as i64 + 1;
    let days = cohort_days(plan, c);
    let (first, last) = (days[0], days[days.len() - 1]);
    let teacher = teachers[p][(c as usize / modules as usize + theme) % teachers[p].len()];
    let external = theme.is_multiple_of(2);
    sink.push(
        &COHORTS,
        vec![
            cohort_id.into(),
            provider.into(),
            module_id.into(),
            Cell::NullInt,
            format!("{} – hold {}", THEMES[theme].0, c / modules + 1).into(),
            format!("{} – lokale {}", PROVIDERS[p].0, c % 12 + 1).into(),
            (plan.seats as i64 + 6).into(),
            iso(first - time::Duration::days(21)).into(),
            iso(first).into(),
            iso(last).into(),
            rng.hex(16).into(),
            unix(first - time::Duration::days(90), 9).into(),
        ],
    )
    .await?;
    sink.push(&COHORT_TEACHERS, vec![cohort_id.into(), teacher.into()]).await?;
    for (d, day) in days.iter().enumerate() {
        let kind = if d == 2 { "workshop" } else { "teaching" };
        sink.push(
            &TEACHING_DAYS,
            vec![
                (c as i64 * DAYS as i64 + d as i64 + 1).into(),
                cohort_id.into(),
                iso(*day).into(),
                "09:00".into(),
                "15:30".into(),
                kind.into(),
                format!("Dag {}: {}", d + 1, THEMES[theme].0).into(),
                format!("Lokale {}", c % 12 + 1).into(),
                (if d == 0 { Cell::NullText } else { "Læs kapitlet til dagen og tag en sag med.".into() }),
            ],
        )
        .await?;
    }
    for a in 0..ASSIGNMENTS {
        let due = days[(2 * a + 1) as usize];
        sink.push(
            &ASSIGNMENTS_T,
            vec![
                (c as i64 * ASSIGNMENTS as i64 + a as i64 + 1).into(),
                cohort_id.into(),
                format!("Hjemmeopgave {}", a + 1).into(),
                "Beskriv en situation fra din egen arbejdsplads og brug dagens begreber på den.".into(),
                format!("{} 16:00", iso(due)).into(),
                i64::from(a == 0).into(),
                0.into(),
                teacher.into(),
                unix(first, 9).into(),
            ],
        )
        .await?;
    }

    // Seats: municipalities drawn by size, login holders within them, no one twice.
    let graded = last + time::Duration::days(21) < today;
    let state = if graded { "completed" } else { "enrolled" };
    let mut seated: Vec<(i64, usize)> = Vec::with_capacity(plan.seats as usize);
    while (seated.len() as u64) < plan.seats {
        let m = rng.weighted(staff_sizes);
        let s = staff[m];
        let employee = s.first + (rng.below(s.logins()) * LOGIN_EVERY) as i64;
        if !seated.iter().any(|(e, _)| *e == employee) {
            seated.push((employee, m));
        }
    }
    let exam_id = cohort_id;
    if graded {
        let exam_date = last + time::Duration::days(21);
        sink.push(
            &EXAMS,
            vec![
                exam_id.into(),
                cohort_id.into(),
                "written_project".into(),
                1.into(),
                0.into(),
                format!("{} 12:00", iso(last + time::Duration::days(14))).into(),
                iso(exam_date).into(),
                0.into(),
                Cell::NullInt,
                (if external { Some(censors[p][c as usize % censors[p].len()]) } else { None }).into(),
                unix(first, 10).into(),
            ],
        )
        .await?;
        sink.push(&EXAM_EXAMINERS, vec![exam_id.into(), teacher.into()]).await?;
    }
    let facts = CohortFacts {
        c,
        cohort_id,
        p,
        theme,
        module_id,
        teacher,
        days: &days,
        first,
        last,
        graded,
        external,
        exam_id,
        state,
    };
    for (s, seat_of) in seated.iter().enumerate() {
        seat(cast, rng, &facts, s, seat_of, sink).await?;
    }
    Ok(())
}

/// One participant's seat: the enrolment, attendance, hand-ins, an action, and the exam.
async fn seat<S: Sink>(
    cast: &Cast<'_>,
    rng: &mut Rng,
    f: &CohortFacts<'_>,
    s: usize,
    (employee, m): &(i64, usize),
    sink: &mut S,
) -> Result<()> {
    let Cast { plan, staff, hr_by_org, today, .. } = *cast;
    let CohortFacts { c, cohort_id, theme, teacher, days, first, graded, state, .. } = *f;
    let enrolment = (c * plan.seats + s as u64) as i64 + 1;
    let signed_up = unix(first - time::Duration::days(30 + rng.below(20) as i64), 10);
    sink.push(
        &ENROLMENTS,
        vec![
            enrolment.into(),
            cohort_id.into(),
            (*employee).into(),
            staff[*m].org.into(),
            state.into(),
            Cell::NullInt,
            signed_up.into(),
            signed_up.into(),
        ],
    )
    .await?;
    sink.push(
        &ENROLMENT_EVENTS,
        vec![enrolment.into(), Cell::NullText, "enrolled".into(), hr_by_org[*m].into(), signed_up.into()],
    )
    .await?;
    for (d, day) in days.iter().enumerate().filter(|(_, d)| **d < today) {
        let status = match rng.below(100) {
            0..=89 => "present",
            90..=95 => "absent_notice",
            _ => "absent",
        };
        let day_id = c as i64 * DAYS as i64 + d as i64 + 1;
        sink.push(
            &ATTENDANCE,
            vec![day_id.into(), enrolment.into(), status.into(), teacher.into(), unix(*day, 16).into()],
        )
        .await?;
    }
    for a in 0..ASSIGNMENTS {
        let due = days[(2 * a + 1) as usize];
        if due >= today || rng.below(10) == 0 {
            continue;
        }
        let (status, feedback) = match rng.below(20) {
            0 => ("not_approved", Some("Uddyb analysen og aflever igen.".to_string())),
            1 | 2 => ("submitted", None),
            _ => ("approved", Some("Godt koblet til din praksis.".to_string())),
        };
        let reviewed = feedback.is_some();
        sink.push(
            &SUBMISSIONS,
            vec![
                (c as i64 * ASSIGNMENTS as i64 + a as i64 + 1).into(),
                enrolment.into(),
                "Min besvarelse: situationen, begreberne og hvad jeg gør anderledes nu.".into(),
                unix(due - time::Duration::days(1), 20).into(),
                0.into(),
                status.into(),
                feedback.into(),
                (if reviewed { Some(teacher) } else { None }).into(),
                (if reviewed { Some(unix(due + time::Duration::days(5), 10)) } else { None }).into(),
            ],
        )
        .await?;
    }
    if first < today && rng.below(10) < 7 {
        let reflected = days[1] < today;
        sink.push(
            &ACTIONS,
            vec![
                enrolment.into(),
                format!("Afprøv {} i teamet", THEMES[theme].0.to_lowercase()).into(),
                "Jeg afprøver dagens metode på en konkret sag i min afdeling.".into(),
                "Jeg vil blive bedre til at bruge det i hverdagen.".into(),
                "Min nærmeste kollega og min leder".into(),
                iso(first + time::Duration::days(7)).into(),
                (if reflected { "Kollegerne tog godt imod det." } else { "" }).into(),
                (if reflected { "Næste gang inddrager jeg borgeren tidligere." } else { "" }).into(),
                i64::from(rng.below(2) == 0).into(),
                i64::from(rng.below(3) == 0).into(),
                Cell::NullText,
                unix(first, 15).into(),
                unix(first + time::Duration::days(8), 15).into(),
            ],
        )
        .await?;
    }
    if graded {
        exam_result(cast, rng, f, enrolment, sink).await?;
    }
    Ok(())
}

/// A graded participant's attempt, the grades given and, on a pass, the credit.
async fn exam_result<S: Sink>(
    cast: &Cast<'_>,
    rng: &mut Rng,
    f: &CohortFacts<'_>,
    enrolment: i64,
    sink: &mut S,
) -> Result<()> {
    let censors = cast.censors;
    let CohortFacts { c, p, theme, module_id, teacher, first, last, external, exam_id, .. } = *f;
    let examiner_grade = grade(rng);
    let censor_grade = if external && rng.below(5) == 0 {
        Grade::SCALE[(Grade::SCALE.iter().position(|g| *g == examiner_grade).unwrap_or(0) + 1).min(6)]
    } else {
        examiner_grade
    };
    let final_grade = if external { censor_rule(examiner_grade, censor_grade) } else { examiner_grade };
    let handed_in = unix(last + time::Duration::days(13), 18);
    let graded_at = unix(last + time::Duration::days(21), 14);
    sink.push(
        &EXAM_ATTEMPTS,
        vec![
            enrolment.into(),
            exam_id.into(),
            enrolment.into(),
            1.into(),
            "graded".into(),
            "Eksamensprojekt: analyse af en sag fra egen arbejdsplads.".into(),
            handed_in.into(),
            final_grade.code().into(),
            graded_at.into(),
            unix(first, 10).into(),
        ],
    )
    .await?;
    sink.push(
        &GRADE_ENTRIES,
        vec![
            enrolment.into(),
            "whole".into(),
            teacher.into(),
            "examiner".into(),
            examiner_grade.code().into(),
            graded_at.into(),
        ],
    )
    .await?;
    if external {
        let censor = censors[p][c as usize % censors[p].len()];
        sink.push(
            &GRADE_ENTRIES,
            vec![
                enrolment.into(),
                "whole".into(),
                censor.into(),
                "censor".into(),
                censor_grade.code().into(),
                graded_at.into(),
            ],
        )
        .await?;
    }
    if final_grade.passed() {
        let ects = if theme + 1 == THEMES.len() { 10 } else { 5 };
        sink.push(
            &CREDITS,
            vec![
                enrolment.into(),
                enrolment.into(),
                module_id.into(),
                ects.into(),
                final_grade.code().into(),
                graded_at.into(),
            ],
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_adds_up_and_the_capital_is_largest() {
        let plan = Plan::new(Scale::National, 1);
        let staff = plan.staff();
        assert_eq!(staff.iter().sum::<u64>(), 500_000);
        let max = staff.iter().max().copied().unwrap_or(0);
        assert_eq!(staff[MUNICIPALITIES.iter().position(|(n, _)| *n == "Københavns").unwrap()], max);
        // Several municipalities have around 10,000 staff (the coverage report's case).
        assert!(staff.iter().any(|s| (9_000..=11_000).contains(s)), "{staff:?}");
    }

    #[tokio::test]
    async fn the_national_plan_makes_the_issue_s_numbers_and_is_deterministic() {
        let plan = Plan::new(Scale::National, 7);
        let rows = count(&plan).await.unwrap();
        assert_eq!(rows["organizations"], 101);
        assert_eq!(rows["employees"], 500_000);
        assert_eq!(rows["modules"], 60);
        assert_eq!(rows["cohorts"], 5_000);
        assert_eq!(rows["enrolments"], 150_000);
        let learning = rows["submissions"] + rows["actions"] + rows["attendance"] + rows["assignments"];
        assert!(learning >= 1_000_000, "{rows:?}");
        assert!(rows["exam_attempts"] > 50_000 && rows["credits"] > 40_000, "{rows:?}");
        assert_eq!(count(&plan).await.unwrap(), rows);
    }
}
