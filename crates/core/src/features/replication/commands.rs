//! The replication room's commands: their names, descriptions and rules, the pane's default
//! keys, and when each can act. `replication` opens the pane (palette only: no free key
//! says "replication"); the rest act in the pane, on the highlighted region.

use crate::features::replication::{Out, Replication, ReplicationView};
use crate::room::Ctx;
use crate::room::keys::rows::{ESC, Item, Keyset, ctrl, k};
use crate::room::keys::{Acts, Bind, Named, Scope, Spec, Verb, name_in};
use crate::room::layers::Layer;

/// What a key or the palette can ask of the replication room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// The pane of the selected secret.
    Open,
    /// Compare the values region by region (reads each; asks first).
    Check,
    /// ReplicateSecretToRegions: a new replica.
    Replicate,
    /// StopReplicationToReplica on the highlighted replica.
    Stop,
    /// RemoveRegionsFromReplication of the highlighted replica.
    Remove,
}

use Command::{Check, Open, Remove, Replicate, Stop};
use Item::{Keys, Moves};

const fn replication(command: Command) -> Bind<Command> {
    Bind::Own(command)
}

#[rustfmt::skip]
pub(crate) const COMMANDS: &[Spec<Bind<Command>>] = &[
    Spec::new(replication(Open), "replication", "replication: each region's status, version, key, tags and policy against the primary"),
    Spec::new(replication(Check), "replication-check", "replication: compare the values region by region (reads each; asks first)").popup_only(),
    Spec::new(replication(Replicate), "replicate-to-region", "replication: replicate the secret to another region").acts(Acts::Replicates).popup_only(),
    Spec::new(replication(Stop), "stop-replication", "replication: stop the highlighted replica's replication (it becomes a standalone secret)").acts(Acts::Replicates).popup_only(),
    Spec::new(replication(Remove), "remove-replica", "replication: remove the highlighted replica (its secret is deleted at once)").acts(Acts::Replicates).popup_only(),
];

const REPLICATION: Scope = Scope::In(Layer::Replication);

#[rustfmt::skip]
pub(crate) const KEYS: &[Item<Bind<Command>>] = &[
    Keys(REPLICATION, &[k('c')], replication(Check), "compare the values region by region (reads each; asks first)", Some("check values")),
    Keys(REPLICATION, &[k('a')], replication(Replicate), "replicate to another region (asks the region, then a key)", Some("replicate")),
    Keys(REPLICATION, &[k('x')], replication(Stop), "stop the highlighted replica's replication (asks first)", Some("stop")),
    Keys(REPLICATION, &[k('X')], replication(Remove), "remove the highlighted replica (wants the name typed)", None),
    Keys(REPLICATION, &[k('r'), ctrl('r')], Bind::Verb(Verb::Refresh), "read every region again", Some("refresh")),
    Moves(REPLICATION, Keyset::Vi, &["next region", "previous region", "page down", "page up", "first", "last"], None),
    Keys(REPLICATION, &[ESC, k('q')], Bind::Verb(Verb::Back), "close", Some("close")),
];

impl Named for Command {
    /// Its stable name, from the table above.
    fn name(self) -> &'static str {
        name_in(COMMANDS, Bind::Own(self))
    }
}

/// Whether `command` can act in the open pane now.
pub(crate) fn available(view: &ReplicationView, command: Command) -> bool {
    match command {
        Open | Check | Replicate => true,
        Stop | Remove => view.highlighted_replica().is_some(),
    }
}

impl Replication {
    /// A command over the panes: `replication` opens the pane; the others act in it.
    pub(crate) fn run(
        command: Command,
        here: &crate::room::update::Here,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        match command {
            Open => Self::open(here, ctx, out),
            Check | Replicate | Stop | Remove => {
                out.info("Open the replication pane first (replication)");
            }
        }
    }
}
