//! The access cases of [`crate::fixtures`] (us-east-1): the IAM roles, users, group and
//! policies, the two customer managed KMS keys, and the five secrets' specs (their resource
//! policies and keys are put on by `seed::create`).
//!
//! Everything goes through the proxy with raw calls (no IAM or KMS SDK in the devstack).
//! The keys come first, alongside the rotation Lambdas (two secrets need their ARNs); the
//! identities are created while the secrets are. moto checks no principal in a resource or
//! key policy, so the order between policies and the identities they name does not matter.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::{Result, bail};

use super::data::{SecretSpec, Value};
use crate::fixtures as fx;
use crate::raw::RawClient;

const DAY: Duration = Duration::from_secs(86_400);

/// The five access secrets, in [`fx::ACCESS_SECRETS`] order.
pub(crate) fn secrets() -> Vec<SecretSpec> {
    let s = |v: &str| Value::String(v.to_string());
    let owned = |team: &'static str, owner: &'static str| {
        [("Team", team), ("Env", "prod"), ("Owner", owner)]
    };
    let specs = [
        SecretSpec::plain(
            fx::ACCESS_READER_ONLY_SECRET,
            Some("Snowflake credentials of the read-only analytics reporting user"),
            s(r#"{"account":"xq41872.eu-central","user":"ANALYTICS_READER","password":"Sn0w!r7Kq2pLz9Vx4Tc","warehouse":"REPORTING_WH","role":"ANALYTICS_READONLY"}"#),
        )
        .tagged(&owned("analytics", "li.wei@example.com"))
        .read_ago(DAY * 3),
        SecretSpec::plain(
            fx::ACCESS_DENY_SECRET,
            Some("Workday integration API key for the HR sync (HR systems only)"),
            s("wd_int_7Qx2Lm9Rt4Vz8Kp1Nc6Bw3Hs5Jd0Fy"),
        )
        .tagged(&owned("people-systems", "fatima.haddad@example.com"))
        .read_ago(DAY * 6),
        SecretSpec::plain(
            fx::ACCESS_SHARED_SECRET,
            Some("SFTP drop credentials the logistics partner account reads"),
            s(r#"{"host":"sftp.partners.example.com","port":22,"username":"acme-logistics","password":"Pt9#xK2mQv7!Lw4Zr8Nc"}"#),
        )
        .tagged(&[
            ("Team", "partners"),
            ("Env", "shared"),
            ("Owner", "jonas.berg@example.com"),
        ])
        .read_ago(DAY * 11),
        SecretSpec::plain(
            fx::ACCESS_PUBLIC_SECRET,
            Some("Read token of the public marketing content feed"),
            s("mkt_feed_pub_4Hn8Wq2Zx6Tr1Lc9Vm3Kp7"),
        )
        .tagged(&owned("marketing", "maria.gonzalez@example.com"))
        .read_ago(DAY * 2 + Duration::from_secs(3600)),
        SecretSpec::plain(
            fx::ACCESS_KEY_EXCLUDES_SECRET,
            Some("Vault transit auto-unseal key share (break-glass)"),
            s("s.unseal.2f7c9a41d8e35b06c1a94e7d2b5f8036a9c4e1d7b2f05a8c"),
        )
        .tagged(&owned("security", "deepak.rao@example.com"))
        .read_ago(DAY * 24),
    ];
    specs
        .into_iter()
        .zip(fx::ACCESS_SECRETS)
        .map(|(mut spec, (name, policy, key))| {
            debug_assert_eq!(spec.name, name);
            spec.resource_policy = policy;
            spec.kms_key_alias = key;
            spec
        })
        .collect()
}

/// The two customer managed keys, created (or found, when this moto was seeded before)
/// with their policies and aliases: alias → key ARN.
pub(crate) async fn create_keys(endpoint: &str) -> Result<HashMap<&'static str, String>> {
    let raw = RawClient::new(endpoint);
    let (shared, vault) = tokio::try_join!(
        key(
            &raw,
            fx::ACCESS_SHARED_KEY_ALIAS,
            fx::ACCESS_SHARED_KEY_POLICY,
            "Encrypts secrets shared with partner accounts",
        ),
        key(
            &raw,
            fx::ACCESS_VAULT_KEY_ALIAS,
            fx::ACCESS_VAULT_KEY_POLICY,
            "Encrypts the Vault unseal key; decrypt only by the analytics reader",
        ),
    )?;
    Ok(HashMap::from([
        (fx::ACCESS_SHARED_KEY_ALIAS, shared),
        (fx::ACCESS_VAULT_KEY_ALIAS, vault),
    ]))
}

async fn key(raw: &RawClient, alias: &str, policy: &str, description: &str) -> Result<String> {
    let (status, body) = raw
        .kms(
            "TrentService.DescribeKey",
            &serde_json::json!({ "KeyId": alias }),
        )
        .await?;
    if status.is_success() {
        return key_arn(&body);
    }
    let (status, body) = raw
        .kms(
            "TrentService.CreateKey",
            &serde_json::json!({ "Policy": policy, "Description": description }),
        )
        .await?;
    if !status.is_success() {
        bail!("KMS CreateKey {alias} failed: {status} {body}");
    }
    let arn = key_arn(&body)?;
    let (status, body) = raw
        .kms(
            "TrentService.CreateAlias",
            &serde_json::json!({ "AliasName": alias, "TargetKeyId": arn }),
        )
        .await?;
    if !status.is_success() {
        bail!("KMS CreateAlias {alias} failed: {status} {body}");
    }
    Ok(arn)
}

fn key_arn(body: &str) -> Result<String> {
    let v: serde_json::Value = serde_json::from_str(body)?;
    match v["KeyMetadata"]["Arn"].as_str() {
        Some(arn) => Ok(arn.to_string()),
        None => bail!("KMS answered without KeyMetadata.Arn: {body}"),
    }
}

/// The roles, users, group and policies of the access cases.
pub(crate) async fn create_identities(endpoint: String) -> Result<()> {
    let raw = RawClient::new(&endpoint);
    let raw = &raw;
    let policy_arn = |name: &str| format!("arn:aws:iam::{}:policy/{name}", fx::ACCESS_ACCOUNT);
    let reader = async {
        create_role(
            raw,
            fx::ACCESS_READER_ROLE,
            fx::ACCESS_READER_TRUST_DOCUMENT,
        )
        .await?;
        iam(
            raw,
            "PutRolePolicy",
            &[
                ("RoleName", fx::ACCESS_READER_ROLE),
                ("PolicyName", fx::ACCESS_READER_POLICY),
                ("PolicyDocument", fx::ACCESS_READER_POLICY_DOCUMENT),
            ],
        )
        .await
    };
    let app = async {
        tokio::try_join!(
            create_policy(raw, fx::ACCESS_APP_POLICY, fx::ACCESS_APP_POLICY_DOCUMENT),
            create_role(raw, fx::ACCESS_APP_ROLE, fx::ACCESS_APP_TRUST_DOCUMENT),
        )?;
        iam(
            raw,
            "AttachRolePolicy",
            &[
                ("RoleName", fx::ACCESS_APP_ROLE),
                ("PolicyArn", &policy_arn(fx::ACCESS_APP_POLICY)),
            ],
        )
        .await
    };
    let auditors = async {
        let group = async {
            iam(
                raw,
                "CreateGroup",
                &[("GroupName", fx::ACCESS_AUDITORS_GROUP)],
            )
            .await?;
            iam(
                raw,
                "PutGroupPolicy",
                &[
                    ("GroupName", fx::ACCESS_AUDITORS_GROUP),
                    ("PolicyName", fx::ACCESS_AUDITORS_POLICY),
                    ("PolicyDocument", fx::ACCESS_AUDITORS_POLICY_DOCUMENT),
                ],
            )
            .await
        };
        tokio::try_join!(
            group,
            iam(raw, "CreateUser", &[("UserName", fx::ACCESS_AUDITOR_USER)]),
        )?;
        iam(
            raw,
            "AddUserToGroup",
            &[
                ("GroupName", fx::ACCESS_AUDITORS_GROUP),
                ("UserName", fx::ACCESS_AUDITOR_USER),
            ],
        )
        .await
    };
    let intern = async {
        create_policy(
            raw,
            fx::ACCESS_INTERN_BOUNDARY,
            fx::ACCESS_INTERN_BOUNDARY_DOCUMENT,
        )
        .await?;
        // moto 5.2.5 has no PutUserPermissionsBoundary: the boundary comes with CreateUser.
        iam(
            raw,
            "CreateUser",
            &[
                ("UserName", fx::ACCESS_INTERN_USER),
                (
                    "PermissionsBoundary",
                    &policy_arn(fx::ACCESS_INTERN_BOUNDARY),
                ),
            ],
        )
        .await?;
        iam(
            raw,
            "PutUserPolicy",
            &[
                ("UserName", fx::ACCESS_INTERN_USER),
                ("PolicyName", fx::ACCESS_INTERN_POLICY),
                ("PolicyDocument", fx::ACCESS_INTERN_POLICY_DOCUMENT),
            ],
        )
        .await
    };
    tokio::try_join!(reader, app, auditors, intern)?;
    Ok(())
}

async fn create_role(raw: &RawClient, name: &str, trust: &str) -> Result<()> {
    iam(
        raw,
        "CreateRole",
        &[("RoleName", name), ("AssumeRolePolicyDocument", trust)],
    )
    .await
}

async fn create_policy(raw: &RawClient, name: &str, document: &str) -> Result<()> {
    iam(
        raw,
        "CreatePolicy",
        &[("PolicyName", name), ("PolicyDocument", document)],
    )
    .await
}

/// One IAM call; an entity a previous seed of this moto left is fine.
async fn iam(raw: &RawClient, action: &str, params: &[(&str, &str)]) -> Result<()> {
    let (status, body) = raw.iam(action, params).await?;
    if !status.is_success() && !body.contains("EntityAlreadyExists") {
        bail!("IAM {action} failed: {status} {body}");
    }
    Ok(())
}
