//! The command palette (`:`, the k9s habit): fuzzy completion over the names of the
//! commands that apply where it was opened; Enter runs the highlighted one.

pub mod view;

use crate::app::action::TextEdit;
use crate::app::command::{Command, Move};
use crate::app::layers::Layer;
use crate::app::room::{Intent, Out};

#[derive(Debug, Clone)]
pub struct Palette {
    pub input: String,
    /// Index into `matches()`.
    pub selected: usize,
    /// The commands that apply in the layer the palette was opened over, in help order.
    pub offered: Vec<Command>,
    /// That layer: its keys are shown beside each name.
    pub origin: Layer,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            input: String::new(),
            selected: 0,
            offered: Vec::new(),
            origin: Layer::List,
        }
    }
}

impl Palette {
    pub fn open(&mut self, origin: Layer, offered: Vec<Command>, out: &mut Out) {
        *self = Self {
            input: String::new(),
            selected: 0,
            offered,
            origin,
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

    pub fn text(&mut self, edit: TextEdit) {
        match edit {
            TextEdit::Insert(c) => self.input.push(c),
            TextEdit::Backspace => {
                self.input.pop();
            }
        }
        self.selected = 0;
    }

    pub fn command(&mut self, command: Command, out: &mut Out) {
        let matches = self.matches();
        let last = matches.len().saturating_sub(1);
        match command {
            Command::Down => self.selected = Move::Forward(1).apply(self.selected, last),
            Command::Up => self.selected = Move::Back(1).apply(self.selected, last),
            Command::Complete => {
                if let Some(chosen) = matches.get(self.selected) {
                    chosen.name().clone_into(&mut self.input);
                    self.selected = 0;
                }
            }
            Command::Select => match matches.get(self.selected) {
                Some(&chosen) => {
                    out.intent(Intent::Close(Layer::Palette));
                    out.intent(Intent::Run(chosen));
                }
                None => out.warn(format!("No command matches {:?}", self.input)),
            },
            Command::Back => out.intent(Intent::Close(Layer::Palette)),
            _ => {}
        }
    }
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
        assert_eq!(palette("help").matches().first(), Some(&Command::Help));
        assert_eq!(palette("cparn").matches().first(), Some(&Command::CopyArn));
        assert_eq!(palette("rev").matches().first(), Some(&Command::Reveal));
        assert!(palette("zzz").matches().is_empty());
        assert_eq!(palette("").matches().len(), palette("").offered.len());
    }

    #[test]
    fn enter_runs_the_highlighted_match_and_tab_completes() {
        let mut p = palette("ref");
        let mut out = Out::default();
        p.command(Command::Complete, &mut out);
        assert_eq!(p.input, "refresh");
        p.command(Command::Select, &mut out);
        assert!(
            out.intents
                .iter()
                .any(|i| matches!(i, Intent::Run(Command::Refresh)))
        );
    }
}
