//! `debtor_summary`: one row per account, derived from the account and its
//! activity (see migrations/device/0002_summary.sql and 0004), so the agenda
//! and the search answer from one indexed table however many visits the
//! device holds. Rows are rebuilt for the debtors a write marked dirty: at
//! once after a local save, after each sync, and before any read that finds
//! marks left over.

use std::{borrow::Cow, collections::BTreeMap};

use campo_core::{RecordKind, activity::PromiseFields, text::fold};
use rusqlite::{Connection, Transaction, functions::FunctionFlags, params};
use serde::Deserialize;

use super::{Store, text};
use crate::error::{DeviceError, Result};

/// Registers the SQL functions the summary uses.
pub(crate) fn register_functions(conn: &Connection) -> Result<()> {
    conn.create_scalar_function("fold", 1, FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC, |ctx| {
        Ok(fold(&ctx.get::<String>(0)?))
    })?;
    Ok(())
}

/// The activity fields the summary reads, stored as columns beside a visit,
/// call or promise body (migrations/device/0004) so that the summary rebuild
/// after a sync parses no JSON: serde takes them out here far faster than
/// SQLite's JSON functions would.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SummaryFacts<'a> {
    /// A promise's due date.
    #[serde(borrow)]
    pub due_on: Option<Cow<'a, str>>,
    /// A promise's status.
    #[serde(borrow)]
    pub status: Option<Cow<'a, str>>,
    /// When a visit or call started.
    #[serde(borrow)]
    pub started_at: Option<Cow<'a, str>>,
    /// The next action a visit or call set.
    #[serde(borrow)]
    pub next_action_on: Option<Cow<'a, str>>,
}

impl<'a> SummaryFacts<'a> {
    /// The facts of a record of `kind` with this JSON body; none for other kinds.
    /// A promise's `due_on` is the day the agenda goes by
    /// ([`PromiseFields::agenda_date`]: a plan's next instalment, say).
    pub(crate) fn of(kind: RecordKind, body: &'a str) -> Result<Self> {
        let malformed = |e: serde_json::Error| DeviceError::Storage { message: format!("cuerpo de {kind}: {e}") };
        match kind {
            RecordKind::Visit | RecordKind::Call => serde_json::from_str(body).map_err(malformed),
            RecordKind::Promise => {
                let mut facts: Self = serde_json::from_str(body).map_err(malformed)?;
                let promise: PromiseFields = serde_json::from_str(body).map_err(malformed)?;
                facts.due_on = promise.agenda_date().map(|on| Cow::Owned(on.to_string()));
                Ok(facts)
            }
            _ => Ok(Self::default()),
        }
    }
}

/// What the summary shows of a debtor's visits, calls and promises.
#[derive(Debug, Default)]
struct Activity {
    /// The earliest due date of a promise still pending.
    promise_due_on: Option<String>,
    /// The latest due date of a promise the server marked broken, or kept only in part.
    promise_broken_on: Option<String>,
    /// When the latest visit or call started.
    last_at: Option<String>,
    /// The next action that latest visit or call set.
    next_action_on: Option<String>,
}

impl Activity {
    /// Folds in one live promise (`promise`), visit or call.
    fn add(&mut self, promise: bool, facts: &SummaryFacts<'_>) {
        if promise {
            match facts.status.as_deref() {
                Some("pending") => {
                    if let Some(due) = facts.due_on.as_deref()
                        && self.promise_due_on.as_deref().is_none_or(|earliest| due < earliest)
                    {
                        self.promise_due_on = Some(due.to_owned());
                    }
                }
                // Kept in part is broken in part: the debtor still needs a call.
                Some("broken" | "partially_kept") => {
                    if let Some(due) = facts.due_on.as_deref()
                        && self.promise_broken_on.as_deref().is_none_or(|latest| due > latest)
                    {
                        self.promise_broken_on = Some(due.to_owned());
                    }
                }
                _ => {}
            }
        } else if let Some(started) = facts.started_at.as_deref()
            && self.last_at.as_deref().is_none_or(|latest| started > latest)
        {
            self.last_at = Some(started.to_owned());
            self.next_action_on = facts.next_action_on.as_deref().map(str::to_owned);
        }
    }
}

/// Brings the summary rows of every debtor marked dirty up to date: accounts
/// whose own record changed are rebuilt from it, then every debtor whose
/// activity or outbox changed (and every rebuilt one) has its activity
/// columns recomputed.
pub(crate) fn refresh_summaries(tx: &Transaction<'_>) -> Result<()> {
    refresh_accounts(tx)?;
    refresh_activity(tx)
}

/// Rebuilds the rows of the debtors in `account_dirty` from their account
/// records, and marks their activity for recomputing.
fn refresh_accounts(tx: &Transaction<'_>) -> Result<()> {
    tx.prepare_cached("DELETE FROM debtor_summary WHERE debtor_id IN (SELECT debtor_id FROM account_dirty)")?
        .execute([])?;
    // The account as the gestor sees it: a pending version shadows the
    // server's copy. CROSS JOIN keeps the dirty list the outer loop; without
    // statistics the planner would rather scan every record.
    tx.prepare_cached(
        "INSERT INTO debtor_summary (debtor_id, name, external_ref, search, territory_id, segment, currency, balance,
                                     overdue, minimum_payment, overdue_since, zone, dispute, deceased, do_not_visit,
                                     address, lat, lon)
         WITH account AS (
             SELECT s.debtor_id, coalesce(pd.body, rd.body) AS body
             FROM account_dirty s CROSS JOIN records rd ON rd.id = s.debtor_id
             LEFT JOIN pending pd ON pd.record_id = s.debtor_id
             WHERE rd.kind = 'debtor' AND NOT coalesce(pd.deleted, rd.deleted)
         ),
         -- The first address with coordinates, or else the first.
         place AS (
             SELECT a.debtor_id,
                    (SELECT value FROM json_each(a.body, '$.addresses')
                     ORDER BY value ->> '$.point' IS NULL, key LIMIT 1) AS address
             FROM account a
         )
         SELECT d.debtor_id, d.body ->> '$.name', d.body ->> '$.external_ref',
                fold(concat_ws(' ', d.body ->> '$.name', d.body ->> '$.external_ref',
                     (SELECT group_concat(value, ' ') FROM json_each(d.body, '$.phones')),
                     (SELECT group_concat(value ->> '$.line', ' ') FROM json_each(d.body, '$.addresses')))),
                d.body ->> '$.territory', d.body ->> '$.segment', d.body ->> '$.currency',
                d.body ->> '$.balance', d.body ->> '$.overdue', d.body ->> '$.minimum_payment',
                d.body ->> '$.overdue_since', d.body ->> '$.zone', d.body ->> '$.dispute',
                d.body ->> '$.deceased', d.body ->> '$.do_not_visit',
                p.address ->> '$.line', p.address ->> '$.point.lat', p.address ->> '$.point.lon'
         FROM account d JOIN place p USING (debtor_id)",
    )?
    .execute([])?;
    tx.prepare_cached(
        "INSERT INTO activity_dirty SELECT debtor_id FROM account_dirty WHERE true ON CONFLICT DO NOTHING",
    )?
    .execute([])?;
    tx.prepare_cached("DELETE FROM account_dirty")?.execute([])?;
    Ok(())
}

/// Recomputes the activity columns of the debtors in `activity_dirty`. The
/// fold is done here rather than in SQL: the rows come from the fact columns
/// in the index on a debtor's records, in one pass, with no sort and no
/// temporary table.
fn refresh_activity(tx: &Transaction<'_>) -> Result<()> {
    let mut activity: BTreeMap<String, Activity> = BTreeMap::new();
    {
        let mut dirty = tx.prepare_cached("SELECT debtor_id FROM activity_dirty")?;
        let mut rows = dirty.query([])?;
        while let Some(row) = rows.next()? {
            activity.insert(row.get(0)?, Activity::default());
        }
    }
    // A pending version shadows the server's copy.
    let mut facts = tx.prepare_cached(
        "SELECT a.debtor_id, a.kind, a.due_on, a.status, a.started_at, a.next_action_on
         FROM activity_dirty s CROSS JOIN records a ON a.debtor_id = s.debtor_id
         WHERE a.kind IN ('promise', 'visit', 'call') AND NOT a.deleted
           AND NOT EXISTS (SELECT 1 FROM pending p WHERE p.record_id = a.id)
         UNION ALL
         SELECT a.debtor_id, a.kind, a.due_on, a.status, a.started_at, a.next_action_on
         FROM activity_dirty s CROSS JOIN pending a ON a.debtor_id = s.debtor_id
         WHERE a.kind IN ('promise', 'visit', 'call') AND NOT a.deleted",
    )?;
    let mut rows = facts.query([])?;
    while let Some(row) = rows.next()? {
        let facts = SummaryFacts {
            due_on: text(row, 2)?.map(Cow::Borrowed),
            status: text(row, 3)?.map(Cow::Borrowed),
            started_at: text(row, 4)?.map(Cow::Borrowed),
            next_action_on: text(row, 5)?.map(Cow::Borrowed),
        };
        if let Some(summary) = text(row, 0)?.and_then(|debtor| activity.get_mut(debtor)) {
            summary.add(text(row, 1)? == Some("promise"), &facts);
        }
    }
    let mut update = tx.prepare_cached(
        "UPDATE debtor_summary SET promise_due_on = ?2, promise_broken_on = ?3, next_action_on = ?4,
                last_activity_at = ?5
         WHERE debtor_id = ?1",
    )?;
    for (debtor, a) in &activity {
        update.execute(params![debtor, a.promise_due_on, a.promise_broken_on, a.next_action_on, a.last_at])?;
    }
    tx.prepare_cached("DELETE FROM activity_dirty")?.execute([])?;
    Ok(())
}

impl Store {
    /// Brings the summary up to date before a read. Saves and finished syncs
    /// already did, so this only finds marks after an interrupted sync; the
    /// write lock is taken only then, not on every keystroke of a search.
    pub(crate) fn summaries(&self) -> Result<()> {
        let dirty: bool = self.read(|tx| {
            Ok(tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM account_dirty) OR EXISTS (SELECT 1 FROM activity_dirty)",
                [],
                |r| r.get(0),
            )?)
        })?;
        if dirty { self.write(refresh_summaries) } else { Ok(()) }
    }
}
