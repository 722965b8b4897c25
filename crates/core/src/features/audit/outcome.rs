//! What AWS answers the audit room: pages of CloudTrail events.

use crate::features::audit::{Audit, AuditView, Out};
use crate::model::AwsError;
pub use crate::model::audit::AuditPage;
use crate::room::Ctx;

#[derive(Debug, Clone)]
pub enum Outcome {
    /// A page of CloudTrail events, for the audit query `query`.
    Page {
        query: u64,
        result: Result<AuditPage, AwsError>,
    },
}

impl Audit {
    /// An answer to a call this room made, with the open view if there is one (a page
    /// for a view closed since is dropped).
    pub(crate) fn answered(
        &mut self,
        view: Option<&mut AuditView>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        match outcome {
            Outcome::Page { query, result } => self.page_arrived(view, (query, result), ctx, out),
        }
    }
}
/// No answer of the audit room answers a write: it only reads.
impl crate::room::update::Answer for Outcome {}
