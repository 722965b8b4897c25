//! The whole app state. Rendering reads it; only `update` changes it.

use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};

use crate::app::keymap::Context;
use crate::app::list::SecretList;
use crate::aws::secrets::FetchedValue;
use crate::aws::{AwsError, ErrorKind};
use crate::model::{CallerIdentity, SecretDetail, VersionSel};
use crate::secret::{JsonEntry, ValueView};

/// Behaviour settings, from config and CLI.
#[derive(Debug, Clone)]
pub struct Settings {
    pub reveal_timeout: Duration,
    pub clipboard_timeout: Duration,
    pub detail_ttl: Duration,
    pub read_only: bool,
    /// Where the profile/env says we are; used for STS.
    pub home_region: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            reveal_timeout: Duration::from_secs(30),
            clipboard_timeout: Duration::from_secs(30),
            detail_ttl: Duration::from_secs(30),
            read_only: false,
            home_region: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum RegionState {
    Loading { so_far: usize },
    Loaded { count: usize },
    Failed(AwsError),
}

#[derive(Debug, Clone)]
pub struct RegionStatus {
    pub name: String,
    pub state: RegionState,
    /// True until the first page of the current generation has arrived: old rows stay
    /// visible during a refresh and are swapped out only then.
    pub awaiting_first_page: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Value,
}

#[derive(Debug, Clone)]
pub struct CachedDetail {
    pub fetched_at: Instant,
    pub result: Result<SecretDetail, AwsError>,
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
    pub arn: String,
    pub version: VersionSel,
    pub value: FetchedValue,
    pub shown: Shown,
    pub selected_key: usize,
    /// First line shown of a text, binary or raw JSON value.
    pub scroll: u16,
    /// The last first line there is, as the screen last reported it (None before the
    /// first frame).
    pub scroll_limit: Option<u16>,
    pub raw_json: bool,
    pub expires_at: Instant,
}

impl ValuePane {
    /// The JSON entries when the value shows as a key table (a JSON object, not switched to
    /// raw); `None` when it shows as scrollable text.
    pub fn key_table(&self) -> Option<&[JsonEntry]> {
        match &self.value.view {
            ValueView::Json { entries, .. } if !self.raw_json => Some(entries),
            _ => None,
        }
    }
}

/// Why a value is being fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchPurpose {
    Reveal,
    Copy,
}

#[derive(Debug, Clone)]
pub struct PendingFetch {
    pub request: u64,
    pub arn: String,
    pub name: String,
    pub purpose: FetchPurpose,
    /// The version asked for: the answer is labelled and shown as this version even if
    /// the user has picked another since.
    pub version: VersionSel,
    /// JSON reveal: show every key at once.
    pub reveal_all: bool,
}

#[derive(Debug, Clone)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    VersionPicker {
        choices: Vec<(VersionSel, String)>,
        selected: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

#[derive(Debug, Clone)]
pub struct StatusLine {
    pub level: Level,
    pub text: String,
}

/// The last thing smtui put on the clipboard (never the value itself).
#[derive(Debug, Clone)]
pub struct ClipboardNotice {
    pub token: u64,
    pub label: String,
    pub clears_at: Option<Instant>,
}

#[derive(Debug)]
pub struct State {
    pub settings: Settings,
    /// Bumped on refresh (and later on role switches): results of older requests are dropped.
    pub generation: u64,
    pub identity: Option<Result<CallerIdentity, AwsError>>,
    pub regions: Vec<RegionStatus>,
    pub list: SecretList,
    pub focus: Focus,
    pub filter_editing: bool,
    pub details: HashMap<String, CachedDetail>,
    pub detail_in_flight: Option<String>,
    /// The version that reveal/copy will fetch for the selected secret.
    pub version: VersionSel,
    pub value: Option<ValuePane>,
    /// Value fetches in flight: at most one reveal and one copy.
    pub pending_fetches: Vec<PendingFetch>,
    /// How far the help can scroll on the current screen (from the last frame).
    pub help_scroll_limit: Option<u16>,
    pub overlays: Vec<Overlay>,
    pub status: Option<StatusLine>,
    pub clipboard: Option<ClipboardNotice>,
    pub now: Instant,
    pub quit: bool,
    next_id: u64,
}

impl State {
    pub fn new(settings: Settings, regions: &[String], now: Instant) -> Self {
        Self {
            settings,
            generation: 1,
            identity: None,
            regions: regions
                .iter()
                .map(|name| RegionStatus {
                    name: name.clone(),
                    state: RegionState::Loading { so_far: 0 },
                    awaiting_first_page: true,
                })
                .collect(),
            list: SecretList::default(),
            focus: Focus::List,
            filter_editing: false,
            details: HashMap::new(),
            detail_in_flight: None,
            version: VersionSel::current(),
            value: None,
            pending_fetches: Vec::new(),
            help_scroll_limit: None,
            overlays: Vec::new(),
            status: None,
            clipboard: None,
            now,
            quit: false,
            next_id: 1,
        }
    }

    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The key context: which bindings apply right now.
    pub fn context(&self) -> Context {
        if !self.overlays.is_empty() {
            Context::Popup
        } else if self.focus == Focus::Value && self.value.is_some() {
            Context::Value
        } else {
            Context::List
        }
    }

    /// The cached detail of the selected secret, if any.
    pub fn selected_detail(&self) -> Option<&CachedDetail> {
        self.details.get(&self.list.selected()?.arn)
    }

    /// An AWS error in plain words. When access was refused and we know who we are, it says
    /// as whom (AWS's own message often does; then it is not repeated).
    pub fn explain(&self, err: &AwsError) -> String {
        let text = err.to_string();
        match (&self.identity, err.kind) {
            (Some(Ok(me)), ErrorKind::AccessDenied | ErrorKind::ExpiredToken)
                if !text.contains(&me.arn) =>
            {
                format!("{text} (as {})", me.arn)
            }
            _ => text,
        }
    }

    /// A value fetch for `purpose` is on its way.
    pub fn is_fetching(&self, purpose: FetchPurpose) -> bool {
        self.pending_fetches.iter().any(|p| p.purpose == purpose)
    }

    /// The footer's message, or "" when it shows key hints.
    pub fn status_text(&self) -> &str {
        self.status.as_ref().map_or("", |s| s.text.as_str())
    }

    /// A countdown is on screen, so a once-a-second redraw is useful.
    pub fn has_countdown(&self) -> bool {
        self.value.is_some()
            || self
                .clipboard
                .as_ref()
                .is_some_and(|c| c.clears_at.is_some())
    }
}
