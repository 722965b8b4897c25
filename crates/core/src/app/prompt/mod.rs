//! A one-line text prompt (a tag's key or value, a description, an MFA code): a popup
//! value (`Layer::Prompt`) carrying its label, the text typed and what it is for
//! (`PromptFor`, the asking room's own prompt type). It takes every printable key as text;
//! Enter hands the text to the room that asked, Esc drops it. Closing it drops the value,
//! and a secret prompt's text (an MFA code) is wiped as it goes.
//! Not for secret values: those are typed in the editor.

mod purpose;
pub(crate) mod view;

use zeroize::Zeroize as _;

pub(crate) use purpose::PromptFor;

use ratatui::Frame;

use crate::kit::Theme;
use crate::room::keys::Verb;
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use crate::room::{Intent, Never, Out, TextEdit};

/// The prompt's words: it opens itself, and answers with the purpose it was asked for
/// (any room's prompt, nested: `PromptFor`); it makes no call and takes only verbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Room {}

impl crate::room::Room for Room {
    type Command = Never;
    type Call = Never;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = PromptFor;
}

/// The longest text a prompt takes (a description's limit is 2,048 characters).
pub(crate) const MAX_CHARS: usize = 2048;

/// The open prompt, on the layer stack.
#[derive(Clone, PartialEq, Eq)]
pub struct Popup {
    pub label: String,
    pub input: String,
    pub purpose: PromptFor,
}

/// It takes its keys with its room (which remembers the question answered last).
impl Shown<Room> for Popup {
    fn layer(&self) -> Layer {
        Layer::Prompt
    }

    /// What its room's prompt holds (`RoomPrompt::holds`).
    fn holds(&self) -> Holds {
        self.purpose.holds()
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        view::render(frame, around.whole, self, around.keymap, theme);
    }
}

impl Drop for Popup {
    /// A prompt closed with an MFA code in it (left with Esc, or replaced): the code is
    /// wiped, not just freed. An answered prompt's text has been moved out already.
    fn drop(&mut self) {
        if self.purpose.is_secret() {
            self.input.zeroize();
        }
    }
}

impl std::fmt::Debug for Popup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let input: &dyn std::fmt::Debug = if self.purpose.is_secret() {
            &"[REDACTED]"
        } else {
            &self.input
        };
        f.debug_struct("Popup")
            .field("label", &self.label)
            .field("input", input)
            .field("purpose", &self.purpose)
            .finish()
    }
}

impl Popup {
    pub(crate) fn text(&mut self, edit: TextEdit, out: &mut Out<Room>) {
        match edit {
            TextEdit::Insert(_) if self.input.chars().count() >= MAX_CHARS => {
                out.warn(format!("At most {MAX_CHARS} characters here"));
            }
            edit => edit.apply_to(&mut self.input),
        }
    }
}

/// What the prompt room keeps between prompts: the question last answered, so a refused
/// answer can be asked again.
#[derive(Debug, Clone, Default)]
pub(crate) struct PromptRoom {
    /// The label and purpose of the prompt last answered.
    answered: Option<(String, PromptFor)>,
}

impl PromptRoom {
    /// Opens a prompt (in place of any open one).
    pub(crate) fn ask(label: String, initial: String, purpose: PromptFor, out: &mut Out<Room>) {
        out.open(Popup {
            label,
            input: initial,
            purpose,
        });
    }

    /// The answer was refused: the same question again, with the text as it was typed.
    pub(crate) fn again(&mut self, text: String, out: &mut Out<Room>) {
        if let Some((label, purpose)) = self.answered.take() {
            Self::ask(label, text, purpose, out);
        }
    }

    /// A verb in the open prompt (it binds nothing of its own).
    pub(crate) fn command(&mut self, popup: &mut Popup, verb: Verb, out: &mut Out<Room>) {
        match verb {
            Verb::Select => {
                self.answered = Some((popup.label.clone(), popup.purpose.clone()));
                // Moved, never copied: an MFA code travels on as the only copy.
                let text = std::mem::take(&mut popup.input);
                out.intent(Intent::Close(Layer::Prompt));
                out.intent(Intent::Prompted {
                    purpose: popup.purpose.clone(),
                    text,
                });
            }
            Verb::Back => out.intent(Intent::Close(Layer::Prompt)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
