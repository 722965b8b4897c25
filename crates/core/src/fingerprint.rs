//! What a value check knows of a value: its keyed hash (HMAC-SHA256 under a key made for
//! this run, which never leaves the AWS crate's memory), never the value. Two fingerprints
//! are equal exactly when the values are (barring a hash collision); without the key
//! nobody can tell which value a fingerprint stands for, nor test a guess against it.
//! Equality is compared in constant time, so how long a comparison takes says nothing of
//! how much of two fingerprints agree.

use std::fmt;
use std::hash::{Hash, Hasher};

use subtle::ConstantTimeEq as _;

/// HMAC-SHA256's output length.
pub const FINGERPRINT_LEN: usize = 32;

/// A value's keyed hash. `Debug` prints no byte of it.
#[derive(Clone, Copy)]
pub struct Fingerprint([u8; FINGERPRINT_LEN]);

impl Fingerprint {
    /// A keyed hash the AWS crate computed (the core makes none: it holds no key).
    pub fn from_mac(bytes: [u8; FINGERPRINT_LEN]) -> Self {
        Self(bytes)
    }
}

impl PartialEq for Fingerprint {
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for Fingerprint {}

/// For grouping equal values (reused values): a keyed hash is already uniform, so hashing
/// it again reveals nothing a comparison does not.
impl Hash for Fingerprint {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Fingerprint(..)")
    }
}

/// Where in a secret a fingerprinted value sits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The whole `SecretString` (or the bytes of a `SecretBinary`).
    Whole,
    /// A top-level field of a JSON object: its key, and whether its value is a JSON string
    /// (a number, `true`, `null`, an array or an object is fingerprinted as its JSON text).
    Key { key: String, string: bool },
}

/// A secret's value as a value check sees it: the whole value's fingerprint and, for a
/// JSON object, each top-level field's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValuePrints {
    pub prints: Vec<(Field, Fingerprint)>,
}

impl ValuePrints {
    /// Where `target` sits in this value: every field whose fingerprint is `target`'s. Each
    /// comparison is made in full (constant time), whatever the earlier ones found.
    pub fn holding(&self, target: &Fingerprint) -> Vec<&Field> {
        self.prints
            .iter()
            .filter(|(_, print)| print == target)
            .map(|(field, _)| field)
            .collect()
    }
}

/// Each secret of a batch read for a value check, with its fingerprints or why it could not
/// be read.
pub type BatchPrints = Vec<(
    crate::ids::SecretRef,
    Result<ValuePrints, crate::model::AwsError>,
)>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_byte() {
        let print = Fingerprint::from_mac([0xab; FINGERPRINT_LEN]);
        let shown = format!(
            "{print:?} {:?}",
            ValuePrints {
                prints: vec![(Field::Whole, print)]
            }
        );
        assert!(!shown.to_lowercase().contains("ab"), "{shown}");
        assert!(!shown.contains("171"), "{shown}");
    }

    #[test]
    fn equal_exactly_when_every_byte_is() {
        let mut other = [7u8; FINGERPRINT_LEN];
        assert_eq!(
            Fingerprint::from_mac(other),
            Fingerprint::from_mac([7; FINGERPRINT_LEN])
        );
        other[FINGERPRINT_LEN - 1] = 8;
        assert_ne!(
            Fingerprint::from_mac(other),
            Fingerprint::from_mac([7; FINGERPRINT_LEN])
        );
    }

    #[test]
    fn holding_names_every_field_with_the_value() {
        let one = Fingerprint::from_mac([1; FINGERPRINT_LEN]);
        let two = Fingerprint::from_mac([2; FINGERPRINT_LEN]);
        let key = |k: &str| Field::Key {
            key: k.into(),
            string: true,
        };
        let prints = ValuePrints {
            prints: vec![
                (Field::Whole, two),
                (key("a"), one),
                (key("b"), two),
                (key("c"), one),
            ],
        };
        assert_eq!(prints.holding(&one), vec![&key("a"), &key("c")]);
        assert!(
            prints
                .holding(&Fingerprint::from_mac([3; FINGERPRINT_LEN]))
                .is_empty()
        );
    }
}
