//! Popups drawn over the screen: help (generated from the keymap) and the version picker.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::list::scroll_offset;
use super::{Theme, pane_block};
use crate::app::State;
use crate::app::keymap::{Context, help_line_count, help_rows};
use crate::app::state::Overlay;
use crate::sanitize::sanitize_line;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    for overlay in &state.overlays {
        match overlay {
            Overlay::Help { scroll } => help(frame, area, *scroll, theme),
            Overlay::VersionPicker { choices, selected } => {
                // Secrets can have up to ~100 versions: scroll to keep the choice in view.
                let rows = usize::from(area.height.saturating_sub(4));
                let offset = scroll_offset(*selected, choices.len(), rows);
                let lines: Vec<Line> = choices
                    .iter()
                    .enumerate()
                    .skip(offset)
                    .take(rows)
                    .map(|(i, (_, label))| {
                        let style = if i == *selected {
                            theme.selected
                        } else {
                            theme.text
                        };
                        Line::styled(format!(" {} ", sanitize_line(label)), style)
                    })
                    .collect();
                let height = u16::try_from(lines.len())
                    .unwrap_or(u16::MAX)
                    .saturating_add(2);
                let popup = centered(area, 64, height);
                frame.render_widget(Clear, popup);
                let block = pane_block(Line::from(" Version to reveal / copy "), true, theme);
                frame.render_widget(Paragraph::new(lines).block(block), popup);
            }
        }
    }
}

fn help(frame: &mut Frame, area: Rect, scroll: u16, theme: &Theme) {
    let mut lines = Vec::new();
    let mut last: Option<Context> = None;
    for (context, keys, description) in help_rows() {
        if last != Some(context) {
            if last.is_some() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(context.title(), theme.header));
            last = Some(context);
        }
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<16}"), theme.key_hint),
            Span::styled(description, theme.text),
        ]));
    }
    let popup = help_area(area);
    // Never scroll past the last line into an empty box.
    let most = help_scroll_limit(area);
    let scroll = scroll.min(most);
    frame.render_widget(Clear, popup);
    let title = if scroll < most {
        " Keys (Esc closes · ↓ more) "
    } else {
        " Keys (Esc closes) "
    };
    let block = pane_block(Line::from(title), true, theme);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}

fn help_area(screen: Rect) -> Rect {
    centered(screen, 72, screen.height.saturating_sub(2))
}

/// How far the help can scroll on `screen` before its last line leaves the box.
pub fn help_scroll_limit(screen: Rect) -> u16 {
    let visible = usize::from(help_area(screen).height.saturating_sub(2));
    u16::try_from(help_line_count().saturating_sub(visible)).unwrap_or(u16::MAX)
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}
