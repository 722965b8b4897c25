//! Who made a CloudTrail event, from its `userIdentity`, by its type: the role and session
//! for an assumed role (and the Identity Center user for `AWSReservedSSO_*` roles), the
//! user name for an IAM user, the service for service calls and for the events Secrets
//! Manager writes itself (which carry no type), root flagged.

use serde_json::Value;

use super::cut;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PrincipalKind {
    AssumedRole,
    /// An assumed `AWSReservedSSO_*` role: a person signed in through IAM Identity Center.
    IdentityCenter,
    IamUser,
    Root,
    Service,
    Federated,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub(crate) kind: PrincipalKind,
    /// What the pane shows: "role/deploy (ci-42)", "user/bob", "ROOT".
    pub label: String,
    /// `userIdentity.arn` as recorded (an assumed role's is its session's,
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`), the form GetCallerIdentity gives.
    /// Text, not an `Arn`: a record is not ours to trust and may hold anything here (shown
    /// as it is for an unknown principal, compared as text with the caller's); where the
    /// label needs its parts it is parsed (`last_segment`, `assumed_role`).
    pub arn: Option<String>,
    /// `userIdentity.accessKeyId`: the key the call was signed with (anyone who can assume
    /// a role gets the same session ARN, never the same key).
    pub access_key_id: Option<String>,
    /// An assumed role's `sessionContext.sessionIssuer.arn`: the role itself
    /// (`arn:aws:iam::ACCOUNT:role/PATH/NAME`), which the session ARN does not name whole.
    pub(crate) issuer_arn: Option<String>,
    /// The session was authenticated with MFA.
    pub(crate) mfa: bool,
    /// `sourceIdentity`, set by whoever assumed the role (who is really behind it).
    pub(crate) source_identity: Option<String>,
}

impl Principal {
    /// From an event record; `username` is LookupEvents' own Username, a fallback.
    pub(crate) fn of(record: &Value, username: Option<&str>) -> Principal {
        let identity = record.get("userIdentity").unwrap_or(&Value::Null);
        let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(cut);
        let context = identity.get("sessionContext").unwrap_or(&Value::Null);
        let attributes = context.get("attributes").unwrap_or(&Value::Null);
        let mfa = match attributes.get("mfaAuthenticated") {
            Some(Value::String(s)) => s == "true",
            Some(Value::Bool(b)) => *b,
            _ => false,
        };
        let source_identity =
            text(context, "sourceIdentity").or_else(|| text(identity, "sourceIdentity"));
        let arn = text(identity, "arn");
        let (kind, label) = match text(identity, "type").as_deref() {
            Some("AssumedRole") => assumed_role(arn.as_deref(), context),
            Some("IAMUser") => (
                PrincipalKind::IamUser,
                format!(
                    "user/{}",
                    text(identity, "userName")
                        .or_else(|| arn.as_deref().map(last_segment))
                        .unwrap_or_default()
                ),
            ),
            Some("Root") => (
                PrincipalKind::Root,
                format!(
                    "ROOT ({})",
                    text(identity, "accountId").unwrap_or_else(|| "account".to_owned())
                ),
            ),
            Some("AWSService") | None if identity.get("invokedBy").is_some() => (
                PrincipalKind::Service,
                format!(
                    "service {}",
                    text(identity, "invokedBy").unwrap_or_else(|| "AWS".to_owned())
                ),
            ),
            Some("AWSService") => (PrincipalKind::Service, "service".to_owned()),
            Some("FederatedUser") => (
                PrincipalKind::Federated,
                format!(
                    "federated {}",
                    arn.as_deref().map(last_segment).unwrap_or_default()
                ),
            ),
            _ => (
                PrincipalKind::Unknown,
                arn.clone()
                    .or_else(|| username.map(cut))
                    .unwrap_or_else(|| "unknown".to_owned()),
            ),
        };
        Principal {
            kind,
            label,
            arn,
            access_key_id: text(identity, "accessKeyId").filter(|k| !k.is_empty()),
            issuer_arn: context
                .get("sessionIssuer")
                .and_then(|issuer| text(issuer, "arn")),
            mfa,
            source_identity,
        }
    }
}

/// A user's (or federated user's) name: the ARN's last segment; text that is not an ARN
/// (CloudTrail's records are not ours to trust) as it is.
fn last_segment(text: &str) -> String {
    crate::ids::Arn::parse(text).map_or_else(|_| cut(text), |arn| cut(arn.last_segment()))
}

/// `arn:aws:sts::123:assumed-role/Role/session`: "role/Role (session)"; an Identity
/// Center role: "sso alice@example.com (PermissionSet)".
fn assumed_role(arn: Option<&str>, context: &Value) -> (PrincipalKind, String) {
    let parsed = arn.and_then(|a| crate::ids::Arn::parse(a).ok());
    let (role, session) = parsed
        .as_ref()
        .and_then(crate::ids::Arn::assumed_role)
        .map_or((None, None), |(role, session)| (Some(role), session));
    let role = role.map(cut).or_else(|| {
        context
            .get("sessionIssuer")
            .and_then(|i| i.get("userName"))
            .and_then(Value::as_str)
            .map(cut)
    });
    let session = session.map(cut);
    let role = role.unwrap_or_else(|| "?".to_owned());
    if let Some(set) = role.strip_prefix("AWSReservedSSO_") {
        // AWSReservedSSO_<permission set>_<16 hex>: the session name is the person.
        let set = set.rsplit_once('_').map_or(set, |(name, _)| name);
        return (
            PrincipalKind::IdentityCenter,
            format!("sso {} ({set})", session.unwrap_or_default()),
        );
    }
    let label = match session {
        Some(session) => format!("role/{role} ({session})"),
        None => format!("role/{role}"),
    };
    (PrincipalKind::AssumedRole, label)
}
