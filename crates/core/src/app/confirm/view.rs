//! The confirmation popup.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::confirm::Popup;
use crate::kit::Theme;
use crate::kit::widgets::{centered, pane_block};
use crate::room::keys::{Labels, Verb};
use crate::room::layers::Layer;
use crate::sanitize::sanitize_line;

const WIDTH: u16 = 64;

pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    confirm: &Popup,
    keymap: &dyn Labels,
    theme: &Theme,
) {
    let key = |command| keymap.of(Layer::Confirm, command);
    let request = &confirm.request;
    let mut lines = vec![Line::styled(
        sanitize_line(&request.question).into_owned(),
        theme.text,
    )];
    if let Some(account) = &confirm.account {
        lines.push(Line::styled(
            format!("In account {}", sanitize_line(account)),
            theme.warn,
        ));
    }
    lines.push(Line::raw(""));
    // The answer (what is typed, or the keys) gets a row of its own at the bottom: however
    // long the question and however small the screen, it is never pushed out of view.
    let answer = match (&confirm.guard, &request.typed) {
        (Some(label), _) => {
            lines.push(Line::styled(
                format!(
                    "A {label} account: type {label} first, then {} ({} cancels):",
                    key_for_text(keymap, Verb::Select, "Enter"),
                    key_for_text(keymap, Verb::Cancel, "Esc"),
                    label = sanitize_line(label),
                ),
                theme.error,
            ));
            Line::from(vec![
                Span::styled(sanitize_line(&confirm.input).into_owned(), theme.filter),
                Span::styled("▏", theme.filter),
            ])
        }
        (None, Some(expected)) => {
            lines.push(Line::styled(
                format!(
                    "Type {} to confirm, then {} ({} cancels):",
                    sanitize_line(expected),
                    key_for_text(keymap, Verb::Select, "Enter"),
                    key_for_text(keymap, Verb::Cancel, "Esc")
                ),
                theme.dim,
            ));
            Line::from(vec![
                Span::styled(sanitize_line(&confirm.input).into_owned(), theme.filter),
                Span::styled("▏", theme.filter),
            ])
        }
        (None, None) => Line::styled(
            format!("{} yes · {} no", key(Verb::Confirm), key(Verb::Cancel)),
            theme.key_hint,
        ),
    };
    let width = WIDTH.min(area.width);
    let question = Paragraph::new(lines).wrap(Wrap { trim: false });
    let rows = question.line_count(width.saturating_sub(2));
    let height = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_add(1 + 2);
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let block = pane_block(Line::from(" Confirm "), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [question_area, answer_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(question, question_area);
    frame.render_widget(Paragraph::new(answer), answer_area);
}

/// While typing, characters are text: only a key that is not one confirms or cancels.
fn key_for_text(keymap: &dyn Labels, command: Verb, fallback: &str) -> String {
    keymap
        .keys_of(Layer::Confirm, command)
        .into_iter()
        .find(|k| k.typed_char().is_none())
        .map_or_else(|| fallback.to_owned(), |k| k.to_string())
}
