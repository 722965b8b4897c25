//! The calls that make a new identity (AssumeRole, with or without MFA, a profile's
//! credentials, an IAM Identity Center role's): they run as the identity that asks, and the runner holds the new
//! credentials (in memory only) before the answer goes back, so the effects that follow it
//! find them.

use super::{Runner, lock};
use crate::{AwsContext, AwsError, ConnectOptions, sts};
use smtui_core::app::{Action, Assumed, Envelope, Outcome, Stamp};
use smtui_core::features::session::Call;

/// Starts `call`, which makes an identity, as `ctx` (the identity asking).
pub(super) fn start(runner: &Runner, stamp: Stamp, ctx: AwsContext, call: Call) {
    let identity = call.new_identity();
    let new_identity = identity.id;
    // A renewal runs as the identity that assumed the role in the first place.
    let ctx = match &call {
        Call::AssumeRole {
            as_identity: Some(id),
            ..
        } => lock(&runner.identities).get(id).cloned().unwrap_or(ctx),
        Call::AssumeRole {
            as_identity: None, ..
        }
        | Call::AssumeRoleWithMfa { .. }
        | Call::SessionToken { .. }
        | Call::UseProfile { .. }
        | Call::SsoRole { .. } => ctx,
    };
    let (identities, forgotten, tx, connect) = (
        runner.identities.clone(),
        runner.forgotten.clone(),
        runner.tx.clone(),
        runner.connect.clone(),
    );
    tokio::spawn(async move {
        let result = credentials(ctx, connect, call)
            .await
            .map(|(made, assumed)| {
                let dropped = forgotten
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .contains(&new_identity);
                // Unpinned while its renewal was on its way: its credentials stay dropped.
                if !dropped {
                    lock(&identities).insert(new_identity, made);
                }
                assumed
            });
        let outcome = Outcome::Assumed { identity, result };
        let _ = tx.send(Action::Result(Envelope { stamp, outcome }));
    });
}

/// The new identity's context and who it is, for each call that makes one; `ctx` is the
/// identity asking.
async fn credentials(
    ctx: AwsContext,
    connect: ConnectOptions,
    call: Call,
) -> Result<(AwsContext, Assumed), AwsError> {
    match call {
        Call::UseProfile { profile, .. } => {
            sts::use_profile(&ConnectOptions {
                profile: Some(profile),
                ..connect
            })
            .await
        }
        Call::SessionToken {
            serial,
            code,
            region,
            ..
        } => {
            let code = code.expose_str().unwrap_or_default();
            sts::session_token(&ctx, region.as_deref(), &serial, code).await
        }
        Call::AssumeRole {
            role_arn,
            session_name,
            external_id,
            duration_secs,
            region,
            ..
        } => {
            let request = sts::AssumeRequest {
                role_arn: role_arn.as_str(),
                session_name: &session_name,
                external_id: external_id.as_deref(),
                duration_secs,
                region: region.as_deref(),
                mfa: None,
            };
            sts::assume_role(&ctx, &request).await
        }
        Call::SsoRole {
            login,
            account_id,
            role_name,
            region,
            ..
        } => {
            crate::sso::role_credentials(&ctx, &login, &account_id, &role_name, region.as_deref())
                .await
        }
        Call::AssumeRoleWithMfa {
            role_arn,
            source_profile,
            session_name,
            serial,
            code,
            code_from,
            external_id,
            duration_secs,
            region,
            ..
        } => {
            let code = match code_from {
                Some(command) => code_from_command(&command)
                    .await
                    .map_err(|why| AwsError::invalid("AssumeRole", "global", &why))?,
                None => code,
            };
            // As its source profile's credentials, or the asking identity's.
            let source = match source_profile {
                Some(profile) => {
                    AwsContext::load(&ConnectOptions {
                        profile: Some(profile),
                        ..connect
                    })
                    .await
                }
                None => ctx,
            };
            let request = sts::AssumeRequest {
                role_arn: role_arn.as_str(),
                session_name: &session_name,
                external_id: external_id.as_deref(),
                duration_secs,
                region: region.as_deref(),
                mfa: Some((&serial, code.expose_str().unwrap_or_default())),
            };
            sts::assume_role(&source, &request).await
        }
    }
}

/// Runs a profile's `mfa_process` (through `sh -c`, at most 30 seconds) and takes the code
/// it prints; the output goes straight into the zeroizing type.
async fn code_from_command(command: &str) -> Result<smtui_core::secret::SecretValue, String> {
    let run = tokio::process::Command::new("sh")
        .args(["-c", command])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(std::time::Duration::from_secs(30), run)
        .await
        .map_err(|_| "mfa_process did not answer within 30 seconds".to_owned())?
        .map_err(|e| format!("mfa_process: {e}"))?;
    let code = smtui_core::secret::SecretValue::from_bytes(out.stdout);
    let digits: Vec<u8> = code
        .expose()
        .iter()
        .filter(|b| !b.is_ascii_whitespace())
        .copied()
        .collect();
    // Moved, not copied, into the zeroizing type before anything else can fail.
    let digits = smtui_core::secret::SecretValue::from_bytes(digits);
    let six = digits.len() == 6 && digits.expose().iter().all(u8::is_ascii_digit);
    if !out.status.success() || !six {
        return Err("mfa_process printed no 6-digit code".to_owned());
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::code_from_command;

    #[tokio::test]
    async fn a_code_is_six_digits_from_the_commands_output() {
        let code = code_from_command("printf ' 123456\\n'")
            .await
            .expect("a code");
        assert_eq!(code.expose_str(), Some("123456"));
        for bad in ["echo 12345", "echo abcdef", "exit 1", "echo 123456; exit 3"] {
            let error = code_from_command(bad).await.expect_err(bad);
            assert!(error.contains("no 6-digit code"), "{bad}: {error}");
        }
    }
}
