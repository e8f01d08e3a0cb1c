//! The type-profile engine: an instrument is a JSON file of items, each scored onto one of a
//! few bipolar dimensions; answers on the instrument's scale become a position (0–100) per
//! dimension. Providers load instruments they hold a licence for; Kompetence ships one it
//! wrote itself (`assets/instruments/arbejdsstil.json`).
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ValidationError;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    #[serde(default)]
    pub low_da: String,
    #[serde(default)]
    pub high_da: String,
    #[serde(default)]
    pub low_en: String,
    #[serde(default)]
    pub high_en: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Dimension {
    pub code: String,
    pub low_da: String,
    pub high_da: String,
    pub low_en: String,
    pub high_en: String,
    pub text_low_da: String,
    pub text_high_da: String,
    pub text_low_en: String,
    pub text_high_en: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Item {
    pub id: String,
    pub dimension: String,
    pub text_da: String,
    pub text_en: String,
    /// Agreeing moves toward the dimension's low pole.
    #[serde(default)]
    pub reverse: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct Instrument {
    pub code: String,
    pub name_da: String,
    pub name_en: String,
    /// Who holds the rights, and on what terms.
    pub licence: String,
    pub scale: Scale,
    pub dimensions: Vec<Dimension>,
    pub items: Vec<Item>,
}

/// A participant's position on one dimension: 0 is the low pole, 100 the high pole.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct DimensionScore {
    pub code: String,
    pub position: i64,
}

impl Instrument {
    /// Parses and checks an instrument file; errors name what is wrong.
    pub fn parse(json: &str) -> Result<Self, ValidationError> {
        let i: Instrument =
            serde_json::from_str(json).map_err(|_| ValidationError::new("definition", "err-instrument-json"))?;
        let ok = !i.code.trim().is_empty()
            && !i.name_da.trim().is_empty()
            && i.scale.min < i.scale.max
            && i.scale.max - i.scale.min <= 10
            && (1..=12).contains(&i.dimensions.len())
            && (1..=500).contains(&i.items.len());
        if !ok {
            return Err(ValidationError::new("definition", "err-instrument-shape"));
        }
        let mut ids = std::collections::BTreeSet::new();
        for item in &i.items {
            if !ids.insert(&item.id) || !i.dimensions.iter().any(|d| d.code == item.dimension) {
                return Err(ValidationError::new("definition", "err-instrument-items"));
            }
        }
        if i.dimensions.iter().any(|d| !i.items.iter().any(|it| it.dimension == d.code)) {
            return Err(ValidationError::new("definition", "err-instrument-items"));
        }
        Ok(i)
    }

    /// Scores a full set of answers (item id → value on the scale). Every item must be
    /// answered, within the scale.
    pub fn score(&self, answers: &BTreeMap<String, i64>) -> Result<Vec<DimensionScore>, ValidationError> {
        let (min, max) = (self.scale.min, self.scale.max);
        for item in &self.items {
            match answers.get(&item.id) {
                Some(v) if (min..=max).contains(v) => {}
                Some(_) => return Err(ValidationError::new("answers", "err-profile-range")),
                None => return Err(ValidationError::new("answers", "err-profile-missing")),
            }
        }
        Ok(self
            .dimensions
            .iter()
            .map(|d| {
                let values: Vec<i64> = self
                    .items
                    .iter()
                    .filter(|it| it.dimension == d.code)
                    .map(|it| {
                        let v = answers[&it.id];
                        if it.reverse { max + min - v } else { v }
                    })
                    .collect();
                let n = values.len() as i64;
                let sum: i64 = values.iter().map(|v| v - min).sum();
                // Mean distance from the scale's bottom, as whole per cent of its span, rounded.
                let position = (sum * 200 + n * (max - min)) / (2 * n * (max - min));
                DimensionScore { code: d.code.clone(), position }
            })
            .collect())
    }
}

/// The instrument shipped with Kompetence.
pub const SAMPLE_INSTRUMENT: &str = include_str!("../../assets/instruments/arbejdsstil.json");

#[cfg(test)]
mod tests {
    use super::*;

    fn all(i: &Instrument, v: i64) -> BTreeMap<String, i64> {
        i.items.iter().map(|it| (it.id.clone(), v)).collect()
    }

    #[test]
    fn the_sample_instrument_parses_with_four_bipolar_dimensions() {
        let i = Instrument::parse(SAMPLE_INSTRUMENT).unwrap();
        assert_eq!(i.dimensions.len(), 4);
        assert_eq!(i.items.len(), 12);
    }

    #[test]
    fn answers_score_to_positions_with_reversed_items_counted_the_other_way() {
        let i = Instrument::parse(SAMPLE_INSTRUMENT).unwrap();
        // Neutral everywhere: the middle of every dimension.
        assert!(i.score(&all(&i, 3)).unwrap().iter().all(|d| d.position == 50));
        // Agreeing with everything: two items pull high, one (reversed) pulls low → 2/3 of the way.
        assert!(i.score(&all(&i, 5)).unwrap().iter().all(|d| d.position == 67));
        let mut a = all(&i, 5);
        a.insert("e1".into(), 1);
        assert_eq!(i.score(&a).unwrap()[0], DimensionScore { code: "energi".into(), position: 100 });
    }

    #[test]
    fn an_answer_out_of_range_or_missing_is_refused() {
        let i = Instrument::parse(SAMPLE_INSTRUMENT).unwrap();
        let mut a = all(&i, 3);
        a.insert("s3".into(), 6);
        assert_eq!(i.score(&a).unwrap_err().key, "err-profile-range");
        a.remove("s3");
        assert_eq!(i.score(&a).unwrap_err().key, "err-profile-missing");
    }

    #[test]
    fn a_broken_instrument_file_is_refused_with_a_reason() {
        assert_eq!(Instrument::parse("{").unwrap_err().key, "err-instrument-json");
        let mut i = Instrument::parse(SAMPLE_INSTRUMENT).unwrap();
        i.items[0].dimension = "ukendt".into();
        assert_eq!(Instrument::parse(&serde_json::to_string(&i).unwrap()).unwrap_err().key, "err-instrument-items");
    }
}
