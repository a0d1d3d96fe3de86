//! Users, teams, regions and devices, for admins.

use axum::{Json, extract::State};
use campo_core::{
    ids::{ReplicaId, UserId},
    wire::{
        CoordinatedTerritories, CreateTeam, CreateTerritory, CreateUser, ErrorBody, SetPassword, TeamRow, Territory,
        UserRow,
    },
};

use super::{
    AppState,
    extract::{Admin, ApiJson, ApiPath},
};
use crate::{auth, error::ApiError, users};

/// Every user, by name, with their team and devices.
#[utoipa::path(get, path = "/v1/users", responses((status = 200, body = Vec<UserRow>), (status = 403, body = ErrorBody)))]
pub(super) async fn list(State(state): State<AppState>, _admin: Admin) -> Result<Json<Vec<UserRow>>, ApiError> {
    Ok(Json(state.read(|tx| Ok(tx.users(None)?)).await?))
}

/// Every team, by name.
#[utoipa::path(get, path = "/v1/teams", responses((status = 200, body = Vec<TeamRow>), (status = 403, body = ErrorBody)))]
pub(super) async fn teams(State(state): State<AppState>, _admin: Admin) -> Result<Json<Vec<TeamRow>>, ApiError> {
    Ok(Json(state.read(|tx| Ok(tx.teams()?)).await?))
}

/// A password's hash, computed off the runtime and outside any transaction.
async fn hashed(state: &AppState, password: String) -> Result<String, ApiError> {
    users::check_password(&password)?;
    let (hash, _turn) = state.hash(|| Ok(()), move || auth::hash_password(&password)).await?;
    Ok(hash)
}

/// Creates a user with a first password.
#[utoipa::path(post, path = "/v1/users", request_body = CreateUser,
    responses((status = 200, body = UserRow), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(super) async fn create(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiJson(req): ApiJson<CreateUser>,
) -> Result<Json<UserRow>, ApiError> {
    let hash = hashed(&state, req.password.clone()).await?;
    Ok(Json(state.write(move |tx| users::create(tx, &admin, &req, &hash)).await?))
}

/// Sets a new password for a user; their sessions end.
#[utoipa::path(post, path = "/v1/users/{id}/password", params(("id" = UserId, Path)), request_body = SetPassword,
    responses((status = 200, body = UserRow), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(super) async fn reset_password(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiPath(id): ApiPath<UserId>,
    ApiJson(req): ApiJson<SetPassword>,
) -> Result<Json<UserRow>, ApiError> {
    let hash = hashed(&state, req.password).await?;
    Ok(Json(state.write(move |tx| users::reset_password(tx, &admin, id, &hash)).await?))
}

/// Deactivates a user: no more sign-ins, their sessions end, their work stays.
#[utoipa::path(post, path = "/v1/users/{id}/deactivate", params(("id" = UserId, Path)),
    responses((status = 200, body = UserRow), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(super) async fn deactivate(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiPath(id): ApiPath<UserId>,
) -> Result<Json<UserRow>, ApiError> {
    Ok(Json(state.write(move |tx| users::deactivate(tx, &admin, id)).await?))
}

/// Sets the territories a coordinator balances, replacing those they had.
#[utoipa::path(put, path = "/v1/users/{id}/territories", params(("id" = UserId, Path)), request_body = CoordinatedTerritories,
    responses((status = 200, body = UserRow), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(super) async fn set_territories(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiPath(id): ApiPath<UserId>,
    ApiJson(req): ApiJson<CoordinatedTerritories>,
) -> Result<Json<UserRow>, ApiError> {
    Ok(Json(state.write(move |tx| users::set_territories(tx, &admin, id, &req)).await?))
}

/// Revokes a device: it must sign in again, and sends its unsent work then.
#[utoipa::path(post, path = "/v1/devices/{id}/revoke", params(("id" = ReplicaId, Path)),
    responses((status = 200, body = UserRow), (status = 404, body = ErrorBody)))]
pub(super) async fn revoke_device(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiPath(id): ApiPath<ReplicaId>,
) -> Result<Json<UserRow>, ApiError> {
    Ok(Json(state.write(move |tx| users::revoke_device(tx, &admin, id)).await?))
}

/// Creates a region, in a currency (and so a country).
#[utoipa::path(post, path = "/v1/territories", request_body = CreateTerritory,
    responses((status = 200, body = Territory), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(super) async fn create_territory(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiJson(req): ApiJson<CreateTerritory>,
) -> Result<Json<Territory>, ApiError> {
    Ok(Json(state.write(move |tx| users::create_territory(tx, &admin, &req)).await?))
}

/// Creates a team working a region.
#[utoipa::path(post, path = "/v1/teams", request_body = CreateTeam,
    responses((status = 200, body = TeamRow), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(super) async fn create_team(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiJson(req): ApiJson<CreateTeam>,
) -> Result<Json<TeamRow>, ApiError> {
    Ok(Json(state.write(move |tx| users::create_team(tx, &admin, &req)).await?))
}
