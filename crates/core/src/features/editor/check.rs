//! What the editor checks before a save: whether JSON is valid, and where it is not; and
//! what it warns of as the text is typed: a key written twice (`duplicate_keys_note_in`).

use serde::de::IgnoredAny;

pub(crate) use crate::diff::{Change, DiffRow, Kind, diff, duplicate_keys_note_in};

/// The first JSON error: where it is and what it is (serde_json's words; they never quote
/// the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonProblem {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
}

pub(crate) fn json_problem(text: &str) -> Option<JsonProblem> {
    let error = serde_json::from_str::<IgnoredAny>(text).err()?;
    // serde_json's Display adds " at line L column C"; the position is shown on its own.
    let full = error.to_string();
    let message = full
        .split(" at line ")
        .next()
        .unwrap_or(full.as_str())
        .to_owned();
    Some(JsonProblem {
        line: error.line(),
        column: error.column(),
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_name_line_and_column_without_the_text() {
        let problem =
            json_problem("{\n  \"user\": \"app\",\n  \"password\": hunter2\n}").expect("invalid");
        assert_eq!((problem.line, problem.column), (3, 15));
        assert!(!problem.message.contains("hunter2"), "{}", problem.message);
        assert_eq!(json_problem("{\"a\": 1}"), None);
    }
}
