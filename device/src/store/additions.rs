//! What a gestor adds to an account on the street: a phone, an email or an
//! address the debtor gave them. Only these fields of an account are the
//! gestor's to change ([`campo_core::debtor::DebtorFields::DEVICE_EDITABLE`]);
//! the addition is a new version of the account, sent like any other write
//! and merged as a set with what the office changed meanwhile.

use campo_core::{
    RecordBody,
    debtor::{Address, Debtor},
    ids::DebtorId,
    text::{Email, Label, Phone},
};
use serde::Deserialize;

use super::Store;
use crate::error::Result;

/// A contact point to add, as the gestor typed it.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum Addition {
    /// A phone number.
    Phone(String),
    /// An email address.
    Email(String),
    /// A street address.
    Address(String),
}

impl Store {
    /// Adds `addition` to `debtor`'s account as the gestor sees it now;
    /// nothing is stored if it does not parse, or if the account has it already.
    pub fn add_to_account(&self, debtor: DebtorId, addition: &Addition) -> Result<()> {
        let account = self.read(|tx| super::account(tx, debtor))?;
        let mut fields = account.into_fields();
        let added = match addition {
            Addition::Phone(text) => push_new(&mut fields.phones, Phone::parse(text)?),
            Addition::Email(text) => push_new(&mut fields.emails, Email::parse(text)?),
            Addition::Address(text) => {
                let line = Label::parse(text, "dirección")?;
                push_new(&mut fields.addresses, Address { line, point: None })
            }
        };
        if !added {
            return Ok(());
        }
        self.save(debtor.into(), debtor, &RecordBody::Debtor(Debtor::try_from(fields)?), false)
    }
}

/// Appends `value` unless `list` holds it; whether it did.
fn push_new<T: PartialEq>(list: &mut Vec<T>, value: T) -> bool {
    let new = !list.contains(&value);
    if new {
        list.push(value);
    }
    new
}
