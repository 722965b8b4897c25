//! The one type that holds secret material.
//!
//! Every secret value (a whole `SecretString`, a `SecretBinary`, one JSON field) lives in a
//! [`SecretValue`]: its bytes are zeroized on drop, and `Debug`/`Display` print `[REDACTED]`
//! so a value cannot leak through `{:?}`, a log line, a panic message or an error.

use std::fmt;

use base64::Engine as _;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use zeroize::Zeroizing;

pub const REDACTED: &str = "[REDACTED]";

/// Secret bytes. Zeroized on drop; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretValue {
    bytes: Zeroizing<Vec<u8>>,
}

impl SecretValue {
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self {
            bytes: Zeroizing::new(bytes),
        }
    }

    /// Takes ownership of `text` without copying it, so the only copy is the zeroized one.
    pub fn from_string(text: String) -> Self {
        Self::from_bytes(text.into_bytes())
    }

    /// The raw bytes, for the few places that must see them (display when revealed, copy).
    pub fn expose(&self) -> &[u8] {
        &self.bytes
    }

    /// The value as UTF-8 text, if it is text.
    pub fn expose_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Base64 of the bytes, itself secret.
    #[must_use]
    pub(crate) fn to_base64(&self) -> SecretValue {
        Self::from_string(base64::engine::general_purpose::STANDARD.encode(&*self.bytes))
    }
}

impl fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// How a fetched value is presented.
#[derive(Debug, Clone)]
pub enum ValueView {
    /// A `SecretString` that is not a JSON object.
    Text(SecretValue),
    /// A `SecretString` holding a JSON object: keys are shown, each value is its own secret.
    Json {
        entries: Vec<JsonEntry>,
        pretty: SecretValue,
    },
    /// A `SecretBinary`, with its base64 form made once (shown and copied as that).
    Binary {
        bytes: SecretValue,
        base64: SecretValue,
    },
}

/// One top-level field of a JSON secret. The key is metadata (shown); the value is secret.
#[derive(Debug, Clone)]
pub struct JsonEntry {
    /// The key as text. A key holding a lone UTF-16 surrogate shows it as U+FFFD.
    pub key: String,
    /// The field as the user wants to copy it: strings unquoted, anything else as JSON text.
    /// A string holding a lone UTF-16 surrogate (`"\ud800"`) has no UTF-8 form: its bytes
    /// are kept as serde_json decodes them (WTF-8), so it is neither text nor passed off as
    /// some other text; see [`JsonEntry::not_text`].
    pub value: SecretValue,
    /// Whether the field is a JSON string (not a number, `true`, `null`, an array or an
    /// object): a value check groups passwords, not ports.
    pub string: bool,
}

impl JsonEntry {
    /// Why this field cannot be shown or copied as text, if it cannot.
    pub fn not_text(&self) -> Option<&'static str> {
        self.value
            .expose_str()
            .is_none()
            .then_some("it holds a lone UTF-16 surrogate (U+D800 to U+DFFF), which is not text")
    }
}

impl ValueView {
    /// Classifies a fetched value. `string` wins over `binary` like the AWS console does.
    pub fn from_parts(string: Option<SecretValue>, binary: Option<SecretValue>) -> Self {
        match (string, binary) {
            (Some(text), _) => match parse_json_object(&text) {
                Some((entries, pretty)) => Self::Json { entries, pretty },
                None => Self::Text(text),
            },
            (None, Some(bytes)) => Self::Binary {
                base64: bytes.to_base64(),
                bytes,
            },
            (None, None) => Self::Text(SecretValue::from_bytes(Vec::new())),
        }
    }

    /// The whole value, as copied by "copy value": text, raw JSON, or base64 for binary.
    pub(crate) fn whole_for_copy(&self, raw: &SecretValue) -> SecretValue {
        match self {
            Self::Binary { base64, .. } => base64.clone(),
            _ => raw.clone(),
        }
    }

    /// What a copy of the whole value (`what`, e.g. "value of db (AWSCURRENT)") is called
    /// in messages: a binary value is copied as its base64, and says so, so nobody pastes
    /// it where the bytes were meant.
    pub(crate) fn copy_label(&self, what: String) -> String {
        match self {
            Self::Binary { .. } => format!("base64 of the binary {what}"),
            _ => what,
        }
    }
}

/// Ordered top-level entries of a JSON object, keys and values borrowing from the secret's
/// own buffer (`RawValue`) so parsing makes no unzeroized copy of the values, and a key or
/// value with a lone surrogate in it does not make the whole object unreadable.
struct RawEntries<'a>(Vec<(&'a RawValue, &'a RawValue)>);

impl<'de> Deserialize<'de> for RawEntries<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = RawEntries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<&'de RawValue, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(RawEntries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

fn parse_json_object(text: &SecretValue) -> Option<(Vec<JsonEntry>, SecretValue)> {
    let raw = raw_entries(text)?;
    Some((entries_of(&raw), pretty_print(&raw)))
}

/// The top-level fields of a JSON object secret (`None`: not a JSON object), without the
/// pretty-printed whole a view needs: for what compares fields and shows none.
pub fn json_entries(text: &SecretValue) -> Option<Vec<JsonEntry>> {
    raw_entries(text).map(|raw| entries_of(&raw))
}

fn raw_entries(text: &SecretValue) -> Option<Vec<(&RawValue, &RawValue)>> {
    let source = text.expose_str()?;
    if !source.trim_start().starts_with('{') {
        return None;
    }
    let RawEntries(raw) = serde_json::from_str::<RawEntries>(source).ok()?;
    Some(raw)
}

fn entries_of(raw: &[(&RawValue, &RawValue)]) -> Vec<JsonEntry> {
    raw.iter()
        .map(|(key, value)| JsonEntry {
            key: key_text(key),
            value: field_value(value),
            string: value.get().starts_with('"'),
        })
        .collect()
}

/// The bytes a JSON string literal stands for. serde_json decodes a lone UTF-16 surrogate
/// into bytes as WTF-8 (`\ud800` is `ED A0 80`), which is not UTF-8; a `String` would refuse
/// it. The one copy made is of exactly the decoded length.
fn string_bytes(literal: &str) -> Option<Vec<u8>> {
    struct Bytes;
    impl Visitor<'_> for Bytes {
        type Value = Vec<u8>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a JSON string")
        }
        fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Vec<u8>, E> {
            Ok(bytes.to_vec())
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(literal);
    Deserializer::deserialize_bytes(&mut deserializer, Bytes).ok()
}

/// A key as text: keys are metadata, so a lone surrogate in one becomes U+FFFD (one for
/// each) rather than making the object unreadable.
fn key_text(raw: &RawValue) -> String {
    let bytes = string_bytes(raw.get()).unwrap_or_default();
    match String::from_utf8(bytes) {
        Ok(key) => key,
        Err(not_utf8) => {
            let bytes = not_utf8.into_bytes();
            let mut key = String::with_capacity(bytes.len());
            let mut rest = &bytes[..];
            // Everything but the surrogates (ED A0..BF xx in WTF-8) is valid UTF-8.
            while !rest.is_empty() {
                let surrogate = rest
                    .windows(2)
                    .position(|w| w[0] == 0xED && w[1] >= 0xA0)
                    .unwrap_or(rest.len());
                key.push_str(&String::from_utf8_lossy(&rest[..surrogate]));
                if surrogate < rest.len() {
                    key.push('\u{FFFD}');
                }
                rest = rest.get(surrogate + 3..).unwrap_or_default();
            }
            key
        }
    }
}

fn field_value(raw: &RawValue) -> SecretValue {
    let text = raw.get();
    if text.starts_with('"')
        && let Some(bytes) = string_bytes(text)
    {
        return SecretValue::from_bytes(bytes);
    }
    SecretValue::from_bytes(text.as_bytes().to_vec())
}

/// Two-space pretty printing of the top level; nested values are kept compact and verbatim
/// so nothing is re-serialised through an unzeroized `serde_json::Value`. The buffer is
/// sized exactly first: a growing `String` would free copies of the values as it moves.
fn pretty_print(entries: &[(&RawValue, &RawValue)]) -> SecretValue {
    // Keys are written as they were written (escapes and all), so nothing is re-encoded.
    let body: usize = entries
        .iter()
        // "  " key ": " value ",\n"
        .map(|(key, value)| 2 + key.get().len() + 2 + value.get().trim().len() + 2)
        .sum();
    let mut out = String::with_capacity("{\n}".len() + body);
    let capacity = out.capacity();
    out.push_str("{\n");
    for (i, (key, value)) in entries.iter().enumerate() {
        out.push_str("  ");
        out.push_str(key.get());
        out.push_str(": ");
        out.push_str(value.get().trim());
        if i + 1 < entries.len() {
            out.push(',');
        }
        out.push('\n');
    }
    out.push('}');
    debug_assert_eq!(out.capacity(), capacity, "the pretty buffer never grew");
    SecretValue::from_string(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_are_redacted() {
        let value = SecretValue::from_string("hunter2".to_owned());
        assert_eq!(format!("{value:?}"), REDACTED);
        assert_eq!(format!("{value}"), REDACTED);
        let view = ValueView::from_parts(Some(value), None);
        assert!(!format!("{view:?}").contains("hunter2"));
    }

    #[test]
    fn json_object_splits_into_ordered_entries() {
        let raw = r#"{"username":"app","password":"p\"w","port":5432,"nested":{"a":1}}"#;
        let view = ValueView::from_parts(Some(SecretValue::from_string(raw.to_owned())), None);
        let ValueView::Json { entries, pretty } = view else {
            panic!("expected JSON view")
        };
        let keys: Vec<_> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["username", "password", "port", "nested"]);
        assert_eq!(entries[1].value.expose_str(), Some("p\"w"));
        assert_eq!(entries[2].value.expose_str(), Some("5432"));
        assert_eq!(entries[3].value.expose_str(), Some(r#"{"a":1}"#));
        assert!(
            pretty
                .expose_str()
                .is_some_and(|p| p.contains("\n  \"password\": \"p\\\"w\",\n"))
        );
    }

    #[test]
    fn non_object_json_and_plain_text_stay_text() {
        for raw in ["[1,2]", "\"quoted\"", "plain token", "{not json"] {
            let view = ValueView::from_parts(Some(SecretValue::from_string(raw.to_owned())), None);
            assert!(matches!(view, ValueView::Text(_)), "{raw}");
        }
    }

    #[test]
    fn binary_copies_as_base64() {
        let bytes = SecretValue::from_bytes(vec![0, 1, 2, 255]);
        let view = ValueView::from_parts(None, Some(bytes.clone()));
        assert_eq!(view.whole_for_copy(&bytes).expose_str(), Some("AAEC/w=="));
    }

    #[test]
    fn lone_surrogates_keep_every_key_masked_apart() {
        // A lone surrogate in a value: the object still splits, the other values are exact,
        // and the odd one is said not to be text rather than copied as something else.
        let raw = r#"{"a":"\ud800","b":"x","c":"\ud83d\ude00"}"#;
        let view = ValueView::from_parts(Some(SecretValue::from_string(raw.to_owned())), None);
        let ValueView::Json { entries, pretty } = view else {
            panic!("expected JSON view")
        };
        let keys: Vec<_> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        assert!(entries[0].not_text().is_some());
        assert_eq!(entries[0].value.expose(), b"\xED\xA0\x80");
        assert_eq!(entries[1].value.expose_str(), Some("x"));
        assert!(entries[1].not_text().is_none());
        assert_eq!(
            entries[2].value.expose_str(),
            Some("\u{1F600}"),
            "a pair is one character"
        );
        assert!(
            pretty
                .expose_str()
                .is_some_and(|p| p.contains(r#""a": "\ud800""#))
        );

        // A lone surrogate in a key: still an object, the key shown with U+FFFD.
        let raw = r#"{"\udc00k":"v1","b":"v2"}"#;
        let view = ValueView::from_parts(Some(SecretValue::from_string(raw.to_owned())), None);
        let ValueView::Json { entries, pretty } = view else {
            panic!("expected JSON view")
        };
        let keys: Vec<_> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["\u{FFFD}k", "b"]);
        assert_eq!(entries[0].value.expose_str(), Some("v1"));
        assert!(
            pretty
                .expose_str()
                .is_some_and(|p| p.contains(r#""\udc00k": "v1""#))
        );
    }
}
