//! Single records: read one, its history, delete one.

use axum::{Json, extract::State};
use campo_core::{
    ids::RecordId,
    wire::{DeleteRequest, ErrorBody, RecordView, VersionRow},
};

use super::{
    AppState,
    extract::{ApiJson, ApiPath, Auth, OfficeUser},
};
use crate::{error::ApiError, office};

/// A record's current version, if it is in the user's scope.
#[utoipa::path(get, path = "/v1/records/{id}", params(("id" = RecordId, Path)),
    responses((status = 200, body = RecordView), (status = 404, body = ErrorBody)))]
pub(super) async fn record(
    State(state): State<AppState>,
    who: Auth,
    ApiPath(id): ApiPath<RecordId>,
) -> Result<Json<RecordView>, ApiError> {
    let view = state
        .read(move |tx| {
            let r = office::visible_record(tx, &who.session.user, id)?;
            Ok(RecordView { record: r.record, after_reassignment: r.after_reassignment })
        })
        .await?;
    Ok(Json(view))
}

/// Every stored version of a record, oldest first: its audit trail, including
/// values that lost a conflict.
#[utoipa::path(get, path = "/v1/records/{id}/versions", params(("id" = RecordId, Path)),
    responses((status = 200, body = Vec<VersionRow>), (status = 404, body = ErrorBody)))]
pub(super) async fn versions(
    State(state): State<AppState>,
    who: Auth,
    ApiPath(id): ApiPath<RecordId>,
) -> Result<Json<Vec<VersionRow>>, ApiError> {
    let rows = state
        .read(move |tx| {
            office::visible_record(tx, &who.session.user, id)?;
            Ok(tx
                .versions(id)?
                .into_iter()
                .map(|v| VersionRow {
                    record: v.record,
                    writer: v.writer.replica,
                    office: v.writer.office,
                    user: v.user,
                    after_reassignment: v.after_reassignment,
                    stored_at: v.stored_at,
                })
                .collect())
        })
        .await?;
    Ok(Json(rows))
}

/// Deletes a record, if it is still at the version read.
#[utoipa::path(post, path = "/v1/records/{id}/delete", params(("id" = RecordId, Path)), request_body = DeleteRequest,
    responses((status = 200, body = RecordView), (status = 409, body = ErrorBody)))]
pub(super) async fn delete(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiPath(id): ApiPath<RecordId>,
    ApiJson(req): ApiJson<DeleteRequest>,
) -> Result<Json<RecordView>, ApiError> {
    Ok(Json(state.write(move |tx| office::delete_record(tx, &user, id, &req.if_vv)).await?))
}
