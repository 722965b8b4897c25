//! The value `find-value` looks for, as it is typed or pasted: in one buffer allocated
//! once at the largest size a secret string can have, so typing never moves it (a grown
//! `String` would free copies of it unwiped), wiped when cleared or dropped, and printed
//! by `Debug` as `[REDACTED]`.

use zeroize::Zeroize as _;

use crate::room::TextEdit;
use crate::secret::{REDACTED, SecretValue};

/// The largest `SecretString` Secrets Manager stores: a longer value is stored nowhere.
pub(crate) const MAX_BYTES: usize = 65_536;

pub(crate) struct Typed {
    text: String,
}

impl Default for Typed {
    fn default() -> Self {
        Self {
            text: String::with_capacity(MAX_BYTES),
        }
    }
}

impl Typed {
    /// A check that looks for no value (`reused-values`): nothing allocated.
    pub(crate) fn unused() -> Self {
        Self {
            text: String::new(),
        }
    }

    /// Applies an edit; false when the text would pass [`MAX_BYTES`] (then nothing is added).
    pub(crate) fn edit(&mut self, edit: TextEdit) -> bool {
        match edit {
            TextEdit::Insert(c) => self.push(c.encode_utf8(&mut [0; 4])),
            TextEdit::Backspace => {
                // The bytes stay in the spare capacity until the buffer is wiped, which
                // zeroes the whole allocation.
                self.text.pop();
                true
            }
            TextEdit::Clear => {
                self.text.zeroize();
                true
            }
        }
    }

    /// A paste, whole: line breaks kept (a key in PEM form is looked for as it is stored).
    pub(crate) fn push(&mut self, text: &str) -> bool {
        if self.text.len() + text.len() > MAX_BYTES {
            return false;
        }
        self.text.push_str(text);
        true
    }

    pub(crate) fn chars(&self) -> usize {
        self.text.chars().count()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Hands the value over, as a secret, and wipes this buffer: the copy made is exactly
    /// as long as the value.
    pub(crate) fn take(&mut self) -> SecretValue {
        let value = SecretValue::from_bytes(self.text.as_bytes().to_vec());
        self.text.zeroize();
        value
    }
}

impl Drop for Typed {
    fn drop(&mut self) {
        self.text.zeroize();
    }
}

impl std::fmt::Debug for Typed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_never_moves_the_buffer() {
        let mut typed = Typed::default();
        let at = typed.text.as_ptr();
        for _ in 0..1000 {
            typed.edit(TextEdit::Insert('é'));
        }
        assert_eq!(typed.text.as_ptr(), at);
        assert_eq!(typed.chars(), 1000);
    }

    #[test]
    fn nothing_past_the_largest_secret() {
        let mut typed = Typed::default();
        assert!(typed.push(&"x".repeat(MAX_BYTES)));
        assert!(!typed.edit(TextEdit::Insert('y')));
        assert_eq!(typed.chars(), MAX_BYTES);
    }

    #[test]
    fn handed_over_whole_and_wiped() {
        let mut typed = Typed::default();
        typed.push("line one\nline two");
        typed.edit(TextEdit::Backspace);
        let value = typed.take();
        assert_eq!(value.expose(), b"line one\nline tw");
        assert!(typed.is_empty());
        assert_eq!(format!("{typed:?}"), REDACTED);
    }
}
