//! The organisation of [`crate::fixtures::org`]: created first, one call after another, so
//! moto's random draws (account, OU and organisation ids) happen in a known order; then,
//! alongside the rest of the seed, each member's alias and secrets (made with
//! OrganizationAccountAccessRole credentials in that account, with the roles of the
//! Identity Center permission sets assigned there) and the management account's roles.

use anyhow::{Context, Result, bail};
use aws_sdk_secretsmanager::config::{BehaviorVersion, Credentials, Region};
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::fixtures::org::{self as org, MemberAccount};
use crate::fixtures::sso;
use crate::raw::{RawCall, RawClient};

const ORGANIZATIONS_PREFIX: &str = "AWSOrganizationsV20161128.";

/// One Organizations call (JSON protocol) made with the stack's keys; its answer.
pub(crate) async fn organizations(raw: &RawClient, operation: &str, body: &Value) -> Result<Value> {
    let target = format!("{ORGANIZATIONS_PREFIX}{operation}");
    let (status, text) = raw
        .call(RawCall {
            method: "POST",
            path: "/",
            service: "organizations",
            region: "us-east-1",
            content_type: "application/x-amz-json-1.1",
            target: Some(&target),
            body: body.to_string(),
        })
        .await?;
    if !status.is_success() {
        bail!("Organizations {operation} failed: {status} {text}");
    }
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// The organisation, its OUs and its member accounts, with the ids the fixtures declare.
/// A moto that already has an organisation (seeded before) is left as it is.
pub(crate) async fn create_organisation(endpoint: &str) -> Result<()> {
    let raw = RawClient::new(endpoint);
    let described = raw
        .call(RawCall {
            method: "POST",
            path: "/",
            service: "organizations",
            region: "us-east-1",
            content_type: "application/x-amz-json-1.1",
            target: Some("AWSOrganizationsV20161128.DescribeOrganization"),
            body: "{}".into(),
        })
        .await?;
    if described.0.is_success() {
        return Ok(());
    }
    organizations(&raw, "CreateOrganization", &json!({ "FeatureSet": "ALL" })).await?;
    let roots = organizations(&raw, "ListRoots", &json!({})).await?;
    let root = roots["Roots"][0]["Id"]
        .as_str()
        .context("ListRoots answered no root")?
        .to_string();
    let mut ou_ids = Vec::new();
    for ou in org::ORG_UNITS {
        let created = organizations(
            &raw,
            "CreateOrganizationalUnit",
            &json!({ "ParentId": root, "Name": ou }),
        )
        .await?;
        let id = created["OrganizationalUnit"]["Id"]
            .as_str()
            .context("CreateOrganizationalUnit answered no id")?;
        ou_ids.push((ou, id.to_string()));
    }
    let mut wrong = Vec::new();
    for account in &org::MEMBER_ACCOUNTS {
        // CreateAccount's id is moto's next random draw: seeded right before, it is the
        // same from run to run, whatever else moto drew.
        let (status, text) = raw
            .call(RawCall {
                method: "POST",
                path: &format!("/moto-api/seed?a={}", account.id_seed),
                service: "moto",
                region: "us-east-1",
                content_type: "application/json",
                target: None,
                body: String::new(),
            })
            .await?;
        if !status.is_success() {
            bail!("moto's seed API failed: {status} {text}");
        }
        let created = organizations(
            &raw,
            "CreateAccount",
            &json!({ "AccountName": account.name, "Email": account.email }),
        )
        .await?;
        let id = created["CreateAccountStatus"]["AccountId"]
            .as_str()
            .context("CreateAccount answered no account id")?
            .to_string();
        if id != account.id {
            wrong.push(format!("{} got {id}", account.name));
        }
        let ou = ou_ids
            .iter()
            .find(|(name, _)| *name == account.ou)
            .map(|(_, id)| id.as_str())
            .context("the account's OU is one of ORG_UNITS")?;
        organizations(
            &raw,
            "MoveAccount",
            &json!({ "AccountId": id, "SourceParentId": root, "DestinationParentId": ou }),
        )
        .await?;
    }
    if !wrong.is_empty() {
        bail!(
            "moto gave member accounts other ids than fixtures::org declares: {}",
            wrong.join(", ")
        );
    }
    Ok(())
}

/// Every member's alias and secrets, accounts in parallel.
pub(crate) async fn seed_members(endpoint: String) -> Result<()> {
    let mut tasks = JoinSet::new();
    for account in org::MEMBER_ACCOUNTS {
        let endpoint = endpoint.clone();
        tasks.spawn(async move {
            seed_member(&endpoint, &account)
                .await
                .with_context(|| format!("seeding member account {}", account.name))
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.context("member seeding panicked")??;
    }
    Ok(())
}

async fn seed_member(endpoint: &str, account: &MemberAccount) -> Result<()> {
    let sts = aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(endpoint)
            .credentials_provider(Credentials::new(
                "testing",
                "testing",
                None,
                None,
                "smtui-devstack",
            ))
            .build(),
    );
    let assumed = sts
        .assume_role()
        .role_arn(account.access_role_arn())
        .role_session_name(org::SEED_SESSION_NAME)
        .send()
        .await
        .context("AssumeRole")?;
    let creds = assumed
        .credentials()
        .context("AssumeRole: no credentials")?;
    if let Some(alias) = account.alias {
        let (status, body) = RawClient::with_key(endpoint, creds.access_key_id())
            .iam("CreateAccountAlias", &[("AccountAlias", alias)])
            .await?;
        if !status.is_success() && !body.contains("EntityAlreadyExists") {
            bail!("IAM CreateAccountAlias failed: {status} {body}");
        }
    }
    create_permission_set_roles(endpoint, account, creds.access_key_id()).await?;
    let credentials = Credentials::new(
        creds.access_key_id(),
        creds.secret_access_key(),
        Some(creds.session_token().to_string()),
        None,
        "smtui-devstack-member",
    );
    let mut creates = JoinSet::new();
    for secret in account.secrets {
        let client = aws_sdk_secretsmanager::Client::from_conf(
            aws_sdk_secretsmanager::Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(Region::new(secret.region))
                .endpoint_url(endpoint)
                .credentials_provider(credentials.clone())
                .build(),
        );
        creates.spawn(async move {
            let created = client
                .create_secret()
                .name(secret.name)
                .secret_string(secret.value)
                .send()
                .await;
            match created {
                Ok(_) => Ok(()),
                Err(e)
                    if e.as_service_error()
                        .is_some_and(|s| s.is_resource_exists_exception()) =>
                {
                    Ok(())
                }
                Err(e) => {
                    Err(anyhow::Error::new(e).context(format!("CreateSecret {}", secret.name)))
                }
            }
        });
    }
    while let Some(done) = creates.join_next().await {
        done.context("CreateSecret task panicked")??;
    }
    Ok(())
}

/// The roles of the Identity Center permission sets assigned in `account`
/// ([`sso::ASSIGNMENTS`]), made with `key` (credentials in that account).
async fn create_permission_set_roles(
    endpoint: &str,
    account: &MemberAccount,
    key: &str,
) -> Result<()> {
    let raw = RawClient::with_key(endpoint, key);
    for role in sso::roles_in(account.id) {
        let set = sso::permission_set(role).context("every assigned role is a permission set")?;
        for (action, params) in [
            (
                "CreateRole",
                vec![
                    ("RoleName", set.role_name),
                    ("AssumeRolePolicyDocument", sso::ROLE_TRUST_POLICY),
                ],
            ),
            (
                "PutRolePolicy",
                vec![
                    ("RoleName", set.role_name),
                    ("PolicyName", set.policy_name),
                    ("PolicyDocument", set.policy),
                ],
            ),
        ] {
            let (status, body) = raw.iam(action, &params).await?;
            if !status.is_success() && !body.contains("EntityAlreadyExists") {
                bail!(
                    "IAM {action} {role} in {} failed: {status} {body}",
                    account.name
                );
            }
        }
    }
    Ok(())
}

/// The management account's roles, with their MaxSessionDuration and policies.
pub(crate) async fn create_management_roles(endpoint: String) -> Result<()> {
    let raw = RawClient::new(&endpoint);
    for role in org::MANAGEMENT_ROLES {
        let max = role.max_session_secs.to_string();
        for (action, params) in [
            (
                "CreateRole",
                vec![
                    ("RoleName", role.name),
                    ("AssumeRolePolicyDocument", role.trust_policy),
                    ("MaxSessionDuration", max.as_str()),
                ],
            ),
            (
                "PutRolePolicy",
                vec![
                    ("RoleName", role.name),
                    ("PolicyName", role.policy_name),
                    ("PolicyDocument", role.policy),
                ],
            ),
        ] {
            let (status, body) = raw.iam(action, &params).await?;
            if !status.is_success() && !body.contains("EntityAlreadyExists") {
                bail!("IAM {action} {} failed: {status} {body}", role.name);
            }
        }
    }
    Ok(())
}
