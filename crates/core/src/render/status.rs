//! The title line (who, how many, read-only) and the footer (the filter prompt, a message,
//! or key hints generated from the keymap of the top layer).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use unicode_width::UnicodeWidthStr as _;

use crate::app::command::Command;
use crate::app::{State, available, hint_now};
use crate::features::{browse, clipboard, session};
use crate::ids::Arn;
use crate::kit::{Theme, wrap};
use crate::room::Level;
use crate::room::keys::Verb;
use crate::room::layers::Layer;
use crate::sanitize::sanitize_line;

pub(crate) fn render_title(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut spans = vec![Span::styled(" smtui ", theme.title)];
    if state.settings.read_only {
        spans.push(Span::styled(" READ-ONLY ", theme.read_only));
        spans.push(Span::raw(" "));
    }
    if let Some(rule) = state.marked_account() {
        let style = match rule.style {
            crate::model::accounts::AccountStyle::Danger => theme.error,
            crate::model::accounts::AccountStyle::Warn => theme.warn,
        };
        let badge = format!(" {} ", sanitize_line(&rule.label).to_uppercase());
        spans.push(Span::styled(
            badge,
            style.add_modifier(ratatui::style::Modifier::REVERSED),
        ));
        spans.push(Span::raw(" "));
    }
    let identity_at = spans.len();
    spans.extend(session::view::identity_spans(
        &state.session,
        state.wall,
        theme,
    ));
    let list = &state.browse.list;
    let counts = count_texts(list);
    spans.push(Span::styled(counts[0].clone(), theme.dim));
    if list.show_deleted() {
        spans.push(Span::styled("  +scheduled for deletion", theme.warn));
    }
    // Too long for the line: the asides go, then the identity gives way, so the counts stay
    // in view; first what says nothing (the ARN's `arn:aws:sts::`, `assumed-`), then the
    // middle of the role and session, never the account.
    let over = |spans: &[Span]| {
        spans
            .iter()
            .map(Span::width)
            .sum::<usize>()
            .saturating_sub(usize::from(area.width))
    };
    let full_identity = spans[identity_at].content.to_string();
    // The caller's ARN as parsed when AWS answered, when the span shows it as it is (not
    // while it is unknown, nor where the sanitiser had to change it).
    let caller = state
        .session
        .caller()
        .and_then(|c| c.as_ref().ok())
        .map(|me| &me.arn)
        .filter(|arn| arn.as_str() == full_identity);
    if over(&spans) > 0 {
        spans[identity_at].content = compact_identity(&full_identity, caller).into();
    }
    // Still too long: the asides go next (the profile's name, "expiry unknown"), so what is
    // left is not cut mid-word; then what the counts leave out is no longer broken down.
    while over(&spans) > 0 {
        let aside = spans
            .iter()
            .rposition(|s| s.content.starts_with("  profile ") || s.content == "  expiry unknown");
        let Some(aside) = aside else { break };
        spans.remove(aside);
    }
    // Counted from the end: the asides before it may have gone.
    let count_at = spans.len() - if list.show_deleted() { 2 } else { 1 };
    for shorter in &counts[1..counts.len() - 1] {
        if over(&spans) == 0 {
            break;
        }
        spans[count_at].content = shorter.clone().into();
    }
    let too_long = over(&spans);
    if too_long > 0 {
        let identity = &mut spans[identity_at];
        let keep = identity.width().saturating_sub(too_long);
        identity.content = shorten_identity(&full_identity, caller, keep).into();
    }
    // Narrowest of all: the counts lose their words, never their numbers.
    if over(&spans) > 0 {
        spans[count_at].content = counts[counts.len() - 1].clone().into();
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// What the title says of the list, longest first, each shorter one for a narrower screen:
/// how many are shown of how many listed, then what hides the rest (`243 of 249 secrets ·
/// 6 deleted hidden · 12 filtered out`), and last the bare numbers (`243/249`).
fn count_texts(list: &browse::SecretList) -> Vec<String> {
    let (shown, total) = (list.len(), list.total());
    let deleted = if list.show_deleted() {
        0
    } else {
        list.deleted()
    };
    let filtered = total.saturating_sub(shown + deleted);
    let noun = if total == 1 { "secret" } else { "secrets" };
    if shown == total {
        return vec![format!("  {total} {noun}"), format!("  {total}")];
    }
    let counted = format!("  {shown} of {total} {noun}");
    let deleted = (deleted > 0).then(|| format!(" · {deleted} deleted hidden"));
    let filtered = (filtered > 0).then(|| format!(" · {filtered} filtered out"));
    let mut texts = vec![format!(
        "{counted}{}{}",
        deleted.as_deref().unwrap_or_default(),
        filtered.as_deref().unwrap_or_default()
    )];
    if let (Some(deleted), Some(_)) = (&deleted, &filtered) {
        texts.push(format!("{counted}{deleted}"));
    }
    if deleted.is_some() || filtered.is_some() {
        texts.push(counted);
    }
    texts.push(format!("  {shown}/{total}"));
    texts
}

/// An STS or IAM ARN's account and what follows it, without what says nothing:
/// `("123456789012", "role/NAME/SESSION")` for
/// `arn:aws:sts::123456789012:assumed-role/NAME/SESSION`; `None` for any other service.
fn identity_parts(arn: &Arn) -> Option<(&str, &str)> {
    if !matches!(arn.service(), "sts" | "iam") {
        return None;
    }
    let rest = arn.resource();
    Some((arn.account(), rest.strip_prefix("assumed-").unwrap_or(rest)))
}

/// The identity `text` as `ACCOUNT:role/NAME/SESSION` when it is the caller's ARN `arn`
/// (see [`identity_parts`]); anything else as it is.
fn compact_identity(text: &str, arn: Option<&Arn>) -> String {
    arn.and_then(identity_parts).map_or_else(
        || text.to_owned(),
        |(account, rest)| format!("{account}:{rest}"),
    )
}

/// An identity's ARN in at most `width` columns where it can be: compacted, then the rest
/// after the account elided in its middle (the role's name and the session's, at either
/// end, say the most). Not an STS or IAM ARN (`arn` is `None` for text that is no ARN):
/// elided in its middle.
fn shorten_identity(text: &str, arn: Option<&Arn>, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let Some((account, rest)) = arn.and_then(identity_parts) else {
        return wrap::elide_middle(text, width.max(12));
    };
    let short = format!("{account}:{rest}");
    if short.width() <= width {
        return short;
    }
    // Fewer than four columns would show a letter either side of the ellipsis, which says
    // nothing: then only that something follows the account.
    let room = width.saturating_sub(account.width() + 1);
    if room < 4 {
        return format!("{account}:…");
    }
    format!("{account}:{}", wrap::elide_middle(rest, room))
}

pub(crate) fn render_footer(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let top = state.layers.top();
    // The clipboard countdown stays visible whatever the footer shows; the rest fits beside.
    let countdown = clipboard::view::countdown(&state.clipboard, state.now, theme);
    let countdown_width = countdown.as_ref().map_or(0, Line::width);
    let room = usize::from(area.width).saturating_sub(countdown_width);
    let mut message = false;
    let line = if top == Layer::Filter {
        let mut prompt = browse::view::filter_prompt(&state.browse, theme);
        prompt.spans.push(Span::raw(" "));
        let left = room.saturating_sub(prompt.width());
        prompt.spans.extend(hints(state, top, left, theme).spans);
        prompt
    } else if let Some(status) = &state.status {
        let style = match status.level() {
            Level::Info => theme.text,
            Level::Warn => theme.warn,
            Level::Error => theme.error,
        };
        message = true;
        Line::styled(sanitize_line(&status.line.text).into_owned(), style)
    } else {
        hints(state, top, room, theme)
    };
    let [left, right] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(countdown_width).unwrap_or(0)),
    ])
    .areas(area);
    // A message wraps onto the rows `footer_rows` gave it; hints and the prompt fit one.
    let paragraph = Paragraph::new(line);
    let paragraph = if message {
        paragraph.wrap(Wrap { trim: true })
    } else {
        paragraph
    };
    frame.render_widget(paragraph, left);
    if let Some(countdown) = countdown {
        frame.render_widget(Paragraph::new(countdown), right);
    }
}

/// The most rows a message may take at the foot of the screen.
const MESSAGE_ROWS: u16 = 3;

/// Rows the footer needs on a screen `width` wide: one, or up to three while a message is
/// longer than the line, so an error is read whole rather than cut mid-word; the panes give
/// up those rows until the message goes.
pub(crate) fn footer_rows(state: &State, width: u16) -> u16 {
    let Some(status) = state
        .status
        .as_ref()
        .filter(|_| state.layers.top() != Layer::Filter)
    else {
        return 1;
    };
    let countdown = clipboard::view::countdown_text(&state.clipboard, state.now)
        .map_or(0, |c| u16::try_from(c.width()).unwrap_or(u16::MAX));
    let room = width.saturating_sub(countdown).max(1);
    let text = sanitize_line(&status.line.text);
    let rows = Paragraph::new(Line::raw(text))
        .wrap(Wrap { trim: true })
        .line_count(room);
    u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .clamp(1, MESSAGE_ROWS)
}

/// The hinted bindings of `layer` whose commands can do something now: the same keymap
/// that resolves the keys, so the footer cannot drift from them. When they do not fit in
/// `width`, the last ones go first, but help, quit and closing stay.
fn hints(state: &State, layer: Layer, width: usize, theme: &Theme) -> Line<'static> {
    let mut shown: Vec<(String, &str, Command)> = Vec::new();
    // Where text is typed, a character key would type, not run: name another key.
    let text = state.takes_text();
    for binding in state.keymap.active(layer) {
        let key = binding
            .keys
            .iter()
            .find(|k| !text || k.typed_char().is_none());
        let (Some(hint), Some(key)) = (binding.hint, key) else {
            continue;
        };
        let command = binding.command;
        if shown.iter().any(|(_, _, c)| *c == command) || !available(state, layer, command) {
            continue;
        }
        shown.push((
            key.to_string(),
            hint_now(state, layer, command, hint),
            command,
        ));
    }
    let cost = |(key, hint, _): &(String, &str, Command)| key.width() + hint.width() + 3;
    while shown.iter().map(cost).sum::<usize>() > width {
        let Some(last) = shown.iter().rposition(|(_, _, c)| {
            !matches!(c, Command::Verb(Verb::Help | Verb::Quit | Verb::Back))
        }) else {
            break;
        };
        shown.remove(last);
    }
    let spans = shown.into_iter().flat_map(|(key, hint, _)| {
        [
            Span::styled(format!(" {key}"), theme.key_hint),
            Span::styled(format!(" {hint} "), theme.dim),
        ]
    });
    Line::from(spans.collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use crate::ids::Arn;

    const ARN: &str = "arn:aws:sts::123456789012:assumed-role/Auditor/smtui-user";

    /// `text` shortened as the title line does with a caller ARN it parsed once.
    fn shorten_identity(text: &str, width: usize) -> String {
        let arn = Arn::parse(text).expect("an ARN");
        super::shorten_identity(text, Some(&arn), width)
    }

    #[test]
    fn an_identity_loses_what_says_nothing_first_and_never_its_account() {
        assert_eq!(shorten_identity(ARN, 80), ARN);
        assert_eq!(
            shorten_identity(ARN, 45),
            "123456789012:role/Auditor/smtui-user"
        );
        let short = shorten_identity(ARN, 30);
        assert!(short.starts_with("123456789012:ro"), "{short}");
        assert!(short.ends_with("-user") && short.contains('…'), "{short}");
        let user = "arn:aws:iam::123456789012:user/alice";
        assert_eq!(shorten_identity(user, 30), "123456789012:user/alice");
        assert_eq!(
            shorten_identity(user, 16),
            "123456789012:…",
            "u…e says nothing"
        );
        assert_eq!(shorten_identity(user, 17), "123456789012:us…e");
        assert_eq!(
            super::shorten_identity("identity unknown: access denied", None, 20),
            super::wrap::elide_middle("identity unknown: access denied", 20),
            "no ARN: elided in its middle"
        );
    }
}
