//! One line: every region and its state (loading, count, or the reason it failed). When the
//! regions do not fit (`--all-regions`), the loaded ones are summed up and the line is spent
//! on the regions that need attention: failed first, then those still loading.
//!
//! While several identities are held it is an account × region bar: each account's
//! regions after its name; when that does not fit, one entry per account (its total, or
//! what is wrong with it); when even that does not fit, the accounts that loaded are summed
//! up and the line is spent on the others.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::features::browse::state::{RegionState, RegionStatus};
use crate::ids::IdentityId;
use crate::kit::Theme;
use crate::sanitize::sanitize_line;

const SEPARATOR: &str = " │ ";
/// Between two accounts' regions.
const ACCOUNT_SEPARATOR: &str = " ║ ";

/// How the bar names each held identity's account (its alias, else its ID, else who it is
/// until AWS has said), in the order held; then the accounts an organisation's discovery
/// could not assume a role in, each with why.
#[derive(Clone, Copy)]
pub(crate) struct Accounts<'a> {
    pub(crate) held: &'a [(IdentityId, String)],
    pub(crate) refused: &'a [(String, String)],
}

pub(crate) fn render(
    frame: &mut Frame,
    area: Rect,
    regions: &[RegionStatus],
    accounts: Accounts,
    theme: &Theme,
) {
    let line = line_for(area.width, regions, accounts, theme);
    frame.render_widget(Paragraph::new(line), area);
}

fn line_for<'a>(
    width: u16,
    regions: &'a [RegionStatus],
    accounts: Accounts,
    theme: &Theme,
) -> Line<'a> {
    let fits = |line: &Line| line.width() <= usize::from(width);
    if accounts.held.len() > 1 || !accounts.refused.is_empty() {
        let full = every_account_region(regions, accounts, theme);
        if fits(&full) {
            return full;
        }
        let per_account = every_account(regions, accounts, theme, false);
        if fits(&per_account) {
            return per_account;
        }
        return every_account(regions, accounts, theme, true);
    }
    let full = every_region(regions, theme);
    if fits(&full) {
        full
    } else {
        summary(regions, theme)
    }
}

/// The region drawn at column `x` of the bar (for a click): the line is built as drawn and
/// walked span by span, so the answer is the region under the pointer.
pub(crate) fn region_at(
    area: Rect,
    regions: &[RegionStatus],
    accounts: Accounts,
    x: u16,
) -> Option<String> {
    let theme = Theme::default();
    let line = line_for(area.width, regions, accounts, &theme);
    // A region's name, the space and its state all belong to it; a separator does not.
    let mut at = area.x;
    let mut current: Option<&str> = None;
    for span in &line.spans {
        let text = span.content.as_ref();
        if let Some(region) = regions.iter().find(|r| r.name == text) {
            current = Some(region.name.as_str());
        } else if text == SEPARATOR || text == ACCOUNT_SEPARATOR {
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

/// Each account's name, then its regions.
fn every_account_region<'a>(
    regions: &'a [RegionStatus],
    accounts: Accounts,
    theme: &Theme,
) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, (identity, name)) in accounts.held.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(ACCOUNT_SEPARATOR, theme.border));
        }
        spans.push(Span::styled(
            format!("{}: ", sanitize_line(name)),
            theme.dim,
        ));
        let own = regions.iter().filter(|r| r.identity == *identity);
        for (j, region) in own.enumerate() {
            if j > 0 {
                spans.push(Span::styled(SEPARATOR, theme.border));
            }
            spans.extend(region_spans(region, theme));
        }
    }
    push_refused(&mut spans, accounts, ACCOUNT_SEPARATOR, theme);
    Line::from(spans)
}

/// The accounts whose role could not be assumed, after the others: name and why.
fn push_refused(
    spans: &mut Vec<Span<'_>>,
    accounts: Accounts,
    separator: &'static str,
    theme: &Theme,
) {
    for (name, why) in accounts.refused {
        if !spans.is_empty() {
            spans.push(Span::styled(separator, theme.border));
        }
        spans.push(Span::styled(sanitize_line(name).into_owned(), theme.text));
        spans.push(Span::styled(
            format!(" ✗ assume refused: {}", sanitize_line(why)),
            theme.error,
        ));
    }
}

/// One entry per account: its total once every region loaded, else what is wrong or still
/// loading. `loaded_summed`: the accounts whose regions all loaded are one count at the
/// start, and only the others are named.
fn every_account<'a>(
    regions: &'a [RegionStatus],
    accounts: Accounts,
    theme: &Theme,
    loaded_summed: bool,
) -> Line<'a> {
    let states: Vec<(&str, AccountState)> = accounts
        .held
        .iter()
        .map(|(identity, name)| {
            let own: Vec<&RegionStatus> =
                regions.iter().filter(|r| r.identity == *identity).collect();
            (name.as_str(), AccountState::of(&own))
        })
        .collect();
    let mut spans = Vec::new();
    if loaded_summed {
        let loaded: Vec<usize> = states
            .iter()
            .filter_map(|(_, s)| match s {
                AccountState::Loaded(n) => Some(*n),
                _ => None,
            })
            .collect();
        let count = accounts.held.len() + accounts.refused.len();
        spans.push(Span::styled(format!("{count} accounts "), theme.dim));
        spans.push(Span::styled(
            format!(
                "✓ {} loaded ({} secrets)",
                loaded.len(),
                loaded.iter().sum::<usize>()
            ),
            theme.ok,
        ));
    }
    // What needs attention first: refusals and failures, then what is loading.
    if loaded_summed {
        push_refused(&mut spans, accounts, SEPARATOR, theme);
    }
    let mut shown: Vec<&(&str, AccountState)> = states
        .iter()
        .filter(|(_, s)| !loaded_summed || !matches!(s, AccountState::Loaded(_)))
        .collect();
    if loaded_summed {
        shown.sort_by_key(|(_, s)| !matches!(s, AccountState::Failed { .. }));
    }
    for (name, state) in shown {
        if !spans.is_empty() {
            spans.push(Span::styled(SEPARATOR, theme.border));
        }
        spans.push(Span::styled(sanitize_line(name).into_owned(), theme.text));
        spans.push(Span::raw(" "));
        spans.push(match state {
            AccountState::Loaded(n) => Span::styled(format!("✓ {n}"), theme.ok),
            AccountState::Loading { so_far } => Span::styled(format!("{so_far}…"), theme.loading),
            AccountState::Failed { why, regions } => {
                let which = if *regions == 1 {
                    String::new()
                } else {
                    format!(" ({regions} regions)")
                };
                Span::styled(format!("✗ {why}{which}"), theme.error)
            }
        });
    }
    if !loaded_summed {
        push_refused(&mut spans, accounts, SEPARATOR, theme);
    }
    Line::from(spans)
}

/// One account's regions, summed up.
enum AccountState {
    /// Every region listed: this many secrets.
    Loaded(usize),
    /// Some still loading: this many so far.
    Loading { so_far: usize },
    /// Some failed: the first failure's reason, and how many regions failed.
    Failed { why: &'static str, regions: usize },
}

impl AccountState {
    fn of(regions: &[&RegionStatus]) -> Self {
        let failed: Vec<&RegionStatus> = regions
            .iter()
            .copied()
            .filter(|r| matches!(r.state, RegionState::Failed(_)))
            .collect();
        if let Some(RegionState::Failed(err)) = failed.first().map(|r| &r.state) {
            return AccountState::Failed {
                why: err.kind.short(),
                regions: failed.len(),
            };
        }
        let count = |r: &&RegionStatus| match r.state {
            RegionState::Loaded { count } | RegionState::Loading { so_far: count } => count,
            RegionState::Failed(_) => 0,
        };
        let total = regions.iter().map(count).sum();
        if regions
            .iter()
            .any(|r| matches!(r.state, RegionState::Loading { .. }))
        {
            AccountState::Loading { so_far: total }
        } else {
            AccountState::Loaded(total)
        }
    }
}
