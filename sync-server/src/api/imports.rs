//! The lender's files, sent as CSV bodies: the portfolio and the payments.
//! Coordinators import into their territories, admins anywhere; the rules
//! and the columns are in [`crate::import`].

use axum::{Json, body::Bytes, extract::State};
use campo_core::{import::ImportReport, wire::ErrorBody};
use serde::Deserialize;

use super::{
    AppState,
    extract::{ApiQuery, Coordinator},
};
use crate::{error::ApiError, import};

/// The largest file an import takes: 100,000 accounts are about 30 MiB.
pub(super) const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// How to import.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(super) struct ImportQuery {
    /// Check every line and count, but store nothing.
    #[serde(default)]
    dry_run: bool,
}

/// Runs `import` on the blocking pool: a file is parsed and written in one
/// long transaction, which must not hold up the runtime.
async fn imported(
    state: &AppState,
    import: impl FnOnce(&dyn crate::store::Storage) -> Result<ImportReport, import::ImportError> + Send + 'static,
) -> Result<Json<ImportReport>, ApiError> {
    let storage = state.storage.clone();
    Ok(Json(tokio::task::spawn_blocking(move || import(&*storage)).await??))
}

/// Imports a portfolio CSV: all of it, or nothing and a report of every
/// line at fault (422, `import_refused`).
#[utoipa::path(post, path = "/v1/imports/debtors", params(ImportQuery), request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportReport), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn debtors(
    State(state): State<AppState>,
    Coordinator(user): Coordinator,
    ApiQuery(q): ApiQuery<ImportQuery>,
    csv: Bytes,
) -> Result<Json<ImportReport>, ApiError> {
    imported(&state, move |storage| import::debtors::import(storage, &csv[..], q.dry_run, Some(&user), |_| {})).await
}

/// Imports the lender's payments CSV, as of the server's date: all of it,
/// or nothing and a report of every line at fault (422, `import_refused`).
/// The promises of every account it touches are derived again.
#[utoipa::path(post, path = "/v1/imports/payments", params(ImportQuery), request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportReport), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn payments(
    State(state): State<AppState>,
    Coordinator(user): Coordinator,
    ApiQuery(q): ApiQuery<ImportQuery>,
    csv: Bytes,
) -> Result<Json<ImportReport>, ApiError> {
    let now = chrono::Utc::now();
    imported(&state, move |storage| import::payments::import(storage, &csv[..], now, q.dry_run, Some(&user), |_| {}))
        .await
}
