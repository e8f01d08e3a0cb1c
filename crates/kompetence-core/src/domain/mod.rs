//! Validated domain types and rules. Pure: no HTTP, no SQL.
mod ects;
mod enrolment;
pub mod exam;
pub mod fund;
mod grade;
mod ids;
mod input;
pub mod learning;
mod locale;
mod password;
pub mod profile;
mod programme;
mod role;
pub mod schedule;
mod secret;
pub mod serde_util;
pub mod staff_file;
pub mod staff_plain;
mod text;
pub mod upload;
pub mod waves;

pub use ects::{Ects, HoursPerEcts};
pub use enrolment::{EnrolmentState, place};
pub use grade::{
    DistributionRow, Grade, Rounding, Tenths, censor_rule, censor_rule_pass_fail, combined, distribution, percent,
    weighted_average,
};
pub use ids::{
    ActionId, AssignmentId, AttemptId, CertificateId, CohortId, CommentId, CreditId, DayId, EmployeeId, EnrolmentId,
    ExamId, FileId, GroupId, InstrumentId, MaterialId, ModuleId, OrgId, ProfileId, ProgrammeId, SpecialisationId,
    SubmissionId, TargetGroupId, TokenId, TransferId, UnitId, UserId, WavePlanId,
};
pub use input::{Email, PersonName, ShortText, ValidationError};
pub use locale::Locale;
pub use password::{
    PasswordHash, PasswordScratch, hash_admin_password, hash_password, verify_password, verify_password_in,
};
pub use programme::{ModuleRole, Structure, check_transfer};
pub use role::{OrgKind, Role};
pub use secret::{Secret, hash_secret};
