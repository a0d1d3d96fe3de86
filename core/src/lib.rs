//! Campo's core: the domain model and the sync rules, with no IO.
//!
//! Everything here is shared by the device library, the sync server and (through
//! generated TypeScript) the UI, so that a value means the same thing everywhere.
//!
//! - [`ids`]: UUIDv7 identifiers, one type per kind of thing.
//! - [`money`], [`geo`], [`zone`], [`text`]: small validated values (amounts, GPS
//!   positions, IANA zones, phone numbers, bounded text).
//! - [`outcome`]: the fixed list of contact outcome codes and what each one counts as.
//! - [`debtor`], [`activity`]: the records a gestor works with. Each is built
//!   through a constructor that rejects bad values with a [`DomainError`].
//! - [`record`]: the envelope every synced record travels in, and [`RecordBody`],
//!   the typed union of record kinds.
//! - [`message`]: reminders and follow-ups to debtors, from respectful templates.
//! - [`vv`]: version vectors, the causality metadata of every record.
//! - [`merge`]: how two concurrent versions of a record become one.
//! - [`rules`]: what a gestor may write, checked alike on the device and the server.
//! - [`blob`]: photos, named by the SHA-256 of their bytes.
//! - [`contact`]: when and how a debtor may be contacted (policies, holidays).
//! - [`evidence`]: the flags that point a supervisor at a record, with their facts.
//! - [`kpi`]: the supervisor's KPIs of a period, from outcome codes, promises and payments.
//! - [`lifecycle`], [`plan`], [`agreement`]: promises derived from payments; payment plans and their written agreement.
//! - [`priority`], [`route`]: the order of the gestor's day and the visiting order.
//! - [`wire`]: the sync protocol's requests, answers and errors.
//! - [`workload`]: gestores' workloads and what a reassignment would move.

pub mod activity;
pub mod agreement;
pub mod blob;
pub mod contact;
pub mod debtor;
pub mod error;
pub mod evidence;
pub mod geo;
pub mod ids;
pub mod import;
pub mod kpi;
pub mod lifecycle;
pub mod merge;
pub mod message;
pub mod money;
pub mod outcome;
pub mod plan;
pub mod priority;
pub mod record;
pub mod route;
pub mod rules;
pub mod text;
pub mod vv;
pub mod wire;
pub mod workload;
pub mod zone;

pub use error::DomainError;
pub use record::{Record, RecordBody, RecordKind};
pub use vv::VersionVector;

/// Declares a validated record type: a plain `…Fields` struct holds the data, and
/// the wrapper can only be built through `TryFrom<…Fields>`, which runs `check`.
/// Deserialising goes through the same check, so no unchecked value exists.
macro_rules! validated {
    ($(#[$doc:meta])* $name:ident($fields:ident), check = $check:path) => {
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        $(#[$doc])*
        pub struct $name($fields);

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let fields = $fields::deserialize(d)?;
                Self::try_from(fields).map_err($crate::DomainError::into_serde)
            }
        }

        impl TryFrom<$fields> for $name {
            type Error = $crate::DomainError;
            fn try_from(fields: $fields) -> Result<Self, Self::Error> {
                $check(&fields)?;
                Ok(Self(fields))
            }
        }

        impl ::std::ops::Deref for $name {
            type Target = $fields;
            fn deref(&self) -> &$fields {
                &self.0
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(s)
            }
        }

        impl $name {
            /// The validated fields, to change and check again with `try_from`.
            pub fn into_fields(self) -> $fields {
                self.0
            }
        }
    };
}
pub(crate) use validated;
