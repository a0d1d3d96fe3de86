//! Today's visiting order: from where the gestor stands (or from the first
//! stop, without a position), the nearest stop next, then 2-opt (reversing
//! any stretch of the path that makes it shorter) until nothing improves.
//! The path is open: the day ends at the last stop. 2-opt also runs on the
//! order given (the agenda's priority), and the shorter of the two is the
//! route, so it is never longer than visiting in priority order.
//! Distances are great-circle ([`GeoPoint::distance_m`]): streets are longer,
//! but rarely in a different order.

use crate::geo::GeoPoint;

/// The visiting order of `stops` (indices into it) from `start`.
pub fn order(start: Option<GeoPoint>, stops: &[GeoPoint]) -> Vec<usize> {
    let path = Path::new(start, stops);
    let given: Vec<usize> = (0..stops.len()).collect();
    let mut from_nearest = path.nearest_neighbour();
    let mut from_given = given;
    path.two_opt(&mut from_nearest);
    path.two_opt(&mut from_given);
    if path.length(&from_given) < path.length(&from_nearest) { from_given } else { from_nearest }
}

/// The length in metres of visiting `stops` in `order` from `start`.
pub fn length_m(start: Option<GeoPoint>, stops: &[GeoPoint], order: &[usize]) -> f64 {
    Path::new(start, stops).length(order)
}

/// The points of a day, the start (if any) first, with the distances between them.
struct Path {
    /// Whether node 0 is the gestor's position, which no reversal may move.
    fixed_start: bool,
    /// Row-major: `distances[a * nodes + b]`.
    distances: Vec<f64>,
    nodes: usize,
}

impl Path {
    fn new(start: Option<GeoPoint>, stops: &[GeoPoint]) -> Self {
        let points: Vec<GeoPoint> = start.into_iter().chain(stops.iter().copied()).collect();
        let distances = points.iter().flat_map(|a| points.iter().map(|b| a.distance_m(*b))).collect();
        Self { fixed_start: start.is_some(), distances, nodes: points.len() }
    }

    /// The node of stop `stop`.
    fn node(&self, stop: usize) -> usize {
        stop + usize::from(self.fixed_start)
    }

    fn between(&self, a: usize, b: usize) -> f64 {
        self.distances[a * self.nodes + b]
    }

    /// The distance from the start (or nowhere) through `order`.
    fn length(&self, order: &[usize]) -> f64 {
        let start = self.fixed_start.then_some(0);
        let nodes: Vec<usize> = start.into_iter().chain(order.iter().map(|&s| self.node(s))).collect();
        nodes.windows(2).map(|w| self.between(w[0], w[1])).sum()
    }

    /// From the start (or the first stop), always the nearest stop not yet visited.
    fn nearest_neighbour(&self) -> Vec<usize> {
        let stops = self.nodes - usize::from(self.fixed_start);
        let mut left: Vec<usize> = (0..stops).collect();
        let mut order = Vec::with_capacity(stops);
        // Node 0: the gestor's position, or else the first stop.
        let mut at = 0;
        if !self.fixed_start && !left.is_empty() {
            order.push(left.remove(0));
        }
        while !left.is_empty() {
            let from_here = |k: usize| self.between(at, self.node(left[k]));
            let i = (0..left.len())
                .min_by(|&a, &b| from_here(a).total_cmp(&from_here(b)))
                .unwrap_or_else(|| unreachable!("left is not empty"));
            let next = left.remove(i);
            at = self.node(next);
            order.push(next);
        }
        order
    }

    /// Reverses stretches of `order` while one makes the path shorter.
    fn two_opt(&self, order: &mut [usize]) {
        // A metre's gain at least: float noise must not loop forever.
        const GAIN_M: f64 = 1.0;
        let node = |order: &[usize], i: usize| self.node(order[i]);
        let before = |order: &[usize], i: usize| match i {
            0 if self.fixed_start => Some(0),
            0 => None,
            _ => Some(node(order, i - 1)),
        };
        let mut improved = true;
        while improved {
            improved = false;
            for i in 0..order.len() {
                for j in i + 1..order.len() {
                    let (first, last) = (node(order, i), node(order, j));
                    let after = (j + 1 < order.len()).then(|| node(order, j + 1));
                    let prev = before(order, i);
                    let edge = |a: Option<usize>, b: Option<usize>| match (a, b) {
                        (Some(a), Some(b)) => self.between(a, b),
                        _ => 0.0,
                    };
                    let now = edge(prev, Some(first)) + edge(Some(last), after);
                    let reversed = edge(prev, Some(last)) + edge(Some(first), after);
                    if reversed + GAIN_M < now {
                        order[i..=j].reverse();
                        improved = true;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn point(lat: f64, lon: f64) -> GeoPoint {
        GeoPoint::new(lat, lon).unwrap()
    }

    #[test]
    fn stops_along_a_street_are_visited_along_it_from_where_the_gestor_is() {
        // Five stops on a line of longitude, given out of order; the gestor at one end.
        let stops: Vec<GeoPoint> = [3.0, 1.0, 4.0, 0.0, 2.0].iter().map(|k| point(19.40 + k * 0.01, -99.15)).collect();
        let gestor = point(19.39, -99.15);
        let route = order(Some(gestor), &stops);
        assert_eq!(route, vec![3, 1, 4, 0, 2]);
        let given = length_m(Some(gestor), &stops, &[0, 1, 2, 3, 4]);
        let walked = length_m(Some(gestor), &stops, &route);
        // 5.6 km of street (1.11 km per hundredth of a degree), against 16.7 zig-zagging.
        assert!((walked - 5.0 * 1111.95).abs() < 5.0, "{walked}");
        assert!(given > 2.5 * walked, "{given}");
        // Without a position, the day starts at an end of the street.
        let unplaced = order(None, &stops);
        assert!([3, 2].contains(&unplaced[0]), "{unplaced:?}");
        assert!((length_m(None, &stops, &unplaced) - 4.0 * 1111.95).abs() < 5.0);
    }

    #[test]
    fn no_stops_or_one() {
        assert_eq!(order(Some(point(0.0, 0.0)), &[]), Vec::<usize>::new());
        assert_eq!(order(None, &[point(1.0, 1.0)]), vec![0]);
    }

    proptest! {
        #[test]
        fn every_stop_once_and_never_longer_than_the_order_given(
            stops in prop::collection::vec((-12.2f64..-11.9, -77.1f64..-76.9), 0..40),
            start in prop::option::of((-12.2f64..-11.9, -77.1f64..-76.9)),
        ) {
            let stops: Vec<GeoPoint> = stops.into_iter().map(|(lat, lon)| point(lat, lon)).collect();
            let start = start.map(|(lat, lon)| point(lat, lon));
            let route = order(start, &stops);
            let mut seen = route.clone();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..stops.len()).collect::<Vec<_>>());
            let given: Vec<usize> = (0..stops.len()).collect();
            prop_assert!(length_m(start, &stops, &route) <= length_m(start, &stops, &given) + 1e-6);
        }
    }
}
