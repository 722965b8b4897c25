//! IAM Identity Center as the app holds it: where a user signs in (an `[sso-session]` of
//! the AWS config, or a legacy profile's start URL), the accounts and roles its portal
//! grants, and a device sign-in under way. The access token itself never comes here: the
//! runner reads it from the AWS CLI's token cache and writes it there.

use std::fmt;

use jiff::Timestamp;

use crate::secret::SecretValue;

/// The code of an error that says to sign in (again): the portal's own word for a token it
/// does not take, given to a missing or expired cached token too.
pub const SIGNED_OUT: &str = "UnauthorizedException";

/// Where a user signs in to IAM Identity Center: what the token cache is keyed by, the
/// portal's start URL and region, and the scopes a device sign-in registers with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SsoLogin {
    /// The `[sso-session]` name (`None`: a legacy profile with `sso_start_url` of its
    /// own, whose token is cached under the start URL and cannot be refreshed).
    pub session: Option<String>,
    pub start_url: String,
    /// `sso_region`: where the portal and its OIDC service are.
    pub region: String,
    /// `sso_registration_scopes` (an `[sso-session]`'s; empty for a legacy profile).
    pub scopes: Vec<String>,
}

impl SsoLogin {
    /// What the AWS CLI keys its token cache by: the session's name, else the start URL.
    pub fn cache_key(&self) -> &str {
        self.session.as_deref().unwrap_or(&self.start_url)
    }

    /// How the switcher and messages name it: the session's name, else the start URL.
    pub fn name(&self) -> &str {
        self.cache_key()
    }
}

/// The distinct places `profiles` sign in to IAM Identity Center, in profile order.
pub fn logins(profiles: &[super::ProfileInfo]) -> Vec<SsoLogin> {
    let mut logins: Vec<SsoLogin> = Vec::new();
    for profile in profiles {
        if let super::ProfileKind::Sso { login: Some(login) } = &profile.kind
            && !logins.iter().any(|l| l.cache_key() == login.cache_key())
        {
            logins.push(login.clone());
        }
    }
    logins
}

/// Where profile `name` signs in to IAM Identity Center: its own sign-in, or that of the
/// profile its chain of roles starts from (`source_profile`); `None` for any other.
pub fn login_of<'a>(profiles: &'a [super::ProfileInfo], name: &str) -> Option<&'a SsoLogin> {
    let mut current = name;
    // A longer chain loops (aws-config refuses such a profile anyway).
    for _ in 0..8 {
        let profile = profiles.iter().find(|p| p.name == current)?;
        match &profile.kind {
            super::ProfileKind::Sso { login } => return login.as_ref(),
            super::ProfileKind::Role {
                source: Some(source),
                ..
            } => current = source,
            _ => return None,
        }
    }
    None
}

/// One account the portal grants, with the roles (permission sets) the user has in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalAccount {
    pub id: String,
    pub name: String,
    pub email: String,
    pub roles: Vec<String>,
}

/// The distinct role names over `accounts`, each with the accounts that grant it, the
/// roles granted in more than one account first, then by name: "every account where I have
/// role X".
pub fn roles_across(accounts: &[PortalAccount]) -> Vec<(String, Vec<&PortalAccount>)> {
    let mut roles: Vec<(String, Vec<&PortalAccount>)> = Vec::new();
    for account in accounts {
        for role in &account.roles {
            match roles.iter_mut().find(|(name, _)| name == role) {
                Some((_, with)) => with.push(account),
                None => roles.push((role.clone(), vec![account])),
            }
        }
    }
    roles.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    roles
}

/// What an Identity Center role chosen is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsoPick {
    /// Work as it.
    Switch,
    /// Hold it beside those held.
    Pin,
    /// Hold it beside those held, as one of many at once (every account where the user
    /// has the role): the Identity Center room hears how each went.
    PinOfMany,
}

/// What a device sign-in registered and was given, which polling for the token needs
/// back: the client's secret and the device code are credentials of a kind, held in the
/// zeroizing type and never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct LoginHandle {
    pub client_id: String,
    pub client_secret: SecretValue,
    pub device_code: SecretValue,
    /// When the registered client expires (cached beside the token, as the CLI does).
    pub registration_expires: Option<Timestamp>,
}

impl fmt::Debug for LoginHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginHandle")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("device_code", &self.device_code)
            .field("registration_expires", &self.registration_expires)
            .finish()
    }
}

/// A device sign-in started: where the user approves it and the code they check there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceCode {
    /// The code the portal's page shows, to compare (`ABCD-EFGH`).
    pub user_code: String,
    pub verification_uri: String,
    /// The same page with the code filled in, when the service gives it.
    pub verification_uri_complete: Option<String>,
    /// When the code stops working.
    pub expires: Timestamp,
    /// How often to ask for the token, in seconds.
    pub interval_secs: u64,
    pub handle: LoginHandle,
}

/// A device sign-in that ended with a token, cached where the AWS CLI keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// When the access token expires.
    pub expires: Timestamp,
    /// The cache file written, as shown to the user (`~/.aws/sso/cache/<sha1>.json`).
    pub cache_file: String,
}

#[cfg(test)]
mod tests {
    use super::{LoginHandle, PortalAccount, roles_across};
    use crate::secret::SecretValue;

    fn account(id: &str, roles: &[&str]) -> PortalAccount {
        PortalAccount {
            id: id.to_owned(),
            name: format!("acct-{id}"),
            email: String::new(),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    #[test]
    fn roles_across_accounts_put_the_widest_first() {
        let accounts = [
            account("1", &["Admin", "Reader"]),
            account("2", &["Reader"]),
            account("3", &["Auditor", "Reader"]),
        ];
        let roles = roles_across(&accounts);
        let shape: Vec<(&str, Vec<&str>)> = roles
            .iter()
            .map(|(r, with)| (r.as_str(), with.iter().map(|a| a.id.as_str()).collect()))
            .collect();
        assert_eq!(
            shape,
            [
                ("Reader", vec!["1", "2", "3"]),
                ("Admin", vec!["1"]),
                ("Auditor", vec!["3"]),
            ]
        );
    }

    #[test]
    fn a_login_handle_never_prints_its_secrets() {
        let handle = LoginHandle {
            client_id: "client-1".to_owned(),
            client_secret: SecretValue::from_string("client-secret-canary".to_owned()),
            device_code: SecretValue::from_string("device-code-canary".to_owned()),
            registration_expires: None,
        };
        let shown = format!("{handle:?}");
        assert!(shown.contains("client-1"));
        assert!(shown.contains("[REDACTED]"), "{shown}");
        assert!(!shown.contains("canary"), "{shown}");
    }
}
