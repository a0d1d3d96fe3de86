//! The record envelope that crosses the wire and the typed bodies inside it.
//!
//! Storage and the sync protocol carry a body as JSON text, so a pull passes
//! bodies through without parsing them. Whoever accepts a body from outside
//! (the server on push, the device on entry) parses it with [`RecordBody::parse`].

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::{
    DomainError,
    activity::{Call, Payment, Promise, Review, Visit},
    debtor::Debtor,
    ids::{DebtorId, RecordId},
    message::Message,
    money::Currency,
    vv::VersionVector,
};

/// The kinds of synced record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A debtor account.
    Debtor,
    /// A field visit.
    Visit,
    /// A phone call.
    Call,
    /// A promise to pay.
    Promise,
    /// A payment reported by the lender.
    Payment,
    /// A supervisor's review.
    Review,
    /// A message to the debtor.
    Message,
}

impl RecordKind {
    /// Every kind.
    pub const ALL: &'static [Self] =
        &[Self::Debtor, Self::Visit, Self::Call, Self::Promise, Self::Payment, Self::Review, Self::Message];

    /// The stable name used on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Debtor => "debtor",
            Self::Visit => "visit",
            Self::Call => "call",
            Self::Promise => "promise",
            Self::Payment => "payment",
            Self::Review => "review",
            Self::Message => "message",
        }
    }

    /// Whether a gestor's device may create records of this kind. Debtors and
    /// payments come from the lender, reviews from supervisors.
    pub fn device_may_create(self) -> bool {
        matches!(self, Self::Visit | Self::Call | Self::Promise | Self::Message)
    }

    /// Whether a gestor's device may change records of this kind at all.
    /// On a debtor only [`crate::debtor::DebtorFields::DEVICE_EDITABLE`] fields.
    /// A message, once sent or queued, is what the debtor reads: only the
    /// server's outbox moves it on.
    pub fn device_may_edit(self) -> bool {
        matches!(self, Self::Visit | Self::Call | Self::Promise | Self::Debtor)
    }

    /// Fields that hold a set of values and merge as one (see [`crate::merge`]).
    pub fn set_fields(self) -> &'static [&'static str] {
        match self {
            Self::Debtor => &["phones", "emails", "addresses"],
            _ => &[],
        }
    }

    /// The merge rule's tie-break for a field both sides changed: on a debtor
    /// account the office's write (console, import) wins, since the lender's
    /// figures and the supervisor's flags are authoritative; on the gestor's own
    /// records the device's write wins, but on a message the office's
    /// outbox says how it was delivered. See [`crate::merge`].
    pub fn office_wins_ties(self) -> bool {
        matches!(self, Self::Debtor | Self::Payment | Self::Review | Self::Message)
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RecordKind {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| DomainError::Malformed { message: format!("tipo de registro desconocido: {s}") })
    }
}

/// A record's body, typed by kind.
// An account is the largest body by far; bodies are parsed one at a time and
// handed on, never held by the thousand in a collection, so boxing it would
// cost every match on an account a dereference for no memory saved.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum RecordBody {
    /// A debtor account.
    Debtor(Debtor),
    /// A field visit.
    Visit(Visit),
    /// A phone call.
    Call(Call),
    /// A promise to pay.
    Promise(Promise),
    /// A payment.
    Payment(Payment),
    /// A review.
    Review(Review),
    /// A message.
    Message(Message),
}

impl RecordBody {
    /// The body's kind.
    pub fn kind(&self) -> RecordKind {
        match self {
            Self::Debtor(_) => RecordKind::Debtor,
            Self::Visit(_) => RecordKind::Visit,
            Self::Call(_) => RecordKind::Call,
            Self::Promise(_) => RecordKind::Promise,
            Self::Payment(_) => RecordKind::Payment,
            Self::Review(_) => RecordKind::Review,
            Self::Message(_) => RecordKind::Message,
        }
    }

    /// Parses a body of `kind` from JSON, running every domain check.
    pub fn parse(kind: RecordKind, json: &str) -> Result<Self, DomainError> {
        fn typed<'a, T: Deserialize<'a>>(json: &'a str, wrap: fn(T) -> RecordBody) -> Result<RecordBody, DomainError> {
            serde_json::from_str(json).map(wrap).map_err(|e| DomainError::from_serde(&e))
        }
        match kind {
            RecordKind::Debtor => typed(json, Self::Debtor),
            RecordKind::Visit => typed(json, Self::Visit),
            RecordKind::Call => typed(json, Self::Call),
            RecordKind::Promise => typed(json, Self::Promise),
            RecordKind::Payment => typed(json, Self::Payment),
            RecordKind::Review => typed(json, Self::Review),
            RecordKind::Message => typed(json, Self::Message),
        }
    }

    /// The body as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| unreachable!("record bodies always serialise"))
    }

    /// A visit or call with the contact policy version it was judged under;
    /// any other body as it is.
    pub fn judged_under(self, version: u32) -> Self {
        match self {
            Self::Visit(v) => Self::Visit(v.judged_under(version)),
            Self::Call(c) => Self::Call(c.judged_under(version)),
            other => other,
        }
    }

    /// A visit with its distance to the nearest of `account`'s addresses;
    /// any other body as it is.
    pub fn measured_against(self, account: &crate::debtor::Debtor) -> Self {
        match self {
            Self::Visit(v) => Self::Visit(v.measured_against(account)),
            other => other,
        }
    }

    /// When it happened, as the timeline and the log order it: a visit's or
    /// call's start, a message's sending, a review's writing (RFC 3339), a
    /// promise's making or a payment's day (ISO 8601 date); none for an account.
    pub fn happened_at(&self) -> Option<String> {
        Some(match self {
            Self::Visit(v) => v.started_at.to_rfc3339(),
            Self::Call(c) => c.started_at.to_rfc3339(),
            Self::Promise(p) => p.made_on.to_string(),
            Self::Payment(p) => p.paid_on.to_string(),
            Self::Review(r) => r.reviewed_at.to_rfc3339(),
            Self::Message(m) => m.at.to_rfc3339(),
            Self::Debtor(_) => return None,
        })
    }

    /// The currency the body is in, if it carries money of its own.
    pub fn currency(&self) -> Option<Currency> {
        match self {
            Self::Debtor(d) => Some(d.currency),
            Self::Promise(p) => Some(p.currency),
            Self::Payment(p) => Some(p.currency),
            Self::Visit(_) | Self::Call(_) | Self::Review(_) | Self::Message(_) => None,
        }
    }
}

/// One version of a record, as stored and as it crosses the wire.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// In TypeScript `Record` is a built-in type.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SyncRecord"))]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The record's id; a debtor account's id is its debtor id.
    pub id: RecordId,
    /// The account it belongs to; this decides whose device holds it.
    pub debtor_id: DebtorId,
    /// What kind of record it is.
    pub kind: RecordKind,
    /// Its causal version.
    pub vv: VersionVector,
    /// A tombstone: deleted, body kept for the record.
    pub deleted: bool,
    /// The body as JSON; its shape depends on `kind`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub body: Box<RawValue>,
}

impl Record {
    /// A record with a typed body.
    pub fn new(id: RecordId, debtor_id: DebtorId, body: &RecordBody, vv: VersionVector, deleted: bool) -> Self {
        Self { id, debtor_id, kind: body.kind(), vv, deleted, body: raw(body.to_json()) }
    }

    /// Parses and checks the body.
    pub fn parse_body(&self) -> Result<RecordBody, DomainError> {
        RecordBody::parse(self.kind, self.body.get())
    }

    /// For a debtor account: the first field a gestor's device may not change
    /// ([`crate::debtor::DebtorFields::DEVICE_EDITABLE`]) that a new version
    /// (`body`, `deleted`) changes from this one. The device checks it before
    /// saving, the server again on push.
    pub fn forbidden_device_edit(&self, body: &RawValue, deleted: bool) -> Option<String> {
        if deleted && !self.deleted {
            return Some("eliminado".into());
        }
        type Fields = serde_json::Map<String, serde_json::Value>;
        // The stored body read as this version of Campo writes it: a field
        // added since (with its default) is no change the gestor made.
        let before = self.parse_body().map(|b| b.to_json()).unwrap_or_else(|_| self.body.get().to_owned());
        let (Ok(before), Ok(after)) =
            (serde_json::from_str::<Fields>(&before), serde_json::from_str::<Fields>(body.get()))
        else {
            return Some("cuerpo".into());
        };
        before
            .keys()
            .chain(after.keys())
            .find(|k| {
                !crate::debtor::DebtorFields::DEVICE_EDITABLE.contains(&k.as_str()) && before.get(*k) != after.get(*k)
            })
            .cloned()
    }
}

/// Wraps JSON text known to be valid (it came from a serialiser or storage).
pub fn raw(json: String) -> Box<RawValue> {
    RawValue::from_string(json).unwrap_or_else(|e| unreachable!("stored JSON is valid: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debtor::tests::fields;

    #[test]
    fn bodies_round_trip_through_their_kind() {
        let body = RecordBody::Debtor(Debtor::try_from(fields()).unwrap());
        let json = body.to_json();
        assert_eq!(RecordBody::parse(RecordKind::Debtor, &json).unwrap(), body);
        let err = RecordBody::parse(RecordKind::Visit, &json).unwrap_err();
        assert!(matches!(err, DomainError::Malformed { .. }));
    }

    #[test]
    fn a_device_may_change_contact_points_but_not_the_lenders_figures() {
        use crate::{ids::DebtorId, text::Phone};
        let id = DebtorId::generate();
        // One set of fields for both sides: the fixture draws a new territory each call.
        let mut edit = fields();
        let account = Record::new(
            id.into(),
            id,
            &RecordBody::Debtor(Debtor::try_from(edit.clone()).unwrap()),
            VersionVector::new(),
            false,
        );
        edit.phones.push(Phone::parse("5599998888").unwrap());
        let body = raw(RecordBody::Debtor(Debtor::try_from(edit.clone()).unwrap()).to_json());
        assert_eq!(account.forbidden_device_edit(&body, false), None);
        assert_eq!(account.forbidden_device_edit(&body, true).as_deref(), Some("eliminado"));
        edit.dispute = true;
        let body = raw(RecordBody::Debtor(Debtor::try_from(edit.clone()).unwrap()).to_json());
        assert_eq!(account.forbidden_device_edit(&body, false).as_deref(), Some("dispute"));
        // An account stored before lenders, related parties and emails were kept.
        let mut old: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(account.body.get()).expect("an object");
        for newer in ["lender", "related", "emails"] {
            old.remove(newer);
        }
        let stored = Record { body: raw(serde_json::Value::Object(old).to_string()), ..account.clone() };
        edit.dispute = false;
        edit.lender = None;
        edit.related = vec![];
        edit.emails = vec![];
        let body = raw(RecordBody::Debtor(Debtor::try_from(edit).unwrap()).to_json());
        assert_eq!(stored.forbidden_device_edit(&body, false), None, "the fields it lacks were not changed");
    }

    #[test]
    fn unknown_fields_and_wrong_types_are_malformed() {
        let mut v = serde_json::to_value(fields()).unwrap();
        v["nickname"] = "x".into();
        assert!(RecordBody::parse(RecordKind::Debtor, &v.to_string()).is_err());
        let mut v = serde_json::to_value(fields()).unwrap();
        v["balance"] = true.into();
        assert!(RecordBody::parse(RecordKind::Debtor, &v.to_string()).is_err());
    }
}
