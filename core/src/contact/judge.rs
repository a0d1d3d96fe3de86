//! One verdict for a visit or call, from every rule at once: the account's
//! flags, who was reached, the hours and days, and how often. The device asks
//! before saving and the server again on push, so both say the same; every
//! rule broken is named, for the gestor and for the supervisor.

use chrono::{DateTime, Utc};

use super::{
    Breach,
    account::{AccountFlags, check_account},
    party::Party,
    policy::{Attempt, ContactPolicy},
};
use crate::{
    RecordBody,
    activity::Direction,
    message::{Message, SentVia, Template},
    outcome::{Channel, Outcome},
    zone::Zone,
};

/// A visit or call as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contact<'a> {
    /// Visit or call.
    pub channel: Channel,
    /// The debtor called in: a call outside the hours or the caps is kept, flagged.
    pub inbound: bool,
    /// When it started.
    pub at: DateTime<Utc>,
    /// Who was reached; `None`: nobody.
    pub party: Option<Party>,
    /// The gestor confirmed identifying themselves.
    pub identified: bool,
    /// What came of it.
    pub outcome: Outcome,
    /// Why the gestor went ahead outside a rule, in their words.
    pub justification: Option<&'a str>,
}

impl RecordBody {
    /// The contact a visit or call records, as the rules judge it.
    pub fn contact(&self) -> Option<Contact<'_>> {
        let (channel, inbound, at, outcome, facts) = match self {
            Self::Visit(v) => (Channel::Visit, false, v.started_at, v.outcome, &v.contact),
            Self::Call(c) => (Channel::Call, c.direction == Direction::Inbound, c.started_at, c.outcome, &c.contact),
            _ => return None,
        };
        Some(Contact {
            channel,
            inbound,
            at,
            party: facts.party,
            identified: facts.identified,
            outcome,
            justification: facts.justification.as_deref(),
        })
    }
}

/// The account as the rules see it.
#[derive(Clone, Copy, Debug)]
pub struct Account {
    /// The zone of the debtor's address: the debtor's local time.
    pub zone: Zone,
    /// Its flags.
    pub flags: AccountFlags,
}

/// What the rules make of a contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Within every rule.
    Allowed,
    /// Outside rules the policy lets a justification cover, and justified:
    /// stored with the breaches, for supervisors to review.
    Flagged(Vec<Breach>),
    /// Not to be recorded as it is, for these reasons.
    Refused(Vec<Breach>),
}

impl ContactPolicy {
    /// Whether a justification may cover `breach`. Flags and third parties
    /// never; the hours and days where the policy says so (Mexico by default,
    /// not Peru, whose law names them outright); frequency always, since the
    /// debtor may ask to be called back.
    pub fn justifiable(&self, breach: &Breach) -> bool {
        match breach {
            Breach::OutsideHours { .. } | Breach::Weekend | Breach::Holiday { .. } => self.justify_hours,
            Breach::TooOftenToday { .. } | Breach::TooOftenThisWeek { .. } | Breach::TooManyVisitsThisWeek { .. } => {
                true
            }
            Breach::DoNotVisit
            | Breach::Deceased
            | Breach::InDispute { .. }
            | Breach::ThirdParty { .. }
            | Breach::NobodyNamed
            | Breach::NotIdentified
            | Breach::ReminderInDispute
            | Breach::NotTheDebtorsNumber
            | Breach::NotFromTemplate => false,
        }
    }

    /// The verdict on `contact` with the debtor of `account`, given every
    /// earlier attempt on them by anyone.
    pub fn judge(&self, contact: &Contact<'_>, account: &Account, history: &[Attempt]) -> Verdict {
        let visit = contact.channel == Channel::Visit;
        let mut breaches: Vec<Breach> = [
            check_account(account.flags, contact.channel, contact.outcome).err(),
            check_reached(contact).err(),
            contact.party.and_then(|party| self.check_party(party, contact.outcome).err()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let timing: Vec<Breach> = [
            self.check_time(contact.at, account.zone).err(),
            self.check_frequency(contact.at, account.zone, visit, history).err(),
        ]
        .into_iter()
        .flatten()
        .collect();
        // A debtor who calls in chooses the hour and how often, so the call
        // is kept; but "inbound" is the gestor's word, so outside the hours
        // or the caps it is flagged for the supervisor, never silent.
        if contact.inbound {
            return match (breaches.is_empty(), timing.is_empty()) {
                (true, true) => Verdict::Allowed,
                (true, false) => Verdict::Flagged(timing),
                (false, _) => Verdict::Refused(breaches),
            };
        }
        breaches.extend(timing);
        let justified = contact.justification.is_some_and(|j| !j.trim().is_empty());
        if breaches.is_empty() {
            Verdict::Allowed
        } else if justified && breaches.iter().all(|b| self.justifiable(b)) {
            Verdict::Flagged(breaches)
        } else {
            Verdict::Refused(breaches)
        }
    }
}

impl ContactPolicy {
    /// The verdict on a message filled from `template` to the debtor of `account`: none about a
    /// deceased debtor, no reminder of payment in a dispute, and one sent from
    /// the gestor's phone inside the hours (a queued one waits in the outbox
    /// for them). A message can always wait, so no justification covers it.
    pub fn judge_message(&self, message: &Message, template: &Template, account: &Account) -> Verdict {
        let mut breaches = Vec::new();
        if account.flags.deceased {
            breaches.push(Breach::Deceased);
        }
        if account.flags.dispute && template.collects {
            breaches.push(Breach::ReminderInDispute);
        }
        if message.via == SentVia::Phone {
            breaches.extend(self.check_time(message.at, account.zone).err());
        }
        if breaches.is_empty() { Verdict::Allowed } else { Verdict::Refused(breaches) }
    }
}

/// Whether the record names who was reached when someone was, and the
/// gestor confirmed identifying themselves to them.
fn check_reached(contact: &Contact<'_>) -> Result<(), Breach> {
    match contact.party {
        None if contact.outcome.contact() => Err(Breach::NobodyNamed),
        Some(_) if !contact.identified => Err(Breach::NotIdentified),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::Country;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("an RFC 3339 instant")
    }

    /// An outbound call to the debtor in person, promising to pay, at `when`.
    fn call(when: &str) -> Contact<'static> {
        Contact {
            channel: Channel::Call,
            inbound: false,
            at: at(when),
            party: Some(Party::Debtor),
            identified: true,
            outcome: Outcome::PromiseToPay,
            justification: None,
        }
    }

    fn account(zone: Zone) -> Account {
        Account { zone, flags: AccountFlags::default() }
    }

    #[test]
    fn a_late_call_justified_is_flagged_in_mexico_and_still_refused_in_peru() {
        let (mexico, peru) = (ContactPolicy::default_for(Country::MX), ContactPolicy::default_for(Country::PE));
        // 22:30 in Mexico City; 20:30 in Lima (a Friday).
        let late_mx = Contact {
            justification: Some("el deudor pidió que le llamara a esta hora"),
            ..call("2026-12-05T04:30:00Z")
        };
        let late_pe =
            Contact { justification: Some("pidió que le llamara a esta hora"), ..call("2026-12-05T01:30:00Z") };
        let outside = |local: &str, until: &str| Breach::OutsideHours {
            local: local.into(),
            from: "07:00".into(),
            until: until.into(),
        };
        assert_eq!(
            mexico.judge(&late_mx, &account(Zone::MEXICO_CITY), &[]),
            Verdict::Flagged(vec![outside("22:30", "22:00")])
        );
        assert_eq!(peru.judge(&late_pe, &account(Zone::LIMA), &[]), Verdict::Refused(vec![outside("20:30", "20:00")]));
        let unjustified = Contact { justification: Some("  "), ..late_mx };
        assert!(
            matches!(mexico.judge(&unjustified, &account(Zone::MEXICO_CITY), &[]), Verdict::Refused(_)),
            "blank is no reason"
        );
    }

    #[test]
    fn a_debtor_who_calls_in_late_is_kept_flagged_but_a_third_party_is_refused_whatever_the_hour() {
        let peru = ContactPolicy::default_for(Country::PE);
        let inbound = Contact { inbound: true, ..call("2026-12-05T01:30:00Z") };
        let late = Breach::OutsideHours { local: "20:30".into(), from: "07:00".into(), until: "20:00".into() };
        assert_eq!(peru.judge(&inbound, &account(Zone::LIMA), &[]), Verdict::Flagged(vec![late]), "no reason needed");
        let daytime = Contact { inbound: true, ..call("2026-12-04T16:00:00Z") };
        assert_eq!(peru.judge(&daytime, &account(Zone::LIMA), &[]), Verdict::Allowed);
        let neighbour = Contact { party: Some(Party::Other), justification: Some("insistió"), ..inbound };
        assert_eq!(
            peru.judge(&neighbour, &account(Zone::LIMA), &[]),
            Verdict::Refused(vec![Breach::ThirdParty { party: Party::Other, outcome: Outcome::PromiseToPay }])
        );
    }

    #[test]
    fn every_rule_broken_is_named_and_flags_cannot_be_justified() {
        let mexico = ContactPolicy::default_for(Country::MX);
        let flagged =
            Account { zone: Zone::MEXICO_CITY, flags: AccountFlags { dispute: true, ..AccountFlags::default() } };
        let visit = Contact { channel: Channel::Visit, justification: Some("urgente"), ..call("2026-12-05T04:30:00Z") };
        let verdict = mexico.judge(&visit, &flagged, &[]);
        let Verdict::Refused(breaches) = verdict else { panic!("refused: {verdict:?}") };
        assert_eq!(breaches.len(), 2, "the dispute and the hour: {breaches:?}");
        assert!(matches!(breaches[0], Breach::InDispute { .. }));
        assert!(matches!(breaches[1], Breach::OutsideHours { .. }));
    }

    #[test]
    fn a_cap_reached_by_two_gestors_together_may_be_justified() {
        let mexico = ContactPolicy::default_for(Country::MX);
        let by_two = [
            Attempt { at: at("2026-12-04T15:00:00Z"), visit: false },
            Attempt { at: at("2026-12-04T16:00:00Z"), visit: false },
        ];
        let third = call("2026-12-04T20:00:00Z");
        assert_eq!(
            mexico.judge(&third, &account(Zone::MEXICO_CITY), &by_two),
            Verdict::Refused(vec![Breach::TooOftenToday { cap: 2 }])
        );
        let asked = Contact { justification: Some("devolvió la llamada y pidió hablar hoy"), ..third };
        assert_eq!(
            mexico.judge(&asked, &account(Zone::MEXICO_CITY), &by_two),
            Verdict::Flagged(vec![Breach::TooOftenToday { cap: 2 }])
        );
    }

    #[test]
    fn someone_reached_is_named_and_the_gestor_identified_themselves() {
        let mexico = ContactPolicy::default_for(Country::MX);
        let lawful = call("2026-12-04T16:00:00Z");
        let account = account(Zone::MEXICO_CITY);
        assert_eq!(mexico.judge(&lawful, &account, &[]), Verdict::Allowed);
        let unnamed = Contact { party: None, justification: Some("prisa"), ..lawful };
        assert_eq!(mexico.judge(&unnamed, &account, &[]), Verdict::Refused(vec![Breach::NobodyNamed]));
        let nobody = Contact { outcome: Outcome::NoAnswer, ..unnamed };
        assert_eq!(mexico.judge(&nobody, &account, &[]), Verdict::Allowed, "no answer: nobody to name");
        let silent = Contact { identified: false, ..lawful };
        assert_eq!(mexico.judge(&silent, &account, &[]), Verdict::Refused(vec![Breach::NotIdentified]));
    }
}
