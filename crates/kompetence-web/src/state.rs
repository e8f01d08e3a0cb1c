//! The state every handler is given: the store's [`Gate`] (never the store itself), the
//! configuration and the translations.
use std::sync::Arc;

use kompetence_core::store::{Gate, Store};

use crate::i18n::I18n;

/// Web settings, a branch of the binary's configuration tree.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (set when the public URL is https).
    pub secure_cookies: bool,
    /// Trust `X-Forwarded-For` for the client address (behind a reverse proxy).
    pub trust_proxy: bool,
    /// The site's public address (e.g. https://kompetence.example.dk), for links that leave
    /// the browser such as calendar feed URLs. When unset, the request's Host is used.
    pub public_url: Option<String>,
    /// Hours of work per ECTS credit for workload figures (25–30; default 27).
    pub hours_per_ects: kompetence_core::domain::HoursPerEcts,
    /// Upload size limit and allowed file types (materials, hand-ins).
    pub upload: kompetence_core::domain::upload::UploadPolicy,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            trust_proxy: false,
            public_url: None,
            hours_per_ects: kompetence_core::domain::HoursPerEcts::DEFAULT,
            upload: kompetence_core::domain::upload::UploadPolicy::default(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    /// What may be done before the caller is known, and the scopes for a known caller
    /// (handed out by the extractors in [`crate::auth::extract`]).
    pub gate: Gate,
    pub config: Arc<WebConfig>,
    pub i18n: Arc<I18n>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self { gate: Gate::new(store), config: Arc::new(config), i18n: Arc::new(I18n::load()) }
    }
}
