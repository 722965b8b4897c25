//! Everything that can happen to the app: commands from keys, input edits, and the results
//! of effects. Results carry the generation that asked for them; stale ones are dropped.

use std::time::Duration;

use crate::app::keymap::Command;
use crate::aws::AwsError;
use crate::aws::secrets::FetchedValue;
use crate::model::{CallerIdentity, SecretDetail, SecretSummary};

// Actions pass through a channel a few at a time; boxing the big results would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Action {
    Command(Command),
    /// Text typed while the filter prompt is open.
    FilterInput(FilterEdit),
    /// A page of ListSecrets arrived; `last` is true for a region's final page.
    SecretsPage {
        generation: u64,
        region: String,
        page: Vec<SecretSummary>,
        last: bool,
    },
    RegionFailed {
        generation: u64,
        region: String,
        error: AwsError,
    },
    DetailLoaded {
        generation: u64,
        arn: String,
        result: Result<SecretDetail, AwsError>,
    },
    ValueLoaded {
        generation: u64,
        request: u64,
        result: Result<FetchedValue, AwsError>,
    },
    Identity {
        generation: u64,
        result: Result<CallerIdentity, AwsError>,
    },
    /// The selection has rested on `arn` long enough to describe it.
    DetailDue {
        arn: String,
    },
    /// The reveal with this id may have reached its timeout.
    RemaskDue {
        reveal: u64,
    },
    /// The copy with this token may have reached its timeout.
    ClipboardClearDue {
        token: u64,
    },
    Copied {
        token: u64,
        label: String,
        clear_after: Option<Duration>,
        result: Result<&'static str, String>,
    },
    /// The answer to clearing the copy `token`: `Ok(true)` cleared, `Ok(false)` no longer
    /// ours, `Err` could not read or clear it.
    ClipboardCleared {
        token: u64,
        result: Result<bool, String>,
    },
    /// A countdown on screen needs redrawing.
    Tick,
    /// After a frame: how far the shown value can scroll (see `ui::layout_feedback`).
    ValueScrollLimit(u16),
    /// After a frame: how far the help can scroll on this screen.
    HelpScrollLimit(u16),
    Resize,
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterEdit {
    Insert(char),
    Backspace,
    Accept,
    Cancel,
}
