//! The theme picker: each theme's name beside a swatch of its own colours. The screen
//! behind it is already drawn in the highlighted theme (the preview).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::features::appearance::{Appearance, Picker};
use crate::kit::Theme;
use crate::kit::widgets::{centered, pane_block};
use crate::room::keys::{Labels, Verb};
use crate::room::layers::Layer;
use crate::sanitize::sanitize_line;

pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    appearance: &Appearance,
    picker: &Picker,
    keymap: &dyn Labels,
    theme: &Theme,
) {
    let rows = usize::from(area.height.saturating_sub(6)).clamp(1, 16);
    let offset = picker.highlighted.window(appearance.themes.len(), rows);
    let lines: Vec<Line> = appearance
        .themes
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, each)| {
            let name_style = if i == picker.highlighted.at() {
                theme.selected
            } else {
                theme.text
            };
            let mut spans = vec![Span::styled(
                format!(" {:<20}", sanitize_line(&each.name)),
                name_style,
            )];
            spans.extend(swatch(each));
            Line::from(spans)
        })
        .collect();
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, 48, height);
    frame.render_widget(Clear, popup);
    let key = |command| keymap.of(Layer::Themes, command);
    let title = format!(
        " Theme ({} keeps · {} goes back) ",
        key(Verb::Select),
        key(Verb::Back)
    );
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(Line::from(title), true, theme)),
        popup,
    );
}

/// A few cells in the theme's own roles, so themes can be told apart before choosing.
fn swatch(theme: &Theme) -> Vec<Span<'static>> {
    [
        theme.title,
        theme.selected,
        theme.ok,
        theme.warn,
        theme.error,
        theme.revealed,
        theme.rotation_stuck,
    ]
    .into_iter()
    .map(|style| Span::styled(" ■", style))
    .collect()
}
