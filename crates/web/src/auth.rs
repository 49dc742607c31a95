//! Passwords: argon2id hashes in the PHC string form, and new passwords from the operating
//! system's random generator. Sign-in and sessions arrive with part two of the web
//! application; the demo already creates its administrator with these.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand_core::{OsRng, RngCore};

/// The characters of a generated password: no `0`/`O`, `1`/`l`/`I`, easy to type from a
/// printed line.
const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A new random password of `len` characters.
pub fn new_password(len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        OsRng.fill_bytes(&mut buf);
        for b in buf {
            // Rejection sampling keeps every character equally likely.
            let limit = 256 - 256 % ALPHABET.len();
            if usize::from(b) < limit && out.len() < len {
                out.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
            }
        }
    }
    out
}

/// The argon2id hash of `password` with a fresh salt (argon2's default costs: 19 MiB, two
/// passes, one lane, as OWASP recommends).
///
/// # Errors
/// argon2's, which the default parameters do not raise.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` is the one `hash` was made from; a malformed hash matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .and_then(|h| Argon2::default().verify_password(password.as_bytes(), &h))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_no_other() {
        let pw = new_password(20);
        assert_eq!(pw.chars().count(), 20);
        assert!(pw.bytes().all(|b| ALPHABET.contains(&b)));
        let hash = hash_password(&pw).unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password(&pw, &hash));
        assert!(!verify_password("not it", &hash));
        assert!(!verify_password(&pw, "not a hash"));
        assert_ne!(new_password(20), pw);
    }
}
