//! The pane's questions: the value check (said first: it reads the value in each region),
//! replicating to another region (the region, then the key, then a yes), stopping the
//! highlighted replica's replication (a yes) and removing it (its name typed). Each write
//! is refused first for a secret another service manages; read-only mode is refused by the
//! commands' rules before any of this runs.

use crate::features::replication::{Call, Out, Prompt, ReplicationView, Role};
use crate::room::{ConfirmRequest, Ctx, Intent, OnYes};

impl ReplicationView {
    /// `replication-check`: what it reads, then a yes.
    pub(crate) fn ask_check(&self, ctx: &Ctx, out: &mut Out) {
        let Some(primary) = self.primary.clone() else {
            out.info("Still reading the primary; try again in a moment");
            return;
        };
        let copies: Vec<_> = self
            .rows
            .iter()
            .filter(|region| self.copy(region).is_some())
            .filter(|region| matches!(self.role(region), Role::Primary | Role::Replica))
            .filter_map(|region| super::compare::copy_in(&primary, region))
            .collect();
        if copies.len() < 2 {
            out.info("Nothing to compare: no replica has been read");
            return;
        }
        let regions: Vec<&str> = copies.iter().map(|c| c.region.as_str()).collect();
        let question = format!(
            "Compare {}'s value across {}? This reads the value in each region: one \
             GetSecretValue event and one KMS Decrypt per region ({} in all). smtui keeps a \
             keyed hash of each value only, and shows no value.",
            primary.name,
            regions.join(", "),
            regions.len()
        );
        out.intent(Intent::Confirm(ConfirmRequest {
            question,
            on_yes: OnYes::call(
                ctx,
                Call::Fingerprints {
                    secret: primary,
                    copies,
                },
            ),
            typed: None,
        }));
    }

    /// Why a write is refused here, said in the footer: the primary not read yet, or
    /// managed by another service.
    fn refuse_write(&self, out: &mut Out) -> bool {
        let Some(primary) = self.primary_copy() else {
            out.info("Still reading the primary; try again in a moment");
            return true;
        };
        if let Some(service) = &primary.owning_service {
            out.warn(format!(
                "{} is managed by {service}: change its replication through that service",
                self.secret.name
            ));
            return true;
        }
        false
    }

    /// `replicate-to-region`: the region first.
    pub(crate) fn ask_region(&self, out: &mut Out) {
        if self.refuse_write(out) {
            return;
        }
        out.intent(Intent::Prompt {
            label: format!("Replicate {} to region:", self.secret.name),
            initial: String::new(),
            purpose: Prompt::Region,
        });
    }

    /// What was typed into one of the pane's prompts.
    pub(crate) fn prompted(&self, prompt: Prompt, text: String, ctx: &Ctx, out: &mut Out) {
        if self.refuse_write(out) {
            return;
        }
        let Some(primary) = self.primary.clone() else {
            return;
        };
        match prompt {
            Prompt::Region => {
                let region = text.trim().to_owned();
                let plain = region
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                let why = if region.is_empty() || !plain || !region.contains('-') {
                    Some(format!(
                        "{region:?} is not a region name (like eu-central-1)"
                    ))
                } else if region == primary.region {
                    Some(format!("{region} is the primary's own region"))
                } else if self.role(&region) == Role::Replica {
                    Some(format!(
                        "{} is already replicated to {region}",
                        primary.name
                    ))
                } else {
                    None
                };
                if let Some(why) = why {
                    out.warn(why);
                    out.intent(Intent::PromptAgain { text });
                    return;
                }
                out.intent(Intent::Prompt {
                    label: format!("KMS key in {region} (empty: the AWS managed key):"),
                    initial: String::new(),
                    purpose: Prompt::KmsKey { region },
                });
            }
            Prompt::KmsKey { region } => {
                let kms_key = Some(text.trim().to_owned()).filter(|k| !k.is_empty());
                let key = kms_key.as_deref().map_or_else(
                    || "the AWS managed key aws/secretsmanager".to_owned(),
                    |k| format!("the key {k}"),
                );
                let question = format!(
                    "Replicate {} from {} to {region}, encrypted there with {key}? A copy of \
                     the secret, its value included, is made in {region} and kept in sync \
                     with the primary.",
                    primary.name, primary.region
                );
                out.intent(Intent::Confirm(ConfirmRequest {
                    question,
                    on_yes: OnYes::call(
                        ctx,
                        Call::Replicate {
                            secret: primary,
                            region,
                            kms_key,
                        },
                    ),
                    typed: None,
                }));
            }
        }
    }

    /// `stop-replication` on the highlighted replica: a yes.
    pub(crate) fn ask_stop(&self, ctx: &Ctx, out: &mut Out) {
        if self.refuse_write(out) {
            return;
        }
        let (Some(region), Some(primary)) = (self.highlighted_replica(), self.primary.as_ref())
        else {
            out.info("Highlight a replica first");
            return;
        };
        let Some(replica) = super::compare::copy_in(primary, region) else {
            return;
        };
        let question = format!(
            "Stop replicating {} to {region}? The replica there becomes a standalone secret: \
             it keeps its value but no longer follows the primary in {}, and the primary no \
             longer lists it.",
            primary.name, primary.region
        );
        out.intent(Intent::Confirm(ConfirmRequest {
            question,
            on_yes: OnYes::call(ctx, Call::StopReplication { secret: replica }),
            typed: None,
        }));
    }

    /// `remove-replica` on the highlighted replica: its name typed, as for a delete.
    pub(crate) fn ask_remove(&self, ctx: &Ctx, out: &mut Out) {
        if self.refuse_write(out) {
            return;
        }
        let (Some(region), Some(primary)) = (self.highlighted_replica(), self.primary.clone())
        else {
            out.info("Highlight a replica first");
            return;
        };
        let region = region.to_owned();
        let question = format!(
            "Remove {}'s replica in {region}? Its secret there is deleted at once, without \
             recovery; the primary in {} stays.",
            primary.name, primary.region
        );
        let typed = Some(primary.name.clone());
        out.intent(Intent::Confirm(ConfirmRequest {
            question,
            on_yes: OnYes::call(
                ctx,
                Call::RemoveReplica {
                    secret: primary,
                    region,
                },
            ),
            typed,
        }));
    }
}
