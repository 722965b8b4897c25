//! The editor's buffer: secret material. A type of its own around ratatui-textarea with a
//! redacted `Debug`, no `Clone`, no undo history, no yank buffer (only the keys without
//! shortcuts are fed to it, and those never yank), and its lines zeroized on drop. Capped at
//! the service's limit.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};
use zeroize::Zeroize as _;

use crate::secret::SecretValue;

/// SecretString's limit in Secrets Manager.
pub(crate) const MAX_BYTES: usize = 65_536;

pub struct SecretBuffer {
    area: TextArea<'static>,
    /// Bumped by every change: a save's idempotency token belongs to one revision.
    revision: u64,
}

/// What a key did to the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyEffect {
    Changed,
    Moved,
    /// It would pass the service's size limit: not applied.
    TooLarge,
    Ignored,
}

impl SecretBuffer {
    pub(crate) fn new(text: &str) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let mut area = TextArea::new(lines);
        // No undo history: it would keep every deleted piece of the value.
        area.set_max_histories(0);
        Self { area, revision: 0 }
    }

    /// Replaces the whole text (a field changed in form mode): a new revision.
    pub fn replace_text(&mut self, text: &str) {
        let revision = self.revision + 1;
        *self = Self::new(text);
        self.revision = revision;
    }

    pub(crate) fn revision(&self) -> u64 {
        self.revision
    }

    /// The text's size in bytes, newlines included.
    pub(crate) fn byte_len(&self) -> usize {
        let lines = self.area.lines();
        lines.iter().map(String::len).sum::<usize>() + lines.len().saturating_sub(1)
    }

    /// The whole text, built once at its final size in a zeroizing buffer.
    pub fn text(&self) -> SecretValue {
        let mut bytes = Vec::with_capacity(self.byte_len());
        for (i, line) in self.area.lines().iter().enumerate() {
            if i > 0 {
                bytes.push(b'\n');
            }
            bytes.extend_from_slice(line.as_bytes());
        }
        SecretValue::from_bytes(bytes)
    }

    /// Applies one key: movement, or an edit that keeps the text within `MAX_BYTES`.
    pub(crate) fn key(&mut self, key: KeyEvent) -> KeyEffect {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let movement = match key.code {
            KeyCode::Left => Some(CursorMove::Back),
            KeyCode::Right => Some(CursorMove::Forward),
            KeyCode::Up => Some(CursorMove::Up),
            KeyCode::Down => Some(CursorMove::Down),
            KeyCode::Home if ctrl => Some(CursorMove::Top),
            KeyCode::End if ctrl => Some(CursorMove::Bottom),
            KeyCode::Home => Some(CursorMove::Head),
            KeyCode::End => Some(CursorMove::End),
            _ => None,
        };
        if let Some(movement) = movement {
            self.area.move_cursor(movement);
            return KeyEffect::Moved;
        }
        let grows_by = match key.code {
            KeyCode::Char(c) if !ctrl => c.len_utf8(),
            KeyCode::Enter => 1,
            KeyCode::Tab => usize::from(self.area.tab_length()),
            KeyCode::Backspace | KeyCode::Delete => 0,
            _ => return KeyEffect::Ignored,
        };
        if self.byte_len() + grows_by > MAX_BYTES {
            return KeyEffect::TooLarge;
        }
        // Without shortcuts: no kill-line, no yank, nothing kept beside the text.
        if self.area.input_without_shortcuts(key) {
            self.revision += 1;
            KeyEffect::Changed
        } else {
            KeyEffect::Ignored
        }
    }

    /// A paste, inserted at the cursor in one go (`\r\n` read as `\n`), or not at all when
    /// it would pass the size limit.
    pub(crate) fn paste(&mut self, text: &str) -> KeyEffect {
        let grows_by = text.len() - text.matches("\r\n").count();
        if self.byte_len() + grows_by > MAX_BYTES {
            return KeyEffect::TooLarge;
        }
        if self.area.insert_str(text) {
            self.revision += 1;
            KeyEffect::Changed
        } else {
            KeyEffect::Ignored
        }
    }

    /// The lines, borrowed (to draw a field without copying it).
    pub(crate) fn lines(&self) -> &[String] {
        self.area.lines()
    }

    /// The cursor after the last character: where typing in a field goes on.
    pub(crate) fn move_to_end(&mut self) {
        self.area.move_cursor(CursorMove::Bottom);
        self.area.move_cursor(CursorMove::End);
    }

    /// (line, column) of the cursor, from 1.
    pub(crate) fn cursor(&self) -> (usize, usize) {
        let cursor = self.area.cursor();
        (cursor.0 + 1, cursor.1 + 1)
    }

    /// The textarea, to render (`&TextArea` is a widget).
    pub(crate) fn widget(&self) -> &TextArea<'static> {
        &self.area
    }
}

impl fmt::Debug for SecretBuffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretBuffer([REDACTED])")
    }
}

impl Drop for SecretBuffer {
    fn drop(&mut self) {
        let area = std::mem::take(&mut self.area);
        for mut line in area.into_lines() {
            line.zeroize();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn text_round_trips_with_its_newlines() {
        for text in ["abc", "a\nb\n", "", "{\n  \"k\": 1\n}"] {
            assert_eq!(SecretBuffer::new(text).text().expose_str(), Some(text));
        }
    }

    #[test]
    fn typing_edits_and_nothing_prints_the_text() {
        let mut buffer = SecretBuffer::new("pass");
        buffer.key(key(KeyCode::End));
        assert_eq!(buffer.key(key(KeyCode::Char('1'))), KeyEffect::Changed);
        assert_eq!(buffer.key(key(KeyCode::Backspace)), KeyEffect::Changed);
        assert_eq!(buffer.key(key(KeyCode::Char('!'))), KeyEffect::Changed);
        assert_eq!(buffer.text().expose_str(), Some("pass!"));
        assert_eq!(buffer.revision(), 3);
        assert!(!format!("{buffer:?}").contains("pass"));
        // Ctrl-y (yank) and Ctrl-k (kill line) are not shortcuts here.
        let ctrl_k = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL);
        assert_eq!(buffer.key(ctrl_k), KeyEffect::Ignored);
        assert_eq!(buffer.text().expose_str(), Some("pass!"));
    }

    #[test]
    fn the_service_limit_is_a_hard_cap() {
        let mut buffer = SecretBuffer::new(&"x".repeat(MAX_BYTES - 1));
        buffer.key(key(KeyCode::End));
        assert_eq!(buffer.key(key(KeyCode::Char('y'))), KeyEffect::Changed);
        assert_eq!(buffer.key(key(KeyCode::Char('z'))), KeyEffect::TooLarge);
        assert_eq!(buffer.key(key(KeyCode::Enter)), KeyEffect::TooLarge);
        assert_eq!(buffer.byte_len(), MAX_BYTES);
        assert_eq!(buffer.key(key(KeyCode::Backspace)), KeyEffect::Changed);
    }
}
