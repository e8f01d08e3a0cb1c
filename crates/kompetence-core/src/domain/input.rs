//! Parse, don't validate: user input becomes one of these types or a `ValidationError`
//! naming the field and a message key the web layer translates.
use serde::Serialize;

use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{field}: {key}")]
pub struct ValidationError {
    /// The input field, as the form or JSON body names it (a JSON path like `days[2].date`
    /// for nested bodies).
    pub field: Cow<'static, str>,
    /// Fluent message id, e.g. `err-email-invalid`.
    pub key: &'static str,
}

impl ValidationError {
    pub fn new(field: impl Into<Cow<'static, str>>, key: &'static str) -> Self {
        Self { field: field.into(), key }
    }
}

/// A lower-cased, syntactically valid e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(ValidationError::new(field, "err-required"));
        }
        // RFC 5321 limits a path to 254 octets; require a dot in the domain so that typos
        // like "anne@aabenraa" are caught (no municipal address lacks one).
        let ok = s.len() <= 254
            && email_address::EmailAddress::is_valid(&s)
            && s.rsplit_once('@').is_some_and(|(_, d)| d.contains('.') && !d.ends_with('.'));
        if ok { Ok(Self(s)) } else { Err(ValidationError::new(field, "err-email-invalid")) }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's name: trimmed, 1–200 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValidationError> {
        ShortText::parse_required(field, raw, 200).map(|t| Self(t.0))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Free one-line text with a length limit (titles, departments, token names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ShortText(String);

impl ShortText {
    pub fn parse_required(field: &'static str, raw: &str, max: usize) -> Result<Self, ValidationError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValidationError::new(field, "err-required"));
        }
        Self::parse_optional(field, s, max).map(|o| o.expect("non-empty"))
    }
    pub fn parse_optional(field: &'static str, raw: &str, max: usize) -> Result<Option<Self>, ValidationError> {
        let s = raw.trim();
        if s.is_empty() {
            return Ok(None);
        }
        if s.chars().count() > max {
            return Err(ValidationError::new(field, "err-too-long"));
        }
        if s.chars().any(char::is_control) {
            return Err(ValidationError::new(field, "err-invalid-chars"));
        }
        Ok(Some(Self(s.to_string())))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_lowercased_and_trimmed() {
        assert_eq!(Email::parse("email", "  Anne@Aabenraa.DK ").unwrap().as_str(), "anne@aabenraa.dk");
    }

    #[test]
    fn malformed_emails_are_refused_with_a_key() {
        for bad in ["anne", "anne@", "@aabenraa.dk", "anne@aabenraa", "an ne@aabenraa.dk"] {
            assert_eq!(Email::parse("email", bad).unwrap_err().key, "err-email-invalid", "{bad}");
        }
        assert_eq!(Email::parse("email", "  ").unwrap_err().key, "err-required");
    }

    #[test]
    fn names_must_be_present_and_bounded() {
        assert_eq!(PersonName::parse("name", " ").unwrap_err().key, "err-required");
        assert_eq!(PersonName::parse("name", &"x".repeat(201)).unwrap_err().key, "err-too-long");
        assert_eq!(PersonName::parse("name", " Åse Ørsted ").unwrap().as_str(), "Åse Ørsted");
        assert_eq!(PersonName::parse("name", "a\u{7}b").unwrap_err().key, "err-invalid-chars");
    }
}
