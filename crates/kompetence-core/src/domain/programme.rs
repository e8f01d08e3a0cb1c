//! Programme structures and the rules checked when a module is added (rules.md,
//! "Programme structures"). Rules are data: one table row per structure.
use serde::Serialize;

use super::{Ects, ValidationError};

/// How a module counts in a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ModuleRole {
    Compulsory,
    Elective,
    FinalProject,
}

impl ModuleRole {
    pub fn parse(field: &'static str, s: &str) -> Result<Self, ValidationError> {
        match s {
            "compulsory" => Ok(Self::Compulsory),
            "elective" => Ok(Self::Elective),
            "final_project" => Ok(Self::FinalProject),
            _ => Err(ValidationError::new(field, "err-module-role")),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Compulsory => "compulsory",
            Self::Elective => "elective",
            Self::FinalProject => "final_project",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Structure {
    /// No structure rules (e.g. a single tailored course).
    Free,
    /// Kommunom: 3 compulsory + 2 elective modules of 10 ECTS and a final project.
    Kommunom,
    /// Academy degree in public administration: 2 compulsory + 3 elective + final project, 10 ECTS each.
    AcademyDegree,
    /// Diploma degree: modules of 5, 10 or 15 ECTS, 60 in all.
    DiplomaDegree,
}

/// The limits of one structure.
pub struct StructureRules {
    pub compulsory: Option<usize>,
    pub elective: Option<usize>,
    pub final_project: Option<usize>,
    pub allowed_ects: &'static [u32],
    pub total_ects: Option<u32>,
    /// Years allowed to complete the whole programme.
    pub completion_years: Option<u32>,
    /// ECTS that may be credit-transferred from elsewhere (None: no cap).
    pub transfer_cap: Option<u32>,
}

impl Structure {
    pub const ALL: [Structure; 4] =
        [Structure::Free, Structure::Kommunom, Structure::AcademyDegree, Structure::DiplomaDegree];

    pub fn parse(field: &'static str, s: &str) -> Result<Self, ValidationError> {
        Self::ALL.into_iter().find(|x| x.as_str() == s).ok_or(ValidationError::new(field, "err-structure"))
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Kommunom => "kommunom",
            Self::AcademyDegree => "academy_degree",
            Self::DiplomaDegree => "diploma_degree",
        }
    }

    /// The legal basis a diploma states (exam order § 51), in Danish and English.
    pub fn legal_basis(self) -> (&'static str, &'static str) {
        match self {
            Self::Kommunom | Self::AcademyDegree => (
                "Lov om erhvervsrettet grunduddannelse og videregående uddannelse (videreuddannelsessystemet) for voksne; bekendtgørelse om akademiuddannelser",
                "Act on vocational basic and higher education (the continuing education system) for adults; Executive Order on Academy Profession Programmes",
            ),
            Self::DiplomaDegree => (
                "Lov om erhvervsrettet grunduddannelse og videregående uddannelse (videreuddannelsessystemet) for voksne; bekendtgørelse om diplomuddannelser",
                "Act on vocational basic and higher education (the continuing education system) for adults; Executive Order on Diploma Programmes",
            ),
            Self::Free => (
                "Enkeltfag under lov om videreuddannelsessystemet for voksne",
                "Single subject under the Act on the continuing education system for adults",
            ),
        }
    }

    /// The title a completed programme entitles its holder to, in Danish and English.
    pub fn degree_title(self) -> Option<(&'static str, &'static str)> {
        match self {
            Self::Kommunom => Some(("Kommunom (akademiuddannelse)", "Kommunom (Academy Profession degree)")),
            Self::AcademyDegree => Some(("Akademiuddannelse (AU)", "Academy Profession degree (AP)")),
            Self::DiplomaDegree => Some(("Diplomuddannelse", "Diploma degree (Bachelor level)")),
            Self::Free => None,
        }
    }

    pub fn rules(self) -> StructureRules {
        match self {
            Self::Free => StructureRules {
                compulsory: None,
                elective: None,
                final_project: None,
                allowed_ects: &[],
                total_ects: None,
                completion_years: None,
                transfer_cap: None,
            },
            Self::Kommunom => StructureRules {
                compulsory: Some(3),
                elective: Some(2),
                final_project: Some(1),
                allowed_ects: &[10],
                total_ects: Some(60),
                completion_years: Some(6),
                // At most 10 ECTS from other academy programmes (rules.md).
                transfer_cap: Some(10),
            },
            Self::AcademyDegree => StructureRules {
                compulsory: Some(2),
                elective: Some(3),
                final_project: Some(1),
                allowed_ects: &[10],
                total_ects: Some(60),
                completion_years: Some(6),
                transfer_cap: Some(10),
            },
            Self::DiplomaDegree => StructureRules {
                compulsory: None,
                elective: None,
                final_project: Some(1),
                allowed_ects: &[5, 10, 15],
                total_ects: Some(60),
                completion_years: Some(6),
                transfer_cap: None,
            },
        }
    }

    /// Checks that a module of `ects` may be added as `role` to a programme that already
    /// holds `existing` (role, ECTS) pairs.
    pub fn check_add(
        self,
        existing: &[(ModuleRole, Ects)],
        role: ModuleRole,
        ects: Ects,
    ) -> Result<(), ValidationError> {
        let r = self.rules();
        if !r.allowed_ects.is_empty() && !r.allowed_ects.contains(&ects.get()) {
            return Err(ValidationError::new("module", "err-structure-ects"));
        }
        let limit = match role {
            ModuleRole::Compulsory => r.compulsory,
            ModuleRole::Elective => r.elective,
            ModuleRole::FinalProject => r.final_project,
        };
        let count = existing.iter().filter(|(k, _)| *k == role).count();
        if limit.is_some_and(|max| count >= max) {
            return Err(ValidationError::new("role", "err-structure-full"));
        }
        let total: u32 = existing.iter().map(|(_, e)| e.get()).sum::<u32>() + ects.get();
        if r.total_ects.is_some_and(|max| total > max) {
            return Err(ValidationError::new("module", "err-structure-total"));
        }
        Ok(())
    }
}

/// Checks a new credit transfer of `ects` against the programme's cap, given what is
/// already transferred.
pub fn check_transfer(structure: Structure, already: u32, ects: u32) -> Result<(), ValidationError> {
    if ects == 0 || ects > 60 {
        return Err(ValidationError::new("ects", "err-ects-range"));
    }
    match structure.rules().transfer_cap {
        Some(cap) if already + ects > cap => Err(ValidationError::new("ects", "err-transfer-cap")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ModuleRole::*;

    #[test]
    fn kommunom_takes_at_most_10_ects_of_credit_transfer() {
        assert!(check_transfer(Structure::Kommunom, 0, 10).is_ok());
        assert_eq!(check_transfer(Structure::Kommunom, 5, 10).unwrap_err().key, "err-transfer-cap");
        assert_eq!(check_transfer(Structure::Kommunom, 10, 1).unwrap_err().key, "err-transfer-cap");
        assert!(check_transfer(Structure::DiplomaDegree, 30, 15).is_ok());
        assert_eq!(check_transfer(Structure::Free, 0, 0).unwrap_err().key, "err-ects-range");
    }

    fn e(n: i64) -> Ects {
        Ects::new("e", n).unwrap()
    }

    #[test]
    fn kommunom_takes_three_compulsory_two_electives_and_one_final_project_of_10_ects() {
        let k = Structure::Kommunom;
        let mut have = vec![];
        for role in [Compulsory, Compulsory, Compulsory, Elective, Elective, FinalProject] {
            k.check_add(&have, role, e(10)).unwrap();
            have.push((role, e(10)));
        }
        assert_eq!(k.check_add(&have[..3], Compulsory, e(10)).unwrap_err().key, "err-structure-full");
        assert_eq!(k.check_add(&have[..5], Elective, e(10)).unwrap_err().key, "err-structure-full");
        assert_eq!(k.check_add(&[], Compulsory, e(5)).unwrap_err().key, "err-structure-ects");
    }

    #[test]
    fn academy_degree_has_two_compulsory_and_three_electives() {
        let a = Structure::AcademyDegree;
        let two = [(Compulsory, e(10)), (Compulsory, e(10))];
        assert_eq!(a.check_add(&two, Compulsory, e(10)).unwrap_err().key, "err-structure-full");
        let three = [(Elective, e(10)), (Elective, e(10)), (Elective, e(10))];
        assert!(a.check_add(&three, Compulsory, e(10)).is_ok());
        assert!(a.check_add(&three, Elective, e(10)).is_err());
    }

    #[test]
    fn diploma_modules_are_5_10_or_15_and_at_most_60_in_all() {
        let d = Structure::DiplomaDegree;
        assert!(d.check_add(&[], Elective, e(15)).is_ok());
        assert_eq!(d.check_add(&[], Elective, e(7)).unwrap_err().key, "err-structure-ects");
        let full = [(Compulsory, e(15)), (Compulsory, e(15)), (Elective, e(15)), (Elective, e(10))];
        assert_eq!(d.check_add(&full, Elective, e(10)).unwrap_err().key, "err-structure-total");
        assert!(d.check_add(&full, Elective, e(5)).is_ok());
    }

    #[test]
    fn free_programmes_take_anything() {
        assert!(Structure::Free.check_add(&[(Compulsory, e(60))], Compulsory, e(7)).is_ok());
    }
}
