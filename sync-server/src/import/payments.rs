//! The payments the lender received: one row per payment. Columns, in any order:
//!
//! | column | example | notes |
//! |---|---|---|
//! | `account_ref` | `TC-000123` | the account's `external_ref`, as in the portfolio import |
//! | `paid_on` | `2026-12-01` | the day the lender received it; not after today in the debtor's zone |
//! | `amount` | `1500.00` | at most 2 decimals, more than zero |
//! | `currency` | `MXN` | the account's currency |
//! | `reference` | `SPEI-88812` | the lender's payment reference |
//! | `channel` | `transfer` | `branch`, `transfer`, `store`, `direct_debit`, `online`, `other` |
//!
//! A payment is the same one when its account and reference are: importing
//! it again changes nothing, and a lender's correction (the same reference
//! with another amount or date) updates it. The lender's file is the word
//! on its payments: one the office deleted comes back if the file has it. The promises of every account a
//! file touched are derived again from the payments, in the same
//! transaction (see [`crate::promises`]). The rest of the rules are in
//! [`super`].

use std::{
    collections::{BTreeSet, HashMap},
    io::Read,
};

use campo_core::{
    DomainError, RecordBody,
    activity::{Payment, PaymentChannel},
    debtor::Debtor,
    ids::{DebtorId, RecordId, TerritoryId},
    money::{Amount, Currency},
    text::Label,
    wire::UserInfo,
};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{ImportError, ImportReport, Importer, Line, Problem, amount, date, listed, required};
use crate::{
    office::{self, Upserted},
    promises,
    store::{Storage, StoreError, Tx},
};

#[derive(Debug, Deserialize)]
pub(crate) struct Row {
    account_ref: String,
    paid_on: String,
    amount: String,
    currency: String,
    reference: String,
    channel: String,
}

/// The payments import at `now` (no payment is received after its date),
/// onto accounts in `territories` (`None`: any).
pub(crate) struct Payments {
    now: DateTime<Utc>,
    territories: Option<Vec<TerritoryId>>,
    /// Each payment the file holds, by account and reference: where it came
    /// first and what it said.
    seen: HashMap<(DebtorId, String), (u64, Payment)>,
}

impl Payments {
    fn account(
        &self,
        tx: &mut dyn Tx,
        line: &mut Line,
        reference: Option<&str>,
    ) -> Result<Option<(DebtorId, Debtor)>, StoreError> {
        let Some(reference) = reference else { return Ok(None) };
        let mine = |territory| self.territories.as_ref().is_none_or(|mine| mine.contains(&territory));
        // An account outside the coordinator's territories is as unknown as
        // one that does not exist: the answer tells nothing of it.
        match tx.debtor_by_ref(reference)?.map(|r| (r.record.debtor_id, r.record.parse_body())) {
            Some((id, Ok(RecordBody::Debtor(account)))) if mine(account.territory) => Ok(Some((id, account))),
            _ => {
                line.note(Some("account_ref"), Problem::UnknownAccount { reference: reference.into() });
                Ok(None)
            }
        }
    }
}

impl Importer for Payments {
    type Row = Row;
    const REQUIRED: &'static [&'static str] = &["account_ref", "paid_on", "amount", "currency", "reference", "channel"];
    const OPTIONAL: &'static [&'static str] = &[];
    const ACTION: &'static str = "import_payments";

    fn row(&mut self, tx: &mut dyn Tx, line: &mut Line, row: Row) -> Result<Option<Upserted>, StoreError> {
        let account_ref = line.check("account_ref", required(&row.account_ref));
        let paid_on = line.check("paid_on", date(&row.paid_on));
        let amount = line.check("amount", amount(&row.amount, "monto pagado").and_then(positive));
        let currency = line.check("currency", listed(&row.currency, &Currency::ALL));
        let reference =
            line.check("reference", Label::parse(&row.reference, "referencia de pago").map_err(Problem::from));
        let channel = line.check("channel", listed(&row.channel, &PaymentChannel::ALL));
        let account = self.account(tx, line, account_ref)?;
        if let Some((_, account)) = &account {
            if let Some(date) = paid_on
                && date > account.zone.local(self.now).date()
            {
                line.note(Some("paid_on"), Problem::InTheFuture { date });
            }
            if let Some(found) = currency
                && let Err(error) = account.check_currency(found)
            {
                line.note(Some("currency"), error.into());
            }
        }
        let payment = || {
            let payment = Payment {
                amount: amount?,
                currency: currency?,
                paid_on: paid_on?,
                reference: reference?,
                channel: Some(channel?),
            };
            Some((account.as_ref()?.0, payment))
        };
        let Some((debtor, payment)) = payment().filter(|_| line.is_clean()) else { return Ok(None) };
        let key = (debtor, payment.reference.as_str().to_owned());
        if let Some((first_line, first)) = self.seen.get(&key) {
            if *first != payment {
                line.note(Some("reference"), Problem::RepeatedInFile { reference: key.1, first_line: *first_line });
                return Ok(None);
            }
            return Ok(Some(Upserted::Unchanged));
        }
        let stored = tx.payment_by_ref(debtor, &key.1)?;
        self.seen.insert(key, (line.number(), payment.clone()));
        let body = RecordBody::Payment(payment);
        match stored {
            None => {
                office::write_new(tx, RecordId::generate(), debtor, &body, None)?;
                Ok(Some(Upserted::Created))
            }
            Some(current) if current.record.parse_body().ok().as_ref() == Some(&body) && !current.record.deleted => {
                Ok(Some(Upserted::Unchanged))
            }
            Some(current) => {
                office::write_next(tx, &current, &body, false, None)?;
                Ok(Some(Upserted::Updated))
            }
        }
    }

    fn finish(&mut self, tx: &mut dyn Tx) -> Result<(), StoreError> {
        let touched: BTreeSet<DebtorId> = self.seen.keys().map(|(debtor, _)| *debtor).collect();
        for debtor in touched {
            promises::derive_account(tx, debtor, self.now)?;
        }
        Ok(())
    }
}

fn positive(amount: Amount) -> Result<Amount, Problem> {
    if amount.is_zero() { Err(DomainError::ZeroAmount { field: "monto pagado".into() }.into()) } else { Ok(amount) }
}

/// Imports a payments CSV (see the module docs) in one transaction at
/// `now`; with `dry_run`, checks and counts without storing. `by` is who
/// sent it (`None`: the operator at the command line, who may import onto
/// any account).
pub fn import(
    storage: &dyn Storage,
    input: impl Read,
    now: DateTime<Utc>,
    dry_run: bool,
    by: Option<&UserInfo>,
    progress: impl FnMut(u64),
) -> Result<ImportReport, ImportError> {
    super::run(storage, |territories| Payments { now, territories, seen: HashMap::new() }, input, dry_run, by, progress)
}
