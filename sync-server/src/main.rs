//! `campo-sync-server`: serve the API, create a demo database, import a portfolio or payments.

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

use campo_sync_server::{SqliteStorage, demo, import, outbox, promises};
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

/// Campo's sync server.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// The SQLite database file (created if missing).
    #[arg(long, env = "CAMPO_DB", default_value = "campo.db", global = true)]
    db: PathBuf,
    /// How log lines look: `text` for people, `json` (one object a line) for log collectors.
    #[arg(long, env = "CAMPO_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

/// See [`Cli::log_format`].
#[derive(Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the sync API and the office API.
    Serve {
        /// Address to listen on; port 0 picks a free port (it is logged).
        #[arg(long, env = "CAMPO_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// The SMS/WhatsApp gateway's webhook (see sync-server/src/outbox.rs);
        /// without one, messages queued from the app wait.
        #[arg(long, env = "CAMPO_GATEWAY_URL")]
        gateway_url: Option<String>,
        /// A bearer token for the gateway.
        #[arg(long, env = "CAMPO_GATEWAY_TOKEN", hide_env_values = true)]
        gateway_token: Option<String>,
        /// Seconds between rounds of the message outbox.
        #[arg(long, env = "CAMPO_OUTBOX_EVERY", default_value_t = 30)]
        outbox_every: u64,
        /// Seconds between derivations of pending promises' statuses (a
        /// promise breaks when its grace days pass unpaid).
        #[arg(long, env = "CAMPO_PROMISES_EVERY", default_value_t = 3600)]
        promises_every: u64,
    },
    /// Fill an empty database with a demo portfolio (logins in README.md).
    Demo {
        /// How many debtor accounts.
        #[arg(long, default_value_t = 3000)]
        debtors: usize,
    },
    /// Import a debtors CSV (columns in README.md); all or nothing.
    Import {
        /// The CSV file.
        file: PathBuf,
        /// Check every line and count, but store nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import the lender's payments CSV (columns in README.md); all or nothing.
    ImportPayments {
        /// The CSV file.
        file: PathBuf,
        /// Check every line and count, but store nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

fn main() -> std::process::ExitCode {
    campo_malloc::return_large_blocks_to_the_system();
    let cli = Cli::parse();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal, never in a log file.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    match cli.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
    match run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let storage = SqliteStorage::open(&cli.db).map_err(|e| format!("no se pudo abrir {}: {e}", cli.db.display()))?;
    match cli.command {
        Command::Serve { listen, gateway_url, gateway_token, outbox_every, promises_every } => {
            let gateway =
                gateway_url.map(|url| (outbox::WebhookGateway::new(&url, gateway_token), outbox_every.max(1)));
            serve(Arc::new(storage), listen, gateway, promises_every.max(1))
        }
        Command::Demo { debtors } => {
            let report = demo::create(&storage, debtors).map_err(|e| e.to_string())?;
            println!(
                "demo creada en {}: {} usuarios, {} cuentas; contraseña de todos: {}",
                cli.db.display(),
                report.users,
                report.debtors,
                demo::DEMO_PASSWORD
            );
            Ok(())
        }
        Command::Import { file, dry_run } => imported(&file, dry_run, |input, progress| {
            import::debtors::import(&storage, input, dry_run, None, progress)
        }),
        Command::ImportPayments { file, dry_run } => imported(&file, dry_run, |input, progress| {
            import::payments::import(&storage, input, chrono::Utc::now(), dry_run, None, progress)
        }),
    }
}

/// Runs an import of `file` and says what it did, or every problem it found.
fn imported(
    file: &std::path::Path,
    dry_run: bool,
    run: impl FnOnce(
        std::io::BufReader<std::fs::File>,
        &mut dyn FnMut(u64),
    ) -> Result<import::ImportReport, import::ImportError>,
) -> Result<(), String> {
    let input = std::fs::File::open(file).map_err(|e| format!("no se pudo leer {}: {e}", file.display()))?;
    let report = run(std::io::BufReader::new(input), &mut |rows| eprintln!("{rows} filas…")).map_err(|e| {
        format!(
            "{}: {e}
no se importó nada",
            file.display()
        )
    })?;
    println!(
        "{} {}: {} nuevos, {} actualizados, {} sin cambios",
        if dry_run { "revisado (nada guardado)" } else { "importado" },
        file.display(),
        report.created,
        report.updated,
        report.unchanged
    );
    Ok(())
}

fn serve(
    storage: Arc<SqliteStorage>,
    listen: SocketAddr,
    gateway: Option<(outbox::WebhookGateway, u64)>,
    promises_every: u64,
) -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let sweeping: Arc<dyn campo_sync_server::Storage> = storage.clone();
        tokio::spawn(async move {
            let mut rounds = tokio::time::interval(std::time::Duration::from_secs(promises_every));
            loop {
                rounds.tick().await;
                let storage = sweeping.clone();
                let swept = tokio::task::spawn_blocking(move || promises::sweep(&*storage, chrono::Utc::now())).await;
                match swept {
                    Ok(Ok(sweep)) if sweep.changed > 0 => {
                        tracing::info!(accounts = sweep.accounts, changed = sweep.changed, "promises derived");
                    }
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => tracing::error!(error = %e, "deriving promises failed"),
                    Err(e) => tracing::error!(error = %e, "deriving promises failed"),
                }
            }
        });
        match gateway {
            Some((gateway, every)) => {
                let storage: Arc<dyn campo_sync_server::Storage> = storage.clone();
                tokio::spawn(async move {
                    let mut rounds = tokio::time::interval(std::time::Duration::from_secs(every));
                    loop {
                        rounds.tick().await;
                        match outbox::dispatch(&storage, &gateway, chrono::Utc::now()).await {
                            Ok(round) if round.sent + round.failed > 0 => {
                                tracing::info!(
                                    sent = round.sent,
                                    failed = round.failed,
                                    waiting = round.waiting,
                                    "outbox round"
                                );
                            }
                            Ok(_) => {}
                            Err(e) => tracing::error!(error = %e, "outbox round failed"),
                        }
                    }
                });
            }
            None => tracing::info!("no message gateway (--gateway-url): messages queued from the app wait"),
        }
        let listener =
            tokio::net::TcpListener::bind(listen).await.map_err(|e| format!("no se pudo escuchar en {listen}: {e}"))?;
        campo_sync_server::launch_with_listener(listener, storage, shutdown_signal()).await.map_err(|e| e.to_string())
    })
}

/// Ctrl-C or SIGTERM: stop taking requests, finish those in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! { () = ctrl_c => {}, () = term => {} }
    tracing::info!("shutting down");
}
