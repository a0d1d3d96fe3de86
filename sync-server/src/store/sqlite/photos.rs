//! The SQL behind photos: which visits name which photo, and which arrived whole.

use campo_core::{
    blob::{BlobId, ImageType, Photo},
    ids::{RecordId, UserId},
};
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreResult, now, parse};

fn image(text: &str) -> StoreResult<ImageType> {
    parse(text, "record_blobs.image")
}

pub(super) fn put_record_blob(conn: &Connection, record: RecordId, photo: &Photo) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO record_blobs (blob, record_id, bytes, image) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
    )?
    .execute(params![photo.blob.as_str(), record.to_string(), photo.bytes, photo.image.as_str()])?;
    Ok(())
}

fn photo(blob: &BlobId, bytes: u32, image_text: &str) -> StoreResult<Photo> {
    Ok(Photo { blob: blob.clone(), bytes, image: image(image_text)? })
}

pub(super) fn authored_photo(conn: &Connection, blob: &BlobId, author: UserId) -> StoreResult<Option<Photo>> {
    let found: Option<(u32, String)> = conn
        .prepare_cached(
            "SELECT b.bytes, b.image FROM record_blobs b JOIN versions v ON v.record_id = b.record_id
             WHERE b.blob = ?1 AND v.user_id = ?2 LIMIT 1",
        )?
        .query_row(params![blob.as_str(), author.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    found.map(|(bytes, image)| photo(blob, bytes, &image)).transpose()
}

pub(super) fn photo_records(conn: &Connection, blob: &BlobId) -> StoreResult<(Vec<RecordId>, Option<Photo>)> {
    let mut stmt = conn.prepare_cached("SELECT record_id, bytes, image FROM record_blobs WHERE blob = ?1")?;
    let mut rows = stmt.query([blob.as_str()])?;
    let (mut records, mut declared) = (Vec::new(), None);
    while let Some(row) = rows.next()? {
        records.push(parse(&row.get::<_, String>(0)?, "record_blobs.record_id")?);
        if declared.is_none() {
            declared = Some(photo(blob, row.get(1)?, &row.get::<_, String>(2)?)?);
        }
    }
    Ok((records, declared))
}

pub(super) fn put_blob(conn: &Connection, photo: &Photo, by: UserId) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO blobs (blob, bytes, image, stored_at, uploaded_by) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT DO NOTHING",
    )?
    .execute(params![photo.blob.as_str(), photo.bytes, photo.image.as_str(), now(), by.to_string()])?;
    Ok(())
}
