//! The confirmation popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::features::confirm::Confirm;
use crate::sanitize::sanitize_line;
use crate::ui::Theme;
use crate::ui::widgets::{centered, pane_block};

pub fn render(frame: &mut Frame, area: Rect, confirm: &Confirm, theme: &Theme) {
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
                format!("Type {} to confirm, then Enter:", sanitize_line(expected)),
                theme.dim,
            ));
            lines.push(Line::from(vec![
                Span::styled(sanitize_line(&confirm.input).into_owned(), theme.filter),
                Span::styled("▏", theme.filter),
            ]));
        }
        None => lines.push(Line::styled("y yes · n no", theme.key_hint)),
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
