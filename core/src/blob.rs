//! Photos a gestor attaches to a visit, as content-addressed blobs: a photo
//! is named by the SHA-256 of its bytes, so a visit names exactly the bytes
//! it shows, the same photo is kept once however often it is attached, and
//! whoever holds it can check it is whole.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::DomainError;

/// The most bytes a photo may have, once the device has scaled it down.
pub const MAX_PHOTO_BYTES: u32 = 2 * 1024 * 1024;
/// The most photos one visit carries.
pub const MAX_PHOTOS_PER_VISIT: usize = 6;

/// A blob's name: the SHA-256 of its bytes, as 64 lowercase hex digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct BlobId(String);

impl BlobId {
    /// The name of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        let digest = Sha256::digest(bytes);
        Self(digest.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for BlobId {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        if s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            Ok(Self(s.to_owned()))
        } else {
            Err(DomainError::Malformed { message: format!("nombre de foto inválido: {s}") })
        }
    }
}

impl<'de> Deserialize<'de> for BlobId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(DomainError::into_serde)
    }
}

impl fmt::Display for BlobId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The image formats a photo may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImageType {
    /// What phone cameras and the device's own scaling produce.
    Jpeg,
    /// A screenshot.
    Png,
    /// What some Android cameras produce.
    Webp,
}

impl ImageType {
    /// The format `bytes` are in, read from their first bytes.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0xFF, 0xD8, 0xFF, ..] => Some(Self::Jpeg),
            [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(Self::Png),
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(Self::Webp),
            _ => None,
        }
    }

    /// The stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jpeg => "jpeg",
            Self::Png => "png",
            Self::Webp => "webp",
        }
    }

    /// The MIME type, for serving it.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
        }
    }
}

impl std::str::FromStr for ImageType {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        [Self::Jpeg, Self::Png, Self::Webp]
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| DomainError::Malformed { message: format!("formato de foto desconocido: {s}") })
    }
}

/// A photo attached to a visit: which bytes, how many, and in what format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// The bytes' name.
    pub blob: BlobId,
    /// Their number.
    pub bytes: u32,
    /// Their format.
    pub image: ImageType,
}

impl Photo {
    /// The photo `bytes` are, if they are an image no larger than [`MAX_PHOTO_BYTES`].
    pub fn of(bytes: &[u8]) -> Result<Self, DomainError> {
        let size = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        if size > MAX_PHOTO_BYTES {
            return Err(DomainError::PhotoTooLarge { bytes: size, max: MAX_PHOTO_BYTES });
        }
        let image = ImageType::sniff(bytes).ok_or(DomainError::NotAPhoto)?;
        Ok(Self { blob: BlobId::of(bytes), bytes: size, image })
    }
}

/// Checks the photos of one visit: how many, and each one's size.
pub fn check_photos(photos: &[Photo]) -> Result<(), DomainError> {
    if photos.len() > MAX_PHOTOS_PER_VISIT {
        return Err(DomainError::TooManyPhotos { max: MAX_PHOTOS_PER_VISIT as u32 });
    }
    if photos.iter().any(|p| p.bytes == 0) {
        return Err(DomainError::NotAPhoto);
    }
    match photos.iter().find(|p| p.bytes > MAX_PHOTO_BYTES) {
        Some(p) => Err(DomainError::PhotoTooLarge { bytes: p.bytes, max: MAX_PHOTO_BYTES }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_is_named_by_its_bytes_and_must_be_an_image_of_bounded_size() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        let photo = Photo::of(&jpeg).expect("a jpeg");
        assert_eq!(photo.image, ImageType::Jpeg);
        assert_eq!(photo.blob, Photo::of(&jpeg).expect("again").blob, "the same bytes, the same name");
        assert_eq!(BlobId::of(b"").as_str(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(Photo::of(b"%PDF-1.7"), Err(DomainError::NotAPhoto));
        let huge = [&[0xFF, 0xD8, 0xFF][..], &vec![0; MAX_PHOTO_BYTES as usize]].concat();
        assert!(matches!(Photo::of(&huge), Err(DomainError::PhotoTooLarge { .. })));
        assert!("E3B0".parse::<BlobId>().is_err());
        assert!("../../etc/passwd".parse::<BlobId>().is_err(), "a name is never a path");
    }
}
