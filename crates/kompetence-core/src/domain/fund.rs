//! Den Kommunale Kompetencefond: the competence fund that pays part of a course for
//! municipal staff. An application (for one employee, or a group that may first ask for a
//! pre-approval) is drafted, signed by the employee, their leader and the union
//! representative (TR), submitted, then granted or refused, and a granted one is paid.
//!
//! The fund pays a share of the price and the workplace the rest; the fund's payments per
//! employee are capped over a rolling window. Every amount and period here is data
//! ([`FundRules`]) with a valid-from date, because the numbers change by collective
//! agreement; nothing in this module hard-codes them except [`RuleBook::current_default`].
//!
//! Money is whole Danish kroner (`i64`); the fund's share is rounded down, so the fund's and
//! the workplace's parts always add up to the price. Dates are [`time::Date`]; storage keeps
//! them as `"YYYY-MM-DD"` ([`parse_date`], [`fmt_date`]).
use std::fmt;

use time::{Date, Duration, Month};

/// The fund's rules in force from `valid_from` until the next entry's `valid_from`.
///
/// Kept as data, not constants: the fund's share, the caps and the deadlines are set by
/// collective agreement and change over time, and an application is judged by the rules in
/// force on its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FundRules {
    /// The first day these rules apply.
    pub valid_from: Date,
    /// The fund's share of the eligible price, in percent (the workplace pays the rest).
    /// Expected to be 0–100; larger values are treated as 100.
    pub fund_share_pct: u32,
    /// The most the fund pays for one employee within the rolling window (kroner).
    pub cap: i64,
    /// The cap instead of `cap` when the course is a master's programme (kroner).
    pub masters_cap: i64,
    /// The rolling window the cap is counted over, in calendar months.
    pub window_months: u32,
    /// How many calendar months before the course's start one may apply at the earliest.
    pub earliest_months_before: u32,
    /// How many days after the draft was made the three signatures may come in.
    pub sign_within_days: u32,
    /// The smallest group that may start with a pre-approval (forhåndsgodkendelse).
    pub group_pre_approval_min: u32,
}

/// The fund's rules over time; [`RuleBook::on`] picks the set in force on a date.
///
/// The entries may be in any order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleBook(pub Vec<FundRules>);

impl RuleBook {
    /// The rules as of 2024-01-01: the fund pays 80 %, at most DKK 30,000 per employee per
    /// rolling 12 months (DKK 50,000 for a master's programme), applications at the earliest
    /// 9 months before the start, signatures within 40 days, pre-approval for groups of 5+.
    ///
    /// These are the fund's published numbers as we understood them. They change by
    /// collective agreement, so keep them as data: add a new [`FundRules`] with its
    /// valid-from date rather than editing these values or writing them into code elsewhere.
    pub fn current_default() -> Self {
        Self(vec![FundRules {
            valid_from: time::macros::date!(2024 - 01 - 01),
            fund_share_pct: 80,
            cap: 30_000,
            masters_cap: 50_000,
            window_months: 12,
            earliest_months_before: 9,
            sign_within_days: 40,
            group_pre_approval_min: 5,
        }])
    }

    /// The rules in force on `date`: the entry with the newest `valid_from` on or before it
    /// (on a tie, the later entry in the list). `None` before the first entry.
    ///
    /// Ask by the course's start date for the split and the application window (both are
    /// counted from the start), and by the draft's date for the signing period.
    pub fn on(&self, date: Date) -> Option<&FundRules> {
        self.0.iter().filter(|r| r.valid_from <= date).max_by_key(|r| r.valid_from)
    }

    /// [`RuleBook::on`] as a `Result`, for callers that report [`FundError::NoRules`].
    pub fn require(&self, date: Date) -> Result<&FundRules, FundError> {
        self.on(date).ok_or(FundError::NoRules)
    }
}

/// A grant the fund already made to the same employee, as far as the cap is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EarlierGrant {
    /// The start date of that course: the cap's window is counted by start dates.
    pub course_start: Date,
    /// What the fund granted (kroner), not the course's price.
    pub granted: i64,
}

/// How one employee's course price is shared between the fund and the workplace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Split {
    /// The eligible price (kroner).
    pub price: i64,
    /// What the fund pays (kroner).
    pub fund: i64,
    /// What the workplace pays (kroner); always `price - fund`.
    pub workplace: i64,
    /// The fund's share was cut to the cap left, so the workplace pays more than its usual
    /// share; the result should say so.
    pub capped: bool,
    /// How much of the employee's cap was left before this course (kroner, never negative).
    pub cap_left_before: i64,
}

/// The fund's and the workplace's share for one employee, given their earlier grants.
///
/// The fund's share is `price × fund_share_pct / 100`, rounded down to whole kroner, and is
/// cut to what is left of the employee's cap (`masters_cap` for a master's programme, else
/// `cap`); the workplace pays the rest, so `fund + workplace == price` always.
///
/// The cap is counted over the earlier grants whose course start lies in the window
/// `(course_start − window_months, course_start]`: a grant that started exactly
/// `window_months` before no longer counts, one that started the same day as this course
/// does. Grants that start after this course are not counted. All earlier grants count
/// against the cap of *this* course, whether they were for a master's programme or not.
///
/// A price of zero or less gives the fund nothing (`fund == 0`, `workplace == price`);
/// [`check_application`] refuses such prices anyway.
pub fn split(rules: &FundRules, price: i64, masters: bool, course_start: Date, earlier: &[EarlierGrant]) -> Split {
    let cap = if masters { rules.masters_cap } else { rules.cap };
    let window_start = add_months(course_start, -months_i32(rules.window_months));
    let used: i64 = earlier
        .iter()
        .filter(|g| g.course_start > window_start && g.course_start <= course_start)
        .map(|g| g.granted.max(0))
        .fold(0, i64::saturating_add);
    let cap_left_before = cap.saturating_sub(used).max(0);
    let share = if price <= 0 {
        0
    } else {
        let pct = i128::from(rules.fund_share_pct.min(100));
        // Rounded down; i128 so a huge price cannot overflow. The result is ≤ price.
        (i128::from(price) * pct / 100) as i64
    };
    let capped = share > cap_left_before;
    let fund = if capped { cap_left_before } else { share };
    Split { price, fund, workplace: price - fund, capped, cap_left_before }
}

/// Why an application, a signature or a status change is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FundError {
    /// No rules are in force on the date asked for.
    NoRules,
    /// Applied on or after the course's start: the fund only pays for courses applied for
    /// before they start.
    AfterStart,
    /// Applied before the earliest day one may apply.
    TooEarly { earliest: Date },
    /// The price is zero or negative.
    PriceNotPositive,
    /// The course ends before it starts.
    EndBeforeStart,
    /// A pre-approval was asked for a group smaller than the rules allow.
    GroupTooSmallForPreApproval { min: u32 },
    /// A signature came after the last day for signing.
    SignatureLate { deadline: Date },
    /// The status change is not one the status machine allows.
    Move { from: FundStatus, to: FundStatus },
}

impl FundError {
    /// The Fluent message id the web layer shows for this error.
    pub fn key(&self) -> &'static str {
        match self {
            Self::NoRules => "err-fund-no-rules",
            Self::AfterStart => "err-fund-after-start",
            Self::TooEarly { .. } => "err-fund-too-early",
            Self::PriceNotPositive => "err-fund-price",
            Self::EndBeforeStart => "err-fund-period",
            Self::GroupTooSmallForPreApproval { .. } => "err-fund-group-small",
            Self::SignatureLate { .. } => "err-fund-signature-late",
            Self::Move { .. } => "err-fund-move",
        }
    }
}

impl fmt::Display for FundError {
    /// An English text for logs; users see the Fluent message for [`FundError::key`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoRules => write!(f, "no fund rules in force on that date"),
            Self::AfterStart => write!(f, "the application must be made before the course starts"),
            Self::TooEarly { earliest } => write!(f, "too early to apply; the earliest day is {}", fmt_date(*earliest)),
            Self::PriceNotPositive => write!(f, "the price must be more than 0 kr."),
            Self::EndBeforeStart => write!(f, "the course ends before it starts"),
            Self::GroupTooSmallForPreApproval { min } => {
                write!(f, "a pre-approval needs a group of at least {min}")
            }
            Self::SignatureLate { deadline } => {
                write!(f, "the signatures were due by {}", fmt_date(*deadline))
            }
            Self::Move { from, to } => write!(f, "an application cannot go from {} to {}", from.as_str(), to.as_str()),
        }
    }
}

impl std::error::Error for FundError {}

/// Checks an application's dates and price when it is made or changed.
///
/// `applied_on` must be before the start (at the latest the day before) and at the earliest
/// `earliest_months_before` calendar months before it (that day included; the day is clamped
/// as in [`add_months`]). A course may start and end on the same day. `group_size` only
/// matters for a pre-approval, which needs at least `group_pre_approval_min` people.
///
/// Every problem found is reported, in this order: the application date, the period, the
/// price, the group.
pub fn check_application(
    rules: &FundRules,
    applied_on: Date,
    start: Date,
    end: Date,
    price: i64,
    group_size: u32,
    pre_approval: bool,
) -> Result<(), Vec<FundError>> {
    let mut errors = Vec::new();
    let earliest = add_months(start, -months_i32(rules.earliest_months_before));
    if applied_on >= start {
        errors.push(FundError::AfterStart);
    } else if applied_on < earliest {
        errors.push(FundError::TooEarly { earliest });
    }
    if end < start {
        errors.push(FundError::EndBeforeStart);
    }
    if price <= 0 {
        errors.push(FundError::PriceNotPositive);
    }
    if pre_approval && group_size < rules.group_pre_approval_min {
        errors.push(FundError::GroupTooSmallForPreApproval { min: rules.group_pre_approval_min });
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// Where an application stands:
/// draft → signed → submitted → granted | refused, granted → paid, and draft → lapsed when
/// the signatures did not all come in time. Nothing moves back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FundStatus {
    Draft,
    Signed,
    Submitted,
    Granted,
    Refused,
    Paid,
    Lapsed,
}

impl FundStatus {
    pub const ALL: [FundStatus; 7] = [
        FundStatus::Draft,
        FundStatus::Signed,
        FundStatus::Submitted,
        FundStatus::Granted,
        FundStatus::Refused,
        FundStatus::Paid,
        FundStatus::Lapsed,
    ];

    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Signed => "signed",
            Self::Submitted => "submitted",
            Self::Granted => "granted",
            Self::Refused => "refused",
            Self::Paid => "paid",
            Self::Lapsed => "lapsed",
        }
    }

    /// The status for a stored word; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether the move is allowed. Only a draft can lapse: once all three have signed, the
    /// signing deadline no longer matters.
    pub fn can_become(self, to: Self) -> bool {
        use FundStatus::*;
        matches!(
            (self, to),
            (Draft, Signed) | (Signed, Submitted) | (Submitted, Granted | Refused) | (Granted, Paid) | (Draft, Lapsed)
        )
    }

    /// The new status, or [`FundError::Move`] when [`FundStatus::can_become`] says no.
    pub fn move_to(self, to: Self) -> Result<Self, FundError> {
        if self.can_become(to) { Ok(to) } else { Err(FundError::Move { from: self, to }) }
    }

    /// No further move is possible.
    pub fn is_final(self) -> bool {
        Self::ALL.into_iter().all(|to| !self.can_become(to))
    }
}

/// The three people who must sign an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signer {
    /// The employee who takes the course.
    Employee,
    /// Their leader.
    Leader,
    /// The union representative (TR, tillidsrepræsentant).
    Union,
}

impl Signer {
    pub const ALL: [Signer; 3] = [Signer::Employee, Signer::Leader, Signer::Union];

    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Employee => "employee",
            Self::Leader => "leader",
            Self::Union => "union",
        }
    }

    /// The signer for a stored word; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The last day the three signatures may come in: `sign_within_days` days after the draft
/// was made (created 2027-01-10 with 40 days → 2027-02-19, that day included).
pub fn signature_deadline(rules: &FundRules, created_on: Date) -> Date {
    created_on.checked_add(Duration::days(i64::from(rules.sign_within_days))).unwrap_or(Date::MAX)
}

/// Whether a signature on `on` is in time; all three signed → the application may become Signed.
///
/// In time means on or before [`signature_deadline`].
pub fn check_signature(rules: &FundRules, created_on: Date, on: Date) -> Result<(), FundError> {
    let deadline = signature_deadline(rules, created_on);
    if on <= deadline { Ok(()) } else { Err(FundError::SignatureLate { deadline }) }
}

/// Whether a draft made on `created_on` has lapsed by `today` (the deadline has passed);
/// a draft that has lapsed should move to [`FundStatus::Lapsed`].
pub fn has_lapsed(rules: &FundRules, created_on: Date, today: Date) -> bool {
    today > signature_deadline(rules, created_on)
}

/// A stored date, `"YYYY-MM-DD"` (surrounding whitespace ignored); `None` if it is not one.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.trim().as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    let month = Month::try_from(u8::try_from(num(5..7)?).ok()?).ok()?;
    let day = u8::try_from(num(8..10)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// A date as stored, `"YYYY-MM-DD"` (years 0–9999, which is what [`parse_date`] reads).
pub fn fmt_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Adds calendar months, clamping the day (31 Jan + 1 month = 28/29 Feb).
///
/// Negative `months` go back. Saturates at [`Date::MIN`] / [`Date::MAX`].
pub fn add_months(d: Date, months: i32) -> Date {
    let total = i64::from(d.year()) * 12 + i64::from(u8::from(d.month()) - 1) + i64::from(months);
    let Ok(year) = i32::try_from(total.div_euclid(12)) else {
        return if months < 0 { Date::MIN } else { Date::MAX };
    };
    // div_euclid/rem_euclid: the month index is 0..12 also for negative totals.
    let month = Month::try_from(total.rem_euclid(12) as u8 + 1).expect("1..=12");
    let day = d.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).unwrap_or(if months < 0 { Date::MIN } else { Date::MAX })
}

/// Window lengths as signed months for [`add_months`]; absurdly large values saturate.
fn months_i32(m: u32) -> i32 {
    i32::try_from(m).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn rules() -> FundRules {
        RuleBook::current_default().0[0]
    }

    fn grant(course_start: Date, granted: i64) -> EarlierGrant {
        EarlierGrant { course_start, granted }
    }

    #[test]
    fn default_rules_are_the_published_numbers() {
        let r = rules();
        assert_eq!(r.valid_from, date!(2024 - 01 - 01));
        assert_eq!((r.fund_share_pct, r.cap, r.masters_cap, r.window_months), (80, 30_000, 50_000, 12));
        assert_eq!((r.earliest_months_before, r.sign_within_days, r.group_pre_approval_min), (9, 40, 5));
    }

    #[test]
    fn fund_pays_80_and_workplace_20_percent() {
        let s = split(&rules(), 20_000, false, date!(2027 - 05 - 01), &[]);
        assert_eq!(s, Split { price: 20_000, fund: 16_000, workplace: 4_000, capped: false, cap_left_before: 30_000 });
    }

    #[test]
    fn fund_and_workplace_always_add_up_to_the_price() {
        let start = date!(2027 - 05 - 01);
        for pct in [80, 75] {
            let r = FundRules { fund_share_pct: pct, cap: i64::MAX, masters_cap: i64::MAX, ..rules() };
            for price in (1..=100_000).step_by(7) {
                let s = split(&r, price, false, start, &[]);
                assert_eq!(s.fund + s.workplace, price, "pct {pct} price {price}");
                // Rounded down: the fund never pays a krone more than its share.
                assert_eq!(s.fund, price * i64::from(pct) / 100);
                assert!(s.fund * 100 <= price * i64::from(pct) && (s.fund + 1) * 100 > price * i64::from(pct));
            }
        }
        let s = split(&rules(), 1, false, start, &[]);
        assert_eq!((s.fund, s.workplace), (0, 1));
        let s = split(&rules(), 1_001, false, start, &[]);
        assert_eq!((s.fund, s.workplace), (800, 201));
    }

    #[test]
    fn cap_cuts_the_fund_share_and_the_workplace_pays_the_rest() {
        let start = date!(2027 - 05 - 01);
        let earlier = [grant(date!(2027 - 02 - 01), 20_000)];
        let s = split(&rules(), 20_000, false, start, &earlier);
        assert_eq!(s, Split { price: 20_000, fund: 10_000, workplace: 10_000, capped: true, cap_left_before: 10_000 });
        // Exactly the cap left is not "capped".
        let s = split(&rules(), 12_500, false, start, &earlier);
        assert_eq!((s.fund, s.workplace, s.capped), (10_000, 2_500, false));
    }

    #[test]
    fn cap_window_excludes_a_grant_exactly_12_months_before() {
        let start = date!(2027 - 05 - 01);
        let full = |g: EarlierGrant| split(&rules(), 20_000, false, start, &[g]);
        // 12 months and 1 day before, and exactly 12 months before: outside (start − 12 months, start].
        assert_eq!(full(grant(date!(2026 - 04 - 30), 30_000)).cap_left_before, 30_000);
        assert_eq!(full(grant(date!(2026 - 05 - 01), 30_000)).cap_left_before, 30_000);
        assert!(!full(grant(date!(2026 - 05 - 01), 30_000)).capped);
        // One day later it counts, and so does a course starting the same day as this one.
        let s = full(grant(date!(2026 - 05 - 02), 30_000));
        assert_eq!((s.cap_left_before, s.fund, s.workplace, s.capped), (0, 0, 20_000, true));
        assert_eq!(full(grant(start, 5_000)).cap_left_before, 25_000);
        // A course that starts after this one is not counted.
        assert_eq!(full(grant(date!(2027 - 05 - 02), 30_000)).cap_left_before, 30_000);
    }

    #[test]
    fn cap_window_clamps_at_month_end() {
        // 2028-02-29 − 12 months = 2027-02-28: that day is outside, the next one inside.
        let start = date!(2028 - 02 - 29);
        assert_eq!(
            split(&rules(), 1_000, false, start, &[grant(date!(2027 - 02 - 28), 9_000)]).cap_left_before,
            30_000
        );
        assert_eq!(
            split(&rules(), 1_000, false, start, &[grant(date!(2027 - 03 - 01), 9_000)]).cap_left_before,
            21_000
        );
    }

    #[test]
    fn grants_add_up_and_the_cap_left_is_never_negative() {
        let start = date!(2027 - 05 - 01);
        let earlier = [grant(date!(2026 - 09 - 01), 12_000), grant(date!(2027 - 01 - 15), 8_000)];
        assert_eq!(split(&rules(), 10_000, false, start, &earlier).cap_left_before, 10_000);
        let over = [grant(date!(2026 - 09 - 01), 25_000), grant(date!(2027 - 01 - 15), 25_000)];
        let s = split(&rules(), 10_000, false, start, &over);
        assert_eq!((s.cap_left_before, s.fund, s.workplace, s.capped), (0, 0, 10_000, true));
    }

    #[test]
    fn masters_programme_has_a_cap_of_50_000() {
        let start = date!(2027 - 08 - 15);
        let s = split(&rules(), 100_000, true, start, &[]);
        assert_eq!(s, Split { price: 100_000, fund: 50_000, workplace: 50_000, capped: true, cap_left_before: 50_000 });
        let s = split(&rules(), 60_000, true, start, &[]);
        assert_eq!((s.fund, s.workplace, s.capped), (48_000, 12_000, false));
        // The same course without the flag stops at 30,000.
        let s = split(&rules(), 60_000, false, start, &[]);
        assert_eq!((s.fund, s.workplace, s.capped), (30_000, 30_000, true));
        // Earlier grants count against the master's cap too.
        let s = split(&rules(), 60_000, true, start, &[grant(date!(2027 - 01 - 01), 20_000)]);
        assert_eq!((s.cap_left_before, s.fund, s.workplace, s.capped), (30_000, 30_000, 30_000, true));
    }

    #[test]
    fn non_positive_price_gives_the_fund_nothing() {
        let s = split(&rules(), 0, false, date!(2027 - 05 - 01), &[]);
        assert_eq!((s.fund, s.workplace, s.capped), (0, 0, false));
        let s = split(&rules(), -100, false, date!(2027 - 05 - 01), &[]);
        assert_eq!((s.fund, s.workplace), (0, -100));
    }

    #[test]
    fn application_must_come_before_the_start() {
        let (start, end) = (date!(2027 - 05 - 01), date!(2027 - 05 - 03));
        let check = |applied| check_application(&rules(), applied, start, end, 10_000, 1, false);
        assert_eq!(check(date!(2027 - 04 - 30)), Ok(()));
        assert_eq!(check(start), Err(vec![FundError::AfterStart]));
        assert_eq!(check(date!(2027 - 05 - 02)), Err(vec![FundError::AfterStart]));
    }

    #[test]
    fn application_at_the_earliest_9_months_before() {
        let (start, end) = (date!(2027 - 05 - 01), date!(2027 - 05 - 01));
        let check = |applied| check_application(&rules(), applied, start, end, 10_000, 1, false);
        assert_eq!(check(date!(2026 - 08 - 01)), Ok(()));
        assert_eq!(check(date!(2026 - 07 - 31)), Err(vec![FundError::TooEarly { earliest: date!(2026 - 08 - 01) }]));
        // Clamped: 30 November − 9 months = 28 February.
        let start = date!(2027 - 11 - 30);
        let check = |applied| check_application(&rules(), applied, start, start, 10_000, 1, false);
        assert_eq!(check(date!(2027 - 02 - 28)), Ok(()));
        assert_eq!(check(date!(2027 - 02 - 27)), Err(vec![FundError::TooEarly { earliest: date!(2027 - 02 - 28) }]));
    }

    #[test]
    fn period_price_and_group_are_checked() {
        let (applied, start) = (date!(2027 - 03 - 01), date!(2027 - 05 - 01));
        let r = rules();
        assert_eq!(
            check_application(&r, applied, start, date!(2027 - 04 - 30), 10_000, 1, false),
            Err(vec![FundError::EndBeforeStart])
        );
        assert_eq!(check_application(&r, applied, start, start, 0, 1, false), Err(vec![FundError::PriceNotPositive]));
        assert_eq!(check_application(&r, applied, start, start, -5, 1, false), Err(vec![FundError::PriceNotPositive]));
        assert_eq!(
            check_application(&r, applied, start, start, 10_000, 4, true),
            Err(vec![FundError::GroupTooSmallForPreApproval { min: 5 }])
        );
        assert_eq!(check_application(&r, applied, start, start, 10_000, 5, true), Ok(()));
        // Without a pre-approval any group size will do.
        assert_eq!(check_application(&r, applied, start, start, 10_000, 4, false), Ok(()));
    }

    #[test]
    fn several_application_errors_are_reported_together() {
        let start = date!(2027 - 05 - 01);
        let errors = check_application(&rules(), start, start, date!(2027 - 04 - 01), 0, 2, true).unwrap_err();
        assert_eq!(
            errors,
            vec![
                FundError::AfterStart,
                FundError::EndBeforeStart,
                FundError::PriceNotPositive,
                FundError::GroupTooSmallForPreApproval { min: 5 },
            ]
        );
        let keys: Vec<_> = errors.iter().map(FundError::key).collect();
        assert_eq!(keys, ["err-fund-after-start", "err-fund-period", "err-fund-price", "err-fund-group-small"]);
    }

    #[test]
    fn signatures_within_40_days_of_the_draft() {
        let created = date!(2027 - 01 - 10);
        assert_eq!(signature_deadline(&rules(), created), date!(2027 - 02 - 19));
        assert_eq!(check_signature(&rules(), created, created), Ok(()));
        assert_eq!(check_signature(&rules(), created, date!(2027 - 02 - 19)), Ok(()));
        assert_eq!(
            check_signature(&rules(), created, date!(2027 - 02 - 20)),
            Err(FundError::SignatureLate { deadline: date!(2027 - 02 - 19) })
        );
        assert!(!has_lapsed(&rules(), created, date!(2027 - 02 - 19)));
        assert!(has_lapsed(&rules(), created, date!(2027 - 02 - 20)));
    }

    #[test]
    fn status_machine_allows_exactly_the_documented_moves() {
        use FundStatus::*;
        let allowed = [
            (Draft, Signed),
            (Signed, Submitted),
            (Submitted, Granted),
            (Submitted, Refused),
            (Granted, Paid),
            (Draft, Lapsed),
        ];
        let mut pairs = 0;
        for from in FundStatus::ALL {
            for to in FundStatus::ALL {
                pairs += 1;
                let ok = allowed.contains(&(from, to));
                assert_eq!(from.can_become(to), ok, "{from:?} → {to:?}");
                assert_eq!(from.move_to(to), if ok { Ok(to) } else { Err(FundError::Move { from, to }) });
            }
        }
        assert_eq!(pairs, 49);
        let finals: Vec<_> = FundStatus::ALL.into_iter().filter(|s| s.is_final()).collect();
        assert_eq!(finals, [Refused, Paid, Lapsed]);
    }

    #[test]
    fn status_and_signer_words_round_trip() {
        for s in FundStatus::ALL {
            assert_eq!(FundStatus::parse(s.as_str()), Some(s));
        }
        let words: Vec<_> = FundStatus::ALL.into_iter().map(FundStatus::as_str).collect();
        assert_eq!(words, ["draft", "signed", "submitted", "granted", "refused", "paid", "lapsed"]);
        assert_eq!(FundStatus::parse("Draft"), None);
        assert_eq!(FundStatus::parse(""), None);
        for s in Signer::ALL {
            assert_eq!(Signer::parse(s.as_str()), Some(s));
        }
        let words: Vec<_> = Signer::ALL.into_iter().map(Signer::as_str).collect();
        assert_eq!(words, ["employee", "leader", "union"]);
        assert_eq!(Signer::parse("tr"), None);
    }

    #[test]
    fn error_keys() {
        let d = date!(2027 - 01 - 01);
        let all = [
            (FundError::NoRules, "err-fund-no-rules"),
            (FundError::AfterStart, "err-fund-after-start"),
            (FundError::TooEarly { earliest: d }, "err-fund-too-early"),
            (FundError::PriceNotPositive, "err-fund-price"),
            (FundError::EndBeforeStart, "err-fund-period"),
            (FundError::GroupTooSmallForPreApproval { min: 5 }, "err-fund-group-small"),
            (FundError::SignatureLate { deadline: d }, "err-fund-signature-late"),
            (FundError::Move { from: FundStatus::Paid, to: FundStatus::Draft }, "err-fund-move"),
        ];
        for (e, key) in all {
            assert_eq!(e.key(), key);
            assert!(!e.to_string().is_empty());
        }
        assert_eq!(
            FundError::TooEarly { earliest: d }.to_string(),
            "too early to apply; the earliest day is 2027-01-01"
        );
    }

    #[test]
    fn rule_book_picks_the_newest_rules_in_force() {
        let old = rules();
        let new = FundRules { valid_from: date!(2027 - 04 - 01), cap: 35_000, ..old };
        // Out of order on purpose: the book does not rely on sorting.
        let book = RuleBook(vec![new, old]);
        assert_eq!(book.on(date!(2023 - 12 - 31)), None);
        assert_eq!(book.require(date!(2023 - 12 - 31)), Err(FundError::NoRules));
        assert_eq!(book.on(date!(2024 - 01 - 01)), Some(&old));
        assert_eq!(book.on(date!(2027 - 03 - 31)), Some(&old));
        assert_eq!(book.on(date!(2027 - 04 - 01)), Some(&new));
        assert_eq!(book.require(date!(2030 - 01 - 01)), Ok(&new));

        let start = date!(2027 - 05 - 01);
        let s = split(book.on(start).unwrap(), 100_000, false, start, &[]);
        assert_eq!((s.cap_left_before, s.fund, s.workplace, s.capped), (35_000, 35_000, 65_000, true));
        assert_eq!(RuleBook(vec![]).on(start), None);
    }

    #[test]
    fn add_months_clamps_the_day() {
        assert_eq!(add_months(date!(2027 - 01 - 31), 1), date!(2027 - 02 - 28));
        assert_eq!(add_months(date!(2028 - 01 - 31), 1), date!(2028 - 02 - 29));
        assert_eq!(add_months(date!(2027 - 03 - 31), 1), date!(2027 - 04 - 30));
        assert_eq!(add_months(date!(2027 - 05 - 15), 0), date!(2027 - 05 - 15));
        assert_eq!(add_months(date!(2027 - 12 - 15), 1), date!(2028 - 01 - 15));
        assert_eq!(add_months(date!(2027 - 05 - 01), 12), date!(2028 - 05 - 01));
        assert_eq!(add_months(date!(2027 - 12 - 31), 14), date!(2029 - 02 - 28));
    }

    #[test]
    fn add_months_goes_back_across_years() {
        assert_eq!(add_months(date!(2027 - 03 - 15), -9), date!(2026 - 06 - 15));
        assert_eq!(add_months(date!(2027 - 01 - 01), -1), date!(2026 - 12 - 01));
        assert_eq!(add_months(date!(2027 - 11 - 30), -9), date!(2027 - 02 - 28));
        assert_eq!(add_months(date!(2028 - 12 - 31), -10), date!(2028 - 02 - 29));
        assert_eq!(add_months(date!(2027 - 05 - 01), -12), date!(2026 - 05 - 01));
        assert_eq!(add_months(date!(2027 - 05 - 31), -27), date!(2025 - 02 - 28));
    }

    #[test]
    fn add_months_saturates_at_the_ends() {
        assert_eq!(add_months(date!(2027 - 05 - 01), i32::MAX), Date::MAX);
        assert_eq!(add_months(date!(2027 - 05 - 01), i32::MIN), Date::MIN);
        // Huge windows in the rules do not panic.
        let r = FundRules { window_months: u32::MAX, earliest_months_before: u32::MAX, ..rules() };
        let start = date!(2027 - 05 - 01);
        assert_eq!(split(&r, 1_000, false, start, &[grant(date!(2000 - 01 - 01), 1_000)]).cap_left_before, 29_000);
        assert_eq!(check_application(&r, date!(2000 - 01 - 01), start, start, 1_000, 1, false), Ok(()));
    }

    #[test]
    fn dates_parse_and_format_as_stored() {
        assert_eq!(parse_date("2027-02-19"), Some(date!(2027 - 02 - 19)));
        assert_eq!(parse_date(" 2028-02-29 "), Some(date!(2028 - 02 - 29)));
        for bad in [
            "",
            "2027-2-19",
            "2027-02-30",
            "2027-13-01",
            "2027-00-10",
            "2027/02/19",
            "20270219",
            "2027-02-1x",
            "+027-02-19",
            "2027-02-190",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
        assert_eq!(fmt_date(date!(2027 - 02 - 09)), "2027-02-09");
        let d = date!(2028 - 02 - 29);
        assert_eq!(parse_date(&fmt_date(d)), Some(d));
    }
}
