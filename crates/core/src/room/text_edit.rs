//! A keystroke of typed text (a prompt, a filter, the palette), as one edit.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
