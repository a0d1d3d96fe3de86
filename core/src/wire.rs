//! The sync protocol's messages (see docs/sync.md for the whole story).
//!
//! Every request carries [`PROTOCOL_HEADER`]; a server that does not speak that
//! version answers [`ErrorCode::ProtocolUnsupported`] instead of guessing.
//! Every error is an [`ErrorBody`]: a stable code for programs and a Spanish
//! sentence for people.

use serde::{Deserialize, Serialize};

use crate::{
    DomainError,
    contact::{Breach, Judgement, policy::ContactPolicy},
    ids::{ConflictId, DebtorId, ReassignmentId, RecordId, ReplicaId, TeamId, TerritoryId, UserId},
    money::Currency,
    record::{Record, RecordKind},
    vv::VersionVector,
};

/// The protocol version this build speaks. 2: the feed carries contact
/// policies and rejections the contact rules' breaches.
pub const PROTOCOL_VERSION: u32 = 2;
/// The push header with the device's clock at the moment it sends (RFC 3339).
/// Sent on every try, outside the idempotent body: the server keeps, with
/// each version, how far the device's clock was from its own.
pub const DEVICE_TIME_HEADER: &str = "campo-device-time";
/// A device clock further than this from the server's (in seconds) is
/// flagged: the times its records state may be wrong by as much.
pub const CLOCK_SKEW_FLAG_S: i64 = 5 * 60;
/// The most bytes of a photo one upload request carries: a chunk lost to a
/// dropped connection costs at most this much again.
pub const MAX_PHOTO_CHUNK: usize = 256 * 1024;
/// The request header that names the protocol version.
pub const PROTOCOL_HEADER: &str = "campo-protocol";
/// The request header that makes a push idempotent.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";
/// Most records in one push.
pub const MAX_PUSH_RECORDS: usize = 1000;
/// Largest request body, uncompressed.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// What a user may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Works a portfolio in the field, from the app.
    Gestor,
    /// Leads a team; reviews visits and calls.
    Supervisor,
    /// Owns territories; reassigns debtors, imports portfolios.
    Coordinator,
    /// Runs the installation.
    Admin,
}

impl Role {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gestor => "gestor",
            Self::Supervisor => "supervisor",
            Self::Coordinator => "coordinator",
            Self::Admin => "admin",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        [Self::Gestor, Self::Supervisor, Self::Coordinator, Self::Admin]
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("rol desconocido: {s}"))
    }
}

/// Who is signed in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UserInfo {
    /// Their id.
    pub id: UserId,
    /// Their login.
    pub login: String,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Their team, for gestores and supervisors.
    pub team: Option<TeamId>,
}

/// One gestor's day in the field, for the supervisor's map: every visit in
/// the order made, where it was logged and where the account's addresses are.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayMap {
    /// The gestor.
    pub gestor: UserId,
    /// The debtors' local day.
    pub day: chrono::NaiveDate,
    /// The visits, first to last.
    pub stops: Vec<DayStop>,
}

/// One visit of a gestor's day.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayStop {
    /// The visit.
    pub record_id: RecordId,
    /// When it started.
    pub at: chrono::DateTime<chrono::Utc>,
    /// The debtor's name.
    pub debtor_name: String,
    /// What came of it.
    pub outcome: crate::outcome::Outcome,
    /// Where it was logged, if it was.
    pub position: Option<crate::geo::Position>,
    /// How far that was from the nearest address, as recorded.
    pub distance_m: Option<u32>,
    /// The account's addresses that have coordinates.
    pub addresses: Vec<crate::geo::GeoPoint>,
}

/// A user as an admin manages them.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UserRow {
    /// Who.
    pub user: UserInfo,
    /// Their team's name.
    pub team_name: Option<String>,
    /// Still allowed to sign in.
    pub active: bool,
    /// The territories they coordinate (coordinators).
    pub territories: Vec<TerritoryId>,
    /// Their devices (gestores), newest first.
    pub devices: Vec<DeviceRow>,
}

/// One install of the app.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeviceRow {
    /// The install.
    pub id: ReplicaId,
    /// As the gestor named it.
    pub name: String,
    /// When it first signed in.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Revoked, or restored from a backup: it must sign in again.
    pub retired: bool,
}

/// A team, for the pickers.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamRow {
    /// The team.
    pub id: TeamId,
    /// Its name.
    pub name: String,
    /// The region it works.
    pub territory: TerritoryId,
}

/// A user to create.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    /// What they sign in with.
    pub login: String,
    /// Their full name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Their team: gestores and supervisors have one, the others none.
    pub team: Option<TeamId>,
    /// Their first password, for them to sign in with.
    pub password: String,
}

/// The territories a coordinator balances, replacing those they had.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CoordinatedTerritories {
    /// Every territory they coordinate from now on (none: they move nothing).
    pub territories: Vec<TerritoryId>,
}

/// A region to create.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CreateTerritory {
    /// The name people use for it ("CDMX Norte").
    pub name: String,
    /// The currency of its accounts, and so its country.
    pub currency: Currency,
}

/// A team to create.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CreateTeam {
    /// Its name.
    pub name: String,
    /// The region it works.
    pub territory: TerritoryId,
}

/// A new password an admin sets for a user who forgot theirs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SetPassword {
    /// The new password.
    pub password: String,
}

/// A region debtors are grouped in, by the name people use for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Territory {
    /// Its id, as debtor accounts name it.
    pub id: TerritoryId,
    /// Its name ("CDMX Norte").
    pub name: String,
}

/// A gestor, as the console lists them to pick from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Gestor {
    /// Their id.
    pub id: UserId,
    /// Their name.
    pub name: String,
}

/// Signs in to the console, from a browser.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ConsoleLogin {
    /// The user's login.
    pub login: String,
    /// The user's password.
    pub password: String,
}

/// Signs a device (or a console session) in.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The user's login.
    pub login: String,
    /// The user's password.
    pub password: String,
    /// For a device: a name the user recognises ("Moto G de Ana"). Absent for
    /// a console session, which gets no replica.
    pub device_name: Option<String>,
}

/// A signed-in session.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Bearer token for every later request.
    pub token: String,
    /// For a device: its new replica id, never issued before.
    pub replica_id: Option<ReplicaId>,
    /// Who signed in.
    pub user: UserInfo,
}

/// One record a device pushes, with the version it was edited from.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PushRecord {
    /// The new version.
    pub record: Record,
    /// The version the edit started from (empty for a new record): the
    /// ancestor for a three-way merge.
    pub base_vv: VersionVector,
}

/// A batch of a device's pending writes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// The device's write counter: every write it ever made has a counter at or
    /// below this. A value below what the server has seen means the device was
    /// restored from a backup. At most 2^63 - 1.
    #[serde(deserialize_with = "crate::vv::counter")]
    #[cfg_attr(feature = "openapi", schema(maximum = 9.223_372_036_854_775e18))]
    pub replica_clock: u64,
    /// The feed position the device had applied when it made the batch (0 if
    /// unknown). The server leaves a record it accepts out of this device's
    /// pulls, unless the feed after this position revokes its debtor: then the
    /// device will purge it, and must get it again should the debtor return.
    /// At most 2^63 - 1.
    #[serde(default, deserialize_with = "crate::vv::counter")]
    #[cfg_attr(feature = "openapi", schema(maximum = 9.223_372_036_854_775e18))]
    pub cursor: u64,
    /// At most [`MAX_PUSH_RECORDS`].
    pub records: Vec<PushRecord>,
}

/// Why a pushed record was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RejectionCode {
    /// The body fails the domain checks.
    InvalidRecord,
    /// No such debtor in the user's scope, now or before.
    NotFound,
    /// The user may not write this kind of record, or this field.
    NotAllowed,
    /// Outside the contact rules, and no justification covers it.
    ContactRule,
    /// A promise's status is the server's to derive; a gestor only cancels.
    PromiseStatus,
    /// A plan's approval and decided terms are the supervisor's, and a
    /// discount above the gestor's limit needs one.
    PlanApproval,
    /// A plan's terms were worked out on a balance the account no longer
    /// has (the lender's file changed it since).
    PlanBalance,
}

/// A refused record's reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rejection {
    /// For programs.
    pub code: RejectionCode,
    /// For people, in Spanish.
    pub message: String,
    /// The domain error, when a domain check failed.
    pub error: Option<DomainError>,
    /// The contact rules broken, when they refused it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaches: Vec<Breach>,
    /// Whether a justification would let it through, flagged.
    #[serde(default)]
    pub justifiable: bool,
}

/// What the server did with one pushed record. Externally tagged
/// (`"accepted"`, `{"merged": {…}}`): record bodies pass through as raw JSON,
/// which serde cannot buffer the way internal tags need.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PushOutcome {
    /// Stored; the pushed version is now the current one.
    Accepted,
    /// The server had seen this write already; `current` is what it has now.
    AlreadyKnown {
        /// The server's current version.
        current: Record,
    },
    /// Concurrent with the server's version; merged into `current`.
    Merged {
        /// The merged version.
        current: Record,
        /// Whether values were lost to the tie-break (a conflict entry exists).
        conflict: bool,
    },
    /// Not stored. The device keeps the record and shows the reason.
    Rejected {
        /// Why.
        reason: Rejection,
    },
}

/// The answer for one pushed record.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResult {
    /// The record.
    pub id: RecordId,
    /// What happened.
    pub outcome: PushOutcome,
    /// The debtor had been reassigned away from this user; the record was kept,
    /// flagged for the new gestor and the supervisor.
    pub after_reassignment: bool,
}

/// The answer to a push, one result per record, in request order.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// Per-record results.
    pub results: Vec<PushResult>,
}

/// One entry of a device's change feed, externally tagged like [`PushOutcome`].
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedItem {
    /// A record's current version.
    Record {
        /// The record.
        record: Record,
        /// Some version came from a gestor after the debtor had left them.
        after_reassignment: bool,
    },
    /// A debtor was assigned to this user; its records follow in the feed.
    Granted {
        /// The debtor.
        debtor_id: DebtorId,
    },
    /// A debtor was assigned away from this user; the device purges it once its
    /// pending work on it is pushed.
    Revoked {
        /// The debtor.
        debtor_id: DebtorId,
    },
    /// A country's contact policy changed; every device hears of it. Only
    /// admins write policies, online and one version after another, so a
    /// policy needs no version vector: the higher version is the newer.
    Policy {
        /// The new version.
        policy: ContactPolicy,
    },
}

/// Query of a pull.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(deny_unknown_fields)]
pub struct PullQuery {
    /// The feed position the device has applied up to; 0 at first. At most 2^63 - 1.
    #[serde(deserialize_with = "crate::vv::counter")]
    #[cfg_attr(
        feature = "openapi",
        schema(maximum = 9.223_372_036_854_775e18),
        param(maximum = 9.223_372_036_854_775e18)
    )]
    pub cursor: u64,
    /// The device's write counter, as in a push: a device restored from a
    /// backup is caught on its first pull, before it skips its own writes.
    /// At most 2^63 - 1; absent for a session without a device.
    #[serde(default, deserialize_with = "crate::vv::optional_counter")]
    #[cfg_attr(
        feature = "openapi",
        schema(maximum = 9.223_372_036_854_775e18),
        param(maximum = 9.223_372_036_854_775e18)
    )]
    pub clock: Option<u64>,
    /// Most items in the page.
    pub limit: Option<u32>,
    /// Most bytes of record bodies in the page (at least one item is sent);
    /// at most 4 MiB, the default.
    pub max_bytes: Option<u32>,
}

/// A page of the change feed.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullPage {
    /// Items in feed order.
    pub items: Vec<FeedItem>,
    /// The cursor to store with this page and send next time.
    pub cursor: u64,
    /// Whether more items wait after this page.
    pub more: bool,
}

/// A stable error code for every failed request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No token, a bad token, or a bad login.
    Unauthorized,
    /// The role may not do this.
    Forbidden,
    /// A gestor signing in to the console, which is for the office.
    OfficeOnly,
    /// Nothing there, or nothing the user may see.
    NotFound,
    /// The body is not valid JSON, has unknown fields or wrong types.
    MalformedRequest,
    /// A value fails the domain checks.
    InvalidValue,
    /// Too many records or too many bytes.
    BatchTooLarge,
    /// The client speaks another protocol version.
    ProtocolUnsupported,
    /// The device's write counter went backwards (restored from a backup): it
    /// must sign in again to get a new replica id; its pending work is kept.
    ReplicaRewound,
    /// The idempotency key was used before for a different request.
    IdempotencyKeyReused,
    /// The version read is no longer current; read again and retry.
    StaleVersion,
    /// Too many failed sign-ins: wait the `Retry-After` seconds.
    TooManyAttempts,
    /// An import stored nothing: `import` says which lines are wrong, and how.
    ImportRefused,
    /// The role may do this, but not here or not to this: `refusal` says why.
    Refused,
    /// What the request would act on changed since it was read (a
    /// reassignment touched since): `refusal` says how.
    Changed,
    /// Something broke on the server.
    Internal,
}

/// The body of every error response.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorBody {
    /// For programs.
    pub error: ErrorCode,
    /// For people, in Spanish.
    pub message: String,
    /// With [`ErrorCode::InvalidValue`]: the check that failed, with its
    /// data, for a client to word in its user's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid: Option<DomainError>,
    /// With [`ErrorCode::ImportRefused`]: the header's missing and unknown
    /// columns, or every problem on every line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import: Option<crate::import::ImportRefusal>,
    /// With [`ErrorCode::Refused`] and [`ErrorCode::Changed`]: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<OfficeRefusal>,
}

/// Why the server refused what the user's role may otherwise do; nothing
/// changed. Each reason carries what a client needs to word it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OfficeRefusal {
    /// A console request sent from another site's page.
    #[error("solicitud de otro sitio: abre la consola desde su propia dirección")]
    CrossSite,
    /// Accounts sent to a deactivated gestor.
    #[error("{name} está desactivado: elige a un gestor en activo")]
    GestorInactive {
        /// The gestor's name.
        name: String,
    },
    /// Accounts sent to a gestor with no team, and so no territory.
    #[error("el gestor no tiene equipo ni territorio: asígnale uno primero")]
    GestorWithoutTeam,
    /// Accounts sent to a team whose territory has no currency yet.
    #[error("el territorio del gestor no tiene moneda definida: pide a un admin que la fije")]
    TerritoryWithoutCurrency,
    /// Accounts sent across countries.
    #[error("la cuenta es en {account} y el equipo del gestor trabaja en {team}: no se puede mover entre países")]
    OtherCountry {
        /// The account's currency.
        account: Currency,
        /// The receiving team's.
        team: Currency,
    },
    /// A coordinator moving accounts to or from territories they do not coordinate.
    #[error("solo puedes mover cuentas entre gestores de los territorios que coordinas")]
    OutsideYourTerritories,
    /// A reassignment undone already.
    #[error("esta reasignación ya se deshizo")]
    AlreadyUndone,
    /// Some of a reassignment's accounts were reassigned again or had work
    /// recorded since: an undo moves the whole reassignment or nothing.
    #[error(
        "{changed} de las {total} cuentas cambiaron desde la reasignación (registros nuevos o se movieron otra vez): \
         no se puede deshacer entera; reasígnalas de nuevo si hace falta"
    )]
    ChangedSince {
        /// Accounts touched since.
        changed: u32,
        /// Accounts the reassignment moved.
        total: u32,
    },
    /// An admin deactivating themselves.
    #[error("no puedes desactivarte a ti mismo: pide a otro administrador")]
    DeactivateYourself,
}

impl OfficeRefusal {
    /// Its code: a refusal because of what changed since is a conflict (409),
    /// read again and decide; the others are refusals of this request (403).
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::CrossSite => ErrorCode::Forbidden,
            Self::AlreadyUndone | Self::ChangedSince { .. } => ErrorCode::Changed,
            _ => ErrorCode::Refused,
        }
    }
}

/// A visit, call, promise or message as a supervisor reviews it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActivityRow {
    /// The record.
    pub record: Record,
    /// When it happened, by the device: a visit's or call's start, a
    /// message's sending (RFC 3339), a promise's day (ISO 8601 date).
    pub happened_at: String,
    /// A supervisor reviewed it.
    pub reviewed: bool,
    /// The gestor who recorded it; none for what the server wrote itself (a
    /// reminder it queued).
    pub gestor: Option<UserId>,
    /// Their name; empty for none.
    pub gestor_name: String,
    /// The debtor's name.
    pub debtor_name: String,
    /// Recorded after the debtor had been reassigned away from that gestor.
    pub after_reassignment: bool,
    /// The server's verdict under the contact rules, when it judged the
    /// record (records from before the rules have none).
    pub judgement: Option<Judgement>,
    /// When the server first received it, by its own clock.
    pub received_at: chrono::DateTime<chrono::Utc>,
    /// How far the device's clock was behind the server's when it pushed
    /// the record, in seconds (negative: ahead); none if it did not say.
    pub clock_skew_s: Option<i64>,
    /// What to look at twice, each with its facts (see [`crate::evidence`]).
    pub flags: Vec<crate::evidence::Flag>,
}

/// One record of the log with what a supervisor checks it against.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActivityDetail {
    /// The record, as the log lists it.
    pub row: ActivityRow,
    /// The account: its addresses, balance and flags.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub debtor: crate::debtor::Debtor,
    /// Everything on the account, newest first.
    pub timeline: Vec<TimelineItem>,
}

/// One record on an account's timeline.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelineItem {
    /// The record.
    pub record: Record,
    /// When it happened (see [`crate::RecordBody::happened_at`]).
    pub at: String,
    /// Who wrote it, if a person did.
    pub author_name: Option<String>,
}

/// One page of the activity log, newest first.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActivityPage {
    /// The rows.
    pub rows: Vec<ActivityRow>,
    /// Where the next page starts (`before`), if there is one.
    pub next: Option<String>,
}

/// A supervisor's review of a visit or call.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// The visit or call.
    pub target: RecordId,
    /// The verdict.
    pub verdict: crate::activity::Verdict,
    /// Notes for the gestor.
    pub comment: String,
}

/// An account whose promises keep breaking, for the gestor's supervisor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Escalation {
    /// The account.
    pub debtor_id: DebtorId,
    /// The lender's reference.
    pub external_ref: String,
    /// The debtor's name.
    pub name: String,
    /// The gestor who has it, if anyone does.
    pub gestor: Option<UserId>,
    /// Promises and instalments broken (or kept only in part).
    pub misses: u32,
    /// When the latest of them fell due.
    pub last_due_on: chrono::NaiveDate,
}

/// A payment plan waiting for the supervisor's decision.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WaitingPlan {
    /// The plan.
    pub id: RecordId,
    /// Its account.
    pub debtor_id: DebtorId,
    /// Its version: decide against it.
    pub vv: VersionVector,
    /// What the gestor proposed.
    pub plan: crate::activity::PromiseFields,
    /// Its discount as a percentage of the balance ("12.5").
    pub discount_percent: String,
    /// The account's lender reference.
    pub external_ref: String,
    /// The debtor's name.
    pub debtor_name: String,
    /// The gestor who has the account now, whose device a decision reaches.
    pub gestor: Option<UserId>,
    /// Their name.
    pub gestor_name: Option<String>,
    /// The name of the gestor who proposed it (another, if the account moved since).
    pub proposed_by: String,
}

/// A supervisor's decision on a plan waiting for approval.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PlanDecision {
    /// The version of the plan the supervisor read: a plan changed since
    /// (cancelled, say) is decided again on what it is now.
    pub if_vv: VersionVector,
    /// Approve, reject, or offer other terms.
    pub decision: Decision,
    /// What the supervisor tells the gestor.
    pub comment: String,
}

/// What a supervisor decides of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "decision", rename_all = "snake_case", deny_unknown_fields)]
pub enum Decision {
    /// In force as asked.
    Approve,
    /// Refused: the plan is cancelled.
    Reject,
    /// Other terms, for the debtor to accept: the instalments are worked out
    /// from them as for any plan.
    Counter {
        /// The total, the number of instalments, how often, the first date.
        terms: crate::plan::PlanTerms,
        /// The discount the supervisor grants.
        discount: crate::money::Amount,
    },
}

/// Moves a debtor to another gestor.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    /// The new gestor.
    pub gestor: UserId,
    /// The gestor the coordinator saw (compare-and-set): if someone else moved
    /// the debtor meanwhile, the request fails with `stale_version`.
    pub expected_gestor: Option<UserId>,
}

/// A change the office makes to a debtor account.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DebtorPatch {
    /// The version read (compare-and-set).
    pub if_vv: VersionVector,
    /// Set the dispute flag.
    pub dispute: Option<bool>,
    /// Set the deceased flag.
    pub deceased: Option<bool>,
    /// Set the do-not-visit flag.
    pub do_not_visit: Option<bool>,
    /// Replace the phone numbers.
    pub phones: Option<Vec<crate::text::Phone>>,
    /// Replace the segment.
    pub segment: Option<crate::text::Label>,
}

/// A record in a debtor's scope, with where it stands now.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordView {
    /// The current version.
    pub record: Record,
    /// Recorded by a gestor after the debtor was reassigned away from them.
    pub after_reassignment: bool,
}

/// One version in a record's history: the audit trail.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionRow {
    /// The version.
    pub record: Record,
    /// The replica that wrote it.
    pub writer: ReplicaId,
    /// Written through the server (console, import, a merge).
    pub office: bool,
    /// The user behind the write, if any.
    pub user: Option<UserId>,
    /// Written by a gestor after the debtor had left them.
    pub after_reassignment: bool,
    /// When the server stored it (RFC 3339, UTC).
    pub stored_at: String,
}

/// Deletes a record, if it is still at the version read.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeleteRequest {
    /// The version read (compare-and-set).
    pub if_vv: VersionVector,
}

/// A conflict the server's merge filed: two sides changed the same field
/// (or one deleted what the other edited), and one side's values were kept
/// aside for a supervisor to settle.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictRow {
    /// The conflict.
    pub id: ConflictId,
    /// The record.
    pub record_id: RecordId,
    /// Its kind.
    pub kind: RecordKind,
    /// Its debtor.
    pub debtor_id: DebtorId,
    /// The debtor's name.
    pub debtor_name: String,
    /// The name of the gestor who has the account now, if anyone does.
    pub gestor_name: Option<String>,
    /// The merged version.
    pub merged_vv: VersionVector,
    /// The losing values, by field.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub lost: serde_json::Map<String, serde_json::Value>,
    /// A delete lost to an edit.
    pub lost_delete: bool,
    /// When the server merged, by its clock.
    pub at: chrono::DateTime<chrono::Utc>,
    /// How a supervisor settled it; none while it waits.
    pub settled: Option<Settlement>,
}

/// How a conflict was settled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settlement {
    /// Who settled it, by name.
    pub by: String,
    /// When, by the server's clock.
    pub at: chrono::DateTime<chrono::Utc>,
    /// The lost fields taken back into the record (none: the merge stood).
    pub took: Vec<String>,
    /// The lost delete was carried out.
    pub deleted: bool,
}

/// Which conflicts to list.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[serde(deny_unknown_fields)]
pub struct ConflictQuery {
    /// Only those waiting to be settled.
    #[serde(default)]
    pub open: bool,
}

/// A conflict with the record as it stands now, to set side by side.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictDetail {
    /// The conflict.
    pub conflict: ConflictRow,
    /// The record's current version.
    pub current: Record,
    /// The lost fields a settlement may take back (see [`crate::merge::takeable`]).
    pub takeable: Vec<String>,
}

/// A supervisor's settlement of a conflict: take nothing back (the merge
/// stands), some lost fields, all of them, or the lost delete. Anything
/// taken back is written as the record's next version.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SettleConflict {
    /// The record's version the supervisor saw (compare-and-set).
    pub if_vv: VersionVector,
    /// Lost fields to take back, each one of the conflict's.
    #[serde(default)]
    pub take: Vec<String>,
    /// Carry out the lost delete.
    #[serde(default)]
    pub delete: bool,
}

/// What a proposed contact policy would have done with yesterday's visits
/// and calls in its country, beside what the policy in force did.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyPreview {
    /// Yesterday, in the country's main zone.
    pub day: chrono::NaiveDate,
    /// Visits and calls of that day judged again.
    pub judged: u32,
    /// Of those, refused by the policy in force.
    pub refused_now: u32,
    /// Refused by the proposed policy.
    pub refused_proposed: u32,
    /// Let through flagged (justified) by the proposed policy.
    pub flagged_proposed: u32,
    /// The ones the proposed policy refuses that the one in force let
    /// through, the first [`PREVIEW_EXAMPLES`] of them by time.
    pub newly_refused: Vec<PreviewedContact>,
}

/// How many examples a policy preview lists.
pub const PREVIEW_EXAMPLES: usize = 50;

/// A visit or call a proposed policy judges otherwise.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewedContact {
    /// The record.
    pub record_id: RecordId,
    /// Visit or call.
    pub kind: RecordKind,
    /// When it started.
    pub at: chrono::DateTime<chrono::Utc>,
    /// The gestor's name.
    pub gestor_name: String,
    /// The debtor's name.
    pub debtor_name: String,
    /// Why the proposed policy refuses it.
    pub breaches: Vec<crate::contact::Breach>,
}

/// Accounts to move to a gestor: a reassignment's preview, or its apply.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ReassignRequest {
    /// Which accounts.
    pub selection: crate::workload::Selection,
    /// To whom.
    pub to: UserId,
    /// For an apply: how many accounts the preview said would move. If the
    /// selection now moves another number, the apply is refused as stale.
    #[serde(default)]
    pub expect: Option<u32>,
}

/// A reassignment applied, or undone.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReassignmentDone {
    /// The reassignment, to undo it.
    pub id: ReassignmentId,
    /// Accounts moved (or moved back).
    pub accounts: u32,
}

/// A bulk reassignment, as its list shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReassignmentRow {
    /// The reassignment.
    pub id: ReassignmentId,
    /// When it was applied.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Who applied it.
    pub by_name: String,
    /// The gestor who received the accounts.
    pub to_name: String,
    /// Accounts moved.
    pub accounts: u32,
    /// When it was undone, if it was.
    pub undone_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// What revoking a user's sessions did.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevokeResponse {
    /// Sessions that were live and now are not.
    pub revoked: u64,
}

/// One office write, for admins: who did what, and when.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditRow {
    /// The entry: pass it as `before` for the older ones.
    pub id: String,
    /// When, by the server's clock.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Who (`None`: the operator at the command line).
    pub user: Option<UserId>,
    /// Their login, as it was when read.
    pub login: Option<String>,
    /// What: `sign_in`, `sign_out`, `assign`, `reassign_bulk`, `reassign_undo`, `review`,
    /// `plan_decision`, `edit`, `delete`, `import`, `import_payments`, `conflict_settle`,
    /// `policy`, `revoke_sessions`.
    pub action: String,
    /// The debtor, record or user acted on.
    pub target: Option<String>,
    /// The particulars (the new gestor, the fields changed, the counts imported).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub detail: serde_json::Value,
}

/// A territory with its name.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TerritoryInfo {
    /// Its id.
    pub id: TerritoryId,
    /// Its name.
    pub name: String,
}

/// How much of a photo the server holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoStatus {
    /// Bytes held; the next chunk starts here.
    pub received: u64,
    /// Bytes the visit declares.
    pub bytes: u32,
    /// Whole and checked against its name.
    pub complete: bool,
}

/// Where a photo chunk goes.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(deny_unknown_fields)]
pub struct PhotoChunk {
    /// The byte of the photo the chunk starts at: what the server holds.
    pub offset: u64,
}
