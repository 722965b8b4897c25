//! The clipboard countdown, at the right end of the footer whatever else it shows.

use std::time::Instant;

use ratatui::text::Line;

use crate::features::clipboard::ClipboardRoom;
use crate::kit::Theme;

pub(crate) fn countdown(
    room: &ClipboardRoom,
    now: Instant,
    theme: &Theme,
) -> Option<Line<'static>> {
    Some(Line::styled(countdown_text(room, now)?, theme.warn))
}

/// The countdown's words, while a copy waits to be cleared.
pub(crate) fn countdown_text(room: &ClipboardRoom, now: Instant) -> Option<String> {
    let clears_at = room.notice.as_ref()?.clears_at?;
    let left = clears_at.saturating_duration_since(now).as_secs();
    Some(format!(" clipboard clears in {left} s "))
}
