//! The palette popup: the input line, then the matching commands with their keys and what
//! they do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::command::Command;
use crate::app::keymap::{Keymap, join_keys};
use crate::app::palette::{Palette, refusal};
use crate::kit::Theme;
use crate::kit::widgets::{centered, fit, pane_block};
use crate::room::keys::Verb;
use crate::room::layers::Layer;
use crate::sanitize::sanitize_line;
use unicode_width::UnicodeWidthStr as _;

pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    palette: &Palette,
    keymap: &Keymap,
    theme: &Theme,
) {
    let matches = palette.matches();
    let rows = usize::from(area.height.saturating_sub(8)).clamp(1, 14);
    let offset = palette.selected.window(matches.len(), rows);
    let mut lines = vec![Line::from(vec![
        Span::styled(":", theme.filter),
        Span::styled(sanitize_line(&palette.input).into_owned(), theme.filter),
        Span::styled("▏", theme.filter),
    ])];
    // A write typed in read-only mode: say why it will not run, not that it is unknown.
    if let Some(write) = palette.withheld() {
        lines.push(Line::styled(refusal(write), theme.warn));
    } else if matches.is_empty() {
        lines.push(Line::styled("no command matches", theme.dim));
    }
    // Columns as wide as the widest of everything offered (so they stay put while typing),
    // and a long name never runs into its keys; the description gets the rest and ends in
    // "…" when it is longer.
    let popup_width = area.width.saturating_sub(4).min(100);
    let keys_of = |command: &Command| join_keys(&keymap.keys_for(palette.origin, *command), " ");
    let name_width = palette
        .offered
        .iter()
        .map(|c| c.name().width())
        .max()
        .unwrap_or(0)
        + 2;
    let keys_width = palette
        .offered
        .iter()
        .map(|c| keys_of(c).width())
        .max()
        .unwrap_or(0)
        + 2;
    let shown: Vec<(usize, &Command, String)> = matches
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, command)| (i, command, keys_of(command)))
        .collect();
    let room =
        usize::from(popup_width.saturating_sub(2)).saturating_sub(1 + name_width + keys_width);
    for (i, command, keys) in shown {
        let selected = i == palette.selected.at();
        let pick = |style| if selected { theme.selected } else { style };
        lines.push(
            Line::from(vec![
                Span::styled(
                    format!(" {:<name_width$}", command.name()),
                    pick(theme.text),
                ),
                Span::styled(format!("{keys:<keys_width$}"), pick(theme.key_hint)),
                Span::styled(fit(command.description(), room), pick(theme.dim)),
            ])
            .style(pick(theme.text)),
        );
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, popup_width, height);
    frame.render_widget(Clear, popup);
    let key = |command| keymap.label(Layer::Palette, command);
    let title = format!(
        " Command ({} runs · {} completes) ",
        key(Command::Verb(Verb::Select)),
        key(Command::Verb(Verb::Complete))
    );
    let block = pane_block(Line::from(title), true, theme);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
