//! A `GetSecretValue` that names no version reads AWSCURRENT, as on AWS. moto 5.2.5 answers
//! it from its own "default version", which `UpdateSecretVersionStage` does not move: after
//! AWSCURRENT has moved, a client that names neither `VersionId` nor `VersionStage` (the AWS
//! CLI, boto3, a script pointed at the demo stack) would read the old value. The proxy names
//! AWSCURRENT for it before moto sees the request.

use bytes::Bytes;
use serde_json::{Value, json};

/// The request to send moto for a GetSecretValue: `body` itself when it names a version or
/// a label (or is not a JSON object), else `body` asking for AWSCURRENT.
pub(super) fn name_current(body: Bytes) -> Bytes {
    let Ok(Value::Object(mut req)) = serde_json::from_slice::<Value>(&body) else {
        return body;
    };
    if req.contains_key("VersionId") || req.contains_key("VersionStage") {
        return body;
    }
    req.insert("VersionStage".into(), json!("AWSCURRENT"));
    Bytes::from(Value::Object(req).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(body: &str) -> Value {
        serde_json::from_slice(&name_current(Bytes::from(body.to_owned()))).expect("JSON")
    }

    #[test]
    fn only_a_request_naming_no_version_is_asked_for_awscurrent() {
        assert_eq!(
            sent(r#"{"SecretId":"db"}"#),
            json!({"SecretId": "db", "VersionStage": "AWSCURRENT"})
        );
        assert_eq!(
            sent(r#"{"SecretId":"db","VersionStage":"AWSPREVIOUS"}"#),
            json!({"SecretId": "db", "VersionStage": "AWSPREVIOUS"})
        );
        assert_eq!(
            sent(r#"{"SecretId":"db","VersionId":"v1"}"#),
            json!({"SecretId": "db", "VersionId": "v1"})
        );
        assert_eq!(
            &name_current(Bytes::from_static(b"not json"))[..],
            b"not json"
        );
    }
}
