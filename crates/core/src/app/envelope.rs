//! The one envelope every AWS result comes back in: the generation and the identity that
//! asked. The router checks it once, for every result (is that identity still held, is this
//! its current generation?), so a late answer (from before a refresh, or for a role already
//! switched away from) is dropped in one place, and another held identity's is not.

use crate::app::registry::registered;
use crate::features::reveal;
use crate::ids::{Identity, SecretRef};
use crate::model::{AwsError, CallerIdentity, SecretDetail, SecretSummary};
use crate::room::stamp::Stamp;

/// A result from the runner.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub stamp: Stamp,
    pub outcome: Outcome,
}

/// The app's outcome: the spine's variants written here, every registered room's with
/// calls from `registered!`.
macro_rules! outcome {
    (
        rooms: [$($_r:tt)*]
        calls: [$($variant:ident => $room:ident),* $(,)?]
        prompts: [$($_p:tt)*]
        $($_tables:tt)*
    ) => {
        /// A result from the runner: what several rooms read (a listing, a description, who
        /// we are, an identity made) is the app's own; what one room asked for is that
        /// room's own type, handed to it whole (`features/<room>/outcome.rs`).
        // Results pass through a channel a few at a time; boxing the big ones would buy
        // nothing.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone)]
        pub enum Outcome {
            /// A page of ListSecrets; `last` is true for a region's final page.
            SecretsPage {
                region: String,
                page: Vec<SecretSummary>,
                last: bool,
            },
            RegionFailed {
                region: String,
                error: AwsError,
            },
            Described {
                secret: SecretRef,
                result: Result<SecretDetail, AwsError>,
            },
            WhoAmI {
                result: Result<CallerIdentity, AwsError>,
            },
            /// The account's alias (`None`: it has none).
            AccountAlias {
                result: Result<Option<String>, AwsError>,
            },
            /// The answer to a call that makes an identity (AssumeRole, GetSessionToken, a
            /// profile's credentials): the new identity's credentials are held by the runner.
            Assumed {
                identity: Identity,
                result: Result<Assumed, AwsError>,
            },
            Reveal(reveal::Outcome),
            $($variant(crate::features::$room::Outcome),)*
        }

        impl Outcome {
            /// A registered room's answer, which says of itself what the router asks below
            /// (`None`: one of the app's own, which answers no write and is an identity's).
            fn room_answer(&self) -> Option<&dyn crate::room::update::Answer> {
                match self {
                    $(Outcome::$variant(outcome) => Some(outcome),)*
                    Outcome::SecretsPage { .. }
                    | Outcome::RegionFailed { .. }
                    | Outcome::Described { .. }
                    | Outcome::WhoAmI { .. }
                    | Outcome::AccountAlias { .. }
                    | Outcome::Assumed { .. }
                    | Outcome::Reveal(_) => None,
                }
            }

            /// Whether this answers a write: counted off the writes in flight, and used while
            /// its identity is held even if a refresh came since (what was written was
            /// written).
            pub fn answers_write(&self) -> bool {
                self.room_answer().is_some_and(|a| a.answers_write())
            }

            /// Whether it is about no identity's data (an IAM Identity Center sign-in): used
            /// whatever generation or identity it was asked as.
            pub fn about_no_identity(&self) -> bool {
                self.room_answer().is_some_and(|a| a.about_no_identity())
            }
        }
    };
}

registered!(outcome);

/// Who an AssumeRole made us: the session room's word, named here too for the runner.
pub use crate::features::session::Assumed;
