//! The command palette (`:`, the k9s habit): fuzzy completion over the names of the
//! commands that apply where it was opened; Enter runs the highlighted one.

pub(crate) mod view;

use crate::app::command::{Acts, Command};
use crate::app::room::{Intent, Out};
use crate::kit::{Cursor, Move};
use crate::room::TextEdit;
use crate::room::keys::Verb;
use crate::room::layers::Layer;

#[derive(Debug, Clone)]
pub struct Palette {
    input: String,
    /// Index into `matches()`.
    selected: Cursor,
    /// The commands that apply in the layer the palette was opened over, in help order.
    offered: Vec<Command>,
    /// That layer: its keys are shown beside each name.
    origin: Layer,
    /// `--read-only`: the writes left out of `offered` are still named when typed, so
    /// `:rotate` is not answered as if there were no such command.
    read_only: bool,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            input: String::new(),
            selected: Cursor::default(),
            offered: Vec::new(),
            origin: Layer::List,
            read_only: false,
        }
    }
}

impl Palette {
    /// What has been typed.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The highlighted line, an index into `matches()`.
    pub fn selected(&self) -> &Cursor {
        &self.selected
    }

    /// The commands it offers, in help order.
    pub fn offered(&self) -> &[Command] {
        &self.offered
    }

    /// The layer it was opened over: what it runs runs there.
    pub(crate) fn origin(&self) -> Layer {
        self.origin
    }

    /// Its layer closed: the text typed into it goes (the next opening starts empty).
    pub(crate) fn closed(&mut self) {
        self.input.clear();
    }

    /// Opens offering `offered`; in `read_only` mode the writes (never offered then) are
    /// recognised by name and refused with the reason.
    pub(crate) fn open_with(
        &mut self,
        origin: Layer,
        offered: Vec<Command>,
        read_only: bool,
        out: &mut Out,
    ) {
        *self = Self {
            input: String::new(),
            selected: Cursor::default(),
            offered,
            origin,
            read_only,
        };
        out.intent(Intent::Open(Layer::Palette));
    }

    /// The offered commands whose names match the input, best first (all of them, in
    /// order, while the input is empty).
    pub fn matches(&self) -> Vec<Command> {
        let names: Vec<String> = self.offered.iter().map(|c| c.name().to_owned()).collect();
        crate::fuzzy::best_first(&self.input, &names)
            .into_iter()
            .map(|i| self.offered[i])
            .collect()
    }

    /// A write read-only mode withholds that the input names: its exact name (even if it
    /// fuzzily matches something offered, Enter must not run that instead), or the best
    /// fuzzy match when nothing offered matches.
    pub(crate) fn withheld(&self) -> Option<Command> {
        if !self.read_only {
            return None;
        }
        let writes: Vec<Command> = Command::all()
            .filter(|c| c.in_palette() && c.mutates() && !self.offered.contains(c))
            .collect();
        let typed = self.input.trim();
        if let Some(exact) = writes.iter().find(|c| c.name() == typed) {
            return Some(*exact);
        }
        if !self.matches().is_empty() {
            return None;
        }
        let names: Vec<String> = writes.iter().map(|c| c.name().to_owned()).collect();
        crate::fuzzy::best_first(typed, &names)
            .first()
            .map(|&i| writes[i])
    }

    pub(crate) fn text(&mut self, edit: TextEdit) {
        edit.apply_to(&mut self.input);
        self.selected.set(0);
    }

    pub(crate) fn command(&mut self, command: Command, out: &mut Out) {
        let matches = self.matches();
        match command {
            Command::Verb(Verb::Down) => self.selected.apply(Move::Forward(1), matches.len()),
            Command::Verb(Verb::Up) => self.selected.apply(Move::Back(1), matches.len()),
            Command::Verb(Verb::Complete) => {
                if let Some(chosen) = matches.get(self.selected.at()) {
                    chosen.name().clone_into(&mut self.input);
                    self.selected.set(0);
                }
            }
            Command::Verb(Verb::Select) => match (self.withheld(), matches.get(self.selected.at()))
            {
                // Refused: the palette closes as it would have had the command run, so
                // the next key is a key again, not text typed after the name.
                (Some(write), _) => {
                    out.intent(Intent::Close(Layer::Palette));
                    out.warn(refusal(write));
                }
                (None, Some(&chosen)) => {
                    out.intent(Intent::Close(Layer::Palette));
                    out.intent(Intent::Run(chosen));
                }
                (None, None) => out.warn(format!("No command matches {:?}", self.input)),
            },
            Command::Verb(Verb::Back) => out.intent(Intent::Close(Layer::Palette)),
            _ => {}
        }
    }
}

/// Why a write named in the palette does not run: it exists, read-only mode forbids it.
pub(crate) fn refusal(write: Command) -> String {
    let what = if write.acts() == Acts::Creates {
        "creates a secret"
    } else {
        "changes the secret"
    };
    format!("{} {what}: not in read-only mode", write.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn palette(input: &str) -> Palette {
        Palette {
            input: input.to_owned(),
            offered: Command::all().filter(|c| c.in_palette()).collect(),
            ..Palette::default()
        }
    }

    #[test]
    fn fuzzy_matching_puts_the_likely_command_first() {
        assert_eq!(
            palette("help").matches().first(),
            Some(&Command::Verb(Verb::Help))
        );
        assert_eq!(
            palette("cparn").matches().first().map(|c| c.name()),
            Some("copy-arn")
        );
        assert_eq!(
            palette("rev").matches().first(),
            Some(&Command::Verb(Verb::Reveal))
        );
        assert!(palette("zzz").matches().is_empty());
        assert_eq!(palette("").matches().len(), palette("").offered.len());
    }

    #[test]
    fn enter_runs_the_highlighted_match_and_tab_completes() {
        let mut p = palette("ref");
        let mut out = Out::default();
        p.command(Command::Verb(Verb::Complete), &mut out);
        assert_eq!(p.input, "refresh");
        p.command(Command::Verb(Verb::Select), &mut out);
        assert!(
            out.intents
                .iter()
                .any(|i| matches!(i, Intent::Run(Command::Verb(Verb::Refresh))))
        );
    }

    /// What the palette gets in read-only mode: the writes left out.
    fn read_only(input: &str) -> Palette {
        let mut p = palette(input);
        p.offered.retain(|c| !c.mutates());
        p.read_only = true;
        p
    }

    fn warning(out: &Out) -> String {
        out.status_text()
    }

    #[test]
    fn read_only_names_the_write_it_withholds_and_runs_nothing() {
        for (input, expected) in [
            ("rotate", "rotate changes the secret: not in read-only mode"),
            // Exactly a write's name, though it fuzzily matches `toggle-deleted`.
            ("delete", "delete changes the secret: not in read-only mode"),
            (
                "restor",
                "restore changes the secret: not in read-only mode",
            ),
            ("create", "create creates a secret: not in read-only mode"),
        ] {
            let mut p = read_only(input);
            let mut out = Out::default();
            p.command(Command::Verb(Verb::Select), &mut out);
            assert_eq!(warning(&out), expected);
            assert!(
                !out.intents.iter().any(|i| matches!(i, Intent::Run(_))),
                "{input}: {:?}",
                out.intents
            );
            assert!(
                out.intents
                    .iter()
                    .any(|i| matches!(i, Intent::Close(Layer::Palette))),
                "{input}: the refusal closes the palette"
            );
        }
    }

    #[test]
    fn read_only_still_runs_reads_and_says_when_nothing_matches() {
        let mut p = read_only("rotation");
        assert_eq!(p.withheld(), None, "the overview is a read");
        let mut out = Out::default();
        p.command(Command::Verb(Verb::Select), &mut out);
        assert!(
            out.intents
                .iter()
                .any(|i| matches!(i, Intent::Run(command) if command.name() == "rotation"))
        );
        let mut out = Out::default();
        read_only("zzz").command(Command::Verb(Verb::Select), &mut out);
        assert_eq!(warning(&out), "No command matches \"zzz\"");
        // Outside read-only mode a command not offered is simply not there.
        let mut p = read_only("rotate");
        p.read_only = false;
        assert_eq!(p.withheld(), None);
    }
}
