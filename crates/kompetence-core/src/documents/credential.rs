//! Open Badges 3.0 credentials signed as VC-JWT (rules.md): building the credential from a
//! certificate's frozen content, signing with the provider's RSA key (RS256), publishing the
//! public keys as a JWK set, and checking a presented credential.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rsa::RsaPrivateKey;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::diploma::DiplomaContent;

pub const CONTEXT_VC: &str = "https://www.w3.org/ns/credentials/v2";
pub const CONTEXT_OB: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
pub const SCHEMA_ID: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

/// A new provider key: its id, the private key (PKCS#1 PEM) and the public JWK.
#[derive(Clone)]
pub struct NewKey {
    pub kid: String,
    pub private_pem: String,
    pub public_jwk: Value,
}

/// Makes an RSA-2048 key. Its id is a URI (as OB 3.0 asks): the JWK set's URL with the RFC 7638
/// thumbprint of the public JWK as fragment.
pub fn generate_key(jwks_url: &str) -> anyhow::Result<NewKey> {
    let private = RsaPrivateKey::new(&mut rand::thread_rng(), 2048)?;
    let n = URL_SAFE_NO_PAD.encode(private.n().to_bytes_be());
    let e = URL_SAFE_NO_PAD.encode(private.e().to_bytes_be());
    // The thumbprint input is the required members in lexicographic order, no whitespace.
    let canonical = format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#);
    let kid = format!("{jwks_url}#{}", URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes())));
    let public_jwk = json!({"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": n, "e": e});
    let private_pem = private.to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)?.to_string();
    Ok(NewKey { kid, private_pem, public_jwk })
}

/// The OpenBadgeCredential for a certificate (unsigned).
pub fn build(c: &DiplomaContent, valid_from: &str) -> Value {
    let element = c.elements.first();
    let achievement_id = format!("{}/achievements/{}", c.issuer_id, element.map(|e| e.code.as_str()).unwrap_or("x"));
    let result_description_id = format!("{achievement_id}#grade");
    let grades: Vec<&str> = ["12", "10", "7", "4", "02", "00", "-3"].to_vec();
    let ects = element.map(|e| e.ects).unwrap_or(c.total_ects) as f64;
    let mut subject = json!({
        "id": c.holder_id,
        "type": ["AchievementSubject"],
        "identifier": [{
            "type": "IdentityObject",
            "identityHash": c.holder_name,
            "identityType": "name",
            "hashed": false
        }],
        "achievement": {
            "id": achievement_id,
            "type": ["Achievement"],
            "achievementType": "Course",
            "name": element.map(|e| e.title_da.clone()).unwrap_or_default(),
            "description": c.description,
            "criteria": {
                "narrative": "Bestået prøve bedømt efter 7-trinsskalaen (mindst 02). Passed exam graded on the Danish 7-point scale (at least 02)."
            },
            "creditsAvailable": ects,
            "inLanguage": "da",
            "resultDescription": [{
                "id": result_description_id,
                "type": ["ResultDescription"],
                "name": "Karakter efter 7-trinsskalaen",
                "resultType": "LetterGrade",
                "allowedValue": grades,
                "requiredValue": "02"
            }]
        },
        "creditsEarned": ects
    });
    if let Some(e) = element {
        subject["result"] = json!([{
            "type": ["Result"],
            "resultDescription": result_description_id,
            "value": crate::domain::Grade::parse("grade", &e.grade).map(|g| g.as_str()).unwrap_or(&e.grade),
            "status": "Completed"
        }]);
    }
    json!({
        "@context": [CONTEXT_VC, CONTEXT_OB],
        "id": c.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": c.issuer_id, "type": ["Profile"], "name": c.issuer_name},
        "name": format!("{}: {}", c.number, element.map(|e| e.title_da.as_str()).unwrap_or("")),
        "validFrom": valid_from,
        "credentialSubject": subject,
        "credentialSchema": [{"id": SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}]
    })
}

/// Signs a credential as a VC-JWT: the credential's own members are the JWT claims, plus the
/// registered claims the VC-JWT mapping asks for.
pub fn sign(credential: &Value, kid: &str, private_pem: &str, valid_from_unix: i64) -> anyhow::Result<String> {
    let mut claims = credential.clone();
    let obj = claims.as_object_mut().ok_or_else(|| anyhow::anyhow!("credential is not an object"))?;
    obj.insert("iss".into(), credential["issuer"]["id"].clone());
    obj.insert("jti".into(), credential["id"].clone());
    obj.insert("sub".into(), credential["credentialSubject"]["id"].clone());
    obj.insert("nbf".into(), json!(valid_from_unix));
    obj.insert("iat".into(), json!(valid_from_unix));
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.to_string());
    header.typ = Some("JWT".into());
    let key = EncodingKey::from_rsa_pem(private_pem.as_bytes())?;
    Ok(jsonwebtoken::encode(&header, &claims, &key)?)
}

/// What a presented credential turned out to be, before the registry (revocation) is asked.
#[derive(Debug)]
pub enum Checked {
    /// Not a compact JWS at all (or not JSON inside).
    Malformed,
    /// Signed with a key we do not know.
    UnknownIssuer { kid: Option<String> },
    /// The signature does not match the content, or the claims contradict the credential.
    Tampered,
    /// A good signature by one of our keys over this credential.
    Signed { kid: String, credential: Value },
}

/// The key id a compact JWS names in its header; None when the header does not parse.
pub fn kid_of(token: &str) -> Option<Option<String>> {
    jsonwebtoken::decode_header(token.trim()).map(|h| h.kid).ok()
}

/// Verifies `token` with the public JWK found for its `kid` (None: not one of ours).
pub fn check(token: &str, jwk: Option<&Value>) -> Checked {
    let token = token.trim();
    let Some(kid) = kid_of(token) else { return Checked::Malformed };
    let Some(jwk) = jwk else { return Checked::UnknownIssuer { kid } };
    let (Some(n), Some(e)) = (jwk["n"].as_str(), jwk["e"].as_str()) else { return Checked::UnknownIssuer { kid } };
    let Ok(key) = DecodingKey::from_rsa_components(n, e) else { return Checked::UnknownIssuer { kid } };
    let mut validation = Validation::new(Algorithm::RS256);
    validation.required_spec_claims.clear();
    validation.validate_exp = true;
    validation.validate_nbf = true;
    validation.validate_aud = false;
    let claims = match jsonwebtoken::decode::<Value>(token, &key, &validation) {
        Ok(data) => data.claims,
        Err(err) => {
            return match err.kind() {
                jsonwebtoken::errors::ErrorKind::InvalidToken
                | jsonwebtoken::errors::ErrorKind::Base64(_)
                | jsonwebtoken::errors::ErrorKind::Json(_)
                | jsonwebtoken::errors::ErrorKind::Utf8(_) => Checked::Malformed,
                _ => Checked::Tampered,
            };
        }
    };
    // The registered claims must agree with the credential they wrap.
    let agrees = claims["iss"] == claims["issuer"]["id"]
        && claims["jti"] == claims["id"]
        && claims["sub"] == claims["credentialSubject"]["id"];
    let typed = claims["type"].as_array().is_some_and(|t| t.iter().any(|x| x == "OpenBadgeCredential"));
    if !agrees || !typed {
        return Checked::Tampered;
    }
    Checked::Signed { kid: kid.unwrap_or_default(), credential: claims }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::diploma::DiplomaElement;

    fn content() -> DiplomaContent {
        DiplomaContent {
            number: "KB-TEST-1".into(),
            credential_id: "urn:uuid:0b6b3c1e-2d6f-4b1a-9a55-6a3f2b9e1c01".into(),
            holder_name: "Åse Ørum".into(),
            holder_id: "urn:uuid:7f1d0c4e-5a0e-4c2b-8d11-2f4f7a6b9c33".into(),
            issuer_name: "Professionshøjskolen Syd".into(),
            issuer_id: "https://kompetence.example/issuers/2".into(),
            programme_code: "KOM".into(),
            programme_title_da: "Kommunomuddannelsen".into(),
            programme_title_en: "Kommunom programme".into(),
            legal_basis_da: "lov".into(),
            legal_basis_en: "act".into(),
            degree_title_da: None,
            degree_title_en: None,
            elements: vec![DiplomaElement {
                code: "OEK1".into(),
                title_da: "Økonomistyring".into(),
                title_en: "Financial management".into(),
                ects: 10,
                grade: "10".into(),
                ects_letter: "B".into(),
                starts_on: "2026-01-05".into(),
                ends_on: "2026-05-30".into(),
            }],
            transfers: vec![],
            total_ects: 10,
            exam_language: None,
            description: "Kompetencer i økonomistyring".into(),
            issued_on: "2026-06-20".into(),
        }
    }

    fn signed() -> (NewKey, String) {
        let key = generate_key("https://kompetence.example/.well-known/jwks.json").unwrap();
        let cred = build(&content(), "2026-06-20T10:00:00Z");
        let jwt = sign(&cred, &key.kid, &key.private_pem, 1_781_949_600).unwrap();
        (key, jwt)
    }

    #[test]
    fn a_signed_credential_verifies_with_its_key_and_carries_the_vc_jwt_claims() {
        let (key, jwt) = signed();
        let header = jsonwebtoken::decode_header(&jwt).unwrap();
        assert_eq!(header.alg, Algorithm::RS256);
        assert_eq!(header.typ.as_deref(), Some("JWT"));
        match check(&jwt, Some(&key.public_jwk)) {
            Checked::Signed { kid, credential } => {
                assert_eq!(kid, key.kid);
                assert_eq!(credential["iss"], "https://kompetence.example/issuers/2");
                assert_eq!(credential["sub"], content().holder_id);
                assert_eq!(credential["credentialSubject"]["identifier"][0]["identityHash"], "Åse Ørum");
            }
            other => panic!("expected a valid credential, got {other:?}"),
        }
    }

    #[test]
    fn a_changed_payload_is_tampered_and_a_foreign_key_is_an_unknown_issuer() {
        let (key, jwt) = signed();
        let parts: Vec<&str> = jwt.split('.').collect();
        let mut payload: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        payload["credentialSubject"]["result"][0]["value"] = json!("12");
        let forged =
            format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(serde_json::to_vec(&payload).unwrap()), parts[2]);
        assert!(matches!(check(&forged, Some(&key.public_jwk)), Checked::Tampered));
        let other = generate_key("https://kompetence.example/.well-known/jwks.json").unwrap();
        assert!(matches!(check(&jwt, Some(&other.public_jwk)), Checked::Tampered));
        assert!(matches!(check(&jwt, None), Checked::UnknownIssuer { .. }));
        assert!(matches!(check("not a credential", Some(&key.public_jwk)), Checked::Malformed));
    }
}
