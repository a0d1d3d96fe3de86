//! Today's visiting order: the accounts due today that may be visited and
//! whose address has coordinates, ordered from the gestor's position by
//! `campo_core::route`, with the distance of each leg and of the day beside
//! the distance of visiting them in priority order.

use campo_core::{geo::GeoPoint, route};
use chrono::NaiveDate;
use serde::Serialize;

use crate::{
    agenda::{Sections, sections},
    error::Result,
    portfolio::{Day, DebtorRow, count_unsent, row_of},
    store::Store,
};

/// One stop of the day.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Stop {
    /// The account.
    pub row: DebtorRow,
    /// Where its address is.
    pub point: GeoPoint,
    /// Metres from the previous stop (or the gestor's position); 0 for the
    /// first stop without a position.
    pub leg_m: u32,
}

/// The day's visits in order.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayRoute {
    /// Where the route starts: the gestor's position, if the device had one.
    pub from: Option<GeoPoint>,
    /// The stops, in visiting order.
    pub stops: Vec<Stop>,
    /// The whole route, in metres.
    pub length_m: u32,
    /// Visiting the same stops in priority order instead, in metres.
    pub priority_length_m: u32,
    /// Accounts due today that may be visited but whose address has no
    /// coordinates: to place by hand.
    pub unplaced: Vec<DebtorRow>,
}

fn metres(m: f64) -> u32 {
    // Whole metres: a route is planned to the street, not the centimetre.
    m.round().clamp(0.0, f64::from(u32::MAX)) as u32
}

impl Store {
    /// Today's route on `today` from `from`, the gestor's position if known.
    pub fn route(&self, today: NaiveDate, from: Option<GeoPoint>) -> Result<DayRoute> {
        self.summaries()?;
        self.read(|tx| {
            let day = Day::load(tx, today)?;
            let Sections { due, .. } = sections(tx, &day, None)?;
            let (placed, unplaced): (Vec<_>, Vec<_>) =
                due.into_iter().filter(|d| !d.do_not_visit).partition(|d| d.point.is_some());
            let points: Vec<GeoPoint> = placed.iter().filter_map(|d| d.point).collect();
            let order = route::order(from, &points);
            let by_priority: Vec<usize> = (0..points.len()).collect();
            let mut stops = Vec::with_capacity(order.len());
            let mut at = from;
            for i in order.iter().copied() {
                let point = points[i];
                let leg_m = at.map_or(0, |at| metres(at.distance_m(point)));
                at = Some(point);
                stops.push(Stop { row: row_of(tx, placed[i].debtor_id, &day)?, point, leg_m });
            }
            let mut unplaced: Vec<DebtorRow> =
                unplaced.iter().map(|d| row_of(tx, d.debtor_id, &day)).collect::<Result<_>>()?;
            count_unsent(tx, stops.iter_mut().map(|s| &mut s.row).chain(unplaced.iter_mut()))?;
            Ok(DayRoute {
                from,
                length_m: metres(route::length_m(from, &points, &order)),
                priority_length_m: metres(route::length_m(from, &points, &by_priority)),
                stops,
                unplaced,
            })
        })
    }
}
