//! The help popup: a section per layer, generated from the keymap in use, and the commands
//! only the palette runs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::command::Command;
use crate::app::help::Help;
use crate::app::keymap::Keymap;
use crate::kit::Theme;
use crate::kit::widgets::{centered, pane_block};
use crate::kit::wrap::hang;
use crate::room::keys::Verb;
use crate::room::layers::Layer;

pub(crate) fn render(frame: &mut Frame, area: Rect, help: &Help, keymap: &Keymap, theme: &Theme) {
    let popup = help_area(area);
    let styles = Styles {
        header: theme.header,
        keys: theme.key_hint,
        text: theme.text,
    };
    let lines = lines(keymap, popup, styles);
    // Never scroll past the last line into an empty box.
    let scroll = help
        .scroll
        .draw(lines.len(), popup.height.saturating_sub(2));
    let most = help.scroll.limit().unwrap_or_default();
    frame.render_widget(Clear, popup);
    let close = keymap.label(Layer::Help, Command::Verb(Verb::Back));
    let title = if scroll < most {
        let more = keymap.label(Layer::Help, Command::Verb(Verb::Down));
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

#[derive(Clone, Copy, Default)]
struct Styles {
    header: Style,
    keys: Style,
    text: Style,
}

/// Keys (or a command's name) in a column, then what they do, wrapped under itself where
/// it is longer than the popup is wide.
const KEYS_COLUMN: usize = 2 + 16;

fn lines(keymap: &Keymap, popup: Rect, styles: Styles) -> Vec<Line<'static>> {
    let width = usize::from(popup.width.saturating_sub(2));
    let mut lines = Vec::new();
    for (i, section) in keymap.help_sections().into_iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(section.title, styles.header));
        for (keys, description) in section.rows {
            let row = Line::from(vec![
                // A command's name may fill the column: a space always follows it.
                Span::styled(format!("  {keys:<15} "), styles.keys),
                Span::styled(description, styles.text),
            ]);
            lines.extend(hang(row, KEYS_COLUMN, width));
        }
    }
    lines
}

fn help_area(screen: Rect) -> Rect {
    centered(screen, 72, screen.height.saturating_sub(2))
}
