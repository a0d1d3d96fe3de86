//! The supervisor's log as the console reads it: each row's flags, from the
//! account's policy and the debtor's other attempts (the rules are
//! [`campo_core::evidence`]), and one record's detail with the debtor's
//! whole timeline; and a gestor's day of visits, for the supervisor's map.

use std::collections::HashMap;

use campo_core::{
    Record, RecordBody, RecordKind,
    contact::{Country, policy::ContactPolicy},
    evidence::{self, Facts},
    ids::{RecordId, UserId},
    wire::{ActivityDetail, ActivityRow, DayMap, DayStop, TimelineItem, UserInfo},
};
use chrono::NaiveDate;

use crate::{
    error::ApiError,
    office::Scope,
    store::{ActivityFilter, StoreError, StoreResult, Tx},
};

/// Fills in every row's flags.
pub fn flag(tx: &mut dyn Tx, rows: &mut [ActivityRow]) -> StoreResult<()> {
    let mut policies: HashMap<Country, ContactPolicy> = HashMap::new();
    for row in rows {
        let Some((country, _)) = tx.contact_account(row.record.debtor_id)? else { continue };
        let policy = match policies.entry(country) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(new) => new.insert(tx.policy(country)?),
        };
        let body = body(&row.record)?;
        let attempts_before = match body.contact() {
            Some(contact) => tx
                .attempts(row.record.debtor_id, Facts::week_before(contact.at), row.record.id)?
                .iter()
                .filter(|a| a.at <= contact.at)
                .count(),
            None => 0,
        };
        let facts = Facts {
            body: &body,
            judgement: row.judgement.as_ref(),
            clock_skew_s: row.clock_skew_s,
            after_reassignment: row.after_reassignment,
            attempts_before,
        };
        row.flags = evidence::flags(&facts, policy);
    }
    Ok(())
}

/// A visit, call, promise or message in `user`'s scope, with its flags, the
/// account and everything on it. Out of scope reads as not there: a
/// supervisor learns nothing of another team's records.
pub fn detail(tx: &mut dyn Tx, user: &UserInfo, id: RecordId) -> Result<ActivityDetail, ApiError> {
    let mut row = tx.activity(id)?.ok_or(ApiError::NotFound)?;
    if !Scope::of(tx, user)?.covers(row.gestor) {
        return Err(ApiError::NotFound);
    }
    flag(tx, std::slice::from_mut(&mut row))?;
    let debtor_id = row.record.debtor_id;
    let account = tx.record(debtor_id.into())?.ok_or(ApiError::NotFound)?;
    let RecordBody::Debtor(debtor) = body(&account.record)? else {
        return Err(StoreError::Corrupt { what: "a log row's account", detail: debtor_id.to_string() }.into());
    };
    let kinds = [
        RecordKind::Visit,
        RecordKind::Call,
        RecordKind::Promise,
        RecordKind::Payment,
        RecordKind::Review,
        RecordKind::Message,
    ];
    let mut names: HashMap<UserId, Option<String>> = HashMap::new();
    let mut timeline = Vec::new();
    for stored in tx.debtor_records(debtor_id, &kinds)? {
        let at = body(&stored.record)?.happened_at().unwrap_or_default();
        let author_name = match stored.author {
            Some(author) => match names.get(&author) {
                Some(name) => name.clone(),
                None => {
                    let name = tx.user(author)?.map(|u| u.name);
                    names.insert(author, name.clone());
                    name
                }
            },
            None => None,
        };
        timeline.push(TimelineItem { record: stored.record, at, author_name });
    }
    timeline.sort_by(|a, b| b.at.cmp(&a.at));
    Ok(ActivityDetail { row, debtor, timeline })
}

/// `gestor`'s visits on the debtors' local `day`, first to last, with the
/// accounts' addresses; a gestor outside `user`'s scope is not found.
pub fn day_map(tx: &mut dyn Tx, user: &UserInfo, gestor: UserId, day: NaiveDate) -> Result<DayMap, ApiError> {
    if !Scope::of(tx, user)?.covers(Some(gestor)) {
        return Err(ApiError::NotFound);
    }
    let filter =
        ActivityFilter { gestores: Some(vec![gestor]), ..ActivityFilter::around(RecordKind::Visit, day, 1_000) };
    let mut stops = Vec::new();
    for row in tx.activities(&filter)?.into_iter().filter(|r| !r.record.deleted) {
        let RecordBody::Visit(visit) = body(&row.record)? else { continue };
        if visit.zone.local(visit.started_at).date() != day {
            continue;
        }
        let addresses = match tx.record(row.record.debtor_id.into())? {
            Some(account) => match body(&account.record)? {
                RecordBody::Debtor(debtor) => debtor.addresses.iter().filter_map(|a| a.point).collect(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        };
        stops.push(DayStop {
            record_id: row.record.id,
            at: visit.started_at,
            debtor_name: row.debtor_name,
            outcome: visit.outcome,
            position: visit.position,
            distance_m: visit.distance_m,
            addresses,
        });
    }
    stops.sort_by_key(|s| s.at);
    Ok(DayMap { gestor, day, stops })
}

/// A stored body, parsed: it passed every check when it was written.
fn body(record: &Record) -> StoreResult<RecordBody> {
    record.parse_body().map_err(|e| StoreError::Corrupt { what: "a record's body", detail: e.to_string() })
}
