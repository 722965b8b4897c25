//! The profiles of the user's AWS config files, for the role switcher, read with the SDK's
//! own parser (so `AWS_CONFIG_FILE` and the credentials file count as they do for the SDK).

use aws_runtime::env_config::file::EnvConfigFiles as ProfileFiles;
use aws_types::os_shim_internal::{Env, Fs};

use smtui_core::ids::Arn;
use smtui_core::model::sso::SsoLogin;
use smtui_core::model::{ProfileInfo, ProfileKind};

/// Every profile, sorted by name; none when the files cannot be read.
pub async fn list() -> Vec<ProfileInfo> {
    list_from(&Fs::real(), &Env::real()).await
}

async fn list_from(fs: &Fs, env: &Env) -> Vec<ProfileInfo> {
    let Ok(set) = aws_config::profile::load(fs, env, &ProfileFiles::default(), None).await else {
        return Vec::new();
    };
    let mut out: Vec<ProfileInfo> = set
        .profiles()
        .filter_map(|name| {
            let profile = set.get_profile(name)?;
            // A `role_arn` that is no ARN: the SDK refuses the profile when it is used, and
            // says why; smtui offers it as it offers any profile it does not look into.
            let role = profile.get("role_arn").and_then(|r| Arn::parse(r).ok());
            let kind = if let Some(role_arn) = role {
                ProfileKind::Role {
                    role_arn,
                    source: profile.get("source_profile").map(str::to_owned),
                }
            } else if profile.get("sso_start_url").is_some() || profile.get("sso_session").is_some()
            {
                ProfileKind::Sso {
                    login: sso_login(&set, profile),
                }
            } else {
                ProfileKind::Plain
            };
            Some(ProfileInfo {
                name: name.to_owned(),
                kind,
                mfa_serial: profile.get("mfa_serial").map(str::to_owned),
                region: profile.get("region").map(str::to_owned),
                duration_secs: profile.get("duration_seconds").and_then(|d| d.parse().ok()),
                session_name: profile.get("role_session_name").map(str::to_owned),
                mfa_process: profile.get("mfa_process").map(str::to_owned),
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Where an IAM Identity Center profile signs in: its `[sso-session]` (start URL, region,
/// scopes), or, for a legacy profile, its own `sso_start_url` and `sso_region`.
fn sso_login(
    set: &aws_runtime::env_config::section::EnvConfigSections,
    profile: &aws_runtime::env_config::section::Profile,
) -> Option<SsoLogin> {
    if let Some(name) = profile.get("sso_session") {
        let session = set.sso_session(name)?;
        let scopes = session
            .get("sso_registration_scopes")
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        return Some(SsoLogin {
            session: Some(name.to_owned()),
            start_url: session.get("sso_start_url")?.to_owned(),
            region: session.get("sso_region")?.to_owned(),
            scopes,
        });
    }
    Some(SsoLogin {
        session: None,
        start_url: profile.get("sso_start_url")?.to_owned(),
        region: profile.get("sso_region")?.to_owned(),
        scopes: Vec::new(),
    })
}

/// The profile to log in to with `aws sso login` when `name`'s credentials come from IAM
/// Identity Center: itself, or the profile its chain of roles starts from; `None` for any
/// other kind. Read from the config, never guessed from an error's words.
pub(crate) fn sso_login_in(profiles: &[ProfileInfo], name: &str) -> Option<String> {
    let mut current = name;
    // A chain longer than this loops (aws-config refuses such a profile anyway).
    for _ in 0..8 {
        let profile = profiles.iter().find(|p| p.name == current)?;
        match &profile.kind {
            ProfileKind::Sso { .. } => return Some(profile.name.clone()),
            ProfileKind::Role {
                source: Some(source),
                ..
            } => current = source,
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_sso_login_names_the_profile_a_role_chain_starts_from() {
        let config = "[profile idc]\nsso_session = corp\nsso_account_id = 123456789012\n\
            [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n\
            [profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\n\
            source_profile = idc\n\
            [profile keys]\naws_access_key_id = AKIDEXAMPLE\n\
            [profile from-keys]\nrole_arn = arn:aws:iam::123456789012:role/x\n\
            source_profile = keys\n\
            [profile sso-admin-gone]\nrole_arn = arn:aws:iam::123456789012:role/y\n\
            source_profile = nosuch\n\
            [profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\n\
            [profile b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = a\n";
        let fs = Fs::from_slice(&[("/home/u/.aws/config", config)]);
        let env = Env::from_slice(&[("HOME", "/home/u")]);
        let profiles = list_from(&fs, &env).await;
        assert_eq!(sso_login_in(&profiles, "idc").as_deref(), Some("idc"));
        assert_eq!(sso_login_in(&profiles, "admin").as_deref(), Some("idc"));
        assert_eq!(sso_login_in(&profiles, "from-keys"), None);
        assert_eq!(
            sso_login_in(&profiles, "sso-admin-gone"),
            None,
            "not by its name"
        );
        assert_eq!(sso_login_in(&profiles, "a"), None, "a loop ends");
    }

    #[tokio::test]
    async fn role_sso_plain_and_mfa_profiles_are_told_apart() {
        let config = "[default]\nregion = us-east-1\n\
            [profile prod-admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\n\
            source_profile = default\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n\
            [profile sso-dev]\nsso_session = corp\nsso_account_id = 123456789012\n\
            [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n";
        let fs = Fs::from_slice(&[("/home/u/.aws/config", config)]);
        let env = Env::from_slice(&[("HOME", "/home/u")]);
        let profiles = list_from(&fs, &env).await;
        let names: Vec<&str> = profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["default", "prod-admin", "sso-dev"]);
        assert_eq!(profiles[0].kind, ProfileKind::Plain);
        assert_eq!(
            profiles[1].kind,
            ProfileKind::Role {
                role_arn: Arn::parse("arn:aws:iam::123456789012:role/admin").expect("an ARN"),
                source: Some("default".into()),
            }
        );
        assert!(profiles[1].mfa_serial.is_some());
        assert_eq!(profiles[2].kind, ProfileKind::Sso { login: None });
    }

    #[tokio::test]
    async fn an_sso_profile_signs_in_where_its_session_or_its_own_start_url_says() {
        let config = "[profile idc]\nsso_session = corp\nsso_account_id = 123456789012\n\
            [profile idc-admin]\nsso_session = corp\nsso_account_id = 123456789012\n\
            [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n\
            sso_region = eu-west-1\nsso_registration_scopes = sso:account:access, other\n\
            [profile legacy]\nsso_start_url = https://old.awsapps.com/start\n\
            sso_region = us-east-2\nsso_account_id = 123456789012\n";
        let fs = Fs::from_slice(&[("/home/u/.aws/config", config)]);
        let env = Env::from_slice(&[("HOME", "/home/u")]);
        let profiles = list_from(&fs, &env).await;
        let logins = smtui_core::model::sso::logins(&profiles);
        assert_eq!(logins.len(), 2, "the session once: {logins:?}");
        assert_eq!(logins[0].session.as_deref(), Some("corp"));
        assert_eq!(logins[0].start_url, "https://corp.awsapps.com/start");
        assert_eq!(logins[0].region, "eu-west-1");
        assert_eq!(logins[0].scopes, ["sso:account:access", "other"]);
        assert_eq!(logins[1].session, None);
        assert_eq!(logins[1].cache_key(), "https://old.awsapps.com/start");
        assert_eq!(logins[1].region, "us-east-2");
    }
}
