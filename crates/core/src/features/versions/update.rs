//! The versions room's update: the picker, comparing two versions, making one current.

use std::time::Instant;

use crate::diff::{self, Kind};
use crate::features::versions::Call;
use crate::features::versions::Command as VersionsCommand;
use crate::features::versions::{Comparison, Picker, Room, VersionChoice, Versions, choices};
use crate::ids::SecretRef;
use crate::kit::Cursor;
use crate::model::{AwsError, FetchedValue, VersionSel};
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::revealed::Revealed;
use crate::room::{ConfirmRequest, Ctx, Intent, OnYes, Out, Written};

impl Versions {
    /// `p`: opens the picker on the version in use, once the detail is known; false when
    /// it could not.
    pub(crate) fn open(current: &VersionSel, ctx: &Ctx, out: &mut Out<Room>) -> bool {
        let (Some(secret), Some(detail)) = (ctx.selected, ctx.detail) else {
            if ctx.selected.is_some() {
                out.info("Versions are still loading…");
                out.intent(Intent::Describe);
            }
            return false;
        };
        let detail = match detail {
            Ok(detail) => detail,
            Err(error) => {
                out.error(format!(
                    "No versions to pick: {}",
                    ctx.explain_detail(error)
                ));
                return false;
            }
        };
        let secret = ctx.address(secret);
        let choices = choices(detail);
        let selected = Cursor::at_row(Picker::position_of(&choices, current));
        out.open(Picker {
            choices,
            selected,
            marked: None,
            secret,
            read_only: ctx.settings.read_only,
        });
        true
    }
}

impl Picker {
    /// A command in the open picker.
    pub(crate) fn command(
        &mut self,
        command: Bind<VersionsCommand>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let picker = self;
        if let Some(step) = command.as_move() {
            picker.selected.apply(step, picker.choices.len());
            return;
        }
        let highlighted = picker.choices.get(picker.selected.at()).cloned();
        match (command, highlighted) {
            (Bind::Verb(Verb::Select), Some(choice)) => {
                out.intent(Intent::UseVersion(choice.pick));
                out.intent(Intent::Close(Layer::Versions));
            }
            (Bind::Own(VersionsCommand::Compare), Some(choice)) => {
                picker.compare(&choice, ctx, out);
            }
            (Bind::Own(VersionsCommand::Mark), Some(_)) => {
                picker.marked = match picker.marked {
                    Some(i) if i == picker.selected.at() => None,
                    _ => Some(picker.selected.at()),
                };
            }
            (Bind::Own(VersionsCommand::MakeCurrent), Some(choice)) => {
                make_current(picker, &choice, ctx, out);
            }
            (Bind::Verb(Verb::Back | Verb::Select), _) => {
                out.intent(Intent::Close(Layer::Versions));
            }
            _ => {}
        }
    }

    /// `d`: the highlighted version against AWSCURRENT (or, for AWSCURRENT itself, against
    /// AWSPREVIOUS), older on the left.
    fn compare(&self, choice: &VersionChoice, ctx: &Ctx, out: &mut Out<Room>) {
        let picker = self;
        let current = picker.holder("AWSCURRENT");
        let marked = picker.marked.and_then(|i| picker.choices.get(i));
        let other = match marked {
            // Any two: the one marked with Space and the highlighted one.
            Some(marked) if marked.version_id != choice.version_id => Some(marked),
            _ if current.is_some_and(|c| c.version_id == choice.version_id) => {
                picker.holder("AWSPREVIOUS")
            }
            _ => current,
        };
        let Some(other) = other else {
            out.warn("Nothing to compare it with: there is no previous version");
            return;
        };
        let (older, newer) = if other.created <= choice.created {
            (other, choice)
        } else {
            (choice, other)
        };
        out.open(Comparison {
            secret: picker.secret.clone(),
            left: (older.version_id.clone(), older.stages.clone()),
            right: (newer.version_id.clone(), newer.stages.clone()),
            rows: None,
            revealed: Revealed::default(),
        });
        out.call(
            ctx,
            Call::FetchPair {
                secret: picker.secret.clone(),
                versions: [older.version_id.clone(), newer.version_id.clone()],
            },
        );
    }
}

impl Comparison {
    /// Both values arrived: only which keys or lines differ is kept, as secrets.
    pub(crate) fn pair_loaded(
        &mut self,
        secret: &SecretRef,
        result: Result<[FetchedValue; 2], AwsError>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        if self.secret != *secret {
            return;
        }
        let comparison = self;
        match result {
            Ok([left, right]) => {
                let (Some(old), Some(new)) = (left.raw.expose_str(), right.raw.expose_str()) else {
                    out.warn("Binary versions are compared by size only: they differ");
                    out.intent(Intent::Close(Layer::Compare));
                    return;
                };
                let kind = if Kind::of(old) == Kind::Json && Kind::of(new) == Kind::Json {
                    Kind::Json
                } else {
                    Kind::Text
                };
                comparison.rows = Some(diff::diff(old, new, kind));
            }
            Err(error) => {
                out.error(format!(
                    "Cannot compare: {}",
                    ctx.explain_as(secret.identity, &error)
                ));
                out.intent(Intent::Close(Layer::Compare));
            }
        }
    }

    pub(crate) fn command(
        &mut self,
        command: Bind<VersionsCommand>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        match command {
            Bind::Verb(Verb::Reveal) => self.revealed.toggle(ctx, out),
            _ => out.intent(Intent::Close(Layer::Compare)),
        }
    }

    /// Masks the comparison's values once their time is up; true when it did.
    pub(crate) fn mask_due(&mut self, now: Instant) -> bool {
        self.revealed.expire(now)
    }
}

impl Versions {
    /// The answer to make-current.
    pub(crate) fn made_current(
        call: &Call,
        result: Result<Written, AwsError>,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        let Call::MakeCurrent {
            secret, version, ..
        } = call
        else {
            return;
        };
        match result {
            Ok(_) => {
                let short: String = version.chars().take(8).collect();
                out.info(format!("{secret}: version {short} is AWSCURRENT again"));
                out.intent(Intent::Close(Layer::Versions));
                out.intent(Intent::SecretChanged {
                    secret: secret.clone(),
                });
            }
            Err(error) => out.error(format!(
                "{secret} unchanged: {}",
                ctx.explain_as(secret.identity, &error)
            )),
        }
    }
}

/// `m`: asks before moving AWSCURRENT to the highlighted version.
fn make_current(picker: &Picker, choice: &VersionChoice, ctx: &Ctx, out: &mut Out<Room>) {
    let Some(current) = picker.holder("AWSCURRENT") else {
        out.warn("No version holds AWSCURRENT: nothing to move it from");
        return;
    };
    if current.version_id == choice.version_id {
        out.info("That version is already AWSCURRENT");
        return;
    }
    let short = |id: &str| id.chars().take(8).collect::<String>();
    // Asked over the versions, which stay for a "no"; they close once the move is made.
    out.intent(Intent::Confirm(ConfirmRequest {
        question: format!(
            "Make version {} of {} current? AWSCURRENT moves from {} to it, and the service \
             moves AWSPREVIOUS to {}. Applications read the older value from then on.",
            short(&choice.version_id),
            picker.secret,
            short(&current.version_id),
            short(&current.version_id)
        ),
        on_yes: OnYes::call(
            ctx,
            Call::MakeCurrent {
                secret: picker.secret.clone(),
                version: choice.version_id.clone(),
                from: current.version_id.clone(),
            },
        ),
        typed: None,
    }));
}
