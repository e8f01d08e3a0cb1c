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

/// A checkbox: ticked when a form sends it (our checkboxes send `1`; browsers default to
/// `on`) or JSON sends `true`. Any other value — `"false"`, `"ja"`, `0` — is refused rather
/// than read as ticked, so a client's mistake cannot flip a setting.
pub fn checkbox<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum V {
        B(bool),
        S(String),
    }
    match Option::<V>::deserialize(d) {
        Ok(Some(V::B(true))) => Ok(Some("1".into())),
        Ok(Some(V::B(false)) | None) => Ok(None),
        Ok(Some(V::S(s))) if s == "1" || s == "on" => Ok(Some("1".into())),
        _ => Err(serde::de::Error::custom("expected true or false")),
    }
}
