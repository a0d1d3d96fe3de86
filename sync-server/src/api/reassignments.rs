//! The coordinator's workloads and bulk reassignments: the accounts to pick
//! from, a preview, the apply in one transaction, and its undo.

use axum::{Json, extract::State, response::IntoResponse};
use campo_core::{
    ids::{ReassignmentId, TerritoryId},
    wire::{ErrorBody, ReassignRequest, ReassignmentDone, ReassignmentRow},
    workload::{Listing, Preview, Selection, Workload},
};
use serde::Deserialize;

use super::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Coordinator},
};
use crate::{error::ApiError, export, reassignments};

/// Whose workloads.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(super) struct WorkloadQuery {
    /// Only the gestores and accounts of this region (one the user coordinates).
    territory: Option<TerritoryId>,
}

/// Each gestor's workload in the user's territories: accounts, balance,
/// overdue, and accounts per delinquency bucket.
#[utoipa::path(get, path = "/v1/workload", params(WorkloadQuery), responses((status = 200, body = Vec<Workload>)))]
pub(super) async fn workload(
    State(state): State<AppState>,
    Coordinator(user): Coordinator,
    ApiQuery(q): ApiQuery<WorkloadQuery>,
) -> Result<Json<Vec<Workload>>, ApiError> {
    Ok(Json(state.read(move |tx| reassignments::workloads(tx, &user, q.territory)).await?))
}

/// The same, as a CSV file.
#[utoipa::path(get, path = "/v1/exports/workload", params(WorkloadQuery),
    responses((status = 200, content_type = "text/csv", body = String)))]
pub(super) async fn export_workload(
    State(state): State<AppState>,
    Coordinator(user): Coordinator,
    ApiQuery(q): ApiQuery<WorkloadQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let rows = state.read(move |tx| reassignments::workloads(tx, &user, q.territory)).await?;
    Ok(export::attachment("carga", export::workloads(&rows)))
}

/// The accounts a selection takes (the first of them, by account number), to
/// pick by hand for a reassignment.
#[utoipa::path(post, path = "/v1/reassignments/accounts", request_body = Selection,
    responses((status = 200, body = Listing), (status = 403, body = ErrorBody)))]
pub(super) async fn accounts(
    State(state): State<AppState>,
    Coordinator(user): Coordinator,
    ApiJson(selection): ApiJson<Selection>,
) -> Result<Json<Listing>, ApiError> {
    Ok(Json(state.read(move |tx| reassignments::listing(tx, &user, &selection)).await?))
}

/// What a reassignment would move, and the workloads before and after; nothing changes.
#[utoipa::path(post, path = "/v1/reassignments/preview", request_body = ReassignRequest,
    responses((status = 200, body = Preview), (status = 403, body = ErrorBody)))]
pub(super) async fn preview(
    State(state): State<AppState>,
    Coordinator(user): Coordinator,
    ApiJson(req): ApiJson<ReassignRequest>,
) -> Result<Json<Preview>, ApiError> {
    Ok(Json(state.read(move |tx| reassignments::preview(tx, &user, &req)).await?))
}

/// Applies a reassignment in one transaction; refused as stale if the
/// selection no longer moves the `expect`ed number of accounts.
#[utoipa::path(post, path = "/v1/reassignments", request_body = ReassignRequest,
    responses((status = 200, body = ReassignmentDone), (status = 409, body = ErrorBody)))]
pub(super) async fn apply(
    State(state): State<AppState>,
    Coordinator(user): Coordinator,
    ApiJson(req): ApiJson<ReassignRequest>,
) -> Result<Json<ReassignmentDone>, ApiError> {
    let done = state.write(move |tx| reassignments::apply(tx, &user, &req)).await?;
    tracing::info!(reassignment = %done.id, accounts = done.accounts, "reassigned");
    Ok(Json(done))
}

/// The user's newest reassignments (an admin's: everyone's), newest first, to undo one.
#[utoipa::path(get, path = "/v1/reassignments", responses((status = 200, body = Vec<ReassignmentRow>)))]
pub(super) async fn recent(
    State(state): State<AppState>,
    Coordinator(user): Coordinator,
) -> Result<Json<Vec<ReassignmentRow>>, ApiError> {
    Ok(Json(state.read(move |tx| reassignments::recent(tx, &user)).await?))
}

/// Moves every account of a reassignment back, if nothing newer touched any of them.
#[utoipa::path(post, path = "/v1/reassignments/{id}/undo", params(("id" = ReassignmentId, Path)),
    responses((status = 200, body = ReassignmentDone), (status = 409, body = ErrorBody)))]
pub(super) async fn undo(
    State(state): State<AppState>,
    Coordinator(user): Coordinator,
    ApiPath(id): ApiPath<ReassignmentId>,
) -> Result<Json<ReassignmentDone>, ApiError> {
    Ok(Json(state.write(move |tx| reassignments::undo(tx, &user, id)).await?))
}
