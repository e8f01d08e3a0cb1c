//! Enums that are text at the edges (database, forms, JSON, message keys): one macro gives
//! each the same conversions, from its `as_str`.

/// Implements `AsRef<str>`, `Display` and comparison with `&str` for enums with
/// `fn as_str(self) -> &'static str`, so templates can compare and translate them.
macro_rules! text_enum_impls {
    ($($ty:ty),* $(,)?) => {$(
        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    )*};
}

text_enum_impls!(
    super::EnrolmentState,
    super::exam::ExamForm,
    super::schedule::DayKind,
    super::ModuleRole,
    super::Structure,
    super::learning::Presence,
);

/// Declares an enum whose values are fixed words (the same in the database, forms and
/// JSON), with `ALL`, `parse` (a bad word is a [`super::ValidationError`] with the given
/// message key), `as_str` and the conversions of [`text_enum_impls`].
macro_rules! word_enum {
    ($(#[$m:meta])* pub enum $name:ident ($err:literal) { $($(#[$vm:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, utoipa::ToSchema)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $word)] $variant),+
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn parse(field: &'static str, s: &str) -> Result<Self, $crate::domain::ValidationError> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or($crate::domain::ValidationError::new(field, $err))
            }
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }
        $crate::domain::text::text_enum_impls!($name);
    };
}
pub(crate) use {text_enum_impls, word_enum};

#[cfg(test)]
mod tests {
    use crate::domain::DayId;
    use crate::domain::exam::{AttemptStatus, Censorship, GradePart};
    use crate::domain::learning::{EvaluationScope, SubmissionStatus};

    #[test]
    fn every_word_reads_back_as_itself_and_an_unknown_word_names_its_field() {
        for s in AttemptStatus::ALL {
            assert_eq!(AttemptStatus::parse("status", s.as_str()).unwrap(), *s);
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str(), "JSON uses the same word");
        }
        assert_eq!(SubmissionStatus::parse("s", "not_approved").unwrap(), SubmissionStatus::NotApproved);
        assert_eq!(GradePart::ALL.len(), 3);
        let e = Censorship::parse("censor", "External").unwrap_err();
        assert_eq!((&*e.field, e.key), ("censor", "err-censor-type"), "words are exact, not case-folded");
    }

    #[test]
    fn an_evaluation_scope_is_a_day_with_an_id_or_the_cohort() {
        assert_eq!("cohort".parse::<EvaluationScope>().unwrap(), EvaluationScope::Cohort);
        assert_eq!("day:17".parse::<EvaluationScope>().unwrap(), EvaluationScope::Day(DayId(17)));
        for bad in ["day:", "day:0", "day:-3", "day:x", "Cohort", "day:17 "] {
            assert!(bad.parse::<EvaluationScope>().is_err(), "{bad:?} refused");
        }
        assert_eq!(EvaluationScope::Day(DayId(17)).to_string(), "day:17");
        assert_eq!(serde_json::to_value(EvaluationScope::Cohort).unwrap(), "cohort");
        let back: EvaluationScope = serde_json::from_str("\"day:4\"").unwrap();
        assert_eq!(back, EvaluationScope::Day(DayId(4)));
        assert!(serde_json::from_str::<EvaluationScope>("\"week:4\"").is_err());
    }
}
