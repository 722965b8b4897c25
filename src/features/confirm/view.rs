//! The confirmation popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::command::Command;
use crate::app::keymap::Keymap;
use crate::app::layers::Layer;
use crate::features::confirm::Confirm;
use crate::sanitize::sanitize_line;
use crate::ui::Theme;
use crate::ui::widgets::{centered, pane_block};

const WIDTH: u16 = 64;

pub fn render(frame: &mut Frame, area: Rect, confirm: &Confirm, keymap: &Keymap, theme: &Theme) {
    let key = |command| keymap.label(Layer::Confirm, command);
    let Some(request) = &confirm.pending else {
        return;
    };
    let mut lines = vec![Line::styled(
        sanitize_line(&request.question).into_owned(),
        theme.text,
    )];
    lines.push(Line::raw(""));
    match &request.typed {
        Some(expected) => {
            lines.push(Line::styled(
                format!(
                    "Type {} to confirm, then {} ({} cancels):",
                    sanitize_line(expected),
                    key_for_text(keymap, Command::Confirm, "Enter"),
                    key_for_text(keymap, Command::Cancel, "Esc")
                ),
                theme.dim,
            ));
            lines.push(Line::from(vec![
                Span::styled(sanitize_line(&confirm.input).into_owned(), theme.filter),
                Span::styled("▏", theme.filter),
            ]));
        }
        None => lines.push(Line::styled(
            format!(
                "{} yes · {} no",
                key(Command::Confirm),
                key(Command::Cancel)
            ),
            theme.key_hint,
        )),
    }
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    // As tall as the wrapped question needs (a long name must not push the prompt out).
    let height = paragraph.line_count(WIDTH - 2).saturating_add(2);
    let popup = centered(area, WIDTH, u16::try_from(height).unwrap_or(u16::MAX));
    frame.render_widget(Clear, popup);
    let block = pane_block(Line::from(" Confirm "), true, theme);
    frame.render_widget(paragraph.block(block), popup);
}

/// While typing, characters are text: only a key that is not one confirms or cancels.
fn key_for_text(keymap: &Keymap, command: Command, fallback: &str) -> String {
    keymap
        .keys_for(Layer::Confirm, command)
        .into_iter()
        .find(|k| k.typed_char().is_none())
        .map_or_else(|| fallback.to_owned(), |k| k.to_string())
}
