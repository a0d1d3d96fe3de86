//! The audit trail, for admins: who did what, when, filtered and exported.

use axum::{Json, extract::State, response::IntoResponse};
use campo_core::wire::{AuditRow, ErrorBody};
use serde::Deserialize;

use super::{
    AppState,
    extract::{Admin, ApiQuery},
};
use crate::{error::ApiError, export, store::AuditFilter};

/// Which entries; each filter given narrows it.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(super) struct AuditQuery {
    /// Only this action (`sign_in`, `assign`, `reassign_bulk`, `review`, `policy`, …).
    action: Option<String>,
    /// Only this user's, by login.
    login: Option<String>,
    /// Only those at or after this instant.
    from: Option<chrono::DateTime<chrono::Utc>>,
    /// Only those before this instant.
    to: Option<chrono::DateTime<chrono::Utc>>,
    /// Only those older than this entry (the `id` of the last one shown).
    before: Option<uuid::Uuid>,
    /// At most this many (default 200, at most 5000).
    limit: Option<u32>,
}

impl AuditQuery {
    /// The filter, with at most `most` entries and `default` if none was asked.
    fn filter(self, default: u32, most: u32) -> AuditFilter {
        let instant = |at: chrono::DateTime<chrono::Utc>| crate::store::time(at);
        AuditFilter {
            action: self.action,
            login: self.login,
            from: self.from.map(instant),
            to: self.to.map(instant),
            before: self.before.map(|id| id.to_string()),
            limit: self.limit.unwrap_or(default).clamp(1, most),
        }
    }
}

/// Every office write and session, newest first: who signed in, assigned,
/// reviewed, approved, edited, deleted, imported, settled, changed the
/// policy or revoked what, and when. Admins only.
#[utoipa::path(get, path = "/v1/audit", params(AuditQuery),
    responses((status = 200, body = Vec<AuditRow>), (status = 403, body = ErrorBody)))]
pub(super) async fn list(
    State(state): State<AppState>,
    _admin: Admin,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditRow>>, ApiError> {
    let filter = q.filter(200, 5000);
    Ok(Json(state.read(move |tx| Ok(tx.audit(&filter)?)).await?))
}

/// The same entries as a CSV file, up to [`export::MAX_ROWS`]. Admins only.
#[utoipa::path(get, path = "/v1/exports/audit", params(AuditQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = ErrorBody)))]
pub(super) async fn export(
    State(state): State<AppState>,
    _admin: Admin,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let filter = q.filter(export::MAX_ROWS, export::MAX_ROWS);
    let rows = state.read(move |tx| Ok(tx.audit(&filter)?)).await?;
    Ok(export::attachment("auditoria", export::audit(&rows)))
}
