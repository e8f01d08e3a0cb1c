//! Log-in and log-out pages, with throttling of wrong passwords.
use std::sync::OnceLock;

use crate::input::Query;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use kompetence_core::domain::{PasswordScratch, hash_password, verify_password_in};
use serde::Deserialize;

use super::{PageCtx, render, safe_next};
use crate::auth::{Caller, CsrfForm, RequestCtx, SESSION_COOKIE};
use crate::error::AppError;
use crate::state::AppState;

#[derive(askama::Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: PageCtx,
    title: String,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct LoginQuery {
    #[serde(default)]
    next: String,
    #[serde(default)]
    expired: Option<String>,
}

pub async fn form(page: PageCtx, Query(q): Query<LoginQuery>) -> Result<Response, AppError> {
    let notice = q.expired.is_some().then(|| page.t("login-expired"));
    let title = page.t("login-title");
    render(StatusCode::OK, &LoginPage { page, title, email: String::new(), next: q.next, error: None, notice })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Verifying against this when the account does not exist keeps the answer time the same,
/// so response times don't tell which e-mails have accounts.
fn dummy_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| hash_password("p", "dummy-password-for-timing").expect("valid").0)
}

/// Checks a password on a few dedicated threads (one per core, at most four), off the async
/// workers, each with its own argon2 working memory (19 MiB) kept for the next check. Run
/// inline, a burst of logins stalled every other request; allocating the memory per check grew
/// the server by ~19 MiB per login up to ~175 MB (docs/performance.md). A check that cannot be
/// made is an error, never a wrong password (which would count towards the lock-out).
async fn verify(password: String, hash: String) -> Result<bool, AppError> {
    type Job = (String, String, tokio::sync::oneshot::Sender<Option<bool>>);
    static CHECKERS: OnceLock<std::sync::Mutex<std::sync::mpsc::Sender<Job>>> = OnceLock::new();
    let checkers = CHECKERS.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        let threads = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get).min(4);
        for _ in 0..threads {
            let rx = rx.clone();
            std::thread::spawn(move || {
                let mut scratch = PasswordScratch::default();
                loop {
                    let job = rx.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                    let Ok((password, hash, reply)) = job else { return };
                    if reply.is_closed() {
                        continue; // the client went away while the check queued
                    }
                    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        verify_password_in(&mut scratch, &password, &hash)
                    }));
                    if checked.is_err() {
                        scratch = PasswordScratch::default();
                    }
                    let _ = reply.send(checked.ok());
                }
            });
        }
        std::sync::Mutex::new(tx)
    });
    let (reply, answer) = tokio::sync::oneshot::channel();
    let sent = checkers.lock().unwrap_or_else(std::sync::PoisonError::into_inner).send((password, hash, reply)).is_ok();
    match (sent, answer.await) {
        (true, Ok(Some(ok))) => Ok(ok),
        _ => Err(kompetence_core::Error::Unexpected(anyhow::anyhow!("the password check could not be made")).into()),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    page: PageCtx,
    axum::Extension(ctx): axum::Extension<RequestCtx>,
    jar: CookieJar,
    CsrfForm(f): CsrfForm<LoginForm>,
) -> Result<Response, AppError> {
    let store = &state.gate;
    let fail = |page: PageCtx, key: &str, status: StatusCode| {
        let title = page.t("login-title");
        let error = Some(page.t(key));
        render(status, &LoginPage { page, title, email: f.email.clone(), next: f.next.clone(), error, notice: None })
    };
    // Counted before the password is checked, so parallel guesses are limited too.
    if store.login_attempt(&f.email, &ctx.client_addr).await?.is_some() {
        return fail(page, "err-login-throttled", StatusCode::TOO_MANY_REQUESTS);
    }
    let creds = store.credentials(&f.email).await?;
    let hash = creds.as_ref().and_then(|(_, h)| h.clone());
    let ok =
        verify(f.password.clone(), hash.clone().unwrap_or_else(|| dummy_hash().to_string())).await? && hash.is_some();
    let Some((user, _)) = creds.filter(|_| ok) else {
        store.login_failed(&f.email, &ctx.client_addr).await?;
        return fail(page, "err-login-failed", StatusCode::UNAUTHORIZED);
    };
    store.login_succeeded(&user, &ctx.client_addr).await?;
    // A new session id at every login; the old one (if any) is ended.
    if let Some(old) = jar.get(SESSION_COOKIE) {
        store.delete_session(old.value()).await?;
    }
    let sid = store.create_session(user.id).await?;
    let cookie = Cookie::build((SESSION_COOKIE, sid.expose().to_string()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(ctx.secure_cookies)
        .build();
    Ok((jar.add(cookie), Redirect::to(safe_next(&f.next))).into_response())
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn logout(
    State(state): State<AppState>,
    caller: Caller,
    jar: CookieJar,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    if let Some(c) = jar.get(SESSION_COOKIE) {
        state.gate.delete_session(c.value()).await?;
    }
    let _ = caller;
    Ok((jar.remove(Cookie::build(SESSION_COOKIE).path("/")), Redirect::to("/login")).into_response())
}

/// Logs the caller out on every other device (a lost phone, a shared computer), keeping
/// this session, and says how many sessions were ended.
pub async fn logout_others(
    me: crate::auth::Me,
    jar: CookieJar,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    // A token-authenticated caller has no session of its own to keep.
    let Some(current) = jar.get(SESSION_COOKIE) else { return Err(AppError::BadRequest) };
    let ended = me.scope.end_other_sessions(current.value()).await?;
    Ok(Redirect::to(&format!("/?sessions_ended={ended}")).into_response())
}
