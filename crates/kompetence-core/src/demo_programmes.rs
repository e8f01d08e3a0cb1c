//! Demo programmes, modules and cohorts from the two cases in `shared/domain.md`.
use crate::Result;
use crate::domain::schedule::DayInput;
use crate::domain::{CohortId, OrgId};
use crate::store::{CohortInput, ModuleInput, OrgScope, ProgrammeInput, Store};

async fn scope_of(store: &Store, email: &str, org: &str) -> Result<OrgScope> {
    let u = store.user_by_email(email).await?;
    let o = store.org_by_name(org).await?;
    store.authorize(u.id, o.id, &[]).await
}

fn day(date: &str, from: &str, to: &str, kind: &str, title: &str, room: &str, prepare: &str) -> DayInput {
    DayInput {
        date: date.into(),
        starts_at: from.into(),
        ends_at: to.into(),
        kind: kind.into(),
        title: title.into(),
        room: room.into(),
        prepare: prepare.into(),
    }
}

#[allow(clippy::too_many_arguments)] // one demo cohort per call, named fields would be noisier
fn cohort(
    module: i64,
    spec: Option<i64>,
    name: &str,
    venue: &str,
    cap: i64,
    deadline: &str,
    from: &str,
    to: &str,
) -> CohortInput {
    CohortInput {
        module_id: module.to_string(),
        specialisation_id: spec.map(|s| s.to_string()).unwrap_or_default(),
        name: name.into(),
        venue: venue.into(),
        capacity: cap.to_string(),
        signup_deadline: deadline.into(),
        starts_on: from.into(),
        ends_on: to.into(),
    }
}

pub async fn load(store: &Store) -> Result<()> {
    erp_process_adviser(store).await?;
    aabenraa_payroll_consultant(store).await
}

/// Case 1: the university college's ECTS programme for ERP users, built on the 247-leader
/// survey; its first cohort has four finance officers from Bornholm and three from other
/// municipalities.
async fn erp_process_adviser(store: &Store) -> Result<()> {
    let p = scope_of(store, "udbyder@kompetence.test", "Professionshøjskolen Nordlys").await?;
    let programme = p
        .create_programme(&ProgrammeInput {
            code: "AU-PRA".into(),
            title_da: "Akademiuddannelse i offentlig administration – procesrådgivning".into(),
            title_en: "Academy Profession Degree in Public Administration – process consulting".into(),
            structure: "academy_degree".into(),
            description: "Bygget på en undersøgelse blandt 247 kommunale ledere: fra indtastning til rådgivning om brugen af ERP-systemet.".into(),
        })
        .await?;
    let module = p
        .create_module(&ModuleInput {
            code: "PRA-1".into(),
            title_da: "Procesrådgiver for ERP-brugere".into(),
            title_en: "Process adviser for ERP users".into(),
            ects: "10".into(),
            knowledge: "Har viden om kommunale administrative processer, automatisering og decentralisering af løn- og økonomiopgaver.".into(),
            skills: "Kan facilitere ledere og kolleger i brugen af ERP-systemet og koordinere mindre projekter.".into(),
            competences: "Kan påtage sig rollen som rådgiver, facilitator og projektkoordinator i egen organisation.".into(),
            exam_form: "Skriftligt eksamensprojekt".into(),
            censor: "internal".into(),
            compulsory_assignments: "2".into(),
        })
        .await?;
    p.add_programme_module(crate::domain::ProgrammeId(programme.id), crate::domain::ModuleId(module.id), "compulsory")
        .await?;
    let first = p
        .create_cohort(&cohort(
            module.id,
            None,
            "Hold 1 – efterår 2026",
            "Campus Rønne",
            8,
            "2026-08-15",
            "2026-09-01",
            "2027-01-31",
        ))
        .await?;
    let first_id = CohortId(first.id);
    let prep = "Læs casen om lønkørsel i kommunen, og medbring et eksempel fra egen praksis.";
    for d in [
        day("2026-09-10", "09:00", "15:30", "teaching", "Rollen som rådgiver", "Lokale 1.12", prep),
        day("2026-09-24", "09:00", "15:30", "teaching", "Processer og data i ERP", "Lokale 1.12", ""),
        day("2026-10-08", "09:00", "15:30", "teaching", "Facilitering af ledere", "Lokale 1.12", ""),
        day("2026-10-29", "09:00", "15:30", "teaching", "Aktionslæring i egen praksis", "Lokale 1.12", ""),
        day("2026-11-26", "09:00", "15:30", "teaching", "Projektkoordinering", "Lokale 1.12", ""),
        day("2026-12-10", "09:00", "15:30", "teaching", "Forandring og kommunikation", "Lokale 1.12", ""),
        day(
            "2027-01-14",
            "09:00",
            "15:30",
            "teaching",
            "Eksamensprojektet",
            "Lokale 1.12",
            "Medbring udkast til problemformulering.",
        ),
        day("2027-01-28", "09:00", "12:00", "exam", "Mundtlig prøve", "Lokale 2.04", ""),
    ] {
        p.add_day(first_id, &d).await?;
    }
    p.assign_teacher(first_id, "underviser@kompetence.test").await?;
    let second = p
        .create_cohort(&cohort(
            module.id,
            None,
            "Hold 2 – forår 2027",
            "Campus Odense",
            20,
            "2027-02-15",
            "2027-03-01",
            "2027-06-30",
        ))
        .await?;
    let second_id = CohortId(second.id);
    for d in [
        day("2027-03-04", "09:00", "15:30", "teaching", "Rollen som rådgiver", "Auditorium A", prep),
        day("2027-03-28", "10:00", "14:00", "workshop", "Workshop: cases fra egen kommune", "Auditorium A", ""),
        day("2027-04-15", "09:00", "15:30", "teaching", "Processer og data i ERP", "Auditorium A", ""),
        day("2027-05-06", "09:00", "15:30", "teaching", "Facilitering af ledere", "Auditorium A", ""),
        day("2027-06-17", "09:00", "12:00", "exam", "Mundtlig prøve", "Auditorium B", ""),
    ] {
        p.add_day(second_id, &d).await?;
    }
    p.assign_teacher(second_id, "underviser@kompetence.test").await?;
    for (org, hr, emails) in [
        (
            "Bornholms Regionskommune",
            "hr.bornholm@kompetence.test",
            &[
                "deltager.bornholm@kompetence.test",
                "oekonomi2.bornholm@kompetence.test",
                "oekonomi3.bornholm@kompetence.test",
                "oekonomi4.bornholm@kompetence.test",
            ][..],
        ),
        ("Odense Kommune", "hr.odense@kompetence.test", &["oekonomi1.odense@kompetence.test"][..]),
        ("Viborg Kommune", "hr.viborg@kompetence.test", &["oekonomi1.viborg@kompetence.test"][..]),
        ("Guldborgsund Kommune", "hr.guldborgsund@kompetence.test", &["oekonomi1.guldborgsund@kompetence.test"][..]),
    ] {
        let m = scope_of(store, hr, org).await?;
        for e in emails {
            m.enrol_demo(first_id, e).await?;
        }
    }
    Ok(())
}

/// Case 2: Aabenraa's "fremtidens lønkonsulent" — a Kommunom module with a local
/// specialisation, all 24 payroll consultants split into an autumn and a spring wave
/// that keep every team staffed, with a focus-group interview first.
async fn aabenraa_payroll_consultant(store: &Store) -> Result<()> {
    let p = scope_of(store, "kompetencecenter@kompetence.test", "Det Kommunale Kompetencecenter").await?;
    let programme = p
        .create_programme(&ProgrammeInput {
            code: "KOMMUNOM".into(),
            title_da: "Kommunomuddannelsen".into(),
            title_en: "The Kommunom programme (municipal academy programme)".into(),
            structure: "kommunom".into(),
            description: "3 obligatoriske og 2 valgfrie moduler à 10 ECTS samt afgangsprojekt.".into(),
        })
        .await?;
    let module = p
        .create_module(&ModuleInput {
            code: "KOM-INN".into(),
            title_da: "Den innovative medarbejder".into(),
            title_en: "The innovative employee".into(),
            ects: "10".into(),
            knowledge: "Har viden om innovation i den offentlige sektor og om egen rolle i udvikling af praksis."
                .into(),
            skills: "Kan anvende metoder til idéudvikling, afprøvning og evaluering i egen organisation.".into(),
            competences:
                "Kan tage ansvar for og bidrage til innovative processer i samarbejde med kolleger og borgere.".into(),
            exam_form: "Skriftlig opgave med mundtlig prøve".into(),
            censor: "internal".into(),
            compulsory_assignments: "1".into(),
        })
        .await?;
    p.add_programme_module(crate::domain::ProgrammeId(programme.id), crate::domain::ModuleId(module.id), "elective")
        .await?;
    let aabenraa: OrgId = store.org_by_name("Aabenraa Kommune").await?.id;
    let spec = p
        .create_specialisation(
            crate::domain::ModuleId(module.id),
            aabenraa,
            "Fremtidens lønkonsulent – personaleforhold og juridisk metode",
            "Lokal faglighed: personaleforhold og juridisk metode, målrettet lønkonsulenternes nye rådgivende rolle.",
        )
        .await?;
    let waves = [
        (
            "Aabenraa efterår 2014",
            "2014-08-01",
            "2014-08-15",
            "2014-12-19",
            ["2014-08-27", "2014-09-10", "2014-09-24", "2014-10-08", "2014-10-29", "2014-11-19", "2014-12-10"],
        ),
        (
            "Aabenraa forår 2015",
            "2015-01-15",
            "2015-01-20",
            "2015-06-19",
            ["2015-01-28", "2015-02-11", "2015-03-04", "2015-03-25", "2015-04-22", "2015-05-20", "2015-06-10"],
        ),
    ];
    let m = scope_of(store, "hr.aabenraa@kompetence.test", "Aabenraa Kommune").await?;
    let all = m.employees("Lønkonsulent", None, crate::store::PageRequest::new(Some(1), Some(200))).await?.items;
    for (wave, (name, deadline, from, to, dates)) in waves.iter().enumerate() {
        let c =
            p.create_cohort(&cohort(module.id, Some(spec.0), name, "Aabenraa Rådhus", 12, deadline, from, to)).await?;
        let id = CohortId(c.id);
        let kinds = [
            ("focus_group", "Fokusgruppeinterview", "10:00", "12:00"),
            ("teaching", "Innovation i offentlig drift", "09:00", "15:00"),
            ("teaching", "JTI-typeprofil og samarbejde", "09:00", "15:00"),
            ("workshop", "Workshop: personaleforhold", "09:00", "15:00"),
            ("workshop", "Workshop: juridisk metode", "09:00", "15:00"),
            ("teaching", "Aktioner i egen praksis – opsamling", "09:00", "15:00"),
            ("exam", "Eksamen", "09:00", "13:00"),
        ];
        for (date, (kind, title, a, b)) in dates.iter().zip(kinds) {
            p.add_day(id, &day(date, a, b, kind, title, "Mødelokale 3", "")).await?;
        }
        // Every other consultant in each team goes in this wave, so every team stays staffed.
        let mut by_team: std::collections::BTreeMap<String, Vec<&crate::store::Employee>> = Default::default();
        for e in &all {
            by_team.entry(e.team.clone().unwrap_or_default()).or_default().push(e);
        }
        for members in by_team.values() {
            for e in members.iter().skip(wave).step_by(2) {
                let enrolment = m.enrol_demo(id, &e.email).await?;
                // Both waves lie in the past: everyone completed.
                p.complete_enrolment(id, crate::domain::EnrolmentId(enrolment.id)).await?;
            }
        }
    }
    Ok(())
}

impl OrgScope {
    /// Demo helper: enrol and approve, ignoring the sign-up deadline (demo cohorts lie in
    /// the past).
    async fn enrol_demo(&self, cohort: CohortId, email: &str) -> Result<crate::store::Enrolment> {
        self.enrol_unchecked(cohort, email).await
    }
}
