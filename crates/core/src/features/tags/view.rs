//! The tags popup: the tags (AWS's own marked read-only), the description, the policy.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::features::tags::Command as TagsCommand;
use crate::features::tags::Popup;
use crate::kit::Theme;
use crate::kit::widgets::{centered, pane_block};
use crate::model::SecretDetail;
use crate::room::keys::{Bind, Labels, Verb};
use crate::room::layers::Layer;
use crate::sanitize::{sanitize_line, sanitize_lines};

pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    popup: &Popup,
    detail: Option<&SecretDetail>,
    keymap: &dyn Labels,
    theme: &Theme,
) {
    let key = |command: Bind<TagsCommand>| keymap.of(Layer::Tags, command);
    let mut lines = vec![Line::styled(
        format!("Tags of {}", sanitize_line(&popup.secret.name)),
        theme.header,
    )];
    let tags = detail.map(|d| d.tags.as_slice()).unwrap_or_default();
    if tags.is_empty() {
        lines.push(Line::styled("  none", theme.dim));
    }
    for (i, tag) in tags.iter().enumerate() {
        let style = if i == popup.selected.at() {
            theme.selected
        } else {
            theme.text
        };
        let mut spans = vec![Span::styled(
            format!(
                "  {} = {}",
                sanitize_line(&tag.key),
                sanitize_line(&tag.value)
            ),
            style,
        )];
        if tag.key.to_ascii_lowercase().starts_with("aws:") {
            spans.push(Span::styled("  (set by AWS, read-only)", theme.dim));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let description = detail
        .and_then(|d| d.description.as_deref())
        .map_or_else(|| "none".to_owned(), |d| sanitize_line(d).into_owned());
    lines.push(Line::from(vec![
        Span::styled("Description  ", theme.label),
        Span::styled(description, theme.text),
    ]));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Resource policy (read-only)", theme.header));
    match &popup.policy {
        None => lines.push(Line::styled("  loading…", theme.loading)),
        Some(Ok(None)) => lines.push(Line::styled("  none", theme.dim)),
        Some(Ok(Some(policy))) => lines.extend(
            sanitize_lines(policy)
                .into_iter()
                .map(|l| Line::styled(format!("  {l}"), theme.text)),
        ),
        Some(Err(why)) => lines.push(Line::styled(
            format!("  {}", sanitize_line(why)),
            theme.error,
        )),
    }
    lines.push(Line::raw(""));
    // Read-only mode refuses every change: offering only what works, and saying why.
    let hint = if popup.read_only {
        format!(
            "{}/{} move · {} close · read-only mode: no changes",
            key(Bind::Verb(Verb::Down)),
            key(Bind::Verb(Verb::Up)),
            key(Bind::Verb(Verb::Back))
        )
    } else {
        format!(
            "{} add · {} change value · {} remove · {} description · {} close",
            key(Bind::Own(TagsCommand::Add)),
            key(Bind::Own(TagsCommand::Edit)),
            key(Bind::Own(TagsCommand::Remove)),
            key(Bind::Own(TagsCommand::EditDescription)),
            key(Bind::Verb(Verb::Back))
        )
    };
    lines.push(Line::styled(hint, theme.dim));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup_area = centered(area, area.width.saturating_sub(10).min(96), height);
    frame.render_widget(Clear, popup_area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane_block(
                Line::from(" Tags, description, policy "),
                true,
                theme,
            ))
            .wrap(Wrap { trim: false }),
        popup_area,
    );
}
