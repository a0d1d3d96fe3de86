//! Lawful, respectful contact: the rules every visit and call is judged by,
//! the same on the device (before a record is saved) and on the server (when
//! it arrives, with the final word). Pure functions over data, table-tested.
//!
//! - [`calendar`]: public holidays of Mexico and Peru, computed for any year.
//! - [`policy`]: a country's contact policy (hours, weekends, holidays,
//!   frequency) and whether a moment, in the debtor's zone, is within it.
//! - [`account`]: what an account's flags (do not visit, in dispute,
//!   deceased) allow.
//! - [`party`]: who was reached, and whether the debt may be mentioned to them.
//! - [`judge`]: one verdict from every rule: allowed, flagged with a
//!   justification, or refused, naming each rule broken.

pub mod account;
pub mod calendar;
pub mod judge;
pub mod party;
pub mod policy;

use serde::{Deserialize, Serialize};

use crate::{money::Currency, outcome::Outcome};

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

impl Country {
    /// Both.
    pub const ALL: [Self; 2] = [Self::MX, Self::PE];

    /// The ISO 3166 code, as stored and in paths.
    pub fn code(self) -> &'static str {
        match self {
            Self::MX => "MX",
            Self::PE => "PE",
        }
    }
}

impl std::str::FromStr for Country {
    type Err = crate::DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(s))
            .ok_or_else(|| crate::DomainError::Malformed { message: format!("país desconocido: {s} (MX o PE)") })
    }
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

/// Why a contact at some moment breaks a policy. Travels to the app as a
/// code with data, for it to word in the gestor's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "breach", rename_all = "snake_case")]
pub enum Breach {
    /// Outside the hours, in the debtor's local time.
    #[error("son las {local} para el deudor; solo se permite contactar de {from} a {until}")]
    OutsideHours {
        /// The debtor's local time then ("20:05").
        local: String,
        /// The window ("07:00").
        from: String,
        /// Its end ("20:00").
        until: String,
    },
    /// On a Saturday or Sunday where the policy does not allow them.
    #[error("no se permite contactar en fin de semana")]
    Weekend,
    /// On a public holiday where the policy does not allow them.
    #[error("no se permite contactar en día feriado ({name})")]
    Holiday {
        /// Which.
        name: String,
    },
    /// The debtor was approached as often as a day allows.
    #[error("ya se intentó contactar al deudor {cap} veces hoy")]
    TooOftenToday {
        /// The policy's daily cap.
        cap: u32,
    },
    /// The debtor was approached as often as a week allows.
    #[error("ya se intentó contactar al deudor {cap} veces esta semana")]
    TooOftenThisWeek {
        /// The policy's weekly cap.
        cap: u32,
    },
    /// The debtor was visited as often as a week allows.
    #[error("ya se visitó al deudor {cap} veces esta semana")]
    TooManyVisitsThisWeek {
        /// The policy's weekly cap on visits.
        cap: u32,
    },
    /// The account is marked "do not visit".
    #[error("la cuenta está marcada como «no visitar»")]
    DoNotVisit,
    /// The debtor has died: nobody is approached about the account.
    #[error("el titular de la cuenta falleció; no se contacta sobre ella")]
    Deceased,
    /// The debt was mentioned to someone who may not hear of it.
    #[error("con {} no se puede tratar la deuda ({outcome}); solo dejar recado o anotar que no estaba", party.spanish())]
    ThirdParty {
        /// Who was reached.
        party: party::Party,
        /// The outcome that mentions the debt.
        outcome: Outcome,
    },
    /// In dispute, contact is only about the dispute, never to collect.
    #[error("la cuenta está en aclaración: solo se puede tratar la aclaración, no cobrar ({outcome})")]
    InDispute {
        /// The collection outcome recorded.
        outcome: Outcome,
    },
    /// A reminder of payment on an account in dispute.
    #[error("la cuenta está en aclaración: no se envían recordatorios de pago")]
    ReminderInDispute,
    /// A message to a number that is not one of the debtor's.
    #[error("los mensajes van solo a los números del titular, para que nadie más sepa de la deuda")]
    NotTheDebtorsNumber,
    /// A message whose text is not one of the agency's templates filled in,
    /// or that claims a delivery only the outbox may state.
    #[error("el mensaje no corresponde a una plantilla aprobada; elígelo de la lista")]
    NotFromTemplate,
    /// Someone was reached, but the record does not say who.
    #[error("indica con quién se habló")]
    NobodyNamed,
    /// Someone was reached and the gestor has not confirmed identifying
    /// themselves, the agency and the lender.
    #[error("confirma que te identificaste (tu nombre, la agencia, el acreedor y el contrato)")]
    NotIdentified,
}

/// The server's (or the device's) verdict on a visit or call, kept with it:
/// which policy judged it and every rule it was let through outside of,
/// with the gestor's justification. No breaches: within every rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Judgement {
    /// Whose policy.
    pub country: Country,
    /// Its version.
    pub policy_version: u32,
    /// The rules broken and justified.
    pub breaches: Vec<Breach>,
}

impl Judgement {
    /// Whether the record went outside a rule, justified: for supervisors.
    pub fn flagged(&self) -> bool {
        !self.breaches.is_empty()
    }
}
