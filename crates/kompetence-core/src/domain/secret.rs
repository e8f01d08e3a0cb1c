//! Random secrets (session ids, API tokens, CSRF tokens, feed keys). Only their SHA-256
//! is stored, so a leaked database does not leak live credentials.
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A freshly generated secret in the clear: hand it to the user once, store the hash.
pub struct Secret(String);

impl Secret {
    pub fn generate(prefix: &str) -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(format!("{prefix}{}", hex::encode(bytes)))
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn hash(&self) -> String {
        hash_secret(&self.0)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

pub fn hash_secret(clear: &str) -> String {
    hex::encode(Sha256::digest(clear.as_bytes()))
}
