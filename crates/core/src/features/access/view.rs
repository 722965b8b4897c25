//! The access pane (what was read, the summary, one row per principal, the simulator's word
//! on the highlighted one) and the statements popup. Names and policy text are untrusted:
//! sanitised here, and elided visibly to fit their cells.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Row, Table, Wrap};

use crate::features::access::statements::{limit_words, proviso_words, reference};
use crate::features::access::verify::compare;

use crate::features::access::{
    AccessView, CanRead, Reach, ReadLog, Reader, Source, Statements, Verification,
};
use crate::kit::Theme;
use crate::kit::widgets::{centered, pane_block, relative};
use crate::kit::wrap::{elide_middle, wrap_indented};
use crate::model::access::Verdict;
use crate::sanitize::{sanitize_line, sanitize_lines};

/// What smtui cannot see, said on every pane: the verdicts are approximate there.
pub(crate) const APPROXIMATE: &str = "Approximate: service and resource control policies, session policies and conditions' runtime values are not visible";

pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    (view, now): (&AccessView, jiff::Timestamp),
    theme: &Theme,
) {
    let popup = centered(
        area,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, popup);
    let title = format!(
        " Who can read · {} in {} ",
        sanitize_line(&view.secret.name),
        view.secret.region
    );
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let head = head_lines(view, now, theme);
    let head_rows = u16::try_from(head.len()).unwrap_or(u16::MAX);
    let [top, table, about] = Layout::vertical([
        Constraint::Length(head_rows.min(inner.height.saturating_sub(4))),
        Constraint::Fill(1),
        Constraint::Length(4),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: false }), top);
    render_table(frame, table, view, theme);
    if let Some(reader) = view.rows.get(view.selected.at()) {
        let answer = reader.arn().and_then(|arn| view.verifications.get(arn));
        let mut lines = about_lines(reader, &view.reads, theme);
        lines.push(verification_line(reader, answer, theme));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), about);
    }
}

/// The highlighted row's cells that the table elides, whole: what grants it and what limits
/// it.
fn about_lines(reader: &Reader, reads: &ReadLog, theme: &Theme) -> Vec<Line<'static>> {
    let [label, .., granted, limits] = row_cells(reader, reads);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{label}: "), theme.label),
        Span::styled(
            if granted.is_empty() && own_root(reader) {
                "the account's root may do anything in its account that no deny forbids".to_owned()
            } else if granted.is_empty() {
                "no statement grants it".to_owned()
            } else {
                format!("granted by {granted}")
            },
            theme.text,
        ),
    ])];
    if !limits.is_empty() {
        lines.push(Line::styled(limits, theme.dim));
    }
    lines
}

/// The account's own root, which no statement needs to name.
fn own_root(reader: &Reader) -> bool {
    matches!(
        reader.principal,
        crate::model::access::Principal::Root { .. }
    ) && reader.reach == Reach::SameAccount
}

/// The sources as read (or why not, naming the permission), the summary, what is
/// unreadable, and the approximation.
fn head_lines(view: &AccessView, now: jiff::Timestamp, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut source_line = |what: &str, loading: bool, failed: Option<&String>, needs: &str| {
        if loading {
            lines.push(Line::styled(format!("Reading {what}…"), theme.loading));
        } else if let Some(why) = failed {
            lines.push(Line::styled(
                format!(
                    "{what}: not readable ({}); it needs {needs}",
                    sanitize_line(why)
                ),
                theme.error,
            ));
        }
    };
    source_line(
        "the resource policy",
        view.resource_policy == Source::Loading,
        failed(&view.resource_policy),
        "secretsmanager:GetResourcePolicy",
    );
    source_line(
        "the key",
        view.key == Source::Loading,
        failed(&view.key),
        "kms:DescribeKey and kms:GetKeyPolicy",
    );
    match &view.iam {
        Source::Loading => lines.push(progress_line(view.progress, theme)),
        Source::Failed(why) => lines.push(Line::styled(
            format!(
                "The account's IAM: not readable ({}); it needs iam:GetAccountAuthorizationDetails. Only principals the policies name are listed, without their identity policies",
                sanitize_line(why)
            ),
            theme.error,
        )),
        Source::Read((iam, at)) => lines.push(Line::styled(
            format!(
                "The account's IAM, read {} ({} UTC): {} users and roles (r reads it again)",
                match relative(*at, now).as_str() {
                    "now" => "just now".to_owned(),
                    ago => ago.to_owned(),
                },
                at.strftime("%Y-%m-%d %H:%M"),
                iam.principals.len()
            ),
            theme.dim,
        )),
    }
    for (name, why) in &view.unreadable {
        lines.push(Line::styled(
            format!(
                "Not counted: {} ({})",
                sanitize_line(name),
                sanitize_line(why)
            ),
            theme.warn,
        ));
    }
    if matches!(
        (&view.resource_policy, &view.key),
        (Source::Read(_), Source::Read(_))
    ) {
        lines.push(Line::styled(summary(&view.rows, &view.reads), theme.header));
    }
    lines.push(Line::styled(APPROXIMATE, theme.dim));
    lines
}

fn failed<T>(source: &Source<T>) -> Option<&String> {
    match source {
        Source::Failed(why) => Some(why),
        _ => None,
    }
}

/// "Reading the account's IAM" with a bar against GetAccountSummary's count when known.
fn progress_line((read, total): (usize, Option<usize>), theme: &Theme) -> Line<'static> {
    const WIDTH: usize = 20;
    let text = match total.filter(|t| *t > 0) {
        Some(total) => {
            let filled = (read.min(total) * WIDTH) / total;
            format!(
                "Reading the account's IAM [{}{}] {read} of about {total}",
                "█".repeat(filled),
                "░".repeat(WIDTH - filled)
            )
        }
        None => format!("Reading the account's IAM… {read} entities so far"),
    };
    Line::styled(text, theme.loading)
}

/// "N can read (M outside the account, public: yes/no), K read in the last D days, U
/// unused", with what the reads cover.
pub(crate) fn summary(rows: &[Reader], reads: &ReadLog) -> String {
    let readers: Vec<&Reader> = rows.iter().filter(|r| r.may_read()).collect();
    let outside = readers
        .iter()
        .filter(|r| r.reach == Reach::OtherAccount)
        .count();
    let public = readers.iter().any(|r| r.reach == Reach::Public);
    let mut text = format!(
        "{} can read ({outside} outside the account, public: {})",
        readers.len(),
        if public { "yes" } else { "no" }
    );
    if reads.start.is_none() {
        return text;
    }
    let read = rows.iter().filter(|r| r.last_read.is_some()).count();
    let unused = rows.iter().filter(|r| r.unused(reads)).count();
    let days = reads.days;
    let _ = match (&reads.error, reads.loading) {
        (Some(_), _) => write!(text, "; reads in the last {days} days not known"),
        (None, true) => write!(text, "; reading CloudTrail… {read} read so far"),
        (None, false) if reads.partial => write!(
            text,
            ", {read} read in the newest events of the last {days} days (partial: unused access not judged)"
        ),
        (None, false) => write!(
            text,
            ", {read} read in the last {days} days, {unused} unused"
        ),
    };
    text
}

fn render_table(frame: &mut Frame, area: Rect, view: &AccessView, theme: &Theme) {
    // The principal's column is as wide as the longest name, up to a third of the pane.
    let longest = view
        .rows
        .iter()
        .map(|r| sanitize_line(&r.label).chars().count())
        .max()
        .unwrap_or(0);
    let principal = u16::try_from(longest)
        .unwrap_or(u16::MAX)
        .clamp(12, (area.width / 3).max(12));
    let fixed = [principal, 8, 14, 11, 24];
    let rest = area.width.saturating_sub(fixed.iter().sum::<u16>() + 6);
    let granted_width = rest * 2 / 5;
    let widths = [
        fixed[0],
        fixed[1],
        fixed[2],
        fixed[3],
        fixed[4],
        granted_width,
        rest - granted_width,
    ];
    let height = usize::from(area.height.saturating_sub(1));
    let offset = view.selected.window(view.rows.len(), height);
    let rows = view
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, reader)| {
            let cells = row_cells(reader, &view.reads)
                .into_iter()
                .zip(widths)
                .map(|(text, width)| elide_middle(&text, usize::from(width)));
            let row = Row::new(cells);
            if i == view.selected.at() {
                row.style(theme.selected)
            } else if reader.unused(&view.reads) || reader.reads_but_cannot() {
                row.style(theme.warn)
            } else {
                row.style(can_read_style(reader.can_read(), theme))
            }
        });
    let header = Row::new([
        "PRINCIPAL",
        "KIND",
        "WHERE",
        "CAN READ",
        "LAST READ",
        "GRANTED BY",
        "LIMITS / ONLY IF",
    ])
    .style(theme.header);
    let constraints = widths.map(Constraint::Length);
    if view.rows.is_empty()
        && matches!(
            (&view.resource_policy, &view.key),
            (Source::Read(_), Source::Read(_))
        )
    {
        frame.render_widget(
            Paragraph::new(Line::styled("  nobody found", theme.dim)),
            area,
        );
        return;
    }
    frame.render_widget(Table::new(rows, constraints).header(header), area);
}

fn can_read_style(can: CanRead, theme: &Theme) -> Style {
    match can {
        CanRead::Yes => theme.text,
        CanRead::OnlyIf => theme.warn,
        CanRead::Denied | CanRead::KeyStops | CanRead::No => theme.dim,
    }
}

/// The texts of a row, sanitised, at their full length.
fn row_cells(reader: &Reader, reads: &ReadLog) -> [String; 7] {
    let can = match reader.can_read() {
        CanRead::Yes => "yes",
        CanRead::OnlyIf => "only if",
        CanRead::Denied => "no: denied",
        CanRead::KeyStops => "no: key",
        CanRead::No => "no",
    };
    let mut granted: Vec<String> = reader.access.get.deciding.iter().map(reference).collect();
    if !reader.access.decrypt.verdict.eq(&Verdict::NotAllowed) {
        granted.extend(
            reader
                .access
                .decrypt
                .deciding
                .iter()
                .filter(|s| s.policy != "aws/secretsmanager")
                .map(reference),
        );
    }
    let mut limits: Vec<String> = Vec::new();
    for decision in [&reader.access.get, &reader.access.decrypt] {
        limits.extend(decision.limits.iter().map(limit_words));
        if let Verdict::AllowedIf(provisos) = &decision.verdict {
            limits.extend(
                provisos
                    .iter()
                    .map(|p| format!("only if {}", proviso_words(p))),
            );
        }
    }
    if reader.can_read() == CanRead::KeyStops && limits.is_empty() {
        limits.push("the key policy does not allow kms:Decrypt".to_owned());
    }
    if reader.reach == Reach::OtherAccount
        && matches!(
            reader.principal,
            crate::model::access::Principal::Root { .. }
        )
    {
        limits.push("anyone that account's IAM allows".to_owned());
    }
    limits.dedup();
    [
        sanitize_line(&reader.label).into_owned(),
        reader.kind().to_owned(),
        reader.reach.label().to_owned(),
        can.to_owned(),
        last_read(reader, reads),
        sanitize_line(&granted.join(", ")).into_owned(),
        sanitize_line(&limits.join("; ")).into_owned(),
    ]
}

/// The row's last read in the window, and its flag: unused access, or reads by a principal
/// that can no longer read.
fn last_read(reader: &Reader, reads: &ReadLog) -> String {
    match reader.last_read {
        Some(at) if reader.reads_but_cannot() => {
            format!("{} · cannot now", at.strftime("%Y-%m-%d"))
        }
        Some(at) => at.strftime("%Y-%m-%d").to_string(),
        None if reader.unused(reads) => "none · unused".to_owned(),
        None if reads.complete() => "none".to_owned(),
        None if reads.loading => "…".to_owned(),
        None => "?".to_owned(),
    }
}

/// The simulator's word on the highlighted row beside smtui's, and whether they differ.
fn verification_line(
    reader: &Reader,
    answer: Option<&Verification>,
    theme: &Theme,
) -> Line<'static> {
    match answer {
        None => Line::default(),
        Some(Verification::Asking) => Line::styled("Simulator: asking…", theme.loading),
        Some(Verification::Failed(why)) => Line::styled(
            format!(
                "Simulator: {} (it needs iam:SimulatePrincipalPolicy)",
                sanitize_line(why)
            ),
            theme.error,
        ),
        Some(Verification::Answered(simulation)) => {
            let (words, disagree) = compare(reader, simulation);
            let style = if disagree { theme.warn } else { theme.ok };
            Line::from(vec![Span::styled(
                sanitize_line(&words).into_owned(),
                style,
            )])
        }
    }
}

/// The statements popup over the pane.
pub(crate) fn render_statements(
    frame: &mut Frame,
    area: Rect,
    statements: &Statements,
    theme: &Theme,
) {
    let popup = centered(
        area,
        area.width.saturating_sub(8).min(120),
        area.height.saturating_sub(4),
    );
    let title = Line::from(format!(" {} ", sanitize_line(&statements.title)));
    let block = pane_block(title, true, theme);
    let inner = block.inner(popup);
    let lines: Vec<String> = sanitize_lines(&statements.text)
        .iter()
        .flat_map(|l| wrap_indented(l, usize::from(inner.width)))
        .collect();
    let scroll = statements.scroll.draw(lines.len(), inner.height);
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::styled(l, theme.text))
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
