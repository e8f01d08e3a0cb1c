//! The printable application to Den Kommunale Kompetencefond (Danish: the fund's forms are),
//! with the course, every applicant's share, the totals and the three signatures.
use super::pdf::PdfWriter;
use crate::store::FundDetail;

/// Whole kroner the Danish way: 30.000 kr.
pub fn kr(v: i64) -> String {
    let digits = v.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("{}{out} kr.", if v < 0 { "-" } else { "" })
}

pub fn fund_application_pdf(d: &FundDetail, municipality: &str) -> anyhow::Result<Vec<u8>> {
    let a = &d.application;
    let mut w = PdfWriter::new(&format!("Ansøgning til Den Kommunale Kompetencefond {}", a.id))?;
    w.para(municipality, 12.0);
    w.gap(4.0);
    w.heading("Ansøgning til Den Kommunale Kompetencefond", 18.0);
    w.gap(2.0);
    w.field("Ansøgning nr.", &a.id.to_string(), 11.0);
    w.field("Status", &a.status, 11.0);
    w.field("Oprettet", &a.created_on, 11.0);
    w.field("Underskrives senest", &d.signature_deadline, 11.0);
    w.rule();
    w.field("Kursus", &a.course_title, 11.0);
    w.field("Udbyder", &a.provider, 11.0);
    w.field("Periode", &format!("{} – {}", a.starts_on, a.ends_on), 11.0);
    w.field("Pris pr. deltager", &kr(a.price), 11.0);
    if a.masters {
        w.field("Masteruddannelse", "ja", 11.0);
    }
    if a.pre_approval {
        w.field("Forhåndsgodkendelse", "ja (gruppe)", 11.0);
    }
    w.gap(3.0);
    w.heading("Deltagere", 13.0);
    let cols = [0.0, 70.0, 105.0, 135.0];
    w.row(&[(cols[0], "Navn"), (cols[1], "Fonden"), (cols[2], "Arbejdsstedet"), (cols[3], "Underskrevet")], 10.0, true);
    for p in &d.applicants {
        let fund = if p.capped { format!("{} (loft)", kr(p.fund_share)) } else { kr(p.fund_share) };
        let signed = p.signed_on.clone().unwrap_or_else(|| "–".into());
        w.row(
            &[(cols[0], &p.name), (cols[1], &fund), (cols[2], &kr(p.workplace_share)), (cols[3], &signed)],
            10.0,
            false,
        );
    }
    w.row(&[(cols[0], "I alt"), (cols[1], &kr(a.fund_total)), (cols[2], &kr(a.workplace_total))], 10.0, true);
    w.gap(4.0);
    w.heading("Underskrifter", 13.0);
    let sign = |v: &Option<String>| v.clone().unwrap_or_else(|| "ikke underskrevet".into());
    w.field("Leder", &sign(&a.leader_signed_on), 11.0);
    w.field("Tillidsrepræsentant", &sign(&a.union_signed_on), 11.0);
    w.gap(4.0);
    w.para(
        "Fonden dækker 80 % af prisen, højst 30.000 kr. pr. medarbejder inden for 12 måneder (50.000 kr. for en \
         masteruddannelse); arbejdsstedet betaler resten. Der søges før kursets start og tidligst 9 måneder før.",
        9.0,
    );
    w.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn amounts_are_written_the_danish_way() {
        assert_eq!(super::kr(30_000), "30.000 kr.");
        assert_eq!(super::kr(1_234_567), "1.234.567 kr.");
        assert_eq!(super::kr(950), "950 kr.");
    }
}
