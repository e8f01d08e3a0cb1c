//! What is known about a request once [`crate::request::request_context`] has run: the
//! caller (session or bearer token), the language, the CSRF token.
use kompetence_core::domain::{Locale, OrgId};
use kompetence_core::store::User;

use crate::i18n::Tr;

pub const SESSION_COOKIE: &str = "kp_session";
pub const CSRF_COOKIE: &str = "kp_csrf";
pub const LANG_COOKIE: &str = "kp_lang";

/// The authenticated caller.
#[derive(Clone)]
pub struct Authenticated {
    pub user: User,
    /// Set when a bearer token bound to one organisation is used.
    pub only_org: Option<OrgId>,
    pub via_token: bool,
}

/// Everything known about a request before its handler runs.
#[derive(Clone)]
pub struct RequestCtx {
    pub caller: Option<Authenticated>,
    pub tr: Tr,
    /// The token forms must carry back: the session's, or for visitors not logged in the
    /// `kp_csrf` cookie's.
    pub csrf: String,
    /// A session cookie was sent but its session is gone (expired or logged out).
    pub session_expired: bool,
    /// Path and query of this request, for "back to where you were" after login.
    pub here: String,
    pub method: axum::http::Method,
    pub secure_cookies: bool,
    pub client_addr: String,
}

impl RequestCtx {
    pub fn locale(&self) -> Locale {
        self.tr.locale
    }
    pub fn is_api(&self) -> bool {
        self.here.starts_with("/api/")
    }
}
