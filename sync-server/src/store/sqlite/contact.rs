//! The SQL behind the contact rules: policies by version, the account facts
//! and earlier attempts a verdict needs, and the verdicts kept.

use campo_core::{
    Record,
    contact::{
        Country, Judgement,
        account::AccountFlags,
        judge::Account,
        policy::{Attempt, ContactPolicy},
    },
    ids::{DebtorId, RecordId, UserId},
    money::Currency,
};
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, StoreResult, now, parse, time};

fn corrupt(what: &'static str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt { what, detail: e.to_string() }
}

pub(super) fn policy(conn: &Connection, country: Country) -> StoreResult<ContactPolicy> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM policies WHERE country = ?1 ORDER BY version DESC LIMIT 1")?
        .query_row([country.code()], |r| r.get(0))
        .optional()?;
    match body {
        Some(body) => serde_json::from_str(&body).map_err(|e| corrupt("policies.body", e)),
        // Only before storage has seeded the defaults (see `SqliteStorage::open`).
        None => Ok(ContactPolicy::default_for(country)),
    }
}

pub(super) fn has_policy(conn: &Connection, country: Country) -> StoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM policies WHERE country = ?1)")?
        .query_row([country.code()], |r| r.get(0))?)
}

pub(super) fn policies_since(
    conn: &Connection,
    country: Country,
    since: Option<u64>,
) -> StoreResult<Vec<ContactPolicy>> {
    // The version in force at `since` is the newest stored at or before it.
    let mut stmt = conn.prepare_cached(
        "SELECT body FROM policies
         WHERE country = ?1
           AND (?2 IS NULL OR seq >= COALESCE(
                 (SELECT max(seq) FROM policies WHERE country = ?1 AND seq <= ?2),
                 (SELECT max(seq) FROM policies WHERE country = ?1)))
         ORDER BY version DESC",
    )?;
    let mut rows = stmt.query(params![country.code(), since])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let body: String = row.get(0)?;
        out.push(serde_json::from_str(&body).map_err(|e| corrupt("policies.body", e))?);
    }
    Ok(out)
}

pub(super) fn put_policy(conn: &Connection, policy: &ContactPolicy, seq: u64, by: Option<UserId>) -> StoreResult<()> {
    let body = serde_json::to_string(policy).map_err(|e| corrupt("policies.body", e))?;
    conn.prepare_cached(
        "INSERT INTO policies (country, version, body, seq, set_by, set_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![policy.country.code(), policy.version, body, seq, by.map(|u| u.to_string()), now()])?;
    Ok(())
}

pub(super) fn account(conn: &Connection, debtor: DebtorId) -> StoreResult<Option<(Country, Account)>> {
    type Row = (String, String, bool, bool, bool);
    let found: Option<Row> = conn
        .prepare_cached(
            "SELECT json_extract(body, '$.currency'), json_extract(body, '$.zone'),
                    json_extract(body, '$.do_not_visit'), json_extract(body, '$.dispute'),
                    json_extract(body, '$.deceased')
             FROM records WHERE id = ?1 AND kind = 'debtor' AND deleted = 0",
        )?
        .query_row([debtor.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()?;
    let Some((currency, zone, do_not_visit, dispute, deceased)) = found else { return Ok(None) };
    let currency: Currency = parse(&currency, "debtor.currency")?;
    let account =
        Account { zone: parse(&zone, "debtor.zone")?, flags: AccountFlags { do_not_visit, dispute, deceased } };
    Ok(Some((currency.into(), account)))
}

pub(super) fn attempts(
    conn: &Connection,
    debtor: DebtorId,
    since: chrono::DateTime<chrono::Utc>,
    except: RecordId,
) -> StoreResult<Vec<Attempt>> {
    let mut stmt = conn.prepare_cached(
        "SELECT json_extract(body, '$.started_at'), kind = 'visit' FROM records
         WHERE debtor_id = ?1 AND kind IN ('visit', 'call') AND id <> ?2
           AND json_extract(body, '$.started_at') >= ?3",
    )?;
    let mut rows = stmt.query(params![debtor.to_string(), except.to_string(), time(since)])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let at: String = row.get(0)?;
        out.push(Attempt { at: parse(&at, "started_at")?, visit: row.get(1)? });
    }
    Ok(out)
}

pub(super) fn put_judgement(conn: &Connection, record: &Record, judgement: &Judgement) -> StoreResult<()> {
    let breaches = serde_json::to_string(&judgement.breaches).map_err(|e| corrupt("judgements.breaches", e))?;
    conn.prepare_cached(
        "INSERT INTO judgements (record_id, vv, country, policy_version, breaches, flagged, judged_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (record_id) DO UPDATE SET vv = excluded.vv, country = excluded.country,
            policy_version = excluded.policy_version, breaches = excluded.breaches,
            flagged = excluded.flagged, judged_at = excluded.judged_at",
    )?
    .execute(params![
        record.id.to_string(),
        record.vv.to_json(),
        judgement.country.code(),
        judgement.policy_version,
        breaches,
        judgement.flagged(),
        now()
    ])?;
    Ok(())
}

/// A verdict as the activity list reads it: columns country, policy
/// version and breaches, all `NULL` for a record never judged.
pub(super) fn judgement(
    country: Option<String>,
    version: Option<u32>,
    breaches: Option<String>,
) -> StoreResult<Option<Judgement>> {
    let (Some(country), Some(policy_version), Some(breaches)) = (country, version, breaches) else {
        return Ok(None);
    };
    Ok(Some(Judgement {
        country: parse(&country, "judgements.country")?,
        policy_version,
        breaches: serde_json::from_str(&breaches).map_err(|e| corrupt("judgements.breaches", e))?,
    }))
}
