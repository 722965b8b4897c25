//! The default bindings: per scope, which keys run which command, what that means there
//! (help and docs/keys.md show it), and a short footer hint for the most used ones.

use crossterm::event::KeyCode;

use super::{Binding, Key, Scope};
use crate::app::command::Command;
use crate::app::layers::Layer;

const fn k(c: char) -> Key {
    Key::char(c)
}
const fn ctrl(c: char) -> Key {
    Key::ctrl(c)
}
const fn p(code: KeyCode) -> Key {
    Key::plain(code)
}

const ENTER: Key = p(KeyCode::Enter);
const ESC: Key = p(KeyCode::Esc);
const DOWN: Key = p(KeyCode::Down);
const UP: Key = p(KeyCode::Up);
const PG_DN: Key = p(KeyCode::PageDown);
const PG_UP: Key = p(KeyCode::PageUp);
const HOME: Key = p(KeyCode::Home);
const END: Key = p(KeyCode::End);
const TAB: Key = p(KeyCode::Tab);

/// A line of the table: one binding, or a layer's movement keys.
enum Item {
    /// Where, which keys, which command, what it means there ([`OWN`]: what the command
    /// says of itself), its footer hint.
    Keys(
        Scope,
        &'static [Key],
        Command,
        &'static str,
        Option<&'static str>,
    ),
    /// The movement keys of a layer that moves (declared once, in [`STEPS`]): what each
    /// step means there, in the order down, up, page down, page up, top, bottom (fewer
    /// words: the steps after them are not bound), and the footer hint for moving.
    Moves(Scope, Keyset, &'static [&'static str], Option<&'static str>),
}

/// Which movement keys a layer takes.
#[derive(Clone, Copy)]
enum Keyset {
    /// Arrows plus the vi-like letters (j/k, Ctrl-d/Ctrl-u, g/G).
    Vi,
    /// Arrows only: the layer takes typed text, so letters are text there.
    Arrows,
}

/// The movement steps and their keys, declared once for every layer.
const STEPS: [(Command, &[Key], &[Key]); 6] = [
    (Command::Down, &[DOWN, k('j')], &[DOWN]),
    (Command::Up, &[UP, k('k')], &[UP]),
    (Command::PageDown, &[PG_DN, ctrl('d')], &[PG_DN]),
    (Command::PageUp, &[PG_UP, ctrl('u')], &[PG_UP]),
    (Command::Top, &[HOME, k('g')], &[HOME]),
    (Command::Bottom, &[END, k('G')], &[END]),
];

/// A binding that means what its command's own description says (`Command::description`,
/// the palette's words): written once, there.
const OWN: &str = "";

/// Every popup quits on Ctrl-c unless it binds Ctrl-c to something of its own (the editor's
/// layers leave the edit with it): merged into each layer, declared once here.
const QUIT_IN_POPUPS: (Key, &str) = (ctrl('c'), "quit smtui");

const LIST: Scope = Scope::In(Layer::List);
const VALUE: Scope = Scope::In(Layer::Value);
const FILTER: Scope = Scope::In(Layer::Filter);
const PALETTE: Scope = Scope::In(Layer::Palette);
const HELP: Scope = Scope::In(Layer::Help);
const VERSIONS: Scope = Scope::In(Layer::Versions);
const CONFIRM: Scope = Scope::In(Layer::Confirm);
const DELETE: Scope = Scope::In(Layer::Delete);
const EDITOR: Scope = Scope::In(Layer::Editor);
const REVIEW: Scope = Scope::In(Layer::Review);
const COMPARE: Scope = Scope::In(Layer::Compare);
const CONFLICT: Scope = Scope::In(Layer::Conflict);
const TAGS: Scope = Scope::In(Layer::Tags);
const ROTATION: Scope = Scope::In(Layer::Rotation);
const AUDIT: Scope = Scope::In(Layer::Audit);
const RECORD: Scope = Scope::In(Layer::AuditEvent);
const ROLES: Scope = Scope::In(Layer::Roles);
const THEMES: Scope = Scope::In(Layer::Themes);
const MESSAGES: Scope = Scope::In(Layer::Messages);
const PROMPT: Scope = Scope::In(Layer::Prompt);
const GLOBAL: Scope = Scope::Global;

use Command as C;
use Item::{Keys, Moves};
use Keyset::{Arrows as ARROWS, Vi as VI};

#[rustfmt::skip]
const TABLE: &[Item] = &[
    Keys(LIST, &[k('v'), ENTER], C::Reveal, OWN, Some("reveal")),
    Keys(LIST, &[k('c')], C::CopyValue, "copy the whole value (cleared after a timeout)", Some("copy")),
    Keys(LIST, &[ESC], C::Back, "mask the value / clear the filter", None),
    Keys(LIST, &[k('/')], C::Filter, "filter by words: name, region, description, tags", Some("filter")),
    Keys(LIST, &[k('s')], C::SortNext, OWN, Some("sort")),
    Keys(LIST, &[k('S')], C::SortReverse, OWN, None),
    Keys(LIST, &[k('.')], C::ToggleDeleted, OWN, None),
    Keys(LIST, &[k('w')], C::NextRegion, "narrow to one region; again: the next, then all", None),
    Keys(VALUE, &[k('v')], C::Reveal, "reveal / hide the selected JSON key", Some("reveal key")),
    Keys(VALUE, &[k('c')], C::CopyValue, "copy the selected JSON key (or the whole value)", Some("copy")),
    Keys(VALUE, &[ESC], C::Back, "mask the value and return to the list", Some("mask")),
    Moves(VALUE, VI, &["next JSON key / scroll down", "previous JSON key / scroll up"], Some("scroll")),
    Keys(GLOBAL, &[k('V')], C::RevealAll, OWN, Some("all keys")),
    Keys(GLOBAL, &[k('J')], C::ToggleRawJson, OWN, Some("raw")),
    Keys(GLOBAL, &[k('p')], C::PickVersion, "versions: reveal or copy one, compare, roll back", Some("versions")),
    Keys(GLOBAL, &[k('a')], C::CopyArn, OWN, None),
    Keys(GLOBAL, &[k('n')], C::CopyName, OWN, None),
    Keys(GLOBAL, &[k('r')], C::Refresh, OWN, Some("refresh")),
    Keys(GLOBAL, &[k('e')], C::Edit, "edit the value (review, then save)", Some("edit")),
    Keys(GLOBAL, &[k('N')], C::Create, "create a secret (name, description, then the value)", None),
    Keys(GLOBAL, &[k('t')], C::Tags, OWN, Some("tags")),
    Keys(GLOBAL, &[k('o')], C::RotationOverview, "rotation overview: every secret's health and posture", Some("rotation")),
    Keys(GLOBAL, &[k('T')], C::Theme, OWN, None),
    Keys(GLOBAL, &[k('M')], C::Messages, "every message of this session, newest first", None),
    Keys(GLOBAL, &[k('A')], C::Audit, "audit: who read or changed this secret (CloudTrail)", Some("audit")),
    Keys(GLOBAL, &[k('D')], C::Delete, "delete the secret (asks, then wants its name typed)", None),
    Keys(GLOBAL, &[k('R')], C::Restore, OWN, None),
    Keys(GLOBAL, &[k('I')], C::Role, "identity: use a profile or assume a role", None),
    Moves(GLOBAL, VI, &["move down", "move up", "page down", "page up", "first row", "last row"], None),
    Keys(GLOBAL, &[TAB], C::FocusNext, OWN, Some("focus")),
    Keys(GLOBAL, &[k(']')], C::NextTab, "narrow screens: the next pane (list, detail, value, rotation)", None),
    Keys(GLOBAL, &[k('[')], C::PreviousTab, "narrow screens: the pane before", None),
    Keys(GLOBAL, &[k(':'), ctrl('p')], C::Palette, "command palette: run any command by name", Some("commands")),
    Keys(GLOBAL, &[k('?')], C::Help, "show this help", Some("help")),
    Keys(GLOBAL, &[k('q'), ctrl('c')], C::Quit, OWN, Some("quit")),
    Keys(FILTER, &[ENTER], C::Select, "keep the filter and return to the list", Some("keep")),
    Keys(FILTER, &[ESC], C::Back, "clear the filter and return to the list", Some("clear")),
    Keys(PALETTE, &[ENTER], C::Select, "run the highlighted command", Some("run")),
    Keys(PALETTE, &[TAB], C::Complete, OWN, Some("complete")),
    Moves(PALETTE, ARROWS, &["next match", "previous match"], None),
    Keys(PALETTE, &[ESC], C::Back, "close the palette", Some("close")),
    Keys(HELP, &[ESC, k('q'), k('?')], C::Back, "close the help", Some("close")),
    Moves(HELP, VI, &["scroll down", "scroll up", "page down", "page up", "top", "bottom"], Some("scroll")),
    Keys(VERSIONS, &[ENTER], C::Select, "reveal or copy this version from now on", Some("choose")),
    Keys(VERSIONS, &[ESC, k('q')], C::Back, "close without changing the version", Some("close")),
    Moves(VERSIONS, VI, &["next version", "previous version", "ten versions down", "ten versions up", "first version", "last version"], Some("move")),
    Keys(VERSIONS, &[k('d')], C::Compare, "compare with the marked one, else AWSCURRENT (values masked)", Some("compare")),
    Keys(VERSIONS, &[k(' ')], C::Mark, "mark / unmark it, to compare another one with it", Some("mark")),
    Keys(VERSIONS, &[k('m')], C::MakeCurrent, "make it AWSCURRENT (asks first; a rollback)", Some("make current")),
    Keys(VERSIONS, &[k(':')], C::Palette, "command palette over the versions", None),
    Keys(COMPARE, &[ESC, k('q')], C::Back, "back to the versions", Some("back")),
    Keys(COMPARE, &[k('v')], C::Reveal, "reveal / mask the values", Some("reveal")),
    Keys(DELETE, &[ENTER], C::Select, "go on to the typed confirmation", Some("continue")),
    Keys(DELETE, &[ESC, k('q')], C::Back, "keep the secret", Some("cancel")),
    Keys(DELETE, &[UP, k('k'), k('+')], C::Up, "one more day to restore it (at most 30)", Some("days")),
    Keys(DELETE, &[DOWN, k('j'), k('-')], C::Down, "one day fewer (at least 7)", None),
    Keys(DELETE, &[k('f')], C::WithoutRecovery, "delete at once, without recovery (or not)", Some("no recovery")),
    Keys(EDITOR, &[ctrl('s')], C::Save, OWN, Some("save")),
    Keys(EDITOR, &[ctrl('f')], C::FormMode, "JSON object: field by field / the whole text", Some("form")),
    Keys(EDITOR, &[ctrl('v')], C::Reveal, "reveal / mask the value (masked again after the timeout)", Some("reveal")),
    Keys(EDITOR, &[ctrl('g')], C::GeneratePassword, "insert a generated password (GetRandomPassword)", Some("password")),
    Keys(EDITOR, &[ctrl('p')], C::Palette, "command palette over the editor", None),
    Keys(EDITOR, &[ESC, ctrl('c')], C::Back, "leave (asks first if anything changed)", Some("leave")),
    Keys(REVIEW, &[k('y'), ENTER], C::Confirm, "save: a new version becomes AWSCURRENT", Some("save")),
    Keys(REVIEW, &[k('n'), ESC, ctrl('c')], C::Cancel, "back to editing", Some("edit")),
    Keys(REVIEW, &[k('v')], C::Reveal, "reveal / mask the changed values", Some("reveal")),
    Moves(REVIEW, VI, &["scroll down, where the changes do not fit", "scroll up", "page down", "page up", "top", "bottom"], None),
    Keys(CONFLICT, &[k('o')], C::Overwrite, "save yours over theirs (review first)", Some("overwrite")),
    Keys(CONFLICT, &[k('r')], C::ReloadTheirs, "take their value and edit from there (asks first)", Some("reload")),
    Keys(CONFLICT, &[k('e'), ESC, ctrl('c')], C::Back, "keep editing yours", Some("keep editing")),
    Keys(CONFLICT, &[k('v')], C::Reveal, "reveal / mask the values", Some("reveal")),
    Keys(TAGS, &[k('a')], C::AddTag, "add a tag (key, then value; asks first)", Some("add")),
    Keys(TAGS, &[ENTER, k('e')], C::EditTag, OWN, Some("change")),
    Keys(TAGS, &[k('x')], C::RemoveTag, "remove the highlighted tag (asks first)", Some("remove")),
    Keys(TAGS, &[k('d')], C::EditDescription, "change the description (asks first)", Some("description")),
    Moves(TAGS, VI, &["next tag", "previous tag"], None),
    Keys(TAGS, &[ESC, k('q')], C::Back, "close", Some("close")),
    Keys(ROTATION, &[ENTER], C::Select, "go to the highlighted secret", Some("go to")),
    Keys(ROTATION, &[k('s')], C::SortNext, "sort by risk, name, region, next rotation", Some("sort")),
    Moves(ROTATION, VI, &["next secret", "previous secret", "ten down", "ten up", "first", "last"], Some("move")),
    Keys(ROTATION, &[ESC, k('q')], C::Back, "close", Some("close")),
    Keys(AUDIT, &[ENTER], C::Select, "the highlighted event's whole record", Some("record")),
    Keys(AUDIT, &[k('w')], C::AuditWindow, "window: 1 h, 24 h, 7 d, 30 d, 90 d", Some("window")),
    Keys(AUDIT, &[k('u')], C::ToggleUtc, "times in UTC / local time", Some("utc")),
    Keys(AUDIT, &[k('m')], C::ToggleOwnReads, "count smtui's own reads, or leave them out", Some("own reads")),
    Keys(AUDIT, &[k('n')], C::ContinueScan, "scan further when the result is partial", None),
    Keys(AUDIT, &[k('/')], C::Filter, "filter by event name, principal or outcome", Some("filter")),
    Keys(AUDIT, &[k('r')], C::Refresh, "look up again", None),
    Moves(AUDIT, VI, &["next event (more load as you go)", "previous event", "ten down", "ten up", "newest", "oldest loaded"], None),
    Keys(AUDIT, &[ESC, k('q')], C::Back, "close", Some("close")),
    Moves(RECORD, VI, &["scroll down", "scroll up", "page down", "page up", "top"], Some("scroll")),
    Keys(RECORD, &[ESC, k('q')], C::Back, "back to the events", Some("back")),
    Keys(ROLES, &[ENTER], C::Select, "work as the highlighted identity", Some("switch")),
    Moves(ROLES, ARROWS, &["next", "previous"], Some("move")),
    Keys(ROLES, &[ESC], C::Back, "close", Some("close")),
    Keys(THEMES, &[ENTER], C::Select, "keep the highlighted theme", Some("keep")),
    Moves(THEMES, VI, &["next theme (drawn at once)", "previous theme"], Some("preview")),
    Keys(THEMES, &[ESC, k('q')], C::Back, "back to the theme before", Some("back")),
    Moves(MESSAGES, VI, &["older", "newer", "ten older", "ten newer", "newest", "oldest"], None),
    Keys(MESSAGES, &[ESC, k('q'), k('M')], C::Back, "close", Some("close")),
    Keys(PROMPT, &[ENTER], C::Select, "done", Some("done")),
    Keys(PROMPT, &[ESC], C::Back, "cancel", Some("cancel")),
    Keys(CONFIRM, &[k('y')], C::Confirm, "yes", Some("yes")),
    Keys(CONFIRM, &[ENTER], C::Select, "yes to a typed name; a change or a discard wants y", Some("yes")),
    Keys(CONFIRM, &[k('n'), ESC], C::Cancel, "no: cancel", Some("no")),
];

pub fn bindings() -> Vec<Binding> {
    let mut bindings: Vec<Binding> = Vec::new();
    for item in TABLE {
        let scope = match item {
            Keys(scope, ..) | Moves(scope, ..) => *scope,
        };
        if bindings.last().is_some_and(|last| last.scope != scope) {
            close(&mut bindings);
        }
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
                        command,
                        description: (*description).to_owned(),
                        hint: if i == 0 { hint } else { None },
                    });
                }
            }
        }
    }
    close(&mut bindings);
    bindings
}

/// The last scope's rows are all in: a popup that does not bind Ctrl-c gets the quit.
fn close(bindings: &mut Vec<Binding>) {
    let Some(Scope::In(layer)) = bindings.last().map(|b| b.scope) else {
        return;
    };
    let (key, description) = QUIT_IN_POPUPS;
    let binds_it = bindings
        .iter()
        .any(|b| b.scope == Scope::In(layer) && b.keys.contains(&key));
    if !layer.is_pane() && !binds_it {
        bindings.push(Binding {
            scope: Scope::In(layer),
            keys: vec![key],
            command: Command::Quit,
            description: description.to_owned(),
            hint: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for item in TABLE {
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
            .find(|b| b.scope == LIST && b.command == Command::SortNext)
            .expect("s sorts the list");
        assert_eq!(sort.description, Command::SortNext.description());
        assert!(bindings.iter().all(|b| !b.description.is_empty()));
    }
}
