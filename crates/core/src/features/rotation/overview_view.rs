//! The fleet overview popup: counts per health, the posture checks and how many secrets
//! fail each, then every secret, riskiest first (or as sorted).
//!
//! The secrets are what the popup is for, so on a small screen the rest makes room for
//! them: the checks shrink to one line, then go; the counts wrap onto a second line, then
//! leave out the states no secret is in, then use the list's short words. In the table the
//! name matters most (as in the list and the audit table; all three are planned by
//! `kit::columns`): NEXT goes first (HEALTH already says overdue or due soon), then
//! REGION (first when every secret is in one), then FAILS; HEALTH then takes the list's
//! short words, and a name longer than what is left is elided in the middle.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Row, Table};
use unicode_width::UnicodeWidthStr as _;

use crate::features::rotation::overview::{Overview, TextWidths, fails_text, next_text};
use crate::kit::Theme;
use crate::kit::columns::{self, Spacing, Spec};
use crate::kit::widgets::{centered, fit, pane_block};
use crate::kit::wrap::elide_middle;
use crate::model::posture::{Check, Report};
use crate::model::rotation::Health;
use crate::sanitize::sanitize_line;

/// Table cells are one column apart (ratatui's default spacing).
const SPACING: usize = 1;
/// The optional columns stay only while the name can have this much (or all it needs):
/// typical names (team/app/purpose) whole.
const NAME_COMFORTABLE: usize = 32;
/// At most this much more room between columns when the name has all it needs.
const SPACE_APART: usize = 2;
/// HEALTH in the list's short words ("LATE", "off"): as wide as its title.
const SHORT_HEALTH: usize = "HEALTH".len();
/// Secrets the table shows before the checks get lines of their own.
const ROWS_FIRST: usize = 3;
/// The counts take at most this many lines.
const COUNT_LINES: usize = 2;
/// A check's id, then two spaces.
const ID_WIDTH: usize = "SecretsManager.1".len() + 2;

/// The popup; its keys are in the footer, as for every layer.
pub(crate) fn render(frame: &mut Frame, area: Rect, overview: &Overview, theme: &Theme) {
    let report = &overview.report;
    let popup = centered(
        area,
        area.width.saturating_sub(4).min(140),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, popup);
    let title = title(overview, usize::from(popup.width.saturating_sub(2)));
    let block = pane_block(Line::from(title), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let table_first = 1 + report.findings.len().min(ROWS_FIRST);
    let most_counts = if height >= COUNT_LINES + table_first {
        COUNT_LINES
    } else {
        1
    };
    let counts = count_lines(report, width, most_counts, theme);
    let below = height.saturating_sub(counts.len());
    let checks = if below > Check::ALL.len() + table_first {
        let mut lines = check_lines(overview, width, theme);
        lines.push(Line::default());
        lines
    } else if below > table_first {
        vec![checks_in_one_line(report, width, theme)]
    } else {
        Vec::new()
    };
    let length = |lines: &[Line]| Constraint::Length(u16::try_from(lines.len()).unwrap_or(0));
    let [counts_area, checks_area, table] =
        Layout::vertical([length(&counts), length(&checks), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(Paragraph::new(counts), counts_area);
    frame.render_widget(Paragraph::new(checks), checks_area);
    render_table(frame, table, overview, theme);
}

/// The title, as much of it as fits: the sort is dropped before the count.
fn title(overview: &Overview, width: usize) -> String {
    let (n, sort) = (overview.report.secrets, overview.sort.label());
    [
        format!(" Rotation overview · {n} secrets · sorted by {sort} "),
        format!(" Rotation · {n} secrets · by {sort} "),
        format!(" Rotation · {n} secrets "),
        " Rotation ".to_owned(),
    ]
    .into_iter()
    .find(|t| t.width() <= width)
    .unwrap_or_default()
}

/// The counts per health in at most `most` lines: all of them in words, else those not
/// zero, else those in the list's short words (wrapped, never cut inside a count; what
/// still does not fit is left out with a mark).
fn count_lines(report: &Report, width: usize, most: usize, theme: &Theme) -> Vec<Line<'static>> {
    let all = &report.by_health;
    let mut not_zero: Vec<(Health, usize)> = all.iter().copied().filter(|&(_, n)| n > 0).collect();
    if not_zero.is_empty() {
        not_zero.clone_from(all);
    }
    let mut lines = Vec::new();
    for (counts, short) in [(all, false), (&not_zero, false), (&not_zero, true)] {
        let cells: Vec<Span<'static>> = counts
            .iter()
            .map(|&(h, n)| {
                let name = if short { h.short() } else { h.label() };
                Span::styled(format!(" {name} {n} "), theme.health(h))
            })
            .collect();
        lines = wrap(cells, width);
        if lines.len() <= most {
            return lines;
        }
    }
    // Still too many: the counts that fit, and a mark that more were left out.
    lines.truncate(most);
    if let Some(last) = lines.last_mut() {
        while !last.spans.is_empty() && last.width() + 2 > width {
            last.spans.pop();
        }
        if last.spans.last().is_some_and(|s| s.content == " ") {
            last.spans.pop();
        }
        last.spans.push(Span::raw(" …"));
    }
    lines
}

/// `cells` in lines of at most `width`, one space apart, a cell never split.
fn wrap(cells: Vec<Span<'static>>, width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Vec<Span<'static>>> = Vec::new();
    let mut used = 0;
    for cell in cells {
        let cell_width = cell.content.width();
        match lines.last_mut() {
            Some(line) if used + SPACING + cell_width <= width => {
                line.push(Span::raw(" "));
                line.push(cell);
                used += SPACING + cell_width;
            }
            _ => {
                used = cell_width;
                lines.push(vec![cell]);
            }
        }
    }
    lines.into_iter().map(Line::from).collect()
}

/// Each check with what it asks and how many secrets fail it. Where the full ids and what
/// they ask do not fit, the ids are the numbers the FAILS column uses.
fn check_lines(overview: &Overview, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let report = &overview.report;
    let verdicts: Vec<(String, Style)> = report
        .failing
        .iter()
        .map(|&(check, failing)| {
            // The access checks ran only on the secrets whose access was read.
            let checked = if Check::ACCESS.contains(&check) {
                format!(" ({} checked)", report.access_checked)
            } else {
                String::new()
            };
            if failing == 0 {
                (format!("all pass{checked}"), theme.ok)
            } else {
                (format!("{failing} fail{checked}"), theme.error)
            }
        })
        .collect();
    let verdict_width = verdicts.iter().map(|(v, _)| v.width()).max().unwrap_or(0);
    let asks_width = overview.checks.iter().map(|a| a.width()).max().unwrap_or(0);
    let full_ids = ID_WIDTH + asks_width + 2 + verdict_width <= width;
    let id_width = if full_ids { ID_WIDTH } else { 3 };
    let asks_room = width
        .saturating_sub(id_width + 2 + verdict_width)
        .min(asks_width);
    report
        .failing
        .iter()
        .zip(&overview.checks)
        .zip(verdicts)
        .map(|(((check, _), asks), (verdict, style))| {
            let id = if full_ids {
                check.id().to_owned()
            } else {
                check.short()
            };
            Line::from(vec![
                Span::styled(format!("{id:<id_width$}"), theme.label),
                Span::styled(
                    format!("{:<asks_room$}  ", fit(asks, asks_room)),
                    theme.text,
                ),
                Span::styled(verdict, style),
            ])
        })
        .collect()
}

/// The checks when there is no room for a line each: the number of each failing check and
/// how many secrets fail it.
fn checks_in_one_line(report: &Report, width: usize, theme: &Theme) -> Line<'static> {
    let failing: Vec<String> = report
        .failing
        .iter()
        .filter(|&&(_, n)| n > 0)
        .map(|(c, n)| format!("{}×{n}", c.short()))
        .collect();
    if failing.is_empty() {
        return Line::styled(fit("Every check passes", width), theme.ok);
    }
    let text = format!("Checks failed (check×secrets): {}", failing.join(" "));
    let text = if text.width() <= width {
        text
    } else {
        format!("Fails: {}", failing.join(" "))
    };
    Line::styled(fit(&text, width), theme.error)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Health,
    Name,
    Region,
    Next,
    Fails,
}

impl Column {
    fn title(self) -> &'static str {
        match self {
            Column::Health => "HEALTH",
            Column::Name => "NAME",
            Column::Region => "REGION",
            Column::Next => "NEXT",
            Column::Fails => "FAILS",
        }
    }

    /// The width of its widest text, or of its title.
    fn wanted(self, widths: &TextWidths) -> usize {
        let text = match self {
            Column::Health => widths.health,
            Column::Name => widths.name,
            Column::Region => widths.region,
            Column::Next => widths.next,
            Column::Fails => widths.fails,
        };
        text.max(self.title().width())
    }
}

/// The columns shown in `width` and their widths, in order. The optional ones are shown
/// whole or not at all; the name gets what they leave, HEALTH its words only when the
/// name can still have a comfortable width; what the name does not need spaces the other
/// columns a little apart, then goes back to the name, so the table spans the pane.
fn plan(width: usize, widths: &TextWidths) -> Vec<(Column, usize)> {
    let wanted = |c: Column| c.wanted(widths);
    // NEXT goes first (HEALTH already says overdue or due soon), then REGION, or REGION
    // first when every secret is in one; FAILS last.
    let (region, next) = if widths.one_region { (0, 1) } else { (1, 0) };
    let health = wanted(Column::Health);
    let specs = [
        Spec::new(Column::Health, SHORT_HEALTH, health, health).short_form(),
        Spec::new(Column::Name, 0, NAME_COMFORTABLE, wanted(Column::Name)).grows(1),
        Spec::fixed(Column::Region, wanted(Column::Region)).optional(region),
        Spec::fixed(Column::Next, wanted(Column::Next)).optional(next),
        Spec::fixed(Column::Fails, wanted(Column::Fails)).optional(2),
    ];
    let spacing = Spacing {
        gap: SPACING,
        apart: SPACE_APART,
    };
    columns::plan(width, &specs, spacing)
}

/// Every secret, as sorted, the highlighted one in view.
fn render_table(frame: &mut Frame, table: Rect, overview: &Overview, theme: &Theme) {
    let report = &overview.report;
    let columns = plan(usize::from(table.width), &overview.widths);
    let visible = usize::from(table.height.saturating_sub(1));
    let offset = overview.selected.window(report.findings.len(), visible);
    let rows = report
        .findings
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, f)| {
            let cells = columns.iter().map(|&(column, width)| match column {
                Column::Health if width >= f.health.label().width() => {
                    Span::styled(f.health.label(), theme.health(f.health))
                }
                Column::Health => Span::styled(f.health.short(), theme.health(f.health)),
                Column::Name => Span::raw(elide_middle(&sanitize_line(&f.name), width)),
                Column::Region => Span::raw(elide_middle(&sanitize_line(&f.region), width)),
                Column::Next => Span::raw(next_text(f)),
                Column::Fails => Span::styled(fails_text(f), theme.error),
            });
            let row = Row::new(cells);
            if i == overview.selected.at() {
                row.style(theme.selected)
            } else {
                row
            }
        });
    let header = Row::new(columns.iter().map(|(c, _)| c.title())).style(theme.header);
    let widths = columns
        .iter()
        .map(|&(_, w)| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX)));
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .column_spacing(u16::try_from(SPACING).unwrap_or(1)),
        table,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(plan: &[(Column, usize)]) -> Vec<&'static str> {
        plan.iter().map(|(c, _)| c.title()).collect()
    }

    fn width_of(plan: &[(Column, usize)], column: Column) -> usize {
        plan.iter()
            .find(|(c, _)| *c == column)
            .map_or(0, |&(_, w)| w)
    }

    fn total(plan: &[(Column, usize)]) -> usize {
        plan.iter().map(|&(_, w)| w).sum::<usize>() + plan.len() - 1
    }

    /// Names like the review's: longer than the name's comfortable width.
    const LONG: TextWidths = TextWidths {
        health: "Never rotated".len(),
        name: "staging/inventory/postgres-readonly-replica".len(),
        region: "ap-southeast-2".len(),
        next: "2026-12-20".len(),
        fails: "1 3 4 5".len(),
        one_region: false,
    };

    #[test]
    fn next_goes_first_then_the_region_then_the_fails() {
        let wide = plan(196, &LONG);
        assert_eq!(titles(&wide), ["HEALTH", "NAME", "REGION", "NEXT", "FAILS"]);
        assert_eq!(total(&wide), 196, "the table spans the pane");
        assert_eq!(
            width_of(&wide, Column::Health),
            LONG.health + SPACE_APART,
            "the columns a little apart, the rest to the name: {wide:?}"
        );
        let at_80 = plan(74, &LONG);
        assert_eq!(titles(&at_80), ["HEALTH", "NAME", "REGION", "FAILS"]);
        assert!(
            width_of(&at_80, Column::Name) >= NAME_COMFORTABLE,
            "{at_80:?}"
        );
        let at_60 = plan(54, &LONG);
        assert_eq!(titles(&at_60), ["HEALTH", "NAME", "FAILS"]);
        let at_40 = plan(34, &LONG);
        assert_eq!(titles(&at_40), ["HEALTH", "NAME"]);
        assert_eq!(
            width_of(&at_40, Column::Health),
            SHORT_HEALTH,
            "short words"
        );
        for plan in [wide, at_80, at_60, at_40] {
            assert!(width_of(&plan, Column::Name) >= 16, "{plan:?}");
        }
    }

    #[test]
    fn one_region_s_column_goes_before_next() {
        let one = TextWidths {
            one_region: true,
            ..LONG
        };
        assert_eq!(titles(&plan(74, &one)), ["HEALTH", "NAME", "NEXT", "FAILS"]);
    }

    #[test]
    fn short_names_leave_health_its_words_and_the_table_spans_the_pane() {
        let short = TextWidths {
            name: "prod/crm/salesforce".len(),
            ..LONG
        };
        let at_40 = plan(34, &short);
        assert_eq!(width_of(&at_40, Column::Health), 13);
        assert_eq!(total(&at_40), 34);
        assert_eq!(total(&plan(74, &short)), 74);
    }

    #[test]
    fn counts_wrap_then_shorten_never_cut() {
        let theme = Theme::default();
        let report = Report {
            secrets: 3,
            by_health: Health::ALL.iter().map(|&h| (h, 1)).collect(),
            failing: Vec::new(),
            access_checked: 0,
            findings: Vec::new(),
        };
        let text =
            |lines: &[Line]| -> Vec<String> { lines.iter().map(ToString::to_string).collect() };
        let wide = count_lines(&report, 116, 2, &theme);
        assert_eq!(wide.len(), 1, "{:?}", text(&wide));
        let at_80 = count_lines(&report, 74, 2, &theme);
        assert_eq!(at_80.len(), 2, "wrapped: {:?}", text(&at_80));
        assert!(text(&at_80).concat().contains(" Due soon 1 "));
        let tiny = count_lines(&report, 34, 1, &theme);
        assert_eq!(
            text(&tiny),
            [" STUCK 1   LATE 1   never 1  …"],
            "what fits, whole, and a mark for the rest"
        );
        for lines in [wide, at_80, tiny] {
            assert!(lines.iter().all(|l| l.width() <= 116));
        }
    }

    #[test]
    fn the_checks_in_one_line_name_each_failing_check_and_how_many_fail_it() {
        let theme = Theme::default();
        let mut report = Report {
            secrets: 3,
            by_health: Vec::new(),
            access_checked: 0,
            failing: vec![
                (Check::RotationEnabled, 2),
                (Check::RotationSucceeds, 0),
                (Check::Tagged, 1),
            ],
            findings: Vec::new(),
        };
        let line = |report: &Report, width| checks_in_one_line(report, width, &theme).to_string();
        assert_eq!(line(&report, 74), "Checks failed (check×secrets): 1×2 5×1");
        assert_eq!(line(&report, 20), "Fails: 1×2 5×1");
        report.failing.iter_mut().for_each(|(_, n)| *n = 0);
        assert_eq!(line(&report, 74), "Every check passes");
    }
}
