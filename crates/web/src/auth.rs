//! Secrets: argon2id password hashes in the PHC string form, new passwords and session ids
//! and tokens from the operating system's random generator, the hash under which a session id
//! or a token is stored, and the rules a new password must meet.
//!
//! A password is hashed with argon2id, slow on purpose: people choose guessable ones. A session
//! id or a bearer token is 32 random bytes, which no one guesses, so it is stored as its
//! BLAKE2b-256 hash (fast: it is computed on every request), and a copy of the database signs
//! nobody in.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
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

/// A new secret: 32 random bytes as 64 hex digits (a session id, a token, a form's
/// anti-forgery token).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The hash a secret is stored under: BLAKE2b-256 of its text, as 64 hex digits.
pub fn secret_hash(secret: &str) -> String {
    hex(&Blake2b::<U32>::digest(secret.as_bytes()))
}

/// Whether two secrets are equal, in a time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fewest characters a password may have (DESIGN.md: at least 12, no composition rules).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Passwords of twelve characters or more that lists of leaked passwords show people choose;
/// one a line, compared without case.
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeakPassword {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    TooShort,
    /// One of the commonly chosen ones, one character repeated, a run of the keyboard or of
    /// the digits, or the account's own name.
    Common,
}

impl WeakPassword {
    /// What a person is told, in their language.
    pub fn message(self, lang: shinchoku_core::Lang) -> String {
        use shinchoku_core::Lang;
        match (self, lang) {
            (WeakPassword::TooShort, Lang::Ja) => {
                format!("パスワードは{MIN_PASSWORD_CHARS}文字以上にしてください。")
            }
            (WeakPassword::TooShort, Lang::En) => {
                format!("a password needs at least {MIN_PASSWORD_CHARS} characters")
            }
            (WeakPassword::Common, Lang::Ja) => {
                "このパスワードはよく使われていて推測されやすいため、使えません。".to_owned()
            }
            (WeakPassword::Common, Lang::En) => {
                "this password is commonly used and easily guessed".to_owned()
            }
        }
    }
}

/// Checks a new password of account `account`: at least [`MIN_PASSWORD_CHARS`] characters,
/// none of the common ones (no composition rules, as NIST SP 800-63B advises).
///
/// # Errors
/// Why it is refused.
pub fn check_new_password(password: &str, account: &str) -> Result<(), WeakPassword> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(WeakPassword::TooShort);
    }
    let lower = password.to_lowercase();
    let mut chars = lower.chars();
    let first = chars.next();
    let repeated = chars.all(|c| Some(c) == first);
    let in_list = COMMON_PASSWORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|l| l.eq_ignore_ascii_case(&lower));
    let runs = [
        "01234567890",
        "1234567890",
        "qwertyuiopasdfghjkl",
        "abcdefghijklmnopqrstuvwxyz",
    ];
    let a_run = runs.iter().any(|r| r.contains(lower.as_str()))
        || lower.chars().rev().collect::<String>().as_str() == "0987654321";
    let own_name = !account.is_empty() && lower.contains(&account.to_lowercase());
    if repeated || in_list || a_run || own_name {
        return Err(WeakPassword::Common);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_new_and_stored_under_a_hash_of_them() {
        let a = new_secret();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_secret());
        assert_eq!(secret_hash(&a), secret_hash(&a));
        assert_ne!(secret_hash(&a), a);
        // BLAKE2b-256 of the empty string (RFC 7693's algorithm, 32-byte output).
        assert_eq!(
            secret_hash(""),
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
        );
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &new_secret()));
        assert!(!same_secret("ab", "abc"));
    }

    #[test]
    fn a_new_password_is_long_and_not_a_common_one() {
        assert_eq!(
            check_new_password("short-one", "sato"),
            Err(WeakPassword::TooShort)
        );
        for common in [
            "password1234",
            "PASSWORD1234",
            "aaaaaaaaaaaa",
            "123456789012",
            "qwertyuiopas",
            "sato-is-my-name",
            "あああああああああああああ",
        ] {
            assert_eq!(
                check_new_password(common, "sato"),
                Err(WeakPassword::Common),
                "{common}"
            );
        }
        assert_eq!(
            check_new_password("夏の朝に海を見に行く予定", "sato"),
            Ok(())
        );
        assert_eq!(
            check_new_password("correct horse battery staple", "sato"),
            Ok(())
        );
    }

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
