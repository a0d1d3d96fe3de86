//! Identifiers. All are UUIDv7, so they sort by creation time and can be made
//! offline on any device without coordination.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn generate() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

ids! {
    /// A person who signs in: gestor, supervisor, coordinator or admin.
    UserId;
    /// A supervisor's team of gestores.
    TeamId;
    /// A region that debtors and gestores belong to.
    TerritoryId;
    /// One install of the app on one device, or the sync server itself. Issued by
    /// the server and never reused.
    ReplicaId;
    /// Any synced record (debtor account, visit, call, promise, payment, review).
    RecordId;
    /// A debtor account. Its record's [`RecordId`] has the same UUID.
    DebtorId;
    /// A conflict the server's merge filed: values one side lost.
    ConflictId;
    /// A coordinator's reassignment of many accounts at once.
    ReassignmentId;
}

impl From<DebtorId> for RecordId {
    fn from(id: DebtorId) -> Self {
        Self(id.0)
    }
}
