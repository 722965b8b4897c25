//! Who we are, for the title line.

use ratatui::text::Span;

use crate::features::session::switcher::Switcher;
use crate::features::session::{Origin, Session};
use crate::kit::Theme;
use crate::sanitize::sanitize_line;

/// Who we are, and for an identity whose credentials expire, until when (a warning in
/// the last 5 minutes).
pub(crate) fn identity_spans(
    session: &Session,
    now: jiff::Timestamp,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut spans = vec![identity_span(session, theme)];
    // Where the credentials came from: the profile, when one.
    let profile = match session.current().map(|k| &k.origin) {
        Some(Origin::Profile(name) | Origin::MfaProfile(name)) => Some(name.clone()),
        Some(Origin::Start) => session.start_profile.clone(),
        _ => None,
    };
    if let Some(profile) = profile {
        spans.push(Span::styled(
            format!("  profile {}", sanitize_line(&profile)),
            theme.dim,
        ));
    }
    let expiry = session.current().and_then(|k| k.expires);
    if expiry.is_none() && session.caller().is_some_and(Result::is_ok) {
        spans.push(Span::styled("  expiry unknown", theme.dim));
    }
    if let Some(expires) = expiry {
        let left = expires.duration_since(now);
        let style = if left < jiff::SignedDuration::from_mins(5) {
            theme.identity_expiring
        } else {
            theme.dim
        };
        let text = if left.is_negative() {
            "  credentials expired: :role-renew, or :role-back".to_owned()
        } else if left < crate::features::session::RENEW_BEFORE {
            format!(
                "  expires {}: :role-renew",
                crate::kit::widgets::relative(expires, now)
            )
        } else {
            format!("  expires {}", crate::kit::widgets::relative(expires, now))
        };
        spans.push(Span::styled(text, style));
    }
    spans
}

fn identity_span(session: &Session, theme: &Theme) -> Span<'static> {
    match session.caller() {
        Some(Ok(identity)) => Span::styled(
            sanitize_line(identity.arn.as_str()).into_owned(),
            theme.identity,
        ),
        Some(Err(err)) => Span::styled(
            format!("identity unknown: {}", err.kind.short()),
            theme.warn,
        ),
        None => Span::styled("identity…", theme.loading),
    }
}

/// The role switcher: the filter, then each identity it could switch to.
pub(crate) fn render_switcher(
    frame: &mut ratatui::Frame,
    area: ratatui::layout::Rect,
    session: &Session,
    switcher: &Switcher,
    theme: &Theme,
) {
    use ratatui::text::Line;
    use ratatui::widgets::{Clear, Paragraph};

    let entries = session.entries_for(&switcher.input, switcher.purpose);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(switcher.purpose.prompt(), theme.label),
            Span::styled(sanitize_line(&switcher.input).into_owned(), theme.filter),
            Span::styled("▏", theme.filter),
        ]),
        Line::raw(""),
    ];
    if entries.is_empty() {
        lines.push(Line::styled("  nothing matches", theme.dim));
    }
    for (i, entry) in entries.iter().enumerate() {
        let style = if i == switcher.selected.at() {
            theme.selected
        } else {
            theme.text
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<28}", sanitize_line(&entry.label)), style),
            Span::styled(format!(" {}", sanitize_line(&entry.detail)), theme.dim),
        ]));
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = crate::kit::widgets::centered(area, area.width.saturating_sub(10).min(100), height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(crate::kit::widgets::pane_block(
            Line::from(switcher.purpose.title()),
            true,
            theme,
        )),
        popup,
    );
}
