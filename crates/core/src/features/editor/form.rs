//! Form mode for a flat JSON object: one field at a time, the rest of the text untouched.
//! Fields are found where they stand in the text (byte ranges of each value, from
//! serde_json's borrowed `RawValue`s), and a changed field is spliced back in place, so
//! nothing else moves: not the other values, not the key order, not the spacing.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use crossterm::event::KeyCode;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use zeroize::Zeroizing;

use crate::kit::Move;

/// One field of the object: its key and where its value stands in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    pub(crate) key: String,
    pub(crate) range: Range<usize>,
    /// A JSON string (edited as its text, without quotes or escapes).
    pub(crate) is_string: bool,
}

/// Every entry of a JSON object in text order, a key written twice kept twice (a map would
/// keep one of them and hide the other).
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// The fields of `text` in the order they appear, when it is a JSON object whose values
/// are all scalars (no nested object or array) and whose keys are all different (a form
/// would show one of a repeated key's values and hide the other); `None` otherwise.
pub(crate) fn fields(text: &str) -> Option<Vec<Field>> {
    let Entries(entries) = serde_json::from_str(text).ok()?;
    let base = text.as_ptr().addr();
    let mut keys = HashSet::with_capacity(entries.len());
    let mut fields = Vec::with_capacity(entries.len());
    for (key, raw) in entries {
        let value = raw.get();
        if value.starts_with('{') || value.starts_with('[') || !keys.insert(key.clone()) {
            return None;
        }
        let start = value.as_ptr().addr() - base;
        fields.push(Field {
            key,
            range: start..start + value.len(),
            is_string: value.starts_with('"'),
        });
    }
    Some(fields)
}

/// The field's value as it is edited: a string's text, or a number, `true`, `false`,
/// `null` as written.
pub(crate) fn field_text(text: &str, field: &Field) -> Option<Zeroizing<String>> {
    let raw = text.get(field.range.clone())?;
    if field.is_string {
        serde_json::from_str::<String>(raw).ok().map(Zeroizing::new)
    } else {
        Some(Zeroizing::new(raw.to_owned()))
    }
}

/// `text` with the field's value replaced by `new` (encoded as a JSON string for a string
/// field; checked to be a JSON scalar otherwise). Everything else is byte for byte the same.
pub(crate) fn splice(text: &str, field: &Field, new: &str) -> Result<Zeroizing<String>, String> {
    let encoded = if field.is_string {
        Zeroizing::new(serde_json::to_string(new).map_err(|e| e.to_string())?)
    } else {
        match serde_json::from_str::<serde_json::Value>(new) {
            Ok(v) if !v.is_object() && !v.is_array() && !v.is_string() => {
                Zeroizing::new(new.trim().to_owned())
            }
            _ => {
                // Never quote what was typed: it may be the secret.
                return Err(format!(
                    "{} holds a number, true, false or null: what was typed is none of these",
                    field.key
                ));
            }
        }
    };
    let mut out = Zeroizing::new(String::with_capacity(text.len() + encoded.len()));
    out.push_str(&text[..field.range.start]);
    out.push_str(&encoded);
    out.push_str(&text[field.range.end..]);
    Ok(out)
}

/// The keys that move between the form's fields, as in any list (the editor gets its keys
/// as typed, not as commands: in an open field they edit its text).
pub(super) fn field_move(code: KeyCode) -> Option<Move> {
    Some(match code {
        KeyCode::Up => Move::Back(1),
        KeyCode::Down => Move::Forward(1),
        KeyCode::PageUp => Move::PageBack,
        KeyCode::PageDown => Move::PageForward,
        KeyCode::Home => Move::First,
        KeyCode::End => Move::Last,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"user\": \"app\",\n  \"password\": \"p\\\"w\",\n  \"port\": 5432\n}";

    #[test]
    fn fields_are_found_in_text_order_with_their_kind() {
        let found = fields(TEXT).expect("flat");
        let keys: Vec<&str> = found.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["user", "password", "port"]);
        assert_eq!(
            field_text(TEXT, &found[1]).as_deref().map(String::as_str),
            Some("p\"w")
        );
        assert!(!found[2].is_string);
        assert_eq!(
            fields("{\"a\": {\"b\": 1}}"),
            None,
            "nested objects are not a form"
        );
        assert_eq!(fields("[1]"), None);
        assert_eq!(
            fields(r#"{"host": "db", "host": "evil"}"#),
            None,
            "a repeated key is not a form: one of its values would be hidden"
        );
    }

    #[test]
    fn a_splice_changes_one_value_and_nothing_else() {
        let found = fields(TEXT).expect("flat");
        let out = splice(TEXT, &found[1], "new \"pw\"").expect("spliced");
        assert_eq!(
            out.as_str(),
            "{\n  \"user\": \"app\",\n  \"password\": \"new \\\"pw\\\"\",\n  \"port\": 5432\n}"
        );
        let out = splice(TEXT, &found[2], "6543").expect("a number");
        assert!(out.contains("\"port\": 6543\n"));
        assert!(
            splice(TEXT, &found[2], "sixty").is_err(),
            "a number stays a number"
        );
    }
}
