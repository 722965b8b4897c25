//! A one-line text prompt (a tag's key or value, a description): it takes every printable
//! key as text, Enter hands the text to whoever asked (named by `PromptFor`), Esc drops it.
//! Not for secret values: those are typed in the editor.

pub mod view;

use crate::app::action::TextEdit;
use crate::app::command::Command;
use crate::app::layers::Layer;
use crate::app::room::{Intent, Out, PromptFor};

/// The longest text a prompt takes (a description's limit is 2,048 characters).
pub const MAX_CHARS: usize = 2048;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptState {
    pub label: String,
    pub input: String,
    pub purpose: PromptFor,
}

#[derive(Debug, Clone, Default)]
pub struct Prompt {
    pub state: Option<PromptState>,
    /// The label and purpose of the prompt last answered, for asking again.
    answered: Option<(String, PromptFor)>,
}

impl Prompt {
    pub fn ask(&mut self, label: String, initial: String, purpose: PromptFor, out: &mut Out) {
        self.state = Some(PromptState {
            label,
            input: initial,
            purpose,
        });
        out.intent(Intent::Open(Layer::Prompt));
    }

    /// The answer was refused: the same question again, with the text as it was typed.
    pub fn again(&mut self, text: String, out: &mut Out) {
        if let Some((label, purpose)) = self.answered.take() {
            self.ask(label, text, purpose, out);
        }
    }

    pub fn text(&mut self, edit: TextEdit, out: &mut Out) {
        let Some(state) = self.state.as_mut() else {
            return;
        };
        match edit {
            TextEdit::Insert(_) if state.input.chars().count() >= MAX_CHARS => {
                out.warn(format!("At most {MAX_CHARS} characters here"));
            }
            edit => edit.apply_to(&mut state.input),
        }
    }

    pub fn command(&mut self, command: Command, out: &mut Out) {
        match command {
            Command::Select => {
                if let Some(state) = self.state.take() {
                    self.answered = Some((state.label, state.purpose.clone()));
                    out.intent(Intent::Close(Layer::Prompt));
                    out.intent(Intent::Prompted {
                        purpose: state.purpose,
                        text: state.input,
                    });
                }
            }
            Command::Back => out.intent(Intent::Close(Layer::Prompt)),
            _ => {}
        }
    }
}
