//! Exam set-up: its form (and the weights of a combined exam), the hand-in deadline, the
//! exam date and the access rules.
use serde::{Deserialize, Serialize};

use super::ValidationError;
use super::schedule::{fmt_date, fmt_time, parse_date, parse_time};
use super::serde_util::string_or_number;
use super::text::word_enum;

word_enum! {
    /// Where one participant's attempt at an exam stands.
    pub enum AttemptStatus("err-attempt-status") {
        Registered = "registered",
        HandedIn = "handed_in",
        Graded = "graded",
        Absent = "absent",
    }
}

impl AttemptStatus {
    /// Still to be graded (registered or handed in).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Registered | Self::HandedIn)
    }
}

word_enum! {
    /// The part of an exam a grade is for: the whole, or the project or the oral of a
    /// combined exam.
    pub enum GradePart("err-grade-part") {
        Whole = "whole",
        Project = "project",
        Oral = "oral",
    }
}

word_enum! {
    /// In which capacity a grade was given.
    pub enum GraderRole("err-grader-role") {
        Examiner = "examiner",
        Censor = "censor",
    }
}

word_enum! {
    /// Who assesses a module's exam besides the examiner: the provider's own (internal)
    /// or an external examiner from the national corps (external).
    pub enum Censorship("err-censor-type") {
        Internal = "internal",
        External = "external",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExamForm {
    WrittenProject,
    Oral,
    /// A written project and an oral exam, weighted, both to be passed.
    ProjectOral,
}

impl ExamForm {
    pub const ALL: [ExamForm; 3] = [ExamForm::WrittenProject, ExamForm::Oral, ExamForm::ProjectOral];
    pub fn parse(field: &'static str, s: &str) -> Result<Self, ValidationError> {
        Self::ALL.into_iter().find(|f| f.as_str() == s).ok_or(ValidationError::new(field, "err-exam-form"))
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WrittenProject => "written_project",
            Self::Oral => "oral",
            Self::ProjectOral => "project_oral",
        }
    }
    /// The parts each grader grades.
    pub fn parts(self) -> &'static [GradePart] {
        match self {
            Self::ProjectOral => &[GradePart::Project, GradePart::Oral],
            _ => &[GradePart::Whole],
        }
    }
    /// Whether participants hand something in.
    pub fn has_handin(self) -> bool {
        !matches!(self, Self::Oral)
    }
}

/// Raw fields of an exam set-up.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExamInput {
    /// written_project, oral or project_oral
    pub form: String,
    /// Weight of the project in a project_oral exam (e.g. 2 of 3).
    #[serde(deserialize_with = "string_or_number", default)]
    #[schema(value_type = i64)]
    pub project_weight: String,
    /// Weight of the oral in a project_oral exam (e.g. 1 of 3).
    #[serde(deserialize_with = "string_or_number", default)]
    #[schema(value_type = i64)]
    pub oral_weight: String,
    /// YYYY-MM-DD
    pub handin_date: String,
    /// HH:MM, Danish local time
    pub handin_time: String,
    /// YYYY-MM-DD
    pub exam_date: String,
    /// Compulsory assignments must be approved before the exam.
    #[serde(default)]
    pub require_assignments: Option<String>,
    /// Minimum attendance in percent, if any.
    #[serde(deserialize_with = "string_or_number", default)]
    #[schema(value_type = Option<i64>)]
    pub min_attendance_pct: String,
    /// Examiners (teachers of the provider), comma-separated e-mails.
    #[serde(default)]
    pub examiners: String,
    /// The external examiner's e-mail (required when the module demands external censor).
    #[serde(default)]
    pub censor: String,
}

/// A validated exam set-up (people are resolved by the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExamPlan {
    pub form: ExamForm,
    pub weights: (u32, u32),
    /// 'YYYY-MM-DD HH:MM'
    pub handin_deadline: String,
    pub exam_date: String,
    pub require_assignments: bool,
    pub min_attendance_pct: Option<u32>,
}

impl ExamInput {
    pub fn validate(&self) -> Result<ExamPlan, Vec<ValidationError>> {
        let mut errs = vec![];
        let form = ExamForm::parse("form", &self.form).map_err(|e| errs.push(e)).ok();
        let date = parse_date("handin_date", &self.handin_date).map_err(|e| errs.push(e)).ok();
        let time = parse_time("handin_time", &self.handin_time).map_err(|e| errs.push(e)).ok();
        let exam_date = parse_date("exam_date", &self.exam_date).map_err(|e| errs.push(e)).ok();
        let weight = |field: &'static str, s: &str, errs: &mut Vec<ValidationError>| match s.trim() {
            "" => Some(0),
            t => match t.parse::<u32>() {
                Ok(n @ 0..=10) => Some(n),
                _ => {
                    errs.push(ValidationError::new(field, "err-weight"));
                    None
                }
            },
        };
        let pw = weight("project_weight", &self.project_weight, &mut errs);
        let ow = weight("oral_weight", &self.oral_weight, &mut errs);
        let weights = match (form, pw, ow) {
            (Some(ExamForm::ProjectOral), Some(p), Some(o)) if p == 0 || o == 0 => {
                errs.push(ValidationError::new("project_weight", "err-weight"));
                None
            }
            (Some(ExamForm::ProjectOral), Some(p), Some(o)) => Some((p, o)),
            (Some(_), _, _) => Some((1, 0)),
            _ => None,
        };
        let min_attendance_pct = match self.min_attendance_pct.trim() {
            "" => Some(None),
            t => match t.parse::<u32>() {
                Ok(n @ 0..=100) => Some(Some(n)),
                _ => {
                    errs.push(ValidationError::new("min_attendance_pct", "err-percent"));
                    None
                }
            },
        };
        if let (Some(d), Some(e)) = (date, exam_date)
            && e < d
        {
            errs.push(ValidationError::new("exam_date", "err-exam-before-handin"));
        }
        match (form, date, time, exam_date, weights, min_attendance_pct) {
            (Some(form), Some(d), Some(t), Some(e), Some(weights), Some(min_attendance_pct)) if errs.is_empty() => {
                Ok(ExamPlan {
                    form,
                    weights,
                    handin_deadline: format!("{} {}", fmt_date(d), fmt_time(t)),
                    exam_date: fmt_date(e),
                    require_assignments: self.require_assignments.is_some(),
                    min_attendance_pct,
                })
            }
            _ => Err(errs),
        }
    }
}

/// Danish local "YYYY-MM-DD HH:MM" now, comparable with stored deadlines.
pub fn local_now() -> String {
    let now = time::OffsetDateTime::now_utc();
    let t = now.to_offset(super::schedule::copenhagen_offset(now));
    format!("{} {}", fmt_date(t.date()), fmt_time(t.time()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ExamInput {
        ExamInput {
            form: "project_oral".into(),
            project_weight: "2".into(),
            oral_weight: "1".into(),
            handin_date: "2027-01-14".into(),
            handin_time: "12:00".into(),
            exam_date: "2027-01-28".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_combined_exam_needs_two_weights() {
        let plan = input().validate().unwrap();
        assert_eq!((plan.weights, plan.handin_deadline.as_str()), ((2, 1), "2027-01-14 12:00"));
        let missing = ExamInput { oral_weight: "0".into(), ..input() };
        assert_eq!(missing.validate().unwrap_err()[0].key, "err-weight");
        let single = ExamInput { form: "written_project".into(), ..input() };
        assert_eq!(single.validate().unwrap().weights, (1, 0));
        assert_eq!(ExamForm::ProjectOral.parts(), ["project", "oral"]);
    }

    #[test]
    fn the_exam_cannot_come_before_the_hand_in() {
        let early = ExamInput { exam_date: "2027-01-01".into(), ..input() };
        assert_eq!(early.validate().unwrap_err()[0].key, "err-exam-before-handin");
        let junk = ExamInput { form: "quiz".into(), min_attendance_pct: "120".into(), ..input() };
        let keys: Vec<_> = junk.validate().unwrap_err().iter().map(|e| e.key).collect();
        assert!(keys.contains(&"err-exam-form") && keys.contains(&"err-percent"));
    }
}
