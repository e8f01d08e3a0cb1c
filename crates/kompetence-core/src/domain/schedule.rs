//! Teaching days in Danish local time, and the clashes between them.
//!
//! Days are kept as a local date with local start and end times in Europe/Copenhagen (that
//! is how people plan them); conversion to UTC is needed only to know "today", done with
//! the EU summer-time rule below.
use serde::Serialize;
use time::{Date, Month, OffsetDateTime, Time, UtcOffset, Weekday};

use super::{ShortText, ValidationError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    Teaching,
    Workshop,
    FocusGroup,
    Exam,
}

impl DayKind {
    pub const ALL: [DayKind; 4] = [DayKind::Teaching, DayKind::Workshop, DayKind::FocusGroup, DayKind::Exam];
    pub fn parse(field: &'static str, s: &str) -> Result<Self, ValidationError> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or(ValidationError::new(field, "err-day-kind"))
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Teaching => "teaching",
            Self::Workshop => "workshop",
            Self::FocusGroup => "focus_group",
            Self::Exam => "exam",
        }
    }
}

const DATE: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");
const HM: &[time::format_description::FormatItem<'static>] = time::macros::format_description!("[hour]:[minute]");

pub fn parse_date(field: &'static str, s: &str) -> Result<Date, ValidationError> {
    Date::parse(s.trim(), DATE).map_err(|_| ValidationError::new(field, "err-date"))
}

pub fn parse_time(field: &'static str, s: &str) -> Result<Time, ValidationError> {
    Time::parse(s.trim(), HM).map_err(|_| ValidationError::new(field, "err-time"))
}

pub fn fmt_date(d: Date) -> String {
    d.format(DATE).expect("formattable")
}

pub fn fmt_time(t: Time) -> String {
    t.format(HM).expect("formattable")
}

/// A teaching day as validated from input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    pub date: Date,
    pub starts: Time,
    pub ends: Time,
    pub kind: DayKind,
    pub title: Option<ShortText>,
    pub room: Option<ShortText>,
    pub prepare: Option<String>,
}

/// Raw fields of a teaching day.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize, utoipa::ToSchema)]
pub struct DayInput {
    /// YYYY-MM-DD
    pub date: String,
    /// HH:MM, Danish local time
    pub starts_at: String,
    /// HH:MM, Danish local time
    pub ends_at: String,
    /// teaching, workshop, focus_group or exam
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub room: String,
    #[serde(default)]
    pub prepare: String,
}

impl DayInput {
    /// Validates the day and that it falls within the cohort's period.
    pub fn validate(&self, period: (Date, Date)) -> Result<DayPlan, Vec<ValidationError>> {
        let mut errs = vec![];
        let date = parse_date("date", &self.date).map_err(|e| errs.push(e)).ok();
        let starts = parse_time("starts_at", &self.starts_at).map_err(|e| errs.push(e)).ok();
        let ends = parse_time("ends_at", &self.ends_at).map_err(|e| errs.push(e)).ok();
        let kind = DayKind::parse("kind", &self.kind).map_err(|e| errs.push(e)).ok();
        let title = ShortText::parse_optional("title", &self.title, 200).map_err(|e| errs.push(e)).ok();
        let room = ShortText::parse_optional("room", &self.room, 200).map_err(|e| errs.push(e)).ok();
        if let (Some(s), Some(e)) = (starts, ends)
            && e <= s
        {
            errs.push(ValidationError::new("ends_at", "err-day-ends-before-start"));
        }
        if let Some(d) = date
            && (d < period.0 || d > period.1)
        {
            errs.push(ValidationError::new("date", "err-day-outside-period"));
        }
        if self.prepare.chars().count() > 4000 {
            errs.push(ValidationError::new("prepare", "err-too-long"));
        }
        match (date, starts, ends, kind, title, room) {
            (Some(date), Some(starts), Some(ends), Some(kind), Some(title), Some(room)) if errs.is_empty() => {
                let prepare = Some(self.prepare.trim().to_string()).filter(|p| !p.is_empty());
                Ok(DayPlan { date, starts, ends, kind, title, room, prepare })
            }
            _ => Err(errs),
        }
    }
}

/// A booked stretch of someone's time, for clash detection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slot {
    pub day_id: super::DayId,
    pub date: Date,
    pub starts: Time,
    pub ends: Time,
    pub label: String,
}

/// Pairs of slots that overlap in time (touching end-to-start is not a clash).
pub fn clashes(slots: &[Slot]) -> Vec<(Slot, Slot)> {
    let mut sorted: Vec<&Slot> = slots.iter().collect();
    sorted.sort_by_key(|s| (s.date, s.starts, s.day_id));
    let mut out = vec![];
    for (i, a) in sorted.iter().enumerate() {
        for b in &sorted[i + 1..] {
            if b.date != a.date || b.starts >= a.ends {
                break;
            }
            if a.day_id != b.day_id {
                out.push(((*a).clone(), (*b).clone()));
            }
        }
    }
    out
}

fn last_sunday(year: i32, month: Month) -> Date {
    let mut d = Date::from_calendar_date(year, month, month.length(year)).expect("valid");
    while d.weekday() != Weekday::Sunday {
        d = d.previous_day().expect("in range");
    }
    d
}

/// Denmark's offset from UTC at an instant: +02:00 from 01:00 UTC on the last Sunday of
/// March until 01:00 UTC on the last Sunday of October, else +01:00.
pub fn copenhagen_offset(at: OffsetDateTime) -> UtcOffset {
    let utc = at.to_offset(UtcOffset::UTC);
    let y = utc.year();
    let one = Time::from_hms(1, 0, 0).expect("valid");
    let summer_from = last_sunday(y, Month::March).with_time(one).assume_utc();
    let summer_to = last_sunday(y, Month::October).with_time(one).assume_utc();
    let hours = if utc >= summer_from && utc < summer_to { 2 } else { 1 };
    UtcOffset::from_hms(hours, 0, 0).expect("valid")
}

/// Today's date in Denmark.
pub fn copenhagen_today(now: OffsetDateTime) -> Date {
    now.to_offset(copenhagen_offset(now)).date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime, time};

    fn slot(id: i64, d: Date, s: Time, e: Time) -> Slot {
        Slot { day_id: crate::domain::DayId(id), date: d, starts: s, ends: e, label: format!("#{id}") }
    }

    #[test]
    fn overlapping_days_clash_and_touching_days_do_not() {
        let d = date!(2026 - 10 - 25);
        let slots = [
            slot(1, d, time!(9:00), time!(15:00)),
            slot(2, d, time!(14:00), time!(16:00)),
            slot(3, d, time!(16:00), time!(17:00)),
            slot(4, date!(2026 - 10 - 26), time!(9:00), time!(15:00)),
        ];
        let c = clashes(&slots);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].0.day_id.0, c[0].1.day_id.0), (1, 2));
    }

    #[test]
    fn a_day_must_end_after_it_starts_and_lie_in_the_period() {
        let period = (date!(2026 - 09 - 01), date!(2026 - 12 - 31));
        let ok = DayInput {
            date: "2026-10-25".into(),
            starts_at: "09:00".into(),
            ends_at: "15:30".into(),
            kind: "teaching".into(),
            ..Default::default()
        };
        assert_eq!(ok.validate(period).unwrap().ends, time!(15:30));
        let backwards = DayInput { ends_at: "08:00".into(), ..ok.clone() };
        assert_eq!(backwards.validate(period).unwrap_err()[0].key, "err-day-ends-before-start");
        let outside = DayInput { date: "2027-01-05".into(), ..ok.clone() };
        assert_eq!(outside.validate(period).unwrap_err()[0].key, "err-day-outside-period");
        let junk = DayInput { date: "25/10".into(), starts_at: "9".into(), kind: "fest".into(), ..ok };
        let keys: Vec<_> = junk.validate(period).unwrap_err().iter().map(|e| e.key).collect();
        assert_eq!(keys, ["err-date", "err-time", "err-day-kind"]);
    }

    #[test]
    fn copenhagen_switches_at_one_utc_on_the_last_sundays_of_march_and_october() {
        assert_eq!(copenhagen_offset(datetime!(2026-03-29 00:59 UTC)).whole_hours(), 1);
        assert_eq!(copenhagen_offset(datetime!(2026-03-29 01:00 UTC)).whole_hours(), 2);
        assert_eq!(copenhagen_offset(datetime!(2026-10-25 00:59 UTC)).whole_hours(), 2);
        assert_eq!(copenhagen_offset(datetime!(2026-10-25 01:00 UTC)).whole_hours(), 1);
        assert_eq!(copenhagen_today(datetime!(2026-06-30 22:30 UTC)), date!(2026 - 07 - 01));
    }
}
