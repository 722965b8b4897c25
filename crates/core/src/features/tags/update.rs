//! The tags room's update.

use crate::features::tags::Call;
use crate::features::tags::Command as TagsCommand;
use crate::features::tags::{MAX_KEY_CHARS, MAX_VALUE_CHARS, Popup, Prompt, Room, Tags};
use crate::ids::SecretRef;
use crate::kit::Cursor;
use crate::model::{AwsError, Tag};
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::{ConfirmRequest, Ctx, Intent, OnYes, Out, Written};

/// Tags AWS sets itself: shown, never changed here.
fn belongs_to_aws(key: &str) -> bool {
    key.to_ascii_lowercase().starts_with("aws:")
}

impl Tags {
    /// `t`: opens the popup once the detail is known, and fetches the resource policy.
    pub(crate) fn open(ctx: &Ctx, out: &mut Out<Room>) {
        let Some(secret) = ctx.selected else {
            return;
        };
        if !matches!(ctx.detail, Some(Ok(_))) {
            out.info("Still describing the secret; try again in a moment");
            out.intent(Intent::Describe);
            return;
        }
        let secret = ctx.address(secret);
        out.open(Popup {
            secret: secret.clone(),
            selected: Cursor::default(),
            policy: None,
            read_only: ctx.settings.read_only,
        });
        out.call(ctx, Call::FetchPolicy { secret });
    }
}

impl Popup {
    /// A command in the open popup.
    pub(crate) fn command(&mut self, command: Bind<TagsCommand>, ctx: &Ctx, out: &mut Out<Room>) {
        let popup = self;
        let tags: &[Tag] = match ctx.detail {
            Some(Ok(detail)) if popup.secret.arn == detail.arn => &detail.tags,
            _ => &[],
        };
        if let Some(step) = command.as_move() {
            popup.selected.apply(step, tags.len());
            return;
        }
        let highlighted = tags.get(popup.selected.at());
        match command {
            Bind::Own(TagsCommand::Add) => out.intent(Intent::Prompt {
                label: format!("Key of the new tag on {}", popup.secret.name),
                initial: String::new(),
                purpose: Prompt::Key,
            }),
            Bind::Own(TagsCommand::Edit | TagsCommand::Remove) => {
                let Some(tag) = highlighted else {
                    out.info("No tag to change: a adds one");
                    return;
                };
                if belongs_to_aws(&tag.key) {
                    out.warn(format!("{} is set by AWS: it is read-only", tag.key));
                } else if command == Bind::Own(TagsCommand::Edit) {
                    out.intent(Intent::Prompt {
                        label: format!("Value of {} on {}", tag.key, popup.secret.name),
                        initial: tag.value.to_string(),
                        purpose: Prompt::Value {
                            key: tag.key.to_string(),
                        },
                    });
                } else {
                    out.intent(Intent::Confirm(ConfirmRequest {
                        question: format!("Remove the tag {} from {}?", tag.key, popup.secret.name),
                        on_yes: OnYes::call(
                            ctx,
                            Call::Untag {
                                secret: popup.secret.clone(),
                                key: tag.key.to_string(),
                            },
                        ),
                        typed: None,
                    }));
                }
            }
            Bind::Own(TagsCommand::EditDescription) => {
                // The popup's own secret: the selection may have moved under it.
                let Some(Ok(detail)) = ctx
                    .detail
                    .filter(|d| d.as_ref().is_ok_and(|d| popup.secret.arn == d.arn))
                else {
                    out.info("Still describing the secret; try again in a moment");
                    return;
                };
                let current = detail.description.clone().unwrap_or_default();
                out.intent(Intent::Prompt {
                    label: format!("Description of {}", popup.secret.name),
                    initial: current,
                    purpose: Prompt::Description,
                });
            }
            Bind::Verb(Verb::Back) => out.intent(Intent::Close(Layer::Tags)),
            _ => {}
        }
    }

    /// What was typed in a prompt this room asked for.
    pub(crate) fn prompted(&self, purpose: Prompt, text: String, ctx: &Ctx, out: &mut Out<Room>) {
        let popup = self;
        match purpose {
            Prompt::Key => {
                let key = text.trim().to_owned();
                let refused = if key.is_empty() || key.chars().count() > MAX_KEY_CHARS {
                    Some(format!("A tag key has 1 to {MAX_KEY_CHARS} characters"))
                } else if belongs_to_aws(&key) {
                    Some("Keys starting with aws: are reserved for AWS".to_owned())
                } else {
                    None
                };
                if let Some(why) = refused {
                    // Asked again with the text as typed: nothing is lost, and the next
                    // keys are still text, not commands on the popup.
                    out.warn(why);
                    out.intent(Intent::PromptAgain { text });
                } else {
                    out.intent(Intent::Prompt {
                        label: format!("Value of {key} on {}", popup.secret.name),
                        initial: String::new(),
                        purpose: Prompt::Value { key },
                    });
                }
            }
            Prompt::Value { key } => {
                if text.chars().count() > MAX_VALUE_CHARS {
                    out.warn(format!(
                        "A tag value has at most {MAX_VALUE_CHARS} characters"
                    ));
                    out.intent(Intent::PromptAgain { text });
                    return;
                }
                let existing = match ctx.detail {
                    Some(Ok(detail)) if popup.secret.arn == detail.arn => detail
                        .tags
                        .iter()
                        .find(|t| t.key == key)
                        .map(|t| t.value.clone()),
                    _ => None,
                };
                let question = match existing {
                    Some(old) => format!(
                        "Replace the value of the tag {key} on {} ({old:?} now) with {text:?}?",
                        popup.secret.name
                    ),
                    None => format!("Set the tag {key} = {text:?} on {}?", popup.secret.name),
                };
                out.intent(Intent::Confirm(ConfirmRequest {
                    question,
                    on_yes: OnYes::call(
                        ctx,
                        Call::Tag {
                            secret: popup.secret.clone(),
                            key,
                            value: text,
                        },
                    ),
                    typed: None,
                }));
            }
            Prompt::Description => out.intent(Intent::Confirm(ConfirmRequest {
                question: format!("Set the description of {} to {text:?}?", popup.secret.name),
                on_yes: OnYes::call(
                    ctx,
                    Call::UpdateDescription {
                        secret: popup.secret.clone(),
                        description: text,
                    },
                ),
                typed: None,
            })),
        }
    }

    /// The resource policy, if it is this popup's secret's.
    pub(crate) fn policy_loaded(
        &mut self,
        secret: &SecretRef,
        result: Result<Option<String>, AwsError>,
        ctx: &Ctx,
    ) {
        if self.secret == *secret {
            self.policy = Some(result.map_err(|e| ctx.explain_as(secret.identity, &e)));
        }
    }
}

impl Tags {
    /// The answer to a tag or description change (the router describes the secret again).
    pub(crate) fn wrote(
        call: &Call,
        result: Result<Written, AwsError>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let (secret, what) = match call {
            Call::Tag { secret, key, .. } => (secret, format!("tag {key} set")),
            Call::Untag { secret, key, .. } => (secret, format!("tag {key} removed")),
            Call::UpdateDescription { secret, .. } => (secret, "description changed".to_owned()),
            // A read: answered as `Outcome::Policy`, never as a write.
            Call::FetchPolicy { .. } => return,
        };
        match result {
            Ok(_) => {
                out.info(format!("{secret}: {what}"));
                out.intent(Intent::SecretChanged {
                    secret: secret.clone(),
                });
            }
            Err(error) => out.error(format!(
                "{secret} unchanged: {}",
                ctx.explain_as(secret.identity, &error)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::belongs_to_aws;

    #[test]
    fn aws_tags_are_recognised_in_any_case() {
        assert!(belongs_to_aws("aws:cloudformation:stack-name"));
        assert!(belongs_to_aws("AWS:x"));
        assert!(!belongs_to_aws("team"));
    }
}
