//! The one way a version becomes a record's current version on the server:
//! it joins the history, the record moves to the head of its gestor's feed,
//! and (for the server's own writes) a fresh counter of the office replica
//! names it. Push, merge, console edits and imports all write through here.

use campo_core::{
    Record, VersionVector,
    ids::{ReplicaId, UserId},
    merge::Writer,
};

use crate::store::{StoreError, StoreResult, StoredRecord, StoredVersion, Tx, now};

/// A version about to be written.
pub(crate) struct NewVersion {
    /// The version; for [`office_write`], its vector before the office's own entry.
    pub record: Record,
    /// The user behind the write (`None`: the operator, or a merge).
    pub user: Option<UserId>,
    /// Written by a gestor after the debtor left them.
    pub after_reassignment: bool,
    /// For a device's write, how far its clock was from the server's (see
    /// [`StoredVersion::device_skew_ms`]).
    pub device_skew_ms: Option<i64>,
}

/// Adds `version` to the record's history; `false` if that exact version was
/// there already (a device's retry).
pub(crate) fn record_version(tx: &mut dyn Tx, version: &NewVersion, writer: Writer) -> StoreResult<bool> {
    tx.put_version(&StoredVersion {
        record: version.record.clone(),
        writer,
        user: version.user,
        after_reassignment: version.after_reassignment,
        stored_at: now(),
        device_skew_ms: version.device_skew_ms,
    })
}

/// Makes a version already in the history the record's current one, at the
/// next feed position of the debtor's gestor. `current` is the version it
/// replaces (`None` for a new record); `pushed_by` as in [`Tx::insert_record`].
pub(crate) fn make_current(
    tx: &mut dyn Tx,
    version: &NewVersion,
    writer: Writer,
    current: Option<&StoredRecord>,
    pushed_by: Option<ReplicaId>,
) -> StoreResult<()> {
    let owner = tx.assignee(version.record.debtor_id)?;
    let seq = tx.next_seq()?;
    let stored = StoredRecord {
        record: version.record.clone(),
        owner,
        author: current.map_or(version.user, |c| c.author),
        writer,
        after_reassignment: version.after_reassignment || current.is_some_and(|c| c.after_reassignment),
    };
    match current {
        None => tx.insert_record(&stored, seq, pushed_by),
        Some(_) => tx.update_record(&stored, seq, pushed_by),
    }
}

/// A write of the server's own replica (console, import, merge): the next
/// office counter joins `version`'s vector, the result is stored and made
/// current. Never a silent no-op: a version that is somehow already stored is
/// an error, not a write dropped.
pub(crate) fn office_write(
    tx: &mut dyn Tx,
    mut version: NewVersion,
    current: Option<&StoredRecord>,
) -> StoreResult<Record> {
    let (office, counter) = tx.next_office_write()?;
    let vv: VersionVector = version.record.vv.clone().with_write(office, counter);
    version.record.vv = vv;
    let writer = Writer { replica: office, office: true };
    if !record_version(tx, &version, writer)? {
        return Err(StoreError::Corrupt {
            what: "versions",
            detail: format!("the office's write {counter} of {} is already stored", version.record.id),
        });
    }
    make_current(tx, &version, writer, current, None)?;
    Ok(version.record)
}
