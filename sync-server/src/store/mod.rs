//! Storage behind a trait, so the sync logic is written once.
//!
//! A [`Storage`] hands out transactions; a [`Tx`] offers the small set of reads
//! and writes the sync and office logic needs. [`sqlite`] is the embedded
//! default. Any implementation must keep two promises the protocol rests on:
//!
//! - a write transaction is serialisable and all-or-nothing, and on disk when
//!   [`Tx::commit`] returns: a device drops a write once the server answers;
//! - [`Tx::next_seq`] hands out feed positions in commit order: a transaction
//!   that took position *n* commits before any that took *n + 1* becomes
//!   visible (SQLite has one writer at a time; PostgreSQL gets the same from
//!   the row lock on the counter, held to commit).

pub mod sqlite;

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
    wire::{ActivityRow, AuditRow, ConflictRow, FeedItem, Gestor, Role, Territory, UserInfo},
};

/// The current time as stored; see [`time`].
pub fn now() -> String {
    time(chrono::Utc::now())
}

/// A time as stored: RFC 3339 UTC with milliseconds, so stored times sort as text.
pub fn time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Errors from storage: the database, not the request, is at fault.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite said no.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// No connection could be had.
    #[error("connection pool: {0}")]
    Pool(#[from] r2d2::Error),
    /// The operating system said no (a file, a thread).
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// Schema migration failed.
    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// Stored data does not parse; it was written by something other than us.
    #[error("corrupt data in {what}: {detail}")]
    Corrupt {
        /// Where.
        what: &'static str,
        /// What.
        detail: String,
    },
}

/// Storage results.
pub type StoreResult<T> = Result<T, StoreError>;

/// A record as the server keeps it.
#[derive(Clone, Debug)]
pub struct StoredRecord {
    /// The current version.
    pub record: Record,
    /// The debtor's gestor when this version became current, whose feed
    /// carries it. A later reassignment leaves it: the new gestor's feed
    /// carries the record with the debtor's grant.
    pub owner: Option<UserId>,
    /// The user who created the record.
    pub author: Option<UserId>,
    /// Who wrote the current version.
    pub writer: Writer,
    /// Some version came from a gestor after the debtor left them.
    pub after_reassignment: bool,
}

/// One stored version of a record.
#[derive(Clone, Debug)]
pub struct StoredVersion {
    /// The version.
    pub record: Record,
    /// Who wrote it.
    pub writer: Writer,
    /// The user behind the write, if any.
    pub user: Option<UserId>,
    /// Written after the debtor was reassigned away from that user.
    pub after_reassignment: bool,
    /// When the server stored it.
    pub stored_at: String,
    /// For a device's write: the server's clock minus the device's when it
    /// pushed, in milliseconds.
    pub device_skew_ms: Option<i64>,
}

/// An authenticated token.
#[derive(Clone, Debug)]
pub struct Session {
    /// Who.
    pub user: UserInfo,
    /// The device install, for device tokens.
    pub replica: Option<ReplicaId>,
    /// When it stops working unless renewed by use.
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// When it was issued, at sign-in.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// What a merge lost, to file as a conflict.
#[derive(Clone, Debug)]
pub struct NewConflict {
    /// The record.
    pub record_id: RecordId,
    /// Its kind.
    pub kind: RecordKind,
    /// Its debtor.
    pub debtor_id: DebtorId,
    /// The merged version.
    pub merged_vv: VersionVector,
    /// The losing values, by field.
    pub lost: serde_json::Map<String, serde_json::Value>,
    /// A delete lost to an edit.
    pub lost_delete: bool,
}

/// One account a reassignment moved.
#[derive(Clone, Copy, Debug)]
pub struct Move {
    /// The account.
    pub debtor: DebtorId,
    /// Its gestor before.
    pub from: UserId,
    /// The feed position of its new assignment.
    pub assigned_seq: u64,
}

/// A reassignment of many accounts, kept whole for its undo.
#[derive(Clone, Debug)]
pub struct StoredReassignment {
    /// The reassignment.
    pub id: ReassignmentId,
    /// Who made it.
    pub by: UserId,
    /// To whom the accounts went.
    pub to: UserId,
    /// The last feed position it took: anything later on an account is newer.
    pub last_seq: u64,
    /// The accounts.
    pub moves: Vec<Move>,
}

/// Which audit entries to read; each filter given narrows it.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// Only this action.
    pub action: Option<String>,
    /// Only this user's, by login.
    pub login: Option<String>,
    /// Only those at or after this time (as stored: RFC 3339 UTC).
    pub from: Option<String>,
    /// Only those before this time.
    pub to: Option<String>,
    /// Only those older than this entry.
    pub before: Option<String>,
    /// At most this many.
    pub limit: u32,
}

/// An office write to keep in the audit trail.
#[derive(Clone, Debug)]
pub struct AuditEntry<'a> {
    /// Who (`None`: the operator at the command line).
    pub user: Option<UserId>,
    /// What.
    pub action: &'static str,
    /// On what.
    pub target: Option<String>,
    /// The particulars.
    pub detail: &'a serde_json::Value,
}

/// A replica's state.
#[derive(Clone, Copy, Debug)]
pub struct ReplicaState {
    /// The highest write counter the replica has claimed.
    pub clock: u64,
    /// Restored from a backup; may not write again.
    pub retired: bool,
}

/// What the supervisor's log lists: each field narrows it, `None` (or
/// `false`) leaves it open.
#[derive(Clone, Debug, Default)]
pub struct ActivityFilter {
    /// Only these gestores' records (a supervisor's team); `None` for all.
    pub gestores: Option<Vec<UserId>>,
    /// Only this kind (a visit, call, promise or message); `None`: all four.
    pub kind: Option<RecordKind>,
    /// Only accounts of this territory.
    pub territory: Option<TerritoryId>,
    /// Only those that happened at or after this (RFC 3339, or a date).
    pub from: Option<String>,
    /// Only those that happened before this.
    pub to: Option<String>,
    /// Only this outcome code.
    pub outcome: Option<String>,
    /// Only those where this party was reached.
    pub party: Option<String>,
    /// Only records flagged after-reassignment.
    pub after_reassignment_only: bool,
    /// Only records the contact rules let through flagged (`Some(true)`),
    /// or only those within every rule or never judged (`Some(false)`).
    pub flagged: Option<bool>,
    /// Only those a supervisor reviewed (`Some(true)`) or not yet.
    pub reviewed: Option<bool>,
    /// Only those before this one in the log's order (when it happened, then id).
    pub before: Option<(String, RecordId)>,
    /// At most this many, newest first.
    pub limit: u32,
}

impl ActivityFilter {
    /// Every `kind` record around a local `day`: a day wider on each side in
    /// UTC, since a record's own local day (its zone's) decides, and the
    /// caller keeps those that fall on it.
    pub fn around(kind: RecordKind, day: chrono::NaiveDate, limit: u32) -> Self {
        let bound = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
        Self {
            kind: Some(kind),
            from: bound(day.checked_sub_days(chrono::Days::new(1))),
            to: bound(day.checked_add_days(chrono::Days::new(2))),
            limit,
            ..Self::default()
        }
    }
}

/// A user to create.
#[derive(Clone, Debug)]
pub struct NewUser {
    /// Id.
    pub id: UserId,
    /// Login.
    pub login: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Team.
    pub team: Option<TeamId>,
    /// argon2id PHC string.
    pub password_hash: String,
}

/// Opens transactions.
pub trait Storage: Send + Sync + 'static {
    /// A read-only snapshot.
    fn read(&self) -> StoreResult<Box<dyn Tx + '_>>;
    /// A write transaction; it takes the write lock at once.
    fn write(&self) -> StoreResult<Box<dyn Tx + '_>>;
    /// Whether the storage answers, for health checks.
    fn ping(&self) -> StoreResult<()>;
    /// Where photo files are kept (see [`crate::blobs`]): beside the database.
    fn blob_dir(&self) -> std::path::PathBuf;
}

/// One transaction. Dropped without [`Tx::commit`], it rolls back.
pub trait Tx {
    /// Makes the transaction's writes durable and visible.
    fn commit(self: Box<Self>) -> StoreResult<()>;

    // --- people and devices ---

    /// A user and their password hash, by login.
    fn user_by_login(&mut self, login: &str) -> StoreResult<Option<(UserInfo, String)>>;
    /// A user by id.
    fn user(&mut self, id: UserId) -> StoreResult<Option<UserInfo>>;
    /// The gestores of a team.
    fn team_members(&mut self, team: TeamId) -> StoreResult<Vec<UserId>>;
    /// The gestores among `only` (`None`: every gestor), by name.
    fn gestores(&mut self, only: Option<&[UserId]>) -> StoreResult<Vec<Gestor>>;
    /// Creates a user.
    fn insert_user(&mut self, user: &NewUser) -> StoreResult<()>;
    /// Creates a territory whose accounts are in `currency`.
    fn insert_territory(&mut self, id: TerritoryId, name: &str, currency: Currency) -> StoreResult<()>;
    /// The territory and currency of a user's team, if they have one.
    fn team_territory(&mut self, user: UserId) -> StoreResult<Option<(TerritoryId, Option<Currency>)>>;
    /// Makes `user` a coordinator of `territory`.
    fn insert_coordinator_territory(&mut self, user: UserId, territory: TerritoryId) -> StoreResult<()>;
    /// Takes every territory from a coordinator.
    fn clear_coordinator_territories(&mut self, user: UserId) -> StoreResult<()>;
    /// The territories `user` coordinates.
    fn coordinated_territories(&mut self, user: UserId) -> StoreResult<Vec<TerritoryId>>;
    /// Every territory, by name.
    fn territories(&mut self) -> StoreResult<Vec<Territory>>;
    /// A territory by name.
    fn territory_by_name(&mut self, name: &str) -> StoreResult<Option<TerritoryId>>;
    /// Creates a team.
    fn insert_team(&mut self, id: TeamId, name: &str, territory: TerritoryId) -> StoreResult<()>;
    /// The session behind a token hash, unless revoked or expired.
    fn session(&mut self, token_hash: &[u8]) -> StoreResult<Option<Session>>;
    /// Stores a token hash, good until `expires_at`.
    fn insert_token(
        &mut self,
        token_hash: &[u8],
        user: UserId,
        replica: Option<ReplicaId>,
        expires_at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<()>;
    /// Moves a token's expiry.
    fn renew_token(&mut self, token_hash: &[u8], expires_at: chrono::DateTime<chrono::Utc>) -> StoreResult<()>;
    /// Revokes one token.
    fn revoke_token(&mut self, token_hash: &[u8]) -> StoreResult<()>;
    /// Revokes every token of a user; how many were live.
    fn revoke_user_tokens(&mut self, user: UserId) -> StoreResult<u64>;
    /// Creates a device replica.
    fn insert_replica(&mut self, id: ReplicaId, user: UserId, device_name: &str) -> StoreResult<()>;
    /// A replica's state.
    fn replica(&mut self, id: ReplicaId) -> StoreResult<Option<ReplicaState>>;
    /// Raises a replica's clock.
    fn set_replica_clock(&mut self, id: ReplicaId, clock: u64) -> StoreResult<()>;
    /// Retires a replica and revokes its tokens.
    fn retire_replica(&mut self, id: ReplicaId) -> StoreResult<()>;
    /// The server's own replica and its next write counter (taken).
    fn next_office_write(&mut self) -> StoreResult<(ReplicaId, u64)>;

    // --- records ---

    /// The next feed position; see the module docs.
    fn next_seq(&mut self) -> StoreResult<u64>;
    /// A record's current version.
    fn record(&mut self, id: RecordId) -> StoreResult<Option<StoredRecord>>;
    /// Stores a new record's first current version at feed position `seq`.
    /// `pushed_by`: the device that pushed it and holds it (see [`Tx::feed`]).
    fn insert_record(&mut self, record: &StoredRecord, seq: u64, pushed_by: Option<ReplicaId>) -> StoreResult<()>;
    /// Replaces a record's current version, moving it to feed position `seq`.
    fn update_record(&mut self, record: &StoredRecord, seq: u64, pushed_by: Option<ReplicaId>) -> StoreResult<()>;
    /// A stored version of a record, by its version vector.
    fn version(&mut self, id: RecordId, vv: &VersionVector) -> StoreResult<Option<StoredVersion>>;
    /// Every stored version of a record, oldest first.
    fn versions(&mut self, id: RecordId) -> StoreResult<Vec<StoredVersion>>;
    /// Adds a version to the history; `false` if that version (record and
    /// vector) was there already, which is left alone.
    fn put_version(&mut self, version: &StoredVersion) -> StoreResult<bool>;
    /// The record and version written with `counter` by `replica`, if any: a
    /// write is named by its replica and counter, so a second, different write
    /// under the same name means the replica was restored from a backup.
    fn write_by_dot(&mut self, replica: ReplicaId, counter: u64) -> StoreResult<Option<(RecordId, VersionVector)>>;
    /// A debtor by the lender's reference.
    fn debtor_by_ref(&mut self, external_ref: &str) -> StoreResult<Option<StoredRecord>>;
    /// The payment on `debtor` with the lender's `reference`, if imported.
    fn payment_by_ref(&mut self, debtor: DebtorId, reference: &str) -> StoreResult<Option<StoredRecord>>;
    /// The live records of these kinds on `debtor`, oldest first.
    fn debtor_records(&mut self, debtor: DebtorId, kinds: &[RecordKind]) -> StoreResult<Vec<StoredRecord>>;
    /// Up to `limit` accounts with a pending promise, after `after` in id order.
    fn open_promise_debtors(&mut self, after: Option<DebtorId>, limit: u32) -> StoreResult<Vec<DebtorId>>;
    /// Files a conflict, stamped with the server's clock.
    fn put_conflict(&mut self, conflict: &NewConflict) -> StoreResult<ConflictId>;
    /// Conflicts on debtors of these gestores (`None`: all), only the
    /// unsettled ones if `open`, newest first.
    fn conflicts(&mut self, gestores: Option<&[UserId]>, open: bool, limit: u32) -> StoreResult<Vec<ConflictRow>>;
    /// One conflict.
    fn conflict(&mut self, id: ConflictId) -> StoreResult<Option<ConflictRow>>;
    /// Marks a conflict settled by `by`; `false` if it was settled already.
    fn settle_conflict(&mut self, id: ConflictId, by: UserId, took: &[String], deleted: bool) -> StoreResult<bool>;
    /// The facts of `gestores`' work from `from` to `to` (inclusive), for their KPIs.
    fn kpi_facts(
        &mut self,
        gestores: &[UserId],
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> StoreResult<campo_core::kpi::Facts>;
    /// The accounts of these territories (`None`: all), with their gestors.
    fn accounts(&mut self, territories: Option<&[TerritoryId]>) -> StoreResult<Vec<campo_core::workload::Account>>;
    /// Keeps a reassignment of many accounts.
    fn put_reassignment(&mut self, reassignment: &StoredReassignment) -> StoreResult<()>;
    /// A reassignment, and whether it was undone.
    fn reassignment(&mut self, id: ReassignmentId) -> StoreResult<Option<(StoredReassignment, bool)>>;
    /// The newest reassignments (of one coordinator, or everyone's), at most `limit`.
    fn reassignments(&mut self, by: Option<UserId>, limit: u32) -> StoreResult<Vec<campo_core::wire::ReassignmentRow>>;
    /// Marks a reassignment undone.
    fn mark_reassignment_undone(&mut self, id: ReassignmentId, by: UserId) -> StoreResult<()>;
    /// Whether the account still stands as a move left it (see [`Move`]).
    fn untouched_since(&mut self, debtor: DebtorId, assigned_seq: u64, last_seq: u64) -> StoreResult<bool>;
    /// Every user (or only `only`), by name, with their team and devices.
    fn users(&mut self, only: Option<UserId>) -> StoreResult<Vec<campo_core::wire::UserRow>>;
    /// Every team, by name.
    fn teams(&mut self) -> StoreResult<Vec<campo_core::wire::TeamRow>>;
    /// Replaces a user's password hash.
    fn set_password_hash(&mut self, user: UserId, hash: &str) -> StoreResult<()>;
    /// Stops a user from signing in (their sessions are ended apart).
    fn deactivate_user(&mut self, user: UserId) -> StoreResult<()>;
    /// Whether a user may still sign in and be given work.
    fn user_active(&mut self, user: UserId) -> StoreResult<bool>;
    /// Visits, calls, promises and messages, by when they happened, newest first.
    fn activities(&mut self, filter: &ActivityFilter) -> StoreResult<Vec<ActivityRow>>;
    /// One visit, call, promise or message as the log shows it.
    fn activity(&mut self, id: RecordId) -> StoreResult<Option<ActivityRow>>;
    /// Plans waiting for approval that these gestores (`None`: any) proposed, oldest first.
    fn plans_waiting(&mut self, gestores: Option<&[UserId]>) -> StoreResult<Vec<campo_core::wire::WaitingPlan>>;

    // --- scope ---

    /// The debtor's current gestor.
    fn assignee(&mut self, debtor: DebtorId) -> StoreResult<Option<UserId>>;
    /// Whether the gestor ever had the debtor.
    fn was_assigned(&mut self, debtor: DebtorId, gestor: UserId) -> StoreResult<bool>;
    /// Makes `gestor` the debtor's current gestor from feed position `seq`.
    fn assign(&mut self, debtor: DebtorId, gestor: UserId, seq: u64) -> StoreResult<()>;
    /// Notes a debtor granted to or revoked from a gestor, at `seq`.
    fn put_scope_event(&mut self, seq: u64, gestor: UserId, debtor: DebtorId, granted: bool) -> StoreResult<()>;
    /// Debtors revoked from the gestor after feed position `cursor`.
    fn revoked_after(&mut self, gestor: UserId, cursor: u64) -> StoreResult<Vec<DebtorId>>;
    /// A gestor's feed after `cursor`, at most `limit` positions, with each
    /// item's position and body size. Records written since the gestor was
    /// granted their debtor are in it while they hold it, less those whose
    /// current version `replica` pushed (and holds). The current grant of a
    /// debtor is followed, at its own position, by the debtor's history (the
    /// current version of each record last written before it, whoever pushed
    /// it): a reassignment moves no record, so moving 10,000 accounts writes
    /// rows per account, not per record. Reading stops one position after
    /// the body bytes pass `max_bytes` or the items pass `limit`: no more
    /// than a page can hold is ever in memory, and the extra position tells
    /// the caller that more wait.
    fn feed(
        &mut self,
        gestor: UserId,
        replica: Option<ReplicaId>,
        cursor: u64,
        limit: u32,
        max_bytes: usize,
    ) -> StoreResult<Vec<(u64, FeedItem, usize)>>;

    // --- contact rules ---

    /// A country's contact policy in force: the newest version stored (Campo's
    /// defaults are stored as version 1 when storage opens, see
    /// [`crate::policy::seed_defaults`]).
    fn policy(&mut self, country: Country) -> StoreResult<ContactPolicy>;
    /// Whether any version of the country's policy is stored.
    fn has_policy(&mut self, country: Country) -> StoreResult<bool>;
    /// The country's policy version in force at feed position `since` (none
    /// then: the one in force now) and every later one, newest first: a
    /// message a device wrote under one is the agency's, though a later
    /// version changed its templates. `None`: every version. Never empty:
    /// storage seeds version 1 as it opens (see [`crate::policy::seed_defaults`]).
    fn policies_since(&mut self, country: Country, since: Option<u64>) -> StoreResult<Vec<ContactPolicy>>;
    /// Stores a new version of a policy at feed position `seq`, set by `by`
    /// (`None`: the defaults Campo starts with).
    fn put_policy(&mut self, policy: &ContactPolicy, seq: u64, by: Option<UserId>) -> StoreResult<()>;
    /// The country, zone and flags of a debtor's account, read without
    /// parsing the whole account (a push of visits reads one per record).
    fn contact_account(&mut self, debtor: DebtorId) -> StoreResult<Option<(Country, Account)>>;
    /// Every visit and call on the debtor that started at or after `since`,
    /// by any gestor, but `except` (the record being judged). Deleted ones
    /// count too: deleting a record does not undo the knock on the door.
    fn attempts(
        &mut self,
        debtor: DebtorId,
        since: chrono::DateTime<chrono::Utc>,
        except: RecordId,
    ) -> StoreResult<Vec<Attempt>>;
    /// Keeps the verdict on `record`'s current version, replacing any earlier one.
    fn put_judgement(&mut self, record: &Record, judgement: &Judgement) -> StoreResult<()>;

    /// Messages queued for the server's outbox to send, oldest first, after `after`.
    fn queued_messages(&mut self, after: Option<RecordId>, limit: u32) -> StoreResult<Vec<RecordId>>;

    // --- reminders and escalation ---

    /// Whether the server already queued a reminder of `promise` falling due on `due_on`.
    fn reminded(&mut self, promise: RecordId, due_on: chrono::NaiveDate) -> StoreResult<bool>;
    /// The promise and due `message` reminds of, if it is an automatic reminder.
    fn reminder_of(&mut self, message: RecordId) -> StoreResult<Option<(RecordId, chrono::NaiveDate)>>;
    /// Notes that `message` reminds of `promise` falling due on `due_on`.
    fn put_reminder(&mut self, promise: RecordId, due_on: chrono::NaiveDate, message: RecordId) -> StoreResult<()>;
    /// Puts `debtor` among the escalations with `misses` broken dues, the
    /// latest due on `last_due_on`; `None` takes it off.
    fn set_escalation(&mut self, debtor: DebtorId, misses: Option<(u32, chrono::NaiveDate)>) -> StoreResult<()>;
    /// The escalated accounts of these gestores (`None`: all), most misses first.
    fn escalations(&mut self, gestores: Option<&[UserId]>) -> StoreResult<Vec<campo_core::wire::Escalation>>;

    // --- photos ---

    /// Notes that `record` names `photo`.
    fn put_record_blob(&mut self, record: RecordId, photo: &Photo) -> StoreResult<()>;
    /// The photo as a visit `author` recorded declares it, if one does.
    fn authored_photo(&mut self, blob: &BlobId, author: UserId) -> StoreResult<Option<Photo>>;
    /// The records that name `blob`, and the photo as the first declares it.
    fn photo_records(&mut self, blob: &BlobId) -> StoreResult<(Vec<RecordId>, Option<Photo>)>;
    /// Notes that `photo` arrived whole, uploaded by `by`.
    fn put_blob(&mut self, photo: &Photo, by: UserId) -> StoreResult<()>;

    // --- audit ---

    /// Keeps an office write in the audit trail.
    fn put_audit(&mut self, entry: &AuditEntry<'_>) -> StoreResult<()>;
    /// The audit trail as `filter` narrows it, newest first.
    fn audit(&mut self, filter: &AuditFilter) -> StoreResult<Vec<AuditRow>>;

    // --- idempotency ---

    /// The stored answer for a key: request hash and response JSON.
    fn idempotent(&mut self, user: UserId, key: &str) -> StoreResult<Option<(Vec<u8>, String)>>;
    /// Stores the answer for a key.
    fn put_idempotent(&mut self, user: UserId, key: &str, request_hash: &[u8], response: &str) -> StoreResult<()>;
}
