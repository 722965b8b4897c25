//! The rooms that own commands, registered: each declares its commands, their keys and when
//! they can act in its own folder (`features/<room>/commands.rs`); here their tables join
//! the app's own. The order of each list is the order help, the palette and `docs/` show:
//! [`COMMANDS`] the command list, [`KEYS`] the keys of the list and under the panes (each
//! popup's keys are its own section whatever their place here). A room with a table in both lists is one
//! line in each; the versions room has a second command table only to keep `make-current`
//! where the palette has always listed it, last.

mod catalogue;
mod keys;

/// Every room the app runs through [`Update`](crate::room::update::Update), by its variant
/// in the app's enums and its module (also its field in [`Rooms`]): in `rooms` each, in
/// `calls` those that call AWS (`AwsCall::Audit(audit::Call)`, `Outcome::Audit`), in
/// `prompts` those that ask for text (`PromptFor::Audit`). Each enum is declared by a macro
/// of its own file handed to this one (`registered!(its_macro)`; a `$` after the name is
/// passed on first, for a macro that defines one), which calls it with the lists. A new
/// room is a line here (and one in [`COMMANDS`] and [`KEYS`] below, where its commands take
/// their place in help and the palette), never an arm in a central match. The panes' rooms
/// and the session (browse, detail, reveal, clipboard, session) are the app's spine, which
/// the router reads and wires by hand.
macro_rules! registered {
    ($then:ident $($pass:tt)*) => {
        $then! {
            $($pass)*
            rooms: [
                Appearance => appearance,
                Audit => audit,
                Editor => editor,
                Lifecycle => lifecycle,
                Messages => messages,
                Rotation => rotation,
                Tags => tags,
                Versions => versions,
            ]
            calls: [
                Audit => audit,
                Editor => editor,
                Lifecycle => lifecycle,
                Rotation => rotation,
                Tags => tags,
                Versions => versions,
            ]
            prompts: [
                Audit => audit,
                Editor => editor,
                Rotation => rotation,
                Tags => tags,
            ]
        }
    };
}
pub(crate) use registered;

/// What every registered room keeps between actions, each in its field.
macro_rules! rooms_state {
    (
        rooms: [$($variant:ident => $room:ident),* $(,)?]
        calls: [$($_c:tt)*]
        prompts: [$($_p:tt)*]
    ) => {
        /// The state of every registered room, by its module's name.
        #[derive(Debug, Default)]
        pub struct Rooms {
            $(pub $room: <$room::Room as Update>::State,)*
        }
    };
}
registered!(rooms_state);

use std::sync::LazyLock;

use crate::app::command::{self, Command, Spec};
use crate::app::keymap::defaults;
use crate::app::keymap::rows::Item;
use crate::features::{
    appearance, audit, browse, clipboard, editor, lifecycle, messages, reveal, rotation, session,
    tags, versions,
};
use crate::room::update::Update;

/// Every command, table by table, in the order help and the palette list them, each row
/// lifted from what its table names (a room's `Bind`, the app's `Verb`) to the app's command.
pub(crate) static COMMANDS: LazyLock<Vec<Spec<Command>>> = LazyLock::new(|| {
    let mut all = Vec::new();
    lift(&mut all, reveal::commands::COMMANDS);
    lift(&mut all, clipboard::commands::COMMANDS);
    lift(&mut all, versions::commands::COMMANDS);
    lift(&mut all, browse::commands::COMMANDS);
    lift(&mut all, editor::commands::COMMANDS);
    lift(&mut all, tags::commands::COMMANDS);
    lift(&mut all, session::commands::COMMANDS);
    lift(&mut all, appearance::commands::COMMANDS);
    lift(&mut all, messages::commands::COMMANDS);
    lift(&mut all, audit::commands::COMMANDS);
    lift(&mut all, rotation::commands::COMMANDS);
    lift(&mut all, lifecycle::commands::COMMANDS);
    lift(&mut all, command::APP);
    lift(&mut all, versions::commands::MAKE_CURRENT);
    all
});

/// Every default key, table by table, in the order help and `docs/keys.md` list the keys
/// of the list and under the panes, lifted to the app's command.
pub(crate) static KEYS: LazyLock<Vec<Item<Command>>> = LazyLock::new(|| {
    let mut all = Vec::new();
    lift_keys(&mut all, reveal::commands::KEYS);
    lift_keys(&mut all, versions::commands::KEYS);
    lift_keys(&mut all, clipboard::commands::KEYS);
    lift_keys(&mut all, browse::commands::KEYS);
    lift_keys(&mut all, editor::commands::KEYS);
    lift_keys(&mut all, tags::commands::KEYS);
    lift_keys(&mut all, rotation::commands::KEYS);
    lift_keys(&mut all, appearance::commands::KEYS);
    lift_keys(&mut all, messages::commands::KEYS);
    lift_keys(&mut all, audit::commands::KEYS);
    lift_keys(&mut all, lifecycle::commands::KEYS);
    lift_keys(&mut all, session::commands::KEYS);
    lift_keys(&mut all, defaults::APP);
    all
});

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

    #[test]
    fn every_table_lifted_keeps_its_rows_and_their_order() {
        let tables = [
            reveal::commands::COMMANDS.len(),
            clipboard::commands::COMMANDS.len(),
            versions::commands::COMMANDS.len(),
            browse::commands::COMMANDS.len(),
            editor::commands::COMMANDS.len(),
            tags::commands::COMMANDS.len(),
            session::commands::COMMANDS.len(),
            appearance::commands::COMMANDS.len(),
            messages::commands::COMMANDS.len(),
            audit::commands::COMMANDS.len(),
            rotation::commands::COMMANDS.len(),
            lifecycle::commands::COMMANDS.len(),
            command::APP.len(),
            versions::commands::MAKE_CURRENT.len(),
        ];
        assert_eq!(COMMANDS.len(), tables.iter().sum::<usize>());
        lifted_as_declared(reveal::commands::COMMANDS);
        lifted_as_declared(clipboard::commands::COMMANDS);
        lifted_as_declared(versions::commands::COMMANDS);
        lifted_as_declared(browse::commands::COMMANDS);
        lifted_as_declared(editor::commands::COMMANDS);
        lifted_as_declared(tags::commands::COMMANDS);
        lifted_as_declared(session::commands::COMMANDS);
        lifted_as_declared(appearance::commands::COMMANDS);
        lifted_as_declared(messages::commands::COMMANDS);
        lifted_as_declared(audit::commands::COMMANDS);
        lifted_as_declared(rotation::commands::COMMANDS);
        lifted_as_declared(lifecycle::commands::COMMANDS);
        lifted_as_declared(command::APP);
        lifted_as_declared(versions::commands::MAKE_CURRENT);
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
