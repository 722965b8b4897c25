//! The changes between two values, as data with the values kept secret: per key for JSON
//! objects, per line for text. The editor's review and the versions comparison both show it.

use serde::de::IgnoredAny;
use similar::{ChangeTag, TextDiff};

use crate::secret::{JsonEntry, SecretValue, ValueView};

/// How a value is compared (and edited): as JSON when it is a JSON object, else as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Json,
    Text,
}

impl Kind {
    pub(crate) fn of(text: &str) -> Kind {
        // Checked without building values: nothing of the secret is copied to find out.
        let object = text.trim_start().starts_with('{');
        if object && serde_json::from_str::<IgnoredAny>(text).is_ok() {
            Kind::Json
        } else {
            Kind::Text
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
    Changed,
    Same,
}

/// One row of the review: what changed, and the text involved (masked until revealed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffRow {
    pub change: Change,
    /// For JSON: the key (not secret); for text: empty.
    pub key: String,
    /// The old and new line or value; shown only when the review is revealed.
    pub old: Option<SecretValue>,
    pub(crate) new: Option<SecretValue>,
}

/// The changes from `old` to `new`: per key for JSON objects (a key's value masked), per
/// line for text.
pub(crate) fn diff(old: &str, new: &str, kind: Kind) -> Vec<DiffRow> {
    if kind == Kind::Json
        && let (Some(old), Some(new)) = (object(old), object(new))
    {
        return json_diff(&old, &new);
    }
    let lines = TextDiff::from_lines(old, new);
    lines
        .iter_all_changes()
        .map(|change| {
            let text = || {
                Some(SecretValue::from_string(
                    change.value().trim_end_matches('\n').to_owned(),
                ))
            };
            match change.tag() {
                ChangeTag::Delete => DiffRow {
                    change: Change::Removed,
                    key: String::new(),
                    old: text(),
                    new: None,
                },
                ChangeTag::Insert => DiffRow {
                    change: Change::Added,
                    key: String::new(),
                    old: None,
                    new: text(),
                },
                ChangeTag::Equal => DiffRow {
                    change: Change::Same,
                    key: String::new(),
                    old: text(),
                    new: text(),
                },
            }
        })
        .collect()
}

/// The entries of a JSON object, split by the same zero-copy splitter as reveal.
fn object(text: &str) -> Option<Vec<JsonEntry>> {
    match ValueView::from_parts(Some(SecretValue::from_string(text.to_owned())), None) {
        ValueView::Json { entries, .. } => Some(entries),
        _ => None,
    }
}

/// Per key, every occurrence compared in turn: a key written twice (`{"host":"db",
/// "host":"evil"}`) hides nothing, since the occurrence most programs read is the last and
/// comparing only the first would show that change as none. A key that occurs more than
/// once on either side has a row per occurrence, counted ("host (2 of 2)").
fn json_diff(old: &[JsonEntry], new: &[JsonEntry]) -> Vec<DiffRow> {
    let all = |entries: &[JsonEntry], key: &str| -> Vec<SecretValue> {
        entries
            .iter()
            .filter(|e| e.key == key)
            .map(|e| e.value.clone())
            .collect()
    };
    let mut keys: Vec<&str> = old.iter().chain(new).map(|e| e.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut rows = Vec::with_capacity(keys.len());
    for key in keys {
        let (mut before, mut after) = (all(old, key).into_iter(), all(new, key).into_iter());
        let occurrences = before.len().max(after.len());
        for i in 1..=occurrences {
            let (before, after) = (before.next(), after.next());
            let change = match (&before, &after) {
                (None, Some(_)) => Change::Added,
                (Some(_), None) => Change::Removed,
                (Some(a), Some(b)) if a == b => Change::Same,
                _ => Change::Changed,
            };
            rows.push(DiffRow {
                change,
                key: if occurrences > 1 {
                    format!("{key} ({i} of {occurrences})")
                } else {
                    key.to_owned()
                },
                old: before,
                new: after,
            });
        }
    }
    rows
}

/// The keys a JSON object names more than once, in the order they first appear. Keys are
/// metadata: naming them shows nothing of the values.
pub(crate) fn duplicate_keys(entries: &[JsonEntry]) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    let mut twice: Vec<&str> = Vec::new();
    for entry in entries {
        if !seen.insert(entry.key.as_str()) && !twice.contains(&entry.key.as_str()) {
            twice.push(&entry.key);
        }
    }
    twice
}

/// What a value naming a key more than once is flagged with, wherever it is shown: the
/// value pane, the editor, the review before a save. `None` for anything else (text, or a
/// JSON object whose keys are all different).
pub(crate) fn duplicate_keys_note(entries: &[JsonEntry]) -> Option<String> {
    let keys = duplicate_keys(entries);
    if keys.is_empty() {
        return None;
    }
    let names: Vec<String> = keys
        .iter()
        .map(|k| format!("\"{}\"", crate::sanitize::sanitize_line(k)))
        .collect();
    Some(format!(
        "Duplicate keys: {} {} more than once; most programs read only the last",
        names.join(", "),
        if keys.len() == 1 {
            "appears"
        } else {
            "each appear"
        }
    ))
}

/// [`duplicate_keys_note`] for a value as text.
pub(crate) fn duplicate_keys_note_in(text: &str) -> Option<String> {
    duplicate_keys_note(&object(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_diff_is_per_key() {
        let rows = diff(
            r#"{"user":"app","password":"old-secret","port":5432}"#,
            r#"{"user":"app","password":"new-secret","host":"db"}"#,
            Kind::Json,
        );
        let changes: Vec<(&str, Change)> =
            rows.iter().map(|r| (r.key.as_str(), r.change)).collect();
        assert_eq!(
            changes,
            [
                ("host", Change::Added),
                ("password", Change::Changed),
                ("port", Change::Removed),
                ("user", Change::Same),
            ]
        );
        let debug = format!("{rows:?}");
        assert!(
            !debug.contains("new-secret") && !debug.contains("old-secret"),
            "values stay redacted"
        );
    }

    #[test]
    fn a_key_written_twice_hides_no_change() {
        let changes = |old: &str, new: &str| -> Vec<(String, Change)> {
            diff(old, new, Kind::Json)
                .into_iter()
                .map(|r| (r.key, r.change))
                .collect()
        };
        // Most parsers read "evil": the second occurrence is a change, not nothing.
        assert_eq!(
            changes(r#"{"host":"db"}"#, r#"{"host":"db","host":"evil"}"#),
            [
                ("host (1 of 2)".to_owned(), Change::Same),
                ("host (2 of 2)".to_owned(), Change::Added),
            ]
        );
        assert_eq!(
            changes(
                r#"{"host":"db","host":"good"}"#,
                r#"{"host":"db","host":"evil"}"#
            ),
            [
                ("host (1 of 2)".to_owned(), Change::Same),
                ("host (2 of 2)".to_owned(), Change::Changed),
            ]
        );
    }

    #[test]
    fn duplicate_keys_are_named_without_their_values() {
        let note = duplicate_keys_note_in(r#"{"host":"db","port":1,"host":"evil","port":2}"#)
            .expect("flagged");
        assert_eq!(
            note,
            "Duplicate keys: \"host\", \"port\" each appear more than once; most programs \
             read only the last"
        );
        assert!(!note.contains("evil") && !note.contains("db"));
        assert_eq!(duplicate_keys_note_in(r#"{"host":"db","port":1}"#), None);
        assert_eq!(duplicate_keys_note_in("host=db\nhost=evil"), None);
    }

    #[test]
    fn a_text_diff_is_per_line() {
        let rows = diff("a\nb\nc", "a\nB\nc", Kind::Text);
        let tags: Vec<Change> = rows.iter().map(|r| r.change).collect();
        assert_eq!(
            tags,
            [Change::Same, Change::Removed, Change::Added, Change::Same]
        );
        assert_eq!(
            Kind::of("[1,2]"),
            Kind::Text,
            "only objects are edited as JSON"
        );
        assert_eq!(Kind::of("{\"a\":1}"), Kind::Json);
    }
}
