//! GPS positions, as recorded at a visit.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// A point on Earth in WGS 84 degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GeoPoint {
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    lat: f64,
    lon: f64,
}

impl GeoPoint {
    /// A point, if both coordinates are in range.
    pub fn new(lat: f64, lon: f64) -> Result<Self, DomainError> {
        if !(-90.0..=90.0).contains(&lat) {
            return Err(DomainError::LatitudeOutOfRange { value: lat.to_string() });
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(DomainError::LongitudeOutOfRange { value: lon.to_string() });
        }
        Ok(Self { lat, lon })
    }

    /// Latitude in degrees.
    pub fn lat(self) -> f64 {
        self.lat
    }

    /// Longitude in degrees.
    pub fn lon(self) -> f64 {
        self.lon
    }

    /// The distance to `other` over the Earth's surface, in metres (the
    /// haversine formula on a sphere of the mean radius: within 0.5% of the
    /// ellipsoid, far finer than a phone's GPS).
    pub fn distance_m(self, other: GeoPoint) -> f64 {
        const EARTH_RADIUS_M: f64 = 6_371_008.8;
        let (lat1, lat2) = (self.lat.to_radians(), other.lat.to_radians());
        let half_dlat = (other.lat - self.lat).to_radians() / 2.0;
        let half_dlon = (other.lon - self.lon).to_radians() / 2.0;
        let a = half_dlat.sin().powi(2) + lat1.cos() * lat2.cos() * half_dlon.sin().powi(2);
        2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
    }

    /// The nearest of `places` and how far it is, if there is any.
    pub fn nearest(self, places: impl IntoIterator<Item = GeoPoint>) -> Option<(GeoPoint, f64)> {
        places.into_iter().map(|p| (p, self.distance_m(p))).min_by(|a, b| a.1.total_cmp(&b.1))
    }
}

crate::error::deserialize_via!(GeoPoint, RawPoint);

impl TryFrom<RawPoint> for GeoPoint {
    type Error = DomainError;
    fn try_from(raw: RawPoint) -> Result<Self, DomainError> {
        Self::new(raw.lat, raw.lon)
    }
}

/// Where a position came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PositionSource {
    /// The device's location service.
    Device,
    /// Typed by the gestor: weaker evidence, and the record says so.
    Typed,
}

/// Where a device was, and how sure it was: the evidence a supervisor checks.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Position {
    point: GeoPoint,
    accuracy_m: f64,
    /// Where it came from; positions from before Campo asked have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    source: Option<PositionSource>,
    /// When the location service took the fix, by the device's clock: its
    /// age at the visit is evidence too.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    fixed_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPosition {
    point: GeoPoint,
    accuracy_m: f64,
    #[serde(default)]
    source: Option<PositionSource>,
    #[serde(default)]
    fixed_at: Option<DateTime<Utc>>,
}

impl Position {
    /// A position with its accuracy radius in metres.
    pub fn new(point: GeoPoint, accuracy_m: f64) -> Result<Self, DomainError> {
        if !accuracy_m.is_finite() || accuracy_m < 0.0 {
            return Err(DomainError::InvalidAccuracy { value: accuracy_m.to_string() });
        }
        Ok(Self { point, accuracy_m, source: None, fixed_at: None })
    }

    /// The same position, taken by the device's location service at `fixed_at`.
    pub fn from_device(self, fixed_at: DateTime<Utc>) -> Self {
        Self { source: Some(PositionSource::Device), fixed_at: Some(fixed_at), ..self }
    }

    /// The same position, typed by the gestor.
    pub fn typed(self) -> Self {
        Self { source: Some(PositionSource::Typed), fixed_at: None, ..self }
    }

    /// Where it came from, if the record says.
    pub fn source(self) -> Option<PositionSource> {
        self.source
    }

    /// When the device took the fix.
    pub fn fixed_at(self) -> Option<DateTime<Utc>> {
        self.fixed_at
    }

    /// The point.
    pub fn point(self) -> GeoPoint {
        self.point
    }

    /// The accuracy radius in metres.
    pub fn accuracy_m(self) -> f64 {
        self.accuracy_m
    }
}

crate::error::deserialize_via!(Position, RawPosition);

impl TryFrom<RawPosition> for Position {
    type Error = DomainError;
    fn try_from(raw: RawPosition) -> Result<Self, DomainError> {
        let position = Self::new(raw.point, raw.accuracy_m)?;
        Ok(Self { source: raw.source, fixed_at: raw.fixed_at, ..position })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_out_of_range_are_refused() {
        assert!(GeoPoint::new(19.43, -99.13).is_ok());
        assert!(matches!(GeoPoint::new(91.0, 0.0), Err(DomainError::LatitudeOutOfRange { .. })));
        assert!(matches!(GeoPoint::new(0.0, -181.0), Err(DomainError::LongitudeOutOfRange { .. })));
        assert!(matches!(GeoPoint::new(f64::NAN, 0.0), Err(DomainError::LatitudeOutOfRange { .. })));
        assert!(serde_json::from_str::<GeoPoint>(r#"{"lat":100,"lon":0}"#).is_err());
    }

    #[test]
    fn distances_over_the_earth_are_in_metres() {
        let zocalo = GeoPoint::new(19.4326, -99.1332).unwrap();
        let angel = GeoPoint::new(19.4270, -99.1677).unwrap();
        let plaza_de_armas_lima = GeoPoint::new(-12.0464, -77.0428).unwrap();
        assert_eq!(zocalo.distance_m(zocalo), 0.0);
        // Zócalo to the Ángel de la Independencia: about 3.67 km.
        assert!((zocalo.distance_m(angel) - 3_670.0).abs() < 30.0, "{}", zocalo.distance_m(angel));
        // Mexico City to Lima: about 4,240 km great-circle.
        let far = zocalo.distance_m(plaza_de_armas_lima);
        assert!((far - 4_240_000.0).abs() < 20_000.0, "{far}");
        assert!((zocalo.distance_m(angel) - angel.distance_m(zocalo)).abs() < 1e-6, "symmetric");
    }

    #[test]
    fn the_nearest_address_is_found_and_none_without_addresses() {
        let visit = GeoPoint::new(19.4326, -99.1332).unwrap();
        let home = GeoPoint::new(19.4330, -99.1335).unwrap();
        let work = GeoPoint::new(19.4270, -99.1677).unwrap();
        let (nearest, metres) = visit.nearest([work, home]).expect("an address");
        assert_eq!(nearest, home);
        assert!(metres < 60.0, "{metres}");
        assert_eq!(visit.nearest([]), None);
    }

    #[test]
    fn accuracy_must_be_a_non_negative_number() {
        let p = GeoPoint::new(-12.05, -77.04).unwrap();
        assert!(Position::new(p, 12.0).is_ok());
        assert!(Position::new(p, -1.0).is_err());
        assert!(Position::new(p, f64::INFINITY).is_err());
    }

    #[test]
    fn a_position_says_where_it_came_from_and_older_ones_read_as_before() {
        let p = Position::new(GeoPoint::new(-12.05, -77.04).unwrap(), 12.0).unwrap();
        let old = r#"{"point":{"lat":-12.05,"lon":-77.04},"accuracy_m":12.0}"#;
        assert_eq!(serde_json::to_string(&p).unwrap(), old);
        assert_eq!(serde_json::from_str::<Position>(old).unwrap().source(), None);
        let at: DateTime<Utc> = "2026-12-04T16:00:00Z".parse().unwrap();
        let fixed = serde_json::to_string(&p.from_device(at)).unwrap();
        assert_eq!(
            fixed,
            r#"{"point":{"lat":-12.05,"lon":-77.04},"accuracy_m":12.0,"source":"device","fixed_at":"2026-12-04T16:00:00Z"}"#
        );
        let back: Position = serde_json::from_str(&fixed).unwrap();
        assert_eq!((back.source(), back.fixed_at()), (Some(PositionSource::Device), Some(at)));
        assert_eq!(p.typed().source(), Some(PositionSource::Typed));
    }
}
