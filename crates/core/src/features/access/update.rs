//! The access room's update: opening the pane (sending the reads it lacks), its sources as
//! they arrive, its keys, and the simulator's answers.

use std::sync::Arc;

use crate::features::access::Command as AccessCommand;
use crate::features::access::{
    Access, AccessView, Call, Out, Outcome, ReadLog, Source, Statements, Verification,
};
use crate::ids::SecretRef;
use crate::kit::Cursor;
use crate::model::AwsError;
use crate::model::access::MAX_READ_DAYS;
use crate::model::access::{AccountIam, IamPage, KeyFacts};
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::{Ctx, Intent};

impl Access {
    /// `access`: the pane of the selected secret, once its detail (which names its key) is
    /// known. The account's IAM is read once per identity and reused.
    pub(crate) fn open(&mut self, ctx: &Ctx, out: &mut Out) {
        let Some(selected) = ctx.selected else {
            out.info("Select a secret first");
            return;
        };
        let Some(Ok(detail)) = ctx.detail else {
            out.info("Still describing the secret; try again in a moment");
            out.intent(Intent::Describe);
            return;
        };
        let secret = ctx.address(selected);
        let view = self.start(secret, detail.kms_key_id.clone(), ctx, out);
        out.open(view);
    }

    /// A new pane of `secret` (encrypted with `key_id`, or the AWS managed key): its reads
    /// are sent, the account's IAM taken from the cache when read.
    fn start(
        &mut self,
        secret: SecretRef,
        key_id: Option<String>,
        ctx: &Ctx,
        out: &mut Out,
    ) -> AccessView {
        let key = match key_id.clone() {
            None => Source::Read(KeyFacts::aws_managed(&secret.region, secret.arn.account())),
            Some(key_id) => {
                let call = Call::Key {
                    secret: secret.clone(),
                    key_id,
                };
                out.call(ctx, call);
                Source::Loading
            }
        };
        let call = Call::ResourcePolicy {
            secret: secret.clone(),
        };
        out.call(ctx, call);
        let days = ctx.settings.posture.unused_days.clamp(1, MAX_READ_DAYS);
        let end = ctx.wall;
        let start = end
            .checked_sub(jiff::SignedDuration::from_hours(days * 24))
            .unwrap_or(end);
        out.call(
            ctx,
            Call::Reads {
                secret: secret.clone(),
                start,
                end,
                token: None,
            },
        );
        let reads = ReadLog {
            start: Some(start),
            days,
            loading: true,
            ..ReadLog::default()
        };
        let mut view = AccessView {
            secret,
            key_id,
            reads,
            resource_policy: Source::Loading,
            key,
            iam: Source::Loading,
            progress: (0, None),
            rows: Vec::new(),
            unreadable: Vec::new(),
            selected: Cursor::default(),
            verifications: std::collections::HashMap::new(),
        };
        self.read_iam(&mut view, ctx, out);
        view
    }

    /// Puts the identity's IAM in the view, or starts (or waits for) reading it.
    fn read_iam(&mut self, view: &mut AccessView, ctx: &Ctx, out: &mut Out) {
        let load = self.iam.entry(view.secret.identity).or_default();
        if let Some((iam, at)) = &load.merged {
            view.iam = Source::Read((Arc::clone(iam), *at));
        } else if let Some(error) = &load.error {
            view.iam = Source::Failed(error.clone());
        } else if !load.loading {
            load.loading = true;
            out.call(
                ctx,
                Call::IamPage {
                    secret: view.secret.clone(),
                    marker: None,
                },
            );
        }
        view.progress = (load.loaded_entities(), load.total);
        view.evaluate();
    }

    /// An answer: the IAM pages feed the identity's cache whether or not the pane is still
    /// open; the other answers go to the pane that asked, if it is still open on their
    /// secret.
    pub(crate) fn answered(
        &mut self,
        mut view: Option<&mut AccessView>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        let mine = |secret: &SecretRef, view: &AccessView| view.secret == *secret;
        match outcome {
            Outcome::IamPage {
                secret,
                result,
                total,
            } => {
                self.page(&secret, result, total, ctx, out);
                if let Some(view) = view
                    .as_deref_mut()
                    .filter(|v| v.secret.identity == secret.identity)
                {
                    self.read_iam(view, ctx, out);
                }
            }
            Outcome::ResourcePolicy { secret, result } => {
                if let Some(view) = view.as_deref_mut().filter(|v| mine(&secret, v)) {
                    view.resource_policy = source(result, &secret, ctx);
                    view.evaluate();
                }
            }
            Outcome::Key { secret, result } => {
                if let Some(view) = view.as_deref_mut().filter(|v| mine(&secret, v)) {
                    view.key = source(result, &secret, ctx);
                    view.evaluate();
                }
            }
            Outcome::Reads { secret, result } => {
                if let Some(view) = view.as_deref_mut().filter(|v| mine(&secret, v)) {
                    view.read(result, ctx, out);
                }
            }
            Outcome::Simulated {
                secret,
                principal,
                result,
            } => {
                if let Some(view) = view.as_deref_mut().filter(|v| mine(&secret, v)) {
                    let answer = match result {
                        Ok(simulation) => Verification::Answered(simulation),
                        Err(error) => Verification::Failed(ctx.explain_as(secret.identity, &error)),
                    };
                    view.verifications.insert(principal, answer);
                }
            }
        }
        if let Some(view) = view {
            view.report_facts(out);
        }
    }

    /// One page of the account's IAM: kept, and the next asked for; merged after the last.
    fn page(
        &mut self,
        secret: &SecretRef,
        result: Result<IamPage, AwsError>,
        total: Option<usize>,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        let Some(load) = self.iam.get_mut(&secret.identity) else {
            return;
        };
        load.total = total.or(load.total);
        match result {
            Ok(page) => {
                let marker = page.marker.clone();
                load.pages.push(page);
                if let Some(marker) = marker {
                    out.call(
                        ctx,
                        Call::IamPage {
                            secret: secret.clone(),
                            marker: Some(marker),
                        },
                    );
                } else {
                    let merged = AccountIam::from_pages(&load.pages);
                    load.merged = Some((Arc::new(merged), ctx.wall));
                    load.pages = Vec::new();
                    load.loading = false;
                }
            }
            Err(error) => {
                load.error = Some(ctx.explain_as(secret.identity, &error));
                load.pages = Vec::new();
                load.loading = false;
            }
        }
    }

    /// The open pane's keys.
    pub(crate) fn command(
        &mut self,
        view: &mut AccessView,
        command: Bind<AccessCommand>,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        if let Some(step) = command.as_move() {
            view.selected.apply(step, view.rows.len());
            return;
        }
        match command {
            Bind::Verb(Verb::Select) => {
                if let Some(statements) = view.statements() {
                    out.open(statements);
                }
            }
            Bind::Own(AccessCommand::Verify) => view.verify(ctx, out),
            Bind::Verb(Verb::Refresh) => {
                let identity = view.secret.identity;
                if self.iam.get(&identity).is_some_and(|load| load.loading) {
                    out.info("Still reading the account's IAM");
                    return;
                }
                self.iam.remove(&identity);
                let (secret, key_id) = (view.secret.clone(), view.key_id.clone());
                *view = self.start(secret, key_id, ctx, out);
            }
            Bind::Verb(Verb::Back) => out.intent(Intent::Close(Layer::Access)),
            _ => {}
        }
    }
}

fn source<T>(result: Result<T, AwsError>, secret: &SecretRef, ctx: &Ctx) -> Source<T> {
    match result {
        Ok(value) => Source::Read(value),
        Err(error) => Source::Failed(ctx.explain_as(secret.identity, &error)),
    }
}

impl Statements {
    /// The popup's keys: scroll, close.
    pub(crate) fn command(&mut self, command: Bind<AccessCommand>, out: &mut Out) {
        if let Some(step) = command.as_move() {
            self.scroll.apply(step);
            return;
        }
        if command == Bind::Verb(Verb::Back) {
            out.intent(Intent::Close(Layer::AccessStatements));
        }
    }
}
