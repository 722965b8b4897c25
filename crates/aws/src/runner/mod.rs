//! The effect runner: owns the AWS contexts (one per identity) and the clipboard, turns
//! effects into tokio tasks in their lane (see `lanes.rs`), and sends their results back to
//! the UI loop as actions, in the envelope of the effect that asked. Nothing here blocks
//! the UI on the network: every AWS call is spawned.
//!
//! Where each call is performed: the calls that make an identity in `identities.rs`; every
//! other call in its lane by `perform.rs`, the app's own there and each room's in the
//! room's own file, `rooms/<room>.rs`, which also answers the room's calls refused before
//! they were sent (`failed` here). A room with calls is that file and one line in
//! `rooms/mod.rs`'s `rooms!`, which gives it its arm in both `perform` and `failed`.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::clipboard::Clipboard;
use crate::{AwsContext, AwsError, ErrorKind};
use smtui_core::app::{Action, AwsCall, Effect, Envelope, IdentityId, Lane, Outcome, Stamp};
use smtui_core::room::RoomCall as _;

mod clipboard;
mod identities;
pub(crate) mod lanes;
pub use lanes::MAX_LISTING;
mod perform;
mod rooms;
use clipboard::ClipboardPort;
use lanes::Lanes;
use perform::perform;
use rooms::{Performs as _, by_room};

type Identities = Arc<std::sync::Mutex<HashMap<IdentityId, AwsContext>>>;

fn lock(identities: &Identities) -> std::sync::MutexGuard<'_, HashMap<IdentityId, AwsContext>> {
    identities
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub struct Runner {
    /// Shared with the tasks: an AssumeRole task adds the identity it made.
    identities: Identities,
    tx: UnboundedSender<Action>,
    clipboard: ClipboardPort,
    lanes: Arc<Lanes>,
    /// The listing tasks of the current generation: a refresh aborts the old ones rather
    /// than let them page on for answers that would be dropped. Each identity's listing
    /// generation and its listing tasks: a new generation of one
    /// identity (its refresh) aborts that identity's listings only, never another held
    /// identity's still on their way.
    listings: HashMap<IdentityId, (u64, Vec<AbortHandle>)>,
    /// How to reach AWS (the endpoint), for identities made from profiles later.
    connect: crate::ConnectOptions,
    /// `--read-only`: the last guard. The router already refuses writes; this makes sure no
    /// mutating call leaves the process even if one got past it.
    read_only: bool,
    /// Identities whose credentials were dropped (unpinned): a renewal of one still on its
    /// way when it was dropped does not bring them back. The core never gives an identity's
    /// number twice.
    forgotten: Arc<std::sync::Mutex<std::collections::HashSet<IdentityId>>>,
    /// Each IAM Identity Center sign-in waiting for the user's approval, by where it signs
    /// in.
    sign_ins: HashMap<String, AbortHandle>,
}

impl Runner {
    /// A runner whose calls run as the start-up identity, `ctx`.
    pub fn new(ctx: AwsContext, tx: UnboundedSender<Action>, clipboard: Clipboard) -> Self {
        Self {
            identities: Arc::new(std::sync::Mutex::new(HashMap::from([(
                IdentityId::START,
                ctx,
            )]))),
            clipboard: ClipboardPort::new(clipboard, tx.clone()),
            tx,
            lanes: Arc::default(),
            listings: HashMap::new(),
            connect: crate::ConnectOptions::default(),
            read_only: false,
            forgotten: Arc::default(),
            sign_ins: HashMap::new(),
        }
    }

    /// Refuses every mutating call (`--read-only`).
    #[must_use]
    pub fn read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    /// At most `listings` listings in flight over every identity and region (the config's
    /// `listings_in_flight`; 12 by default).
    #[must_use]
    pub fn listings_in_flight(mut self, listings: usize) -> Self {
        self.lanes = Arc::new(lanes::Lanes::with_listings(listings));
        self
    }

    /// How to reach AWS for identities made from profiles (the endpoint override).
    #[must_use]
    pub fn connect_options(mut self, connect: crate::ConnectOptions) -> Self {
        self.connect = connect;
        self
    }

    /// Starts `effect`. Returns false for `Effect::Quit`.
    pub fn run(&mut self, effect: Effect) -> bool {
        match effect {
            Effect::Aws { stamp, call } => self.call(stamp, call),
            // See `clipboard.rs` for which thread this runs on.
            Effect::Copy(request) => self.clipboard.copy(request),
            Effect::ClearClipboard { token } => self.clipboard.clear(token),
            Effect::After { delay, timer } => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    let _ = tx.send(Action::from(timer));
                });
            }
            Effect::SaveRecentRoles { path, roles } => {
                // Small and rare; a failure only costs the list next time.
                tokio::task::spawn_blocking(move || {
                    if let Err(why) = crate::recent::save(&path, &roles) {
                        tracing::warn!(%why, "could not remember the recent roles");
                    }
                });
            }
            Effect::ForgetIdentity { identity } => {
                self.forgotten
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .insert(identity);
                lock(&self.identities).remove(&identity);
                if let Some((_, tasks)) = self.listings.remove(&identity) {
                    for task in tasks {
                        task.abort();
                    }
                }
            }
            Effect::Quit => return false,
        }
        true
    }

    fn call(&mut self, stamp: Stamp, call: AwsCall) {
        if self.read_only && call.mutates() {
            tracing::warn!(
                operation = call.operation(),
                "a write reached the runner in read-only mode"
            );
            let error = refused(&call, "read-only mode: nothing was sent".to_owned());
            let _ = self.tx.send(Action::Result(Envelope {
                stamp,
                outcome: failed(call, error),
            }));
            return;
        }
        let held = lock(&self.identities).get(&stamp.identity).cloned();
        let Some(ctx) = held else {
            // Never left unanswered: whatever waits for this call learns why it failed.
            tracing::warn!(identity = ?stamp.identity, "an effect for an unknown identity");
            let why = format!("no credentials held for identity {}", stamp.identity.0);
            let outcome = failed(call.clone(), refused(&call, why));
            let _ = self.tx.send(Action::Result(Envelope { stamp, outcome }));
            return;
        };
        match call {
            // Calls that make a new identity: their credentials are held before they answer.
            AwsCall::Session(call) => identities::start(self, stamp, ctx, call),
            // Waits on the user's approval for minutes, asking every few seconds: a lane's
            // place would be held all that time for nothing.
            // A new sign-in to the same place ends the one before (the user left it).
            call @ AwsCall::Sso(smtui_core::features::sso::Call::FinishSignIn { .. }) => {
                let AwsCall::Sso(smtui_core::features::sso::Call::FinishSignIn { login, .. }) =
                    &call
                else {
                    return;
                };
                let key = login.cache_key().to_owned();
                let (lanes, tx) = (self.lanes.clone(), self.tx.clone());
                let task = tokio::spawn(async move {
                    let send = |outcome| {
                        let _ = tx.send(Action::Result(Envelope { stamp, outcome }));
                    };
                    perform(&ctx, &lanes, stamp.identity, call, send).await;
                });
                if let Some(before) = self.sign_ins.insert(key, task.abort_handle()) {
                    before.abort();
                }
            }
            // Every other call, the app's own and each room's, runs in its lane. Naming them
            // here would add nothing: `perform` (and `failed`) match every `AwsCall`, so a new
            // call does not compile until it is given a place, and every call is answered.
            call => self.in_lane(stamp, ctx, call),
        }
    }

    /// Spawns `call` in its lane (per identity and region) as `ctx`.
    fn in_lane(&mut self, stamp: Stamp, ctx: AwsContext, call: AwsCall) {
        let lane = call.lane();
        if lane == Lane::Listing {
            let (generation, tasks) = self.listings.entry(stamp.identity).or_default();
            if stamp.generation != *generation {
                for old in tasks.drain(..) {
                    old.abort();
                }
                *generation = stamp.generation;
            }
        }
        let region = call.region().unwrap_or("global").to_owned();
        let (lanes, tx) = (self.lanes.clone(), self.tx.clone());
        let task = tokio::spawn(async move {
            let Some(_permits) = lanes.enter(stamp.identity, &region, lane).await else {
                return;
            };
            let send = |outcome| {
                let _ = tx.send(Action::Result(Envelope { stamp, outcome }));
            };
            perform(&ctx, &lanes, stamp.identity, call, send).await;
        });
        if lane == Lane::Listing {
            let (_, tasks) = self.listings.entry(stamp.identity).or_default();
            tasks.retain(|t| !t.is_finished());
            tasks.push(task.abort_handle());
        }
    }

    /// Called once on the way out: a copied secret does not outlive the app. (Dropping the
    /// clipboard does the same, for the ways out that skip this.)
    /// Returns a warning for the user when the clipboard could not be cleared.
    pub fn shutdown(&mut self) -> Option<String> {
        self.clipboard.shutdown().err().map(|why| {
            format!("could not clear the clipboard ({why}); it may still hold a copied secret")
        })
    }
}

/// An error for `call` that smtui itself raises before sending anything.
fn refused(call: &AwsCall, why: String) -> AwsError {
    AwsError {
        kind: ErrorKind::Invalid,
        operation: call.operation(),
        region: call.region().unwrap_or("global").to_owned(),
        code: None,
        message: Some(why),
    }
}

/// The outcome that tells whatever waits for `call` that it failed with `error`: the app's
/// own for what several rooms read, the asking room's own for the rest.
fn failed(call: AwsCall, error: AwsError) -> Outcome {
    by_room!(call, |call| call.failed(error),
        AwsCall::ListSecrets { region } => Outcome::RegionFailed { region, error },
        AwsCall::Describe { secret } => Outcome::Described {
            secret,
            result: Err(error),
        },
        AwsCall::WhoAmI { .. } => Outcome::WhoAmI { result: Err(error) },
        AwsCall::AccountAlias { .. } => Outcome::AccountAlias { result: Err(error) },
        AwsCall::Session(call) => Outcome::Assumed {
            identity: call.new_identity(),
            result: Err(error),
        },
    )
}
