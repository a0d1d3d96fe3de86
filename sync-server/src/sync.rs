//! Push and pull: how a device's writes land and how it hears of everything else.
//!
//! Both run inside one storage transaction supplied by the caller, so a push is
//! all-or-nothing and its idempotency entry commits with it. See docs/sync.md.

use std::collections::HashSet;

use campo_core::{
    Record, RecordBody, RecordKind, VersionVector,
    ids::{DebtorId, RecordId, ReplicaId, UserId},
    merge::{self, Merged, Side, Writer},
    record::raw,
    vv::Causality,
    wire::{
        ConflictRow, FeedItem, PullPage, PullQuery, PushOutcome, PushRecord, PushRequest, PushResponse, PushResult,
        Rejection, RejectionCode,
    },
};
use serde_json::{Map, Value};

use crate::store::{StoreResult, StoredRecord, StoredVersion, Tx};

/// Items in a pull page unless the device asks for fewer.
pub const DEFAULT_PAGE_ITEMS: u32 = 5000;
/// The most items a device may ask for in one page.
pub const MAX_PAGE_ITEMS: u32 = 5000;
/// Body bytes in a pull page unless the device asks for fewer.
pub const DEFAULT_PAGE_BYTES: u32 = 4 * 1024 * 1024;

/// The device behind a push.
#[derive(Clone, Copy, Debug)]
pub struct Pusher {
    /// The signed-in gestor.
    pub user: UserId,
    /// Their device install.
    pub replica: ReplicaId,
}

/// Whether the push shows the device was restored from a backup: its clock
/// is behind what it claimed before, or it reuses a write name (replica and
/// counter) for a different write.
pub fn is_rewound(tx: &mut dyn Tx, pusher: Pusher, req: &PushRequest) -> StoreResult<bool> {
    let known = tx.replica(pusher.replica)?.map_or(0, |r| r.clock);
    if req.replica_clock < known {
        return Ok(true);
    }
    for pushed in &req.records {
        let record = &pushed.record;
        let counter = record.vv.get(pusher.replica);
        // Every name in use is at or below the clock: a fresh write needs no lookup.
        if counter > known {
            continue;
        }
        if let Some((id, vv)) = tx.write_by_dot(pusher.replica, counter)?
            && (id != record.id || vv != record.vv)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Applies a batch; one result per record, in order. The caller has checked
/// that the replica is not rewound.
pub fn push(tx: &mut dyn Tx, pusher: Pusher, req: &PushRequest) -> StoreResult<PushResponse> {
    // The device purges these debtors when it pulls their revocation, so it
    // must hear again of every record it writes on them now.
    let to_purge: HashSet<DebtorId> = tx.revoked_after(pusher.user, req.cursor)?.into_iter().collect();
    let mut results = Vec::with_capacity(req.records.len());
    for pushed in &req.records {
        let keeps = !to_purge.contains(&pushed.record.debtor_id);
        results.push(push_one(tx, pusher, req.replica_clock, pushed, keeps)?);
    }
    tx.set_replica_clock(pusher.replica, req.replica_clock)?;
    Ok(PushResponse { results })
}

fn rejected(
    id: RecordId,
    code: RejectionCode,
    message: impl Into<String>,
    error: Option<campo_core::DomainError>,
) -> PushResult {
    PushResult {
        id,
        outcome: PushOutcome::Rejected { reason: Rejection { code, message: message.into(), error } },
        after_reassignment: false,
    }
}

fn invalid(id: RecordId, error: campo_core::DomainError) -> PushResult {
    rejected(id, RejectionCode::InvalidRecord, error.to_string(), Some(error))
}

/// `keeps`: the device will hold the version it pushed (see [`push`]).
fn push_one(tx: &mut dyn Tx, pusher: Pusher, clock: u64, pushed: &PushRecord, keeps: bool) -> StoreResult<PushResult> {
    let record = &pushed.record;
    let id = record.id;
    if !record.kind.device_may_edit() {
        return Ok(rejected(
            id,
            RejectionCode::NotAllowed,
            format!("un gestor no puede escribir registros de tipo {}", record.kind),
            None,
        ));
    }
    let counter = record.vv.get(pusher.replica);
    let well_formed = counter > pushed.base_vv.get(pusher.replica)
        && counter <= clock
        && record.vv == pushed.base_vv.clone().with_write(pusher.replica, counter);
    if !well_formed {
        return Ok(rejected(
            id,
            RejectionCode::InvalidRecord,
            "la versión del registro no corresponde a este dispositivo",
            None,
        ));
    }
    let owner = tx.assignee(record.debtor_id)?;
    let after_reassignment = match owner {
        Some(gestor) if gestor == pusher.user => false,
        _ if tx.was_assigned(record.debtor_id, pusher.user)? => true,
        _ => return Ok(rejected(id, RejectionCode::NotFound, "no existe el deudor o no lo tienes asignado", None)),
    };
    let current = tx.record(id)?;
    match &current {
        Some(cur) if cur.record.debtor_id != record.debtor_id || cur.record.kind != record.kind => {
            return Ok(rejected(id, RejectionCode::InvalidRecord, "el id ya pertenece a otro registro", None));
        }
        None if !record.kind.device_may_create() => {
            return Ok(rejected(
                id,
                RejectionCode::NotAllowed,
                format!("un gestor no puede crear registros de tipo {}", record.kind),
                None,
            ));
        }
        _ => {}
    }
    let body = match record.parse_body() {
        Ok(body) => body,
        Err(e) => return Ok(invalid(id, e)),
    };
    if let Some(currency) = body.currency()
        && let Some(account) = tx.record(record.debtor_id.into())?
        && let Ok(RecordBody::Debtor(debtor)) = account.record.parse_body()
        && let Err(e) = debtor.check_currency(currency)
    {
        return Ok(invalid(id, e));
    }
    if record.kind == RecordKind::Debtor {
        let base =
            tx.version(id, &pushed.base_vv)?.map(|v| v.record).or_else(|| current.as_ref().map(|c| c.record.clone()));
        if let Some(field) = base.and_then(|base| base.forbidden_device_edit(&record.body, record.deleted)) {
            return Ok(rejected(
                id,
                RejectionCode::NotAllowed,
                format!("el gestor no puede cambiar el campo {field} de la cuenta"),
                None,
            ));
        }
    }

    let writer = Writer { replica: pusher.replica, office: false };
    let mine = StoredVersion {
        record: record.clone(),
        writer,
        user: Some(pusher.user),
        after_reassignment,
        stored_at: crate::store::now(),
    };
    tx.put_version(&mine)?;
    let pushed_by = keeps.then_some(pusher.replica);
    let outcome = match current {
        None => {
            let stored =
                StoredRecord { record: record.clone(), owner, author: Some(pusher.user), writer, after_reassignment };
            store_new(tx, &stored, pushed_by)?;
            PushOutcome::Accepted
        }
        Some(cur) => match record.vv.compare(&cur.record.vv) {
            Causality::Equal | Causality::Before => PushOutcome::AlreadyKnown { current: cur.record },
            Causality::After => {
                let stored = StoredRecord {
                    record: record.clone(),
                    owner,
                    writer,
                    after_reassignment: after_reassignment || cur.after_reassignment,
                    ..cur
                };
                store_current(tx, &stored, pushed_by)?;
                PushOutcome::Accepted
            }
            Causality::Concurrent => {
                let ancestor = tx.version(id, &pushed.base_vv)?;
                let merged = resolve(tx, &mine, &cur, ancestor.as_ref())?;
                let conflict = merged.conflict;
                PushOutcome::Merged { current: merged.current, conflict }
            }
        },
    };
    Ok(PushResult { id, outcome, after_reassignment })
}

fn object(body: &serde_json::value::RawValue) -> Option<Map<String, Value>> {
    serde_json::from_str(body.get()).ok()
}

/// Stores a new record's first version at the next feed position;
/// `pushed_by` as in [`Tx::insert_record`].
pub(crate) fn store_new(tx: &mut dyn Tx, stored: &StoredRecord, pushed_by: Option<ReplicaId>) -> StoreResult<()> {
    let seq = tx.next_seq()?;
    tx.insert_record(stored, seq, pushed_by)
}

/// Makes `stored` an existing record's current version, at the next feed
/// position; `pushed_by` as in [`Tx::insert_record`].
pub(crate) fn store_current(tx: &mut dyn Tx, stored: &StoredRecord, pushed_by: Option<ReplicaId>) -> StoreResult<()> {
    let seq = tx.next_seq()?;
    tx.update_record(stored, seq, pushed_by)
}

/// What [`resolve`] made of two concurrent versions.
pub(crate) struct Resolved {
    /// The new current version.
    pub current: Record,
    /// Whether values were lost to the tie-break.
    pub conflict: bool,
}

/// Merges a new version with the concurrent current one, stores the result as a
/// write of the server's own replica, and files a conflict if values were lost.
pub(crate) fn resolve(
    tx: &mut dyn Tx,
    incoming: &StoredVersion,
    current: &StoredRecord,
    ancestor: Option<&StoredVersion>,
) -> StoreResult<Resolved> {
    let kind = current.record.kind;
    let mine = object(&incoming.record.body).unwrap_or_default();
    let theirs = object(&current.record.body).unwrap_or_default();
    let base = ancestor.and_then(|a| object(&a.record.body));
    let a = Side { body: &mine, deleted: incoming.record.deleted, writer: incoming.writer };
    let b = Side { body: &theirs, deleted: current.record.deleted, writer: current.writer };
    let merged = merge::merge(kind, base.as_ref(), a, b);
    let merged = if RecordBody::parse(kind, &Value::Object(merged.body.clone()).to_string()).is_ok() {
        merged
    } else {
        // Fields merged one by one can break a rule that spans fields (a plan's
        // instalments must add up): then the tie-break winner's whole version
        // stands, and every differing value of the other side is kept as lost.
        let (winner, loser) = if merge::wins_tie(kind, a.writer, b.writer) { (a, b) } else { (b, a) };
        let lost = loser
            .body
            .iter()
            .filter(|(k, v)| winner.body.get(*k) != Some(v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Merged {
            body: winner.body.clone(),
            deleted: winner.deleted,
            lost,
            lost_delete: loser.deleted && !winner.deleted,
        }
    };

    let (office, counter) = tx.next_office_write()?;
    let vv: VersionVector = incoming.record.vv.join(&current.record.vv).with_write(office, counter);
    let record = Record {
        id: current.record.id,
        debtor_id: current.record.debtor_id,
        kind,
        vv: vv.clone(),
        deleted: merged.deleted,
        body: raw(Value::Object(merged.body.clone()).to_string()),
    };
    let writer = Writer { replica: office, office: true };
    let after_reassignment = incoming.after_reassignment || current.after_reassignment;
    tx.put_version(&StoredVersion {
        record: record.clone(),
        writer,
        user: None,
        after_reassignment,
        stored_at: crate::store::now(),
    })?;
    let owner = tx.assignee(current.record.debtor_id)?;
    let stored = StoredRecord { record: record.clone(), owner, author: current.author, writer, after_reassignment };
    store_current(tx, &stored, None)?;
    let conflict = merged.is_conflict();
    if conflict {
        tx.put_conflict(&ConflictRow {
            record_id: record.id,
            kind,
            debtor_id: record.debtor_id,
            merged_vv: vv,
            lost: merged.lost,
            lost_delete: merged.lost_delete,
            at: chrono::Utc::now(),
        })?;
    }
    Ok(Resolved { current: record, conflict })
}

/// A page of `gestor`'s feed after `query.cursor` for their device `replica`,
/// bounded by count and bytes.
pub fn pull(tx: &mut dyn Tx, gestor: UserId, replica: Option<ReplicaId>, query: &PullQuery) -> StoreResult<PullPage> {
    let limit = query.limit.unwrap_or(DEFAULT_PAGE_ITEMS).clamp(1, MAX_PAGE_ITEMS);
    let max_bytes = query.max_bytes.unwrap_or(DEFAULT_PAGE_BYTES) as usize;
    let mut rows = tx.feed(gestor, replica, query.cursor, limit + 1)?.into_iter().peekable();
    let mut items: Vec<FeedItem> = Vec::new();
    let (mut cursor, mut bytes) = (query.cursor, 0usize);
    while let Some((seq, _, size)) = rows.peek() {
        let fits = items.len() < limit as usize && (items.is_empty() || bytes + size <= max_bytes);
        if !fits {
            break;
        }
        (cursor, bytes) = (*seq, bytes + size);
        let (_, item, _) = rows.next().unwrap_or_else(|| unreachable!("peeked"));
        items.push(item);
    }
    Ok(PullPage { items, cursor, more: rows.peek().is_some() })
}
