//! sts:AssumeRole for the role switcher: the new credentials live in memory only, in a new
//! `AwsContext` the runner keeps under the new identity.

use aws_config::Region;
use aws_sdk_secretsmanager::config::Credentials;
use aws_sdk_secretsmanager::config::SharedCredentialsProvider;

use super::{AwsContext, AwsError, convert};
use smtui_core::app::Assumed;
use smtui_core::ids::Arn;

/// What to assume.
#[derive(Debug, Clone)]
pub(crate) struct AssumeRequest<'a> {
    pub(crate) role_arn: &'a str,
    pub(crate) session_name: &'a str,
    pub(crate) external_id: Option<&'a str>,
    pub(crate) duration_secs: Option<i32>,
    pub(crate) region: Option<&'a str>,
    /// The MFA device and the code it shows now.
    pub(crate) mfa: Option<(&'a str, &'a str)>,
}

/// Assumes `request.role_arn` as `ctx`; the context that calls as the role, and who it is.
pub(crate) async fn assume_role(
    ctx: &AwsContext,
    request: &AssumeRequest<'_>,
) -> Result<(AwsContext, Assumed), AwsError> {
    let region = request.region.unwrap_or("global");
    let out = ctx
        .sts(request.region)
        .assume_role()
        .role_arn(request.role_arn)
        .role_session_name(request.session_name)
        .set_external_id(request.external_id.map(str::to_owned))
        .set_duration_seconds(request.duration_secs)
        .set_serial_number(request.mfa.map(|(serial, _)| serial.to_owned()))
        .set_token_code(request.mfa.map(|(_, code)| code.to_owned()))
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("AssumeRole", region, &e))?;
    let creds = out
        .credentials()
        .ok_or_else(|| AwsError::invalid("AssumeRole", region, "the answer held no credentials"))?;
    let (made, expires) = context_with(ctx, creds, request.region, "smtui-assume-role");
    // Without it (or unreadable), the identity is named by the role's ARN.
    let arn = out
        .assumed_role_user()
        .and_then(|u| Arn::parse(u.arn()).ok());
    Ok((made, Assumed { arn, expires }))
}

/// `ctx`'s configuration with STS's temporary credentials (in `region`, when given), and
/// when they expire.
fn context_with(
    ctx: &AwsContext,
    creds: &aws_sdk_sts::types::Credentials,
    region: Option<&str>,
    source: &'static str,
) -> (AwsContext, Option<jiff::Timestamp>) {
    let expires = convert::timestamp(Some(creds.expiration()));
    let expiry = std::time::SystemTime::UNIX_EPOCH
        + std::time::Duration::from_secs(u64::try_from(creds.expiration().secs()).unwrap_or(0));
    let provider = Credentials::new(
        creds.access_key_id(),
        creds.secret_access_key(),
        Some(creds.session_token().to_owned()),
        Some(expiry),
        source,
    );
    let mut config = ctx
        .sdk_config()
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider));
    if let Some(region) = region {
        config = config.region(Region::new(region.to_owned()));
    }
    (AwsContext::from_config(config.build()), expires)
}

/// The context of a profile of the user's AWS config (aws-config's own provider: role
/// profiles, SSO, processes), with its credentials resolved once now, so a profile that
/// cannot give any (an SSO login expired) says so at once, and its expiry is known.
pub(crate) async fn use_profile(
    options: &super::ConnectOptions,
) -> Result<(AwsContext, Assumed), AwsError> {
    use aws_credential_types::provider::ProvideCredentials as _;
    let name = options.profile.clone().unwrap_or_default();
    let ctx = AwsContext::load(options).await;
    let provider = ctx
        .sdk_config()
        .credentials_provider()
        .ok_or_else(|| AwsError::no_credentials("the profile gives none"))?;
    let creds = match provider.provide_credentials().await {
        Ok(creds) => creds,
        Err(e) => {
            // The provider's own words are generic; the reasons under them name what is
            // missing (a source profile, an SSO session).
            let mut why = super::error::reasons(std::error::Error::source(&e).unwrap_or(&e));
            // The way out first: a long reason would push it out of the footer.
            let profiles = super::profiles::list().await;
            if let Some(login) = super::profiles::sso_login_in(&profiles, &name) {
                let session = smtui_core::model::sso::login_of(&profiles, &name)
                    .map_or_else(|| login.clone(), |l| l.name().to_owned());
                why = format!(
                    "sign in (the switcher's Identity Center {session}…, or `aws sso login \
                     --profile {login}`) ({why})"
                );
            }
            return Err(AwsError::no_credentials(&why));
        }
    };
    let expires = creds
        .expiry()
        .and_then(|t| jiff::Timestamp::try_from(t).ok());
    Ok((ctx, Assumed { arn: None, expires }))
}

/// GetSessionToken with an MFA code, as `ctx`: credentials that count as MFA-authenticated,
/// so roles that want MFA can be assumed from them without another code.
pub(crate) async fn session_token(
    ctx: &AwsContext,
    region: Option<&str>,
    serial: &str,
    code: &str,
) -> Result<(AwsContext, Assumed), AwsError> {
    let shown = region.unwrap_or("global");
    let out = ctx
        .sts(region)
        .get_session_token()
        .serial_number(serial)
        .token_code(code)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("GetSessionToken", shown, &e))?;
    let creds = out.credentials().ok_or_else(|| {
        AwsError::invalid("GetSessionToken", shown, "the answer held no credentials")
    })?;
    let (made, expires) = context_with(ctx, creds, None, "smtui-session-token");
    Ok((made, Assumed { arn: None, expires }))
}
