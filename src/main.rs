//! The `fellowship` command line: demo data, CSV export, TypeScript bindings, benchmark.

use std::io::BufRead;
use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use fellowship::auth::{self, SignInInput};
use fellowship::{demo, programme::programmes, tools::bench, tools::export, Db};

#[derive(Parser)]
#[command(
    name = "fellowship",
    about = "Fellowship: clinical leadership fellowship programmes",
    version
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill a new database with a realistic demo programme.
    Demo {
        #[arg(long, env = "FELLOWSHIP_DB")]
        db: PathBuf,
        /// Ten cohorts of forty fellows instead of the standard demo.
        #[arg(long)]
        large: bool,
    },
    /// Write every table the signed-in user may see as CSV files with a header row.
    /// The password is read from FELLOWSHIP_PASSWORD or, failing that, the first line of stdin.
    Export {
        #[arg(long, env = "FELLOWSHIP_DB")]
        db: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Email address of the account to export as.
        #[arg(long)]
        user: String,
    },
    /// Print the TypeScript types of the command surface (or check a file is up to date).
    Typescript {
        #[arg(long)]
        check: Option<PathBuf>,
    },
    /// Kill a writing core process with SIGKILL again and again, and check nothing saved is lost.
    CrashTest {
        #[arg(long, default_value = "target/crash-test")]
        dir: PathBuf,
        #[arg(long, default_value_t = 100)]
        runs: usize,
    },
    /// The process the crash test kills (not for people to run).
    #[command(hide = true)]
    CrashWriter {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        codes: PathBuf,
        #[arg(long)]
        run: usize,
    },
    /// Run the programme server: the app's UI and command surface over HTTP, for browsers.
    ///
    /// Every setting can also come from the environment (the name in brackets) or from a
    /// settings file of NAME=value lines (--config; /etc/fellowship/fellowship.env in the
    /// package). The command line beats the environment, which beats the file.
    Serve {
        /// A settings file of NAME=value lines, as systemd's EnvironmentFile reads.
        #[arg(long, env = "FELLOWSHIP_CONFIG")]
        config: Option<PathBuf>,
        /// The programme's database file; in a `--features postgres` build, its PostgreSQL URL
        /// (postgres://user:password@host/database).
        #[arg(long, env = "FELLOWSHIP_DB", default_value = "fellowship.sqlite")]
        db: PathBuf,
        /// Where to listen. Without --tls-cert, keep it on loopback behind a TLS reverse proxy.
        #[arg(long, env = "FELLOWSHIP_LISTEN", default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
        /// Serve HTTPS with this PEM certificate chain (needs --tls-key).
        #[arg(long, env = "FELLOWSHIP_TLS_CERT", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The PEM private key of --tls-cert.
        #[arg(long, env = "FELLOWSHIP_TLS_KEY", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// The built UI to serve (`npm --prefix ui run build`).
        #[arg(long, env = "FELLOWSHIP_UI", default_value = "ui/dist")]
        ui: PathBuf,
        /// The address browsers use behind a reverse proxy, e.g. https://fellowship.example.nhs.uk
        /// (repeat it, or separate with commas, for several). Calls from pages elsewhere are refused.
        #[arg(long, env = "FELLOWSHIP_PUBLIC_URL", value_delimiter = ',', value_parser = fellowship::transport::server::origin::public_url)]
        public_url: Vec<String>,
        /// How log lines are written to standard error: text, or json (one JSON object a line).
        /// The level comes from RUST_LOG (default info).
        #[arg(long, env = "FELLOWSHIP_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
        log_format: String,
        /// Connections served at once (a browser keeps one or more open while its person
        /// works); more wait to be accepted. The open-file limit is raised to fit, as far as the
        /// system allows.
        #[arg(long, env = "FELLOWSHIP_MAX_CONNECTIONS", default_value_t = fellowship::transport::server::DEFAULT_MAX_CONNECTIONS)]
        max_connections: usize,
        /// Serve Prometheus metrics at /metrics on this address (its own, so it can stay on a
        /// private network); none if not given.
        #[arg(long, env = "FELLOWSHIP_METRICS_LISTEN")]
        metrics_listen: Option<std::net::SocketAddr>,
    },
    /// Deliver the outbox now (what the app's worker does every few seconds) and plan today's
    /// reminders and digests; prints what happened.
    SendMail {
        #[arg(long, env = "FELLOWSHIP_DB")]
        db: PathBuf,
        /// How long a claimed message is held before another worker may take it.
        #[arg(long, default_value_t = fellowship::transport::mail_worker::LEASE_SECONDS)]
        lease_seconds: i64,
        /// Plan reminders and digests as on this day (YYYY-MM-DD) instead of today: to catch
        /// up after the app was closed for days, or to rehearse a schedule.
        #[arg(long)]
        on: Option<chrono::NaiveDate>,
    },
    /// Time database opening and every screen's query on a generated programme of 10 cohorts x
    /// 40 fellows, or `--scale N` times that.
    Bench {
        #[arg(long, default_value = "target/bench")]
        dir: PathBuf,
        #[arg(long, default_value_t = 50)]
        runs: usize,
        /// Make the programme this many times the large one (e.g. 10, 100).
        #[arg(long, default_value_t = 1)]
        scale: u32,
        /// Time the programme an earlier run left in --dir again, instead of making a new one.
        #[arg(long)]
        reuse: bool,
        /// Time only the screens whose names hold this text (e.g. "360").
        #[arg(long)]
        only: Option<String>,
        /// Also time each screen's own statements in Debian's sqlite3 shell on the same file,
        /// and give the ratio (SQLite only).
        #[arg(long)]
        shell: bool,
        /// Empty the OS page cache before each screen's first call, so "first" is a cold read
        /// from the disk (Linux, as root).
        #[arg(long)]
        cold: bool,
    },
    /// Time the historic import and a wave's import of large files, and the memory they take.
    BenchImports {
        #[arg(long, default_value = "target/bench-imports")]
        dir: PathBuf,
        /// Rows in each file, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        rows: Vec<usize>,
    },
}

/// The settings file named by --config (or FELLOWSHIP_CONFIG), read into the environment before
/// the command line is parsed, so each setting's `env` picks it up. What the environment already
/// says is kept: the file gives defaults for one machine, the environment overrides them.
fn read_settings_file() -> anyhow::Result<()> {
    let mut args = std::env::args().skip_while(|a| a != "serve");
    let mut named = None;
    while let Some(a) = args.next() {
        if a == "--config" {
            named = args.next();
        } else if let Some(v) = a.strip_prefix("--config=") {
            named = Some(v.to_owned());
        }
    }
    let Some(path) = named.or_else(|| std::env::var("FELLOWSHIP_CONFIG").ok()) else {
        return Ok(());
    };
    dotenvy::from_path(&path).with_context(|| format!("Cannot read the settings file {path}"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    fellowship::auth::return_large_blocks_to_the_system();
    read_settings_file()?;
    match Cli::parse().command {
        Command::CrashTest { dir, runs } => {
            let exe = std::env::current_exe()?;
            let report = fellowship::tools::crash::run(&exe, &dir, runs).await?;
            println!("{}", report.summary());
            for m in report.missing.iter().chain(&report.partial) {
                println!("  {m}");
            }
            if !report.missing.is_empty()
                || !report.partial.is_empty()
                || report.integrity_ok != report.kills
            {
                bail!("the crash test found lost or partial writes");
            }
        }
        Command::CrashWriter { db, codes, run } => {
            fellowship::tools::crash::writer(&db, &codes, run).await?;
        }
        Command::Demo { db, large } => {
            let db = Db::open(&db).await?;
            if programmes::current(&db).await?.is_some() {
                bail!(
                    "{} already holds a programme; the demo needs a new, empty database",
                    db.path.display()
                );
            }
            let size = if large {
                demo::DemoSize::large()
            } else {
                demo::DemoSize::standard()
            };
            demo::fill(&db, &size).await?;
            println!("Demo programme written to {}", db.path.display());
            println!(
                "Sign in as {} (or {} / {} / {} / {}) with the password {}",
                demo::DEMO_FACULTY_EMAIL,
                demo::DEMO_FELLOW_EMAIL,
                demo::DEMO_SPONSOR_EMAIL,
                demo::DEMO_MENTOR_EMAIL,
                demo::DEMO_FACILITATOR_EMAIL,
                demo::DEMO_PASSWORD
            );
        }
        Command::Export { db, out, user } => {
            let password = match std::env::var("FELLOWSHIP_PASSWORD") {
                Ok(p) => p,
                Err(_) => std::io::stdin()
                    .lock()
                    .lines()
                    .next()
                    .context("no password given")??,
            };
            let db = Db::open(&db).await?;
            let actor = auth::sign_in(
                &db,
                &SignInInput {
                    email: user,
                    password,
                },
            )
            .await?;
            for f in export::export_csv(&db, &actor, &out).await? {
                println!("{}", f.display());
            }
        }
        Command::Typescript { check } => {
            let ts = fellowship::api::typescript();
            match check {
                None => print!("{ts}"),
                Some(path) => {
                    let current = std::fs::read_to_string(&path).unwrap_or_default();
                    if current != ts {
                        bail!(
                            "Generated TypeScript types in {} are out of date: run `make types`",
                            path.display()
                        );
                    }
                }
            }
        }
        Command::Serve {
            config: _,
            db,
            listen,
            ui,
            tls_cert,
            tls_key,
            public_url,
            log_format,
            metrics_listen,
            max_connections,
        } => {
            fellowship::transport::server::observe::init_logging(log_format == "json");
            let tls = match (tls_cert, tls_key) {
                (Some(cert), Some(key)) => {
                    Some(fellowship::transport::server::tls::config(&cert, &key)?)
                }
                _ => None,
            };
            // An encrypted programme waits for its passphrase, given on the unlock page.
            let workspaces = if fellowship::db::encryption::is_encrypted(&db) {
                fellowship::api::session::Workspaces::locked(db, None)
            } else {
                fellowship::api::session::Workspaces::new(Db::open(&db).await?, None)
            };
            let ui = ui.join("index.html").exists().then_some(ui);
            if ui.is_none() {
                eprintln!("No built UI found; serving the API only.");
            }
            let server = fellowship::transport::server::Server::new(workspaces)
                .with_limits(fellowship::transport::server::Limits {
                    max_connections,
                    ..Default::default()
                })
                .with_public_urls(&public_url)
                .map_err(anyhow::Error::msg)?;
            // The outbox is delivered while the server runs (nothing is queued while email is off).
            fellowship::transport::mail_worker::spawn(server.workspaces());
            if let Some(addr) = metrics_listen {
                let listener = tokio::net::TcpListener::bind(addr).await?;
                println!("Metrics are at http://{}/metrics", listener.local_addr()?);
                tokio::spawn(fellowship::transport::server::metrics::serve(
                    listener,
                    server.workspaces(),
                ));
            }
            fellowship::transport::server::serve(server, listen, ui, tls).await?;
        }
        Command::SendMail {
            db,
            lease_seconds,
            on,
        } => {
            let db = Db::open(&db).await?;
            let on = on.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let planned = fellowship::today::schedule::plan(&db, on).await?;
            let done = fellowship::transport::mail_worker::deliver_due(
                &db,
                chrono::Duration::seconds(lease_seconds),
            )
            .await?;
            println!(
                "planned {} reminders, {} overdue-action digests, {} weekly digests; sent {}, to retry {}, failed {}",
                planned.reminders, planned.overdue_digests, planned.digests, done.sent, done.retried, done.failed
            );
        }
        Command::Bench {
            dir,
            runs,
            scale,
            reuse,
            only,
            shell,
            cold,
        } => {
            std::fs::create_dir_all(&dir)?;
            let options = bench::Options {
                runs: runs.max(1),
                scale,
                reuse,
                only,
                shell,
                cold,
            };
            let timings = bench::run(&dir, options).await?;
            print!("{}", bench::report(&timings));
        }
        Command::BenchImports { dir, rows } => {
            std::fs::create_dir_all(&dir)?;
            let timings = fellowship::tools::bench_imports::run(&dir, &rows).await?;
            print!("{}", fellowship::tools::bench_imports::report(&timings));
        }
    }
    Ok(())
}
