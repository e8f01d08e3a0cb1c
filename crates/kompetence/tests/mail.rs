//! The e-mail outbox against a real SMTP server (Python's aiosmtpd, writing a maildir):
//! mails written with the demo's enrolments survive until a sender runs, each arrives
//! once, and a server that is down loses nothing. Runs when aiosmtpd is installed
//! (`pip install aiosmtpd`); CI sets KOMPETENCE_REQUIRE_SMTP_TEST so a missing one fails.
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kompetence"))
}

fn run(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = bin().arg("--data-dir").arg(dir).args(args).env("RUST_LOG", "warn").output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Smtp {
    child: Child,
    port: u16,
    maildir: tempfile::TempDir,
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Smtp {
    /// The messages received so far (files in the maildir's `new`).
    fn messages(&self) -> Vec<String> {
        let new = self.maildir.path().join("mail").join("new");
        let mut out: Vec<String> = std::fs::read_dir(new)
            .map(|d| d.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).collect())
            .unwrap_or_default();
        out.sort();
        out
    }
}

/// Starts aiosmtpd on a free port, or says why not.
fn smtp() -> Option<Smtp> {
    let have = Command::new("python3").args(["-c", "import aiosmtpd"]).status().is_ok_and(|s| s.success());
    if !have {
        assert!(
            std::env::var_os("KOMPETENCE_REQUIRE_SMTP_TEST").is_none(),
            "aiosmtpd is required: pip install aiosmtpd"
        );
        eprintln!("skipped: no aiosmtpd (pip install aiosmtpd)");
        return None;
    }
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let mut child = Command::new("python3")
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
        // A maildir that does not exist yet: aiosmtpd makes it with its tmp/new/cur.
        .arg(maildir.path().join("mail"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the server by asking it (a connection accepted), not by the clock.
    for _ in 0..500 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(Smtp { child, port, maildir });
        }
        std::thread::yield_now();
        std::thread::park_timeout(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("aiosmtpd did not start on port {port}");
}

fn count(out: &str, what: &str) -> usize {
    out.split(',')
        .find(|p| p.contains(what))
        .and_then(|p| p.split_whitespace().last()?.parse().ok())
        .unwrap_or(usize::MAX)
}

#[test]
fn the_outbox_delivers_every_mail_once_to_a_real_smtp_server_and_loses_none_while_it_is_down() {
    let Some(server) = smtp() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(d, &["demo"]).0);

    // The server is down (nothing listens on that port): every mail stays for later.
    let down = format!("smtp://127.0.0.1:{}", free_port());
    let (ok, out, _) = run(d, &["--smtp-url", &down, "mail", "deliver"]);
    assert!(ok, "{out}");
    assert_eq!(count(&out, "sent"), 0, "{out}");
    assert!(count(&out, "failed") > 0, "{out}");

    // A fresh copy of the demo (the failed ones wait for their retry): all of it arrives once.
    let fresh = tempfile::tempdir().unwrap();
    assert!(run(fresh.path(), &["demo"]).0);
    let up = format!("smtp://127.0.0.1:{}", server.port);
    let (ok, out, err) = run(fresh.path(), &["--smtp-url", &up, "mail", "deliver"]);
    assert!(ok, "{err}");
    let sent = count(&out, "sent");
    assert!(sent > 0 && count(&out, "pending") == 0, "{out}");
    let messages = server.messages();
    assert_eq!(messages.len(), sent, "each mail the outbox counted arrived");
    // Case 2's requests went to the team leaders: wave 1's approvals.
    let to_team_leader = messages.iter().filter(|m| m.contains("To: teamleder1.aabenraa@kompetence.test")).count();
    assert!(to_team_leader >= 3, "{to_team_leader} mails to Team Syd's leader");
    assert!(messages.iter().all(|m| m.contains("Message-ID: <outbox-")), "each mail has its outbox id");

    // Once sent, never again.
    let (ok, out, _) = run(fresh.path(), &["--smtp-url", &up, "mail", "deliver"]);
    assert!(ok && count(&out, "sent") == 0, "{out}");
    assert_eq!(server.messages().len(), sent);
}
