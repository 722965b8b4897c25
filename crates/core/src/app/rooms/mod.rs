//! The registered rooms' state ([`Rooms`]) and the catalogue: each room declares its
//! commands, their keys and when they can act in its own folder
//! (`features/<room>/commands.rs`); here their tables join the app's own, in the
//! registry's order (`app/registry.rs`), which is the order help, the palette and `docs/`
//! show: [`COMMANDS`] the command list, [`KEYS`] the keys of the list and under the panes
//! (each popup's keys are its own section whatever their place there).

mod catalogue;
mod keys;

use std::sync::LazyLock;

use crate::app::command::{Command, Spec};
use crate::app::keymap::rows::Item;
use crate::app::registry::registered;
use crate::room::update::Update;
use crate::{app, features};

/// What every registered room keeps between actions, each in its field.
macro_rules! rooms_state {
    (
        rooms: [$($variant:ident => $room:ident),* $(,)?]
        $($_rest:tt)*
    ) => {
        /// The state of every registered room, by its module's name.
        #[derive(Debug, Default)]
        pub struct Rooms {
            $(pub $room: <crate::features::$room::Room as Update>::State,)*
        }
    };
}
registered!(rooms_state);

/// The catalogue's two lists, in the registry's order (`app/registry.rs`).
macro_rules! catalogue {
    (
        rooms: [$($_r:tt)*]
        calls: [$($_c:tt)*]
        prompts: [$($_p:tt)*]
        commands: [$($commands:path),* $(,)?]
        keys: [$($keys:path),* $(,)?]
    ) => {
        /// Every command, table by table, in the order help and the palette list them, each
        /// row lifted from what its table names (a room's `Bind`, the app's `Verb`) to the
        /// app's command.
        pub(crate) static COMMANDS: LazyLock<Vec<Spec<Command>>> = LazyLock::new(|| {
            let mut all = Vec::new();
            $(lift(&mut all, $commands);)*
            all
        });

        /// Every default key, table by table, in the order help and `docs/keys.md` list the
        /// keys of the list and under the panes, lifted to the app's command.
        pub(crate) static KEYS: LazyLock<Vec<Item<Command>>> = LazyLock::new(|| {
            let mut all = Vec::new();
            $(lift_keys(&mut all, $keys);)*
            all
        });
    };
}
registered!(catalogue);

fn lift<C: Copy + Into<Command>>(all: &mut Vec<Spec<Command>>, table: &[Spec<C>]) {
    all.extend(table.iter().map(|spec| spec.lift(Into::into)));
}

fn lift_keys<C: Copy + Into<Command>>(all: &mut Vec<Item<Command>>, table: &[Item<C>]) {
    all.extend(table.iter().map(|item| item.lift(Into::into)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::room::keys::{Named, Verb};

    /// A table, lifted, says what it said: each row's name, description and rules reach the
    /// app's command, and the name the room gives it (`Named`, which its views label by)
    /// is the table's.
    fn lifted_as_declared<C: Copy + Named + Into<Command>>(table: &[Spec<C>]) {
        for row in table {
            let command: Command = row.command.into();
            assert_eq!(command.name(), row.name);
            assert_eq!(row.command.name(), row.name);
            assert_eq!(command.description(), row.description);
            assert_eq!(command.acts(), row.acts);
            assert_eq!(command.in_palette(), row.in_palette);
            assert_eq!(Command::from_name(row.name), Some(command));
        }
    }

    /// Every command table of the registry, checked as declared; their lengths.
    macro_rules! check_tables {
        (
            rooms: [$($_r:tt)*]
            calls: [$($_c:tt)*]
            prompts: [$($_p:tt)*]
            commands: [$($commands:path),* $(,)?]
            keys: [$($_k:tt)*]
        ) => {{
            $(lifted_as_declared($commands);)*
            [$($commands.len()),*]
        }};
    }

    #[test]
    fn every_table_lifted_keeps_its_rows_and_their_order() {
        let tables = registered!(check_tables);
        assert_eq!(COMMANDS.len(), tables.iter().sum::<usize>());
        // The order help, the palette and docs/ read: the reveal room's first, the app's
        // own after the rooms', `make-current` last.
        let names: Vec<&str> = COMMANDS.iter().map(|spec| spec.name).collect();
        assert_eq!(names.first(), Some(&"reveal"));
        assert_eq!(names.last(), Some(&"make-current"));
        assert!(
            names.iter().position(|n| *n == "focus-next")
                > names.iter().position(|n| *n == "delete")
        );
    }

    #[test]
    fn every_verb_is_declared_under_its_own_name() {
        for verb in Verb::ALL {
            assert_eq!(
                Command::from_name(verb.name()),
                Some(Command::Verb(verb)),
                "{verb:?}"
            );
        }
    }
}
