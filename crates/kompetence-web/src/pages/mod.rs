//! Server-rendered pages. Each handler states its access in its signature, calls the
//! store through the scope it was given, and renders an askama template.
pub mod actions;
pub mod admin;
pub mod audit;
pub mod catalogue;
pub mod certificates;
pub mod cohorts;
pub mod coverage;
pub mod demand;
pub mod employees;
pub mod error_page;
pub mod evaluations;
pub mod exams;
pub mod fund;
pub mod home;
pub mod lang;
pub mod learning;
pub mod login;
pub mod materials;
pub mod org;
pub mod planning;
pub mod profiles;
pub mod programmes;
pub mod progress;
pub mod schedule;
pub mod statistics;
pub mod tokens;
pub mod verify;
pub mod was;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use kompetence_core::domain::ValidationError;

use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::i18n::Tr;

/// What every page's layout needs: language, CSRF token, who is logged in.
#[derive(Clone)]
pub struct PageCtx {
    pub tr: Tr,
    pub lang: &'static str,
    pub csrf: String,
    pub user_name: Option<String>,
    pub is_platform_admin: bool,
    pub here: String,
}

impl PageCtx {
    pub fn from_ctx(ctx: &RequestCtx) -> Self {
        let user = ctx.caller.as_ref().map(|c| &c.user);
        Self {
            tr: ctx.tr.clone(),
            lang: ctx.locale().as_str(),
            csrf: ctx.csrf.clone(),
            user_name: user.map(|u| u.name.clone()),
            is_platform_admin: user.is_some_and(|u| u.is_platform_admin),
            here: ctx.here.clone(),
        }
    }
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }
    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        self.tr.t1(key, name, value)
    }
    /// Translates a value-dependent key such as `state-` + `enrolled`.
    pub fn tk(&self, prefix: &str, value: &(impl AsRef<str> + ?Sized)) -> String {
        let value = value.as_ref();
        self.tr.t(&format!("{prefix}{value}"))
    }
    /// A unix time in Danish local time.
    pub fn when(&self, unix: &i64) -> String {
        local_time(unix)
    }
    /// A one-decimal figure in the page's language: "7,4" in Danish, "7.4" in English.
    pub fn tenths(&self, t: &Option<kompetence_core::domain::Tenths>) -> String {
        match t {
            Some(t) if self.lang == "en" => t.to_string().replace(',', "."),
            Some(t) => t.to_string(),
            None => "–".into(),
        }
    }
    /// A share in percent to one decimal, or a dash.
    pub fn percent(&self, t: &Option<kompetence_core::domain::Tenths>) -> String {
        match t {
            Some(_) => format!("{} %", self.tenths(t)),
            None => "–".into(),
        }
    }
    /// The title in the page's language.
    pub fn pick<'a>(&self, da: &'a str, en: &'a str) -> &'a str {
        if self.lang == "en" { en } else { da }
    }
    pub fn kind(&self, k: &kompetence_core::domain::OrgKind) -> String {
        self.tr.t(&format!("kind-{}", k.as_str()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageCtx {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        Ok(Self::from_ctx(crate::auth::extract_ctx(parts)?))
    }
}

/// Renders a template as a page with the given status.
pub fn render<T: askama::Template>(status: StatusCode, t: &T) -> Result<Response, AppError> {
    let html = t.render().map_err(|e| AppError::Unexpected(anyhow::anyhow!("template: {e}")))?;
    Ok((status, Html(html)).into_response())
}

pub fn ok<T: askama::Template>(t: &T) -> Result<Response, AppError> {
    render(StatusCode::OK, t)
}

/// Field errors of a failed form, translated, for redisplay next to the fields.
#[derive(Default, Clone)]
pub struct FormErrors {
    pub items: Vec<(std::borrow::Cow<'static, str>, String)>,
}

impl FormErrors {
    pub fn new(tr: &Tr, errs: &[ValidationError]) -> Self {
        Self { items: errs.iter().map(|e| (e.field.clone(), tr.t(e.key))).collect() }
    }
    pub fn get(&self, field: &str) -> Option<&str> {
        self.items.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }
    pub fn any(&self) -> bool {
        !self.items.is_empty()
    }
    /// Whether an error belongs to a form field (and the summary can link to it), rather
    /// than to the thing acted on (a cohort past its deadline, an enrolment's state …).
    pub fn is_field(&self, field: &str) -> bool {
        !matches!(
            field,
            "cohort" | "state" | "employee" | "enrolment" | "attempt" | "user" | "certificate" | "feedback"
        )
    }
}

/// Splits an error into field errors to redisplay (validation, conflicts) or a failure
/// to pass on (not found, database down …).
pub fn form_errors(tr: &Tr, e: kompetence_core::Error) -> Result<FormErrors, AppError> {
    match AppError::from(e) {
        AppError::Invalid(v) => Ok(FormErrors::new(tr, &v)),
        AppError::Conflict(v) => Ok(FormErrors::new(tr, &[v])),
        other => Err(other),
    }
}

/// The one form flow. A submitted form's store result becomes the redirect that says it was
/// saved, or — when the input was invalid or conflicts — the same page again with the errors
/// next to the fields and the typed values kept (422). Any other error is the error page.
///
/// `saved` builds the address to go to; `redisplay` builds the page again from the request's
/// context and the field errors (the page builders, e.g. `module_page`, take both).
pub async fn submitted<T, P, F>(
    page: PageCtx,
    result: Result<T, kompetence_core::Error>,
    saved: impl FnOnce(T) -> String,
    redisplay: impl FnOnce(PageCtx, FormErrors) -> F,
) -> Result<Response, AppError>
where
    F: std::future::Future<Output = Result<P, AppError>>,
    P: askama::Template,
{
    match result {
        Ok(value) => Ok(axum::response::Redirect::to(&saved(value)).into_response()),
        Err(e) => {
            let errors = form_errors(&page.tr, e)?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &redisplay(page, errors).await?)
        }
    }
}

/// Links for a paginated list.
pub struct Pager {
    pub page: u32,
    pub pages: u32,
    pub total: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `base` is the list's URL with its other query parameters, ending in `?` or `&`.
    pub fn new<T>(p: &kompetence_core::store::Paged<T>, base: &str) -> Self {
        let pages = p.pages();
        Self {
            page: p.page,
            pages,
            total: p.total,
            prev: (p.page > 1).then(|| format!("{base}page={}", p.page - 1)),
            next: (p.page < pages).then(|| format!("{base}page={}", p.page + 1)),
        }
    }
}

/// An absolute URL for a path on this site (for calendar programs, which need one).
pub fn absolute(config: &crate::state::WebConfig, headers: &axum::http::HeaderMap, path: &str) -> String {
    if let Some(base) = &config.public_url {
        return format!("{}{path}", base.trim_end_matches('/'));
    }
    let host = headers.get(axum::http::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let scheme = if config.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}{path}")
}

/// A redirect target from a form: only paths on this site.
pub fn safe_next(next: &str) -> &str {
    // A path on this site only. Browsers drop tabs and newlines from a URL and read `\` as
    // `/`, so `/<TAB>/evil.example` and `/\evil.example` would leave the site as `//evil…`;
    // any control character or backslash is refused rather than stripped (and a newline
    // could not go into the Location header anyway).
    let same_site =
        next.starts_with('/') && !next.starts_with("//") && !next.chars().any(|c| c.is_control() || c == '\\');
    if same_site { next } else { "/" }
}

/// A unix time as Danish local "YYYY-MM-DD HH:MM".
pub fn local_time(unix: &i64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(*unix) else { return String::new() };
    let t = t.to_offset(kompetence_core::domain::schedule::copenhagen_offset(t));
    format!("{} {:02}:{:02}", kompetence_core::domain::schedule::fmt_date(t.date()), t.hour(), t.minute())
}

pub fn role_key(r: kompetence_core::domain::Role) -> String {
    format!("role-{}", r.as_str())
}
