//! How two concurrent versions of a record become one, losing nothing.
//!
//! The rule, the same for every kind:
//!
//! 1. **Field by field, against the common ancestor** (the version both sides
//!    started from, which the server finds in the record's history). A field
//!    only one side changed takes that side's value. A field both sides set to
//!    the same value keeps it.
//! 2. **A field both sides changed differently** takes the value of the side
//!    that wins the kind's tie-break ([`RecordKind::office_wins_ties`]): the
//!    office on debtor accounts, the gestor's device on visits, calls and
//!    promises; between two devices, the newer install (greater replica id,
//!    since ids are issued in time order). The losing value is returned in
//!    [`Merged::lost`] for the conflict entry.
//! 3. **Edit beats delete**: if one side deleted the record and the other
//!    edited it, the record stays, with the edit; the delete is noted as lost.
//! 4. With **no known ancestor** every differing field counts as changed by
//!    both, so rule 2 decides it deterministically.
//!
//! Wall-clock times play no part, so the result does not depend on device
//! clocks, and `merge(a, b)` equals `merge(b, a)`.

use serde_json::{Map, Value};

use crate::{ids::ReplicaId, record::RecordKind};

/// Who wrote a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Writer {
    /// The replica that wrote it.
    pub replica: ReplicaId,
    /// Written through the server (console, import, a merge) rather than a device.
    pub office: bool,
}

/// One side of a merge.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// The body's fields.
    pub body: &'a Map<String, Value>,
    /// Whether this side is a tombstone.
    pub deleted: bool,
    /// Who wrote it.
    pub writer: Writer,
}

/// The merged version and what it did not keep.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The merged body.
    pub body: Map<String, Value>,
    /// Whether the merged record is deleted.
    pub deleted: bool,
    /// The losing side's values of fields both sides changed.
    pub lost: Map<String, Value>,
    /// A delete lost to an edit.
    pub lost_delete: bool,
}

impl Merged {
    /// Whether anything was lost, i.e. whether this was a real conflict.
    pub fn is_conflict(&self) -> bool {
        !self.lost.is_empty() || self.lost_delete
    }
}

/// Whether `a` wins a tie against `b` on a record of `kind`.
pub fn wins_tie(kind: RecordKind, a: Writer, b: Writer) -> bool {
    if a.office != b.office {
        return a.office == kind.office_wins_ties();
    }
    a.replica > b.replica
}

/// Merges two concurrent versions; see the module docs for the rule.
pub fn merge(kind: RecordKind, ancestor: Option<&Map<String, Value>>, a: Side<'_>, b: Side<'_>) -> Merged {
    let (winner, loser) = if wins_tie(kind, a.writer, b.writer) { (a, b) } else { (b, a) };
    let empty = Map::new();
    let ancestor = ancestor.unwrap_or(&empty);
    let mut body = Map::new();
    let mut lost = Map::new();
    let keys: std::collections::BTreeSet<&String> = a.body.keys().chain(b.body.keys()).collect();
    for key in keys {
        let value = |side: Side<'_>| side.body.get(key).cloned().unwrap_or(Value::Null);
        let (w, l, o) = (value(winner), value(loser), ancestor.get(key).cloned().unwrap_or(Value::Null));
        let chosen = if w == l || l == o {
            w
        } else if w == o {
            l
        } else {
            lost.insert(key.clone(), l);
            w
        };
        body.insert(key.clone(), chosen);
    }
    let deleted = a.deleted && b.deleted;
    Merged { body, deleted, lost, lost_delete: a.deleted != b.deleted }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    fn device(r: ReplicaId) -> Writer {
        Writer { replica: r, office: false }
    }

    #[test]
    fn changes_to_different_fields_both_survive() {
        let base = map(json!({"phones": ["1"], "dispute": false}));
        let gestor = map(json!({"phones": ["1", "2"], "dispute": false}));
        let office = map(json!({"phones": ["1"], "dispute": true}));
        let office_writer = Writer { replica: ReplicaId::generate(), office: true };
        let m = merge(
            RecordKind::Debtor,
            Some(&base),
            Side { body: &gestor, deleted: false, writer: device(ReplicaId::generate()) },
            Side { body: &office, deleted: false, writer: office_writer },
        );
        assert_eq!(m.body, map(json!({"phones": ["1", "2"], "dispute": true})));
        assert!(!m.is_conflict());
    }

    #[test]
    fn the_office_wins_a_debtor_field_and_the_gestor_wins_a_visit_field() {
        let base = map(json!({"notes": "a"}));
        let dev = map(json!({"notes": "device"}));
        let off = map(json!({"notes": "office"}));
        let d = Side { body: &dev, deleted: false, writer: device(ReplicaId::generate()) };
        let o = Side { body: &off, deleted: false, writer: Writer { replica: ReplicaId::generate(), office: true } };
        let on_debtor = merge(RecordKind::Debtor, Some(&base), d, o);
        assert_eq!(on_debtor.body["notes"], "office");
        assert_eq!(on_debtor.lost["notes"], "device");
        let on_visit = merge(RecordKind::Visit, Some(&base), d, o);
        assert_eq!(on_visit.body["notes"], "device");
        assert_eq!(on_visit.lost["notes"], "office");
    }

    #[test]
    fn an_edit_beats_a_delete() {
        let base = map(json!({"notes": "a"}));
        let edited = map(json!({"notes": "b"}));
        let m = merge(
            RecordKind::Visit,
            Some(&base),
            Side { body: &base, deleted: true, writer: device(ReplicaId::generate()) },
            Side { body: &edited, deleted: false, writer: device(ReplicaId::generate()) },
        );
        assert!(!m.deleted && m.lost_delete);
        assert_eq!(m.body["notes"], "b");
    }

    proptest! {
        #[test]
        fn merge_is_commutative_and_keeps_every_changed_value(
            o in proptest::collection::vec(0u8..3, 4),
            x in proptest::collection::vec(0u8..3, 4),
            y in proptest::collection::vec(0u8..3, 4),
            xdel: bool, ydel: bool, xoffice: bool, yoffice: bool,
        ) {
            let to_map = |vs: &[u8]| vs.iter().enumerate().map(|(i, v)| (format!("f{i}"), json!(v))).collect::<Map<_, _>>();
            let (o, x, y) = (to_map(&o), to_map(&x), to_map(&y));
            let a = Side { body: &x, deleted: xdel, writer: Writer { replica: ReplicaId::generate(), office: xoffice } };
            let b = Side { body: &y, deleted: ydel, writer: Writer { replica: ReplicaId::generate(), office: yoffice } };
            let ab = merge(RecordKind::Visit, Some(&o), a, b);
            prop_assert_eq!(&ab, &merge(RecordKind::Visit, Some(&o), b, a));
            for (k, v) in &x {
                // Every value a side wrote is in the result or kept as lost.
                let kept = &ab.body[k] == v || ab.lost.get(k) == Some(v) || o.get(k) == Some(v);
                prop_assert!(kept);
            }
        }
    }
}
