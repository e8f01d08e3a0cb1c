//! `TestApp`: the real router over a real database, driven in-process (no ports, no
//! sleeps). One fresh database per test: a temporary SQLite file, or a fresh PostgreSQL
//! database on the server named by `TEST_DATABASE_URL`, dropped afterwards.
use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use kompetence_core::domain::{
    CohortId, Email, EmployeeId, EnrolmentId, Locale, ModuleId, OrgId, PasswordHash, PersonName, UserId, hash_password,
};
use kompetence_core::store::{
    Cohort, CohortInput, EmployeeInput, ModuleInput, MunicipalityScope, NewUser, Organization, ProviderScope, Store,
};
use kompetence_web::{AppState, WebConfig, app};
use tower::ServiceExt;

pub const PASSWORD: &str = "rigtig-hest-42";

fn password_hash() -> PasswordHash {
    static H: OnceLock<PasswordHash> = OnceLock::new();
    H.get_or_init(|| hash_password("password", PASSWORD).unwrap()).clone()
}

enum TestDb {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs inside the test's runtime; use a thread with its own runtime.
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async {
                    if let Ok(store) = Store::connect(&admin_url, 1).await {
                        let _ = store.raw_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                        store.close().await;
                    }
                });
            })
            .join()
            .ok();
        }
    }
}

/// The URL of a fresh, empty database and the guard that removes it.
async fn fresh_database() -> (String, TestDb) {
    match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(admin_url) => {
            let name = format!("kp_test_{}", hex_id());
            let admin = Store::connect(&admin_url, 1).await.expect("TEST_DATABASE_URL reachable");
            admin.raw_execute(&format!("CREATE DATABASE {name}")).await.expect("create test database");
            admin.close().await;
            let (base, _) = admin_url.rsplit_once('/').expect("URL with a database name");
            (format!("{base}/{name}"), TestDb::Postgres { admin_url, name })
        }
        None => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            (url, TestDb::Sqlite(dir))
        }
    }
}

fn hex_id() -> String {
    use rand::RngCore;
    let mut b = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

pub struct TestApp {
    pub app: Router,
    pub store: Store,
    pub url: String,
    _db: TestDb,
}

/// A logged-in browser: its session cookie and CSRF token.
#[derive(Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as sent (for PDFs and other binary answers).
    pub bytes: Vec<u8>,
}

impl Resp {
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|c| {
            let (kv, _) = c.split_once(';').unwrap_or((c, ""));
            let (k, v) = kv.split_once('=')?;
            (k == name).then(|| v.to_string())
        })
    }
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_config(WebConfig::default()).await
    }

    /// A fresh app with these web settings.
    pub async fn with_config(config: WebConfig) -> Self {
        let (url, db) = fresh_database().await;
        let store = Store::connect(&url, 5).await.expect("connect");
        store.migrate().await.expect("migrate");
        let app = app(AppState::new(store.clone(), config));
        Self { app, store, url, _db: db }
    }

    /// A second `serve` node on the same database.
    pub async fn second_node(&self) -> Router {
        let store = Store::connect(&self.url, 5).await.expect("connect");
        app(AppState::new(store, WebConfig::default()))
    }

    pub async fn send(&self, req: Request<Body>) -> Resp {
        send(&self.app, req).await
    }

    pub async fn org(&self, name: &str, kind: &str) -> Organization {
        self.store.create_org(name, kind).await.unwrap()
    }

    /// A user with the test password and the given roles.
    pub async fn user(&self, email: &str, roles: &[(OrgId, &str)]) -> UserId {
        let u = self
            .store
            .create_user(NewUser {
                email: Email::parse("email", email).unwrap(),
                name: PersonName::parse("name", &format!("Test {email}")).unwrap(),
                password: Some(password_hash()),
                locale: Locale::Da,
                is_platform_admin: false,
            })
            .await
            .unwrap();
        for (org, role) in roles {
            self.store.grant_role(u.id, *org, role).await.unwrap();
        }
        u.id
    }

    pub async fn platform_admin(&self, email: &str) -> UserId {
        let u = self
            .store
            .create_user(NewUser {
                email: Email::parse("email", email).unwrap(),
                name: PersonName::parse("name", "Pia Platform").unwrap(),
                password: Some(password_hash()),
                locale: Locale::Da,
                is_platform_admin: true,
            })
            .await
            .unwrap();
        u.id
    }

    pub async fn employee(&self, hr: UserId, org: OrgId, name: &str, email: &str, leader: &str) -> EmployeeId {
        let input =
            EmployeeInput { name: name.into(), email: email.into(), leader_email: leader.into(), ..Default::default() };
        self.store
            .authorize_as::<kompetence_core::store::MunicipalityScope>(hr, org, &[])
            .await
            .unwrap()
            .create_employee(&input)
            .await
            .unwrap()
            .id
    }

    /// A session for `user`, made directly in the store (the login form has its own tests).
    pub async fn session(&self, user: UserId) -> Session {
        let sid = self.store.create_session(user).await.unwrap();
        let csrf = self.store.session(sid.expose()).await.unwrap().unwrap().csrf_token;
        Session { cookie: sid.expose().to_string(), csrf }
    }

    pub async fn token(&self, user: UserId, org: Option<OrgId>) -> String {
        self.store.create_token(user, org, "test").await.unwrap().expose().to_string()
    }

    pub async fn get(&self, path: &str, s: Option<&Session>) -> Resp {
        let mut b = Request::get(path);
        if let Some(s) = s {
            b = b.header(header::COOKIE, format!("kp_session={}", s.cookie));
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    /// The login form posted by a visitor, answering to "/".
    pub async fn login(&self, email: &str, password: &str) -> Resp {
        self.send(login_request(email, password, None)).await
    }

    /// Posts a form as a browser would, with the session's (or visitor's) CSRF token.
    pub async fn post_form(&self, path: &str, s: Option<&Session>, fields: &[(&str, &str)]) -> Resp {
        let (cookie, csrf) = match s {
            Some(s) => (format!("kp_session={}", s.cookie), s.csrf.clone()),
            None => {
                let token = "a".repeat(64);
                (format!("kp_csrf={token}"), token)
            }
        };
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend_from_slice(fields);
        self.post_raw(path, &cookie, &all).await
    }

    pub async fn post_raw(&self, path: &str, cookie: &str, fields: &[(&str, &str)]) -> Resp {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie)
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Posts a multipart form (text fields and one optional file) with the session's CSRF token.
    pub async fn post_multipart(
        &self,
        path: &str,
        s: &Session,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
    ) -> Resp {
        let boundary = "----kompetence-test-boundary";
        let mut body: Vec<u8> = vec![];
        let csrf = [("csrf", s.csrf.as_str())];
        for (k, v) in csrf.iter().chain(fields) {
            body.extend(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
            );
        }
        if let Some((field, name, data)) = file {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend(data);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .header(header::COOKIE, format!("kp_session={}", s.cookie))
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// A multipart form with several files in one `files` input (as a browser sends a
    /// multi-file choice).
    pub async fn post_files(&self, path: &str, s: &Session, files: &[(&str, &[u8])]) -> Resp {
        let boundary = "----kompetence-test-boundary";
        let mut body: Vec<u8> = vec![];
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n", s.csrf).as_bytes(),
        );
        for (name, data) in files {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend(*data);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .header(header::COOKIE, format!("kp_session={}", s.cookie))
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    pub async fn api(&self, method: Method, path: &str, token: Option<&str>, body: Option<serde_json::Value>) -> Resp {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(j) => b.header(header::CONTENT_TYPE, "application/json").body(Body::from(j.to_string())).unwrap(),
            None => b.body(Body::empty()).unwrap(),
        };
        self.send(req).await
    }
}

/// A visitor's login request (with the visitor CSRF cookie the form echoes), optionally
/// arriving through a proxy that sent this `X-Forwarded-For`; built on its own so that
/// tests can send many at once.
pub fn login_request(email: &str, password: &str, forwarded_for: Option<&str>) -> Request<Body> {
    let token = "v".repeat(64);
    let body = serde_urlencoded::to_string([
        ("csrf", token.as_str()),
        ("email", email),
        ("password", password),
        ("next", "/"),
    ])
    .unwrap();
    let mut req = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("kp_csrf={token}"));
    if let Some(hops) = forwarded_for {
        req = req.header("x-forwarded-for", hops);
    }
    req.body(Body::from(body)).unwrap()
}

pub async fn send(app: &Router, req: Request<Body>) -> Resp {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    Resp { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
}

// Shared worlds: a provider with its administrator, a course (module and cohort) built on
// it, and a municipality whose HR makes participants and enrols them. Tests start from
// `TestApp::provider()` and add what they need.

/// A provider with its administrator logged in.
pub struct Provider {
    pub t: TestApp,
    pub org: OrgId,
    pub admin: UserId,
    pub s: Session,
}

impl TestApp {
    /// A fresh app with the provider "Professionshøjskolen Nordlys" and its administrator.
    pub async fn provider() -> Provider {
        let t = TestApp::new().await;
        let org = t.org("Professionshøjskolen Nordlys", "provider").await.id;
        let admin = t.user("udbyder@nordlys.dk", &[(org, "provider_admin")]).await;
        let s = t.session(admin).await;
        Provider { t, org, admin, s }
    }

    /// Aabenraa Kommune with its HR logged in: the organisation, the HR user and the session.
    pub async fn aabenraa_hr(&self) -> (Organization, UserId, Session) {
        let org = self.org("Aabenraa Kommune", "municipality").await;
        let hr = self.user("hr@aabenraa.dk", &[(org.id, "hr")]).await;
        let s = self.session(hr).await;
        (org, hr, s)
    }

    /// A municipality with one HR login, who makes participants and enrols them.
    pub async fn municipality(&self, name: &str, hr_email: &str) -> Municipality {
        let org = self.org(name, "municipality").await.id;
        let hr = self.user(hr_email, &[(org, "hr")]).await;
        let scope = self.store.authorize_as::<MunicipalityScope>(hr, org, &[]).await.unwrap();
        Municipality { org, hr, scope }
    }
}

impl Provider {
    /// The administrator's scope.
    pub async fn scope(&self) -> ProviderScope {
        self.scope_of(self.admin).await
    }

    /// Another member's scope (a teacher's, a censor's).
    pub async fn scope_of(&self, user: UserId) -> ProviderScope {
        self.t.store.authorize_as::<ProviderScope>(user, self.org, &[]).await.unwrap()
    }

    /// A module and a cohort of it, to be adjusted before `build`.
    pub fn course(&self, code: &str) -> CourseBuilder<'_> {
        CourseBuilder { p: self, module: module_input(code, "10"), capacity: 10, teacher: None }
    }
}

pub struct CourseBuilder<'a> {
    p: &'a Provider,
    module: ModuleInput,
    capacity: i64,
    teacher: Option<&'static str>,
}

/// A built course: its cohort and the teacher (when one was asked for).
pub struct Course {
    pub cohort: Cohort,
    pub teacher: Option<UserId>,
}

impl CourseBuilder<'_> {
    pub fn censor(mut self, censor: &str) -> Self {
        self.module.censor = censor.into();
        self
    }
    pub fn capacity(mut self, seats: i64) -> Self {
        self.capacity = seats;
        self
    }
    /// A teacher of the provider, made with this e-mail and assigned to the cohort.
    pub fn teacher(mut self, email: &'static str) -> Self {
        self.teacher = Some(email);
        self
    }
    pub async fn build(self) -> Course {
        let scope = self.p.scope().await;
        let module = scope.create_module(&self.module).await.unwrap();
        let cohort = scope.create_cohort(&cohort_input(module.id, self.capacity)).await.unwrap();
        let teacher = match self.teacher {
            Some(email) => {
                let id = self.p.t.user(email, &[(self.p.org, "teacher")]).await;
                scope.assign_teacher(cohort.id, email).await.unwrap();
                Some(id)
            }
            None => None,
        };
        Course { cohort, teacher }
    }
}

/// A municipality and its HR's scope.
pub struct Municipality {
    pub org: OrgId,
    pub hr: UserId,
    pub scope: MunicipalityScope,
}

impl Municipality {
    /// An employee with a participant login.
    pub async fn participant(&self, t: &TestApp, name: &str, email: &str) -> UserId {
        let emp = t.employee(self.hr, self.org, name, email, "").await;
        self.scope.create_participant_login(emp, None).await.unwrap()
    }
    /// Enrols an employee (approved by their leader) and answers the enrolment's id.
    pub async fn enrol(&self, cohort: CohortId, email: &str) -> EnrolmentId {
        self.scope.enrol(cohort, email, true).await.unwrap().id
    }
}

pub fn module_input(code: &str, ects: &str) -> ModuleInput {
    ModuleInput {
        code: code.into(),
        title_da: format!("Modul {code}"),
        title_en: format!("Module {code}"),
        ects: ects.into(),
        knowledge: "Viden om kommunal administration".into(),
        skills: "Kan facilitere".into(),
        competences: "Kan tage ansvar".into(),
        exam_form: "Skriftligt projekt".into(),
        censor: "internal".into(),
        compulsory_assignments: "2".into(),
    }
}

pub fn cohort_input(module: ModuleId, capacity: i64) -> CohortInput {
    CohortInput {
        module_id: module.to_string(),
        name: "Hold 1".into(),
        venue: "Campus Rønne".into(),
        capacity: capacity.to_string(),
        starts_on: "2030-09-01".into(),
        ends_on: "2031-03-31".into(),
        ..Default::default()
    }
}
