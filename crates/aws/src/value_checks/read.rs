//! Reading a batch of values for a value check: BatchGetSecretValue of up to 20 secrets of
//! one identity and region, each value turned into its fingerprints and zeroized as it is
//! dropped. An identity that may read values but not call BatchGetSecretValue (an older
//! policy naming `secretsmanager:GetSecretValue` alone) reads them one by one instead.

use aws_sdk_secretsmanager::primitives::Blob;
use smtui_core::fingerprint::ValuePrints;
use smtui_core::ids::SecretRef;
use smtui_core::model::{AwsError, ErrorKind};
use smtui_core::secret::SecretValue;

use super::fingerprint;
use crate::AwsContext;

/// Each secret's fingerprints or why it could not be read, in the order given.
pub use smtui_core::fingerprint::BatchPrints as Prints;

/// Reads `secrets` (one identity and region) and fingerprints their current values.
pub async fn read_prints(ctx: &AwsContext, secrets: &[SecretRef]) -> Result<Prints, AwsError> {
    let Some(region) = secrets.first().map(|s| s.region.as_str()) else {
        return Ok(Vec::new());
    };
    match batch(ctx, region, secrets).await {
        Err(error) if error.kind == ErrorKind::AccessDenied => {
            tracing::debug!(%error, "BatchGetSecretValue refused; reading one by one");
            Ok(one_by_one(ctx, region, secrets).await)
        }
        other => other,
    }
}

async fn batch(ctx: &AwsContext, region: &str, secrets: &[SecretRef]) -> Result<Prints, AwsError> {
    let mut answers: Vec<Option<Result<ValuePrints, AwsError>>> = vec![None; secrets.len()];
    let mut token = None;
    loop {
        let out = ctx
            .secrets(region)
            .batch_get_secret_value()
            .set_secret_id_list(Some(secrets.iter().map(|s| s.arn.to_string()).collect()))
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| crate::error::from_sdk("BatchGetSecretValue", region, &e))?;
        for mut entry in out.secret_values.unwrap_or_default() {
            let string = entry.secret_string.take().map(SecretValue::from_string);
            let binary = entry
                .secret_binary
                .take()
                .map(|b: Blob| SecretValue::from_bytes(b.into_inner()));
            let prints = fingerprint::of_value(string, binary);
            if let Some(at) = position(secrets, entry.arn.as_deref(), entry.name.as_deref()) {
                answers[at] = Some(Ok(prints));
            }
        }
        for refused in out.errors.unwrap_or_default() {
            let Some(at) = position(secrets, refused.secret_id.as_deref(), None) else {
                continue;
            };
            let code = refused.error_code.unwrap_or_default();
            answers[at] = Some(Err(AwsError {
                kind: ErrorKind::from_code(&code),
                operation: "BatchGetSecretValue",
                region: region.to_owned(),
                code: Some(code),
                message: refused.message,
            }));
        }
        match out.next_token {
            Some(next) if !next.is_empty() => token = Some(next),
            _ => break,
        }
    }
    Ok(secrets
        .iter()
        .zip(answers)
        .map(|(secret, answer)| {
            let answer = answer.unwrap_or_else(|| {
                Err(AwsError::invalid(
                    "BatchGetSecretValue",
                    region,
                    "the service neither returned this secret nor said why",
                ))
            });
            (secret.clone(), answer)
        })
        .collect())
}

/// Which of `secrets` an answer is about: by the ID sent (its ARN), else by name.
fn position(secrets: &[SecretRef], id: Option<&str>, name: Option<&str>) -> Option<usize> {
    let id = id?;
    secrets
        .iter()
        .position(|s| s.arn.as_str() == id)
        .or_else(|| secrets.iter().position(|s| s.name == id))
        .or_else(|| name.and_then(|name| secrets.iter().position(|s| s.name == name)))
}

async fn one_by_one(ctx: &AwsContext, region: &str, secrets: &[SecretRef]) -> Prints {
    let mut prints = Vec::with_capacity(secrets.len());
    for secret in secrets {
        let read = ctx
            .secrets(region)
            .get_secret_value()
            .secret_id(secret.arn.as_str())
            .send()
            .await
            .map_err(|e| crate::error::from_sdk("GetSecretValue", region, &e))
            .map(|mut out| {
                let string = out.secret_string.take().map(SecretValue::from_string);
                let binary = out
                    .secret_binary
                    .take()
                    .map(|b: Blob| SecretValue::from_bytes(b.into_inner()));
                fingerprint::of_value(string, binary)
            });
        prints.push((secret.clone(), read));
    }
    prints
}
