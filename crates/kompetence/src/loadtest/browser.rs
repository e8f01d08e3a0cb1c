//! One simulated browser: an HTTP/1.1 client on a shared connection pool, its own cookie
//! jar, and the CSRF token of the last page it saw (as a real form would carry it).
use std::collections::BTreeMap;
use std::time::Instant;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;

use super::stats::Stats;

pub type Http = Client<HttpConnector, Full<Bytes>>;

pub fn client(connections: usize) -> Http {
    Client::builder(hyper_util::rt::TokioExecutor::new()).pool_max_idle_per_host(connections).build_http()
}

#[derive(Clone)]
pub struct Browser {
    http: Http,
    base: String,
    cookies: BTreeMap<String, String>,
    pub csrf: String,
}

impl Browser {
    pub fn new(http: Http, base: &str) -> Self {
        Self { http, base: base.trim_end_matches('/').to_string(), cookies: BTreeMap::new(), csrf: String::new() }
    }

    async fn send(
        &mut self,
        method: Method,
        path: &str,
        form: &[(&str, String)],
    ) -> anyhow::Result<(StatusCode, String)> {
        let mut req = Request::builder().method(method.clone()).uri(format!("{}{path}", self.base));
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            req = req.header(COOKIE, jar.join("; "));
        }
        let body = if method == Method::POST {
            req = req.header(CONTENT_TYPE, "application/x-www-form-urlencoded");
            let mut enc = form_urlencoded::Serializer::new(String::new());
            enc.append_pair("csrf", &self.csrf);
            for (k, v) in form {
                enc.append_pair(k, v);
            }
            Full::new(Bytes::from(enc.finish()))
        } else {
            Full::new(Bytes::new())
        };
        let resp = self.http.request(req.body(body)?).await?;
        for c in resp.headers().get_all(SET_COOKIE).iter().filter_map(|v| v.to_str().ok()) {
            let pair = c.split(';').next().unwrap_or("");
            if let Some((k, v)) = pair.split_once('=') {
                if v.is_empty() || c.contains("Max-Age=0") {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_string(), v.to_string());
                }
            }
        }
        let status = resp.status();
        let bytes = resp.into_body().collect().await?.to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(token) = csrf_in(&text) {
            self.csrf = token;
        }
        Ok((status, text))
    }

    /// One request, timed and recorded under `name`: a page must answer 200, a form post
    /// 303 (post/redirect/get). Returns the body when it did.
    pub async fn step(
        &mut self,
        stats: &mut Stats,
        name: &'static str,
        method: Method,
        path: &str,
        form: &[(&str, String)],
    ) -> Option<String> {
        let expected = if method == Method::GET { StatusCode::OK } else { StatusCode::SEE_OTHER };
        let started = Instant::now();
        let result = self.send(method, path, form).await;
        let micros = started.elapsed().as_micros().min(u128::from(u32::MAX)) as u32;
        match result {
            Ok((status, body)) if status == expected => {
                stats.ok(name, micros);
                Some(body)
            }
            Ok((status, body)) => {
                let snippet: String = body.chars().filter(|c| !c.is_control()).take(160).collect();
                stats.error(name, micros, format!("{path}: {status} {snippet}"));
                None
            }
            Err(e) => {
                stats.error(name, micros, format!("{path}: {e}"));
                None
            }
        }
    }

    /// The login form, then the login itself.
    pub async fn login(&mut self, stats: &mut Stats, email: &str, password: &str) -> Option<()> {
        self.step(stats, "login form (GET /login)", Method::GET, "/login", &[]).await?;
        let form = [("email", email.to_string()), ("password", password.to_string()), ("next", String::new())];
        self.step(stats, "log in (POST /login)", Method::POST, "/login", &form).await.map(|_| ())
    }

    pub async fn logout(&mut self, stats: &mut Stats) -> Option<()> {
        self.step(stats, "log out (POST /logout)", Method::POST, "/logout", &[]).await.map(|_| ())
    }
}

/// The value of the first hidden `csrf` field in a page.
fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let end = html[at..].find('"')?;
    Some(html[at..at + end].to_string())
}

/// The enrolment ids of an attendance sheet's `status-<id>` fields.
pub fn attendance_fields(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in html.split("name=\"status-").skip(1) {
        if let Some(end) = part.find('"') {
            let field = format!("status-{}", &part[..end]);
            if !out.contains(&field) {
                out.push(field);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_read_like_a_browser_would() {
        let html = r#"<form><input type="hidden" name="csrf" value="abc123"><input type="radio" name="status-7" value="present">
            <input type="radio" name="status-7" value="absent"><input type="radio" name="status-9" value="present"></form>"#;
        assert_eq!(csrf_in(html).as_deref(), Some("abc123"));
        assert_eq!(attendance_fields(html), vec!["status-7", "status-9"]);
        assert_eq!(csrf_in("<p>no form</p>"), None);
    }
}
