//! The replication pane: what was read and what is flagged, one row per region against the
//! primary, and the highlighted row's long texts whole. Everything AWS sent (names, keys,
//! tags, status messages, errors) is sanitised here; no value is ever drawn (the value
//! check holds fingerprints only).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Row, Table, Wrap};

use crate::features::replication::{Policies, ReplicationView, Role, Source, TagsMatch};
use crate::kit::Theme;
use crate::kit::widgets::{centered, date_time, pane_block};
use crate::kit::wrap::elide_middle;
use crate::sanitize::sanitize_line;

pub(crate) fn render(frame: &mut Frame, area: Rect, view: &ReplicationView, theme: &Theme) {
    let popup = centered(
        area,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, popup);
    let title = format!(
        " Replication · {} in {} ",
        sanitize_line(&view.secret.name),
        view.secret.region
    );
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let head = head_lines(view, theme);
    let head_rows = u16::try_from(head.len()).unwrap_or(u16::MAX);
    let [top, table, about] = Layout::vertical([
        Constraint::Length(head_rows.min(inner.height.saturating_sub(4))),
        Constraint::Fill(1),
        Constraint::Length(6),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: false }), top);
    render_table(frame, table, view, theme);
    frame.render_widget(
        Paragraph::new(about_lines(view, theme)).wrap(Wrap { trim: false }),
        about,
    );
}

/// What is still being read or could not be, what is flagged, and what to do about it.
fn head_lines(view: &ReplicationView, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    match view.copies.get(&view.secret.region) {
        Some(Source::Failed(why)) => lines.push(Line::styled(
            format!("DescribeSecret: {}", sanitize_line(why)),
            theme.error,
        )),
        Some(Source::Loading) | None => {
            lines.push(Line::styled("Reading the secret…", theme.loading));
        }
        Some(Source::Read(_)) => {}
    }
    let Some(primary) = &view.primary else {
        return lines;
    };
    match view.copies.get(&primary.region) {
        Some(Source::Failed(why)) => lines.push(Line::styled(
            format!(
                "The primary in {}: not readable ({})",
                primary.region,
                sanitize_line(why)
            ),
            theme.error,
        )),
        Some(Source::Loading) | None => {
            lines.push(Line::styled(
                format!("Reading the primary in {}…", primary.region),
                theme.loading,
            ));
        }
        Some(Source::Read(copy)) if copy.replicas.is_empty() => lines.push(Line::styled(
            format!(
                "Not replicated: the secret lives in {} only (a replicates it to another region)",
                primary.region
            ),
            theme.text,
        )),
        Some(Source::Read(copy)) => lines.push(Line::styled(
            format!(
                "Primary in {}, replicated to {}",
                primary.region,
                copy.replicas
                    .iter()
                    .map(|r| sanitize_line(&r.region).into_owned())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            theme.text,
        )),
    }
    if let Some(copy) = view.primary_copy() {
        for failed in copy.replicas.iter().filter(|r| r.status == "Failed") {
            lines.push(Line::styled(
                format!(
                    "{}: replication failed: {}",
                    sanitize_line(&failed.region),
                    sanitize_line(failed.message.as_deref().unwrap_or("no message"))
                ),
                theme.error,
            ));
        }
    }
    for region in &view.rows {
        if view.role(region) == Role::Promoted {
            lines.push(Line::styled(
                format!("{region}: promoted away from its primary (standalone now)"),
                theme.warn,
            ));
        }
    }
    let mismatched = view.version_mismatches();
    if !mismatched.is_empty() && view.checks.is_empty() {
        lines.push(Line::styled(
            format!(
                "AWSCURRENT differs from the primary's in {}: c compares the values (it reads each region's)",
                mismatched.join(", ")
            ),
            theme.warn,
        ));
    }
    lines
}

/// What the pane says of one region, sanitised: short words for the table's cells and
/// the whole texts for the highlighted row's lines under it.
struct Said {
    role: String,
    /// Short, then whole.
    status: (String, String),
    version: (String, String),
    changed: (String, String),
    key: String,
    tags: (String, String),
    policy: (String, String),
    value: (String, String),
}

/// The same words in the cell and in the line under the table.
fn both(text: String) -> (String, String) {
    (text.clone(), text)
}

fn said(view: &ReplicationView, region: &str) -> Said {
    let role = view.role(region);
    let primary = region == primary_region(view);
    let copy = view.copy(region);
    let role_word = match &role {
        Role::Primary => "primary".to_owned(),
        Role::Replica => "replica".to_owned(),
        Role::Promoted => "promoted".to_owned(),
        Role::OtherPrimary(p) => format!("replica of {}", sanitize_line(p)),
        Role::Unknown => "—".to_owned(),
    };
    let status = status_said(view, region, &role);
    let version = match copy {
        None => both("…".to_owned()),
        Some(c) => {
            let id = sanitize_line(c.current_version.as_deref().unwrap_or("none")).into_owned();
            match view.same_version(region) {
                _ if primary => both(id),
                Some(true) => ("= primary".to_owned(), format!("{id} (the primary's)")),
                _ => (format!("≠ {id}"), format!("{id}, not the primary's")),
            }
        }
    };
    let changed = match (copy, view.skew_of(region)) {
        (None, _) => both("…".to_owned()),
        (Some(c), _) if primary => (short_date(c.last_changed), date_time(c.last_changed)),
        (Some(c), Some(skew)) => (
            skew.clone(),
            format!("{} ({skew} against the primary)", date_time(c.last_changed)),
        ),
        (Some(c), None) => both(date_time(c.last_changed)),
    };
    let key = copy.map_or_else(
        || "…".to_owned(),
        |c| sanitize_line(c.kms_key_id.as_deref().unwrap_or("aws/secretsmanager")).into_owned(),
    );
    let (tags, policy, value) = compared_said(view, region, primary);
    Said {
        role: role_word,
        status,
        version,
        changed,
        key,
        tags,
        policy,
        value,
    }
}

/// A region's replication status, short and whole.
fn status_said(view: &ReplicationView, region: &str, role: &Role) -> (String, String) {
    let entry = view
        .primary_copy()
        .and_then(|p| p.replicas.iter().find(|r| r.region == region));
    match (role, entry) {
        (Role::Primary, _) => both("—".to_owned()),
        (Role::Promoted, _) => (
            "standalone".to_owned(),
            "promoted away from its primary (standalone now)".to_owned(),
        ),
        (_, Some(s)) if s.status == "Failed" => (
            "Failed".to_owned(),
            format!(
                "Failed: {}",
                sanitize_line(s.message.as_deref().unwrap_or("no message"))
            ),
        ),
        (_, Some(s)) => both(sanitize_line(&s.status).into_owned()),
        (_, None) => match view.copies.get(region) {
            Some(Source::Failed(why)) => (
                "unreadable".to_owned(),
                format!("not readable: {}", sanitize_line(why)),
            ),
            _ => both("—".to_owned()),
        },
    }
}

/// A region's tags, policy and value against the primary's, short and whole.
fn compared_said(
    view: &ReplicationView,
    region: &str,
    primary: bool,
) -> ((String, String), (String, String), (String, String)) {
    let tags = match view.tags_of(region) {
        _ if primary => both("—".to_owned()),
        Some(TagsMatch::Same) => ("match".to_owned(), "match the primary's".to_owned()),
        Some(TagsMatch::Differs(keys)) => {
            let keys = keys
                .iter()
                .map(|k| sanitize_line(k).into_owned())
                .collect::<Vec<_>>()
                .join(", ");
            (
                format!("differ: {keys}"),
                format!("differ from the primary's: {keys}"),
            )
        }
        None => both("…".to_owned()),
    };
    let policy = match view.policy_of(region) {
        _ if primary => both("—".to_owned()),
        Policies::Loading => both("…".to_owned()),
        Policies::Same => ("match".to_owned(), "matches the primary's".to_owned()),
        Policies::Differs => (
            "differs".to_owned(),
            "differs from the primary's".to_owned(),
        ),
        Policies::Unknown(why) => (
            "unknown".to_owned(),
            format!("could not be compared: {}", sanitize_line(&why)),
        ),
    };
    let value = match view.same_value(region) {
        _ if primary && !view.checks.is_empty() => (
            "reference".to_owned(),
            "the primary's: what the others are compared with".to_owned(),
        ),
        Some(Ok(true)) => ("same".to_owned(), "same value as the primary".to_owned()),
        Some(Ok(false)) => ("DIFFERS".to_owned(), "differs from the primary".to_owned()),
        Some(Err(why)) => (
            "not read".to_owned(),
            format!("not read: {}", sanitize_line(why)),
        ),
        None => (String::new(), String::new()),
    };
    (tags, policy, value)
}

/// A row's cells, at their full length (the table elides them).
fn row_cells(view: &ReplicationView, region: &str) -> [String; 9] {
    let s = said(view, region);
    [
        region.to_owned(),
        s.role,
        s.status.0,
        s.version.0,
        s.changed.0,
        s.key,
        s.tags.0,
        s.policy.0,
        s.value.0,
    ]
}

/// `YYYY-MM-DD HH:MM`, or a dash.
fn short_date(ts: Option<jiff::Timestamp>) -> String {
    ts.map_or_else(
        || "—".to_owned(),
        |t| t.strftime("%Y-%m-%d %H:%M").to_string(),
    )
}

fn primary_region(view: &ReplicationView) -> &str {
    view.primary.as_ref().map_or("", |p| p.region.as_str())
}

fn row_style(view: &ReplicationView, region: &str, theme: &Theme) -> Style {
    let failed = view
        .primary_copy()
        .and_then(|p| p.replicas.iter().find(|r| r.region == region))
        .is_some_and(|s| s.status == "Failed");
    if failed || view.same_value(region) == Some(Ok(false)) {
        theme.error
    } else if view.role(region) == Role::Promoted
        || view.same_version(region) == Some(false)
        || matches!(view.tags_of(region), Some(TagsMatch::Differs(_)))
        || view.policy_of(region) == Policies::Differs
    {
        theme.warn
    } else {
        theme.text
    }
}

fn render_table(frame: &mut Frame, area: Rect, view: &ReplicationView, theme: &Theme) {
    // Region, role, status, version, last change; the key, tags, policy and value share
    // what is left (the highlighted row's lines say each whole).
    let fixed = [14, 9, 11, 16, 16];
    let rest = area.width.saturating_sub(fixed.iter().sum::<u16>() + 8);
    let (value, share) = (9.min(rest), rest.saturating_sub(9) / 3);
    let widths = [
        fixed[0],
        fixed[1],
        fixed[2],
        fixed[3],
        fixed[4],
        share,
        share,
        rest.saturating_sub(value + 2 * share),
        value,
    ];
    let height = usize::from(area.height.saturating_sub(1));
    let offset = view.selected.window(view.rows.len(), height);
    let rows = view
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, region)| {
            let cells = row_cells(view, region)
                .into_iter()
                .zip(widths)
                .map(|(text, width)| elide_middle(&text, usize::from(width)));
            let row = Row::new(cells);
            if i == view.selected.at() {
                row.style(theme.selected)
            } else {
                row.style(row_style(view, region, theme))
            }
        });
    let header = Row::new([
        "REGION",
        "ROLE",
        "STATUS",
        "AWSCURRENT",
        "LAST CHANGED",
        "KMS KEY",
        "TAGS",
        "POLICY",
        "VALUE",
    ])
    .style(theme.header);
    frame.render_widget(
        Table::new(rows, widths.map(Constraint::Length)).header(header),
        area,
    );
}

/// The highlighted row's texts, whole.
fn about_lines(view: &ReplicationView, theme: &Theme) -> Vec<Line<'static>> {
    let Some(region) = view.highlighted() else {
        return Vec::new();
    };
    let s = said(view, region);
    let mut lines = vec![
        Line::styled(
            format!("{region} ({}): {}", s.role, s.status.1),
            theme.label,
        ),
        Line::styled(
            format!(
                "AWSCURRENT {} · last changed {} · key {}",
                s.version.1, s.changed.1, s.key
            ),
            theme.text,
        ),
        Line::styled(
            format!("tags {} · policy {}", s.tags.1, s.policy.1),
            theme.dim,
        ),
    ];
    if !s.value.1.is_empty() {
        lines.push(Line::styled(format!("value: {}", s.value.1), theme.dim));
    }
    lines
}
