//! What `replicate-to-region` asks for by prompt: the region, then the KMS key there. The
//! answers come back to `ReplicationView::prompted`.

use crate::room::RoomPrompt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// The region to replicate to.
    Region,
    /// The KMS key to encrypt the new replica with in `region` (empty: the AWS managed key).
    KmsKey { region: String },
}

impl RoomPrompt for Prompt {}
