//! IANA time zones of the places Campo serves. Contact-hour rules are about the
//! debtor's local time, so every local time is kept as UTC plus one of these.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// The IANA zones of Mexico and Peru.
pub const ZONES: &[&str] = &[
    "America/Mexico_City",
    "America/Monterrey",
    "America/Merida",
    "America/Cancun",
    "America/Matamoros",
    "America/Chihuahua",
    "America/Ciudad_Juarez",
    "America/Ojinaga",
    "America/Mazatlan",
    "America/Bahia_Banderas",
    "America/Hermosillo",
    "America/Tijuana",
    "America/Lima",
];

/// One of [`ZONES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "America/Mexico_City"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Zone(&'static str);

impl Zone {
    /// Mexico City, the most common zone.
    pub const MEXICO_CITY: Self = Self("America/Mexico_City");
    /// Lima.
    pub const LIMA: Self = Self("America/Lima");

    /// The IANA name.
    pub fn name(self) -> &'static str {
        self.0
    }
}

impl std::str::FromStr for Zone {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        ZONES.iter().find(|z| **z == s).map(|z| Self(z)).ok_or_else(|| DomainError::UnknownZone { value: s.into() })
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(DomainError::into_serde)
    }
}
