//! The review of an edit or a new secret: its keys (reveal the values, save, back to
//! editing), and the label a dangerous account wants typed before the save.

use crate::features::editor::Call;
use crate::features::editor::Command as EditorCommand;
use crate::features::editor::{EditSession, Phase, Prompt, Room, create};
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::{Ctx, Intent, Out};

impl EditSession {
    /// The label to type before this save, when the config marks its account dangerous: the
    /// secret's account, or for a new secret the account worked in.
    fn guard<'c>(&self, ctx: &'c Ctx) -> Option<&'c str> {
        let account = match &self.secret {
            Some(secret) => Some(secret.arn.account()),
            None => ctx.own_account(),
        }?;
        ctx.write_guard(account)
    }

    /// The label typed before a save: right, the save goes on; else it is said, and `y`
    /// asks again.
    pub(crate) fn guard_prompted(
        &mut self,
        label: &str,
        text: &str,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        if text.trim() != label {
            out.warn(format!(
                "Not saved: type {label:?} exactly to save to this account"
            ));
            return;
        }
        self.guard_typed = true;
        self.review_command(Bind::Verb(Verb::Confirm), ctx, out);
    }

    /// The review's commands: reveal the values, save, or go back to editing.
    pub(crate) fn review_command(
        &mut self,
        command: Bind<EditorCommand>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let session = self;
        match (&mut session.phase, command) {
            (Phase::Reviewing { revealed, .. }, Bind::Verb(Verb::Reveal)) => {
                revealed.toggle(ctx, out);
            }
            (Phase::Reviewing { .. }, Bind::Verb(Verb::Confirm)) => {
                // A dangerous account's label is typed before the save, as before any write.
                if !session.guard_typed
                    && let Some(label) = session.guard(ctx)
                {
                    out.intent(Intent::Prompt {
                        label: format!("A {label} account: type {label} to save"),
                        initial: String::new(),
                        purpose: Prompt::Guard {
                            label: label.to_owned(),
                        },
                    });
                    return;
                }
                let Some(loaded) = session.loaded.as_mut() else {
                    return;
                };
                let token = loaded.token_for_text(ctx.nonce);
                let call = match (&session.creating, &session.secret) {
                    (Some(spec), _) => {
                        let Some(value) = create::value_of(spec, &loaded.buffer.text()) else {
                            session.message = Some(
                                "Not valid base64: a binary value is typed as base64".to_owned(),
                            );
                            session.phase = Phase::Editing;
                            out.intent(Intent::Close(Layer::Review));
                            return;
                        };
                        Call::Create {
                            region: session.region.clone(),
                            name: session.name.clone(),
                            spec: spec.clone(),
                            token,
                            value,
                        }
                    }
                    (None, Some(secret)) => Call::SaveValue {
                        secret: secret.clone(),
                        base_version: loaded
                            .overwrite
                            .clone()
                            .unwrap_or_else(|| loaded.base_version.clone()),
                        token,
                        value: loaded.buffer.text(),
                        leftovers: loaded.leftovers.clone(),
                    },
                    // An editor opened on a secret always has its address.
                    (None, None) => return,
                };
                session.phase = Phase::Saving;
                session.message = Some("Saving…".to_owned());
                out.intent(Intent::Close(Layer::Review));
                out.call(ctx, call);
            }
            // Changes that do not fit scroll: none is ever saved unseen for want of room.
            (Phase::Reviewing { scroll, .. }, command) if let Some(step) = command.as_move() => {
                scroll.apply(step);
            }
            (Phase::Reviewing { from_form, .. }, Bind::Verb(Verb::Cancel | Verb::Back)) => {
                // Back where the review was asked for: the field form or the whole text.
                session.phase = match from_form.take() {
                    Some(selected) => Phase::Form {
                        selected,
                        field: None,
                    },
                    None => Phase::Editing,
                };
                out.intent(Intent::Close(Layer::Review));
            }
            _ => {}
        }
    }
}
