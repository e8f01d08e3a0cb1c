//! The certificate (kursusbevis) and the transcript as PDF documents.
//!
//! A certificate is rendered from [`DiplomaContent`], the snapshot frozen when it was issued:
//! nothing is looked up again, so a later change of name or title cannot alter it. The
//! content holds every field the exam order's § 51 requires, in Danish and English.
use serde::{Deserialize, Serialize};

use super::pdf::PdfWriter;
use crate::domain::{Grade, Locale};
use crate::store::Transcript;

/// One examined element (a module) with its credits and grade.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct DiplomaElement {
    pub code: String,
    pub title_da: String,
    pub title_en: String,
    pub ects: i64,
    /// The grade's code, e.g. "02" or "-3".
    pub grade: String,
    pub ects_letter: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// A credit-transferred exam (merit) shown on the certificate.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct DiplomaTransfer {
    pub title: String,
    pub source: String,
    pub ects: i64,
}

/// Everything a certificate states, frozen at issue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct DiplomaContent {
    /// The certificate's unique number, printed and used to look it up.
    pub number: String,
    /// The credential id (urn:uuid:…) of the signed Open Badge.
    pub credential_id: String,
    pub holder_name: String,
    /// Opaque holder id (urn:uuid:…), the credential's subject.
    pub holder_id: String,
    pub issuer_name: String,
    /// The issuer profile's URL.
    pub issuer_id: String,
    pub programme_code: String,
    pub programme_title_da: String,
    pub programme_title_en: String,
    pub legal_basis_da: String,
    pub legal_basis_en: String,
    /// The title the programme entitles to once completed; None for a single subject.
    pub degree_title_da: Option<String>,
    pub degree_title_en: Option<String>,
    pub elements: Vec<DiplomaElement>,
    pub transfers: Vec<DiplomaTransfer>,
    pub total_ects: i64,
    /// Set only when the exam was not held in Danish.
    pub exam_language: Option<String>,
    /// A short description of the competences the module gives (Danish).
    pub description: String,
    /// 'YYYY-MM-DD'
    pub issued_on: String,
}

struct Labels {
    doc_title: &'static str,
    holder: &'static str,
    number: &'static str,
    issuer: &'static str,
    programme: &'static str,
    legal_basis: &'static str,
    elements: &'static str,
    module: &'static str,
    period: &'static str,
    grade: &'static str,
    ects_grade: &'static str,
    transfers: &'static str,
    source: &'static str,
    total: &'static str,
    title: &'static str,
    no_title: &'static str,
    exam_language: &'static str,
    scale: &'static str,
    issued_on: &'static str,
    verify: &'static str,
    transcript: &'static str,
    average: &'static str,
    printed: &'static str,
    none: &'static str,
}

fn labels(lang: Locale) -> Labels {
    match lang {
        Locale::Da => Labels {
            doc_title: "Kursusbevis",
            holder: "Navn",
            number: "Bevisnummer",
            issuer: "Udstedt af",
            programme: "Uddannelse",
            legal_basis: "Retsgrundlag",
            elements: "Bestået uddannelseselement",
            module: "Modul",
            period: "Periode",
            grade: "Karakter",
            ects_grade: "ECTS-karakter",
            transfers: "Meritoverførte prøver",
            source: "Fra",
            total: "ECTS-point i alt",
            title: "Titel",
            no_title: "Beviset giver ikke i sig selv ret til en titel. Modulet indgår i uddannelsen, som giver ret til titlen",
            exam_language: "Eksamenssprog",
            scale: "Karakteren er givet efter 7-trinsskalaen (bekendtgørelse om karakterskala og anden bedømmelse). 02 er laveste beståede karakter.",
            issued_on: "Udstedt den",
            verify: "Beviset findes også som digitalt, signeret Open Badges 3.0-bevis. Ægthed kan kontrolleres på udbyderens verifikationsside med bevisnummeret",
            transcript: "Karakterudskrift",
            average: "ECTS-vægtet gennemsnit",
            printed: "Udskrevet den",
            none: "Ingen",
        },
        Locale::En => Labels {
            doc_title: "Course certificate",
            holder: "Name",
            number: "Certificate number",
            issuer: "Issued by",
            programme: "Programme",
            legal_basis: "Legal basis",
            elements: "Passed programme element",
            module: "Module",
            period: "Period",
            grade: "Grade",
            ects_grade: "ECTS grade",
            transfers: "Credit-transferred exams",
            source: "From",
            total: "ECTS credits in all",
            title: "Title",
            no_title: "This certificate alone confers no title. The module counts towards the programme, which entitles to the title",
            exam_language: "Language of examination",
            scale: "Graded on the Danish 7-point grading scale. 02 is the lowest passing grade.",
            issued_on: "Issued on",
            verify: "This certificate also exists as a digitally signed Open Badges 3.0 credential. Its authenticity can be checked on the provider's verification page with the certificate number",
            transcript: "Transcript of records",
            average: "ECTS-weighted grade average",
            printed: "Printed on",
            none: "None",
        },
    }
}

fn written(code: &str) -> String {
    Grade::parse("grade", code).map(|g| g.as_str().to_string()).unwrap_or_else(|_| code.to_string())
}

/// The certificate as a PDF in the requested language.
pub fn diploma_pdf(c: &DiplomaContent, lang: Locale) -> anyhow::Result<Vec<u8>> {
    let l = labels(lang);
    let en = lang == Locale::En;
    let pick = |da: &str, en_text: &str| if en { en_text.to_string() } else { da.to_string() };
    let mut w = PdfWriter::new(&format!("{} {}", l.doc_title, c.number))?;
    w.para(&c.issuer_name, 12.0);
    w.gap(6.0);
    w.heading(l.doc_title, 26.0);
    w.gap(4.0);
    w.field(l.holder, &c.holder_name, 12.0);
    w.field(l.number, &c.number, 11.0);
    w.field(l.issuer, &c.issuer_name, 11.0);
    w.rule();
    // Both titles always appear: § 51 asks for the programme title in Danish and English.
    w.field(l.programme, &format!("{} / {}", c.programme_title_da, c.programme_title_en), 11.0);
    w.field(l.legal_basis, &pick(&c.legal_basis_da, &c.legal_basis_en), 10.0);
    if let Some(lang_name) = &c.exam_language {
        w.field(l.exam_language, lang_name, 10.0);
    }
    w.gap(3.0);
    w.heading(l.elements, 13.0);
    let cols = [0.0, 100.0, 118.0, 140.0];
    w.row(&[(cols[0], l.module), (cols[1], "ECTS"), (cols[2], l.grade), (cols[3], l.ects_grade)], 10.0, true);
    for e in &c.elements {
        let title = format!("{} {}", e.code, pick(&e.title_da, &e.title_en));
        let grade = written(&e.grade);
        w.row(&[(cols[1], &e.ects.to_string()), (cols[2], &grade), (cols[3], &e.ects_letter)], 10.0, false);
        w.gap(-(10.0 * 0.3528 * 1.5));
        w.para_at(&title, 10.0, 0.0, false);
        w.para_at(&format!("{}: {} – {}", l.period, e.starts_on, e.ends_on), 9.0, 4.0, false);
    }
    w.gap(2.0);
    w.heading(l.transfers, 12.0);
    if c.transfers.is_empty() {
        w.para(l.none, 10.0);
    }
    for t in &c.transfers {
        w.para(&format!("{} ({}: {}) – {} ECTS", t.title, l.source, t.source, t.ects), 10.0);
    }
    w.gap(2.0);
    w.field(l.total, &c.total_ects.to_string(), 11.0);
    match (&c.degree_title_da, &c.degree_title_en) {
        (Some(da), Some(en_title)) => w.field(l.title, &format!("{}: {da} / {en_title}", l.no_title), 10.0),
        _ => w.field(l.title, l.none, 10.0),
    }
    w.gap(3.0);
    w.para(&pick(&c.description, &c.description), 9.0);
    w.gap(2.0);
    w.para(l.scale, 9.0);
    w.rule();
    w.field(l.issued_on, &c.issued_on, 11.0);
    w.gap(2.0);
    w.para(&format!("{}: {}", l.verify, c.number), 8.0);
    w.para(&c.credential_id, 8.0);
    w.finish()
}

/// The transcript of records as a PDF; `printed_on` is today's date ('YYYY-MM-DD').
pub fn transcript_pdf(t: &Transcript, lang: Locale, printed_on: &str) -> anyhow::Result<Vec<u8>> {
    let l = labels(lang);
    let en = lang == Locale::En;
    let mut w = PdfWriter::new(l.transcript)?;
    w.heading(l.transcript, 22.0);
    w.field(l.holder, &t.name, 12.0);
    w.field(l.printed, printed_on, 10.0);
    w.rule();
    let cols = [0.0, 96.0, 114.0, 132.0, 150.0];
    w.row(
        &[(cols[0], l.module), (cols[1], "ECTS"), (cols[2], l.grade), (cols[3], l.ects_grade), (cols[4], l.period)],
        9.0,
        true,
    );
    for r in &t.rows {
        let title = format!("{} {}", r.module_code, if en { &r.module_title_en } else { &r.module_title_da });
        w.row(
            &[
                (cols[1], &r.ects.to_string()),
                (cols[2], r.written_grade()),
                (cols[3], r.ects_letter()),
                (cols[4], &format!("{} – {}", &r.starts_on, &r.ends_on)),
            ],
            9.0,
            false,
        );
        w.gap(-(9.0 * 0.3528 * 1.5));
        w.para_at(&title, 9.0, 0.0, false);
        w.para_at(&r.provider_name, 8.0, 4.0, false);
    }
    w.gap(2.0);
    w.heading(l.transfers, 12.0);
    if t.transfers.is_empty() {
        w.para(l.none, 10.0);
    }
    for tr in &t.transfers {
        w.para(&format!("{} ({}: {}) – {} ECTS", tr.title, l.source, tr.source, tr.ects), 10.0);
    }
    w.rule();
    w.field(l.total, &t.total_ects.to_string(), 11.0);
    w.field(l.average, t.average.as_deref().unwrap_or("–"), 11.0);
    w.gap(2.0);
    w.para(l.scale, 9.0);
    w.finish()
}
