//! A keystroke of typed text (a prompt, a filter, the palette), as one edit.

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TextEdit {
    Insert(char),
    Backspace,
    /// Ctrl-U, as in a shell: the whole line goes.
    Clear,
}

impl TextEdit {
    /// The edit applied to a line of text. Cleared text is wiped, not only dropped (a prompt
    /// may hold an MFA code).
    pub(crate) fn apply_to(self, text: &mut String) {
        match self {
            TextEdit::Insert(c) => text.push(c),
            TextEdit::Backspace => {
                text.pop();
            }
            TextEdit::Clear => zeroize::Zeroize::zeroize(text),
        }
    }
}

/// The character typed is not printed: a prompt may be taking an MFA code, the value
/// `find-value` looks for, or a name typed to confirm, one character an action at a time.
impl std::fmt::Debug for TextEdit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextEdit::Insert(_) => f.write_str("Insert(_)"),
            TextEdit::Backspace => f.write_str("Backspace"),
            TextEdit::Clear => f.write_str("Clear"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TextEdit;

    #[test]
    fn debug_prints_no_character_typed() {
        assert_eq!(format!("{:?}", TextEdit::Insert('7')), "Insert(_)");
    }
}
