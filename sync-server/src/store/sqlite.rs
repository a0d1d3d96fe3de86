//! The embedded default: one SQLite file in WAL mode.
//!
//! Readers run in parallel on pooled connections; writers queue on SQLite's
//! single write lock, taken at `BEGIN IMMEDIATE` so a transaction never fails
//! half-way for want of it.

use std::{
    path::{Path, PathBuf},
    str::FromStr,
    time::Duration,
};

use campo_core::{
    Record, RecordKind, VersionVector,
    blob::{BlobId, Photo},
    contact::{
        Country, Judgement,
        judge::Account,
        policy::{Attempt, ContactPolicy},
    },
    ids::{ConflictId, DebtorId, ReassignmentId, RecordId, ReplicaId, TeamId, TerritoryId, UserId},
    merge::Writer,
    money::Currency,
    record::raw,
    wire::{ActivityRow, AuditRow, ConflictRow, FeedItem, Gestor, Role, Territory, UserInfo},
};
use campo_sqlite::Checkpointer;
use r2d2::{Pool, PooledConnection};
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{OptionalExtension, Row, params};
use rusqlite_migration::{M, Migrations};

use super::{
    ActivityFilter, AuditEntry, AuditFilter, NewConflict, NewUser, ReplicaState, Session, Storage, StoreError,
    StoreResult, StoredReassignment, StoredRecord, StoredVersion, Tx, now, time,
};

mod conflicts;
mod contact;
mod kpis;
mod photos;
mod reassignments;
mod reminders;
mod users;

const MIGRATIONS: &[&str] = &[
    include_str!("../../../migrations/server/0001_init.sql"),
    include_str!("../../../migrations/server/0002_pushed_by.sql"),
    include_str!("../../../migrations/server/0003_sessions_roles_audit.sql"),
    include_str!("../../../migrations/server/0004_feed_skips_echoes_in_the_index.sql"),
    include_str!("../../../migrations/server/0005_contact_policies.sql"),
    include_str!("../../../migrations/server/0006_device_clock.sql"),
    include_str!("../../../migrations/server/0007_photos.sql"),
    include_str!("../../../migrations/server/0008_message_outbox.sql"),
    include_str!("../../../migrations/server/0009_payment_references.sql"),
    include_str!("../../../migrations/server/0010_open_promises.sql"),
    include_str!("../../../migrations/server/0011_reminders_escalations.sql"),
    include_str!("../../../migrations/server/0012_plans_waiting.sql"),
    include_str!("../../../migrations/server/0013_plans_waiting_by_owner.sql"),
    include_str!("../../../migrations/server/0014_activity_log.sql"),
    include_str!("../../../migrations/server/0015_conflict_settlements.sql"),
    include_str!("../../../migrations/server/0016_kpis.sql"),
    include_str!("../../../migrations/server/0017_bulk_reassignments.sql"),
    include_str!("../../../migrations/server/0018_kpi_indexes_by_gestor.sql"),
    include_str!("../../../migrations/server/0019_user_deactivation.sql"),
    include_str!("../../../migrations/server/0020_reassignment_moves_no_record.sql"),
    include_str!("../../../migrations/server/0021_payments_by_holder.sql"),
];

/// Connections to one SQLite file: one writer, a pool of readers.
pub struct SqliteStorage {
    /// The one connection writes take turns on: SQLite admits one writer at a
    /// time anyway, and only writes need a large page cache (see `open`).
    writer: Pool<SqliteConnectionManager>,
    /// Connections for reads, which run in parallel.
    readers: Pool<SqliteConnectionManager>,
    office: ReplicaId,
    checkpoint: Checkpointer,
    path: PathBuf,
}

/// Page cache of the writer: a push touches index pages all over the file,
/// and with SQLite's default 2 MiB it re-reads them and spills to the WAL
/// mid-transaction.
const WRITER_CACHE_KIB: i64 = 32 * 1024;
/// Page cache of each reader. Reads walk one index in order and the
/// operating system caches the file for all of them; a large cache per reader
/// would only hold the same pages eight times over (measured: 256 MB kept
/// after a load, for nothing).
const READER_CACHE_KIB: i64 = 4 * 1024;
/// Readers at once.
const READERS: u32 = 8;

impl SqliteStorage {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date.
    pub fn open(path: &Path) -> StoreResult<Self> {
        let manager = |cache_kib: i64| {
            SqliteConnectionManager::file(path).with_init(move |c| {
                c.busy_timeout(Duration::from_secs(30))?;
                // A commit reaches the disk before it returns (`synchronous =
                // FULL`): once the server answers a push the device drops its copy,
                // and what a commit made visible may already be on a device. With
                // NORMAL the WAL is synced only at checkpoints, and a power cut
                // could lose acknowledged writes and move the feed back under a
                // device's cursor. The fsync costs ~10 ms a push batch here.
                // Upserts open a statement journal; in memory it costs no file writes.
                // Checkpoints run on their own thread (see `Checkpointer`).
                c.execute_batch(&format!(
                    "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;
                     PRAGMA wal_autocheckpoint = 0; PRAGMA cache_size = -{cache_kib};"
                ))
            })
        };
        let writer = Pool::builder().max_size(1).build(manager(WRITER_CACHE_KIB))?;
        let mut conn = writer.get()?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        let migrations = Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect());
        migrations.to_latest(&mut conn)?;
        let office = office_replica(&mut conn)?;
        drop(conn);
        let readers = Pool::builder().max_size(READERS).build(manager(READER_CACHE_KIB))?;
        let checkpoint = Checkpointer::start(rusqlite::Connection::open(path)?)?;
        let storage = Self { writer, readers, office, checkpoint, path: path.to_owned() };
        let mut tx = storage.write()?;
        crate::policy::seed_defaults(&mut *tx)?;
        tx.commit()?;
        Ok(storage)
    }

    fn begin<'a>(
        &'a self,
        pool: &Pool<SqliteConnectionManager>,
        sql: &str,
        checkpoint: Option<&'a Checkpointer>,
    ) -> StoreResult<Box<dyn Tx + 'a>> {
        let conn = pool.get()?;
        conn.execute_batch(sql)?;
        Ok(Box::new(SqliteTx { conn, done: false, office: self.office, seq: None, checkpoint }))
    }
}

fn office_replica(conn: &mut rusqlite::Connection) -> StoreResult<ReplicaId> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let existing: Option<String> =
        tx.query_row("SELECT id FROM replicas WHERE office = 1", [], |r| r.get(0)).optional()?;
    let id = match existing {
        Some(id) => parse(&id, "replicas.id")?,
        None => {
            let id = ReplicaId::generate();
            tx.execute(
                "INSERT INTO replicas (id, office, device_name, created_at) VALUES (?1, 1, 'sync server', ?2)",
                params![id.to_string(), now()],
            )?;
            id
        }
    };
    tx.commit()?;
    Ok(id)
}

impl Storage for SqliteStorage {
    fn read(&self) -> StoreResult<Box<dyn Tx + '_>> {
        self.begin(&self.readers, "BEGIN DEFERRED", None)
    }

    fn write(&self) -> StoreResult<Box<dyn Tx + '_>> {
        self.begin(&self.writer, "BEGIN IMMEDIATE", Some(&self.checkpoint))
    }

    fn ping(&self) -> StoreResult<()> {
        Ok(self.readers.get()?.query_row("SELECT 1", [], |_| Ok(()))?)
    }

    fn blob_dir(&self) -> PathBuf {
        let mut dir = self.path.clone().into_os_string();
        dir.push(".photos");
        dir.into()
    }
}

struct SqliteTx<'a> {
    conn: PooledConnection<SqliteConnectionManager>,
    done: bool,
    office: ReplicaId,
    /// The feed counter as this transaction has advanced it, written back at
    /// commit. Safe because a writing transaction holds SQLite's write lock
    /// from `BEGIN IMMEDIATE`, and it saves a row update per record written.
    seq: Option<u64>,
    /// Wakes the checkpointer after a write commits; `None` for readers.
    checkpoint: Option<&'a Checkpointer>,
}

impl Drop for SqliteTx<'_> {
    fn drop(&mut self) {
        if !self.done {
            // Nothing to report to: the caller already has the error that made it bail.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

fn parse<T: FromStr>(text: &str, what: &'static str) -> StoreResult<T>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e: T::Err| StoreError::Corrupt { what, detail: format!("{text}: {e}") })
}

fn vv(text: &str) -> StoreResult<VersionVector> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt { what: "vv", detail: e.to_string() })
}

fn json_ids(ids: &[UserId]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| unreachable!("ids serialise"))
}

/// Columns: id, debtor_id, kind, vv, deleted, body, starting at `at`.
fn record_at(row: &Row<'_>, at: usize) -> StoreResult<Record> {
    let id: String = row.get(at)?;
    let debtor: String = row.get(at + 1)?;
    let kind: String = row.get(at + 2)?;
    let version: String = row.get(at + 3)?;
    Ok(Record {
        id: parse(&id, "records.id")?,
        debtor_id: parse(&debtor, "records.debtor_id")?,
        kind: kind.parse::<RecordKind>().map_err(|e| StoreError::Corrupt { what: "kind", detail: e.to_string() })?,
        vv: vv(&version)?,
        deleted: row.get(at + 4)?,
        body: raw(row.get(at + 5)?),
    })
}

/// Appends the current version of each of the debtor's records last written
/// before feed position `grant`, at that position, oldest write first: what
/// a gestor granted the debtor there receives, whoever pushed it. Records
/// written since are in their feed at their own position.
fn history(
    conn: &rusqlite::Connection,
    debtor: DebtorId,
    grant: u64,
    items: &mut Vec<(u64, FeedItem, usize)>,
) -> StoreResult<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, debtor_id, kind, vv, deleted, body, after_reassignment FROM records
         WHERE debtor_id = ?1 AND seq < ?2 ORDER BY seq",
    )?;
    let mut rows = stmt.query(params![debtor.to_string(), grant])?;
    while let Some(row) = rows.next()? {
        let record = record_at(row, 0)?;
        let size = record.body.get().len();
        items.push((grant, FeedItem::Record { record, after_reassignment: row.get(6)? }, size));
    }
    Ok(())
}

fn opt_id<T: FromStr>(text: Option<String>, what: &'static str) -> StoreResult<Option<T>>
where
    T::Err: std::fmt::Display,
{
    text.map(|t| parse(&t, what)).transpose()
}

impl SqliteTx<'_> {
    fn writer(&self, replica: &str) -> StoreResult<Writer> {
        let replica: ReplicaId = parse(replica, "writer_id")?;
        Ok(Writer { replica, office: replica == self.office })
    }

    fn user_info(row: &Row<'_>) -> StoreResult<UserInfo> {
        let id: String = row.get(0)?;
        let role: String = row.get(3)?;
        Ok(UserInfo {
            id: parse(&id, "users.id")?,
            login: row.get(1)?,
            name: row.get(2)?,
            role: role.parse::<Role>().map_err(|detail| StoreError::Corrupt { what: "users.role", detail })?,
            team: opt_id(row.get(4)?, "users.team_id")?,
        })
    }

    fn stored_record(&self, row: &Row<'_>) -> StoreResult<StoredRecord> {
        let writer: String = row.get(8)?;
        Ok(StoredRecord {
            record: record_at(row, 0)?,
            owner: opt_id(row.get(6)?, "owner_id")?,
            author: opt_id(row.get(7)?, "author_id")?,
            writer: self.writer(&writer)?,
            after_reassignment: row.get(9)?,
        })
    }

    fn stored_version(&self, row: &Row<'_>) -> StoreResult<StoredVersion> {
        let writer: String = row.get(6)?;
        Ok(StoredVersion {
            record: record_at(row, 0)?,
            writer: self.writer(&writer)?,
            user: opt_id(row.get(7)?, "user_id")?,
            after_reassignment: row.get(8)?,
            stored_at: row.get(9)?,
            device_skew_ms: row.get(10)?,
        })
    }

    fn collect<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl Fn(&Self, &Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(map(self, row)?);
        }
        Ok(out)
    }
}

/// A record's current version as `records` stores it: first the columns a
/// new version changes, then those that name the record.
struct CurrentRow<'a> {
    owner: Option<String>,
    seq: u64,
    vv: String,
    deleted: bool,
    body: &'a str,
    writer: String,
    after_reassignment: bool,
    updated_at: String,
    pushed_by: Option<String>,
    id: String,
    debtor_id: String,
    kind: &'static str,
    author: Option<String>,
}

impl<'a> CurrentRow<'a> {
    fn of(r: &'a StoredRecord, seq: u64, pushed_by: Option<ReplicaId>) -> Self {
        Self {
            owner: r.owner.map(|o| o.to_string()),
            seq,
            vv: r.record.vv.to_json(),
            deleted: r.record.deleted,
            body: r.record.body.get(),
            writer: r.writer.replica.to_string(),
            after_reassignment: r.after_reassignment,
            updated_at: now(),
            pushed_by: pushed_by.map(|p| p.to_string()),
            id: r.record.id.to_string(),
            debtor_id: r.record.debtor_id.to_string(),
            kind: r.record.kind.as_str(),
            author: r.author.map(|a| a.to_string()),
        }
    }

    fn values(&self) -> [&dyn rusqlite::ToSql; 13] {
        [
            &self.owner,
            &self.seq,
            &self.vv,
            &self.deleted,
            &self.body,
            &self.writer,
            &self.after_reassignment,
            &self.updated_at,
            &self.pushed_by,
            &self.id,
            &self.debtor_id,
            &self.kind,
            &self.author,
        ]
    }
}

/// The log's columns (see [`activity_row`]). The first version is the one
/// the device pushed: when the server received the record, and how far the
/// device's clock was then.
const ACTIVITY_SELECT: &str =
    "SELECT r.id, r.debtor_id, r.kind, r.vv, r.deleted, r.body, r.author_id, r.after_reassignment,
              d.body ->> '$.name', j.country, j.policy_version, j.breaches,
              first.stored_at, first.device_skew_ms,
              EXISTS (SELECT 1 FROM records rv WHERE rv.kind = 'review' AND NOT rv.deleted
                        AND rv.body ->> '$.target' = r.id) AS reviewed,
              coalesce(r.body ->> '$.started_at', r.body ->> '$.at', r.body ->> '$.made_on') AS happened,
              u.name
       FROM records r LEFT JOIN records d ON d.id = r.debtor_id LEFT JOIN users u ON u.id = r.author_id
            JOIN versions first ON first.rowid =
                (SELECT min(v.rowid) FROM versions v WHERE v.record_id = r.id)
            LEFT JOIN judgements j ON j.record_id = r.id";

/// A row of [`ACTIVITY_SELECT`], without its flags (the server adds them).
fn activity_row(_: &SqliteTx<'_>, row: &Row<'_>) -> StoreResult<ActivityRow> {
    Ok(ActivityRow {
        record: record_at(row, 0)?,
        gestor: opt_id(row.get(6)?, "author_id")?,
        after_reassignment: row.get(7)?,
        debtor_name: row.get::<_, Option<String>>(8)?.unwrap_or_default(),
        judgement: contact::judgement(row.get(9)?, row.get(10)?, row.get(11)?)?,
        received_at: parse(&row.get::<_, String>(12)?, "versions.stored_at")?,
        clock_skew_s: row.get::<_, Option<i64>>(13)?.map(|ms| ms / 1000),
        reviewed: row.get(14)?,
        happened_at: row.get::<_, Option<String>>(15)?.unwrap_or_default(),
        gestor_name: row.get::<_, Option<String>>(16)?.unwrap_or_default(),
        flags: Vec::new(),
    })
}

const RECORD_COLUMNS: &str =
    "id, debtor_id, kind, vv, deleted, body, owner_id, author_id, writer_id, after_reassignment";
const USER_COLUMNS: &str = "id, login, name, role, team_id";

impl Tx for SqliteTx<'_> {
    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        if let Some(seq) = self.seq {
            self.conn.execute("UPDATE feed_counter SET seq = ?1 WHERE id = 1", [seq])?;
        }
        self.conn.execute_batch("COMMIT")?;
        self.done = true;
        if let Some(checkpoint) = &self.checkpoint {
            checkpoint.wake();
        }
        Ok(())
    }

    fn user_by_login(&mut self, login: &str) -> StoreResult<Option<(UserInfo, String)>> {
        // A deactivated user signs in no more: to the sign-in, no such login.
        let sql =
            format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE login = ?1 AND deactivated_at IS NULL");
        let found = self.collect(&sql, [login], |_, row| Ok((Self::user_info(row)?, row.get(5)?)))?;
        Ok(found.into_iter().next())
    }

    fn user(&mut self, id: UserId) -> StoreResult<Option<UserInfo>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1");
        Ok(self.collect(&sql, [id.to_string()], |_, row| Self::user_info(row))?.into_iter().next())
    }

    fn team_members(&mut self, team: TeamId) -> StoreResult<Vec<UserId>> {
        self.collect("SELECT id FROM users WHERE team_id = ?1 AND role = 'gestor'", [team.to_string()], |_, row| {
            parse(&row.get::<_, String>(0)?, "users.id")
        })
    }

    fn gestores(&mut self, only: Option<&[UserId]>) -> StoreResult<Vec<Gestor>> {
        self.collect(
            "SELECT id, name FROM users
             WHERE role = 'gestor' AND (?1 IS NULL OR id IN (SELECT value FROM json_each(?1))) ORDER BY name, id",
            [only.map(json_ids)],
            |_, row| Ok(Gestor { id: parse(&row.get::<_, String>(0)?, "users.id")?, name: row.get(1)? }),
        )
    }

    fn insert_user(&mut self, user: &NewUser) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO users (id, login, name, role, team_id, password_hash, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                user.id.to_string(),
                user.login,
                user.name,
                user.role.as_str(),
                user.team.map(|t| t.to_string()),
                user.password_hash,
                now()
            ],
        )?;
        Ok(())
    }

    fn insert_territory(&mut self, id: TerritoryId, name: &str, currency: Currency) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO territories (id, name, currency) VALUES (?1, ?2, ?3)",
            params![id.to_string(), name, currency.code()],
        )?;
        Ok(())
    }

    fn team_territory(&mut self, user: UserId) -> StoreResult<Option<(TerritoryId, Option<Currency>)>> {
        let sql = "SELECT t.id, t.currency FROM users u JOIN teams m ON m.id = u.team_id
                   JOIN territories t ON t.id = m.territory_id WHERE u.id = ?1";
        let found = self.collect(sql, [user.to_string()], |_, row| {
            let currency: Option<String> = row.get(1)?;
            Ok((
                parse(&row.get::<_, String>(0)?, "territories.id")?,
                currency.map(|c| parse(&c, "territories.currency")).transpose()?,
            ))
        })?;
        Ok(found.into_iter().next())
    }

    fn insert_coordinator_territory(&mut self, user: UserId, territory: TerritoryId) -> StoreResult<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO coordinator_territories (user_id, territory_id) VALUES (?1, ?2)",
            params![user.to_string(), territory.to_string()],
        )?;
        Ok(())
    }

    fn clear_coordinator_territories(&mut self, user: UserId) -> StoreResult<()> {
        self.conn
            .prepare_cached("DELETE FROM coordinator_territories WHERE user_id = ?1")?
            .execute([user.to_string()])?;
        Ok(())
    }

    fn coordinated_territories(&mut self, user: UserId) -> StoreResult<Vec<TerritoryId>> {
        self.collect(
            "SELECT territory_id FROM coordinator_territories WHERE user_id = ?1",
            [user.to_string()],
            |_, row| parse(&row.get::<_, String>(0)?, "coordinator_territories.territory_id"),
        )
    }

    fn territories(&mut self) -> StoreResult<Vec<Territory>> {
        self.collect("SELECT id, name FROM territories ORDER BY name", [], |_, row| {
            Ok(Territory { id: parse(&row.get::<_, String>(0)?, "territories.id")?, name: row.get(1)? })
        })
    }

    fn territory_by_name(&mut self, name: &str) -> StoreResult<Option<TerritoryId>> {
        let found = self.collect("SELECT id FROM territories WHERE name = ?1", [name], |_, row| {
            parse(&row.get::<_, String>(0)?, "territories.id")
        })?;
        Ok(found.into_iter().next())
    }

    fn insert_team(&mut self, id: TeamId, name: &str, territory: TerritoryId) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO teams (id, name, territory_id) VALUES (?1, ?2, ?3)",
            params![id.to_string(), name, territory.to_string()],
        )?;
        Ok(())
    }

    fn session(&mut self, token_hash: &[u8]) -> StoreResult<Option<Session>> {
        let sql = "SELECT u.id, u.login, u.name, u.role, u.team_id, t.replica_id, t.expires_at, t.created_at
                   FROM tokens t JOIN users u ON u.id = t.user_id
                   -- A deactivated user's token is no session, even one
                   -- issued while the deactivation was being written.
                   WHERE t.hash = ?1 AND t.revoked_at IS NULL AND t.expires_at > ?2 AND u.deactivated_at IS NULL";
        let found = self.collect(sql, params![token_hash, now()], |_, row| {
            Ok(Session {
                user: Self::user_info(row)?,
                replica: opt_id(row.get(5)?, "tokens.replica_id")?,
                expires_at: parse(&row.get::<_, String>(6)?, "tokens.expires_at")?,
                created_at: parse(&row.get::<_, String>(7)?, "tokens.created_at")?,
            })
        })?;
        Ok(found.into_iter().next())
    }

    fn insert_token(
        &mut self,
        token_hash: &[u8],
        user: UserId,
        replica: Option<ReplicaId>,
        expires_at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO tokens (hash, user_id, replica_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![token_hash, user.to_string(), replica.map(|r| r.to_string()), now(), time(expires_at)],
        )?;
        Ok(())
    }

    fn renew_token(&mut self, token_hash: &[u8], expires_at: chrono::DateTime<chrono::Utc>) -> StoreResult<()> {
        self.conn
            .execute("UPDATE tokens SET expires_at = ?2 WHERE hash = ?1", params![token_hash, time(expires_at)])?;
        Ok(())
    }

    fn revoke_token(&mut self, token_hash: &[u8]) -> StoreResult<()> {
        self.conn.execute(
            "UPDATE tokens SET revoked_at = ?2 WHERE hash = ?1 AND revoked_at IS NULL",
            params![token_hash, now()],
        )?;
        Ok(())
    }

    fn revoke_user_tokens(&mut self, user: UserId) -> StoreResult<u64> {
        let revoked = self.conn.execute(
            "UPDATE tokens SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL AND expires_at > ?2",
            params![user.to_string(), now()],
        )?;
        Ok(revoked as u64)
    }

    fn insert_replica(&mut self, id: ReplicaId, user: UserId, device_name: &str) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO replicas (id, user_id, device_name, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![id.to_string(), user.to_string(), device_name, now()],
        )?;
        Ok(())
    }

    fn replica(&mut self, id: ReplicaId) -> StoreResult<Option<ReplicaState>> {
        let found = self.collect(
            "SELECT clock, retired_at IS NOT NULL FROM replicas WHERE id = ?1",
            [id.to_string()],
            |_, row| Ok(ReplicaState { clock: row.get(0)?, retired: row.get(1)? }),
        )?;
        Ok(found.into_iter().next())
    }

    fn set_replica_clock(&mut self, id: ReplicaId, clock: u64) -> StoreResult<()> {
        self.conn
            .prepare_cached("UPDATE replicas SET clock = max(clock, ?2) WHERE id = ?1")?
            .execute(params![id.to_string(), clock])?;
        Ok(())
    }

    fn retire_replica(&mut self, id: ReplicaId) -> StoreResult<()> {
        let at = now();
        self.conn.execute("UPDATE replicas SET retired_at = ?2 WHERE id = ?1", params![id.to_string(), at])?;
        self.conn.execute(
            "UPDATE tokens SET revoked_at = ?2 WHERE replica_id = ?1 AND revoked_at IS NULL",
            params![id.to_string(), at],
        )?;
        Ok(())
    }

    fn next_office_write(&mut self) -> StoreResult<(ReplicaId, u64)> {
        let counter = self
            .conn
            .prepare_cached("UPDATE replicas SET clock = clock + 1 WHERE id = ?1 RETURNING clock")?
            .query_row([self.office.to_string()], |r| r.get(0))?;
        Ok((self.office, counter))
    }

    fn next_seq(&mut self) -> StoreResult<u64> {
        let last = match self.seq {
            Some(seq) => seq,
            None => {
                self.conn.prepare_cached("SELECT seq FROM feed_counter WHERE id = 1")?.query_row([], |r| r.get(0))?
            }
        };
        self.seq = Some(last + 1);
        Ok(last + 1)
    }

    fn record(&mut self, id: RecordId) -> StoreResult<Option<StoredRecord>> {
        let sql = format!("SELECT {RECORD_COLUMNS} FROM records WHERE id = ?1");
        Ok(self.collect(&sql, [id.to_string()], Self::stored_record)?.into_iter().next())
    }

    fn insert_record(&mut self, r: &StoredRecord, seq: u64, pushed_by: Option<ReplicaId>) -> StoreResult<()> {
        // A plain INSERT, not an upsert: an upsert makes SQLite keep a
        // statement journal of every page it touches, a third of a push's time.
        let row = CurrentRow::of(r, seq, pushed_by);
        self.conn
            .prepare_cached(
                "INSERT INTO records (owner_id, seq, vv, deleted, body, writer_id, after_reassignment, updated_at,
                                      pushed_by, id, debtor_id, kind, author_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(&row.values()[..])?;
        Ok(())
    }

    fn update_record(&mut self, r: &StoredRecord, seq: u64, pushed_by: Option<ReplicaId>) -> StoreResult<()> {
        let row = CurrentRow::of(r, seq, pushed_by);
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE records SET owner_id = ?1, seq = ?2, vv = ?3, deleted = ?4, body = ?5, writer_id = ?6,
                                    after_reassignment = ?7, updated_at = ?8, pushed_by = ?9
                 WHERE id = ?10",
            )?
            .execute(&row.values()[..10])?;
        if changed == 0 {
            return Err(StoreError::Corrupt {
                what: "records",
                detail: format!("no record {} to update", r.record.id),
            });
        }
        Ok(())
    }

    fn version(&mut self, id: RecordId, vv: &VersionVector) -> StoreResult<Option<StoredVersion>> {
        let sql = "SELECT v.record_id, r.debtor_id, r.kind, v.vv, v.deleted, v.body, v.writer_id, v.user_id,
                          v.after_reassignment, v.stored_at, v.device_skew_ms
                   FROM versions v JOIN records r ON r.id = v.record_id
                   WHERE v.record_id = ?1 AND v.vv = ?2";
        Ok(self.collect(sql, params![id.to_string(), vv.to_json()], Self::stored_version)?.into_iter().next())
    }

    fn versions(&mut self, id: RecordId) -> StoreResult<Vec<StoredVersion>> {
        let sql = "SELECT v.record_id, r.debtor_id, r.kind, v.vv, v.deleted, v.body, v.writer_id, v.user_id,
                          v.after_reassignment, v.stored_at, v.device_skew_ms
                   FROM versions v JOIN records r ON r.id = v.record_id
                   WHERE v.record_id = ?1 ORDER BY v.rowid";
        self.collect(sql, [id.to_string()], Self::stored_version)
    }

    fn put_version(&mut self, v: &StoredVersion) -> StoreResult<bool> {
        let inserted = self
            .conn
            .prepare_cached(
                "INSERT INTO versions (record_id, vv, deleted, body, writer_id, counter, user_id, after_reassignment,
                                       stored_at, device_skew_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                v.record.id.to_string(),
                v.record.vv.to_json(),
                v.record.deleted,
                v.record.body.get(),
                v.writer.replica.to_string(),
                v.record.vv.get(v.writer.replica),
                v.user.map(|u| u.to_string()),
                v.after_reassignment,
                v.stored_at,
                v.device_skew_ms,
            ])?;
        Ok(inserted == 1)
    }

    fn write_by_dot(&mut self, replica: ReplicaId, counter: u64) -> StoreResult<Option<(RecordId, VersionVector)>> {
        let found = self.collect(
            "SELECT record_id, vv FROM versions WHERE writer_id = ?1 AND counter = ?2 LIMIT 1",
            params![replica.to_string(), counter],
            |_, row| Ok((parse(&row.get::<_, String>(0)?, "versions.record_id")?, vv(&row.get::<_, String>(1)?)?)),
        )?;
        Ok(found.into_iter().next())
    }

    fn debtor_by_ref(&mut self, external_ref: &str) -> StoreResult<Option<StoredRecord>> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE kind = 'debtor' AND json_extract(body, '$.external_ref') = ?1"
        );
        Ok(self.collect(&sql, [external_ref], Self::stored_record)?.into_iter().next())
    }

    fn payment_by_ref(&mut self, debtor: DebtorId, reference: &str) -> StoreResult<Option<StoredRecord>> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records
             WHERE kind = 'payment' AND debtor_id = ?1 AND json_extract(body, '$.reference') = ?2"
        );
        Ok(self.collect(&sql, params![debtor.to_string(), reference], Self::stored_record)?.into_iter().next())
    }

    fn debtor_records(&mut self, debtor: DebtorId, kinds: &[RecordKind]) -> StoreResult<Vec<StoredRecord>> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records
             WHERE debtor_id = ?1 AND kind IN (SELECT value FROM json_each(?2)) AND NOT deleted ORDER BY id"
        );
        let kinds = serde_json::to_string(&kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>())
            .unwrap_or_else(|_| unreachable!("names serialise"));
        self.collect(&sql, params![debtor.to_string(), kinds], Self::stored_record)
    }

    fn open_promise_debtors(&mut self, after: Option<DebtorId>, limit: u32) -> StoreResult<Vec<DebtorId>> {
        let sql = "SELECT DISTINCT debtor_id FROM records
                   WHERE kind = 'promise' AND NOT deleted AND json_extract(body, '$.status') = 'pending'
                     AND (?1 IS NULL OR debtor_id > ?1)
                   ORDER BY debtor_id LIMIT ?2";
        self.collect(sql, params![after.map(|d| d.to_string()), limit], |_, row| {
            parse(&row.get::<_, String>(0)?, "records.debtor_id")
        })
    }

    fn put_conflict(&mut self, conflict: &NewConflict) -> StoreResult<ConflictId> {
        conflicts::put(&self.conn, conflict)
    }

    fn conflicts(&mut self, gestores: Option<&[UserId]>, open: bool, limit: u32) -> StoreResult<Vec<ConflictRow>> {
        conflicts::list(&self.conn, gestores, open, limit)
    }

    fn conflict(&mut self, id: ConflictId) -> StoreResult<Option<ConflictRow>> {
        conflicts::one(&self.conn, id)
    }

    fn settle_conflict(&mut self, id: ConflictId, by: UserId, took: &[String], deleted: bool) -> StoreResult<bool> {
        conflicts::settle(&self.conn, id, by, took, deleted)
    }

    fn kpi_facts(
        &mut self,
        gestores: &[UserId],
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> StoreResult<campo_core::kpi::Facts> {
        kpis::facts(&self.conn, gestores, from, to)
    }

    fn accounts(&mut self, territories: Option<&[TerritoryId]>) -> StoreResult<Vec<campo_core::workload::Account>> {
        reassignments::accounts(&self.conn, territories)
    }

    fn put_reassignment(&mut self, reassignment: &StoredReassignment) -> StoreResult<()> {
        reassignments::put(&self.conn, reassignment)
    }

    fn reassignment(&mut self, id: ReassignmentId) -> StoreResult<Option<(StoredReassignment, bool)>> {
        reassignments::get(&self.conn, id)
    }

    fn reassignments(&mut self, by: Option<UserId>, limit: u32) -> StoreResult<Vec<campo_core::wire::ReassignmentRow>> {
        reassignments::list(&self.conn, by, limit)
    }

    fn mark_reassignment_undone(&mut self, id: ReassignmentId, by: UserId) -> StoreResult<()> {
        reassignments::mark_undone(&self.conn, id, by)
    }

    fn untouched_since(&mut self, debtor: DebtorId, assigned_seq: u64, last_seq: u64) -> StoreResult<bool> {
        reassignments::untouched(&self.conn, debtor, assigned_seq, last_seq)
    }

    fn users(&mut self, only: Option<UserId>) -> StoreResult<Vec<campo_core::wire::UserRow>> {
        users::users(&self.conn, only)
    }

    fn teams(&mut self) -> StoreResult<Vec<campo_core::wire::TeamRow>> {
        users::teams(&self.conn)
    }

    fn set_password_hash(&mut self, user: UserId, hash: &str) -> StoreResult<()> {
        users::set_password_hash(&self.conn, user, hash)
    }

    fn deactivate_user(&mut self, user: UserId) -> StoreResult<()> {
        users::deactivate(&self.conn, user)
    }

    fn user_active(&mut self, user: UserId) -> StoreResult<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1 AND deactivated_at IS NULL)")?
            .query_row([user.to_string()], |r| r.get(0))?)
    }

    fn activities(&mut self, f: &ActivityFilter) -> StoreResult<Vec<ActivityRow>> {
        // The log's order is the expression index of migration 0014 (when it
        // happened, then id), walked newest first from the keyset cursor; the
        // filters are checked row by row as the walk goes. The bounds on
        // `happened` are always there (an open one is a value beyond every
        // date) because only plain comparisons make the walk a range: an
        // `?x IS NULL OR …` would make it a scan from the top.
        let sql = format!(
            "{ACTIVITY_SELECT}
             WHERE r.kind IN ('visit', 'call', 'promise', 'message')
               AND (?1 IS NULL OR r.author_id IN (SELECT value FROM json_each(?1)))
               AND (?2 = 0 OR r.after_reassignment = 1)
               -- Through the partial index: flagged records are few.
               AND (?3 IS NULL OR (r.id IN (SELECT record_id FROM judgements WHERE flagged = 1)) = ?3)
               AND (?5 IS NULL OR r.kind = ?5)
               AND (?6 IS NULL OR d.body ->> '$.territory' = ?6)
               AND happened >= ?7 AND happened < ?8 AND happened <= ?12 AND (happened, r.id) < (?12, ?13)
               AND (?9 IS NULL OR r.body ->> '$.outcome' = ?9)
               AND (?10 IS NULL OR r.body ->> '$.contact.party' = ?10)
               AND (?11 IS NULL OR reviewed = ?11)
             ORDER BY happened DESC, r.id DESC LIMIT ?4"
        );
        let gestores = f.gestores.as_deref().map(json_ids);
        // Beyond every date and id, as text.
        const END: &str = "~";
        let (before_at, before_id) =
            f.before.as_ref().map_or((END.to_owned(), END.to_owned()), |(at, id)| (at.clone(), id.to_string()));
        let params = params![
            gestores,
            f.after_reassignment_only,
            f.flagged,
            f.limit,
            f.kind.map(|k| k.to_string()),
            f.territory.map(|t| t.to_string()),
            f.from.as_deref().unwrap_or(""),
            f.to.as_deref().unwrap_or(END),
            f.outcome,
            f.party,
            f.reviewed,
            before_at,
            before_id,
        ];
        self.collect(&sql, params, activity_row)
    }

    fn activity(&mut self, id: RecordId) -> StoreResult<Option<ActivityRow>> {
        let sql = format!("{ACTIVITY_SELECT} WHERE r.id = ?1 AND r.kind IN ('visit', 'call', 'promise', 'message')");
        Ok(self.collect(&sql, [id.to_string()], activity_row)?.pop())
    }

    fn plans_waiting(&mut self, gestores: Option<&[UserId]>) -> StoreResult<Vec<campo_core::wire::WaitingPlan>> {
        // Waiting is `PromiseFields::awaits_decision`; found through the
        // partial index of migration 0020, by the account's current gestor,
        // who is whom a decision reaches.
        const WAITING: &str = "SELECT r.id, r.debtor_id, r.vv, r.body, g.gestor_id, u.name, a.name,
                                      d.body ->> '$.external_ref', d.body ->> '$.name'
                               FROM records r JOIN records d ON d.id = r.debtor_id
                                    LEFT JOIN assignments g ON g.debtor_id = r.debtor_id AND g.until_seq IS NULL
                                    LEFT JOIN users u ON u.id = g.gestor_id LEFT JOIN users a ON a.id = r.author_id
                               WHERE r.kind = 'promise' AND r.body ->> '$.plan.approval.state' = 'requested'
                                 AND NOT r.deleted AND r.body ->> '$.status' != 'cancelled'";
        let read = |_: &Self, row: &Row<'_>| {
            let body = row.get::<_, String>(3)?;
            let plan: campo_core::activity::PromiseFields = serde_json::from_str(&body)
                .map_err(|e| StoreError::Corrupt { what: "a plan's body", detail: e.to_string() })?;
            let percent = plan.plan.as_ref().map(|d| campo_core::plan::discount_percent_text(d.discount, d.balance));
            Ok(campo_core::wire::WaitingPlan {
                discount_percent: percent.unwrap_or_default(),
                plan,
                id: parse(&row.get::<_, String>(0)?, "records.id")?,
                debtor_id: parse(&row.get::<_, String>(1)?, "records.debtor_id")?,
                vv: vv(&row.get::<_, String>(2)?)?,
                gestor: row.get::<_, Option<String>>(4)?.map(|g| parse(&g, "assignments.gestor_id")).transpose()?,
                gestor_name: row.get(5)?,
                proposed_by: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
                external_ref: row.get::<_, Option<String>>(7)?.unwrap_or_default(),
                debtor_name: row.get::<_, Option<String>>(8)?.unwrap_or_default(),
            })
        };
        match gestores {
            None => self.collect(&format!("{WAITING} ORDER BY r.id"), [], read),
            Some(gestores) => self.collect(
                &format!("{WAITING} AND g.gestor_id IN (SELECT value FROM json_each(?1)) ORDER BY r.id"),
                [json_ids(gestores)],
                read,
            ),
        }
    }

    fn assignee(&mut self, debtor: DebtorId) -> StoreResult<Option<UserId>> {
        let found = self.collect(
            "SELECT gestor_id FROM assignments WHERE debtor_id = ?1 AND until_seq IS NULL",
            [debtor.to_string()],
            |_, row| parse(&row.get::<_, String>(0)?, "assignments.gestor_id"),
        )?;
        Ok(found.into_iter().next())
    }

    fn was_assigned(&mut self, debtor: DebtorId, gestor: UserId) -> StoreResult<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM assignments WHERE debtor_id = ?1 AND gestor_id = ?2)")?
            .query_row([debtor.to_string(), gestor.to_string()], |r| r.get(0))?)
    }

    fn assign(&mut self, debtor: DebtorId, gestor: UserId, seq: u64) -> StoreResult<()> {
        self.conn
            .prepare_cached("UPDATE assignments SET until_seq = ?2 WHERE debtor_id = ?1 AND until_seq IS NULL")?
            .execute(params![debtor.to_string(), seq])?;
        self.conn
            .prepare_cached("INSERT INTO assignments (debtor_id, gestor_id, from_seq) VALUES (?1, ?2, ?3)")?
            .execute(params![debtor.to_string(), gestor.to_string(), seq])?;
        Ok(())
    }

    fn revoked_after(&mut self, gestor: UserId, cursor: u64) -> StoreResult<Vec<DebtorId>> {
        self.collect(
            "SELECT DISTINCT debtor_id FROM scope_events WHERE gestor_id = ?1 AND seq > ?2 AND NOT granted",
            params![gestor.to_string(), cursor],
            |_, row| parse(&row.get::<_, String>(0)?, "scope_events.debtor_id"),
        )
    }

    fn put_scope_event(&mut self, seq: u64, gestor: UserId, debtor: DebtorId, granted: bool) -> StoreResult<()> {
        self.conn
            .prepare_cached("INSERT INTO scope_events (seq, gestor_id, debtor_id, granted) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![seq, gestor.to_string(), debtor.to_string(), granted])?;
        Ok(())
    }

    fn feed(
        &mut self,
        gestor: UserId,
        replica: Option<ReplicaId>,
        cursor: u64,
        limit: u32,
        max_bytes: usize,
    ) -> StoreResult<Vec<(u64, FeedItem, usize)>> {
        // A record reaches its owner's feed only while they hold the debtor,
        // and only if written since the grant that gave it to them (what came
        // before arrives with that grant). A grant brings the debtor's
        // history only while it is the current assignment: one taken back
        // since has a revoke after it, and the device holds nothing of it.
        let sql = "SELECT seq, 'record', id, debtor_id, kind, vv, deleted, body, after_reassignment FROM records
                       WHERE owner_id = ?1 AND seq > ?2 AND (?4 IS NULL OR pushed_by IS NOT ?4)
                         AND EXISTS (SELECT 1 FROM assignments a WHERE a.debtor_id = records.debtor_id
                                       AND a.until_seq IS NULL AND a.gestor_id = ?1 AND a.from_seq < records.seq)
                   UNION ALL
                   SELECT seq, IIF(granted, 'granted', 'revoked'), NULL, debtor_id, NULL, NULL, NULL, NULL,
                          granted AND EXISTS (SELECT 1 FROM assignments a WHERE a.debtor_id = scope_events.debtor_id
                                                AND a.from_seq = scope_events.seq AND a.until_seq IS NULL)
                       FROM scope_events WHERE gestor_id = ?1 AND seq > ?2
                   UNION ALL
                   SELECT seq, 'policy', NULL, NULL, NULL, NULL, NULL, body, NULL FROM policies WHERE seq > ?2
                   ORDER BY seq LIMIT ?3";
        let replica = replica.map(|r| r.to_string());
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![gestor.to_string(), cursor, limit, replica])?;
        let (mut items, mut bytes, mut past) = (Vec::new(), 0usize, false);
        while let Some(row) = rows.next()? {
            let seq: u64 = row.get(0)?;
            let source: String = row.get(1)?;
            let debtor = |row: &Row<'_>| parse(&row.get::<_, String>(3)?, "scope_events.debtor_id");
            let first = items.len();
            match source.as_str() {
                "record" => {
                    let record = record_at(row, 2)?;
                    let size = record.body.get().len();
                    items.push((seq, FeedItem::Record { record, after_reassignment: row.get(8)? }, size));
                }
                "granted" => {
                    let debtor_id = debtor(row)?;
                    items.push((seq, FeedItem::Granted { debtor_id }, 64));
                    if row.get::<_, bool>(8)? {
                        history(&self.conn, debtor_id, seq, &mut items)?;
                    }
                }
                "revoked" => items.push((seq, FeedItem::Revoked { debtor_id: debtor(row)? }, 64)),
                _ => {
                    let body: String = row.get(7)?;
                    let policy = serde_json::from_str(&body)
                        .map_err(|e| StoreError::Corrupt { what: "policies.body", detail: e.to_string() })?;
                    items.push((seq, FeedItem::Policy { policy }, body.len()));
                }
            }
            // One position beyond the budget tells the caller that more wait.
            if past || items.len() > limit as usize {
                break;
            }
            bytes += items[first..].iter().map(|(_, _, size)| size).sum::<usize>();
            past = bytes > max_bytes;
        }
        Ok(items)
    }

    fn policy(&mut self, country: Country) -> StoreResult<ContactPolicy> {
        contact::policy(&self.conn, country)
    }

    fn has_policy(&mut self, country: Country) -> StoreResult<bool> {
        contact::has_policy(&self.conn, country)
    }

    fn policies_since(&mut self, country: Country, since: Option<u64>) -> StoreResult<Vec<ContactPolicy>> {
        contact::policies_since(&self.conn, country, since)
    }

    fn put_policy(&mut self, policy: &ContactPolicy, seq: u64, by: Option<UserId>) -> StoreResult<()> {
        contact::put_policy(&self.conn, policy, seq, by)
    }

    fn contact_account(&mut self, debtor: DebtorId) -> StoreResult<Option<(Country, Account)>> {
        contact::account(&self.conn, debtor)
    }

    fn attempts(
        &mut self,
        debtor: DebtorId,
        since: chrono::DateTime<chrono::Utc>,
        except: RecordId,
    ) -> StoreResult<Vec<Attempt>> {
        contact::attempts(&self.conn, debtor, since, except)
    }

    fn put_judgement(&mut self, record: &Record, judgement: &Judgement) -> StoreResult<()> {
        contact::put_judgement(&self.conn, record, judgement)
    }

    fn queued_messages(&mut self, after: Option<RecordId>, limit: u32) -> StoreResult<Vec<RecordId>> {
        let sql = "SELECT id FROM records
                   WHERE kind = 'message' AND json_extract(body, '$.delivery.state') = 'queued' AND deleted = 0
                     AND id > coalesce(?1, '')
                   ORDER BY id LIMIT ?2";
        self.collect(sql, params![after.map(|a| a.to_string()), limit], |_, row| {
            parse(&row.get::<_, String>(0)?, "records.id")
        })
    }

    fn reminded(&mut self, promise: RecordId, due_on: chrono::NaiveDate) -> StoreResult<bool> {
        reminders::reminded(&self.conn, promise, due_on)
    }

    fn reminder_of(&mut self, message: RecordId) -> StoreResult<Option<(RecordId, chrono::NaiveDate)>> {
        reminders::reminder_of(&self.conn, message)
    }

    fn put_reminder(&mut self, promise: RecordId, due_on: chrono::NaiveDate, message: RecordId) -> StoreResult<()> {
        reminders::put_reminder(&self.conn, promise, due_on, message)
    }

    fn set_escalation(&mut self, debtor: DebtorId, misses: Option<(u32, chrono::NaiveDate)>) -> StoreResult<()> {
        reminders::set_escalation(&self.conn, debtor, misses)
    }

    fn escalations(&mut self, gestores: Option<&[UserId]>) -> StoreResult<Vec<campo_core::wire::Escalation>> {
        reminders::escalations(&self.conn, gestores)
    }

    fn put_record_blob(&mut self, record: RecordId, photo: &Photo) -> StoreResult<()> {
        photos::put_record_blob(&self.conn, record, photo)
    }

    fn authored_photo(&mut self, blob: &BlobId, author: UserId) -> StoreResult<Option<Photo>> {
        photos::authored_photo(&self.conn, blob, author)
    }

    fn photo_records(&mut self, blob: &BlobId) -> StoreResult<(Vec<RecordId>, Option<Photo>)> {
        photos::photo_records(&self.conn, blob)
    }

    fn put_blob(&mut self, photo: &Photo, by: UserId) -> StoreResult<()> {
        photos::put_blob(&self.conn, photo, by)
    }

    fn put_audit(&mut self, entry: &AuditEntry<'_>) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO audit (id, at, user_id, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                uuid::Uuid::now_v7().to_string(),
                now(),
                entry.user.map(|u| u.to_string()),
                entry.action,
                entry.target,
                entry.detail.to_string()
            ],
        )?;
        Ok(())
    }

    fn audit(&mut self, f: &AuditFilter) -> StoreResult<Vec<AuditRow>> {
        // Ids are UUIDv7, so the primary key is the trail's order.
        let sql = "SELECT a.at, a.user_id, u.login, a.action, a.target, a.detail, a.id
                   FROM audit a LEFT JOIN users u ON u.id = a.user_id
                   WHERE (?1 IS NULL OR a.action = ?1) AND (?2 IS NULL OR u.login = ?2)
                     AND (?3 IS NULL OR a.at >= ?3) AND (?4 IS NULL OR a.at < ?4) AND (?5 IS NULL OR a.id < ?5)
                   ORDER BY a.id DESC LIMIT ?6";
        let params = params![f.action, f.login, f.from, f.to, f.before, f.limit];
        self.collect(sql, params, |_, row| {
            let detail: String = row.get(5)?;
            Ok(AuditRow {
                id: row.get(6)?,
                at: parse(&row.get::<_, String>(0)?, "audit.at")?,
                user: opt_id(row.get(1)?, "audit.user_id")?,
                login: row.get(2)?,
                action: row.get(3)?,
                target: row.get(4)?,
                detail: serde_json::from_str(&detail)
                    .map_err(|e| StoreError::Corrupt { what: "audit.detail", detail: e.to_string() })?,
            })
        })
    }

    fn idempotent(&mut self, user: UserId, key: &str) -> StoreResult<Option<(Vec<u8>, String)>> {
        let found = self.collect(
            "SELECT request_hash, response FROM idempotency WHERE user_id = ?1 AND key = ?2",
            params![user.to_string(), key],
            |_, row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(found.into_iter().next())
    }

    fn put_idempotent(&mut self, user: UserId, key: &str, request_hash: &[u8], response: &str) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO idempotency (user_id, key, request_hash, response, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![user.to_string(), key, request_hash, response, now()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_connection_commits_to_the_disk_before_it_returns() {
        let dir = tempfile::tempdir().expect("dir");
        let storage = SqliteStorage::open(&dir.path().join("server.db")).expect("open");
        let readers: Vec<_> = (0..3).map(|_| storage.readers.get().expect("connection")).collect();
        for conn in readers.iter().chain([&storage.writer.get().expect("the writer")]) {
            let synchronous: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).expect("pragma");
            assert_eq!(synchronous, 2, "FULL");
        }
    }
}
