//! What the gestor's screens read: today's agenda, the portfolio search and a
//! debtor's file with its timeline.
//!
//! The agenda and the search read `debtor_summary`, one row per account derived
//! from the account and its activity (see migrations/device/0002_summary.sql and 0004),
//! so they answer from one indexed table however many visits the device holds.
//! The summary is rebuilt for the debtors a write marked dirty: at once after a
//! local save, after each sync, and before any read that finds marks left over.

use std::{borrow::Cow, collections::BTreeMap};

use campo_core::{
    Record, RecordBody, RecordKind,
    debtor::{Bucket, Debtor, days_past_due},
    ids::{DebtorId, RecordId, TerritoryId},
    money::Currency,
    text::fold,
};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, functions::FunctionFlags, params};
use serde::{Deserialize, Serialize};

use crate::{
    error::{DeviceError, Result},
    store::{LocalRecord, Store, corrupt, parse_id, records_of},
};

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
    pub(crate) fn of(kind: RecordKind, body: &'a str) -> Result<Self> {
        match kind {
            RecordKind::Promise | RecordKind::Visit | RecordKind::Call => serde_json::from_str(body)
                .map_err(|e| DeviceError::Storage { message: format!("cuerpo de {kind}: {e}") }),
            _ => Ok(Self::default()),
        }
    }
}

/// A text column, borrowed from the row.
fn text<'r>(row: &'r Row<'_>, column: usize) -> rusqlite::Result<Option<&'r str>> {
    Ok(row.get_ref(column)?.as_str_or_null()?)
}

/// What the summary shows of a debtor's visits, calls and promises.
#[derive(Debug, Default)]
struct Activity {
    /// The earliest due date of a promise still pending.
    promise_due_on: Option<String>,
    /// A promise marked broken.
    promise_broken: bool,
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
                Some("broken") => self.promise_broken = true,
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
                                     promise_broken)
         WITH account AS (
             SELECT s.debtor_id, coalesce(pd.body, rd.body) AS body
             FROM account_dirty s CROSS JOIN records rd ON rd.id = s.debtor_id
             LEFT JOIN pending pd ON pd.record_id = s.debtor_id
             WHERE rd.kind = 'debtor' AND NOT coalesce(pd.deleted, rd.deleted)
         )
         SELECT d.debtor_id, d.body ->> '$.name', d.body ->> '$.external_ref',
                fold(concat_ws(' ', d.body ->> '$.name', d.body ->> '$.external_ref',
                     (SELECT group_concat(value, ' ') FROM json_each(d.body, '$.phones')),
                     (SELECT group_concat(value ->> '$.line', ' ') FROM json_each(d.body, '$.addresses')))),
                d.body ->> '$.territory', d.body ->> '$.segment', d.body ->> '$.currency',
                d.body ->> '$.balance', d.body ->> '$.overdue', d.body ->> '$.minimum_payment',
                d.body ->> '$.overdue_since', d.body ->> '$.zone', d.body ->> '$.dispute',
                d.body ->> '$.deceased', d.body ->> '$.do_not_visit', 0
         FROM account d",
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
        "UPDATE debtor_summary SET promise_due_on = ?2, promise_broken = ?3, next_action_on = ?4,
                last_activity_at = ?5
         WHERE debtor_id = ?1",
    )?;
    for (debtor, a) in &activity {
        update.execute(params![debtor, a.promise_due_on, a.promise_broken, a.next_action_on, a.last_at])?;
    }
    tx.prepare_cached("DELETE FROM activity_dirty")?.execute([])?;
    Ok(())
}

/// Why a debtor is on today's agenda, in the order the agenda lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AgendaReason {
    /// A promise falls due today.
    PromiseDueToday,
    /// A promise was broken, or its date passed with no news.
    PromiseBroken,
    /// A visit or call set a next action for today or earlier.
    NextAction,
    /// Nothing scheduled: worked by priority (longest overdue first).
    ByPriority,
}

/// One debtor in a list: the agenda or a search.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DebtorRow {
    /// The account.
    pub debtor_id: DebtorId,
    /// The debtor's name.
    pub name: String,
    /// The lender's reference.
    pub external_ref: String,
    /// The lender's segment.
    pub segment: String,
    /// The region.
    pub territory_id: TerritoryId,
    /// MXN or PEN.
    pub currency: Currency,
    /// Total outstanding, as a decimal string.
    pub balance: String,
    /// Overdue amount, as a decimal string.
    pub overdue: String,
    /// Days past due today.
    pub days_past_due: u32,
    /// In dispute: no collection pressure.
    pub dispute: bool,
    /// Deceased.
    pub deceased: bool,
    /// No field visits.
    pub do_not_visit: bool,
    /// The earliest due date of a pending promise.
    pub promise_due_on: Option<NaiveDate>,
    /// The next action set by the latest visit or call.
    pub next_action_on: Option<NaiveDate>,
    /// Local writes not yet sent.
    pub pending: u32,
    /// Why it is on the agenda.
    pub reason: AgendaReason,
}

/// Today's agenda: counts, then the debtors in the order to work them.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agenda {
    /// Promises due today.
    pub promises_due: u32,
    /// Promises broken or overdue.
    pub promises_broken: u32,
    /// Next actions due.
    pub next_actions: u32,
    /// Accounts on the device.
    pub total: u32,
    /// The first `limit` debtors, in order.
    pub rows: Vec<DebtorRow>,
}

/// What to look for in the portfolio. Empty fields match everything.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct PortfolioQuery {
    /// Words that must all appear in the name, reference, a phone or an address.
    pub text: String,
    /// Only this region.
    pub territory_id: Option<TerritoryId>,
    /// Only this segment.
    pub segment: Option<String>,
    /// Only this days-past-due bucket.
    pub bucket: Option<Bucket>,
    /// Only accounts in dispute.
    pub dispute: bool,
    /// Only accounts marked do-not-visit.
    pub do_not_visit: bool,
    /// Only accounts with a pending promise.
    pub with_promise: bool,
    /// At most this many rows (100 if zero).
    pub limit: u32,
}

/// The debtors matching a [`PortfolioQuery`].
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PortfolioPage {
    /// How many match in all.
    pub total: u32,
    /// The first of them, by name.
    pub rows: Vec<DebtorRow>,
}

/// The values the portfolio filters offer.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FilterOptions {
    /// Regions with accounts on the device, by name.
    pub territories: Vec<Region>,
    /// Segments with accounts on the device.
    pub segments: Vec<String>,
}

/// A region a portfolio filter offers.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Region {
    /// The territory.
    pub id: TerritoryId,
    /// Its name, once a sync has brought it.
    pub name: Option<String>,
}

/// One entry in a debtor's timeline.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelineEntry {
    /// The record.
    pub id: RecordId,
    /// When it happened: a UTC instant or a date (RFC 3339 / ISO 8601).
    pub at: String,
    /// Visit, call, promise, payment or review.
    pub kind: RecordKind,
    /// Its fields.
    pub body: RecordBody,
    /// Not yet sent to the server.
    pub pending: bool,
    /// The server refused it, and why.
    pub rejected: Option<String>,
    /// Recorded after the account had left the gestor who wrote it.
    pub after_reassignment: bool,
}

/// A debtor's file: the account and everything that happened on it, newest first.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DebtorFile {
    /// The account.
    pub debtor_id: DebtorId,
    /// Its fields.
    pub debtor: Debtor,
    /// Days past due today.
    pub days_past_due: u32,
    /// The name of its region, once a sync has brought it.
    pub region: Option<String>,
    /// Visits, calls, promises, payments and reviews, newest first.
    pub timeline: Vec<TimelineEntry>,
}

const ROW_COLUMNS: &str =
    "debtor_id, name, external_ref, segment, territory_id, currency, balance, overdue, overdue_since,
    dispute, deceased, do_not_visit, promise_due_on, next_action_on, promise_broken";

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

/// The debtors `sql` selects (its columns: [`ROW_COLUMNS`]), each with its
/// count of unsent writes. The count is read from the outbox, not kept in the
/// summary: every acknowledgement changes it and nothing else (see device
/// migration 0007), and a list shows few rows.
fn rows(tx: &Transaction<'_>, sql: &str, params: impl rusqlite::Params, today: NaiveDate) -> Result<Vec<DebtorRow>> {
    let mut unsent = tx.prepare_cached("SELECT count(*) FROM pending WHERE debtor_id = ?1")?;
    tx.prepare_cached(sql)?
        .query_and_then(params, |r| {
            let pending = unsent.query_row([r.get::<_, String>(0)?], |c| c.get(0))?;
            row(r, today, pending)
        })?
        .collect()
}

fn row(row: &Row<'_>, today: NaiveDate, pending: u32) -> Result<DebtorRow> {
    let overdue_since = date(row.get(8)?);
    let promise_due_on = date(row.get(12)?);
    let next_action_on = date(row.get(13)?);
    let broken: bool = row.get(14)?;
    let reason = match (promise_due_on, next_action_on) {
        (Some(due), _) if due == today => AgendaReason::PromiseDueToday,
        (Some(due), _) if due < today => AgendaReason::PromiseBroken,
        _ if broken => AgendaReason::PromiseBroken,
        (_, Some(next)) if next <= today => AgendaReason::NextAction,
        _ => AgendaReason::ByPriority,
    };
    Ok(DebtorRow {
        debtor_id: parse_id(&row.get::<_, String>(0)?)?,
        name: row.get(1)?,
        external_ref: row.get(2)?,
        segment: row.get(3)?,
        territory_id: parse_id(&row.get::<_, String>(4)?)?,
        currency: row.get::<_, String>(5)?.parse().map_err(|e| corrupt("currency", e))?,
        balance: row.get(6)?,
        overdue: row.get(7)?,
        days_past_due: days_past_due(overdue_since, today),
        dispute: row.get(9)?,
        deceased: row.get(10)?,
        do_not_visit: row.get(11)?,
        promise_due_on,
        next_action_on,
        pending,
        reason,
    })
}

/// A search typed as a phone number ("553-773-8392", "(55) 3773 8392",
/// "+52 55 3773 8392"): the digits to look for, as phones are stored (digits
/// only), with and without the country code. `None` for any other search.
fn phone_search(text: &str) -> Option<Vec<String>> {
    let text = text.trim();
    let rest = text.strip_prefix('+').unwrap_or(text);
    if !rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')')) {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return None;
    }
    // Mexico: 52, once followed by a 1 for mobiles, then ten digits; Peru: 51, then nine.
    let national = [("521", 10), ("52", 10), ("51", 9)]
        .into_iter()
        .find_map(|(code, len)| digits.strip_prefix(code).filter(|n| n.len() == len))
        .map(str::to_owned);
    Some(std::iter::once(digits).chain(national).collect())
}

/// The SQL condition on `overdue_since` that puts an account in `bucket` on
/// `today`, with its date values.
fn bucket_condition(bucket: Bucket, today: NaiveDate) -> (String, Vec<String>) {
    let days_ago = |d: u32| (today - chrono::Days::new(d.into())).to_string();
    let (first, last) = bucket.days();
    let (mut conditions, mut values) = (Vec::new(), Vec::new());
    if first > 0 {
        conditions.push("overdue_since <= ?");
        values.push(days_ago(first));
    }
    if let Some(last) = last {
        conditions.push("(overdue_since IS NULL OR overdue_since > ?)");
        values.push(days_ago(last + 1));
    }
    (conditions.join(" AND "), values)
}

impl Store {
    /// Brings the summary up to date before a read. Saves and finished syncs
    /// already did, so this only finds marks after an interrupted sync; the
    /// write lock is taken only then, not on every keystroke of a search.
    fn summaries(&self) -> Result<()> {
        let dirty: bool = self.read(|tx| {
            Ok(tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM account_dirty) OR EXISTS (SELECT 1 FROM activity_dirty)",
                [],
                |r| r.get(0),
            )?)
        })?;
        if dirty { self.write(refresh_summaries) } else { Ok(()) }
    }

    /// Today's agenda on `today` (the gestor's local date): promises due today,
    /// then broken ones, then next actions due, then the rest, longest overdue
    /// first; accounts in dispute or of a deceased debtor go last.
    pub fn agenda(&self, today: NaiveDate, limit: u32) -> Result<Agenda> {
        self.summaries()?;
        let today_text = today.to_string();
        self.read(|tx| {
            let (promises_due, promises_broken, next_actions, total) = tx.query_row(
                "SELECT count(*) FILTER (WHERE promise_due_on = ?1),
                        count(*) FILTER (WHERE promise_due_on < ?1 OR promise_broken),
                        count(*) FILTER (WHERE next_action_on <= ?1),
                        count(*)
                 FROM debtor_summary",
                [&today_text],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
            let sql = format!(
                "SELECT {ROW_COLUMNS} FROM debtor_summary
                 ORDER BY CASE WHEN promise_due_on = ?1 THEN 0
                               WHEN promise_due_on < ?1 OR promise_broken THEN 1
                               WHEN next_action_on <= ?1 THEN 2
                               WHEN dispute OR deceased THEN 4
                               ELSE 3 END,
                          coalesce(overdue_since, '9999-12-31'), name
                 LIMIT ?2"
            );
            let rows = rows(tx, &sql, params![today_text, limit], today)?;
            Ok(Agenda { promises_due, promises_broken, next_actions, total, rows })
        })
    }

    /// The accounts matching `query` on `today`, by name.
    pub fn search(&self, query: &PortfolioQuery, today: NaiveDate) -> Result<PortfolioPage> {
        self.summaries()?;
        let mut conditions = Vec::new();
        let mut values: Vec<String> = Vec::new();
        if let Some(numbers) = phone_search(&query.text) {
            conditions.push(format!("({})", vec!["search LIKE ?"; numbers.len()].join(" OR ")));
            values.extend(numbers.into_iter().map(|n| format!("%{n}%")));
        } else {
            for word in fold(&query.text).split_whitespace() {
                values.push(format!("%{}%", word.replace(['%', '_'], "")));
                conditions.push("search LIKE ?".into());
            }
        }
        if let Some(territory) = query.territory_id {
            values.push(territory.to_string());
            conditions.push("territory_id = ?".into());
        }
        if let Some(segment) = &query.segment {
            values.push(segment.clone());
            conditions.push("segment = ?".into());
        }
        if let Some(bucket) = query.bucket {
            let (condition, dates) = bucket_condition(bucket, today);
            conditions.push(condition);
            values.extend(dates);
        }
        for (on, column) in
            [(query.dispute, "dispute"), (query.do_not_visit, "do_not_visit"), (query.with_promise, "promise_due_on")]
        {
            if on {
                conditions.push(format!("{column} IS NOT NULL AND {column} != 0"));
            }
        }
        let filter = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let limit = if query.limit == 0 { 100 } else { query.limit };
        self.read(|tx| {
            let total: u32 = tx.query_row(
                &format!("SELECT count(*) FROM debtor_summary {filter}"),
                rusqlite::params_from_iter(&values),
                |r| r.get(0),
            )?;
            let sql = format!("SELECT {ROW_COLUMNS} FROM debtor_summary {filter} ORDER BY name LIMIT {limit}");
            let rows = rows(tx, &sql, rusqlite::params_from_iter(&values), today)?;
            Ok(PortfolioPage { total, rows })
        })
    }

    /// The regions and segments of the accounts on the device.
    pub fn filter_options(&self) -> Result<FilterOptions> {
        self.summaries()?;
        self.read(|tx| {
            let territories = tx
                .prepare(
                    "SELECT DISTINCT s.territory_id, t.name FROM debtor_summary s
                     LEFT JOIN territories t ON t.id = s.territory_id ORDER BY t.name IS NULL, t.name, 1",
                )?
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?
                .map(|row| {
                    let (id, name) = row?;
                    Ok(Region { id: parse_id(&id)?, name })
                })
                .collect::<Result<_>>()?;
            let segments = tx
                .prepare("SELECT DISTINCT segment FROM debtor_summary ORDER BY 1")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(FilterOptions { territories, segments })
        })
    }

    /// A debtor's file on `today`: the account and its timeline, newest first.
    pub fn debtor_file(&self, debtor_id: DebtorId, today: NaiveDate) -> Result<DebtorFile> {
        self.read(|tx| {
            let mut debtor = None;
            let mut timeline = Vec::new();
            for local in records_of(tx, debtor_id)? {
                if local.record.deleted {
                    continue;
                }
                match local.record.parse_body()? {
                    RecordBody::Debtor(d) => debtor = Some(d),
                    body => timeline.push(entry(local, body)),
                }
            }
            let debtor: Debtor =
                debtor.ok_or_else(|| DeviceError::NotFound { what: format!("la cuenta {debtor_id}") })?;
            timeline.sort_by(|a, b| b.at.cmp(&a.at));
            let region = tx
                .query_row("SELECT name FROM territories WHERE id = ?1", [debtor.territory.to_string()], |r| r.get(0))
                .optional()?;
            Ok(DebtorFile { debtor_id, days_past_due: debtor.days_past_due(today), region, debtor, timeline })
        })
    }
}

fn entry(local: LocalRecord, body: RecordBody) -> TimelineEntry {
    let at = match &body {
        RecordBody::Visit(v) => v.started_at.to_rfc3339(),
        RecordBody::Call(c) => c.started_at.to_rfc3339(),
        RecordBody::Promise(p) => p.made_on.to_string(),
        RecordBody::Payment(p) => p.paid_on.to_string(),
        RecordBody::Review(r) => r.reviewed_at.to_rfc3339(),
        RecordBody::Debtor(_) => String::new(),
    };
    let LocalRecord { record: Record { id, kind, .. }, pending, rejected, after_reassignment } = local;
    TimelineEntry { id, at, kind, body, pending, rejected, after_reassignment }
}
