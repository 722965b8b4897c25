//! STS AssumeRole through the proxy: which access keys it handed out to which role, so
//! later calls made with them are recorded as that role's (and, for [`super::sts`], which
//! role each key is for and whether it was MFA-authenticated).

use super::events::RecordedEvent;
use super::sts::{StsCall, learn_assumed};
use super::wire;
use super::{ProxyHandle, Shared, lock};

const STS_JSON_ASSUME_ROLE: &str = "AWSSecurityTokenServiceV20110615.AssumeRole";

/// Remembers `AccessKeyId -> assumed-role ARN` from a successful AssumeRole, query
/// (XML) or JSON protocol.
pub(super) fn learn(
    shared: &Shared,
    scope: Option<&wire::CredentialScope>,
    target: Option<&str>,
    req_body: &[u8],
    resp_body: &[u8],
) {
    let learned = if target == Some(STS_JSON_ASSUME_ROLE) {
        serde_json::from_slice::<serde_json::Value>(resp_body)
            .ok()
            .and_then(|v| {
                let key = v["Credentials"]["AccessKeyId"].as_str()?.to_string();
                let arn = v["AssumedRoleUser"]["Arn"].as_str()?.to_string();
                Some((key, arn))
            })
    } else if scope.is_some_and(|s| s.service == "sts") && wire::is_assume_role_form(req_body) {
        wire::assume_role_result(resp_body)
    } else {
        None
    };
    if let Some((key, arn)) = learned {
        if let Some(call) = StsCall::parse(scope, target, req_body) {
            let caller = scope.map(|s| s.access_key_id.as_str()).unwrap_or_default();
            learn_assumed(shared, caller, &call, key.clone());
        }
        lock(&shared.store).remember_role(key, arn);
    }
}

impl ProxyHandle {
    /// The recorded Secrets Manager calls of `operation` (e.g. "PutSecretValue") made in
    /// `account_id`, oldest first: each says which access key and role made it
    /// ([`RecordedEvent::access_key_id`], [`RecordedEvent::role_arn`]).
    pub fn recorded_calls(&self, operation: &str, account_id: &str) -> Vec<RecordedEvent> {
        lock(&self.shared.store)
            .events()
            .filter(|e| e.event_name == operation && e.account_id() == account_id)
            .cloned()
            .collect()
    }
}
