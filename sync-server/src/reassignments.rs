//! Workloads and bulk reassignments, as a coordinator (or an admin) works
//! them: the accounts of their territories counted per gestor
//! ([`campo_core::workload`]), a preview of a reassignment, its apply in one
//! transaction, and an undo of the whole of it while nothing newer touched
//! its accounts. Each account moves through [`office::assign`], as a single
//! reassignment does: the old gestor's device is told to let it go, the new
//! one's gets its whole history, and work still unsent on the old device is
//! kept when it arrives (marked as recorded after the reassignment).

use std::collections::HashMap;

use campo_core::{
    ids::{ReassignmentId, TerritoryId, UserId},
    wire::{OfficeRefusal, ReassignRequest, ReassignmentDone, ReassignmentRow, Role, UserInfo},
    workload::{self, Account, Listing, Preview, Selection, Workload},
};
use serde_json::json;

use crate::{
    error::ApiError,
    office::{self, Destination},
    store::{Move, StoredReassignment, Tx},
};

/// Who balances territories.
const COORDINATING: &[Role] = &[Role::Coordinator, Role::Admin];

/// The territories whose accounts `user` balances (`None`: all of them).
fn territories(tx: &mut dyn Tx, user: &UserInfo) -> Result<Option<Vec<TerritoryId>>, ApiError> {
    match user.role {
        Role::Admin => Ok(None),
        Role::Coordinator => Ok(Some(tx.coordinated_territories(user.id)?)),
        _ => Err(ApiError::Forbidden),
    }
}

/// Gestores by id and name, in the order to list them.
type Named = Vec<(UserId, String)>;

/// The workloads of the gestores of `user`'s territories, or of one of them.
pub fn workloads(tx: &mut dyn Tx, user: &UserInfo, territory: Option<TerritoryId>) -> Result<Vec<Workload>, ApiError> {
    let mine = territories(tx, user)?;
    let only = match (territory, mine) {
        (Some(t), Some(mine)) if !mine.contains(&t) => return Err(ApiError::NotFound),
        (Some(t), _) => Some(vec![t]),
        (None, mine) => mine,
    };
    let accounts = tx.accounts(only.as_deref())?;
    let gestores = office::gestores_working(tx, None, only.as_deref())?;
    Ok(workload::workloads(&accounts, &gestores, chrono::Utc::now()))
}

/// The accounts `user` may move and the names of the gestores who may hold them.
fn portfolio(tx: &mut dyn Tx, user: &UserInfo) -> Result<(Vec<Account>, Named), ApiError> {
    let mine = territories(tx, user)?;
    let accounts = tx.accounts(mine.as_deref())?;
    Ok((accounts, office::gestores_working(tx, None, mine.as_deref())?))
}

/// The accounts of `user`'s territories that `selection` takes, to pick from.
pub fn listing(tx: &mut dyn Tx, user: &UserInfo, selection: &Selection) -> Result<Listing, ApiError> {
    let (accounts, gestores) = portfolio(tx, user)?;
    Ok(workload::listing(&accounts, selection, &gestores, chrono::Utc::now()))
}

/// What `req` would move, refused as the apply would refuse it.
pub fn preview(tx: &mut dyn Tx, user: &UserInfo, req: &ReassignRequest) -> Result<Preview, ApiError> {
    let (accounts, gestores) = portfolio(tx, user)?;
    check(tx, user, req, &accounts)?;
    Ok(workload::preview(&accounts, &req.selection, req.to, &gestores, chrono::Utc::now()))
}

/// Refuses a selection of nothing in particular, and a destination that may
/// not take every account selected.
fn check(tx: &mut dyn Tx, user: &UserInfo, req: &ReassignRequest, accounts: &[Account]) -> Result<(), ApiError> {
    if req.selection.is_empty() {
        return Err(ApiError::Malformed(
            "elige qué cuentas mover: una región, un segmento, un tramo de mora, un gestor o cuentas de la lista"
                .into(),
        ));
    }
    let destination = Destination::of(tx, user, req.to)?;
    for account in workload::moving(accounts, &req.selection, req.to, chrono::Utc::now()) {
        destination.admits(account.currency, account.territory)?;
    }
    Ok(())
}

/// Applies `req` in the caller's one transaction, if it still moves the
/// number of accounts its preview showed.
pub fn apply(tx: &mut dyn Tx, user: &UserInfo, req: &ReassignRequest) -> Result<ReassignmentDone, ApiError> {
    let (accounts, _) = portfolio(tx, user)?;
    check(tx, user, req, &accounts)?;
    let moving: Vec<&Account> = workload::moving(&accounts, &req.selection, req.to, chrono::Utc::now()).collect();
    if req.expect.is_some_and(|n| n as usize != moving.len()) {
        return Err(ApiError::Stale);
    }
    if moving.is_empty() {
        return Err(ApiError::Malformed("ninguna cuenta seleccionada cambia de gestor".into()));
    }
    let mut moves = Vec::with_capacity(moving.len());
    for account in moving {
        let Some(from) = account.gestor else { unreachable!("`moving` leaves out accounts nobody holds") };
        if let Some(assigned_seq) = office::assign(tx, account.debtor, req.to, Some(from))? {
            moves.push(Move { debtor: account.debtor, from, assigned_seq });
        }
    }
    let id = ReassignmentId::generate();
    // A position past every one the moves took: anything written on these
    // accounts after the reassignment has a greater one (see `undo`).
    let last_seq = tx.next_seq()?;
    let accounts = moves.len() as u32;
    tx.put_reassignment(&StoredReassignment { id, by: user.id, to: req.to, last_seq, moves })?;
    let detail = json!({ "to": req.to, "accounts": accounts, "selection": req.selection });
    office::audit(tx, user, "reassign_bulk", id, detail)?;
    Ok(ReassignmentDone { id, accounts })
}

/// Reassignments shown at most: the undo is for the recent ones.
const LISTED: u32 = 20;

/// `user`'s newest reassignments (an admin's list has everyone's).
pub fn recent(tx: &mut dyn Tx, user: &UserInfo) -> Result<Vec<ReassignmentRow>, ApiError> {
    office::require(user, COORDINATING)?;
    let by = (user.role != Role::Admin).then_some(user.id);
    Ok(tx.reassignments(by, LISTED)?)
}

/// Moves every account of reassignment `id` back to its gestor before, if
/// none was reassigned again or had anything written since; otherwise
/// nothing moves, and the answer says how many changed.
pub fn undo(tx: &mut dyn Tx, user: &UserInfo, id: ReassignmentId) -> Result<ReassignmentDone, ApiError> {
    office::require(user, COORDINATING)?;
    let (reassignment, undone) = tx.reassignment(id)?.ok_or(ApiError::NotFound)?;
    if reassignment.by != user.id && user.role != Role::Admin {
        return Err(ApiError::NotFound);
    }
    if undone {
        return Err(ApiError::Refused(OfficeRefusal::AlreadyUndone));
    }
    let mut touched = 0;
    for m in &reassignment.moves {
        if !tx.untouched_since(m.debtor, m.assigned_seq, reassignment.last_seq)? {
            touched += 1;
        }
    }
    if touched > 0 {
        return Err(ApiError::Refused(OfficeRefusal::ChangedSince {
            changed: touched,
            total: reassignment.moves.len() as u32,
        }));
    }
    // Back only where a move may go now: the old gestor may have changed
    // team or left, and the coordinator may no longer hold the territory.
    let (accounts, _) = portfolio(tx, user)?;
    let accounts: HashMap<_, _> = accounts.iter().map(|a| (a.debtor, a)).collect();
    let mut destinations: HashMap<UserId, Destination> = HashMap::new();
    for m in &reassignment.moves {
        let account = accounts.get(&m.debtor).ok_or(ApiError::Refused(OfficeRefusal::OutsideYourTerritories))?;
        let destination = match destinations.entry(m.from) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(new) => new.insert(Destination::of(tx, user, m.from)?),
        };
        destination.admits(account.currency, account.territory)?;
    }
    for m in &reassignment.moves {
        office::assign(tx, m.debtor, m.from, Some(reassignment.to))?;
    }
    tx.mark_reassignment_undone(id, user.id)?;
    let accounts = reassignment.moves.len() as u32;
    office::audit(tx, user, "reassign_undo", id, json!({ "accounts": accounts }))?;
    Ok(ReassignmentDone { id, accounts })
}
