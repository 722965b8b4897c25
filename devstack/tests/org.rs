//! The organisation through the real AWS SDK against one shared seeded stack: its accounts
//! and OUs, each member's own secrets and alias, the refused account and the denied
//! listing; what the proxy adds around STS (MFA, session durations, expiry on demand, which
//! credentials made a call) in [`sts_rules`]; the demo's AWS config in [`demo`].

#[path = "org/demo.rs"]
mod demo;
#[path = "org/sts.rs"]
mod sts_rules;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use anyhow::{Context, Result, bail};
use aws_config::SdkConfig;
use aws_sdk_secretsmanager::config::{Credentials, SharedCredentialsProvider};
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sts::operation::assume_role::builders::AssumeRoleFluentBuilder;
use smtui_devstack::fixtures::org::{self, MemberAccount};
use smtui_devstack::fixtures::{PRIMARY_REGION, REGIONS};
use smtui_devstack::{Stack, StackOptions};

fn stack() -> &'static Stack {
    static STACK: OnceLock<Stack> = OnceLock::new();
    STACK.get_or_init(|| Stack::start_blocking(StackOptions::default()).expect("stack starts"))
}

fn run(test: impl std::future::Future<Output = Result<()>>) -> Result<()> {
    stack();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(test)
}

/// The stack's own keys (the management account).
fn base(region: &str) -> SdkConfig {
    stack().sdk_config(region)
}

fn signed_with(creds: &Credentials, region: &str) -> SdkConfig {
    base(region)
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(creds.clone()))
        .build()
}

fn sts(conf: &SdkConfig) -> aws_sdk_sts::Client {
    aws_sdk_sts::Client::new(conf)
}

fn sm(conf: &SdkConfig) -> aws_sdk_secretsmanager::Client {
    aws_sdk_secretsmanager::Client::new(conf)
}

fn credentials(c: Option<&aws_sdk_sts::types::Credentials>) -> Result<Credentials> {
    let c = c.context("no credentials in the answer")?;
    Ok(Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "test",
    ))
}

/// AssumeRole of `role` signed by `conf`, `more` adding parameters; the SDK's error as
/// `(code, message)`.
async fn assume(
    conf: &SdkConfig,
    role: &str,
    session: &str,
    more: impl FnOnce(AssumeRoleFluentBuilder) -> AssumeRoleFluentBuilder,
) -> Result<Credentials, (String, String)> {
    let req = sts(conf)
        .assume_role()
        .role_arn(role)
        .role_session_name(session);
    match more(req).send().await {
        Ok(out) => credentials(out.credentials()).map_err(|e| ("none".into(), e.to_string())),
        Err(e) => Err(code_message(&e)),
    }
}

fn code_message<E: ProvideErrorMetadata, R>(e: &SdkError<E, R>) -> (String, String) {
    (
        e.code().unwrap_or("no code").to_string(),
        e.message().unwrap_or_default().to_string(),
    )
}

/// A policy document as JSON, whether it comes URL-encoded (as IAM sends it) or not.
fn json(document: &str) -> Result<serde_json::Value> {
    let decoded = if document.starts_with('%') {
        percent_decode(document)
    } else {
        document.to_string()
    };
    Ok(serde_json::from_str(&decoded)?)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn member_credentials(account: &MemberAccount, session: &str) -> Result<Credentials> {
    assume(
        &base(PRIMARY_REGION),
        &account.access_role_arn(),
        session,
        |r| r,
    )
    .await
    .map_err(|e| anyhow::anyhow!("AssumeRole into {}: {e:?}", account.name))
}

async fn listed_names(conf: &SdkConfig) -> Result<BTreeSet<String>> {
    let mut pages = sm(conf).list_secrets().into_paginator().send();
    let mut names = BTreeSet::new();
    while let Some(page) = pages.next().await {
        for s in page?.secret_list() {
            names.insert(s.name().context("a name")?.to_string());
        }
    }
    Ok(names)
}

#[test]
fn the_organisation_has_eight_members_in_two_ous() -> Result<()> {
    run(async {
        let orgs = aws_sdk_organizations::Client::new(&base(PRIMARY_REGION));
        let described = orgs.describe_organization().send().await?;
        assert_eq!(
            described.organization().and_then(|o| o.master_account_id()),
            Some(org::MANAGEMENT_ACCOUNT)
        );
        let accounts = orgs.list_accounts().send().await?;
        let members: BTreeSet<(String, String)> = accounts
            .accounts()
            .iter()
            .filter(|a| a.id() != Some(org::MANAGEMENT_ACCOUNT))
            .map(|a| {
                (
                    a.id().unwrap_or_default().to_string(),
                    a.name().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let declared: BTreeSet<(String, String)> = org::MEMBER_ACCOUNTS
            .iter()
            .map(|a| (a.id.to_string(), a.name.to_string()))
            .collect();
        assert_eq!(members, declared);
        assert_eq!(members.len(), 8);

        let roots = orgs.list_roots().send().await?;
        let root = roots.roots()[0].id().context("a root id")?;
        let ous = orgs
            .list_organizational_units_for_parent()
            .parent_id(root)
            .send()
            .await?;
        let names: BTreeSet<&str> = ous
            .organizational_units()
            .iter()
            .filter_map(|o| o.name())
            .collect();
        assert_eq!(names, org::ORG_UNITS.into_iter().collect());
        for ou in ous.organizational_units() {
            let name = ou.name().context("an OU name")?;
            let inside = orgs
                .list_accounts_for_parent()
                .parent_id(ou.id().context("an OU id")?)
                .send()
                .await?;
            let ids: BTreeSet<&str> = inside.accounts().iter().filter_map(|a| a.id()).collect();
            let declared: BTreeSet<&str> = org::MEMBER_ACCOUNTS
                .iter()
                .filter(|a| a.ou == name)
                .map(|a| a.id)
                .collect();
            assert_eq!(ids, declared, "OU {name}");
            assert_eq!(ids.len(), 4, "OU {name}");
        }
        Ok(())
    })
}

#[test]
fn each_member_holds_its_own_secrets_and_alias() -> Result<()> {
    run(async {
        let management = listed_names(&base(PRIMARY_REGION)).await?;
        for account in &org::MEMBER_ACCOUNTS {
            // The refused account lets the seeder's session name in, and no other.
            let session = if account.id == org::REFUSED_ASSUME_ACCOUNT {
                org::SEED_SESSION_NAME
            } else {
                "org-test"
            };
            let creds = member_credentials(account, session).await?;
            let conf = signed_with(&creds, PRIMARY_REGION);
            let who = sts(&conf).get_caller_identity().send().await?;
            assert_eq!(who.account(), Some(account.id));

            let iam = aws_sdk_iam::Client::new(&conf);
            let aliases = iam.list_account_aliases().send().await?;
            let alias: Vec<&str> = account.alias.into_iter().collect();
            assert_eq!(
                aliases.account_aliases(),
                alias.as_slice(),
                "{}",
                account.name
            );

            for region in REGIONS {
                let declared: BTreeSet<String> = account
                    .secrets_in(region)
                    .iter()
                    .map(|s| s.name.to_string())
                    .collect();
                let conf = signed_with(&creds, region);
                if account.id == org::DENIED_LISTING_ACCOUNT {
                    for s in account.secrets_in(region) {
                        let got = sm(&conf)
                            .get_secret_value()
                            .secret_id(s.name)
                            .send()
                            .await?;
                        assert_eq!(got.secret_string(), Some(s.value));
                    }
                    continue;
                }
                assert_eq!(
                    listed_names(&conf).await?,
                    declared,
                    "{} in {region}",
                    account.name
                );
                for s in account.secrets_in(region) {
                    assert!(!management.contains(s.name), "{} leaked", s.name);
                }
            }
            assert!((3..=10).contains(&account.secrets.len()));
        }
        let without_alias = org::MEMBER_ACCOUNTS.iter().filter(|a| a.alias.is_none());
        assert_eq!(without_alias.count(), 1);
        Ok(())
    })
}

#[test]
fn the_refused_account_denies_the_assume() -> Result<()> {
    run(async {
        let account = org::member(org::REFUSED_ASSUME_ACCOUNT).context("a member")?;
        let Err((code, message)) = assume(
            &base(PRIMARY_REGION),
            &account.access_role_arn(),
            "alice",
            |r| r,
        )
        .await
        else {
            bail!("the refused account let the role be assumed");
        };
        assert_eq!(code, "AccessDenied");
        assert_eq!(
            message,
            format!(
                "User: arn:aws:iam::123456789012:user/moto is not authorized to perform: \
                 sts:AssumeRole on resource: {}",
                account.access_role_arn()
            )
        );
        Ok(())
    })
}

#[test]
fn the_denied_account_refuses_listing_only() -> Result<()> {
    run(async {
        let account = org::member(org::DENIED_LISTING_ACCOUNT).context("a member")?;
        let creds = member_credentials(account, "lister").await?;
        let conf = signed_with(&creds, PRIMARY_REGION);
        let err = sm(&conf)
            .list_secrets()
            .send()
            .await
            .err()
            .context("ListSecrets denied")?;
        let (code, message) = code_message(&err);
        assert_eq!(code, "AccessDeniedException");
        assert_eq!(
            message,
            format!(
                "User: arn:aws:sts::{}:assumed-role/OrganizationAccountAccessRole/lister is not \
                 authorized to perform: secretsmanager:ListSecrets because no identity-based \
                 policy allows the secretsmanager:ListSecrets action",
                account.id
            )
        );
        let secret = account.secrets[0];
        let err = sm(&conf)
            .batch_get_secret_value()
            .secret_id_list(secret.name)
            .send()
            .await
            .err()
            .context("BatchGetSecretValue denied")?;
        assert_eq!(code_message(&err).0, "AccessDeniedException");
        let described = sm(&conf)
            .describe_secret()
            .secret_id(secret.name)
            .send()
            .await?;
        assert_eq!(described.name(), Some(secret.name));
        Ok(())
    })
}
