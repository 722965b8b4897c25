//! The lifecycle room's update.

use crate::features::lifecycle::Call;
use crate::features::lifecycle::Command as LifecycleCommand;
use crate::features::lifecycle::call::Recovery;
use crate::features::lifecycle::{DeleteForm, Lifecycle, MAX_DAYS, MIN_DAYS, Room};
use crate::kit::Move;
use crate::model::AwsError;
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::{ConfirmRequest, Ctx, Intent, OnYes, Out, Written};

impl Lifecycle {
    /// `D`: checks what the service would refuse anyway, then opens the delete popup.
    pub(crate) fn delete(ctx: &Ctx, out: &mut Out<Room>) {
        let Some(secret) = ctx.selected else {
            return;
        };
        if secret.deleted_date.is_some() {
            out.warn(format!(
                "{} is already scheduled for deletion (restore brings it back)",
                secret.name
            ));
            return;
        }
        let detail = match ctx.detail {
            Some(Ok(detail)) => detail,
            Some(Err(error)) => {
                out.error(format!("Not deleting: {}", ctx.explain_detail(error)));
                return;
            }
            None => {
                out.info("Still describing the secret; try again in a moment");
                out.intent(Intent::Describe);
                return;
            }
        };
        if let Some(service) = &detail.owning_service {
            out.warn(format!(
                "{} is managed by {service}: delete it through that service",
                secret.name
            ));
            return;
        }
        let target = ctx.address(secret);
        if !detail.replicas.is_empty() {
            // The service refuses to delete a primary that has replicas: offer to remove
            // them first. Their secrets go with them, for good (no recovery window): like
            // a delete, the name is typed.
            let regions: Vec<String> = detail.replicas.iter().map(|r| r.region.clone()).collect();
            out.intent(Intent::Confirm(ConfirmRequest {
                question: format!(
                    "{} is replicated to {}, and the service does not delete a primary that \
                     has replicas. Remove the replicas first? Their copies of the secret are \
                     deleted at once, without recovery; {} itself stays until you delete it.",
                    secret.name,
                    regions.join(", "),
                    secret.name
                ),
                on_yes: OnYes::call(
                    ctx,
                    Call::RemoveReplicas {
                        secret: target,
                        regions,
                    },
                ),
                typed: Some(secret.name.clone()),
            }));
            return;
        }
        out.open(DeleteForm {
            secret: target,
            days: MAX_DAYS,
            without_recovery: false,
        });
    }
}

impl DeleteForm {
    /// The delete popup's keys.
    pub(crate) fn command(
        &mut self,
        command: Bind<LifecycleCommand>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let form = self;
        let step = match command {
            // Up means more days.
            Bind::Verb(Verb::Up) => Some(Move::Forward(1)),
            Bind::Verb(Verb::Down) => Some(Move::Back(1)),
            _ => None,
        };
        if let Some(step) = step {
            let range = usize::from(MAX_DAYS - MIN_DAYS);
            let at = step.apply(usize::from(form.days - MIN_DAYS), range, 1);
            form.days = MIN_DAYS + u8::try_from(at).unwrap_or(0);
            return;
        }
        match command {
            Bind::Own(LifecycleCommand::WithoutRecovery) => {
                form.without_recovery = !form.without_recovery;
            }
            Bind::Verb(Verb::Select) => {
                let request = confirm_delete(form, ctx);
                out.intent(Intent::Close(Layer::Delete));
                out.intent(Intent::Confirm(request));
            }
            Bind::Verb(Verb::Back) => out.intent(Intent::Close(Layer::Delete)),
            _ => {}
        }
    }
}

impl Lifecycle {
    /// `R`: restore a secret scheduled for deletion (y/n is enough: nothing is lost by it).
    pub(crate) fn restore(ctx: &Ctx, out: &mut Out<Room>) {
        let Some(secret) = ctx.selected else {
            return;
        };
        if secret.deleted_date.is_none() {
            out.warn(format!("{} is not scheduled for deletion", secret.name));
            return;
        }
        let target = ctx.address(secret);
        out.intent(Intent::Confirm(ConfirmRequest {
            question: format!(
                "Restore {} in {}? It stops being scheduled for deletion.",
                secret.name, secret.region
            ),
            on_yes: OnYes::call(ctx, Call::Restore { secret: target }),
            typed: None,
        }));
    }

    /// The answer to a delete, a restore or removing the replicas.
    pub(crate) fn wrote(
        call: &Call,
        result: Result<Written, AwsError>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let secret = match call {
            Call::Delete { secret, .. } | Call::Restore { secret } => secret,
            Call::RemoveReplicas { secret, .. } => {
                let name = &secret.name;
                match result {
                    Ok(_) => {
                        out.info(format!("{name}: replicas removed; it can be deleted now"));
                        out.intent(Intent::SecretChanged {
                            secret: secret.clone(),
                        });
                    }
                    Err(error) => out.error(format!(
                        "{name} unchanged: {}",
                        ctx.explain_as(secret.identity, &error)
                    )),
                }
                return;
            }
        };
        let name = &secret.name;
        match result {
            Ok(Written::Deleted { on }) => {
                let when = on.map_or_else(
                    || "at once".to_owned(),
                    |t| format!("on {}", t.strftime("%Y-%m-%d %H:%M UTC")),
                );
                out.info(format!("{name} is scheduled for deletion {when}"));
                out.intent(Intent::DeletionChanged {
                    secret: secret.clone(),
                    on: on.or(Some(jiff::Timestamp::UNIX_EPOCH)),
                });
            }
            Ok(_) => {
                out.info(format!("{name} is restored"));
                out.intent(Intent::DeletionChanged {
                    secret: secret.clone(),
                    on: None,
                });
            }
            Err(error) => out.error(format!(
                "{name} unchanged: {}",
                ctx.explain_as(secret.identity, &error)
            )),
        }
    }
}

/// The typed confirmation for the form's choice.
fn confirm_delete(form: &DeleteForm, ctx: &Ctx) -> ConfirmRequest<Room> {
    let (question, recovery) = if form.without_recovery {
        (
            format!(
                "Delete {} in {} NOW, WITHOUT RECOVERY? It cannot be restored, and every \
                 version is gone.",
                form.secret.name, form.secret.region
            ),
            Recovery::Never,
        )
    } else {
        (
            format!(
                "Delete {} in {}? It can be restored for {} days; after that it is gone.",
                form.secret.name, form.secret.region, form.days
            ),
            Recovery::Days(form.days),
        )
    };
    ConfirmRequest {
        question,
        on_yes: OnYes::call(
            ctx,
            Call::Delete {
                secret: form.secret.clone(),
                recovery,
            },
        ),
        typed: Some(form.secret.name.clone()),
    }
}
