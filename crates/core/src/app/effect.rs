//! The AWS calls smtui makes, every room's nested, and the effects the runner gets: the
//! room-level [`room::Effect`](crate::room::Effect) with the app's call in it.

use crate::app::registry::registered;
use crate::features::{browse, detail, reveal, session};
use crate::ids::SecretRef;
pub(crate) use crate::room::effect::RoomCall;
pub use crate::room::effect::{CopyRequest, Lane, Timer};

/// An effect as the runner gets it: any room's call, lifted into the app's.
pub type Effect = crate::room::effect::Effect<AwsCall>;

/// The app's call, its questions asked of each room's call, and each room's call lifted
/// into it: the spine's variants written here, every registered room's from `registered!`.
macro_rules! aws_call {
    (
        $d:tt
        rooms: [$($_r:tt)*]
        calls: [$($variant:ident => $room:ident),* $(,)?]
        prompts: [$($_p:tt)*]
        $($_tables:tt)*
    ) => {
        /// The AWS calls smtui makes. What several rooms read (a listing, a description, who
        /// we are) is asked here; what one room asks is that room's own type
        /// (`features/<room>/call.rs`), nested like its outcome.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum AwsCall {
            /// Every page of ListSecrets in `region`, each sent back as it arrives.
            ListSecrets {
                region: String,
            },
            /// DescribeSecret and ListSecretVersionIds.
            Describe {
                secret: SecretRef,
            },
            /// sts:GetCallerIdentity.
            WhoAmI {
                region: Option<String>,
            },
            /// iam:ListAccountAliases: the account's alias, for an identity held beside others.
            AccountAlias {
                region: Option<String>,
            },
            Reveal(reveal::Call),
            /// The calls that make an identity.
            Session(session::Call),
            $($variant(crate::features::$room::Call),)*
        }

        /// One question about a call: the app's own three (`ListSecrets`, `Describe`,
        /// `WhoAmI`) answered by the arms given, every room's call asked itself (`RoomCall`).
        macro_rules! asked {
            ($d call:expr, $d question:ident, $d($d shared:pat => $d answer:expr),+ $d(,)?) => {
                match $d call {
                    $d($d shared => $d answer,)+
                    AwsCall::Reveal(call) => RoomCall::$d question(call),
                    AwsCall::Session(call) => RoomCall::$d question(call),
                    $(AwsCall::$variant(call) => RoomCall::$d question(call),)*
                }
            };
        }

        $(
            impl From<crate::features::$room::Call> for AwsCall {
                fn from(call: crate::features::$room::Call) -> Self {
                    AwsCall::$variant(call)
                }
            }
        )*
    };
}

registered!(aws_call $);

impl RoomCall for AwsCall {
    fn lane(&self) -> Lane {
        asked!(self, lane,
            AwsCall::ListSecrets { .. } => Lane::Listing,
            AwsCall::Describe { .. } | AwsCall::WhoAmI { .. } | AwsCall::AccountAlias { .. } => {
                Lane::Interactive
            }
        )
    }

    fn mutates(&self) -> bool {
        asked!(self, mutates,
            AwsCall::ListSecrets { .. }
            | AwsCall::Describe { .. }
            | AwsCall::WhoAmI { .. }
            | AwsCall::AccountAlias { .. } => false,
        )
    }

    fn operation(&self) -> &'static str {
        asked!(self, operation,
            AwsCall::ListSecrets { .. } => "ListSecrets",
            AwsCall::Describe { .. } => "DescribeSecret",
            AwsCall::WhoAmI { .. } => "GetCallerIdentity",
            AwsCall::AccountAlias { .. } => "ListAccountAliases",
        )
    }

    fn secret(&self) -> Option<&SecretRef> {
        asked!(self, secret,
            AwsCall::Describe { secret } => Some(secret),
            AwsCall::ListSecrets { .. } | AwsCall::WhoAmI { .. } | AwsCall::AccountAlias { .. } => {
                None
            }
        )
    }

    fn region(&self) -> Option<&str> {
        asked!(self, region,
            AwsCall::ListSecrets { region } => Some(region),
            AwsCall::Describe { secret } => Some(&secret.region),
            AwsCall::WhoAmI { region } | AwsCall::AccountAlias { region } => region.as_deref(),
        )
    }
}

impl From<reveal::Call> for AwsCall {
    fn from(call: reveal::Call) -> Self {
        AwsCall::Reveal(call)
    }
}

/// The detail room's describe is the app's own call: its answer is read by several rooms.
impl From<detail::Call> for AwsCall {
    fn from(call: detail::Call) -> Self {
        match call {
            detail::Call::Describe { secret } => AwsCall::Describe { secret },
        }
    }
}

/// The browse room's listing is the app's own call: its pages are read by several rooms.
impl From<browse::Call> for AwsCall {
    fn from(call: browse::Call) -> Self {
        match call {
            browse::Call::List { region } => AwsCall::ListSecrets { region },
        }
    }
}

/// The session room's calls that make an identity are its own; who we are is the app's
/// shared call, whose answer several rooms read.
impl From<session::Ask> for AwsCall {
    fn from(ask: session::Ask) -> Self {
        match ask {
            session::Ask::Make(call) => AwsCall::Session(call),
            session::Ask::WhoAmI { region } => AwsCall::WhoAmI { region },
            session::Ask::AccountAlias { region } => AwsCall::AccountAlias { region },
        }
    }
}
