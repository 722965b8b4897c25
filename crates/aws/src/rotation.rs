//! The rotation calls: RotateSecret (now, or with new rules), CancelRotateSecret, and the
//! UpdateSecretVersionStage that removes a stuck AWSPENDING label.

use aws_sdk_secretsmanager::types::RotationRulesType;

use super::{AwsContext, AwsError};
use smtui_core::features::rotation::call::RotationRules;

/// RotateSecret with the configured function and schedule; the version it starts making.
pub(crate) async fn rotate(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
) -> Result<Option<String>, AwsError> {
    let out = ctx
        .secrets(region)
        .rotate_secret()
        .secret_id(arn)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("RotateSecret", region, &e))?;
    Ok(out.version_id().map(str::to_owned))
}

/// RotateSecret with rules (and a function, when none is configured yet).
pub(crate) async fn set_rotation(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    rules: &RotationRules,
    lambda_arn: Option<&str>,
    rotate_now: bool,
) -> Result<Option<String>, AwsError> {
    let rules = RotationRulesType::builder()
        .set_automatically_after_days(rules.every_days)
        .set_schedule_expression(rules.schedule.clone())
        .set_duration(rules.window.clone())
        .build();
    let out = ctx
        .secrets(region)
        .rotate_secret()
        .secret_id(arn)
        .rotation_rules(rules)
        .set_rotation_lambda_arn(lambda_arn.map(str::to_owned))
        .rotate_immediately(rotate_now)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("RotateSecret", region, &e))?;
    Ok(out.version_id().map(str::to_owned))
}

/// CancelRotateSecret: automatic rotation off.
pub(crate) async fn cancel(ctx: &AwsContext, region: &str, arn: &str) -> Result<(), AwsError> {
    ctx.secrets(region)
        .cancel_rotate_secret()
        .secret_id(arn)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("CancelRotateSecret", region, &e))?;
    Ok(())
}

/// Removes AWSPENDING from `version` (the version a stuck rotation left it on).
pub(crate) async fn remove_pending(
    ctx: &AwsContext,
    region: &str,
    arn: &str,
    version: &str,
) -> Result<(), AwsError> {
    ctx.secrets(region)
        .update_secret_version_stage()
        .secret_id(arn)
        .version_stage("AWSPENDING")
        .remove_from_version_id(version)
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("UpdateSecretVersionStage", region, &e))?;
    Ok(())
}
