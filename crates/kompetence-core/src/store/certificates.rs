//! Certificates: issued by a provider for a passed module, frozen at issue, signed as an
//! Open Badges 3.0 credential, revocable; and the public side — the JWK set, issuer profiles
//! and verification of a presented credential.
use serde::Serialize;
use serde_json::{Value, json};
use sqlx::FromRow;

use super::ProviderScope;
use super::{Store, now};
use crate::documents::credential::{self, Checked};
use crate::documents::diploma::{DiplomaContent, DiplomaElement, DiplomaTransfer};
use crate::domain::{
    CertificateId, CohortId, CreditId, EnrolmentId, Grade, ModuleId, OrgId, ShortText, Structure, UserId,
    ValidationError,
};
use crate::{Error, Result};

/// An issued certificate.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Certificate {
    pub id: CertificateId,
    pub number: String,
    pub provider_id: OrgId,
    pub content: DiplomaContent,
    /// The signed credential (compact JWS).
    pub credential_jwt: String,
    pub issued_at: i64,
    pub revoked_at: Option<i64>,
    pub revoked_reason: Option<String>,
}

#[derive(FromRow)]
struct CertificateRecord {
    id: CertificateId,
    provider_id: OrgId,
    content: String,
    credential_jwt: String,
    issued_at: i64,
    revoked_at: Option<i64>,
    revoked_reason: Option<String>,
}

const CERT_COLS: &str = "id, provider_id, content, credential_jwt, issued_at, revoked_at, revoked_reason";

impl TryFrom<CertificateRecord> for Certificate {
    type Error = Error;
    fn try_from(r: CertificateRecord) -> Result<Self> {
        let content: DiplomaContent = serde_json::from_str(&r.content)
            .map_err(|e| Error::Unexpected(anyhow::anyhow!("certificate content: {e}")))?;
        Ok(Certificate {
            id: r.id,
            number: content.number.clone(),
            provider_id: r.provider_id,
            content,
            credential_jwt: r.credential_jwt,
            issued_at: r.issued_at,
            revoked_at: r.revoked_at,
            revoked_reason: r.revoked_reason,
        })
    }
}

/// A participant of a cohort who passed, and their current certificate if any.
#[derive(Debug, Clone, Serialize, FromRow, utoipa::ToSchema)]
pub struct CertificateCandidate {
    pub enrolment_id: EnrolmentId,
    pub name: String,
    pub grade: String,
    pub ects: i64,
    pub certificate_id: Option<CertificateId>,
    pub certificate_content: Option<String>,
    pub issued_at: Option<i64>,
}

impl CertificateCandidate {
    pub fn number(&self) -> Option<String> {
        let c: DiplomaContent = serde_json::from_str(self.certificate_content.as_deref()?).ok()?;
        Some(c.number)
    }
}

/// The verdict on a presented credential.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Verdict {
    Valid { summary: CredentialSummary },
    Revoked { summary: CredentialSummary, revoked_at: i64, reason: Option<String> },
    Tampered,
    UnknownIssuer,
    Malformed,
}

/// What a valid (or revoked) credential says, for the verification page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CredentialSummary {
    pub credential_id: String,
    pub issuer_name: String,
    pub holder_name: String,
    pub achievement: String,
    pub credits: Option<f64>,
    pub grade: Option<String>,
    pub valid_from: String,
}

fn summary(c: &Value) -> CredentialSummary {
    let s = &c["credentialSubject"];
    CredentialSummary {
        credential_id: c["id"].as_str().unwrap_or_default().into(),
        issuer_name: c["issuer"]["name"].as_str().unwrap_or_default().into(),
        holder_name: s["identifier"][0]["identityHash"].as_str().unwrap_or_default().into(),
        achievement: s["achievement"]["name"].as_str().unwrap_or_default().into(),
        credits: s["creditsEarned"].as_f64(),
        grade: s["result"][0]["value"].as_str().map(str::to_string),
        valid_from: c["validFrom"].as_str().unwrap_or_default().into(),
    }
}

fn iso_utc(unix: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

fn today() -> String {
    let t = time::OffsetDateTime::now_utc();
    let t = t.to_offset(crate::domain::schedule::copenhagen_offset(t));
    crate::domain::schedule::fmt_date(t.date())
}

/// What is needed to freeze a certificate's content, read in one go.
#[derive(FromRow)]
struct IssueFacts {
    credit_id: CreditId,
    user_id: Option<UserId>,
    holder_name: Option<String>,
    holder_public_id: Option<String>,
    grade: String,
    ects: i64,
    module_id: ModuleId,
    code: String,
    title_da: String,
    title_en: String,
    competences: String,
    starts_on: String,
    ends_on: String,
    provider_name: String,
}

impl ProviderScope {
    /// The participants of a cohort who passed, each with their current certificate.
    pub async fn certificate_candidates(&self, cohort: CohortId) -> Result<Vec<CertificateCandidate>> {
        self.check_cohort(cohort).await?;
        Ok(sqlx::query_as(
            "SELECT e.id AS enrolment_id, emp.name, cr.grade, cr.ects, ce.id AS certificate_id,
                    ce.content AS certificate_content, ce.issued_at
             FROM credits cr JOIN enrolments e ON e.id = cr.enrolment_id JOIN employees emp ON emp.id = e.employee_id
             LEFT JOIN certificates ce ON ce.credit_id = cr.id AND ce.revoked_at IS NULL
             WHERE e.cohort_id = $1 ORDER BY emp.name, e.id",
        )
        .bind(cohort.0)
        .fetch_all(&self.store.pool)
        .await?)
    }

    /// Issues a certificate for a participant's passed module; a certificate already issued
    /// for the same credit is revoked and replaced. `issuer_base` is the site's base URL.
    pub async fn issue_certificate(
        &self,
        cohort: CohortId,
        enrolment: EnrolmentId,
        issuer_base: &str,
    ) -> Result<Certificate> {
        self.check_cohort(cohort).await?;
        let in_cohort: Option<i64> = sqlx::query_scalar("SELECT id FROM enrolments WHERE id = $1 AND cohort_id = $2")
            .bind(enrolment.0)
            .bind(cohort.0)
            .fetch_optional(&self.store.pool)
            .await?;
        if in_cohort.is_none() {
            return Err(Error::NotFound);
        }
        let facts: Option<IssueFacts> = sqlx::query_as(
            "SELECT cr.id AS credit_id, u.id AS user_id, u.name AS holder_name, u.public_id AS holder_public_id,
                    cr.grade, cr.ects, m.id AS module_id, m.code, m.title_da, m.title_en, m.competences,
                    c.starts_on, c.ends_on, o.name AS provider_name
             FROM credits cr JOIN enrolments e ON e.id = cr.enrolment_id JOIN employees emp ON emp.id = e.employee_id
             LEFT JOIN users u ON u.id = emp.user_id JOIN cohorts c ON c.id = e.cohort_id
             JOIN modules m ON m.id = cr.module_id JOIN organizations o ON o.id = c.provider_id
             WHERE cr.enrolment_id = $1",
        )
        .bind(enrolment.0)
        .fetch_optional(&self.store.pool)
        .await?;
        let Some(f) = facts else { return Err(ValidationError::new("enrolment", "err-cert-not-passed").into()) };
        if !Grade::parse("grade", &f.grade).is_ok_and(Grade::passed) {
            return Err(ValidationError::new("enrolment", "err-cert-not-passed").into());
        }
        // A certificate belongs to a person who can log in to fetch it and whose transcript it joins.
        let (Some(user_id), Some(holder_name)) = (f.user_id, f.holder_name.clone()) else {
            return Err(ValidationError::new("enrolment", "err-cert-no-login").into());
        };
        let key = self.store.signing_key(self.org_id(), issuer_base).await?;
        let programme: Option<(i64, String, String, String, String)> = sqlx::query_as(
            "SELECT p.id, p.code, p.title_da, p.title_en, p.structure FROM programme_modules pm
             JOIN programmes p ON p.id = pm.programme_id WHERE pm.module_id = $1 ORDER BY p.id LIMIT 1",
        )
        .bind(f.module_id)
        .fetch_optional(&self.store.pool)
        .await?;
        let (structure, programme_code, programme_da, programme_en, transfers) = match &programme {
            Some((pid, code, da, en, structure)) => {
                let transfers: Vec<(String, String, i64)> = sqlx::query_as(
                    "SELECT title, source, ects FROM credit_transfers WHERE user_id = $1 AND programme_id = $2 ORDER BY id",
                )
                .bind(user_id)
                .bind(pid)
                .fetch_all(&self.store.pool)
                .await?;
                (
                    Structure::parse("structure", structure).unwrap_or(Structure::Free),
                    code.clone(),
                    da.clone(),
                    en.clone(),
                    transfers,
                )
            }
            None => (Structure::Free, f.code.clone(), f.title_da.clone(), f.title_en.clone(), vec![]),
        };
        let (legal_da, legal_en) = structure.legal_basis();
        let degree = structure.degree_title();
        let holder_public_id = match f.holder_public_id {
            Some(p) => p,
            None => {
                let p = uuid::Uuid::new_v4().to_string();
                sqlx::query("UPDATE users SET public_id = $1 WHERE id = $2 AND public_id IS NULL")
                    .bind(&p)
                    .bind(user_id)
                    .execute(&self.store.pool)
                    .await?;
                sqlx::query_scalar("SELECT public_id FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_one(&self.store.pool)
                    .await?
            }
        };
        let public_id = uuid::Uuid::new_v4();
        let hex = public_id.simple().to_string().to_uppercase();
        let number = format!("KB-{}-{}-{}", &hex[0..4], &hex[4..8], &hex[8..12]);
        let grade = Grade::parse("grade", &f.grade).map_err(Error::from)?;
        let transfers: Vec<DiplomaTransfer> =
            transfers.into_iter().map(|(title, source, ects)| DiplomaTransfer { title, source, ects }).collect();
        let content = DiplomaContent {
            number,
            credential_id: format!("urn:uuid:{public_id}"),
            holder_name,
            holder_id: format!("urn:uuid:{holder_public_id}"),
            issuer_name: f.provider_name,
            issuer_id: format!("{}/issuers/{}", issuer_base.trim_end_matches('/'), self.org_id().0),
            programme_code,
            programme_title_da: programme_da,
            programme_title_en: programme_en,
            legal_basis_da: legal_da.into(),
            legal_basis_en: legal_en.into(),
            degree_title_da: degree.map(|d| d.0.to_string()),
            degree_title_en: degree.map(|d| d.1.to_string()),
            total_ects: f.ects + transfers.iter().map(|t| t.ects).sum::<i64>(),
            transfers,
            elements: vec![DiplomaElement {
                code: f.code,
                title_da: f.title_da,
                title_en: f.title_en,
                ects: f.ects,
                grade: grade.code().into(),
                ects_letter: grade.ects_letter().into(),
                starts_on: f.starts_on,
                ends_on: f.ends_on,
            }],
            exam_language: None,
            description: f.competences,
            issued_on: today(),
        };
        let issued_at = now();
        let credential = credential::build(&content, &iso_utc(issued_at));
        let jwt = credential::sign(&credential, &key.0, &key.1, issued_at)?;
        let content_json = serde_json::to_string(&content).map_err(|e| Error::Unexpected(e.into()))?;
        let mut tx = self.store.begin_write().await?;
        let id: CertificateId = sqlx::query_scalar(
            "INSERT INTO certificates (public_id, provider_id, user_id, credit_id, content, credential_jwt, issued_by, issued_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(public_id.to_string())
        .bind(self.org_id().0)
        .bind(user_id)
        .bind(f.credit_id)
        .bind(&content_json)
        .bind(&jwt)
        .bind(self.grant.user().0)
        .bind(issued_at)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE certificates SET revoked_at = $1, revoked_reason = $2, replaced_by = $3
             WHERE credit_id = $4 AND id <> $3 AND revoked_at IS NULL",
        )
        .bind(issued_at)
        .bind("Erstattet af nyt bevis / replaced by a new certificate")
        .bind(id)
        .bind(f.credit_id)
        .execute(&mut *tx)
        .await?;
        self.audit_in(
            &mut tx,
            "certificate.issued",
            format!("certificate:{}", id.0),
            format!("{} (enrolment {})", content.number, enrolment.0),
        )
        .await?;
        tx.commit().await?;
        Ok(Certificate {
            id,
            number: content.number.clone(),
            provider_id: self.org_id(),
            content,
            credential_jwt: jwt,
            issued_at,
            revoked_at: None,
            revoked_reason: None,
        })
    }

    /// One of this provider's certificates.
    pub async fn certificate(&self, id: CertificateId) -> Result<Certificate> {
        let r: CertificateRecord =
            sqlx::query_as(&format!("SELECT {CERT_COLS} FROM certificates WHERE id = $1 AND provider_id = $2"))
                .bind(id)
                .bind(self.org_id().0)
                .fetch_one(&self.store.pool)
                .await?;
        r.try_into()
    }

    /// This provider's certificates, newest first.
    pub async fn certificates(&self, page: super::PageRequest) -> Result<super::Paged<Certificate>> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM certificates WHERE provider_id = $1")
            .bind(self.org_id().0)
            .fetch_one(&self.store.pool)
            .await?;
        let rows: Vec<CertificateRecord> = sqlx::query_as(&format!(
            "SELECT {CERT_COLS} FROM certificates WHERE provider_id = $1 ORDER BY issued_at DESC, id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(self.org_id().0)
        .bind(i64::from(page.per_page))
        .bind(page.offset())
        .fetch_all(&self.store.pool)
        .await?;
        let items = rows.into_iter().map(Certificate::try_from).collect::<Result<Vec<_>>>()?;
        Ok(super::Paged { items, total, page: page.page, per_page: page.per_page })
    }

    /// Revokes a certificate; the verification page reports it as revoked from then on.
    pub async fn revoke_certificate(&self, id: CertificateId, reason: &str) -> Result<Certificate> {
        let cert = self.certificate(id).await?;
        let reason = ShortText::parse_required("reason", reason, 500)
            .map_err(|_| ValidationError::new("reason", "err-revoke-reason"))?;
        if cert.revoked_at.is_some() {
            return Err(Error::Conflict { field: "reason", key: "err-cert-already-revoked" });
        }
        let mut tx = self.store.begin_write().await?;
        let done = sqlx::query(
            "UPDATE certificates SET revoked_at = $1, revoked_reason = $2 WHERE id = $3 AND revoked_at IS NULL",
        )
        .bind(now())
        .bind(reason.as_str())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // Someone revoked it between our read and this write: theirs (and their reason) stands.
        if done.rows_affected() != 1 {
            return Err(Error::Conflict { field: "reason", key: "err-cert-already-revoked" });
        }
        self.audit_in(&mut tx, "certificate.revoked", format!("certificate:{}", id.0), reason.as_str().to_string())
            .await?;
        tx.commit().await?;
        self.certificate(id).await
    }
}

impl Store {
    /// The provider's newest signing key (kid, private PEM), made on first use.
    async fn signing_key(&self, org: OrgId, site: &str) -> Result<(String, String)> {
        let existing: Option<(String, String)> = sqlx::query_as(
            "SELECT kid, private_pem FROM signing_keys WHERE org_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(org)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(k) = existing {
            return Ok(k);
        }
        // RSA key generation takes a while: keep it off the async workers.
        let jwks_url = format!("{}/.well-known/jwks.json", site.trim_end_matches('/'));
        let key = tokio::task::spawn_blocking(move || credential::generate_key(&jwks_url))
            .await
            .map_err(|e| Error::Unexpected(e.into()))??;
        self.install_signing_key(org, &key).await?;
        Ok((key.kid, key.private_pem))
    }

    /// Installs a signing key for a provider; it becomes the one used from now on (key rotation,
    /// a key made elsewhere, and test fixtures that should not each search for RSA primes).
    pub async fn install_signing_key(&self, org: OrgId, key: &credential::NewKey) -> Result<()> {
        sqlx::query(
            "INSERT INTO signing_keys (org_id, kid, alg, private_pem, public_jwk, created_at) VALUES ($1, $2, 'RS256', $3, $4, $5)",
        )
        .bind(org.0)
        .bind(&key.kid)
        .bind(&key.private_pem)
        .bind(key.public_jwk.to_string())
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every provider's public keys as a JWK set.
    pub async fn jwks(&self) -> Result<Value> {
        let keys: Vec<String> =
            sqlx::query_scalar("SELECT public_jwk FROM signing_keys ORDER BY id").fetch_all(&self.pool).await?;
        let keys: Vec<Value> = keys.iter().filter_map(|k| serde_json::from_str(k).ok()).collect();
        Ok(json!({ "keys": keys }))
    }

    /// A provider's Open Badges issuer profile; None for an unknown id or a non-provider.
    pub async fn issuer_profile(&self, org: OrgId, issuer_base: &str) -> Result<Option<Value>> {
        let row: Option<(String, String)> = sqlx::query_as("SELECT name, kind FROM organizations WHERE id = $1")
            .bind(org)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.filter(|(_, kind)| kind == "provider").map(|(name, _)| {
            json!({
                "@context": [credential::CONTEXT_VC, credential::CONTEXT_OB],
                "id": format!("{}/issuers/{org}", issuer_base.trim_end_matches('/')),
                "type": ["Profile"],
                "name": name,
            })
        }))
    }

    /// A participant's own certificates, newest first (revoked ones included, marked).
    pub(crate) async fn my_certificates(&self, user: UserId) -> Result<Vec<Certificate>> {
        let rows: Vec<CertificateRecord> = sqlx::query_as(&format!(
            "SELECT {CERT_COLS} FROM certificates WHERE user_id = $1 ORDER BY issued_at DESC, id DESC"
        ))
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Certificate::try_from).collect()
    }

    /// One of a participant's own certificates.
    pub(crate) async fn my_certificate(&self, user: UserId, id: CertificateId) -> Result<Certificate> {
        let r: CertificateRecord =
            sqlx::query_as(&format!("SELECT {CERT_COLS} FROM certificates WHERE id = $1 AND user_id = $2"))
                .bind(id)
                .bind(user.0)
                .fetch_one(&self.pool)
                .await?;
        r.try_into()
    }

    /// Checks a presented credential: signature by one of our keys, claims consistent with
    /// the credential, issued by the key's own provider, and not revoked.
    pub async fn verify_credential(&self, presented: &str) -> Result<Verdict> {
        let token = extract_jwt(presented);
        let Some(kid) = credential::kid_of(&token) else { return Ok(Verdict::Malformed) };
        let key: Option<(i64, String)> = match &kid {
            Some(kid) => {
                sqlx::query_as("SELECT org_id, public_jwk FROM signing_keys WHERE kid = $1")
                    .bind(kid)
                    .fetch_optional(&self.pool)
                    .await?
            }
            None => None,
        };
        let jwk: Option<Value> = key.as_ref().and_then(|(_, j)| serde_json::from_str(j).ok());
        let credential = match credential::check(&token, jwk.as_ref()) {
            Checked::Malformed => return Ok(Verdict::Malformed),
            Checked::UnknownIssuer { .. } => return Ok(Verdict::UnknownIssuer),
            Checked::Tampered => return Ok(Verdict::Tampered),
            Checked::Signed { credential, .. } => credential,
        };
        let public_id = credential["id"].as_str().unwrap_or_default().trim_start_matches("urn:uuid:").to_string();
        let record: Option<(i64, String, Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT provider_id, credential_jwt, revoked_at, revoked_reason FROM certificates WHERE public_id = $1",
        )
        .bind(&public_id)
        .fetch_optional(&self.pool)
        .await?;
        let key_org = key.map(|(org, _)| org);
        let Some((provider, stored_jwt, revoked_at, reason)) = record else { return Ok(Verdict::UnknownIssuer) };
        // A key signs only for its own provider, and only what that provider registered.
        if Some(provider) != key_org || stored_jwt != token {
            return Ok(Verdict::Tampered);
        }
        let summary = summary(&credential);
        Ok(match revoked_at {
            Some(at) => Verdict::Revoked { summary, revoked_at: at, reason },
            None => Verdict::Valid { summary },
        })
    }
}

/// Accepts a bare compact JWS, or a JSON document holding one (e.g. {"credential": "…"} or a
/// JSON string), so a user may paste whichever file they downloaded.
fn extract_jwt(presented: &str) -> String {
    let s = presented.trim();
    if (s.starts_with('{') || s.starts_with('"'))
        && let Ok(v) = serde_json::from_str::<Value>(s)
    {
        let found = match &v {
            Value::String(t) => Some(t.clone()),
            Value::Object(o) => ["credential", "jwt", "proof"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str).map(str::to_string))
                .or_else(|| o.get("proof").and_then(|p| p["jwt"].as_str()).map(str::to_string)),
            _ => None,
        };
        if let Some(t) = found {
            return t.trim().to_string();
        }
    }
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
