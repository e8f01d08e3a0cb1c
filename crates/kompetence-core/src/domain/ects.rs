//! ECTS credits and workload (ECTS Users' Guide 2015: 60 ECTS ≈ one full-time year of
//! 1,500–1,800 hours, so one credit is 25–30 hours of work).
use serde::Serialize;

use super::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Ects(u32);

impl Ects {
    /// A module's credits: a whole number from 1 to 60.
    pub fn new(field: &'static str, n: i64) -> Result<Self, ValidationError> {
        if (1..=60).contains(&n) { Ok(Self(n as u32)) } else { Err(ValidationError::new(field, "err-ects-range")) }
    }
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        let n: i64 = raw.trim().parse().map_err(|_| ValidationError::new(field, "err-ects-range"))?;
        Self::new(field, n)
    }
    pub fn get(self) -> u32 {
        self.0
    }
}

/// Hours of work per ECTS credit; the range the Users' Guide allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoursPerEcts(u32);

impl HoursPerEcts {
    pub const DEFAULT: HoursPerEcts = HoursPerEcts(27);
    pub fn new(h: u32) -> Option<Self> {
        (25..=30).contains(&h).then_some(Self(h))
    }
    pub fn get(self) -> u32 {
        self.0
    }
    /// The expected workload of a module, in hours.
    pub fn workload(self, ects: Ects) -> u32 {
        ects.0 * self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_must_be_between_1_and_60() {
        assert!(Ects::new("ects", 0).is_err());
        assert!(Ects::new("ects", 61).is_err());
        assert_eq!(Ects::parse("ects", " 10 ").unwrap().get(), 10);
        assert_eq!(Ects::parse("ects", "ti").unwrap_err().key, "err-ects-range");
    }

    #[test]
    fn workload_is_ects_times_hours_per_credit() {
        assert_eq!(HoursPerEcts::DEFAULT.workload(Ects::new("e", 10).unwrap()), 270);
        assert_eq!(HoursPerEcts::new(25).unwrap().workload(Ects::new("e", 5).unwrap()), 125);
        assert!(HoursPerEcts::new(24).is_none() && HoursPerEcts::new(31).is_none());
    }
}
