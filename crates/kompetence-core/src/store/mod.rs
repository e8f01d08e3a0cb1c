//! Persistence behind one API: the only module that knows SQL.
//!
//! One code path serves SQLite and PostgreSQL through sqlx's `Any` driver; what differs
//! between them is in `dialect.rs`. Data owned by an organisation is reached only through
//! an [`OrgScope`], which [`Store::authorize`] hands out after checking the caller's role
//! in that organisation — so no handler writes the tenant check by hand.
mod actions;
mod audit;
mod backup;
#[cfg(feature = "generator")]
mod bulk;
mod catalogue;
mod certificates;
mod codec;
mod cohorts;
mod coverage;
mod demand;
mod dialect;
mod employees;
mod enrolments;
mod evaluations;
mod exams;
mod fund;
mod gate;
mod grading;
#[cfg(feature = "generator")]
mod journeys;
mod learning;
mod materials;
mod me;
mod migrate;
mod notify;
mod orgs;
mod planning;
mod profiles;
mod progress;
mod schedule;
mod scopes;
mod sessions;
mod staff_import;
#[cfg(test)]
mod testing;
mod throttle;
mod tokens;
mod transcript;
mod units;
mod users;
mod write;

use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

pub use actions::{Action, ActionCohort, ActionComment, ActionView, CohortAction, LeaderAction, LearningGroup};
pub use audit::AuditEvent;
#[cfg(feature = "generator")]
pub use bulk::{BareInsert, BulkTable, Cell};
pub use catalogue::{Module, ModuleInput, Programme, ProgrammeDetail, ProgrammeInput, ProgrammeModule, Specialisation};
pub use certificates::{Certificate, CertificateCandidate, CredentialSummary, Verdict};
pub use cohorts::{Cohort, CohortInput, CohortTeacher, TeachingDay};
pub use coverage::{Coverage, DepartmentCoverage, ModuleCoverage};
pub use demand::{Asker, ModuleDemand, OfferedModule};
pub use dialect::Dialect;
pub use employees::{Employee, EmployeeInput};
pub use enrolments::{BulkOutcome, Enrolment, EnrolmentEvent, MAX_BULK};
pub use evaluations::{CohortEvaluations, EvaluationResult, PendingEvaluation};
pub use exams::{Attempt, Exam, ExamPeople, MyExam};
pub use fund::{FundApplicant, FundApplication, FundDetail, FundInput, FundTotal};
pub use gate::{Gate, PlatformScope};
pub use grading::{GradeEntry, GradingView, ModuleGrade};
#[cfg(feature = "generator")]
pub use journeys::{HrAccounts, JourneyAccounts, ParticipantAccount, TeacherAccount};
pub use learning::{Assignment, AttendanceRow, MyAssignment, MyAttendance, SubmissionRow};
pub use materials::{FileData, HandInFile, Material, NewFile};
pub use me::MeScope;
pub use notify::{LEASE_SECS, MAX_ATTEMPTS, Notice, OutboxMail};
pub use orgs::{Member, Membership, OrgGrant, OrgScope, Organization};
pub use planning::{
    GroupMember, MemberStatus, PlanViolation, TargetGroup, TargetGroupInput, TeamRow, WavePlan, WavePlanInput,
    WavePlanView,
};
pub use profiles::{InstrumentRow, InstrumentView, OfferedInstrument, Profile, SharedProfile};
pub use progress::{CreditTransfer, Progress, ProgressModule};
pub use schedule::{Schedule, ScheduledDay, day_kind_da};
pub use scopes::{MunicipalityScope, ProviderScope, Scoped};
pub use sessions::SessionData;
pub use staff_import::{ImportChange, ImportOptions, ImportReport, cpr_hash};
pub use tokens::{ApiToken, TokenOwner};
pub use transcript::{Transcript, TranscriptRow, TranscriptTransfer};
pub use units::{Unit, UnitInput};
pub use users::{NewUser, User};

use crate::Result;

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    dialect: Dialect,
}

/// One page of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl PageRequest {
    pub fn new(page: Option<u32>, per_page: Option<u32>) -> Self {
        Self { page: page.unwrap_or(1).max(1), per_page: per_page.unwrap_or(25).clamp(1, 200) }
    }
    fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Paged<T> {
    pub fn pages(&self) -> u32 {
        (((self.total.max(1) - 1) / i64::from(self.per_page)) + 1) as u32
    }
}

/// The enrolment states that hold a seat, as an SQL list (`state IN {HOLDS_SEAT}`): the one
/// place the seat rule is written in SQL, checked against [`EnrolmentState::holds_seat`]
/// by a test below.
///
/// [`EnrolmentState::holds_seat`]: crate::domain::EnrolmentState::holds_seat
pub(crate) const HOLDS_SEAT: &str = holds_seat!();

/// The SQL `head ($1, $2, …) tail` with one numbered placeholder per id, and the ids to
/// bind in order: batches a lookup over many rows into one round trip instead of one per row.
/// `{next}` in `tail` becomes the number of the placeholder after the list, for one more
/// bound value. (Numbered, because sqlx's `QueryBuilder` for `Any` writes `?`, which
/// PostgreSQL does not read.)
pub(crate) fn in_list(head: &str, ids: impl IntoIterator<Item = i64>, tail: &str) -> (String, Vec<i64>) {
    let ids: Vec<i64> = ids.into_iter().collect();
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let tail = tail.replace("{next}", &format!("${}", ids.len() + 1));
    (format!("{head} ({}) {tail}", marks.join(", ")), ids)
}

/// Binds the ids of [`in_list`] to its query.
pub(crate) fn bind_ids<'q, O>(
    mut q: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    ids: &[i64],
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    for id in ids {
        q = q.bind(*id);
    }
    q
}

/// [`HOLDS_SEAT`] as a literal, for `concat!` in constant query texts.
macro_rules! holds_seat {
    () => {
        "('enrolled', 'completed')"
    };
}
pub(crate) use holds_seat;

pub(crate) fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Connection pool figures for `/metrics`.
pub struct PoolStats {
    pub size: u32,
    pub idle: usize,
    pub max: u32,
}

impl Store {
    /// How long a request waits for a free connection by default before the database is
    /// reported unavailable (503): short, so an outage is answered, not queued.
    pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

    /// Connects to `url` (`sqlite://path` or `postgres://…`). Does not migrate.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        Self::connect_with(url, max_connections, Self::ACQUIRE_TIMEOUT).await
    }

    /// [`Store::connect`] with its own wait for a free connection.
    pub async fn connect_with(url: &str, max_connections: u32, acquire_timeout: Duration) -> Result<Self> {
        install_default_drivers();
        let dialect = Dialect::from_url(url);
        let url = match dialect {
            Dialect::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(acquire_timeout)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    for stmt in dialect.connection_setup() {
                        conn.execute(*stmt).await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(|e| anyhow::anyhow!("cannot open database: {e}"))?;
        Ok(Self { pool, dialect })
    }

    pub async fn migrate(&self) -> Result<usize> {
        migrate::run(self).await
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&self.pool).await.is_ok()
    }

    pub fn pool_stats(&self) -> PoolStats {
        PoolStats { size: self.pool.size(), idle: self.pool.num_idle(), max: self.pool.options().get_max_connections() }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(self.pool.begin_with(self.dialect.begin_write()).await?)
    }

    /// True when the database holds neither organisations nor users: where the demo data and
    /// the generator (which gives every row an explicit id) may go.
    pub async fn is_empty(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT (SELECT COUNT(*) FROM organizations) + (SELECT COUNT(*) FROM users)")
            .fetch_one(&self.pool)
            .await?;
        Ok(n == 0)
    }

    /// Maps a unique-constraint violation to a user-facing conflict on `field`.
    pub(crate) fn conflict(&self, e: sqlx::Error, field: &'static str, key: &'static str) -> crate::Error {
        if self.dialect.is_unique_violation(&e) { crate::Error::Conflict { field, key } } else { e.into() }
    }
}

impl Store {
    /// Runs one statement without parameters (administration and test set-up: creating
    /// and dropping test databases).
    pub async fn raw_execute(&self, sql: &str) -> Result<()> {
        sqlx::raw_sql(sql).execute(&self.pool).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::EnrolmentState;

    #[test]
    fn the_sql_seat_rule_is_the_domain_rule() {
        let seated: Vec<String> =
            EnrolmentState::ALL.into_iter().filter(|s| s.holds_seat()).map(|s| format!("'{}'", s.as_str())).collect();
        assert_eq!(super::HOLDS_SEAT, format!("({})", seated.join(", ")));
    }
}
