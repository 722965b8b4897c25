//! The reveal room's update: the parts of the app that touch secret values.

use std::collections::BTreeSet;

use crate::features::reveal::Command as RevealCommand;
use crate::features::reveal::{
    Call, FetchPurpose, PendingFetch, Reveal, RevealScope, Room, Shown, ValuePane,
};
use crate::ids::IdentityId;
use crate::kit::{Cursor, Move, Scroll};
use crate::model::{AwsError, FetchedValue, VersionSel};
use crate::room::keys::{Bind, Verb};
use crate::room::layers::{Focus, Layer};
use crate::room::{Ctx, Effect, Intent, Out, Sensitivity, Timer};
use crate::secret::ValueView;

impl Reveal {
    /// The commands this room handles. Returns false for any other.
    pub(crate) fn command(
        &mut self,
        command: Bind<RevealCommand>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) -> bool {
        match command {
            Bind::Verb(Verb::Reveal) => self.reveal(RevealScope::One, ctx, out),
            Bind::Own(RevealCommand::RevealAll) => self.reveal(RevealScope::All, ctx, out),
            Bind::Own(RevealCommand::RawJson) => self.toggle_raw_json(),
            Bind::Own(RevealCommand::CopyValue) => self.copy_value(ctx, out),
            _ => match command.as_move() {
                Some(step) if ctx.focus == Focus::Value => return self.move_in_value(step),
                _ => return false,
            },
        }
        true
    }

    /// `v` (and `V` with `all`): fetch and show, or toggle what is shown.
    fn reveal(&mut self, scope: RevealScope, ctx: &Ctx, out: &mut Out<Room>) {
        if ctx.settings.reveal_timeout.is_zero() {
            out.warn("Reveal is disabled (reveal_timeout_secs = 0)");
            return;
        }
        let in_value_pane = ctx.focus == Focus::Value;
        let deadline = ctx.now + ctx.settings.reveal_timeout;
        let Some(pane) = self.value.as_mut() else {
            if self.is_fetching(FetchPurpose::Reveal) {
                // A second press while the value is on its way means "never mind".
                self.mask();
                out.info("Reveal cancelled");
            } else {
                self.start_fetch(FetchPurpose::Reveal, scope, ctx, out);
            }
            return;
        };
        let key_count = match &pane.value.view {
            ValueView::Json { entries, .. } => Some(entries.len()),
            _ => None,
        };
        match (&mut pane.shown, key_count) {
            (Shown::Keys(keys), Some(count)) if scope == RevealScope::All => {
                *keys = if keys.len() == count {
                    BTreeSet::new()
                } else {
                    (0..count).collect()
                };
                pane.expires_at = deadline;
            }
            (Shown::Keys(keys), Some(_)) if in_value_pane => {
                if !keys.remove(&pane.selected_key.at()) {
                    keys.insert(pane.selected_key.at());
                }
                pane.expires_at = deadline;
            }
            // `v` on the list (or on a text value) hides it again.
            _ => self.mask(),
        }
    }

    /// Drops the value on screen (its bytes are zeroized on drop) and a reveal on its way.
    pub(crate) fn mask(&mut self) {
        self.value = None;
        self.pending.retain(|p| p.purpose != FetchPurpose::Reveal);
    }

    /// Another secret is selected: nothing of this one stays, and the version resets.
    pub(crate) fn forget_for_selection_change(&mut self) {
        self.mask();
        self.version = VersionSel::current();
    }

    /// A refresh of `identity` (or it is no longer held): answers to its old generation's
    /// fetches will be dropped, and its value goes; another identity's stay.
    pub(crate) fn forget(&mut self, identity: IdentityId) {
        if self
            .value
            .as_ref()
            .is_some_and(|v| v.secret.identity == identity)
        {
            self.value = None;
        }
        self.pending.retain(|p| p.secret.identity != identity);
    }

    fn start_fetch(
        &mut self,
        purpose: FetchPurpose,
        scope: RevealScope,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let Some(selected) = ctx.selected else {
            return;
        };
        let secret = ctx.address(selected);
        let request = self.next_id();
        self.pending.retain(|p| p.purpose != purpose);
        self.pending.push(PendingFetch {
            request,
            secret: secret.clone(),
            purpose,
            version: self.version.clone(),
            scope,
        });
        out.effect(Effect::Aws {
            stamp: ctx.stamp_for(&secret),
            call: Call::GetValue {
                request,
                secret,
                version: self.version.clone(),
            },
        });
    }

    pub(crate) fn fetched(
        &mut self,
        request: u64,
        result: Result<FetchedValue, AwsError>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let Some(at) = self.pending.iter().position(|p| p.request == request) else {
            return;
        };
        let fetch = self.pending.remove(at);
        let value = match result {
            Ok(value) => value,
            Err(err) => {
                let why = ctx.explain_as(fetch.secret.identity, &err);
                out.error(format!("{why} (secret {})", fetch.secret));
                return;
            }
        };
        match fetch.purpose {
            FetchPurpose::Copy => out.intent(Intent::Copy {
                label: value.view.copy_label(format!(
                    "value of {} ({})",
                    fetch.secret,
                    fetch.version.label()
                )),
                text: value.view.whole_for_copy(&value.raw),
                sensitivity: Sensitivity::Secret,
            }),
            FetchPurpose::Reveal => self.show(fetch, value, ctx, out),
        }
    }

    fn show(&mut self, fetch: PendingFetch, value: FetchedValue, ctx: &Ctx, out: &mut Out<Room>) {
        // The user has moved on (another secret, another version): not shown.
        if ctx.selected.is_none_or(|s| !s.is(&fetch.secret)) || fetch.version != self.version {
            return;
        }
        let shown = match &value.view {
            ValueView::Json { entries, .. } if fetch.scope == RevealScope::All => {
                Shown::Keys((0..entries.len()).collect())
            }
            ValueView::Json { .. } => Shown::Keys(BTreeSet::new()),
            _ => Shown::All,
        };
        if matches!(shown, Shown::Keys(_)) {
            out.intent(Intent::Open(Layer::Value));
        }
        let reveal_id = self.next_id();
        let delay = ctx.settings.reveal_timeout;
        self.value = Some(ValuePane {
            reveal_id,
            secret: fetch.secret,
            version: fetch.version,
            value,
            shown,
            selected_key: Cursor::default(),
            scroll: Scroll::default(),
            raw_json: false,
            expires_at: ctx.now + delay,
        });
        out.effect(Effect::After {
            delay,
            timer: Timer::RemaskDue { reveal: reveal_id },
        });
    }

    pub(crate) fn remask_due(&mut self, reveal: u64, ctx: &Ctx, out: &mut Out<Room>) {
        let Some(pane) = self.value.as_ref().filter(|p| p.reveal_id == reveal) else {
            return;
        };
        if ctx.now >= pane.expires_at {
            self.mask();
            out.info(format!(
                "Value masked again after {} s",
                ctx.settings.reveal_timeout.as_secs()
            ));
        } else {
            // The user revealed more since: wait for the extended deadline.
            let delay = pane.expires_at - ctx.now;
            out.effect(Effect::After {
                delay,
                timer: Timer::RemaskDue { reveal },
            });
        }
    }

    /// In the value pane: moves between JSON keys, or scrolls a text, binary or raw JSON
    /// value. False when no value is shown.
    fn move_in_value(&mut self, step: Move) -> bool {
        let Some(pane) = self.value.as_mut() else {
            return false;
        };
        if let Some(entries) = pane.key_table() {
            pane.selected_key.apply(step, entries.len());
        } else {
            pane.scroll.apply(step);
        }
        true
    }

    fn toggle_raw_json(&mut self) {
        if let Some(pane) = self.value.as_mut().filter(|p| p.is_json()) {
            pane.raw_json = !pane.raw_json;
        }
    }

    /// The version picker chose `version`: a revealed value is fetched again at it.
    pub(crate) fn use_version(&mut self, version: VersionSel, ctx: &Ctx, out: &mut Out<Room>) {
        let was_revealed = self.value.is_some();
        self.mask();
        out.info(format!("Version {} selected", version.label()));
        self.version = version;
        if was_revealed {
            self.start_fetch(FetchPurpose::Reveal, RevealScope::One, ctx, out);
        }
    }

    /// The shown value when it belongs to the selection and the chosen version.
    fn pane_for_selection(&self, ctx: &Ctx) -> Option<&ValuePane> {
        let pane = self.value.as_ref()?;
        let selected = ctx.selected?;
        (selected.is(&pane.secret) && pane.version == self.version).then_some(pane)
    }

    /// `c`: the selected JSON key in the value pane, else the whole value (fetched for the
    /// copy, and not shown, when it is not on screen).
    fn copy_value(&mut self, ctx: &Ctx, out: &mut Out<Room>) {
        let Some(selected) = ctx.selected else {
            return;
        };
        let Some(pane) = self.pane_for_selection(ctx) else {
            self.start_fetch(FetchPurpose::Copy, RevealScope::One, ctx, out);
            return;
        };
        let key_table = pane.key_table().filter(|_| ctx.focus == Focus::Value);
        let (label, text) = match key_table {
            Some(entries) => match entries.get(pane.selected_key.at()) {
                Some(entry) => {
                    // Copying something else in its place (the escaped JSON, U+FFFD) would
                    // paste a wrong secret without a word.
                    if let Some(why) = entry.not_text() {
                        out.error(format!(
                            "Not copied: key '{}' of {}: {why} (copy from the list for the whole value as JSON)",
                            entry.key, selected.name
                        ));
                        return;
                    }
                    (
                        format!("key '{}' of {}", entry.key, selected.name),
                        entry.value.clone(),
                    )
                }
                None => return,
            },
            None => (
                pane.value.view.copy_label(format!(
                    "value of {} ({})",
                    selected.name,
                    self.version.label()
                )),
                pane.value.view.whole_for_copy(&pane.value.raw),
            ),
        };
        out.intent(Intent::Copy {
            label,
            text,
            sensitivity: Sensitivity::Secret,
        });
    }
}
