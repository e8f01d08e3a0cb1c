//! Learning between teaching days: home assignments (hand-in, late marking, feedback),
//! attendance, and the exam access rules they feed.
use serde::{Deserialize, Serialize};

use super::schedule::{fmt_date, fmt_time, parse_date, parse_time};
use super::text::word_enum;
use super::{ShortText, ValidationError};

/// Raw fields of a new home assignment.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AssignmentInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// YYYY-MM-DD, Danish local date
    pub due_date: String,
    /// HH:MM, Danish local time
    pub due_time: String,
    /// Counts toward the module's compulsory-assignment rule (exam access).
    #[serde(default, deserialize_with = "super::serde_util::checkbox")]
    #[schema(value_type = bool)]
    pub compulsory: Option<String>,
    /// Late hand-ins are refused (otherwise accepted and marked late).
    #[serde(default, deserialize_with = "super::serde_util::checkbox")]
    #[schema(value_type = bool)]
    pub closed_after_due: Option<String>,
}

pub struct ValidAssignment {
    pub title: String,
    pub description: String,
    /// 'YYYY-MM-DD HH:MM' local
    pub due_at: String,
    pub compulsory: bool,
    pub closed_after_due: bool,
}

impl AssignmentInput {
    pub fn validate(&self) -> Result<ValidAssignment, Vec<ValidationError>> {
        let mut errs = vec![];
        let title = ShortText::parse_required("title", &self.title, 200).map_err(|e| errs.push(e)).ok();
        if self.description.chars().count() > 20_000 {
            errs.push(ValidationError::new("description", "err-too-long"));
        }
        let date = parse_date("due_date", &self.due_date).map_err(|e| errs.push(e)).ok();
        let time = parse_time("due_time", &self.due_time).map_err(|e| errs.push(e)).ok();
        match (title, date, time) {
            (Some(title), Some(d), Some(t)) if errs.is_empty() => Ok(ValidAssignment {
                title: title.as_str().to_string(),
                description: self.description.trim().to_string(),
                due_at: format!("{} {}", fmt_date(d), fmt_time(t)),
                compulsory: self.compulsory.is_some(),
                closed_after_due: self.closed_after_due.is_some(),
            }),
            _ => Err(errs),
        }
    }
}

word_enum! {
    /// Where a hand-in stands: handed in, or the teacher's verdict on it.
    pub enum SubmissionStatus("err-verdict") {
        Submitted = "submitted",
        Approved = "approved",
        NotApproved = "not_approved",
    }
}

/// What an evaluation is of: one teaching day, or the cohort as a whole. Written
/// `day:<teaching day id>` or `cohort` in the database, forms and JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvaluationScope {
    Cohort,
    Day(super::DayId),
}

impl std::str::FromStr for EvaluationScope {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, ValidationError> {
        match s {
            "cohort" => Ok(Self::Cohort),
            _ => s
                .strip_prefix("day:")
                .and_then(|d| d.parse::<i64>().ok())
                .filter(|d| *d > 0)
                .map(|d| Self::Day(super::DayId(d)))
                .ok_or(ValidationError::new("scope", "err-eval-scope")),
        }
    }
}

impl std::fmt::Display for EvaluationScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Cohort => f.write_str("cohort"),
            Self::Day(d) => write!(f, "day:{}", d.0),
        }
    }
}

impl Serialize for EvaluationScope {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EvaluationScope {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(|_| serde::de::Error::custom("expected 'cohort' or 'day:<teaching day id>'"))
    }
}

/// A teacher's verdict on a hand-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Approved,
    NotApproved,
}

impl Verdict {
    pub fn parse(field: &'static str, s: &str) -> Result<Self, ValidationError> {
        match s {
            "approved" => Ok(Self::Approved),
            "not_approved" => Ok(Self::NotApproved),
            _ => Err(ValidationError::new(field, "err-verdict")),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approved => "approved",
            Self::NotApproved => "not_approved",
        }
    }
}

/// Attendance on one teaching day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Present,
    Absent,
    /// Absent with notice (meldt afbud).
    AbsentNotice,
}

impl Presence {
    pub const ALL: [Presence; 3] = [Presence::Present, Presence::Absent, Presence::AbsentNotice];
    pub fn parse(field: &'static str, s: &str) -> Result<Self, ValidationError> {
        Self::ALL.into_iter().find(|p| p.as_str() == s).ok_or(ValidationError::new(field, "err-presence"))
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Present => "present",
            Self::Absent => "absent",
            Self::AbsentNotice => "absent_notice",
        }
    }
}

/// Whether a hand-in at `now` (local 'YYYY-MM-DD HH:MM') is on time, late, or refused.
pub fn hand_in_timing(due_at: &str, closed_after_due: bool, now: &str) -> Result<bool, ValidationError> {
    let late = now > due_at;
    if late && closed_after_due {
        return Err(ValidationError::new("text", "err-assignment-closed"));
    }
    Ok(late)
}

/// Attendance in whole per cent of the days recorded; None before any day is recorded.
pub fn attendance_pct(present: u32, recorded: u32) -> Option<u32> {
    (recorded > 0).then(|| present * 100 / recorded)
}

/// What a participant has done towards the exam's access rules.
#[derive(Debug, Clone, Copy, Default)]
pub struct AccessFacts {
    pub compulsory: u32,
    pub compulsory_approved: u32,
    pub days_present: u32,
    pub days_recorded: u32,
}

/// The exam's access rules (stored with the exam) against what the participant has done.
/// Errors carry the message key of the first rule not met.
pub fn check_exam_access(
    require_assignments: bool,
    min_attendance_pct: Option<u32>,
    f: AccessFacts,
) -> Result<(), ValidationError> {
    if require_assignments && f.compulsory_approved < f.compulsory {
        return Err(ValidationError::new("text", "err-access-assignments"));
    }
    if let Some(min) = min_attendance_pct {
        // Days not yet recorded do not count against the participant.
        let pct = attendance_pct(f.days_present, f.days_recorded).unwrap_or(100);
        if pct < min {
            return Err(ValidationError::new("text", "err-access-attendance"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_in_after_the_deadline_is_late_or_refused_when_closed() {
        assert_eq!(hand_in_timing("2030-03-01 12:00", false, "2030-03-01 11:59"), Ok(false));
        assert_eq!(hand_in_timing("2030-03-01 12:00", false, "2030-03-01 12:01"), Ok(true));
        assert_eq!(
            hand_in_timing("2030-03-01 12:00", true, "2030-03-02 08:00").unwrap_err().key,
            "err-assignment-closed"
        );
    }

    #[test]
    fn exam_access_needs_every_compulsory_assignment_approved_and_enough_attendance() {
        let done = AccessFacts { compulsory: 2, compulsory_approved: 2, days_present: 4, days_recorded: 5 };
        assert!(check_exam_access(true, Some(80), done).is_ok());
        let one_missing = AccessFacts { compulsory_approved: 1, ..done };
        assert_eq!(check_exam_access(true, None, one_missing).unwrap_err().key, "err-access-assignments");
        assert!(check_exam_access(false, None, one_missing).is_ok());
        let absent = AccessFacts { days_present: 3, ..done };
        assert_eq!(check_exam_access(true, Some(80), absent).unwrap_err().key, "err-access-attendance");
        // Nothing recorded yet: not held against anyone.
        let nothing = AccessFacts { days_present: 0, days_recorded: 0, ..done };
        assert!(check_exam_access(true, Some(80), nothing).is_ok());
    }

    #[test]
    fn an_assignment_needs_a_title_and_a_valid_deadline() {
        let bad = AssignmentInput {
            title: " ".into(),
            due_date: "2030-02-30".into(),
            due_time: "25:00".into(),
            ..Default::default()
        };
        let fields: Vec<_> = bad.validate().err().unwrap().iter().map(|e| e.field.clone()).collect();
        assert_eq!(fields, ["title", "due_date", "due_time"]);
        let ok = AssignmentInput {
            title: "Kortlæg en arbejdsgang".into(),
            due_date: "2030-02-28".into(),
            due_time: "09:00".into(),
            compulsory: Some("1".into()),
            ..Default::default()
        };
        let v = ok.validate().ok().unwrap();
        assert_eq!(v.due_at, "2030-02-28 09:00");
        assert!(v.compulsory && !v.closed_after_due);
    }
}

/// Raw fields of an action (aktion): the plan, then what was seen and the reflection.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ActionInput {
    pub title: String,
    /// What will be done in one's own workplace.
    #[serde(default)]
    pub what: String,
    /// Why: what one wants to learn or change.
    #[serde(default)]
    pub why: String,
    /// With whom (colleagues, leader, citizens …).
    #[serde(default)]
    pub with_whom: String,
    /// YYYY-MM-DD: when it is carried out.
    #[serde(default)]
    pub planned_for: String,
    #[serde(default)]
    pub observations: String,
    #[serde(default)]
    pub reflection: String,
    #[serde(default, deserialize_with = "super::serde_util::checkbox")]
    #[schema(value_type = bool)]
    pub shared_with_group: Option<String>,
    #[serde(default, deserialize_with = "super::serde_util::checkbox")]
    #[schema(value_type = bool)]
    pub shared_with_leader: Option<String>,
}

pub struct ValidAction {
    pub title: String,
    pub what: String,
    pub why: String,
    pub with_whom: String,
    pub planned_for: String,
    pub observations: String,
    pub reflection: String,
    pub shared_with_group: bool,
    pub shared_with_leader: bool,
}

impl ActionInput {
    /// An action needs its plan: a title, what, why, with whom and when.
    pub fn validate(&self) -> Result<ValidAction, Vec<ValidationError>> {
        let mut errs = vec![];
        let title = ShortText::parse_required("title", &self.title, 200).map_err(|e| errs.push(e)).ok();
        for (field, value) in [("what", &self.what), ("why", &self.why), ("with_whom", &self.with_whom)] {
            if value.trim().is_empty() {
                errs.push(ValidationError::new(field, "err-action-plan"));
            }
        }
        let date = parse_date("planned_for", &self.planned_for).map_err(|e| errs.push(e)).ok();
        for (field, value) in [("observations", &self.observations), ("reflection", &self.reflection)] {
            if value.chars().count() > 20_000 {
                errs.push(ValidationError::new(field, "err-too-long"));
            }
        }
        match (title, date) {
            (Some(title), Some(d)) if errs.is_empty() => Ok(ValidAction {
                title: title.as_str().to_string(),
                what: self.what.trim().to_string(),
                why: self.why.trim().to_string(),
                with_whom: self.with_whom.trim().to_string(),
                planned_for: fmt_date(d),
                observations: self.observations.trim().to_string(),
                reflection: self.reflection.trim().to_string(),
                shared_with_group: self.shared_with_group.is_some(),
                shared_with_leader: self.shared_with_leader.is_some(),
            }),
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod action_tests {
    use super::*;

    #[test]
    fn an_action_without_a_plan_is_refused_field_by_field() {
        let a = ActionInput { title: "Ny bilagsgang".into(), planned_for: "2030-02-01".into(), ..Default::default() };
        let errors = a.validate().err().unwrap();
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_ref(), e.key)).collect();
        assert_eq!(fields, [("what", "err-action-plan"), ("why", "err-action-plan"), ("with_whom", "err-action-plan")]);
        let planned = ActionInput {
            what: "Kortlæg bilagsgangen".into(),
            why: "For at finde spild".into(),
            with_whom: "To kolleger".into(),
            shared_with_group: Some("1".into()),
            ..a
        };
        let v = planned.validate().ok().unwrap();
        assert!(v.shared_with_group && !v.shared_with_leader);
        assert_eq!(v.planned_for, "2030-02-01");
    }
}

/// Results of an evaluation are shown only when at least this many have answered, so no
/// single answer can be traced to a participant.
pub const EVALUATION_MIN_ANSWERS: usize = 5;

/// The three 1–5 questions of every evaluation, in order (message keys `eval-q-<name>`).
pub const EVALUATION_QUESTIONS: [&str; 3] = ["benefit", "relevance", "teaching"];

/// Raw fields of an evaluation answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EvaluationInput {
    #[serde(default, deserialize_with = "super::serde_util::string_or_number")]
    #[schema(value_type = i64)]
    pub benefit: String,
    #[serde(default, deserialize_with = "super::serde_util::string_or_number")]
    #[schema(value_type = i64)]
    pub relevance: String,
    #[serde(default, deserialize_with = "super::serde_util::string_or_number")]
    #[schema(value_type = i64)]
    pub teaching: String,
    #[serde(default)]
    pub comment: String,
}

impl EvaluationInput {
    /// Each scale answer 1–5; the comment at most 5,000 characters.
    pub fn validate(&self) -> Result<([i64; 3], String), Vec<ValidationError>> {
        let mut errs = vec![];
        let mut scores = [0i64; 3];
        for (i, (field, raw)) in
            [("benefit", &self.benefit), ("relevance", &self.relevance), ("teaching", &self.teaching)]
                .into_iter()
                .enumerate()
        {
            match raw.trim().parse::<i64>() {
                Ok(n) if (1..=5).contains(&n) => scores[i] = n,
                _ => errs.push(ValidationError::new(field, "err-scale-1-5")),
            }
        }
        if self.comment.chars().count() > 5_000 {
            errs.push(ValidationError::new("comment", "err-too-long"));
        }
        if errs.is_empty() { Ok((scores, self.comment.trim().to_string())) } else { Err(errs) }
    }
}

#[cfg(test)]
mod evaluation_tests {
    use super::*;

    #[test]
    fn every_scale_answer_must_be_between_one_and_five() {
        let e = EvaluationInput {
            benefit: "0".into(),
            relevance: "6".into(),
            teaching: "x".into(),
            comment: String::new(),
        };
        let fields: Vec<_> = e.validate().err().unwrap().iter().map(|e| e.field.clone()).collect();
        assert_eq!(fields, ["benefit", "relevance", "teaching"]);
        let ok = EvaluationInput {
            benefit: "5".into(),
            relevance: "1".into(),
            teaching: "3".into(),
            comment: " Godt ".into(),
        };
        assert_eq!(ok.validate().ok().unwrap(), ([5, 1, 3], "Godt".to_string()));
    }
}
