//! The messages popup: one entry per message, newest first, its time then its words in the
//! colour of its level, wrapped under the time.

use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::features::messages::Messages;
use crate::kit::Theme;
use crate::kit::widgets::{centered, dim_line, pane_block};
use crate::kit::wrap::hang;
use crate::room::Level;
use crate::room::keys::{Labels, Verb};
use crate::room::layers::Layer;
use crate::sanitize::sanitize_line;

/// The column the words start in, after `HH:MM:SS  `.
const TIME_WIDTH: usize = 10;

pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    messages: &Messages,
    (tz, keymap): (&TimeZone, &dyn Labels),
    theme: &Theme,
) {
    let popup = centered(
        area,
        area.width.saturating_sub(4).min(120),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, popup);
    let inner_width = usize::from(popup.width.saturating_sub(2));
    let lines: Vec<Line> = if messages.log.is_empty() {
        vec![dim_line("No messages yet.", theme)]
    } else {
        messages
            .log
            .iter()
            .skip(messages.scroll.at())
            .flat_map(|logged| {
                let style = match logged.line.level {
                    Level::Info => theme.text,
                    Level::Warn => theme.warn,
                    Level::Error => theme.error,
                };
                // A `String` first: the strftime value does not pad itself to a width.
                let time = logged
                    .at
                    .to_zoned(tz.clone())
                    .strftime("%H:%M:%S")
                    .to_string();
                let line = Line::from(vec![
                    Span::styled(format!("{time:<TIME_WIDTH$}"), theme.dim),
                    Span::styled(sanitize_line(&logged.line.text).into_owned(), style),
                ]);
                hang(line, TIME_WIDTH, inner_width)
            })
            .collect()
    };
    let key = |command| keymap.of(Layer::Messages, command);
    let title = format!(
        " Messages, newest first ({} of them · {} closes) ",
        messages.log.len(),
        key(Verb::Back)
    );
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(Line::from(title), true, theme)),
        popup,
    );
}
