//! The command line: `serve`, `migrate`, `demo`, `generate`, `loadtest`, `user` and `token`.
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use kompetence_core::domain::{Email, Locale, PersonName, hash_password};
use kompetence_core::store::{NewUser, Store};

use crate::config::Config;

#[derive(Parser)]
#[command(name = "kompetence", version, about = "Competence-giving continuing education for municipal staff")]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Global {
    /// Folder for the embedded SQLite database and other data.
    #[arg(long, global = true, env = "KOMPETENCE_DATA_DIR", default_value = "./data")]
    data_dir: PathBuf,
    /// PostgreSQL (`postgres://…`) or SQLite (`sqlite://…`) URL; overrides the SQLite file in --data-dir.
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// Hours of work per ECTS credit shown as a module's workload (25–30).
    #[arg(long, global = true, env = "KOMPETENCE_HOURS_PER_ECTS", default_value_t = 27)]
    hours_per_ects: u32,
    /// Seconds a request waits for a database connection before answering 503.
    #[arg(long, global = true, env = "KOMPETENCE_DB_ACQUIRE_TIMEOUT", default_value_t = 3)]
    db_acquire_timeout: u64,
    /// Largest file that may be uploaded (materials, hand-ins), in MB.
    #[arg(long, global = true, env = "KOMPETENCE_UPLOAD_MAX_MB", default_value_t = 20)]
    upload_max_mb: usize,
    /// File types that may be uploaded: comma-separated extensions.
    #[arg(long, global = true, env = "KOMPETENCE_UPLOAD_TYPES", default_value = kompetence_core::domain::upload::DEFAULT_TYPES)]
    upload_types: String,
    /// Key (at least 32 characters) for the keyed hash CPR numbers in staff imports are
    /// matched by; without it CPR numbers are not kept at all.
    #[arg(long, global = true, env = "KOMPETENCE_CPR_KEY", hide_env_values = true)]
    cpr_key: Option<String>,
    /// The SMTP server the outbox sends through, `smtp://host:port`; without it mails are
    /// logged instead of sent.
    #[arg(long, global = true, env = "KOMPETENCE_SMTP_URL")]
    smtp_url: Option<String>,
    /// The sender of the outbox's mails.
    #[arg(
        long,
        global = true,
        env = "KOMPETENCE_MAIL_FROM",
        default_value = "Kompetence <noreply@kompetence.invalid>"
    )]
    mail_from: String,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (migrates the database first).
    Serve {
        /// Load the demo data when the database is empty.
        #[arg(long)]
        demo: bool,
        /// Address to listen on.
        #[arg(long, env = "KOMPETENCE_BIND", default_value = "127.0.0.1:8080")]
        bind: SocketAddr,
        /// Public URL; cookies are marked Secure when it is https.
        #[arg(long, env = "KOMPETENCE_PUBLIC_URL")]
        public_url: Option<String>,
        /// Take the client address from X-Forwarded-For behind one trusted proxy (the same as
        /// --trusted-proxies 1).
        #[arg(long, env = "KOMPETENCE_TRUST_PROXY")]
        trust_proxy: bool,
        /// Seconds a client has to send a request's headers before the connection is closed.
        #[arg(long, env = "KOMPETENCE_HEADER_TIMEOUT", default_value_t = 10)]
        header_timeout: u64,
        /// Open connections at most; past it, new connections are answered 503 and closed.
        #[arg(long, env = "KOMPETENCE_MAX_CONNECTIONS", default_value_t = 1024)]
        max_connections: usize,
        /// How many reverse proxies stand in front: the client is the X-Forwarded-For entry
        /// that many places from the right (entries further left can be forged).
        #[arg(long, env = "KOMPETENCE_TRUSTED_PROXIES")]
        trusted_proxies: Option<usize>,
        /// Serve /metrics to a scraper presenting this bearer token (at least 16
        /// characters); without it /metrics is not served.
        #[arg(long, env = "KOMPETENCE_METRICS_TOKEN", hide_env_values = true)]
        metrics_token: Option<String>,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo data into an empty database.
    Demo,
    /// Fill an empty database with a generated data set (national scale: 98 municipalities,
    /// 500,000 staff, 5,000 cohorts, 150,000 enrolments).
    Generate {
        /// national or small (a fiftieth, for smoke tests).
        #[arg(long, default_value = "national")]
        scale: String,
        /// The same seed gives the same data set.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Afterwards, insert the same rows the bare way (one single-row INSERT each, one
        /// transaction) into scratch copies of the tables, and compare the rates.
        #[arg(long)]
        compare: bool,
    },
    /// Replay participant, teacher and HR journeys against a server on this machine and
    /// report requests/s, p50/p95/p99 per page, errors and the server's memory.
    Loadtest {
        /// The server (loopback only).
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        url: String,
        /// Concurrent connections (simulated browsers).
        #[arg(long, default_value_t = 32)]
        connections: usize,
        /// Seconds of mixed journeys.
        #[arg(long, default_value_t = 30)]
        seconds: u64,
        /// Seconds per page when measuring each page alone against the ceiling (0: skip).
        #[arg(long, default_value_t = 5)]
        page_seconds: u64,
        /// The server's process id, to sample its resident memory.
        #[arg(long)]
        server_pid: Option<u32>,
        /// HR journeys use the municipality nearest to this many staff.
        #[arg(long, default_value_t = 10_000)]
        hr_staff: i64,
        /// Also write the report (Markdown) to this file.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Manage users.
    #[command(subcommand)]
    User(UserCmd),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCmd),
    /// Write a consistent copy of the embedded SQLite database to FILE while the server
    /// runs (PostgreSQL: use pg_dump, see docs/operations.md).
    Backup {
        /// Where to write the copy; must not exist.
        file: PathBuf,
    },
    /// Restore a backup made with `backup` into an empty (or not yet created) SQLite
    /// database, then bring it up to this version's schema.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Import data from a municipality's own systems.
    #[command(subcommand)]
    Import(ImportCmd),
    /// The e-mail outbox.
    #[command(subcommand)]
    Mail(MailCmd),
}

#[derive(Subcommand)]
enum MailCmd {
    /// Send what is due now, once (`serve` does this every few seconds).
    Deliver,
}

#[derive(Subcommand)]
enum ImportCmd {
    /// Import a municipality's staff and units: OS2mo's Plan2Learn files (a folder with
    /// organisation.csv, bruger.csv, stillingskode.csv, engagement.csv and leder.csv), or one
    /// CSV or XLSX file with a row per person.
    Staff {
        /// The folder with the five files, or the one file.
        dir: PathBuf,
        /// The municipality's name.
        #[arg(long)]
        org: String,
        /// The e-mail of an HR user of that municipality, in whose name the import is made
        /// (it is in the audit log).
        #[arg(long = "as")]
        as_user: String,
        /// Only report what would be created, changed, moved and marked as left.
        #[arg(long)]
        dry_run: bool,
        /// For one file: which header holds a field (id, name, email, unit, parent_unit,
        /// job_title, position_code, cpr, leads), e.g. `--map email=Mailadresse`; the rest is
        /// guessed from the headers.
        #[arg(long = "map")]
        map: Vec<String>,
    },
}

#[derive(Args)]
struct PasswordArgs {
    /// Read the password from standard input instead of prompting (or set KOMPETENCE_PASSWORD).
    #[arg(long)]
    password_stdin: bool,
}

#[derive(Subcommand)]
enum UserCmd {
    /// Create a user.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Make the user a platform administrator.
        #[arg(long)]
        platform_admin: bool,
        #[command(flatten)]
        pw: PasswordArgs,
    },
    /// Set a user's password.
    Passwd {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        pw: PasswordArgs,
    },
    /// Give a user a role in an organisation.
    Grant {
        #[arg(long)]
        email: String,
        /// The organisation's name.
        #[arg(long)]
        org: String,
        /// provider_admin, teacher, censor, hr, leader or participant.
        #[arg(long)]
        role: String,
    },
}

#[derive(Subcommand)]
enum TokenCmd {
    /// Create an API token acting for a user and print it.
    Create {
        #[arg(long)]
        user: String,
        /// Bind the token to this organisation (by name); default: all the user's roles.
        #[arg(long)]
        org: Option<String>,
        /// A label for the token.
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

async fn open(cfg: &Config) -> anyhow::Result<Store> {
    tracing::info!(database = %cfg.database_url_redacted(), "opening database");
    let store = Store::connect_with(&cfg.database_url, cfg.max_connections, cfg.acquire_timeout).await?;
    let applied = store.migrate().await?;
    if applied > 0 {
        tracing::info!(applied, "migrations applied");
    }
    Ok(store)
}

fn read_password(pw: &PasswordArgs) -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("KOMPETENCE_PASSWORD") {
        return Ok(p);
    }
    if pw.password_stdin {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        return Ok(s.trim_end_matches(['\r', '\n']).to_string());
    }
    Ok(rpassword::prompt_password("Adgangskode / password: ")?)
}

fn user_error(e: kompetence_core::Error) -> anyhow::Error {
    match e {
        kompetence_core::Error::Validation(v) => {
            anyhow::anyhow!(
                "invalid input: {}",
                v.iter().map(|e| format!("{} ({})", e.field, e.key)).collect::<Vec<_>>().join(", ")
            )
        }
        kompetence_core::Error::Conflict { field, key } => anyhow::anyhow!("{field}: {key}"),
        kompetence_core::Error::NotFound => anyhow::anyhow!("not found"),
        other => other.into(),
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let public_url = match &cli.command {
        Command::Serve { public_url, .. } => public_url.clone(),
        _ => None,
    };
    let trusted_proxies = match &cli.command {
        Command::Serve { trusted_proxies: Some(n), .. } => *n,
        Command::Serve { trust_proxy: true, .. } => 1,
        _ => 0,
    };
    let metrics_token = match &cli.command {
        Command::Serve { metrics_token, .. } => metrics_token.clone(),
        _ => None,
    };
    let cfg = Config::new(
        cli.global.data_dir,
        cli.global.database_url,
        public_url.as_deref(),
        trusted_proxies,
        metrics_token.as_deref(),
        cli.global.hours_per_ects,
        kompetence_core::domain::upload::UploadPolicy::new(cli.global.upload_max_mb, &cli.global.upload_types),
    )?
    .with_acquire_timeout(cli.global.db_acquire_timeout)?
    .with_cpr_key(cli.global.cpr_key.as_deref())?;
    let (smtp_url, mail_from) = (cli.global.smtp_url.clone(), cli.global.mail_from.clone());
    match cli.command {
        Command::Serve { demo, bind, header_timeout, max_connections, .. } => {
            if !(1..=300).contains(&header_timeout) || max_connections == 0 {
                anyhow::bail!("--header-timeout must be 1–300 seconds and --max-connections at least 1");
            }
            let limits = crate::listen::Limits { header_read: Duration::from_secs(header_timeout), max_connections };
            let mailer = mailer(&cfg, &smtp_url, &mail_from)?;
            serve(&cfg, demo, bind, limits, mailer).await
        }
        Command::Migrate => {
            let store = open(&cfg).await?;
            println!("database is up to date");
            store.close().await;
            Ok(())
        }
        Command::Demo => {
            let store = open(&cfg).await?;
            if !store.is_empty().await? {
                anyhow::bail!("the database already holds data; demo data goes into an empty database only");
            }
            let site = cfg.web.public_url.clone().unwrap_or_else(|| "http://127.0.0.1:8080".into());
            kompetence_core::demo::load(&store, &site).await.map_err(user_error)?;
            println!("demo data loaded; every demo login uses the password {}", kompetence_core::demo::DEMO_PASSWORD);
            Ok(())
        }
        Command::Generate { scale, seed, compare } => {
            let scale = kompetence_core::generate::Scale::parse(&scale)
                .ok_or_else(|| anyhow::anyhow!("--scale must be national or small"))?;
            let store = open(&cfg).await?;
            crate::generate::run(&store, &kompetence_core::generate::Plan::new(scale, seed), compare).await
        }
        Command::Loadtest { url, connections, seconds, page_seconds, server_pid, hr_staff, out } => {
            let store = open(&cfg).await?;
            let o = crate::loadtest::Options {
                url,
                connections: connections.clamp(1, 1024),
                seconds,
                page_seconds,
                server_pid,
                hr_staff,
                out,
            };
            crate::loadtest::run(&store, o).await
        }
        Command::User(cmd) => user(&cfg, cmd).await,
        Command::Backup { file } => {
            let store = open(&cfg).await?;
            let bytes = store.backup_to(&file).await.map_err(user_error)?;
            store.audit(None, None, "backup", &file.display().to_string(), &format!("{bytes} bytes"), None).await?;
            store.close().await;
            Store::check_backup(&file).await.map_err(user_error)?;
            println!("backup written to {} ({bytes} bytes, checked)", file.display());
            Ok(())
        }
        Command::Restore { file } => restore(&cfg, &file).await,
        Command::Mail(MailCmd::Deliver) => {
            let store = open(&cfg).await?;
            let mailer = mailer(&cfg, &smtp_url, &mail_from)?;
            let pass = mailer.deliver_due(&store).await?;
            println!("sent {}, failed {}, pending {}", pass.sent, pass.failed, store.mail_pending().await?);
            store.close().await;
            Ok(())
        }
        Command::Import(ImportCmd::Staff { dir, org, as_user, dry_run, map }) => {
            let store = open(&cfg).await?;
            crate::import::staff(&store, &cfg, &dir, &org, &as_user, dry_run, &map).await
        }
        Command::Token(TokenCmd::Create { user, org, name }) => {
            let store = open(&cfg).await?;
            let u = store.user_by_email(&user).await.map_err(|_| anyhow::anyhow!("no user with e-mail {user}"))?;
            let org = match org {
                Some(o) => {
                    Some(store.org_by_name(&o).await.map_err(|_| anyhow::anyhow!("no organisation named {o}"))?.id)
                }
                None => None,
            };
            let secret = store.create_token(u.id, org, &name).await.map_err(user_error)?;
            println!("{}", secret.expose());
            Ok(())
        }
    }
}

/// The file behind a `sqlite://path?options` URL.
fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Puts a checked backup in place of an empty database (never over data), then migrates.
async fn restore(cfg: &Config, backup: &std::path::Path) -> anyhow::Result<()> {
    let target = sqlite_file(&cfg.database_url).ok_or_else(|| {
        anyhow::anyhow!("restore goes into an embedded SQLite database; for PostgreSQL use pg_restore")
    })?;
    Store::check_backup(backup).await.map_err(user_error)?;
    if target.exists() {
        let store = open(cfg).await?;
        let empty = store.is_empty().await?;
        store.close().await;
        if !empty {
            anyhow::bail!("{} already holds data; restore only into an empty database", target.display());
        }
        for leftover in ["", "-wal", "-shm"] {
            let f = PathBuf::from(format!("{}{leftover}", target.display()));
            if f.exists() {
                std::fs::remove_file(&f).map_err(|e| anyhow::anyhow!("cannot remove {}: {e}", f.display()))?;
            }
        }
    }
    std::fs::copy(backup, &target)
        .map_err(|e| anyhow::anyhow!("cannot copy {} to {}: {e}", backup.display(), target.display()))?;
    let store = open(cfg).await?;
    store.close().await;
    println!("restored {} into {}", backup.display(), target.display());
    Ok(())
}

async fn user(cfg: &Config, cmd: UserCmd) -> anyhow::Result<()> {
    let store = open(cfg).await?;
    match cmd {
        UserCmd::Add { email, name, platform_admin, pw } => {
            let email = Email::parse("email", &email).map_err(|e| user_error(e.into()))?;
            let name = PersonName::parse("name", &name).map_err(|e| user_error(e.into()))?;
            let hash = if platform_admin { kompetence_core::domain::hash_admin_password } else { hash_password };
            let password = hash("password", &read_password(&pw)?).map_err(|e| user_error(e.into()))?;
            let u = store
                .create_user(NewUser {
                    email,
                    name,
                    password: Some(password),
                    locale: Locale::Da,
                    is_platform_admin: platform_admin,
                })
                .await
                .map_err(user_error)?;
            println!("created user {} ({})", u.email, u.id);
        }
        UserCmd::Passwd { email, pw } => {
            let u = store.user_by_email(&email).await.map_err(|_| anyhow::anyhow!("no user with e-mail {email}"))?;
            let hash = hash_password("password", &read_password(&pw)?).map_err(|e| user_error(e.into()))?;
            store.set_password(u.id, hash).await.map_err(user_error)?;
            println!("password changed for {}", u.email);
        }
        UserCmd::Grant { email, org, role } => {
            let u = store.user_by_email(&email).await.map_err(|_| anyhow::anyhow!("no user with e-mail {email}"))?;
            let o = store.org_by_name(&org).await.map_err(|_| anyhow::anyhow!("no organisation named {org}"))?;
            store.grant_role(u.id, o.id, &role).await.map_err(user_error)?;
            store
                .audit(
                    None,
                    Some(o.id),
                    "role.granted",
                    &format!("user:{}", u.id.0),
                    &format!("{role} (command line)"),
                    None,
                )
                .await?;
            println!("{} is now {role} in {}", u.email, o.name);
        }
    }
    Ok(())
}

fn mailer(cfg: &Config, smtp_url: &Option<String>, from: &str) -> anyhow::Result<crate::mail::Mailer> {
    let site = cfg.web.public_url.clone().unwrap_or_else(|| "http://127.0.0.1:8080".into());
    crate::mail::Mailer::new(smtp_url.as_deref(), from, &site)
}

async fn serve(
    cfg: &Config,
    demo: bool,
    bind: SocketAddr,
    limits: crate::listen::Limits,
    mailer: crate::mail::Mailer,
) -> anyhow::Result<()> {
    let store = open(cfg).await?;
    if demo && store.is_empty().await? {
        tracing::info!("loading demo data");
        let site = cfg.web.public_url.clone().unwrap_or_else(|| format!("http://{bind}"));
        kompetence_core::demo::load(&store, &site).await.map_err(user_error)?;
    }
    let sweeper = store.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(600));
        loop {
            every.tick().await;
            if let Err(e) = sweeper.sweep().await {
                tracing::warn!(error = %e, "sweeping expired sessions");
            }
        }
    });
    // The outbox: what is due goes out every few seconds (a failure waits for its retry).
    let outbox = store.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(5));
        loop {
            every.tick().await;
            if let Err(e) = mailer.deliver_due(&outbox).await {
                tracing::warn!(error = %e, "delivering the outbox");
            }
        }
    });
    let app = kompetence_web::app(kompetence_web::AppState::new(store.clone(), cfg.web.clone()));
    let listener =
        tokio::net::TcpListener::bind(bind).await.map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    crate::listen::serve(listener, app, limits, shutdown()).await?;
    store.close().await;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
