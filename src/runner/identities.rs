//! The calls that make a new identity (AssumeRole, with or without MFA, and a profile's
//! credentials): they run as the identity that asks, and the runner holds the new
//! credentials (in memory only) before the answer goes back, so the effects that follow it
//! find them.

use super::{Identities, Runner, failed, lock, refused};
use crate::app::{Action, AwsCall, Envelope, Outcome, Stamp};
use crate::aws::{AwsContext, sts};

/// Starts `call` if it makes an identity; otherwise hands it back.
pub(super) fn start(
    runner: &Runner,
    stamp: Stamp,
    ctx: AwsContext,
    call: AwsCall,
) -> Option<AwsCall> {
    if let AwsCall::UseProfile {
        profile,
        new_identity,
    } = call
    {
        let (identities, tx) = (runner.identities.clone(), runner.tx.clone());
        let options = crate::aws::ConnectOptions {
            profile: Some(profile.clone()),
            ..runner.connect.clone()
        };
        tokio::spawn(async move {
            let result = sts::use_profile(&options).await.map(|(ctx, assumed)| {
                lock(&identities).insert(new_identity, ctx);
                assumed
            });
            let outcome = Outcome::Assumed {
                identity: new_identity,
                role_arn: format!("profile {profile}"),
                result,
            };
            let _ = tx.send(Action::Result(Envelope { stamp, outcome }));
        });
        return None;
    }
    if let AwsCall::AssumeRoleWithMfa { .. } = call {
        let (identities, tx) = (runner.identities.clone(), runner.tx.clone());
        let connect = runner.connect.clone();
        tokio::spawn(async move {
            let outcome = assume_with_mfa(ctx, connect, &identities, call).await;
            let _ = tx.send(Action::Result(Envelope { stamp, outcome }));
        });
        return None;
    }
    if let AwsCall::SessionToken {
        serial,
        code,
        new_identity,
        region,
    } = call
    {
        let (identities, tx) = (runner.identities.clone(), runner.tx.clone());
        tokio::spawn(async move {
            let code_text = code.expose_str().unwrap_or_default();
            let result = sts::session_token(&ctx, region.as_deref(), &serial, code_text)
                .await
                .map(|(session_ctx, assumed)| {
                    lock(&identities).insert(new_identity, session_ctx);
                    assumed
                });
            let outcome = Outcome::Assumed {
                identity: new_identity,
                role_arn: format!("MFA session ({serial})"),
                result,
            };
            let _ = tx.send(Action::Result(Envelope { stamp, outcome }));
        });
        return None;
    }
    if let AwsCall::AssumeRole { as_identity, .. } = &call {
        // Its credentials become a new identity, held here for the effects that follow.
        // A renewal runs as the identity that assumed the role in the first place.
        let ctx = as_identity
            .and_then(|id| lock(&runner.identities).get(&id).cloned())
            .unwrap_or(ctx);
        let (identities, tx) = (runner.identities.clone(), runner.tx.clone());
        tokio::spawn(async move {
            let outcome = assume(&ctx, &identities, call).await;
            let _ = tx.send(Action::Result(Envelope { stamp, outcome }));
        });
        return None;
    }
    Some(call)
}

/// AssumeRole as `ctx`; on success the runner holds the role's credentials as the new
/// identity before the answer goes back, so the effects that follow it find them.
async fn assume(ctx: &AwsContext, identities: &Identities, call: AwsCall) -> Outcome {
    let AwsCall::AssumeRole {
        role_arn,
        session_name,
        external_id,
        duration_secs,
        new_identity,
        region,
        ..
    } = call
    else {
        return failed(call.clone(), refused(&call, "not an AssumeRole".to_owned()));
    };
    let request = sts::AssumeRequest {
        role_arn: &role_arn,
        session_name: &session_name,
        external_id: external_id.as_deref(),
        duration_secs,
        region: region.as_deref(),
        mfa: None,
    };
    let result = match sts::assume_role(ctx, &request).await {
        Ok((assumed_ctx, assumed)) => {
            lock(identities).insert(new_identity, assumed_ctx);
            Ok(assumed)
        }
        Err(error) => Err(error),
    };
    Outcome::Assumed {
        identity: new_identity,
        role_arn,
        result,
    }
}

/// AssumeRole with an MFA code, as the source profile's credentials (or `ctx`'s).
async fn assume_with_mfa(
    ctx: AwsContext,
    connect: crate::aws::ConnectOptions,
    identities: &Identities,
    call: AwsCall,
) -> Outcome {
    let AwsCall::AssumeRoleWithMfa {
        role_arn,
        source_profile,
        session_name,
        serial,
        code,
        code_from,
        external_id,
        duration_secs,
        new_identity,
        region,
    } = call
    else {
        return failed(call.clone(), refused(&call, "not an AssumeRole".to_owned()));
    };
    let code = match code_from {
        Some(command) => match code_from_command(&command).await {
            Ok(code) => code,
            Err(why) => {
                return Outcome::Assumed {
                    identity: new_identity,
                    role_arn,
                    result: Err(crate::aws::AwsError::invalid("AssumeRole", "global", &why)),
                };
            }
        },
        None => code,
    };
    let source = match source_profile {
        Some(profile) => {
            AwsContext::load(&crate::aws::ConnectOptions {
                profile: Some(profile),
                ..connect
            })
            .await
        }
        None => ctx,
    };
    let request = sts::AssumeRequest {
        role_arn: &role_arn,
        session_name: &session_name,
        external_id: external_id.as_deref(),
        duration_secs,
        region: region.as_deref(),
        mfa: Some((&serial, code.expose_str().unwrap_or_default())),
    };
    let result = match sts::assume_role(&source, &request).await {
        Ok((assumed_ctx, assumed)) => {
            lock(identities).insert(new_identity, assumed_ctx);
            Ok(assumed)
        }
        Err(error) => Err(error),
    };
    Outcome::Assumed {
        identity: new_identity,
        role_arn,
        result,
    }
}

/// Runs a profile's `mfa_process` (through `sh -c`, at most 30 seconds) and takes the code
/// it prints; the output goes straight into the zeroizing type.
async fn code_from_command(command: &str) -> Result<crate::secret::SecretValue, String> {
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
    let code = crate::secret::SecretValue::from_bytes(out.stdout);
    let digits: Vec<u8> = code
        .expose()
        .iter()
        .filter(|b| !b.is_ascii_whitespace())
        .copied()
        .collect();
    // Moved, not copied, into the zeroizing type before anything else can fail.
    let digits = crate::secret::SecretValue::from_bytes(digits);
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
