//! Logging in and out, sessions across nodes, CSRF, throttling, language.
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::support::{PASSWORD, TestApp, send};

async fn login(t: &TestApp, email: &str, password: &str, next: &str) -> crate::support::Resp {
    t.post_form("/login", None, &[("email", email), ("password", password), ("next", next)]).await
}

#[tokio::test]
async fn login_starts_a_session_and_returns_to_the_page_asked_for() {
    let t = TestApp::new().await;
    let org = t.org("Aabenraa Kommune", "municipality").await;
    t.user("hr@aabenraa.dk", &[(org.id, "hr")]).await;
    let before = t.get(&format!("/o/{}/employees?q=x", org.id), None).await;
    assert_eq!(before.status, StatusCode::SEE_OTHER);
    let next = before.location().strip_prefix("/login?next=").unwrap().to_string();
    let next = serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("n={next}")).unwrap()[0].1.clone();
    let resp = login(&t, "HR@Aabenraa.dk", PASSWORD, &next).await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER);
    assert_eq!(resp.location(), format!("/o/{}/employees?q=x", org.id));
    let set =
        resp.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>();
    let sc = set.iter().find(|c| c.starts_with("kp_session=")).expect("session cookie");
    assert!(sc.contains("HttpOnly") && sc.contains("SameSite=Lax"), "{sc}");
    let cookie = resp.cookie("kp_session").unwrap();
    let page = t
        .send(Request::get("/").header(header::COOKIE, format!("kp_session={cookie}")).body(Body::empty()).unwrap())
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Aabenraa Kommune"), "dashboard lists the organisation");
}

#[tokio::test]
async fn wrong_password_is_refused_in_danish_and_keeps_the_email() {
    let t = TestApp::new().await;
    t.user("anne@aabenraa.dk", &[]).await;
    let resp = login(&t, "anne@aabenraa.dk", "forkert-kode", "/").await;
    assert_eq!(resp.status, StatusCode::UNAUTHORIZED);
    assert!(resp.body.contains("Forkert e-mail eller adgangskode."), "{}", resp.body);
    assert!(resp.body.contains(r#"value="anne@aabenraa.dk""#));
    assert!(resp.cookie("kp_session").is_none());
    // An unknown account gets the very same answer.
    let resp = login(&t, "ukendt@aabenraa.dk", "forkert-kode", "/").await;
    assert_eq!(resp.status, StatusCode::UNAUTHORIZED);
    assert!(resp.body.contains("Forkert e-mail eller adgangskode."));
}

#[tokio::test]
async fn an_account_is_throttled_after_five_failures_even_with_the_right_password() {
    let t = TestApp::new().await;
    t.user("anne@aabenraa.dk", &[]).await;
    for _ in 0..5 {
        assert_eq!(login(&t, "anne@aabenraa.dk", "forkert-kode", "/").await.status, StatusCode::UNAUTHORIZED);
    }
    let resp = login(&t, "anne@aabenraa.dk", PASSWORD, "/").await;
    assert_eq!(resp.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(resp.body.contains("For mange forkerte forsøg"));
    assert!(resp.cookie("kp_session").is_none());
    // Another account from the same address is not locked by this one.
    t.user("bo@aabenraa.dk", &[]).await;
    assert_eq!(login(&t, "bo@aabenraa.dk", PASSWORD, "/").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_address_is_throttled_after_twenty_failures_across_accounts() {
    let t = TestApp::new().await;
    t.user("anne@aabenraa.dk", &[]).await;
    for i in 0..20 {
        login(&t, &format!("gaet{i}@aabenraa.dk"), "forkert-kode", "/").await;
    }
    assert_eq!(login(&t, "anne@aabenraa.dk", PASSWORD, "/").await.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn login_renews_the_session_id_and_ends_the_old_one() {
    let t = TestApp::new().await;
    let u = t.user("anne@aabenraa.dk", &[]).await;
    let old = t.session(u).await;
    let resp = t
        .post_raw(
            "/login",
            &format!("kp_session={}", old.cookie),
            &[("csrf", &old.csrf), ("email", "anne@aabenraa.dk"), ("password", PASSWORD), ("next", "/")],
        )
        .await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER);
    let new = resp.cookie("kp_session").unwrap();
    assert_ne!(new, old.cookie);
    assert!(t.store.session(&old.cookie).await.unwrap().is_none(), "old session ended");
    assert!(t.store.session(&new).await.unwrap().is_some());
}

#[tokio::test]
async fn an_expired_session_goes_to_login_and_then_back_to_the_page() {
    let t = TestApp::new().await;
    let (org, _, s) = t.aabenraa_hr().await;
    t.store.expire_session(&s.cookie).await.unwrap();
    let path = format!("/o/{}/employees", org.id);
    let resp = t.get(&path, Some(&s)).await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER);
    assert!(resp.location().contains("expired=1"), "{}", resp.location());
    let login_page = t.get(resp.location(), None).await;
    assert!(login_page.body.contains("Din session er udløbet"), "{}", login_page.body);
    assert!(login_page.body.contains(&format!(r#"name="next" value="{path}""#)), "next kept in the form");
    let back = login(&t, "hr@aabenraa.dk", PASSWORD, &path).await;
    assert_eq!(back.location(), path);
}

#[tokio::test]
async fn forms_without_the_right_csrf_token_are_refused_and_change_nothing() {
    let t = TestApp::new().await;
    let (org, u, s) = t.aabenraa_hr().await;
    let path = format!("/o/{}/employees", org.id);
    let cookie = format!("kp_session={}", s.cookie);
    for csrf in ["", "forkert"] {
        let resp = t.post_raw(&path, &cookie, &[("csrf", csrf), ("name", "Ny"), ("email", "ny@aabenraa.dk")]).await;
        assert_eq!(resp.status, StatusCode::FORBIDDEN);
        assert!(resp.body.contains("Genindlæs siden"), "{}", resp.body);
    }
    let scope = t.store.authorize_as::<kompetence_core::store::MunicipalityScope>(u, org.id, &[]).await.unwrap();
    assert_eq!(scope.employees("", kompetence_core::store::PageRequest::new(None, None)).await.unwrap().total, 0);
    // The login form itself is protected by the visitor's cookie token.
    let resp = t.post_raw("/login", "kp_csrf=", &[("email", "hr@aabenraa.dk"), ("password", PASSWORD)]).await;
    assert_eq!(resp.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let t = TestApp::new().await;
    let u = t.user("anne@aabenraa.dk", &[]).await;
    let s = t.session(u).await;
    let resp = t.post_form("/logout", Some(&s), &[]).await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER);
    assert!(t.store.session(&s.cookie).await.unwrap().is_none());
    assert_eq!(t.get("/", Some(&s)).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn redirects_after_login_stay_on_this_site() {
    let t = TestApp::new().await;
    t.user("anne@aabenraa.dk", &[]).await;
    let evil = [
        "//evil.example",
        "https://evil.example/",
        "/\\evil.example",
        "/\t/evil.example/",
        "/\n/evil.example/",
        "/\r\n/evil.example",
        "/x\u{7f}",
        "/ok\\..\\evil",
        "javascript:alert(1)",
    ];
    for next in evil {
        let r = login(&t, "anne@aabenraa.dk", PASSWORD, next).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/"), "{next:?}");
        let lang = t.post_form("/lang", None, &[("lang", "da"), ("next", next)]).await;
        assert_eq!((lang.status, lang.location()), (StatusCode::SEE_OTHER, "/"), "/lang {next:?}");
    }
    // A path of this site, with its query, is kept.
    let r = login(&t, "anne@aabenraa.dk", PASSWORD, "/me/schedule?uge=2").await;
    assert_eq!(r.location(), "/me/schedule?uge=2");
}

#[tokio::test]
async fn a_login_on_one_node_is_valid_on_another() {
    let t = TestApp::new().await;
    t.user("anne@aabenraa.dk", &[]).await;
    let resp = login(&t, "anne@aabenraa.dk", PASSWORD, "/").await;
    let cookie = resp.cookie("kp_session").unwrap();
    let other = t.second_node().await;
    let page = send(
        &other,
        Request::get("/").header(header::COOKIE, format!("kp_session={cookie}")).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Test anne@aabenraa.dk"), "the other node knows the user");
}

#[tokio::test]
async fn the_language_choice_is_remembered_for_the_user() {
    let t = TestApp::new().await;
    let u = t.user("anne@aabenraa.dk", &[]).await;
    let s = t.session(u).await;
    assert!(t.get("/", Some(&s)).await.body.contains(r#"<html lang="da">"#));
    let resp = t.post_form("/lang", Some(&s), &[("lang", "en"), ("next", "/")]).await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER);
    // A new session (another browser) gets English too: it is stored on the user.
    let s2 = t.session(u).await;
    let page = t.get("/", Some(&s2)).await;
    assert!(page.body.contains(r#"<html lang="en">"#) && page.body.contains("Log out"), "{}", page.body);
    // Visitors not logged in get it from a cookie.
    let resp = t.post_form("/lang", None, &[("lang", "en"), ("next", "/login")]).await;
    assert_eq!(resp.cookie("kp_lang").as_deref(), Some("en"));
    let page = t.send(Request::get("/login").header(header::COOKIE, "kp_lang=en").body(Body::empty()).unwrap()).await;
    assert!(page.body.contains("Log in") && page.body.contains(r#"lang="en""#));
    let bad = t.post_form("/lang", None, &[("lang", "de")]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

/// Forty wrong guesses and the right password, all sent at once: the limit holds, so at
/// most five passwords are checked and the rest are refused unchecked (429).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_are_counted_before_any_password_is_checked() {
    let t = TestApp::new().await;
    t.user("anne@aabenraa.dk", &[]).await;
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..41 {
        let app = t.app.clone();
        let password = if i == 20 { PASSWORD.to_string() } else { format!("gæt-{i}") };
        burst.spawn(async move {
            let req = crate::support::login_request("anne@aabenraa.dk", &password, None);
            crate::support::send(&app, req).await.status
        });
    }
    let statuses: Vec<StatusCode> = burst.join_all().await;
    let checked = statuses.iter().filter(|s| **s != StatusCode::TOO_MANY_REQUESTS).count();
    assert!(checked <= 5, "{checked} passwords checked in one burst: {statuses:?}");
}

/// Behind one proxy, the client is the right-most `X-Forwarded-For` entry (the one the
/// proxy wrote): a guesser who forges the left-most entry is still one address.
#[tokio::test]
async fn a_forged_forwarded_for_entry_does_not_escape_the_address_limit() {
    let t = TestApp::with_config(kompetence_web::WebConfig { trusted_proxies: 1, ..Default::default() }).await;
    t.user("anne@aabenraa.dk", &[]).await;
    let attempt = |email: String, forged: usize, password: &'static str| {
        let t = &t;
        async move {
            let hops = format!("203.0.113.{forged}, 198.51.100.7");
            let req = crate::support::login_request(&email, password, Some(&hops));
            t.send(req).await.status
        }
    };
    for i in 0..20 {
        assert_eq!(attempt(format!("gaet{i}@aabenraa.dk"), i, "forkert-kode").await, StatusCode::UNAUTHORIZED);
    }
    let next = attempt("anne@aabenraa.dk".into(), 99, PASSWORD).await;
    assert_eq!(next, StatusCode::TOO_MANY_REQUESTS, "twenty forged 'clients' were one address");
}

#[tokio::test]
async fn logging_out_everywhere_else_ends_the_other_sessions_and_keeps_this_one() {
    let t = TestApp::new().await;
    let anne = t.user("anne@aabenraa.dk", &[]).await;
    let (here, phone, laptop) = (t.session(anne).await, t.session(anne).await, t.session(anne).await);
    let bo = t.user("bo@aabenraa.dk", &[]).await;
    let other = t.session(bo).await;
    let start = t.get("/", Some(&here)).await;
    assert!(start.body.contains("Log ud på alle andre enheder"), "offered on the start page");
    let r = t.post_form("/logout/others", Some(&here), &[]).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/?sessions_ended=2"));
    let done = t.get(r.location(), Some(&here)).await;
    assert!(done.body.contains("2 andre sessioner er afsluttet. Du er stadig logget ind her."), "{}", done.body);
    for gone in [&phone, &laptop] {
        assert!(t.store.session(&gone.cookie).await.unwrap().is_none());
    }
    assert!(t.store.session(&other.cookie).await.unwrap().is_some(), "Bo's session is his own");
}
