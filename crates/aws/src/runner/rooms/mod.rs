//! Each room's calls, one file per room with calls, named after it: performed and answered
//! with that room's own outcome; and, for a call that was never sent (refused, or its
//! identity's credentials gone), the outcome that tells the room it failed. Each file
//! implements [`Performs`] for its room's `Call`, and every match there names each of the
//! room's calls: none falls through to a catch-all. A room with calls is its file here and
//! one line in `rooms!`; the session room's calls make identities and live in
//! `identities.rs` instead.

use crate::AwsContext;
use smtui_core::model::AwsError;

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

/// Every room with calls, one line each (`Room(file)`: its variant of `AwsCall` and of
/// `Outcome`, and its file here), in the `rooms!` below: declares each room's file and
/// defines `by_room!`, one match over every call smtui makes. `$d` is a `$` handed in, for
/// `by_room!`'s own parameters (a macro cannot yet write `$` in a macro it defines).
macro_rules! rooms {
    ($d:tt $($Room:ident($file:ident)),+ $(,)?) => {
        $(mod $file;)+

        /// One match over every call smtui makes: the arms given (the app's own calls, what
        /// several rooms read, and `Session`), then one arm per room with calls, which binds
        /// the room's own call to the name given and nests the answer given in the room's
        /// `Outcome` variant: `by_room!(call, |call| call.failed(error), <the app's own
        /// arms>)`. Nothing falls through: a call without an arm does not compile.
        macro_rules! by_room {
            (
                $d call:expr, |$d room_call:ident| $d answer:expr,
                $d($d shared:pat => $d shared_answer:expr),+ $d(,)?
            ) => {{
                use ::smtui_core::app::{AwsCall, Outcome};
                match $d call {
                    $d($d shared => $d shared_answer,)+
                    $(AwsCall::$Room($d room_call) => Outcome::$Room($d answer),)+
                }
            }};
        }
        pub(super) use by_room;
    };
}

rooms! {$
    Access(access),
    Audit(audit),
    Editor(editor),
    Lifecycle(lifecycle),
    Org(org),
    Replication(replication),
    Reveal(reveal),
    Rotation(rotation),
    Sso(sso),
    Tags(tags),
    Values(values),
    Versions(versions),
}
