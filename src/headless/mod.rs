//! Commands that print and exit instead of drawing (`smtui list`, `smtui posture`). They
//! list through the very same runner, lanes and SDK calls as the TUI: regions in parallel,
//! pages in sequence.

pub mod access;
pub mod list;
pub mod org;
pub mod posture;
pub mod values;

use std::collections::HashSet;
use std::fmt::Write as _;

use tokio::sync::mpsc;

use smtui_aws::AwsContext;
use smtui_aws::clipboard::{Clipboard, MemoryBackend};
use smtui_aws::runner::Runner;
use smtui_core::app::{Action, AwsCall, Effect, IdentityId, Outcome, Stamp};
use smtui_core::model::{AwsError, SecretSummary};
use smtui_core::sanitize::sanitize_line;

/// Everything listed, and the regions that could not be.
#[derive(Debug, Default)]
pub struct Listing {
    pub(crate) secrets: Vec<SecretSummary>,
    pub(crate) failed: Vec<AwsError>,
    /// `--org`: the rows gain their account, and these are the accounts listed.
    pub(crate) org: bool,
    pub(crate) accounts: Vec<ListedAccount>,
}

/// An account `--org` listed, and the identity that listed it.
#[derive(Debug, Clone)]
pub struct ListedAccount {
    pub(crate) identity: IdentityId,
    pub(crate) id: String,
    /// Its name in the organisation.
    pub(crate) name: String,
    /// Its alias, where ListAccountAliases gave one.
    pub(crate) alias: Option<String>,
}

impl Listing {
    /// The account `identity` listed (with `--org`).
    pub(crate) fn account_of(&self, identity: IdentityId) -> Option<&ListedAccount> {
        self.accounts.iter().find(|a| a.identity == identity)
    }

    /// The regions that could not be listed, for stderr: a line per reason, the regions
    /// that failed alike sharing it (a profile without credentials fails every region the
    /// same way: said once, not once per region).
    pub(crate) fn failures(&self) -> String {
        let mut failed: Vec<&AwsError> = self.failed.iter().collect();
        failed.sort_by(|a, b| a.region.cmp(&b.region));
        let mut alike: Vec<AwsError> = Vec::new();
        for error in failed {
            let same = |seen: &&mut AwsError| {
                (seen.operation, seen.kind, &seen.code, &seen.message)
                    == (error.operation, error.kind, &error.code, &error.message)
            };
            match alike.iter_mut().find(same) {
                Some(seen) => {
                    seen.region.push_str(", ");
                    seen.region.push_str(&error.region);
                }
                None => alike.push(error.clone()),
            }
        }
        let mut lines = String::new();
        for error in &alike {
            let _ = writeln!(lines, "smtui: {}", sanitize_line(&error.to_string()));
        }
        lines
    }
}

/// The runner a headless command calls AWS through (read-only: nothing here writes), the
/// channel its answers come on, and the stamp of the start identity's calls.
pub(crate) fn read_only_runner(
    ctx: AwsContext,
) -> (Runner, mpsc::UnboundedReceiver<Action>, Stamp) {
    let (tx, rx) = mpsc::unbounded_channel();
    // Nothing is copied; the runner wants a clipboard all the same.
    let clipboard = Clipboard::new(Box::new(MemoryBackend::default()));
    let runner = Runner::new(ctx, tx, clipboard).read_only(true);
    let stamp = Stamp {
        generation: 0,
        identity: IdentityId::START,
    };
    (runner, rx, stamp)
}

/// Lists every region.
pub async fn list_everything(ctx: AwsContext, regions: &[String]) -> Listing {
    let (mut runner, mut rx, stamp) = read_only_runner(ctx);
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

#[cfg(test)]
mod tests {
    use super::*;
    use smtui_core::model::ErrorKind;

    fn failed(region: &str, kind: ErrorKind, message: &str) -> AwsError {
        AwsError {
            kind,
            operation: "ListSecrets",
            region: region.into(),
            code: None,
            message: Some(message.into()),
        }
    }

    #[test]
    fn regions_that_fail_alike_share_one_line() {
        let listing = Listing {
            secrets: Vec::new(),
            failed: vec![
                failed(
                    "us-east-1",
                    ErrorKind::Credentials,
                    "profile `x` was not defined",
                ),
                failed(
                    "ap-south-1",
                    ErrorKind::Network,
                    "could not reach the endpoint",
                ),
                failed(
                    "eu-west-1",
                    ErrorKind::Credentials,
                    "profile `x` was not defined",
                ),
            ],
            ..Listing::default()
        };
        assert_eq!(
            listing.failures(),
            "smtui: ListSecrets in ap-south-1 failed: network: could not reach the endpoint\n\
             smtui: ListSecrets in eu-west-1, us-east-1 failed: no credentials: profile `x` was \
             not defined\n"
        );
    }
}
