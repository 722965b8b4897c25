//! The version picker popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::diff::Change;
use crate::features::versions::Command as VersionsCommand;
use crate::features::versions::{Comparison, Picker, VersionChoice};
use crate::kit::Theme;
use crate::kit::widgets::{centered, date_time, diff_lines, pane_block};
use crate::room::keys::{Bind, Labels, Verb};
use crate::room::layers::Layer;
use crate::sanitize::sanitize_line;

pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    picker: &Picker,
    keymap: &dyn Labels,
    theme: &Theme,
) {
    // Secrets can have up to ~100 versions: scroll to keep the choice in view.
    let rows = usize::from(area.height.saturating_sub(7));
    let offset = picker.selected.window(picker.choices.len(), rows);
    let lines: Vec<Line> = picker
        .choices
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, choice)| {
            let style = if i == picker.selected.at() {
                theme.selected
            } else {
                theme.text
            };
            let mark = if picker.marked == Some(i) { '*' } else { ' ' };
            // To the minute: several versions of one day are told apart and in order.
            Line::styled(
                format!(
                    "{mark}{:<60} {}",
                    sanitize_line(&label(choice)),
                    date_time(choice.created)
                ),
                style,
            )
        })
        .collect();
    let mut lines = lines;
    let key = |command: Bind<VersionsCommand>| keymap.of(Layer::Versions, command);
    // Read-only mode refuses make-current: not offered, as in the footer and the palette.
    let make_current = if picker.read_only {
        String::new()
    } else {
        format!(
            " · {} make current",
            key(Bind::Own(VersionsCommand::MakeCurrent))
        )
    };
    lines.push(Line::styled(
        format!(
            " {} use · {} mark · {} compare{make_current}",
            key(Bind::Verb(Verb::Select)),
            key(Bind::Own(VersionsCommand::Mark)),
            key(Bind::Own(VersionsCommand::Compare))
        ),
        theme.dim,
    ));
    lines.push(Line::styled(
        " The service keeps about 100 versions, dropping the oldest without a label.",
        theme.dim,
    ));
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = centered(area, 84, height);
    frame.render_widget(Clear, popup);
    let block = pane_block(Line::from(" Versions "), true, theme);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// A version's labels, then its id: `AWSCURRENT   <id>`, `(no label)   <id>`.
pub fn label(choice: &VersionChoice) -> String {
    let stages = if choice.stages.is_empty() {
        "(no label)".to_owned()
    } else {
        choice.stages.join(",")
    };
    format!("{stages:<23} {}", choice.version_id)
}

/// Two versions compared: which keys or lines differ, values masked until revealed.
pub(crate) fn render_comparison(
    frame: &mut Frame,
    area: Rect,
    comparison: &Comparison,
    keymap: &dyn Labels,
    theme: &Theme,
) {
    let side = |(id, stages): &(String, Vec<String>)| {
        let short: String = sanitize_line(id).chars().take(8).collect();
        if stages.is_empty() {
            short
        } else {
            format!("{short} ({})", sanitize_line(&stages.join(",")))
        }
    };
    let mut lines = vec![Line::styled(
        format!("{} → {}", side(&comparison.left), side(&comparison.right)),
        theme.header,
    )];
    match &comparison.rows {
        None => lines.push(Line::styled("Fetching both values…", theme.loading)),
        Some(rows) if rows.iter().all(|r| r.change == Change::Same) => {
            lines.push(Line::styled("The two values are the same.", theme.ok));
        }
        Some(rows) => {
            // Borders, the heading and the keys take four rows; the keys always stay.
            let room = usize::from(area.height.saturating_sub(2 + 4));
            lines.extend(diff_lines(
                rows,
                comparison.revealed.is_shown(),
                room,
                theme,
            ));
        }
    }
    let key = |command: Bind<VersionsCommand>| keymap.of(Layer::Compare, command);
    lines.push(Line::styled(
        format!(
            "{} {} the values · {} back",
            key(Bind::Verb(Verb::Reveal)),
            if comparison.revealed.is_shown() {
                "mask"
            } else {
                "reveal"
            },
            key(Bind::Verb(Verb::Back))
        ),
        theme.dim,
    ));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, 84, height);
    frame.render_widget(Clear, popup);
    let block = pane_block(Line::from(" Compare versions "), true, theme);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
