//! What the gestor's screens read: the portfolio search and a debtor's file
//! with its timeline, and the debtor rows the agenda (`agenda.rs`) lists too.
//! Read-only: lists read the summary the store keeps (`store/summary.rs`),
//! brought up to date first.

use campo_core::{
    Record, RecordBody, RecordKind,
    contact::{Country, policy::ContactPolicy},
    debtor::{Bucket, Debtor, SbsClass, days_past_due},
    geo::GeoPoint,
    ids::{DebtorId, RecordId, TerritoryId},
    money::Currency,
    priority::{self, AccountFacts, Priority, PromiseState},
    text::fold,
    wire::Rejection,
    zone::Zone,
};
use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::{
    error::{DeviceError, Result},
    store::{LocalRecord, Store, corrupt, parse_id, policy, records_of, text},
};

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
    /// Its address: the first with coordinates, or else the first.
    pub address: Option<String>,
    /// Local writes not yet sent.
    pub pending: u32,
    /// Where it stands on today's agenda, and why.
    pub priority: Priority,
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
    pub rejected: Option<Rejection>,
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
    /// Its delinquency bucket today.
    pub bucket: Bucket,
    /// On a Peruvian account, its SBS classification today.
    pub sbs: Option<SbsClass>,
    /// The name of its region, once a sync has brought it.
    pub region: Option<String>,
    /// Visits, calls, promises, payments and reviews, newest first.
    pub timeline: Vec<TimelineEntry>,
}

/// The summary columns [`read_standing`] reads, first in every list query.
pub(crate) const STANDING_COLUMNS: &str = "debtor_id, segment, currency, overdue, overdue_since, dispute, deceased,
    do_not_visit, promise_due_on, next_action_on, promise_broken_on, last_activity_at, zone, lat, lon";
/// The columns a [`DebtorRow`] adds, after [`STANDING_COLUMNS`].
const DETAIL_COLUMNS: &str = "name, external_ref, territory_id, balance, address";

/// What a row's priority is judged by: the gestor's local date, the policy
/// of each country (its grace days and segment points), and the accounts
/// with a promise due today behind an earlier one still in its grace (the
/// summary keeps only a debtor's earliest pending due).
pub(crate) struct Day {
    pub(crate) today: NaiveDate,
    policies: Vec<ContactPolicy>,
    another_due_today: HashSet<DebtorId>,
}

/// Accounts whose earliest pending due is in `?2..?1` (past, in grace) with
/// a pending promise (as the gestor sees it) due on `?1`.
const ANOTHER_DUE_TODAY: &str = "
    SELECT s.debtor_id FROM debtor_summary s
    WHERE s.promise_due_on < ?1 AND s.promise_due_on >= ?2
      AND (EXISTS (SELECT 1 FROM pending p WHERE p.debtor_id = s.debtor_id AND p.kind = 'promise'
                   AND NOT p.deleted AND p.status = 'pending' AND p.due_on = ?1)
           OR EXISTS (SELECT 1 FROM records r WHERE r.debtor_id = s.debtor_id AND r.kind = 'promise'
                      AND NOT r.deleted AND r.status = 'pending' AND r.due_on = ?1
                      AND NOT EXISTS (SELECT 1 FROM pending p WHERE p.record_id = r.id)))";

impl Day {
    pub(crate) fn load(tx: &Transaction<'_>, today: NaiveDate) -> Result<Self> {
        let policies: Vec<ContactPolicy> =
            Country::ALL.into_iter().map(|country| policy(tx, country)).collect::<Result<_>>()?;
        let grace = policies.iter().map(|p| p.grace_days).max().unwrap_or(0);
        let since = today.checked_sub_days(chrono::Days::new(u64::from(grace))).unwrap_or(NaiveDate::MIN);
        let another_due_today = tx
            .prepare_cached(ANOTHER_DUE_TODAY)?
            .query_and_then([today.to_string(), since.to_string()], |r| parse_id(&r.get::<_, String>(0)?))?
            .collect::<Result<_>>()?;
        Ok(Self { today, policies, another_due_today })
    }

    fn policy(&self, currency: Currency) -> &ContactPolicy {
        let country = Country::from(currency);
        self.policies
            .iter()
            .find(|p| p.country == country)
            .unwrap_or_else(|| unreachable!("Day::load reads every country's policy"))
    }

    fn days_since(&self, day: NaiveDate) -> u32 {
        u32::try_from((self.today - day).num_days()).unwrap_or(0)
    }
}

/// Where an account stands today: what the agenda sorts by and the route
/// needs, read without copying the row's text, so that scoring every account
/// on the device stays cheap.
pub(crate) struct Standing {
    pub(crate) debtor_id: DebtorId,
    pub(crate) priority: Priority,
    pub(crate) days_past_due: u32,
    pub(crate) do_not_visit: bool,
    /// Where its address is, if known.
    pub(crate) point: Option<GeoPoint>,
    /// When its latest visit or call started, if on the gestor's `today`
    /// (in the debtor's zone, where the gestor was).
    pub(crate) worked_at: Option<DateTime<Utc>>,
}

/// Every account's standing on `day`, in no particular order.
pub(crate) fn standings(tx: &Transaction<'_>, day: &Day) -> Result<Vec<Standing>> {
    tx.prepare_cached(&format!("SELECT {STANDING_COLUMNS} FROM debtor_summary"))?
        .query_and_then([], |r| read_standing(r, day))?
        .collect()
}

/// The row of account `id` on `day`, its unsent count not yet read.
pub(crate) fn row_of(tx: &Transaction<'_>, id: DebtorId, day: &Day) -> Result<DebtorRow> {
    tx.prepare_cached(&format!("SELECT {STANDING_COLUMNS}, {DETAIL_COLUMNS} FROM debtor_summary WHERE debtor_id = ?1"))?
        .query_and_then([id.to_string()], |r| read_row(r, day))?
        .next()
        .unwrap_or_else(|| Err(DeviceError::NotFound { what: format!("la cuenta {id}") }))
}

/// Fills in each row's count of unsent writes. It is read from the outbox,
/// not kept in the summary: every acknowledgement changes it and nothing else
/// (see device migration 0007), and a screen shows few rows.
pub(crate) fn count_unsent<'r>(tx: &Transaction<'_>, rows: impl IntoIterator<Item = &'r mut DebtorRow>) -> Result<()> {
    let mut unsent = tx.prepare_cached("SELECT count(*) FROM pending WHERE debtor_id = ?1")?;
    for row in rows {
        row.pending = unsent.query_row([row.debtor_id.to_string()], |c| c.get(0))?;
    }
    Ok(())
}

fn date(row: &Row<'_>, i: usize) -> Result<Option<NaiveDate>> {
    text(row, i)?.map(|t| t.parse().map_err(|e| corrupt("date", e))).transpose()
}

/// The account's standing from [`STANDING_COLUMNS`].
fn read_standing(row: &Row<'_>, day: &Day) -> Result<Standing> {
    let today = day.today;
    let required = |i| text(row, i)?.ok_or_else(|| corrupt("summary", "a required column is null"));
    let currency: Currency = required(2)?.parse().map_err(|e| corrupt("currency", e))?;
    let zone: Zone = required(12)?.parse().map_err(|e| corrupt("zone", e))?;
    let last_at =
        text(row, 11)?.map(|t| t.parse::<DateTime<Utc>>().map_err(|e| corrupt("last_activity_at", e))).transpose()?;
    let last_contact = last_at.map(|at| zone.local(at).date());
    let policy = day.policy(currency);
    let debtor_id: DebtorId = parse_id(required(0)?)?;
    let days_past_due = days_past_due(date(row, 4)?, today);
    let facts = AccountFacts {
        promise: PromiseState::of(
            date(row, 8)?,
            day.another_due_today.contains(&debtor_id),
            date(row, 10)?,
            last_contact,
            policy.grace_days,
            today,
        ),
        follow_up_late: date(row, 9)?.filter(|&on| on <= today).map(|on| day.days_since(on)),
        days_past_due,
        overdue: required(3)?.parse().map_err(|e| corrupt("overdue", e))?,
        days_since_contact: last_contact.map(|on| day.days_since(on)),
        segment_points: policy.segment_points(required(1)?),
        dispute: row.get(5)?,
        deceased: row.get(6)?,
    };
    let point = match (row.get::<_, Option<f64>>(13)?, row.get::<_, Option<f64>>(14)?) {
        (Some(lat), Some(lon)) => Some(GeoPoint::new(lat, lon).map_err(|e| corrupt("address point", e))?),
        _ => None,
    };
    Ok(Standing {
        debtor_id,
        priority: priority::score(&facts),
        days_past_due,
        do_not_visit: row.get(7)?,
        point,
        worked_at: last_at.filter(|_| last_contact == Some(today)),
    })
}

/// A debtor row from [`STANDING_COLUMNS`] then [`DETAIL_COLUMNS`].
fn read_row(row: &Row<'_>, day: &Day) -> Result<DebtorRow> {
    let Standing { debtor_id, priority, days_past_due, do_not_visit, .. } = read_standing(row, day)?;
    Ok(DebtorRow {
        debtor_id,
        name: row.get(15)?,
        external_ref: row.get(16)?,
        segment: row.get(1)?,
        territory_id: parse_id(&row.get::<_, String>(17)?)?,
        currency: row.get::<_, String>(2)?.parse().map_err(|e| corrupt("currency", e))?,
        balance: row.get(18)?,
        overdue: row.get(3)?,
        days_past_due,
        dispute: row.get(5)?,
        deceased: row.get(6)?,
        do_not_visit,
        promise_due_on: date(row, 8)?,
        next_action_on: date(row, 9)?,
        address: row.get(19)?,
        pending: 0,
        priority,
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
            let day = Day::load(tx, today)?;
            let total: u32 = tx.query_row(
                &format!("SELECT count(*) FROM debtor_summary {filter}"),
                rusqlite::params_from_iter(&values),
                |r| r.get(0),
            )?;
            let sql = format!(
                "SELECT {STANDING_COLUMNS}, {DETAIL_COLUMNS} FROM debtor_summary {filter} ORDER BY name LIMIT {limit}"
            );
            let mut rows: Vec<DebtorRow> = tx
                .prepare_cached(&sql)?
                .query_and_then(rusqlite::params_from_iter(&values), |r| read_row(r, &day))?
                .collect::<Result<_>>()?;
            count_unsent(tx, &mut rows)?;
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
            let days_past_due = debtor.days_past_due(today);
            let sbs = (Country::from(debtor.currency) == Country::PE).then(|| SbsClass::of(days_past_due));
            Ok(DebtorFile {
                debtor_id,
                days_past_due,
                bucket: Bucket::of(days_past_due),
                sbs,
                region,
                debtor,
                timeline,
            })
        })
    }
}

fn entry(local: LocalRecord, body: RecordBody) -> TimelineEntry {
    let at = body.happened_at().unwrap_or_default();
    let LocalRecord { record: Record { id, kind, .. }, pending, rejected, after_reassignment } = local;
    TimelineEntry { id, at, kind, body, pending, rejected, after_reassignment }
}
