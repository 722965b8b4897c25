//! The title line (who, how many, read-only) and the footer (status message or key hints).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::State;
use crate::app::keymap::Context;
use crate::app::state::Level;
use crate::sanitize::sanitize_line;
use crate::secret::ValueView;

pub fn render_title(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut spans = vec![Span::styled(" smtui ", theme.title)];
    if state.settings.read_only {
        spans.push(Span::styled(" READ-ONLY ", theme.read_only));
        spans.push(Span::raw(" "));
    }
    match &state.identity {
        Some(Ok(identity)) => spans.push(Span::styled(
            sanitize_line(&identity.arn).into_owned(),
            theme.text,
        )),
        Some(Err(err)) => spans.push(Span::styled(
            format!("identity unknown: {}", err.kind.short()),
            theme.warn,
        )),
        None => spans.push(Span::styled("identity…", theme.loading)),
    }
    let shown = state.list.len();
    let total = state.list.total();
    spans.push(Span::styled(
        format!("  {shown}/{total} secrets"),
        theme.dim,
    ));
    if state.list.show_deleted() {
        spans.push(Span::styled("  +scheduled for deletion", theme.warn));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn render_footer(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let line = if state.filter_editing {
        Line::from(vec![
            Span::styled("/", theme.filter),
            Span::styled(
                sanitize_line(state.list.filter()).into_owned(),
                theme.filter,
            ),
            Span::styled("▏", theme.filter),
            Span::styled("  Enter keep · Esc clear", theme.dim),
        ])
    } else if let Some(status) = &state.status {
        let style = match status.level {
            Level::Info => theme.text,
            Level::Warn => theme.warn,
            Level::Error => theme.error,
        };
        Line::styled(sanitize_line(&status.text).into_owned(), style)
    } else {
        hints(state, theme)
    };
    // The clipboard countdown stays visible whatever the footer shows.
    let countdown = state
        .clipboard
        .as_ref()
        .and_then(|c| c.clears_at)
        .map(|clears_at| {
            let left = clears_at.saturating_duration_since(state.now).as_secs();
            Line::styled(format!(" clipboard clears in {left} s "), theme.warn)
        });
    let [left, right] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(
            countdown
                .as_ref()
                .map_or(0, |c| u16::try_from(c.width()).unwrap_or(0)),
        ),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(line), left);
    if let Some(countdown) = countdown {
        frame.render_widget(Paragraph::new(countdown), right);
    }
}

fn hints(state: &State, theme: &Theme) -> Line<'static> {
    let (json, key_table) = state.value.as_ref().map_or((false, false), |p| {
        (
            matches!(p.value.view, ValueView::Json { .. }),
            p.key_table().is_some(),
        )
    });
    let pairs: &[(&str, &str)] = match state.context() {
        Context::Value if json && !key_table => &[
            ("↑↓", "scroll"),
            ("J", "key table"),
            ("c", "copy"),
            ("Esc", "mask"),
            ("?", "help"),
        ],
        Context::Value if !json => &[
            ("↑↓", "scroll"),
            ("c", "copy"),
            ("Esc", "mask"),
            ("Tab", "list"),
            ("?", "help"),
        ],
        Context::Value => &[
            ("v", "reveal key"),
            ("V", "all"),
            ("c", "copy key"),
            ("J", "raw"),
            ("Esc", "mask"),
            ("?", "help"),
        ],
        Context::Popup => &[("↑↓", "move"), ("Enter", "choose"), ("Esc", "close")],
        _ => &[
            ("v", "reveal"),
            ("c", "copy"),
            ("p", "version"),
            ("/", "filter"),
            ("s", "sort"),
            ("r", "refresh"),
            ("?", "help"),
            ("q", "quit"),
        ],
    };
    let mut spans = Vec::new();
    for (key, what) in pairs {
        spans.push(Span::styled(format!(" {key}"), theme.key_hint));
        spans.push(Span::styled(format!(" {what} "), theme.dim));
    }
    Line::from(spans)
}
