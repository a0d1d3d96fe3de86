//! Push and pull: how a device's writes land and how it hears of everything else.
//!
//! Both run inside one storage transaction supplied by the caller, so a push is
//! all-or-nothing and its idempotency entry commits with it. See docs/sync.md.

use std::collections::HashSet;

use campo_core::{
    Record, RecordBody,
    contact::{Country, policy::ContactPolicy},
    ids::{DebtorId, ReplicaId, UserId},
    merge::{self, Side, Writer},
    record::raw,
    rules::{self, ContactRules, GestorWrite, Landing, Refusal, RulesNeed},
    vv::Causality,
    wire::{
        PullPage, PullQuery, PushOutcome, PushRecord, PushRequest, PushResponse, PushResult, Rejection, RejectionCode,
    },
};
use serde_json::{Map, Value};

use crate::{
    store::{NewConflict, StoreResult, StoredRecord, StoredVersion, Tx},
    write::{self, NewVersion},
};

/// Items in a pull page unless the device asks for fewer.
pub const DEFAULT_PAGE_ITEMS: u32 = 5000;
/// The most items a device may ask for in one page.
pub const MAX_PAGE_ITEMS: u32 = 5000;
/// Body bytes in a pull page unless the device asks for fewer, and the most
/// it may ask for: every page in flight is held in memory until it is sent.
pub const MAX_PAGE_BYTES: u32 = 4 * 1024 * 1024;

/// The device behind a push.
#[derive(Clone, Copy, Debug)]
pub struct Pusher {
    /// The signed-in gestor.
    pub user: UserId,
    /// Their device install.
    pub replica: ReplicaId,
    /// The server's clock minus the device's as it sent the push, in
    /// milliseconds, if it said (see [`campo_core::wire::DEVICE_TIME_HEADER`]).
    pub clock_skew_ms: Option<i64>,
}

/// Whether a replica claiming `clock` was restored from a backup: the server
/// has seen it claim more.
pub fn clock_went_back(tx: &mut dyn Tx, replica: ReplicaId, clock: u64) -> StoreResult<bool> {
    Ok(clock < known_clock(tx, replica)?)
}

fn known_clock(tx: &mut dyn Tx, replica: ReplicaId) -> StoreResult<u64> {
    Ok(tx.replica(replica)?.map_or(0, |r| r.clock))
}

/// Whether the push shows the device was restored from a backup: its clock
/// is behind what it claimed before, or it reuses a write name (replica and
/// counter) for a different write.
pub fn is_rewound(tx: &mut dyn Tx, pusher: Pusher, req: &PushRequest) -> StoreResult<bool> {
    let known = known_clock(tx, pusher.replica)?;
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
    let rules = PushRules::read(tx, pusher.user, req.cursor)?;
    let mut results = Vec::with_capacity(req.records.len());
    for pushed in &req.records {
        let keeps = !to_purge.contains(&pushed.record.debtor_id);
        let outcome = match push_one(tx, pusher, req.replica_clock, pushed, keeps, &rules)? {
            Ok(result) => result,
            Err(reason) => PushResult {
                id: pushed.record.id,
                outcome: PushOutcome::Rejected { reason },
                after_reassignment: false,
            },
        };
        results.push(outcome);
    }
    // Only writes the server keeps vouch for the device's clock: a claim
    // alone (a forged or broken push whose records were all refused) would
    // make the real device look restored from a backup on its next sync.
    let vouched = req
        .records
        .iter()
        .zip(&results)
        .filter(|(_, result)| !matches!(result.outcome, PushOutcome::Rejected { .. }))
        .map(|(pushed, _)| pushed.record.vv.get(pusher.replica))
        .max();
    if let Some(clock) = vouched {
        tx.set_replica_clock(pusher.replica, clock)?;
    }
    Ok(PushResponse { results })
}

fn refuse(code: RejectionCode, message: impl Into<String>) -> Rejection {
    Rejection { code, message: message.into(), error: None, breaches: Vec::new(), justifiable: false }
}

/// A refusal of the write rules, as the device hears it.
fn rejection(refusal: Refusal) -> Rejection {
    match refusal {
        Refusal::Invalid(e) => invalid(e),
        Refusal::OtherRecord => refuse(RejectionCode::InvalidRecord, refusal.to_string()),
        Refusal::MayNotCreate { .. } | Refusal::MayNotEdit { .. } | Refusal::LenderField { .. } => {
            refuse(RejectionCode::NotAllowed, refusal.to_string())
        }
        Refusal::PromiseStatus { .. } => refuse(RejectionCode::PromiseStatus, refusal.to_string()),
        Refusal::PlanApproval | Refusal::DiscountNeedsApproval { .. } | Refusal::PlanDecided => {
            refuse(RejectionCode::PlanApproval, refusal.to_string())
        }
        Refusal::PlanBalance { .. } => refuse(RejectionCode::PlanBalance, refusal.to_string()),
        Refusal::Contact { ref breaches, justifiable } => Rejection {
            breaches: breaches.clone(),
            justifiable,
            ..refuse(RejectionCode::ContactRule, refusal.to_string())
        },
    }
}

fn invalid(error: campo_core::DomainError) -> Rejection {
    Rejection {
        code: RejectionCode::InvalidRecord,
        message: error.to_string(),
        error: Some(error),
        breaches: Vec::new(),
        justifiable: false,
    }
}

/// What a push's records are judged by, read once for the batch.
struct PushRules {
    /// Each country's policy versions a message may have been written
    /// under, newest (the one in force) first: back to the one in force at
    /// the device's cursor, what it held as it wrote.
    countries: Vec<Vec<ContactPolicy>>,
    /// The pushing gestor's name, which their messages give.
    gestor: String,
}

impl PushRules {
    fn read(tx: &mut dyn Tx, gestor: UserId, cursor: u64) -> StoreResult<Self> {
        let countries = Country::ALL
            .into_iter()
            .map(|country| tx.policies_since(country, Some(cursor)))
            .collect::<StoreResult<_>>()?;
        let gestor = tx.user(gestor)?.map(|u| u.name).unwrap_or_default();
        Ok(Self { countries, gestor })
    }

    /// The contact rules a pushed `body` is judged by, as the server holds
    /// them: the policy in force in the account's country, the account's
    /// zone and flags, and every gestor's attempts on the debtor that week,
    /// or for a message the earlier policy versions it may have been written under.
    fn of(&self, tx: &mut dyn Tx, record: &Record, body: &RecordBody) -> StoreResult<Option<ContactRules>> {
        let need = RulesNeed::of(body);
        if need == RulesNeed::Nothing {
            return Ok(None);
        }
        let Some((country, account)) = tx.contact_account(record.debtor_id)? else { return Ok(None) };
        let Some([policy, earlier @ ..]) =
            self.countries.iter().find(|v| v.first().is_some_and(|p| p.country == country)).map(Vec::as_slice)
        else {
            return Ok(None);
        };
        let history = match need {
            RulesNeed::AccountAndAttempts { since } => tx.attempts(record.debtor_id, since, record.id)?,
            _ => Vec::new(),
        };
        let earlier = if matches!(body, RecordBody::Message(_)) { earlier.to_vec() } else { Vec::new() };
        Ok(Some(ContactRules { policy: policy.clone(), account, history, earlier, gestor: self.gestor.clone() }))
    }
}

/// One pushed record: its result, or why it is refused (and nothing stored).
/// `keeps`: the device will hold the version it pushed (see [`push`]).
fn push_one(
    tx: &mut dyn Tx,
    pusher: Pusher,
    clock: u64,
    pushed: &PushRecord,
    keeps: bool,
    rules: &PushRules,
) -> StoreResult<Result<PushResult, Rejection>> {
    let record = &pushed.record;
    let id = record.id;
    // A device writes under its own name only, each write once, on top of a
    // version the server issued: any other entry in its vector would be a
    // claim to have seen writes that never happened, which would silently
    // win over real ones.
    let counter = record.vv.get(pusher.replica);
    let well_formed = counter > pushed.base_vv.get(pusher.replica)
        && counter <= clock
        && record.vv == pushed.base_vv.clone().with_write(pusher.replica, counter);
    if !well_formed {
        return Ok(Err(refuse(
            RejectionCode::InvalidRecord,
            "la versión del registro no corresponde a este dispositivo",
        )));
    }
    // Scope first: outside it, nothing about the record is told.
    let owner = tx.assignee(record.debtor_id)?;
    let after_reassignment = match owner {
        Some(gestor) if gestor == pusher.user => false,
        _ if tx.was_assigned(record.debtor_id, pusher.user)? => true,
        _ => return Ok(Err(refuse(RejectionCode::NotFound, "no existe el deudor o no lo tienes asignado"))),
    };
    let base = if pushed.base_vv.is_empty() { None } else { tx.version(id, &pushed.base_vv)? };
    if !pushed.base_vv.is_empty() && base.is_none() {
        return Ok(Err(refuse(
            RejectionCode::InvalidRecord,
            "el registro parte de una versión que el servidor nunca emitió",
        )));
    }
    let current = tx.record(id)?;
    let body = match record.parse_body() {
        Ok(body) => body,
        Err(e) => return Ok(Err(invalid(e))),
    };
    // The whole account is read only for money, whose currency must be its
    // own, and for a message, which goes only to its numbers: a visit does
    // not pay for parsing it (measured: 18% of a push).
    let needs_account = body.currency().is_some() || matches!(body, RecordBody::Message(_));
    let account = if needs_account {
        match tx.record(record.debtor_id.into())?.map(|a| a.record.parse_body()) {
            Some(Ok(RecordBody::Debtor(debtor))) => Some(debtor),
            _ => None,
        }
    } else {
        None
    };
    let rules = rules.of(tx, record, &body)?;
    let write = GestorWrite { debtor_id: record.debtor_id, body: &body, json: &record.body, deleted: record.deleted };
    let landing = Landing {
        current: current.as_ref().map(|c| &c.record),
        edited: base.as_ref().map(|v| &v.record),
        account: account.as_ref(),
        contact: rules.as_ref(),
    };
    let mut judgement = match rules::check_gestor_write(&write, &landing) {
        Ok(judgement) => judgement,
        Err(refusal) => return Ok(Err(rejection(refusal))),
    };

    let writer = Writer { replica: pusher.replica, office: false };
    // Two writes the rules let through alone may merge into one they refuse
    // (one changes who was reached, the other the outcome): the merge is
    // judged as the version it will be, before anything is stored.
    let merge = match &current {
        Some(cur)
            if record.vv.compare(&cur.record.vv) == Causality::Concurrent && !same_content(record, &cur.record) =>
        {
            let merged = plan_merge(record, writer, cur, base.as_ref());
            let json = raw(Value::Object(merged.body.clone()).to_string());
            let Ok(merged_body) = RecordBody::parse(record.kind, json.get()) else {
                return Ok(Err(refuse(
                    RejectionCode::InvalidRecord,
                    "la combinación con la versión del servidor no es válida",
                )));
            };
            let write =
                GestorWrite { debtor_id: record.debtor_id, body: &merged_body, json: &json, deleted: merged.deleted };
            let landing = Landing {
                current: Some(&cur.record),
                edited: None,
                account: account.as_ref(),
                contact: rules.as_ref(),
            };
            judgement = match rules::check_gestor_write(&write, &landing) {
                Ok(judgement) => judgement,
                Err(refusal) => return Ok(Err(rejection(refusal))),
            };
            Some(merged)
        }
        _ => None,
    };
    let mine = NewVersion {
        record: record.clone(),
        user: Some(pusher.user),
        after_reassignment,
        device_skew_ms: pusher.clock_skew_ms,
    };
    write::record_version(tx, &mine, writer)?;
    let pushed_by = keeps.then_some(pusher.replica);
    // A gestor the debtor has left hears nothing of what others wrote since:
    // answers name their own version (the device keeps none of it anyway).
    let shown = |current: Record| if after_reassignment { record.clone() } else { current };
    // The version that becomes current, which a verdict describes; none
    // when the server had the write already.
    let (outcome, judged) = match (current, merge) {
        (None, _) => {
            write::make_current(tx, &mine, writer, None, pushed_by)?;
            (PushOutcome::Accepted, Some(record.clone()))
        }
        (Some(cur), Some(merged)) => {
            let merged = resolve(tx, &mine, &cur, merged)?;
            let judged = merged.current.clone();
            (PushOutcome::Merged { current: shown(merged.current), conflict: merged.conflict }, Some(judged))
        }
        (Some(cur), None) => match record.vv.compare(&cur.record.vv) {
            Causality::After => {
                write::make_current(tx, &mine, writer, Some(&cur), pushed_by)?;
                (PushOutcome::Accepted, Some(record.clone()))
            }
            // Seen already, or the same write sent again under a new name (a
            // device signed in again re-stamps what it had not heard back about).
            Causality::Equal | Causality::Before | Causality::Concurrent => {
                (PushOutcome::AlreadyKnown { current: shown(cur.record) }, None)
            }
        },
    };
    if let (Some(judgement), Some(judged)) = (&judgement, &judged) {
        tx.put_judgement(judged, judgement)?;
    }
    // A promise new or changed (its amount, its date, a cancel that frees
    // money for the others) is derived again with the account's payments.
    if judged.is_some() && matches!(body, RecordBody::Promise(_)) {
        crate::promises::derive_account(tx, record.debtor_id, chrono::Utc::now())?;
    }
    // The photos' bytes follow; the gestor who recorded the visit may upload them.
    if let RecordBody::Visit(visit) = &body {
        for photo in &visit.photos {
            tx.put_record_blob(id, photo)?;
        }
    }
    Ok(Ok(PushResult { id, outcome, after_reassignment }))
}

fn object(body: &serde_json::value::RawValue) -> Option<Map<String, Value>> {
    serde_json::from_str(body.get()).ok()
}

/// Whether two versions say the same, whatever their vectors.
fn same_content(a: &Record, b: &Record) -> bool {
    a.deleted == b.deleted && object(&a.body).is_some_and(|body| Some(body) == object(&b.body))
}

/// What [`resolve`] made of two concurrent versions.
pub(crate) struct Resolved {
    /// The new current version.
    pub current: Record,
    /// Whether values were lost to the tie-break.
    pub conflict: bool,
}

/// How a new version and the concurrent current one merge (see [`merge`]).
fn plan_merge(
    incoming: &Record,
    writer: Writer,
    current: &StoredRecord,
    ancestor: Option<&StoredVersion>,
) -> merge::Merged {
    let mine = object(&incoming.body).unwrap_or_default();
    let theirs = object(&current.record.body).unwrap_or_default();
    let base = ancestor.and_then(|a| object(&a.record.body));
    let a = Side { body: &mine, deleted: incoming.deleted, writer };
    let b = Side { body: &theirs, deleted: current.record.deleted, writer: current.writer };
    merge::merge(current.record.kind, base.as_ref(), a, b)
}

/// Stores `merged`, the merge of a new version with the concurrent current
/// one, as a write of the server's own replica, and files a conflict if
/// values were lost.
fn resolve(
    tx: &mut dyn Tx,
    incoming: &NewVersion,
    current: &StoredRecord,
    merged: merge::Merged,
) -> StoreResult<Resolved> {
    let kind = current.record.kind;
    let joined = Record {
        vv: incoming.record.vv.join(&current.record.vv),
        deleted: merged.deleted,
        body: raw(Value::Object(merged.body.clone()).to_string()),
        ..current.record.clone()
    };
    let after_reassignment = incoming.after_reassignment || current.after_reassignment;
    let merge = NewVersion { record: joined, user: None, after_reassignment, device_skew_ms: None };
    let record = write::office_write(tx, merge, Some(current))?;
    let conflict = merged.is_conflict();
    if conflict {
        tx.put_conflict(&NewConflict {
            record_id: record.id,
            kind,
            debtor_id: record.debtor_id,
            merged_vv: record.vv.clone(),
            lost: merged.lost,
            lost_delete: merged.lost_delete,
        })?;
    }
    Ok(Resolved { current: record, conflict })
}

/// A page of `gestor`'s feed after `query.cursor` for their device `replica`,
/// bounded by count and bytes.
pub fn pull(tx: &mut dyn Tx, gestor: UserId, replica: Option<ReplicaId>, query: &PullQuery) -> StoreResult<PullPage> {
    let limit = query.limit.unwrap_or(DEFAULT_PAGE_ITEMS).clamp(1, MAX_PAGE_ITEMS);
    let max_bytes = query.max_bytes.unwrap_or(MAX_PAGE_BYTES).min(MAX_PAGE_BYTES) as usize;
    let rows = tx.feed(gestor, replica, query.cursor, limit + 1, max_bytes)?;
    let (mut cursor, mut taken, mut bytes) = (query.cursor, 0, 0usize);
    while let Some(&(seq, _, _)) = rows.get(taken) {
        // A position's items (a grant and the debtor's history) go in one
        // page: a cursor cannot point inside a position.
        let at = rows[taken..].iter().take_while(|(s, _, _)| *s == seq);
        let (count, size) = at.fold((0, 0), |(count, size), (_, _, body)| (count + 1, size + body));
        let fits = taken == 0 || (taken + count <= limit as usize && bytes + size <= max_bytes);
        if !fits {
            break;
        }
        (cursor, taken, bytes) = (seq, taken + count, bytes + size);
    }
    let more = taken < rows.len();
    let items = rows.into_iter().take(taken).map(|(_, item, _)| item).collect();
    Ok(PullPage { items, cursor, more })
}
