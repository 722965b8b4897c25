//! Performing one AWS call in its lane, and answering it: the app's own outcome for what
//! several rooms read, the asking room's own (`Outcome::Tags(tags::Outcome)`) for the rest.
//! `perform`'s one match names every call the app asks itself and one arm per room, which
//! hands the room's own call to that room's function in `rooms.rs`; each of those matches
//! the room's calls exhaustively, so a new call does not compile until it is given a place
//! and every effect is answered.

use smtui_core::app::{AwsCall, IdentityId, Outcome};

use super::lanes::Lanes;
use super::{failed, refused, rooms};
use crate::{AwsContext, secrets};

/// Runs one AWS call, sending each outcome as it comes (a listing sends a page at a time).
pub(super) async fn perform(
    ctx: &AwsContext,
    lanes: &Lanes,
    identity: IdentityId,
    call: AwsCall,
    send: impl Fn(Outcome),
) {
    match call {
        AwsCall::ListSecrets { region } => {
            let result = secrets::list_region(ctx, &region, |page, last| {
                send(Outcome::SecretsPage {
                    region: region.clone(),
                    page,
                    last,
                });
            })
            .await;
            if let Err(error) = result {
                tracing::debug!(%error, "listing failed");
                send(Outcome::RegionFailed { region, error });
            }
        }
        AwsCall::Describe { secret } => {
            let result = secrets::describe(ctx, &secret.region, secret.arn.as_str()).await;
            send(Outcome::Described { secret, result });
        }
        AwsCall::WhoAmI { region } => {
            let result = secrets::caller_identity(ctx, region.as_deref()).await;
            if let Ok(me) = &result {
                lanes.learn_account(identity, me.account.clone());
            }
            send(Outcome::WhoAmI { result });
        }
        AwsCall::Audit(call) => send(Outcome::Audit(rooms::audit(ctx, call).await)),
        AwsCall::Editor(call) => send(Outcome::Editor(rooms::editor(ctx, call).await)),
        AwsCall::Lifecycle(call) => send(Outcome::Lifecycle(rooms::lifecycle(ctx, call).await)),
        AwsCall::Reveal(call) => send(Outcome::Reveal(rooms::reveal(ctx, call).await)),
        AwsCall::Rotation(call) => send(Outcome::Rotation(rooms::rotation(ctx, call).await)),
        AwsCall::Tags(call) => send(Outcome::Tags(rooms::tags(ctx, call).await)),
        AwsCall::Versions(call) => send(Outcome::Versions(rooms::versions(ctx, call).await)),
        // `identities::start` performs these before any lane; never here, still answered.
        call @ AwsCall::Session(_) => {
            let error = refused(&call, "an identity is made before any lane".to_owned());
            send(failed(call, error));
        }
    }
}
