//! What the proxy adds around STS, through the real SDK: MFA, session durations, expiry on
//! demand, and which credentials made a call.

use anyhow::{Context, Result};
use aws_config::SdkConfig;
use aws_sdk_cloudtrail::types::{LookupAttribute, LookupAttributeKey};
use smtui_devstack::fixtures::PRIMARY_REGION;
use smtui_devstack::fixtures::org;

use super::{
    assume, base, code_message, credentials, json, listed_names, member_credentials, run,
    signed_with, sm, stack, sts,
};

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
