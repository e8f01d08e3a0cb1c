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

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CsrfForm<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let (parts, body) = req.into_parts();
        let expected = ctx(&parts)?.csrf.clone();
        let bytes =
            Bytes::from_request(Request::from_parts(parts, body), state).await.map_err(|_| AppError::BadRequest)?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).map_err(|_| AppError::BadRequest)?;
        let sent = pairs.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str()).unwrap_or("");
        if sent.is_empty() || !bool::from(sent.as_bytes().ct_eq(expected.as_bytes())) {
            return Err(AppError::Csrf);
        }
        let value = serde_urlencoded::from_bytes(&bytes).map_err(|_| AppError::BadRequest)?;
        Ok(CsrfForm(value))
    }
}
