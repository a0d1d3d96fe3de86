//! Writes made through the server: the console's edits, deletes, reviews,
//! reassignments, and imports of the lender's portfolio.
//!
//! Each reads the current version and writes the next one inside one write
//! transaction. Where a person saw a version before deciding, the request names
//! it and a stale one is refused (compare-and-set), so office writes are
//! serialised and never create false concurrency with each other.

use campo_core::{
    Record, RecordBody, RecordKind, VersionVector,
    activity::{Promise, PromiseStatus, Review, ReviewFields},
    contact::Country,
    debtor::{Debtor, DebtorFields},
    ids::{DebtorId, RecordId, TerritoryId, UserId},
    money::Currency,
    plan::{self, Approval},
    record::raw,
    wire::{DebtorPatch, Decision, OfficeRefusal, PlanDecision, RecordView, ReviewRequest, Role, Territory, UserInfo},
};

use crate::{
    error::ApiError,
    store::{AuditEntry, StoreResult, StoredRecord, Tx},
    write::{self, NewVersion},
};

/// Whose debtors a user may see and act on.
#[derive(Clone, Debug, PartialEq)]
pub enum Scope {
    /// Coordinators and admins: every debtor.
    All,
    /// A supervisor: their team's gestores' debtors.
    Team(Vec<UserId>),
    /// A gestor: their own debtors.
    Own(UserId),
}

impl Scope {
    /// The scope of `user`.
    pub fn of(tx: &mut dyn Tx, user: &UserInfo) -> StoreResult<Self> {
        Ok(match (user.role, user.team) {
            (Role::Coordinator | Role::Admin, _) => Self::All,
            (Role::Supervisor, Some(team)) => Self::Team(tx.team_members(team)?),
            (Role::Supervisor, None) => Self::Team(Vec::new()),
            (Role::Gestor, _) => Self::Own(user.id),
        })
    }

    /// Whether a debtor assigned to `gestor` is in scope.
    pub fn covers(&self, gestor: Option<UserId>) -> bool {
        match (self, gestor) {
            (Self::All, _) => true,
            (Self::Team(members), Some(g)) => members.contains(&g),
            (Self::Own(me), Some(g)) => *me == g,
            (_, None) => false,
        }
    }

    /// The gestores in scope, or `None` for all.
    pub fn gestores(&self) -> Option<Vec<UserId>> {
        match self {
            Self::All => None,
            Self::Team(members) => Some(members.clone()),
            Self::Own(me) => Some(vec![*me]),
        }
    }
}

/// The gestores of `scope` (`None`: every one) whose team works one of
/// `territories` (`None`: any), by id and name in name order.
pub(crate) fn gestores_working(
    tx: &mut dyn Tx,
    scope: Option<&[UserId]>,
    territories: Option<&[TerritoryId]>,
) -> StoreResult<Vec<(UserId, String)>> {
    let mut out = Vec::new();
    for g in tx.gestores(scope)? {
        let works = match territories {
            None => true,
            Some(these) => tx.team_territory(g.id)?.is_some_and(|(t, _)| these.contains(&t)),
        };
        if works {
            out.push((g.id, g.name));
        }
    }
    Ok(out)
}

/// A record the user may see; anything else is [`ApiError::NotFound`], so an
/// id outside the scope tells nothing about whether it exists.
pub fn visible_record(tx: &mut dyn Tx, user: &UserInfo, id: RecordId) -> Result<StoredRecord, ApiError> {
    let scope = Scope::of(tx, user)?;
    let record = tx.record(id)?.ok_or(ApiError::NotFound)?;
    if scope.covers(tx.assignee(record.record.debtor_id)?) { Ok(record) } else { Err(ApiError::NotFound) }
}

/// Keeps an office write in the audit trail, in its own transaction.
pub(crate) fn audit(
    tx: &mut dyn Tx,
    user: &UserInfo,
    action: &'static str,
    target: impl ToString,
    detail: serde_json::Value,
) -> StoreResult<()> {
    tx.put_audit(&AuditEntry { user: Some(user.id), action, target: Some(target.to_string()), detail: &detail })
}

/// Refuses a user whose role is not among `roles`.
pub(crate) fn require(user: &UserInfo, roles: &[Role]) -> Result<(), ApiError> {
    if roles.contains(&user.role) { Ok(()) } else { Err(ApiError::Forbidden) }
}

const OFFICE_ROLES: &[Role] = &[Role::Supervisor, Role::Coordinator, Role::Admin];

/// Writes `body` (or a tombstone) as the next version of `current`, by the
/// server's own replica on behalf of `user`.
pub(crate) fn write_next(
    tx: &mut dyn Tx,
    current: &StoredRecord,
    body: &RecordBody,
    deleted: bool,
    user: Option<UserId>,
) -> StoreResult<Record> {
    let record = Record { deleted, body: raw(body.to_json()), ..current.record.clone() };
    write::office_write(tx, NewVersion { record, user, after_reassignment: false, device_skew_ms: None }, Some(current))
}

/// Writes a record that did not exist, by the server's replica on behalf of
/// `user` (`None`: the operator, e.g. an import from the command line).
pub fn write_new(
    tx: &mut dyn Tx,
    id: RecordId,
    debtor: DebtorId,
    body: &RecordBody,
    user: Option<UserId>,
) -> StoreResult<Record> {
    let record = Record::new(id, debtor, body, VersionVector::new(), false);
    write::office_write(tx, NewVersion { record, user, after_reassignment: false, device_skew_ms: None }, None)
}

fn view(record: Record, current: &StoredRecord) -> RecordView {
    RecordView { record, after_reassignment: current.after_reassignment }
}

fn check_version(current: &StoredRecord, read: &VersionVector) -> Result<(), ApiError> {
    if &current.record.vv == read { Ok(()) } else { Err(ApiError::Stale) }
}

/// Changes a debtor account's flags, phones or segment.
pub fn patch_debtor(
    tx: &mut dyn Tx,
    user: &UserInfo,
    id: DebtorId,
    patch: DebtorPatch,
) -> Result<RecordView, ApiError> {
    require(user, OFFICE_ROLES)?;
    let current = visible_record(tx, user, id.into())?;
    let Ok(RecordBody::Debtor(debtor)) = current.record.parse_body() else {
        return Err(ApiError::NotFound);
    };
    check_version(&current, &patch.if_vv)?;
    let mut changed = serde_json::to_value(&patch).unwrap_or_else(|_| unreachable!("patches serialise"));
    if let Some(map) = changed.as_object_mut() {
        map.retain(|k, v| k != "if_vv" && !v.is_null());
    }
    let mut fields = debtor.into_fields();
    fields.dispute = patch.dispute.unwrap_or(fields.dispute);
    fields.deceased = patch.deceased.unwrap_or(fields.deceased);
    fields.do_not_visit = patch.do_not_visit.unwrap_or(fields.do_not_visit);
    fields.phones = patch.phones.unwrap_or(fields.phones);
    fields.segment = patch.segment.unwrap_or(fields.segment);
    let body = RecordBody::Debtor(Debtor::try_from(fields)?);
    let record = write_next(tx, &current, &body, current.record.deleted, Some(user.id))?;
    audit(tx, user, "edit", id, changed)?;
    Ok(view(record, &current))
}

/// Whether `user` may delete records of `kind`: a lender's payment is the
/// lender's record of money received, and a supervisor reviewing the
/// field's work does not remove it.
pub(crate) fn may_delete(user: &UserInfo, kind: RecordKind) -> Result<(), ApiError> {
    if kind == RecordKind::Payment && user.role == Role::Supervisor { Err(ApiError::Forbidden) } else { Ok(()) }
}

/// Deletes a record (keeping it as a tombstone with its history).
pub fn delete_record(
    tx: &mut dyn Tx,
    user: &UserInfo,
    id: RecordId,
    read: &VersionVector,
) -> Result<RecordView, ApiError> {
    require(user, OFFICE_ROLES)?;
    let current = visible_record(tx, user, id)?;
    may_delete(user, current.record.kind)?;
    check_version(&current, read)?;
    let body = current.record.parse_body()?;
    let record = write_next(tx, &current, &body, true, Some(user.id))?;
    audit(tx, user, "delete", id, serde_json::json!({ "kind": current.record.kind }))?;
    Ok(view(record, &current))
}

/// A supervisor's review of a visit or call, sent to the gestor's device.
pub fn review(tx: &mut dyn Tx, user: &UserInfo, req: ReviewRequest) -> Result<RecordView, ApiError> {
    require(user, OFFICE_ROLES)?;
    let target = visible_record(tx, user, req.target)?;
    if !matches!(target.record.kind, campo_core::RecordKind::Visit | campo_core::RecordKind::Call) {
        return Err(ApiError::Malformed("solo se revisan visitas y llamadas".into()));
    }
    let review = Review::try_from(ReviewFields {
        target: req.target,
        verdict: req.verdict,
        comment: req.comment,
        reviewer: user.id,
        reviewed_at: chrono::Utc::now(),
    })?;
    let verdict = review.verdict;
    let record =
        write_new(tx, RecordId::generate(), target.record.debtor_id, &RecordBody::Review(review), Some(user.id))?;
    audit(tx, user, "review", req.target, serde_json::json!({ "verdict": verdict }))?;
    Ok(RecordView { record, after_reassignment: false })
}

/// A supervisor's decision on a plan waiting for approval, written as the
/// plan's next version: it reaches the gestor's device with its next sync.
/// An approved plan is derived at once (payments may be in already).
pub fn decide_plan(tx: &mut dyn Tx, user: &UserInfo, id: RecordId, req: PlanDecision) -> Result<RecordView, ApiError> {
    require(user, OFFICE_ROLES)?;
    let current = visible_record(tx, user, id)?;
    let Ok(RecordBody::Promise(promise)) = current.record.parse_body() else {
        return Err(ApiError::NotFound);
    };
    if current.record.deleted {
        return Err(ApiError::NotFound);
    }
    check_version(&current, &req.if_vv)?;
    let mut fields = promise.into_fields();
    if !fields.awaits_decision() {
        return Err(ApiError::Malformed("este plan no espera aprobación".into()));
    }
    campo_core::text::check_notes(&req.comment, "comentario")?;
    let comment = req.comment.clone();
    let approval = match &req.decision {
        Decision::Approve => Approval::Approved { comment },
        Decision::Reject => {
            fields.status = PromiseStatus::Cancelled;
            Approval::Rejected { comment }
        }
        Decision::Counter { terms, discount } => {
            let today = match tx.record(current.record.debtor_id.into())?.map(|a| a.record.parse_body()) {
                Some(Ok(RecordBody::Debtor(account))) => account.zone.local(chrono::Utc::now()).date(),
                _ => return Err(ApiError::NotFound),
            };
            // The debtor's today, whatever the supervisor's browser says.
            if terms.first_due < today {
                let (due_on, made_on) = (terms.first_due.to_string(), today.to_string());
                return Err(campo_core::DomainError::PromiseDueInPast { due_on, made_on }.into());
            }
            fields.installments = plan::schedule(terms, Country::from(fields.currency))?;
            fields.amount = terms.total;
            fields.due_on = fields.installments.last().map_or(fields.due_on, |i| i.due_on);
            if let Some(plan) = &mut fields.plan {
                plan.frequency = terms.frequency;
                plan.discount = *discount;
            }
            Approval::Countered { comment }
        }
    };
    let body = RecordBody::Promise(Promise::try_from(fields)?.with_approval(approval));
    let record = write_next(tx, &current, &body, false, Some(user.id))?;
    audit(tx, user, "plan_decision", id, serde_json::to_value(&req.decision).unwrap_or_default())?;
    crate::promises::derive_account(tx, current.record.debtor_id, chrono::Utc::now())?;
    let decided = tx.record(id)?.map_or(record, |r| r.record);
    Ok(view(decided, &current))
}

/// Makes `gestor` the debtor's gestor. `expected` is the gestor the caller saw
/// (compare-and-set); `None` skips the check. The old gestor's feed gets a
/// revoke, the new one's a grant, which brings the debtor's whole history
/// (see [`Tx::feed`]): no record is rewritten.
/// The new assignment's feed position, or `None` if it was there already.
pub fn assign(
    tx: &mut dyn Tx,
    debtor: DebtorId,
    gestor: UserId,
    expected: Option<UserId>,
) -> Result<Option<u64>, ApiError> {
    let target = tx.user(gestor)?.ok_or_else(|| ApiError::Malformed(format!("no existe el usuario {gestor}")))?;
    if target.role != Role::Gestor {
        return Err(ApiError::Malformed(format!("{} no es gestor", target.login)));
    }
    if !tx.user_active(gestor)? {
        return Err(ApiError::Refused(OfficeRefusal::GestorInactive { name: target.name }));
    }
    let current = tx.assignee(debtor)?;
    if expected.is_some() && expected != current {
        return Err(ApiError::Stale);
    }
    if current == Some(gestor) {
        return Ok(None);
    }
    if let Some(old) = current {
        let seq = tx.next_seq()?;
        tx.put_scope_event(seq, old, debtor, false)?;
    }
    let seq = tx.next_seq()?;
    tx.assign(debtor, gestor, seq)?;
    tx.put_scope_event(seq, gestor, debtor, true)?;
    Ok(Some(seq))
}

/// The territories `user` sees: a coordinator's own, everyone else's all.
pub fn territories(tx: &mut dyn Tx, user: &UserInfo) -> Result<Vec<Territory>, ApiError> {
    let all = tx.territories()?;
    if user.role != Role::Coordinator {
        return Ok(all);
    }
    let mine = tx.coordinated_territories(user.id)?;
    Ok(all.into_iter().filter(|t| mine.contains(&t.id)).collect())
}

/// Where a coordinator (or an admin) may send accounts: a gestor whose team
/// works a territory of known currency.
pub(crate) struct Destination {
    territory: TerritoryId,
    currency: Currency,
    /// For a coordinator, the territories they coordinate.
    coordinated: Option<Vec<TerritoryId>>,
}

impl Destination {
    /// `gestor`, as a destination of `user`'s reassignments.
    pub(crate) fn of(tx: &mut dyn Tx, user: &UserInfo, gestor: UserId) -> Result<Self, ApiError> {
        require(user, &[Role::Coordinator, Role::Admin])?;
        let Some((territory, currency)) = tx.team_territory(gestor)? else {
            return Err(ApiError::Refused(OfficeRefusal::GestorWithoutTeam));
        };
        // A territory whose currency is unknown (one without accounts when it was
        // upgraded) takes no debtor: unknown must not mean any country.
        let Some(currency) = currency else {
            return Err(ApiError::Refused(OfficeRefusal::TerritoryWithoutCurrency));
        };
        let coordinated = match user.role {
            Role::Coordinator => Some(tx.coordinated_territories(user.id)?),
            _ => None,
        };
        Ok(Self { territory, currency, coordinated })
    }

    /// Whether an account in `currency` and `territory` may go there: never
    /// across currencies (and so countries), and a coordinator only between
    /// the territories they coordinate.
    pub(crate) fn admits(&self, currency: Currency, territory: TerritoryId) -> Result<(), ApiError> {
        if currency != self.currency {
            return Err(ApiError::Refused(OfficeRefusal::OtherCountry { account: currency, team: self.currency }));
        }
        if let Some(mine) = &self.coordinated
            && (!mine.contains(&territory) || !mine.contains(&self.territory))
        {
            return Err(ApiError::Refused(OfficeRefusal::OutsideYourTerritories));
        }
        Ok(())
    }
}

/// A coordinator's (or an admin's) reassignment of one account (see [`Destination`]).
pub fn reassign(
    tx: &mut dyn Tx,
    user: &UserInfo,
    debtor: DebtorId,
    gestor: UserId,
    expected: Option<UserId>,
) -> Result<(), ApiError> {
    require(user, &[Role::Coordinator, Role::Admin])?;
    let account = visible_record(tx, user, debtor.into())?;
    let Ok(RecordBody::Debtor(account)) = account.record.parse_body() else {
        return Err(ApiError::NotFound);
    };
    Destination::of(tx, user, gestor)?.admits(account.currency, account.territory)?;
    let from = tx.assignee(debtor)?;
    assign(tx, debtor, gestor, expected)?;
    if from != Some(gestor) {
        audit(tx, user, "assign", debtor, serde_json::json!({ "from": from, "to": gestor }))?;
    }
    Ok(())
}

/// What an import did with one account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upserted {
    /// A new account.
    Created,
    /// An existing account changed.
    Updated,
    /// Already exactly so.
    Unchanged,
}

/// Puts back, ahead of the imported ones and in their order, the `stored`
/// values the import does not carry: those a gestor added on the street.
fn keep_stored<T: PartialEq + Clone>(imported: &mut Vec<T>, stored: &[T]) {
    for value in stored.iter().rev() {
        if !imported.contains(value) {
            imported.insert(0, value.clone());
        }
    }
}

/// Creates or updates the account with `fields.external_ref`, assigned to
/// `gestor`; returns its id and what was done. The lender's figures replace
/// the stored ones; phones, emails and addresses the gestor added on the street, and
/// the office's flags (dispute, deceased, do-not-visit), are kept.
pub fn upsert_debtor(
    tx: &mut dyn Tx,
    fields: DebtorFields,
    gestor: UserId,
    by: Option<UserId>,
) -> Result<(DebtorId, Upserted), ApiError> {
    let Some(current) = tx.debtor_by_ref(fields.external_ref.as_str())? else {
        let id = DebtorId::generate();
        assign(tx, id, gestor, None)?;
        write_new(tx, id.into(), id, &RecordBody::Debtor(Debtor::try_from(fields)?), by)?;
        return Ok((id, Upserted::Created));
    };
    let debtor_id = current.record.debtor_id;
    let Ok(RecordBody::Debtor(stored)) = current.record.parse_body() else {
        return Err(ApiError::Malformed(format!("la referencia {} no es una cuenta", fields.external_ref.as_str())));
    };
    let mut fields = fields;
    let stored = stored.into_fields();
    fields.dispute = stored.dispute;
    fields.deceased = stored.deceased;
    fields.do_not_visit = stored.do_not_visit;
    keep_stored(&mut fields.phones, &stored.phones);
    keep_stored(&mut fields.emails, &stored.emails);
    keep_stored(&mut fields.addresses, &stored.addresses);
    let changed = fields != stored;
    if changed {
        write_next(tx, &current, &RecordBody::Debtor(Debtor::try_from(fields)?), false, by)?;
    }
    let moved = tx.assignee(debtor_id)? != Some(gestor);
    if moved {
        assign(tx, debtor_id, gestor, None)?;
    }
    Ok((debtor_id, if changed || moved { Upserted::Updated } else { Upserted::Unchanged }))
}
