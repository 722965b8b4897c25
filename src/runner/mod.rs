//! The effect runner: owns the AWS context and the clipboard, turns effects into tokio
//! tasks, and sends their results back to the UI loop as actions. Nothing here blocks the
//! UI on the network: every AWS call is spawned.

use std::sync::Arc;

use tokio::sync::{Semaphore, mpsc::UnboundedSender};
use tokio::task::AbortHandle;

use crate::app::{Action, Effect};
use crate::aws::{AwsContext, secrets};
use crate::clipboard::Clipboard;

mod clipboard;
use clipboard::ClipboardPort;

/// At most this many regions paginating at once (matters with `--all-regions`).
const MAX_LISTING: usize = 12;
/// At most this many calls the user is waiting on (describe, get value, identity). A pool
/// of their own, so a reveal never queues behind thirty regions' listings.
const MAX_INTERACTIVE: usize = 8;

pub struct Runner {
    ctx: AwsContext,
    tx: UnboundedSender<Action>,
    clipboard: ClipboardPort,
    listing: Arc<Semaphore>,
    interactive: Arc<Semaphore>,
    /// The listing tasks of the current generation: a refresh aborts the old ones rather
    /// than let them page on for answers that would be dropped.
    listing_generation: u64,
    listing_tasks: Vec<AbortHandle>,
}

impl Runner {
    pub fn new(ctx: AwsContext, tx: UnboundedSender<Action>, clipboard: Clipboard) -> Self {
        Self {
            clipboard: ClipboardPort::new(clipboard, tx.clone()),
            ctx,
            tx,
            listing: Arc::new(Semaphore::new(MAX_LISTING)),
            interactive: Arc::new(Semaphore::new(MAX_INTERACTIVE)),
            listing_generation: 0,
            listing_tasks: Vec::new(),
        }
    }

    /// Starts `effect`. Returns false for `Effect::Quit`.
    pub fn run(&mut self, effect: Effect) -> bool {
        match effect {
            Effect::ListRegion { generation, region } => {
                if generation != self.listing_generation {
                    for old in self.listing_tasks.drain(..) {
                        old.abort();
                    }
                    self.listing_generation = generation;
                }
                self.listing_tasks.retain(|t| !t.is_finished());
                let pool = self.listing.clone();
                let task = self.spawn(&pool, move |ctx, tx| async move {
                    let result = secrets::list_region(&ctx, &region, |page, last| {
                        let _ = tx.send(Action::SecretsPage {
                            generation,
                            region: region.clone(),
                            page,
                            last,
                        });
                    })
                    .await;
                    if let Err(error) = result {
                        tracing::debug!(%error, "listing failed");
                        let _ = tx.send(Action::RegionFailed {
                            generation,
                            region,
                            error,
                        });
                    }
                });
                self.listing_tasks.push(task);
            }
            Effect::Describe {
                generation,
                region,
                arn,
            } => self.spawn_interactive(move |ctx, tx| async move {
                let result = secrets::describe(&ctx, &region, &arn).await;
                let _ = tx.send(Action::DetailLoaded {
                    generation,
                    arn,
                    result,
                });
            }),
            Effect::FetchValue {
                generation,
                request,
                region,
                arn,
                version,
            } => self.spawn_interactive(move |ctx, tx| async move {
                let result = secrets::get_value(&ctx, &region, &arn, &version).await;
                let _ = tx.send(Action::ValueLoaded {
                    generation,
                    request,
                    result,
                });
            }),
            Effect::WhoAmI { generation, region } => {
                self.spawn_interactive(move |ctx, tx| async move {
                    let result = secrets::caller_identity(&ctx, region.as_deref()).await;
                    let _ = tx.send(Action::Identity { generation, result });
                });
            }
            // See `clipboard.rs` for which thread this runs on.
            Effect::Copy(request) => self.clipboard.copy(request),
            Effect::ClearClipboard { token } => self.clipboard.clear(token),
            Effect::After { delay, action } => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    let _ = tx.send(*action);
                });
            }
            Effect::Quit => return false,
        }
        true
    }

    /// Called once on the way out: a copied secret does not outlive the app. (Dropping the
    /// clipboard does the same, for the ways out that skip this.)
    /// Returns a warning for the user when the clipboard could not be cleared.
    pub fn shutdown(&mut self) -> Option<String> {
        self.clipboard.shutdown().err().map(|why| {
            format!("could not clear the clipboard ({why}); it may still hold a copied secret")
        })
    }

    /// Spawns `task` once `pool` has a permit for it.
    fn spawn<F, Fut>(&self, pool: &Arc<Semaphore>, task: F) -> AbortHandle
    where
        F: FnOnce(AwsContext, UnboundedSender<Action>) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let (ctx, tx, permits) = (self.ctx.clone(), self.tx.clone(), pool.clone());
        tokio::spawn(async move {
            let Ok(_permit) = permits.acquire_owned().await else {
                return;
            };
            task(ctx, tx).await;
        })
        .abort_handle()
    }

    /// A call the user is waiting on, from the interactive pool.
    fn spawn_interactive<F, Fut>(&self, task: F)
    where
        F: FnOnce(AwsContext, UnboundedSender<Action>) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.spawn(&self.interactive, task);
    }
}
