//! Rebinding keys in the config file, a table per layer (yazi style):
//!
//! ```toml
//! [keys.list]
//! reveal = ["v", "Space"]   # a key or a list of keys; [] unbinds
//! [keys.global]
//! quit = "Ctrl-q"
//! ```
//!
//! An unknown layer, command or key, a command that means nothing in that layer, or a key
//! bound twice in one layer stops start-up with the line and the field.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use toml::Spanned;

use crossterm::event::KeyCode;

use super::{Binding, Key, Keymap, Scope};
use crate::app::command::Command;
use crate::room::keys::Verb;
use crate::room::layers::Layer;

/// `[keys]` as written: layer -> command -> keys, with where each stands in the file.
pub type KeysConfig = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<KeyList>>>;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    fn texts(&self) -> Vec<&str> {
        match self {
            KeyList::One(key) => vec![key.as_str()],
            KeyList::Many(keys) => keys.iter().map(String::as_str).collect(),
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1
}

impl Keymap {
    /// The default keymap with the config file's `[keys]` applied. `text` is the file, for
    /// line numbers.
    pub fn with_overrides(keys: &KeysConfig, text: &str) -> Result<Keymap, String> {
        let mut map = Keymap::default();
        let mut lines: HashMap<(Scope, Command), usize> = HashMap::new();
        for (layer, table) in keys {
            let line = line_of(text, layer.span().start);
            let scope = Scope::from_name(layer.get_ref()).ok_or_else(|| {
                let names: Vec<&str> = Scope::ORDER.iter().map(|s| s.name()).collect();
                format!(
                    "line {line}: keys.{}: no such layer (one of {})",
                    layer.get_ref(),
                    names.join(", ")
                )
            })?;
            for (name, list) in table {
                let line = line_of(text, name.span().start);
                let field = format!("keys.{}.{}", scope.name(), name.get_ref());
                let command = Command::from_name(name.get_ref())
                    .ok_or_else(|| format!("line {line}: {field}: no such command"))?;
                if !map.bindable(scope, command) {
                    return Err(format!(
                        "line {line}: {field}: `{}` does nothing in {}",
                        command.name(),
                        scope.title()
                    ));
                }
                let keys = list
                    .get_ref()
                    .texts()
                    .into_iter()
                    .map(Key::parse)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| format!("line {line}: {field}: {e}"))?;
                map.rebind(scope, command, keys);
                lines.insert((scope, command), line);
            }
        }
        map.check_conflicts(&lines)?;
        map.check_shadowing(&lines)?;
        map.check_text_layers(&lines)?;
        Ok(map)
    }

    /// Whether `command` can mean something in `scope`: what the defaults bind there, and
    /// under the panes any command the palette offers.
    fn bindable(&self, scope: Scope, command: Command) -> bool {
        let bound_by_default = self
            .bindings
            .iter()
            .any(|b| b.scope == scope && b.command == command);
        let pane = matches!(scope, Scope::Global) || matches!(scope, Scope::In(l) if l.is_pane());
        bound_by_default || (pane && command.in_palette())
    }

    fn rebind(&mut self, scope: Scope, command: Command, keys: Vec<Key>) {
        if let Some(binding) = self
            .bindings
            .iter_mut()
            .find(|b| b.scope == scope && b.command == command)
        {
            binding.keys = keys;
        } else {
            self.bindings.push(Binding {
                scope,
                keys,
                command,
                description: command.description().to_owned(),
                hint: None,
            });
        }
    }

    /// A global key that a pane binds to another command would never reach the global one.
    fn check_shadowing(&self, lines: &HashMap<(Scope, Command), usize>) -> Result<(), String> {
        for global in self.bindings.iter().filter(|b| b.scope == Scope::Global) {
            for pane in [Layer::List, Layer::Value] {
                let hiding = self.bindings.iter().find(|b| {
                    b.scope == Scope::In(pane)
                        && b.command != global.command
                        && b.keys.iter().any(|k| global.keys.contains(k))
                });
                let Some(hiding) = hiding else { continue };
                let key = hiding
                    .keys
                    .iter()
                    .find(|k| global.keys.contains(k))
                    .map_or_else(String::new, ToString::to_string);
                let (blamed, other) = if lines.contains_key(&(global.scope, global.command)) {
                    (global, hiding)
                } else {
                    (hiding, global)
                };
                let line = lines
                    .get(&(blamed.scope, blamed.command))
                    .copied()
                    .unwrap_or(0);
                return Err(format!(
                    "line {line}: keys.{}.{}: `{key}` is bound to `{}` in {} too, so one of them never runs",
                    blamed.scope.name(),
                    blamed.command.name(),
                    other.command.name(),
                    other.scope.title()
                ));
            }
        }
        Ok(())
    }

    /// Where text is typed, characters and Backspace are text: a binding to one would never
    /// run. A typed confirmation needs a confirm key that is not a character.
    fn check_text_layers(&self, lines: &HashMap<(Scope, Command), usize>) -> Result<(), String> {
        let is_text = |k: &Key| k.typed_char().is_some() || *k == Key::plain(KeyCode::Backspace);
        for b in &self.bindings {
            let Some(line) = lines.get(&(b.scope, b.command)) else {
                continue;
            };
            let field = format!("keys.{}.{}", b.scope.name(), b.command.name());
            let text_layer = matches!(
                b.scope,
                Scope::In(Layer::Filter | Layer::Palette | Layer::Prompt)
            );
            if let Some(key) = b.keys.iter().find(|k| text_layer && is_text(k)) {
                return Err(format!(
                    "line {line}: {field}: `{key}` is typed as text in {}",
                    b.scope.title()
                ));
            }
            let confirm =
                b.scope == Scope::In(Layer::Confirm) && b.command == Command::Verb(Verb::Confirm);
            if confirm && b.keys.iter().all(is_text) {
                return Err(format!(
                    "line {line}: {field}: needs a key that is not a character (a typed \
                     confirmation takes characters as text), such as Enter"
                ));
            }
        }
        Ok(())
    }

    fn check_conflicts(&self, lines: &HashMap<(Scope, Command), usize>) -> Result<(), String> {
        let mut owner: HashMap<(Scope, Key), Command> = HashMap::new();
        for b in &self.bindings {
            for key in &b.keys {
                let Some(other) = owner.insert((b.scope, *key), b.command) else {
                    continue;
                };
                // Blame the binding the file changed (either may be).
                let (blamed, with) = if lines.contains_key(&(b.scope, b.command)) {
                    (b.command, other)
                } else {
                    (other, b.command)
                };
                let line = lines.get(&(b.scope, blamed)).copied().unwrap_or(0);
                return Err(format!(
                    "line {line}: keys.{}.{}: `{key}` is also bound to `{}` in {}",
                    b.scope.name(),
                    blamed.name(),
                    with.name(),
                    b.scope.title()
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct File {
        keys: KeysConfig,
    }

    fn apply(text: &str) -> Result<Keymap, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        Keymap::with_overrides(&file.keys, text)
    }

    #[test]
    fn a_rebound_key_runs_its_command_and_the_old_key_is_free() {
        let map = apply("[keys.list]\nreveal = [\"Space\", \"Enter\"]\n").expect("valid");
        assert_eq!(
            map.resolve(Layer::List, Key::char(' ')),
            Some(Command::Verb(Verb::Reveal))
        );
        assert_eq!(map.resolve(Layer::List, Key::char('v')), None);
        let map = apply("[keys.global]\nquit = \"Ctrl-q\"\n").expect("valid");
        assert_eq!(
            map.resolve(Layer::List, Key::ctrl('q')),
            Some(Command::Verb(Verb::Quit))
        );
        assert_eq!(map.resolve(Layer::List, Key::char('q')), None);
    }

    #[test]
    fn swapping_two_keys_is_not_a_conflict() {
        let map = apply("[keys.list]\nreveal = \"c\"\ncopy-value = \"v\"\n").expect("a swap");
        assert_eq!(
            map.resolve(Layer::List, Key::char('c')),
            Some(Command::Verb(Verb::Reveal))
        );
    }

    #[test]
    fn mistakes_name_the_line_and_the_field() {
        let cases = [
            (
                "\n[keys.lsit]\nreveal = \"x\"\n",
                "line 2: keys.lsit: no such layer",
            ),
            (
                "[keys.list]\n\nreveel = \"x\"\n",
                "line 3: keys.list.reveel: no such command",
            ),
            (
                "[keys.list]\nreveal = \"Hyper-x\"\n",
                "line 2: keys.list.reveal: unknown key",
            ),
            (
                "[keys.help]\nreveal = \"x\"\n",
                "line 2: keys.help.reveal: `reveal` does nothing",
            ),
            (
                "[keys.list]\nfilter = \"f\"\ncopy-value = \"s\"\n",
                "line 3: keys.list.copy-value: `s` is also bound to `sort-next`",
            ),
            (
                "[keys.global]\ncopy-arn = \"c\"\n",
                "line 2: keys.global.copy-arn: `c` is bound to `copy-value` in Secret list too",
            ),
            (
                "[keys.palette]\ndown = \"j\"\n",
                "line 2: keys.palette.down: `j` is typed as text",
            ),
            (
                "[keys.confirm]\nconfirm = \"y\"\n",
                "line 2: keys.confirm.confirm: needs a key that is not a character",
            ),
        ];
        for (text, expected) in cases {
            let err = apply(text).expect_err(text);
            assert!(err.starts_with(expected), "{text:?}: {err}");
        }
    }
}
