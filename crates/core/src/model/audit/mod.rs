//! CloudTrail events about secrets, as the audit pane shows them. The `CloudTrailEvent`
//! JSON is untrusted and parsed defensively: any field may be missing, of another type,
//! huge or full of control characters, and the event still becomes a row (strings are cut
//! here and sanitised where they are drawn).

mod lookup;
pub(crate) mod principal;
pub(crate) mod summary;

use jiff::Timestamp;
use serde_json::Value;

pub use lookup::{AuditPage, Lookup};
pub(crate) use principal::{Principal, PrincipalKind};

use crate::model::{RotationEvent, RotationEventKind};

/// The longest text kept from any one field of an event.
pub const MAX_FIELD_CHARS: usize = 512;
/// The longest `CloudTrailEvent` kept for the detail view (bigger ones are cut, and say so).
pub const MAX_RAW_BYTES: usize = 64 * 1024;
/// The app name smtui puts in its user agent (`app/smtui`), to recognise its own reads.
/// Any caller can put it in theirs, so it alone never hides an event (see `own_read`).
pub(crate) const SMTUI_APP: &str = "app/smtui";
/// The Secrets Manager calls that only read, for records without CloudTrail's `readOnly`.
pub(crate) const READ_ONLY_EVENTS: &[&str] = &[
    "GetSecretValue",
    "DescribeSecret",
    "ListSecretVersionIds",
    "ListSecrets",
    "GetResourcePolicy",
    "BatchGetSecretValue",
    "GetRandomPassword",
];

/// One CloudTrail event.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub id: String,
    pub name: String,
    pub(crate) time: Option<Timestamp>,
    pub principal: Principal,
    pub source_ip: Option<String>,
    pub user_agent: Option<String>,
    /// `errorCode`: the call failed (AccessDenied, ResourceNotFoundException, …).
    pub error_code: Option<String>,
    pub(crate) error_message: Option<String>,
    /// Every form the event names a secret by: requestParameters.secretId (a name, an ARN
    /// or a partial ARN), BatchGetSecretValue's list, additionalEventData.SecretId.
    pub secret_ids: Vec<String>,
    /// Written by Secrets Manager itself (rotation, version deletion, replication).
    pub(crate) service_event: bool,
    /// Made by smtui (its app name is in the user agent), or by anyone who says so.
    pub by_smtui: bool,
    /// Changes nothing: CloudTrail's `readOnly`, or when the record lacks it, a name in
    /// `READ_ONLY_EVENTS`.
    pub(crate) read_only: bool,
    /// The whole record as CloudTrail gave it (cut at `MAX_RAW_BYTES`).
    pub raw: String,
}

/// Who smtui is, to know its own reads: the identity's ARN (GetCallerIdentity's) and the
/// access key ids its calls were signed with (learned from the lookups' own signatures).
/// Until both are known, nothing is smtui's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Me {
    pub arn: Option<String>,
    pub access_keys: Vec<String>,
}

impl Me {
    /// Adds a key smtui signed with (each once).
    pub(crate) fn learn_key(&mut self, key: Option<String>) {
        if let Some(key) = key
            && !self.access_keys.contains(&key)
        {
            self.access_keys.push(key);
        }
    }
}

/// What LookupEvents says about an event besides the JSON record.
#[derive(Debug, Clone, Default)]
pub struct Envelope<'a> {
    pub event_id: Option<&'a str>,
    pub event_name: Option<&'a str>,
    pub event_time: Option<Timestamp>,
    pub username: Option<&'a str>,
    pub cloudtrail_event: Option<&'a str>,
}

impl AuditEvent {
    /// Builds an event from what LookupEvents returned; never fails.
    pub fn parse(envelope: &Envelope) -> AuditEvent {
        let raw_text = envelope.cloudtrail_event.unwrap_or_default();
        let record: Value = serde_json::from_str(raw_text).unwrap_or(Value::Null);
        let text = |key: &str| field(&record, key);
        // An empty name is no name: the row still needs a word in its EVENT column.
        let name = text("eventName")
            .filter(|n| !n.is_empty())
            .or_else(|| envelope.event_name.filter(|n| !n.is_empty()).map(cut))
            .unwrap_or_else(|| "(unnamed)".to_owned());
        let time = envelope.event_time.or_else(|| {
            record
                .get("eventTime")
                .and_then(Value::as_str)
                .and_then(|t| t.parse().ok())
        });
        let user_agent = text("userAgent");
        let service_event = text("eventType").as_deref() == Some("AwsServiceEvent");
        let read_only = match record.get("readOnly") {
            Some(Value::Bool(flag)) => *flag,
            Some(Value::String(flag)) if flag == "true" || flag == "false" => flag == "true",
            _ => READ_ONLY_EVENTS.contains(&name.as_str()),
        };
        AuditEvent {
            id: envelope
                .event_id
                .map(cut)
                .or_else(|| text("eventID"))
                .unwrap_or_default(),
            name,
            time,
            principal: Principal::of(&record, envelope.username),
            source_ip: text("sourceIPAddress"),
            by_smtui: user_agent
                .as_deref()
                .is_some_and(|ua| ua.contains(SMTUI_APP)),
            user_agent,
            error_code: text("errorCode"),
            error_message: text("errorMessage"),
            secret_ids: secret_ids(&record),
            service_event,
            read_only,
            raw: raw(raw_text),
        }
    }

    /// One of smtui's own reads, left out of the pane by default: made through smtui, only
    /// reading, by the identity the view was asked as (`me.arn`, from its
    /// GetCallerIdentity), and signed with a key smtui signs with (`me.access_keys`). The
    /// user agent is the caller's to choose, and anyone who may assume the same role with
    /// the same session name gets the same ARN, but never the same key: so a read is
    /// smtui's own only when all three match. A write, or anyone else's call, always shows.
    pub fn own_read(&self, me: &Me) -> bool {
        self.by_smtui
            && self.read_only
            && me.arn.is_some()
            && self.principal.arn == me.arn
            && self
                .principal
                .access_key_id
                .as_ref()
                .is_some_and(|key| me.access_keys.contains(key))
    }

    /// A denied attempt (the ones an engineer looks for first).
    pub fn denied(&self) -> bool {
        self.error_code.as_deref().is_some_and(|code| {
            let code = code.to_ascii_lowercase();
            code.contains("accessdenied")
                || code.contains("unauthorized")
                || code.contains("forbidden")
        })
    }

    /// The outcome in a word or two: "success", the error code, or for the events Secrets
    /// Manager writes itself, a failed or abandoned rotation (which carry no error code).
    pub fn outcome(&self) -> (String, bool) {
        match (&self.error_code, self.name.as_str()) {
            (Some(code), _) => (code.clone(), true),
            (None, "RotationFailed") => ("rotation failed".to_owned(), true),
            (None, "RotationAbandoned") => ("rotation abandoned".to_owned(), true),
            (None, _) => ("success".to_owned(), false),
        }
    }

    /// Whether it names the secret `arn` (called `name`) in any form: its name, its ARN,
    /// or a partial ARN (the ARN without the random six-character suffix).
    pub(crate) fn names_secret(&self, arn: &str, name: &str) -> bool {
        let partial = partial_arn(arn);
        self.secret_ids
            .iter()
            .any(|id| id == arn || id == name || Some(id.as_str()) == partial)
    }

    /// The secret it is about, by name, for the region view: the name inside an ARN (its
    /// random suffix dropped), and "+N" when it names several (BatchGetSecretValue).
    pub(crate) fn secret_label(&self) -> Option<String> {
        let first = self.secret_ids.first()?;
        let name = match first.split_once(":secret:") {
            Some((_, rest)) => partial_arn(first).map_or(rest, |head| {
                head.split_once(":secret:").map_or(rest, |(_, name)| name)
            }),
            None => first.as_str(),
        };
        Some(match self.secret_ids.len() {
            1 => name.to_owned(),
            n => format!("{name} +{}", n - 1),
        })
    }

    /// A rotation event, for the rotation panel.
    pub(crate) fn rotation_event(&self) -> Option<RotationEvent> {
        Some(RotationEvent {
            kind: RotationEventKind::from_event_name(&self.name)?,
            at: self.time?,
        })
    }

    /// The user agent in a few words: the tool and its version, not the whole string.
    pub fn short_agent(&self) -> String {
        let Some(agent) = self.user_agent.as_deref() else {
            return String::new();
        };
        if agent.contains(SMTUI_APP) {
            return "smtui".to_owned();
        }
        let first = agent.split_whitespace().next().unwrap_or(agent);
        first.chars().take(32).collect()
    }
}

/// An ARN without the six random characters Secrets Manager appends (`…:secret:name`),
/// which CloudTrail keeps when a caller used it.
pub(crate) fn partial_arn(arn: &str) -> Option<&str> {
    let (head, suffix) = arn.rsplit_once('-')?;
    (suffix.len() == 6 && head.contains(":secret:")).then_some(head)
}

/// A string field, cut to `MAX_FIELD_CHARS`; `None` when missing or not a string.
fn field(record: &Value, key: &str) -> Option<String> {
    record.get(key).and_then(Value::as_str).map(cut)
}

fn cut(text: &str) -> String {
    text.chars().take(MAX_FIELD_CHARS).collect()
}

fn raw(text: &str) -> String {
    if text.len() <= MAX_RAW_BYTES {
        return text.to_owned();
    }
    let mut end = MAX_RAW_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… (cut: the event is {} bytes)", &text[..end], text.len())
}

fn secret_ids(record: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    let mut push = |v: Option<&Value>| {
        if let Some(id) = v.and_then(Value::as_str) {
            ids.push(cut(id));
        }
    };
    let params = record.get("requestParameters");
    push(params.and_then(|p| p.get("secretId")));
    push(params.and_then(|p| p.get("name")));
    if let Some(list) = params
        .and_then(|p| p.get("secretIdList"))
        .and_then(Value::as_array)
    {
        for id in list.iter().take(100) {
            push(Some(id));
        }
    }
    let extra = record.get("additionalEventData");
    push(extra.and_then(|e| e.get("SecretId")));
    push(extra.and_then(|e| e.get("secretId")));
    push(record.get("responseElements").and_then(|r| r.get("arn")));
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests;
