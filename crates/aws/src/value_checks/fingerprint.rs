//! The keyed hash value checks compare: HMAC-SHA256 under a key of 32 random bytes made the
//! first time this process fingerprints anything. The key lives in this module's memory
//! alone (never logged, written or handed to the core) and dies with the process, so a
//! fingerprint cannot be tested against a guessed value by anyone who sees it, and no two
//! runs' fingerprints can be compared.

use std::sync::OnceLock;

use hmac::{KeyInit as _, Mac as _};
use smtui_core::fingerprint::{FINGERPRINT_LEN, Field, Fingerprint, ValuePrints};
use smtui_core::secret::SecretValue;
use zeroize::Zeroizing;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// This run's keyed HMAC state, made once; each fingerprint starts from a clone of it. The
/// `zeroize` feature wipes every clone as it is dropped, and the key bytes are wiped once
/// the state is made.
static KEYED: OnceLock<HmacSha256> = OnceLock::new();

fn keyed() -> &'static HmacSha256 {
    KEYED.get_or_init(|| {
        let mut key = Zeroizing::new([0u8; 32]);
        // Without the OS random source nothing here can be trusted; there is no fallback.
        getrandom::fill(&mut *key).expect("the OS random source for the value checks' key");
        HmacSha256::new_from_slice(&*key).expect("HMAC takes a key of any length")
    })
}

/// The keyed hash of `bytes`.
pub fn of(bytes: &[u8]) -> Fingerprint {
    let mut mac = keyed().clone();
    mac.update(bytes);
    let mut out = [0u8; FINGERPRINT_LEN];
    out.copy_from_slice(&mac.finalize().into_bytes());
    Fingerprint::from_mac(out)
}

/// A value's fingerprints: the whole value (the `SecretString`'s text, else the
/// `SecretBinary`'s bytes) and, for a JSON object, each top-level field as a copy of it
/// would hold it (a string unquoted, anything else as its JSON text). An empty value or
/// field is no secret and is left out. The value and every field split from it are zeroized
/// as they are dropped here.
pub fn of_value(string: Option<SecretValue>, binary: Option<SecretValue>) -> ValuePrints {
    let Some(whole) = string.or(binary) else {
        return ValuePrints { prints: Vec::new() };
    };
    let mut prints = Vec::new();
    if !whole.is_empty() {
        prints.push((Field::Whole, of(whole.expose())));
    }
    for entry in smtui_core::secret::json_entries(&whole).unwrap_or_default() {
        if entry.value.is_empty() {
            continue;
        }
        let print = of(entry.value.expose());
        let field = Field::Key {
            key: entry.key,
            string: entry.string,
        };
        prints.push((field, print));
    }
    ValuePrints { prints }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> SecretValue {
        SecretValue::from_string(s.to_owned())
    }

    #[test]
    fn the_same_bytes_give_the_same_fingerprint_and_others_another() {
        assert_eq!(of(b"hunter2"), of(b"hunter2"));
        assert_ne!(of(b"hunter2"), of(b"hunter3"));
        assert_ne!(of(b""), of(b"\0"));
    }

    /// Not a bare SHA-256: without the key nobody can compute a fingerprint.
    #[test]
    fn the_fingerprint_is_keyed() {
        use sha2::Digest as _;
        let bare = sha2::Sha256::digest(b"hunter2");
        let mut bytes = [0u8; FINGERPRINT_LEN];
        bytes.copy_from_slice(&bare);
        assert_ne!(of(b"hunter2"), Fingerprint::from_mac(bytes));
    }

    #[test]
    fn a_json_object_gives_its_fields_and_a_field_matches_a_plain_value() {
        let prints = of_value(Some(text(r#"{"password":"hunter2","port":5432}"#)), None);
        let fields: Vec<&Field> = prints.prints.iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            vec![
                &Field::Whole,
                &Field::Key {
                    key: "password".into(),
                    string: true
                },
                &Field::Key {
                    key: "port".into(),
                    string: false
                },
            ]
        );
        let plain = of_value(Some(text("hunter2")), None);
        assert_eq!(plain.prints.len(), 1);
        assert_eq!(
            prints.holding(&plain.prints[0].1),
            vec![&Field::Key {
                key: "password".into(),
                string: true
            }]
        );
        assert_eq!(prints.holding(&of(b"5432")).len(), 1);
    }

    #[test]
    fn empty_values_and_fields_are_no_secret() {
        let prints = of_value(Some(text(r#"{"password":"","token":"t"}"#)), None);
        let fields: Vec<&Field> = prints.prints.iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            vec![
                &Field::Whole,
                &Field::Key {
                    key: "token".into(),
                    string: true
                }
            ]
        );
        assert!(of_value(Some(text("")), None).prints.is_empty());
    }

    #[test]
    fn a_binary_value_is_fingerprinted_as_its_bytes() {
        let prints = of_value(None, Some(SecretValue::from_bytes(vec![0, 159, 146, 150])));
        assert_eq!(prints.prints, vec![(Field::Whole, of(&[0, 159, 146, 150]))]);
    }
}
