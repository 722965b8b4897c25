//! The profiles of the user's AWS config files, for the role switcher, read with the SDK's
//! own parser (so `AWS_CONFIG_FILE` and the credentials file count as they do for the SDK).

use aws_runtime::env_config::file::EnvConfigFiles as ProfileFiles;
use aws_types::os_shim_internal::{Env, Fs};

use crate::model::{ProfileInfo, ProfileKind};

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
            let kind = if let Some(role) = profile.get("role_arn") {
                ProfileKind::Role {
                    role_arn: role.to_owned(),
                    source: profile.get("source_profile").map(str::to_owned),
                }
            } else if profile.get("sso_start_url").is_some() || profile.get("sso_session").is_some()
            {
                ProfileKind::Sso
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

#[cfg(test)]
mod tests {
    use super::*;

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
                role_arn: "arn:aws:iam::123456789012:role/admin".into(),
                source: Some("default".into()),
            }
        );
        assert!(profiles[1].mfa_serial.is_some());
        assert_eq!(profiles[2].kind, ProfileKind::Sso);
    }
}
