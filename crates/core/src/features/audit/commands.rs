//! The audit room's commands: their names and descriptions, and the default keys of the
//! audit pane, its record view and the global key that opens it.

use crate::features::audit::{Audit, Out};
use crate::room::Ctx;
use crate::room::keys::rows::{ENTER, ESC, GLOBAL, Item, Keyset, k};
use crate::room::keys::{Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;

/// What a key or the palette can ask of the audit room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// The CloudTrail audit pane of the selected secret.
    Open,
    /// Every Secrets Manager event of a region.
    Region,
    /// The next time window.
    Window,
    /// UTC or local time.
    ToggleUtc,
    /// Count smtui's own reads or not.
    ToggleOwnReads,
    /// Scan further after a partial result.
    ContinueScan,
}

use Command::{ContinueScan, Open, Region, ToggleOwnReads, ToggleUtc, Window};
use Item::{Keys, Moves};

const fn audit(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(audit(Open), "audit", "who read or changed this secret, from where, what was denied (CloudTrail)"),
    Spec::new(audit(Region), "audit-region", "every Secrets Manager event of the region (CloudTrail)"),
    Spec::new(audit(Window), "audit-window", "audit: the next time window").popup_only(),
    Spec::new(audit(ToggleUtc), "toggle-utc", "audit: times in UTC / local time").popup_only(),
    Spec::new(audit(ToggleOwnReads), "own-reads", "audit: count smtui's own reads or leave them out").popup_only(),
    Spec::new(audit(ContinueScan), "continue-scan", "audit: scan further after a partial result").popup_only(),
];

const AUDIT: Scope = Scope::In(Layer::Audit);
const RECORD: Scope = Scope::In(Layer::AuditEvent);
const VI: Keyset = Keyset::Vi;

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(GLOBAL, &[k('A')], audit(Open), "audit: who read or changed this secret (CloudTrail)", Some("audit")),
    Keys(AUDIT, &[ENTER], Bind::Verb(Verb::Select), "the highlighted event's whole record", Some("record")),
    Keys(AUDIT, &[k('w')], audit(Window), "window: 1 h, 24 h, 7 d, 30 d, 90 d", Some("window")),
    Keys(AUDIT, &[k('u')], audit(ToggleUtc), "times in UTC / local time", Some("utc")),
    Keys(AUDIT, &[k('m')], audit(ToggleOwnReads), "count smtui's own reads, or leave them out", Some("own reads")),
    Keys(AUDIT, &[k('n')], audit(ContinueScan), "scan further when the result is partial", None),
    Keys(AUDIT, &[k('/')], Bind::Verb(Verb::Filter), "filter by event name, principal or outcome", Some("filter")),
    Keys(AUDIT, &[k('r')], Bind::Verb(Verb::Refresh), "look up again", None),
    Moves(AUDIT, VI, &["next event (more load as you go)", "previous event", "page down", "page up", "newest", "oldest loaded"], None),
    Keys(AUDIT, &[ESC, k('q')], Bind::Verb(Verb::Back), "close", Some("close")),
    Moves(RECORD, VI, &["scroll down", "scroll up", "page down", "page up", "top"], Some("scroll")),
    Keys(RECORD, &[ESC, k('q')], Bind::Verb(Verb::Back), "back to the events", Some("back")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

impl Audit {
    /// A command over the panes. `region`: the region the pane is in (the selected
    /// secret's, else the first listed), for `audit-region`. The pane's own keys arrive in
    /// its layer (`Audit::command`).
    pub(crate) fn run(
        &mut self,
        command: Command,
        region: Option<String>,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        match command {
            Open => self.open(ctx, out),
            Region => {
                if let Some(region) = region {
                    self.open_region(region, ctx, out);
                }
            }
            Window | ToggleUtc | ToggleOwnReads | ContinueScan => {}
        }
    }
}
