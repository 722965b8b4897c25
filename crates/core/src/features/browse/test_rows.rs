//! Rows for the browse room's unit tests: a listed secret and its key, apart from the
//! list so the modules the list uses can build rows without importing it back.

use crate::ids::{IdentityId, RowKey};
use crate::model::SecretSummary;

pub(crate) fn summary(name: &str, region: &str) -> SecretSummary {
    SecretSummary {
        identity: crate::ids::IdentityId::START,
        arn: crate::ids::Arn::parse(&format!(
            "arn:aws:secretsmanager:{region}:123456789012:secret:{name}"
        ))
        .expect("an ARN"),
        name: name.to_owned(),
        region: region.into(),
        description: None,
        created: None,
        last_changed: None,
        last_accessed: None,
        rotation: std::sync::Arc::default(),
        owning_service: None,
        stages: Vec::new(),
        tags: Vec::new().into(),
        deleted_date: None,
        primary_region: None,
        kms_key_id: None,
    }
}

/// The key of the start identity's row of `arn`.
pub(crate) fn start_row(arn: &str) -> RowKey {
    RowKey::new(
        IdentityId::START,
        crate::ids::Arn::parse(arn).expect("an ARN"),
    )
}
