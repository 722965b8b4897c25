//! What moto 5.2.5 lacks around STS, and the organisation's refusals (see
//! [`crate::fixtures::org`]):
//!
//! - AssumeRole: refused into [`org::REFUSED_ASSUME_ACCOUNT`]; MFA asked for and checked
//!   for the roles the fixtures mark MFA-protected (only those); DurationSeconds
//!   above the role's MaxSessionDuration, or above an hour when chaining, refused. moto
//!   checks none of it.
//! - GetSessionToken: answered here (moto's stub hands everyone the same key), with unique
//!   keys, MFA checked when a code is sent; keys it hands out after a right code count as
//!   MFA-authenticated, and so do the roles assumed with them.
//! - Credentials expired on demand ([`ProxyHandle::expire_credentials`],
//!   [`ProxyHandle::expire_role`]): every call signed with them is answered
//!   ExpiredToken(Exception), in the service's error shape.
//! - ListSecrets and BatchGetSecretValue denied in [`org::DENIED_LISTING_ACCOUNT`].
//!
//! The caller is the access key of the request's SigV4 credential scope.

use std::collections::{HashMap, HashSet};

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode};
use http_body_util::Full;
use serde_json::Value;

use super::access::{form_pairs, query_error_in};
use super::wire::{self, CredentialScope};
use super::{ProxyHandle, Shared, lock};
use crate::fixtures::org;

const STS_JSON_PREFIX: &str = "AWSSecurityTokenServiceV20110615.";
const SECRETS_MANAGER_PREFIX: &str = "secretsmanager.";
const STS_XMLNS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";
/// AWS's limit for a role assumed with role credentials.
const CHAINING_LIMIT_SECS: u32 = 3_600;
/// GetSessionToken's default DurationSeconds (12 hours).
const SESSION_TOKEN_SECS: u32 = 43_200;

pub(super) const EXPIRED_MESSAGE: &str = "The security token included in the request is expired";
pub(super) const MFA_FAILED_MESSAGE: &str =
    "MultiFactorAuthentication failed with invalid MFA one time pass code. ";
pub(super) const DURATION_MESSAGE: &str =
    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";
pub(super) const CHAINING_MESSAGE: &str = "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";

/// What the proxy knows of credentials STS handed out through it.
#[derive(Debug, Default)]
pub(super) struct StsState {
    /// Access key id -> what handed it out.
    issued: HashMap<String, Issued>,
    /// Access keys whose calls are answered ExpiredToken.
    expired: HashSet<String>,
}

#[derive(Debug, Clone)]
struct Issued {
    /// The role ARN asked for (AssumeRole); `None` for GetSessionToken.
    role_arn: Option<String>,
    /// Authenticated with MFA (a right code, or made with credentials that were).
    mfa: bool,
}

impl ProxyHandle {
    /// Every call signed with `access_key_id` from now on is answered ExpiredToken.
    pub fn expire_credentials(&self, access_key_id: &str) {
        lock(&self.shared.sts)
            .expired
            .insert(access_key_id.to_string());
    }

    /// Expires every credential an AssumeRole of `role_arn` (`arn:aws:iam::…:role/…`)
    /// handed out so far; ones handed out later (a renewal) work. How many it expired.
    pub fn expire_role(&self, role_arn: &str) -> usize {
        let mut sts = lock(&self.shared.sts);
        let keys: Vec<String> = sts
            .issued
            .iter()
            .filter(|(_, i)| i.role_arn.as_deref() == Some(role_arn))
            .map(|(k, _)| k.clone())
            .collect();
        let n = keys.len();
        sts.expired.extend(keys);
        n
    }

    /// The access keys AssumeRole handed out for `role_arn` through the proxy, in no order.
    pub fn credentials_issued_for(&self, role_arn: &str) -> Vec<String> {
        lock(&self.shared.sts)
            .issued
            .iter()
            .filter(|(_, i)| i.role_arn.as_deref() == Some(role_arn))
            .map(|(k, _)| k.clone())
            .collect()
    }
}

/// An STS call: its action and parameters, and whether it came as JSON (else query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StsCall {
    pub(super) action: String,
    pub(super) params: HashMap<String, String>,
    pub(super) json: bool,
}

impl StsCall {
    pub(super) fn parse(
        scope: Option<&CredentialScope>,
        target: Option<&str>,
        body: &[u8],
    ) -> Option<StsCall> {
        if let Some(action) = target.and_then(|t| t.strip_prefix(STS_JSON_PREFIX)) {
            let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            let params = v
                .as_object()
                .map(|o| {
                    o.iter()
                        .map(|(k, v)| {
                            let text = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                            (k.clone(), text)
                        })
                        .collect()
                })
                .unwrap_or_default();
            return Some(StsCall {
                action: action.to_string(),
                params,
                json: true,
            });
        }
        if target.is_some() || scope.is_some_and(|s| s.service != "sts") {
            return None;
        }
        let params: HashMap<String, String> = form_pairs(body).into_iter().collect();
        let action = params.get("Action")?.clone();
        Some(StsCall {
            action,
            params,
            json: false,
        })
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// `None`: no MFA sent; `Some(right)`: a serial number and whether the code is right.
    fn mfa(&self) -> Option<bool> {
        self.param("SerialNumber")?;
        Some(self.param("TokenCode") == Some(org::MFA_TOKEN_CODE))
    }

    fn error(&self, status: StatusCode, code: &str, message: &str) -> Response<Full<Bytes>> {
        if !self.json {
            return query_error_in(status, code, message, false);
        }
        let mut resp = wire::json_error(status, code, message);
        // STS's JSON protocol is query-compatible: the SDK reads the query code from here.
        if let Ok(v) = HeaderValue::from_str(&format!("{code};Sender")) {
            resp.headers_mut().insert("x-amzn-query-error", v);
        }
        resp
    }
}

/// The account of an identity ARN (`arn:aws:sts::<account>:…`).
fn account_of(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}

/// The caller as AWS names it in an AccessDenied message: an IAM user's ARN is `iam`.
fn caller_arn(identity: &str) -> String {
    match identity.strip_prefix("arn:aws:sts::") {
        Some(rest) if rest.contains(":user/") => format!("arn:aws:iam::{rest}"),
        _ => identity.to_string(),
    }
}

/// Before forwarding: an answer of the proxy's own (expired credentials, a refusal, a
/// GetSessionToken), or `None` to forward to moto.
pub(super) fn before(
    shared: &Shared,
    scope: Option<&CredentialScope>,
    target: Option<&str>,
    body: &[u8],
    verbatim: bool,
) -> Option<Response<Full<Bytes>>> {
    let key = scope.map(|s| s.access_key_id.as_str()).unwrap_or_default();
    if lock(&shared.sts).expired.contains(key) {
        return Some(expired(scope, target));
    }
    if let Some(op) = target.and_then(|t| t.strip_prefix(SECRETS_MANAGER_PREFIX)) {
        return denied_listing(shared, key, op);
    }
    let call = StsCall::parse(scope, target, body)?;
    match call.action.as_str() {
        "AssumeRole" => assume_role(shared, key, &call),
        "GetSessionToken" if !verbatim => Some(session_token(shared, key, &call)),
        _ => None,
    }
}

fn expired(scope: Option<&CredentialScope>, target: Option<&str>) -> Response<Full<Bytes>> {
    let service = scope.map_or("", |s| s.service.as_str());
    if target.is_none() && matches!(service, "sts" | "iam") {
        return query_error_in(
            StatusCode::BAD_REQUEST,
            "ExpiredToken",
            EXPIRED_MESSAGE,
            service == "iam",
        );
    }
    wire::json_error(
        StatusCode::BAD_REQUEST,
        "ExpiredTokenException",
        EXPIRED_MESSAGE,
    )
}

fn denied_listing(shared: &Shared, key: &str, op: &str) -> Option<Response<Full<Bytes>>> {
    if !matches!(op, "ListSecrets" | "BatchGetSecretValue") {
        return None;
    }
    let identity = lock(&shared.store).identity_for(key);
    (account_of(&identity) == Some(org::DENIED_LISTING_ACCOUNT)).then(|| {
        let action = format!("secretsmanager:{op}");
        wire::json_error(
            StatusCode::BAD_REQUEST,
            "AccessDeniedException",
            &format!(
                "User: {identity} is not authorized to perform: {action} because no \
                 identity-based policy allows the {action} action"
            ),
        )
    })
}

fn assume_role(shared: &Shared, key: &str, call: &StsCall) -> Option<Response<Full<Bytes>>> {
    let role = call.param("RoleArn")?;
    let identity = lock(&shared.store).identity_for(key);
    let caller = lock(&shared.sts).issued.get(key).cloned();
    let not_authorized = || {
        call.error(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            &format!(
                "User: {} is not authorized to perform: sts:AssumeRole on resource: {role}",
                caller_arn(&identity)
            ),
        )
    };
    if account_of(role) == Some(org::REFUSED_ASSUME_ACCOUNT)
        && call.param("RoleSessionName") != Some(org::SEED_SESSION_NAME)
    {
        return Some(not_authorized());
    }
    let (max, needs_mfa) = org::role_rules(role);
    // Only the MFA-protected roles check a code: smtui's tests send made-up codes to
    // roles of their own (AWS would check any code sent).
    if needs_mfa {
        match call.mfa() {
            Some(false) => {
                return Some(call.error(StatusCode::FORBIDDEN, "AccessDenied", MFA_FAILED_MESSAGE));
            }
            None if !caller.as_ref().is_some_and(|c| c.mfa) => return Some(not_authorized()),
            _ => {}
        }
    }
    // Unparsable durations are moto's to refuse.
    let duration = call
        .param("DurationSeconds")
        .and_then(|d| d.parse::<u32>().ok())
        .unwrap_or(org::DEFAULT_SESSION_SECS);
    if duration > max {
        return Some(call.error(StatusCode::BAD_REQUEST, "ValidationError", DURATION_MESSAGE));
    }
    let chaining = caller.as_ref().is_some_and(|c| c.role_arn.is_some());
    if chaining && duration > CHAINING_LIMIT_SECS {
        return Some(call.error(StatusCode::BAD_REQUEST, "ValidationError", CHAINING_MESSAGE));
    }
    None
}

/// After moto handed out `new_key` for the AssumeRole `call` made with `caller_key`.
pub(super) fn learn_assumed(shared: &Shared, caller_key: &str, call: &StsCall, new_key: String) {
    let mut sts = lock(&shared.sts);
    let caller_mfa = sts.issued.get(caller_key).is_some_and(|c| c.mfa);
    let issued = Issued {
        role_arn: call.param("RoleArn").map(str::to_string),
        mfa: caller_mfa || call.mfa() == Some(true),
    };
    sts.issued.insert(new_key, issued);
}

fn session_token(shared: &Shared, key: &str, call: &StsCall) -> Response<Full<Bytes>> {
    let caller = lock(&shared.sts).issued.get(key).cloned();
    if caller.is_some_and(|c| c.role_arn.is_some()) {
        return call.error(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "Cannot call GetSessionToken with session credentials",
        );
    }
    let mfa = call.mfa();
    if mfa == Some(false) {
        return call.error(StatusCode::FORBIDDEN, "AccessDenied", MFA_FAILED_MESSAGE);
    }
    let duration = call
        .param("DurationSeconds")
        .and_then(|d| d.parse::<u32>().ok())
        .unwrap_or(SESSION_TOKEN_SECS);
    let creds = minted();
    let identity = lock(&shared.store).identity_for(key);
    lock(&shared.store).remember_role(creds.access_key_id.clone(), identity);
    lock(&shared.sts).issued.insert(
        creds.access_key_id.clone(),
        Issued {
            role_arn: None,
            mfa: mfa == Some(true),
        },
    );
    let expiration = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_secs(i64::from(duration)))
        .unwrap_or_else(|_| jiff::Timestamp::now());
    let body = if call.json {
        serde_json::json!({ "Credentials": {
            "AccessKeyId": creds.access_key_id,
            "SecretAccessKey": creds.secret_access_key,
            "SessionToken": creds.session_token,
            "Expiration": expiration.as_second(),
        }})
        .to_string()
    } else {
        format!(
            "<GetSessionTokenResponse xmlns=\"{STS_XMLNS}\"><GetSessionTokenResult><Credentials>\
             <AccessKeyId>{}</AccessKeyId><SecretAccessKey>{}</SecretAccessKey>\
             <SessionToken>{}</SessionToken><Expiration>{}</Expiration></Credentials>\
             </GetSessionTokenResult><ResponseMetadata><RequestId>{}</RequestId>\
             </ResponseMetadata></GetSessionTokenResponse>",
            creds.access_key_id,
            creds.secret_access_key,
            creds.session_token,
            expiration.strftime("%Y-%m-%dT%H:%M:%SZ"),
            crate::ids::uuid_like()
        )
    };
    let mut resp = Response::new(Full::new(Bytes::from(body)));
    let content_type = if call.json {
        wire::JSON_CONTENT_TYPE
    } else {
        "text/xml"
    };
    resp.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static(content_type),
    );
    resp
}

struct Minted {
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
}

/// Unique session credentials in AWS's shapes (moto takes any key it does not know as its
/// default account's, which is where GetSessionToken's caller is).
fn minted() -> Minted {
    let hex = || crate::ids::uuid_like().replace('-', "");
    let upper: String = hex().to_uppercase();
    Minted {
        access_key_id: format!("ASIA{}", &upper[..16]),
        secret_access_key: format!("{}{}", hex(), &hex()[..8]),
        session_token: format!("FwoGZXIvYXdzE{}{}{}", hex(), hex(), hex()),
    }
}

#[cfg(test)]
#[path = "sts_tests.rs"]
mod tests;
