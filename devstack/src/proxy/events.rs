//! CloudTrail-style records of Secrets Manager calls that passed through the proxy.
//!
//! The security rule: only identifiers are ever copied out of a request or response
//! (SecretId/Name, VersionId, VersionStage, the ARN/Name moto answered with). Bodies are
//! parsed into `serde_json::Value`, the ids are picked out, and the rest is dropped: no
//! SecretString, SecretBinary or any other value can reach the store.

use std::collections::{HashMap, VecDeque};
use std::time::SystemTime;

use serde_json::Value;

use super::wire::strip_error_type;

/// moto's default account.
pub(crate) const ACCOUNT_ID: &str = "123456789012";
/// Who a call is attributed to when its access key did not come from an AssumeRole: who
/// moto's GetCallerIdentity says the stack's own keys are. A client compares the two (the
/// audit pane leaves out its own reads), so the record names who the caller is told it is.
pub(crate) const DEFAULT_IDENTITY_ARN: &str = "arn:aws:sts::123456789012:user/moto";
pub(crate) const EVENT_SOURCE: &str = "secretsmanager.amazonaws.com";
pub(crate) const RESOURCE_TYPE: &str = "AWS::SecretsManager::Secret";
/// The store keeps the newest this-many events (a long `up` session must not grow forever).
pub(crate) const MAX_EVENTS: usize = 100_000;

/// One recorded Secrets Manager API call.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedEvent {
    /// Monotonic position in the store; paging tokens refer to it.
    pub(crate) seq: u64,
    pub(crate) event_id: String,
    pub(crate) request_id: String,
    pub event_name: String,
    pub(crate) event_time: SystemTime,
    pub(crate) region: String,
    pub access_key_id: String,
    /// Assumed-role ARN for keys minted by AssumeRole, else [`DEFAULT_IDENTITY_ARN`].
    pub identity_arn: String,
    /// `SecretId` (or `Name` for CreateSecret) exactly as the caller sent it.
    pub(crate) secret_id: Option<String>,
    /// The secret's ARN and name as moto answered (or as learned earlier), so a lookup by
    /// either finds calls made with the other.
    pub(crate) secret_arn: Option<String>,
    pub secret_name: Option<String>,
    pub(crate) version_id: Option<String>,
    pub(crate) version_stage: Option<String>,
    pub(crate) source_ip: String,
    pub(crate) user_agent: String,
    pub(crate) error_code: Option<String>,
    pub(crate) error_message: Option<String>,
    pub read_only: bool,
    /// An event Secrets Manager writes itself (`eventType: AwsServiceEvent`, e.g.
    /// RotationStarted): no caller, no access key, no request parameters; the secret is
    /// in `secret_arn`/`secret_name` (`additionalEventData.SecretId`), never in
    /// `secret_id`.
    pub(crate) service_event: bool,
}

impl RecordedEvent {
    /// The account the call was made in: the identity's (an assumed role's account, or
    /// the stack's own for its keys); for a service event, the secret's.
    pub fn account_id(&self) -> &str {
        account_in(&self.identity_arn)
            .or_else(|| self.secret_arn.as_deref().and_then(account_in))
            .unwrap_or(ACCOUNT_ID)
    }

    /// The IAM role whose credentials made the call (`arn:aws:iam::<account>:role/<name>`),
    /// `None` when they did not come from an AssumeRole.
    pub fn role_arn(&self) -> Option<String> {
        let rest = self.identity_arn.split(":assumed-role/").nth(1)?;
        let role = rest.split('/').next()?;
        Some(format!("arn:aws:iam::{}:role/{role}", self.account_id()))
    }

    /// The last path segment of the identity ARN (the session name for assumed roles).
    pub(crate) fn username(&self) -> &str {
        self.identity_arn
            .rsplit('/')
            .next()
            .unwrap_or(&self.identity_arn)
    }
}

/// The account field of an ARN, if it has one.
fn account_in(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}

/// Get*/List*/Describe* (and the other pure reads) are read-only, as CloudTrail marks them.
pub(crate) fn is_read_only(op: &str) -> bool {
    ["Get", "List", "Describe", "BatchGet", "Validate"]
        .iter()
        .any(|p| op.starts_with(p))
}

/// What the proxy knows about a call before it is forwarded.
#[derive(Debug, Clone)]
pub(crate) struct CallContext {
    pub(crate) operation: String,
    pub(crate) region: String,
    pub(crate) access_key_id: String,
    pub(crate) source_ip: String,
    pub(crate) user_agent: String,
}

/// Ids picked out of a request body; everything else in it is discarded here.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RequestIds {
    pub(crate) secret_id: Option<String>,
    pub(crate) version_id: Option<String>,
    pub(crate) version_stage: Option<String>,
}

pub(crate) fn request_ids(operation: &str, body: &[u8]) -> RequestIds {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return RequestIds::default();
    };
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let secret_id = if operation == "CreateSecret" {
        text("Name")
    } else {
        text("SecretId")
    };
    RequestIds {
        secret_id,
        version_id: text("VersionId").or_else(|| {
            text("ClientRequestToken").filter(|_| {
                // For writes the token *is* the new version id; CloudTrail shows it too.
                matches!(
                    operation,
                    "PutSecretValue" | "UpdateSecret" | "RotateSecret"
                )
            })
        }),
        version_stage: text("VersionStage"),
    }
}

/// `(ARN, Name)` from a successful response, when moto included them.
pub(crate) fn response_ids(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return (None, None);
    };
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    (text("ARN"), text("Name"))
}

/// `(code, message)` of a JSON error response.
pub(crate) fn response_error(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return (None, None);
    };
    let code = v
        .get("__type")
        .and_then(Value::as_str)
        .map(|t| strip_error_type(t).to_string());
    let message = v
        .get("message")
        .or_else(|| v.get("Message"))
        .and_then(Value::as_str)
        .map(str::to_string);
    (code, message)
}

/// The capped, append-only event store plus what it learned along the way.
#[derive(Debug, Default)]
pub(crate) struct EventStore {
    events: VecDeque<RecordedEvent>,
    next_seq: u64,
    /// access key id -> assumed-role ARN, learned from AssumeRole responses.
    roles: HashMap<String, String>,
    /// (region, name or ARN) -> (ARN, name), learned from successful responses.
    secrets: HashMap<(String, String), (String, String)>,
}

impl EventStore {
    pub(crate) fn remember_role(&mut self, access_key_id: String, arn: String) {
        self.roles.insert(access_key_id, arn);
    }

    /// The account calls signed with `access_key_id` are made in.
    pub(crate) fn account_of(&self, access_key_id: &str) -> String {
        account_in(&self.identity_for(access_key_id))
            .unwrap_or(ACCOUNT_ID)
            .to_string()
    }

    pub(crate) fn identity_for(&self, access_key_id: &str) -> String {
        self.roles
            .get(access_key_id)
            .cloned()
            .unwrap_or_else(|| DEFAULT_IDENTITY_ARN.to_string())
    }

    /// Builds and stores the event for one finished call. `response_body` is only read
    /// for ids (`ARN`, `Name`) and the error code/message.
    pub(crate) fn record(
        &mut self,
        ctx: &CallContext,
        ids: RequestIds,
        status: u16,
        response_body: &[u8],
    ) -> RecordedEvent {
        let (mut arn, mut name, error_code, error_message) = if status < 300 {
            let (arn, name) = response_ids(response_body);
            (arn, name, None, None)
        } else {
            let (code, msg) = response_error(response_body);
            (
                None,
                None,
                Some(code.unwrap_or_else(|| format!("Http{status}"))),
                msg,
            )
        };
        // moto's ListSecretVersionIds answers the name as `ARN`: learn real ARNs only.
        if let (Some(a), Some(n)) = (&arn, &name)
            && a.starts_with("arn:")
        {
            // Cap the side table with the store: it is only an aid for lookups.
            if self.secrets.len() < MAX_EVENTS {
                let v = (a.clone(), n.clone());
                self.secrets
                    .insert((ctx.region.clone(), a.clone()), v.clone());
                self.secrets.insert((ctx.region.clone(), n.clone()), v);
            }
        } else if let Some(id) = &ids.secret_id
            && let Some((a, n)) = self.secrets.get(&(ctx.region.clone(), id.clone()))
        {
            arn = Some(a.clone());
            name = Some(n.clone());
        }
        let event = RecordedEvent {
            seq: self.next_seq,
            event_id: crate::ids::uuid_like(),
            request_id: crate::ids::uuid_like(),
            event_name: ctx.operation.clone(),
            event_time: SystemTime::now(),
            region: ctx.region.clone(),
            access_key_id: ctx.access_key_id.clone(),
            identity_arn: self.identity_for(&ctx.access_key_id),
            secret_id: ids.secret_id,
            secret_arn: arn,
            secret_name: name,
            version_id: ids.version_id,
            version_stage: ids.version_stage,
            source_ip: ctx.source_ip.clone(),
            user_agent: ctx.user_agent.clone(),
            error_code,
            error_message,
            read_only: is_read_only(&ctx.operation),
            service_event: false,
        };
        self.push(event.clone());
        event
    }

    /// Appends an event (assigning its `seq`); used directly by tests with synthetic data.
    pub(crate) fn push(&mut self, mut event: RecordedEvent) {
        event.seq = self.next_seq;
        self.next_seq += 1;
        self.events.push_back(event);
        while self.events.len() > MAX_EVENTS {
            self.events.pop_front();
        }
    }

    /// Seeding only: gives the events `new_time` picks a new time, then re-sorts the store
    /// by time and renumbers `seq` (NextTokens handed out before become meaningless).
    pub(crate) fn retime(
        &mut self,
        mut new_time: impl FnMut(&RecordedEvent) -> Option<SystemTime>,
    ) {
        for e in &mut self.events {
            if let Some(t) = new_time(e) {
                e.event_time = t;
            }
        }
        let mut all: Vec<RecordedEvent> = self.events.drain(..).collect();
        all.sort_by_key(|e| e.event_time);
        let base = self.next_seq - all.len() as u64;
        for (i, mut e) in all.into_iter().enumerate() {
            e.seq = base + i as u64;
            self.events.push_back(e);
        }
    }

    /// Oldest first.
    pub(crate) fn events(&self) -> impl DoubleEndedIterator<Item = &RecordedEvent> {
        self.events.iter()
    }

    pub(crate) fn clear(&mut self) {
        self.events.clear();
    }
}
