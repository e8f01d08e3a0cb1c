//! Fixtures for the store's own tests: a fresh SQLite file per test, and a small world (a
//! provider with a cohort, a municipality whose HR enrols its staff) built through the
//! same scopes the web layer uses.
use super::{CohortInput, ModuleInput, MunicipalityScope, NewUser, ProviderScope, Store};
use crate::domain::{CohortId, Email, EmployeeId, Locale, PersonName, UserId};

/// A migrated store on a temporary SQLite file (kept while the directory lives).
pub(crate) async fn store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite://{}", dir.path().join("t.db").display()), 2).await.unwrap();
    store.migrate().await.unwrap();
    (store, dir)
}

pub(crate) async fn user(store: &Store, email: &str) -> UserId {
    let u = NewUser {
        email: Email::parse("email", email).unwrap(),
        name: PersonName::parse("name", "Test Person").unwrap(),
        password: None,
        locale: Locale::Da,
        is_platform_admin: false,
    };
    store.create_user(u).await.unwrap().id
}

pub(crate) fn module_input(code: &str) -> ModuleInput {
    ModuleInput {
        code: code.into(),
        title_da: format!("Modul {code}"),
        title_en: format!("Module {code}"),
        ects: "10".into(),
        knowledge: "Viden".into(),
        skills: "Færdigheder".into(),
        competences: "Kompetencer".into(),
        exam_form: "Skriftligt projekt".into(),
        censor: "internal".into(),
        compulsory_assignments: "1".into(),
    }
}

/// A provider (Nordlys) with one cohort of `capacity` seats, and a municipality
/// (Aabenraa) with HR.
pub(crate) struct World {
    pub store: Store,
    pub provider: ProviderScope,
    pub hr: MunicipalityScope,
    pub cohort: CohortId,
    _dir: tempfile::TempDir,
}

impl World {
    pub(crate) async fn new(capacity: i64) -> World {
        let (store, dir) = store().await;
        let org = store.create_org("Nordlys", "provider").await.unwrap().id;
        let muni = store.create_org("Aabenraa Kommune", "municipality").await.unwrap().id;
        let admin = user(&store, "admin@nordlys.dk").await;
        store.grant_role(admin, org, "provider_admin").await.unwrap();
        let hr = user(&store, "hr@aabenraa.dk").await;
        store.grant_role(hr, muni, "hr").await.unwrap();
        let provider = store.authorize_as::<ProviderScope>(admin, org, &[]).await.unwrap();
        let hr = store.authorize_as::<MunicipalityScope>(hr, muni, &[]).await.unwrap();
        let module = provider.create_module(&module_input("LØN")).await.unwrap();
        let cohort = provider
            .create_cohort(&CohortInput {
                module_id: module.id.to_string(),
                name: "Hold 1".into(),
                capacity: capacity.to_string(),
                starts_on: "2030-09-01".into(),
                ends_on: "2031-03-31".into(),
                ..Default::default()
            })
            .await
            .unwrap()
            .id;
        World { store, provider, hr, cohort, _dir: dir }
    }

    /// An employee of the municipality with a participant login.
    pub(crate) async fn participant(&self, name: &str, email: &str) -> UserId {
        let input = super::EmployeeInput { name: name.into(), email: email.into(), ..Default::default() };
        let emp = self.hr.create_employee(&input).await.unwrap().id;
        self.hr.create_participant_login(emp, None).await.unwrap()
    }

    /// An employee with a participant login, by employee id.
    pub(crate) async fn staff(&self, name: &str, email: &str) -> EmployeeId {
        let input = super::EmployeeInput { name: name.into(), email: email.into(), ..Default::default() };
        let emp = self.hr.create_employee(&input).await.unwrap().id;
        self.hr.create_participant_login(emp, None).await.unwrap();
        emp
    }

    /// The scope of an employee given the leader role (their login from [`World::staff`]).
    pub(crate) async fn leader_scope(&self, emp: EmployeeId) -> MunicipalityScope {
        let user = self.hr.employee(emp).await.unwrap().user_id.unwrap();
        let org = self.hr.org_id();
        self.store.grant_role(user, org, "leader").await.unwrap();
        self.store.authorize_as::<MunicipalityScope>(user, org, &[]).await.unwrap()
    }

    /// A unit whose leader (a new employee with a login and the leader role) is returned
    /// with their scope: the usual start of a test of the leader's own-staff rule.
    pub(crate) async fn team(
        &self,
        unit: &str,
        leader: &str,
        email: &str,
    ) -> (super::Unit, EmployeeId, MunicipalityScope) {
        let team = self.hr.create_unit(&super::UnitInput { name: unit.into(), parent_id: None }).await.unwrap();
        let lead = self.staff(leader, email).await;
        self.hr.add_unit_leader(team.id, email).await.unwrap();
        let scope = self.leader_scope(lead).await;
        (team, lead, scope)
    }
}
