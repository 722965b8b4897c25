//! The rooms that own commands, registered: each declares its commands, their keys and when
//! they can act in its own folder (`features/<room>/commands.rs`); here their tables join
//! the app's own. The order of each list is the order help, the palette and `docs/` show:
//! [`COMMANDS`] the command list, [`KEYS`] the keys of the list and under the panes (each
//! popup's keys are its own section whatever their place here). A room with a table in both lists is one
//! line in each; the versions room has a second command table only to keep `make-current`
//! where the palette has always listed it, last.

mod catalogue;
mod keys;

use crate::app::command::{self, Spec};
use crate::app::keymap::defaults;
use crate::app::keymap::rows::Item;
use crate::features::{
    appearance, audit, browse, clipboard, editor, lifecycle, messages, reveal, rotation, session,
    tags, versions,
};

/// Every command, table by table, in the order help and the palette list them.
pub(crate) const COMMANDS: &[&[Spec]] = &[
    reveal::commands::COMMANDS,
    clipboard::commands::COMMANDS,
    versions::commands::COMMANDS,
    browse::commands::COMMANDS,
    editor::commands::COMMANDS,
    tags::commands::COMMANDS,
    session::commands::COMMANDS,
    appearance::commands::COMMANDS,
    messages::commands::COMMANDS,
    audit::commands::COMMANDS,
    rotation::commands::COMMANDS,
    lifecycle::commands::COMMANDS,
    command::APP,
    versions::commands::MAKE_CURRENT,
];

/// Every default key, table by table, in the order help and `docs/keys.md` list the keys
/// of the list and under the panes.
pub(crate) const KEYS: &[&[Item]] = &[
    reveal::commands::KEYS,
    versions::commands::KEYS,
    clipboard::commands::KEYS,
    browse::commands::KEYS,
    editor::commands::KEYS,
    tags::commands::KEYS,
    rotation::commands::KEYS,
    appearance::commands::KEYS,
    messages::commands::KEYS,
    audit::commands::KEYS,
    lifecycle::commands::KEYS,
    session::commands::KEYS,
    defaults::APP,
];
