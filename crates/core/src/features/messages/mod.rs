//! The messages log (`M`, `:messages`): every footer message of this session, newest first,
//! with the time it was said. The footer shows one message at a time and the next replaces
//! it; here an error that was replaced (by "Cancelled", by the next page) can still be read.
//! Messages never hold a secret's value (a rule every room keeps), so the log may keep them.

pub(crate) mod commands;
pub(crate) mod footer;
pub(crate) mod view;
pub(crate) use commands::Command;

use std::collections::VecDeque;

use crate::kit::Cursor;
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::{Intent, Never, StatusLine};

/// The messages room's words: its one command opens the log; it asks no call, and its
/// log is a layer, not a popup that carries data.
use crate::room::update::Here;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Never;
    type Popup = Never;
    type Prompt = Never;
}

/// The app runs the messages room through its one registration line.
impl crate::room::update::Update for Room {
    type State = Messages;
    type Outcome = Never;
    type Open = Never;
    const LAYERS: &'static [Layer] = &[Layer::Messages];

    fn run(
        messages: &mut Messages,
        command: Command,
        _: &Here,
        _: &crate::room::Ctx,
        out: &mut Out,
    ) {
        messages.run(command, out);
    }

    fn layer_command(
        messages: &mut Messages,
        _: Option<&mut Never>,
        _: Layer,
        command: Bind<Command>,
        _: &crate::room::Ctx,
        out: &mut Out,
    ) {
        messages.command(command, out);
    }
}

/// An answer in the messages room's words.
pub(crate) type Out = crate::room::Out<Room>;

/// How many messages are kept; the oldest go first.
pub(crate) const KEPT: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Logged {
    pub(crate) at: jiff::Timestamp,
    pub(crate) line: StatusLine,
}

#[derive(Debug, Clone, Default)]
pub struct Messages {
    /// Newest first.
    pub(crate) log: VecDeque<Logged>,
    /// How many of the newest are scrolled past (the first shown).
    pub(crate) scroll: Cursor,
}

impl Messages {
    /// A message the footer shows: logged, unless it repeats the one before word for word.
    pub(crate) fn record(&mut self, line: &StatusLine, at: jiff::Timestamp) {
        if self.log.front().is_some_and(|last| last.line == *line) {
            return;
        }
        self.log.push_front(Logged {
            at,
            line: line.clone(),
        });
        self.log.truncate(KEPT);
    }

    pub(crate) fn open(&mut self, out: &mut Out) {
        self.scroll.set(0);
        out.intent(Intent::Open(Layer::Messages));
    }

    pub(crate) fn command(&mut self, command: Bind<Command>, out: &mut Out) {
        if let Some(step) = command.as_move() {
            self.scroll.apply(step, self.log.len());
            return;
        }
        if matches!(command, Bind::Verb(Verb::Back) | Bind::Own(_)) {
            out.intent(Intent::Close(Layer::Messages));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::room::Level;

    fn line(text: &str) -> StatusLine {
        StatusLine {
            level: Level::Info,
            text: text.to_owned(),
        }
    }

    #[test]
    fn newest_first_no_repeats_and_only_so_many() {
        let mut messages = Messages::default();
        let at = jiff::Timestamp::UNIX_EPOCH;
        messages.record(&line("one"), at);
        messages.record(&line("one"), at);
        messages.record(&line("two"), at);
        let texts: Vec<&str> = messages.log.iter().map(|m| m.line.text.as_str()).collect();
        assert_eq!(texts, ["two", "one"]);
        for i in 0..KEPT + 10 {
            messages.record(&line(&i.to_string()), at);
        }
        assert_eq!(messages.log.len(), KEPT);
        assert_eq!(messages.log[0].line.text, (KEPT + 9).to_string());
    }

    #[test]
    fn moves_within_the_log_and_closes() {
        let mut messages = Messages::default();
        for i in 0..5 {
            messages.record(&line(&i.to_string()), jiff::Timestamp::UNIX_EPOCH);
        }
        let mut out = Out::default();
        messages.command(Bind::Verb(Verb::Bottom), &mut out);
        assert_eq!(messages.scroll.at(), 4);
        messages.command(Bind::Verb(Verb::Down), &mut out);
        assert_eq!(messages.scroll.at(), 4);
        messages.command(Bind::Verb(Verb::Back), &mut out);
        assert!(matches!(out.intents[..], [Intent::Close(Layer::Messages)]));
    }
}
