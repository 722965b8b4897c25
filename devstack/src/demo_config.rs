//! The demo's own AWS config file: a base profile with the stack's keys and endpoint, and
//! role profiles on it for the management account's reader, auditor and MFA-protected
//! admin ([`crate::fixtures::org::MANAGEMENT_ROLES`]), and an IAM Identity Center
//! profile on the `[sso-session]` of [`crate::fixtures::sso`]. `smtui-devstack demo` writes it into
//! the demo's home and points `AWS_CONFIG_FILE` at it for smtui only; the user's own
//! `~/.aws` is never read or written.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::Stack;
use crate::fixtures::{PRIMARY_REGION, org, sso};
use crate::venv::devstack_dir;

/// The profile with the stack's own keys (the management account); the role profiles'
/// `source_profile`.
pub const BASE_PROFILE: &str = "smtui-devstack";
/// `role_arn` = [`org::ORG_READER_ROLE`].
pub const READER_PROFILE: &str = "smtui-demo-reader";
/// `role_arn` = [`org::ORG_AUDITOR_ROLE`].
pub const AUDITOR_PROFILE: &str = "smtui-demo-auditor";
/// `role_arn` = [`org::MFA_ADMIN_ROLE`], `mfa_serial` = [`org::MFA_SERIAL`] (the code is
/// [`org::MFA_TOKEN_CODE`]).
pub const MFA_PROFILE: &str = "smtui-demo-mfa-admin";
/// An IAM Identity Center profile on the `[sso-session]` [`sso::SESSION_NAME`]:
/// `sso_account_id` = [`SSO_PROFILE_ACCOUNT`], `sso_role_name` = [`sso::READER_ROLE`].
pub const SSO_PROFILE: &str = "smtui-demo-sso";
/// The account [`SSO_PROFILE`] signs in to: payments-prod.
pub const SSO_PROFILE_ACCOUNT: &str = org::PAYMENTS_PROD.id;
/// The file's name in the directory it is written to.
pub const FILE_NAME: &str = "aws-config";

/// The config file's text for a stack at `endpoint`. Every profile names the endpoint
/// (the SDKs read `endpoint_url` from the profile in use, not from its source profile).
pub fn config_text(endpoint: &str) -> String {
    let mut text = format!(
        "# Written by smtui-devstack for the demo: the local stack only, never real AWS.\n\
         [profile {BASE_PROFILE}]\n\
         aws_access_key_id = testing\n\
         aws_secret_access_key = testing\n\
         region = {PRIMARY_REGION}\n\
         endpoint_url = {endpoint}\n"
    );
    for (profile, role, mfa) in [
        (READER_PROFILE, org::ORG_READER_ROLE, false),
        (AUDITOR_PROFILE, org::ORG_AUDITOR_ROLE, false),
        (MFA_PROFILE, org::MFA_ADMIN_ROLE, true),
    ] {
        text.push_str(&format!(
            "\n[profile {profile}]\n\
             role_arn = {}\n\
             source_profile = {BASE_PROFILE}\n\
             region = {PRIMARY_REGION}\n\
             endpoint_url = {endpoint}\n",
            role.arn
        ));
        if mfa {
            text.push_str(&format!("mfa_serial = {}\n", org::MFA_SERIAL));
        }
    }
    // Identity Center: a session (sign in once with the device flow, or a token cache file
    // written as the AWS CLI writes it), and a profile for one of its assignments.
    text.push_str(&format!(
        "\n[sso-session {session}]\n\
         sso_start_url = {start}\n\
         sso_region = {region}\n\
         sso_registration_scopes = {scope}\n\
         \n[profile {SSO_PROFILE}]\n\
         sso_session = {session}\n\
         sso_account_id = {SSO_PROFILE_ACCOUNT}\n\
         sso_role_name = {role}\n\
         region = {PRIMARY_REGION}\n\
         endpoint_url = {endpoint}\n",
        session = sso::SESSION_NAME,
        start = sso::START_URL,
        region = sso::SSO_REGION,
        scope = sso::REGISTRATION_SCOPE,
        role = sso::READER_ROLE,
    ));
    text
}

/// Writes [`config_text`] as `dir/`[`FILE_NAME`]; its path.
pub fn write(dir: &Path, endpoint: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join(FILE_NAME);
    std::fs::write(&path, config_text(endpoint))
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

impl Stack {
    /// Writes the demo's AWS config into the demo's home (`.devstack/smtui/aws-config`,
    /// next to smtui's config and state there); its path.
    pub fn write_demo_aws_config(&self) -> Result<PathBuf> {
        write(&devstack_dir().join("smtui"), &self.endpoint_url())
    }

    /// The demo's own home for smtui (`.devstack/smtui/home`, made if missing): its IAM
    /// Identity Center sign-in is cached under it (`.aws/sso/cache`) as the AWS CLI would
    /// cache it, never in the user's `~/.aws`.
    pub fn demo_home(&self) -> Result<PathBuf> {
        let home = devstack_dir().join("smtui").join("home");
        std::fs::create_dir_all(&home).with_context(|| format!("creating {}", home.display()))?;
        Ok(home)
    }
}
