//! The demo's AWS config: its profiles through the SDK's own profile loading, and
//! `smtui-devstack demo` handing it to smtui.

use anyhow::{Context, Result};
use smtui_devstack::fixtures::org;

use super::{run, stack, sts};

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

/// `smtui-devstack demo` runs smtui with the demo's config of role profiles, a home of its
/// own, and the rest of the stack's environment.
#[test]
fn the_demo_runs_smtui_with_its_own_aws_config() -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("smtui-devstack-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let fake = dir.join("smtui");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho \"config=$AWS_CONFIG_FILE\"\necho \"home=$HOME\"\ncat \"$AWS_CONFIG_FILE\"\n",
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
    // A home of its own, where its Identity Center sign-in is cached: never the user's.
    let home = text
        .lines()
        .nth(1)
        .and_then(|l| l.strip_prefix("home="))
        .context("the home named")?;
    assert!(home.ends_with("/smtui/home"), "{home}");
    assert!(std::path::Path::new(home).is_dir(), "made: {home}");
    assert_ne!(Some(home.to_owned()), std::env::var("HOME").ok());
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
