//! The SQL behind the supervisor's KPIs: the facts of a period's work, read
//! through the indexes of migrations 0014 and 0016 and narrowed to the
//! gestores of the report. The counting is [`campo_core::kpi`]'s.

use std::collections::HashSet;

use campo_core::{
    ids::UserId,
    kpi::{Attempt, Facts, MoneyFact, PromiseFact},
    money::Amount,
    outcome::Channel,
    zone::Zone,
};
use chrono::{Days, NaiveDate};
use rusqlite::{Connection, params};

use super::{StoreError, StoreResult, json_ids, parse};

pub(super) fn facts(conn: &Connection, gestores: &[UserId], from: NaiveDate, to: NaiveDate) -> StoreResult<Facts> {
    let ids = json_ids(gestores);
    let (first, last) = (from.to_string(), to.to_string());
    let mut facts = Facts::default();

    // Visits and calls by the debtor's local day: read a day wider on each
    // side in UTC, then kept by their local day.
    let wide_from = from.checked_sub_days(Days::new(1)).unwrap_or(from).to_string();
    let wide_to = to.checked_add_days(Days::new(2)).unwrap_or(to).to_string();
    // The first `kind IN` is the log index's own condition (migration 0014),
    // which SQLite must see word for word to use it; the `+` keeps it from
    // walking every record of the gestores by author instead of the period.
    let mut statement = conn.prepare_cached(
        "SELECT r.author_id, r.kind, r.body ->> '$.started_at', r.body ->> '$.outcome', d.body ->> '$.zone'
         FROM records r JOIN records d ON d.id = r.debtor_id
         WHERE r.kind IN ('visit', 'call', 'promise', 'message') AND r.kind IN ('visit', 'call') AND NOT r.deleted
           AND coalesce(r.body ->> '$.started_at', r.body ->> '$.at', r.body ->> '$.made_on') >= ?1
           AND coalesce(r.body ->> '$.started_at', r.body ->> '$.at', r.body ->> '$.made_on') < ?2
           AND +r.author_id IN (SELECT value FROM json_each(?3))",
    )?;
    let mut rows = statement.query(params![wide_from, wide_to, ids])?;
    while let Some(row) = rows.next()? {
        let kind: String = row.get(1)?;
        let started: String = row.get(2)?;
        let zone: Zone = parse(&row.get::<_, String>(4)?, "debtor zone")?;
        let day = zone.local(parse(&started, "started_at")?).date();
        if day < from || day > to {
            continue;
        }
        facts.attempts.push(Attempt {
            gestor: parse(&row.get::<_, String>(0)?, "records.author_id")?,
            day,
            channel: if kind == "visit" { Channel::Visit } else { Channel::Call },
            outcome: parse(&row.get::<_, String>(3)?, "an outcome")?,
        });
    }

    // Promises made in the period (the log's index, as above) or falling
    // due in it (migration 0018's, by gestor and day); one made and due in
    // the period comes twice, and is kept once.
    let mut statement = conn.prepare_cached(
        "SELECT r.id, r.author_id, r.body ->> '$.made_on', r.body ->> '$.due_on', r.body ->> '$.amount',
                r.body ->> '$.currency', r.body ->> '$.status'
         FROM records r
         WHERE r.kind IN ('visit', 'call', 'promise', 'message') AND r.kind = 'promise' AND NOT r.deleted
           AND coalesce(r.body ->> '$.started_at', r.body ->> '$.at', r.body ->> '$.made_on') BETWEEN ?1 AND ?2
           AND +r.author_id IN (SELECT value FROM json_each(?3))
         UNION ALL
         SELECT r.id, r.author_id, r.body ->> '$.made_on', r.body ->> '$.due_on', r.body ->> '$.amount',
                r.body ->> '$.currency', r.body ->> '$.status'
         FROM records r
         WHERE r.kind = 'promise' AND NOT r.deleted AND r.body ->> '$.due_on' BETWEEN ?1 AND ?2
           AND r.author_id IN (SELECT value FROM json_each(?3))",
    )?;
    let mut rows = statement.query(params![first, last, ids])?;
    let mut seen = HashSet::new();
    while let Some(row) = rows.next()? {
        if !seen.insert(row.get::<_, String>(0)?) {
            continue;
        }
        facts.promises.push(PromiseFact {
            gestor: parse(&row.get::<_, String>(1)?, "records.author_id")?,
            made_on: parse(&row.get::<_, String>(2)?, "promise made_on")?,
            due_on: parse(&row.get::<_, String>(3)?, "promise due_on")?,
            amount: amount(&row.get::<_, String>(4)?)?,
            currency: code(&row.get::<_, String>(5)?)?,
            status: code(&row.get::<_, String>(6)?)?,
        });
    }

    // Payments on the accounts each gestor holds now, by the day they were
    // paid: the team's accounts, then each one's payments.
    let mut statement = conn.prepare_cached(
        "SELECT a.gestor_id, r.body ->> '$.amount', r.body ->> '$.currency'
         FROM assignments a JOIN records r ON r.debtor_id = a.debtor_id AND r.kind = 'payment'
         WHERE a.until_seq IS NULL AND a.gestor_id IN (SELECT value FROM json_each(?3))
           AND NOT r.deleted AND r.body ->> '$.paid_on' BETWEEN ?1 AND ?2",
    )?;
    facts.payments = money(statement.query(params![first, last, ids])?)?;

    // What the accounts held now have overdue.
    let mut statement = conn.prepare_cached(
        "SELECT a.gestor_id, d.body ->> '$.overdue', d.body ->> '$.currency'
         FROM assignments a JOIN records d ON d.id = a.debtor_id
         WHERE a.until_seq IS NULL AND NOT d.deleted AND a.gestor_id IN (SELECT value FROM json_each(?1))",
    )?;
    facts.overdue = money(statement.query([ids])?)?;
    Ok(facts)
}

fn money(mut rows: rusqlite::Rows<'_>) -> StoreResult<Vec<MoneyFact>> {
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(MoneyFact {
            gestor: parse(&row.get::<_, String>(0)?, "gestor")?,
            amount: amount(&row.get::<_, String>(1)?)?,
            currency: code(&row.get::<_, String>(2)?)?,
        });
    }
    Ok(out)
}

fn amount(text: &str) -> StoreResult<Amount> {
    let value = parse(text, "an amount")?;
    Amount::parse(value, "monto").map_err(|e| StoreError::Corrupt { what: "an amount", detail: e.to_string() })
}

/// A code stored as its JSON string (a currency, a promise's status).
fn code<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| StoreError::Corrupt { what: "a code", detail: format!("{text}: {e}") })
}
