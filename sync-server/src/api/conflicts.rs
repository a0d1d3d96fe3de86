//! The conflicts queue: what merges lost, and a supervisor's settlement.

use axum::{Json, extract::State};
use campo_core::{
    ids::ConflictId,
    wire::{ConflictDetail, ConflictQuery, ConflictRow, ErrorBody, SettleConflict},
};

use super::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, OfficeUser},
    office::in_scope,
};
use crate::{conflicts, error::ApiError};

/// Conflicts the server's merges filed in the user's scope, newest first;
/// `open` leaves only those waiting to be settled.
#[utoipa::path(get, path = "/v1/conflicts", params(ConflictQuery), responses((status = 200, body = Vec<ConflictRow>)))]
pub(super) async fn list(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiQuery(q): ApiQuery<ConflictQuery>,
) -> Result<Json<Vec<ConflictRow>>, ApiError> {
    Ok(Json(in_scope(&state, user, move |tx, gestores| tx.conflicts(gestores, q.open, 500)).await?))
}

/// One conflict with its record as it stands now, to set side by side.
#[utoipa::path(get, path = "/v1/conflicts/{id}", params(("id" = ConflictId, Path)),
    responses((status = 200, body = ConflictDetail), (status = 404, body = ErrorBody)))]
pub(super) async fn detail(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiPath(id): ApiPath<ConflictId>,
) -> Result<Json<ConflictDetail>, ApiError> {
    Ok(Json(state.read(move |tx| conflicts::detail(tx, &user, id)).await?))
}

/// Settles a conflict: the merge stands, or lost values (or the lost
/// delete) are taken back as the record's next version, which reaches the
/// gestor's device with its next sync. Refused as stale if the record moved
/// on or someone settled it first.
#[utoipa::path(post, path = "/v1/conflicts/{id}/settle", params(("id" = ConflictId, Path)), request_body = SettleConflict,
    responses((status = 200, body = ConflictDetail), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub(super) async fn settle(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiPath(id): ApiPath<ConflictId>,
    ApiJson(req): ApiJson<SettleConflict>,
) -> Result<Json<ConflictDetail>, ApiError> {
    Ok(Json(state.write(move |tx| conflicts::settle(tx, &user, id, req)).await?))
}
