//! The registry: every room the app runs, in one list. A new room is a line in each list
//! below that applies to it, and nowhere else in `app/`: each of the app's enums and tables
//! is declared by a macro of its own file handed to [`registered!`], which calls it with
//! these lists. This file imports nothing, so every file of the app may read it.

/// Calls the macro named (`registered!(its_macro)`; a `$` after the name is passed on
/// first, for a macro that defines one of its own) with the lists:
/// - `rooms`: every room the app runs through [`Update`](crate::room::update::Update), by
///   its variant in the app's enums and its module (also its field in `Rooms`);
/// - `calls`: those that call AWS (`AwsCall::Audit(audit::Call)`, `Outcome::Audit`);
/// - `prompts`: those that ask for text (`PromptFor::Audit`);
/// - `commands` and `keys`: every command table and every default key table, in the order
///   help, the palette and `docs/` list them (the spine's and the app's own among them),
///   by their path from the crate's root.
///
/// The panes' rooms and the session (browse, detail, reveal, clipboard, session) are the
/// app's spine, which the router reads and wires by hand; they appear only in the tables.
macro_rules! registered {
    ($then:ident $($pass:tt)*) => {
        $then! {
            $($pass)*
            rooms: [
                Access => access,
                Appearance => appearance,
                Audit => audit,
                Editor => editor,
                Lifecycle => lifecycle,
                Messages => messages,
                Org => org,
                Replication => replication,
                Rotation => rotation,
                Sso => sso,
                Tags => tags,
                Values => values,
                Versions => versions,
            ]
            calls: [
                Access => access,
                Audit => audit,
                Editor => editor,
                Lifecycle => lifecycle,
                Org => org,
                Replication => replication,
                Rotation => rotation,
                Sso => sso,
                Tags => tags,
                Values => values,
                Versions => versions,
            ]
            prompts: [
                Audit => audit,
                Editor => editor,
                Org => org,
                Replication => replication,
                Rotation => rotation,
                Tags => tags,
            ]
            commands: [
                features::reveal::commands::COMMANDS,
                features::clipboard::commands::COMMANDS,
                features::versions::commands::COMMANDS,
                features::browse::commands::COMMANDS,
                features::editor::commands::COMMANDS,
                features::tags::commands::COMMANDS,
                features::session::commands::COMMANDS,
                features::org::commands::COMMANDS,
                features::sso::commands::COMMANDS,
                features::appearance::commands::COMMANDS,
                features::messages::commands::COMMANDS,
                features::audit::commands::COMMANDS,
                features::access::commands::COMMANDS,
                features::replication::commands::COMMANDS,
                features::rotation::commands::COMMANDS,
                features::values::commands::COMMANDS,
                features::lifecycle::commands::COMMANDS,
                app::command::APP,
                // Where the palette has always listed it: last.
                features::versions::commands::MAKE_CURRENT,
            ]
            keys: [
                features::reveal::commands::KEYS,
                features::versions::commands::KEYS,
                features::clipboard::commands::KEYS,
                features::browse::commands::KEYS,
                features::editor::commands::KEYS,
                features::tags::commands::KEYS,
                features::rotation::commands::KEYS,
                features::appearance::commands::KEYS,
                features::messages::commands::KEYS,
                features::audit::commands::KEYS,
                features::access::commands::KEYS,
                features::values::commands::KEYS,
                features::replication::commands::KEYS,
                features::lifecycle::commands::KEYS,
                features::session::commands::KEYS,
                features::org::commands::KEYS,
                features::sso::commands::KEYS,
                app::keymap::defaults::APP,
            ]
        }
    };
}
pub(crate) use registered;
