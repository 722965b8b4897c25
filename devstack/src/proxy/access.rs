//! The IAM and KMS calls of the access pane: what the proxy adds to moto for them.
//!
//! - Injected failures (`ProxyHandle::fail_answers`) for IAM query actions (answered as
//!   `<ErrorResponse><Error><Code>`) and KMS JSON operations (`__type` + `message`), so a
//!   test can deny `iam:GetAccountAuthorizationDetails` and the rest still answers.
//! - SimulatePrincipalPolicy from recorded answers ([`super::simulate`]), each request
//!   kept for tests ([`ProxyHandle::simulate_requests`]).
//! - GetAccountAuthorizationDetails as AWS shapes it where moto 5.2.5 does not: a user's
//!   permissions boundary (moto keeps it from CreateUser but never returns it), a role's
//!   trust policy URL-encoded like every other document, and each managed policy's
//!   `PolicyName` and `PolicyId` (moto's entries start at `Arn`).
//! - DescribeKey of an AWS managed key (`alias/aws/...`) says `KeyManager: AWS` (moto
//!   says CUSTOMER).

use std::collections::{HashMap, HashSet};

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Response, StatusCode, header};
use http_body_util::Full;

use super::faults::take_failure;
use super::simulate::{self, SimulateRequest};
use super::wire::{self, CredentialScope, xml_escape};
use super::{ProxyHandle, Shared, lock};

const KMS_PREFIX: &str = "TrentService.";
const IAM_XMLNS: &str = "https://iam.amazonaws.com/doc/2010-05-08/";

/// What the proxy remembers for these calls.
#[derive(Debug, Default)]
pub(super) struct AccessState {
    simulations: Vec<SimulateRequest>,
    /// User name → boundary policy ARN, from CreateUser.
    user_boundaries: HashMap<String, String>,
    /// Managed policy ARN → PolicyId, from CreatePolicy answers.
    policy_ids: HashMap<String, String>,
    /// Key ids and ARNs of AWS managed keys seen in DescribeKey answers.
    aws_managed_keys: HashSet<String>,
}

impl ProxyHandle {
    /// Every SimulatePrincipalPolicy request the proxy received, oldest first (those
    /// answered with an injected failure included).
    pub fn simulate_requests(&self) -> Vec<SimulateRequest> {
        lock(&self.shared.access).simulations.clone()
    }
}

/// A request that is not Secrets Manager's: a query-protocol action (IAM, STS) or a KMS
/// operation.
enum Call {
    Query(String),
    Kms(String),
}

fn call_of(target: Option<&str>, body: &[u8]) -> Option<(Call, Vec<(String, String)>)> {
    match target {
        Some(t) => Some((
            Call::Kms(t.strip_prefix(KMS_PREFIX)?.to_string()),
            Vec::new(),
        )),
        None => {
            let form = form_pairs(body);
            let action = form.iter().find(|(k, _)| k == "Action")?.1.clone();
            Some((Call::Query(action), form))
        }
    }
}

/// Before forwarding: an injected failure, or SimulatePrincipalPolicy's answer; `None`
/// forwards to moto.
pub(super) fn before(
    shared: &Shared,
    target: Option<&str>,
    scope: Option<&CredentialScope>,
    body: &[u8],
) -> Option<Response<Full<Bytes>>> {
    let (call, form) = call_of(target, body)?;
    let simulation = matches!(&call, Call::Query(a) if a == "SimulatePrincipalPolicy")
        .then(|| SimulateRequest::from_form(&form));
    if let Some(request) = &simulation {
        lock(&shared.access).simulations.push(request.clone());
    }
    match &call {
        Call::Kms(op) => {
            let failure = take_failure(shared, &format!("{KMS_PREFIX}{op}"))
                .or_else(|| take_failure(shared, op));
            if let Some(f) = failure {
                return Some(wire::json_error(status_of(f.status), &f.code, &f.message));
            }
        }
        Call::Query(action) => {
            if let Some(f) = take_failure(shared, action) {
                let iam = scope.is_none_or(|s| s.service == "iam");
                return Some(query_error_in(
                    status_of(f.status),
                    &f.code,
                    &f.message,
                    iam,
                ));
            }
        }
    }
    simulation.map(|request| simulate::answer(&request))
}

/// After a successful answer from moto: what it got wrong for these calls, put right.
pub(super) fn after(
    shared: &Shared,
    target: Option<&str>,
    body: &[u8],
    headers: &mut HeaderMap,
    answer: &mut Bytes,
) {
    let Some((call, form)) = call_of(target, body) else {
        return;
    };
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let rewritten = match &call {
        Call::Query(a) if a == "CreateUser" => {
            if let (Some(user), Some(boundary)) = (field("UserName"), field("PermissionsBoundary"))
            {
                lock(&shared.access).user_boundaries.insert(user, boundary);
            }
            None
        }
        Call::Query(a) if a == "DeleteUser" => {
            if let Some(user) = field("UserName") {
                lock(&shared.access).user_boundaries.remove(&user);
            }
            None
        }
        Call::Query(a) if a == "CreatePolicy" => {
            let xml = String::from_utf8_lossy(answer);
            if let (Some(arn), Some(id)) = (
                wire::xml_text(&xml, "Arn"),
                wire::xml_text(&xml, "PolicyId"),
            ) {
                lock(&shared.access).policy_ids.insert(arn, id);
            }
            None
        }
        Call::Query(a) if a == "GetAccountAuthorizationDetails" => {
            let state = lock(&shared.access);
            std::str::from_utf8(answer)
                .ok()
                .map(|xml| authorization_details(xml, &state))
        }
        Call::Kms(op) if op == "DescribeKey" => {
            let asked = serde_json::from_slice::<serde_json::Value>(body)
                .ok()
                .and_then(|v| v["KeyId"].as_str().map(str::to_string));
            describe_key(&mut lock(&shared.access), asked.as_deref(), answer)
        }
        _ => None,
    };
    if let Some(new) = rewritten {
        headers.remove(header::CONTENT_LENGTH);
        *answer = Bytes::from(new);
    }
}

fn status_of(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST)
}

/// An IAM query-protocol error: `<ErrorResponse><Error><Type><Code><Message>`.
pub(super) fn query_error(status: StatusCode, code: &str, message: &str) -> Response<Full<Bytes>> {
    query_error_in(status, code, message, true)
}

pub(super) fn query_error_in(
    status: StatusCode,
    code: &str,
    message: &str,
    iam: bool,
) -> Response<Full<Bytes>> {
    let xmlns = if iam {
        format!(" xmlns=\"{IAM_XMLNS}\"")
    } else {
        String::new()
    };
    let kind = if status.is_server_error() {
        "Receiver"
    } else {
        "Sender"
    };
    let xml = format!(
        "<ErrorResponse{xmlns}><Error><Type>{kind}</Type><Code>{}</Code><Message>{}</Message>\
         </Error><RequestId>{}</RequestId></ErrorResponse>",
        xml_escape(code),
        xml_escape(message),
        crate::ids::uuid_like()
    );
    let mut resp = Response::new(Full::new(Bytes::from(xml)));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/xml"));
    resp
}

/// A form body's fields, decoded (`+` is a space, `%XX` a byte).
pub(super) fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Vec::new();
    };
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(k), form_decode(v))
        })
        .collect()
}

fn form_decode(s: &str) -> String {
    let hex = |b: u8| {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| Some(hex(*bytes.get(i + 1)?)? * 16 + hex(*bytes.get(i + 2)?)?))
            .flatten();
        match (bytes[i], escaped) {
            (_, Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (b, None) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding as moto (Python's `quote`) applies it to the other policy documents:
/// unreserved characters and `/` stay.
fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// GetAccountAuthorizationDetails with each known user's `PermissionsBoundary` (after
/// its `AttachedManagedPolicies`, where AWS puts it), trust policies URL-encoded and
/// managed policies named.
fn authorization_details(xml: &str, state: &AccessState) -> String {
    let mut out = name_managed_policies(&encode_trust_policies(xml), &state.policy_ids);
    for (user, arn) in &state.user_boundaries {
        let Some(users_start) = out.find("<UserDetailList>") else {
            break;
        };
        let users_end = out[users_start..]
            .find("</UserDetailList>")
            .map_or(out.len(), |i| users_start + i);
        let name = format!("<UserName>{}</UserName>", xml_escape(user));
        let Some(at) = out[users_start..users_end]
            .find(&name)
            .map(|i| users_start + i)
        else {
            continue;
        };
        // This user's part of the list ends where the next user starts.
        let next_user = out[at + name.len()..users_end]
            .find("<UserName>")
            .map_or(users_end, |i| at + name.len() + i);
        let part = &out[at..next_user];
        if part.contains("<PermissionsBoundary>") {
            continue;
        }
        let after_policies = ["<AttachedManagedPolicies/>", "</AttachedManagedPolicies>"]
            .iter()
            .filter_map(|tag| part.find(tag).map(|i| at + i + tag.len()))
            .min();
        let Some(insert_at) = after_policies else {
            continue;
        };
        out.insert_str(
            insert_at,
            &format!(
                "<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy\
                 </PermissionsBoundaryType><PermissionsBoundaryArn>{}</PermissionsBoundaryArn>\
                 </PermissionsBoundary>",
                xml_escape(arn)
            ),
        );
    }
    out
}

/// moto's `Policies` entries start at `Arn`; AWS's with `PolicyName` and `PolicyId` (the
/// id when the proxy saw the policy created).
fn name_managed_policies(xml: &str, ids: &HashMap<String, String>) -> String {
    const ENTRY: &str = "<member><Arn>";
    let Some(list) = xml.find("<Policies>") else {
        return xml.to_string();
    };
    let mut out = String::with_capacity(xml.len());
    out.push_str(&xml[..list]);
    let mut rest = &xml[list..];
    while let Some(at) = rest.find(ENTRY) {
        let arn_start = at + ENTRY.len();
        let Some(len) = rest[arn_start..].find("</Arn>") else {
            break;
        };
        let arn = wire::xml_unescape(&rest[arn_start..arn_start + len]);
        out.push_str(&rest[..at]);
        out.push_str("<member>");
        let name = arn.rsplit('/').next().unwrap_or_default();
        out.push_str(&format!("<PolicyName>{}</PolicyName>", xml_escape(name)));
        if let Some(id) = ids.get(&arn) {
            out.push_str(&format!("<PolicyId>{}</PolicyId>", xml_escape(id)));
        }
        rest = &rest[at + "<member>".len()..];
    }
    out.push_str(rest);
    out
}

/// moto returns `AssumeRolePolicyDocument` as plain JSON; AWS URL-encodes it.
fn encode_trust_policies(xml: &str) -> String {
    const OPEN: &str = "<AssumeRolePolicyDocument>";
    const CLOSE: &str = "</AssumeRolePolicyDocument>";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find(OPEN) {
        let text_start = start + OPEN.len();
        let Some(len) = rest[text_start..].find(CLOSE) else {
            break;
        };
        out.push_str(&rest[..text_start]);
        let text = &rest[text_start..text_start + len];
        if text.trim_start().starts_with('{') {
            out.push_str(&url_encode(&wire::xml_unescape(text)));
        } else {
            out.push_str(text);
        }
        rest = &rest[text_start + len..];
    }
    out.push_str(rest);
    out
}

/// DescribeKey: an AWS managed key (asked for by its `alias/aws/...` alias, or by the id
/// or ARN such an answer gave) is `KeyManager: AWS`.
fn describe_key(state: &mut AccessState, asked: Option<&str>, answer: &[u8]) -> Option<String> {
    let mut v: serde_json::Value = serde_json::from_slice(answer).ok()?;
    let meta = v.get_mut("KeyMetadata")?;
    let id = meta["KeyId"].as_str()?.to_string();
    let arn = meta["Arn"].as_str().unwrap_or_default().to_string();
    let aws_managed =
        asked.is_some_and(|a| a.starts_with("alias/aws/")) || state.aws_managed_keys.contains(&id);
    if !aws_managed || meta["KeyManager"] == "AWS" {
        return None;
    }
    state.aws_managed_keys.insert(id);
    state.aws_managed_keys.insert(arn);
    meta["KeyManager"] = serde_json::Value::from("AWS");
    Some(v.to_string())
}

#[cfg(test)]
#[path = "access_tests.rs"]
mod tests;
