//! Two profiles of the user's AWS config for the switcher, apart from `roles.rs` because
//! `tests/mfa_code_memory.rs`, a binary of its own, includes this file and `harness.rs` alone.

use smtui_core::model::{ProfileInfo, ProfileKind};

use super::harness::Harness;

/// The loaded harness with two profiles: plain `dev`, and `prod-admin` whose role wants MFA.
pub fn with_profiles() -> Harness {
    let mut h = Harness::loaded();
    h.state.session.profiles = vec![
        ProfileInfo {
            name: "dev".into(),
            kind: ProfileKind::Plain,
            mfa_serial: None,
            region: None,
            duration_secs: None,
            session_name: None,
            mfa_process: None,
        },
        ProfileInfo {
            name: "prod-admin".into(),
            kind: ProfileKind::Role {
                role_arn: smtui_core::ids::Arn::parse("arn:aws:iam::123456789012:role/admin")
                    .expect("an ARN"),
                source: Some("dev".into()),
            },
            mfa_serial: Some("arn:aws:iam::123456789012:mfa/alice".into()),
            region: None,
            duration_secs: Some(3600),
            session_name: None,
            mfa_process: None,
        },
    ];
    h
}
