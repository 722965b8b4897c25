//! IAM Identity Center: the access portal (the accounts and roles a user's token grants,
//! and a role's credentials), the OIDC device sign-in, and the token cache the AWS CLI
//! keeps (`~/.aws/sso/cache/<sha1>.json`), read and written as the CLI does so that `aws`
//! and smtui share one sign-in. The access token stays here: the core sees who is signed
//! in until when, never the token.

mod cache;
mod device;
mod portal;

pub use cache::{cache_file, cache_path_in_home};
pub use device::{finish_sign_in, start_sign_in};
pub use portal::accounts;
pub(crate) use portal::role_credentials;

use aws_config::Region;
use smtui_core::model::AwsError;
use smtui_core::model::sso::{SIGNED_OUT, SsoLogin};
use zeroize::Zeroizing;

use crate::AwsContext;

/// The portal's client for `login` (its region; the endpoint override, for the local
/// stack, kept like every client's). The portal's calls carry the token, not a signature.
fn portal(ctx: &AwsContext, login: &SsoLogin) -> aws_sdk_sso::Client {
    let conf = aws_sdk_sso::config::Builder::from(ctx.sdk_config())
        .region(Region::new(login.region.clone()))
        .build();
    aws_sdk_sso::Client::from_conf(conf)
}

/// The OIDC service's client for `login`.
fn oidc(ctx: &AwsContext, login: &SsoLogin) -> aws_sdk_ssooidc::Client {
    let conf = aws_sdk_ssooidc::config::Builder::from(ctx.sdk_config())
        .region(Region::new(login.region.clone()))
        .build();
    aws_sdk_ssooidc::Client::from_conf(conf)
}

/// The access token for `login`: an `[sso-session]`'s through aws-config's own provider
/// (which refreshes it with the cached refresh token, and saves it, when it is close to
/// expiring); a legacy profile's read from the cache as it is (the CLI cannot refresh
/// those either). `Err` says to sign in.
async fn token(ctx: &AwsContext, login: &SsoLogin) -> Result<Zeroizing<String>, AwsError> {
    use aws_credential_types::provider::token::ProvideToken as _;
    let Some(session) = &login.session else {
        let start_url = login.start_url.clone();
        return tokio::task::spawn_blocking(move || cache::legacy_token(&start_url))
            .await
            .unwrap_or_else(|_| Err(signed_out("the token cache could not be read")));
    };
    let provider = aws_config::sso::SsoTokenProvider::builder()
        .configure(ctx.sdk_config())
        .region(Region::new(login.region.clone()))
        .session_name(session.clone())
        .start_url(login.start_url.clone())
        .build()
        .await;
    match provider.provide_token().await {
        Ok(token) => Ok(Zeroizing::new(token.token().to_owned())),
        Err(e) => Err(signed_out(&crate::error::reasons(&e))),
    }
}

/// The error that says the user is not signed in (no token, or an expired one).
fn signed_out(why: &str) -> AwsError {
    AwsError {
        code: Some(SIGNED_OUT.to_owned()),
        ..AwsError::no_credentials(&format!("not signed in to IAM Identity Center ({why})"))
    }
}
