//! The device's SQLite store: the server's copy of the gestor's portfolio,
//! the outbox of local writes, and the sync bookkeeping.
//!
//! Two tables hold records. `records` is the server's current version of each
//! record in scope, exactly as pulled. `pending` is the outbox: the newest
//! local version of each record the server has not acknowledged, with the
//! server version it was edited from (`base_vv`). What the gestor sees is a
//! pending version where there is one, else the server's. Every method that
//! writes runs in one `BEGIN IMMEDIATE` transaction.
//!
//! The SQL lives in submodules by what it keeps: `session` (who is signed in),
//! `outbox` (local writes and push batches), `feed` (what pulls bring),
//! `notices` (what sync tells the gestor), `contact` (the contact policies
//! and what a write is judged by), `drafts` (messages filled in), `photos` (visit photos until the server
//! holds them) and `summary` (the one-row-per-account
//! table the lists read). Every write goes through [`Store::write`] or
//! [`Store::write_to_disk`].

mod additions;
mod contact;
mod drafts;
mod feed;
mod notices;
mod outbox;
mod photos;
mod session;
mod summary;

use std::{
    path::Path,
    sync::{Arc, Mutex},
};

use campo_core::{
    Record, RecordBody, RecordKind, VersionVector,
    debtor::Debtor,
    ids::{DebtorId, RecordId},
    record::raw,
    wire::Rejection,
};
use campo_sqlite::Checkpointer;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};
use serde::Serialize;

use crate::error::{DeviceError, Result};

pub use additions::Addition;
pub use contact::ContactAdvice;
pub(crate) use contact::policy;
pub use drafts::Draft;
pub use feed::PageTally;
pub use notices::{Notice, NoticeKind};
pub(crate) use outbox::OutboxBatch;
pub use outbox::PushTally;
pub use session::SessionInfo;
pub(crate) use session::session;

/// The device schema, one SQL text per version, oldest first; applied on open.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../../migrations/device/0001_init.sql"),
    include_str!("../../../migrations/device/0002_summary.sql"),
    include_str!("../../../migrations/device/0003_drop_local_records.sql"),
    include_str!("../../../migrations/device/0004_summary_facts.sql"),
    include_str!("../../../migrations/device/0005_outbox_batches.sql"),
    include_str!("../../../migrations/device/0006_territories.sql"),
    include_str!("../../../migrations/device/0007_quiet_acknowledgements.sql"),
    include_str!("../../../migrations/device/0008_batch_making.sql"),
    include_str!("../../../migrations/device/0009_typed_notices.sql"),
    include_str!("../../../migrations/device/0010_contact_policies.sql"),
    include_str!("../../../migrations/device/0011_photos.sql"),
    include_str!("../../../migrations/device/0012_day_plan.sql"),
];

/// A record as the gestor sees it.
#[derive(Clone, Debug, Serialize)]
pub struct LocalRecord {
    /// The newest version on this device.
    pub record: Record,
    /// Not yet acknowledged by the server.
    pub pending: bool,
    /// Refused by the server, with its reason; kept until the gestor fixes it.
    pub rejected: Option<Rejection>,
    /// Written by a gestor after the debtor had left them.
    pub after_reassignment: bool,
}

/// Counts for the status screen.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Status {
    /// Debtor accounts held.
    pub debtors: u64,
    /// All records held.
    pub records: u64,
    /// Local writes waiting to be sent.
    pub pending: u64,
    /// Local writes the server refused.
    pub rejected: u64,
    /// Photos of saved visits the server does not hold yet.
    pub photos_waiting: u64,
    /// When the last sync finished (UTC, RFC 3339), if one ever did.
    pub last_sync_at: Option<String>,
}

/// The device's database. Clones share it: a clone is what a blocking task
/// takes along (see [`Store::blocking`]).
#[derive(Clone)]
pub struct Store(Arc<Shared>);

struct Shared {
    conn: Mutex<Connection>,
    checkpoint: Checkpointer,
    /// Held for a whole sync: one sync at a time keeps server versions
    /// arriving in the order the server made them.
    sync_gate: tokio::sync::Mutex<()>,
}

/// A text column, borrowed from the row.
pub(crate) fn text<'r>(row: &'r rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Option<&'r str>> {
    Ok(row.get_ref(column)?.as_str_or_null()?)
}

pub(crate) fn corrupt(what: &str, e: impl std::fmt::Display) -> DeviceError {
    DeviceError::Storage { message: format!("{what}: {e}") }
}

pub(super) fn parse_vv(text: &str) -> Result<VersionVector> {
    serde_json::from_str(text).map_err(|e| corrupt("vv", e))
}

pub(crate) fn parse_id<T: std::str::FromStr>(text: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e| corrupt("id", e))
}

pub(super) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Reads `id, debtor_id, kind, vv, deleted, body` from the start of a row.
pub(super) fn record_from(row: &rusqlite::Row<'_>) -> Result<Record> {
    let kind: String = row.get(2)?;
    Ok(Record {
        id: parse_id(&row.get::<_, String>(0)?)?,
        debtor_id: parse_id(&row.get::<_, String>(1)?)?,
        kind: kind.parse()?,
        vv: parse_vv(&row.get::<_, String>(3)?)?,
        deleted: row.get(4)?,
        body: raw(row.get(5)?),
    })
}

/// Every record of `debtor` as the gestor sees it, oldest first (by UUIDv7 id).
pub(crate) fn records_of(tx: &Transaction<'_>, debtor: DebtorId) -> Result<Vec<LocalRecord>> {
    let ids: Vec<String> = tx
        .prepare("SELECT id FROM records WHERE debtor_id = ?1 UNION SELECT record_id FROM pending WHERE debtor_id = ?1 ORDER BY 1")?
        .query_map([debtor.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(local_record(tx, parse_id(&id)?)?);
    }
    Ok(out)
}

/// Takes the next write counter. One counter for every write this device
/// ever makes, under any replica id, so a write's name is never reused.
pub(super) fn next_counter(tx: &Transaction<'_>) -> Result<u64> {
    Ok(tx.query_row("UPDATE clock SET counter = counter + 1 RETURNING counter", [], |r| r.get(0))?)
}

/// Account `debtor` as the gestor sees it now (a pending edit included).
pub(crate) fn account(tx: &Transaction<'_>, debtor: DebtorId) -> Result<Debtor> {
    match local_record(tx, debtor.into())?.filter(|a| a.record.kind == RecordKind::Debtor && !a.record.deleted) {
        Some(local) => match local.record.parse_body()? {
            RecordBody::Debtor(account) => Ok(account),
            _ => unreachable!("a record of kind debtor parses as a debtor"),
        },
        None => Err(DeviceError::NotFound { what: format!("la cuenta {debtor}") }),
    }
}

pub(crate) fn local_record(tx: &Transaction<'_>, id: RecordId) -> Result<Option<LocalRecord>> {
    let pending = tx
        .prepare_cached(
            "SELECT p.record_id, p.debtor_id, p.kind, p.vv, p.deleted, p.body, p.rejection, coalesce(r.after_reassignment, 0)
             FROM pending p LEFT JOIN records r ON r.id = p.record_id WHERE p.record_id = ?1",
        )?
        .query_and_then([id.to_string()], |row| {
            let rejected: Option<String> = row.get(6)?;
            Ok::<_, DeviceError>(LocalRecord {
                record: record_from(row)?,
                pending: true,
                rejected: rejected.as_deref().map(notices::parse_rejection).transpose()?,
                after_reassignment: row.get(7)?,
            })
        })?
        .next()
        .transpose()?;
    if pending.is_some() {
        return Ok(pending);
    }
    tx.prepare_cached("SELECT id, debtor_id, kind, vv, deleted, body, after_reassignment FROM records WHERE id = ?1")?
        .query_and_then([id.to_string()], |row| {
            Ok::<_, DeviceError>(LocalRecord {
                record: record_from(row)?,
                pending: false,
                rejected: None,
                after_reassignment: row.get(6)?,
            })
        })?
        .next()
        .transpose()
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Upserts open a statement journal; in memory it costs no file writes.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // Checkpoints run on their own thread (see `Checkpointer`), not inside a sync.
        conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        // A sync writes index pages all over the file; SQLite's default 2 MiB
        // cache would re-read them and spill to the WAL mid-transaction.
        conn.pragma_update(None, "cache_size", -16384)?;
        summary::register_functions(&conn)?;
        Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect()).to_latest(&mut conn)?;
        let checkpoint = Checkpointer::start(Connection::open(path)?)?;
        Ok(Self(Arc::new(Shared { conn: Mutex::new(conn), checkpoint, sync_gate: tokio::sync::Mutex::new(()) })))
    }

    /// Runs `f` on tokio's blocking pool: SQLite work never holds up the
    /// async runtime (the UI's next call, the sync's next page downloading).
    pub async fn blocking<T: Send + 'static>(&self, f: impl FnOnce(&Store) -> Result<T> + Send + 'static) -> Result<T> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || f(&store)).await?
    }

    /// Taken for a whole sync.
    pub(crate) fn sync_gate(&self) -> &tokio::sync::Mutex<()> {
        &self.0.sync_gate
    }

    fn with_conn<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        // A panic while holding the lock left no transaction open (rusqlite
        // rolls back on drop), so the connection is still sound.
        let mut conn = self.0.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut conn)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction; commits if it succeeds.
    /// The commit survives the app dying, not a power cut (WAL with
    /// `synchronous = NORMAL`): right for what a sync writes, which the server
    /// can send again.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.with_conn(|conn| self.commit(conn, f))
    }

    /// Like [`Store::write`], but the commit reaches the disk before it
    /// returns: for the gestor's own work, which exists nowhere else until it
    /// is sent. A phone whose battery dies a second after "Guardado" still
    /// has the visit.
    pub(super) fn write_to_disk<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.with_conn(|conn| {
            // SQLite takes the setting only outside a transaction.
            conn.pragma_update(None, "synchronous", "FULL")?;
            let out = self.commit(conn, f);
            // The work is saved whatever this says; a connection left at FULL
            // is only slower.
            if let Err(e) = conn.pragma_update(None, "synchronous", "NORMAL") {
                tracing::warn!(error = %e, "could not set synchronous back to NORMAL");
            }
            out
        })
    }

    fn commit<T>(&self, conn: &mut Connection, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        self.0.checkpoint.wake();
        Ok(out)
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.with_conn(|conn| f(&conn.transaction()?))
    }

    /// A record as the gestor sees it: the pending version if any, else the server's.
    pub fn record(&self, id: RecordId) -> Result<Option<LocalRecord>> {
        self.read(|tx| local_record(tx, id))
    }

    /// Every record of a debtor, as the gestor sees them, oldest first.
    pub fn records_of(&self, debtor: DebtorId) -> Result<Vec<LocalRecord>> {
        self.read(|tx| records_of(tx, debtor))
    }

    /// The debtor accounts on this device, by name.
    pub fn debtors(&self) -> Result<Vec<(DebtorId, Debtor)>> {
        self.read(|tx| {
            let rows: Vec<(String, String)> = tx
                .prepare(
                    "SELECT r.id, coalesce(p.body, r.body) FROM records r LEFT JOIN pending p ON p.record_id = r.id
                     WHERE r.kind = 'debtor' AND NOT r.deleted ORDER BY json_extract(r.body, '$.name')",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            rows.into_iter()
                .map(|(id, body)| Ok((parse_id(&id)?, serde_json::from_str(&body).map_err(|e| corrupt("debtor", e))?)))
                .collect()
        })
    }

    /// Local writes not yet acknowledged, oldest first, with any rejection.
    pub fn pending(&self) -> Result<Vec<LocalRecord>> {
        self.read(|tx| {
            let ids: Vec<String> = tx
                .prepare("SELECT record_id FROM pending ORDER BY counter")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                out.extend(local_record(tx, parse_id(&id)?)?);
            }
            Ok(out)
        })
    }

    /// Counts for the status screen.
    pub fn status(&self) -> Result<Status> {
        self.read(|tx| {
            Ok(tx.query_row(
                "SELECT (SELECT count(*) FROM records WHERE kind = 'debtor' AND NOT deleted),
                        (SELECT count(*) FROM records),
                        (SELECT count(*) FROM pending WHERE rejected_code IS NULL),
                        (SELECT count(*) FROM pending WHERE rejected_code IS NOT NULL),
                        (SELECT last_sync_at FROM session),
                        (SELECT count(*) FROM blobs WHERE saved = 1 AND uploaded_at IS NULL)",
                [],
                |r| {
                    Ok(Status {
                        debtors: r.get(0)?,
                        records: r.get(1)?,
                        pending: r.get(2)?,
                        rejected: r.get(3)?,
                        last_sync_at: r.get(4)?,
                        photos_waiting: r.get(5)?,
                    })
                },
            )?)
        })
    }
}
