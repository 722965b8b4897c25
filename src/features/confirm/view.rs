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
                    confirm_key_for_text(keymap),
                    key(Command::Cancel)
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
    let popup = centered(area, 64, 8);
    frame.render_widget(Clear, popup);
    let block = pane_block(Line::from(" Confirm "), true, theme);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}

/// While typing, only a key that is not a character confirms (Enter by default).
fn confirm_key_for_text(keymap: &Keymap) -> String {
    keymap
        .keys_for(Layer::Confirm, Command::Confirm)
        .into_iter()
        .find(|k| k.typed_char().is_none())
        .map_or_else(|| "Enter".to_owned(), |k| k.to_string())
}
