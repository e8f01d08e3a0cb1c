//! Passwords are hashed with argon2id (the `argon2` crate's default algorithm and
//! parameters: m=19 MiB, t=2, p=1, as OWASP recommends).
use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};

use super::ValidationError;

#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(pub String);

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(..)")
    }
}

fn argon() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// Passwords refused as too common (one per line, `#` for comments).
const COMMON: &str = include_str!("../../assets/common-passwords.txt");

/// Why a password is too weak to use, if it is: too short (fewer than `min` characters
/// that are not spaces), one character or two repeated, or on the list of common passwords.
pub fn weakness(plain: &str, min: usize) -> Option<&'static str> {
    let visible: Vec<char> = plain.chars().filter(|c| !c.is_whitespace()).collect();
    if visible.len() < min {
        return Some("err-password-short");
    }
    let mut distinct = visible.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let lower = plain.trim().to_lowercase();
    if distinct.len() <= 2 || COMMON.lines().any(|l| !l.starts_with('#') && l.trim() == lower) {
        return Some("err-password-common");
    }
    None
}

/// Checks the password policy (at least 8 characters that are not spaces, not a common
/// password) and hashes it.
pub fn hash_password(field: &'static str, plain: &str) -> Result<PasswordHash, ValidationError> {
    hash_password_min(field, plain, 8)
}

/// [`hash_password`] with at least 12 characters: for administrators, whose accounts open
/// every organisation's data.
pub fn hash_admin_password(field: &'static str, plain: &str) -> Result<PasswordHash, ValidationError> {
    hash_password_min(field, plain, 12)
}

fn hash_password_min(field: &'static str, plain: &str, min: usize) -> Result<PasswordHash, ValidationError> {
    if let Some(key) = weakness(plain, min) {
        return Err(ValidationError::new(
            field,
            if min > 8 && key == "err-password-short" { "err-password-short-admin" } else { key },
        ));
    }
    if plain.len() > 1024 {
        return Err(ValidationError::new(field, "err-too-long"));
    }
    let salt = SaltString::generate(&mut OsRng);
    let hash = argon()
        .hash_password(plain.as_bytes(), &salt)
        .expect("argon2 with default params cannot fail on bounded input");
    Ok(PasswordHash(hash.to_string()))
}

/// Checks a password against its stored hash (in fresh memory; see [`verify_password_in`]).
pub fn verify_password(plain: &str, hash: &str) -> bool {
    verify_password_in(&mut PasswordScratch::default(), plain, hash)
}

/// Working memory for [`verify_password_in`]: argon2's blocks, kept between checks.
#[derive(Default)]
pub struct PasswordScratch(Vec<argon2::Block>);

/// Like [`verify_password`], but computes in `scratch` instead of allocating 19 MiB per check.
/// A server checking passwords on a few long-lived threads keeps that memory bounded: freed
/// and re-allocated, glibc keeps such blocks in its arenas and the process grew by about
/// 19 MiB per login, levelling off at ~175 MB (measured, docs/performance.md).
pub fn verify_password_in(scratch: &mut PasswordScratch, plain: &str, hash: &str) -> bool {
    let Ok(parsed) = argon2::password_hash::PasswordHash::new(hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(parsed.algorithm), Params::try_from(&parsed)) else {
        return false;
    };
    let version = parsed.version.and_then(|v| Version::try_from(v).ok()).unwrap_or(Version::V0x13);
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let blocks = params.block_count();
    if scratch.0.len() < blocks {
        scratch.0.resize(blocks, argon2::Block::default());
    }
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params);
    if argon.hash_password_into_with_memory(plain.as_bytes(), salt, &mut out, &mut scratch.0[..blocks]).is_err() {
        return false;
    }
    // Output's own comparison is constant-time.
    argon2::password_hash::Output::new(&out).is_ok_and(|o| o == expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checking_in_reused_memory_agrees_with_the_plain_check() {
        let h = hash_password("password", "rigtig-hest-42").unwrap();
        let mut scratch = PasswordScratch::default();
        assert!(verify_password_in(&mut scratch, "rigtig-hest-42", &h.0));
        assert!(!verify_password_in(&mut scratch, "forkert-hest-42", &h.0));
        assert!(verify_password_in(&mut scratch, "rigtig-hest-42", &h.0), "the scratch is reusable");
        assert!(!verify_password_in(&mut scratch, "rigtig-hest-42", "not a hash"));
    }

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash_password("password", "korrekt hest batteri").unwrap();
        assert!(h.0.starts_with("$argon2id$"), "{}", h.0);
        assert!(verify_password("korrekt hest batteri", &h.0));
        assert!(!verify_password("forkert", &h.0));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(hash_password("password", "kort").unwrap_err().key, "err-password-short");
    }

    #[test]
    fn common_repeated_and_blank_passwords_are_refused() {
        for weak in ["password", "12345678", "Kodeord123", "        ", "aaaaaaaaaa", "abababab", " sommer2026 "] {
            assert!(hash_password("password", weak).is_err(), "{weak:?} accepted");
        }
        assert_eq!(hash_password("password", "        ").unwrap_err().key, "err-password-short");
        assert_eq!(hash_password("password", "12345678").unwrap_err().key, "err-password-common");
        assert!(hash_password("password", "rigtig-hest-42").is_ok());
        // Administrators need twelve.
        assert_eq!(hash_admin_password("password", "langt-nok-1").unwrap_err().key, "err-password-short-admin");
        assert!(hash_admin_password("password", "korrekt hest batteri").is_ok());
    }
}
