//! Photos on the device: attached to a visit form (kept at once, by the
//! SHA-256 of their bytes), named by the visit when it is saved, and uploaded
//! once the server holds the visit. They count as unsent work until the
//! server holds them whole, so neither a sign-out nor a reassignment loses them.

use campo_core::{
    blob::{BlobId, ImageType, Photo},
    ids::DebtorId,
};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Store, corrupt, now};
use crate::error::{DeviceError, Result};

fn image(text: &str) -> Result<ImageType> {
    text.parse().map_err(|e| corrupt("blobs.image", e))
}

/// Photos whose visit is saved and that the server does not hold whole yet.
pub(super) const WAITING: &str = "SELECT count(*) FROM blobs WHERE saved = 1 AND uploaded_at IS NULL";

/// Checks that every photo `photos` names is on the device, and marks them
/// named by a saved visit; `dropped`, photos an edit took off the visit,
/// stop waiting unless another visit of the account names them.
pub(super) fn name(tx: &Transaction<'_>, debtor: DebtorId, photos: &[Photo], dropped: &[Photo]) -> Result<()> {
    let mut mark = tx.prepare_cached("UPDATE blobs SET saved = 1 WHERE blob = ?1")?;
    for photo in photos {
        if mark.execute([photo.blob.as_str()])? == 0 {
            return Err(DeviceError::NotFound { what: "una foto de la visita".into() });
        }
    }
    let mut unmark = tx.prepare_cached(
        "UPDATE blobs SET saved = 0 WHERE blob = ?1 AND uploaded_at IS NULL AND NOT EXISTS (
             SELECT 1 FROM pending, json_each(pending.body, '$.photos') p
              WHERE pending.debtor_id = ?2 AND pending.kind = 'visit' AND p.value ->> '$.blob' = ?1
             UNION ALL
             SELECT 1 FROM records, json_each(records.body, '$.photos') p
              WHERE records.debtor_id = ?2 AND records.kind = 'visit' AND p.value ->> '$.blob' = ?1)",
    )?;
    for photo in dropped.iter().filter(|d| !photos.contains(d)) {
        unmark.execute(params![photo.blob.as_str(), debtor.to_string()])?;
    }
    Ok(())
}

impl Store {
    /// Keeps a photo the gestor attached (already scaled down by the form);
    /// attaching the same bytes twice keeps them once.
    pub fn attach_photo(&self, bytes: &[u8]) -> Result<Photo> {
        let photo = Photo::of(bytes)?;
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO blobs (blob, image, bytes, size, added_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![photo.blob.as_str(), photo.image.as_str(), bytes, photo.bytes, now()])?;
            Ok(())
        })?;
        Ok(photo)
    }

    /// Keeps a photo the server sent (another device took it), once its
    /// bytes match the name asked for; it is not the gestor's to upload.
    pub fn keep_server_photo(&self, blob: &BlobId, bytes: &[u8]) -> Result<Photo> {
        let photo = Photo::of(bytes)?;
        if photo.blob != *blob {
            return Err(DeviceError::BadAnswer { message: "la foto llegó dañada".into() });
        }
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO blobs (blob, image, bytes, size, added_at, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![photo.blob.as_str(), photo.image.as_str(), bytes, photo.bytes, now()])?;
            Ok(())
        })?;
        Ok(photo)
    }

    /// A photo's bytes and format, if the device holds it.
    pub fn photo(&self, blob: &BlobId) -> Result<Option<(ImageType, Vec<u8>)>> {
        self.read(|tx| {
            let found: Option<(String, Vec<u8>)> = tx
                .prepare_cached("SELECT image, bytes FROM blobs WHERE blob = ?1")?
                .query_row([blob.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            found.map(|(kind, bytes)| Ok((image(&kind)?, bytes))).transpose()
        })
    }

    /// Photos to upload now: named by a saved visit the server holds (none
    /// still in the outbox: their bytes follow the visit), and not yet whole there.
    pub(crate) fn photos_due(&self) -> Result<Vec<Photo>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(
                "SELECT blob, image, size FROM blobs WHERE saved = 1 AND uploaded_at IS NULL
                   AND blob NOT IN (SELECT photo.value ->> '$.blob' FROM pending, json_each(pending.body, '$.photos') photo
                                    WHERE pending.kind = 'visit')
                 ORDER BY added_at",
            )?;
            let mut rows = stmt.query([])?;
            let mut due = Vec::new();
            while let Some(row) = rows.next()? {
                let blob: String = row.get(0)?;
                let kind: String = row.get(1)?;
                due.push(Photo {
                    blob: blob.parse().map_err(|e| corrupt("blobs.blob", e))?,
                    image: image(&kind)?,
                    bytes: row.get(2)?,
                });
            }
            Ok(due)
        })
    }

    /// Notes that the server holds `blob` whole.
    pub(crate) fn photo_uploaded(&self, blob: &BlobId) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE blobs SET uploaded_at = ?2 WHERE blob = ?1", params![blob.as_str(), now()])?;
            Ok(())
        })
    }
}
