//! GPS positions, as recorded at a visit.

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

/// Where a device was, and how sure it was: the evidence a supervisor checks.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Position {
    point: GeoPoint,
    accuracy_m: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPosition {
    point: GeoPoint,
    accuracy_m: f64,
}

impl Position {
    /// A position with its accuracy radius in metres.
    pub fn new(point: GeoPoint, accuracy_m: f64) -> Result<Self, DomainError> {
        if !accuracy_m.is_finite() || accuracy_m < 0.0 {
            return Err(DomainError::InvalidAccuracy { value: accuracy_m.to_string() });
        }
        Ok(Self { point, accuracy_m })
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
        Self::new(raw.point, raw.accuracy_m)
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
}
