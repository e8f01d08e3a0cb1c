//! Who is calling, in which language, and what they may do.
//!
//! `crate::request` resolves the caller once per request (session cookie or bearer token)
//! and stores a [`RequestCtx`] (defined in `context.rs`) in the request; the extractors in `extract.rs` then state the
//! required access in each handler's signature: [`Caller`], [`PlatformAdmin`], and
//! [`Org<R>`] for a role set `R` in the organisation named by the path's `{org_id}`.
mod context;
mod csrf;
mod extract;
pub mod roles;

pub use context::{Authenticated, CSRF_COOKIE, LANG_COOKIE, RequestCtx, SESSION_COOKIE};
pub(crate) use csrf::tokens_match;
pub use csrf::{CsrfForm, CsrfMultipart, UploadedFile};
pub(crate) use extract::ctx as extract_ctx;
pub use extract::{Caller, Me, Org, PlatformAdmin};
