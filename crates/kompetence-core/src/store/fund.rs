//! Applications to Den Kommunale Kompetencefond, made by HR for one employee or a group:
//! the fund's and the workplace's share per applicant (checked against each person's
//! earlier grants in the rolling window), the signatures of employee, leader and union
//! representative within the deadline, and the status from draft to paid. The rules are
//! [`crate::domain::fund`]'s, as data with valid-from dates.
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use time::Date;

use super::{MunicipalityScope, now};
use crate::domain::fund::{self, EarlierGrant, FundError, FundStatus, RuleBook, Signer};
use crate::domain::schedule::{copenhagen_today, fmt_date};
use crate::domain::{EmployeeId, ShortText, ValidationError};
use crate::{Error, Result};

/// Most applicants on one application.
pub const MAX_APPLICANTS: usize = 500;

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct FundApplication {
    pub id: i64,
    pub course_title: String,
    pub provider: String,
    pub starts_on: String,
    pub ends_on: String,
    /// Per person, whole DKK.
    pub price: i64,
    #[sqlx(try_from = "super::codec::Flag")]
    pub masters: bool,
    #[sqlx(try_from = "super::codec::Flag")]
    pub pre_approval: bool,
    /// draft, signed, submitted, granted, refused, paid or lapsed
    pub status: String,
    pub created_on: String,
    pub leader_signed_on: Option<String>,
    pub union_signed_on: Option<String>,
    pub decided_on: Option<String>,
    pub refusal_reason: Option<String>,
    /// The fund's and the workplace's shares over all applicants.
    pub fund_total: i64,
    pub workplace_total: i64,
    pub applicants: i64,
}

#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct FundApplicant {
    pub employee_id: EmployeeId,
    pub name: String,
    pub department: Option<String>,
    pub fund_share: i64,
    pub workplace_share: i64,
    /// The fund's share was cut by the cap per person per rolling 12 months.
    #[sqlx(try_from = "super::codec::Flag")]
    pub capped: bool,
    pub signed_on: Option<String>,
}

/// One application with its applicants and the last day for signatures.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FundDetail {
    pub application: FundApplication,
    pub applicants: Vec<FundApplicant>,
    pub signature_deadline: String,
}

/// The fund's and the workplace's shares per department (granted and paid applications).
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct FundTotal {
    pub department: String,
    pub fund: i64,
    pub workplace: i64,
    pub people: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FundInput {
    pub course_title: String,
    pub provider: String,
    pub starts_on: String,
    pub ends_on: String,
    #[serde(deserialize_with = "crate::domain::serde_util::string_or_number")]
    pub price: String,
    #[serde(default, deserialize_with = "crate::domain::serde_util::checkbox")]
    pub masters: Option<String>,
    #[serde(default, deserialize_with = "crate::domain::serde_util::checkbox")]
    pub pre_approval: Option<String>,
    /// The applicants' e-mails, one per line (or separated by commas).
    #[serde(default)]
    pub emails: String,
}

const SELECT: &str = "SELECT a.id, a.course_title, a.provider, a.starts_on, a.ends_on, a.price, a.masters, a.pre_approval,
    a.status, a.created_on, a.leader_signed_on, a.union_signed_on, a.decided_on, a.refusal_reason,
    CAST(COALESCE((SELECT SUM(x.fund_share) FROM fund_applicants x WHERE x.application_id = a.id), 0) AS BIGINT) AS fund_total,
    CAST(COALESCE((SELECT SUM(x.workplace_share) FROM fund_applicants x WHERE x.application_id = a.id), 0) AS BIGINT) AS workplace_total,
    (SELECT COUNT(*) FROM fund_applicants x WHERE x.application_id = a.id) AS applicants
    FROM fund_applications a";

fn fund_errors(errs: Vec<FundError>, field: &'static str) -> Error {
    Error::Validation(errs.iter().map(|e| ValidationError::new(field, e.key())).collect())
}

/// Whole kroner as typed: digits, or Danish thousands with dots ("12.500"); a decimal point
/// or comma is refused rather than read as thousands.
fn kroner(raw: &str) -> std::result::Result<i64, ValidationError> {
    let raw = raw.trim().trim_end_matches("kr.").trim_end_matches("kr").trim();
    let groups: Vec<&str> = raw.split('.').collect();
    let grouped = groups.len() > 1 && (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3);
    let digits = if grouped { groups.concat() } else { raw.to_string() };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || (groups.len() > 1 && !grouped) {
        return Err(ValidationError::new("price", "err-fund-price"));
    }
    digits.parse().map_err(|_| ValidationError::new("price", "err-fund-price"))
}

fn date(field: &'static str, raw: &str) -> std::result::Result<Date, ValidationError> {
    fund::parse_date(raw).ok_or_else(|| ValidationError::new(field, "err-date"))
}

/// At the grant, each applicant's share is worked out again against everything granted
/// since the application was made, so two applications in the same 12 months cannot both
/// take the whole cap.
async fn regrant(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    rules: &fund::FundRules,
    id: i64,
    d: &FundDetail,
) -> Result<()> {
    let start = fund::parse_date(&d.application.starts_on).ok_or_else(|| anyhow::anyhow!("bad date in db"))?;
    for a in &d.applicants {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT a.starts_on, x.fund_share FROM fund_applicants x JOIN fund_applications a ON a.id = x.application_id
             WHERE x.employee_id = $1 AND a.id <> $2 AND a.status IN ('granted', 'paid')",
        )
        .bind(a.employee_id.0)
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
        let earlier: Vec<EarlierGrant> = rows
            .into_iter()
            .filter_map(|(d, g)| fund::parse_date(&d).map(|course_start| EarlierGrant { course_start, granted: g }))
            .collect();
        let split = fund::split(rules, d.application.price, d.application.masters, start, &earlier);
        sqlx::query(
            "UPDATE fund_applicants SET fund_share = $1, workplace_share = $2, capped = $3
             WHERE application_id = $4 AND employee_id = $5",
        )
        .bind(split.fund)
        .bind(split.workplace)
        .bind(i64::from(split.capped))
        .bind(id)
        .bind(a.employee_id.0)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

impl MunicipalityScope {
    fn fund_hr_only(&self) -> Result<()> {
        if self.staff_of().is_some() { Err(Error::Forbidden) } else { Ok(()) }
    }

    fn today(&self) -> Date {
        copenhagen_today(time::OffsetDateTime::now_utc())
    }

    pub async fn fund_applications(&self) -> Result<Vec<FundApplication>> {
        self.fund_hr_only()?;
        Ok(sqlx::query_as(&format!("{SELECT} WHERE a.org_id = $1 ORDER BY a.starts_on DESC, a.id DESC"))
            .bind(self.org_id().0)
            .fetch_all(&self.store.pool)
            .await?)
    }

    pub async fn fund_application(&self, id: i64) -> Result<FundDetail> {
        self.fund_hr_only()?;
        let application: FundApplication = sqlx::query_as(&format!("{SELECT} WHERE a.id = $1 AND a.org_id = $2"))
            .bind(id)
            .bind(self.org_id().0)
            .fetch_one(&self.store.pool)
            .await?;
        let applicants = sqlx::query_as(
            "SELECT x.employee_id, e.name, e.department, x.fund_share, x.workplace_share, x.capped, x.signed_on
             FROM fund_applicants x JOIN employees e ON e.id = x.employee_id WHERE x.application_id = $1 ORDER BY e.name",
        )
        .bind(id)
        .fetch_all(&self.store.pool)
        .await?;
        let rules = RuleBook::current_default();
        let created = fund::parse_date(&application.created_on).ok_or_else(|| anyhow::anyhow!("bad date in db"))?;
        let deadline = rules
            .require(created)
            .map(|r| fmt_date(fund::signature_deadline(r, created)))
            .map_err(|e| fund_errors(vec![e], "created_on"))?;
        Ok(FundDetail { application, applicants, signature_deadline: deadline })
    }

    /// A new application (draft) for the employees named: each one's fund and workplace share
    /// is worked out against their earlier grants.
    pub async fn create_fund_application(&self, input: &FundInput) -> Result<FundDetail> {
        self.create_fund_application_on(input, self.today()).await
    }

    /// [`Self::create_fund_application`] as if made on `today` (the demo's and the tests' clock).
    pub(crate) async fn create_fund_application_on(&self, input: &FundInput, today: Date) -> Result<FundDetail> {
        self.fund_hr_only()?;
        let mut errs = Vec::new();
        let title = ShortText::parse_required("course_title", &input.course_title, 200).map_err(|e| errs.push(e)).ok();
        let provider = ShortText::parse_required("provider", &input.provider, 200).map_err(|e| errs.push(e)).ok();
        let start = date("starts_on", &input.starts_on).map_err(|e| errs.push(e)).ok();
        let end = date("ends_on", &input.ends_on).map_err(|e| errs.push(e)).ok();
        let price = kroner(&input.price).map_err(|e| errs.push(e)).ok();
        let emails: Vec<String> =
            input.emails.split(['\n', ',', ';']).map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()).collect();
        if emails.is_empty() {
            errs.push(ValidationError::new("emails", "err-fund-no-applicants"));
        }
        if emails.len() > MAX_APPLICANTS {
            return Err(ValidationError::new("emails", "err-bulk-too-many").into());
        }
        let mut people = Vec::new();
        for email in &emails {
            let found: Option<(i64, Option<i64>)> =
                sqlx::query_as("SELECT id, left_at FROM employees WHERE org_id = $1 AND email = $2")
                    .bind(self.org_id().0)
                    .bind(email)
                    .fetch_optional(&self.store.pool)
                    .await?;
            match found {
                Some((id, None)) if !people.contains(&id) => people.push(id),
                Some((_, None)) => {}
                Some((_, Some(_))) => errs.push(ValidationError::new("emails", "err-employee-left")),
                None => errs.push(ValidationError::new("emails", "err-employee-unknown")),
            }
        }
        let (Some(title), Some(provider), Some(start), Some(end), Some(price)) = (title, provider, start, end, price)
        else {
            return Err(errs.into());
        };
        let book = RuleBook::current_default();
        let rules = book.require(start).map_err(|e| fund_errors(vec![e], "starts_on"))?;
        let pre_approval = input.pre_approval.is_some();
        if let Err(fe) = fund::check_application(rules, today, start, end, price, people.len() as u32, pre_approval) {
            for e in fe {
                let field = match e {
                    FundError::AfterStart | FundError::TooEarly { .. } => "starts_on",
                    FundError::EndBeforeStart => "ends_on",
                    FundError::PriceNotPositive => "price",
                    _ => "emails",
                };
                errs.push(ValidationError::new(field, e.key()));
            }
        }
        if !errs.is_empty() {
            return Err(errs.into());
        }
        let masters = input.masters.is_some();
        let mut tx = self.store.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO fund_applications (org_id, course_title, provider, starts_on, ends_on, price, masters,
               pre_approval, status, created_on, created_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9, $10, $11) RETURNING id",
        )
        .bind(self.org_id().0)
        .bind(title.as_str())
        .bind(provider.as_str())
        .bind(fmt_date(start))
        .bind(fmt_date(end))
        .bind(price)
        .bind(i64::from(masters))
        .bind(i64::from(pre_approval))
        .bind(fmt_date(today))
        .bind(self.grant.user().0)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        for person in people {
            // Earlier grants of this person (granted or paid), whatever application they were on.
            let rows: Vec<(String, i64)> = sqlx::query_as(
                "SELECT a.starts_on, x.fund_share FROM fund_applicants x JOIN fund_applications a ON a.id = x.application_id
                 WHERE x.employee_id = $1 AND a.status IN ('signed', 'submitted', 'granted', 'paid')",
            )
            .bind(person)
            .fetch_all(&mut *tx)
            .await?;
            let earlier: Vec<EarlierGrant> = rows
                .into_iter()
                .filter_map(|(d, g)| fund::parse_date(&d).map(|course_start| EarlierGrant { course_start, granted: g }))
                .collect();
            let split = fund::split(rules, price, masters, start, &earlier);
            sqlx::query(
                "INSERT INTO fund_applicants (application_id, employee_id, fund_share, workplace_share, capped)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(person)
            .bind(split.fund)
            .bind(split.workplace)
            .bind(i64::from(split.capped))
            .execute(&mut *tx)
            .await?;
        }
        self.audit_in(&mut tx, "fund.create", format!("application {id}"), title.as_str().to_string()).await?;
        tx.commit().await?;
        self.fund_application(id).await
    }

    /// Records a signature (the employee's: one applicant's), then makes the application
    /// `signed` once the employees, the leader and the union representative all have —
    /// within the deadline, else it is refused.
    pub async fn sign_fund_application(
        &self,
        id: i64,
        signer: &str,
        employee: Option<EmployeeId>,
        on: &str,
    ) -> Result<FundDetail> {
        self.sign_fund_application_on(id, signer, employee, on, self.today()).await
    }

    pub(crate) async fn sign_fund_application_on(
        &self,
        id: i64,
        signer: &str,
        employee: Option<EmployeeId>,
        on: &str,
        today: Date,
    ) -> Result<FundDetail> {
        let detail = self.fund_application(id).await?;
        let signer = Signer::parse(signer).ok_or_else(|| ValidationError::new("signer", "err-fund-signer"))?;
        let on = date("signed_on", on)?;
        if on > today {
            return Err(ValidationError::new("signed_on", "err-fund-signed-future").into());
        }
        if detail.application.status != FundStatus::Draft.as_str() {
            return Err(ValidationError::new("status", "err-fund-move").into());
        }
        let created = fund::parse_date(&detail.application.created_on).ok_or_else(|| anyhow::anyhow!("bad date"))?;
        let book = RuleBook::current_default();
        let rules = book.require(created).map_err(|e| fund_errors(vec![e], "signed_on"))?;
        fund::check_signature(rules, created, on).map_err(|e| fund_errors(vec![e], "signed_on"))?;
        let mut tx = self.store.begin_write().await?;
        let done = match signer {
            Signer::Employee => {
                let Some(e) = employee else { return Err(ValidationError::new("employee_id", "err-required").into()) };
                sqlx::query("UPDATE fund_applicants SET signed_on = $1 WHERE application_id = $2 AND employee_id = $3")
                    .bind(fmt_date(on))
                    .bind(id)
                    .bind(e.0)
                    .execute(&mut *tx)
                    .await?
            }
            Signer::Leader => {
                sqlx::query("UPDATE fund_applications SET leader_signed_on = $1 WHERE id = $2 AND status = 'draft'")
                    .bind(fmt_date(on))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
            }
            Signer::Union => {
                sqlx::query("UPDATE fund_applications SET union_signed_on = $1 WHERE id = $2 AND status = 'draft'")
                    .bind(fmt_date(on))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
            }
        };
        if done.rows_affected() != 1 {
            return Err(ValidationError::new("employee_id", "err-employee-unknown").into());
        }
        let unsigned: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM fund_applicants WHERE application_id = $1 AND signed_on IS NULL")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        let both: Option<(Option<String>, Option<String>)> =
            sqlx::query_as("SELECT leader_signed_on, union_signed_on FROM fund_applications WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        if unsigned == 0 && both.is_some_and(|(l, u)| l.is_some() && u.is_some()) {
            sqlx::query(
                "UPDATE fund_applications SET status = 'signed', updated_at = $1 WHERE id = $2 AND status = 'draft'",
            )
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.fund_application(id).await
    }

    /// Moves an application on: submitted, granted, refused (with a reason), paid. A draft
    /// whose signatures are late becomes lapsed.
    pub async fn move_fund_application(&self, id: i64, to: &str, reason: &str) -> Result<FundDetail> {
        let detail = self.fund_application(id).await?;
        let from = FundStatus::parse(&detail.application.status).ok_or_else(|| anyhow::anyhow!("bad status in db"))?;
        let to = FundStatus::parse(to).ok_or_else(|| ValidationError::new("status", "err-fund-move"))?;
        let today = self.today();
        let created = fund::parse_date(&detail.application.created_on).ok_or_else(|| anyhow::anyhow!("bad date"))?;
        let book = RuleBook::current_default();
        let rules = book.require(created).map_err(|e| fund_errors(vec![e], "status"))?;
        // Signed comes from the signatures, never from a status change.
        if to == FundStatus::Signed {
            return Err(ValidationError::new("status", "err-fund-move").into());
        }
        if to == FundStatus::Lapsed && !fund::has_lapsed(rules, created, today) {
            return Err(ValidationError::new("status", "err-fund-move").into());
        }
        from.move_to(to).map_err(|e| fund_errors(vec![e], "status"))?;
        if to == FundStatus::Submitted {
            let start = fund::parse_date(&detail.application.starts_on).ok_or_else(|| anyhow::anyhow!("bad date"))?;
            if today >= start {
                return Err(ValidationError::new("status", "err-fund-after-start").into());
            }
        }
        let reason = match to {
            FundStatus::Refused => Some(ShortText::parse_required("reason", reason, 500)?.into_string()),
            _ => None,
        };
        let decided = matches!(to, FundStatus::Granted | FundStatus::Refused).then(|| fmt_date(today));
        let mut tx = self.store.begin_write().await?;
        let moved = sqlx::query(
            "UPDATE fund_applications SET status = $1, refusal_reason = COALESCE($2, refusal_reason),
               decided_on = COALESCE($3, decided_on), updated_at = $4 WHERE id = $5 AND org_id = $6 AND status = $7",
        )
        .bind(to.as_str())
        .bind(&reason)
        .bind(&decided)
        .bind(now())
        .bind(id)
        .bind(self.org_id().0)
        .bind(from.as_str())
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() != 1 {
            return Err(Error::Conflict { field: "status", key: "err-enrolment-changed" });
        }
        if to == FundStatus::Granted {
            regrant(&mut tx, rules, id, &detail).await?;
        }
        self.audit_in(
            &mut tx,
            "fund.status",
            format!("application {id}"),
            format!("{} → {}", from.as_str(), to.as_str()),
        )
        .await?;
        tx.commit().await?;
        self.fund_application(id).await
    }

    /// Granted and paid shares per department (the department of the applicant today).
    pub async fn fund_totals(&self) -> Result<Vec<FundTotal>> {
        self.fund_hr_only()?;
        Ok(sqlx::query_as(
            "SELECT COALESCE(e.department, '') AS department, CAST(SUM(x.fund_share) AS BIGINT) AS fund,
               CAST(SUM(x.workplace_share) AS BIGINT) AS workplace, COUNT(DISTINCT x.employee_id) AS people
             FROM fund_applicants x JOIN fund_applications a ON a.id = x.application_id
             JOIN employees e ON e.id = x.employee_id
             WHERE a.org_id = $1 AND a.status IN ('granted', 'paid')
             GROUP BY COALESCE(e.department, '') ORDER BY department",
        )
        .bind(self.org_id().0)
        .fetch_all(&self.store.pool)
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_whole_kroner_with_or_without_danish_thousands() {
        assert_eq!(kroner("12500"), Ok(12_500));
        assert_eq!(kroner("12.500"), Ok(12_500));
        assert_eq!(kroner("1.234.567 kr."), Ok(1_234_567));
        for bad in ["20000.00", "1500.5", "12,5", "", "-3", "12.50"] {
            assert!(kroner(bad).is_err(), "{bad} is refused, not read as thousands");
        }
    }
    use crate::store::testing::World;
    use time::macros::date;

    fn input(emails: &str, start: &str) -> FundInput {
        FundInput {
            course_title: "Kommunom: Offentlig forvaltning".into(),
            provider: "Det Kommunale Kompetencecenter".into(),
            starts_on: start.into(),
            ends_on: "2027-06-30".into(),
            price: "20000".into(),
            emails: emails.into(),
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn a_group_application_splits_80_20_caps_by_earlier_grants_and_is_signed_within_40_days() {
        let w = World::new(5).await;
        for n in 1..=5 {
            w.staff(&format!("Konsulent {n}"), &format!("k{n}@aabenraa.dk")).await;
        }
        let today = date!(2027 - 01 - 10);
        // An earlier grant of 20,000 to k1, for a course that started three months ago.
        let first =
            w.hr.create_fund_application_on(&input("k1@aabenraa.dk", "2027-01-20"), date!(2026 - 10 - 01))
                .await
                .unwrap();
        sqlx::query("UPDATE fund_applications SET status = 'granted', starts_on = '2026-10-10' WHERE id = $1")
            .bind(first.application.id)
            .execute(&w.store.pool)
            .await
            .unwrap();
        let all = "k1@aabenraa.dk\nk2@aabenraa.dk, k3@aabenraa.dk\nk4@aabenraa.dk\nk5@aabenraa.dk";
        let mut group = input(all, "2027-03-01");
        group.pre_approval = Some("1".into());
        let d = w.hr.create_fund_application_on(&group, today).await.unwrap();
        let k1 = d.applicants.iter().find(|a| a.name == "Konsulent 1").unwrap();
        // 16,000 granted before leaves 14,000 of the 30,000 cap: the workplace pays the rest.
        assert_eq!((k1.fund_share, k1.workplace_share, k1.capped), (14_000, 6_000, true));
        let k2 = d.applicants.iter().find(|a| a.name == "Konsulent 2").unwrap();
        assert_eq!((k2.fund_share, k2.workplace_share, k2.capped), (16_000, 4_000, false));
        assert_eq!(d.signature_deadline, "2027-02-19");

        // Too early, after the start, a small group asking for pre-approval: refused with the rule.
        let err = w.hr.create_fund_application_on(&input("k2@aabenraa.dk", "2027-12-01"), today).await.unwrap_err();
        assert!(matches!(&err, Error::Validation(v) if v[0].key == "err-fund-too-early"), "{err:?}");
        let mut small = input("k2@aabenraa.dk", "2027-03-01");
        small.pre_approval = Some("1".into());
        let err = w.hr.create_fund_application_on(&small, today).await.unwrap_err();
        assert!(matches!(&err, Error::Validation(v) if v[0].key == "err-fund-group-small"), "{err:?}");

        // Signatures: every employee, the leader and the union representative, in time.
        let (id, later) = (d.application.id, date!(2027 - 01 - 15));
        for a in &d.applicants {
            w.hr.sign_fund_application_on(id, "employee", Some(a.employee_id), "2027-01-12", later).await.unwrap();
        }
        let future = w.hr.sign_fund_application_on(id, "leader", None, "2027-01-16", later).await.unwrap_err();
        assert!(matches!(&future, Error::Validation(v) if v[0].key == "err-fund-signed-future"));
        w.hr.sign_fund_application_on(id, "leader", None, "2027-01-12", later).await.unwrap();
        let late =
            w.hr.sign_fund_application_on(id, "union", None, "2027-02-20", date!(2027 - 02 - 20)).await.unwrap_err();
        assert!(matches!(&late, Error::Validation(v) if v[0].key == "err-fund-signature-late"), "{late:?}");
        let signed = w.hr.sign_fund_application_on(id, "union", None, "2027-01-13", later).await.unwrap();
        assert_eq!(signed.application.status, "signed");
        let granted_too_soon = w.hr.move_fund_application(id, "granted", "").await.unwrap_err();
        assert!(matches!(&granted_too_soon, Error::Validation(v) if v[0].key == "err-fund-move"));

        // A signed application counts against the cap of the next one for the same person.
        let next = w.hr.create_fund_application_on(&input("k2@aabenraa.dk", "2027-04-01"), today).await.unwrap();
        let k2 = &next.applicants[0];
        assert_eq!((k2.fund_share, k2.capped), (14_000, true), "30,000 − 16,000 already signed for");
        // "Signed" comes only from the signatures.
        let skip = w.hr.move_fund_application(next.application.id, "signed", "").await.unwrap_err();
        assert!(matches!(&skip, Error::Validation(v) if v[0].key == "err-fund-move"));
    }
}
