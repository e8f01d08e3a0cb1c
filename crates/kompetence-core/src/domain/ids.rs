//! Typed ids: a municipality's id can't be passed where a cohort's is expected.
//!
//! Each id is an `i64` underneath. It parses from a path segment (`FromStr`), travels as a
//! plain integer in JSON and in the OpenAPI document, and binds and decodes in SQL as the
//! integer it is (`sqlx(transparent)`), so row structs and queries carry the type itself.
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$m:meta])* $name:ident),* $(,)?) => {$(
        $(#[$m])*
        #[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type)]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(pub i64);
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { self.0.fmt(f) }
        }
        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> { s.parse().map($name) }
        }
        impl From<i64> for $name {
            fn from(v: i64) -> Self { $name(v) }
        }
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                <i64 as utoipa::PartialSchema>::schema()
            }
        }
        impl utoipa::ToSchema for $name {}
    )*};
}
id_type!(
    OrgId,
    UserId,
    EmployeeId,
    /// A department or team in a municipality's organisation tree.
    UnitId,
    TargetGroupId,
    WavePlanId,
    TokenId,
    ProgrammeId,
    ModuleId,
    SpecialisationId,
    CohortId,
    DayId,
    EnrolmentId,
    ExamId,
    /// One attempt of one enrolment at one exam (the first, or a re-exam).
    AttemptId,
    AssignmentId,
    SubmissionId,
    MaterialId,
    FileId,
    CertificateId,
    CreditId,
    TransferId,
    ActionId,
    CommentId,
    GroupId,
    InstrumentId,
    ProfileId,
);
