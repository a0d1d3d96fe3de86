//! The device's SQLite store: the server's copy of the gestor's portfolio,
//! the outbox of local writes, and the sync bookkeeping.
//!
//! Two tables hold records. `records` is the server's current version of each
//! record in scope, exactly as pulled. `pending` is the outbox: the newest
//! local version of each record the server has not acknowledged, with the
//! server version it was edited from (`base_vv`). What the gestor sees is a
//! pending version where there is one, else the server's. Every method that
//! writes runs in one `BEGIN IMMEDIATE` transaction.

use std::{path::Path, sync::Mutex};

use campo_core::{
    Record, RecordBody, RecordKind, VersionVector,
    debtor::Debtor,
    ids::{DebtorId, RecordId, ReplicaId},
    record::raw,
    wire::{
        FeedItem, LoginResponse, PullPage, PushOutcome, PushRecord, PushRequest, PushResponse, Territory, UserInfo,
    },
};
use campo_sqlite::Checkpointer;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};
use serde::Serialize;

use crate::{
    error::{DeviceError, Result},
    portfolio::SummaryFacts,
};

/// The device schema, one SQL text per version, oldest first; applied on open.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/device/0001_init.sql"),
    include_str!("../../migrations/device/0002_summary.sql"),
    include_str!("../../migrations/device/0003_drop_local_records.sql"),
    include_str!("../../migrations/device/0004_summary_facts.sql"),
    include_str!("../../migrations/device/0005_outbox_batches.sql"),
    include_str!("../../migrations/device/0006_territories.sql"),
    include_str!("../../migrations/device/0007_quiet_acknowledgements.sql"),
    include_str!("../../migrations/device/0008_batch_making.sql"),
];

/// The signed-in user and where this device stands with the server.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionInfo {
    /// The sync server.
    pub server_url: String,
    /// Who is signed in.
    pub user: UserInfo,
    /// This install's replica id.
    pub replica: ReplicaId,
    /// Whether the session is still good; `false` once the server refused it.
    pub signed_in: bool,
    /// The feed position applied so far.
    pub cursor: u64,
    /// When the last sync finished (UTC, RFC 3339).
    pub last_sync_at: Option<String>,
}

/// A record as the gestor sees it.
#[derive(Clone, Debug, Serialize)]
pub struct LocalRecord {
    /// The newest version on this device.
    pub record: Record,
    /// Not yet acknowledged by the server.
    pub pending: bool,
    /// Refused by the server, with its reason; kept until the gestor fixes it.
    pub rejected: Option<String>,
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
    /// When the last sync finished (UTC, RFC 3339), if one ever did.
    pub last_sync_at: Option<String>,
}

/// Something sync had to tell the gestor.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Notice {
    /// Its id.
    pub id: i64,
    /// When (UTC).
    pub at: String,
    /// `revoked`, `rejected`, `after_reassignment` or `conflict`.
    pub kind: String,
    /// The debtor concerned.
    pub debtor_id: Option<DebtorId>,
    /// The record concerned.
    pub record_id: Option<RecordId>,
    /// What happened, in Spanish.
    pub detail: String,
}

/// What applying one push answer did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PushTally {
    /// Stored as sent.
    pub accepted: u64,
    /// The server had them already.
    pub already_known: u64,
    /// Merged with a concurrent version.
    pub merged: u64,
    /// Refused; kept on the device with the reason.
    pub rejected: u64,
}

/// What applying one pulled page did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PageTally {
    /// Records stored.
    pub records: u64,
    /// Debtors newly assigned.
    pub granted: u64,
    /// Debtors assigned away and purged.
    pub revoked: Vec<DebtorId>,
}

/// A push batch as stored until its answer is applied.
#[derive(Clone, Debug)]
pub(crate) struct OutboxBatch {
    /// Its place in sending order.
    pub id: i64,
    /// The idempotency key it is sent under.
    pub key: String,
    /// The request body, sent byte for byte on every try.
    pub request: String,
}

/// The device's database.
pub struct Store {
    conn: Mutex<Connection>,
    checkpoint: Checkpointer,
    /// Held for a whole sync: one sync at a time keeps server versions
    /// arriving in the order the server made them.
    pub(crate) sync_gate: tokio::sync::Mutex<()>,
}

pub(crate) fn corrupt(what: &str, e: impl std::fmt::Display) -> DeviceError {
    DeviceError::Storage { message: format!("{what}: {e}") }
}

fn parse_vv(text: &str) -> Result<VersionVector> {
    serde_json::from_str(text).map_err(|e| corrupt("vv", e))
}

pub(crate) fn parse_id<T: std::str::FromStr>(text: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e| corrupt("id", e))
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Reads `id, debtor_id, kind, vv, deleted, body` from the start of a row.
fn record_from(row: &rusqlite::Row<'_>) -> Result<Record> {
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

fn add_notice(
    tx: &Transaction<'_>,
    kind: &str,
    debtor: Option<DebtorId>,
    record: Option<RecordId>,
    detail: &str,
) -> Result<()> {
    tx.prepare_cached("INSERT INTO notices (at, kind, debtor_id, record_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![now(), kind, debtor.map(|d| d.to_string()), record.map(|r| r.to_string()), detail])?;
    Ok(())
}

/// Rows written per statement when a sync stores server copies. One
/// multi-row statement pays SQLite's per-statement costs (and the statement
/// journal the dirty-mark triggers need) once per chunk rather than once per
/// record.
const ROWS_PER_STATEMENT: usize = 200;

/// Takes acknowledged writes, each a record id and the vv sent, out of the
/// outbox. One statement a write: each is an index lookup (a multi-row
/// `(record_id, vv) IN (VALUES …)` scans the whole outbox instead).
fn acknowledge(tx: &Transaction<'_>, writes: &[(String, String)]) -> Result<()> {
    let mut take = tx.prepare_cached("DELETE FROM pending WHERE record_id = ?1 AND vv = ?2")?;
    let mut rebase = tx.prepare_cached("UPDATE pending SET base_vv = ?2 WHERE record_id = ?1")?;
    for (id, vv) in writes {
        if take.execute(params![id, vv])? == 0 {
            // Edited again while the batch was out: the newer version builds on
            // the one just acknowledged, which the server keeps in its history
            // as the ancestor for any merge. (Its own vv already extends the
            // sent one: same base, a later counter.)
            rebase.execute(params![id, vv])?;
        }
    }
    Ok(())
}

/// One server copy as the `records` table stores it.
struct CopyRow<'a> {
    id: String,
    debtor_id: String,
    kind: &'static str,
    vv: String,
    deleted: bool,
    body: &'a str,
    after_reassignment: bool,
    facts: SummaryFacts<'a>,
}

impl<'a> CopyRow<'a> {
    fn of(record: &'a Record, after_reassignment: bool) -> Result<Self> {
        Ok(Self {
            id: record.id.to_string(),
            debtor_id: record.debtor_id.to_string(),
            kind: record.kind.as_str(),
            vv: record.vv.to_json(),
            deleted: record.deleted,
            body: record.body.get(),
            after_reassignment,
            facts: SummaryFacts::of(record.kind, record.body.get())?,
        })
    }

    /// Its values, in the column order of `put_server_copies`.
    fn values(&self) -> [&dyn rusqlite::ToSql; 11] {
        [
            &self.id,
            &self.debtor_id,
            &self.kind,
            &self.vv,
            &self.deleted,
            &self.body,
            &self.after_reassignment,
            &self.facts.due_on,
            &self.facts.status,
            &self.facts.started_at,
            &self.facts.next_action_on,
        ]
    }
}

/// Stores the server's versions of records. Versions arrive in the order the
/// server made them (one sync at a time, each answer read after the last), so
/// the newest to arrive is the current one. A version already held (the echo
/// of a push) writes nothing, so it marks no summary dirty.
fn put_server_copies(tx: &Transaction<'_>, copies: &[(&Record, bool)]) -> Result<()> {
    for chunk in copies.chunks(ROWS_PER_STATEMENT) {
        let rows = chunk.iter().map(|(record, after)| CopyRow::of(record, *after)).collect::<Result<Vec<_>>>()?;
        let values: Vec<&dyn rusqlite::ToSql> = rows.iter().flat_map(CopyRow::values).collect();
        let sql = format!(
            "INSERT INTO records (id, debtor_id, kind, vv, deleted, body, after_reassignment,
                                  due_on, status, started_at, next_action_on)
             VALUES {}
             ON CONFLICT (id) DO UPDATE SET vv = excluded.vv, deleted = excluded.deleted, body = excluded.body,
                after_reassignment = excluded.after_reassignment, due_on = excluded.due_on,
                status = excluded.status, started_at = excluded.started_at, next_action_on = excluded.next_action_on
             WHERE vv IS NOT excluded.vv OR after_reassignment IS NOT excluded.after_reassignment",
            vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ")
        );
        tx.prepare_cached(&sql)?.execute(values.as_slice())?;
    }
    Ok(())
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

/// The feed position applied so far; 0 before the first pull.
fn cursor(tx: &Transaction<'_>) -> Result<u64> {
    Ok(tx.query_row("SELECT cursor FROM session", [], |r| r.get(0)).optional()?.unwrap_or(0))
}

/// The debtor's name, if this device holds the account.
fn held_debtor_name(tx: &Transaction<'_>, debtor: DebtorId) -> Result<Option<String>> {
    Ok(tx
        .query_row("SELECT json_extract(body, '$.name') FROM records WHERE id = ?1", [debtor.to_string()], |r| r.get(0))
        .optional()?
        .flatten())
}

/// The debtor's name as a notice names it: never a raw id.
fn debtor_name(tx: &Transaction<'_>, debtor: DebtorId) -> Result<String> {
    Ok(held_debtor_name(tx, debtor)?.unwrap_or_else(|| "una cuenta que ya no está en este dispositivo".into()))
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
        crate::portfolio::register_functions(&conn)?;
        Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect()).to_latest(&mut conn)?;
        let checkpoint = Checkpointer::start(Connection::open(path)?)?;
        Ok(Self { conn: Mutex::new(conn), checkpoint, sync_gate: tokio::sync::Mutex::new(()) })
    }

    fn with_conn<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        // A panic while holding the lock left no transaction open (rusqlite
        // rolls back on drop), so the connection is still sound.
        let mut conn = self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
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
    fn write_to_disk<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
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
        self.checkpoint.wake();
        Ok(out)
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.with_conn(|conn| f(&conn.transaction()?))
    }

    /// The session, if anyone has signed in on this device.
    pub fn session(&self) -> Result<Option<SessionInfo>> {
        self.read(session)
    }

    /// Records a sign-in: a new replica id for this install. Local work still
    /// pending is re-stamped as the new replica's writes, so it is sent under
    /// the new identity; nothing is dropped. A different gestor may only sign in
    /// once the previous one's work is sent.
    pub(crate) fn begin_session(&self, server_url: &str, login: &LoginResponse) -> Result<()> {
        let replica = login
            .replica_id
            .ok_or(DeviceError::NotAllowed { message: "el servidor no registró el dispositivo".into() })?;
        self.write(|tx| {
            if let Some(previous) = session(tx)?
                && previous.user.id != login.user.id
            {
                let pending: u64 = tx.query_row("SELECT count(*) FROM pending", [], |r| r.get(0))?;
                if pending > 0 {
                    return Err(DeviceError::OtherUserPending { login: previous.user.login });
                }
                tx.execute_batch("DELETE FROM records; DELETE FROM notices; DELETE FROM outbox_batches;")?;
                tx.execute("UPDATE session SET cursor = 0", [])?;
            }
            let user = serde_json::to_string(&login.user).map_err(|e| corrupt("user", e))?;
            tx.execute(
                "INSERT INTO session (id, server_url, user_json, replica_id, token) VALUES (1, ?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url, user_json = excluded.user_json,
                    replica_id = excluded.replica_id, token = excluded.token",
                params![server_url, user, replica.to_string(), login.token],
            )?;
            // An unanswered batch was sent as the old replica; its records are
            // still pending and go out again under the new one.
            tx.execute("DELETE FROM outbox_batches", [])?;
            let rows: Vec<(String, String)> = tx
                .prepare("SELECT record_id, base_vv FROM pending ORDER BY counter")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, base) in rows {
                let counter = next_counter(tx)?;
                let vv = parse_vv(&base)?.with_write(replica, counter);
                tx.execute(
                    "UPDATE pending SET vv = ?2, counter = ?3 WHERE record_id = ?1",
                    params![id, vv.to_json(), counter],
                )?;
            }
            Ok(())
        })
    }

    /// The bearer token, if the session is still good.
    pub(crate) fn token(&self) -> Result<(String, String)> {
        self.read(|tx| {
            let row: Option<(String, Option<String>)> =
                tx.query_row("SELECT server_url, token FROM session", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
            match row {
                None => Err(DeviceError::NotSignedIn),
                Some((_, None)) => Err(DeviceError::SignInAgain),
                Some((url, Some(token))) => Ok((url, token)),
            }
        })
    }

    /// Forgets a token the server refused.
    pub(crate) fn drop_token(&self) -> Result<()> {
        self.write(|tx| Ok(tx.execute("UPDATE session SET token = NULL", []).map(|_| ())?))
    }

    /// Saves a local write: a new record, or a new version of one. Checks the
    /// body, the gestor's rights and the account's currency; stores nothing on
    /// error.
    pub fn save(&self, id: RecordId, debtor_id: DebtorId, body: &RecordBody, deleted: bool) -> Result<()> {
        let kind = body.kind();
        self.write_to_disk(|tx| {
            let session = session(tx)?.ok_or(DeviceError::NotSignedIn)?;
            let account = local_record(tx, debtor_id.into())?
                .filter(|a| a.record.kind == RecordKind::Debtor && !a.record.deleted)
                .ok_or_else(|| DeviceError::NotFound { what: format!("la cuenta {debtor_id}") })?;
            let current = local_record(tx, id)?;
            match &current {
                Some(c) if c.record.kind != kind || c.record.debtor_id != debtor_id => {
                    return Err(DeviceError::NotAllowed { message: "el id ya pertenece a otro registro".into() });
                }
                None if !kind.device_may_create() => {
                    return Err(DeviceError::NotAllowed {
                        message: format!("no puedes crear registros de tipo {kind}"),
                    });
                }
                Some(_) if !kind.device_may_edit() => {
                    return Err(DeviceError::NotAllowed {
                        message: format!("no puedes cambiar registros de tipo {kind}"),
                    });
                }
                _ => {}
            }
            let json = body.to_json();
            if kind == RecordKind::Debtor
                && let Some(field) = account.record.forbidden_device_edit(&raw(json.clone()), deleted)
            {
                return Err(DeviceError::NotAllowed {
                    message: format!("no puedes cambiar el campo {field} de la cuenta"),
                });
            }
            if let (Some(currency), Ok(RecordBody::Debtor(debtor))) = (body.currency(), account.record.parse_body()) {
                debtor.check_currency(currency)?;
            }
            let base: Option<String> = tx
                .query_row("SELECT base_vv FROM pending WHERE record_id = ?1", [id.to_string()], |r| r.get(0))
                .optional()?;
            let base = match base {
                Some(base) => parse_vv(&base)?,
                None => current.map(|c| c.record.vv).unwrap_or_default(),
            };
            let counter = next_counter(tx)?;
            let vv = base.clone().with_write(session.replica, counter);
            let facts = SummaryFacts::of(kind, &json)?;
            tx.execute(
                "INSERT INTO pending (record_id, debtor_id, kind, vv, base_vv, counter, deleted, body, saved_at,
                                      due_on, status, started_at, next_action_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (record_id) DO UPDATE SET vv = excluded.vv, counter = excluded.counter,
                    deleted = excluded.deleted, body = excluded.body, saved_at = excluded.saved_at,
                    due_on = excluded.due_on, status = excluded.status, started_at = excluded.started_at,
                    next_action_on = excluded.next_action_on, rejected_code = NULL, rejected_message = NULL",
                params![
                    id.to_string(),
                    debtor_id.to_string(),
                    kind.as_str(),
                    vv.to_json(),
                    base.to_json(),
                    counter,
                    deleted,
                    json,
                    now(),
                    facts.due_on,
                    facts.status,
                    facts.started_at,
                    facts.next_action_on,
                ],
            )?;
            crate::portfolio::refresh_summaries(tx)
        })
    }

    /// Records a new visit, call or promise on a debtor; returns its id.
    pub fn create(&self, debtor_id: DebtorId, body: &RecordBody) -> Result<RecordId> {
        let id = RecordId::generate();
        self.save(id, debtor_id, body, false)?;
        Ok(id)
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
                        (SELECT last_sync_at FROM session)",
                [],
                |r| {
                    Ok(Status {
                        debtors: r.get(0)?,
                        records: r.get(1)?,
                        pending: r.get(2)?,
                        rejected: r.get(3)?,
                        last_sync_at: r.get(4)?,
                    })
                },
            )?)
        })
    }

    /// Notices not yet marked seen, newest first.
    pub fn notices(&self) -> Result<Vec<Notice>> {
        self.read(|tx| {
            tx.prepare(
                "SELECT id, at, kind, debtor_id, record_id, detail FROM notices WHERE NOT seen ORDER BY id DESC",
            )?
            .query_and_then([], |r| {
                let debtor: Option<String> = r.get(3)?;
                let record: Option<String> = r.get(4)?;
                Ok(Notice {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    kind: r.get(2)?,
                    debtor_id: debtor.as_deref().map(parse_id).transpose()?,
                    record_id: record.as_deref().map(parse_id).transpose()?,
                    detail: r.get(5)?,
                })
            })?
            .collect()
        })
    }

    /// Marks notices up to `id` as seen.
    pub fn mark_notices_seen(&self, up_to: i64) -> Result<()> {
        self.write(|tx| Ok(tx.execute("UPDATE notices SET seen = 1 WHERE id <= ?1", [up_to]).map(|_| ())?))
    }

    /// The batch to push after batch `after` (or first): one already made
    /// whose answer has not been applied (resent byte for byte under its
    /// key), else a new one of at most `limit` pending writes newer than every
    /// batch still out, oldest first. `None` when nothing can go yet: a write
    /// held back by a batch still out goes once that batch is applied.
    pub(crate) fn next_batch(&self, after: Option<i64>, limit: usize) -> Result<Option<OutboxBatch>> {
        self.write(|tx| {
            let made: Option<OutboxBatch> = tx
                .query_row(
                    "SELECT id, key, request FROM outbox_batches WHERE id > ?1 ORDER BY id LIMIT 1",
                    [after.unwrap_or(0)],
                    |r| Ok(OutboxBatch { id: r.get(0)?, key: r.get(1)?, request: r.get(2)? }),
                )
                .optional()?;
            if made.is_some() {
                return Ok(made);
            }
            let rows: Vec<(Record, String, u64)> = tx
                .prepare(
                    "SELECT record_id, debtor_id, kind, vv, deleted, body, base_vv, counter FROM pending
                     WHERE rejected_code IS NULL
                       AND counter > (SELECT coalesce(max(last_counter), 0) FROM outbox_batches)
                       -- A write whose earlier version is still out waits for
                       -- that answer: its base is whatever the server made of it.
                       AND record_id NOT IN (SELECT r.value FROM outbox_batches b, json_each(b.record_ids) r)
                     ORDER BY counter LIMIT ?1",
                )?
                .query_and_then([limit as i64], |row| {
                    Ok::<_, DeviceError>((record_from(row)?, row.get::<_, String>(6)?, row.get(7)?))
                })?
                .collect::<Result<_>>()?;
            let Some(last_counter) = rows.last().map(|(_, _, counter)| *counter) else {
                return Ok(None);
            };
            let ids: Vec<RecordId> = rows.iter().map(|(record, _, _)| record.id).collect();
            let records = rows
                .into_iter()
                .map(|(record, base, _)| Ok(PushRecord { record, base_vv: parse_vv(&base)? }))
                .collect::<Result<Vec<_>>>()?;
            let clock: u64 = tx.query_row("SELECT counter FROM clock", [], |r| r.get(0))?;
            let request = serde_json::to_string(&PushRequest { replica_clock: clock, cursor: cursor(tx)?, records })
                .map_err(|e| corrupt("batch", e))?;
            let key = uuid::Uuid::now_v7().to_string();
            let id = tx.query_row(
                "INSERT INTO outbox_batches (key, request, last_counter, record_ids) VALUES (?1, ?2, ?3, ?4) RETURNING id",
                params![key, request, last_counter, serde_json::to_string(&ids).map_err(|e| corrupt("batch", e))?],
                |r| r.get(0),
            )?;
            Ok(Some(OutboxBatch { id, key, request }))
        })
    }

    /// Applies the server's answer to a batch, in one transaction:
    /// acknowledged writes leave the outbox (unless edited again meanwhile),
    /// refused ones stay with their reason, and the server's versions are kept.
    pub(crate) fn apply_push(&self, batch: &OutboxBatch, response: &PushResponse) -> Result<PushTally> {
        let request: PushRequest = serde_json::from_str(&batch.request).map_err(|e| corrupt("batch", e))?;
        self.write(|tx| {
            let mut tally = PushTally::default();
            let mut copies = Vec::with_capacity(response.results.len());
            let mut acknowledged = Vec::with_capacity(response.results.len());
            for (sent, result) in request.records.iter().zip(&response.results) {
                let record = &sent.record;
                let (id, sent_vv) = (record.id.to_string(), record.vv.to_json());
                let current = match &result.outcome {
                    PushOutcome::Accepted => {
                        tally.accepted += 1;
                        record
                    }
                    PushOutcome::AlreadyKnown { current } => {
                        tally.already_known += 1;
                        current
                    }
                    PushOutcome::Merged { current, conflict } => {
                        tally.merged += 1;
                        if *conflict {
                            add_notice(tx, "conflict", Some(record.debtor_id), Some(record.id),
                                "tu cambio coincidió con otro; se combinaron y el supervisor puede ver los valores descartados")?;
                        }
                        current
                    }
                    PushOutcome::Rejected { reason } => {
                        tally.rejected += 1;
                        // A version edited again since it was sent is not the one refused.
                        let marked = tx.execute(
                            "UPDATE pending SET rejected_code = ?3, rejected_message = ?4 WHERE record_id = ?1 AND vv = ?2",
                            params![id, sent_vv, serde_json::to_value(reason.code).map_err(|e| corrupt("code", e))?.as_str(), reason.message],
                        )?;
                        if marked > 0 {
                            add_notice(tx, "rejected", Some(record.debtor_id), Some(record.id), &format!("el servidor rechazó un registro: {}", reason.message))?;
                        }
                        continue;
                    }
                };
                if result.after_reassignment {
                    let name = debtor_name(tx, record.debtor_id)?;
                    add_notice(tx, "after_reassignment", Some(record.debtor_id), Some(record.id),
                        &format!("tu registro sobre {name} se guardó, aunque la cuenta ya está asignada a otro gestor"))?;
                } else {
                    copies.push((current, false));
                }
                acknowledged.push((id, sent_vv));
            }
            // Copies first: a copy stored under its pending version, and the
            // pending version then taken out over it, mark nothing to rebuild
            // (see migration 0007).
            put_server_copies(tx, &copies)?;
            acknowledge(tx, &acknowledged)?;
            tx.execute("DELETE FROM outbox_batches WHERE id = ?1", [batch.id])?;
            Ok(tally)
        })
    }

    /// The feed position applied so far.
    pub(crate) fn cursor(&self) -> Result<u64> {
        self.read(cursor)
    }

    /// The device's write counter: every write it made has a counter at or below it.
    pub(crate) fn clock(&self) -> Result<u64> {
        self.read(|tx| Ok(tx.query_row("SELECT counter FROM clock", [], |r| r.get(0))?))
    }

    /// Applies a pulled page and advances the cursor, in one transaction: after
    /// a crash the page is either wholly applied or pulled again.
    pub(crate) fn apply_page(&self, page: &PullPage) -> Result<PageTally> {
        self.write(|tx| {
            let mut tally = PageTally::default();
            let mut copies = Vec::with_capacity(page.items.len());
            for item in &page.items {
                match item {
                    FeedItem::Record { record, after_reassignment } => {
                        copies.push((record, *after_reassignment));
                        tally.records += 1;
                    }
                    // Counted, not noticed: a first sync grants the whole portfolio.
                    FeedItem::Granted { .. } => tally.granted += 1,
                    FeedItem::Revoked { debtor_id } => {
                        // Copies before the revocation land first, and go with it.
                        put_server_copies(tx, &copies)?;
                        copies.clear();
                        let held = held_debtor_name(tx, *debtor_id)?;
                        tx.execute("DELETE FROM records WHERE debtor_id = ?1", [debtor_id.to_string()])?;
                        let waiting: u64 = tx.query_row("SELECT count(*) FROM pending WHERE debtor_id = ?1", [debtor_id.to_string()], |r| r.get(0))?;
                        // A device that never held the account (a first sync
                        // replaying an old move) has nothing to tell the gestor.
                        if held.is_some() || waiting > 0 {
                            let name = held.unwrap_or_else(|| "una cuenta".into());
                            let detail = if waiting == 0 {
                                format!("la cuenta de {name} se reasignó a otro gestor y se quitó de este dispositivo")
                            } else {
                                format!("la cuenta de {name} se reasignó a otro gestor; tus {waiting} registros pendientes sobre ella se enviarán al servidor")
                            };
                            add_notice(tx, "revoked", Some(*debtor_id), None, &detail)?;
                        }
                        tally.revoked.push(*debtor_id);
                    }
                }
            }
            put_server_copies(tx, &copies)?;
            tx.execute("UPDATE session SET cursor = ?1", [page.cursor])?;
            Ok(tally)
        })
    }

    /// Forgets the session and everything pulled. Unsent work is kept unless
    /// `discard` equals the number of unsent records, so that the gestor's
    /// confirmation names what is lost and a stale one cannot lose more.
    pub fn sign_out(&self, discard: Option<u64>) -> Result<()> {
        self.write(|tx| {
            let unsent: u64 = tx.query_row("SELECT count(*) FROM pending", [], |r| r.get(0))?;
            if unsent > 0 && discard != Some(unsent) {
                return Err(DeviceError::UnsentWork { records: unsent });
            }
            tx.execute_batch(
                "DELETE FROM session; DELETE FROM records; DELETE FROM pending; DELETE FROM outbox_batches;
                 DELETE FROM notices; DELETE FROM debtor_summary; DELETE FROM account_dirty;
                 DELETE FROM activity_dirty; DELETE FROM territories;",
            )?;
            Ok(())
        })
    }

    /// Replaces the region names with the server's list.
    pub(crate) fn put_territories(&self, territories: &[Territory]) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM territories", [])?;
            let mut insert = tx.prepare("INSERT INTO territories (id, name) VALUES (?1, ?2)")?;
            for territory in territories {
                insert.execute(params![territory.id.to_string(), territory.name])?;
            }
            Ok(())
        })
    }

    /// Notes the end of a sync.
    pub(crate) fn finish_sync(&self) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE session SET last_sync_at = ?1", [now()])?;
            crate::portfolio::refresh_summaries(tx)
        })
    }
}

fn session(tx: &Transaction<'_>) -> Result<Option<SessionInfo>> {
    let row: Option<(String, String, String, bool, u64, Option<String>)> = tx
        .query_row(
            "SELECT server_url, user_json, replica_id, token IS NOT NULL, cursor, last_sync_at FROM session",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    row.map(|(server_url, user, replica, signed_in, cursor, last_sync_at)| {
        Ok(SessionInfo {
            server_url,
            user: serde_json::from_str(&user).map_err(|e| corrupt("user", e))?,
            replica: parse_id(&replica)?,
            signed_in,
            cursor,
            last_sync_at,
        })
    })
    .transpose()
}

/// Takes the next write counter. One counter for every write this device
/// ever makes, under any replica id, so a write's name is never reused.
fn next_counter(tx: &Transaction<'_>) -> Result<u64> {
    Ok(tx.query_row("UPDATE clock SET counter = counter + 1 RETURNING counter", [], |r| r.get(0))?)
}

fn local_record(tx: &Transaction<'_>, id: RecordId) -> Result<Option<LocalRecord>> {
    let pending = tx
        .prepare_cached(
            "SELECT p.record_id, p.debtor_id, p.kind, p.vv, p.deleted, p.body, p.rejected_message, coalesce(r.after_reassignment, 0)
             FROM pending p LEFT JOIN records r ON r.id = p.record_id WHERE p.record_id = ?1",
        )?
        .query_and_then([id.to_string()], |row| {
            Ok::<_, DeviceError>(LocalRecord { record: record_from(row)?, pending: true, rejected: row.get(6)?, after_reassignment: row.get(7)? })
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
