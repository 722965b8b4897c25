//! The audit pane (summary, then the events newest first) and the whole record of one
//! event. Everything from CloudTrail is untrusted: sanitised here, cut to the cell.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Row, Table, Wrap};

use crate::app::command::Command;
use crate::app::keymap::Keymap;
use crate::app::layers::Layer;
use crate::features::audit::{AuditView, Scope};
use crate::model::audit::AuditEvent;
use crate::model::audit::summary::summarise;
use crate::sanitize::{sanitize_line, sanitize_lines};
use crate::ui::Theme;
use crate::ui::widgets::{centered, pane_block, scroll_offset};

/// When a time is shown in the local zone, this one.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    view: &AuditView,
    (tz, keymap): (&TimeZone, &Keymap),
    theme: &Theme,
) {
    let popup = centered(
        area,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, popup);
    let what = match &view.scope {
        Scope::Secret { name, region, .. } => format!("{} in {region}", sanitize_line(name)),
        Scope::Region { region } => format!("every Secrets Manager event in {region}"),
    };
    let title = format!(
        " Audit · {what} · last {} · {} ",
        view.window.label(),
        if view.utc { "UTC" } else { "local time" }
    );
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [summary, table, status] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(summary_lines(view, tz, theme)).wrap(Wrap { trim: false }),
        summary,
    );
    render_table(frame, table, view, tz, theme);
    let continue_key = keymap.label(Layer::Audit, Command::ContinueScan);
    frame.render_widget(
        Paragraph::new(status_line(view, &continue_key, theme)),
        status,
    );
}

fn time(at: Option<Timestamp>, utc: bool, tz: &TimeZone) -> String {
    match at {
        None => "—".to_owned(),
        Some(at) if utc => at.strftime("%Y-%m-%d %H:%M:%S").to_string(),
        Some(at) => at
            .to_zoned(tz.clone())
            .strftime("%Y-%m-%d %H:%M:%S")
            .to_string(),
    }
}

fn summary_lines<'a>(view: &AuditView, tz: &TimeZone, theme: &Theme) -> Vec<Line<'a>> {
    let summary = summarise(&view.events, view.include_own);
    let mut first = vec![
        Span::styled(format!("{} events", summary.events), theme.text),
        Span::styled(" · ", theme.dim),
        Span::styled(
            format!(
                "read by {} principal{}",
                summary.readers,
                if summary.readers == 1 { "" } else { "s" }
            ),
            theme.text,
        ),
        Span::styled(" · ", theme.dim),
    ];
    let denied = format!("{} denied", summary.denied);
    first.push(if summary.denied > 0 {
        Span::styled(denied, theme.audit_denied)
    } else {
        Span::styled(denied, theme.audit_success)
    });
    let last = summary.last_read.map_or_else(
        || "never read in this window".to_owned(),
        |(at, who)| {
            format!(
                "last read {} by {}",
                time(Some(at), view.utc, tz),
                sanitize_line(&who)
            )
        },
    );
    let own = if view.include_own {
        format!("smtui's own calls counted ({})", summary.own)
    } else {
        format!("smtui's own calls left out ({})", summary.own)
    };
    vec![
        Line::from(first),
        Line::from(vec![
            Span::styled(last, theme.text),
            Span::styled(" · ", theme.dim),
            Span::styled(own, theme.dim),
        ]),
        Line::styled(
            "CloudTrail delivers events about 5 minutes after the call.",
            theme.dim,
        ),
    ]
}

fn render_table(frame: &mut Frame, area: Rect, view: &AuditView, tz: &TimeZone, theme: &Theme) {
    let total = view.row_count();
    // The region view covers every secret: which one each event is about gets a column.
    let by_secret = matches!(view.scope, crate::features::audit::Scope::Region { .. });
    let height = usize::from(area.height.saturating_sub(1));
    let offset = scroll_offset(view.selected, total, height);
    let rows = view
        .rows()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, event)| {
            let mut cells = cells(event, view.utc, tz, theme);
            if by_secret {
                let secret = event.secret_label().unwrap_or_default();
                cells.insert(2, Span::raw(sanitize_line(&secret).into_owned()));
            }
            let row = Row::new(cells);
            if i == view.selected {
                row.style(theme.selected)
            } else if event.denied() {
                row.style(theme.audit_denied)
            } else {
                row
            }
        });
    let mut titles = vec![
        "TIME",
        "EVENT",
        "PRINCIPAL",
        "SOURCE IP",
        "AGENT",
        "OUTCOME",
    ];
    let mut widths = vec![
        Constraint::Length(19),
        Constraint::Length(22),
        Constraint::Fill(2),
        Constraint::Length(16),
        Constraint::Length(16),
        Constraint::Fill(1),
    ];
    if by_secret {
        titles.insert(2, "SECRET");
        widths.insert(2, Constraint::Fill(2));
    }
    let header = Row::new(titles).style(theme.header);
    frame.render_widget(Table::new(rows, widths).header(header), area);
}

fn cells<'a>(event: &AuditEvent, utc: bool, tz: &TimeZone, theme: &Theme) -> Vec<Span<'a>> {
    let mut who = sanitize_line(&event.principal.label).into_owned();
    if event.principal.mfa {
        who.push_str(" [MFA]");
    }
    if let Some(source) = &event.principal.source_identity {
        who.push_str(" via ");
        who.push_str(&sanitize_line(source));
    }
    let root = event.principal.kind == crate::model::audit::PrincipalKind::Root;
    let outcome = match event.outcome() {
        (text, false) => Span::styled(text, theme.audit_success),
        (text, true) => Span::styled(sanitize_line(&text).into_owned(), theme.audit_denied),
    };
    vec![
        Span::raw(time(event.time, utc, tz)),
        Span::raw(sanitize_line(&event.name).into_owned()),
        if root {
            Span::styled(who, theme.audit_root)
        } else {
            Span::raw(who)
        },
        Span::raw(sanitize_line(event.source_ip.as_deref().unwrap_or("")).into_owned()),
        Span::raw(sanitize_line(&event.short_agent()).into_owned()),
        outcome,
    ]
}

fn status_line<'a>(view: &AuditView, continue_key: &str, theme: &Theme) -> Line<'a> {
    if let Some(error) = &view.error {
        return Line::styled(sanitize_line(error).into_owned(), theme.error);
    }
    if view.loading() {
        return Line::styled("Looking up events…", theme.loading);
    }
    if view.partial() {
        let pages: usize = view
            .streams
            .iter()
            .filter(|s| s.lookup == crate::app::effect::Lookup::EventSource)
            .map(|s| s.pages)
            .sum();
        return Line::styled(
            format!(
                "Partial: {pages} pages of the region's events scanned; {continue_key} reads more"
            ),
            theme.warn,
        );
    }
    // Pages load as the list is scrolled: until the last, this is not every event.
    let more = view.streams.iter().any(|s| !s.done);
    if !view.filter.is_empty() {
        let scope = if more {
            " (in the events read so far)"
        } else {
            ""
        };
        return Line::styled(
            format!("Filtered: {}{scope}", sanitize_line(&view.filter)),
            theme.filter,
        );
    }
    if more {
        return Line::styled(
            "More events in this window: they load as you scroll down.",
            theme.dim,
        );
    }
    Line::styled("Every event in the window is here.", theme.dim)
}

/// The whole record of the open event, pretty-printed and sanitised.
pub fn render_record(frame: &mut Frame, area: Rect, view: &AuditView, theme: &Theme) {
    let Some((index, scroll)) = view.record else {
        return;
    };
    let Some(event) = view.rows().nth(index) else {
        return;
    };
    let pretty = serde_json::from_str::<serde_json::Value>(&event.raw)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| event.raw.clone());
    let lines: Vec<Line> = sanitize_lines(&pretty)
        .into_iter()
        .map(|l| Line::styled(l.into_owned(), theme.text))
        .collect();
    let popup = centered(
        area,
        area.width.saturating_sub(8).min(120),
        area.height.saturating_sub(4),
    );
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane_block(
                Line::from(format!(
                    " {} · the whole record ",
                    sanitize_line(&event.name)
                )),
                true,
                theme,
            ))
            .scroll((scroll, 0)),
        popup,
    );
}
