//! The contact rules as this device holds them: the policies the feed
//! brought, and what a visit, call or promise is judged by before it is saved
//! (the server judges again on push, with every gestor's attempts).

use campo_core::{
    contact::{
        Breach, Country,
        judge::{Account, Contact, Verdict},
        policy::{Attempt, ContactPolicy},
    },
    debtor::Debtor,
    ids::{DebtorId, RecordId},
    outcome::{Channel, Outcome},
    rules::{ContactRules, RulesNeed},
};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::{Store, corrupt};
use crate::error::Result;

/// Keeps a policy the feed brought, unless a newer version is held already.
pub(super) fn put_policy(tx: &Transaction<'_>, policy: &ContactPolicy) -> Result<()> {
    let body = serde_json::to_string(policy).map_err(|e| corrupt("policy", e))?;
    tx.prepare_cached(
        "INSERT INTO policies (country, version, body) VALUES (?1, ?2, ?3)
         ON CONFLICT (country) DO UPDATE SET version = excluded.version, body = excluded.body
         WHERE excluded.version > policies.version",
    )?
    .execute(params![policy.country.code(), policy.version, body])?;
    Ok(())
}

/// The policy in force in `country` as far as this device knows.
pub(crate) fn policy(tx: &Transaction<'_>, country: Country) -> Result<ContactPolicy> {
    let body: Option<String> = tx
        .prepare_cached("SELECT body FROM policies WHERE country = ?1")?
        .query_row([country.code()], |r| r.get(0))
        .optional()?;
    match body {
        Some(body) => serde_json::from_str(&body).map_err(|e| corrupt("policy", e)),
        None => Ok(ContactPolicy::default_for(country)),
    }
}

/// Every visit and call on `debtor` this device holds that started at or
/// after `since`, the outbox's version where there is one, but `except`.
/// Deleted ones count too, as on the server.
fn attempts(
    tx: &Transaction<'_>,
    debtor: DebtorId,
    since: DateTime<Utc>,
    except: Option<RecordId>,
) -> Result<Vec<Attempt>> {
    let mut stmt = tx.prepare_cached(
        "SELECT started_at, kind = 'visit' FROM pending
             WHERE debtor_id = ?1 AND kind IN ('visit', 'call') AND record_id IS NOT ?2
         UNION ALL
         SELECT started_at, kind = 'visit' FROM records
             WHERE debtor_id = ?1 AND kind IN ('visit', 'call') AND id IS NOT ?2
               AND id NOT IN (SELECT record_id FROM pending WHERE debtor_id = ?1)",
    )?;
    let mut rows = stmt.query(params![debtor.to_string(), except.map(|id| id.to_string())])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let started: Option<String> = row.get(0)?;
        let Some(at) = started.and_then(|s| s.parse::<DateTime<Utc>>().ok()) else { continue };
        if at >= since {
            out.push(Attempt { at, visit: row.get(1)? });
        }
    }
    Ok(out)
}

/// What the contact rules judge a write of `need` on `account` by `gestor`
/// (the name their messages give); `except` is the record being written,
/// which is no earlier attempt of its own.
pub(super) fn rules(
    tx: &Transaction<'_>,
    debtor: DebtorId,
    account: &Debtor,
    need: RulesNeed,
    except: Option<RecordId>,
    gestor: &str,
) -> Result<Option<ContactRules>> {
    let history = match need {
        RulesNeed::Nothing => return Ok(None),
        RulesNeed::Account => Vec::new(),
        RulesNeed::AccountAndAttempts { since } => attempts(tx, debtor, since, except)?,
    };
    let policy = policy(tx, account.currency.into())?;
    Ok(Some(ContactRules {
        // This device offers, and so accepts, the templates in force.
        earlier: Vec::new(),
        gestor: gestor.into(),
        policy,
        account: Account { zone: account.zone, flags: account.into() },
        history,
    }))
}

/// What a visit or call form hears of the contact rules as it opens.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactAdvice {
    /// The rules a contact now would break, whoever answers.
    pub breaches: Vec<Breach>,
    /// Whether a justification may cover every one of them.
    pub justifiable: bool,
    /// The policy in force as this device holds it: who may hear of the
    /// debt, and the agency the gestor names.
    pub policy: ContactPolicy,
    /// Outcomes that say nobody was reached: the only ones without a person.
    pub unanswered: Vec<Outcome>,
    /// Outcomes that do not touch the debt: the only ones with someone who
    /// may not hear of it.
    pub neutral: Vec<Outcome>,
}

impl Store {
    /// What the contact rules say of a `channel` contact with `debtor` at
    /// `at` (see [`crate::app::contact_rules`]). Who will answer and what will
    /// come of it are not known yet: it is judged as an attempt nobody
    /// answered, so the hours, the days, how often and the account's flags speak.
    pub fn contact_rules(&self, debtor: DebtorId, channel: Channel, at: DateTime<Utc>) -> Result<ContactAdvice> {
        self.read(|tx| {
            let account = super::account(tx, debtor)?;
            let attempt = Contact {
                channel,
                inbound: false,
                at,
                party: None,
                identified: false,
                outcome: Outcome::NoAnswer,
                justification: None,
            };
            let need = RulesNeed::AccountAndAttempts { since: at - chrono::Days::new(8) };
            // A visit or call: no message to give the gestor's name.
            let Some(ContactRules { policy, account: zoned, history, .. }) =
                rules(tx, debtor, &account, need, None, "")?
            else {
                unreachable!("a visit or call needs rules")
            };
            let breaches = match policy.judge(&attempt, &zoned, &history) {
                Verdict::Allowed => Vec::new(),
                Verdict::Flagged(breaches) | Verdict::Refused(breaches) => breaches,
            };
            let outcomes = |keep: fn(&Outcome) -> bool| {
                Outcome::ALL.iter().copied().filter(|o| o.applies_to(channel)).filter(keep).collect()
            };
            Ok(ContactAdvice {
                justifiable: breaches.iter().all(|b| policy.justifiable(b)),
                breaches,
                unanswered: outcomes(|o| !o.contact()),
                neutral: outcomes(|o| !o.mentions_debt()),
                policy,
            })
        })
    }
}
