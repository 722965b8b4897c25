//! The private staging label a save writes its version under (`aws::secrets::save_value`)
//! is removed once AWSCURRENT has moved, or not. One that could not be removed (a put that
//! timed out but was applied, a removal refused) is remembered by its save's token: the
//! next save removes it, or leaving the editor does, and the footer says so while it stays.

use crate::features::editor::LabelsLeft;
use crate::features::editor::call::{Call, staging_label};
use crate::features::editor::{EditSession, Editor, Room};
use crate::ids::SecretRef;
use crate::model::AwsError;
use crate::room::layers::Layer;
use crate::room::{Ctx, Intent, Out, Written};

impl Editor {
    /// The answer to removing, as the editor was left, the labels its saves left.
    pub(crate) fn labels_removed(
        call: &Call,
        result: Result<Written, AwsError>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let Call::RemoveLabels {
            secret: name,
            tokens,
        } = call
        else {
            return;
        };
        match result {
            Ok(_) => out.info(format!(
                "Removed the private label {} a failed save left on {name}",
                named(tokens)
            )),
            Err(error) => out.warn(format!(
                "The private label {} a failed save left on {name} could not be removed: {}. \
                 It is only a label: nothing else changes",
                named(tokens),
                ctx.explain_as(name.identity, &error)
            )),
        }
    }
}

/// The editor closes; the labels earlier saves left are removed on the way out.
pub(super) fn leave(session: &EditSession, ctx: &Ctx, out: &mut Out<Room>) {
    let leftovers = session.loaded.as_ref().filter(|l| !l.leftovers.is_empty());
    if let (Some(loaded), Some(secret)) = (leftovers, &session.secret) {
        out.call(
            ctx,
            Call::RemoveLabels {
                secret: secret.clone(),
                tokens: loaded.leftovers.clone(),
            },
        );
    }
    out.intent(Intent::Close(Layer::Editor));
}

/// What the footer says of labels a save of `secret` could not remove; `closing` when the
/// editor closes with the save (nothing will try again).
pub(super) fn stayed(secret: &SecretRef, left: &LabelsLeft, closing: bool, ctx: &Ctx) -> String {
    let then = if closing {
        "It is only a label: nothing else changes"
    } else {
        "The next save removes it, or leaving the editor does"
    };
    format!(
        "The private label {} may still be on a version of {}: {}. {then}",
        named(&left.tokens),
        secret.name,
        ctx.explain_as(secret.identity, &left.error)
    )
}

fn named(tokens: &[String]) -> String {
    let labels: Vec<String> = tokens.iter().map(|t| staging_label(t)).collect();
    labels.join(", ")
}
