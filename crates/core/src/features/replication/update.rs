//! The replication room's update: opening the pane (the opened secret's own DescribeSecret
//! first, which says where its primary is; then the primary's, which lists its replicas;
//! then each copy's and each policy), the answers as they arrive, and the pane's keys.

use std::collections::BTreeMap;

use crate::features::replication::compare::copy_in;
use crate::features::replication::{
    Call, Check, Command, Out, Outcome, Replication, ReplicationView, Source,
};
use crate::ids::SecretRef;
use crate::kit::Cursor;
use crate::model::AwsError;
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::update::Here;
use crate::room::{Ctx, Intent};

impl Replication {
    /// `replication`: the pane of the selected secret. Other listed secrets of the same
    /// name in the same account are read too, to flag a replica promoted away.
    pub(crate) fn open(here: &Here, ctx: &Ctx, out: &mut Out) {
        let Some(selected) = ctx.selected else {
            out.info("Select a secret first");
            return;
        };
        let secret = ctx.address(selected);
        let others: BTreeMap<String, SecretRef> = here
            .listed
            .rows()
            .filter(|row| {
                row.identity == selected.identity
                    && row.name == selected.name
                    && row.arn.account() == selected.arn.account()
                    && *row.region != *selected.region
            })
            .map(|row| (row.region.to_string(), ctx.address(row)))
            .collect();
        let listed_primary = selected
            .primary_region
            .as_deref()
            .filter(|p| **p != *selected.region)
            .map(str::to_owned);
        let mut view = ReplicationView {
            secret,
            listed_primary,
            primary: None,
            copies: BTreeMap::new(),
            policies: BTreeMap::new(),
            checks: BTreeMap::new(),
            others,
            rows: Vec::new(),
            selected: Cursor::default(),
            keep: None,
        };
        view.start(ctx, out);
        out.open(view);
    }

    /// An answer, to the pane that asked if it is still open on that secret.
    pub(crate) fn answered(
        view: Option<&mut ReplicationView>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        if let Outcome::Wrote { call, result } = outcome {
            wrote(view, &call, result, ctx, out);
            return;
        }
        let Some(view) = view else { return };
        let explain = |secret: &SecretRef, error: &AwsError| ctx.explain_as(secret.identity, error);
        match outcome {
            Outcome::Described { secret, result } => {
                if !view.asked(&secret) {
                    return;
                }
                let source = match result {
                    Ok(copy) => Source::Read(copy),
                    Err(error) => Source::Failed(explain(&secret, &error)),
                };
                view.copies.insert(secret.region.clone(), source);
                view.advance(ctx, out);
            }
            Outcome::Policy { secret, result } => {
                if !view.asked(&secret) {
                    return;
                }
                let source = match result {
                    Ok(policy) => Source::Read(policy),
                    Err(error) => Source::Failed(explain(&secret, &error)),
                };
                view.policies.insert(secret.region.clone(), source);
            }
            Outcome::Fingerprints { secret, prints } => {
                if view.primary.as_ref() != Some(&secret) {
                    return;
                }
                view.checks = prints
                    .into_iter()
                    .map(|(region, print)| {
                        let check = match print {
                            Ok(print) => Check::Read(print),
                            Err(error) => Check::Failed(explain(&secret, &error)),
                        };
                        (region, check)
                    })
                    .collect();
                let differ = view
                    .rows
                    .iter()
                    .filter(|r| view.same_value(r) == Some(Ok(false)))
                    .count();
                out.info(match differ {
                    0 => "Values compared: every region holds the primary's value".to_owned(),
                    n => format!("Values compared: {n} region(s) hold another value"),
                });
            }
            Outcome::Wrote { .. } => {}
        }
    }
}

impl ReplicationView {
    /// Reads from the start: the opened secret's own DescribeSecret.
    pub(crate) fn start(&mut self, ctx: &Ctx, out: &mut Out) {
        self.keep = self.highlighted().map(str::to_owned).or(self.keep.take());
        self.primary = None;
        self.copies.clear();
        self.policies.clear();
        self.checks.clear();
        self.rows.clear();
        self.describe(self.secret.clone(), ctx, out);
    }

    /// Whether `secret` is a copy this pane asked about (same secret, any region).
    fn asked(&self, secret: &SecretRef) -> bool {
        secret.identity == self.secret.identity
            && secret.name == self.secret.name
            && self.copies.contains_key(&secret.region)
    }

    fn describe(&mut self, secret: SecretRef, ctx: &Ctx, out: &mut Out) {
        if self.copies.contains_key(&secret.region) {
            return;
        }
        self.copies.insert(secret.region.clone(), Source::Loading);
        out.call(ctx, Call::Describe { secret });
    }

    fn policy(&mut self, secret: SecretRef, ctx: &Ctx, out: &mut Out) {
        if self.policies.contains_key(&secret.region) {
            return;
        }
        self.policies.insert(secret.region.clone(), Source::Loading);
        out.call(ctx, Call::Policy { secret });
    }

    /// What the answers so far call for next: the primary, once the opened secret says
    /// where it is; each replica's and other copy's DescribeSecret and every policy, once
    /// the primary has listed its replicas.
    fn advance(&mut self, ctx: &Ctx, out: &mut Out) {
        if self.primary.is_none()
            && let Some(Source::Read(own)) = self.copies.get(&self.secret.region)
        {
            // A replica's primary; or, for a secret the list still shows as a replica but
            // that is standalone now, the primary it had (which no longer lists it).
            let primary = match own.primary_region.as_deref() {
                Some(p) if p != self.secret.region => copy_in(&self.secret, p),
                _ => match &self.listed_primary {
                    Some(p) => copy_in(&self.secret, p),
                    None => Some(self.secret.clone()),
                },
            };
            if let Some(primary) = primary {
                self.primary = Some(primary.clone());
                self.describe(primary, ctx, out);
            }
        }
        if let (Some(primary), Some(copy)) = (self.primary.clone(), self.primary_copy()) {
            // Each replica by the primary's ARN in its region; each other copy by its own.
            let mut copies: Vec<SecretRef> = copy
                .replicas
                .iter()
                .filter_map(|r| copy_in(&primary, &r.region))
                .collect();
            copies.extend(
                self.others
                    .values()
                    .filter(|o| !copies.iter().any(|c| c.region == o.region))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            self.policy(primary.clone(), ctx, out);
            for secret in copies.into_iter().filter(|c| c.region != primary.region) {
                self.describe(secret.clone(), ctx, out);
                self.policy(secret, ctx, out);
            }
        }
        self.rebuild_rows();
    }

    /// The open pane's keys.
    pub(crate) fn command(&mut self, command: Bind<Command>, ctx: &Ctx, out: &mut Out) {
        if let Some(step) = command.as_move() {
            self.selected.apply(step, self.rows.len());
            return;
        }
        match command {
            Bind::Verb(Verb::Refresh) => self.start(ctx, out),
            Bind::Verb(Verb::Back) => out.intent(Intent::Close(Layer::Replication)),
            Bind::Own(Command::Check) => self.ask_check(ctx, out),
            Bind::Own(Command::Replicate) => self.ask_region(out),
            Bind::Own(Command::Stop) => self.ask_stop(ctx, out),
            Bind::Own(Command::Remove) => self.ask_remove(ctx, out),
            _ => {}
        }
    }
}

/// A write's answer: said, and the pane (if still open) reads every region again.
fn wrote(
    view: Option<&mut ReplicationView>,
    call: &Call,
    result: Result<(), AwsError>,
    ctx: &Ctx,
    out: &mut Out,
) {
    let secret = call.secret();
    let name = &secret.name;
    match result {
        Ok(()) => {
            out.info(match call {
                Call::Replicate { region, .. } => {
                    format!("{name}: replication to {region} started")
                }
                Call::StopReplication { secret } => format!(
                    "{name} in {}: replication stopped; it is a standalone secret now",
                    secret.region
                ),
                Call::RemoveReplica { region, .. } => {
                    format!("{name}: the replica in {region} is removed")
                }
                _ => String::new(),
            });
        }
        Err(error) => {
            out.error(format!(
                "{name} unchanged: {}",
                ctx.explain_as(secret.identity, &error)
            ));
        }
    }
    let Some(view) =
        view.filter(|v| v.secret.identity == secret.identity && v.secret.name == *name)
    else {
        return;
    };
    // A stopped replica is a standalone secret now: read it again to flag it.
    if let Call::StopReplication { secret } = call {
        view.others.insert(secret.region.clone(), secret.clone());
    }
    out.intent(Intent::SecretChanged {
        secret: view.secret.clone(),
    });
    view.start(ctx, out);
}
