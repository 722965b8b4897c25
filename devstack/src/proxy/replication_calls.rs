//! The I/O around [`super::replication`]: the hooks `handle` calls around a Secrets
//! Manager call, and the demo's control page.

use std::collections::HashMap;

use bytes::Bytes;
use http::{HeaderValue, Method, Response, StatusCode, header};
use http_body_util::Full;
use serde_json::{Value, json};

use super::access::form_pairs;
use super::replication::{ReplicaDrift, before_get, missing_version, rewrite, stop_replication};
use super::{Shared, header_str, lock, wire};

/// `GET /smtui-devstack/drift?secret=NAME&region=REPLICA_REGION&kind=stale|kms|failed|heal&value=…`
/// (`value`: the key for `kms`, the StatusMessage for `failed`): the demo's way to make a
/// replica drift, or agree again, with `curl`.
pub(super) const DRIFT_PATH: &str = "/smtui-devstack/drift";

/// The request to send moto: a GetSecretValue naming a stale replica's version by id is
/// asked for AWSCURRENT instead; anything else unchanged.
pub(super) fn before(shared: &Shared, op: &str, region: &str, body: Bytes) -> Bytes {
    if op != "GetSecretValue" {
        return body;
    }
    let drifts = lock(&shared.drifts);
    if drifts.is_empty() {
        return body;
    }
    before_get(&drifts, region, &body).unwrap_or(body)
}

/// The proxy's own answer to a call moto lacks (StopReplicationToReplica), if `op` is one.
pub(super) fn answer(
    shared: &Shared,
    op: &str,
    region: &str,
    body: &[u8],
) -> Option<Response<Full<Bytes>>> {
    if op != "StopReplicationToReplica" {
        return None;
    }
    let answer = stop_replication(&mut lock(&shared.drifts), region, body)?;
    let mut resp = Response::new(Full::new(Bytes::from(answer.to_string())));
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    Some(resp)
}

/// Rewrites a successful answer for the drifts, or turns it into the error AWS would
/// answer instead (dropping Content-Length when the body changes).
pub(super) fn after(
    shared: &Shared,
    op: &str,
    region: &str,
    req_body: &[u8],
    resp_parts: &mut http::response::Parts,
    resp_body: &mut Bytes,
) {
    let drifts = lock(&shared.drifts);
    // Most calls of most runs: no drift, no parsing.
    if drifts.is_empty() || !resp_parts.status.is_success() {
        return;
    }
    let Ok(mut resp) = serde_json::from_slice::<Value>(resp_body) else {
        return;
    };
    if op == "GetSecretValue" {
        let req = serde_json::from_slice(req_body).unwrap_or(Value::Null);
        if let Some((code, message)) = missing_version(&drifts, region, &req, &resp) {
            resp_parts.status = StatusCode::BAD_REQUEST;
            wire::set_json_error_headers(&mut resp_parts.headers, code);
            resp_parts.headers.remove(header::CONTENT_LENGTH);
            *resp_body = Bytes::from(json!({ "__type": code, "message": message }).to_string());
            return;
        }
    }
    if rewrite(&drifts, op, region, &mut resp) {
        *resp_body = Bytes::from(resp.to_string());
        resp_parts.headers.remove(header::CONTENT_LENGTH);
    }
}

/// The control page's answer, if `parts` asks for it (unsigned, like the approval page).
pub(super) fn control(
    shared: &Shared,
    parts: &http::request::Parts,
) -> Option<Response<Full<Bytes>>> {
    if parts.method != Method::GET
        || parts.uri.path() != DRIFT_PATH
        || header_str(&parts.headers, "authorization").is_some()
    {
        return None;
    }
    let query = parts.uri.query().unwrap_or_default();
    let params: HashMap<String, String> = form_pairs(query.as_bytes()).into_iter().collect();
    let param = |k: &str| params.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let (Some(secret), Some(region), Some(kind)) =
        (param("secret"), param("region"), param("kind"))
    else {
        return Some(page(
            StatusCode::BAD_REQUEST,
            "smtui-devstack: secret, region and kind (stale, kms, failed or heal) are required\n",
        ));
    };
    let drift = match (kind, param("value")) {
        ("stale", _) => ReplicaDrift::StaleVersion,
        ("kms", Some(key)) => ReplicaDrift::KmsKey(key.to_string()),
        ("failed", Some(message)) => ReplicaDrift::Failed(message.to_string()),
        ("heal", _) => {
            let had = lock(&shared.drifts).heal(secret, region);
            let text = if had {
                format!(
                    "smtui-devstack: the replica of {secret} in {region} agrees with its primary again\n"
                )
            } else {
                format!("smtui-devstack: the replica of {secret} in {region} had not drifted\n")
            };
            return Some(page(StatusCode::OK, &text));
        }
        _ => {
            return Some(page(
                StatusCode::BAD_REQUEST,
                "smtui-devstack: kind is stale, kms (with value=KEY), failed (with value=MESSAGE) or heal\n",
            ));
        }
    };
    let text =
        format!("smtui-devstack: the replica of {secret} in {region} now drifts: {drift:?}\n");
    lock(&shared.drifts).add(secret, region, drift);
    Some(page(StatusCode::OK, &text))
}

fn page(status: StatusCode, text: &str) -> Response<Full<Bytes>> {
    let mut resp = Response::new(Full::new(Bytes::from(text.to_owned())));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}
