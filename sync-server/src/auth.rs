//! Passwords (argon2id) and bearer tokens (random, stored as SHA-256, good
//! for a while after their last use).

use std::sync::LazyLock;

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng, rand_core::RngCore},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

/// An argon2id PHC string for `password`.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .unwrap_or_else(|e| unreachable!("argon2 with default parameters cannot fail: {e}"))
        .to_string()
}

/// A device's token lasts this long after its last use: long enough for a
/// gestor to work a week (or a month) offline and still sync.
pub const DEVICE_TOKEN_TTL: chrono::TimeDelta = chrono::TimeDelta::days(30);
/// A console session ends after this long unused: the office shares desks
/// and tablets, and an open console shows debtors' data.
pub const CONSOLE_TOKEN_TTL: chrono::TimeDelta = chrono::TimeDelta::minutes(30);

/// A console session ends this long after sign-in however busy: a working
/// day, so a desk left signed in overnight asks for the password again.
pub const CONSOLE_SESSION_MAX: chrono::TimeDelta = chrono::TimeDelta::hours(12);

/// How long a token of this kind lasts after use.
pub fn token_ttl(device: bool) -> chrono::TimeDelta {
    if device { DEVICE_TOKEN_TTL } else { CONSOLE_TOKEN_TTL }
}

/// Whether a token issued at `created_at` may still be used at `now`: a
/// console session not past [`CONSOLE_SESSION_MAX`].
pub fn within_lifetime(
    created_at: chrono::DateTime<chrono::Utc>,
    device: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    device || now < created_at + CONSOLE_SESSION_MAX
}

/// Until when a token used at `now` is good: its idle time from now, but a
/// console session no later than its lifetime allows.
pub fn renewed_until(
    created_at: chrono::DateTime<chrono::Utc>,
    device: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> chrono::DateTime<chrono::Utc> {
    let idle = now + token_ttl(device);
    if device { idle } else { idle.min(created_at + CONSOLE_SESSION_MAX) }
}

/// Whether a token expiring at `expires_at` is due to be renewed: once a
/// thirtieth of its life has passed, so a busy token costs a write a day
/// (a device) or a minute (the console), not one per request.
pub fn renewal_due(expires_at: chrono::DateTime<chrono::Utc>, device: bool) -> bool {
    let ttl = token_ttl(device);
    expires_at < chrono::Utc::now() + ttl - ttl / 30
}

/// Whether `password` is the password behind `hash`; with no user, it checks
/// against a hash of nothing, so an unknown login takes as long to refuse as
/// a wrong password and tells a guesser nothing.
pub fn verify_login(password: &str, hash: Option<&str>) -> bool {
    static NOBODY: LazyLock<String> = LazyLock::new(|| hash_password("nadie tiene esta contraseña"));
    let verified = verify_password(password, hash.unwrap_or(&NOBODY));
    verified && hash.is_some()
}

/// The longest login looked at.
pub const MAX_LOGIN: usize = 100;

/// A login as typed, trimmed; a longer one than any user has is refused
/// before it is looked up or counted.
pub fn login_name(raw: &str) -> Result<String, campo_core::DomainError> {
    let login = raw.trim();
    if login.chars().count() > MAX_LOGIN {
        return Err(campo_core::DomainError::TextTooLong { field: "usuario".into(), max: MAX_LOGIN });
    }
    Ok(login.to_owned())
}

/// The longest device name kept.
pub const MAX_DEVICE_NAME: usize = 60;

/// A device name as the gestor typed it ("Moto G de Ana"), trimmed, with no
/// control characters and at most [`MAX_DEVICE_NAME`] characters.
pub fn device_name(raw: &str) -> Result<String, campo_core::DomainError> {
    const FIELD: &str = "nombre del dispositivo";
    let name = campo_core::text::Label::parse(raw, FIELD)?;
    if name.as_str().chars().count() > MAX_DEVICE_NAME {
        return Err(campo_core::DomainError::TextTooLong { field: FIELD.into(), max: MAX_DEVICE_NAME });
    }
    Ok(name.as_str().to_owned())
}

/// Whether `password` matches the stored `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A new bearer token and the hash to store for it.
pub fn new_token() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

/// What is stored for `token`. Tokens are random and long, so a fast hash is
/// enough to make a leaked database useless for signing in.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// SHA-256 of a request body, to tell a retry from a reused key.
pub fn body_hash(body: &[u8]) -> Vec<u8> {
    Sha256::digest(body).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let h = hash_password("s3creto");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("s3creto", &h));
        assert!(!verify_password("otro", &h));
        assert!(!verify_password("s3creto", "not a hash"));
    }

    #[test]
    fn tokens_are_unique_and_stored_hashed() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), ha);
        assert_ne!(ha, a.as_bytes());
    }

    #[test]
    fn a_console_session_renews_with_use_up_to_a_working_day_and_a_device_token_for_a_month_each_time() {
        let signed_in: chrono::DateTime<chrono::Utc> = "2026-12-04T08:00:00Z".parse().expect("an instant");
        let at = |hours| signed_in + chrono::TimeDelta::hours(hours);
        assert_eq!(renewed_until(signed_in, false, at(1)), at(1) + CONSOLE_TOKEN_TTL);
        assert_eq!(
            renewed_until(signed_in, false, at(11) + chrono::TimeDelta::minutes(50)),
            at(12),
            "no later than 20:00"
        );
        assert!(within_lifetime(signed_in, false, at(11)) && !within_lifetime(signed_in, false, at(12)));
        assert_eq!(renewed_until(signed_in, true, at(300)), at(300) + DEVICE_TOKEN_TTL);
        assert!(within_lifetime(signed_in, true, at(10_000)), "a device token has no lifetime but its idle time");
    }
}
