//! What sync had to tell the gestor: accounts reassigned away, records
//! refused, conflicts merged, work recorded after a reassignment. A notice
//! carries facts (its kind, the debtor's name, the record's kind, the
//! server's reason) for the app to word in the gestor's language; `detail` is
//! the same in Spanish, for the headless CLI.

use campo_core::{
    Record, RecordKind,
    ids::{DebtorId, RecordId},
    wire::Rejection,
};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{Store, corrupt, now, parse_id};
use crate::error::Result;

/// What a notice is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// The account was reassigned to another gestor and left this device.
    Revoked,
    /// The server refused one of the gestor's records; it waits on the device.
    Rejected,
    /// The gestor's record was kept, though the account had left them.
    AfterReassignment,
    /// The gestor's change met a concurrent one; both were merged.
    Conflict,
}

impl NoticeKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Revoked => "revoked",
            Self::Rejected => "rejected",
            Self::AfterReassignment => "after_reassignment",
            Self::Conflict => "conflict",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        [Self::Revoked, Self::Rejected, Self::AfterReassignment, Self::Conflict]
            .into_iter()
            .find(|k| k.as_str() == text)
            .ok_or_else(|| corrupt("notice kind", text))
    }
}

/// Something sync had to tell the gestor.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Notice {
    /// Its id.
    pub id: i64,
    /// When (UTC).
    pub at: String,
    /// What it is about.
    pub kind: NoticeKind,
    /// The debtor concerned.
    pub debtor_id: Option<DebtorId>,
    /// The debtor's name when it happened; `None` if this device never held the account.
    pub debtor_name: Option<String>,
    /// The record concerned.
    pub record_id: Option<RecordId>,
    /// Its kind: visit, call, promise…
    pub record_kind: Option<RecordKind>,
    /// For a revoked account: the gestor's writes on it still to be sent.
    pub waiting: u64,
    /// For a refused record: the server's reason.
    pub reason: Option<Rejection>,
    /// What happened, in Spanish.
    pub detail: String,
}

/// A notice to record, about the account `debtor` (and `record`, if one).
pub(super) struct NewNotice<'a> {
    pub kind: NoticeKind,
    pub debtor: DebtorId,
    pub record: Option<&'a Record>,
    pub waiting: u64,
    pub reason: Option<&'a Rejection>,
}

impl NewNotice<'_> {
    /// The notice in Spanish, for the CLI.
    fn detail(&self, name: Option<&str>) -> String {
        let name = name.unwrap_or("una cuenta que ya no está en este dispositivo");
        match self.kind {
            NoticeKind::Revoked if self.waiting == 0 => {
                format!("la cuenta de {name} se reasignó a otro gestor y se quitó de este dispositivo")
            }
            NoticeKind::Revoked => format!(
                "la cuenta de {name} se reasignó a otro gestor; tus {} registros pendientes sobre ella se enviarán al servidor",
                self.waiting
            ),
            NoticeKind::Rejected => format!(
                "el servidor rechazó un registro sobre {name}: {}",
                self.reason.map_or("sin motivo", |r| r.message.as_str())
            ),
            NoticeKind::AfterReassignment => {
                format!("tu registro sobre {name} se guardó, aunque la cuenta ya está asignada a otro gestor")
            }
            NoticeKind::Conflict => format!(
                "tu cambio sobre {name} coincidió con otro; se combinaron y el supervisor puede ver los valores descartados"
            ),
        }
    }
}

/// Records `notice`, naming the debtor as this device holds it now: a
/// revoked account's notice is added before its records go.
pub(super) fn add_notice(tx: &Transaction<'_>, notice: NewNotice<'_>) -> Result<()> {
    let name = held_debtor_name(tx, notice.debtor)?;
    let reason = notice.reason.map(serde_json::to_string).transpose().map_err(|e| corrupt("reason", e))?;
    tx.prepare_cached(
        "INSERT INTO notices (at, kind, debtor_id, debtor_name, record_id, record_kind, waiting, reason, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        now(),
        notice.kind.as_str(),
        notice.debtor.to_string(),
        name,
        notice.record.map(|r| r.id.to_string()),
        notice.record.map(|r| r.kind.as_str()),
        notice.waiting,
        reason,
        notice.detail(name.as_deref()),
    ])?;
    Ok(())
}

/// The debtor's name, if this device holds the account.
pub(super) fn held_debtor_name(tx: &Transaction<'_>, debtor: DebtorId) -> Result<Option<String>> {
    Ok(tx
        .query_row("SELECT json_extract(body, '$.name') FROM records WHERE id = ?1", [debtor.to_string()], |r| r.get(0))
        .optional()?
        .flatten())
}

impl Store {
    /// Notices not yet marked seen, newest first.
    pub fn notices(&self) -> Result<Vec<Notice>> {
        self.read(|tx| {
            tx.prepare(
                "SELECT id, at, kind, debtor_id, debtor_name, record_id, record_kind, waiting, reason, detail
                 FROM notices WHERE NOT seen ORDER BY id DESC",
            )?
            .query_and_then([], |r| {
                let debtor: Option<String> = r.get(3)?;
                let record: Option<String> = r.get(5)?;
                let record_kind: Option<String> = r.get(6)?;
                let reason: Option<String> = r.get(8)?;
                Ok(Notice {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    kind: NoticeKind::parse(&r.get::<_, String>(2)?)?,
                    debtor_id: debtor.as_deref().map(parse_id).transpose()?,
                    debtor_name: r.get(4)?,
                    record_id: record.as_deref().map(parse_id).transpose()?,
                    record_kind: record_kind.as_deref().map(str::parse).transpose()?,
                    waiting: r.get(7)?,
                    reason: reason.as_deref().map(parse_rejection).transpose()?,
                    detail: r.get(9)?,
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

/// A refusal as stored beside a notice or a pending write.
pub(super) fn parse_rejection(json: &str) -> Result<Rejection> {
    serde_json::from_str(json).map_err(|e| corrupt("rejection", e))
}
