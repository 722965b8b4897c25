//! The catalogue: a command's name, description and rules, read from the registered
//! tables (every room's own, in its folder, and the app's).

use crate::app::command::{Acts, Command, Spec};
use crate::app::rooms::COMMANDS;

impl Command {
    /// Every command, in the order help and the palette list them.
    pub fn all() -> impl Iterator<Item = Command> {
        specs().map(|spec| spec.command)
    }

    fn spec(self) -> &'static Spec<Command> {
        specs()
            .find(|spec| spec.command == self)
            .unwrap_or(&COMMANDS[0])
    }

    /// The stable name: palette, config file, docs.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn description(self) -> &'static str {
        self.spec().description
    }

    pub(crate) fn from_name(name: &str) -> Option<Command> {
        specs()
            .find(|spec| spec.name == name)
            .map(|spec| spec.command)
    }

    /// Whether the command changes anything in AWS. `--read-only` refuses these before they
    /// reach a room or the confirm layer.
    pub fn mutates(self) -> bool {
        self.spec().acts.mutates()
    }

    /// Whether a secret another service manages (RDS and the like) may still be changed
    /// this way: its rotation can be run now and rescheduled in Secrets Manager.
    pub(crate) fn allowed_on_managed(self) -> bool {
        self.spec().acts.allowed_on_managed()
    }

    /// Whether a replica selected refuses it: the service keeps a replica read-only (even
    /// its resource policy).
    pub(crate) fn refused_on_replica(self) -> bool {
        self.spec().acts.refused_on_replica()
    }

    /// What it does, as far as the rules before it runs care.
    pub(crate) fn acts(self) -> Acts {
        self.spec().acts
    }

    /// Whether the palette offers it: everything but the keys that only make sense inside a
    /// popup (choose, close, yes/no, complete) and the palette itself.
    pub(crate) fn in_palette(self) -> bool {
        self.spec().in_palette
    }
}

/// Every registered command table's rows, in registration order.
fn specs() -> impl Iterator<Item = &'static Spec<Command>> {
    COMMANDS.iter()
}
