//! One line: every region and its state (loading, count, or the reason it failed). When the
//! regions do not fit (`--all-regions`), the loaded ones are summed up and the line is spent
//! on the regions that need attention: failed first, then those still loading.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::features::browse::state::{RegionState, RegionStatus};
use crate::kit::Theme;

const SEPARATOR: &str = " │ ";

pub(crate) fn render(frame: &mut Frame, area: Rect, regions: &[RegionStatus], theme: &Theme) {
    frame.render_widget(Paragraph::new(line_for(area.width, regions, theme)), area);
}

fn line_for<'a>(width: u16, regions: &'a [RegionStatus], theme: &Theme) -> Line<'a> {
    let full = every_region(regions, theme);
    if full.width() <= usize::from(width) {
        full
    } else {
        summary(regions, theme)
    }
}

/// The region drawn at column `x` of the bar (for a click): the line is built as drawn and
/// walked span by span, so the answer is the region under the pointer.
pub(crate) fn region_at(area: Rect, regions: &[RegionStatus], x: u16) -> Option<String> {
    let theme = Theme::default();
    let line = line_for(area.width, regions, &theme);
    // A region's name, the space and its state all belong to it; a separator does not.
    let mut at = area.x;
    let mut current: Option<&str> = None;
    for span in &line.spans {
        let text = span.content.as_ref();
        if let Some(region) = regions.iter().find(|r| r.name == text) {
            current = Some(region.name.as_str());
        } else if text == SEPARATOR {
            current = None;
        }
        let width = u16::try_from(span.width()).unwrap_or(u16::MAX);
        if (at..at.saturating_add(width)).contains(&x) {
            return current.map(str::to_owned);
        }
        at = at.saturating_add(width);
    }
    None
}

fn every_region<'a>(regions: &'a [RegionStatus], theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::styled("regions ", theme.dim)];
    for (i, region) in regions.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(SEPARATOR, theme.border));
        }
        spans.extend(region_spans(region, theme));
    }
    Line::from(spans)
}

fn summary<'a>(regions: &'a [RegionStatus], theme: &Theme) -> Line<'a> {
    let loaded: Vec<usize> = regions
        .iter()
        .filter_map(|r| match r.state {
            RegionState::Loaded { count } => Some(count),
            _ => None,
        })
        .collect();
    let mut spans = vec![
        Span::styled(format!("{} regions ", regions.len()), theme.dim),
        Span::styled(
            format!(
                "✓ {} loaded ({} secrets)",
                loaded.len(),
                loaded.iter().sum::<usize>()
            ),
            theme.ok,
        ),
    ];
    let failed = regions
        .iter()
        .filter(|r| matches!(r.state, RegionState::Failed(_)));
    let loading = regions
        .iter()
        .filter(|r| matches!(r.state, RegionState::Loading { .. }));
    for region in failed.chain(loading) {
        spans.push(Span::styled(SEPARATOR, theme.border));
        spans.extend(region_spans(region, theme));
    }
    Line::from(spans)
}

fn region_spans<'a>(region: &'a RegionStatus, theme: &Theme) -> [Span<'a>; 3] {
    let state = match &region.state {
        RegionState::Loading { so_far: 0 } => Span::styled("loading…", theme.loading),
        RegionState::Loading { so_far } => Span::styled(format!("{so_far}…"), theme.loading),
        RegionState::Loaded { count } => Span::styled(format!("✓ {count}"), theme.ok),
        RegionState::Failed(err) => Span::styled(format!("✗ {}", err.kind.short()), theme.error),
    };
    [
        Span::styled(region.name.as_str(), theme.text),
        Span::raw(" "),
        state,
    ]
}
