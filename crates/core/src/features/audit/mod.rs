//! The CloudTrail audit pane: who touched a secret (or every Secrets Manager event of a
//! region), from where, and what was denied. LookupEvents pages arrive through the
//! runner's CloudTrail lane (2 per second per account and region); results are kept a
//! short while per secret and window.

pub mod call;
mod columns;
pub(crate) mod commands;
mod fetch;
pub(crate) mod outcome;
mod prompt;
mod summary;
mod update;
pub(crate) mod view;
pub use call::Call;
pub use commands::Command;
pub use outcome::{AuditPage, Outcome};
pub(crate) use prompt::Prompt;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::features::audit::call::Lookup;
use crate::ids::{IdentityId, SecretRef};
use crate::kit::{Cursor, Scroll, Theme};
use crate::model::audit::{AuditEvent, Me};
use crate::room::keys::{Bind, Labels};
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};

use crate::room::Ctx;
/// The audit room's words: its commands, its CloudTrail lookups, its two popups (the pane
/// and one event's whole record) and its filter prompt.
use crate::room::update::Here;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = Prompt;
}

/// The app runs the audit room through its one registration line.
impl crate::room::update::Update for Room {
    type State = Audit;
    type Outcome = Outcome;
    type Open = AuditView;
    const LAYERS: &'static [Layer] = &[Layer::Audit];
    // Closed, the pane is kept a while for the next opening.
    const KEEPS: Option<Layer> = Some(Layer::Audit);

    fn run(audit: &mut Audit, command: Command, here: &Here, ctx: &Ctx, out: &mut Out) {
        audit.run(command, here.region.map(str::to_owned), ctx, out);
    }

    fn answered(
        audit: &mut Audit,
        view: Option<&mut AuditView>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        audit.answered(view, outcome, ctx, out);
    }

    fn prompted(
        _: &mut Audit,
        view: Option<&mut AuditView>,
        prompt: Prompt,
        text: String,
        _: &Ctx,
        _: &mut Out,
    ) {
        if let Some(view) = view {
            view.prompted(prompt, &text);
        }
    }

    fn layer_command(
        audit: &mut Audit,
        view: Option<&mut AuditView>,
        _: Layer,
        command: Bind<Command>,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        if let Some(view) = view {
            audit.command(view, command, ctx, out);
        }
    }

    fn closed(audit: &mut Audit, view: AuditView) {
        audit.closed(view);
    }

    fn forget(audit: &mut Audit, identity: IdentityId) {
        audit.forget(identity);
    }

    fn identity_switched(audit: &mut Audit) {
        audit.identity_switched();
    }
}

/// An answer in the audit room's words.
pub(crate) type Out = crate::room::Out<Room>;

/// How long a lookup's result is reused when the pane is opened again.
pub(crate) const CACHE_TTL: Duration = Duration::from_mins(1);
/// A scan (every event of the region, filtered here) stops after this many pages and
/// says the result is partial; `continue-scan` fetches as many again.
pub const SCAN_PAGES: usize = 10;
/// Throttled lookups are tried again this many times, waiting longer each time.
pub(crate) const MAX_RETRIES: u32 = 3;
/// Rows from the end at which the next page is fetched.
pub(crate) const PREFETCH_ROWS: usize = 10;

/// The time window looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Window {
    Hour,
    Day,
    Week,
    Month,
    Quarter,
}

impl Window {
    pub(crate) fn length(self) -> SignedDuration {
        SignedDuration::from_hours(match self {
            Window::Hour => 1,
            Window::Day => 24,
            Window::Week => 7 * 24,
            Window::Month => 30 * 24,
            // CloudTrail keeps 90 days of management events.
            Window::Quarter => 90 * 24,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Window::Hour => "1 h",
            Window::Day => "24 h",
            Window::Week => "7 d",
            Window::Month => "30 d",
            Window::Quarter => "90 d",
        }
    }

    #[must_use]
    pub(crate) fn next(self) -> Self {
        match self {
            Window::Hour => Window::Day,
            Window::Day => Window::Week,
            Window::Week => Window::Month,
            Window::Month => Window::Quarter,
            Window::Quarter => Window::Hour,
        }
    }
}

/// What the pane looks at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// One secret: its API calls (by ResourceName) and the events Secrets Manager wrote
    /// about it (found by scanning the region's events).
    Secret { secret: SecretRef },
    /// Every Secrets Manager event of a region, as `identity` sees them.
    Region {
        identity: IdentityId,
        region: String,
    },
}

impl Scope {
    pub(crate) fn region(&self) -> &str {
        match self {
            Scope::Secret { secret } => &secret.region,
            Scope::Region { region, .. } => region,
        }
    }

    /// The identity the events are looked up as: a view and its cache are that identity's.
    pub fn identity(&self) -> IdentityId {
        match self {
            Scope::Secret { secret } => secret.identity,
            Scope::Region { identity, .. } => *identity,
        }
    }
}

/// One sequence of pages of one lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stream {
    pub(crate) lookup: Lookup,
    /// Only keep events naming the secret (a scan of the whole region).
    pub(crate) filtered: bool,
    pub(crate) token: Option<String>,
    pub pages: usize,
    /// Pages this scan may still fetch before it stops and says it is partial.
    pub(crate) budget: usize,
    /// The query id of the page on its way.
    pub in_flight: Option<u64>,
    /// A throttled page waits for `AuditRetryDue` with this query id.
    pub(crate) retry: Option<u64>,
    /// Throttled answers in a row.
    pub(crate) throttled: u32,
    pub(crate) done: bool,
}

/// The pane as it is open: a popup on the layer stack. Closing it hands it to the room,
/// which keeps it a short while for the next opening (`Audit::closed`).
#[derive(Debug, Clone, PartialEq)]
pub struct AuditView {
    pub scope: Scope,
    pub window: Window,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Newest first, each event once.
    pub events: Vec<AuditEvent>,
    pub streams: Vec<Stream>,
    pub(crate) selected: Cursor,
    /// Times in UTC (else the local time zone).
    pub(crate) utc: bool,
    /// Count smtui's own reads too (`AuditEvent::own_read`); kept from view to view by
    /// `Audit::include_own`.
    pub include_own: bool,
    /// Who smtui is as the view's identity (`scope.identity()`): its GetCallerIdentity ARN,
    /// and the access keys the lookups were signed with. Only reads matching both are smtui's own; until both are known nothing is
    /// left out.
    pub me: Me,
    /// The filter: event name, principal, secret or outcome contain it. It stays when the
    /// window changes or the view is looked up again.
    pub filter: String,
    /// Why the last lookup failed, for the pane.
    pub error: Option<String>,
    pub(crate) fetched_at: Instant,
}

/// The pane of events, docked: it takes its keys with its room (which keeps the views
/// looked up), lent beside it by the router.
impl Shown<Room> for AuditView {
    fn layer(&self) -> Layer {
        Layer::Audit
    }

    /// What was looked up as its scope's identity.
    fn holds(&self) -> Holds {
        Holds::Identity(self.scope.identity())
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        let context: (_, &dyn Labels) = (&around.settings.time_zone, around.keymap);
        view::render(frame, around.docked, self, context, theme);
    }

    fn fills(&self, around: &Around) -> Option<Rect> {
        Some(around.docked)
    }
}

/// The whole record of one event, a popup over the pane: it carries the event it was
/// opened on, so pages arriving under it do not change what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub(crate) event: AuditEvent,
    /// The identity it was looked up as (its pane's `scope.identity()`).
    pub(crate) identity: IdentityId,
    /// How far it is scrolled.
    pub scroll: Scroll,
}

/// Over the pane: it takes its keys alone.
impl Shown<Room> for Record {
    fn layer(&self) -> Layer {
        Layer::AuditEvent
    }

    /// An event fetched as this identity.
    fn holds(&self) -> Holds {
        Holds::Identity(self.identity)
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        view::render_record(frame, around.docked, self, theme);
    }

    fn takes_keys(&self) -> bool {
        true
    }

    fn command(&mut self, command: Bind<Command>, _ctx: &crate::room::Ctx, out: &mut Out) {
        Record::command(self, command, out);
    }
}

impl AuditView {
    /// The rows shown: smtui's own reads left out unless asked for, the filter applied.
    pub fn rows(&self) -> impl Iterator<Item = &AuditEvent> {
        let needle = self.filter.to_lowercase();
        self.events.iter().filter(move |e| {
            (self.include_own || !e.own_read(&self.me))
                && (needle.is_empty()
                    || e.name.to_lowercase().contains(&needle)
                    || e.principal.label.to_lowercase().contains(&needle)
                    || e.secret_ids
                        .iter()
                        .any(|id| id.to_lowercase().contains(&needle))
                    || e.error_code
                        .as_deref()
                        .unwrap_or("success")
                        .to_lowercase()
                        .contains(&needle))
        })
    }

    pub fn row_count(&self) -> usize {
        self.rows().count()
    }

    /// Who smtui is, once known (its ARN, and the keys it signs with): the rows may
    /// change, the selected event stays.
    fn learn_me(&mut self, caller_arn: Option<String>, keys: &[String]) {
        let mut me = self.me.clone();
        me.arn = caller_arn;
        for key in keys {
            me.learn_key(Some(key.clone()));
        }
        if me == self.me {
            return;
        }
        let selected = self.rows().nth(self.selected.at()).map(|e| e.id.clone());
        self.me = me;
        let at = selected
            .and_then(|id| self.rows().position(|e| e.id == id))
            .unwrap_or(0);
        self.selected.set(at);
    }

    /// Events of the window not loaded yet: a lookup has more pages (or a scan stopped
    /// at its cap, or a page failed). Until then the summary and the filter cover only
    /// the events loaded, and say so.
    pub(crate) fn more(&self) -> bool {
        self.streams.iter().any(|s| !s.done)
    }

    pub fn loading(&self) -> bool {
        self.streams
            .iter()
            .any(|s| s.in_flight.is_some() || s.retry.is_some())
    }

    /// A scan stopped at its page cap with more to read.
    pub(crate) fn partial(&self) -> bool {
        self.streams
            .iter()
            .any(|s| !s.done && s.budget == 0 && s.in_flight.is_none())
    }
}

/// The room: the views closed a short while ago, and what holds from view to view. The
/// open view is a popup on the layer stack.
#[derive(Debug, Clone, Default)]
pub struct Audit {
    next_query: u64,
    /// Results by scope and window, reused for `CACHE_TTL`.
    cache: HashMap<(Scope, Window), AuditView>,
    /// `m`'s choice, for every view until the identity changes (which resets the room):
    /// changing the window or the filter must not bring hidden reads back, or hide them.
    include_own: bool,
    /// The access keys the lookups as this identity were signed with (the room is reset
    /// when the identity changes): reads signed with them are smtui's own.
    access_keys: Vec<String>,
}
