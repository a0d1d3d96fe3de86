//! Photo bytes on disk, named by their SHA-256: `<dir>/ab/abcd…` once whole
//! and checked, `<dir>/partial/abcd…` while an upload is under way. An upload
//! comes in chunks at stated offsets, so a device that lost its connection
//! mid-photo resumes where the server's file ends instead of starting over;
//! the bytes are checked against their name before they count as stored, and
//! again whenever they are read.

use std::{
    fs::{self, File, OpenOptions},
    io::{self, Write},
    path::{Path, PathBuf},
    sync::Mutex,
};

use campo_core::blob::BlobId;

/// How long an unfinished upload is kept.
pub const ABANDONED: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);

/// Why a chunk or a read failed.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    /// The chunk does not start where the stored bytes end.
    #[error("el servidor tiene {received} bytes de la foto; el envío debe seguir desde ahí")]
    WrongOffset {
        /// What the server holds.
        received: u64,
    },
    /// More bytes than the visit declared.
    #[error("la foto mide {declared} bytes y llegaron más")]
    TooLong {
        /// The declared size.
        declared: u64,
    },
    /// The bytes, all there, are not the ones their name says.
    #[error("la foto llegó dañada (no coincide con su nombre); vuelve a enviarla")]
    Mismatch,
    /// The disk said no.
    #[error("disco: {0}")]
    Io(#[from] io::Error),
}

/// Where an upload stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Received {
    /// This many bytes are held, not all.
    Partial(u64),
    /// Whole and checked.
    Complete,
}

/// The photo files of one server.
pub struct BlobFiles {
    dir: PathBuf,
    /// Chunks of one photo from two devices must not interleave; appends are
    /// short file writes on the blocking pool, so a std mutex serves.
    appending: Mutex<()>,
}

impl BlobFiles {
    /// The files under `dir`, created if missing. Uploads left unfinished
    /// for [`ABANDONED`] are removed: a device that comes back starts its
    /// photo over, and a client that declares photos and never finishes them
    /// does not fill the disk.
    pub fn open(dir: &Path) -> io::Result<Self> {
        fs::create_dir_all(dir.join("partial"))?;
        let files = Self { dir: dir.to_owned(), appending: Mutex::new(()) };
        let removed = files.sweep(ABANDONED)?;
        if removed > 0 {
            tracing::info!(removed, "removed photo uploads left unfinished");
        }
        Ok(files)
    }

    /// Removes unfinished uploads untouched for `age`; how many.
    pub fn sweep(&self, age: std::time::Duration) -> io::Result<u64> {
        let mut removed = 0;
        for entry in fs::read_dir(self.dir.join("partial"))? {
            let entry = entry?;
            let idle = entry.metadata()?.modified()?.elapsed().unwrap_or_default();
            if idle > age {
                fs::remove_file(entry.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    fn whole(&self, blob: &BlobId) -> PathBuf {
        self.dir.join(&blob.as_str()[..2]).join(blob.as_str())
    }

    fn partial(&self, blob: &BlobId) -> PathBuf {
        self.dir.join("partial").join(blob.as_str())
    }

    /// How much of `blob` is held.
    pub fn received(&self, blob: &BlobId) -> io::Result<Received> {
        if self.whole(blob).exists() {
            return Ok(Received::Complete);
        }
        match fs::metadata(self.partial(blob)) {
            Ok(meta) => Ok(Received::Partial(meta.len())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Received::Partial(0)),
            Err(e) => Err(e),
        }
    }

    /// Adds `chunk` at `offset` of a photo of `declared` bytes; once all are
    /// there and match the name, the photo is whole.
    pub fn append(&self, blob: &BlobId, offset: u64, declared: u64, chunk: &[u8]) -> Result<Received, BlobError> {
        let _turn = self.appending.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let held = match self.received(blob)? {
            Received::Complete => return Ok(Received::Complete),
            Received::Partial(held) => held,
        };
        if offset != held {
            return Err(BlobError::WrongOffset { received: held });
        }
        let end = held + chunk.len() as u64;
        if end > declared {
            return Err(BlobError::TooLong { declared });
        }
        let path = self.partial(blob);
        let mut file = OpenOptions::new().create(true).append(true).open(&path)?;
        file.write_all(chunk)?;
        file.sync_data()?;
        if end < declared {
            return Ok(Received::Partial(end));
        }
        let bytes = fs::read(&path)?;
        if BlobId::of(&bytes) != *blob {
            // Nothing of it can be trusted: the next upload starts afresh.
            fs::remove_file(&path)?;
            return Err(BlobError::Mismatch);
        }
        let whole = self.whole(blob);
        fs::create_dir_all(whole.parent().unwrap_or(&self.dir))?;
        fs::rename(&path, &whole)?;
        // The rename is durable once the directory is.
        File::open(whole.parent().unwrap_or(&self.dir))?.sync_all()?;
        Ok(Received::Complete)
    }

    /// The bytes of a whole photo, checked against its name; `None` if it is not whole.
    pub fn read(&self, blob: &BlobId) -> Result<Option<Vec<u8>>, BlobError> {
        match fs::read(self.whole(blob)) {
            Ok(bytes) if BlobId::of(&bytes) == *blob => Ok(Some(bytes)),
            Ok(_) => Err(BlobError::Mismatch),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_resume_where_the_file_ends_and_only_the_named_bytes_are_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let files = BlobFiles::open(dir.path()).expect("open");
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        let blob = BlobId::of(&bytes);
        assert_eq!(files.append(&blob, 0, 1000, &bytes[..400]).expect("first"), Received::Partial(400));
        assert!(matches!(files.append(&blob, 0, 1000, &bytes[..400]), Err(BlobError::WrongOffset { received: 400 })));
        assert_eq!(files.received(&blob).expect("held"), Received::Partial(400));
        assert_eq!(files.append(&blob, 400, 1000, &bytes[400..]).expect("rest"), Received::Complete);
        assert_eq!(files.read(&blob).expect("read").as_deref(), Some(&bytes[..]));
        assert_eq!(files.append(&blob, 0, 1000, &bytes).expect("again"), Received::Complete, "kept once");

        let other = BlobId::of(b"otra");
        assert!(matches!(files.append(&other, 0, 4, b"nope"), Err(BlobError::Mismatch)));
        assert_eq!(files.received(&other).expect("dropped"), Received::Partial(0));
        assert!(matches!(files.append(&other, 0, 2, b"otra"), Err(BlobError::TooLong { declared: 2 })));
    }

    #[test]
    fn an_upload_left_unfinished_for_a_week_is_removed_and_a_fresh_one_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let files = BlobFiles::open(dir.path()).expect("open");
        let (old, fresh) = (BlobId::of(b"old"), BlobId::of(b"fresh"));
        files.append(&old, 0, 10, b"old").expect("chunk");
        files.append(&fresh, 0, 10, b"fre").expect("chunk");
        let eight_days_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(8 * 24 * 3600);
        File::options()
            .write(true)
            .open(files.partial(&old))
            .expect("file")
            .set_modified(eight_days_ago)
            .expect("mtime");
        assert_eq!(BlobFiles::open(dir.path()).expect("reopen").received(&old).expect("old"), Received::Partial(0));
        assert_eq!(files.received(&fresh).expect("fresh"), Received::Partial(3));
    }
}
