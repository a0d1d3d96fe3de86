//! What a pull brings: the server's copies of records in scope, accounts
//! granted and revoked, region names, and the feed position reached.

use campo_core::{
    Record,
    ids::DebtorId,
    wire::{FeedItem, PullPage, Territory},
};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{
    Store,
    notices::{NewNotice, NoticeKind, add_notice, held_debtor_name},
    summary::SummaryFacts,
};
use crate::error::Result;

/// What applying one pulled page did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PageTally {
    /// Records stored.
    pub records: u64,
    /// Debtors newly assigned.
    pub granted: u64,
    /// Debtors assigned away and purged.
    pub revoked: Vec<DebtorId>,
}

/// Rows written per statement when a sync stores server copies. One
/// multi-row statement pays SQLite's per-statement costs (and the statement
/// journal the dirty-mark triggers need) once per chunk rather than once per
/// record.
const ROWS_PER_STATEMENT: usize = 200;

/// One server copy as the `records` table stores it.
struct CopyRow<'a> {
    id: String,
    debtor_id: String,
    kind: &'static str,
    vv: String,
    deleted: bool,
    body: &'a str,
    after_reassignment: bool,
    facts: SummaryFacts<'a>,
}

impl<'a> CopyRow<'a> {
    fn of(record: &'a Record, after_reassignment: bool) -> Result<Self> {
        Ok(Self {
            id: record.id.to_string(),
            debtor_id: record.debtor_id.to_string(),
            kind: record.kind.as_str(),
            vv: record.vv.to_json(),
            deleted: record.deleted,
            body: record.body.get(),
            after_reassignment,
            facts: SummaryFacts::of(record.kind, record.body.get())?,
        })
    }

    /// Its values, in the column order of `put_server_copies`.
    fn values(&self) -> [&dyn rusqlite::ToSql; 11] {
        [
            &self.id,
            &self.debtor_id,
            &self.kind,
            &self.vv,
            &self.deleted,
            &self.body,
            &self.after_reassignment,
            &self.facts.due_on,
            &self.facts.status,
            &self.facts.started_at,
            &self.facts.next_action_on,
        ]
    }
}

/// Stores the server's versions of records. Versions arrive in the order the
/// server made them (one sync at a time, each answer read after the last), so
/// the newest to arrive is the current one. A version already held (the echo
/// of a push) writes nothing, so it marks no summary dirty.
pub(super) fn put_server_copies(tx: &Transaction<'_>, copies: &[(&Record, bool)]) -> Result<()> {
    for chunk in copies.chunks(ROWS_PER_STATEMENT) {
        let rows = chunk.iter().map(|(record, after)| CopyRow::of(record, *after)).collect::<Result<Vec<_>>>()?;
        let values: Vec<&dyn rusqlite::ToSql> = rows.iter().flat_map(CopyRow::values).collect();
        let sql = format!(
            "INSERT INTO records (id, debtor_id, kind, vv, deleted, body, after_reassignment,
                                  due_on, status, started_at, next_action_on)
             VALUES {}
             ON CONFLICT (id) DO UPDATE SET vv = excluded.vv, deleted = excluded.deleted, body = excluded.body,
                after_reassignment = excluded.after_reassignment, due_on = excluded.due_on,
                status = excluded.status, started_at = excluded.started_at, next_action_on = excluded.next_action_on
             WHERE vv IS NOT excluded.vv OR after_reassignment IS NOT excluded.after_reassignment",
            vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ")
        );
        tx.prepare_cached(&sql)?.execute(values.as_slice())?;
    }
    Ok(())
}

/// The feed position applied so far; 0 before the first pull.
pub(super) fn cursor(tx: &Transaction<'_>) -> Result<u64> {
    Ok(tx.query_row("SELECT cursor FROM session", [], |r| r.get(0)).optional()?.unwrap_or(0))
}

impl Store {
    /// The feed position applied so far.
    pub(crate) fn cursor(&self) -> Result<u64> {
        self.read(cursor)
    }

    /// Applies a pulled page and advances the cursor, in one transaction: after
    /// a crash the page is either wholly applied or pulled again.
    pub(crate) fn apply_page(&self, page: &PullPage) -> Result<PageTally> {
        self.write(|tx| {
            let mut tally = PageTally::default();
            let mut copies = Vec::with_capacity(page.items.len());
            for item in &page.items {
                match item {
                    FeedItem::Record { record, after_reassignment } => {
                        copies.push((record, *after_reassignment));
                        tally.records += 1;
                    }
                    // Counted, not noticed: a first sync grants the whole portfolio.
                    FeedItem::Granted { .. } => tally.granted += 1,
                    FeedItem::Revoked { debtor_id } => {
                        // Copies before the revocation land first, and go with it.
                        put_server_copies(tx, &copies)?;
                        copies.clear();
                        let held = held_debtor_name(tx, *debtor_id)?.is_some();
                        let waiting: u64 = tx.query_row(
                            "SELECT count(*) FROM pending WHERE debtor_id = ?1",
                            [debtor_id.to_string()],
                            |r| r.get(0),
                        )?;
                        // A device that never held the account (a first sync
                        // replaying an old move) has nothing to tell the gestor.
                        if held || waiting > 0 {
                            let notice = NewNotice {
                                kind: NoticeKind::Revoked,
                                debtor: *debtor_id,
                                record: None,
                                waiting,
                                reason: None,
                            };
                            add_notice(tx, notice)?;
                        }
                        tx.execute("DELETE FROM records WHERE debtor_id = ?1", [debtor_id.to_string()])?;
                        tally.revoked.push(*debtor_id);
                    }
                    FeedItem::Policy { policy } => super::contact::put_policy(tx, policy)?,
                }
            }
            put_server_copies(tx, &copies)?;
            tx.execute("UPDATE session SET cursor = ?1", [page.cursor])?;
            Ok(tally)
        })
    }

    /// Replaces the region names with the server's list.
    pub(crate) fn put_territories(&self, territories: &[Territory]) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM territories", [])?;
            let mut insert = tx.prepare("INSERT INTO territories (id, name) VALUES (?1, ?2)")?;
            for territory in territories {
                insert.execute(params![territory.id.to_string(), territory.name])?;
            }
            Ok(())
        })
    }
}
