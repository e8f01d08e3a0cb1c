//! Platform administration: organisations of two kinds, users, roles in several places.
use axum::http::StatusCode;

use crate::support::TestApp;

#[tokio::test]
async fn the_platform_admin_creates_organisations_of_both_kinds() {
    let t = TestApp::new().await;
    let admin = t.platform_admin("pia@test.dk").await;
    let s = t.session(admin).await;
    for (name, kind) in [("Professionshøjskolen Nordlys", "provider"), ("Aabenraa Kommune", "municipality")] {
        let resp = t.post_form("/admin/orgs", Some(&s), &[("name", name), ("kind", kind)]).await;
        assert_eq!(resp.status, StatusCode::SEE_OTHER, "{}", resp.body);
        let org = t.store.org_by_name(name).await.unwrap();
        assert_eq!(org.kind.as_str(), kind);
    }
    let list = t.get("/admin/orgs", Some(&s)).await;
    assert!(list.body.contains("Professionshøjskolen Nordlys") && list.body.contains("Uddannelsesudbyder"));
    let dup = t.post_form("/admin/orgs", Some(&s), &[("name", "aabenraa kommune"), ("kind", "municipality")]).await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dup.body.contains("findes allerede en organisation"));
    let nokind = t.post_form("/admin/orgs", Some(&s), &[("name", "Viborg Kommune"), ("kind", "skole")]).await;
    assert!(nokind.body.contains("Vælg udbyder eller kommune") && nokind.body.contains("value=\"Viborg Kommune\""));
    assert!(t.store.org_by_name("Viborg Kommune").await.is_err(), "nothing saved");
}

#[tokio::test]
async fn one_person_holds_roles_in_several_organisations() {
    let t = TestApp::new().await;
    let admin = t.platform_admin("pia@test.dk").await;
    let s = t.session(admin).await;
    let provider = t.org("Professionshøjskolen Nordlys", "provider").await;
    let municipality = t.org("Odense Kommune", "municipality").await;
    t.user("torben@test.dk", &[]).await;
    let grant = |org: i64, role: &'static str| {
        let s = s.clone();
        let t = &t;
        async move {
            t.post_form(&format!("/admin/orgs/{org}/roles"), Some(&s), &[("email", "torben@test.dk"), ("role", role)])
                .await
        }
    };
    assert_eq!(grant(provider.id.0, "teacher").await.status, StatusCode::SEE_OTHER);
    assert_eq!(grant(municipality.id.0, "participant").await.status, StatusCode::SEE_OTHER);
    let unknown = grant(provider.id.0, "rektor").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("Ukendt rolle."));
    let wrong_kind = grant(provider.id.0, "hr").await;
    assert!(wrong_kind.body.contains("hører ikke til denne type organisation"));
    let torben = t.store.user_by_email("torben@test.dk").await.unwrap();
    let ts = t.session(torben.id).await;
    let home = t.get("/", Some(&ts)).await;
    assert!(home.body.contains("Professionshøjskolen Nordlys") && home.body.contains("Underviser"));
    assert!(home.body.contains("Odense Kommune") && home.body.contains("Deltager"));
    let nobody = t
        .post_form(
            &format!("/admin/orgs/{}/roles", provider.id),
            Some(&s),
            &[("email", "ingen@test.dk"), ("role", "teacher")],
        )
        .await;
    assert!(nobody.body.contains("Der findes ingen bruger med den e-mail"));
}

#[tokio::test]
async fn the_platform_admin_creates_users_and_duplicates_are_refused() {
    let t = TestApp::new().await;
    let admin = t.platform_admin("pia@test.dk").await;
    let s = t.session(admin).await;
    let ok = t
        .post_form(
            "/admin/users",
            Some(&s),
            &[("name", "Åse Ørsted"), ("email", "aase@test.dk"), ("password", "langt-nok-1")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert!(t.get("/admin/users?q=%C3%85se", Some(&s)).await.body.contains("aase@test.dk"));
    let dup = t
        .post_form(
            "/admin/users",
            Some(&s),
            &[("name", "Åse To"), ("email", "AASE@test.dk"), ("password", "langt-nok-1")],
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dup.body.contains("E-mailadressen er allerede i brug.") && dup.body.contains("value=\"Åse To\""));
    assert!(!dup.body.contains("langt-nok-1"), "passwords are never echoed back");
    let bad = t.post_form("/admin/users", Some(&s), &[("name", ""), ("email", "x"), ("password", "kort")]).await;
    for msg in ["Skal udfyldes.", "ikke en gyldig e-mailadresse", "mindst 8 tegn"] {
        assert!(bad.body.contains(msg), "all problems reported at once: {msg}");
    }
}

#[tokio::test]
async fn an_org_admin_creates_and_revokes_api_tokens() {
    let t = TestApp::new().await;
    let (org, hr, s) = t.aabenraa_hr().await;
    let path = format!("/o/{}/tokens", org.id);
    let empty = t.post_form(&path, Some(&s), &[("name", " ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let created = t.post_form(&path, Some(&s), &[("name", "Lønsystem")]).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let token = created.body.split("<code id=\"new-token\">").nth(1).unwrap().split('<').next().unwrap().to_string();
    let me = t.api(axum::http::Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["email"], "hr@aabenraa.dk");
    assert!(!t.get(&path, Some(&s)).await.body.contains(&token), "the token is shown only once");
    let id = t
        .store
        .authorize_as::<kompetence_core::store::OrgScope>(hr, org.id, &[])
        .await
        .unwrap()
        .tokens()
        .await
        .unwrap()[0]
        .id;
    let revoked = t.post_form(&format!("{path}/{id}/revoke"), Some(&s), &[]).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(t.api(axum::http::Method::GET, "/api/v1/me", Some(&token), None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_platform_admin_lifts_a_persons_login_delays_and_is_told_so() {
    let t = TestApp::new().await;
    t.user("anne@aabenraa.dk", &[]).await;
    let guess = |pw: &'static str| {
        let t = &t;
        async move { t.login("anne@aabenraa.dk", pw).await.status }
    };
    for _ in 0..5 {
        assert_eq!(guess("forkert-kode").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(guess(crate::support::PASSWORD).await, StatusCode::TOO_MANY_REQUESTS, "delayed");

    let admin = t.platform_admin("pia@kompetence.dk").await;
    let s = t.session(admin).await;
    let anne = t.store.user_by_email("anne@aabenraa.dk").await.unwrap();
    let list = t.get("/admin/users?q=anne", Some(&s)).await;
    assert!(list.body.contains(&format!("/admin/users/{}/unlock", anne.id)), "an unlock button per user");
    let r = t.post_form(&format!("/admin/users/{}/unlock", anne.id), Some(&s), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let done = t.get(r.location(), Some(&s)).await;
    assert!(done.body.contains("Login-forsinkelserne for anne@aabenraa.dk er ophævet."), "{}", done.body);
    assert_eq!(guess(crate::support::PASSWORD).await, StatusCode::SEE_OTHER, "Anne can log in again");
}

#[tokio::test]
async fn common_blank_and_short_admin_passwords_are_refused_with_the_reason() {
    let t = TestApp::new().await;
    let admin = t.platform_admin("pia@kompetence.dk").await;
    let s = t.session(admin).await;
    let new = |email: &'static str, password: &'static str, platform_admin: bool| {
        let (t, s) = (&t, &s);
        async move {
            let mut f = vec![("name", "Ny Bruger"), ("email", email), ("password", password)];
            if platform_admin {
                f.push(("platform_admin", "1"));
            }
            t.post_form("/admin/users", Some(s), &f).await
        }
    };
    for weak in ["password", "12345678", "Kodeord123", "aaaaaaaaaaaa"] {
        let r = new("svag@test.dk", weak, false).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{weak:?}");
        assert!(r.body.contains("for almindelig eller for let at gætte"), "{weak:?}");
    }
    let blank = new("blank@test.dk", "        ", false).await;
    assert!(blank.body.contains("mindst 8 tegn (mellemrum tæller ikke)"));
    let admin_short = new("admin2@test.dk", "langt-nok-1", true).await;
    assert_eq!(admin_short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(admin_short.body.contains("Administratorers adgangskoder skal være på mindst 12 tegn."));
    assert_eq!(new("ok@test.dk", "langt-nok-1", false).await.status, StatusCode::SEE_OTHER, "a participant's is fine");
    assert!(t.store.user_by_email("svag@test.dk").await.is_err(), "nothing saved");
}

#[tokio::test]
async fn the_audit_log_shows_logins_and_role_grants_to_those_who_may_read_it() {
    let t = TestApp::new().await;
    let (org, hr, hr_s) = t.aabenraa_hr().await;
    let other = t.org("Bornholms Regionskommune", "municipality").await;
    let other_hr = t.user("hr@bornholm.dk", &[(other.id, "hr")]).await;
    let other_s = t.session(other_hr).await;
    t.user("anne@aabenraa.dk", &[]).await;
    let login = |pw: &'static str| {
        let t = &t;
        async move { t.login("anne@aabenraa.dk", pw).await.status }
    };
    assert_eq!(login("forkert-kode").await, StatusCode::UNAUTHORIZED);
    assert_eq!(login(crate::support::PASSWORD).await, StatusCode::SEE_OTHER);

    let admin = t.platform_admin("pia@kompetence.dk").await;
    let s = t.session(admin).await;
    let grant = t
        .post_form(
            &format!("/admin/orgs/{}/roles", org.id),
            Some(&s),
            &[("email", "anne@aabenraa.dk"), ("role", "leader")],
        )
        .await;
    assert_eq!(grant.status, StatusCode::SEE_OTHER);

    let all = t.get("/admin/audit", Some(&s)).await;
    assert_eq!(all.status, StatusCode::OK);
    for shown in ["Forkert adgangskode", "Logget ind", "Rolle tildelt", "anne@aabenraa.dk", "Pia Platform"] {
        assert!(all.body.contains(shown), "{shown} missing from {}", all.body);
    }
    // Aabenraa's HR sees the grant in Aabenraa (not the logins, which belong to no
    // organisation); Bornholm's HR sees nothing of Aabenraa's.
    let own = t.get(&format!("/o/{}/audit", org.id), Some(&hr_s)).await;
    assert!(own.body.contains("Rolle tildelt") && !own.body.contains("Logget ind"), "{}", own.body);
    let theirs = t.get(&format!("/o/{}/audit", other.id), Some(&other_s)).await;
    assert!(!theirs.body.contains("Rolle tildelt"));
    assert_eq!(t.get(&format!("/o/{}/audit", org.id), Some(&other_s)).await.status, StatusCode::NOT_FOUND);
    let token = t.token(hr, Some(org.id)).await;
    let api = t.api(axum::http::Method::GET, &format!("/api/v1/orgs/{}/audit", org.id), Some(&token), None).await;
    assert_eq!(api.json()["total"], 1);
    assert_eq!(api.json()["items"][0]["action"], "role.granted");
}
