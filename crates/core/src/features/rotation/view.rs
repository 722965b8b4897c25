//! The rotation-status panel: the derived health, the schedule in plain words, who
//! rotates it, the last and next rotation, and which version holds which label.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr as _;

use crate::features::rotation::{RotationRoom, Subject, function_name, relative, short_id};
use crate::kit::Theme;
use crate::kit::widgets::{dim_line, pane_block};
use crate::kit::wrap::{elide_middle, hang};
use crate::model::rotation::schedule::{describe, describe_window};
use crate::model::rotation::{Health, next_rotation};
use crate::room::Ctx;
use crate::sanitize::sanitize_line;

/// The panel for the selected secret; `named`: its title names the secret, where nothing
/// beside the panel does (the tabs of a narrow screen).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    (ctx, named): (&Ctx, bool),
    room: &RotationRoom,
    theme: &Theme,
) {
    let mut paragraph = paragraph(area.width, ctx, room, theme);
    if let Some(secret) = ctx.selected.filter(|_| named) {
        // ` Rotation · NAME ` between the block's corners; the name keeps 8 at the least.
        let frame = " Rotation · ".width() + " ".width() + 2;
        let room = usize::from(area.width).saturating_sub(frame).max(8);
        let name = elide_middle(&sanitize_line(&secret.name), room);
        let title = Line::from(format!(" Rotation · {name} "));
        paragraph = paragraph.block(pane_block(title, false, theme));
    }
    frame.render_widget(paragraph, area);
}

/// Rows the panel needs, borders included, to show all of itself `width` columns wide.
pub(crate) fn rows_needed(width: u16, ctx: &Ctx, room: &RotationRoom, theme: &Theme) -> u16 {
    let rows = paragraph(width, ctx, room, theme).line_count(width.saturating_sub(2));
    u16::try_from(rows).unwrap_or(u16::MAX)
}

fn paragraph<'a>(width: u16, ctx: &Ctx, room: &RotationRoom, theme: &Theme) -> Paragraph<'a> {
    let block = pane_block(Line::from(" Rotation "), false, theme);
    let lines = match Subject::of(ctx) {
        None => vec![dim_line("Nothing selected.", theme)],
        // A long value wraps under itself, not under the labels.
        Some(subject) => lines(&subject, ctx, room, theme)
            .into_iter()
            .flat_map(|line| hang(line, LABEL_WIDTH, usize::from(width.saturating_sub(2))))
            .collect(),
    };
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
}

/// The column the values start in, after their label.
const LABEL_WIDTH: usize = 10;

fn field<'a>(label: &'static str, spans: Vec<Span<'a>>, theme: &Theme) -> Line<'a> {
    let mut all = vec![Span::styled(format!("{label:<LABEL_WIDTH$}"), theme.label)];
    all.extend(spans);
    Line::from(all)
}

fn lines<'a>(subject: &Subject, ctx: &Ctx, room: &RotationRoom, theme: &Theme) -> Vec<Line<'a>> {
    let now = ctx.wall;
    let health = subject.health(ctx, room);
    let rotation = &subject.rotation;
    let mut out = vec![field(
        "State",
        vec![
            Span::styled(format!(" {} ", health.label()), theme.health(health)),
            Span::styled(format!(" {}", why(subject, health, ctx)), theme.text),
        ],
        theme,
    )];
    let schedule = describe(rotation).map_or_else(
        || Span::styled("none", theme.dim),
        |words| {
            Span::styled(
                format!(
                    "{} · {}",
                    sanitize_line(&words),
                    sanitize_line(&describe_window(rotation))
                ),
                theme.text,
            )
        },
    );
    out.push(field("Schedule", vec![schedule], theme));
    let when = |at: Option<jiff::Timestamp>, none: &'static str| match at {
        Some(at) => Span::styled(
            format!(
                "{} ({})",
                at.strftime("%Y-%m-%d %H:%M UTC"),
                relative(at, now)
            ),
            theme.text,
        ),
        None => Span::styled(none, theme.dim),
    };
    let next = if rotation.enabled {
        when(next_rotation(rotation), "not scheduled")
    } else {
        Span::styled("—", theme.dim)
    };
    out.push(field("Next", vec![next], theme));
    out.push(field(
        "Last",
        vec![when(rotation.last_rotated, "never")],
        theme,
    ));
    out.extend(stage_lines(subject, ctx, theme));
    let by = match (&subject.owning_service, &rotation.lambda_arn) {
        (Some(service), _) => Span::styled(
            format!("managed by {} (no Lambda)", sanitize_line(service)),
            theme.text,
        ),
        (None, Some(function)) => Span::styled(
            format!("Lambda {}", function_name(function.as_str())),
            theme.text,
        ),
        (None, None) => Span::styled("no rotation function", theme.dim),
    };
    out.push(field("Rotator", vec![by], theme));
    out
}

/// Which version holds AWSCURRENT, AWSPREVIOUS and AWSPENDING.
fn stage_lines<'a>(subject: &Subject, ctx: &Ctx, theme: &Theme) -> Vec<Line<'a>> {
    let stages = &subject.stages;
    let label = |name: &'static str, id: Option<&String>| {
        vec![
            Span::styled(format!("{name} "), theme.json_key),
            Span::styled(
                id.map_or_else(|| "—".to_owned(), |id| short_id(id)),
                theme.text,
            ),
        ]
    };
    let mut out = vec![
        field(
            "Stages",
            label("AWSCURRENT", stages.current.as_ref()),
            theme,
        ),
        field("", label("AWSPREVIOUS", stages.previous.as_ref()), theme),
    ];
    if let Some(pending) = stages.pending_elsewhere() {
        let mut spans = label("AWSPENDING", Some(&pending.to_owned()));
        if let Some(since) = stages.pending_since {
            spans.push(Span::styled(
                format!(" made {}", relative(since, ctx.wall)),
                theme.dim,
            ));
        }
        out.push(field("", spans, theme));
    }
    out
}

/// The health in a few words: why it is what it is.
fn why(subject: &Subject, health: Health, ctx: &Ctx) -> String {
    let now = ctx.wall;
    let rotation = &subject.rotation;
    let next = next_rotation(rotation);
    let pending = subject.stages.pending_elsewhere().map(short_id);
    match health {
        Health::Healthy | Health::DueSoon => next.map_or_else(String::new, |at| {
            if at <= now {
                "the rotation window is open".to_owned()
            } else {
                format!("next rotation {}", relative(at, now))
            }
        }),
        Health::Overdue => {
            next.map_or_else(String::new, |at| format!("was due {}", relative(at, now)))
        }
        Health::NeverRotated => "no rotation has completed yet".to_owned(),
        Health::Disabled => "automatic rotation is off".to_owned(),
        Health::Rotating => "a rotation is under way".to_owned(),
        Health::Stuck => match pending {
            Some(_) if !rotation.enabled => {
                "left behind, rotation off; :repair-rotation".to_owned()
            }
            Some(_) => ":repair-rotation removes AWSPENDING".to_owned(),
            None => "the latest rotation failed".to_owned(),
        },
    }
}
