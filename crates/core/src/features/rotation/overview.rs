//! The fleet overview (`rotation`): every listed secret's rotation health and posture
//! checks, counted, and a list of the riskiest first. Built from the ListSecrets rows
//! already loaded; Enter jumps to the highlighted secret.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr as _;

use crate::features::rotation::Command as RotationCommand;
use crate::features::rotation::{Room, RotationRoom};
use crate::kit::{Cursor, Theme};
use crate::model::SecretSummary;
use crate::model::posture::{AccessFindings, Finding, Report, assess};
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use crate::room::settings::Settings;
use crate::room::{Ctx, Intent, Out};
use crate::sanitize::sanitize_line;

/// How the overview's list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OverviewSort {
    /// Health first (stuck, overdue, …), then the most failed checks.
    Risk,
    Name,
    Region,
    /// The soonest next rotation first (none last).
    NextRotation,
}

impl OverviewSort {
    fn next(self) -> Self {
        match self {
            Self::Risk => Self::Name,
            Self::Name => Self::Region,
            Self::Region => Self::NextRotation,
            Self::NextRotation => Self::Risk,
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Risk => "risk",
            Self::Name => "name",
            Self::Region => "region",
            Self::NextRotation => "next rotation",
        }
    }
}

/// The overview popup, on the layer stack while open (closing it drops it).
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub report: Report,
    /// What each check asks, with the configured numbers, in `Check::ALL` order.
    pub(crate) checks: Vec<String>,
    pub selected: Cursor,
    pub(crate) sort: OverviewSort,
    /// Rows the report was built from (rebuilt when more arrive).
    pub(crate) built_from: usize,
    /// How wide each column's text runs, over every finding.
    pub(crate) widths: TextWidths,
}

/// It takes its keys alone, over the whole screen.
impl Shown<Room> for Overview {
    fn layer(&self) -> Layer {
        Layer::Rotation
    }

    /// Built from the rows of every identity held.
    fn holds(&self) -> Holds {
        Holds::Panes
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        super::overview_view::render(frame, around.whole, self, theme);
    }

    fn fills(&self, around: &Around) -> Option<Rect> {
        Some(around.whole)
    }

    fn takes_keys(&self) -> bool {
        true
    }

    fn command(&mut self, command: Bind<RotationCommand>, _ctx: &Ctx, out: &mut Out<Room>) {
        Overview::command(self, command, out);
    }
}

/// The widest text of each of the overview's columns over every finding, measured when the
/// overview is built: the columns do not jump while scrolling, and a frame costs only the
/// rows on screen whatever the size of the fleet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TextWidths {
    pub(crate) health: usize,
    pub(crate) name: usize,
    pub(crate) region: usize,
    pub(crate) next: usize,
    pub(crate) fails: usize,
    /// Every finding is in one region (its column then says nothing a row needs).
    pub(crate) one_region: bool,
}

impl TextWidths {
    fn measure(findings: &[Finding]) -> Self {
        let mut widths = TextWidths {
            one_region: findings.windows(2).all(|w| w[0].region == w[1].region),
            ..TextWidths::default()
        };
        for f in findings {
            widths.health = widths.health.max(f.health.label().width());
            widths.name = widths.name.max(sanitize_line(&f.name).width());
            widths.region = widths.region.max(sanitize_line(&f.region).width());
            widths.next = widths.next.max(next_text(f).width());
            widths.fails = widths.fails.max(fails_text(f).width());
        }
        widths
    }
}

/// The checks a finding fails, by number ("1 3 4"): the checks are listed above the table
/// with their full ids.
pub(crate) fn fails_text(finding: &Finding) -> String {
    let numbers: Vec<String> = finding.failed.iter().map(|c| c.short()).collect();
    numbers.join(" ")
}

/// The day of the next rotation, or a dash.
pub(crate) fn next_text(finding: &Finding) -> String {
    finding
        .next_rotation
        .map_or_else(|| "—".to_owned(), |t| t.strftime("%Y-%m-%d").to_string())
}

impl Overview {
    pub fn selected_finding(&self) -> Option<&Finding> {
        self.report.findings.get(self.selected.at())
    }

    fn sort_findings(&mut self) {
        let findings = &mut self.report.findings;
        match self.sort {
            OverviewSort::Risk => findings.sort_by(|a, b| {
                a.health
                    .cmp(&b.health)
                    .then(b.failed.len().cmp(&a.failed.len()))
                    .then_with(|| a.name.cmp(&b.name))
            }),
            OverviewSort::Name => {
                findings.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.region.cmp(&b.region)));
            }
            OverviewSort::Region => {
                findings.sort_by(|a, b| a.region.cmp(&b.region).then_with(|| a.name.cmp(&b.name)));
            }
            OverviewSort::NextRotation => {
                findings.sort_by_key(|f| (f.next_rotation.is_none(), f.next_rotation));
            }
        }
    }
}

impl RotationRoom {
    /// `rotation` (`o`): the overview of every row loaded so far.
    pub(crate) fn open_overview<'a>(
        rows: impl IntoIterator<Item = &'a SecretSummary>,
        total: usize,
        (settings, access): (&Settings, &AccessFindings),
        now: Timestamp,
        out: &mut Out<Room>,
    ) {
        if total == 0 {
            out.info("Nothing is listed yet");
            return;
        }
        let overview = build(rows, (total, access), settings, now, OverviewSort::Risk);
        out.open(overview);
    }
}

impl Overview {
    /// More rows arrived while the overview is open: built again, keeping the highlighted
    /// secret and the sort.
    pub(crate) fn rows_changed<'a>(
        &mut self,
        rows: impl IntoIterator<Item = &'a SecretSummary>,
        total: usize,
        settings: &Settings,
        now: Timestamp,
        access: &AccessFindings,
    ) {
        if self.built_from == total {
            return;
        }
        self.rebuild(rows, total, settings, now, access);
    }

    /// Built again (more rows, or a secret's access found), keeping the highlighted secret
    /// and the sort.
    pub(crate) fn rebuild<'a>(
        &mut self,
        rows: impl IntoIterator<Item = &'a SecretSummary>,
        total: usize,
        settings: &Settings,
        now: Timestamp,
        access: &AccessFindings,
    ) {
        let row = self.selected_finding().map(Finding::row);
        let mut new = build(rows, (total, access), settings, now, self.sort);
        if let Some(at) = row.and_then(|row| new.report.findings.iter().position(|f| f.is(&row))) {
            new.selected.set(at);
        }
        *self = new;
    }

    /// The overview's keys.
    pub(crate) fn command(&mut self, command: Bind<RotationCommand>, out: &mut Out<Room>) {
        let overview = self;
        if let Some(step) = command.as_move() {
            overview
                .selected
                .apply(step, overview.report.findings.len());
            return;
        }
        match command {
            Bind::Verb(Verb::SortNext) => {
                let row = overview.selected_finding().map(Finding::row);
                overview.sort = overview.sort.next();
                overview.sort_findings();
                let at = row
                    .and_then(|row| overview.report.findings.iter().position(|f| f.is(&row)))
                    .unwrap_or(0);
                overview.selected.set(at);
            }
            Bind::Verb(Verb::Select) => {
                if let Some(finding) = overview.selected_finding() {
                    out.intent(Intent::SelectSecret { row: finding.row() });
                    out.intent(Intent::Close(Layer::Rotation));
                }
            }
            Bind::Verb(Verb::Back) => out.intent(Intent::Close(Layer::Rotation)),
            _ => {}
        }
    }
}

fn build<'a>(
    rows: impl IntoIterator<Item = &'a SecretSummary>,
    (total, access): (usize, &AccessFindings),
    settings: &Settings,
    now: Timestamp,
    sort: OverviewSort,
) -> Overview {
    let report = assess(rows, now, settings.rotation, &settings.posture, access);
    let checks = report
        .failing
        .iter()
        .map(|(c, _)| c.describe(&settings.posture))
        .collect();
    let widths = TextWidths::measure(&report.findings);
    let mut overview = Overview {
        report,
        checks,
        selected: Cursor::default(),
        sort,
        built_from: total,
        widths,
    };
    overview.sort_findings();
    overview
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_cycle_back_to_risk() {
        let mut sort = OverviewSort::Risk;
        for _ in 0..4 {
            sort = sort.next();
        }
        assert_eq!(sort, OverviewSort::Risk);
    }
}
