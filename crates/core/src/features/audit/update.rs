//! The audit room's update: opening a view (from the cache when fresh), its keys, and the
//! whole record of one event.

use crate::app::command::Command;
use crate::app::layers::Layer;
use crate::app::room::{Ctx, Intent, Out};
use crate::features::audit::Command as AuditCommand;
use crate::features::audit::fetch::streams_for;
use crate::features::audit::{Audit, AuditView, CACHE_TTL, Prompt, Scope, Window};
use crate::ids::{IdentityId, SecretRef};
use crate::kit::{Cursor, Scroll};
use crate::model::RotationEvent;
use crate::model::audit::Me;

impl Audit {
    /// `audit`: the selected secret's events.
    pub fn open(&mut self, ctx: &Ctx, out: &mut Out) {
        let Some(secret) = ctx.selected else {
            out.info("Select a secret first (audit-region shows the whole region)");
            return;
        };
        let Some(secret) = ctx.secret_ref(secret, out) else {
            return;
        };
        let scope = Scope::Secret { secret };
        self.show(scope, Window::Day, String::new(), ctx, out);
    }

    /// `audit-region`: every Secrets Manager event of the selected secret's region (or the
    /// first region).
    pub fn open_region(&mut self, region: String, ctx: &Ctx, out: &mut Out) {
        self.show(
            Scope::Region {
                identity: ctx.stamp.identity,
                region,
            },
            Window::Day,
            String::new(),
            ctx,
            out,
        );
    }

    /// Opens `scope` over `window` with `filter` (a window change and a refresh keep the
    /// filter: a responder's "what did this role do" must not quietly widen to everything).
    fn show(&mut self, scope: Scope, window: Window, filter: String, ctx: &Ctx, out: &mut Out) {
        self.keep();
        let cached = self
            .cache
            .get(&(scope.clone(), window))
            .filter(|v| ctx.now.duration_since(v.fetched_at) < CACHE_TTL)
            .cloned();
        out.intent(Intent::Open(Layer::Audit));
        if let Some(mut view) = cached {
            view.include_own = self.include_own;
            if view.filter != filter {
                view.filter = filter;
                view.selected.set(0);
            }
            view.learn_me(ctx.caller_arn(), &self.access_keys);
            self.view = Some(view);
            return;
        }
        let end = ctx.wall;
        let start = end.checked_sub(window.length()).unwrap_or(end);
        self.view = Some(AuditView {
            streams: streams_for(&scope),
            scope,
            window,
            start,
            end,
            events: Vec::new(),
            selected: Cursor::default(),
            utc: true,
            include_own: self.include_own,
            me: Me {
                arn: ctx.caller_arn(),
                access_keys: self.access_keys.clone(),
            },
            filter,
            error: None,
            record: None,
            fetched_at: ctx.now,
        });
        let streams = self.view.as_ref().map_or(0, |v| v.streams.len());
        for index in 0..streams {
            self.request(index, ctx, out);
        }
    }

    /// Keeps the open view for `CACHE_TTL` (it is shown again if reopened meanwhile).
    fn keep(&mut self) {
        if let Some(view) = self.view.take()
            && !view.loading()
        {
            self.cache.insert((view.scope.clone(), view.window), view);
        }
    }

    /// Closing the pane: the view is kept a while for the next opening.
    pub fn closed(&mut self) {
        self.keep();
    }

    /// The pane's keys.
    pub fn command(&mut self, command: Command, ctx: &Ctx, out: &mut Out) {
        let Some(view) = self.view.as_mut() else {
            out.intent(Intent::Close(Layer::Audit));
            return;
        };
        view.learn_me(ctx.caller_arn(), &self.access_keys);
        if let Some(step) = command.as_move() {
            view.selected.apply(step, view.row_count());
            self.prefetch(ctx, out);
            return;
        }
        match command {
            Command::Select if view.rows().nth(view.selected.at()).is_some() => {
                view.record = Some((view.selected.at(), Scroll::default()));
                out.intent(Intent::Open(Layer::AuditEvent));
            }
            Command::Audit(AuditCommand::Window) => {
                let (scope, window) = (view.scope.clone(), view.window.next());
                let filter = view.filter.clone();
                self.show(scope, window, filter, ctx, out);
            }
            Command::Audit(AuditCommand::ToggleUtc) => view.utc = !view.utc,
            Command::Audit(AuditCommand::ToggleOwnReads) => {
                self.include_own = !view.include_own;
                view.include_own = self.include_own;
                view.selected.set(0);
            }
            Command::Audit(AuditCommand::ContinueScan) => self.continue_scan(ctx, out),
            Command::Refresh => {
                let (scope, window) = (view.scope.clone(), view.window);
                let filter = view.filter.clone();
                self.view = None;
                self.cache.remove(&(scope.clone(), window));
                self.show(scope, window, filter, ctx, out);
            }
            Command::Filter => out.intent(Intent::Prompt {
                label: "Show events whose name, principal or outcome contains".to_owned(),
                initial: view.filter.clone(),
                purpose: Prompt::Filter.into(),
            }),
            Command::Back => out.intent(Intent::Close(Layer::Audit)),
            _ => {}
        }
    }

    /// The filter typed into the prompt.
    pub fn filtered(&mut self, text: &str) {
        if let Some(view) = self.view.as_mut() {
            text.trim().clone_into(&mut view.filter);
            view.selected.set(0);
        }
    }

    /// The record popup's keys: scroll, close.
    pub fn record_command(&mut self, command: Command, out: &mut Out) {
        let Some((_, scroll)) = self.view.as_mut().and_then(|v| v.record.as_mut()) else {
            out.intent(Intent::Close(Layer::AuditEvent));
            return;
        };
        if let Some(step) = command.as_move() {
            scroll.apply(step);
            return;
        }
        if command == Command::Back {
            out.intent(Intent::Close(Layer::AuditEvent));
        }
    }

    /// The identity the lookup `query` of the open view is made as (its scope's).
    pub fn asked_as(&self, query: u64) -> Option<IdentityId> {
        let view = self.view.as_ref()?;
        view.streams
            .iter()
            .any(|s| s.in_flight == Some(query))
            .then(|| view.scope.identity())
    }

    /// `identity` is no longer held: its views, open or cached, go.
    pub fn forget(&mut self, identity: IdentityId) {
        if self
            .view
            .as_ref()
            .is_some_and(|v| v.scope.identity() == identity)
        {
            self.view = None;
        }
        self.cache
            .retain(|(scope, _), _| scope.identity() != identity);
    }

    /// Rotation events found for `secret` in the open view (they feed the rotation panel).
    pub fn rotation_events(&self) -> Option<(SecretRef, Vec<RotationEvent>)> {
        let view = self.view.as_ref()?;
        let Scope::Secret { secret } = &view.scope else {
            return None;
        };
        let events = view
            .events
            .iter()
            .filter_map(crate::model::audit::AuditEvent::rotation_event)
            .collect();
        Some((secret.clone(), events))
    }
}
