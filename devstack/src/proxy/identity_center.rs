//! IAM Identity Center, which moto lacks: the AWS access portal (`portal.sso`,
//! [`super::sso_portal`]) and its OIDC device flow (`oidc`, [`super::oidc`]), both
//! REST-JSON and unsigned, answered by the proxy for [`crate::fixtures::sso`]'s user.
//!
//! Requests are recognised by path (and no SigV4 `Authorization`, which these services
//! never get): the SDK sends them to `portal.sso.<region>.amazonaws.com` and
//! `oidc.<region>.amazonaws.com` unless an endpoint URL names the proxy, and then the Host
//! header is the proxy's own.

use std::collections::HashMap;
use std::time::Instant;

use bytes::Bytes;
use http::{HeaderValue, Method, Response, StatusCode, header};
use http_body_util::Full;
use jiff::Timestamp;

use super::access::form_pairs;
use super::{Shared, header_str};

/// The path of the proxy's "browser" approval page: a GET with `user_code` approves it.
pub(super) const APPROVE_PATH: &str = "/smtui-devstack/approve";

/// What the OIDC service handed out, and which access tokens the portal takes.
#[derive(Debug, Default)]
pub(super) struct IdentityCenterState {
    /// clientId -> its registration.
    pub(super) clients: HashMap<String, RegisteredClient>,
    /// deviceCode -> the authorization it started.
    pub(super) devices: HashMap<String, DeviceAuthorization>,
    /// accessToken -> when it expires.
    pub(super) tokens: HashMap<String, Timestamp>,
    /// refreshToken -> the clientId it was issued to.
    pub(super) refresh_tokens: HashMap<String, String>,
}

#[derive(Debug)]
pub(super) struct RegisteredClient {
    pub(super) secret: String,
}

#[derive(Debug)]
pub(super) struct DeviceAuthorization {
    pub(super) client_id: String,
    pub(super) user_code: String,
    pub(super) expires_at: Timestamp,
    pub(super) approved: bool,
    /// The last CreateToken with this device code: polling faster than the interval is
    /// `slow_down`.
    pub(super) last_poll: Option<Instant>,
}

impl IdentityCenterState {
    /// Whether the portal takes `token` (issued here and not expired).
    pub(super) fn token_valid(&self, token: &str) -> bool {
        self.tokens
            .get(token)
            .is_some_and(|expires| *expires > Timestamp::now())
    }
}

/// The proxy's answer if `parts` is an Identity Center request, else `None`.
pub(super) async fn answer(
    shared: &Shared,
    parts: &http::request::Parts,
    body: &[u8],
) -> Option<Response<Full<Bytes>>> {
    if header_str(&parts.headers, "authorization").is_some() {
        return None;
    }
    let query = parts.uri.query().unwrap_or_default();
    let params: HashMap<String, String> = form_pairs(query.as_bytes()).into_iter().collect();
    let token = header_str(&parts.headers, "x-amz-sso_bearer_token").unwrap_or_default();
    match (&parts.method, parts.uri.path()) {
        (&Method::GET, "/assignment/accounts") => {
            Some(super::sso_portal::list_accounts(shared, token, &params))
        }
        (&Method::GET, "/assignment/roles") => Some(super::sso_portal::list_account_roles(
            shared, token, &params,
        )),
        (&Method::GET, "/federation/credentials") => {
            Some(super::sso_portal::get_role_credentials(shared, token, &params).await)
        }
        (&Method::POST, "/logout") => Some(super::sso_portal::logout(shared, token)),
        (&Method::POST, "/client/register") => Some(super::oidc::register_client(shared, body)),
        (&Method::POST, "/device_authorization") => {
            Some(super::oidc::start_device_authorization(shared, body))
        }
        (&Method::POST, "/token") => Some(super::oidc::create_token(shared, body)),
        (&Method::GET, APPROVE_PATH) => Some(super::oidc::approve_page(shared, &params)),
        _ => None,
    }
}

/// A JSON answer.
pub(super) fn json(status: StatusCode, body: &serde_json::Value) -> Response<Full<Bytes>> {
    let mut resp = Response::new(Full::new(Bytes::from(body.to_string())));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp.headers_mut().insert(
        "x-amzn-requestid",
        HeaderValue::from_str(&crate::ids::uuid_like()).unwrap_or(HeaderValue::from_static("0")),
    );
    resp
}

/// An error as REST-JSON services send it: the code in `x-amzn-errortype`, the body the
/// service's (`{"message"}` for the portal, `{"error", "error_description"}` for OIDC).
pub(super) fn error(
    status: StatusCode,
    code: &str,
    body: &serde_json::Value,
) -> Response<Full<Bytes>> {
    let mut resp = json(status, body);
    if let Ok(v) = HeaderValue::from_str(code) {
        resp.headers_mut().insert("x-amzn-errortype", v);
    }
    resp
}

/// A random token of `hex_chars` hex digits (uuid-derived: unique within the process).
pub(super) fn random_hex(hex_chars: usize) -> String {
    let mut out = String::new();
    while out.len() < hex_chars {
        out.push_str(&crate::ids::uuid_like().replace('-', ""));
    }
    out.truncate(hex_chars);
    out
}
