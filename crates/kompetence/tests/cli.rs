//! The command line is a contract other tools rely on: these tests run the real binary.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kompetence"));
    c.env_remove("DATABASE_URL").env("RUST_LOG", "info");
    c
}

fn run(dir: &std::path::Path, args: &[&str], password: Option<&str>) -> (bool, String, String) {
    let mut c = bin();
    c.arg("--data-dir").arg(dir).args(args);
    if let Some(p) = password {
        c.env("KOMPETENCE_PASSWORD", p);
    }
    let out = c.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Starts `serve` on a free port over the data in `dir`; returns it and the address it printed
/// (read from its log, so no waiting by the clock).
fn serve(dir: &std::path::Path, extra: &[&str]) -> (std::process::Child, String) {
    let mut child = bin()
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(dir)
        .args(extra)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("server printed its address before exiting").unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim().to_string();
        }
    };
    (child, addr)
}

fn http_get(addr: &str, path: &str, token: Option<&str>) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Connection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn admin_commands_create_users_roles_and_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(d, &["migrate"], None).1.contains("up to date"));
    let (ok, _, err) = run(d, &["user", "add", "--email", "hanne@aabenraa.dk", "--name", "Hanne Hansen"], Some("kort"));
    assert!(!ok && err.contains("err-password-short"), "{err}");
    let (ok, out, err) =
        run(d, &["user", "add", "--email", "Hanne@Aabenraa.dk", "--name", "Hanne Hansen"], Some("langt-nok-1"));
    assert!(ok, "{err}");
    assert!(out.contains("created user hanne@aabenraa.dk"));
    let (ok, _, err) = run(d, &["user", "add", "--email", "hanne@aabenraa.dk", "--name", "Igen"], Some("langt-nok-1"));
    assert!(!ok && err.contains("err-email-taken"), "{err}");
    // Grant needs an organisation; demo data and the generator refuse a database that holds a user.
    let (ok, _, err) =
        run(d, &["user", "grant", "--email", "hanne@aabenraa.dk", "--org", "Aabenraa Kommune", "--role", "hr"], None);
    assert!(!ok && err.contains("no organisation named Aabenraa Kommune"), "{err}");
    let (ok, _, err) = run(d, &["demo"], None);
    assert!(!ok && err.contains("already holds data"), "a user alone is data: {err}");
    let (ok, _, err) = run(d, &["generate", "--scale", "small"], None);
    assert!(!ok && err.contains("empty database"), "{err}");
    let (ok, out, err) = run(d, &["token", "create", "--user", "hanne@aabenraa.dk"], None);
    assert!(ok, "{err}");
    assert!(out.trim().starts_with("kpt_") && out.trim().len() == 68, "{out}");
    let (ok, _, err) = run(d, &["--hours-per-ects", "31", "migrate"], None);
    assert!(!ok && err.contains("--hours-per-ects must be from 25 to 30"), "{err}");
    let (ok, _, err) = run(d, &["user", "passwd", "--email", "ingen@aabenraa.dk"], Some("langt-nok-2"));
    assert!(!ok && err.contains("no user"), "{err}");
    assert!(run(d, &["user", "passwd", "--email", "hanne@aabenraa.dk"], Some("langt-nok-2")).0);
}

#[test]
fn serve_with_demo_data_answers_and_a_token_from_the_cli_works() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(d, &["demo"], None).0, "demo into an empty database");
    let (ok, _, err) = run(d, &["demo"], None);
    assert!(!ok && err.contains("already holds data"));
    let (ok, _, err) = run(
        d,
        &[
            "user",
            "grant",
            "--email",
            "underviser@kompetence.test",
            "--org",
            "Aabenraa Kommune",
            "--role",
            "participant",
        ],
        None,
    );
    assert!(ok, "one person, roles in two organisations: {err}");
    let (ok, _, err) = run(
        d,
        &["user", "grant", "--email", "underviser@kompetence.test", "--org", "Aabenraa Kommune", "--role", "rektor"],
        None,
    );
    assert!(!ok && err.contains("err-unknown-role"), "{err}");
    let token = run(d, &["token", "create", "--user", "underviser@kompetence.test"], None).1.trim().to_string();

    let (mut child, addr) = serve(d, &["--demo"]);
    let health = http_get(&addr, "/healthz", None);
    let me = http_get(&addr, "/api/v1/me", Some(&token));
    let login = http_get(&addr, "/login", None);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(me.contains("\"email\":\"underviser@kompetence.test\"") && me.contains("\"role\":\"participant\""), "{me}");
    assert!(login.contains("<html lang=\"da\">") && login.contains("Log ind"));
}

#[test]
fn a_generated_data_set_carries_every_load_test_journey_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (ok, out, err) = run(d, &["generate", "--scale", "small", "--seed", "5"], None);
    assert!(ok, "{err}");
    assert!(out.contains("employees") && out.contains("10000") && out.contains("rows/s"), "{out}");
    let (ok, _, err) = run(d, &["generate", "--scale", "small"], None);
    assert!(!ok && err.contains("empty database"), "{err}");
    let (ok, _, err) = run(d, &["loadtest", "--url", "http://example.com"], None);
    assert!(!ok && err.contains("only targets this machine"), "{err}");

    let (mut child, addr) = serve(d, &[]);
    let pid = child.id().to_string();
    let url = format!("http://{addr}");
    let args = [
        "loadtest",
        "--url",
        url.as_str(),
        "--connections",
        "4",
        "--seconds",
        "2",
        "--page-seconds",
        "1",
        "--server-pid",
        pid.as_str(),
    ];
    let (ok, out, err) = run(d, &args, None);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(ok, "{out}\n{err}");
    // Every step of every journey ran, and each page was measured against the ceiling.
    for page in [
        "log in (POST /login)",
        "Mit forløb (GET /me/schedule)",
        "log an action (POST /me/actions)",
        "hand in (POST /me/assignments/{id}/submit)",
        "record attendance (POST …/attendance)",
        "feedback (POST …/submissions/{id}/feedback)",
        "enrol (POST /o/{org}/catalogue/{id}/enrol)",
        "coverage report (GET /o/{org}/coverage)",
        "log out (POST /logout)",
        "ceiling: static asset (GET /static/app.css)",
    ] {
        assert!(out.contains(&format!("| {page} |")), "{page} missing:\n{out}");
    }
    assert!(out.contains("Server RSS"), "{out}");
}

/// A slow client is cut off at the header deadline instead of holding a connection for
/// ever, and connections past the ceiling are told 503 at once rather than queued.
#[test]
fn half_sent_requests_are_cut_off_and_connections_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["migrate"], None).0);
    let (mut child, addr) = serve(dir.path(), &["--header-timeout", "1", "--max-connections", "2"]);
    let mut slow: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut s = TcpStream::connect(&addr).unwrap();
            s.write_all(b"GET /healthz HTTP/1.1\r\nHost: kompetence\r\n").unwrap();
            s
        })
        .collect();
    let third = http_get(&addr, "/healthz", None);
    assert!(third.starts_with("HTTP/1.1 503"), "over the ceiling: {third}");
    assert!(third.contains("retry-after: 1") || third.contains("Retry-After: 1"), "{third}");
    for s in &mut slow {
        // The bound is a failure guard, not a wait: the server closes long before it.
        s.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
        let mut rest = Vec::new();
        let closed = s.read_to_end(&mut rest);
        assert!(closed.is_ok(), "the server closed the half-sent request: {closed:?}");
        assert!(!String::from_utf8_lossy(&rest).contains("200 OK"), "it was never answered as complete");
    }
    // With the slow ones gone their slots are free (each is given back as its connection
    // ends, a moment after the client sees it close).
    let answered = (0..100).map(|_| http_get(&addr, "/healthz", None)).find(|r| !r.starts_with("HTTP/1.1 503"));
    assert!(answered.is_some_and(|r| r.starts_with("HTTP/1.1 200")), "a slot came free");
    child.kill().unwrap();
    child.wait().unwrap();
}

fn http_post_json(addr: &str, path: &str, token: &str, body: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// The `"total":N` of a paginated API answer.
fn total(answer: &str) -> usize {
    let rest = answer.split("\"total\":").nth(1).unwrap_or_else(|| panic!("no total in {answer}"));
    rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

/// A backup taken while HR keeps adding employees holds every employee whose creation was
/// acknowledged before the backup began, restores into an empty data folder (and not over
/// data), and the restored copy serves.
#[test]
fn a_backup_under_write_load_keeps_every_acknowledged_write_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(d, &["demo"], None).0);
    assert!(run(d, &["user", "add", "--email", "drill@aabenraa.dk", "--name", "Drill HR"], Some("langt-nok-1")).0);
    assert!(
        run(d, &["user", "grant", "--email", "drill@aabenraa.dk", "--org", "Aabenraa Kommune", "--role", "hr"], None).0
    );
    let token = run(d, &["token", "create", "--user", "drill@aabenraa.dk"], None).1.trim().to_string();
    let (mut child, addr) = serve(d, &[]);
    let me = http_get(&addr, "/api/v1/me", Some(&token));
    let org: String = me.split("\"org_id\":").nth(1).unwrap().chars().take_while(char::is_ascii_digit).collect();
    let list = format!("/api/v1/orgs/{org}/employees?per_page=1");
    let baseline = total(&http_get(&addr, &list, Some(&token)));

    // The writer reports each acknowledged creation; the backup starts after twenty.
    let (acked, acks) = std::sync::mpsc::channel::<usize>();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (addr, token, stop) = (addr.clone(), token.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let body = format!(r#"{{"name":"Drill {n}","email":"drill{n}@aabenraa.dk"}}"#);
                let r = http_post_json(&addr, &format!("/api/v1/orgs/{org}/employees"), &token, &body);
                assert!(r.starts_with("HTTP/1.1 201"), "{r}");
                n += 1;
                let _ = acked.send(n);
            }
            n
        })
    };
    let mut before = 0;
    for _ in 0..20 {
        before = acks.recv().unwrap();
    }
    let file = d.join("backup.db");
    let (ok, out, err) = run(d, &["backup", file.to_str().unwrap()], None);
    assert!(ok && out.contains("checked"), "{out}{err}");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    let (ok, _, err) = run(d, &["backup", file.to_str().unwrap()], None);
    assert!(!ok && err.contains("exists already"), "a backup never overwrites: {err}");
    child.kill().unwrap();
    child.wait().unwrap();

    // Not over data …
    let (ok, _, err) = run(d, &["restore", file.to_str().unwrap()], None);
    assert!(!ok && err.contains("already holds data"), "{err}");
    // … but into an empty folder, and the copy serves.
    let fresh = tempfile::tempdir().unwrap();
    let (ok, out, err) = run(fresh.path(), &["restore", file.to_str().unwrap()], None);
    assert!(ok && out.contains("restored"), "{out}{err}");
    let (mut restored, addr) = serve(fresh.path(), &[]);
    let kept = total(&http_get(&addr, &list, Some(&token))) - baseline;
    restored.kill().unwrap();
    restored.wait().unwrap();
    assert!(kept >= before, "{kept} kept, {before} acknowledged before the backup began");
    assert!(kept <= written, "{kept} kept, {written} written in all");
    println!("drill: {before} acknowledged before the backup, {written} written, {kept} in the backup");
}

#[test]
fn import_staff_dry_runs_reimports_without_changes_and_refuses_bad_files_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/os2mo/aabenraa");
    // The demo has imported the sample set for Aabenraa already.
    assert!(run(d, &["demo"], None).0);
    let import = |dir: &std::path::Path, who: &str, extra: &[&str]| {
        let mut args = vec!["import", "staff", dir.to_str().unwrap(), "--org", "Aabenraa Kommune", "--as", who];
        args.extend(extra);
        run(d, &args, None)
    };
    let hr = "hr.aabenraa@kompetence.test";
    let (ok, out, err) = import(&samples, hr, &["--dry-run"]);
    assert!(ok, "{err}");
    assert!(out.contains("dry run: nothing was written"), "{out}");
    assert!(out.contains("people: 0 new, 0 changed, 0 moved, 0 left, 0 back, 30 unchanged"), "{out}");
    let (ok, out, _) = import(&samples, hr, &[]);
    assert!(ok && out.contains("30 unchanged"), "the same files again change nothing: {out}");

    // A broken set: every problem named with file and line, in Danish, and nothing written.
    let bad = tempfile::tempdir().unwrap();
    for f in ["bruger.csv", "stillingskode.csv", "engagement.csv", "leder.csv"] {
        std::fs::copy(samples.join(f), bad.path().join(f)).unwrap();
    }
    std::fs::write(bad.path().join("organisation.csv"), "AfdelingsID;Afdelingsnavn;Parentid\nA;Kommunen;\nB;Løn;X\n")
        .unwrap();
    let (ok, _, err) = import(bad.path(), hr, &[]);
    assert!(!ok);
    assert!(err.contains("organisation.csv linje 3: Den overordnede enhed X findes ikke i filen."), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    // One plain file (Danish Excel's CSV, or the workbook) with the same people; a mapping to
    // a column that is not there is named.
    // The people are known under OS2mo's ids, so the plain file's own ids clash on e-mail:
    // refused, each line named, rather than doubling anyone.
    let plain = samples.join("../../plain/aabenraa.xlsx");
    let (ok, _, err) = import(&plain, hr, &["--dry-run"]);
    assert!(!ok, "{err}");
    assert!(
        err.contains("aabenraa.xlsx linje 2: E-mailen hr.aabenraa@kompetence.test tilhører en anden medarbejder"),
        "{err}"
    );
    let (ok, _, err) = import(&plain, hr, &["--dry-run", "--map", "email=Mailadresse"]);
    assert!(!ok && err.contains("Kolonner mangler: Mailadresse"), "{err}");
    // A leader is not HR.
    let (ok, _, err) = import(&samples, "leder.aabenraa@kompetence.test", &["--dry-run"]);
    assert!(!ok && err.contains("is not HR in Aabenraa Kommune"), "{err}");
}
