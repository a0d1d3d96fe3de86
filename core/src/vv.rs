//! Version vectors: for every replica that ever wrote a record, how many of
//! that replica's writes the version includes.
//!
//! A replica's counter is one clock for all its records: each write takes the
//! next value. Comparing two vectors tells whether one version has seen the
//! other (and so replaces it) or whether they were written without knowing of
//! each other (and must be merged). Wall clocks play no part, so a device whose
//! clock is days off changes no outcome.

use std::{cmp::Ordering, collections::BTreeMap};

use serde::{Deserialize, Deserializer, Serialize, de::Error as _};

use crate::ids::ReplicaId;

/// The largest counter, clock or feed position the protocol accepts: storage
/// keeps them as signed 64-bit integers, so 2^63 - 1.
pub const MAX_COUNTER: u64 = i64::MAX as u64;

/// Deserialises a counter, clock or feed position, refusing one beyond
/// [`MAX_COUNTER`] with a message the caller prefixes with the field's path.
pub fn counter<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    bounded(u64::deserialize(d)?)
}

/// [`counter`], when it may be absent.
pub fn optional_counter<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Option::<u64>::deserialize(d)?.map(bounded).transpose()
}

fn bounded<E: serde::de::Error>(value: u64) -> Result<u64, E> {
    if value > MAX_COUNTER {
        return Err(E::custom(format!("{value} supera el máximo admitido, {MAX_COUNTER}")));
    }
    Ok(value)
}

/// How two versions of one record relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Causality {
    /// The same version.
    Equal,
    /// The left one happened before the right one.
    Before,
    /// The left one happened after (has seen) the right one.
    After,
    /// Neither has seen the other: a conflict.
    Concurrent,
}

/// Replica → number of that replica's writes seen. Absent means zero.
/// Counters above [`MAX_COUNTER`] are refused when parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = std::collections::HashMap<String, u64>))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "Record<string, number>"))]
#[serde(transparent)]
pub struct VersionVector(BTreeMap<ReplicaId, u64>);

impl<'de> Deserialize<'de> for VersionVector {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let counters = BTreeMap::<ReplicaId, u64>::deserialize(d)?;
        match counters.iter().find(|(_, c)| **c > MAX_COUNTER) {
            Some((replica, c)) => Err(D::Error::custom(format!(
                "el contador de {replica} ({c}) supera el máximo admitido, {MAX_COUNTER}"
            ))),
            None => Ok(Self(counters)),
        }
    }
}

impl VersionVector {
    /// The empty vector: a record nobody has written yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether no replica has written: the version of a record not yet written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The counter for `replica`.
    pub fn get(&self, replica: ReplicaId) -> u64 {
        self.0.get(&replica).copied().unwrap_or(0)
    }

    /// This vector plus the write `counter` by `replica`.
    pub fn with_write(mut self, replica: ReplicaId, counter: u64) -> Self {
        let entry = self.0.entry(replica).or_insert(0);
        *entry = (*entry).max(counter);
        self
    }

    /// The vector that has seen everything either has seen.
    pub fn join(&self, other: &Self) -> Self {
        let mut out = self.clone();
        for (replica, counter) in &other.0 {
            out = out.with_write(*replica, *counter);
        }
        out
    }

    /// How `self` relates to `other`.
    pub fn compare(&self, other: &Self) -> Causality {
        let mut ordering = Ordering::Equal;
        for replica in self.0.keys().chain(other.0.keys()) {
            let here = self.get(*replica).cmp(&other.get(*replica));
            ordering = match (ordering, here) {
                (o, Ordering::Equal) | (Ordering::Equal, o) => o,
                (a, b) if a == b => a,
                _ => return Causality::Concurrent,
            };
        }
        match ordering {
            Ordering::Equal => Causality::Equal,
            Ordering::Less => Causality::Before,
            Ordering::Greater => Causality::After,
        }
    }

    /// Whether `self` has seen every write `other` has (`self` ≥ `other`).
    pub fn dominates(&self, other: &Self) -> bool {
        matches!(self.compare(other), Causality::Equal | Causality::After)
    }

    /// The replicas and their counters.
    pub fn iter(&self) -> impl Iterator<Item = (ReplicaId, u64)> + '_ {
        self.0.iter().map(|(r, c)| (*r, *c))
    }

    /// Canonical JSON text: equal vectors give equal text, so storage can look
    /// versions up by it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| unreachable!("a map of ids to integers always serialises"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn replicas() -> [ReplicaId; 3] {
        [ReplicaId::generate(), ReplicaId::generate(), ReplicaId::generate()]
    }

    #[test]
    fn writes_order_versions_and_independent_writes_are_concurrent() {
        let [a, b, _] = replicas();
        let base = VersionVector::new().with_write(a, 1);
        let on_a = base.clone().with_write(a, 2);
        let on_b = base.clone().with_write(b, 1);
        assert_eq!(base.compare(&on_a), Causality::Before);
        assert_eq!(on_a.compare(&base), Causality::After);
        assert_eq!(on_a.compare(&on_b), Causality::Concurrent);
        let joined = on_a.join(&on_b);
        assert!(joined.dominates(&on_a) && joined.dominates(&on_b));
        assert_eq!(joined.compare(&joined.clone()), Causality::Equal);
    }

    #[test]
    fn json_is_canonical() {
        let [a, b, _] = replicas();
        let x = VersionVector::new().with_write(a, 3).with_write(b, 1);
        let y = VersionVector::new().with_write(b, 1).with_write(a, 3);
        assert_eq!(x.to_json(), y.to_json());
        assert_eq!(serde_json::from_str::<VersionVector>(&x.to_json()).unwrap(), x);
    }

    #[test]
    fn counters_beyond_what_storage_keeps_are_refused_when_parsed() {
        let r = ReplicaId::generate();
        let at_max = format!(r#"{{"{r}": {MAX_COUNTER}}}"#);
        assert_eq!(serde_json::from_str::<VersionVector>(&at_max).unwrap().get(r), MAX_COUNTER);
        let beyond = format!(r#"{{"{r}": {}}}"#, MAX_COUNTER + 1);
        let e = serde_json::from_str::<VersionVector>(&beyond).unwrap_err().to_string();
        assert!(e.contains("supera el máximo"), "{e}");
    }

    proptest! {
        #[test]
        fn compare_is_antisymmetric_and_join_is_the_least_upper_bound(
            xs in proptest::collection::vec(0u64..4, 3), ys in proptest::collection::vec(0u64..4, 3)
        ) {
            let r = replicas();
            let build = |cs: &[u64]| r.iter().zip(cs).fold(VersionVector::new(), |v, (id, c)| if *c > 0 { v.with_write(*id, *c) } else { v });
            let (x, y) = (build(&xs), build(&ys));
            let flipped = match x.compare(&y) {
                Causality::Before => Causality::After,
                Causality::After => Causality::Before,
                other => other,
            };
            prop_assert_eq!(y.compare(&x), flipped);
            let j = x.join(&y);
            prop_assert!(j.dominates(&x) && j.dominates(&y));
            prop_assert_eq!(j, y.join(&x));
        }
    }
}
