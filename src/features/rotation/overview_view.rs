//! The fleet overview popup: counts per health, the posture checks and how many secrets
//! fail each, then every secret, riskiest first (or as sorted).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Row, Table};

use crate::features::rotation::overview::Overview;
use crate::model::posture::Check;
use crate::sanitize::sanitize_line;
use crate::ui::Theme;
use crate::ui::widgets::{centered, pane_block, scroll_offset};

/// The popup; its keys are in the footer, as for every layer.
pub fn render(frame: &mut Frame, area: Rect, overview: &Overview, theme: &Theme) {
    let report = &overview.report;
    let popup = centered(
        area,
        area.width.saturating_sub(4).min(140),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, popup);
    let title = format!(
        " Rotation overview · {} secrets · sorted by {} ",
        report.secrets,
        overview.sort.label()
    );
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let checks = u16::try_from(Check::ALL.len()).unwrap_or(5);
    let [counts, checks_area, _gap, table] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(checks),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    render_summary(frame, counts, checks_area, overview, theme);
    render_table(frame, table, overview, theme);
}

/// The counts per health, and each check with how many secrets fail it.
fn render_summary(
    frame: &mut Frame,
    counts: Rect,
    checks_area: Rect,
    overview: &Overview,
    theme: &Theme,
) {
    let report = &overview.report;
    let mut spans = Vec::new();
    for (health, n) in &report.by_health {
        spans.push(Span::styled(
            format!(" {} {n} ", health.label()),
            theme.health(*health),
        ));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), counts);

    let check_lines: Vec<Line> = report
        .failing
        .iter()
        .zip(&overview.checks)
        .map(|((check, failing), asks)| {
            let verdict = if *failing == 0 {
                Span::styled("all pass".to_owned(), theme.ok)
            } else {
                Span::styled(format!("{failing} fail"), theme.error)
            };
            Line::from(vec![
                Span::styled(format!("{:<18}", check.id()), theme.label),
                Span::styled(format!("{asks:<40}"), theme.text),
                verdict,
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(check_lines), checks_area);
}

/// Every secret, as sorted, the highlighted one in view.
fn render_table(frame: &mut Frame, table: Rect, overview: &Overview, theme: &Theme) {
    let report = &overview.report;
    let visible = usize::from(table.height.saturating_sub(1));
    let offset = scroll_offset(overview.selected, report.findings.len(), visible);
    let rows = report
        .findings
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, f)| {
            let failed: Vec<&str> = f
                .failed
                .iter()
                .map(|c| &c.id()["SecretsManager.".len()..])
                .collect();
            let next = f
                .next_rotation
                .map_or_else(|| "—".to_owned(), |t| t.strftime("%Y-%m-%d").to_string());
            let row = Row::new(vec![
                Span::styled(f.health.label(), theme.health(f.health)),
                Span::raw(sanitize_line(&f.name).into_owned()),
                Span::raw(sanitize_line(&f.region).into_owned()),
                Span::raw(next),
                Span::styled(failed.join(" "), theme.error),
            ]);
            if i == overview.selected {
                row.style(theme.selected)
            } else {
                row
            }
        });
    let header = Row::new([
        "HEALTH",
        "NAME",
        "REGION",
        "NEXT",
        "FAILS (SecretsManager.n)",
    ])
    .style(theme.header);
    frame.render_widget(
        Table::new(
            rows,
            [
                Constraint::Length(14),
                Constraint::Fill(1),
                Constraint::Length(15),
                Constraint::Length(11),
                Constraint::Length(24),
            ],
        )
        .header(header),
        table,
    );
}
