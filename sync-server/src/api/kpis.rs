//! The supervisor's KPIs of a period, as numbers and as a CSV file.

use axum::{Json, extract::State, response::IntoResponse};
use campo_core::{
    ids::{TerritoryId, UserId},
    kpi::KpiReport,
    wire::ErrorBody,
};
use chrono::NaiveDate;
use serde::Deserialize;

use super::{
    AppState,
    extract::{ApiQuery, OfficeUser},
};
use crate::{
    error::ApiError,
    export,
    kpis::{self, Period},
};

/// The period and who it covers.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(super) struct KpiQuery {
    /// The first day (ISO 8601), by the debtors' local days.
    from: NaiveDate,
    /// The last day, inclusive: a period of at most 366 days.
    to: NaiveDate,
    /// Only this gestor.
    gestor: Option<UserId>,
    /// Only the gestores whose team works this region.
    territory: Option<TerritoryId>,
}

impl From<KpiQuery> for Period {
    fn from(q: KpiQuery) -> Self {
        Self { from: q.from, to: q.to, gestor: q.gestor, territory: q.territory }
    }
}

/// KPIs of the gestores in the user's scope over a period: together, day by
/// day, and per gestor, computed from the outcome codes, promises and payments.
#[utoipa::path(get, path = "/v1/kpis", params(KpiQuery),
    responses((status = 200, body = KpiReport), (status = 400, body = ErrorBody)))]
pub(super) async fn report(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiQuery(q): ApiQuery<KpiQuery>,
) -> Result<Json<KpiReport>, ApiError> {
    Ok(Json(state.read(move |tx| kpis::report(tx, &user, q.into())).await?))
}

/// The same report as a CSV file: a row per gestor and currency, and one for everyone.
#[utoipa::path(get, path = "/v1/exports/kpis", params(KpiQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = ErrorBody)))]
pub(super) async fn export(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiQuery(q): ApiQuery<KpiQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let report = state.read(move |tx| kpis::report(tx, &user, q.into())).await?;
    Ok(export::attachment("kpis", export::kpis(&report)))
}
