//! Conflicts as a supervisor settles them: what the merge lost, beside the
//! record as it stands now, and taken back (some fields, all of them, or the
//! lost delete) as the record's next version. Keeping the merge writes
//! nothing; either way the conflict leaves the queue, with who and when.

use campo_core::{
    RecordBody, RecordKind,
    ids::ConflictId,
    merge,
    wire::{ConflictDetail, SettleConflict, UserInfo},
};
use serde_json::{Map, Value, json};

use crate::{
    error::ApiError,
    office::{self, visible_record},
    promises,
    store::{StoreError, Tx},
};

/// A conflict in the user's scope with its record's current version;
/// anything else is not found.
pub fn detail(tx: &mut dyn Tx, user: &UserInfo, id: ConflictId) -> Result<ConflictDetail, ApiError> {
    let conflict = tx.conflict(id)?.ok_or(ApiError::NotFound)?;
    let current = visible_record(tx, user, conflict.record_id)?.record;
    let takeable = conflict.lost.keys().filter(|f| merge::takeable(current.kind, f)).cloned().collect();
    Ok(ConflictDetail { conflict, current, takeable })
}

/// Settles a conflict if the record is still at the version the supervisor
/// saw and nobody settled it first.
pub fn settle(
    tx: &mut dyn Tx,
    user: &UserInfo,
    id: ConflictId,
    req: SettleConflict,
) -> Result<ConflictDetail, ApiError> {
    let conflict = tx.conflict(id)?.ok_or(ApiError::NotFound)?;
    let current = visible_record(tx, user, conflict.record_id)?;
    if conflict.settled.is_some() || current.record.vv != req.if_vv {
        return Err(ApiError::Stale);
    }
    if req.delete && !conflict.lost_delete {
        return Err(ApiError::Malformed("en este conflicto no se perdió un borrado".into()));
    }
    if req.delete && !req.take.is_empty() {
        return Err(ApiError::Malformed("elige entre aplicar el borrado o recuperar datos, no las dos cosas".into()));
    }
    if req.delete {
        office::may_delete(user, current.record.kind)?;
    }
    if !req.take.is_empty() || req.delete {
        let kind = current.record.kind;
        let now: Map<String, Value> = serde_json::from_str(current.record.body.get())
            .map_err(|e| StoreError::Corrupt { what: "a record's body", detail: e.to_string() })?;
        let body = merge::take_back(kind, &now, &conflict.lost, &req.take)
            .map_err(|field| ApiError::Malformed(format!("«{field}» no se puede recuperar en este conflicto")))?;
        let body = RecordBody::parse(kind, &Value::Object(body).to_string())?;
        // A record deleted since the merge stays deleted: taking a value
        // back does not bring it back.
        office::write_next(tx, &current, &body, req.delete || current.record.deleted, Some(user.id))?;
        if matches!(kind, RecordKind::Promise | RecordKind::Payment) {
            promises::derive_account(tx, current.record.debtor_id, chrono::Utc::now())?;
        }
    }
    if !tx.settle_conflict(id, user.id, &req.take, req.delete)? {
        return Err(ApiError::Stale);
    }
    let detail = json!({ "record": conflict.record_id, "took": req.take, "deleted": req.delete });
    office::audit(tx, user, "conflict_settle", id, detail)?;
    self::detail(tx, user, id)
}
