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

type Row = (
    Scope,
    &'static [Key],
    Command,
    &'static str,
    Option<&'static str>,
);

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

#[rustfmt::skip]
const ROWS: &[Row] = &[
    (LIST, &[k('v'), ENTER], C::Reveal, "reveal / mask the value (GetSecretValue)", Some("reveal")),
    (LIST, &[k('c')], C::CopyValue, "copy the whole value (cleared after a timeout)", Some("copy")),
    (LIST, &[ESC], C::Back, "mask the value / clear the filter", None),
    (LIST, &[k('/')], C::Filter, "filter by words: name, region, description, tags", Some("filter")),
    (LIST, &[k('s')], C::SortNext, "sort by the next column", Some("sort")),
    (LIST, &[k('S')], C::SortReverse, "reverse the sort order", None),
    (LIST, &[k('.')], C::ToggleDeleted, "show / hide secrets scheduled for deletion", None),
    (LIST, &[k('w')], C::NextRegion, "narrow to one region; again: the next, then all", None),
    (VALUE, &[k('v')], C::Reveal, "reveal / hide the selected JSON key", Some("reveal key")),
    (VALUE, &[k('c')], C::CopyValue, "copy the selected JSON key (or the whole value)", Some("copy")),
    (VALUE, &[ESC], C::Back, "mask the value and return to the list", Some("mask")),
    (VALUE, &[DOWN, k('j')], C::Down, "next JSON key / scroll down", Some("scroll")),
    (VALUE, &[UP, k('k')], C::Up, "previous JSON key / scroll up", None),
    (GLOBAL, &[k('V')], C::RevealAll, "reveal / hide every JSON key", Some("all keys")),
    (GLOBAL, &[k('J')], C::ToggleRawJson, "JSON: key table / pretty raw JSON", Some("raw")),
    (GLOBAL, &[k('p')], C::PickVersion, "versions: reveal or copy one, compare, roll back", Some("versions")),
    (GLOBAL, &[k('a')], C::CopyArn, "copy the ARN", None),
    (GLOBAL, &[k('n')], C::CopyName, "copy the name", None),
    (GLOBAL, &[k('r')], C::Refresh, "refresh every region", Some("refresh")),
    (GLOBAL, &[k('e')], C::Edit, "edit the value (review, then save)", Some("edit")),
    (GLOBAL, &[k('N')], C::Create, "create a secret (name, description, then the value)", None),
    (GLOBAL, &[k('t')], C::Tags, "tags, description and resource policy", Some("tags")),
    (GLOBAL, &[k('o')], C::RotationOverview, "rotation overview: every secret's health and posture", Some("rotation")),
    (GLOBAL, &[k('T')], C::Theme, "choose the colour theme (each previewed as you move)", None),
    (GLOBAL, &[k('M')], C::Messages, "every message of this session, newest first", None),
    (GLOBAL, &[k('A')], C::Audit, "audit: who read or changed this secret (CloudTrail)", Some("audit")),
    (GLOBAL, &[k('D')], C::Delete, "delete the secret (asks, then wants its name typed)", None),
    (GLOBAL, &[k('R')], C::Restore, "restore a secret scheduled for deletion", None),
    (GLOBAL, &[k('I')], C::Role, "identity: use a profile or assume a role", None),
    (GLOBAL, &[DOWN, k('j')], C::Down, "move down", None),
    (GLOBAL, &[UP, k('k')], C::Up, "move up", None),
    (GLOBAL, &[PG_DN, ctrl('d')], C::PageDown, "page down", None),
    (GLOBAL, &[PG_UP, ctrl('u')], C::PageUp, "page up", None),
    (GLOBAL, &[HOME, k('g')], C::Top, "first row", None),
    (GLOBAL, &[END, k('G')], C::Bottom, "last row", None),
    (GLOBAL, &[TAB], C::FocusNext, "switch focus: list / value pane", Some("focus")),
    (GLOBAL, &[k(']')], C::NextTab, "narrow screens: the next pane (list, detail, value, rotation)", None),
    (GLOBAL, &[k('[')], C::PreviousTab, "narrow screens: the pane before", None),
    (GLOBAL, &[k(':'), ctrl('p')], C::Palette, "command palette: run any command by name", Some("commands")),
    (GLOBAL, &[k('?')], C::Help, "show this help", Some("help")),
    (GLOBAL, &[k('q'), ctrl('c')], C::Quit, "quit (clears a copied secret)", Some("quit")),
    (FILTER, &[ENTER], C::Select, "keep the filter and return to the list", Some("keep")),
    (FILTER, &[ESC], C::Back, "clear the filter and return to the list", Some("clear")),
    (FILTER, &[ctrl('c')], C::Quit, "quit smtui", None),
    (PALETTE, &[ENTER], C::Select, "run the highlighted command", Some("run")),
    (PALETTE, &[TAB], C::Complete, "complete the highlighted name", Some("complete")),
    (PALETTE, &[DOWN], C::Down, "next match", None),
    (PALETTE, &[UP], C::Up, "previous match", None),
    (PALETTE, &[ESC], C::Back, "close the palette", Some("close")),
    (PALETTE, &[ctrl('c')], C::Quit, "quit smtui", None),
    (HELP, &[ESC, k('q'), k('?')], C::Back, "close the help", Some("close")),
    (HELP, &[DOWN, k('j')], C::Down, "scroll down", Some("scroll")),
    (HELP, &[UP, k('k')], C::Up, "scroll up", None),
    (HELP, &[PG_DN, ctrl('d')], C::PageDown, "page down", None),
    (HELP, &[PG_UP, ctrl('u')], C::PageUp, "page up", None),
    (HELP, &[HOME, k('g')], C::Top, "top", None),
    (HELP, &[END, k('G')], C::Bottom, "bottom", None),
    (HELP, &[ctrl('c')], C::Quit, "quit smtui", None),
    (VERSIONS, &[ENTER], C::Select, "reveal or copy this version from now on", Some("choose")),
    (VERSIONS, &[ESC, k('q')], C::Back, "close without changing the version", Some("close")),
    (VERSIONS, &[DOWN, k('j')], C::Down, "next version", Some("move")),
    (VERSIONS, &[UP, k('k')], C::Up, "previous version", None),
    (VERSIONS, &[PG_DN, ctrl('d')], C::PageDown, "ten versions down", None),
    (VERSIONS, &[PG_UP, ctrl('u')], C::PageUp, "ten versions up", None),
    (VERSIONS, &[HOME, k('g')], C::Top, "first version", None),
    (VERSIONS, &[END, k('G')], C::Bottom, "last version", None),
    (VERSIONS, &[k('d')], C::Compare, "compare with the marked one, else AWSCURRENT (values masked)", Some("compare")),
    (VERSIONS, &[k(' ')], C::Mark, "mark / unmark it, to compare another one with it", Some("mark")),
    (VERSIONS, &[k('m')], C::MakeCurrent, "make it AWSCURRENT (asks first; a rollback)", Some("make current")),
    (VERSIONS, &[k(':')], C::Palette, "command palette over the versions", None),
    (VERSIONS, &[ctrl('c')], C::Quit, "quit smtui", None),
    (COMPARE, &[ESC, k('q')], C::Back, "back to the versions", Some("back")),
    (COMPARE, &[k('v')], C::Reveal, "reveal / mask the values", Some("reveal")),
    (COMPARE, &[ctrl('c')], C::Quit, "quit smtui", None),
    (DELETE, &[ENTER], C::Select, "go on to the typed confirmation", Some("continue")),
    (DELETE, &[ESC, k('q')], C::Back, "keep the secret", Some("cancel")),
    (DELETE, &[UP, k('k'), k('+')], C::Up, "one more day to restore it (at most 30)", Some("days")),
    (DELETE, &[DOWN, k('j'), k('-')], C::Down, "one day fewer (at least 7)", None),
    (DELETE, &[k('f')], C::WithoutRecovery, "delete at once, without recovery (or not)", Some("no recovery")),
    (DELETE, &[ctrl('c')], C::Quit, "quit smtui", None),
    (EDITOR, &[ctrl('s')], C::Save, "review the changes, then save", Some("save")),
    (EDITOR, &[ctrl('f')], C::FormMode, "JSON object: field by field / the whole text", Some("form")),
    (EDITOR, &[ctrl('v')], C::Reveal, "reveal / mask the value (masked again after the timeout)", Some("reveal")),
    (EDITOR, &[ctrl('g')], C::GeneratePassword, "insert a generated password (GetRandomPassword)", Some("password")),
    (EDITOR, &[ctrl('p')], C::Palette, "command palette over the editor", None),
    (EDITOR, &[ESC, ctrl('c')], C::Back, "leave (asks first if anything changed)", Some("leave")),
    (REVIEW, &[k('y'), ENTER], C::Confirm, "save: a new version becomes AWSCURRENT", Some("save")),
    (REVIEW, &[k('n'), ESC, ctrl('c')], C::Cancel, "back to editing", Some("edit")),
    (REVIEW, &[k('v')], C::Reveal, "reveal / mask the changed values", Some("reveal")),
    (REVIEW, &[DOWN, k('j')], C::Down, "scroll down, where the changes do not fit", None),
    (REVIEW, &[UP, k('k')], C::Up, "scroll up", None),
    (REVIEW, &[PG_DN, ctrl('d')], C::PageDown, "page down", None),
    (REVIEW, &[PG_UP, ctrl('u')], C::PageUp, "page up", None),
    (REVIEW, &[HOME, k('g')], C::Top, "top", None),
    (REVIEW, &[END, k('G')], C::Bottom, "bottom", None),
    (CONFLICT, &[k('o')], C::Overwrite, "save yours over theirs (review first)", Some("overwrite")),
    (CONFLICT, &[k('r')], C::ReloadTheirs, "take their value and edit from there (asks first)", Some("reload")),
    (CONFLICT, &[k('e'), ESC, ctrl('c')], C::Back, "keep editing yours", Some("keep editing")),
    (CONFLICT, &[k('v')], C::Reveal, "reveal / mask the values", Some("reveal")),
    (TAGS, &[k('a')], C::AddTag, "add a tag (key, then value; asks first)", Some("add")),
    (TAGS, &[ENTER, k('e')], C::EditTag, "change the highlighted tag's value", Some("change")),
    (TAGS, &[k('x')], C::RemoveTag, "remove the highlighted tag (asks first)", Some("remove")),
    (TAGS, &[k('d')], C::EditDescription, "change the description (asks first)", Some("description")),
    (TAGS, &[DOWN, k('j')], C::Down, "next tag", None),
    (TAGS, &[UP, k('k')], C::Up, "previous tag", None),
    (TAGS, &[ESC, k('q')], C::Back, "close", Some("close")),
    (TAGS, &[ctrl('c')], C::Quit, "quit smtui", None),
    (ROTATION, &[ENTER], C::Select, "go to the highlighted secret", Some("go to")),
    (ROTATION, &[k('s')], C::SortNext, "sort by risk, name, region, next rotation", Some("sort")),
    (ROTATION, &[DOWN, k('j')], C::Down, "next secret", Some("move")),
    (ROTATION, &[UP, k('k')], C::Up, "previous secret", None),
    (ROTATION, &[PG_DN, ctrl('d')], C::PageDown, "ten down", None),
    (ROTATION, &[PG_UP, ctrl('u')], C::PageUp, "ten up", None),
    (ROTATION, &[HOME, k('g')], C::Top, "first", None),
    (ROTATION, &[END, k('G')], C::Bottom, "last", None),
    (ROTATION, &[ESC, k('q')], C::Back, "close", Some("close")),
    (ROTATION, &[ctrl('c')], C::Quit, "quit smtui", None),
    (AUDIT, &[ENTER], C::Select, "the highlighted event's whole record", Some("record")),
    (AUDIT, &[k('w')], C::AuditWindow, "window: 1 h, 24 h, 7 d, 30 d, 90 d", Some("window")),
    (AUDIT, &[k('u')], C::ToggleUtc, "times in UTC / local time", Some("utc")),
    (AUDIT, &[k('m')], C::ToggleOwnReads, "count smtui's own reads, or leave them out", Some("own reads")),
    (AUDIT, &[k('n')], C::ContinueScan, "scan further when the result is partial", None),
    (AUDIT, &[k('/')], C::Filter, "filter by event name, principal or outcome", Some("filter")),
    (AUDIT, &[k('r')], C::Refresh, "look up again", None),
    (AUDIT, &[DOWN, k('j')], C::Down, "next event (more load as you go)", None),
    (AUDIT, &[UP, k('k')], C::Up, "previous event", None),
    (AUDIT, &[PG_DN, ctrl('d')], C::PageDown, "ten down", None),
    (AUDIT, &[PG_UP, ctrl('u')], C::PageUp, "ten up", None),
    (AUDIT, &[HOME, k('g')], C::Top, "newest", None),
    (AUDIT, &[END, k('G')], C::Bottom, "oldest loaded", None),
    (AUDIT, &[ESC, k('q')], C::Back, "close", Some("close")),
    (AUDIT, &[ctrl('c')], C::Quit, "quit smtui", None),
    (RECORD, &[DOWN, k('j')], C::Down, "scroll down", Some("scroll")),
    (RECORD, &[UP, k('k')], C::Up, "scroll up", None),
    (RECORD, &[PG_DN, ctrl('d')], C::PageDown, "page down", None),
    (RECORD, &[PG_UP, ctrl('u')], C::PageUp, "page up", None),
    (RECORD, &[HOME, k('g')], C::Top, "top", None),
    (RECORD, &[ESC, k('q')], C::Back, "back to the events", Some("back")),
    (RECORD, &[ctrl('c')], C::Quit, "quit smtui", None),
    (ROLES, &[ENTER], C::Select, "work as the highlighted identity", Some("switch")),
    (ROLES, &[DOWN], C::Down, "next", Some("move")),
    (ROLES, &[UP], C::Up, "previous", None),
    (ROLES, &[ESC], C::Back, "close", Some("close")),
    (ROLES, &[ctrl('c')], C::Quit, "quit smtui", None),
    (THEMES, &[ENTER], C::Select, "keep the highlighted theme", Some("keep")),
    (THEMES, &[DOWN, k('j')], C::Down, "next theme (drawn at once)", Some("preview")),
    (THEMES, &[UP, k('k')], C::Up, "previous theme", None),
    (THEMES, &[ESC, k('q')], C::Back, "back to the theme before", Some("back")),
    (THEMES, &[ctrl('c')], C::Quit, "quit smtui", None),
    (MESSAGES, &[DOWN, k('j')], C::Down, "older", None),
    (MESSAGES, &[UP, k('k')], C::Up, "newer", None),
    (MESSAGES, &[PG_DN, ctrl('d')], C::PageDown, "ten older", None),
    (MESSAGES, &[PG_UP, ctrl('u')], C::PageUp, "ten newer", None),
    (MESSAGES, &[HOME, k('g')], C::Top, "newest", None),
    (MESSAGES, &[END, k('G')], C::Bottom, "oldest", None),
    (MESSAGES, &[ESC, k('q'), k('M')], C::Back, "close", Some("close")),
    (MESSAGES, &[ctrl('c')], C::Quit, "quit smtui", None),
    (PROMPT, &[ENTER], C::Select, "done", Some("done")),
    (PROMPT, &[ESC], C::Back, "cancel", Some("cancel")),
    (PROMPT, &[ctrl('c')], C::Quit, "quit smtui", None),
    (CONFIRM, &[k('y')], C::Confirm, "yes", Some("yes")),
    (CONFIRM, &[ENTER], C::Select, "yes to a typed name; a change or a discard wants y", Some("yes")),
    (CONFIRM, &[k('n'), ESC], C::Cancel, "no: cancel", Some("no")),
    (CONFIRM, &[ctrl('c')], C::Quit, "quit smtui", None),
];

pub fn bindings() -> Vec<Binding> {
    ROWS.iter()
        .map(|&(scope, keys, command, description, hint)| Binding {
            scope,
            keys: keys.to_vec(),
            command,
            description: description.to_owned(),
            hint,
        })
        .collect()
}
