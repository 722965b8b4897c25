//! The proxy's part in rotation: what happens around a Secrets Manager call so that the
//! answers and events look like AWS's although moto 5.2.5 cannot run a rotation function.
//!
//! Before forwarding a RotateSecret (unless `ProxyOptions::forward_verbatim`):
//! - invalid `ScheduleExpression`/`Duration` are refused (InvalidParameterException);
//! - a rotation still in progress (AWSPENDING on a version other than AWSCURRENT's) is
//!   refused as AWS does (InvalidRequestException), and an AWSPENDING left on the
//!   AWSCURRENT version (a finished rotation) is removed first, which moto would
//!   otherwise refuse;
//! - the body goes to moto with `RotateImmediately: false` (moto then copies the current
//!   value into the new AWSPENDING version and keeps its "default version"; with `true`
//!   it points GetSecretValue/BatchGetSecretValue at an empty version) and with the
//!   secret's known RotationLambdaARN when the request names none (moto would otherwise
//!   forget the function and promote the new version at once).
//!
//! After a successful call the [`RotationStore`] learns from it, answers are decorated,
//! and rotation service events are recorded: RotationStarted when a rotation starts,
//! RotationFailed as [`RotationFailure`] says (moto never runs the function), and
//! RotationSucceeded when AWSCURRENT moves onto the pending version. A RotateSecret with
//! `RotateImmediately: false` only tests the configuration on AWS, so its AWSPENDING
//! label is removed again (moto leaves the version itself, unlabelled).

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderMap, Request, Response, StatusCode, header};
use http_body_util::{BodyExt, Full};
use jiff::Timestamp;
use serde_json::{Value, json};

use super::events::RecordedEvent;
use super::rotation::{Rotate, RotationStore, ServiceEvent};
use super::schedule::Rules;
use super::{Shared, lock, wire};

/// When a rotation started through the proxy records RotationFailed. moto cannot run
/// the rotation function, so every such rotation stays stuck on AWSPENDING unless a
/// test completes it with UpdateSecretVersionStage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RotationFailure {
    /// Right after RotationStarted: the function "ran" and did not finish (default).
    #[default]
    Immediately,
    /// This long after RotationStarted, if the rotation has not completed by then.
    After(Duration),
    /// Never: the rotation looks in progress for as long as it stays pending.
    Never,
}

/// Past dates for one secret, for seed data; `None` leaves a date alone.
#[derive(Debug, Clone, Default)]
pub struct Backdate {
    /// When rotation was configured: NextRotationDate counts from here until the secret
    /// has rotated once.
    pub(crate) rotation_configured: Option<SystemTime>,
    /// A rotation that completed then: LastRotatedDate, and RotationStarted plus
    /// RotationSucceeded events a minute apart ending then.
    pub(crate) last_rotated: Option<SystemTime>,
    /// The rotation in progress started then: the AWSPENDING version's CreatedDate (in
    /// ListSecretVersionIds and GetSecretValue), and the RotateSecret call and its
    /// RotationStarted/RotationFailed events move back by the same amount.
    pub(crate) pending_since: Option<SystemTime>,
    /// Last read then (LastAccessedDate, to the day).
    pub(crate) last_accessed: Option<SystemTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackdateError {
    #[error("the proxy saw no RotateSecret for {0}")]
    NoRotation(String),
    #[error("{0} has no rotation in progress")]
    NoPendingRotation(String),
}

const ROTATION_IN_PROGRESS: &str =
    "A previous rotation isn't complete. That rotation will be reattempted.";
const NO_FUNCTION: &str =
    "No Lambda rotation function ARN is associated with this secret and none was given.";

/// What the request of a RotateSecret asked for (read before it is rewritten).
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    immediately: bool,
    rules: Option<Rules>,
    lambda_arn: Option<String>,
    /// ClientRequestToken: the id of the version the rotation creates.
    token: Option<String>,
}

impl Plan {
    fn of(req: &Value) -> Plan {
        Plan {
            immediately: req
                .get("RotateImmediately")
                .and_then(Value::as_bool)
                .unwrap_or(true),
            rules: req
                .get("RotationRules")
                .and_then(|r| Rules::from_json(r).ok()),
            lambda_arn: req
                .get("RotationLambdaARN")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            token: req
                .get("ClientRequestToken")
                .and_then(Value::as_str)
                .map(str::to_string),
        }
    }
}

/// What to do with a request.
pub(super) enum Before {
    Forward(Bytes, Plan),
    /// Answer this instead of forwarding (and record the call with it).
    Answer(Response<Full<Bytes>>),
}

fn json_body(b: &[u8]) -> Value {
    serde_json::from_slice(b).unwrap_or(Value::Null)
}

/// A Secrets Manager call of the proxy's own, straight to moto (not recorded).
async fn moto(shared: &Shared, region: &str, op: &str, body: &Value) -> Option<Value> {
    let req = Request::builder()
        .method("POST")
        .uri(format!("http://{}/", shared.upstream))
        .header(header::CONTENT_TYPE, wire::JSON_CONTENT_TYPE)
        .header("x-amz-target", format!("secretsmanager.{op}"))
        .header(
            header::AUTHORIZATION,
            format!(
                "AWS4-HMAC-SHA256 Credential=devstack-proxy/20250101/{region}/secretsmanager/aws4_request, SignedHeaders=host, Signature=0"
            ),
        )
        .body(Full::new(Bytes::from(body.to_string())))
        .ok()?;
    let resp = shared.client.request(req).await.ok()?;
    let ok = resp.status().is_success();
    let bytes = resp.into_body().collect().await.ok()?.to_bytes();
    if !ok {
        tracing::debug!("devstack proxy: {op} to moto failed");
        return None;
    }
    Some(json_body(&bytes))
}

/// Runs before a Secrets Manager call is forwarded.
pub(super) async fn before(shared: &Shared, op: &str, region: &str, body: Bytes) -> Before {
    let req = json_body(&body);
    let mut plan = Plan::of(&req);
    if lock(&shared.options).forward_verbatim {
        return Before::Forward(body, plan);
    }
    if op == "GetSecretValue" {
        return Before::Forward(super::current::name_current(body), plan);
    }
    if op != "RotateSecret" {
        return Before::Forward(body, plan);
    }
    if let Some(Err(msg)) = req.get("RotationRules").map(Rules::from_json) {
        return Before::Answer(wire::json_error(
            StatusCode::BAD_REQUEST,
            "InvalidParameterException",
            &msg,
        ));
    }
    let Some(secret_id) = req.get("SecretId").and_then(Value::as_str) else {
        return Before::Forward(body, plan);
    };
    // Unknown secret and the like: moto gives the right error.
    let Some(described) = moto(
        shared,
        region,
        "DescribeSecret",
        &json!({ "SecretId": secret_id }),
    )
    .await
    else {
        return Before::Forward(body, plan);
    };
    let stages = described
        .get("VersionIdsToStages")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let has = |labels: &Value, l: &str| {
        labels
            .as_array()
            .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(l)))
    };
    for (version, labels) in &stages {
        if has(labels, "AWSPENDING") {
            if !has(labels, "AWSCURRENT") {
                return Before::Answer(wire::json_error(
                    StatusCode::BAD_REQUEST,
                    "InvalidRequestException",
                    ROTATION_IN_PROGRESS,
                ));
            }
            let remove = json!({
                "SecretId": secret_id,
                "VersionStage": "AWSPENDING",
                "RemoveFromVersionId": version,
            });
            moto(shared, region, "UpdateSecretVersionStage", &remove).await;
        }
    }
    let arn = described
        .get("ARN")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let lambda = plan.lambda_arn.clone().or_else(|| {
        described
            .get("RotationLambdaARN")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .or_else(|| {
                lock(&shared.facts)
                    .rotation(arn)
                    .and_then(|r| r.lambda_arn.clone())
            })
    });
    let Some(lambda) = lambda else {
        return Before::Answer(wire::json_error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestException",
            NO_FUNCTION,
        ));
    };
    let mut rewritten = req.clone();
    rewritten["RotateImmediately"] = json!(false);
    rewritten["RotationLambdaARN"] = json!(lambda);
    // moto answers the AWSCURRENT version's id, not the new one's: name the new one.
    let token = plan.token.get_or_insert_with(crate::ids::uuid_like);
    rewritten["ClientRequestToken"] = json!(token);
    Before::Forward(Bytes::from(rewritten.to_string()), plan)
}

/// Runs on a successful answer: learns, decorates the answer in place (dropping
/// Content-Length when the body changes) and returns the service events to record
/// once the call itself has been recorded.
pub(super) async fn after(
    shared: &Shared,
    op: &str,
    region: &str,
    req_body: &[u8],
    plan: &Plan,
    headers: &mut HeaderMap,
    resp_body: &mut Bytes,
) -> Vec<ServiceEvent> {
    const OPS: [&str; 11] = [
        "CreateSecret",
        "PutSecretValue",
        "UpdateSecret",
        "RotateSecret",
        "UpdateSecretVersionStage",
        "CancelRotateSecret",
        "GetSecretValue",
        "BatchGetSecretValue",
        "DescribeSecret",
        "ListSecrets",
        "ListSecretVersionIds",
    ];
    if !OPS.contains(&op) {
        return Vec::new();
    }
    let req = json_body(req_body);
    let mut resp = json_body(resp_body);
    let now = Timestamp::now();
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let arn = text(&resp, "ARN").unwrap_or_default();
    let (events, changed) = {
        let mut facts = lock(&shared.facts);
        let done = decorate(&mut facts, op, region, &req, &mut resp, plan, &arn, now);
        facts.observe_ids(op, region, &resp, now);
        done
    };
    if changed {
        *resp_body = Bytes::from(resp.to_string());
        headers.remove(header::CONTENT_LENGTH);
    }
    // RotateImmediately=false only tests the function on AWS: no AWSPENDING remains.
    if op == "RotateSecret" && !plan.immediately && !lock(&shared.options).forward_verbatim {
        // (`resp` now names the new version.)
        if let Some(version) = text(&resp, "VersionId") {
            let remove = json!({
                "SecretId": arn,
                "VersionStage": "AWSPENDING",
                "RemoveFromVersionId": version,
            });
            moto(shared, region, "UpdateSecretVersionStage", &remove).await;
        }
    }
    events
}

/// The store's side of [`after`]: `(events, answer changed)`.
#[allow(clippy::too_many_arguments)]
fn decorate(
    facts: &mut RotationStore,
    op: &str,
    region: &str,
    req: &Value,
    resp: &mut Value,
    plan: &Plan,
    arn: &str,
    now: Timestamp,
) -> (Vec<ServiceEvent>, bool) {
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    match op {
        "RotateSecret" => {
            let version = plan.token.clone().or_else(|| text(resp, "VersionId"));
            let (Some(name), Some(version)) = (text(resp, "Name"), version) else {
                return (Vec::new(), false);
            };
            let changed = text(resp, "VersionId").as_ref() != Some(&version);
            resp["VersionId"] = json!(version);
            let events = facts.on_rotate(
                &Rotate {
                    region,
                    arn,
                    name: &name,
                    version_id: &version,
                    rules: plan.rules.clone(),
                    lambda_arn: plan.lambda_arn.as_deref(),
                    immediately: plan.immediately,
                },
                now,
            );
            (events, changed)
        }
        "UpdateSecretVersionStage" => {
            let stage = text(req, "VersionStage").unwrap_or_default();
            let events = facts.on_stage_moved(
                arn,
                &stage,
                text(req, "MoveToVersionId").as_deref(),
                text(req, "RemoveFromVersionId").as_deref(),
                now,
            );
            (events, false)
        }
        "CancelRotateSecret" => {
            facts.on_cancel(arn);
            (Vec::new(), false)
        }
        "GetSecretValue" => {
            facts.on_read(arn, text(resp, "VersionId").as_deref(), now);
            (Vec::new(), facts.decorate_value(resp))
        }
        "BatchGetSecretValue" => {
            let read: Vec<(String, Option<String>)> = resp
                .get("SecretValues")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| Some((text(v, "ARN")?, text(v, "VersionId"))))
                .collect();
            for (a, v) in read {
                facts.on_read(&a, v.as_deref(), now);
            }
            (Vec::new(), false)
        }
        "DescribeSecret" => match resp.as_object_mut() {
            Some(m) => {
                facts.decorate_secret(m);
                (Vec::new(), true)
            }
            None => (Vec::new(), false),
        },
        "ListSecrets" => {
            facts.decorate_list(resp);
            (Vec::new(), true)
        }
        "ListSecretVersionIds" => {
            facts.decorate_versions(region, resp);
            (Vec::new(), true)
        }
        _ => (Vec::new(), false),
    }
}

/// The event-store form of a rotation event.
pub(crate) fn recorded(ev: &ServiceEvent) -> RecordedEvent {
    RecordedEvent {
        seq: 0,
        event_id: crate::ids::uuid_like(),
        request_id: format!("Rotation-{}-{}", ev.arn, ev.version_id),
        event_name: ev.name.to_string(),
        event_time: SystemTime::from(ev.at),
        region: ev.region.clone(),
        access_key_id: String::new(),
        identity_arn: String::new(),
        secret_id: None,
        secret_arn: Some(ev.arn.clone()),
        secret_name: Some(ev.secret_name.clone()),
        version_id: Some(ev.version_id.clone()),
        version_stage: None,
        source_ip: super::events::EVENT_SOURCE.to_string(),
        user_agent: super::events::EVENT_SOURCE.to_string(),
        error_code: None,
        error_message: None,
        read_only: false,
        service_event: true,
    }
}

/// Records `events` (after the call they belong to) and schedules RotationFailed for a
/// rotation that just started.
pub(super) fn finish(shared: &Arc<Shared>, events: Vec<ServiceEvent>) {
    let failure = lock(&shared.options).rotation_failure;
    let mut store = lock(&shared.store);
    for ev in events {
        store.push(recorded(&ev));
        if ev.name != "RotationStarted" {
            continue;
        }
        match failure {
            RotationFailure::Never => {}
            RotationFailure::Immediately => {
                for f in lock(&shared.facts).fail_pending(&ev.arn, &ev.version_id, Timestamp::now())
                {
                    store.push(recorded(&f));
                }
            }
            RotationFailure::After(d) => {
                let shared = shared.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(d).await;
                    let failed =
                        lock(&shared.facts).fail_pending(&ev.arn, &ev.version_id, Timestamp::now());
                    let mut store = lock(&shared.store);
                    for f in failed {
                        store.push(recorded(&f));
                    }
                });
            }
        }
    }
}

/// The seeding hook behind `ProxyHandle::backdate`.
pub(super) fn backdate(shared: &Shared, arn: &str, dates: &Backdate) -> Result<(), BackdateError> {
    let ts = |t: SystemTime| Timestamp::try_from(t).unwrap_or_else(|_| Timestamp::now());
    let mut history = Vec::new();
    let mut shift: Option<(String, SystemTime, SystemTime)> = None;
    {
        let mut facts = lock(&shared.facts);
        let rotation_dates = dates.rotation_configured.is_some()
            || dates.last_rotated.is_some()
            || dates.pending_since.is_some();
        if rotation_dates {
            let state = facts
                .rotation_mut(arn)
                .ok_or_else(|| BackdateError::NoRotation(arn.to_string()))?;
            if let Some(t) = dates.rotation_configured {
                state.configured_at = ts(t);
            }
            if let Some(t) = dates.last_rotated {
                state.last_rotated = Some(ts(t));
                let token = crate::ids::uuid_like();
                for (name, at) in [
                    ("RotationStarted", t - Duration::from_secs(60)),
                    ("RotationSucceeded", t),
                ] {
                    history.push(ServiceEvent {
                        name,
                        region: state.region.clone(),
                        arn: arn.to_string(),
                        secret_name: state.name.clone(),
                        version_id: token.clone(),
                        at: ts(at),
                    });
                }
            }
            if let Some(t) = dates.pending_since {
                let pending = state
                    .pending
                    .as_mut()
                    .ok_or_else(|| BackdateError::NoPendingRotation(arn.to_string()))?;
                let was = SystemTime::from(pending.started_at);
                pending.started_at = ts(t);
                let version = pending.version_id.clone();
                facts.set_version_created(arn, &version, ts(t));
                shift = Some((version, was, t));
            }
        }
        if let Some(t) = dates.last_accessed {
            facts.set_last_accessed(arn, ts(t));
        }
        // On AWS the last change is no earlier than the rotation history just backdated
        // (a rotation's new version is a change).
        let latest = [dates.last_rotated, dates.pending_since]
            .into_iter()
            .flatten()
            .max();
        if let Some(t) = latest {
            facts.set_last_changed(arn, ts(t), Timestamp::now());
        }
    }
    if history.is_empty() && shift.is_none() {
        return Ok(());
    }
    let mut store = lock(&shared.store);
    for ev in &history {
        store.push(recorded(ev));
    }
    store.retime(|e| {
        let (version, was, now) = shift.as_ref()?;
        let ours = e.secret_arn.as_deref() == Some(arn) && e.version_id.as_ref() == Some(version);
        if !ours {
            return None;
        }
        let offset = e.event_time.duration_since(*was).unwrap_or_default();
        Some(*now + offset)
    });
    Ok(())
}
