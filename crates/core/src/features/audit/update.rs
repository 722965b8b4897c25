//! The audit room's update: opening a view (from the cache when fresh), its keys, and the
//! whole record of one event. The open view and the record are popups on the layer stack;
//! the router lends them to the room.

use crate::features::audit::Command as AuditCommand;
use crate::features::audit::fetch::streams_for;
use crate::features::audit::{Audit, AuditView, CACHE_TTL, Out, Prompt, Record, Scope, Window};
use crate::ids::{IdentityId, SecretRef};
use crate::kit::{Cursor, Scroll};
use crate::model::RotationEvent;
use crate::model::audit::Me;
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::{Ctx, Intent};

impl Audit {
    /// `audit`: the selected secret's events.
    pub(crate) fn open(&mut self, ctx: &Ctx, out: &mut Out) {
        let Some(secret) = ctx.selected else {
            out.info("Select a secret first (audit-region shows the whole region)");
            return;
        };
        let secret = ctx.address(secret);
        let scope = Scope::Secret { secret };
        let view = self.view_of(scope, Window::Day, String::new(), ctx, out);
        out.open(view);
    }

    /// `audit-region`: every Secrets Manager event of the selected secret's region (or the
    /// first region).
    pub(crate) fn open_region(&mut self, region: String, ctx: &Ctx, out: &mut Out) {
        let scope = Scope::Region {
            identity: ctx.stamp.identity,
            region,
        };
        let view = self.view_of(scope, Window::Day, String::new(), ctx, out);
        out.open(view);
    }

    /// The view of `scope` over `window` with `filter` (a window change and a refresh keep
    /// the filter: a responder's "what did this role do" must not quietly widen to
    /// everything): the cached one while fresh, else a new one whose lookups are sent.
    fn view_of(
        &mut self,
        scope: Scope,
        window: Window,
        filter: String,
        ctx: &Ctx,
        out: &mut Out,
    ) -> AuditView {
        let cached = self
            .cache
            .get(&(scope.clone(), window))
            .filter(|v| ctx.now.duration_since(v.fetched_at) < CACHE_TTL)
            .cloned();
        if let Some(mut view) = cached {
            view.include_own = self.include_own;
            if view.filter != filter {
                view.filter = filter;
                view.selected.set(0);
            }
            view.learn_me(ctx.caller_arn_of(view.scope.identity()), &self.access_keys);
            return view;
        }
        let end = ctx.wall;
        let start = end.checked_sub(window.length()).unwrap_or(end);
        let me = Me {
            arn: ctx.caller_arn_of(scope.identity()),
            access_keys: self.access_keys.clone(),
        };
        let mut view = AuditView {
            streams: streams_for(&scope),
            scope,
            window,
            start,
            end,
            events: Vec::new(),
            selected: Cursor::default(),
            utc: true,
            include_own: self.include_own,
            me,
            filter,
            error: None,
            fetched_at: ctx.now,
        };
        for index in 0..view.streams.len() {
            self.request(&mut view, index, ctx, out);
        }
        view
    }

    /// Closing the pane: the view is kept for `CACHE_TTL` (it is shown again if reopened
    /// meanwhile).
    pub(crate) fn closed(&mut self, view: AuditView) {
        if !view.loading() {
            self.cache.insert((view.scope.clone(), view.window), view);
        }
    }

    /// The open pane's keys.
    pub(crate) fn command(
        &mut self,
        view: &mut AuditView,
        command: Bind<AuditCommand>,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        view.learn_me(ctx.caller_arn_of(view.scope.identity()), &self.access_keys);
        if let Some(step) = command.as_move() {
            view.selected.apply(step, view.row_count());
            self.prefetch(view, ctx, out);
            return;
        }
        match command {
            Bind::Verb(Verb::Select) => {
                if let Some(event) = view.rows().nth(view.selected.at()) {
                    let record = Record {
                        event: event.clone(),
                        identity: view.scope.identity(),
                        scroll: Scroll::default(),
                    };
                    out.open(record);
                }
            }
            Bind::Own(AuditCommand::Window) => {
                let (scope, window) = (view.scope.clone(), view.window.next());
                let filter = view.filter.clone();
                let next = self.view_of(scope, window, filter, ctx, out);
                self.closed(std::mem::replace(view, next));
            }
            Bind::Own(AuditCommand::ToggleUtc) => view.utc = !view.utc,
            Bind::Own(AuditCommand::ToggleOwnReads) => {
                self.include_own = !view.include_own;
                view.include_own = self.include_own;
                view.selected.set(0);
            }
            Bind::Own(AuditCommand::ContinueScan) => self.continue_scan(view, ctx, out),
            Bind::Verb(Verb::Refresh) => {
                let (scope, window) = (view.scope.clone(), view.window);
                let filter = view.filter.clone();
                self.cache.remove(&(scope.clone(), window));
                *view = self.view_of(scope, window, filter, ctx, out);
            }
            Bind::Verb(Verb::Filter) => out.intent(Intent::Prompt {
                label: "Show events whose name, principal or outcome contains".to_owned(),
                initial: view.filter.clone(),
                purpose: Prompt::Filter,
            }),
            Bind::Verb(Verb::Back) => out.intent(Intent::Close(Layer::Audit)),
            _ => {}
        }
    }

    /// `identity` is no longer held: its cached views go (the router closes an open one).
    pub(crate) fn forget(&mut self, identity: IdentityId) {
        self.cache
            .retain(|(scope, _), _| scope.identity() != identity);
    }

    /// smtui works as another identity now: every cached view goes, and so do `m`'s choice
    /// and the access keys learned as the identity before. Query numbers keep counting, so
    /// no answer to a lookup made before is taken for a new one's.
    pub(crate) fn identity_switched(&mut self) {
        *self = Self {
            next_query: self.next_query,
            ..Self::default()
        };
    }
}

impl AuditView {
    /// The filter typed into the prompt.
    pub(crate) fn filtered(&mut self, text: &str) {
        text.trim().clone_into(&mut self.filter);
        self.selected.set(0);
    }

    /// Rotation events found for the secret of this view (they feed the rotation panel).
    pub(crate) fn rotation_events(&self) -> Option<(SecretRef, Vec<RotationEvent>)> {
        let Scope::Secret { secret } = &self.scope else {
            return None;
        };
        let events = self
            .events
            .iter()
            .filter_map(crate::model::audit::AuditEvent::rotation_event)
            .collect();
        Some((secret.clone(), events))
    }
}

impl Record {
    /// The record popup's keys: scroll, close.
    pub(crate) fn command(&mut self, command: Bind<AuditCommand>, out: &mut Out) {
        if let Some(step) = command.as_move() {
            self.scroll.apply(step);
            return;
        }
        if command == Bind::Verb(Verb::Back) {
            out.intent(Intent::Close(Layer::AuditEvent));
        }
    }
}
