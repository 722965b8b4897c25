//! The effect runner: owns the AWS contexts (one per identity) and the clipboard, turns
//! effects into tokio tasks in their lane (see `lanes.rs`), and sends their results back to
//! the UI loop as actions, in the envelope of the effect that asked. Nothing here blocks
//! the UI on the network: every AWS call is spawned.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::clipboard::Clipboard;
use crate::{AwsContext, AwsError, ErrorKind, cloudtrail, rotation, secrets};
use smtui_core::app::{
    Action, AwsCall, Effect, Envelope, IdentityId, LabelsLeft, Lane, Outcome, Stamp, Written,
};

mod clipboard;
mod identities;
pub mod lanes;
use clipboard::ClipboardPort;
use lanes::Lanes;

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
    /// than let them page on for answers that would be dropped.
    listing_generation: u64,
    listing_tasks: Vec<AbortHandle>,
    /// How to reach AWS (the endpoint), for identities made from profiles later.
    connect: crate::ConnectOptions,
    /// `--read-only`: the last guard. The router already refuses writes; this makes sure no
    /// mutating call leaves the process even if one got past it.
    read_only: bool,
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
            listing_generation: 0,
            listing_tasks: Vec::new(),
            connect: crate::ConnectOptions::default(),
            read_only: false,
        }
    }

    /// Refuses every mutating call (`--read-only`).
    #[must_use]
    pub fn read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    /// How to reach AWS for identities made from profiles (the endpoint override).
    #[must_use]
    pub fn connect_options(mut self, connect: crate::ConnectOptions) -> Self {
        self.connect = connect;
        self
    }

    /// Makes `identity` usable by effects (a role assumed later).
    pub fn add_identity(&mut self, identity: IdentityId, ctx: AwsContext) {
        lock(&self.identities).insert(identity, ctx);
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
        // Calls that make a new identity: their credentials are held before they answer.
        let Some(call) = identities::start(self, stamp, ctx.clone(), call) else {
            return;
        };
        let lane = call.lane();
        if lane == Lane::Listing && stamp.generation != self.listing_generation {
            for old in self.listing_tasks.drain(..) {
                old.abort();
            }
            self.listing_generation = stamp.generation;
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
            self.listing_tasks.retain(|t| !t.is_finished());
            self.listing_tasks.push(task.abort_handle());
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

/// The outcome that tells whatever waits for `call` that it failed with `error`.
fn failed(call: AwsCall, error: AwsError) -> Outcome {
    match call {
        AwsCall::ListSecrets { region } => Outcome::RegionFailed { region, error },
        AwsCall::Describe { secret } => Outcome::Described {
            secret,
            result: Err(error),
        },
        AwsCall::GetValue { request, .. } => Outcome::ValueFetched {
            request,
            result: Err(error),
        },
        AwsCall::WhoAmI { .. } => Outcome::WhoAmI { result: Err(error) },
        write @ (AwsCall::Delete { .. }
        | AwsCall::Restore { .. }
        | AwsCall::RemoveReplicas { .. }
        | AwsCall::MakeCurrent { .. }
        | AwsCall::Tag { .. }
        | AwsCall::Untag { .. }
        | AwsCall::UpdateDescription { .. }
        | AwsCall::Rotate { .. }
        | AwsCall::SetRotation { .. }
        | AwsCall::CancelRotation { .. }
        | AwsCall::RemovePending { .. }
        | AwsCall::RemoveLabels { .. }) => Outcome::Wrote {
            call: write,
            result: Err(error),
        },
        AwsCall::AssumeRole { .. }
        | AwsCall::AssumeRoleWithMfa { .. }
        | AwsCall::SessionToken { .. }
        | AwsCall::UseProfile { .. } => match call.new_identity() {
            Some(identity) => Outcome::Assumed {
                identity,
                result: Err(error),
            },
            None => unreachable!("each of these calls makes an identity"),
        },
        AwsCall::LookupEvents { query, .. } => Outcome::AuditPage {
            query,
            result: Err(error),
        },
        AwsCall::FetchPolicy { secret } => Outcome::Policy {
            secret,
            result: Err(error),
        },
        AwsCall::Create { name, token, .. } => Outcome::Created {
            name,
            token,
            result: Err(error),
        },
        AwsCall::RandomPassword { .. } => Outcome::Password { result: Err(error) },
        AwsCall::FetchPair { secret, .. } => Outcome::Pair {
            secret,
            result: Err(error),
        },
        AwsCall::FetchForEdit {
            secret, purpose, ..
        } => Outcome::EditSource {
            secret,
            purpose,
            result: Err(error),
        },
        AwsCall::SaveValue {
            secret,
            token,
            leftovers,
            ..
        } => Outcome::Saved {
            secret,
            token,
            // Nothing was sent: what earlier saves left is still there.
            left: (!leftovers.is_empty()).then(|| LabelsLeft {
                tokens: leftovers,
                error: error.clone(),
            }),
            result: Err(error),
        },
    }
}

/// Runs one AWS call, sending each outcome as it comes (a listing sends a page at a time).
async fn perform(
    ctx: &AwsContext,
    lanes: &Lanes,
    identity: IdentityId,
    call: AwsCall,
    send: impl Fn(Outcome),
) {
    match call {
        AwsCall::ListSecrets { region } => {
            let result = secrets::list_region(ctx, &region, |page, last| {
                send(Outcome::SecretsPage {
                    region: region.clone(),
                    page,
                    last,
                });
            })
            .await;
            if let Err(error) = result {
                tracing::debug!(%error, "listing failed");
                send(Outcome::RegionFailed { region, error });
            }
        }
        AwsCall::Describe { secret } => {
            let result = secrets::describe(ctx, &secret.region, secret.arn.as_str()).await;
            send(Outcome::Described { secret, result });
        }
        AwsCall::GetValue {
            request,
            secret,
            version,
        } => {
            let result =
                secrets::get_value(ctx, &secret.region, secret.arn.as_str(), &version).await;
            send(Outcome::ValueFetched { request, result });
        }
        AwsCall::WhoAmI { region } => {
            let result = secrets::caller_identity(ctx, region.as_deref()).await;
            if let Ok(me) = &result {
                lanes.learn_account(identity, me.account.clone());
            }
            send(Outcome::WhoAmI { result });
        }
        AwsCall::LookupEvents {
            query,
            region,
            lookup,
            start,
            end,
            token,
        } => {
            let result =
                cloudtrail::lookup_events(ctx, &region, &lookup, (start, end), token.as_deref())
                    .await;
            send(Outcome::AuditPage { query, result });
        }
        read if !read.mutates() => perform_value_read(ctx, read, send).await,
        write => perform_write(ctx, write, send).await,
    }
}

/// The reads of the editor, the versions and the tags popups, and the password generator.
async fn perform_value_read(ctx: &AwsContext, call: AwsCall, send: impl Fn(Outcome)) {
    match call {
        AwsCall::FetchForEdit {
            secret,
            version,
            purpose,
        } => {
            let result =
                secrets::get_value(ctx, &secret.region, secret.arn.as_str(), &version).await;
            send(Outcome::EditSource {
                secret,
                purpose,
                result,
            });
        }
        AwsCall::FetchPair { secret, versions } => {
            let [left, right] = &versions;
            let result =
                secrets::get_pair(ctx, &secret.region, secret.arn.as_str(), [left, right]).await;
            send(Outcome::Pair { secret, result });
        }
        AwsCall::FetchPolicy { secret } => {
            let result = secrets::policy(ctx, &secret.region, secret.arn.as_str()).await;
            send(Outcome::Policy { secret, result });
        }
        AwsCall::RandomPassword { region, options } => {
            let result = secrets::random_password(ctx, &region, options).await;
            send(Outcome::Password { result });
        }
        // The listing, describe, value and identity reads are `perform`'s own.
        other => send(failed(
            other.clone(),
            refused(&other, "not a value read".to_owned()),
        )),
    }
}

/// Runs one mutating call. (The read-only guard in `Runner::call` has already let it pass.)
async fn perform_write(ctx: &AwsContext, call: AwsCall, send: impl Fn(Outcome)) {
    match call {
        AwsCall::Delete {
            ref secret,
            recovery,
        } => {
            let result = secrets::delete(ctx, &secret.region, secret.arn.as_str(), recovery)
                .await
                .map(|on| Written::Deleted { on });
            send(Outcome::Wrote { call, result });
        }
        AwsCall::MakeCurrent {
            ref secret,
            ref version,
            ref from,
        } => {
            let (region, arn) = (&secret.region, secret.arn.as_str());
            let result = secrets::make_current(ctx, region, arn, version, from)
                .await
                .map(|()| Written::MadeCurrent);
            send(Outcome::Wrote { call, result });
        }
        editor @ (AwsCall::SaveValue { .. } | AwsCall::RemoveLabels { .. }) => {
            perform_editor_write(ctx, editor, send).await;
        }
        AwsCall::Restore { ref secret } => {
            let result = secrets::restore(ctx, &secret.region, secret.arn.as_str())
                .await
                .map(|()| Written::Restored);
            send(Outcome::Wrote { call, result });
        }
        meta @ (AwsCall::Tag { .. }
        | AwsCall::Untag { .. }
        | AwsCall::UpdateDescription { .. }
        | AwsCall::RemoveReplicas { .. }) => {
            perform_metadata_write(ctx, meta, send).await;
        }
        rotation @ (AwsCall::Rotate { .. }
        | AwsCall::SetRotation { .. }
        | AwsCall::CancelRotation { .. }
        | AwsCall::RemovePending { .. }) => {
            perform_rotation_write(ctx, rotation, send).await;
        }
        AwsCall::Create {
            region,
            name,
            spec,
            token,
            value,
        } => {
            let result = secrets::create(ctx, &region, &name, &spec, &token, &value).await;
            send(Outcome::Created {
                name,
                token,
                result,
            });
        }
        // Reads never come here (`perform` sends them elsewhere); answered, never dropped.
        read => send(failed(
            read.clone(),
            refused(&read, "not a write".to_owned()),
        )),
    }
}

/// The editor's save, and the private labels its failed saves left.
async fn perform_editor_write(ctx: &AwsContext, call: AwsCall, send: impl Fn(Outcome)) {
    match call {
        AwsCall::SaveValue {
            secret,
            base_version,
            token,
            value,
            leftovers,
        } => {
            let (result, left) = secrets::save_value(
                ctx,
                &secret.region,
                secret.arn.as_str(),
                (&base_version, &token),
                &value,
                &leftovers,
            )
            .await;
            send(Outcome::Saved {
                secret,
                token,
                result,
                left,
            });
        }
        AwsCall::RemoveLabels {
            ref secret,
            ref tokens,
        } => {
            let result = secrets::remove_labels(ctx, &secret.region, secret.arn.as_str(), tokens)
                .await
                .map(|()| Written::Updated)
                .map_err(|left| left.error);
            send(Outcome::Wrote { call, result });
        }
        other => send(failed(
            other.clone(),
            refused(&other, "not an editor write".to_owned()),
        )),
    }
}

/// Tags, the description, replicas.
async fn perform_metadata_write(ctx: &AwsContext, call: AwsCall, send: impl Fn(Outcome)) {
    let result = match &call {
        AwsCall::Tag { secret, key, value } => {
            secrets::tag(ctx, &secret.region, secret.arn.as_str(), key, value).await
        }
        AwsCall::Untag { secret, key } => {
            secrets::untag(ctx, &secret.region, secret.arn.as_str(), key).await
        }
        AwsCall::UpdateDescription {
            secret,
            description,
        } => {
            secrets::update_description(ctx, &secret.region, secret.arn.as_str(), description).await
        }
        AwsCall::RemoveReplicas { secret, regions } => {
            secrets::remove_replicas(ctx, &secret.region, secret.arn.as_str(), regions).await
        }
        // Never routed here; still answered, so no write is left waiting (a write in
        // flight holds a role switch until its answer).
        other => {
            let error = refused(other, "not a metadata write".to_owned());
            return send(failed(call, error));
        }
    }
    .map(|()| Written::Updated);
    send(Outcome::Wrote { call, result });
}

/// Rotate now, set the schedule, cancel, repair.
async fn perform_rotation_write(ctx: &AwsContext, call: AwsCall, send: impl Fn(Outcome)) {
    let result = match &call {
        AwsCall::Rotate { secret } => rotation::rotate(ctx, &secret.region, secret.arn.as_str())
            .await
            .map(|version| Written::Rotated { version }),
        AwsCall::SetRotation {
            secret,
            rules,
            lambda_arn,
            rotate_now,
        } => rotation::set_rotation(
            ctx,
            &secret.region,
            secret.arn.as_str(),
            rules,
            lambda_arn.as_deref(),
            *rotate_now,
        )
        .await
        .map(|version| match rotate_now {
            true => Written::Rotated { version },
            false => Written::Updated,
        }),
        AwsCall::CancelRotation { secret } => {
            rotation::cancel(ctx, &secret.region, secret.arn.as_str())
                .await
                .map(|()| Written::Updated)
        }
        AwsCall::RemovePending { secret, version } => {
            rotation::remove_pending(ctx, &secret.region, secret.arn.as_str(), version)
                .await
                .map(|()| Written::Updated)
        }
        // Never routed here; still answered, as above.
        other => {
            let error = refused(other, "not a rotation write".to_owned());
            return send(failed(call, error));
        }
    };
    send(Outcome::Wrote { call, result });
}
