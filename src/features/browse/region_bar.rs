//! One line: every region and its state (loading, count, or the reason it failed). When the
//! regions do not fit (`--all-regions`), the loaded ones are summed up and the line is spent
//! on the regions that need attention: failed first, then those still loading.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::features::browse::state::{RegionState, RegionStatus};
use crate::ui::Theme;

pub fn render(frame: &mut Frame, area: Rect, regions: &[RegionStatus], theme: &Theme) {
    let full = every_region(regions, theme);
    let line = if full.width() <= usize::from(area.width) {
        full
    } else {
        summary(regions, theme)
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn every_region<'a>(regions: &'a [RegionStatus], theme: &Theme) -> Line<'a> {
    let mut spans = vec![Span::styled("regions ", theme.dim)];
    for (i, region) in regions.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", theme.border));
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
        spans.push(Span::styled(" │ ", theme.border));
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
