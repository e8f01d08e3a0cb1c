//! The configuration tree: built-in defaults, then environment variables, then command-line
//! flags (clap applies the last two). Validated once at start-up. The database URL may hold
//! a password, so it is only ever logged through [`Config::database_url_redacted`].
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`; when unset, `sqlite://<data_dir>/kompetence.db`.
    pub database_url: String,
    pub max_connections: u32,
    /// How long a request waits for a free database connection (then 503).
    pub acquire_timeout: std::time::Duration,
    pub web: kompetence_web::WebConfig,
}

impl Config {
    pub fn new(
        data_dir: PathBuf,
        database_url: Option<String>,
        public_url: Option<&str>,
        trusted_proxies: usize,
        metrics_token: Option<&str>,
        hours_per_ects: u32,
        upload: kompetence_core::domain::upload::UploadPolicy,
    ) -> anyhow::Result<Self> {
        let hours_per_ects = kompetence_core::domain::HoursPerEcts::new(hours_per_ects)
            .ok_or_else(|| anyhow::anyhow!("--hours-per-ects must be from 25 to 30 (ECTS Users' Guide)"))?;
        let database_url = match database_url.filter(|u| !u.trim().is_empty()) {
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") || u.starts_with("sqlite:") => u,
            Some(_) => {
                anyhow::bail!("DATABASE_URL must start with postgres://, postgresql:// or sqlite:")
            }
            None => {
                std::fs::create_dir_all(&data_dir)
                    .map_err(|e| anyhow::anyhow!("cannot create data directory {}: {e}", data_dir.display()))?;
                format!("sqlite://{}", data_dir.join("kompetence.db").display())
            }
        };
        if public_url.is_some_and(|u| !(u.starts_with("http://") || u.starts_with("https://"))) {
            anyhow::bail!("--public-url must start with http:// or https://");
        }
        let metrics_token = match metrics_token.filter(|t| !t.trim().is_empty()) {
            Some(t) => Some(
                kompetence_web::MetricsToken::new(t)
                    .ok_or_else(|| anyhow::anyhow!("--metrics-token must be at least 16 characters"))?,
            ),
            None => None,
        };
        let max_connections = if database_url.starts_with("sqlite:") { 8 } else { 16 };
        Ok(Self {
            database_url,
            max_connections,
            acquire_timeout: kompetence_core::store::Store::ACQUIRE_TIMEOUT,
            web: kompetence_web::WebConfig {
                secure_cookies: public_url.is_some_and(|u| u.starts_with("https://")),
                trusted_proxies,
                public_url: public_url.map(|u| u.trim_end_matches('/').to_string()),
                hours_per_ects,
                upload,
                metrics_token,
                cpr_key: None,
            },
        })
    }

    /// Sets the CPR hash key (none: CPR numbers in imports are not kept).
    pub fn with_cpr_key(mut self, key: Option<&str>) -> anyhow::Result<Self> {
        self.web.cpr_key = match key.filter(|k| !k.trim().is_empty()) {
            Some(k) => Some(
                kompetence_web::CprKey::new(k)
                    .ok_or_else(|| anyhow::anyhow!("--cpr-key must be at least 32 characters"))?,
            ),
            None => None,
        };
        Ok(self)
    }

    /// Sets the wait for a free database connection, 1–60 seconds.
    pub fn with_acquire_timeout(mut self, secs: u64) -> anyhow::Result<Self> {
        if !(1..=60).contains(&secs) {
            anyhow::bail!("--db-acquire-timeout must be from 1 to 60 seconds");
        }
        self.acquire_timeout = std::time::Duration::from_secs(secs);
        Ok(self)
    }

    pub fn database_url_redacted(&self) -> String {
        redact(&self.database_url)
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_in_database_urls_are_redacted() {
        assert_eq!(redact("postgres://kp:hemmelig@db/kp"), "postgres://kp:***@db/kp");
        assert_eq!(redact("postgres://kp@db/kp"), "postgres://kp@db/kp");
        assert_eq!(redact("sqlite://data/k.db"), "sqlite://data/k.db");
    }
}
