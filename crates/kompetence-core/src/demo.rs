//! Demo data built from the two cases in `shared/domain.md`: a university college's
//! programme for ERP users with finance officers from Bornholm, and Aabenraa training all
//! its payroll consultants. Municipality names are real; people and providers invented.
use crate::Result;
use crate::domain::{Email, Locale, OrgId, PasswordHash, PersonName, hash_password};
use crate::store::{EmployeeInput, MunicipalityScope, NewUser, Store};

/// Every demo login uses this password (documented in the README).
pub const DEMO_PASSWORD: &str = "kompetence-demo";

/// The demo logins: (e-mail, name, organisation, role). Platform admin has no org.
pub const DEMO_LOGINS: &[(&str, &str, &str, &str)] = &[
    ("admin@kompetence.test", "Pia Platform", "", "platform_admin"),
    ("udbyder@kompetence.test", "Ulla Udbyder", "Professionshøjskolen Nordlys", "provider_admin"),
    ("underviser@kompetence.test", "Torben Underviser", "Professionshøjskolen Nordlys", "teacher"),
    ("censor@kompetence.test", "Cecilie Censor", "Professionshøjskolen Nordlys", "censor"),
    ("kompetencecenter@kompetence.test", "Kim Kompetence", "Det Kommunale Kompetencecenter", "provider_admin"),
    ("hr.aabenraa@kompetence.test", "Hanne Hansen", "Aabenraa Kommune", "hr"),
    ("leder.aabenraa@kompetence.test", "Lars Lindberg", "Aabenraa Kommune", "leader"),
    ("deltager.aabenraa@kompetence.test", "Dorthe Dam", "Aabenraa Kommune", "participant"),
    ("hr.bornholm@kompetence.test", "Helle Kofoed", "Bornholms Regionskommune", "hr"),
    ("leder.bornholm@kompetence.test", "Bent Munch", "Bornholms Regionskommune", "leader"),
    ("deltager.bornholm@kompetence.test", "Birgit Ipsen", "Bornholms Regionskommune", "participant"),
    ("hr.odense@kompetence.test", "Ole Odgaard", "Odense Kommune", "hr"),
    ("hr.viborg@kompetence.test", "Vivi Bach", "Viborg Kommune", "hr"),
    ("hr.guldborgsund@kompetence.test", "Gunnar Lund", "Guldborgsund Kommune", "hr"),
];

const PROVIDERS: &[&str] = &["Professionshøjskolen Nordlys", "Det Kommunale Kompetencecenter"];
const MUNICIPALITIES: &[&str] =
    &["Aabenraa Kommune", "Bornholms Regionskommune", "Odense Kommune", "Viborg Kommune", "Guldborgsund Kommune"];

/// First and last names for invented people (also the generator's).
/// Only the national data generator uses the demo's names now (the demo imports Aabenraa).
#[cfg_attr(not(feature = "generator"), allow(dead_code))]
pub(crate) const FIRST: &[&str] = &[
    "Anne", "Mette", "Jens", "Søren", "Camilla", "Mads", "Louise", "Rasmus", "Line", "Kasper", "Sanne", "Henrik",
    "Maja", "Ole", "Tina", "Jesper", "Gitte", "Niels", "Lene", "Peter", "Signe", "Morten", "Ida", "Thomas",
];
#[cfg_attr(not(feature = "generator"), allow(dead_code))]
pub(crate) const LAST: &[&str] = &[
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
];

/// Loads the demo data into an empty database. `site` is the base URL the server answers on;
/// the demo's certificates name their issuer under it.
pub async fn load(store: &Store, site: &str) -> Result<()> {
    let hash = hash_password("password", DEMO_PASSWORD)?;
    for name in PROVIDERS {
        store.create_org(name, "provider").await?;
    }
    for name in MUNICIPALITIES {
        store.create_org(name, "municipality").await?;
    }
    for (email, name, org, role) in DEMO_LOGINS {
        let user = store
            .create_user(NewUser {
                email: Email::parse("email", email)?,
                name: PersonName::parse("name", name)?,
                password: Some(hash.clone()),
                locale: Locale::Da,
                is_platform_admin: *role == "platform_admin",
            })
            .await?;
        if !org.is_empty() {
            let org = store.org_by_name(org).await?;
            store.grant_role(user.id, org.id, role).await?;
        }
    }
    aabenraa_payroll(store, &hash).await?;
    bornholm_finance(store, &hash).await?;
    other_finance_officers(store, &hash).await?;
    crate::demo_programmes::load(store, site).await?;
    Ok(())
}

/// Three finance officers from other municipalities, on the first cohort with Bornholm's.
async fn other_finance_officers(store: &Store, hash: &PasswordHash) -> Result<()> {
    for (org, hr, name, email) in [
        ("Odense Kommune", "hr.odense@kompetence.test", "Nanna Kjær", "oekonomi1.odense@kompetence.test"),
        ("Viborg Kommune", "hr.viborg@kompetence.test", "Frederik Holt", "oekonomi1.viborg@kompetence.test"),
        (
            "Guldborgsund Kommune",
            "hr.guldborgsund@kompetence.test",
            "Sofie Brandt",
            "oekonomi1.guldborgsund@kompetence.test",
        ),
    ] {
        let org = store.org_by_name(org).await?;
        add(store, hr, org.id, emp(name, email, "Økonomikonsulent", "Økonomi", "", "")).await?;
        link_logins(store, hr, org.id, hash).await?;
    }
    Ok(())
}

async fn add(store: &Store, hr: &str, org: OrgId, e: EmployeeInput) -> Result<()> {
    let hr = store.user_by_email(hr).await?;
    store.authorize_as::<MunicipalityScope>(hr.id, org, &[]).await?.create_employee(&e).await?;
    Ok(())
}

fn emp(name: &str, email: &str, title: &str, dept: &str, team: &str, leader: &str) -> EmployeeInput {
    EmployeeInput {
        name: name.into(),
        email: email.into(),
        job_title: title.into(),
        department: dept.into(),
        team: team.into(),
        leader_email: leader.into(),
    }
}

/// Aabenraa: HR, the head of payroll, four team leaders and 24 payroll consultants in four
/// teams, imported from the sample files in OS2mo's Plan2Learn layout as HR would; everyone
/// who leads a unit gets the leader role.
async fn aabenraa_payroll(store: &Store, hash: &PasswordHash) -> Result<()> {
    let org = store.org_by_name("Aabenraa Kommune").await?;
    let hr = "hr.aabenraa@kompetence.test";
    let scope: MunicipalityScope = store.authorize_as(store.user_by_email(hr).await?.id, org.id, &[]).await?;
    let snap = crate::domain::staff_file::read_os2mo(&crate::domain::staff_file::aabenraa_sample())
        .map_err(|e| anyhow::anyhow!("the sample staff files do not read: {e:?}"))?;
    let report = scope
        .import_staff(&snap, crate::store::ImportOptions { dry_run: false, cpr_key: None, progress: None })
        .await?;
    if !report.errors.is_empty() {
        return Err(anyhow::anyhow!("the sample staff files do not import: {:?}", report.errors).into());
    }
    link_logins(store, hr, org.id, hash).await?;
    for (_, user) in scope.unit_leaders().await? {
        if let Some(user) = user {
            store.grant_role(user, org.id, "leader").await?;
        }
    }
    fund_application(&scope).await
}

/// A group application to Den Kommunale Kompetencefond for Team Syd's six payroll
/// consultants, for a course two months from the day the demo is loaded: signed by all and
/// submitted, so HR can take it on to granted and paid.
async fn fund_application(scope: &MunicipalityScope) -> Result<()> {
    let team = scope.employees("Team Syd", crate::store::PageRequest::new(Some(1), Some(50))).await?.items;
    let emails: Vec<String> =
        team.into_iter().filter(|e| e.job_title.as_deref() == Some("Lønkonsulent")).map(|e| e.email).collect();
    let today = crate::domain::schedule::copenhagen_today(time::OffsetDateTime::now_utc());
    let date = |days| crate::domain::schedule::fmt_date(today + time::Duration::days(days));
    let input = crate::store::FundInput {
        course_title: "Kommunom: Offentlig forvaltning".into(),
        provider: "Det Kommunale Kompetencecenter".into(),
        starts_on: date(60),
        ends_on: date(150),
        price: "9500".into(),
        pre_approval: Some("1".into()),
        emails: emails.join("\n"),
        ..Default::default()
    };
    let d = scope.create_fund_application(&input).await?;
    let id = d.application.id;
    for a in &d.applicants {
        scope.sign_fund_application(id, "employee", Some(a.employee_id), &date(0)).await?;
    }
    scope.sign_fund_application(id, "leader", None, &date(0)).await?;
    scope.sign_fund_application(id, "union", None, &date(0)).await?;
    scope.move_fund_application(id, "submitted", "").await?;
    Ok(())
}

/// Bornholm: the head of accounting and four finance officers on the first cohort.
async fn bornholm_finance(store: &Store, hash: &PasswordHash) -> Result<()> {
    let org = store.org_by_name("Bornholms Regionskommune").await?;
    let hr = "hr.bornholm@kompetence.test";
    let leader = "leder.bornholm@kompetence.test";
    add(store, hr, org.id, emp("Helle Kofoed", hr, "HR-partner", "HR", "", "")).await?;
    add(store, hr, org.id, emp("Bent Munch", leader, "Regnskabschef", "Økonomi", "Regnskab", "")).await?;
    let officers = [
        ("Birgit Ipsen", "deltager.bornholm@kompetence.test"),
        ("Karsten Holm", "oekonomi2.bornholm@kompetence.test"),
        ("Vibeke Riis", "oekonomi3.bornholm@kompetence.test"),
        ("Jonas Funch", "oekonomi4.bornholm@kompetence.test"),
    ];
    for (name, email) in officers {
        add(store, hr, org.id, emp(name, email, "Økonomimedarbejder", "Økonomi", "Regnskab", leader)).await?;
    }
    link_logins(store, hr, org.id, hash).await
}

/// Employees whose e-mail is a staff demo login (HR, leaders) are linked to it; the rest
/// get participant logins with the demo password so any of them can be tried.
async fn link_logins(store: &Store, hr: &str, org: OrgId, hash: &PasswordHash) -> Result<()> {
    let hr = store.user_by_email(hr).await?;
    let scope: MunicipalityScope = store.authorize_as(hr.id, org, &[]).await?;
    let all = scope.employees("", crate::store::PageRequest::new(Some(1), Some(200))).await?;
    for e in all.items.into_iter().filter(|e| e.user_id.is_none()) {
        let is_staff_login = DEMO_LOGINS.iter().any(|(m, _, _, r)| *m == e.email && *r != "participant");
        if is_staff_login {
            scope.link_existing_user(e.id).await?;
        } else {
            scope.create_participant_login(e.id, Some(hash.clone())).await?;
        }
    }
    Ok(())
}
