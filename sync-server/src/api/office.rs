//! The console's calls: the visit log, reviews, account edits,
//! reassignments, conflicts and the audit trail.

use axum::{Json, extract::State, http::StatusCode};
use campo_core::{
    ids::{DebtorId, RecordId, UserId},
    wire::{
        ActivityRow, AssignRequest, AuditRow, ConflictRow, DebtorPatch, ErrorBody, Escalation, PlanDecision,
        RecordView, ReviewRequest, Territory, WaitingPlan,
    },
};
use serde::Deserialize;

use super::{
    AppState,
    extract::{Admin, ApiJson, ApiPath, ApiQuery, Auth, OfficeUser},
};
use crate::{
    error::ApiError,
    office::{self, Scope},
    store::ActivityFilter,
};

/// Filters for the activity list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(super) struct ActivityQuery {
    /// Only this gestor's.
    gestor: Option<UserId>,
    /// Only those recorded after a reassignment.
    #[serde(default)]
    after_reassignment: bool,
    /// `true`: only those the contact rules let through flagged, with the
    /// gestor's justification; `false`: only those within every rule.
    flagged: Option<bool>,
    /// At most this many (default 100, at most 1000).
    limit: Option<u32>,
}

/// Visits and calls in the user's scope, newest first.
#[utoipa::path(get, path = "/v1/activities", params(ActivityQuery), responses((status = 200, body = Vec<ActivityRow>)))]
pub(super) async fn activities(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiQuery(q): ApiQuery<ActivityQuery>,
) -> Result<Json<Vec<ActivityRow>>, ApiError> {
    let rows = state
        .read(move |tx| {
            let scope = Scope::of(tx, &user)?;
            let gestores = match (scope.gestores(), q.gestor) {
                (None, g) => g.map(|g| vec![g]),
                (Some(mine), Some(g)) => Some(mine.into_iter().filter(|m| *m == g).collect()),
                (Some(mine), None) => Some(mine),
            };
            let filter = ActivityFilter {
                gestores,
                after_reassignment_only: q.after_reassignment,
                flagged: q.flagged,
                limit: q.limit.unwrap_or(100).clamp(1, 1000),
            };
            Ok(tx.activities(&filter)?)
        })
        .await?;
    Ok(Json(rows))
}

/// A supervisor's decision on a plan waiting for approval: approve, reject,
/// or offer other terms.
#[utoipa::path(post, path = "/v1/plans/{id}/decision", request_body = PlanDecision, responses((status = 200, body = RecordView)))]
pub(super) async fn decide_plan(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiPath(id): ApiPath<RecordId>,
    ApiJson(req): ApiJson<PlanDecision>,
) -> Result<Json<RecordView>, ApiError> {
    Ok(Json(state.write(move |tx| office::decide_plan(tx, &user, id, req)).await?))
}

/// Accounts in the user's scope whose promises broke as often as the policy
/// lets pass before a supervisor hears, most misses first.
#[utoipa::path(get, path = "/v1/escalations", responses((status = 200, body = Vec<Escalation>)))]
pub(super) async fn escalations(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
) -> Result<Json<Vec<Escalation>>, ApiError> {
    let rows = state
        .read(move |tx| {
            let gestores = Scope::of(tx, &user)?.gestores();
            Ok(tx.escalations(gestores.as_deref())?)
        })
        .await?;
    Ok(Json(rows))
}

/// Payment plans in the user's scope waiting for a decision, oldest first:
/// the supervisor's queue.
#[utoipa::path(get, path = "/v1/plans/waiting", responses((status = 200, body = Vec<WaitingPlan>)))]
pub(super) async fn plans_waiting(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
) -> Result<Json<Vec<WaitingPlan>>, ApiError> {
    let rows = state
        .read(move |tx| {
            let gestores = Scope::of(tx, &user)?.gestores();
            Ok(tx.plans_waiting(gestores.as_deref())?)
        })
        .await?;
    Ok(Json(rows))
}

/// Every territory: devices show regions by name, and coordinators pick them.
#[utoipa::path(get, path = "/v1/territories", responses((status = 200, body = Vec<Territory>)))]
pub(super) async fn territories(State(state): State<AppState>, _who: Auth) -> Result<Json<Vec<Territory>>, ApiError> {
    Ok(Json(state.read(|tx| Ok(tx.territories()?)).await?))
}

/// A supervisor's review of a visit or call.
#[utoipa::path(post, path = "/v1/reviews", request_body = ReviewRequest, responses((status = 200, body = RecordView)))]
pub(super) async fn review(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> Result<Json<RecordView>, ApiError> {
    Ok(Json(state.write(move |tx| office::review(tx, &user, req)).await?))
}

/// Changes a debtor account's flags, phones or segment, if still at the version read.
#[utoipa::path(patch, path = "/v1/debtors/{id}", params(("id" = DebtorId, Path)), request_body = DebtorPatch,
    responses((status = 200, body = RecordView), (status = 409, body = ErrorBody)))]
pub(super) async fn patch_debtor(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiPath(id): ApiPath<DebtorId>,
    ApiJson(patch): ApiJson<DebtorPatch>,
) -> Result<Json<RecordView>, ApiError> {
    Ok(Json(state.write(move |tx| office::patch_debtor(tx, &user, id, patch)).await?))
}

/// Reassigns a debtor to another gestor.
#[utoipa::path(put, path = "/v1/debtors/{id}/assignment", params(("id" = DebtorId, Path)), request_body = AssignRequest,
    responses((status = 204), (status = 409, body = ErrorBody)))]
pub(super) async fn assign(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiPath(id): ApiPath<DebtorId>,
    ApiJson(req): ApiJson<AssignRequest>,
) -> Result<StatusCode, ApiError> {
    state.write(move |tx| office::reassign(tx, &user, id, req.gestor, req.expected_gestor)).await?;
    tracing::info!(debtor = %id, gestor = %req.gestor, "reassigned");
    Ok(StatusCode::NO_CONTENT)
}

/// Conflicts the server resolved in the user's scope, newest first.
#[utoipa::path(get, path = "/v1/conflicts", responses((status = 200, body = Vec<ConflictRow>)))]
pub(super) async fn conflicts(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
) -> Result<Json<Vec<ConflictRow>>, ApiError> {
    let rows = state
        .read(move |tx| {
            let gestores = Scope::of(tx, &user)?.gestores();
            Ok(tx.conflicts(gestores.as_deref(), 500)?)
        })
        .await?;
    Ok(Json(rows))
}

/// How many audit entries to list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(super) struct AuditQuery {
    /// At most this many (default 200, at most 5000).
    limit: Option<u32>,
}

/// Every office write, newest first: who assigned, reviewed, edited,
/// deleted, imported or revoked what, and when. Admins only.
#[utoipa::path(get, path = "/v1/audit", params(AuditQuery),
    responses((status = 200, body = Vec<AuditRow>), (status = 403, body = ErrorBody)))]
pub(super) async fn audit(
    State(state): State<AppState>,
    _admin: Admin,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditRow>>, ApiError> {
    let limit = q.limit.unwrap_or(200).clamp(1, 5000);
    Ok(Json(state.read(move |tx| Ok(tx.audit(limit)?)).await?))
}
