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
    /// How many reverse proxies stand in front (0: trust no `X-Forwarded-For`). The client
    /// is the entry that many places from the right: each proxy appends the address it saw,
    /// and anything further left was written by the client and may be forged.
    pub trusted_proxies: usize,
    /// The site's public address (e.g. https://kompetence.example.dk), for links that leave
    /// the browser such as calendar feed URLs. When unset, the request's Host is used.
    pub public_url: Option<String>,
    /// Hours of work per ECTS credit for workload figures (25–30; default 27).
    pub hours_per_ects: kompetence_core::domain::HoursPerEcts,
    /// Upload size limit and allowed file types (materials, hand-ins).
    pub upload: kompetence_core::domain::upload::UploadPolicy,
    /// The bearer token a Prometheus scraper must present at `/metrics`; none: not served.
    pub metrics_token: Option<MetricsToken>,
    /// The installation's key for CPR hashes in staff imports; without one, CPR numbers in
    /// an imported file are not kept at all (matching is by the source's ids and e-mail).
    pub cpr_key: Option<CprKey>,
}

/// The CPR hash key; its `Debug` never shows it.
#[derive(Clone)]
pub struct CprKey(Vec<u8>);

impl CprKey {
    /// A key of at least 32 characters; `None` otherwise.
    pub fn new(key: &str) -> Option<Self> {
        (key.trim().len() >= 32).then(|| CprKey(key.trim().as_bytes().to_vec()))
    }
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for CprKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CprKey(***)")
    }
}

/// The `/metrics` token; its `Debug` never shows it (the configuration may be logged).
#[derive(Clone)]
pub struct MetricsToken(String);

impl MetricsToken {
    /// A token of at least 16 characters (shorter ones are guessable); `None` otherwise.
    pub fn new(token: &str) -> Option<Self> {
        (token.trim().len() >= 16).then(|| MetricsToken(token.trim().to_string()))
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(***)")
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            trusted_proxies: 0,
            public_url: None,
            hours_per_ects: kompetence_core::domain::HoursPerEcts::DEFAULT,
            upload: kompetence_core::domain::upload::UploadPolicy::default(),
            metrics_token: None,
            cpr_key: None,
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
