//! Who we are, for the title line.

use ratatui::text::Span;

use crate::features::session::Session;
use crate::sanitize::sanitize_line;
use crate::ui::Theme;

/// Who we are, and for an identity whose credentials expire, until when (a warning in
/// the last 5 minutes).
pub fn identity_spans(
    session: &Session,
    now: jiff::Timestamp,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut spans = vec![identity_span(session, theme)];
    if let Some(expires) = session.current().and_then(|k| k.expires) {
        let left = expires.duration_since(now);
        let style = if left < jiff::SignedDuration::from_mins(5) {
            theme.warn
        } else {
            theme.dim
        };
        let text = if left.is_negative() {
            "  credentials expired: role-back, or assume the role again".to_owned()
        } else {
            format!("  expires {}", crate::ui::widgets::relative(expires, now))
        };
        spans.push(Span::styled(text, style));
    }
    spans
}

fn identity_span(session: &Session, theme: &Theme) -> Span<'static> {
    match &session.caller {
        Some(Ok(identity)) => Span::styled(sanitize_line(&identity.arn).into_owned(), theme.text),
        Some(Err(err)) => Span::styled(
            format!("identity unknown: {}", err.kind.short()),
            theme.warn,
        ),
        None => Span::styled("identity…", theme.loading),
    }
}
