//! The detail pane: metadata, rotation, replication, tags and versions of the selection.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::kit::Theme;
use crate::kit::widgets::{date, date_time, dim_line, pane_block};
use crate::kit::wrap::{break_identifier, hang};
use crate::model::SecretDetail;
use crate::model::rotation::schedule::describe;
use crate::model::rotation::{Facts, StageMap, derive, next_rotation};
use crate::room::Ctx;
use crate::sanitize::sanitize_line;

/// The selected secret's detail, from `ctx` (the selection and its cached detail).
/// `rotation_line`: the rotation panel is not on screen, so a line here says its state.
pub(crate) fn render(frame: &mut Frame, area: Rect, ctx: &Ctx, rotation_line: bool, theme: &Theme) {
    frame.render_widget(paragraph(area.width, ctx, rotation_line, theme), area);
}

/// Rows the pane needs, borders included, to show all of itself `width` columns wide.
pub(crate) fn rows_needed(width: u16, ctx: &Ctx, rotation_line: bool, theme: &Theme) -> u16 {
    let rows = paragraph(width, ctx, rotation_line, theme).line_count(width.saturating_sub(2));
    u16::try_from(rows).unwrap_or(u16::MAX)
}

fn paragraph<'a>(width: u16, ctx: &Ctx<'a>, rotation_line: bool, theme: &Theme) -> Paragraph<'a> {
    let block = pane_block(Line::from(" Detail "), false, theme);
    let lines = match (ctx.selected, ctx.detail) {
        (None, _) => vec![dim_line("Nothing selected.", theme)],
        (Some(_), None) => vec![Line::styled("Loading…", theme.loading)],
        (Some(_), Some(Ok(detail))) => {
            let inner = usize::from(width.saturating_sub(2));
            let width = inner.saturating_sub(LABEL_WIDTH);
            // A long value wraps under itself, not under the labels.
            lines(detail, width, rotation_line.then_some(ctx), theme)
                .into_iter()
                .flat_map(|line| hang(line, LABEL_WIDTH, inner))
                .collect()
        }
        (Some(selected), Some(Err(err))) => vec![Line::styled(
            sanitize_line(&ctx.explain_as(selected.identity, err)).into_owned(),
            theme.error,
        )],
    };
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
}

/// The column the values start in, after their label.
const LABEL_WIDTH: usize = 12;

/// A name or an ARN, broken after its separators to fit `width`; the lines after the
/// first start under the value, not under the label.
fn identifier<'a>(label: &'static str, value: &str, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    break_identifier(&safe(value), width)
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let label = if i == 0 { label } else { "" };
            field(label, piece, theme)
        })
        .collect()
}

fn field<'a>(label: &'static str, value: impl Into<String>, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<12}"), theme.label),
        Span::styled(value.into(), theme.text),
    ])
}

fn safe(text: &str) -> String {
    sanitize_line(text).into_owned()
}

fn lines<'a>(
    d: &SecretDetail,
    width: usize,
    rotation_line: Option<&Ctx>,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut out = identifier("Name", &d.name, width, theme);
    out.extend(identifier("ARN", d.arn.as_str(), width, theme));
    if let Some(desc) = &d.description {
        out.push(field("Description", safe(desc), theme));
    }
    out.push(field(
        "KMS key",
        d.kms_key_id
            .as_deref()
            .map_or("aws/secretsmanager (default)".to_owned(), safe),
        theme,
    ));
    out.push(field("Created", date_time(d.created), theme));
    out.push(field("Changed", date_time(d.last_changed), theme));
    out.push(field("Accessed", date(d.last_accessed), theme));
    if let Some(deleted) = d.deleted_date {
        out.push(Line::from(vec![
            Span::styled(format!("{:<12}", "Deletion"), theme.label),
            Span::styled(
                format!("scheduled for {}", date_time(Some(deleted))),
                theme.warn,
            ),
        ]));
    }
    if let Some(ctx) = rotation_line {
        out.push(rotation(d, ctx, theme));
    }
    if let Some(service) = &d.owning_service {
        out.push(Line::from(vec![
            Span::styled(format!("{:<12}", "Managed by"), theme.label),
            Span::styled(
                format!(
                    "{}: read-only here, change it through that service",
                    safe(service)
                ),
                theme.warn,
            ),
        ]));
    }
    if let Some(primary) = &d.primary_region {
        out.push(field("Replica of", safe(primary), theme));
    }
    for replica in &d.replicas {
        let mut text = format!("→ {} {}", safe(&replica.region), safe(&replica.status));
        if let Some(message) = &replica.message {
            let _ = write!(text, " ({})", safe(message));
        }
        out.push(field("Replication", text, theme));
    }
    let tags = if d.tags.is_empty() {
        "none".to_owned()
    } else {
        d.tags
            .iter()
            .map(|t| format!("{}={}", safe(&t.key), safe(&t.value)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push(field("Tags", tags, theme));
    out.push(Line::styled(
        format!("Versions ({})", d.versions.len()),
        theme.header,
    ));
    if let Some(error) = &d.versions_error {
        out.push(Line::styled(
            format!("  only the labelled ones: {}", safe(error)),
            theme.warn,
        ));
    }
    for v in &d.versions {
        let stages = if v.stages.is_empty() {
            "—".to_owned()
        } else {
            v.stages
                .iter()
                .map(|s| safe(s))
                .collect::<Vec<_>>()
                .join(",")
        };
        // The full id is in the version picker (p); eight characters tell versions apart here.
        let id: String = safe(&v.id).chars().take(8).collect();
        out.push(Line::from(vec![
            Span::styled(format!("  {stages:<12} "), theme.json_key),
            Span::styled(format!("{id:<9}"), theme.text),
            Span::styled(date(v.created), theme.dim),
        ]));
    }
    out
}

/// The rotation health and schedule in one line, for screens too low for the panel.
fn rotation<'a>(d: &SecretDetail, ctx: &Ctx, theme: &Theme) -> Line<'a> {
    let r = &d.rotation;
    let health = derive(
        Facts {
            rotation: r,
            stages: &StageMap::of_detail(d),
            events: &[],
        },
        ctx.wall,
        ctx.settings.rotation,
    );
    let mut spans = vec![
        Span::styled(format!("{:<12}", "Rotation"), theme.label),
        Span::styled(health.label(), theme.health(health)),
    ];
    if let Some(schedule) = describe(r) {
        spans.push(Span::styled(format!(" · {}", safe(&schedule)), theme.dim));
    }
    if let Some(next) = next_rotation(r).filter(|_| r.enabled) {
        spans.push(Span::styled(
            format!(" · next {}", date(Some(next))),
            theme.dim,
        ));
    }
    Line::from(spans)
}
