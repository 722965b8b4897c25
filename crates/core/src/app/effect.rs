//! The AWS calls smtui makes, every room's nested, and the effects the runner gets: the
//! room-level [`room::Effect`](crate::room::Effect) with the app's call in it.

use crate::features::{
    audit, detail, editor, lifecycle, reveal, rotation, session, tags, versions,
};
use crate::ids::{Identity, SecretRef};
use crate::room::effect::RoomCall;
pub use crate::room::effect::{CopyRequest, Lane, Timer};

/// An effect as the runner gets it: any room's call, lifted into the app's.
pub type Effect = crate::room::effect::Effect<AwsCall>;

/// The AWS calls smtui makes. What several rooms read (a listing, a description, who we
/// are) is asked here; what one room asks is that room's own type
/// (`features/<room>/call.rs`), nested like its outcome, and each method below is one arm
/// per room handing the question to it.
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
    Audit(audit::Call),
    Editor(editor::Call),
    Lifecycle(lifecycle::Call),
    Reveal(reveal::Call),
    Rotation(rotation::Call),
    /// The calls that make an identity.
    Session(session::Call),
    Tags(tags::Call),
    Versions(versions::Call),
}

impl AwsCall {
    pub fn lane(&self) -> Lane {
        match self {
            AwsCall::ListSecrets { .. } => Lane::Listing,
            AwsCall::Describe { .. } | AwsCall::WhoAmI { .. } => Lane::Interactive,
            AwsCall::Audit(call) => call.lane(),
            AwsCall::Editor(call) => call.lane(),
            AwsCall::Lifecycle(call) => call.lane(),
            AwsCall::Reveal(call) => call.lane(),
            AwsCall::Rotation(call) => call.lane(),
            AwsCall::Session(call) => call.lane(),
            AwsCall::Tags(call) => call.lane(),
            AwsCall::Versions(call) => call.lane(),
        }
    }

    /// Whether the call changes anything. `--read-only` refuses these in the router and,
    /// again, in the runner: no mutating call is ever sent.
    pub fn mutates(&self) -> bool {
        match self {
            AwsCall::ListSecrets { .. } | AwsCall::Describe { .. } | AwsCall::WhoAmI { .. } => {
                false
            }
            AwsCall::Audit(call) => call.mutates(),
            AwsCall::Editor(call) => call.mutates(),
            AwsCall::Lifecycle(call) => call.mutates(),
            AwsCall::Reveal(call) => call.mutates(),
            AwsCall::Rotation(call) => call.mutates(),
            AwsCall::Session(call) => call.mutates(),
            AwsCall::Tags(call) => call.mutates(),
            AwsCall::Versions(call) => call.mutates(),
        }
    }

    /// The service's name for the call, for messages.
    pub fn operation(&self) -> &'static str {
        match self {
            AwsCall::ListSecrets { .. } => "ListSecrets",
            AwsCall::Describe { .. } => "DescribeSecret",
            AwsCall::WhoAmI { .. } => "GetCallerIdentity",
            AwsCall::Audit(call) => call.operation(),
            AwsCall::Editor(call) => call.operation(),
            AwsCall::Lifecycle(call) => call.operation(),
            AwsCall::Reveal(call) => call.operation(),
            AwsCall::Rotation(call) => call.operation(),
            AwsCall::Session(call) => call.operation(),
            AwsCall::Tags(call) => call.operation(),
            AwsCall::Versions(call) => call.operation(),
        }
    }

    /// The identity a call that makes one makes (`None` for every other call).
    pub fn new_identity(&self) -> Option<Identity> {
        match self {
            AwsCall::Session(call) => Some(call.new_identity()),
            AwsCall::ListSecrets { .. }
            | AwsCall::Describe { .. }
            | AwsCall::WhoAmI { .. }
            | AwsCall::Audit(_)
            | AwsCall::Editor(_)
            | AwsCall::Lifecycle(_)
            | AwsCall::Reveal(_)
            | AwsCall::Rotation(_)
            | AwsCall::Tags(_)
            | AwsCall::Versions(_) => None,
        }
    }

    /// The secret the call is about, when it is about one.
    pub fn secret(&self) -> Option<&SecretRef> {
        match self {
            AwsCall::Describe { secret } => Some(secret),
            AwsCall::ListSecrets { .. }
            | AwsCall::WhoAmI { .. }
            | AwsCall::Audit(_)
            | AwsCall::Session(_) => None,
            AwsCall::Editor(call) => call.secret(),
            AwsCall::Lifecycle(call) => Some(call.secret()),
            AwsCall::Reveal(call) => Some(call.secret()),
            AwsCall::Rotation(call) => Some(call.secret()),
            AwsCall::Tags(call) => Some(call.secret()),
            AwsCall::Versions(call) => Some(call.secret()),
        }
    }

    /// The region the call goes to (`None`: the identity's home region).
    pub fn region(&self) -> Option<&str> {
        match self {
            AwsCall::ListSecrets { region } => Some(region),
            AwsCall::Describe { secret } => Some(&secret.region),
            AwsCall::WhoAmI { region } => region.as_deref(),
            AwsCall::Audit(call) => Some(call.region()),
            AwsCall::Editor(call) => Some(call.region()),
            AwsCall::Lifecycle(call) => Some(call.region()),
            AwsCall::Reveal(call) => Some(call.region()),
            AwsCall::Rotation(call) => Some(call.region()),
            AwsCall::Session(call) => call.region(),
            AwsCall::Tags(call) => Some(call.region()),
            AwsCall::Versions(call) => Some(call.region()),
        }
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

impl RoomCall for AwsCall {
    fn secret(&self) -> Option<&SecretRef> {
        AwsCall::secret(self)
    }
}
