//! The prompt popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::Popup;
use crate::kit::Theme;
use crate::kit::widgets::{centered, pane_block};
use crate::room::keys::{Labels, Verb};
use crate::room::layers::Layer;
use crate::sanitize::sanitize_line;

pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    prompt: &Popup,
    keymap: &dyn Labels,
    theme: &Theme,
) {
    let key = |command| keymap.of(Layer::Prompt, command);
    let lines = vec![
        Line::styled(sanitize_line(&prompt.label).into_owned(), theme.text),
        Line::from(vec![
            if prompt.purpose.is_secret() {
                // An MFA code is not echoed: one dot a digit.
                Span::styled("•".repeat(prompt.input.chars().count()), theme.filter)
            } else {
                Span::styled(sanitize_line(&prompt.input).into_owned(), theme.filter)
            },
            Span::styled("▏", theme.filter),
        ]),
        Line::styled(
            format!("{} done · {} cancel", key(Verb::Select), key(Verb::Back)),
            theme.dim,
        ),
    ];
    let popup = centered(area, 72, 7);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane_block(Line::from(" Enter text "), true, theme))
            .wrap(Wrap { trim: false }),
        popup,
    );
}
