//! The version picker popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::features::versions::{Picker, VersionChoice};
use crate::model::VersionSel;
use crate::sanitize::sanitize_line;
use crate::ui::Theme;
use crate::ui::widgets::{centered, pane_block, scroll_offset};

pub fn render(frame: &mut Frame, area: Rect, picker: &Picker, theme: &Theme) {
    // Secrets can have up to ~100 versions: scroll to keep the choice in view.
    let rows = usize::from(area.height.saturating_sub(4));
    let offset = scroll_offset(picker.selected, picker.choices.len(), rows);
    let lines: Vec<Line> = picker
        .choices
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, choice)| {
            let style = if i == picker.selected {
                theme.selected
            } else {
                theme.text
            };
            Line::styled(format!(" {} ", sanitize_line(&label(choice))), style)
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

/// `AWSCURRENT   <id>` for a label, `<id>  <labels>` for a version.
pub fn label(choice: &VersionChoice) -> String {
    match &choice.pick {
        VersionSel::Stage(stage) => format!("{stage:<12} {}", choice.version_id),
        VersionSel::Id(id) if choice.stages.is_empty() => format!("{id}  (no label)"),
        VersionSel::Id(id) => format!("{id}  {}", choice.stages.join(",")),
    }
}
