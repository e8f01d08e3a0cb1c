//! Benchmarks of the hot domain code (issue 6, part 4): grade arithmetic, the iCalendar
//! writer, signing a verifiable credential, and PDF generation per document.
//! Run with `cargo bench -p kompetence-core`; results are recorded in docs/performance.md.
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kompetence_core::documents::credential;
use kompetence_core::documents::diploma::{DiplomaContent, DiplomaElement, diploma_pdf};
use kompetence_core::documents::ical::{CalEvent, calendar};
use kompetence_core::domain::{Grade, Locale, Rounding, censor_rule, weighted_average};

const GRADES: [&str; 7] = ["12", "10", "7", "4", "02", "00", "-3"];

fn content() -> DiplomaContent {
    DiplomaContent {
        number: "KB-BENC-H000-0001".into(),
        credential_id: "urn:uuid:0b6b3c1e-2d6f-4b1a-9a55-6a3f2b9e1c01".into(),
        holder_name: "Åse Ørum-Særkjær".into(),
        holder_id: "urn:uuid:7f1d0c4e-5a0e-4c2b-8d11-2f4f7a6b9c33".into(),
        issuer_name: "Professionshøjskolen Nordlys".into(),
        issuer_id: "https://kompetence.example/issuers/2".into(),
        programme_code: "KOM".into(),
        programme_title_da: "Kommunomuddannelsen".into(),
        programme_title_en: "The Kommunom programme".into(),
        legal_basis_da: "Bekendtgørelse om akademiuddannelser".into(),
        legal_basis_en: "Executive Order on Academy Profession Programmes".into(),
        degree_title_da: Some("Kommunom (akademiuddannelse)".into()),
        degree_title_en: Some("Kommunom (Academy Profession degree)".into()),
        elements: vec![DiplomaElement {
            code: "OEK1".into(),
            title_da: "Økonomistyring i kommunen".into(),
            title_en: "Financial management in the municipality".into(),
            ects: 10,
            grade: "10".into(),
            ects_letter: "B".into(),
            starts_on: "2026-01-05".into(),
            ends_on: "2026-05-30".into(),
        }],
        transfers: vec![],
        total_ects: 10,
        exam_language: None,
        description: "Kan rådgive ledere om økonomi og processer i ERP-systemet.".into(),
        issued_on: "2026-06-20".into(),
    }
}

fn grades(c: &mut Criterion) {
    let all: Vec<Grade> = GRADES.iter().map(|g| Grade::parse("g", g).unwrap()).collect();
    c.bench_function("censor rule, all 49 pairs", |b| {
        b.iter(|| {
            for e in &all {
                for s in &all {
                    black_box(censor_rule(black_box(*e), black_box(*s)));
                }
            }
        })
    });
    let transcript: Vec<(Grade, u32)> = (0..30).map(|i| (all[i % 7], [5, 10, 15][i % 3])).collect();
    c.bench_function("ECTS-weighted average, 30 modules", |b| {
        b.iter(|| black_box(weighted_average(black_box(&transcript), Rounding::HalfUp)))
    });
}

fn ical(c: &mut Criterion) {
    let date = time::macros::date!(2026 - 09 - 01);
    let events: Vec<CalEvent> = (0..40)
        .map(|i| CalEvent {
            uid: format!("day-{i}@kompetence"),
            date: date.saturating_add(time::Duration::days(i * 7)),
            starts: time::macros::time!(9:00),
            ends: time::macros::time!(15:30),
            summary: "Undervisningsdag: Rollen som rådgiver, processer og data i ERP".into(),
            location: Some("Campus Rønne, lokale 1.12".into()),
            description: Some("Læs casen om lønkørsel i kommunen, og medbring et eksempel fra egen praksis.".into()),
        })
        .collect();
    let now = time::OffsetDateTime::UNIX_EPOCH;
    c.bench_function("iCalendar feed, 40 days", |b| {
        b.iter(|| black_box(calendar("Mit forløb", black_box(&events), now)))
    });
}

fn credentials(c: &mut Criterion) {
    let key = credential::generate_key("https://kompetence.example/.well-known/jwks.json").unwrap();
    let body = credential::build(&content(), "2026-06-20T10:00:00Z");
    c.bench_function("Open Badges credential: build and sign (RS256)", |b| {
        b.iter(|| {
            let cred = credential::build(black_box(&content()), "2026-06-20T10:00:00Z");
            black_box(credential::sign(&cred, &key.kid, &key.private_pem, 1_781_949_600).unwrap())
        })
    });
    let jwt = credential::sign(&body, &key.kid, &key.private_pem, 1_781_949_600).unwrap();
    c.bench_function("Open Badges credential: verify", |b| {
        b.iter(|| black_box(credential::check(black_box(&jwt), Some(&key.public_jwk))))
    });
}

fn pdfs(c: &mut Criterion) {
    let mut g = c.benchmark_group("PDF");
    g.sample_size(20);
    let content = content();
    g.bench_function("diploma (Danish)", |b| {
        b.iter(|| black_box(diploma_pdf(black_box(&content), Locale::Da).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, grades, ical, credentials, pdfs);
criterion_main!(benches);
