//! The Identity Center room's calls: the portal's accounts and roles, and the device
//! sign-in's two steps (start it; wait for the user's approval and cache the token).

use crate::ids::SecretRef;
use crate::model::AwsError;
use crate::model::sso::{DeviceCode, PortalAccount, SignedIn, SsoLogin};
use crate::room::{Lane, RoomCall};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// ListAccounts and each account's ListAccountRoles, with `login`'s cached token.
    Accounts { login: SsoLogin },
    /// RegisterClient and StartDeviceAuthorization.
    StartSignIn { login: SsoLogin },
    /// CreateToken every `interval` until the code is approved, refused or expired; the
    /// token is cached as the AWS CLI caches it. Runs outside the lanes: it waits on the
    /// user, not on AWS.
    FinishSignIn { login: SsoLogin, code: DeviceCode },
}

impl RoomCall for Call {
    /// What the user waits on.
    fn lane(&self) -> Lane {
        Lane::Interactive
    }

    /// Nothing in AWS changes (a sign-in writes the local token cache only).
    fn mutates(&self) -> bool {
        false
    }

    fn operation(&self) -> &'static str {
        match self {
            Call::Accounts { .. } => "ListAccounts",
            Call::StartSignIn { .. } => "StartDeviceAuthorization",
            Call::FinishSignIn { .. } => "CreateToken",
        }
    }

    fn secret(&self) -> Option<&SecretRef> {
        None
    }

    /// Sent to the sign-in's own region, whatever the identity's.
    fn region(&self) -> Option<&str> {
        None
    }
}

/// What IAM Identity Center answers the room, each with the sign-in it is about.
#[derive(Debug, Clone)]
pub enum Outcome {
    Accounts {
        login: SsoLogin,
        result: Result<Vec<PortalAccount>, AwsError>,
    },
    SignInStarted {
        login: SsoLogin,
        result: Result<DeviceCode, AwsError>,
    },
    /// The sign-in whose code is `user_code` ended.
    SignedIn {
        login: SsoLogin,
        user_code: String,
        result: Result<SignedIn, AwsError>,
    },
}

/// About the sign-in, not about the identity that asked.
impl crate::room::update::Answer for Outcome {
    fn about_no_identity(&self) -> bool {
        true
    }
}
