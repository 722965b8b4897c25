//! One row of a command table: what a room (or the app itself) declares of each command it
//! owns, in the room's own folder. The catalogue (`app/rooms/`) is these tables one
//! after another, each lifted to the app's command.

/// A command's stable name, its description and what it does, which the router's rules
/// read before it runs.
/// `C` is what the table names: a room's `Bind<Command>`, the app's `Verb`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec<C> {
    pub(crate) command: C,
    /// The kebab-case name: palette, config file, docs.
    pub(crate) name: &'static str,
    /// One line: help, palette, docs.
    pub(crate) description: &'static str,
    pub(crate) acts: Acts,
    /// The palette offers it (keys that only make sense inside a popup are left out).
    pub(crate) in_palette: bool,
}

/// What a command does, as far as the rules before it runs care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Acts {
    /// It reads, or changes only what is shown.
    Reads,
    /// It reads, but opens what a replica would refuse to change (the tags popup): refused
    /// on a replica before anything is typed into it.
    OpensChanges,
    /// It changes the selected secret in AWS: refused in read-only mode, on a replica and
    /// on a secret another service manages.
    Writes,
    /// It changes the selected secret, and may on one another service manages (its
    /// rotation can still be run and rescheduled in Secrets Manager).
    WritesManaged,
    /// It changes a secret's replication, on its primary or, to stop it, on the replica
    /// itself: refused in read-only mode and on a secret another service manages, not on a
    /// replica (stopping a replica's replication is made there).
    Replicates,
    /// It writes a new secret, not the selected one: refused in read-only mode only.
    Creates,
    /// It throws away what was typed: a question before it wants `y`, not Enter.
    Discards,
}

impl<C: Copy> Spec<C> {
    /// A command that reads only, offered by the palette.
    pub(crate) const fn new(command: C, name: &'static str, description: &'static str) -> Self {
        Self {
            command,
            name,
            description,
            acts: Acts::Reads,
            in_palette: true,
        }
    }

    /// What it does, if more than reading.
    #[must_use]
    pub(crate) const fn acts(self, acts: Acts) -> Self {
        Self { acts, ..self }
    }

    /// A key that makes sense only inside its popup: the palette leaves it out.
    #[must_use]
    pub(crate) const fn popup_only(self) -> Self {
        Self {
            in_palette: false,
            ..self
        }
    }

    /// The same row naming its command in a wider vocabulary (the catalogue's).
    pub(crate) fn lift<D>(self, lift: impl FnOnce(C) -> D) -> Spec<D> {
        Spec {
            command: lift(self.command),
            name: self.name,
            description: self.description,
            acts: self.acts,
            in_palette: self.in_palette,
        }
    }
}

/// The stable name `table` gives `command` (empty if the table does not declare it: a
/// test of the catalogue checks every command is declared).
pub(crate) fn name_in<C: Copy + PartialEq>(table: &[Spec<C>], command: C) -> &'static str {
    table
        .iter()
        .find(|spec| spec.command == command)
        .map_or("", |spec| spec.name)
}

impl Acts {
    pub(crate) fn mutates(self) -> bool {
        matches!(
            self,
            Acts::Writes | Acts::WritesManaged | Acts::Replicates | Acts::Creates
        )
    }

    pub(crate) fn allowed_on_managed(self) -> bool {
        matches!(self, Acts::WritesManaged | Acts::Creates)
    }

    pub(crate) fn refused_on_replica(self) -> bool {
        matches!(
            self,
            Acts::OpensChanges | Acts::Writes | Acts::WritesManaged
        )
    }
}
