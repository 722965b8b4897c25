//! Who we are, for the title line.

use ratatui::text::Span;

use crate::features::session::Session;
use crate::sanitize::sanitize_line;
use crate::ui::Theme;

pub fn identity_span(session: &Session, theme: &Theme) -> Span<'static> {
    match &session.caller {
        Some(Ok(identity)) => Span::styled(sanitize_line(&identity.arn).into_owned(), theme.text),
        Some(Err(err)) => Span::styled(
            format!("identity unknown: {}", err.kind.short()),
            theme.warn,
        ),
        None => Span::styled("identity…", theme.loading),
    }
}
