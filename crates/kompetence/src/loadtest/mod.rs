//! `kompetence loadtest`: logs in many distinct generated users and replays their journeys
//! against a running server on this machine, then measures each page alone under the same
//! load next to the server's own ceiling (a static asset), so pages can be given as a share
//! of that ceiling. Reports requests/s, p50/p95/p99 per page, errors and the server's RSS.
//! Sends traffic only to the loopback interface and stops by itself.
mod browser;
mod journeys;
mod stats;

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use hyper::Method;
use kompetence_core::store::{HrAccounts, JourneyAccounts, Store};

use browser::{Browser, Http};
use stats::{Stats, percentile_ms};

pub struct Options {
    pub url: String,
    pub connections: usize,
    /// Length of the mixed-journey phase.
    pub seconds: u64,
    /// Length of each page's own measurement (0: skip that phase).
    pub page_seconds: u64,
    pub server_pid: Option<u32>,
    /// The HR journey uses the municipality nearest to this many staff.
    pub hr_staff: i64,
    pub out: Option<std::path::PathBuf>,
}

/// Refuses anything but this machine: the load test must never hit someone else's server.
fn loopback_base(url: &str) -> anyhow::Result<String> {
    let uri: hyper::Uri = url.parse().map_err(|e| anyhow::anyhow!("--url {url}: {e}"))?;
    let host = uri.host().unwrap_or("");
    if uri.scheme_str() != Some("http") || !matches!(host, "127.0.0.1" | "localhost" | "[::1]" | "::1") {
        anyhow::bail!(
            "--url must be http:// on 127.0.0.1, localhost or [::1]; the load test only targets this machine"
        );
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// The server's resident memory in kB (`VmRSS`), or its peak (`VmHWM`).
fn proc_status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Samples the server's RSS every 100 ms until stopped; keeps the maximum.
fn watch_rss(pid: Option<u32>, stop: Arc<AtomicBool>) -> Arc<AtomicU64> {
    let max = Arc::new(AtomicU64::new(0));
    if let Some(pid) = pid {
        let m = max.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(100));
            while !stop.load(Ordering::Relaxed) {
                tick.tick().await;
                if let Some(kb) = proc_status_kb(pid, "VmRSS:") {
                    m.fetch_max(kb, Ordering::Relaxed);
                }
            }
        });
    }
    max
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Participant,
    Teacher,
    Hr,
}

/// A page measured alone: its name, whose session, and its path for that account.
struct Solo {
    name: &'static str,
    who: Who,
    path: fn(&JourneyAccounts, usize) -> String,
}

fn solo_pages() -> Vec<Solo> {
    vec![
        Solo {
            name: "ceiling: static asset (GET /static/app.css)",
            who: Who::Anonymous,
            path: |_, _| "/static/app.css".into(),
        },
        Solo { name: "ceiling: /healthz (one SELECT 1)", who: Who::Anonymous, path: |_, _| "/healthz".into() },
        Solo { name: "Mit forløb (GET /me/schedule)", who: Who::Participant, path: |_, _| "/me/schedule".into() },
        Solo { name: "materials (GET /me/materials)", who: Who::Participant, path: |_, _| "/me/materials".into() },
        Solo { name: "actions (GET /me/actions)", who: Who::Participant, path: |_, _| "/me/actions".into() },
        Solo {
            name: "assignments (GET /me/assignments)",
            who: Who::Participant,
            path: |_, _| "/me/assignments".into(),
        },
        Solo {
            name: "cohort (GET /o/{org}/cohorts/{id})",
            who: Who::Teacher,
            path: |a, i| {
                let t = &a.teachers[i % a.teachers.len()];
                format!("/o/{}/cohorts/{}", t.provider_id, t.cohort_id)
            },
        },
        Solo {
            name: "attendance sheet (GET …/days/{id}/attendance)",
            who: Who::Teacher,
            path: |a, i| {
                let t = &a.teachers[i % a.teachers.len()];
                format!("/o/{}/cohorts/{}/days/{}/attendance", t.provider_id, t.cohort_id, t.day_id)
            },
        },
        Solo {
            name: "hand-ins (GET /o/{org}/assignments/{id})",
            who: Who::Teacher,
            path: |a, i| {
                let t = &a.teachers[i % a.teachers.len()];
                format!("/o/{}/assignments/{}", t.provider_id, t.assignment_id)
            },
        },
        Solo { name: "dashboard (GET /)", who: Who::Hr, path: |_, _| "/".into() },
        Solo {
            name: "catalogue (GET /o/{org}/catalogue)",
            who: Who::Hr,
            path: |a, _| format!("/o/{}/catalogue", a.hr.as_ref().map_or(0, |h| h.municipality_id.0)),
        },
        Solo {
            name: "coverage report (GET /o/{org}/coverage)",
            who: Who::Hr,
            path: |a, _| format!("/o/{}/coverage", a.hr.as_ref().map_or(0, |h| h.municipality_id.0)),
        },
    ]
}

/// `n` browsers logged in as distinct accounts of one kind (cycling when there are fewer).
async fn logged_in(http: &Http, base: &str, a: &JourneyAccounts, who: Who, n: usize, s: &mut Stats) -> Vec<Browser> {
    let mut out = Vec::new();
    for i in 0..n {
        let mut b = Browser::new(http.clone(), base);
        let email = match who {
            Who::Anonymous => None,
            Who::Participant => a.participants.get(i % a.participants.len().max(1)).map(|p| p.email.clone()),
            Who::Teacher => a.teachers.get(i % a.teachers.len().max(1)).map(|t| t.email.clone()),
            Who::Hr => a.hr.as_ref().and_then(|h| h.emails.get(i % h.emails.len().max(1)).cloned()),
        };
        if let Some(email) = email
            && b.login(s, &email, journeys::PASSWORD).await.is_none()
        {
            continue;
        }
        out.push(b);
    }
    out
}

/// Every browser requests `path` back to back until the deadline.
async fn saturate(browsers: Vec<Browser>, paths: Vec<String>, name: &'static str, seconds: u64) -> (Stats, f64) {
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (mut b, path) in browsers.into_iter().zip(paths) {
        tasks.push(tokio::spawn(async move {
            let mut s = Stats::default();
            while Instant::now() < deadline {
                b.step(&mut s, name, Method::GET, &path, &[]).await;
            }
            s
        }));
    }
    let mut all = Stats::default();
    for t in tasks {
        if let Ok(s) = t.await {
            all.merge(s);
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    (all, elapsed)
}

struct Row {
    name: &'static str,
    requests: usize,
    rate: f64,
    p50: f64,
    p95: f64,
    p99: f64,
    errors: u64,
}

fn rows(stats: &mut Stats, elapsed: f64) -> Vec<Row> {
    stats
        .pages
        .iter_mut()
        .map(|(name, p)| {
            p.micros.sort_unstable();
            Row {
                name,
                requests: p.micros.len(),
                rate: p.micros.len() as f64 / elapsed.max(1e-9),
                p50: percentile_ms(&p.micros, 50.0),
                p95: percentile_ms(&p.micros, 95.0),
                p99: percentile_ms(&p.micros, 99.0),
                errors: p.errors,
            }
        })
        .collect()
}

/// Phase 1: each page alone under the full load, next to the ceiling (the first page).
/// Returns its part of the report; failed requests are added to `failures`.
async fn pages_alone(http: &Http, base: &str, accounts: &JourneyAccounts, o: &Options, failures: &mut Stats) -> String {
    let mut report = String::new();
    let _ = writeln!(report, "## Each page alone ({} s each, {} connections)\n", o.page_seconds, o.connections);
    let _ = writeln!(
        report,
        "| page | req/s | share of ceiling | p50 ms | p95 ms | p99 ms | errors | server RSS after, MB |"
    );
    let _ = writeln!(report, "|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut ceiling = 0.0_f64;
    for page in solo_pages() {
        let browsers = logged_in(http, base, accounts, page.who, o.connections, failures).await;
        let paths: Vec<String> = (0..browsers.len()).map(|i| (page.path)(accounts, i)).collect();
        let (mut s, elapsed) = saturate(browsers, paths, page.name, o.page_seconds).await;
        let rss = o.server_pid.and_then(|pid| proc_status_kb(pid, "VmRSS:"));
        let rss = rss.map_or("–".to_string(), |kb| format!("{:.1}", kb as f64 / 1024.0));
        for r in rows(&mut s, elapsed) {
            if ceiling == 0.0 {
                ceiling = r.rate;
            }
            let share = 100.0 * r.rate / ceiling.max(1e-9);
            let _ = writeln!(
                report,
                "| {} | {:.0} | {share:.1} % | {:.2} | {:.2} | {:.2} | {} | {rss} |",
                r.name, r.rate, r.p50, r.p95, r.p99, r.errors
            );
        }
        failures.merge(s);
    }
    report.push('\n');
    report
}

/// Phase 2: the journeys on every connection, dealt out six participants to three teachers
/// to one HR by one counter, so the mix holds for any number of connections. Returns its part
/// of the report; failed requests are added to `failures`.
async fn mixed_journeys(
    http: &Http,
    base: &str,
    accounts: Arc<JourneyAccounts>,
    hr: Arc<HrAccounts>,
    today: &str,
    o: &Options,
    failures: &mut Stats,
) -> String {
    let started = Instant::now();
    let deadline = started + Duration::from_secs(o.seconds);
    // Journeys dealt, then the next participant, teacher and HR account.
    let next = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0)]);
    let mut tasks = Vec::new();
    for _ in 0..o.connections {
        let (http, base, accounts, hr, next, today) =
            (http.clone(), base.to_string(), accounts.clone(), hr.clone(), next.clone(), today.to_string());
        tasks.push(tokio::spawn(async move {
            let (mut s, mut done) = (Stats::default(), 0_usize);
            while Instant::now() < deadline {
                let mut b = Browser::new(http.clone(), &base);
                let finished = match next[0].fetch_add(1, Ordering::Relaxed) % 10 {
                    0..=5 => {
                        let p = &accounts.participants
                            [next[1].fetch_add(1, Ordering::Relaxed) % accounts.participants.len()];
                        journeys::participant(&mut b, &mut s, p, &today).await
                    }
                    6..=8 => {
                        let t = &accounts.teachers[next[2].fetch_add(1, Ordering::Relaxed) % accounts.teachers.len()];
                        journeys::teacher(&mut b, &mut s, t).await
                    }
                    _ => journeys::hr(&mut b, &mut s, &hr, next[3].fetch_add(1, Ordering::Relaxed)).await,
                };
                done += usize::from(finished.is_some());
            }
            (s, done)
        }));
    }
    let (mut all, mut done) = (Stats::default(), 0);
    for t in tasks {
        if let Ok((s, n)) = t.await {
            all.merge(s);
            done += n;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut report = String::new();
    let _ = writeln!(
        report,
        "## Journeys ({elapsed:.0} s, {} connections, participant : teacher : HR = 6 : 3 : 1)\n\n{done} journeys completed, {} requests, {:.0} req/s, {} errors.\n",
        o.connections,
        all.requests(),
        all.requests() as f64 / elapsed.max(1e-9),
        all.errors()
    );
    let _ = writeln!(report, "| page | requests | req/s | p50 ms | p95 ms | p99 ms | errors |");
    let _ = writeln!(report, "|---|---:|---:|---:|---:|---:|---:|");
    for r in rows(&mut all, elapsed) {
        let _ = writeln!(
            report,
            "| {} | {} | {:.1} | {:.2} | {:.2} | {:.2} | {} |",
            r.name, r.requests, r.rate, r.p50, r.p95, r.p99, r.errors
        );
    }
    failures.merge(all);
    report
}

pub async fn run(store: &Store, o: Options) -> anyhow::Result<()> {
    let base = loopback_base(&o.url)?;
    let today = {
        let d = time::OffsetDateTime::now_utc().date();
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    };
    let accounts = Arc::new(store.journey_accounts(&today, o.connections.max(64), o.hr_staff).await?);
    let Some(hr) = accounts.hr.clone().filter(|h| !h.emails.is_empty()) else {
        anyhow::bail!("the database has no HR staff; fill it with `kompetence generate` first");
    };
    if accounts.participants.is_empty() || accounts.teachers.is_empty() {
        anyhow::bail!(
            "the database has no running cohorts with participants or teachers with hand-ins; \
             fill it with `kompetence generate` first"
        );
    }
    let http = browser::client(o.connections);
    let stop = Arc::new(AtomicBool::new(false));
    let max_rss = watch_rss(o.server_pid, stop.clone());
    let mut report = format!(
        "Load test against {base}: {} connections; {} participants, {} teachers, {} HR staff of a municipality with {} employees.\n\n",
        o.connections,
        accounts.participants.len(),
        accounts.teachers.len(),
        hr.emails.len(),
        hr.staff
    );
    let mut failures = Stats::default();
    if o.page_seconds > 0 {
        report.push_str(&pages_alone(&http, &base, &accounts, &o, &mut failures).await);
    }
    let rss_pages = max_rss.swap(0, Ordering::Relaxed);
    report.push_str(&mixed_journeys(&http, &base, accounts.clone(), Arc::new(hr), &today, &o, &mut failures).await);
    stop.store(true, Ordering::Relaxed);
    let rss_journeys = max_rss.load(Ordering::Relaxed);
    if let Some(pid) = o.server_pid {
        let _ = writeln!(
            report,
            "\nServer RSS (pid {pid}): max {:.1} MB while measuring pages alone, max {:.1} MB during the journeys; peak over the server's life (VmHWM) {:.1} MB.",
            rss_pages as f64 / 1024.0,
            rss_journeys as f64 / 1024.0,
            proc_status_kb(pid, "VmHWM:").unwrap_or(0) as f64 / 1024.0
        );
    }
    print!("{report}");
    if let Some(path) = &o.out {
        std::fs::write(path, &report).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    if failures.errors() > 0 {
        for s in &failures.samples {
            eprintln!("error: {s}");
        }
        anyhow::bail!("{} requests failed", failures.errors());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::loopback_base;

    #[test]
    fn only_this_machine_is_a_target() {
        assert!(loopback_base("http://127.0.0.1:8080/").is_ok());
        assert!(loopback_base("http://localhost:9000").is_ok());
        assert!(loopback_base("http://example.com").is_err());
        assert!(loopback_base("http://10.0.0.5:8080").is_err());
        assert!(loopback_base("https://127.0.0.1").is_err());
    }
}
