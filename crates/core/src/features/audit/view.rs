//! The audit pane (summary, then the events newest first) and the whole record of one
//! event. Everything from CloudTrail is untrusted: sanitised here, and elided visibly (in
//! the middle) to fit its cell, never cut silently.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Row, Table, Wrap};

use crate::features::audit::Command as AuditCommand;
use crate::features::audit::columns::{self, Column, RowText};
use crate::features::audit::summary::{plural, summary_words};
use crate::features::audit::{AuditView, Record, Scope};
use crate::kit::widgets::{centered, pane_block};
use crate::kit::wrap::elide_middle;
use crate::kit::wrap::wrap_indented;
use crate::kit::{Scroll, Theme};
use crate::model::audit::{AuditEvent, PrincipalKind};
use crate::room::keys::{Bind, Labels};
use crate::room::layers::Layer;
use crate::sanitize::{sanitize_line, sanitize_lines};

/// The table's least height before the summary has all it wants: its header and two
/// events.
const TABLE_FLOOR: u16 = 3;

/// The audit pane over `area`; times in the local zone are in `tz`.
pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    view: &AuditView,
    (tz, keymap): (&TimeZone, &dyn Labels),
    theme: &Theme,
) {
    let popup = centered(
        area,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, popup);
    let what = match &view.scope {
        Scope::Secret { secret } => format!("{} in {}", sanitize_line(&secret.name), secret.region),
        Scope::Region { region, .. } => format!("every Secrets Manager event in {region}"),
    };
    let title = format!(
        " Audit · {what} · last {} · {} ",
        view.window.label(),
        if view.utc { "UTC" } else { "local time" }
    );
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [body, status] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    // The events come before the summary: on a short screen the table keeps its header and
    // a couple of rows (so the event Enter opens is on screen) and the summary shortens.
    let words = summary_words(view, |at| time(Some(at), view.utc, tz));
    let full = Paragraph::new(words.full(theme)).wrap(Wrap { trim: false });
    let full_rows = u16::try_from(full.line_count(inner.width)).unwrap_or(u16::MAX);
    let table_floor = TABLE_FLOOR.min(body.height.saturating_sub(1));
    let (summary_paragraph, summary_rows) = if full_rows.saturating_add(table_floor) <= body.height
    {
        (full, full_rows)
    } else {
        let rows = body.height - table_floor;
        (Paragraph::new(words.short(rows, inner.width, theme)), rows)
    };
    let [summary, table] =
        Layout::vertical([Constraint::Length(summary_rows), Constraint::Fill(1)]).areas(body);
    frame.render_widget(summary_paragraph, summary);
    render_table(frame, table, view, tz, theme);
    let continue_key = keymap.of(Layer::Audit, Bind::Own(AuditCommand::ContinueScan));
    frame.render_widget(
        Paragraph::new(status_line(view, &continue_key, status.width, theme)),
        status,
    );
}

pub(super) fn time(at: Option<Timestamp>, utc: bool, tz: &TimeZone) -> String {
    time_as(at, utc, tz, "%Y-%m-%d %H:%M:%S")
}

fn time_as(at: Option<Timestamp>, utc: bool, tz: &TimeZone, format: &str) -> String {
    match at {
        None => "—".to_owned(),
        Some(at) if utc => at.strftime(format).to_string(),
        Some(at) => at.to_zoned(tz.clone()).strftime(format).to_string(),
    }
}

fn render_table(frame: &mut Frame, area: Rect, view: &AuditView, tz: &TimeZone, theme: &Theme) {
    let total = view.row_count();
    // The region view covers every secret: which one each event is about gets a column.
    let by_secret = matches!(view.scope, Scope::Region { .. });
    let texts: Vec<RowText> = view.rows().map(|e| row_text(e, by_secret)).collect();
    let plan = columns::plan(area.width, by_secret, &texts);
    let height = usize::from(area.height.saturating_sub(1));
    let offset = view.selected.window(total, height);
    let rows = view
        .rows()
        .zip(&texts)
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, (event, text))| {
            let row = Row::new(cells(event, text, &plan, (view.utc, tz), theme));
            if i == view.selected.at() {
                row.style(theme.selected)
            } else if event.denied() {
                row.style(theme.audit_denied)
            } else {
                row
            }
        });
    let header = Row::new(plan.iter().map(|(c, _)| c.title())).style(theme.header);
    let widths = plan.iter().map(|&(_, w)| Constraint::Length(w));
    frame.render_widget(Table::new(rows, widths).header(header), area);
}

/// The texts of an event's row, sanitised, at their full length.
fn row_text(event: &AuditEvent, by_secret: bool) -> RowText {
    let mut who = sanitize_line(&event.principal.label).into_owned();
    if event.principal.mfa {
        who.push_str(" [MFA]");
    }
    if let Some(source) = &event.principal.source_identity {
        who.push_str(" via ");
        who.push_str(&sanitize_line(source));
    }
    let secret = if by_secret {
        sanitize_line(&event.secret_label().unwrap_or_default()).into_owned()
    } else {
        String::new()
    };
    RowText {
        event: sanitize_line(&event.name).into_owned(),
        secret,
        principal: who,
        source_ip: sanitize_line(event.source_ip.as_deref().unwrap_or("")).into_owned(),
        agent: sanitize_line(&event.short_agent()).into_owned(),
        outcome: sanitize_line(&event.outcome().0).into_owned(),
    }
}

/// The row's cells fitted to the planned widths: a text too long loses its middle (an
/// ARN's or a path's both ends say the most), visibly, never cut silently at the edge.
fn cells<'a>(
    event: &AuditEvent,
    text: &RowText,
    plan: &[(Column, u16)],
    (utc, tz): (bool, &TimeZone),
    theme: &Theme,
) -> Vec<Span<'a>> {
    plan.iter()
        .map(|&(column, width)| {
            let fitted = match column {
                Column::Time if usize::from(width) < columns::TIME_WIDTH => {
                    time_as(event.time, utc, tz, "%m-%d %H:%M:%S")
                }
                Column::Time => time(event.time, utc, tz),
                _ => elide_middle(text.get(column), usize::from(width)),
            };
            match column {
                Column::Principal if event.principal.kind == PrincipalKind::Root => {
                    Span::styled(fitted, theme.audit_root)
                }
                Column::Outcome if event.outcome().1 => Span::styled(fitted, theme.audit_denied),
                Column::Outcome => Span::styled(fitted, theme.audit_success),
                _ => Span::raw(fitted),
            }
        })
        .collect()
}

/// The pane's last row: the filter and what it covers (it is applied to the events loaded
/// so far only, and says so while more exist), then how the lookups stand. Too long for the
/// row, it loses its middle, visibly.
fn status_line<'a>(view: &AuditView, continue_key: &str, width: u16, theme: &Theme) -> Line<'a> {
    let (state, style) = lookup_state(view, continue_key, theme);
    let line = if view.filter.is_empty() {
        Line::styled(state, style)
    } else {
        let filter = sanitize_line(&view.filter);
        let covers = if view.more() {
            format!(
                "in the {} loaded so far, more in the window",
                plural(view.events.len(), "event")
            )
        } else {
            "over the whole window".to_owned()
        };
        Line::from(vec![
            Span::styled(format!("Filtered: {filter} ({covers})"), theme.filter),
            Span::styled(" · ", theme.dim),
            Span::styled(state, style),
        ])
    };
    let width = usize::from(width);
    if line.width() <= width {
        line
    } else {
        let style = line.spans.first().map_or(style, |s| s.style);
        Line::styled(elide_middle(&line.to_string(), width), style)
    }
}

/// How the lookups stand, in words, and their style.
fn lookup_state(view: &AuditView, continue_key: &str, theme: &Theme) -> (String, Style) {
    if let Some(error) = &view.error {
        return (sanitize_line(error).into_owned(), theme.error);
    }
    if view.loading() {
        return ("Looking up events…".to_owned(), theme.loading);
    }
    if view.partial() {
        let pages: usize = view
            .streams
            .iter()
            .filter(|s| s.lookup == crate::features::audit::call::Lookup::EventSource)
            .map(|s| s.pages)
            .sum();
        return (
            format!(
                "Partial: {pages} pages of the region's events scanned; {continue_key} reads more"
            ),
            theme.warn,
        );
    }
    // Pages load as the list is scrolled: until the last, this is not every event.
    if view.more() {
        return (
            "More events in this window: they load as you scroll down.".to_owned(),
            theme.dim,
        );
    }
    // Loaded, not shown: own reads left out are counted in the summary above.
    (
        "Every event in the window has loaded.".to_owned(),
        theme.dim,
    )
}

/// The whole record of the open event, pretty-printed, sanitised and wrapped to the popup
/// (nothing is cut at its edge: it reads by scrolling up and down).
pub(crate) fn render_record(frame: &mut Frame, area: Rect, record: &Record, theme: &Theme) {
    let record = record_layout(area, record, theme);
    let block = pane_block(record.title, true, theme);
    // The scroll kept in the state may have run past the end (update does not know the
    // popup's size): the last page is shown then, never an empty popup.
    let scroll = record.scroll.draw(record.lines.len(), record.height);
    let lines: Vec<Line> = record
        .lines
        .into_iter()
        .map(|l| Line::styled(l, theme.text))
        .collect();
    frame.render_widget(Clear, record.popup);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        record.popup,
    );
}

struct RecordLayout<'a> {
    popup: Rect,
    title: Line<'static>,
    lines: Vec<String>,
    scroll: &'a Scroll,
    /// The rows inside the popup's border.
    height: u16,
}

fn record_layout<'a>(area: Rect, record: &'a Record, theme: &Theme) -> RecordLayout<'a> {
    let (event, scroll) = (&record.event, &record.scroll);
    let pretty = serde_json::from_str::<serde_json::Value>(&event.raw)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| event.raw.clone());
    let popup = centered(
        area,
        area.width.saturating_sub(8).min(120),
        area.height.saturating_sub(4),
    );
    let title = Line::from(format!(
        " {} · the whole record ",
        sanitize_line(&event.name)
    ));
    let inner = pane_block(title.clone(), true, theme).inner(popup);
    let lines: Vec<String> = sanitize_lines(&pretty)
        .iter()
        .flat_map(|l| wrap_indented(l, usize::from(inner.width)))
        .collect();
    RecordLayout {
        popup,
        title,
        lines,
        scroll,
        height: inner.height,
    }
}
