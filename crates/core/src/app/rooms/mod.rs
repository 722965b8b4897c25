//! The rooms that own commands, registered: each declares its commands, their keys and when
//! they can act in its own folder (`features/<room>/commands.rs`); here their tables join
//! the app's own. The order of each list is the order help, the palette and `docs/` show:
//! [`COMMANDS`] the command list, [`KEYS`] the keys under the panes (each popup's keys are
//! its own section whatever their place here). A room with a table in both lists is one
//! line in each; the versions room has a second command table only to keep `make-current`
//! where the palette has always listed it, last.

mod catalogue;
mod keys;

use crate::app::command::{self, Spec};
use crate::app::keymap::defaults;
use crate::app::keymap::rows::Item;
use crate::features::{appearance, audit, lifecycle, messages, rotation, session, tags, versions};

/// Every command, table by table, in the order help and the palette list them.
pub(crate) const COMMANDS: &[&[Spec]] = &[
    command::VALUE_AND_COPY,
    versions::commands::COMMANDS,
    command::LIST_AND_EDIT,
    tags::commands::COMMANDS,
    session::commands::COMMANDS,
    appearance::commands::COMMANDS,
    messages::commands::COMMANDS,
    audit::commands::COMMANDS,
    rotation::commands::COMMANDS,
    lifecycle::commands::COMMANDS,
    command::APP,
    command::EDITOR_POPUP,
    versions::commands::MAKE_CURRENT,
];

/// Every default key, table by table, in the order help and `docs/keys.md` list the keys
/// under the panes.
pub(crate) const KEYS: &[&[Item]] = &[
    defaults::LIST_AND_VALUE,
    versions::commands::KEYS,
    defaults::COPY_AND_EDIT,
    tags::commands::KEYS,
    rotation::commands::KEYS,
    appearance::commands::KEYS,
    messages::commands::KEYS,
    audit::commands::KEYS,
    lifecycle::commands::KEYS,
    session::commands::KEYS,
    defaults::APP,
];
