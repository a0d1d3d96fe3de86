//! Promises' statuses, derived on the server from the lender's payments and
//! the calendar ([`campo_core::lifecycle`] says how). Whenever payments are
//! imported the accounts they touch are derived again, in the import's
//! transaction; as days pass, [`sweep`] derives every account with a pending
//! promise. A status that changes is written as the server's next version of
//! the promise: it syncs to the gestor like any office write, and merges
//! with an edit the gestor made meanwhile (a cancellation wins: see
//! [`campo_core::merge`]).

use campo_core::{
    RecordBody, RecordKind,
    activity::{Payment, Promise},
    contact::Country,
    ids::DebtorId,
    lifecycle,
};
use chrono::{DateTime, Utc};

use crate::{
    office, reminders,
    store::{Storage, StoreError, StoredRecord, Tx},
};

/// Derives the statuses of `debtor`'s promises at `now` (on the debtor's
/// local date) and writes those that changed; then queues the reminders
/// they call for and escalates the account if they broke too often (see
/// [`reminders`]). Returns how many statuses changed.
pub fn derive_account(tx: &mut dyn Tx, debtor: DebtorId, now: DateTime<Utc>) -> Result<u32, StoreError> {
    let Some(Ok(RecordBody::Debtor(account))) = tx.record(debtor.into())?.map(|r| r.record.parse_body()) else {
        return Ok(0);
    };
    let policy = tx.policy(Country::from(account.currency))?;
    let today = account.zone.local(now).date();
    let mut promises: Vec<(StoredRecord, Promise)> = Vec::new();
    let mut payments: Vec<Payment> = Vec::new();
    for stored in tx.debtor_records(debtor, &[RecordKind::Promise, RecordKind::Payment])? {
        match stored.record.parse_body() {
            Ok(RecordBody::Promise(promise)) => promises.push((stored, promise)),
            Ok(RecordBody::Payment(payment)) => payments.push(payment),
            _ => {}
        }
    }
    let fields: Vec<_> = promises.iter().map(|(_, p)| &**p).collect();
    let paid: Vec<&Payment> = payments.iter().collect();
    let derived = lifecycle::derive(&fields, &paid, today, policy.grace_days);
    let mut changed = 0;
    let mut current = Vec::with_capacity(promises.len());
    for ((stored, promise), derived) in promises.into_iter().zip(derived) {
        let now_derived = promise.clone().derived(&derived);
        if now_derived != promise {
            office::write_next(tx, &stored, &RecordBody::Promise(now_derived.clone()), false, None)?;
            changed += 1;
        }
        current.push((stored.record.id, now_derived));
    }
    let held: Vec<_> = current.iter().map(|(id, p)| (*id, &**p)).collect();
    reminders::remind(tx, debtor, &account, &policy, &held, today, now)?;
    reminders::escalate(tx, debtor, &account, &policy, &held)?;
    Ok(changed)
}

/// What a sweep did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sweep {
    /// Accounts with a pending promise looked at.
    pub accounts: u64,
    /// Promises whose status changed.
    pub changed: u64,
}

/// How many accounts one transaction of a sweep derives.
const PAGE: u32 = 200;

/// Derives, at `now`, every account with a pending promise, a page of
/// accounts per transaction so devices syncing meanwhile wait little.
pub fn sweep(storage: &dyn Storage, now: DateTime<Utc>) -> Result<Sweep, StoreError> {
    let mut done = Sweep::default();
    let mut after = None;
    loop {
        let mut tx = storage.write()?;
        let page = tx.open_promise_debtors(after, PAGE)?;
        for debtor in &page {
            done.changed += u64::from(derive_account(&mut *tx, *debtor, now)?);
        }
        tx.commit()?;
        done.accounts += page.len() as u64;
        match page.last() {
            Some(last) if page.len() == PAGE as usize => after = Some(*last),
            _ => return Ok(done),
        }
    }
}
