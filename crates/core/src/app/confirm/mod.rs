//! Confirmation as data: a popup value (`Layer::Confirm`) holding the command or the AWS
//! call it will run, and what has been typed. `y` runs it, `n` or Esc drops it (and closing
//! drops the value, typed text and all). Enter is a reflex key: it never answers a question whose yes changes or
//! throws away anything (a write, typed text, a risky copy), so a reflexive Enter changes
//! nothing. A typed confirmation asks for a given text (a secret's name) before Enter runs
//! it. The router refuses a mutating command in read-only mode before it could get here.

pub(crate) mod view;

use ratatui::Frame;

use crate::app::command::{Acts, Command};
use crate::app::effect::AwsCall;
use crate::kit::Theme;
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use crate::room::{ConfirmRequest, Ctx, Intent, Never, OnYes, Out, RoomCall as _, TextEdit};

/// The confirmation's words: yes runs the app's command or call, held in the question; it
/// opens itself, takes only verbs and asks no prompt. (The app's words, not a room's: any
/// room's question lands here.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = AwsCall;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = Never;
}

/// What the app's words say of a question (the app's and the confirmation's own, whose
/// commands and calls are the app's).
impl<R> ConfirmRequest<R>
where
    R: crate::room::Room<Command = Command, Call = AwsCall>,
{
    /// Whether Enter may answer yes. Enter is a reflex key: a question whose yes changes
    /// or throws away anything takes `y` only; a typed confirmation takes Enter once the
    /// text matches (there `y` is a letter of it).
    pub(crate) fn enter_confirms(&self) -> bool {
        self.typed.is_some() || !self.on_yes.weighs()
    }
}

impl<R> OnYes<R>
where
    R: crate::room::Room<Command = Command, Call = AwsCall>,
{
    pub(crate) fn mutates(&self) -> bool {
        match self {
            OnYes::Command(command) => command.mutates(),
            OnYes::Call { call, .. } => call.mutates(),
            OnYes::Copy { .. } => false,
        }
    }

    /// Whether saying yes changes or throws away anything: a write, typed text discarded,
    /// or the clipboard given a value that could act when pasted (the warning overridden).
    pub(crate) fn weighs(&self) -> bool {
        match self {
            OnYes::Command(command) => command.mutates() || command.acts() == Acts::Discards,
            OnYes::Call { call, .. } => call.mutates(),
            OnYes::Copy { .. } => true,
        }
    }
}

/// The open confirmation, on the layer stack: the question with what runs on yes, and
/// what has been typed. Closing it drops both: the typed text goes with its question.
#[derive(Debug, Clone)]
pub struct Popup {
    pub request: ConfirmRequest<Room>,
    /// What has been typed so far (typed confirmations only).
    pub(crate) input: String,
    /// The account a write goes to, said while several identities are held
    /// (`payments-prod (111122223333)`).
    pub account: Option<String>,
    /// A write to an account the config marks dangerous: its label, to type before the
    /// usual confirmation (`None` once typed).
    pub guard: Option<String>,
}

impl Popup {
    pub(crate) fn new(request: ConfirmRequest<Room>) -> Self {
        Self {
            request,
            input: String::new(),
            account: None,
            guard: None,
        }
    }

    /// Opens the confirmation for `request` (the router calls this for `Intent::Confirm`),
    /// in place of any open one.
    /// `account`: the account a write goes to, to say; `guard`: its label, to type first.
    pub(crate) fn ask(
        request: ConfirmRequest<Room>,
        (account, guard): (Option<String>, Option<String>),
        out: &mut Out<Room>,
    ) {
        out.open(Self {
            account,
            guard,
            ..Self::new(request)
        });
    }

    /// A typed confirmation takes every printable key as text (so `y` is a letter there).
    pub(crate) fn takes_text(&self) -> bool {
        self.guard.is_some() || self.request.typed.is_some()
    }

    pub(crate) fn text(&mut self, edit: TextEdit) {
        edit.apply_to(&mut self.input);
    }

    pub(crate) fn command(&mut self, verb: Verb, out: &mut Out<Room>) {
        if let Some(label) = &self.guard {
            match verb {
                Verb::Confirm | Verb::Select if *label == self.input => {
                    self.guard = None;
                    self.input.clear();
                }
                Verb::Confirm | Verb::Select => {
                    out.warn(format!(
                        "A {label} account: type {label:?} exactly first (Esc cancels)"
                    ));
                }
                Verb::Cancel => {
                    out.intent(Intent::Close(Layer::Confirm));
                    out.info("Cancelled");
                }
                _ => {}
            }
            return;
        }
        let request = &self.request;
        match verb {
            Verb::Select if !request.enter_confirms() => {
                out.warn(match &request.on_yes {
                    OnYes::Copy { .. } => "Enter does not answer this: y copies, n cancels",
                    on_yes if on_yes.mutates() => {
                        "Enter does not answer a change: y makes it, n cancels"
                    }
                    _ => "Enter does not discard typed text: y discards it, n keeps it",
                });
            }
            Verb::Confirm | Verb::Select => {
                if let Some(expected) = request.typed.as_deref().filter(|t| *t != self.input) {
                    out.warn(format!("Type {expected:?} exactly to confirm"));
                    return;
                }
                let run = match &request.on_yes {
                    OnYes::Command(command) => Intent::Run(*command),
                    OnYes::Call { stamp, call } => Intent::Call {
                        stamp: *stamp,
                        call: call.clone(),
                    },
                    OnYes::Copy { label, text } => Intent::CopyConfirmed {
                        label: label.clone(),
                        text: text.clone(),
                    },
                };
                out.intent(Intent::Close(Layer::Confirm));
                out.intent(run);
            }
            Verb::Cancel => {
                out.intent(Intent::Close(Layer::Confirm));
                out.info("Cancelled");
            }
            _ => {}
        }
    }
}

/// It takes its keys alone: only the shared verbs (its room's commands are the app's,
/// which it holds and never takes).
impl Shown<Room> for Popup {
    fn layer(&self) -> Layer {
        Layer::Confirm
    }

    /// A call is made as the identity it was stamped with; a command or a copy acts on
    /// what the panes show.
    fn holds(&self) -> Holds {
        match &self.request.on_yes {
            OnYes::Call { stamp, .. } => Holds::Identity(stamp.identity),
            OnYes::Command(_) | OnYes::Copy { .. } => Holds::Panes,
        }
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        view::render(frame, around.whole, self, around.keymap, theme);
    }

    fn takes_keys(&self) -> bool {
        true
    }

    fn command(&mut self, command: Bind<Command>, _ctx: &Ctx, out: &mut Out<Room>) {
        if let Bind::Verb(verb) = command {
            Popup::command(self, verb, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ran(out: &Out<Room>) -> Option<Command> {
        out.intents.iter().find_map(|i| match i {
            Intent::Run(c) => Some(*c),
            _ => None,
        })
    }

    #[test]
    fn asking_opens_the_question_as_a_popup_value() {
        let request = ConfirmRequest {
            question: "Refresh every region?".into(),
            on_yes: OnYes::Command(Command::Verb(Verb::Refresh)),
            typed: None,
        };
        let mut out = Out::<Room>::default();
        Popup::ask(request.clone(), (None, None), &mut out);
        let [opened] = &out.intents[..] else {
            panic!("one intent: {:?}", out.intents);
        };
        assert!(
            opened
                .opened::<Popup>()
                .is_some_and(|popup| popup.request == request && popup.input.is_empty())
        );
    }

    #[test]
    fn yes_runs_the_held_command_and_no_drops_it() {
        let request = ConfirmRequest {
            question: "Refresh every region?".into(),
            on_yes: OnYes::Command(Command::Verb(Verb::Refresh)),
            typed: None,
        };
        let mut confirm = Popup::new(request.clone());
        let mut out = Out::<Room>::default();
        confirm.command(Verb::Confirm, &mut out);
        assert_eq!(ran(&out), Some(Command::Verb(Verb::Refresh)));

        let mut confirm = Popup::new(request);
        let mut out = Out::<Room>::default();
        confirm.command(Verb::Cancel, &mut out);
        assert_eq!(ran(&out), None);
        assert!(
            out.intents
                .iter()
                .any(|i| matches!(i, Intent::Close(Layer::Confirm)))
        );
    }

    #[test]
    fn enter_answers_only_a_question_that_changes_nothing() {
        use crate::secret::SecretValue;
        let ask = |on_yes| {
            let question = "?".to_owned();
            Popup::new(ConfirmRequest {
                question,
                on_yes,
                typed: None,
            })
        };
        let mut confirm = ask(OnYes::Command(Command::Verb(Verb::Refresh)));
        let mut out = Out::<Room>::default();
        confirm.command(Verb::Select, &mut out);
        assert_eq!(
            ran(&out),
            Some(Command::Verb(Verb::Refresh)),
            "nothing changes: Enter may"
        );
        let weighty = [
            // The editor's, by name: rooms never import each other (a write's call is a
            // room's own type: `app::room`'s tests show a question that makes one weighs).
            OnYes::Command(Command::from_name("discard-edit").expect("a command")),
            OnYes::Command(Command::from_name("reload-theirs").expect("a command")),
            OnYes::Copy {
                label: "value".into(),
                text: SecretValue::from_string("a\nb".into()),
            },
        ];
        for on_yes in weighty {
            let mut confirm = ask(on_yes.clone());
            let mut out = Out::<Room>::default();
            confirm.command(Verb::Select, &mut out);
            assert!(
                out.intents.iter().all(|i| matches!(i, Intent::Status(_))),
                "{on_yes:?}"
            );
            assert!(
                out.status_text().starts_with("Enter does not"),
                "{on_yes:?}"
            );
            assert!(
                !out.intents
                    .iter()
                    .any(|i| matches!(i, Intent::Close(Layer::Confirm))),
                "the question stays"
            );
            let mut out = Out::<Room>::default();
            confirm.command(Verb::Confirm, &mut out);
            assert!(
                out.intents
                    .iter()
                    .any(|i| matches!(i, Intent::Close(Layer::Confirm))),
                "y answers {on_yes:?}"
            );
        }
    }

    #[test]
    fn a_typed_confirmation_runs_only_on_the_exact_text() {
        let mut confirm = Popup::new(ConfirmRequest {
            question: "Delete prod/db?".into(),
            on_yes: OnYes::Command(Command::Verb(Verb::Refresh)),
            typed: Some("prod/db".into()),
        });
        assert!(confirm.takes_text());
        for c in "prod/dx".chars() {
            confirm.text(TextEdit::Insert(c));
        }
        let mut out = Out::<Room>::default();
        confirm.command(Verb::Confirm, &mut out);
        assert_eq!(ran(&out), None, "a wrong text runs nothing");
        confirm.text(TextEdit::Backspace);
        confirm.text(TextEdit::Insert('b'));
        let mut out = Out::<Room>::default();
        confirm.command(Verb::Confirm, &mut out);
        assert_eq!(ran(&out), Some(Command::Verb(Verb::Refresh)));
    }
}
