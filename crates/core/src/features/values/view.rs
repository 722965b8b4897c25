//! The value check popup, a pure function of it: the masked value (its length only), the
//! scopes with what reading each costs, the progress, then the secrets and fields found,
//! and those that could not be read. No value is ever among what it draws.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::fingerprint::Field;
use crate::kit::Theme;
use crate::kit::widgets::{MASK, centered, dim_line, pane_block, scroll_offset};
use crate::sanitize::sanitize_line;

use super::findings::{Findings, Holder};
use super::typed::MAX_BYTES;
use super::{Kind, Stage, ValueCheck};

pub(crate) fn render(frame: &mut Frame, area: Rect, check: &ValueCheck, theme: &Theme) {
    let popup = centered(
        area,
        area.width.saturating_sub(4).min(120),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, popup);
    let title = match check.kind {
        Kind::Find => " Find a value ",
        Kind::Reused => " Reused values ",
    };
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let height = usize::from(inner.height);
    let paragraph = match check.stage {
        Stage::Target => Paragraph::new(target_lines(check, theme)).wrap(Wrap { trim: false }),
        Stage::Scope => Paragraph::new(scope_lines(check, theme)).wrap(Wrap { trim: false }),
        // One line a row, cut at the edge, so the rows counted are the lines drawn.
        Stage::Scanning | Stage::Done => Paragraph::new(result_lines(check, height, theme)),
    };
    frame.render_widget(paragraph, inner);
}

fn target_lines(check: &ValueCheck, theme: &Theme) -> Vec<Line<'static>> {
    let typed = if check.typed_chars == 0 {
        Span::styled("(nothing yet)", theme.dim)
    } else {
        Span::styled(
            format!("{MASK}  {} characters, not shown", check.typed_chars),
            theme.masked,
        )
    };
    let mut lines = vec![
        Line::from("The value to look for (type or paste it; it is never drawn):"),
        Line::from(vec![Span::raw("  "), typed]),
        Line::default(),
        dim_line(
            "Enter hands it to smtui's AWS side once, to be fingerprinted with a key made for \
             this run, and wipes it here; then choose where to look.",
            theme,
        ),
    ];
    if check.too_long {
        lines.push(Line::styled(
            format!("At most {MAX_BYTES} bytes: no secret holds a longer value"),
            theme.warn,
        ));
    }
    lines
}

fn scope_lines(check: &ValueCheck, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from("Read the values of:")];
    for (at, choice) in check.choices.iter().enumerate() {
        let mut text = format!(
            "{}: {} secret{}",
            choice.label,
            choice.secrets,
            plural(choice.secrets)
        );
        if choice.deleted > 0 {
            let _ = write!(text, ", {} scheduled for deletion left out", choice.deleted);
        }
        let chosen = at == check.choice.at();
        let marker = if chosen { "> " } else { "  " };
        let style = if chosen { theme.selected } else { theme.text };
        lines.push(Line::styled(format!("{marker}{text}"), style));
    }
    lines.push(Line::default());
    if let Some(choice) = check.chosen() {
        let n = choice.secrets;
        lines.push(Line::styled(
            format!(
                "Reading {n} value{} costs {n} GetSecretValue event{} in CloudTrail and {n} \
                 KMS Decrypt call{}, in batches of up to 20.",
                plural(n),
                plural(n),
                plural(n)
            ),
            theme.warn,
        ));
    }
    lines.push(dim_line(
        "Each value and each JSON field is compared by keyed hash; none is shown, kept or \
         written. Enter starts, Esc closes.",
        theme,
    ));
    if matches!(check.findings, Findings::Find { target: None, .. }) {
        lines.push(Line::styled("Fingerprinting the value…", theme.loading));
    }
    lines
}

fn result_lines(check: &ValueCheck, height: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![progress_line(check, theme), summary_line(check, theme)];
    let holders = check.findings.holders();
    let mut rows: Vec<(Option<usize>, Line<'static>)> = Vec::new();
    match &check.findings {
        Findings::Find { .. } => {
            for (at, holder) in holders.iter().enumerate() {
                rows.push((
                    Some(at),
                    holder_line(holder, at == check.result.at(), theme),
                ));
            }
        }
        Findings::Reused { groups, .. } => {
            let mut at = 0;
            for group in groups {
                let secrets = group.secrets;
                rows.push((
                    None,
                    Line::styled(
                        format!(
                            "One value in {secrets} secret{}{}:",
                            plural(secrets),
                            if group.holders.len() > secrets {
                                format!(" ({} places)", group.holders.len())
                            } else {
                                String::new()
                            }
                        ),
                        theme.header,
                    ),
                ));
                for holder in &group.holders {
                    rows.push((
                        Some(at),
                        holder_line(holder, at == check.result.at(), theme),
                    ));
                    at += 1;
                }
            }
        }
    }
    let unreadable = check.unreadable();
    // The unreadable secrets take at most a third of the rows (their heading and an "and N
    // more" line among them), at least the heading and one.
    // Two lines each: the secret, then why (the service's words are long).
    let unread_lines = if unreadable.is_empty() {
        0
    } else {
        (2 * unreadable.len() + 1).min((height / 3).max(3))
    };
    let room = height.saturating_sub(lines.len() + unread_lines);
    let selected_row = rows
        .iter()
        .position(|(at, _)| *at == Some(check.result.at()))
        .unwrap_or(0);
    let skip = scroll_offset(selected_row, rows.len(), room);
    lines.extend(rows.into_iter().skip(skip).take(room).map(|(_, line)| line));
    if !unreadable.is_empty() {
        lines.push(Line::styled(
            format!("Could not read ({}):", unreadable.len()),
            theme.warn,
        ));
        let shown = if 2 * unreadable.len() < unread_lines {
            unreadable.len()
        } else {
            unread_lines.saturating_sub(2) / 2
        };
        for (secret, why) in &unreadable[..shown] {
            lines.push(Line::styled(
                format!("  {}  {}", sanitize_line(&secret.name), secret.region),
                theme.text,
            ));
            lines.push(dim_line(format!("    {}", sanitize_line(why)), theme));
        }
        if shown < unreadable.len() {
            lines.push(dim_line(
                format!("  and {} more", unreadable.len() - shown),
                theme,
            ));
        }
    }
    lines
}

fn progress_line(check: &ValueCheck, theme: &Theme) -> Line<'static> {
    let Some(scan) = &check.scan else {
        return Line::default();
    };
    let unread = scan.unreadable.len();
    let unread = if unread > 0 {
        format!(" · {unread} could not be read")
    } else {
        String::new()
    };
    match (check.stage, scan.cancelled) {
        (Stage::Scanning, false) => Line::styled(
            format!(
                "Reading: {} of {}{unread} · Esc cancels",
                scan.answered, scan.total
            ),
            theme.loading,
        ),
        (Stage::Scanning, true) => Line::styled(
            format!(
                "Cancelling: waiting for the batches already sent ({} of {} answered){unread}",
                scan.answered, scan.total
            ),
            theme.loading,
        ),
        (_, true) => Line::styled(
            format!("Cancelled: {} of {} read{unread}", scan.read(), scan.total),
            theme.warn,
        ),
        _ => Line::styled(
            format!("Read {} of {}{unread}", scan.read(), scan.total),
            theme.ok,
        ),
    }
}

fn summary_line(check: &ValueCheck, theme: &Theme) -> Line<'static> {
    match &check.findings {
        Findings::Find { hits, .. } => {
            let mut secrets: Vec<&str> = hits.iter().map(|h| h.secret.arn.as_str()).collect();
            secrets.dedup();
            if hits.is_empty() {
                Line::styled("Not found in what was read.", theme.text)
            } else {
                Line::styled(
                    format!(
                        "Found in {} secret{} ({} place{}); Enter goes to one:",
                        secrets.len(),
                        plural(secrets.len()),
                        hits.len(),
                        plural(hits.len())
                    ),
                    theme.error,
                )
            }
        }
        Findings::Reused { shared, groups, .. } => {
            let count = if groups.is_empty() {
                *shared
            } else {
                groups.len()
            };
            if count == 0 {
                Line::styled("No value is held twice in what was read.", theme.ok)
            } else {
                Line::styled(
                    format!(
                        "{count} value{} held in more than one place{}",
                        plural(count),
                        if groups.is_empty() {
                            " so far"
                        } else {
                            "; Enter goes to one:"
                        }
                    ),
                    theme.warn,
                )
            }
        }
    }
}

fn holder_line(holder: &Holder, selected: bool, theme: &Theme) -> Line<'static> {
    let field = match &holder.field {
        Field::Whole => "the whole value".to_owned(),
        Field::Key { key, .. } => format!("field {}", sanitize_line(key)),
    };
    let marker = if selected { "> " } else { "  " };
    let style = if selected { theme.selected } else { theme.text };
    Line::from(vec![
        Span::styled(
            format!("{marker}{}  ", sanitize_line(&holder.secret.name)),
            style,
        ),
        Span::styled(field, theme.json_key),
        Span::styled(
            format!(
                "  {}  {}",
                holder.secret.region,
                holder.secret.arn.account()
            ),
            theme.dim,
        ),
    ])
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
