//! The recording proxy in front of moto, on 127.0.0.1 only.
//!
//! Every request is forwarded unchanged (method, path+query, headers including Host so
//! SigV4 still verifies, full body). On the way it
//! - records Secrets Manager calls as CloudTrail-style events ([`events`]),
//! - answers `CloudTrail_20131101.LookupEvents` itself ([`lookup`]),
//! - learns which access keys STS AssumeRole handed out, to attribute later calls,
//! - rewrites moto's XML auth errors into the shapes AWS sends: JSON for JSON-protocol
//!   calls, `<ErrorResponse>` for query-protocol ones like STS ([`wire`]),
//! - injects faults per region (unreachable, delayed, LookupEvents throttling) and per
//!   operation (an answer lost after the call was made),
//! - keeps what moto drops about rotation and reads (rules, dates) and puts it back into
//!   DescribeSecret, ListSecrets, ListSecretVersionIds and GetSecretValue answers, and
//!   records the rotation service events ([`rotation`], [`rotation_calls`]). For
//!   RotateSecret, and for a GetSecretValue naming no version (asked for AWSCURRENT, as
//!   AWS answers it: [`current`]), the body moto gets is rewritten unless
//!   [`ProxyOptions::forward_verbatim`],
//! - checks what moto's STS does not (MFA, session durations, the organisation's refused
//!   account), answers GetSessionToken, expires credentials on demand and denies listing
//!   in one member account ([`sts`]),
//! - answers IAM Identity Center, which moto lacks: the access portal and the OIDC device
//!   flow, with an approval page of its own ([`identity_center`]),
//! - answers IAM's SimulatePrincipalPolicy from recorded answers and puts right what
//!   moto's GetAccountAuthorizationDetails and DescribeKey get wrong ([`access`]),
//! - makes a replica drift from its primary on request ([`replication`]).

mod access;
mod assume_role;
mod current;
pub(crate) mod events;
mod faults;
mod forward;
mod identity_center;
pub(crate) mod lookup;
mod lookup_answer;
mod oidc;
mod replication;
mod replication_calls;
pub(crate) mod rotation;
pub(crate) mod rotation_calls;
pub(crate) mod schedule;
mod simulate;
mod sso_portal;
mod sts;
pub(crate) mod wire;

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use bytes::Bytes;
use http::{HeaderMap, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use events::{CallContext, EventStore, RecordedEvent, request_ids};
pub use faults::Failure;
use faults::take_failure;
pub use replication::{ReplicaDrift, STALE_VALUE, stale_version_id};
use rotation::RotationStore;
pub use rotation_calls::{Backdate, BackdateError, RotationFailure};
pub use simulate::SimulateRequest;

pub(crate) const LOOKUP_EVENTS_TARGET: &str = "CloudTrail_20131101.LookupEvents";
const SECRETS_MANAGER_PREFIX: &str = "secretsmanager.";
/// Region assumed for unsigned requests (moto does the same).
const DEFAULT_REGION: &str = "us-east-1";

/// Fault injection and behaviour knobs; all off by default.
#[derive(Debug, Clone, Default)]
pub struct ProxyOptions {
    /// Requests signed for these regions get their connection closed with no response.
    pub(crate) unreachable_regions: HashSet<String>,
    /// Requests signed for these regions wait this long before being answered.
    pub(crate) region_delays: HashMap<String, Duration>,
    /// Every request of any region waits this long (a region's own delay wins).
    pub(crate) delay_all: Option<Duration>,
    /// Enforce CloudTrail's 2 req/s per region on LookupEvents (400 ThrottlingException).
    pub(crate) throttle_lookup_events: bool,
    /// Secrets Manager operations whose next N answers are lost: the request reaches moto
    /// (and is recorded), then the connection closes with no response, as when a network
    /// drops a reply. Tests of idempotent retries use it.
    pub(crate) drop_answers: HashMap<String, usize>,
    /// Operations whose next N calls are answered with this error instead of reaching moto
    /// (throttling, 500s, an expired token, a denied permission): Secrets Manager's
    /// (`GetSecretValue`), IAM's or another query-protocol action
    /// (`GetAccountAuthorizationDetails`), KMS's (`TrentService.DescribeKey` or
    /// `DescribeKey`). Answered in the service's error shape ([`access`] for IAM and KMS).
    pub(crate) fail_answers: HashMap<String, (usize, Failure)>,
    /// When a rotation started through the proxy records RotationFailed (moto never runs
    /// the rotation function). Default: right after RotationStarted.
    pub(crate) rotation_failure: RotationFailure,
    /// Forward every request byte for byte and make no calls of the proxy's own to moto:
    /// needed when moto verifies signatures (the stack sets it with `enforce_iam_auth`).
    /// RotateSecret then behaves as moto's does; answers are still decorated.
    pub(crate) forward_verbatim: bool,
}

/// The error that makes hyper drop the connection without writing a response: the SDK
/// sees exactly what a network failure looks like.
#[derive(Debug, thiserror::Error)]
#[error("simulated network failure (region marked unreachable)")]
struct Dropped;

struct Shared {
    upstream: SocketAddr,
    /// The proxy's own `http://127.0.0.1:PORT` (the OIDC approval page is there).
    url: String,
    options: Mutex<ProxyOptions>,
    store: Mutex<EventStore>,
    facts: Mutex<RotationStore>,
    drifts: Mutex<replication::DriftStore>,
    access: Mutex<access::AccessState>,
    sts: Mutex<sts::StsState>,
    identity_center: Mutex<identity_center::IdentityCenterState>,
    buckets: Mutex<HashMap<String, lookup_answer::Bucket>>,
    /// When each LookupEvents call arrived, and in which region (the newest
    /// `lookup_answer::MAX_LOOKUP_TIMES`): tests prove the client's rate from here.
    lookup_times: Mutex<VecDeque<(Instant, String)>>,
    client: Client<HttpConnector, Full<Bytes>>,
    in_flight: faults::InFlight,
}

/// Locks ignoring poisoning: a panicking request task must not wedge the whole proxy.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Cheap to clone; changes apply to the next request.
#[derive(Clone)]
pub struct ProxyHandle {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for ProxyHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxyHandle")
            .field("upstream", &self.shared.upstream)
            .finish_non_exhaustive()
    }
}

impl ProxyHandle {
    pub fn set_unreachable(&self, region: &str, unreachable: bool) {
        let mut o = lock(&self.shared.options);
        if unreachable {
            o.unreachable_regions.insert(region.to_string());
        } else {
            o.unreachable_regions.remove(region);
        }
    }

    /// `None` removes the delay.
    pub fn set_delay(&self, region: &str, delay: Option<Duration>) {
        let mut o = lock(&self.shared.options);
        match delay {
            Some(d) => o.region_delays.insert(region.to_string(), d),
            None => o.region_delays.remove(region),
        };
    }

    /// Delays every request, whatever its region; `None` removes the delay.
    pub fn set_delay_all(&self, delay: Option<Duration>) {
        lock(&self.shared.options).delay_all = delay;
    }

    /// Loses the answers to the next `times` calls of `operation` (e.g. "PutSecretValue")
    /// after they have been made.
    pub fn drop_answers(&self, operation: &str, times: usize) {
        lock(&self.shared.options)
            .drop_answers
            .insert(operation.to_string(), times);
    }

    /// Answers the next `times` calls of `operation` with `failure`, without reaching moto:
    /// a Secrets Manager operation (`GetSecretValue`), an IAM action
    /// (`GetAccountAuthorizationDetails`, `SimulatePrincipalPolicy`) or a KMS operation
    /// (`TrentService.DescribeKey` or `DescribeKey`), each in its service's error shape.
    pub fn fail_answers(&self, operation: &str, times: usize, failure: Failure) {
        lock(&self.shared.options)
            .fail_answers
            .insert(operation.to_string(), (times, failure));
    }

    /// How many injected failures of `operation` are still to be answered.
    pub fn failures_left(&self, operation: &str) -> usize {
        lock(&self.shared.options)
            .fail_answers
            .get(operation)
            .map_or(0, |(n, _)| *n)
    }

    /// The most calls of `operation` (e.g. "ListSecrets") the proxy has held at once since
    /// [`ProxyHandle::reset_max_in_flight`].
    pub fn max_in_flight(&self, operation: &str) -> usize {
        faults::max_in_flight(&self.shared, operation)
    }

    pub fn reset_max_in_flight(&self) {
        faults::reset_max_in_flight(&self.shared);
    }

    pub fn set_throttle_lookup_events(&self, on: bool) {
        lock(&self.shared.options).throttle_lookup_events = on;
    }

    pub(crate) fn options(&self) -> ProxyOptions {
        lock(&self.shared.options).clone()
    }

    /// Every recorded Secrets Manager call, oldest first.
    pub fn recorded_events(&self) -> Vec<RecordedEvent> {
        lock(&self.shared.store).events().cloned().collect()
    }

    /// When each LookupEvents call arrived, oldest first, with its region.
    pub fn lookup_times(&self) -> Vec<(Instant, String)> {
        lock(&self.shared.lookup_times).iter().cloned().collect()
    }

    pub fn clear_events(&self) {
        lock(&self.shared.store).clear();
    }

    /// When the next rotations started through the proxy record RotationFailed.
    pub(crate) fn set_rotation_failure(&self, failure: RotationFailure) {
        lock(&self.shared.options).rotation_failure = failure;
    }

    /// Seeding hook: puts past dates on the secret with this ARN (last rotation, rotation
    /// configured, rotation in progress since, last read). Re-sorts the event store, so
    /// call it before handing out LookupEvents NextTokens.
    pub(crate) fn backdate(&self, secret_arn: &str, dates: &Backdate) -> Result<(), BackdateError> {
        rotation_calls::backdate(&self.shared, secret_arn, dates)
    }

    /// Everything the proxy remembers about secrets beyond the event store (rotation
    /// rules, dates, version ids), as debug text: for tests that must prove no secret
    /// value is among it.
    pub fn secret_facts_dump(&self) -> String {
        format!("{:?}", *lock(&self.shared.facts))
    }
}

/// The running proxy; stops accepting and closes its connections on drop.
pub(crate) struct Proxy {
    handle: ProxyHandle,
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Proxy {
    /// Bind 127.0.0.1:0 and forward to `upstream` (moto).
    pub(crate) async fn start(upstream: SocketAddr, options: ProxyOptions) -> Result<Proxy> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .context("binding the devstack proxy on 127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            upstream,
            url: format!("http://{addr}"),
            options: Mutex::new(options),
            store: Mutex::new(EventStore::default()),
            facts: Mutex::new(RotationStore::default()),
            drifts: Mutex::new(replication::DriftStore::default()),
            access: Mutex::new(access::AccessState::default()),
            sts: Mutex::new(sts::StsState::default()),
            identity_center: Mutex::new(identity_center::IdentityCenterState::default()),
            buckets: Mutex::new(HashMap::new()),
            lookup_times: Mutex::new(VecDeque::new()),
            client: Client::builder(TokioExecutor::new())
                .pool_idle_timeout(Duration::from_secs(20))
                .build_http(),
            in_flight: faults::InFlight::default(),
        });
        let task = tokio::spawn(accept_loop(listener, shared.clone()));
        Ok(Proxy {
            handle: ProxyHandle { shared },
            addr,
            task,
        })
    }

    /// `http://127.0.0.1:PORT`
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub(crate) fn handle(&self) -> &ProxyHandle {
        &self.handle
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        // Aborting the accept loop drops its JoinSet, which aborts every connection task.
        self.task.abort();
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(x) => x,
                    Err(e) => {
                        // e.g. EMFILE: back off instead of spinning.
                        tracing::warn!("devstack proxy accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let shared = shared.clone();
                conns.spawn(async move {
                    let svc = service_fn(move |req| handle(shared.clone(), peer, req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn handle(
    shared: Arc<Shared>,
    peer: SocketAddr,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let (parts, body) = req.into_parts();
    // A client that hangs up mid-body gets the same treatment as a network failure.
    let body = body.collect().await.map_err(|_| Dropped)?.to_bytes();
    // Unsigned and regionless: answered before any per-region fault applies.
    if let Some(answer) = identity_center::answer(&shared, &parts, &body).await {
        return Ok(answer);
    }
    if let Some(answer) = replication_calls::control(&shared, &parts) {
        return Ok(answer);
    }
    let scope = header_str(&parts.headers, "authorization").and_then(wire::credential_scope);
    let region = scope
        .as_ref()
        .map_or(DEFAULT_REGION, |s| s.region.as_str())
        .to_string();
    let target = header_str(&parts.headers, "x-amz-target").map(str::to_string);
    let _held = (target
        .as_deref()
        .and_then(|t| t.strip_prefix(SECRETS_MANAGER_PREFIX)))
    .map(|op| faults::enter(&shared, op));

    let (unreachable, delay, throttle, verbatim) = {
        let o = lock(&shared.options);
        (
            o.unreachable_regions.contains(&region),
            o.region_delays.get(&region).copied().or(o.delay_all),
            o.throttle_lookup_events,
            o.forward_verbatim,
        )
    };
    if unreachable {
        return Err(Dropped);
    }
    if let Some(d) = delay {
        tokio::time::sleep(d).await;
    }
    // Expired credentials, the organisation's refusals, STS's checks.
    if let Some(answer) = sts::before(&shared, scope.as_ref(), target.as_deref(), &body, verbatim) {
        return Ok(answer);
    }

    // The Rust SDK sends `CloudTrail_20131101.LookupEvents`; botocore (AWS CLI) prefixes
    // it with `com.amazonaws.cloudtrail.v20131101.`.
    if target
        .as_deref()
        .is_some_and(|t| t.ends_with(LOOKUP_EVENTS_TARGET))
    {
        let key = scope.as_ref().map_or("", |s| s.access_key_id.as_str());
        let account = lock(&shared.store).account_of(key);
        return Ok(lookup_answer::answer(
            &shared, &region, &account, throttle, &body,
        ));
    }

    if let Some(answer) = access::before(&shared, target.as_deref(), scope.as_ref(), &body) {
        return Ok(answer);
    }
    let sm_op = target
        .as_deref()
        .and_then(|t| t.strip_prefix(SECRETS_MANAGER_PREFIX))
        .map(str::to_string);
    if let Some(failure) = sm_op.as_deref().and_then(|op| take_failure(&shared, op)) {
        let status = StatusCode::from_u16(failure.status).unwrap_or(StatusCode::BAD_REQUEST);
        return Ok(wire::json_error(status, &failure.code, &failure.message));
    }
    if let Some((op, answer)) = sm_op.as_deref().and_then(|op| {
        replication_calls::answer(&shared, op, &region, &body).map(|answer| (op, answer))
    }) {
        let ctx = call_context(op, &region, scope.as_ref(), peer, &parts.headers);
        let ids = request_ids(op, &body);
        let recorded = answer.body().clone();
        let recorded = recorded.collect().await.map_err(|_| Dropped)?.to_bytes();
        lock(&shared.store).record(&ctx, ids, answer.status().as_u16(), &recorded);
        return Ok(answer);
    }
    let (upstream_body, plan) = match &sm_op {
        Some(op) => match rotation_calls::before(
            &shared,
            op,
            &region,
            replication_calls::before(&shared, op, &region, body.clone()),
        )
        .await
        {
            rotation_calls::Before::Forward(b, plan) => (b, plan),
            rotation_calls::Before::Answer(answer) => {
                let (resp_parts, resp_body) = answer.into_parts();
                let resp_body = resp_body.collect().await.map_err(|_| Dropped)?.to_bytes();
                let ctx = call_context(op, &region, scope.as_ref(), peer, &parts.headers);
                let ids = request_ids(op, &body);
                lock(&shared.store).record(&ctx, ids, resp_parts.status.as_u16(), &resp_body);
                return Ok(Response::from_parts(resp_parts, Full::new(resp_body)));
            }
        },
        None => (body.clone(), rotation_calls::Plan::default()),
    };

    let response = match forward::forward(&shared, &parts, upstream_body).await {
        Ok(r) => r,
        Err(e) => {
            return Ok(wire::json_error(
                StatusCode::BAD_GATEWAY,
                "ServiceUnavailable",
                &format!("devstack proxy could not reach moto: {e}"),
            ));
        }
    };
    let (mut resp_parts, resp_body) = response.into_parts();
    let mut resp_body = resp_body;

    let rewritten = if target.is_some() {
        wire::rewrite_xml_error(resp_parts.status, &mut resp_parts.headers, &resp_body)
    } else {
        wire::rewrite_query_xml_error(resp_parts.status, &mut resp_parts.headers, &resp_body)
    };
    if let Some(rewritten) = rewritten {
        resp_body = rewritten;
    }

    if let Some(op) = sm_op.as_deref() {
        let service_events = if resp_parts.status.is_success() {
            rotation_calls::after(
                &shared,
                op,
                &region,
                &body,
                &plan,
                &mut resp_parts.headers,
                &mut resp_body,
            )
            .await
        } else {
            Vec::new()
        };
        replication_calls::after(&shared, op, &region, &body, &mut resp_parts, &mut resp_body);
        let ctx = call_context(op, &region, scope.as_ref(), peer, &parts.headers);
        let ids = request_ids(op, &body);
        lock(&shared.store).record(&ctx, ids, resp_parts.status.as_u16(), &resp_body);
        rotation_calls::finish(&shared, service_events);
        if take_dropped_answer(&shared, op) {
            return Err(Dropped);
        }
    } else if resp_parts.status.is_success() {
        let target = target.as_deref();
        assume_role::learn(&shared, scope.as_ref(), target, &body, &resp_body);
        access::after(
            &shared,
            target,
            &body,
            &mut resp_parts.headers,
            &mut resp_body,
        );
    }

    Ok(Response::from_parts(resp_parts, Full::new(resp_body)))
}

fn call_context(
    op: &str,
    region: &str,
    scope: Option<&wire::CredentialScope>,
    peer: SocketAddr,
    headers: &HeaderMap,
) -> CallContext {
    CallContext {
        operation: op.to_string(),
        region: region.to_string(),
        access_key_id: scope.map(|s| s.access_key_id.clone()).unwrap_or_default(),
        source_ip: peer.ip().to_string(),
        user_agent: header_str(headers, "user-agent")
            .or_else(|| header_str(headers, "x-amz-user-agent"))
            .unwrap_or_default()
            .to_string(),
    }
}

/// Whether this answer of `operation` is to be lost (see `ProxyOptions::drop_answers`).
fn take_dropped_answer(shared: &Shared, operation: &str) -> bool {
    let mut options = lock(&shared.options);
    match options.drop_answers.get_mut(operation) {
        Some(left) if *left > 0 => {
            *left -= 1;
            true
        }
        _ => false,
    }
}
