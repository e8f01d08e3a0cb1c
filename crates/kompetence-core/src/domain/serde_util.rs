//! Form fields arrive as text, JSON may send numbers: accept both for numeric inputs.
use serde::{Deserialize, Deserializer};

pub fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum V {
        S(String),
        I(i64),
        F(f64),
    }
    Ok(match Option::<V>::deserialize(d)? {
        Some(V::S(s)) => s,
        Some(V::I(i)) => i.to_string(),
        Some(V::F(f)) => f.to_string(),
        None => String::new(),
    })
}

/// A checkbox: present in a form (any value) or `true` in JSON means ticked.
pub fn checkbox<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum V {
        B(bool),
        S(String),
    }
    Ok(match Option::<V>::deserialize(d)? {
        Some(V::B(true)) => Some("1".into()),
        Some(V::S(s)) => Some(s),
        _ => None,
    })
}
