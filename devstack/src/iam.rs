//! IAM users with narrow policies, for tests of partial permissions against a stack started
//! with IAM auth enforced (`StackOptions::enforce_iam_auth`).

use anyhow::{Context, Result, bail};

use crate::raw::RawClient;

/// How many moto requests [`create_user_allowed`] makes. A stack that should let them
/// through unauthenticated sets `StackOptions::unauthenticated_setup_calls` to at least this.
pub const USER_SETUP_CALLS: u32 = 3;

/// An IAM user and its access key.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub arn: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

/// Creates user `name` whose only permissions are `actions` (on every resource).
pub async fn create_user_allowed(endpoint: &str, name: &str, actions: &[&str]) -> Result<TestUser> {
    let raw = RawClient::new(endpoint);
    let (status, body) = raw.iam("CreateUser", &[("UserName", name)]).await?;
    if !status.is_success() {
        bail!("IAM CreateUser failed: {status} {body}");
    }
    let arn = xml_field(&body, "Arn").context("CreateUser answer without an Arn")?;
    let policy = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{ "Effect": "Allow", "Action": actions, "Resource": "*" }],
    })
    .to_string();
    let (status, body) = raw
        .iam(
            "PutUserPolicy",
            &[
                ("UserName", name),
                ("PolicyName", "smtui-test"),
                ("PolicyDocument", &policy),
            ],
        )
        .await?;
    if !status.is_success() {
        bail!("IAM PutUserPolicy failed: {status} {body}");
    }
    let (status, body) = raw.iam("CreateAccessKey", &[("UserName", name)]).await?;
    if !status.is_success() {
        bail!("IAM CreateAccessKey failed: {status} {body}");
    }
    Ok(TestUser {
        arn,
        access_key_id: xml_field(&body, "AccessKeyId").context("no AccessKeyId")?,
        secret_access_key: xml_field(&body, "SecretAccessKey").context("no SecretAccessKey")?,
    })
}

/// The text of the first `<tag>` in an XML answer (moto's IAM answers are flat enough).
fn xml_field(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let start = xml.find(&open)? + open.len();
    let end = start + xml[start..].find(&format!("</{tag}>"))?;
    Some(xml[start..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::xml_field;

    #[test]
    fn reads_a_field() {
        let xml = "<R><User><Arn>arn:aws:iam::1:user/a</Arn></User></R>";
        assert_eq!(
            xml_field(xml, "Arn").as_deref(),
            Some("arn:aws:iam::1:user/a")
        );
        assert_eq!(xml_field(xml, "Nope"), None);
    }
}
