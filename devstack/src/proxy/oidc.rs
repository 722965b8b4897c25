//! The OIDC service's device authorization flow (RFC 8628 as AWS's `oidc` answers it):
//! RegisterClient, StartDeviceAuthorization, CreateToken with the device code (pending
//! until the user code is approved) or a refresh token. The user's approval "in the
//! browser" is [`ProxyHandle::approve_device`] or a GET of `verificationUriComplete`,
//! which points at the proxy ([`APPROVE_PATH`]).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode, header};
use http_body_util::Full;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};

use super::identity_center::{
    APPROVE_PATH, DeviceAuthorization, RegisteredClient, error, json as json_answer, random_hex,
};
use super::{ProxyHandle, Shared, lock};
use crate::fixtures::sso;

/// How long a client registration lasts (AWS: 90 days).
const CLIENT_SECS: i64 = 90 * 24 * 3_600;
/// How long a device code can be approved and redeemed (AWS: 10 minutes).
const DEVICE_CODE_SECS: i64 = 600;
/// The polling interval CreateToken asks for; a faster poll is `slow_down`.
pub(super) const INTERVAL_SECS: u64 = 1;
/// How long an access token lasts (AWS: 8 hours by default).
const ACCESS_TOKEN_SECS: i64 = 8 * 3_600;
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
const REFRESH_GRANT: &str = "refresh_token";

impl ProxyHandle {
    /// The user approves `user_code` (as on AWS's sign-in page): the next CreateToken with
    /// its device code hands out tokens. Whether a pending, unexpired authorization had it.
    pub fn approve_device(&self, user_code: &str) -> bool {
        approve(&self.shared, user_code)
    }

    /// Every access token the OIDC flow handed out so far expires: the portal answers 401
    /// UnauthorizedException to it. Refresh tokens still work. How many it expired.
    pub fn expire_sso_tokens(&self) -> usize {
        let now = Timestamp::now();
        let mut state = lock(&self.shared.identity_center);
        let mut n = 0;
        for expires in state.tokens.values_mut() {
            if *expires > now {
                *expires = now;
                n += 1;
            }
        }
        n
    }

    /// This access token expires (the others work): tests sharing a stack use it.
    /// Whether the OIDC flow had handed it out.
    pub fn expire_sso_token(&self, access_token: &str) -> bool {
        let now = Timestamp::now();
        match lock(&self.shared.identity_center)
            .tokens
            .get_mut(access_token)
        {
            Some(expires) => {
                *expires = (*expires).min(now);
                true
            }
            None => false,
        }
    }

    /// The pending device authorization with `user_code` expires: it can no longer be
    /// approved, and CreateToken with its device code is ExpiredTokenException
    /// (`expired_token`). Whether one had that code.
    pub fn expire_device_authorization(&self, user_code: &str) -> bool {
        let now = Timestamp::now();
        let mut state = lock(&self.shared.identity_center);
        let found = state
            .devices
            .values_mut()
            .find(|d| d.user_code == user_code);
        match found {
            Some(device) => {
                device.expires_at = now;
                true
            }
            None => false,
        }
    }
}

fn approve(shared: &Shared, user_code: &str) -> bool {
    let now = Timestamp::now();
    let mut state = lock(&shared.identity_center);
    let found = state
        .devices
        .values_mut()
        .find(|d| d.user_code == user_code && d.expires_at > now);
    match found {
        Some(device) => {
            device.approved = true;
            true
        }
        None => false,
    }
}

/// `GET /smtui-devstack/approve?user_code=…`: what opening `verificationUriComplete` in a
/// browser does.
pub(super) fn approve_page(
    shared: &Shared,
    params: &HashMap<String, String>,
) -> Response<Full<Bytes>> {
    let code = params.get("user_code").map_or("", String::as_str);
    let (status, text) = if approve(shared, code) {
        (
            StatusCode::OK,
            format!(
                "smtui-devstack: request {code} approved for {}. You can close this window.\n",
                sso::USER_NAME
            ),
        )
    } else {
        (
            StatusCode::NOT_FOUND,
            format!(
                "smtui-devstack: no pending request with code {code:?} (expired or already used).\n"
            ),
        )
    };
    let mut resp = Response::new(Full::new(Bytes::from(text)));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

fn oidc_error(
    status: StatusCode,
    code: &str,
    error_code: &str,
    description: &str,
) -> Response<Full<Bytes>> {
    error(
        status,
        code,
        &json!({ "error": error_code, "error_description": description }),
    )
}

fn invalid_request(description: &str) -> Response<Full<Bytes>> {
    oidc_error(
        StatusCode::BAD_REQUEST,
        "InvalidRequestException",
        "invalid_request",
        description,
    )
}

fn invalid_client() -> Response<Full<Bytes>> {
    oidc_error(
        StatusCode::UNAUTHORIZED,
        "InvalidClientException",
        "invalid_client",
        "Invalid client provided",
    )
}

fn invalid_grant(description: &str) -> Response<Full<Bytes>> {
    oidc_error(
        StatusCode::BAD_REQUEST,
        "InvalidGrantException",
        "invalid_grant",
        description,
    )
}

fn field<'a>(body: &'a Value, name: &str) -> Option<&'a str> {
    body.get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn parse(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap_or(Value::Null)
}

fn later(secs: i64) -> Timestamp {
    Timestamp::now()
        .checked_add(SignedDuration::from_secs(secs))
        .unwrap_or_else(|_| Timestamp::now())
}

/// `POST /client/register`: a public client, as the AWS CLI and the SDKs register.
pub(super) fn register_client(shared: &Shared, body: &[u8]) -> Response<Full<Bytes>> {
    let body = parse(body);
    if field(&body, "clientName").is_none() || field(&body, "clientType").is_none() {
        return invalid_request("clientName and clientType are required");
    }
    if field(&body, "clientType") != Some("public") {
        return oidc_error(
            StatusCode::BAD_REQUEST,
            "InvalidClientMetadataException",
            "invalid_client_metadata",
            "Invalid client type",
        );
    }
    let client_id = random_hex(22);
    let secret = random_hex(96);
    lock(&shared.identity_center).clients.insert(
        client_id.clone(),
        RegisteredClient {
            secret: secret.clone(),
        },
    );
    json_answer(
        StatusCode::OK,
        &json!({
            "clientId": client_id,
            "clientSecret": secret,
            "clientIdIssuedAt": Timestamp::now().as_second(),
            "clientSecretExpiresAt": later(CLIENT_SECS).as_second(),
        }),
    )
}

fn client_ok(shared: &Shared, body: &Value) -> bool {
    let (Some(id), Some(secret)) = (field(body, "clientId"), field(body, "clientSecret")) else {
        return false;
    };
    lock(&shared.identity_center)
        .clients
        .get(id)
        .is_some_and(|c| c.secret == secret)
}

/// `XXXX-XXXX` of consonants, as AWS's user codes look.
fn user_code() -> String {
    const LETTERS: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";
    let hex = random_hex(16);
    let letters: String = hex
        .as_bytes()
        .chunks(2)
        .map(|pair| {
            let n = u8::from_str_radix(std::str::from_utf8(pair).unwrap_or("0"), 16).unwrap_or(0);
            char::from(LETTERS[usize::from(n) % LETTERS.len()])
        })
        .collect();
    format!("{}-{}", &letters[..4], &letters[4..])
}

/// `POST /device_authorization`.
pub(super) fn start_device_authorization(shared: &Shared, body: &[u8]) -> Response<Full<Bytes>> {
    let body = parse(body);
    if field(&body, "startUrl").is_none() {
        return invalid_request("startUrl is required");
    }
    if !client_ok(shared, &body) {
        return invalid_client();
    }
    if field(&body, "startUrl") != Some(sso::START_URL) {
        return invalid_request("Invalid start URL");
    }
    let device_code = random_hex(128);
    let code = user_code();
    lock(&shared.identity_center).devices.insert(
        device_code.clone(),
        DeviceAuthorization {
            client_id: field(&body, "clientId").unwrap_or_default().to_string(),
            user_code: code.clone(),
            expires_at: later(DEVICE_CODE_SECS),
            approved: false,
            last_poll: None,
        },
    );
    let uri = format!("{}{APPROVE_PATH}", shared.url);
    json_answer(
        StatusCode::OK,
        &json!({
            "deviceCode": device_code,
            "userCode": code,
            "verificationUri": uri,
            "verificationUriComplete": format!("{uri}?user_code={code}"),
            "expiresIn": DEVICE_CODE_SECS,
            "interval": INTERVAL_SECS,
        }),
    )
}

/// `POST /token`: the device code grant (pending until approved) or a refresh.
pub(super) fn create_token(shared: &Shared, body: &[u8]) -> Response<Full<Bytes>> {
    let body = parse(body);
    let Some(grant) = field(&body, "grantType") else {
        return invalid_request("grantType is required");
    };
    if !client_ok(shared, &body) {
        return invalid_client();
    }
    let client_id = field(&body, "clientId").unwrap_or_default().to_string();
    match grant {
        DEVICE_GRANT => device_token(shared, &body, &client_id),
        REFRESH_GRANT => {
            let Some(refresh) = field(&body, "refreshToken") else {
                return invalid_request("refreshToken is required");
            };
            let mut state = lock(&shared.identity_center);
            if state.refresh_tokens.get(refresh) != Some(&client_id) {
                return invalid_grant("Invalid refresh token provided");
            }
            // Refresh tokens are single use: AWS hands out a new one with each refresh.
            state.refresh_tokens.remove(refresh);
            drop(state);
            tokens(shared, &client_id)
        }
        _ => oidc_error(
            StatusCode::BAD_REQUEST,
            "UnsupportedGrantTypeException",
            "unsupported_grant_type",
            "Unsupported grant type",
        ),
    }
}

fn device_token(shared: &Shared, body: &Value, client_id: &str) -> Response<Full<Bytes>> {
    let Some(device_code) = field(body, "deviceCode") else {
        return invalid_request("deviceCode is required");
    };
    let mut state = lock(&shared.identity_center);
    let Some(device) = state.devices.get_mut(device_code) else {
        return invalid_grant("Invalid device code provided");
    };
    if device.client_id != client_id {
        return invalid_grant("Invalid device code provided");
    }
    if device.expires_at <= Timestamp::now() {
        state.devices.remove(device_code);
        return oidc_error(
            StatusCode::BAD_REQUEST,
            "ExpiredTokenException",
            "expired_token",
            "Device code has expired",
        );
    }
    let now = Instant::now();
    let too_soon = device
        .last_poll
        .is_some_and(|last| now.duration_since(last) < Duration::from_secs(INTERVAL_SECS));
    device.last_poll = Some(now);
    if !device.approved {
        return if too_soon {
            oidc_error(
                StatusCode::BAD_REQUEST,
                "SlowDownException",
                "slow_down",
                "Client is polling too fast",
            )
        } else {
            oidc_error(
                StatusCode::BAD_REQUEST,
                "AuthorizationPendingException",
                "authorization_pending",
                "Authorization is still pending",
            )
        };
    }
    // Redeemed once: a second CreateToken with it is invalid_grant.
    state.devices.remove(device_code);
    drop(state);
    tokens(shared, client_id)
}

/// A new access token and refresh token for `client_id`.
fn tokens(shared: &Shared, client_id: &str) -> Response<Full<Bytes>> {
    let access = format!("aoa{}", random_hex(160));
    let refresh = format!("aor{}", random_hex(160));
    let mut state = lock(&shared.identity_center);
    state
        .tokens
        .insert(access.clone(), later(ACCESS_TOKEN_SECS));
    state
        .refresh_tokens
        .insert(refresh.clone(), client_id.to_string());
    drop(state);
    json_answer(
        StatusCode::OK,
        &json!({
            "accessToken": access,
            "tokenType": "Bearer",
            "expiresIn": ACCESS_TOKEN_SECS,
            "refreshToken": refresh,
        }),
    )
}
