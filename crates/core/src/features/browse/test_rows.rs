//! Rows for the browse room's unit tests: a listed secret and its key, apart from the
//! list so the modules the list uses can build rows without importing it back.

use crate::ids::{IdentityId, RowKey};
use crate::model::SecretSummary;

pub(crate) fn summary(name: &str, region: &str) -> SecretSummary {
    let arn = crate::ids::Arn::parse(&format!(
        "arn:aws:secretsmanager:{region}:123456789012:secret:{name}"
    ))
    .expect("an ARN");
    SecretSummary::bare(IdentityId::START, arn, name, region)
}

/// The key of the start identity's row of `arn`.
pub(crate) fn start_row(arn: &str) -> RowKey {
    RowKey::new(
        IdentityId::START,
        crate::ids::Arn::parse(arn).expect("an ARN"),
    )
}
