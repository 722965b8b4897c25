//! The OIDC device sign-in, as `aws sso login` does it: register a public client, start a
//! device authorization (the user opens the verification URL and approves the code shown),
//! then ask for the token every `interval` seconds until it is approved, refused or the
//! code expires; the token is cached where and as the AWS CLI caches it.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use smtui_core::model::AwsError;
use smtui_core::model::sso::{DeviceCode, LoginHandle, SignedIn, SsoLogin};
use smtui_core::secret::SecretValue;
use zeroize::Zeroizing;

use super::cache::{self, Entry};
use crate::AwsContext;

/// The client's name, as the portal's approval page shows it.
const CLIENT_NAME: &str = "smtui";
/// The scope an `[sso-session]` registers with when its config names none (the CLI's).
const DEFAULT_SCOPE: &str = "sso:account:access";
/// The device grant (RFC 8628).
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

fn at(secs: i64) -> Option<Timestamp> {
    Timestamp::now()
        .checked_add(SignedDuration::from_secs(secs))
        .ok()
}

/// Registers the client and starts the authorization: what the user is to open and check.
pub async fn start_sign_in(ctx: &AwsContext, login: &SsoLogin) -> Result<DeviceCode, AwsError> {
    let oidc = super::oidc(ctx, login);
    let scopes = match (&login.session, login.scopes.is_empty()) {
        (Some(_), true) => vec![DEFAULT_SCOPE.to_owned()],
        (Some(_), false) => login.scopes.clone(),
        // A legacy profile registers without scopes, as the CLI does.
        (None, _) => Vec::new(),
    };
    let registered = oidc
        .register_client()
        .client_name(CLIENT_NAME)
        .client_type("public")
        .set_scopes((!scopes.is_empty()).then_some(scopes))
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("RegisterClient", &login.region, &e))?;
    let (Some(client_id), Some(client_secret)) =
        (registered.client_id(), registered.client_secret())
    else {
        return Err(AwsError::invalid(
            "RegisterClient",
            &login.region,
            "the answer held no client",
        ));
    };
    // 0 when the answer leaves it out: no date rather than 1970 (which would keep aws-config
    // from ever refreshing the token).
    let expires_at = registered.client_secret_expires_at();
    let registration_expires = Timestamp::from_second(expires_at)
        .ok()
        .filter(|_| expires_at > 0);
    let started = oidc
        .start_device_authorization()
        .client_id(client_id)
        .client_secret(client_secret)
        .start_url(&login.start_url)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("StartDeviceAuthorization", &login.region, &e))?;
    let (Some(device_code), Some(user_code), Some(uri)) = (
        started.device_code(),
        started.user_code(),
        started.verification_uri(),
    ) else {
        return Err(AwsError::invalid(
            "StartDeviceAuthorization",
            &login.region,
            "the answer held no device code",
        ));
    };
    Ok(DeviceCode {
        user_code: user_code.to_owned(),
        verification_uri: uri.to_owned(),
        verification_uri_complete: started.verification_uri_complete().map(str::to_owned),
        expires: at(i64::from(started.expires_in())).unwrap_or_else(Timestamp::now),
        // RFC 8628: 5 seconds when the answer names no interval.
        interval_secs: u64::try_from(started.interval())
            .ok()
            .filter(|&secs| secs > 0)
            .unwrap_or(5)
            .min(60),
        handle: LoginHandle {
            client_id: client_id.to_owned(),
            client_secret: SecretValue::from_string(client_secret.to_owned()),
            device_code: SecretValue::from_string(device_code.to_owned()),
            registration_expires,
        },
    })
}

/// Asks for the token until the user approves the code (then caches it), refuses it, or
/// the code expires.
pub async fn finish_sign_in(
    ctx: &AwsContext,
    login: &SsoLogin,
    code: DeviceCode,
) -> Result<SignedIn, AwsError> {
    let oidc = super::oidc(ctx, login);
    let handle = &code.handle;
    let secret = handle.client_secret.expose_str().unwrap_or_default();
    let device = handle.device_code.expose_str().unwrap_or_default();
    let mut interval = Duration::from_secs(code.interval_secs);
    let token = loop {
        if Timestamp::now() >= code.expires {
            return Err(expired(login));
        }
        let asked = oidc
            .create_token()
            .client_id(&handle.client_id)
            .client_secret(secret)
            .grant_type(DEVICE_GRANT)
            .device_code(device)
            .send()
            .await;
        match asked {
            Ok(token) => break token,
            Err(e) => {
                let error = crate::error::from_sdk("CreateToken", &login.region, &e);
                match error.code.as_deref() {
                    Some("AuthorizationPendingException") => {}
                    // RFC 8628: wait 5 seconds longer from now on.
                    Some("SlowDownException") => interval += Duration::from_secs(5),
                    Some("ExpiredTokenException") => return Err(expired(login)),
                    _ => return Err(error),
                }
            }
        }
        tokio::time::sleep(interval).await;
    };
    let Some(access) = token.access_token() else {
        return Err(AwsError::invalid(
            "CreateToken",
            &login.region,
            "the answer held no token",
        ));
    };
    let expires = at(i64::from(token.expires_in())).unwrap_or_else(Timestamp::now);
    // A legacy profile's cache holds the token alone (the CLI cannot refresh it either).
    let session = login.session.is_some();
    let entry = Entry {
        start_url: login.start_url.clone(),
        region: login.region.clone(),
        access_token: Zeroizing::new(access.to_owned()),
        expires_at: cache::rfc3339(expires),
        client_id: session.then(|| handle.client_id.clone()),
        client_secret: session.then(|| Zeroizing::new(secret.to_owned())),
        registration_expires_at: handle
            .registration_expires
            .filter(|_| session)
            .map(cache::rfc3339),
        refresh_token: token
            .refresh_token()
            .filter(|_| session)
            .map(|r| Zeroizing::new(r.to_owned())),
    };
    // A file written and synced: off the runtime's workers.
    let saved_for = login.clone();
    let path = tokio::task::spawn_blocking(move || cache::save(&saved_for, &entry))
        .await
        .map_err(|_| "the token cache's write failed".to_owned())
        .and_then(|saved| saved)
        .map_err(|why| AwsError::invalid("CreateToken", &login.region, &why))?;
    Ok(SignedIn {
        expires,
        cache_file: shown(&path),
    })
}

fn expired(login: &SsoLogin) -> AwsError {
    AwsError::invalid(
        "CreateToken",
        &login.region,
        "the code expired before it was approved: sign in again",
    )
}

/// The path as shown, `~/` for the home directory.
fn shown(path: &std::path::Path) -> String {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    match home.and_then(|h| path.strip_prefix(h).ok().map(std::path::Path::to_path_buf)) {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}
