//! Certificates: issue, frozen content, PDFs, the signed credential, the JWK set, revocation,
//! re-issue and the verification page's four verdicts.
use axum::http::{Method, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use kompetence_core::documents::credential;
use kompetence_core::domain::exam::ExamInput;
use kompetence_core::domain::{CohortId, EnrolmentId, UserId};
use kompetence_core::store::ProviderScope;
use serde_json::json;

use crate::support::{Provider, Session, TestApp};

struct World {
    p: Provider,
    scope: ProviderScope,
    cohort: CohortId,
    /// Åse passed with 10; Bent failed with −3.
    ase: UserId,
    ase_enrolment: EnrolmentId,
    bent_enrolment: EnrolmentId,
}

async fn world() -> World {
    let p = TestApp::provider().await;
    let scope = p.scope().await;
    let c = p.course("OEK").build().await.cohort;
    let teacher = p.t.user("torben@nordlys.dk", &[(p.org, "teacher")]).await;
    let aabenraa = p.t.municipality("Aabenraa Kommune", "hr@aabenraa.dk").await;
    let mut people = vec![];
    for (name, email) in [("Åse Ørum-Særkjær", "aase@aabenraa.dk"), ("Bent Berg", "bent@aabenraa.dk")] {
        let user = aabenraa.participant(&p.t, name, email).await;
        people.push((user, aabenraa.enrol(c.id, email).await));
    }
    let exam = scope
        .set_up_exam(
            c.id,
            &ExamInput {
                form: "oral".into(),
                handin_date: "2020-01-01".into(),
                handin_time: "12:00".into(),
                exam_date: "2020-01-10".into(),
                examiners: "torben@nordlys.dk".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let grader = p.scope_of(teacher).await;
    let attempts = grader.grading_view(exam.id).await.unwrap().attempts;
    for (enrolment, grade) in [(people[0].1, "10"), (people[1].1, "-3")] {
        let a = attempts.iter().find(|a| a.enrolment_id == enrolment).unwrap();
        grader.grade(exam.id, a.id, "whole", grade).await.unwrap();
    }
    World { scope, cohort: c.id, ase: people[0].0, ase_enrolment: people[0].1, bent_enrolment: people[1].1, p }
}

impl World {
    fn t(&self) -> &TestApp {
        &self.p.t
    }
    async fn issue(&self, enrolment: EnrolmentId) -> crate::support::Resp {
        let path = format!("/o/{}/cohorts/{}/certificates", self.p.org, self.cohort);
        self.t().post_form(&path, Some(&self.p.s), &[("enrolment_id", &enrolment.to_string())]).await
    }
    async fn ase(&self) -> Session {
        self.t().session(self.ase).await
    }
    async fn my_certificates(&self) -> serde_json::Value {
        let token = self.t().token(self.ase, None).await;
        self.t().api(Method::GET, "/api/v1/me/certificates", Some(&token), None).await.json()
    }
    async fn verify(&self, credential: &str) -> serde_json::Value {
        let r = self.t().api(Method::POST, "/api/v1/verify", None, Some(json!({ "credential": credential }))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.json()
    }
}

fn payload(jwt: &str) -> serde_json::Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1).unwrap()).unwrap()).unwrap()
}

/// Changes the grade inside a signed credential, keeping the original signature.
fn tamper(jwt: &str) -> String {
    let parts: Vec<&str> = jwt.split('.').collect();
    let mut p = payload(jwt);
    p["credentialSubject"]["result"][0]["value"] = json!("12");
    format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(serde_json::to_vec(&p).unwrap()), parts[2])
}

#[tokio::test]
async fn a_passed_participant_downloads_a_certificate_that_verifies_and_stays_as_issued() {
    let w = world().await;
    assert_eq!(w.issue(w.ase_enrolment).await.status, StatusCode::SEE_OTHER);
    let certs = w.my_certificates().await;
    let cert = &certs[0];
    let (id, jwt) = (cert["id"].as_i64().unwrap(), cert["credential_jwt"].as_str().unwrap().to_string());
    assert_eq!(cert["content"]["holder_name"], "Åse Ørum-Særkjær");
    assert_eq!(cert["content"]["elements"][0]["grade"], "10");
    assert_eq!(cert["content"]["elements"][0]["ects_letter"], "B");
    assert_eq!(cert["content"]["total_ects"], 10);

    // The participant's page lists it with its downloads, in Danish and English.
    let s = w.ase().await;
    let page = w.t().get("/me/certificates", Some(&s)).await;
    assert!(page.body.contains(cert["number"].as_str().unwrap()), "{}", page.body);
    for lang in ["", "?lang=en"] {
        let pdf = w.t().get(&format!("/me/certificates/{id}/diploma.pdf{lang}"), Some(&s)).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(pdf.headers["content-type"], "application/pdf");
        assert!(pdf.bytes.starts_with(b"%PDF-"), "not a PDF");
        // The font is embedded, not referenced.
        assert!(pdf.bytes.windows(9).any(|w| w == b"FontFile2"), "font not embedded");
    }
    let file = w.t().get(&format!("/me/certificates/{id}/credential.jwt"), Some(&s)).await;
    assert_eq!(file.body, jwt);
    let json_file = w.t().get(&format!("/me/certificates/{id}/credential.json"), Some(&s)).await.json();
    assert_eq!(json_file["decoded"]["type"], json!(["VerifiableCredential", "OpenBadgeCredential"]));

    // The credential carries the VC-JWT claims and the verification page says valid.
    let claims = payload(&jwt);
    assert_eq!(claims["iss"], claims["issuer"]["id"]);
    assert_eq!(claims["jti"], claims["id"]);
    assert_eq!(claims["sub"], claims["credentialSubject"]["id"]);
    assert!(claims["sub"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(w.verify(&jwt).await["status"], "valid");
    let visitor = w.t().post_form("/verify", None, &[("credential", &jwt)]).await;
    assert!(visitor.body.contains("Gyldigt bevis") && visitor.body.contains("Åse Ørum-Særkjær"), "{}", visitor.body);
    // The downloaded JSON file verifies as it is, too.
    assert_eq!(w.verify(&serde_json::to_string(&json_file).unwrap()).await["status"], "valid");

    // A later change of name does not alter the issued certificate.
    w.t().store.raw_execute(&format!("UPDATE users SET name = 'Åse Nynavn' WHERE id = {}", w.ase.0)).await.unwrap();
    assert_eq!(w.my_certificates().await[0]["content"]["holder_name"], "Åse Ørum-Særkjær");
    assert_eq!(w.verify(&jwt).await["status"], "valid");

    // The JWK set publishes the key named in the header; the issuer profile names the provider.
    let kid = credential::kid_of(&jwt).unwrap().unwrap();
    let jwks = w.t().get("/.well-known/jwks.json", None).await.json();
    assert!(jwks["keys"].as_array().unwrap().iter().any(|k| k["kid"] == kid.as_str() && k["kty"] == "RSA"));
    let issuer_path = format!("/issuers/{}", w.p.org);
    let profile = w.t().get(&issuer_path, None).await.json();
    assert_eq!(profile["name"], "Professionshøjskolen Nordlys");
    assert!(claims["iss"].as_str().unwrap().ends_with(&issuer_path));

    // CI hands these to the independent checkers (pdftotext, openbadgeslib, the 1EdTech schema).
    if let Ok(dir) = std::env::var("KOMPETENCE_CERT_SAMPLE_DIR") {
        let dir = std::path::Path::new(&dir);
        std::fs::create_dir_all(dir).unwrap();
        for (lang, name) in [("", "diploma-da.pdf"), ("?lang=en", "diploma-en.pdf")] {
            let pdf = w.t().get(&format!("/me/certificates/{id}/diploma.pdf{lang}"), Some(&s)).await;
            std::fs::write(dir.join(name), &pdf.bytes).unwrap();
        }
        let transcript = w.t().get("/me/transcript.pdf", Some(&s)).await;
        std::fs::write(dir.join("transcript-da.pdf"), &transcript.bytes).unwrap();
        std::fs::write(dir.join("credential.jwt"), &jwt).unwrap();
        std::fs::write(dir.join("tampered.jwt"), tamper(&jwt)).unwrap();
        std::fs::write(dir.join("jwks.json"), jwks.to_string()).unwrap();
    }
}

#[tokio::test]
async fn the_verification_page_tells_valid_tampered_revoked_and_unknown_issuer_apart() {
    let w = world().await;
    w.issue(w.ase_enrolment).await;
    let cert = w.my_certificates().await[0].clone();
    let jwt = cert["credential_jwt"].as_str().unwrap().to_string();

    assert_eq!(w.verify(&tamper(&jwt)).await["status"], "tampered");
    let page = w.t().post_form("/verify", None, &[("credential", &tamper(&jwt))]).await;
    assert!(page.body.contains("Ugyldigt"), "{}", page.body);

    // Signed by a key that is not ours: unknown issuer, even with our issuer's name in it.
    let foreign = credential::generate_key("https://elsewhere.example/.well-known/jwks.json").unwrap();
    let forged = credential::sign(&payload(&jwt), &foreign.kid, &foreign.private_pem, 1_700_000_000).unwrap();
    assert_eq!(w.verify(&forged).await["status"], "unknown_issuer");
    assert_eq!(w.verify("hello").await["status"], "malformed");

    // Nothing pasted and no file: an error in Danish, and the page keeps what was typed.
    let empty = w.t().post_form("/verify", None, &[("credential", "  ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Indsæt et bevis eller vælg en fil."));

    // Revoked by the provider: reported as revoked, with the reason. A blank reason is refused
    // on the certificates page itself.
    let revoke = format!("/o/{}/certificates/{}/revoke", w.p.org, cert["id"]);
    let blank = w
        .t()
        .post_form(&revoke, Some(&w.p.s), &[("reason", "  "), ("back", "/"), ("cohort_id", &w.cohort.to_string())])
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.body.contains("Skriv en begrundelse") && blank.body.contains("Beståede deltagere"), "{}", blank.body);
    assert_eq!(w.verify(&jwt).await["status"], "valid");
    let r = w.t().post_form(&revoke, Some(&w.p.s), &[("reason", "Fejl i karakteren"), ("back", "/")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let v = w.verify(&jwt).await;
    assert_eq!(v["status"], "revoked");
    assert_eq!(v["reason"], "Fejl i karakteren");
    let page = w.t().post_form("/verify", None, &[("credential", &jwt)]).await;
    assert!(page.body.contains("Beviset er tilbagekaldt") && page.body.contains("Fejl i karakteren"));
    // Revoking twice is refused; the first reason stays.
    let again = w.t().post_form(&revoke, Some(&w.p.s), &[("reason", "Igen"), ("back", "/")]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(w.verify(&jwt).await["reason"], "Fejl i karakteren");
}

#[tokio::test]
async fn only_a_passed_module_gets_a_certificate_and_a_reissue_revokes_the_old_one() {
    let w = world().await;
    let refused = w.issue(w.bent_enrolment).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Der kan kun udstedes bevis for et bestået modul."), "{}", refused.body);
    let page = kompetence_core::store::PageRequest::new(None, None);
    assert_eq!(w.scope.certificates(page).await.unwrap().total, 0);

    w.issue(w.ase_enrolment).await;
    let first = w.my_certificates().await[0].clone();
    w.issue(w.ase_enrolment).await;
    let certs = w.my_certificates().await;
    assert_eq!(certs.as_array().unwrap().len(), 2);
    let second = certs.as_array().unwrap().iter().find(|c| c["id"] != first["id"]).unwrap();
    assert_ne!(second["number"], first["number"]);
    assert_eq!(w.verify(first["credential_jwt"].as_str().unwrap()).await["status"], "revoked");
    assert_eq!(w.verify(second["credential_jwt"].as_str().unwrap()).await["status"], "valid");

    // The provider's list shows the current certificate only.
    let page = w.t().get(&format!("/o/{}/cohorts/{}/certificates", w.p.org, w.cohort), Some(&w.p.s)).await;
    assert!(page.body.contains(second["number"].as_str().unwrap()));
    assert!(!page.body.contains(first["number"].as_str().unwrap()));
    // Bent (failed) is not offered a certificate.
    assert!(!page.body.contains("Bent Berg"));
    // A revoked certificate's downloads are no longer offered to the participant.
    let s = w.ase().await;
    let mine = w.t().get("/me/certificates", Some(&s)).await;
    assert_eq!(mine.body.matches("/diploma.pdf\"").count(), 1, "{}", mine.body);
}

#[tokio::test]
async fn the_transcript_lists_credit_transfers_and_comes_as_a_pdf() {
    let w = world().await;
    let programme = w
        .scope
        .create_programme(&kompetence_core::store::ProgrammeInput {
            code: "KOM".into(),
            title_da: "Kommunom".into(),
            title_en: "Kommunom".into(),
            structure: "kommunom".into(),
            description: String::new(),
        })
        .await
        .unwrap();
    w.scope.add_credit_transfer(programme.id, "aase@aabenraa.dk", "Jura", "EA Syd", "5").await.unwrap();
    let s = w.ase().await;
    let token = w.t().token(w.ase, None).await;
    let t = w.t().api(Method::GET, "/api/v1/me/transcript", Some(&token), None).await.json();
    assert_eq!(t["transfers"][0]["title"], "Jura");
    // 10 ECTS earned + 5 transferred; the average counts graded modules only.
    assert_eq!(t["total_ects"], 15);
    assert_eq!(t["average"], "10.0");
    let page = w.t().get("/me/transcript", Some(&s)).await;
    assert!(page.body.contains("Jura") && page.body.contains("EA Syd"));
    // Åse follows her own progress in the programme the transfer counts towards.
    let progress = w.t().api(Method::GET, "/api/v1/me/progress", Some(&token), None).await.json();
    assert_eq!(progress[0]["programme_title_da"], "Kommunom");
    assert_eq!(progress[0]["transferred_ects"], 5);
    let page = w.t().get("/me/progress", Some(&s)).await;
    assert!(page.body.contains("Kommunom") && page.body.contains("5 ECTS"), "{}", page.body);
    let pdf = w.t().get("/me/transcript.pdf?lang=en", Some(&s)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.bytes.starts_with(b"%PDF-"));
}
