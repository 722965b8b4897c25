//! What IAM Identity Center answers the room. Each answer is about a sign-in, not about
//! the identity that asked (`about_no_identity`), so it comes through a refresh or a switch;
//! it changes the popup only while the popup waits for it: the accounts while it asks, a
//! started sign-in while it starts one, the end of the sign-in whose code it shows. A
//! sign-in the user left (closed, or started again) ends without a word unless it worked.

use super::portal::Stage;
use super::{Call, IdentityCenter, Out, Outcome, PortalView};
use crate::model::{AwsError, ErrorKind};
use crate::room::{Ctx, Intent};

/// Whether `error` says to sign in (no token, an expired or refused one).
fn signed_out(error: &AwsError) -> bool {
    error.code.as_deref() == Some(crate::model::sso::SIGNED_OUT)
        || matches!(error.kind, ErrorKind::ExpiredToken)
}

/// An error of the portal's or the sign-in's, in words. Not "as" the identity worked as:
/// these calls are the sign-in's, made as no identity.
fn said(error: &AwsError) -> String {
    if error.operation == "CreateToken" && error.code.as_deref() == Some("AccessDeniedException") {
        return "the code was refused where it was to be approved".to_owned();
    }
    error.to_string()
}

impl IdentityCenter {
    pub(crate) fn answered(
        &mut self,
        view: Option<&mut PortalView>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        match outcome {
            Outcome::Accounts { login, result } => {
                self.listed
                    .retain(|(l, _)| l.cache_key() != login.cache_key());
                let stage = match result {
                    Ok(accounts) => {
                        self.listed.push((login.clone(), accounts.clone()));
                        Stage::Listed(accounts)
                    }
                    // Its own words say it ("not signed in to IAM Identity Center (…)").
                    Err(error) if signed_out(&error) => {
                        Stage::SignedOut(error.message.clone().unwrap_or_else(|| said(&error)))
                    }
                    Err(error) => Stage::Failed(said(&error)),
                };
                if let Some(view) = view.filter(|v| v.login == login && v.stage == Stage::Asking) {
                    view.stage = stage;
                    view.selected.set(0);
                }
            }
            Outcome::SignInStarted { login, result } => {
                // Closed (or asked something else) before it started: left there.
                let Some(view) = view.filter(|v| v.login == login && v.stage == Stage::Starting)
                else {
                    return;
                };
                match result {
                    Ok(code) => {
                        out.info(format!(
                            "Open {} and approve the code {}",
                            code.verification_uri, code.user_code
                        ));
                        view.stage = Stage::Approving {
                            user_code: code.user_code.clone(),
                            uri: code.verification_uri.clone(),
                            uri_complete: code.verification_uri_complete.clone(),
                            expires: code.expires,
                        };
                        out.call(ctx, Call::FinishSignIn { login, code });
                    }
                    Err(error) => {
                        out.error(format!("Could not start the sign-in: {}", said(&error)));
                        view.stage = Stage::Failed(said(&error));
                    }
                }
            }
            Outcome::SignedIn {
                login,
                user_code,
                result,
            } => {
                let shown = view.filter(|v| {
                    v.login == login
                        && matches!(&v.stage, Stage::Approving { user_code: c, .. } if *c == user_code)
                });
                match result {
                    // Approved, even if the user left it: the token is cached, so it is said.
                    Ok(signed) => {
                        out.info(format!(
                            "Signed in to IAM Identity Center {} (the token expires {}): cached \
                             in {}, where the AWS CLI reads it too",
                            login.name(),
                            crate::kit::widgets::relative(signed.expires, ctx.wall),
                            signed.cache_file
                        ));
                        self.listed
                            .retain(|(l, _)| l.cache_key() != login.cache_key());
                        out.intent(Intent::SignedIn {
                            login: login.clone(),
                        });
                        if let Some(view) = shown {
                            view.stage = Stage::Asking;
                            out.call(ctx, Call::Accounts { login });
                        }
                    }
                    Err(error) => {
                        if let Some(view) = shown {
                            out.error(format!("Sign-in failed: {}", said(&error)));
                            view.stage = Stage::Failed(said(&error));
                        }
                    }
                }
            }
        }
    }
}
