//! The outbox: the gestor's writes until the server acknowledges them, and
//! the push batches they travel in.

use campo_core::{
    Record, RecordBody, RecordKind,
    activity::{Promise, PromiseStatus},
    ids::{DebtorId, RecordId},
    record::raw,
    rules::{self, GestorWrite, Landing, RulesNeed},
    wire::{PushOutcome, PushRecord, PushRequest, PushResponse, Rejection},
};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{
    Store, contact, corrupt,
    feed::{cursor, put_server_copies},
    local_record, next_counter,
    notices::{NewNotice, NoticeKind, add_notice},
    now, parse_vv, record_from,
    session::session,
    summary::SummaryFacts,
};
use crate::error::{DeviceError, Result};

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

/// A notice about the gestor's `record`.
fn notice<'a>(kind: NoticeKind, record: &'a Record, reason: Option<&'a Rejection>) -> NewNotice<'a> {
    NewNotice { kind, debtor: record.debtor_id, record: Some(record), waiting: 0, reason }
}

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

impl Store {
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
            let held = match account.record.parse_body() {
                Ok(RecordBody::Debtor(debtor)) => Some(debtor),
                _ => None,
            };
            let rules = match &held {
                Some(account) => {
                    contact::rules(tx, debtor_id, account, RulesNeed::of(body), Some(id), &session.user.name)?
                }
                None => None,
            };
            let write = GestorWrite { debtor_id, body, json: &raw(body.to_json()), deleted };
            let landing = Landing {
                current: current.as_ref().map(|c| &c.record),
                edited: None,
                account: held.as_ref(),
                contact: rules.as_ref(),
            };
            let judgement = rules::check_gestor_write(&write, &landing)?;
            if let RecordBody::Visit(visit) = body {
                let before = match current.as_ref().map(|c| c.record.parse_body()) {
                    Some(Ok(RecordBody::Visit(before))) => before.photos.clone(),
                    _ => Vec::new(),
                };
                super::photos::name(tx, debtor_id, &visit.photos, &before)?;
            }
            // What the device knew when it saved: the policy that judged the
            // contact, and how far the visit was from the account's addresses.
            let mut stamped = body.clone();
            if let Some(judgement) = judgement {
                stamped = stamped.judged_under(judgement.policy_version);
            }
            if let Some(account) = &held {
                stamped = stamped.measured_against(account);
            }
            let json = stamped.to_json();
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
                    next_action_on = excluded.next_action_on, rejected_code = NULL, rejected_message = NULL,
                    rejection = NULL",
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
            super::summary::refresh_summaries(tx)
        })
    }

    /// Records a new visit, call or promise on a debtor; returns its id.
    pub fn create(&self, debtor_id: DebtorId, body: &RecordBody) -> Result<RecordId> {
        let id = RecordId::generate();
        self.save(id, debtor_id, body, false)?;
        Ok(id)
    }

    /// Saves `body` as the new version of `id`, a record of the gestor's
    /// the server has not taken yet: unsent, or sent back (rejected) to be
    /// put right. What the server holds is changed only by new records (and
    /// a promise by [`Self::cancel_promise`]).
    pub fn edit(&self, id: RecordId, body: &RecordBody) -> Result<()> {
        let local = self.read(|tx| local_record(tx, id))?;
        let Some(local) = local.filter(|l| l.record.kind == body.kind() && !l.record.deleted) else {
            return Err(DeviceError::NotFound { what: format!("el registro {id}") });
        };
        if !local.pending {
            return Err(DeviceError::NotAllowed {
                message: "el servidor ya lo recibió; registra una nueva visita, llamada o promesa".into(),
            });
        }
        self.save(id, local.record.debtor_id, body, false)
    }

    /// Cancels the promise `id`, as the gestor sees it now (a pending edit
    /// included): the next version says cancelled, and nothing else changes.
    pub fn cancel_promise(&self, id: RecordId) -> Result<()> {
        self.change_promise(id, |promise| promise.with_status(PromiseStatus::Cancelled))
    }

    /// Saves `change` of the promise `id` as the gestor sees it now, judged
    /// by the write rules like any other save.
    pub(crate) fn change_promise(&self, id: RecordId, change: impl FnOnce(Promise) -> Promise) -> Result<()> {
        let local = self.read(|tx| local_record(tx, id))?;
        let Some(local) = local.filter(|l| l.record.kind == RecordKind::Promise && !l.record.deleted) else {
            return Err(DeviceError::NotFound { what: format!("la promesa {id}") });
        };
        let RecordBody::Promise(promise) = local.record.parse_body()? else {
            return Err(DeviceError::NotFound { what: format!("la promesa {id}") });
        };
        self.save(id, local.record.debtor_id, &RecordBody::Promise(change(promise)), false)
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
                            add_notice(tx, notice(NoticeKind::Conflict, record, None))?;
                        }
                        current
                    }
                    PushOutcome::Rejected { reason } => {
                        tally.rejected += 1;
                        // A version edited again since it was sent is not the one refused.
                        let code = serde_json::to_value(reason.code).map_err(|e| corrupt("code", e))?;
                        let rejection = serde_json::to_string(reason).map_err(|e| corrupt("rejection", e))?;
                        let marked = tx.execute(
                            "UPDATE pending SET rejected_code = ?3, rejection = ?4 WHERE record_id = ?1 AND vv = ?2",
                            params![id, sent_vv, code.as_str(), rejection],
                        )?;
                        if marked > 0 {
                            add_notice(tx, notice(NoticeKind::Rejected, record, Some(reason)))?;
                        }
                        continue;
                    }
                };
                if result.after_reassignment {
                    add_notice(tx, notice(NoticeKind::AfterReassignment, record, None))?;
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

    /// The device's write counter: every write it made has a counter at or below it.
    pub(crate) fn clock(&self) -> Result<u64> {
        self.read(|tx| Ok(tx.query_row("SELECT counter FROM clock", [], |r| r.get(0))?))
    }
}
