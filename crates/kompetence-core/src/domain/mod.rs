//! Validated domain types and rules. Pure: no HTTP, no SQL.
mod ids;
mod input;
mod locale;
mod password;
mod role;
mod secret;

pub use ids::{EmployeeId, OrgId, TokenId, UserId};
pub use input::{Email, PersonName, ShortText, ValidationError};
pub use locale::Locale;
pub use password::{PasswordHash, hash_password, verify_password};
pub use role::{OrgKind, Role};
pub use secret::{Secret, hash_secret};
