//! Contact policies: every signed-in user reads them; admins change them.

use axum::{Json, extract::State};
use campo_core::{
    contact::{Country, policy::ContactPolicy},
    wire::{ErrorBody, PolicyPreview},
};

use super::{
    AppState,
    extract::{Admin, ApiJson, ApiPath, Auth},
};
use crate::{error::ApiError, policy};

/// The contact policy in force in each country.
#[utoipa::path(get, path = "/v1/policies", responses((status = 200, body = Vec<ContactPolicy>)))]
pub(super) async fn policies(State(state): State<AppState>, _who: Auth) -> Result<Json<Vec<ContactPolicy>>, ApiError> {
    let all = state.read(|tx| Ok(Country::ALL.into_iter().map(|c| tx.policy(c)).collect::<Result<Vec<_>, _>>()?));
    Ok(Json(all.await?))
}

/// Puts a new version of a country's contact policy in force; its `version`
/// is the one after the policy in force, or the answer is 409. Admins only.
#[utoipa::path(put, path = "/v1/policies/{country}", params(("country" = Country, Path)), request_body = ContactPolicy,
    responses((status = 200, body = ContactPolicy), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub(super) async fn set_policy(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiPath(country): ApiPath<Country>,
    ApiJson(policy): ApiJson<ContactPolicy>,
) -> Result<Json<ContactPolicy>, ApiError> {
    let set = state.write(move |tx| policy::set_policy(tx, &admin, country, policy)).await?;
    tracing::info!(country = country.code(), version = set.version, "contact policy changed");
    Ok(Json(set))
}

/// What a proposed policy would have refused of yesterday's visits and
/// calls in its country, beside the policy in force; nothing changes. Admins only.
#[utoipa::path(post, path = "/v1/policies/{country}/preview", params(("country" = Country, Path)), request_body = ContactPolicy,
    responses((status = 200, body = PolicyPreview), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(super) async fn preview(
    State(state): State<AppState>,
    _admin: Admin,
    ApiPath(country): ApiPath<Country>,
    ApiJson(policy): ApiJson<ContactPolicy>,
) -> Result<Json<PolicyPreview>, ApiError> {
    Ok(Json(state.read(move |tx| policy::preview(tx, country, &policy)).await?))
}
