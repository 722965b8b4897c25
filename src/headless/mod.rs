//! Commands that print and exit instead of drawing (`smtui list`, `smtui posture`). They list through the
//! very same runner, lanes and SDK calls as the TUI: regions in parallel, pages in sequence.

pub mod list;
pub mod posture;

use std::collections::HashSet;

use tokio::sync::mpsc;

use crate::app::{Action, AwsCall, Effect, IdentityId, Outcome, Stamp};
use crate::aws::AwsContext;
use crate::clipboard::{Clipboard, MemoryBackend};
use crate::model::{AwsError, SecretSummary};
use crate::runner::Runner;

/// Everything listed, and the regions that could not be.
#[derive(Debug, Default)]
pub struct Listing {
    pub secrets: Vec<SecretSummary>,
    pub failed: Vec<AwsError>,
}

/// Lists every region (read-only: nothing here writes).
pub async fn list_everything(ctx: AwsContext, regions: &[String]) -> Listing {
    let (tx, mut rx) = mpsc::unbounded_channel();
    // Nothing is copied; the runner wants a clipboard all the same.
    let clipboard = Clipboard::new(Box::new(MemoryBackend::default()));
    let mut runner = Runner::new(ctx, tx, clipboard).read_only(true);
    let stamp = Stamp {
        generation: 0,
        identity: IdentityId::START,
    };
    for region in regions {
        runner.run(Effect::Aws {
            stamp,
            call: AwsCall::ListSecrets {
                region: region.clone(),
            },
        });
    }
    let mut pending: HashSet<&str> = regions.iter().map(String::as_str).collect();
    let mut listing = Listing::default();
    while !pending.is_empty() {
        let Some(action) = rx.recv().await else {
            break;
        };
        let Action::Result(envelope) = action else {
            continue;
        };
        match envelope.outcome {
            Outcome::SecretsPage { region, page, last } => {
                listing.secrets.extend(page);
                if last {
                    pending.remove(region.as_str());
                }
            }
            Outcome::RegionFailed { region, error } => {
                pending.remove(region.as_str());
                listing.failed.push(error);
            }
            _ => {}
        }
    }
    listing
}
