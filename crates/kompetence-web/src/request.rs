//! The request pipeline's middleware: resolves the caller (session cookie or bearer token),
//! the language and the CSRF token into a [`RequestCtx`] for the handlers, and turns an
//! error marker on the response into the page or JSON body the caller can read.
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use kompetence_core::domain::{Locale, Secret};

use crate::auth::{Authenticated, CSRF_COOKIE, LANG_COOKIE, RequestCtx, SESSION_COOKIE};
use crate::error::{AppError, ErrorMarker};
use crate::i18n::Tr;
use crate::state::AppState;

fn bearer(req: &Request) -> Option<String> {
    let v = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    v.strip_prefix("Bearer ").map(|s| s.trim().to_string())
}

/// The client's address: with `proxies` trusted proxies in front, the `X-Forwarded-For`
/// entry that many places from the right (the left-most entries are the client's own
/// claim); otherwise the peer's address.
fn client_addr(req: &Request, proxies: usize) -> String {
    let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok()).filter(|_| proxies > 0);
    if let Some(hops) = forwarded {
        let hops: Vec<&str> = hops.split(',').map(str::trim).filter(|h| !h.is_empty()).collect();
        if let Some(hop) = hops.len().checked_sub(proxies).map(|i| hops[i]).or(hops.first().copied()) {
            return hop.to_string();
        }
    }
    req.extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "local".into())
}

/// Middleware: resolves the caller, language and CSRF token, and renders error pages in
/// the caller's language on the way out.
pub async fn request_context(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    let mut caller = None;
    let mut csrf = None;
    let mut session_expired = false;
    let mut bad_token = false;
    // The caller could not be looked up (the database is away): answered as such, never as
    // "not logged in", which would send a logged-in user to the login page.
    let mut lookup_failed: Option<kompetence_core::Error> = None;
    // The bearer token at /metrics is the scraper's (checked by the handler), not an API
    // token: looking it up would answer 401 and cost a database round trip per scrape.
    let api_bearer = bearer(&req).filter(|_| req.uri().path() != "/metrics");
    if let Some(token) = api_bearer {
        match state.gate.token_caller(&token).await {
            Ok(Some((user, only_org))) => caller = Some(Authenticated { user, only_org, via_token: true }),
            Ok(None) => bad_token = true,
            Err(e) => lookup_failed = Some(e),
        }
    } else if let Some(c) = jar.get(SESSION_COOKIE) {
        match state.gate.session(c.value()).await {
            Ok(Some(s)) => {
                csrf = Some(s.csrf_token);
                caller = Some(Authenticated { user: s.user, only_org: None, via_token: false });
            }
            Ok(None) => session_expired = true,
            Err(e) => lookup_failed = Some(e),
        }
    }
    let mut new_csrf_cookie = None;
    let csrf = match csrf {
        Some(c) => c,
        None => match jar.get(CSRF_COOKIE) {
            Some(c) if c.value().len() == 64 => c.value().to_string(),
            _ => {
                let fresh = Secret::generate("").expose().to_string();
                new_csrf_cookie = Some(fresh.clone());
                fresh
            }
        },
    };
    let locale = match &caller {
        Some(c) => c.user.locale,
        None => jar.get(LANG_COOKIE).and_then(|c| Locale::parse(c.value())).unwrap_or_default(),
    };
    let ctx = RequestCtx {
        caller,
        tr: Tr { i18n: state.i18n.clone(), locale },
        csrf,
        session_expired,
        here: req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into()),
        method: req.method().clone(),
        secure_cookies: state.config.secure_cookies,
        client_addr: client_addr(&req, state.config.trusted_proxies),
    };
    // A write to the JSON API on the strength of the session cookie alone could be made by
    // another site the user visits; such a write must also carry the session's CSRF token
    // in `X-CSRF-Token` (bearer-token calls are not at risk and need none).
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let cookie_api_write = ctx.is_api() && unsafe_method && ctx.caller.as_ref().is_some_and(|c| !c.via_token);
    let csrf_ok = !cookie_api_write || {
        let sent = req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
        crate::auth::tokens_match(sent, &ctx.csrf)
    };
    req.extensions_mut().insert(ctx.clone());
    let mut resp = match lookup_failed {
        Some(e) => AppError::from(e).into_response(),
        None if bad_token => AppError::Unauthenticated.into_response(),
        None if !csrf_ok => AppError::Csrf.into_response(),
        None => next.run(req).await,
    };
    if let Some(marker) = resp.extensions().get::<ErrorMarker>().cloned() {
        resp = crate::pages::error_page::render(&ctx, marker, resp);
    }
    let is_html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if let Some(fresh) = new_csrf_cookie.filter(|_| is_html) {
        let cookie = Cookie::build((CSRF_COOKIE, fresh))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(ctx.secure_cookies)
            .build();
        if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}
