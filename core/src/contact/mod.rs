//! Lawful, respectful contact: the rules every visit and call is judged by,
//! the same on the device (before a record is saved) and on the server (when
//! it arrives, with the final word). Pure functions over data, table-tested.
//!
//! - [`calendar`]: public holidays of Mexico and Peru, computed for any year.
//! - [`policy`]: a country's contact policy (hours, weekends, holidays,
//!   frequency) and whether a moment, in the debtor's zone, is within it.

pub mod calendar;
pub mod policy;

use serde::{Deserialize, Serialize};

use crate::money::Currency;

/// A country Campo collects in; its law sets the contact policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Country {
    /// Mexico.
    MX,
    /// Peru.
    PE,
}

impl From<Currency> for Country {
    /// An account's country: it is owed in that country's currency.
    fn from(currency: Currency) -> Self {
        match currency {
            Currency::MXN => Self::MX,
            Currency::PEN => Self::PE,
        }
    }
}
