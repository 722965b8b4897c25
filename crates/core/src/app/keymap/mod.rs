//! Key bindings as data: one table per layer plus the global one. Key resolution, the help
//! popup, the footer hints, the palette's key column and the tables of `docs/keys.md` all read
//! this one keymap (a test keeps the docs honest), and users rebind it in the config file.

pub(crate) mod defaults;
mod overrides;
pub(crate) use crate::room::keys::rows;

use std::fmt::Write as _;

pub use crate::room::keys::Key;
pub(crate) use crate::room::keys::Scope;
pub use overrides::KeysConfig;

use crate::app::command::Command;
use crate::room::keys::Labels;
use crate::room::layers::Layer;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Binding {
    pub(crate) scope: Scope,
    pub(crate) keys: Vec<Key>,
    pub(crate) command: Command,
    /// What the command does in this scope (help, docs/keys.md).
    pub(crate) description: String,
    /// A word or two for the footer; `None` keeps it out of the footer.
    pub(crate) hint: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Keymap {
    /// A keymap of these bindings (the default one is every registered key table merged:
    /// `app/rooms/`).
    pub(crate) fn from_bindings(bindings: Vec<Binding>) -> Self {
        Self { bindings }
    }
}

/// One section of the help: a scope's title and its (keys, description) rows.
pub struct HelpSection {
    pub(crate) title: &'static str,
    pub rows: Vec<(String, String)>,
}

impl Keymap {
    /// The command `key` runs in `layer`: the layer's own table first, then (under the
    /// panes only) the global one.
    pub fn resolve(&self, layer: Layer, key: Key) -> Option<Command> {
        let find = |scope: Scope| {
            self.bindings
                .iter()
                .find(|b| b.scope == scope && b.keys.contains(&key))
                .map(|b| b.command)
        };
        find(Scope::In(layer)).or_else(|| {
            if layer.is_pane() {
                find(Scope::Global)
            } else {
                None
            }
        })
    }

    /// The bindings that apply in `layer`, its own first.
    pub(crate) fn active(&self, layer: Layer) -> impl Iterator<Item = &Binding> {
        let own = self
            .bindings
            .iter()
            .filter(move |b| b.scope == Scope::In(layer));
        let global = self
            .bindings
            .iter()
            .filter(move |b| layer.is_pane() && b.scope == Scope::Global);
        own.chain(global)
    }

    /// The keys that run `command` in `layer` (its own binding, else the global one).
    pub fn keys_for(&self, layer: Layer, command: Command) -> Vec<Key> {
        self.active(layer)
            .find(|b| b.command == command && !b.keys.is_empty())
            .map(|b| b.keys.clone())
            .unwrap_or_default()
    }

    /// How to ask for `command` in `layer`, for a line of text on screen: its first key, or
    /// `:name` (the palette) when no key is bound to it there.
    pub(crate) fn label(&self, layer: Layer, command: Command) -> String {
        self.keys_for(layer, command)
            .first()
            .map_or_else(|| format!(":{}", command.name()), ToString::to_string)
    }

    /// A section per scope, then the commands only the palette runs (by name, from the
    /// command catalogue, so help cannot drift from it).
    pub fn help_sections(&self) -> Vec<HelpSection> {
        let palette_only = HelpSection {
            title: "Commands without a key here (type the name in the palette)",
            rows: self
                .palette_only()
                .into_iter()
                .map(|c| (c.name().to_owned(), c.description().to_owned()))
                .collect(),
        };
        Scope::ORDER
            .iter()
            .map(|&scope| HelpSection {
                title: scope.title(),
                rows: self
                    .bindings
                    .iter()
                    .filter(|b| b.scope == scope && !b.keys.is_empty())
                    .map(|b| (join_keys(&b.keys, " "), b.description.clone()))
                    .collect(),
            })
            .chain([palette_only])
            .filter(|s| !s.rows.is_empty())
            .collect()
    }

    /// The commands the palette offers over the panes that no key runs there.
    pub fn palette_only(&self) -> Vec<Command> {
        let pane_key = |command: Command| {
            self.bindings.iter().any(|b| {
                b.command == command
                    && !b.keys.is_empty()
                    && matches!(
                        b.scope,
                        Scope::Global | Scope::In(Layer::List | Layer::Value)
                    )
            })
        };
        Command::all()
            .filter(|c| c.in_palette() && !pane_key(*c))
            .collect()
    }

    /// How many lines the help has: a title per section, its rows, a blank line between.
    pub fn help_line_count(&self) -> usize {
        let sections = self.help_sections();
        sections.iter().map(|s| s.rows.len() + 2).sum::<usize>() - 1
    }

    /// The key table of `docs/keys.md`, generated (see `tests/it/readme.rs`).
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| Where | Keys | Command | Action |\n|---|---|---|---|\n");
        for &scope in &Scope::ORDER {
            for b in self.bindings.iter().filter(|b| b.scope == scope) {
                let keys = b
                    .keys
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" ");
                let _ = writeln!(
                    out,
                    "| {} | {keys} | `{}` | {} |",
                    scope.title(),
                    b.command.name(),
                    b.description
                );
            }
        }
        out
    }

    /// Every command with a name the palette offers, with its description.
    pub fn commands_table() -> String {
        let mut out = String::from("| Command | What it does |\n|---|---|\n");
        for command in Command::all().filter(|c| c.in_palette()) {
            let _ = writeln!(out, "| `{}` | {} |", command.name(), command.description());
        }
        out
    }
}

/// What a room's view asks of the keymap: a command by its stable name, looked up once in
/// the catalogue (no allocation beyond the label's).
impl Labels for Keymap {
    fn label(&self, layer: Layer, name: &str) -> String {
        Command::from_name(name).map_or_else(
            || format!(":{name}"),
            |command| Keymap::label(self, layer, command),
        )
    }

    fn keys_for(&self, layer: Layer, name: &str) -> Vec<Key> {
        Command::from_name(name)
            .map(|command| Keymap::keys_for(self, layer, command))
            .unwrap_or_default()
    }
}

pub fn join_keys(keys: &[Key], separator: &str) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::reveal::Command as RevealCommand;
    use crate::room::keys::Verb;

    #[test]
    fn layer_bindings_win_and_popups_take_only_their_own_keys() {
        let map = Keymap::default();
        assert_eq!(
            map.resolve(Layer::List, Key::char('v')),
            Some(Command::Verb(Verb::Reveal))
        );
        assert_eq!(
            map.resolve(Layer::Value, Key::char('c')),
            Some(Command::Value(RevealCommand::CopyValue))
        );
        assert_eq!(
            map.resolve(Layer::Value, Key::char('q')),
            Some(Command::Verb(Verb::Quit))
        );
        assert_eq!(
            map.resolve(Layer::Help, Key::char('q')),
            Some(Command::Verb(Verb::Back))
        );
        assert_eq!(map.resolve(Layer::Versions, Key::char('c')), None);
        assert_eq!(
            map.resolve(Layer::Palette, Key::ctrl('c')),
            Some(Command::Verb(Verb::Quit))
        );
        assert_eq!(
            map.resolve(Layer::List, Key::char(':')),
            Some(Command::Verb(Verb::Palette))
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        let map = Keymap::default();
        let mut seen = std::collections::HashSet::new();
        for b in &map.bindings {
            for k in &b.keys {
                assert!(
                    seen.insert((b.scope, *k)),
                    "{k} bound twice in {:?}",
                    b.scope
                );
            }
        }
    }

    #[test]
    fn every_popup_can_quit_and_close() {
        let map = Keymap::default();
        // The editor and its review never drop typing on Ctrl-c: there it leaves (asking).
        let editing = [Layer::Editor, Layer::Review, Layer::Conflict];
        for layer in Layer::ALL
            .into_iter()
            .filter(|l| !l.is_pane() && !editing.contains(l))
        {
            assert_eq!(
                map.resolve(layer, Key::ctrl('c')),
                Some(Command::Verb(Verb::Quit)),
                "{layer:?}"
            );
            let esc = map.resolve(layer, Key::plain(crossterm::event::KeyCode::Esc));
            assert!(esc.is_some(), "Esc does something in {layer:?}");
        }
    }
}
