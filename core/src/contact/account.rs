//! What an account's flags allow, whoever records the contact: a visit to a
//! "do not visit" account, any contact about a deceased debtor's account, and
//! collecting on an account in dispute are refused, with the reason.

use super::Breach;
use crate::{
    debtor::Debtor,
    outcome::{Channel, Outcome},
};

/// The flags of an account that limit contact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AccountFlags {
    /// The lender or the debtor asked for no visits.
    pub do_not_visit: bool,
    /// The debtor disputes the debt (aclaración): no collection pressure.
    pub dispute: bool,
    /// The debtor has died.
    pub deceased: bool,
}

impl Outcome {
    /// Whether the outcome is collecting: asking for, agreeing or refusing
    /// payment. On an account in dispute only the dispute may be discussed.
    pub fn collects(self) -> bool {
        matches!(self, Self::PromiseToPay | Self::RefusedToPay | Self::HardshipDeclared)
    }
}

/// Whether a contact on `channel` with `outcome` may be recorded on an account with `flags`.
pub fn check_account(flags: AccountFlags, channel: Channel, outcome: Outcome) -> Result<(), Breach> {
    if flags.deceased {
        return Err(Breach::Deceased);
    }
    if flags.do_not_visit && channel == Channel::Visit {
        return Err(Breach::DoNotVisit);
    }
    if flags.dispute && outcome.collects() {
        return Err(Breach::InDispute { outcome });
    }
    Ok(())
}

/// Whether a promise to pay may be recorded on an account with `flags`: it
/// is collecting, so never on a deceased debtor's account nor one in dispute
/// (judged as a call: "do not visit" does not forbid promises).
pub fn check_promise(flags: AccountFlags) -> Result<(), Breach> {
    check_account(flags, Channel::Call, Outcome::PromiseToPay)
}

impl From<&Debtor> for AccountFlags {
    fn from(debtor: &Debtor) -> Self {
        Self { do_not_visit: debtor.do_not_visit, dispute: debtor.dispute, deceased: debtor.deceased }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_flag_refuses_what_it_protects_and_nothing_else() {
        let none = AccountFlags::default();
        let cases = [
            (none, Channel::Visit, Outcome::PromiseToPay, Ok(())),
            (AccountFlags { do_not_visit: true, ..none }, Channel::Visit, Outcome::NoAnswer, Err(Breach::DoNotVisit)),
            (AccountFlags { do_not_visit: true, ..none }, Channel::Call, Outcome::PromiseToPay, Ok(())),
            (AccountFlags { deceased: true, ..none }, Channel::Call, Outcome::NoAnswer, Err(Breach::Deceased)),
            (
                AccountFlags { dispute: true, ..none },
                Channel::Call,
                Outcome::PromiseToPay,
                Err(Breach::InDispute { outcome: Outcome::PromiseToPay }),
            ),
            (AccountFlags { dispute: true, ..none }, Channel::Call, Outcome::DisputeRaised, Ok(())),
            (AccountFlags { dispute: true, ..none }, Channel::Visit, Outcome::PaymentReported, Ok(())),
        ];
        for (flags, channel, outcome, verdict) in cases {
            assert_eq!(check_account(flags, channel, outcome), verdict, "{flags:?} {channel:?} {outcome}");
        }
    }
}
