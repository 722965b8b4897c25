//! The help popup: a section per layer, generated from the keymap in use.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::command::Command;
use crate::app::keymap::Keymap;
use crate::app::layers::Layer;
use crate::features::help::Help;
use crate::ui::Theme;
use crate::ui::widgets::{centered, pane_block};

pub fn render(frame: &mut Frame, area: Rect, help: &Help, keymap: &Keymap, theme: &Theme) {
    let mut lines = Vec::new();
    for (i, section) in keymap.help_sections().into_iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(section.title, theme.header));
        for (keys, description) in section.rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), theme.key_hint),
                Span::styled(description, theme.text),
            ]));
        }
    }
    let popup = help_area(area);
    // Never scroll past the last line into an empty box.
    let most = scroll_limit(area, keymap);
    let scroll = help.scroll.min(most);
    frame.render_widget(Clear, popup);
    let close = keymap.label(Layer::Help, Command::Back);
    let title = if scroll < most {
        let more = keymap.label(Layer::Help, Command::Down);
        format!(" Keys ({close} closes · {more} more) ")
    } else {
        format!(" Keys ({close} closes) ")
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
pub fn scroll_limit(screen: Rect, keymap: &Keymap) -> u16 {
    let visible = usize::from(help_area(screen).height.saturating_sub(2));
    u16::try_from(keymap.help_line_count().saturating_sub(visible)).unwrap_or(u16::MAX)
}
