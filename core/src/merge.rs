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
//! 5. **Sets merge as sets** ([`RecordKind::set_fields`]: a debtor's phones,
//!    emails and addresses): a value either side added is kept, and a removal wins
//!    only over the value it saw, so two gestores adding a number each keep
//!    both. Nothing is lost, so this is never a conflict.
//! 6. **Rules that span fields** (a plan's instalments must add up) can break
//!    when fields are taken from both sides: then the tie-break winner's whole
//!    version stands, and every differing value of the other side is kept as
//!    lost.
//!
//! Wall-clock times play no part, so the result does not depend on device
//! clocks, and `merge(a, b)` equals `merge(b, a)`.

use serde_json::{Map, Value};

use crate::{RecordBody, ids::ReplicaId, record::RecordKind};

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
    let merged = merge_fields(kind, ancestor, a, b);
    if RecordBody::parse(kind, &Value::Object(merged.body.clone()).to_string()).is_ok() {
        return merged;
    }
    let (winner, loser) = if wins_tie(kind, a.writer, b.writer) { (a, b) } else { (b, a) };
    let lost = loser
        .body
        .iter()
        .filter(|(k, v)| winner.body.get(*k) != Some(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Merged { body: winner.body.clone(), deleted: winner.deleted, lost, lost_delete: loser.deleted && !winner.deleted }
}

/// Settling a conflict by hand: `current` with each of the `take`n fields
/// set back to the value the merge lost. A field the merge did not lose, or
/// one no side of a `kind` conflict writes by hand ([`takeable`]), is
/// returned as the error, so a settlement never writes what nobody wrote.
pub fn take_back(
    kind: RecordKind,
    current: &Map<String, Value>,
    lost: &Map<String, Value>,
    take: &[String],
) -> Result<Map<String, Value>, String> {
    let mut body = current.clone();
    for field in take {
        let value = lost.get(field).filter(|_| takeable(kind, field)).ok_or_else(|| field.clone())?;
        body.insert(field.clone(), value.clone());
    }
    Ok(body)
}

/// Whether a supervisor may take a lost `field` of a `kind` record back. On
/// a debtor account only what a gestor's device writes: the office wins
/// every tie there, so a lender's figure in a conflict is one the merge kept
/// on purpose. A promise's status is the server's, from the payments, and
/// its plan holds the supervisor's decision on it.
pub fn takeable(kind: RecordKind, field: &str) -> bool {
    match kind {
        RecordKind::Debtor => crate::debtor::DebtorFields::DEVICE_EDITABLE.contains(&field),
        RecordKind::Promise => !matches!(field, "status" | "plan"),
        _ => true,
    }
}

/// Rules 1 to 5: field by field, without looking at rules that span fields.
fn merge_fields(kind: RecordKind, ancestor: Option<&Map<String, Value>>, a: Side<'_>, b: Side<'_>) -> Merged {
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
        } else if let Some(set) = kind.set_fields().contains(&key.as_str()).then(|| merge_set(&w, &l, &o)).flatten() {
            set
        } else {
            lost.insert(key.clone(), l);
            w
        };
        body.insert(key.clone(), chosen);
    }
    let deleted = a.deleted && b.deleted;
    Merged { body, deleted, lost, lost_delete: a.deleted != b.deleted }
}

/// Rule 5 for one field: a value stays if both sides have it or either side
/// added it (it is not in the ancestor). The winner's order comes first, then
/// the loser's additions. `None` when a side is not a list.
fn merge_set(winner: &Value, loser: &Value, ancestor: &Value) -> Option<Value> {
    let list = |v: &Value| match v {
        Value::Array(items) => Some(items.clone()),
        Value::Null => Some(Vec::new()),
        _ => None,
    };
    let (w, l, o) = (list(winner)?, list(loser)?, list(ancestor)?);
    let mut out: Vec<Value> = Vec::with_capacity(w.len() + l.len());
    let keeps = |x: &Value, other: &[Value]| other.contains(x) || !o.contains(x);
    for x in w.iter().filter(|x| keeps(x, &l)).chain(l.iter().filter(|x| !w.contains(x) && !o.contains(x))) {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    Some(Value::Array(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    use crate::debtor::DebtorFields;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    fn device(r: ReplicaId) -> Writer {
        Writer { replica: r, office: false }
    }

    #[test]
    fn taking_back_sets_only_the_named_lost_fields_and_refuses_others() {
        let current = map(json!({"notes": "kept", "outcome": "no_answer", "phones": ["1"]}));
        let lost = map(json!({"notes": "lost", "outcome": "promise"}));
        let back = take_back(RecordKind::Visit, &current, &lost, &["notes".into()]).unwrap();
        assert_eq!(back, map(json!({"notes": "lost", "outcome": "no_answer", "phones": ["1"]})));
        assert_eq!(
            take_back(RecordKind::Visit, &current, &lost, &[]).unwrap(),
            current,
            "nothing taken: the merge stands"
        );
        assert_eq!(take_back(RecordKind::Visit, &current, &lost, &["phones".into()]), Err("phones".into()), "not lost");
        let status = map(json!({"status": "kept"}));
        assert_eq!(
            take_back(RecordKind::Promise, &current, &status, &["status".into()]),
            Err("status".into()),
            "the server's"
        );
        let balance = map(json!({"balance": "100.00"}));
        assert_eq!(
            take_back(RecordKind::Debtor, &current, &balance, &["balance".into()]),
            Err("balance".into()),
            "the lender's"
        );
    }

    #[test]
    fn changes_to_different_fields_both_survive() {
        let base = map(json!({"phones": ["1"], "dispute": false}));
        let gestor = map(json!({"phones": ["1", "2"], "dispute": false}));
        let office = map(json!({"phones": ["1"], "dispute": true}));
        let office_writer = Writer { replica: ReplicaId::generate(), office: true };
        let m = merge_fields(
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
        let on_debtor = merge_fields(RecordKind::Debtor, Some(&base), d, o);
        assert_eq!(on_debtor.body["notes"], "office");
        assert_eq!(on_debtor.lost["notes"], "device");
        let on_visit = merge_fields(RecordKind::Visit, Some(&base), d, o);
        assert_eq!(on_visit.body["notes"], "device");
        assert_eq!(on_visit.lost["notes"], "office");
    }

    #[test]
    fn numbers_added_on_both_sides_survive_and_a_removal_wins_only_over_what_it_saw() {
        let base = map(json!({"phones": ["1", "2"]}));
        // One side removed 2 and added 3; the other added 4.
        let left = map(json!({"phones": ["1", "3"]}));
        let right = map(json!({"phones": ["1", "2", "4"]}));
        let (l, r) = (ReplicaId::generate(), ReplicaId::generate());
        let m = merge_fields(
            RecordKind::Debtor,
            Some(&base),
            Side { body: &left, deleted: false, writer: device(l) },
            Side { body: &right, deleted: false, writer: device(r) },
        );
        let mut phones: Vec<String> =
            m.body["phones"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect();
        phones.sort();
        assert_eq!(phones, ["1", "3", "4"]);
        assert!(!m.is_conflict(), "nothing was lost");
        for field in DebtorFields::DEVICE_EDITABLE {
            assert!(RecordKind::Debtor.set_fields().contains(field), "{field}: what a gestor adds merges as a set");
        }
    }

    #[test]
    fn an_edit_beats_a_delete() {
        let base = map(json!({"notes": "a"}));
        let edited = map(json!({"notes": "b"}));
        let m = merge_fields(
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
            let ab = merge_fields(RecordKind::Visit, Some(&o), a, b);
            prop_assert_eq!(&ab, &merge_fields(RecordKind::Visit, Some(&o), b, a));
            for (k, v) in &x {
                // Every value a side wrote is in the result or kept as lost.
                let kept = &ab.body[k] == v || ab.lost.get(k) == Some(v) || o.get(k) == Some(v);
                prop_assert!(kept);
            }
        }
    }
}
