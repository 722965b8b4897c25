//! The changes between two values, as data with the values kept secret: per key for JSON
//! objects, per line for text. The editor's review and the versions comparison both show it.

use serde::de::IgnoredAny;
use similar::{ChangeTag, TextDiff};

use crate::secret::{JsonEntry, SecretValue, ValueView};

/// How a value is compared (and edited): as JSON when it is a JSON object, else as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Json,
    Text,
}

impl Kind {
    pub fn of(text: &str) -> Kind {
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
    pub new: Option<SecretValue>,
}

/// The changes from `old` to `new`: per key for JSON objects (a key's value masked), per
/// line for text.
pub fn diff(old: &str, new: &str, kind: Kind) -> Vec<DiffRow> {
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

fn json_diff(old: &[JsonEntry], new: &[JsonEntry]) -> Vec<DiffRow> {
    let find = |entries: &[JsonEntry], key: &str| -> Option<SecretValue> {
        entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| e.value.clone())
    };
    let mut keys: Vec<&str> = old.iter().chain(new).map(|e| e.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .map(|key| {
            let (before, after) = (find(old, key), find(new, key));
            let change = match (&before, &after) {
                (None, Some(_)) => Change::Added,
                (Some(_), None) => Change::Removed,
                (Some(a), Some(b)) if a == b => Change::Same,
                _ => Change::Changed,
            };
            DiffRow {
                change,
                key: key.to_owned(),
                old: before,
                new: after,
            }
        })
        .collect()
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
