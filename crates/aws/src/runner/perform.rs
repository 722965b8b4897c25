//! Performing one AWS call in its lane, and answering it: the app's own outcome for what
//! several rooms read, the asking room's own (`Outcome::Tags(tags::Outcome)`) for the rest.
//! `perform`'s one match (`rooms::by_room!`) names every call the app asks itself and has
//! one arm per room, which hands the room's own call to that room's `Performs` in
//! `rooms/<room>.rs`; each of those matches the room's calls exhaustively, so a new call
//! does not compile until it is given a place and every effect is answered.

use smtui_core::app::{AwsCall, IdentityId, Outcome};

use super::lanes::Lanes;
use super::rooms::{Performs as _, by_room};
use super::{failed, refused};
use crate::{AwsContext, secrets};

/// Runs one AWS call, sending each outcome as it comes (a listing sends a page at a time).
pub(super) async fn perform(
    ctx: &AwsContext,
    lanes: &Lanes,
    identity: IdentityId,
    call: AwsCall,
    send: impl Fn(Outcome),
) {
    let answer = by_room!(call, |call| call.perform(ctx).await,
        AwsCall::ListSecrets { region } => {
            let result = secrets::list_region(ctx, &region, |page, last| {
                send(Outcome::SecretsPage {
                    region: region.clone(),
                    page,
                    last,
                });
            })
            .await;
            // Each page was sent as it came; only a failure is left to tell.
            let Err(error) = result else { return };
            tracing::debug!(%error, "listing failed");
            Outcome::RegionFailed { region, error }
        },
        AwsCall::Describe { secret } => {
            let result = secrets::describe(ctx, &secret.region, secret.arn.as_str()).await;
            Outcome::Described { secret, result }
        },
        AwsCall::WhoAmI { region } => {
            let result = secrets::caller_identity(ctx, region.as_deref()).await;
            if let Ok(me) = &result {
                lanes.learn_account(identity, me.account.clone());
            }
            Outcome::WhoAmI { result }
        },
        AwsCall::AccountAlias { region } => {
            let result = crate::iam::account_alias(ctx, region.as_deref()).await;
            Outcome::AccountAlias { result }
        },
        // `identities::start` performs these before any lane; never here, still answered.
        call @ AwsCall::Session(_) => {
            let error = refused(&call, "an identity is made before any lane".to_owned());
            failed(call, error)
        },
    );
    send(answer);
}
