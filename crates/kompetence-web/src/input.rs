//! Decoding what a request sends — path, query string, form body, JSON body — into typed
//! input. Every failure is one of our errors, rendered in the caller's language (an HTML
//! page or a JSON body) like any other, and names the field it concerns instead of
//! axum's plain-text rejection.
//!
//! Handlers name their path parameters by typed id (`Path<(OrgId, CohortId)>`), so an id
//! cannot be passed where another kind is expected.
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kompetence_core::domain::ValidationError;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// Typed path parameters. A parameter that does not parse (`/o/1/cohorts/abc`) names no
/// resource, so it is "not found" — the same answer as an id that does not exist.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Path(p.0))
            .map_err(|_| AppError::NotFound)
    }
}

/// Query parameters. A parameter of the wrong shape (`?page=abc`) is invalid input naming
/// the parameter (422), like a form field.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        decode_form(parts.uri.query().unwrap_or("").as_bytes()).map(Query)
    }
}

/// A urlencoded form or query string. Text that is not UTF-8 once percent-decoded is
/// refused (naming the field) rather than stored with U+FFFD in place of what was sent.
pub fn decode_form<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    for pair in bytes.split(|b| *b == b'&') {
        let mut halves = pair.splitn(2, |b| *b == b'=');
        let key = halves.next().unwrap_or_default();
        let value = halves.next().unwrap_or_default();
        let key_text = percent_encoding::percent_decode(key).decode_utf8();
        let value_ok = percent_encoding::percent_decode(value).decode_utf8().is_ok();
        match key_text {
            Ok(_) if value_ok => {}
            Ok(k) => return Err(field_error(k.replace('+', " "), "err-not-utf8")),
            Err(_) => return Err(AppError::Invalid(vec![ValidationError::new("", "err-not-utf8")])),
        }
    }
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(bytes));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        field_error(field_of(&path, &e.inner().to_string()), "err-field-type")
    })
}

/// A JSON body. Malformed JSON is a bad request; a value of the wrong type, a missing
/// field or a string where a boolean belongs is invalid input naming the field
/// (`days[0].date`).
pub fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        if !inner.is_data() {
            return AppError::BadRequest;
        }
        let message = inner.to_string();
        let key = if message.starts_with("missing field") { "err-required" } else { "err-field-type" };
        field_error(field_of(&e.path().to_string(), &message), key)
    })?;
    // Trailing text after the value is malformed JSON, not a second request.
    de.end().map_err(|_| AppError::BadRequest)?;
    Ok(value)
}

fn field_error(field: String, key: &'static str) -> AppError {
    AppError::Invalid(vec![ValidationError::new(field, key)])
}

/// The field an error concerns: the path serde was at, or — for a missing field, reported
/// at the enclosing object — the name in serde's message ("missing field `title`").
fn field_of(path: &str, message: &str) -> String {
    let missing = message.strip_prefix("missing field `").and_then(|m| m.split('`').next());
    match (path, missing) {
        (".", Some(name)) => name.to_string(),
        (".", None) => String::new(),
        (p, Some(name)) => format!("{p}.{name}"),
        (p, None) => p.to_string(),
    }
}
