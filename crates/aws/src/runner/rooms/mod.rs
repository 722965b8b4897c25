//! Each room's calls, one file per room with calls, named after it: performed and answered
//! with that room's own outcome; and, for a call that was never sent (refused, or its
//! identity's credentials gone), the outcome that tells the room it failed. Each file
//! implements [`Performs`] for its room's `Call`, and every match there names each of the
//! room's calls: none falls through to a catch-all. A room with calls is its file here, its
//! `mod` line and one line in `by_room!`; the session room's calls make identities and live
//! in `identities.rs` instead.

use crate::AwsContext;
use smtui_core::model::AwsError;

mod audit;
mod editor;
mod lifecycle;
mod reveal;
mod rotation;
mod tags;
mod versions;

/// A room's calls, as the runner performs them.
pub(super) trait Performs {
    /// The room's own outcome, which `Outcome::<Room>` nests.
    type Outcome;

    /// Sends the call to AWS and answers with the room's own outcome.
    async fn perform(self, ctx: &AwsContext) -> Self::Outcome;

    /// The outcome that tells the room the call was never sent (refused, or its identity's
    /// credentials gone).
    fn failed(self, error: AwsError) -> Self::Outcome;
}

/// One match over every call smtui makes: the arms given (the app's own calls, what several
/// rooms read, and `Session`), then one arm per room with calls, which binds the room's own
/// call to the name given and nests the answer given in the room's `Outcome` variant:
/// `by_room!(call, |call| call.failed(error), <the app's own arms>)`. A room with calls
/// is one line here. Nothing falls through: a call without an arm does not compile.
macro_rules! by_room {
    ($call:expr, |$room_call:ident| $answer:expr, $($shared:pat => $shared_answer:expr),+ $(,)?) => {{
        use ::smtui_core::app::{AwsCall, Outcome};
        match $call {
            $($shared => $shared_answer,)+
            AwsCall::Audit($room_call) => Outcome::Audit($answer),
            AwsCall::Editor($room_call) => Outcome::Editor($answer),
            AwsCall::Lifecycle($room_call) => Outcome::Lifecycle($answer),
            AwsCall::Reveal($room_call) => Outcome::Reveal($answer),
            AwsCall::Rotation($room_call) => Outcome::Rotation($answer),
            AwsCall::Tags($room_call) => Outcome::Tags($answer),
            AwsCall::Versions($room_call) => Outcome::Versions($answer),
        }
    }};
}
pub(super) use by_room;
