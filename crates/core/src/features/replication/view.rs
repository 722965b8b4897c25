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
        Constraint::Length(4),
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

/// A row's cells, sanitised, at their full length: region, role, status, version, last
/// change, key, tags, policy, value.
fn row_cells(view: &ReplicationView, region: &str) -> [String; 9] {
    let role = view.role(region);
    let status = view
        .primary_copy()
        .and_then(|p| p.replicas.iter().find(|r| r.region == region));
    let copy = view.copy(region);
    let role_word = match &role {
        Role::Primary => "primary".to_owned(),
        Role::Replica => "replica".to_owned(),
        Role::Promoted => "promoted".to_owned(),
        Role::OtherPrimary(p) => format!("replica of {}", sanitize_line(p)),
        Role::Unknown => "—".to_owned(),
    };
    let status_text = match (&role, status) {
        (Role::Primary, _) => "—".to_owned(),
        (Role::Promoted, _) => "standalone".to_owned(),
        (_, Some(s)) if s.status == "Failed" => format!(
            "Failed: {}",
            sanitize_line(s.message.as_deref().unwrap_or("no message"))
        ),
        (_, Some(s)) => sanitize_line(&s.status).into_owned(),
        (_, None) => match view.copies.get(region) {
            Some(Source::Failed(why)) => format!("not readable: {}", sanitize_line(why)),
            _ => "—".to_owned(),
        },
    };
    let version = match (copy, view.same_version(region)) {
        (Some(c), same) => {
            let id = sanitize_line(c.current_version.as_deref().unwrap_or("none")).into_owned();
            match (role, same) {
                (Role::Primary, _) | (_, Some(true)) => id,
                _ => format!("{id} (differs)"),
            }
        }
        (None, _) => "…".to_owned(),
    };
    let changed = match (copy, view.skew_of(region)) {
        (Some(c), Some(skew)) if region != primary_region(view) => {
            format!("{} ({skew})", date_time(c.last_changed))
        }
        (Some(c), _) => date_time(c.last_changed),
        (None, _) => "…".to_owned(),
    };
    let key = copy.map_or_else(
        || "…".to_owned(),
        |c| sanitize_line(c.kms_key_id.as_deref().unwrap_or("aws/secretsmanager")).into_owned(),
    );
    let tags = match view.tags_of(region) {
        _ if region == primary_region(view) => "—".to_owned(),
        Some(TagsMatch::Same) => "match".to_owned(),
        Some(TagsMatch::Differs(keys)) => format!(
            "differ: {}",
            keys.iter()
                .map(|k| sanitize_line(k).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => "…".to_owned(),
    };
    let policy = match view.policy_of(region) {
        _ if region == primary_region(view) => "—".to_owned(),
        Policies::Loading => "…".to_owned(),
        Policies::Same => "match".to_owned(),
        Policies::Differs => "differs".to_owned(),
        Policies::Unknown(why) => format!("could not be compared: {}", sanitize_line(&why)),
    };
    let value = match view.same_value(region) {
        _ if region == primary_region(view) && !view.checks.is_empty() => {
            "the reference".to_owned()
        }
        Some(Ok(true)) => "same value as the primary".to_owned(),
        Some(Ok(false)) => "differs from the primary".to_owned(),
        Some(Err(why)) => format!("not read: {}", sanitize_line(why)),
        None => String::new(),
    };
    [
        region.to_owned(),
        role_word,
        status_text,
        version,
        changed,
        key,
        tags,
        policy,
        value,
    ]
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
    let fixed = [15, 9, 12, 14, 18];
    let rest = area.width.saturating_sub(fixed.iter().sum::<u16>() + 8);
    let quarter = rest / 4;
    let widths = [
        fixed[0],
        fixed[1],
        fixed[2],
        fixed[3],
        fixed[4],
        quarter,
        quarter,
        quarter,
        rest - 3 * quarter,
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

/// The highlighted row's texts the table elides, whole.
fn about_lines(view: &ReplicationView, theme: &Theme) -> Vec<Line<'static>> {
    let Some(region) = view.highlighted() else {
        return Vec::new();
    };
    let [
        region,
        role,
        status,
        version,
        changed,
        key,
        tags,
        policy,
        value,
    ] = row_cells(view, region);
    let mut lines = vec![Line::styled(
        format!("{region} ({role}): {status}"),
        theme.label,
    )];
    lines.push(Line::styled(
        format!("AWSCURRENT {version} · last changed {changed} · key {key}"),
        theme.text,
    ));
    lines.push(Line::styled(
        format!("tags: {tags} · policy: {policy}"),
        theme.dim,
    ));
    if !value.is_empty() {
        lines.push(Line::styled(format!("value: {value}"), theme.dim));
    }
    lines
}
