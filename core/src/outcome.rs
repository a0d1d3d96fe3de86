//! Contact outcome codes: the fixed list a gestor picks from after a visit or call.
//!
//! Each code says whether the account was *worked* (a real attempt on a valid
//! contact point), whether a *contact* was made (someone answered), and whether
//! that someone was the debtor (*right-party contact*). Contact-rate and
//! promise-rate KPIs count these flags, as Latitude by Genesys does.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// How the debtor was approached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A field visit.
    Visit,
    /// A phone call.
    Call,
}

impl Channel {
    fn spanish(self) -> &'static str {
        match self {
            Self::Visit => "visita",
            Self::Call => "llamada",
        }
    }
}

macro_rules! outcomes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal { worked: $w:literal, contact: $c:literal, right_party: $r:literal, visit: $v:literal, call: $k:literal })*) => {
        /// What came of a visit or call.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(rename_all = "snake_case"))]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum Outcome {
            $($(#[$doc])* #[cfg_attr(feature = "ts", ts(rename = $code))] $variant,)*
        }

        impl Outcome {
            /// Every code, in the order the forms list them.
            pub const ALL: &'static [Outcome] = &[$(Self::$variant,)*];

            /// The stable code used on the wire and in the database.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code,)* }
            }

            /// The account counts as worked.
            pub fn worked(self) -> bool {
                match self { $(Self::$variant => $w,)* }
            }

            /// Somebody was reached.
            pub fn contact(self) -> bool {
                match self { $(Self::$variant => $c,)* }
            }

            /// The debtor in person was reached.
            pub fn right_party(self) -> bool {
                match self { $(Self::$variant => $r,)* }
            }

            /// Whether the code applies to `channel`.
            pub fn applies_to(self, channel: Channel) -> bool {
                match (self, channel) {
                    $((Self::$variant, Channel::Visit) => $v, (Self::$variant, Channel::Call) => $k,)*
                }
            }
        }
    };
}

outcomes! {
    /// Spoke with the debtor; no commitment yet.
    RightPartyContact = "right_party_contact" { worked: true, contact: true, right_party: true, visit: true, call: true }
    /// Spoke with someone else. Only co-obligors and guarantors may be asked to pay.
    ThirdPartyContact = "third_party_contact" { worked: true, contact: true, right_party: false, visit: true, call: true }
    /// Nobody answered the door or the phone.
    NoAnswer = "no_answer" { worked: true, contact: false, right_party: false, visit: true, call: true }
    /// The call went to voicemail.
    Voicemail = "voicemail" { worked: true, contact: false, right_party: false, visit: false, call: true }
    /// The line was busy.
    Busy = "busy" { worked: false, contact: false, right_party: false, visit: false, call: true }
    /// The number does not exist or is not the debtor's.
    InvalidNumber = "invalid_number" { worked: false, contact: false, right_party: false, visit: false, call: true }
    /// The debtor could not be found at the address.
    NotLocated = "not_located" { worked: true, contact: false, right_party: false, visit: true, call: false }
    /// The debtor no longer lives or works there.
    Moved = "moved" { worked: true, contact: false, right_party: false, visit: true, call: false }
    /// The address does not exist or is not the debtor's.
    WrongAddress = "wrong_address" { worked: false, contact: false, right_party: false, visit: true, call: false }
    /// The debtor refused to pay.
    RefusedToPay = "refused_to_pay" { worked: true, contact: true, right_party: true, visit: true, call: true }
    /// The debtor promised to pay; a promise record goes with it.
    PromiseToPay = "promise_to_pay" { worked: true, contact: true, right_party: true, visit: true, call: true }
    /// The debtor says they already paid.
    PaymentReported = "payment_reported" { worked: true, contact: true, right_party: true, visit: true, call: true }
    /// The debtor disputes the debt (aclaración).
    DisputeRaised = "dispute_raised" { worked: true, contact: true, right_party: true, visit: true, call: true }
    /// The debtor cannot pay now: job loss, illness.
    HardshipDeclared = "hardship_declared" { worked: true, contact: true, right_party: true, visit: true, call: true }
    /// The debtor has died, as reported by someone reached.
    Deceased = "deceased" { worked: true, contact: true, right_party: false, visit: true, call: true }
}

impl Outcome {
    /// Checks that the code may be used on `channel`.
    pub fn check_channel(self, channel: Channel) -> Result<(), DomainError> {
        if self.applies_to(channel) {
            Ok(())
        } else {
            Err(DomainError::OutcomeNotForChannel { outcome: self.code().into(), channel: channel.spanish().into() })
        }
    }
}

impl std::str::FromStr for Outcome {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        Self::ALL.iter().copied().find(|o| o.code() == s).ok_or_else(|| DomainError::UnknownOutcome { value: s.into() })
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(DomainError::into_serde)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_ones_are_refused() {
        for o in Outcome::ALL {
            assert_eq!(o.code().parse::<Outcome>().unwrap(), *o);
        }
        assert_eq!("threatened".parse::<Outcome>(), Err(DomainError::UnknownOutcome { value: "threatened".into() }));
    }

    #[test]
    fn right_party_implies_contact_implies_worked() {
        for o in Outcome::ALL {
            assert!(!o.right_party() || o.contact(), "{o}");
            assert!(!o.contact() || o.worked(), "{o}");
            assert!(o.applies_to(Channel::Visit) || o.applies_to(Channel::Call), "{o}");
        }
    }

    #[test]
    fn voicemail_is_not_a_visit_outcome() {
        assert!(Outcome::Voicemail.check_channel(Channel::Visit).is_err());
        assert!(Outcome::WrongAddress.check_channel(Channel::Call).is_err());
    }
}
