//! The clipboard room's update.

use std::time::Duration;

use crate::features::clipboard::Command as ClipboardCommand;
use crate::features::clipboard::{ClipboardNotice, ClipboardRoom, Room};
use crate::room::keys::Bind;
use crate::room::{CopyRequest, Ctx, Effect, Out, Sensitivity, Timer};
use crate::secret::SecretValue;

/// Which plain fact about the selected secret to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Metadata {
    Arn,
    Name,
}

impl ClipboardRoom {
    /// `a` and `n`: the ARN or the name. Neither is secret, so neither is cleared.
    pub(crate) fn command(
        &mut self,
        command: Bind<ClipboardCommand>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) -> bool {
        let what = match command {
            Bind::Own(ClipboardCommand::CopyArn) => Metadata::Arn,
            Bind::Own(ClipboardCommand::CopyName) => Metadata::Name,
            _ => return false,
        };
        if let Some(selected) = ctx.selected {
            let (label, text) = match what {
                Metadata::Arn => (
                    format!("ARN of {}", selected.name),
                    selected.arn.to_string(),
                ),
                Metadata::Name => (format!("name {}", selected.name), selected.name.clone()),
            };
            let text = SecretValue::from_string(text);
            self.copy(label, text, Sensitivity::Plain, ctx, out);
        }
        true
    }

    /// Asks the runner to copy `text`; a secret is cleared after the configured timeout.
    pub(crate) fn copy(
        &mut self,
        label: String,
        text: SecretValue,
        sensitivity: Sensitivity,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        self.next_token += 1;
        let secret = sensitivity == Sensitivity::Secret;
        let clear_after = secret
            .then_some(ctx.settings.clipboard_timeout)
            .filter(|d| !d.is_zero());
        out.effect(Effect::Copy(CopyRequest {
            token: self.next_token,
            label,
            text,
            secret,
            clear_after,
        }));
    }

    pub(crate) fn copied(
        &mut self,
        token: u64,
        label: String,
        clear_after: Option<Duration>,
        result: Result<&'static str, String>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        match result {
            Ok(backend) => {
                // When it clears is the countdown's to say, at the footer's right end.
                // OSC 52 is written to the terminal, which may ignore it without a word:
                // smtui cannot know it arrived, so it does not say "Copied".
                if backend.starts_with("OSC 52") {
                    out.info(format!(
                        "Sent {label} to the terminal's clipboard ({backend}: it arrives if \
                         the terminal allows OSC 52)"
                    ));
                } else {
                    out.info(format!("Copied {label} to the clipboard ({backend})"));
                }
                self.notice = Some(ClipboardNotice {
                    token,
                    label,
                    clears_at: clear_after.map(|d| ctx.now + d),
                });
                if let Some(delay) = clear_after {
                    out.effect(Effect::After {
                        delay,
                        timer: Timer::ClipboardClearDue { token },
                    });
                }
            }
            Err(why) => out.error(format!("Could not copy {label}: {why}")),
        }
    }

    pub(crate) fn clear_due(&self, token: u64, out: &mut Out<Room>) {
        if self.notice.as_ref().is_some_and(|c| c.token == token) {
            out.effect(Effect::ClearClipboard { token });
        }
    }

    pub(crate) fn cleared(
        &mut self,
        token: u64,
        result: Result<bool, String>,
        out: &mut Out<Room>,
    ) {
        // The answer for an older copy says nothing about the one now on the clipboard, whose
        // own clear is still to come.
        let Some(notice) = self.notice.take_if(|c| c.token == token) else {
            return;
        };
        match result {
            Ok(true) => out.info(format!("Clipboard cleared ({} was on it)", notice.label)),
            Ok(false) => out.warn("Clipboard left alone: it no longer holds what smtui copied"),
            Err(why) => out.error(format!(
                "Could not clear the clipboard ({why}): it may still hold the {}. \
                 Clear it yourself; smtui tries again on exit",
                notice.label
            )),
        }
    }
}
