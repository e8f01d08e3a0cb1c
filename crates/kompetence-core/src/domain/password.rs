//! Passwords are hashed with argon2id (the `argon2` crate's default algorithm and
//! parameters: m=19 MiB, t=2, p=1, as OWASP recommends).
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
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

/// Checks the password policy (at least 8 characters) and hashes it.
pub fn hash_password(field: &'static str, plain: &str) -> Result<PasswordHash, ValidationError> {
    if plain.chars().count() < 8 {
        return Err(ValidationError::new(field, "err-password-short"));
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

pub fn verify_password(plain: &str, hash: &str) -> bool {
    match argon2::password_hash::PasswordHash::new(hash) {
        Ok(parsed) => argon().verify_password(plain.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
