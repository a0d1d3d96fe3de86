//! What sync had to tell the gestor: accounts reassigned away, records
//! refused, conflicts merged, work recorded after a reassignment.

use campo_core::ids::{DebtorId, RecordId};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{Store, now, parse_id};
use crate::error::Result;

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

pub(super) fn add_notice(
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

/// The debtor's name, if this device holds the account.
pub(super) fn held_debtor_name(tx: &Transaction<'_>, debtor: DebtorId) -> Result<Option<String>> {
    Ok(tx
        .query_row("SELECT json_extract(body, '$.name') FROM records WHERE id = ?1", [debtor.to_string()], |r| r.get(0))
        .optional()?
        .flatten())
}

/// The debtor's name as a notice names it: never a raw id.
pub(super) fn debtor_name(tx: &Transaction<'_>, debtor: DebtorId) -> Result<String> {
    Ok(held_debtor_name(tx, debtor)?.unwrap_or_else(|| "una cuenta que ya no está en este dispositivo".into()))
}

impl Store {
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
}
