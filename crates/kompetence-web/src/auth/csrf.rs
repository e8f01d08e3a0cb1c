//! Form extractors that check the CSRF token: urlencoded forms and multipart forms with files.
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

use super::extract::ctx;
use crate::error::AppError;

/// A form body whose `csrf` field matched the caller's token (synchroniser token for
/// sessions; double-submit cookie for visitors not yet logged in). Bearer-token calls
/// carry no cookies and need no CSRF check, but forms are not meant for them.
pub struct CsrfForm<T>(pub T);

/// Whether a presented secret (a CSRF token, the metrics scraper's token) is the expected
/// one: never for an empty one, compared in constant time so the time taken tells nothing.
pub(crate) fn tokens_match(sent: &str, expected: &str) -> bool {
    !sent.is_empty() && bool::from(sent.as_bytes().ct_eq(expected.as_bytes()))
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CsrfForm<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let (parts, body) = req.into_parts();
        let expected = ctx(&parts)?.csrf.clone();
        let bytes =
            Bytes::from_request(Request::from_parts(parts, body), state).await.map_err(|_| AppError::BadRequest)?;
        let pairs: Vec<(String, String)> = crate::input::decode_form(&bytes)?;
        let sent = pairs.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str()).unwrap_or("");
        if !tokens_match(sent, &expected) {
            return Err(AppError::Csrf);
        }
        let value = crate::input::decode_form(&bytes)?;
        Ok(CsrfForm(value))
    }
}

/// A file sent in a multipart form.
pub struct UploadedFile {
    pub field: String,
    pub file_name: String,
    pub content_type: Option<String>,
    pub bytes: Bytes,
}

/// A multipart form (text fields and files) whose `csrf` field matched, checked the same way
/// as [`CsrfForm`]. File inputs left empty are dropped; a urlencoded body is accepted as a
/// form without files. The body is bounded by the router's body limit.
pub struct CsrfMultipart {
    pub fields: std::collections::HashMap<String, String>,
    pub files: Vec<UploadedFile>,
}

impl CsrfMultipart {
    pub fn text(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }
}

impl<S: Send + Sync> FromRequest<S> for CsrfMultipart {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let (parts, body) = req.into_parts();
        let expected = ctx(&parts)?.csrf.clone();
        let req = Request::from_parts(parts, body);
        let urlencoded = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if urlencoded {
            // The same form without files (e.g. from a script): accept it as text fields.
            let CsrfForm(pairs) = CsrfForm::<Vec<(String, String)>>::from_request(req, state).await?;
            return Ok(CsrfMultipart { fields: pairs.into_iter().collect(), files: vec![] });
        }
        let mut multipart =
            axum::extract::Multipart::from_request(req, state).await.map_err(|_| AppError::BadRequest)?;
        let mut fields = std::collections::HashMap::new();
        let mut files = Vec::new();
        while let Some(field) = multipart.next_field().await.map_err(|_| AppError::PayloadTooLarge)? {
            let name = field.name().unwrap_or_default().to_string();
            match field.file_name().map(str::to_string) {
                Some(file_name) => {
                    let content_type = field.content_type().map(str::to_string);
                    let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
                    if !file_name.is_empty() || !bytes.is_empty() {
                        files.push(UploadedFile { field: name, file_name, content_type, bytes });
                    }
                }
                None => {
                    let text = field.text().await.map_err(|_| AppError::PayloadTooLarge)?;
                    fields.insert(name, text);
                }
            }
        }
        let sent = fields.get("csrf").map(String::as_str).unwrap_or("");
        if !tokens_match(sent, &expected) {
            return Err(AppError::Csrf);
        }
        Ok(CsrfMultipart { fields, files })
    }
}
