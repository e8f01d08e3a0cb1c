//! Roles a user holds in an organisation, the kind of organisation each belongs to, and
//! which of them administer their organisation.
use serde::{Deserialize, Serialize};

use super::ValidationError;

/// The two kinds of tenant. A provider runs programmes; a municipality sends its staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Provider,
    Municipality,
}

impl OrgKind {
    pub fn parse(field: &'static str, s: &str) -> Result<Self, ValidationError> {
        match s {
            "provider" => Ok(Self::Provider),
            "municipality" => Ok(Self::Municipality),
            _ => Err(ValidationError::new(field, "err-unknown-org-kind")),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Provider => "provider",
            Self::Municipality => "municipality",
        }
    }
}

/// A role a user holds in one organisation. One person can hold several roles in
/// several organisations (a teacher at a provider who is a participant elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    ProviderAdmin,
    Teacher,
    Censor,
    Hr,
    Leader,
    Participant,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::ProviderAdmin, Role::Teacher, Role::Censor, Role::Hr, Role::Leader, Role::Participant];

    pub fn parse(field: &'static str, s: &str) -> Result<Self, ValidationError> {
        Self::ALL.into_iter().find(|r| r.as_str() == s).ok_or(ValidationError::new(field, "err-unknown-role"))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProviderAdmin => "provider_admin",
            Self::Teacher => "teacher",
            Self::Censor => "censor",
            Self::Hr => "hr",
            Self::Leader => "leader",
            Self::Participant => "participant",
        }
    }

    /// Which kind of organisation the role belongs to.
    pub fn org_kind(self) -> OrgKind {
        match self {
            Self::ProviderAdmin | Self::Teacher | Self::Censor => OrgKind::Provider,
            Self::Hr | Self::Leader | Self::Participant => OrgKind::Municipality,
        }
    }

    /// Administers its organisation (API tokens, settings).
    pub fn is_org_admin(self) -> bool {
        matches!(self, Self::ProviderAdmin | Self::Hr)
    }

    /// Checks that this role can be held in an organisation of `kind`.
    pub fn check_kind(self, field: &'static str, kind: OrgKind) -> Result<Self, ValidationError> {
        if self.org_kind() == kind { Ok(self) } else { Err(ValidationError::new(field, "err-role-wrong-org-kind")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_unknown_is_refused() {
        for r in Role::ALL {
            assert_eq!(Role::parse("role", r.as_str()).unwrap(), r);
        }
        assert_eq!(Role::parse("role", "rektor").unwrap_err().key, "err-unknown-role");
    }

    #[test]
    fn roles_belong_to_one_kind_of_organisation() {
        assert!(Role::Teacher.check_kind("role", OrgKind::Provider).is_ok());
        assert_eq!(Role::Teacher.check_kind("role", OrgKind::Municipality).unwrap_err().key, "err-role-wrong-org-kind");
        assert!(Role::Hr.check_kind("role", OrgKind::Municipality).is_ok());
    }
}
