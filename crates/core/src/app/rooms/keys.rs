//! The default keymap: every registered key table (each room's, in its folder, and the
//! app's own) merged into one list of bindings, with the key sets declared once merged
//! into every layer: the movement steps (`rows::STEPS`) and Ctrl-c to quit in each popup.

use crate::app::command::{Command, Verb};
use crate::app::keymap::rows::{Item, Keyset, OWN, STEPS, ctrl};
use crate::app::keymap::{Binding, Key, Keymap, Scope};
use crate::app::rooms::KEYS;

use Item::{Keys, Moves};

/// Every popup quits on Ctrl-c unless it binds Ctrl-c to something of its own (the editor's
/// layers leave the edit with it): merged into each layer, declared once here.
const QUIT_IN_POPUPS: (Key, &str) = (ctrl('c'), "quit smtui");

impl Default for Keymap {
    fn default() -> Self {
        Keymap::from_bindings(bindings())
    }
}

fn bindings() -> Vec<Binding> {
    let mut bindings: Vec<Binding> = Vec::new();
    for item in KEYS.iter() {
        match *item {
            Keys(scope, keys, command, description, hint) => bindings.push(Binding {
                scope,
                keys: keys.to_vec(),
                command,
                description: if description == OWN {
                    command.description()
                } else {
                    description
                }
                .to_owned(),
                hint,
            }),
            Moves(scope, keyset, words, hint) => {
                for (i, (&(command, vi, arrows), description)) in
                    STEPS.iter().zip(words).enumerate()
                {
                    bindings.push(Binding {
                        scope,
                        keys: match keyset {
                            Keyset::Vi => vi.to_vec(),
                            Keyset::Arrows => arrows.to_vec(),
                        },
                        command: Command::Verb(command),
                        description: (*description).to_owned(),
                        hint: if i == 0 { hint } else { None },
                    });
                }
            }
        }
    }
    quit_in_popups(&mut bindings);
    bindings
}

/// Every popup with keys of its own that does not bind Ctrl-c gets the quit, after its own
/// rows.
fn quit_in_popups(bindings: &mut Vec<Binding>) {
    let (key, description) = QUIT_IN_POPUPS;
    for scope in Scope::ORDER {
        let Scope::In(layer) = scope else { continue };
        let rows = || bindings.iter().filter(move |b| b.scope == scope);
        if layer.is_pane() || rows().next().is_none() || rows().any(|b| b.keys.contains(&key)) {
            continue;
        }
        bindings.push(Binding {
            scope,
            keys: vec![key],
            command: Command::Verb(Verb::Quit),
            description: description.to_owned(),
            hint: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::room::layers::Layer;

    #[test]
    fn every_layer_can_quit_or_leave_on_ctrl_c() {
        let bindings = bindings();
        for scope in Scope::ORDER {
            let Scope::In(layer) = scope else { continue };
            let scope = if layer.is_pane() {
                Scope::Global
            } else {
                scope
            };
            assert!(
                bindings
                    .iter()
                    .any(|b| b.scope == scope && b.keys.contains(&ctrl('c'))),
                "{layer:?}: Ctrl-c does nothing"
            );
        }
    }

    #[test]
    fn a_layer_that_moves_names_every_step_it_binds() {
        for item in KEYS.iter() {
            if let Moves(scope, _, words, _) = item {
                assert!(
                    (1..=STEPS.len()).contains(&words.len()),
                    "{scope:?}: {} words for {} steps",
                    words.len(),
                    STEPS.len()
                );
                assert!(words.iter().all(|w| !w.is_empty()), "{scope:?}: {words:?}");
            }
        }
    }

    #[test]
    fn a_binding_said_as_its_command_reads_the_command_s_words() {
        let bindings = bindings();
        let sort = bindings
            .iter()
            .find(|b| {
                b.scope == Scope::In(Layer::List) && b.command == Command::Verb(Verb::SortNext)
            })
            .expect("s sorts the list");
        assert_eq!(
            sort.description,
            Command::Verb(Verb::SortNext).description()
        );
        assert!(bindings.iter().all(|b| !b.description.is_empty()));
    }

    #[test]
    fn every_bound_command_is_in_a_registered_command_table() {
        for binding in bindings() {
            assert!(
                Command::all().any(|c| c == binding.command),
                "{:?} is bound in {:?} but in no command table of app/rooms",
                binding.command,
                binding.scope
            );
        }
    }
}
