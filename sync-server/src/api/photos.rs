//! Photo bytes: a gestor uploads those of the visits they recorded, in
//! chunks that resume where the server's copy ends; whoever may see such a
//! visit may read them.

use std::sync::Arc;

use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use campo_core::{
    blob::{BlobId, ImageType, Photo},
    wire::{ErrorBody, MAX_PHOTO_CHUNK, PhotoChunk, PhotoStatus},
};

use super::{
    AppState,
    extract::{ApiPath, ApiQuery, Auth, Gestor},
};
use crate::{
    blobs::{BlobFiles, Received},
    error::ApiError,
    office,
};

fn status(received: Received, photo: &Photo) -> PhotoStatus {
    let bytes = photo.bytes;
    match received {
        Received::Complete => PhotoStatus { received: u64::from(bytes), bytes, complete: true },
        Received::Partial(received) => PhotoStatus { received, bytes, complete: false },
    }
}

/// How much of a photo of one of the gestor's visits the server holds.
#[utoipa::path(get, path = "/v1/photos/{blob}/status", params(("blob" = String, Path)),
    responses((status = 200, body = PhotoStatus), (status = 404, body = ErrorBody)))]
pub(super) async fn photo_status(
    State(state): State<AppState>,
    who: Gestor,
    ApiPath(blob): ApiPath<BlobId>,
) -> Result<Json<PhotoStatus>, ApiError> {
    let files = state.photos.clone();
    let answer = state
        .read(move |tx| {
            let photo = tx.authored_photo(&blob, who.user.id)?.ok_or(ApiError::NotFound)?;
            let received = files.received(&photo.blob).map_err(crate::blobs::BlobError::from)?;
            Ok(status(received, &photo))
        })
        .await?;
    Ok(Json(answer))
}

/// One chunk of a photo of one of the gestor's visits, at `offset` (what the
/// server holds: a different offset is 409, and the device asks again). At
/// most 256 KiB a chunk; the last one makes the photo whole, once its bytes
/// match its name.
#[utoipa::path(put, path = "/v1/photos/{blob}", params(("blob" = String, Path), PhotoChunk),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = PhotoStatus), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn put_photo(
    State(state): State<AppState>,
    who: Gestor,
    ApiPath(blob): ApiPath<BlobId>,
    ApiQuery(chunk): ApiQuery<PhotoChunk>,
    body: Bytes,
) -> Result<Json<PhotoStatus>, ApiError> {
    if body.len() > MAX_PHOTO_CHUNK {
        return Err(ApiError::TooLarge(format!("un envío de foto lleva hasta {} KiB", MAX_PHOTO_CHUNK / 1024)));
    }
    let files: Arc<BlobFiles> = state.photos.clone();
    let user = who.user.id;
    // The file work happens outside the write transaction, which every push
    // takes in turn: only noting a whole photo needs it.
    let photo = state.read(move |tx| tx.authored_photo(&blob, user)?.ok_or(ApiError::NotFound)).await?;
    // The first bytes say the format: they must be the one the visit declares.
    if chunk.offset == 0 && ImageType::sniff(&body) != Some(photo.image) {
        return Err(ApiError::Invalid(campo_core::DomainError::NotAPhoto));
    }
    let appended = photo.clone();
    let received = tokio::task::spawn_blocking(move || {
        files.append(&appended.blob, chunk.offset, u64::from(appended.bytes), &body)
    })
    .await??;
    if received == Received::Complete {
        let stored = photo.clone();
        state.write(move |tx| Ok(tx.put_blob(&stored, user)?)).await?;
    }
    // What the append found is the answer: no second look at the file.
    let answer = status(received, &photo);
    if answer.complete {
        tracing::info!(user = %user, bytes = answer.bytes, "photo stored");
    }
    Ok(Json(answer))
}

/// A photo's bytes, checked against its name, to whoever may see a visit that shows it.
#[utoipa::path(get, path = "/v1/photos/{blob}", params(("blob" = String, Path)),
    responses((status = 200, content_type = "image/jpeg"), (status = 404, body = ErrorBody)))]
pub(super) async fn photo(
    State(state): State<AppState>,
    who: Auth,
    ApiPath(blob): ApiPath<BlobId>,
) -> Result<Response, ApiError> {
    let files = state.photos.clone();
    let (image, bytes) = state
        .read(move |tx| {
            let (records, declared) = tx.photo_records(&blob)?;
            let visible = records.into_iter().any(|id| office::visible_record(tx, &who.session.user, id).is_ok());
            let photo = declared.filter(|_| visible).ok_or(ApiError::NotFound)?;
            let bytes = files.read(&blob)?.ok_or(ApiError::NotFound)?;
            Ok((photo.image, bytes))
        })
        .await?;
    let headers = [
        (header::CONTENT_TYPE, image.mime()),
        (header::CACHE_CONTROL, "private, max-age=31536000, immutable"),
        // The bytes are served as the format the visit declared, never guessed at.
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    Ok((headers, bytes).into_response())
}
