//! The Identity Center room's calls: the portal's accounts and the device sign-in.

use smtui_core::features::sso::{Call, Outcome};
use smtui_core::model::AwsError;

use super::Performs;
use crate::{AwsContext, sso};

impl Performs for Call {
    type Outcome = Outcome;

    async fn perform(self, ctx: &AwsContext) -> Outcome {
        match self {
            Call::Accounts { login } => {
                let result = sso::accounts(ctx, &login).await;
                Outcome::Accounts { login, result }
            }
            Call::StartSignIn { login } => {
                let result = sso::start_sign_in(ctx, &login).await;
                Outcome::SignInStarted { login, result }
            }
            Call::FinishSignIn { login, code } => {
                let user_code = code.user_code.clone();
                let result = sso::finish_sign_in(ctx, &login, code).await;
                Outcome::SignedIn {
                    login,
                    user_code,
                    result,
                }
            }
        }
    }

    fn failed(self, error: AwsError) -> Outcome {
        match self {
            Call::Accounts { login } => Outcome::Accounts {
                login,
                result: Err(error),
            },
            Call::StartSignIn { login } => Outcome::SignInStarted {
                login,
                result: Err(error),
            },
            Call::FinishSignIn { login, code } => Outcome::SignedIn {
                login,
                user_code: code.user_code,
                result: Err(error),
            },
        }
    }
}
