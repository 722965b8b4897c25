//! Drawing the Identity Center popup: the filter and the accounts' roles (a window of them
//! around the highlighted one), or where the sign-in is. Everything shown came from the
//! portal or the config, so it is sanitised.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{PortalView, Stage};
use crate::kit::Theme;
use crate::sanitize::sanitize_line;

pub(crate) fn render(frame: &mut Frame, area: Rect, view: &PortalView, theme: &Theme) {
    let width = area.width.saturating_sub(10).min(110);
    let room = usize::from(area.height.saturating_sub(8)).max(3);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(if view.pin { "Pin: " } else { "Work as: " }, theme.label),
            Span::styled(sanitize_line(&view.input).into_owned(), theme.filter),
            Span::styled("▏", theme.filter),
        ]),
        Line::raw(""),
    ];
    match &view.stage {
        Stage::Asking => lines.push(Line::styled(
            "  Asking the portal for your accounts and roles…",
            theme.loading,
        )),
        Stage::Starting => lines.push(Line::styled("  Starting the sign-in…", theme.loading)),
        Stage::SignedOut(why) => lines.push(Line::styled(
            format!("  {}", sanitize_line(why)),
            theme.warn,
        )),
        Stage::Failed(why) => lines.push(Line::styled(
            format!("  {}", sanitize_line(why)),
            theme.error,
        )),
        Stage::Approving {
            user_code,
            uri,
            uri_complete,
            expires,
        } => approving(
            &mut lines,
            user_code,
            uri,
            uri_complete.as_deref(),
            *expires,
            theme,
        ),
        Stage::Listed(_) => {}
    }
    let entries = view.entries();
    if matches!(view.stage, Stage::Listed(_)) && entries.is_empty() {
        lines.push(Line::styled("  nothing matches", theme.dim));
    }
    if !entries.is_empty() && !matches!(view.stage, Stage::Listed(_)) {
        lines.push(Line::raw(""));
    }
    // A window of `room` entries that keeps the highlighted one in sight.
    let at = view.selected.at();
    let first = at.saturating_sub(room.saturating_sub(1));
    for (i, entry) in entries.iter().enumerate().skip(first).take(room) {
        let style = if i == at { theme.selected } else { theme.text };
        let line = Line::from(vec![
            Span::styled(format!("  {:<40}", sanitize_line(&entry.label)), style),
            Span::styled(format!(" {}", sanitize_line(&entry.detail)), theme.dim),
        ]);
        // One line each, cut to the box (its border aside).
        let inside = usize::from(width.saturating_sub(2));
        lines.push(crate::kit::widgets::fit_line(line, inside));
    }
    if entries.len() > room {
        lines.push(Line::styled(
            format!("  {} of {}", (at + 1).min(entries.len()), entries.len()),
            theme.dim,
        ));
    }
    let title = format!(" IAM Identity Center {} ", sanitize_line(view.login.name()));
    let paragraph =
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(crate::kit::widgets::pane_block(
                Line::from(title),
                true,
                theme,
            ));
    // Long reasons wrap: the box is as tall as the wrapped text (its border included).
    let height = u16::try_from(paragraph.line_count(width)).unwrap_or(u16::MAX);
    let popup = crate::kit::widgets::centered(area, width, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(paragraph, popup);
}

/// The device sign-in's instructions: where to go and the code to check there.
fn approving(
    lines: &mut Vec<Line<'static>>,
    user_code: &str,
    uri: &str,
    uri_complete: Option<&str>,
    expires: jiff::Timestamp,
    theme: &Theme,
) {
    lines.push(Line::styled(
        "  Open this address in a browser (on any machine) and sign in:",
        theme.text,
    ));
    lines.push(Line::styled(
        format!("    {}", sanitize_line(uri_complete.unwrap_or(uri))),
        theme.identity,
    ));
    lines.push(Line::from(vec![
        Span::styled("  Check that it shows the code  ", theme.text),
        Span::styled(sanitize_line(user_code).into_owned(), theme.selected),
    ]));
    lines.push(Line::styled(
        format!(
            "  Waiting for your approval… (the code expires at {} UTC)",
            expires.strftime("%H:%M:%S")
        ),
        theme.loading,
    ));
}
