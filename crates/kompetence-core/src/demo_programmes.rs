//! Demo programmes, modules and cohorts from the two cases in `shared/domain.md`.
use crate::Result;
use crate::domain::learning::EvaluationScope;
use crate::domain::schedule::DayInput;
use crate::domain::{CohortId, OrgId};
use crate::store::{CohortInput, ModuleInput, MunicipalityScope, ProgrammeInput, ProviderScope, Scoped, Store};

async fn scope_of<S: Scoped>(store: &Store, email: &str, org: &str) -> Result<S> {
    let u = store.user_by_email(email).await?;
    let o = store.org_by_name(org).await?;
    store.authorize_as(u.id, o.id, &[]).await
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
    module: crate::domain::ModuleId,
    spec: Option<crate::domain::SpecialisationId>,
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

/// Demo years relative to today, so the demo (and tests built on it) never goes stale:
/// the first cohort ran last autumn and has had its exam; the second opens next spring.
struct Years {
    first: i32,
    next: i32,
}

fn years() -> Years {
    let today = crate::domain::schedule::copenhagen_today(time::OffsetDateTime::now_utc());
    // The first cohort's exam is at the end of January after its autumn.
    let first = if today.month() >= time::Month::February { today.year() - 1 } else { today.year() - 2 };
    Years { first, next: today.year() + 1 }
}

/// The last Sunday of March (a summer-time change) in `year`, as YYYY-MM-DD.
fn last_sunday_of_march(year: i32) -> String {
    let mut d = time::Date::from_calendar_date(year, time::Month::March, 31).expect("valid");
    while d.weekday() != time::Weekday::Sunday {
        d = d.previous_day().expect("valid");
    }
    crate::domain::schedule::fmt_date(d)
}

pub async fn load(store: &Store, site: &str) -> Result<()> {
    erp_process_adviser(store, site).await?;
    aabenraa_payroll_consultant(store).await
}

/// Case 1: the university college's ECTS programme for ERP users, built on the 247-leader
/// survey; its first cohort has four finance officers from Bornholm and three from other
/// municipalities.
async fn erp_process_adviser(store: &Store, site: &str) -> Result<()> {
    let p: ProviderScope = scope_of(store, "udbyder@kompetence.test", "Professionshøjskolen Nordlys").await?;
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
            censor: "external".into(),
            compulsory_assignments: "2".into(),
        })
        .await?;
    p.add_programme_module(programme.id, module.id, "compulsory").await?;
    let Years { first: y, next: n1 } = years();
    let y1 = y + 1;
    let first = p
        .create_cohort(&cohort(
            module.id,
            None,
            &format!("Hold 1 – efterår {y}"),
            "Campus Rønne",
            8,
            &format!("{y}-08-15"),
            &format!("{y}-09-01"),
            &format!("{y1}-01-31"),
        ))
        .await?;
    let first_id = first.id;
    let prep = "Læs casen om lønkørsel i kommunen, og medbring et eksempel fra egen praksis.";
    for d in [
        day(&format!("{y}-09-10"), "09:00", "15:30", "teaching", "Rollen som rådgiver", "Lokale 1.12", prep),
        day(&format!("{y}-09-24"), "09:00", "15:30", "teaching", "Processer og data i ERP", "Lokale 1.12", ""),
        day(&format!("{y}-10-08"), "09:00", "15:30", "teaching", "Facilitering af ledere", "Lokale 1.12", ""),
        day(&format!("{y}-10-29"), "09:00", "15:30", "teaching", "Aktionslæring i egen praksis", "Lokale 1.12", ""),
        day(&format!("{y}-11-26"), "09:00", "15:30", "teaching", "Projektkoordinering", "Lokale 1.12", ""),
        day(&format!("{y}-12-10"), "09:00", "15:30", "teaching", "Forandring og kommunikation", "Lokale 1.12", ""),
        day(
            &format!("{y1}-01-14"),
            "09:00",
            "15:30",
            "teaching",
            "Eksamensprojektet",
            "Lokale 1.12",
            "Medbring udkast til problemformulering.",
        ),
        day(&format!("{y1}-01-28"), "09:00", "12:00", "exam", "Mundtlig prøve", "Lokale 2.04", ""),
    ] {
        p.add_day(first_id, &d).await?;
    }
    p.assign_teacher(first_id, "underviser@kompetence.test").await?;
    let second = p
        .create_cohort(&cohort(
            module.id,
            None,
            &format!("Hold 2 – forår {n1}"),
            "Campus Odense",
            20,
            &format!("{n1}-02-15"),
            &format!("{n1}-03-01"),
            &format!("{n1}-06-30"),
        ))
        .await?;
    let second_id = second.id;
    for d in [
        day(&format!("{n1}-03-04"), "09:00", "15:30", "teaching", "Rollen som rådgiver", "Auditorium A", prep),
        day(&last_sunday_of_march(n1), "10:00", "14:00", "workshop", "Cases fra egen kommune", "Auditorium A", ""),
        day(&format!("{n1}-04-15"), "09:00", "15:30", "teaching", "Processer og data i ERP", "Auditorium A", ""),
        day(&format!("{n1}-05-06"), "09:00", "15:30", "teaching", "Facilitering af ledere", "Auditorium A", ""),
        day(&format!("{n1}-06-17"), "09:00", "12:00", "exam", "Mundtlig prøve", "Auditorium B", ""),
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
        let m: MunicipalityScope = scope_of(store, hr, org).await?;
        for e in emails {
            m.enrol_demo(first_id, e).await?;
        }
    }
    first_cohort_learning(store, &p, first_id, y).await?;
    first_cohort_exam(store, &p, first_id, y1).await?;
    first_cohort_certificates(&p, first_id, site).await
}

/// The first cohort's written exam project with external censor: graded, with a censor
/// disagreement, a failed attempt followed by a passed re-exam, and one project still
/// awaiting its grades (for trying the grading pages).
async fn first_cohort_exam(store: &Store, p: &ProviderScope, cohort_id: CohortId, y1: i32) -> Result<()> {
    let exam = p
        .set_up_exam(
            cohort_id,
            &crate::domain::exam::ExamInput {
                form: "written_project".into(),
                handin_date: format!("{y1}-01-14"),
                handin_time: "12:00".into(),
                exam_date: format!("{y1}-01-28"),
                require_assignments: Some("1".into()),
                examiners: "underviser@kompetence.test".into(),
                censor: "censor@kompetence.test".into(),
                ..Default::default()
            },
        )
        .await?;
    let examiner: ProviderScope = scope_of(store, "underviser@kompetence.test", "Professionshøjskolen Nordlys").await?;
    let censor: ProviderScope = scope_of(store, "censor@kompetence.test", "Professionshøjskolen Nordlys").await?;
    let participants = p.cohort_enrolments(cohort_id).await?;
    // (e-mail, examiner's grade, censor's grade); None: handed in, not yet graded.
    let grades: [(&str, Option<(&str, &str)>); 7] = [
        ("deltager.bornholm@kompetence.test", Some(("10", "12"))),
        ("oekonomi2.bornholm@kompetence.test", Some(("7", "7"))),
        ("oekonomi3.bornholm@kompetence.test", Some(("12", "10"))),
        ("oekonomi1.odense@kompetence.test", Some(("4", "4"))),
        ("oekonomi1.viborg@kompetence.test", Some(("00", "00"))),
        ("oekonomi1.guldborgsund@kompetence.test", Some(("7", "10"))),
        ("oekonomi4.bornholm@kompetence.test", None),
    ];
    for (email, g) in grades {
        let e = participants.iter().find(|e| e.employee_email == email).expect("enrolled in the demo");
        let project = format!(
            "Eksamensprojekt: {} som procesrådgiver – fra indtastning til rådgivning af ledere i brugen af ERP-systemet.",
            e.employee_name
        );
        let attempt = examiner.demo_hand_in(exam.id, e.id, &project).await?;
        if let Some((a, b)) = g {
            examiner.grade(exam.id, attempt, "whole", a).await?;
            let final_grade = censor.grade(exam.id, attempt, "whole", b).await?.expect("both grades in");
            if final_grade.passed() {
                p.complete_enrolment(cohort_id, e.id).await?;
            } else {
                // The re-exam: a new attempt, passed with 02.
                p.register_reexam(cohort_id, e.id).await?;
                let again = examiner.demo_hand_in(exam.id, e.id, &format!("{project} (revideret)")).await?;
                examiner.grade(exam.id, again, "whole", "02").await?;
                censor.grade(exam.id, again, "whole", "02").await?;
                p.complete_enrolment(cohort_id, e.id).await?;
            }
        }
    }
    Ok(())
}

/// The first cohort's learning between days: two home assignments, handed in and given
/// feedback (the compulsory one approved for all, as the exam requires), and attendance on
/// every teaching day (one notified absence).
async fn first_cohort_learning(store: &Store, p: &ProviderScope, cohort_id: CohortId, y: i32) -> Result<()> {
    let teacher: ProviderScope = scope_of(store, "underviser@kompetence.test", "Professionshøjskolen Nordlys").await?;
    let action = teacher
        .create_assignment(
            cohort_id,
            &crate::domain::learning::AssignmentInput {
                title: "Aktion: kortlæg en arbejdsgang i ERP-systemet".into(),
                description: "Vælg en arbejdsgang i din afdeling, kortlæg den sammen med en kollega, og beskriv et forslag til forbedring. Højst to sider.".into(),
                due_date: format!("{y}-10-06"),
                due_time: "12:00".into(),
                compulsory: Some("1".into()),
                closed_after_due: None,
            },
        )
        .await?;
    let reflection = teacher
        .create_assignment(
            cohort_id,
            &crate::domain::learning::AssignmentInput {
                title: "Refleksion efter facilitering af ledere".into(),
                description: "Hvad lykkedes, hvad ville du gøre anderledes, og hvad prøver du næste gang?".into(),
                due_date: format!("{y}-10-27"),
                due_time: "12:00".into(),
                compulsory: None,
                closed_after_due: None,
            },
        )
        .await?;
    let due = |date: &str| {
        time::Date::parse(date, &time::macros::format_description!("[year]-[month]-[day]"))
            .map(|d| d.midnight().assume_utc().unix_timestamp())
            .unwrap_or(0)
    };
    let participants = p.cohort_enrolments(cohort_id).await?;
    for (n, e) in participants.iter().enumerate() {
        let body = format!(
            "{}: Jeg kortlagde bilagsgodkendelsen med en kollega. Tre led kan automatiseres i ERP-systemet.",
            e.employee_name
        );
        let s = teacher.demo_submission(action.id, e.id, &body, due(&format!("{y}-10-03"))).await?;
        teacher
            .give_feedback(
                action.id,
                s,
                "approved",
                "Fin kortlægning. Tag forslaget med til din leder – og mål effekten.",
            )
            .await?;
        if n % 2 == 0 {
            let s = teacher
                .demo_submission(
                    reflection.id,
                    e.id,
                    "Lederne var mere med, da vi startede med deres egne tal.",
                    due(&format!("{y}-10-20")),
                )
                .await?;
            if n == 0 {
                teacher
                    .give_feedback(reflection.id, s, "not_approved", "Uddyb, hvad du konkret vil prøve næste gang.")
                    .await?;
            }
        }
    }
    for (i, d) in
        teacher.days(cohort_id).await?.iter().filter(|d| d.kind != crate::domain::schedule::DayKind::Exam).enumerate()
    {
        let marks: Vec<(crate::domain::EnrolmentId, String)> = participants
            .iter()
            .enumerate()
            .map(|(n, e)| (e.id, if n == 1 && i == 2 { "absent_notice" } else { "present" }.to_string()))
            .collect();
        teacher.record_attendance(cohort_id, d.id, &marks).await?;
    }
    // Evaluations of every day by those present, and of the whole cohort by all.
    let comments = [
        "Casene fra egen kommune gjorde det konkret.",
        "Gerne mere tid til øvelser i systemet.",
        "",
        "Godt at møde kolleger fra andre kommuner.",
        "",
    ];
    for (i, d) in
        teacher.days(cohort_id).await?.iter().filter(|d| d.kind != crate::domain::schedule::DayKind::Exam).enumerate()
    {
        for (n, e) in participants.iter().enumerate() {
            if n == 1 && i == 2 {
                continue;
            }
            let s = [3 + ((n + i) % 3) as i64, 4 + ((n * i) % 2) as i64, 4 + ((n + 2 * i) % 2) as i64];
            teacher.demo_evaluation(cohort_id, EvaluationScope::Day(d.id), e.id, s, comments[(n + i) % 5]).await?;
        }
    }
    for (n, e) in participants.iter().enumerate() {
        let s = [4 + (n % 2) as i64, 5, 4 + ((n + 1) % 2) as i64];
        teacher
            .demo_evaluation(
                cohort_id,
                EvaluationScope::Cohort,
                e.id,
                s,
                if n == 0 { "Jeg bruger rådgiverrollen hver uge nu." } else { "" },
            )
            .await?;
    }
    // A learning group of the Bornholm participants, and an action carried out and reflected on.
    let bornholm: Vec<crate::domain::EnrolmentId> =
        participants.iter().filter(|e| e.employee_email.ends_with(".bornholm@kompetence.test")).map(|e| e.id).collect();
    teacher.create_learning_group(cohort_id, "Læringsgruppe Bornholm", &bornholm).await?;
    let me = store.user_by_email("deltager.bornholm@kompetence.test").await?;
    let mine = participants.iter().find(|e| e.employee_email == "deltager.bornholm@kompetence.test").expect("enrolled");
    let action = store
        .create_action(
            me.id,
            mine.id,
            &crate::domain::learning::ActionInput {
                title: "Lederne bruger selv ERP-rapporterne".into(),
                what: "Gennemgå månedsrapporten sammen med to afdelingsledere i stedet for at sende den.".into(),
                why: "Rapporterne bliver ikke læst; jeg vil lære, hvad lederne faktisk har brug for.".into(),
                with_whom: "To afdelingsledere i Økonomi og Teknik & Miljø".into(),
                planned_for: format!("{y}-10-15"),
                observations: "Begge ledere fandt selv to fejlkonteringer, da vi gik tallene igennem sammen.".into(),
                reflection: "At sidde sammen gav mere end en mail. Næste gang laver jeg en fast rapportdag hver måned."
                    .into(),
                shared_with_group: Some("1".into()),
                shared_with_leader: None,
            },
        )
        .await?;
    teacher
        .action_feedback(
            action.id,
            "Godt eksempel på rollen som rådgiver. Hvordan kan I gøre rapportdagen til en vane?",
        )
        .await?;
    // The provider's sample profile instrument; the demo participant has answered and shared it.
    let instrument = p.load_instrument(crate::domain::profile::SAMPLE_INSTRUMENT).await?;
    let parsed = crate::domain::profile::Instrument::parse(crate::domain::profile::SAMPLE_INSTRUMENT)?;
    let answers = parsed.items.iter().enumerate().map(|(n, it)| (it.id.clone(), 1 + (n as i64 * 3) % 5)).collect();
    store.answer_instrument(me.id, instrument.id, &answers, true).await?;
    Ok(())
}

/// Certificates for everyone who passed the first cohort and has a login to fetch them.
async fn first_cohort_certificates(p: &ProviderScope, cohort_id: CohortId, site: &str) -> Result<()> {
    for c in p.certificate_candidates(cohort_id).await? {
        match p.issue_certificate(cohort_id, c.enrolment_id, site).await {
            Ok(_) => {}
            Err(crate::Error::Validation(v)) if v.iter().all(|e| e.key == "err-cert-no-login") => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Case 2: Aabenraa's "fremtidens lønkonsulent" — a Kommunom module with a local
/// specialisation, all 24 payroll consultants split into an autumn and a spring wave
/// that keep every team staffed, with a focus-group interview first.
async fn aabenraa_payroll_consultant(store: &Store) -> Result<()> {
    let p: ProviderScope =
        scope_of(store, "kompetencecenter@kompetence.test", "Det Kommunale Kompetencecenter").await?;
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
    p.add_programme_module(programme.id, module.id, "elective").await?;
    let aabenraa: OrgId = store.org_by_name("Aabenraa Kommune").await?.id;
    let spec = p
        .create_specialisation(
            module.id,
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
    let m: MunicipalityScope = scope_of(store, "hr.aabenraa@kompetence.test", "Aabenraa Kommune").await?;
    // HR plans it as the product lets them: the payroll consultants as a target group, split
    // into two waves that keep at least half of every team at work.
    let group = m
        .create_target_group(&crate::store::TargetGroupInput {
            name: "Lønkonsulenter".into(),
            job_title: "Lønkonsulent".into(),
            include_subunits: Some("1".into()),
            ..Default::default()
        })
        .await?;
    let plan = m
        .create_wave_plan(
            group.id,
            &crate::store::WavePlanInput {
                name: "Efterår 2014 og forår 2015".into(),
                waves: "2".into(),
                min_at_work_pct: "50".into(),
            },
        )
        .await?
        .map_err(|problems| anyhow::anyhow!("the demo's wave plan has no split: {problems:?}"))?;
    // The team leaders approve wave 1, the head of payroll (who leads all four teams) wave 2.
    let mut team_leaders: Vec<MunicipalityScope> = Vec::new();
    for n in 1..=4 {
        team_leaders
            .push(scope_of(store, &format!("teamleder{n}.aabenraa@kompetence.test"), "Aabenraa Kommune").await?);
    }
    let head: MunicipalityScope = scope_of(store, "leder.aabenraa@kompetence.test", "Aabenraa Kommune").await?;
    for (wave, (name, deadline, from, to, dates)) in waves.iter().enumerate() {
        let c = p
            .create_cohort(&cohort(
                module.id,
                Some(crate::domain::SpecialisationId(spec.0)),
                name,
                "Aabenraa Rådhus",
                12,
                deadline,
                from,
                to,
            ))
            .await?;
        let id = c.id;
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
        for employee in m.wave_members(plan.plan.id, wave as u32 + 1).await? {
            let email = m.employee(employee).await?.email;
            let request = m.request_unchecked(id, &email).await?;
            let approver = match wave {
                0 => {
                    let mut mine = None;
                    for l in &team_leaders {
                        if l.is_own_staff(employee).await? {
                            mine = Some(l);
                        }
                    }
                    mine.unwrap_or(&head)
                }
                _ => &head,
            };
            approver.approve_enrolment(request.id).await?;
            // Both waves lie in the past: everyone completed.
            p.complete_enrolment(id, request.id).await?;
        }
    }
    Ok(())
}

impl MunicipalityScope {
    /// Demo helper: enrol and approve, ignoring the sign-up deadline (demo cohorts lie in
    /// the past).
    async fn enrol_demo(&self, cohort: CohortId, email: &str) -> Result<crate::store::Enrolment> {
        self.enrol_unchecked(cohort, email).await
    }
}
