//! Money: an exact decimal amount in MXN or PEN. Never a float.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// The currencies Campo collects in. Both have two decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Currency {
    /// Mexican peso.
    MXN,
    /// Peruvian sol.
    PEN,
}

impl Currency {
    /// Decimal places of the currency's minor unit.
    pub const DECIMALS: u32 = 2;

    /// Every currency.
    pub const ALL: [Self; 2] = [Self::MXN, Self::PEN];

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::MXN => "MXN",
            Self::PEN => "PEN",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Currency {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        match s.trim() {
            "MXN" => Ok(Self::MXN),
            "PEN" => Ok(Self::PEN),
            other => Err(DomainError::CurrencyMismatch { expected: "MXN o PEN".into(), found: other.into() }),
        }
    }
}

/// A non-negative amount with at most two decimals, kept at scale 2.
/// On the wire it is a string ("1250.50") so no JSON parser rounds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "1250.50"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Amount(Decimal);

crate::error::deserialize_via!(Amount, Decimal);

impl Amount {
    /// Zero.
    pub const ZERO: Self = Self(Decimal::ZERO);

    /// Parses an amount for `field`, rejecting negatives and extra decimals.
    pub fn parse(value: Decimal, field: &str) -> Result<Self, DomainError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(DomainError::NegativeAmount { field: field.into() });
        }
        if value.normalize().scale() > Currency::DECIMALS {
            return Err(DomainError::TooManyDecimals { field: field.into() });
        }
        let mut value = value;
        value.rescale(Currency::DECIMALS);
        Ok(Self(value))
    }

    /// Like [`Amount::parse`], and also rejects zero.
    pub fn positive(value: Decimal, field: &str) -> Result<Self, DomainError> {
        let amount = Self::parse(value, field)?;
        if amount.0.is_zero() {
            return Err(DomainError::ZeroAmount { field: field.into() });
        }
        Ok(amount)
    }

    /// The exact value.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Whether the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

impl TryFrom<Decimal> for Amount {
    type Error = DomainError;
    fn try_from(value: Decimal) -> Result<Self, DomainError> {
        Self::parse(value, "monto")
    }
}

impl Currency {
    /// `amount` as people here write it: "$12,345.60", "S/ 12,345.60".
    pub fn written(self, amount: &Amount) -> String {
        let text = amount.to_string();
        let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        let symbol = match self {
            Self::MXN => "$",
            Self::PEN => "S/ ",
        };
        format!("{symbol}{grouped}.{cents}")
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn amounts_are_written_with_their_symbol_and_thousands() {
        let amount = |s: &str| Amount::parse(dec(s), "x").unwrap();
        assert_eq!(Currency::MXN.written(&amount("1250000.5")), "$1,250,000.50");
        assert_eq!(Currency::PEN.written(&amount("999")), "S/ 999.00");
        assert_eq!(Currency::MXN.written(&amount("0")), "$0.00");
    }

    #[test]
    fn amounts_keep_two_decimals() {
        assert_eq!(Amount::parse(dec("10.5"), "x").unwrap().to_string(), "10.50");
        assert_eq!(Amount::parse(dec("10.500"), "x").unwrap().to_string(), "10.50");
    }

    #[test]
    fn negative_and_over_precise_amounts_are_refused_naming_the_field() {
        assert_eq!(Amount::parse(dec("-1"), "saldo"), Err(DomainError::NegativeAmount { field: "saldo".into() }));
        assert_eq!(Amount::parse(dec("1.005"), "saldo"), Err(DomainError::TooManyDecimals { field: "saldo".into() }));
        assert!(matches!(Amount::positive(Decimal::ZERO, "monto"), Err(DomainError::ZeroAmount { .. })));
    }

    #[test]
    fn amounts_travel_as_strings_and_numbers_are_accepted() {
        let a: Amount = serde_json::from_str("\"99.9\"").unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"99.90\"");
        assert!(serde_json::from_str::<Amount>("\"-3\"").is_err());
    }
}
