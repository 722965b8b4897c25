//! The organisation through the real AWS SDK against one shared seeded stack: its accounts
//! and OUs, each member's own secrets and alias, and what the proxy adds around STS (the
//! refused account, the denied listing, MFA, session durations, expiry on demand, which
//! credentials made a call).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use anyhow::{Context, Result, bail};
use aws_config::SdkConfig;
use aws_sdk_cloudtrail::types::{LookupAttribute, LookupAttributeKey};
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

#[test]
fn mfa_roles_want_the_right_code_or_an_mfa_session() -> Result<()> {
    run(async {
        let conf = base(PRIMARY_REGION);
        let role = org::MFA_ADMIN_ROLE.arn;
        assert!(org::MFA_PROTECTED_ROLES.contains(&role));
        let (code, message) = assume(&conf, role, "no-code", |r| r)
            .await
            .err()
            .context("no code refused")?;
        assert_eq!(code, "AccessDenied");
        assert!(
            message.ends_with(&format!("sts:AssumeRole on resource: {role}")),
            "{message}"
        );
        let wrong = assume(&conf, role, "wrong", |r| {
            r.serial_number(org::MFA_SERIAL).token_code("654321")
        })
        .await
        .err()
        .context("a wrong code refused")?;
        assert_eq!(
            wrong,
            (
                "AccessDenied".to_string(),
                "MultiFactorAuthentication failed with invalid MFA one time pass code. "
                    .to_string()
            )
        );
        let admin = assume(&conf, role, "right", |r| {
            r.serial_number(org::MFA_SERIAL)
                .token_code(org::MFA_TOKEN_CODE)
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let who = sts(&signed_with(&admin, PRIMARY_REGION))
            .get_caller_identity()
            .send()
            .await?;
        assert!(
            who.arn()
                .is_some_and(|a| a.ends_with(":assumed-role/smtui-mfa-admin/right"))
        );

        // Other roles check no code (smtui's tests send made-up ones).
        assume(&conf, org::ORG_READER_ROLE.arn, "any-code", |r| {
            r.serial_number(org::MFA_SERIAL).token_code("654321")
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;

        // GetSessionToken: the code checked the same way; its credentials need no code.
        let err = sts(&conf)
            .get_session_token()
            .serial_number(org::MFA_SERIAL)
            .token_code("000000")
            .send()
            .await
            .err()
            .context("a wrong code refused")?;
        assert_eq!(code_message(&err).0, "AccessDenied");
        // Any serial number: only the code counts.
        let session = sts(&conf)
            .get_session_token()
            .serial_number("arn:aws:iam::123456789012:mfa/alice")
            .token_code(org::MFA_TOKEN_CODE)
            .send()
            .await?;
        let session = credentials(session.credentials())?;
        let with_mfa = signed_with(&session, PRIMARY_REGION);
        assume(&with_mfa, role, "after-session", |r| r)
            .await
            .map_err(|e| anyhow::anyhow!("the MFA session's assume: {e:?}"))?;
        let who = sts(&with_mfa).get_caller_identity().send().await?;
        assert_eq!(who.account(), Some(org::MANAGEMENT_ACCOUNT));

        // A session made without MFA is no MFA session; each has keys of its own.
        let err = sts(&signed_with(&admin, PRIMARY_REGION))
            .get_session_token()
            .send()
            .await
            .err()
            .context("no session token from a role's credentials")?;
        assert_eq!(
            code_message(&err),
            (
                "AccessDenied".to_string(),
                "Cannot call GetSessionToken with session credentials".to_string()
            )
        );
        let plain = sts(&conf).get_session_token().send().await?;
        let plain = credentials(plain.credentials())?;
        assert_ne!(plain.access_key_id(), session.access_key_id());
        let refused = assume(&signed_with(&plain, PRIMARY_REGION), role, "plain", |r| r).await;
        assert_eq!(refused.err().map(|e| e.0).as_deref(), Some("AccessDenied"));
        Ok(())
    })
}

#[test]
fn session_durations_are_held_to_the_roles_limits() -> Result<()> {
    run(async {
        let conf = base(PRIMARY_REGION);
        let iam = aws_sdk_iam::Client::new(&conf);
        for role in org::MANAGEMENT_ROLES {
            let got = iam.get_role().role_name(role.name).send().await?;
            let got = got.role().context("a role")?;
            assert_eq!(
                got.max_session_duration(),
                Some(i32::try_from(role.max_session_secs)?)
            );
            assert_eq!(
                json(
                    got.assume_role_policy_document()
                        .context("a trust policy")?
                )?,
                json(role.trust_policy)?
            );
            let policy = iam
                .get_role_policy()
                .role_name(role.name)
                .policy_name(role.policy_name)
                .send()
                .await?;
            assert_eq!(json(policy.policy_document())?, json(role.policy)?);
        }
        let mfa_trust = org::MFA_ADMIN_ROLE.trust_policy;
        assert!(mfa_trust.contains(r#""aws:MultiFactorAuthPresent": "true""#));
        let reader = org::ORG_READER_ROLE;
        let max = i32::try_from(reader.max_session_secs)?;
        let too_long = assume(&conf, reader.arn, "long", |r| r.duration_seconds(max + 1)).await;
        assert_eq!(
            too_long.err(),
            Some((
                "ValidationError".to_string(),
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
                    .to_string()
            ))
        );
        let creds = assume(&conf, reader.arn, "long", |r| r.duration_seconds(max))
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        // A role the fixtures do not name: moto's and AWS's default hour.
        let member = org::PAYMENTS_PROD.access_role_arn();
        let too_long = assume(&conf, &member, "long", |r| r.duration_seconds(7_200)).await;
        assert_eq!(
            too_long.err().map(|e| e.0).as_deref(),
            Some("ValidationError")
        );

        // Chaining: the auditor allows 2 hours, but not to a role's credentials.
        let chained = signed_with(&creds, PRIMARY_REGION);
        let auditor = org::ORG_AUDITOR_ROLE.arn;
        let refused = assume(&chained, auditor, "chain", |r| r.duration_seconds(7_200)).await;
        assert_eq!(
            refused.err(),
            Some((
                "ValidationError".to_string(),
                "The requested DurationSeconds exceeds the 1 hour session limit for roles \
                 assumed by role chaining."
                    .to_string()
            ))
        );
        assume(&chained, auditor, "chain", |r| r.duration_seconds(3_600))
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        assume(&conf, auditor, "direct", |r| r.duration_seconds(7_200))
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        Ok(())
    })
}

#[test]
fn credentials_expire_on_demand_and_a_renewal_works() -> Result<()> {
    run(async {
        let conf = base(PRIMARY_REGION);
        // A role of its own, so expiring it touches no other test's credentials.
        let role = org::role_arn(org::PAYMENTS_DEV.id, "smtui-expiry-test");
        let first = assume(&conf, &role, "first", |r| r)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let old = signed_with(&first, PRIMARY_REGION);
        sm(&old).list_secrets().send().await?;
        assert_eq!(stack().proxy().expire_role(&role), 1);

        let err = sm(&old)
            .list_secrets()
            .send()
            .await
            .err()
            .context("expired")?;
        assert_eq!(
            code_message(&err),
            (
                "ExpiredTokenException".to_string(),
                "The security token included in the request is expired".to_string()
            )
        );
        let err = sts(&old)
            .get_caller_identity()
            .send()
            .await
            .err()
            .context("expired for STS too")?;
        assert_eq!(code_message(&err).0, "ExpiredToken");

        let err = aws_sdk_iam::Client::new(&old)
            .list_account_aliases()
            .send()
            .await
            .err()
            .context("expired for IAM too")?;
        assert_eq!(code_message(&err).0, "ExpiredToken");

        let renewed = assume(&conf, &role, "renewed", |r| r)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let names = listed_names(&signed_with(&renewed, PRIMARY_REGION)).await?;
        assert_eq!(
            names.len(),
            org::PAYMENTS_DEV.secrets_in(PRIMARY_REGION).len()
        );

        // One key alone.
        stack().proxy().expire_credentials(renewed.access_key_id());
        let err = sm(&signed_with(&renewed, PRIMARY_REGION))
            .list_secrets()
            .send()
            .await
            .err()
            .context("expired")?;
        assert_eq!(code_message(&err).0, "ExpiredTokenException");
        Ok(())
    })
}

#[test]
fn a_write_is_attributed_to_the_accounts_role() -> Result<()> {
    run(async {
        let account = org::IDENTITY_PROD;
        let creds = member_credentials(&account, "attribution").await?;
        let secret = account.secrets_in(PRIMARY_REGION)[0];
        sm(&signed_with(&creds, PRIMARY_REGION))
            .put_secret_value()
            .secret_id(secret.name)
            .secret_string(secret.value)
            .send()
            .await?;
        let calls = stack().proxy().recorded_calls("PutSecretValue", account.id);
        let call = calls
            .iter()
            .find(|e| e.access_key_id == creds.access_key_id())
            .context("the write recorded in the member account")?;
        assert_eq!(call.role_arn(), Some(account.access_role_arn()));
        assert_eq!(call.secret_name.as_deref(), Some(secret.name));
        let elsewhere = stack()
            .proxy()
            .recorded_calls("PutSecretValue", org::MANAGEMENT_ACCOUNT);
        assert!(
            elsewhere
                .iter()
                .all(|e| e.access_key_id != creds.access_key_id())
        );
        assert!(
            stack()
                .proxy()
                .credentials_issued_for(&account.access_role_arn())
                .contains(&creds.access_key_id().to_string())
        );

        // Each account's CloudTrail holds its own calls only.
        let lookup = |conf: SdkConfig| async move {
            let out = aws_sdk_cloudtrail::Client::new(&conf)
                .lookup_events()
                .lookup_attributes(
                    LookupAttribute::builder()
                        .attribute_key(LookupAttributeKey::ResourceName)
                        .attribute_value(secret.name)
                        .build()?,
                )
                .send()
                .await?;
            anyhow::Ok(
                out.events()
                    .iter()
                    .filter_map(|e| e.event_name().map(str::to_string))
                    .collect::<Vec<_>>(),
            )
        };
        let own = lookup(signed_with(&creds, PRIMARY_REGION)).await?;
        assert!(own.contains(&"PutSecretValue".to_string()), "{own:?}");
        assert!(lookup(base(PRIMARY_REGION)).await?.is_empty());
        Ok(())
    })
}

#[test]
// aws-config's own names for these moved to aws-runtime, which the devstack does not use.
#[allow(deprecated)]
fn the_demo_config_profiles_assume_the_demo_roles() -> Result<()> {
    use aws_config::profile::profile_file::{ProfileFileKind, ProfileFiles};
    use smtui_devstack::demo_config;
    run(async {
        let dir = std::env::temp_dir().join(format!("smtui-devstack-org-{}", std::process::id()));
        let path = demo_config::write(&dir, &stack().endpoint_url())?;
        for (profile, role) in [
            (demo_config::READER_PROFILE, org::ORG_READER_ROLE),
            (demo_config::AUDITOR_PROFILE, org::ORG_AUDITOR_ROLE),
        ] {
            let files = ProfileFiles::builder()
                .with_file(ProfileFileKind::Config, &path)
                .build();
            let conf = aws_config::defaults(aws_config::BehaviorVersion::latest())
                .profile_files(files)
                .profile_name(profile)
                .load()
                .await;
            assert_eq!(conf.endpoint_url(), Some(stack().endpoint_url().as_str()));
            let who = sts(&conf).get_caller_identity().send().await?;
            let arn = who.arn().context("an ARN")?;
            assert!(
                arn.contains(&format!(":assumed-role/{}/", role.name)),
                "{profile}: {arn}"
            );
        }
        // The MFA profile names the device whose code the proxy takes (the SDK itself asks
        // for no code: smtui does).
        let text = std::fs::read_to_string(&path)?;
        let mfa_section = text
            .split(&format!("[profile {}]", demo_config::MFA_PROFILE))
            .nth(1)
            .context("the MFA profile")?;
        assert!(mfa_section.contains(&format!("role_arn = {}", org::MFA_ADMIN_ROLE.arn)));
        assert!(mfa_section.contains(&format!("mfa_serial = {}", org::MFA_SERIAL)));
        assert!(mfa_section.contains(&format!("source_profile = {}", demo_config::BASE_PROFILE)));
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    })
}

/// `smtui-devstack demo` runs smtui with the demo's config of role profiles, and the rest
/// of the stack's environment.
#[test]
fn the_demo_runs_smtui_with_its_own_aws_config() -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("smtui-devstack-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let fake = dir.join("smtui");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho \"config=$AWS_CONFIG_FILE\"\ncat \"$AWS_CONFIG_FILE\"\n",
    )?;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755))?;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_smtui-devstack"))
        .arg("demo")
        .arg("--smtui")
        .arg(&fake)
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout)?;
    let config = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("config="))
        .context("the config named")?;
    assert!(config.ends_with("/smtui/aws-config"), "{config}");
    for profile in [
        smtui_devstack::demo_config::BASE_PROFILE,
        smtui_devstack::demo_config::READER_PROFILE,
        smtui_devstack::demo_config::AUDITOR_PROFILE,
        smtui_devstack::demo_config::MFA_PROFILE,
    ] {
        assert!(text.contains(&format!("[profile {profile}]")), "{text}");
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
