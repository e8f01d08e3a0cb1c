//! How domain types travel through SQL: booleans kept as 0/1 and statuses kept as text.
//!
//! Ids bind and decode as themselves (`sqlx(transparent)` in `domain/ids.rs`). Booleans are
//! BIGINT 0/1 in the schema (the one type both databases agree on through the `Any`
//! driver), so a row field that is a `bool` says `#[sqlx(try_from = "Flag")]`. Statuses are
//! text; `text_enum!` lets an enum bind and decode as its text, so a row field is the enum
//! and an unknown value in the database is an error, never a silent default.
use sqlx::any::{AnyTypeInfo, AnyValueRef};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Any, Decode, Encode, Type};

/// A BIGINT 0/1 column, decoded on its way into a `bool` row field.
#[derive(Debug, Clone, Copy)]
pub struct Flag(bool);

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }
    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Flag(<i64 as Decode<Any>>::decode(value)? != 0))
    }
}

impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0
    }
}

/// A nullable BIGINT 0/1 column (e.g. from a LEFT JOIN), decoded into an `Option<bool>`.
#[derive(Debug, Clone, Copy)]
pub struct MaybeFlag(Option<bool>);

impl Type<Any> for MaybeFlag {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }
    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for MaybeFlag {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        use sqlx::ValueRef;
        if value.is_null() {
            return Ok(MaybeFlag(None));
        }
        Ok(MaybeFlag(Some(<i64 as Decode<Any>>::decode(value)? != 0)))
    }
}

impl From<MaybeFlag> for Option<bool> {
    fn from(f: MaybeFlag) -> Option<bool> {
        f.0
    }
}

/// Lets a text-valued enum (with `as_str()`, and a parse given as `|s| -> Option<Self>`)
/// bind and decode as its text.
macro_rules! text_enum {
    ($($ty:ty => $parse:expr),* $(,)?) => {$(
        impl Type<Any> for $ty {
            fn type_info() -> AnyTypeInfo { <&str as Type<Any>>::type_info() }
            fn compatible(ty: &AnyTypeInfo) -> bool { <&str as Type<Any>>::compatible(ty) }
        }
        impl<'q> Encode<'q, Any> for $ty {
            fn encode_by_ref(&self, buf: &mut <Any as sqlx::Database>::ArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
                <&str as Encode<'q, Any>>::encode(self.as_str(), buf)
            }
        }
        impl<'r> Decode<'r, Any> for $ty {
            fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
                let s = <&str as Decode<Any>>::decode(value)?;
                let parse: fn(&str) -> Option<$ty> = $parse;
                parse(s).ok_or_else(|| format!("unknown {} {s:?} in the database", stringify!($ty)).into())
            }
        }
    )*};
}

use crate::domain::exam::{AttemptStatus, Censorship, ExamForm, GradePart, GraderRole};
use crate::domain::learning::{Presence, SubmissionStatus, Verdict};
use crate::domain::schedule::DayKind;
use crate::domain::{EnrolmentState, ModuleRole, OrgKind, Role, Structure};
text_enum!(
    EnrolmentState => EnrolmentState::parse,
    ExamForm => |s| ExamForm::parse("", s).ok(),
    Role => |s| Role::parse("", s).ok(),
    OrgKind => |s| OrgKind::parse("", s).ok(),
    Verdict => |s| Verdict::parse("", s).ok(),
    Presence => |s| Presence::parse("", s).ok(),
    DayKind => |s| DayKind::parse("", s).ok(),
    ModuleRole => |s| ModuleRole::parse("", s).ok(),
    Structure => |s| Structure::parse("", s).ok(),
    AttemptStatus => |s| AttemptStatus::parse("", s).ok(),
    GradePart => |s| GradePart::parse("", s).ok(),
    GraderRole => |s| GraderRole::parse("", s).ok(),
    Censorship => |s| Censorship::parse("", s).ok(),
    SubmissionStatus => |s| SubmissionStatus::parse("", s).ok(),
);

/// An evaluation's scope is stored as its text (`cohort`, `day:<id>`).
impl Type<Any> for crate::domain::learning::EvaluationScope {
    fn type_info() -> AnyTypeInfo {
        <&str as Type<Any>>::type_info()
    }
    fn compatible(ty: &AnyTypeInfo) -> bool {
        <&str as Type<Any>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Any> for crate::domain::learning::EvaluationScope {
    fn encode_by_ref(&self, buf: &mut <Any as sqlx::Database>::ArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
        <String as Encode<'q, Any>>::encode(self.to_string(), buf)
    }
}

impl<'r> Decode<'r, Any> for crate::domain::learning::EvaluationScope {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        let s = <&str as Decode<Any>>::decode(value)?;
        s.parse().map_err(|_| format!("unknown evaluation scope {s:?} in the database").into())
    }
}
