//! The audit pane's summary in words. It never claims more than the events loaded: until
//! the last page of the window has loaded it says it covers the first N events only (an
//! incident responder must not read "0 denied" as the whole window), and it says which
//! reads it counts (smtui's own are hidden unless `m` counts them).

use jiff::Timestamp;
use ratatui::text::{Line, Span};

use crate::features::audit::AuditView;
use crate::kit::Theme;
use crate::kit::wrap::elide_middle;
use crate::model::audit::summary::summarise;
use crate::sanitize::sanitize_line;

/// The summary's phrases, drawn in full (wrapped) where there is room, else shortened.
pub(super) struct SummaryWords {
    /// What the counts cover: the whole window, or the first N events loaded.
    covers: String,
    covers_short: String,
    events: String,
    readers: String,
    readers_short: String,
    denied: String,
    any_denied: bool,
    last_read: String,
    own: String,
}

const DELAY_NOTE: &str = "CloudTrail delivers events about 5 minutes after the call.";

pub(super) fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// The words for `view`; `time` writes a timestamp as the pane shows times.
pub(super) fn summary_words(view: &AuditView, time: impl Fn(Timestamp) -> String) -> SummaryWords {
    let summary = summarise(&view.events, &view.me, view.include_own);
    let more = view.more();
    let loaded = view.events.len();
    let (covers, covers_short) = match (more, loaded) {
        (false, _) => ("Whole window".to_owned(), "whole window".to_owned()),
        (true, 0) => (
            "Nothing loaded yet, more in the window".to_owned(),
            "none loaded yet".to_owned(),
        ),
        (true, n) => (
            format!("First {n} loaded, more in the window"),
            format!("first {n} of more"),
        ),
    };
    let last_read = match summary.last_read {
        Some((at, who)) => format!("last read {} by {}", time(at), sanitize_line(&who)),
        None if more => "no value read in the events loaded".to_owned(),
        None => "never read in this window".to_owned(),
    };
    // Readers are principals whose GetSecretValue succeeded, in the events counted: smtui's
    // own value reads, when hidden, are said not to be in it (the same principal may still
    // be counted for a read through another tool).
    let hidden_reads = if view.include_own {
        0
    } else {
        summary.own_value_reads
    };
    let (readers, readers_short) = match hidden_reads {
        0 => (
            format!("value read by {}", plural(summary.readers, "principal")),
            plural(summary.readers, "reader"),
        ),
        n => (
            format!(
                "value read by {}, smtui's own {} not counted",
                plural(summary.readers, "principal"),
                plural(n, "value read")
            ),
            format!("{} + smtui's own", plural(summary.readers, "reader")),
        ),
    };
    let calls = plural(summary.own, "read-only call");
    let own = if view.include_own {
        format!("smtui's own {calls} counted")
    } else {
        format!("smtui's own {calls} hidden")
    };
    SummaryWords {
        covers,
        covers_short,
        events: plural(summary.events, "event"),
        readers,
        readers_short,
        denied: format!("{} denied", summary.denied),
        any_denied: summary.denied > 0,
        last_read,
        own,
    }
}

impl SummaryWords {
    fn denied_span<'a>(&self, theme: &Theme) -> Span<'a> {
        let style = if self.any_denied {
            theme.audit_denied
        } else {
            theme.audit_success
        };
        Span::styled(self.denied.clone(), style)
    }

    /// The whole summary, three lines to wrap.
    pub(super) fn full<'a>(&self, theme: &Theme) -> Vec<Line<'a>> {
        vec![
            Line::from(vec![
                Span::styled(format!("{}: ", self.covers), theme.text),
                Span::styled(self.events.clone(), theme.text),
                Span::styled(" · ", theme.dim),
                Span::styled(self.readers.clone(), theme.text),
                Span::styled(" · ", theme.dim),
                self.denied_span(theme),
            ]),
            Line::from(vec![
                Span::styled(self.last_read.clone(), theme.text),
                Span::styled(" · ", theme.dim),
                Span::styled(self.own.clone(), theme.dim),
            ]),
            Line::styled(DELAY_NOTE, theme.dim),
        ]
    }

    /// The summary in `rows` lines of `width`, most telling first: what the counts cover
    /// and the counts, what is hidden, the last read, the delay. Each line that is too
    /// long loses its middle, visibly, rather than wrap into the table's rows.
    pub(super) fn short<'a>(&self, rows: u16, width: u16, theme: &Theme) -> Vec<Line<'a>> {
        let width = usize::from(width);
        // What the counts cover comes first and stays; the readers, then the events, give
        // way to keep it and the denied count whole.
        let candidates = [
            format!(
                "{}: {} · {} · ",
                self.covers_short, self.events, self.readers_short
            ),
            format!("{}: {} · ", self.covers_short, self.events),
            format!("{} · ", self.covers_short),
        ];
        let denied_width = self.denied.chars().count();
        let counts = candidates
            .iter()
            .find(|c| c.chars().count() + denied_width <= width)
            .map_or_else(
                || {
                    let all = format!("{}{}", candidates[2], self.denied);
                    Line::styled(elide_middle(&all, width), theme.text)
                },
                |c| {
                    Line::from(vec![
                        Span::styled(c.clone(), theme.text),
                        self.denied_span(theme),
                    ])
                },
            );
        [
            counts,
            Line::styled(elide_middle(&self.own, width), theme.dim),
            Line::styled(elide_middle(&self.last_read, width), theme.text),
            Line::styled(elide_middle(DELAY_NOTE, width), theme.dim),
        ]
        .into_iter()
        .take(usize::from(rows))
        .collect()
    }
}
