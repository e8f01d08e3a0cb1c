//! Sending the outbox: due mails are claimed, put into words in the recipient's language
//! (the same Fluent messages as the pages), and handed to the SMTP server; without one
//! configured (the default) they are logged instead and marked as handled. See
//! `kompetence_core::store::notify` for the guarantees.
use std::sync::Arc;
use std::time::Duration;

use kompetence_core::domain::Locale;
use kompetence_core::store::Store;
use kompetence_web::i18n::{I18n, Tr};
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Mails per pass.
const BATCH: i64 = 50;

pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
    /// The host name in Message-IDs and the base of links.
    site: String,
    i18n: Arc<I18n>,
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub failed: usize,
}

impl Mailer {
    /// `smtp_url` is `smtp://host[:port]` (plain SMTP, e.g. the municipality's relay); none:
    /// mails are logged, not sent.
    pub fn new(smtp_url: Option<&str>, from: &str, site: &str) -> anyhow::Result<Self> {
        let transport = match smtp_url.filter(|u| !u.trim().is_empty()) {
            None => None,
            Some(url) => {
                let rest = url
                    .strip_prefix("smtp://")
                    .ok_or_else(|| anyhow::anyhow!("--smtp-url must look like smtp://host:port"))?;
                let (host, port) = match rest.trim_end_matches('/').rsplit_once(':') {
                    Some((h, p)) => {
                        (h.to_string(), p.parse::<u16>().map_err(|_| anyhow::anyhow!("bad port in --smtp-url"))?)
                    }
                    None => (rest.trim_end_matches('/').to_string(), 25),
                };
                Some(
                    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                        .port(port)
                        .timeout(Some(Duration::from_secs(10)))
                        .build(),
                )
            }
        };
        let from: Mailbox = from.parse().map_err(|e| anyhow::anyhow!("--mail-from is not an address: {e}"))?;
        Ok(Self { transport, from, site: site.trim_end_matches('/').to_string(), i18n: Arc::new(I18n::load()) })
    }

    fn words(&self, locale: &str, kind: &str, args: &str) -> (String, String) {
        let tr = Tr { i18n: self.i18n.clone(), locale: Locale::parse(locale).unwrap_or(Locale::Da) };
        let args: serde_json::Map<String, serde_json::Value> = serde_json::from_str(args).unwrap_or_default();
        let named: Vec<(&str, String)> =
            args.iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap_or_default().to_string())).collect();
        let subject = tr.tn(&format!("mail-{kind}-subject"), &named);
        let body = format!(
            "{}\n\n{}\n",
            tr.tn(&format!("mail-{kind}-body"), &named),
            tr.tn("mail-footer", &[("site", self.site.clone())])
        );
        (subject, body)
    }

    /// Claims and sends what is due now; a failure is put back for later.
    pub async fn deliver_due(&self, store: &Store) -> anyhow::Result<Pass> {
        let mut pass = Pass::default();
        loop {
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            let due = store.claim_mail(now, BATCH).await?;
            if due.is_empty() {
                return Ok(pass);
            }
            for mail in due {
                let (subject, body) = self.words(&mail.locale, &mail.kind, &mail.args);
                let host = self
                    .site
                    .split("://")
                    .nth(1)
                    .unwrap_or("kompetence")
                    .split([':', '/'])
                    .next()
                    .unwrap_or("kompetence");
                // A mail whose claim is about to run out is left for the next claim rather
                // than sent while another node may take it.
                if time::OffsetDateTime::now_utc().unix_timestamp() >= mail.claimed_until - 15 {
                    return Ok(pass);
                }
                let Some(transport) = &self.transport else {
                    tracing::info!(to = %mail.to_address, subject = %subject, "mail not sent: no --smtp-url configured");
                    store.mail_sent(&mail, now).await?;
                    pass.sent += 1;
                    continue;
                };
                let message = mail.to_address.parse::<Mailbox>().map_err(|e| e.to_string()).and_then(|to| {
                    Message::builder()
                        .from(self.from.clone())
                        .to(to)
                        .subject(subject)
                        .message_id(Some(format!("<outbox-{}@{host}>", mail.id)))
                        .header(ContentType::TEXT_PLAIN)
                        .body(body)
                        .map_err(|e| e.to_string())
                });
                let result = match message {
                    Ok(m) => transport.send(m).await.map(|_| ()).map_err(|e| e.to_string()),
                    Err(e) => Err(e),
                };
                match result {
                    Ok(()) => {
                        store.mail_sent(&mail, now).await?;
                        pass.sent += 1;
                    }
                    Err(e) => {
                        tracing::warn!(mail = mail.id, attempt = mail.attempts, error = %e, "mail not sent; will retry");
                        store.mail_failed(&mail, now, &e).await?;
                        pass.failed += 1;
                        // The server is refusing or away: the rest of the batch waits for its
                        // claim to lapse and the next pass, not a row of timeouts now.
                        return Ok(pass);
                    }
                }
            }
        }
    }
}
