//! The UI languages (Danish first, English available) and how a choice is parsed.
use serde::{Deserialize, Serialize};

/// The UI language. Danish is the default; English is available to every user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Da,
    En,
}

impl Locale {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "da" => Some(Self::Da),
            "en" => Some(Self::En),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Da => "da",
            Self::En => "en",
        }
    }
}
