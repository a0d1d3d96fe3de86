//! IANA time zones of the places Campo serves. Contact-hour rules are about the
//! debtor's local time, so every local time is kept as UTC plus one of these.

use std::fmt;

use chrono::{DateTime, NaiveDateTime, Utc};

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

    /// The local date and time in this zone at `at`, daylight saving
    /// included (the border zones keep the United States' rules).
    pub fn local(self, at: DateTime<Utc>) -> NaiveDateTime {
        let tz: chrono_tz::Tz =
            self.0.parse().unwrap_or_else(|_| unreachable!("every zone in ZONES is compiled in (.cargo/config.toml)"));
        at.with_timezone(&tz).naive_local()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().expect("an RFC 3339 instant")
    }

    #[test]
    fn every_zone_served_is_compiled_in() {
        for zone in ZONES {
            let zone: Zone = zone.parse().expect("listed");
            zone.local(utc("2026-12-01T12:00:00Z"));
        }
    }

    #[test]
    fn tijuana_keeps_daylight_saving_and_mexico_city_does_not() {
        let tijuana: Zone = "America/Tijuana".parse().expect("zone");
        // 21:30 in Mexico City (UTC−6 all year) is 03:30 UTC the next day.
        let january = utc("2026-01-16T03:30:00Z");
        let july = utc("2026-07-16T03:30:00Z");
        assert_eq!(Zone::MEXICO_CITY.local(january).format("%H:%M").to_string(), "21:30");
        assert_eq!(Zone::MEXICO_CITY.local(july).format("%H:%M").to_string(), "21:30");
        assert_eq!(tijuana.local(january).format("%H:%M").to_string(), "19:30");
        assert_eq!(tijuana.local(july).format("%H:%M").to_string(), "20:30");
    }
}
