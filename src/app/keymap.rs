//! Key bindings as data. The help overlay and the README table are generated from this
//! table (a snapshot test keeps the README honest), so they cannot drift from what the keys do.

use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    FocusNext,
    Filter,
    Refresh,
    ToggleDeleted,
    SortNext,
    SortReverse,
    Reveal,
    RevealAll,
    ToggleRawJson,
    PickVersion,
    CopyValue,
    CopyArn,
    CopyName,
    Select,
    Back,
}

/// Where a binding applies. `Global` bindings apply everywhere unless a more specific
/// context binds the same key first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    List,
    Value,
    Popup,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Secret list",
            Context::Value => "Value pane",
            Context::Popup => "Popups (help, version picker)",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub command: Command,
    pub description: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

macro_rules! bind {
    ($ctx:ident, [$($key:expr),+], $cmd:ident, $desc:literal) => {
        Binding { context: Context::$ctx, keys: &[$($key),+], command: Command::$cmd, description: $desc }
    };
}

pub const BINDINGS: &[Binding] = &[
    bind!(
        Popup,
        [(KeyCode::Esc, NONE), (KeyCode::Char('q'), NONE)],
        Back,
        "close the popup"
    ),
    bind!(
        Popup,
        [(KeyCode::Enter, NONE)],
        Select,
        "choose the highlighted version"
    ),
    bind!(
        Popup,
        [(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        Down,
        "next version / scroll down"
    ),
    bind!(
        Popup,
        [(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        Up,
        "previous version / scroll up"
    ),
    bind!(
        Popup,
        [(KeyCode::PageDown, NONE), (KeyCode::Char('d'), CTRL)],
        PageDown,
        "page down"
    ),
    bind!(
        Popup,
        [(KeyCode::PageUp, NONE), (KeyCode::Char('u'), CTRL)],
        PageUp,
        "page up"
    ),
    bind!(
        Popup,
        [(KeyCode::Home, NONE), (KeyCode::Char('g'), NONE)],
        Top,
        "first version / top"
    ),
    bind!(
        Popup,
        [(KeyCode::End, NONE), (KeyCode::Char('G'), NONE)],
        Bottom,
        "last version / bottom"
    ),
    bind!(Popup, [(KeyCode::Char('c'), CTRL)], Quit, "quit smtui"),
    bind!(
        Value,
        [(KeyCode::Char('v'), NONE)],
        Reveal,
        "reveal / hide the selected JSON key"
    ),
    bind!(
        Value,
        [(KeyCode::Char('c'), NONE)],
        CopyValue,
        "copy the selected JSON key's value"
    ),
    bind!(
        Value,
        [(KeyCode::Esc, NONE)],
        Back,
        "mask the value and return to the list"
    ),
    bind!(
        List,
        [(KeyCode::Char('v'), NONE), (KeyCode::Enter, NONE)],
        Reveal,
        "reveal / mask the value (GetSecretValue)"
    ),
    bind!(
        List,
        [(KeyCode::Char('c'), NONE)],
        CopyValue,
        "copy the whole value (cleared after a timeout)"
    ),
    bind!(
        List,
        [(KeyCode::Esc, NONE)],
        Back,
        "mask the value / clear the filter"
    ),
    bind!(
        List,
        [(KeyCode::Char('/'), NONE)],
        Filter,
        "filter by name, description and tags"
    ),
    bind!(
        List,
        [(KeyCode::Char('s'), NONE)],
        SortNext,
        "sort by the next column"
    ),
    bind!(
        List,
        [(KeyCode::Char('S'), NONE)],
        SortReverse,
        "reverse the sort order"
    ),
    bind!(
        List,
        [(KeyCode::Char('.'), NONE)],
        ToggleDeleted,
        "show / hide secrets scheduled for deletion"
    ),
    bind!(
        Global,
        [(KeyCode::Char('V'), NONE)],
        RevealAll,
        "reveal / hide every JSON key"
    ),
    bind!(
        Global,
        [(KeyCode::Char('J'), NONE)],
        ToggleRawJson,
        "JSON: key table / pretty raw JSON"
    ),
    bind!(
        Global,
        [(KeyCode::Char('p'), NONE)],
        PickVersion,
        "pick the version to reveal or copy"
    ),
    bind!(
        Global,
        [(KeyCode::Char('a'), NONE)],
        CopyArn,
        "copy the ARN"
    ),
    bind!(
        Global,
        [(KeyCode::Char('n'), NONE)],
        CopyName,
        "copy the name"
    ),
    bind!(
        Global,
        [(KeyCode::Char('r'), NONE)],
        Refresh,
        "refresh every region"
    ),
    bind!(
        Global,
        [(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        Down,
        "move down"
    ),
    bind!(
        Global,
        [(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        Up,
        "move up"
    ),
    bind!(
        Global,
        [(KeyCode::PageDown, NONE), (KeyCode::Char('d'), CTRL)],
        PageDown,
        "page down"
    ),
    bind!(
        Global,
        [(KeyCode::PageUp, NONE), (KeyCode::Char('u'), CTRL)],
        PageUp,
        "page up"
    ),
    bind!(
        Global,
        [(KeyCode::Home, NONE), (KeyCode::Char('g'), NONE)],
        Top,
        "first row"
    ),
    bind!(
        Global,
        [(KeyCode::End, NONE), (KeyCode::Char('G'), NONE)],
        Bottom,
        "last row"
    ),
    bind!(
        Global,
        [(KeyCode::Tab, NONE)],
        FocusNext,
        "switch focus: list / value pane"
    ),
    bind!(Global, [(KeyCode::Char('?'), NONE)], Help, "show this help"),
    bind!(
        Global,
        [(KeyCode::Char('q'), NONE), (KeyCode::Char('c'), CTRL)],
        Quit,
        "quit (clears a copied secret)"
    ),
];

/// Finds the command for `key` in `context`, falling back to global bindings.
pub fn resolve(context: Context, key: KeyEvent) -> Option<Command> {
    // Shifted letters arrive as uppercase chars, sometimes with SHIFT set: ignore SHIFT.
    let modifiers = key.modifiers - KeyModifiers::SHIFT;
    let matches = |b: &&Binding| {
        b.keys
            .iter()
            .any(|&(code, mods)| code == key.code && mods == modifiers)
    };
    let in_context = BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .find(matches);
    let global = || {
        // Popups swallow everything but their own keys, so a stray key cannot act behind them.
        (context != Context::Popup).then(|| {
            BINDINGS
                .iter()
                .filter(|b| b.context == Context::Global)
                .find(matches)
        })?
    };
    in_context.or_else(global).map(|b| b.command)
}

/// Human label of a key, as shown in help and the footer.
pub fn key_label(code: KeyCode, modifiers: KeyModifiers) -> String {
    let base = match code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".to_owned(),
        KeyCode::Esc => "Esc".to_owned(),
        KeyCode::Tab => "Tab".to_owned(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::Home => "Home".to_owned(),
        KeyCode::End => "End".to_owned(),
        other => format!("{other:?}"),
    };
    if modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// One line per binding: (context, keys, description). Used by help and the README table.
pub fn help_rows() -> Vec<(Context, String, &'static str)> {
    let order = [
        Context::List,
        Context::Value,
        Context::Global,
        Context::Popup,
    ];
    order
        .iter()
        .flat_map(|&ctx| BINDINGS.iter().filter(move |b| b.context == ctx))
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|&(c, m)| key_label(c, m)).collect();
            (b.context, keys.join(" "), b.description)
        })
        .collect()
}

/// How many lines the help overlay has: every row, a title per context and a blank line
/// between contexts. Scrolling stops at the last one.
pub fn help_line_count() -> usize {
    let rows = help_rows();
    let mut contexts: Vec<Context> = rows.iter().map(|(c, _, _)| *c).collect();
    contexts.dedup();
    rows.len() + contexts.len() * 2 - 1
}

/// The README's key table, generated (see `tests/readme.rs`).
pub fn markdown_table() -> String {
    let mut out = String::from("| Where | Keys | Action |\n|---|---|---|\n");
    for (ctx, keys, desc) in help_rows() {
        let keys = keys
            .split(' ')
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(out, "| {} | {keys} | {desc} |", ctx.title());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn context_bindings_win_over_global() {
        assert_eq!(resolve(Context::List, key('v')), Some(Command::Reveal));
        assert_eq!(resolve(Context::Value, key('c')), Some(Command::CopyValue));
        assert_eq!(resolve(Context::Value, key('q')), Some(Command::Quit));
        assert_eq!(resolve(Context::Popup, key('q')), Some(Command::Back));
        assert_eq!(resolve(Context::Popup, key('c')), None);
    }

    #[test]
    fn shifted_letters_and_ctrl_resolve() {
        let shifted = KeyEvent::new(KeyCode::Char('V'), KeyModifiers::SHIFT);
        assert_eq!(resolve(Context::List, shifted), Some(Command::RevealAll));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(resolve(Context::List, ctrl_c), Some(Command::Quit));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let mut seen = std::collections::HashSet::new();
        for b in BINDINGS {
            for k in b.keys {
                assert!(
                    seen.insert((b.context, *k)),
                    "{k:?} bound twice in {:?}",
                    b.context
                );
            }
        }
    }
}
