//! `campo-device`: a headless gestor device. Signs in, syncs, shows status and
//! records visits, so sync can run (and be load-tested) without any UI.

use std::{path::PathBuf, process::ExitCode};

use campo_core::{
    RecordBody,
    activity::{ContactFacts, Visit, VisitFields},
    contact::party::Party,
    geo::{GeoPoint, Position},
    ids::DebtorId,
    outcome::Outcome,
    zone::Zone,
};
use campo_device::{DeviceError, Store, SyncOptions, sync::Progress};
use clap::{Parser, Subcommand};

/// Prints a line to standard output. A reader that went away (`| head`) ends
/// the program quietly, as other command-line tools do, instead of a panic.
macro_rules! say {
    ($($arg:tt)*) => { print_line(format_args!($($arg)*)) };
}

fn print_line(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if let Err(e) = writeln!(std::io::stdout().lock(), "{line}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// A headless Campo device.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// The device's database file (created if missing).
    #[arg(long, env = "CAMPO_DEVICE_DB", default_value = "campo-device.db", global = true)]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Sign in and register this device.
    Login {
        /// The sync server, e.g. http://127.0.0.1:8080.
        #[arg(long, env = "CAMPO_SERVER")]
        server: String,
        /// The gestor's login.
        #[arg(long)]
        login: String,
        /// The password.
        #[arg(long, env = "CAMPO_PASSWORD")]
        password: String,
        /// A name for this device.
        #[arg(long, default_value = "campo-device")]
        device_name: String,
    },
    /// Push pending work and pull what changed, printing each step.
    Sync {
        /// Items per pulled page (the server's default if absent).
        #[arg(long)]
        page_items: Option<u32>,
    },
    /// Who is signed in, what is held, what waits to be sent, and notices.
    Status,
    /// List the debtors on this device.
    Debtors,
    /// Record a visit.
    Visit {
        /// The debtor's id.
        #[arg(long)]
        debtor: DebtorId,
        /// Outcome code, e.g. promise_to_pay, no_answer, not_located.
        #[arg(long)]
        outcome: String,
        /// Notes.
        #[arg(long, default_value = "")]
        notes: String,
        /// Who was reached: debtor, co_obligor, guarantor or other.
        #[arg(long)]
        reached: Option<Party>,
        /// The gestor identified themselves, the agency and the lender.
        #[arg(long)]
        identified: bool,
        /// Why the visit goes ahead outside a rule that allows a reason.
        #[arg(long)]
        justification: Option<String>,
        /// Latitude of the GPS fix.
        #[arg(long, requires = "lon", allow_negative_numbers = true)]
        lat: Option<f64>,
        /// Longitude of the GPS fix.
        #[arg(long, requires = "lat", allow_negative_numbers = true)]
        lon: Option<f64>,
        /// Accuracy of the fix, in metres.
        #[arg(long, default_value_t = 10.0)]
        accuracy: f64,
    },
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), DeviceError> {
    let store = Store::open(&cli.db)?;
    match cli.command {
        Command::Login { server, login, password, device_name } => {
            let session = campo_device::login(&store, &server, &login, &password, &device_name).await?;
            say!("sesión iniciada: {} ({:?})", session.user.name, session.user.role);
        }
        Command::Sync { page_items } => {
            say!("sync: desde el cursor {}", store.session()?.map_or(0, |s| s.cursor));
            let options = SyncOptions { page_items, ..SyncOptions::default() };
            let report = campo_device::sync(&store, options, |p| match p {
                Progress::Pushed { records, wire_bytes } => {
                    say!("push: lote de {records} registros, {wire_bytes} bytes")
                }
                Progress::Pulled { items, cursor, wire_bytes, more } => {
                    say!(
                        "pull: página de {items} elementos, cursor {cursor}, {wire_bytes} bytes{}",
                        if *more { ", siguen más" } else { "" }
                    )
                }
                Progress::Photo { bytes } => say!("foto enviada: {bytes} bytes"),
            })
            .await?;
            say!(
                "sync terminado: {} aceptados, {} ya conocidos, {} combinados, {} rechazados; {} recibidos ({:.0} bytes por registro)",
                report.pushed.accepted,
                report.pushed.already_known,
                report.pushed.merged,
                report.pushed.rejected,
                report.pulled,
                report.bytes_per_record()
            );
        }
        Command::Status => {
            match store.session()? {
                Some(s) => say!(
                    "{} ({}) en {}; {}; último sync: {}",
                    s.user.name,
                    s.user.login,
                    s.server_url,
                    if s.signed_in { "sesión activa" } else { "inicia sesión de nuevo" },
                    s.last_sync_at.as_deref().unwrap_or("nunca")
                ),
                None => say!("sin sesión"),
            }
            let status = store.status()?;
            say!(
                "{} cuentas, {} registros, {} pendientes, {} rechazados",
                status.debtors,
                status.records,
                status.pending,
                status.rejected
            );
            for pending in store.pending()? {
                if let Some(reason) = pending.rejected {
                    say!("rechazado {} ({}): {}", pending.record.id, pending.record.kind, reason.message);
                }
            }
            for notice in store.notices()? {
                say!("aviso: {}", notice.detail);
            }
        }
        Command::Debtors => {
            for (id, debtor) in store.debtors()? {
                say!(
                    "{id}  {}  {}  {} {}",
                    debtor.external_ref.as_str(),
                    debtor.name.as_str(),
                    debtor.balance,
                    debtor.currency
                );
            }
        }
        Command::Visit { debtor, outcome, notes, reached, identified, justification, lat, lon, accuracy } => {
            let account = store.debtors()?.into_iter().find(|(id, _)| *id == debtor).map(|(_, d)| d);
            let zone = account.map_or(Zone::MEXICO_CITY, |d| d.zone);
            let position = match (lat, lon) {
                (Some(lat), Some(lon)) => Some(Position::new(GeoPoint::new(lat, lon)?, accuracy)?.typed()),
                _ => None,
            };
            let now = chrono::Utc::now();
            let visit = Visit::try_from(VisitFields {
                started_at: now,
                ended_at: now,
                zone,
                position,
                distance_m: None,
                photos: vec![],
                outcome: outcome.parse::<Outcome>()?,
                contact: ContactFacts { party: reached, identified, justification, policy_version: None },
                notes,
                next_action_on: None,
            })?;
            let id = store.create(debtor, &RecordBody::Visit(visit))?;
            say!("visita guardada: {id} (se enviará en el próximo sync)");
        }
    }
    Ok(())
}
