//! The coordinator's view of a portfolio: each gestor's workload (accounts,
//! balance, overdue, by delinquency bucket), the accounts a reassignment
//! selects, and what the workloads would be once it is applied. Pure: the
//! server reads the accounts and applies the moves.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    debtor::Bucket,
    ids::{DebtorId, TerritoryId, UserId},
    money::{Amount, Currency},
    zone::Zone,
};

/// An account as a workload counts it.
#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    /// The account.
    pub debtor: DebtorId,
    /// The lender's account number.
    pub external_ref: String,
    /// The debtor's name.
    pub name: String,
    /// Who holds it now.
    pub gestor: Option<UserId>,
    /// Its region.
    pub territory: TerritoryId,
    /// The lender's or coordinator's segment.
    pub segment: String,
    /// Total outstanding.
    pub balance: Amount,
    /// Overdue.
    pub overdue: Amount,
    /// In what.
    pub currency: Currency,
    /// Days past due start here (`None`: not overdue).
    pub overdue_since: Option<chrono::NaiveDate>,
    /// The debtor's zone: buckets count the debtor's days.
    pub zone: Zone,
}

impl Account {
    /// The account's delinquency bucket at `now`, by the debtor's local day.
    pub fn bucket(&self, now: DateTime<Utc>) -> Bucket {
        Bucket::of(crate::debtor::days_past_due(self.overdue_since, self.zone.local(now).date()))
    }
}

/// Which accounts a reassignment moves: every criterion given narrows it,
/// and accounts picked by hand narrow it to those.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// Only this region's accounts.
    #[serde(default)]
    pub territory: Option<TerritoryId>,
    /// Only this segment's.
    #[serde(default)]
    pub segment: Option<String>,
    /// Only this bucket's.
    #[serde(default)]
    pub bucket: Option<Bucket>,
    /// Only those this gestor holds.
    #[serde(default)]
    pub gestor: Option<UserId>,
    /// Only these, picked on the list.
    #[serde(default)]
    pub accounts: Vec<DebtorId>,
}

impl Selection {
    /// Whether nothing narrows it: a reassignment of everything is refused.
    pub fn is_empty(&self) -> bool {
        self.territory.is_none()
            && self.segment.is_none()
            && self.bucket.is_none()
            && self.gestor.is_none()
            && self.accounts.is_empty()
    }

    /// Whether it selects `account` at `now`.
    pub fn selects(&self, account: &Account, now: DateTime<Utc>) -> bool {
        self.territory.is_none_or(|t| t == account.territory)
            && self.segment.as_ref().is_none_or(|s| s.trim().eq_ignore_ascii_case(account.segment.trim()))
            && self.bucket.is_none_or(|b| b == account.bucket(now))
            && self.gestor.is_none_or(|g| Some(g) == account.gestor)
            && (self.accounts.is_empty() || self.accounts.contains(&account.debtor))
    }
}

/// Balance and overdue in one currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Sums {
    /// The currency.
    pub currency: Currency,
    /// Total outstanding.
    pub balance: Amount,
    /// Overdue.
    pub overdue: Amount,
}

/// One gestor's workload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Workload {
    /// The gestor.
    pub gestor: UserId,
    /// Their name.
    pub name: String,
    /// Accounts held.
    pub accounts: u32,
    /// Their money, per currency.
    pub money: Vec<Sums>,
    /// Accounts per delinquency bucket, in [`Bucket::ALL`]'s order.
    pub buckets: Vec<u32>,
}

/// What a reassignment would do, before it is applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Preview {
    /// Accounts that would move.
    pub accounts: u32,
    /// Selected accounts the gestor holds already (they stay).
    pub already_there: u32,
    /// The money that would move, per currency.
    pub money: Vec<Sums>,
    /// The workloads it changes, as they are now (the receiving gestor first).
    pub before: Vec<Workload>,
    /// The same workloads once applied.
    pub after: Vec<Workload>,
}

/// An account on the list a coordinator picks from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Listed {
    /// The account.
    pub debtor: DebtorId,
    /// The lender's account number.
    pub external_ref: String,
    /// The debtor's name.
    pub name: String,
    /// Who holds it now.
    pub gestor: Option<UserId>,
    /// Their name (empty when nobody does).
    pub gestor_name: String,
    /// Its region.
    pub territory: TerritoryId,
    /// Its segment.
    pub segment: String,
    /// Its delinquency bucket today.
    pub bucket: Bucket,
    /// Total outstanding.
    pub balance: Amount,
    /// Overdue.
    pub overdue: Amount,
    /// In what.
    pub currency: Currency,
}

/// The accounts a selection takes, by account number: the first
/// [`Listing::MOST`] of them, and how many there are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Listing {
    /// Accounts the selection takes.
    pub total: u32,
    /// The first of them.
    pub rows: Vec<Listed>,
}

impl Listing {
    /// Rows listed at most: a list to pick from by hand, not to page through
    /// (narrower filters find the rest).
    pub const MOST: usize = 200;
}

/// The accounts `selection` takes, to pick from; `gestores` names their holders.
pub fn listing(
    accounts: &[Account],
    selection: &Selection,
    gestores: &[(UserId, String)],
    now: DateTime<Utc>,
) -> Listing {
    let mut taken: Vec<&Account> = accounts.iter().filter(|a| selection.selects(a, now)).collect();
    taken.sort_by(|a, b| a.external_ref.cmp(&b.external_ref));
    let rows = (taken.iter().take(Listing::MOST))
        .map(|a| Listed {
            debtor: a.debtor,
            external_ref: a.external_ref.clone(),
            name: a.name.clone(),
            gestor: a.gestor,
            gestor_name: a.gestor.map_or_else(String::new, |g| name_of(gestores, g)),
            territory: a.territory,
            segment: a.segment.clone(),
            bucket: a.bucket(now),
            balance: a.balance,
            overdue: a.overdue,
            currency: a.currency,
        })
        .collect();
    Listing { total: taken.len() as u32, rows }
}

/// `gestor`'s name among `gestores` (empty if not there).
fn name_of(gestores: &[(UserId, String)], gestor: UserId) -> String {
    gestores.iter().find(|(id, _)| *id == gestor).map_or_else(String::new, |(_, n)| n.clone())
}

/// The workloads of `gestores` (id and name, in the order to list them).
pub fn workloads(accounts: &[Account], gestores: &[(UserId, String)], now: DateTime<Utc>) -> Vec<Workload> {
    let held = |g: UserId| accounts.iter().filter(move |a| a.gestor == Some(g));
    gestores.iter().map(|(id, name)| workload(*id, name, held(*id), now)).collect()
}

fn workload<'a>(gestor: UserId, name: &str, held: impl Iterator<Item = &'a Account>, now: DateTime<Utc>) -> Workload {
    let held: Vec<&Account> = held.collect();
    let buckets = Bucket::ALL.iter().map(|b| held.iter().filter(|a| a.bucket(now) == *b).count() as u32).collect();
    Workload { gestor, name: name.to_owned(), accounts: held.len() as u32, money: sums(held.into_iter()), buckets }
}

fn sums<'a>(accounts: impl Iterator<Item = &'a Account>) -> Vec<Sums> {
    let mut by: BTreeMap<Currency, (Decimal, Decimal)> = BTreeMap::new();
    for a in accounts {
        let entry = by.entry(a.currency).or_default();
        entry.0 += a.balance.value();
        entry.1 += a.overdue.value();
    }
    let amount = |v: Decimal| Amount::parse(v, "monto").unwrap_or_else(|_| unreachable!("sums of amounts"));
    by.into_iter().map(|(currency, (b, o))| Sums { currency, balance: amount(b), overdue: amount(o) }).collect()
}

/// The accounts `selection` moves to `to`: those it selects that another
/// gestor holds (an account nobody holds is the lender's to assign, by import).
pub fn moving<'a>(
    accounts: &'a [Account],
    selection: &Selection,
    to: UserId,
    now: DateTime<Utc>,
) -> impl Iterator<Item = &'a Account> {
    let selection = selection.clone();
    accounts.iter().filter(move |a| selection.selects(a, now) && a.gestor.is_some_and(|g| g != to))
}

/// What moving `selection` to `to` would do; `gestores` names them.
pub fn preview(
    accounts: &[Account],
    selection: &Selection,
    to: UserId,
    gestores: &[(UserId, String)],
    now: DateTime<Utc>,
) -> Preview {
    let moved: Vec<&Account> = moving(accounts, selection, to, now).collect();
    let already_there = accounts.iter().filter(|a| selection.selects(a, now) && a.gestor == Some(to)).count() as u32;
    let touched: BTreeSet<UserId> = moved.iter().filter_map(|a| a.gestor).collect();
    let changed: Vec<(UserId, String)> = std::iter::once(to)
        .chain(touched.into_iter().filter(|g| *g != to))
        .map(|g| (g, name_of(gestores, g)))
        .collect();
    let moved_ids: BTreeSet<DebtorId> = moved.iter().map(|a| a.debtor).collect();
    let after: Vec<Account> = accounts
        .iter()
        .map(|a| if moved_ids.contains(&a.debtor) { Account { gestor: Some(to), ..a.clone() } } else { a.clone() })
        .collect();
    Preview {
        accounts: moved.len() as u32,
        already_there,
        money: sums(moved.iter().copied()),
        before: workloads(accounts, &changed, now),
        after: workloads(&after, &changed, now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(gestor: UserId, territory: TerritoryId, segment: &str, balance: &str, days: Option<u64>) -> Account {
        let now = Utc::now();
        let today = Zone::MEXICO_CITY.local(now).date();
        let debtor = DebtorId::generate();
        Account {
            debtor,
            external_ref: format!("TC-{debtor}"),
            name: "Cliente".into(),
            gestor: Some(gestor),
            territory,
            segment: segment.into(),
            balance: Amount::parse(balance.parse().unwrap(), "saldo").unwrap(),
            overdue: Amount::parse(Decimal::new(100, 0), "vencido").unwrap(),
            currency: Currency::MXN,
            overdue_since: days.map(|d| today - chrono::Days::new(d)),
            zone: Zone::MEXICO_CITY,
        }
    }

    #[test]
    fn a_preview_counts_what_moves_and_the_workloads_on_both_sides() {
        let (ana, luis, eva) = (UserId::generate(), UserId::generate(), UserId::generate());
        let (north, south) = (TerritoryId::generate(), TerritoryId::generate());
        let accounts = vec![
            account(ana, north, "alto saldo", "1000.00", Some(45)),
            account(ana, north, "Alto saldo ", "2000.50", Some(10)),
            account(ana, south, "alto saldo", "500.00", None),
            account(luis, north, "alto saldo", "300.00", Some(45)),
            account(eva, north, "alto saldo", "100.00", Some(45)),
        ];
        let names = [(ana, "Ana".into()), (luis, "Luis".into()), (eva, "Eva".into())];
        let selection = Selection { territory: Some(north), segment: Some("ALTO SALDO".into()), ..Default::default() };
        let p = preview(&accounts, &selection, eva, &names, Utc::now());
        assert_eq!((p.accounts, p.already_there), (3, 1), "ana's two and luis's one in the north; eva's stays");
        assert_eq!(p.money[0].balance, Amount::parse("3300.50".parse().unwrap(), "").unwrap());
        assert_eq!(
            p.before.iter().map(|w| (w.name.as_str(), w.accounts)).collect::<Vec<_>>(),
            [("Eva", 1), ("Ana", 3), ("Luis", 1)]
        );
        assert_eq!(p.after.iter().map(|w| w.accounts).collect::<Vec<_>>(), [4, 1, 0]);
        assert_eq!(p.after[0].buckets, [0, 1, 3, 0, 0, 0], "by days past due");

        let one_bucket = Selection { bucket: Some(Bucket::D31To60), gestor: Some(ana), ..Default::default() };
        assert_eq!(moving(&accounts, &one_bucket, eva, Utc::now()).count(), 1);
        let picked = Selection { accounts: vec![accounts[2].debtor], ..Default::default() };
        assert_eq!(
            moving(&accounts, &picked, eva, Utc::now()).map(|a| a.debtor).collect::<Vec<_>>(),
            [accounts[2].debtor]
        );
        assert!(Selection::default().is_empty() && !picked.is_empty());
    }
}
