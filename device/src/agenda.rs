//! Today's agenda: a plan for the gestor's day, not the whole portfolio.
//!
//! Every account gets its priority (`campo_core::priority`: the score and
//! the factors that explain it). Then:
//! - **due today**: a broken promise nobody followed up, a promise due
//!   today or a follow-up due, by score, with the amount promised for today,
//!   the address and the region;
//! - **the rest**, by score;
//! - **done today**: accounts with a visit or call today, with what came of
//!   it, latest first. A worked account leaves the other two.
//!
//! The counters count every account, whatever the section; one of them,
//! tapped, filters all three. The route (`route.rs`) visits the accounts
//! due today.

use std::{cmp::Reverse, collections::HashMap};

use campo_core::{
    RecordBody, RecordKind,
    ids::TerritoryId,
    outcome::{Channel, Outcome},
    priority::Factor,
};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    error::Result,
    portfolio::{Day, DebtorRow, Standing, count_unsent, row_of, standings},
    store::{Store, corrupt, parse_id},
};

/// What a tapped counter shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AgendaFilter {
    /// Accounts with a promise due today.
    PromisesDue,
    /// Accounts with a broken promise nobody followed up.
    PromisesBroken,
    /// Accounts with a follow-up due.
    FollowUps,
    /// Accounts worked today.
    Done,
}

impl AgendaFilter {
    fn admits(self, account: &Standing) -> bool {
        let has = |wanted: fn(&Factor) -> bool| account.priority.factors.iter().any(wanted);
        match self {
            Self::PromisesDue => has(|f| matches!(f, Factor::PromiseDueToday)),
            Self::PromisesBroken => has(|f| matches!(f, Factor::PromiseBroken { .. })),
            Self::FollowUps => has(|f| matches!(f, Factor::FollowUpDue { .. })),
            Self::Done => account.worked_at.is_some(),
        }
    }
}

/// How many accounts each counter stands for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaCounts {
    /// With a promise due today.
    pub promises_due: u32,
    /// With a broken promise nobody followed up.
    pub promises_broken: u32,
    /// With a follow-up due.
    pub follow_ups: u32,
    /// Worked today.
    pub done: u32,
    /// On the device.
    pub total: u32,
}

/// A visit or call made today.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Worked {
    /// Visit or call.
    pub channel: Channel,
    /// What came of it.
    pub outcome: Outcome,
    /// When it started.
    pub at: DateTime<Utc>,
}

/// An account on the agenda.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaRow {
    /// The account, with its priority.
    pub row: DebtorRow,
    /// Its region's name, once a sync has brought it.
    pub region: Option<String>,
    /// What is promised for today, as a decimal string.
    pub promised_today: Option<String>,
    /// Its visits and calls today, earliest first.
    pub worked: Vec<Worked>,
}

/// Today's plan.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agenda {
    /// The counters, over every account.
    pub counts: AgendaCounts,
    /// The counter the lists are filtered by, if any.
    pub filter: Option<AgendaFilter>,
    /// Due today, by priority.
    pub due: Vec<AgendaRow>,
    /// The rest, by priority.
    pub rest: Vec<AgendaRow>,
    /// Worked today, latest first.
    pub done: Vec<AgendaRow>,
}

/// Today's accounts in their sections, each in its order.
pub(crate) struct Sections {
    pub(crate) counts: AgendaCounts,
    pub(crate) due: Vec<Standing>,
    pub(crate) rest: Vec<Standing>,
    pub(crate) done: Vec<Standing>,
}

/// Every account on `day`, scored and sorted into its section. Equal
/// scores go by days past due, then by account (ids are in the order the
/// accounts were created), so the list keeps its order from one look to the next.
pub(crate) fn sections(tx: &rusqlite::Transaction<'_>, day: &Day, filter: Option<AgendaFilter>) -> Result<Sections> {
    let mut counts = AgendaCounts::default();
    let (mut due, mut rest, mut done) = (Vec::new(), Vec::new(), Vec::new());
    for account in standings(tx, day)? {
        counts.total += 1;
        for (counter, filter) in [
            (&mut counts.promises_due, AgendaFilter::PromisesDue),
            (&mut counts.promises_broken, AgendaFilter::PromisesBroken),
            (&mut counts.follow_ups, AgendaFilter::FollowUps),
            (&mut counts.done, AgendaFilter::Done),
        ] {
            *counter += u32::from(filter.admits(&account));
        }
        if filter.is_some_and(|f| !f.admits(&account)) {
            continue;
        }
        let section = if account.worked_at.is_some() {
            &mut done
        } else if account.priority.due_today() {
            &mut due
        } else {
            &mut rest
        };
        section.push(account);
    }
    let by_priority = |a: &Standing| (Reverse(a.priority.score), Reverse(a.days_past_due), a.debtor_id);
    due.sort_unstable_by_key(by_priority);
    rest.sort_unstable_by_key(by_priority);
    done.sort_unstable_by_key(|d| (Reverse(d.worked_at), d.debtor_id));
    Ok(Sections { counts, due, rest, done })
}

impl Store {
    /// Today's agenda on `today` (the gestor's local date), each section at
    /// most `limit` rows, filtered by `filter` if a counter was tapped.
    pub fn agenda(&self, today: NaiveDate, filter: Option<AgendaFilter>, limit: u32) -> Result<Agenda> {
        self.summaries()?;
        self.read(|tx| {
            let day = Day::load(tx, today)?;
            let Sections { counts, due, rest, done } = sections(tx, &day, filter)?;
            let regions: HashMap<TerritoryId, String> = tx
                .prepare_cached("SELECT id, name FROM territories")?
                .query_and_then([], |r| Ok::<_, crate::DeviceError>((parse_id(&r.get::<_, String>(0)?)?, r.get(1)?)))?
                .collect::<Result<_>>()?;
            let show = |accounts: Vec<Standing>| -> Result<Vec<AgendaRow>> {
                let mut rows: Vec<AgendaRow> = accounts
                    .into_iter()
                    .take(limit as usize)
                    .map(|account| {
                        let row = row_of(tx, account.debtor_id, &day)?;
                        Ok(AgendaRow {
                            promised_today: promised_on(tx, &row, today)?,
                            worked: worked_on(tx, &account, today)?,
                            region: regions.get(&row.territory_id).cloned(),
                            row,
                        })
                    })
                    .collect::<Result<_>>()?;
                count_unsent(tx, rows.iter_mut().map(|r| &mut r.row))?;
                Ok(rows)
            };
            Ok(Agenda { counts, filter, due: show(due)?, rest: show(rest)?, done: show(done)? })
        })
    }
}

/// The records of debtor `?1` as the gestor sees them (a pending version
/// shadows the server's copy), with the fact columns the store keeps.
const LIVE: &str = "WITH live AS (
    SELECT kind, deleted, body, due_on, status, started_at FROM pending WHERE debtor_id = ?1
    UNION ALL
    SELECT kind, deleted, body, due_on, status, started_at FROM records r
    WHERE debtor_id = ?1 AND NOT EXISTS (SELECT 1 FROM pending p WHERE p.record_id = r.id))";

/// What the account's promises in force ask to be paid on `today` (a
/// promise due today, or a plan's instalment), if anything.
fn promised_on(tx: &rusqlite::Transaction<'_>, row: &DebtorRow, today: NaiveDate) -> Result<Option<String>> {
    // The summary's due is the earliest pending one: one in its grace may
    // stand before today's.
    if row.promise_due_on.is_none_or(|earliest| earliest > today) {
        return Ok(None);
    }
    let mut promises = tx.prepare_cached(&format!(
        "{LIVE} SELECT body FROM live WHERE kind = 'promise' AND NOT deleted AND status = 'pending'"
    ))?;
    let mut rows = promises.query([row.debtor_id.to_string()])?;
    let mut total = Decimal::ZERO;
    while let Some(body) = rows.next()? {
        let RecordBody::Promise(promise) = RecordBody::parse(RecordKind::Promise, &body.get::<_, String>(0)?)? else {
            continue;
        };
        total += promise
            .unpaid_dues()
            .iter()
            .filter(|(_, on)| *on == today)
            .map(|(amount, _)| amount.value())
            .sum::<Decimal>();
    }
    Ok((!total.is_zero()).then(|| total.to_string()))
}

/// The account's visits and calls on the gestor's `today`, earliest first.
fn worked_on(tx: &rusqlite::Transaction<'_>, account: &Standing, today: NaiveDate) -> Result<Vec<Worked>> {
    let Some(latest) = account.worked_at else { return Ok(Vec::new()) };
    // The local day is within a day of its latest visit or call, in UTC.
    let since = (latest - chrono::TimeDelta::days(1)).date_naive().to_string();
    let mut worked = Vec::new();
    let mut bodies = tx.prepare_cached(&format!(
        "{LIVE} SELECT kind, body FROM live WHERE kind IN ('visit', 'call') AND NOT deleted AND started_at >= ?2"
    ))?;
    let mut rows = bodies.query(rusqlite::params![account.debtor_id.to_string(), since])?;
    while let Some(row) = rows.next()? {
        let kind = row.get::<_, String>(0)?.parse().map_err(|e| corrupt("kind", e))?;
        let (channel, outcome, at, zone) = match RecordBody::parse(kind, &row.get::<_, String>(1)?)? {
            RecordBody::Visit(v) => (Channel::Visit, v.outcome, v.started_at, v.zone),
            RecordBody::Call(c) => (Channel::Call, c.outcome, c.started_at, c.zone),
            _ => continue,
        };
        if zone.local(at).date() == today {
            worked.push(Worked { channel, outcome, at });
        }
    }
    worked.sort_by_key(|w| w.at);
    Ok(worked)
}
