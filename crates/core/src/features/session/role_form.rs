//! The options of a role assumed by its ARN, typed on one line after the ARN:
//! `session=NAME duration=SECONDS external-id=ID mfa=SERIAL` (all optional; the session
//! name defaults to `smtui-<user>`, cleaned to what AWS accepts).

use crate::features::session::clean_session_name;

/// AssumeRole's limits on DurationSeconds.
pub(crate) const MIN_DURATION: i32 = 900;
pub(crate) const MAX_DURATION: i32 = 43_200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoleOptions {
    pub(crate) session_name: String,
    pub(crate) duration_secs: Option<i32>,
    pub(crate) external_id: Option<String>,
    /// An MFA device's serial number (or ARN): a code is asked for next.
    pub(crate) mfa_serial: Option<String>,
}

/// The prompt's starting text.
pub(crate) fn initial(user: &str) -> String {
    format!(
        "session={} duration=3600",
        clean_session_name(&format!("smtui-{user}"))
    )
}

/// The options with nothing typed: the session `smtui-<user>`, the role's own duration.
pub(crate) fn defaults(user: &str) -> RoleOptions {
    RoleOptions {
        session_name: clean_session_name(&format!("smtui-{user}")),
        duration_secs: None,
        external_id: None,
        mfa_serial: None,
    }
}

pub(crate) fn parse(text: &str, user: &str) -> Result<RoleOptions, String> {
    let mut options = defaults(user);
    for word in text.split_whitespace() {
        let (key, value) = word.split_once('=').ok_or_else(|| {
            format!("{word:?}: write key=value (session, duration, external-id, mfa)")
        })?;
        match key {
            "session" => {
                if value.len() < 2 || value.len() > 64 {
                    return Err("A session name has 2 to 64 characters".to_owned());
                }
                options.session_name = clean_session_name(value);
            }
            "duration" => {
                let secs: i32 = value
                    .parse()
                    .map_err(|_| format!("duration {value:?} is not a number of seconds"))?;
                if !(MIN_DURATION..=MAX_DURATION).contains(&secs) {
                    return Err(format!(
                        "duration is {MIN_DURATION} to {MAX_DURATION} seconds (and at most the \
                         role's own maximum; 3600 for a role assumed from another role)"
                    ));
                }
                options.duration_secs = Some(secs);
            }
            // An empty value leaves the option out.
            "external-id" | "mfa" if value.is_empty() => {}
            "external-id" => {
                let allowed = value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+=,.@:/-_".contains(c));
                if value.len() < 2 || value.len() > 1224 || !allowed {
                    return Err("An external ID has 2 to 1224 of [A-Za-z0-9+=,.@:/_-]".to_owned());
                }
                options.external_id = Some(value.to_owned());
            }
            "mfa" => options.mfa_serial = Some(value.to_owned()),
            other => {
                return Err(format!(
                    "{other:?} is not an option (session, duration, external-id, mfa)"
                ));
            }
        }
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_with_their_defaults_and_their_limits() {
        let defaults = parse(&initial("alice"), "alice").expect("the starting text parses");
        assert_eq!(defaults.session_name, "smtui-alice");
        assert_eq!(defaults.duration_secs, Some(3600));
        let all = parse(
            "session=ci-run duration=900 external-id=Partner-42 mfa=arn:aws:iam::123456789012:mfa/alice",
            "alice",
        )
        .expect("valid");
        assert_eq!(all.external_id.as_deref(), Some("Partner-42"));
        assert_eq!(
            all.mfa_serial.as_deref(),
            Some("arn:aws:iam::123456789012:mfa/alice")
        );
        for (bad, says) in [
            ("duration=60", "900 to 43200"),
            ("duration=soon", "not a number"),
            ("session=x", "2 to 64"),
            ("external-id=ab b", "key=value"),
            ("external-id=x", "2 to 1224"),
            ("region=eu-west-1", "not an option"),
        ] {
            let error = parse(bad, "alice").expect_err(bad);
            assert!(error.contains(says), "{bad}: {error}");
        }
    }
}
