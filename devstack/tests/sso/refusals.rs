//! The refusals of the device flow and the portal, and what a refresh spends.

use anyhow::{Context, Result};
use aws_sdk_sso::error::ProvideErrorMetadata;
use smtui_devstack::fixtures::{org, sso};

use super::{oidc, poll, portal, register, run, sign_in, stack, status};

#[test]
fn the_device_flow_refuses_bad_clients_and_expired_codes_and_refreshes() -> Result<()> {
    run(async {
        let confidential = oidc()
            .register_client()
            .client_name("smtui-test")
            .client_type("confidential")
            .send()
            .await
            .expect_err("only public clients");
        assert!(
            confidential
                .into_service_error()
                .is_invalid_client_metadata_exception()
        );
        let client = register().await?;
        let bad = oidc()
            .start_device_authorization()
            .client_id(&client.client_id)
            .client_secret("not-the-secret")
            .start_url(sso::START_URL)
            .send()
            .await
            .expect_err("wrong secret");
        assert!(bad.into_service_error().is_invalid_client_exception());

        let started = oidc()
            .start_device_authorization()
            .client_id(&client.client_id)
            .client_secret(&client.client_secret)
            .start_url(sso::START_URL)
            .send()
            .await?;
        let code = started.user_code().context("code")?;
        assert!(stack().proxy().expire_device_authorization(code));
        assert!(!stack().proxy().approve_device(code));
        let expired = poll(&client, started.device_code().context("device")?)
            .await
            .expect_err("expired");
        let expired = expired.into_service_error();
        assert!(expired.is_expired_token_exception(), "{expired:?}");

        // A refresh: a new access token (accepted by the portal) and a new refresh token;
        // the old refresh token is spent.
        let (client, _, refresh) = sign_in().await?;
        let refreshed = oidc()
            .create_token()
            .client_id(&client.client_id)
            .client_secret(&client.client_secret)
            .grant_type("refresh_token")
            .refresh_token(&refresh)
            .send()
            .await?;
        let access = refreshed.access_token().context("accessToken")?;
        assert_ne!(refreshed.refresh_token(), Some(refresh.as_str()));
        portal().list_accounts().access_token(access).send().await?;
        let spent = oidc()
            .create_token()
            .client_id(&client.client_id)
            .client_secret(&client.client_secret)
            .grant_type("refresh_token")
            .refresh_token(&refresh)
            .send()
            .await
            .expect_err("spent");
        assert!(spent.into_service_error().is_invalid_grant_exception());
        Ok(())
    })
}

#[test]
fn the_portal_refuses_expired_and_unknown_tokens_and_unassigned_roles() -> Result<()> {
    run(async {
        let unknown = portal()
            .list_accounts()
            .access_token("not-a-token")
            .send()
            .await
            .expect_err("unknown token");
        assert_eq!(status(&unknown), Some(401));
        assert!(unknown.into_service_error().is_unauthorized_exception());

        let (_, token, _) = sign_in().await?;
        let unassigned = portal()
            .get_role_credentials()
            .access_token(&token)
            .account_id(org::SANDBOX_DEV.id)
            .role_name(sso::READER_ROLE)
            .send()
            .await
            .expect_err("not assigned");
        assert_eq!(status(&unassigned), Some(403));
        assert_eq!(unassigned.code(), Some("ForbiddenException"));

        // This token only: the other tests share the stack (`expire_sso_tokens` expires all).
        assert!(stack().proxy().expire_sso_token(&token));
        let expired = portal()
            .get_role_credentials()
            .access_token(&token)
            .account_id(org::PAYMENTS_DEV.id)
            .role_name(sso::ADMIN_ROLE)
            .send()
            .await
            .expect_err("expired token");
        assert_eq!(status(&expired), Some(401));
        let expired = expired.into_service_error();
        assert!(expired.is_unauthorized_exception());
        assert_eq!(
            expired.message(),
            Some("Session token not found or invalid")
        );

        // Logout ends a token.
        let (_, token, _) = sign_in().await?;
        portal().logout().access_token(&token).send().await?;
        let out = portal()
            .list_accounts()
            .access_token(&token)
            .send()
            .await
            .expect_err("logged out");
        assert_eq!(status(&out), Some(401));
        Ok(())
    })
}
