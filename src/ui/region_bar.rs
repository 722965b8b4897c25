//! One line: every region and its state (loading, count, or the reason it failed).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::State;
use crate::app::state::RegionState;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut spans = vec![Span::styled("regions ", theme.dim)];
    for (i, region) in state.regions.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", theme.border));
        }
        spans.push(Span::styled(region.name.clone(), theme.text));
        spans.push(Span::raw(" "));
        spans.push(match &region.state {
            RegionState::Loading { so_far: 0 } => Span::styled("loading…", theme.loading),
            RegionState::Loading { so_far } => Span::styled(format!("{so_far}…"), theme.loading),
            RegionState::Loaded { count } => Span::styled(format!("✓ {count}"), theme.ok),
            RegionState::Failed(err) => {
                Span::styled(format!("✗ {}", err.kind.short()), theme.error)
            }
        });
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
