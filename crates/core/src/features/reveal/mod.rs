//! Reveal: fetching a value only when asked (reveal or copy), showing it masked per JSON
//! key until revealed, re-masking on a timer, and dropping (zeroizing) it on timeout, on a
//! selection change and on quit. The value pane is its view.

pub(crate) mod call;
pub(crate) mod commands;
pub(crate) mod outcome;
mod update;
pub(crate) mod view;

pub use call::Call;
pub use commands::Command;
pub use outcome::Outcome;

use std::collections::BTreeSet;
use std::time::Instant;

use crate::ids::SecretRef;
use crate::kit::{Cursor, Scroll};
use crate::model::{FetchedValue, VersionSel};
use crate::room::Never;
use crate::secret::{JsonEntry, ValueView};

/// The reveal room's words: its commands (the value pane's) and its one call, fetching a
/// value; it opens no popup and asks no prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Never;
    type Prompt = Never;
}

/// Which parts of a fetched value are on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// Text and binary: all or nothing.
    All,
    /// JSON: the set of revealed keys (by index).
    Keys(BTreeSet<usize>),
}

/// A fetched value, held only while it is on screen.
#[derive(Debug, Clone)]
pub struct ValuePane {
    pub reveal_id: u64,
    /// Whose value it is (the identity that fetched it included).
    pub secret: SecretRef,
    pub(crate) version: VersionSel,
    pub value: FetchedValue,
    pub shown: Shown,
    /// The selected key of a key table.
    pub selected_key: Cursor,
    /// How far a text, binary or raw JSON value is scrolled.
    pub(crate) scroll: Scroll,
    pub(crate) raw_json: bool,
    pub(crate) expires_at: Instant,
}

impl ValuePane {
    /// The JSON entries when the value shows as a key table (a JSON object, not switched to
    /// raw); `None` when it shows as scrollable text.
    pub(crate) fn key_table(&self) -> Option<&[JsonEntry]> {
        match &self.value.view {
            ValueView::Json { entries, .. } if !self.raw_json => Some(entries),
            _ => None,
        }
    }

    pub(crate) fn is_json(&self) -> bool {
        matches!(self.value.view, ValueView::Json { .. })
    }
}

/// Why a value is being fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FetchPurpose {
    Reveal,
    Copy,
}

#[derive(Debug, Clone)]
pub struct PendingFetch {
    pub request: u64,
    pub(crate) secret: SecretRef,
    pub(crate) purpose: FetchPurpose,
    /// The version asked for: the answer is labelled and shown as this version even if
    /// the user has picked another since.
    pub(crate) version: VersionSel,
    /// A JSON reveal shows no key or every key at first.
    pub(crate) scope: RevealScope,
}

/// `v` reveals (a JSON value's keys one at a time); `V` every key at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RevealScope {
    One,
    All,
}

#[derive(Debug, Clone)]
pub struct Reveal {
    /// The version that reveal and copy fetch for the selected secret.
    pub version: VersionSel,
    pub value: Option<ValuePane>,
    /// Value fetches in flight: at most one reveal and one copy.
    pub pending: Vec<PendingFetch>,
    next_id: u64,
}

impl Default for Reveal {
    fn default() -> Self {
        Self {
            version: VersionSel::current(),
            value: None,
            pending: Vec::new(),
            next_id: 0,
        }
    }
}

impl Reveal {
    /// Whether the value pane shows a value (revealed, not masked again yet).
    pub(crate) fn shows_value(&self) -> bool {
        self.value.is_some()
    }

    /// Whether the value shows as a key table (`v` there toggles one key).
    pub(crate) fn shows_key_table(&self) -> bool {
        self.value
            .as_ref()
            .is_some_and(|pane| pane.key_table().is_some())
    }

    /// Whether the highlighted key of a key table is shown in clear.
    pub(crate) fn shows_selected_key(&self) -> bool {
        self.value.as_ref().is_some_and(|pane| {
            matches!(&pane.shown, Shown::Keys(keys) if keys.contains(&pane.selected_key.at()))
        })
    }

    /// A write changed `secret`: its value, if shown, is masked (it may be stale).
    pub(crate) fn forget_one(&mut self, secret: &SecretRef) {
        if self
            .value
            .as_ref()
            .is_some_and(|pane| pane.secret == *secret)
        {
            self.mask();
        }
    }

    /// A value fetch for `purpose` is on its way.
    pub(crate) fn is_fetching(&self, purpose: FetchPurpose) -> bool {
        self.pending.iter().any(|p| p.purpose == purpose)
    }

    fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}
