//! Who was reached, and what may be said to them. Only some people may hear
//! of the debt (Mexico: the debtor, co-obligors and guarantors; Peru: the
//! debtor and guarantors); with anyone else the only outcomes allowed are
//! neutral ones: nobody home, moved, a message left asking to call back.
//! About 75% of collection complaints in Mexico in 2007-2014 came from people
//! who did not owe: this is the rule that matters most.

use serde::{Deserialize, Serialize};

use super::{Breach, policy::ContactPolicy};
use crate::outcome::Outcome;

/// Who the gestor reached on a visit or call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The debtor in person.
    Debtor,
    /// Someone who signed the loan with the debtor.
    CoObligor,
    /// Someone who guaranteed it.
    Guarantor,
    /// Anyone else: family, a neighbour, a co-worker.
    Other,
}

impl Party {
    /// Who, in a Spanish sentence ("con un aval").
    pub fn spanish(self) -> &'static str {
        match self {
            Self::Debtor => "el deudor",
            Self::CoObligor => "un coobligado",
            Self::Guarantor => "un aval",
            Self::Other => "otra persona",
        }
    }
}

impl std::str::FromStr for Party {
    type Err = crate::DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(s.into())).map_err(|_| crate::DomainError::Malformed {
            message: format!("persona desconocida: {s} (debtor, co_obligor, guarantor u other)"),
        })
    }
}

impl Outcome {
    /// Whether recording the outcome means the debt was talked about.
    pub fn mentions_debt(self) -> bool {
        matches!(
            self,
            Self::RightPartyContact
                | Self::PromiseToPay
                | Self::RefusedToPay
                | Self::PaymentReported
                | Self::DisputeRaised
                | Self::HardshipDeclared
        )
    }
}

impl ContactPolicy {
    /// Whether `outcome` may be recorded after reaching `party`.
    pub fn check_party(&self, party: Party, outcome: Outcome) -> Result<(), Breach> {
        if outcome.mentions_debt() && !self.may_discuss_debt.contains(&party) {
            return Err(Breach::ThirdParty { party, outcome });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::Country;

    #[test]
    fn a_third_party_is_never_offered_a_promise_and_a_guarantor_only_where_the_law_allows() {
        let (mexico, peru) = (ContactPolicy::default_for(Country::MX), ContactPolicy::default_for(Country::PE));
        let third = |party, outcome| Err(Breach::ThirdParty { party, outcome });
        let cases = [
            (&mexico, Party::Other, Outcome::PromiseToPay, third(Party::Other, Outcome::PromiseToPay)),
            (&peru, Party::Other, Outcome::RefusedToPay, third(Party::Other, Outcome::RefusedToPay)),
            (&mexico, Party::Other, Outcome::ThirdPartyContact, Ok(())),
            (&mexico, Party::Other, Outcome::Moved, Ok(())),
            (&mexico, Party::CoObligor, Outcome::PromiseToPay, Ok(())),
            (&peru, Party::CoObligor, Outcome::PromiseToPay, third(Party::CoObligor, Outcome::PromiseToPay)),
            (&peru, Party::Guarantor, Outcome::PromiseToPay, Ok(())),
            (&peru, Party::Debtor, Outcome::HardshipDeclared, Ok(())),
        ];
        for (policy, party, outcome, verdict) in cases {
            assert_eq!(policy.check_party(party, outcome), verdict, "{:?} {party:?} {outcome}", policy.country);
        }
        let said = mexico.check_party(Party::Other, Outcome::PromiseToPay).expect_err("refused").to_string();
        assert_eq!(
            said,
            "con otra persona no se puede tratar la deuda (promise_to_pay); solo dejar recado o anotar que no estaba"
        );
    }
}
