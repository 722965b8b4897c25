//! Rotation: the rotation-status panel of the selected secret, the actions on it (rotate
//! now, set the schedule, cancel, repair a stuck rotation) and the fleet overview. The
//! health every view shows comes from one derivation (`model::rotation::derive`).

pub mod call;
pub(crate) mod commands;
pub(crate) mod outcome;
pub mod overview;
pub(crate) mod overview_view;
mod prompt;
mod update;
pub mod view;
pub use call::Call;
pub use commands::Command;
pub use outcome::Outcome;
pub(crate) use prompt::Prompt;

pub(crate) use crate::kit::widgets::relative;

use crate::ids::{IdentityId, SecretRef};
use crate::model::Rotation;
use crate::model::rotation::{Facts, Health, StageMap, derive};
use crate::room::Ctx;
use crate::room::popup::Shown;

use crate::room::Out;
/// The rotation room's words: it asks for its writes (rotate, schedule, cancel, repair),
/// opens the fleet overview and prompts for a schedule and a rotation function.
use crate::room::update::Here;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = Prompt;
}

/// The app runs the rotation room through its one registration line (the overview takes
/// its keys alone).
impl crate::room::update::Update for Room {
    type State = RotationRoom;
    type Outcome = Outcome;
    type Open = crate::room::Never;

    fn run(
        rotation: &mut RotationRoom,
        command: Command,
        here: &Here,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        rotation.run(
            command,
            (here.listed.rows(), here.listed.total()),
            here.access,
            ctx,
            out,
        );
    }

    fn answered(
        _: &mut RotationRoom,
        _: Option<&mut crate::room::Never>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        RotationRoom::answered(outcome, ctx, out);
    }

    fn prompted(
        _: &mut RotationRoom,
        _: Option<&mut crate::room::Never>,
        prompt: Prompt,
        text: String,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        RotationRoom::prompted(prompt, &text, ctx, out);
    }

    fn forget(rotation: &mut RotationRoom, identity: IdentityId) {
        rotation.forget(identity);
    }

    fn identity_switched(rotation: &mut RotationRoom) {
        rotation.identity_switched();
    }
}

/// The rotation room. The panel has no state of its own (it draws the selection); the
/// overview popup carries its own, on the layer stack.
#[derive(Debug, Clone, Default)]
pub struct RotationRoom {
    /// Rotation events the audit pane found, by the identity that looked them up and the
    /// secret's ARN.
    events: std::collections::HashMap<(IdentityId, String), Vec<crate::model::RotationEvent>>,
}

impl RotationRoom {
    /// Rotation events the audit pane found for `secret`, as its identity.
    pub(crate) fn found_events(
        &mut self,
        secret: &SecretRef,
        events: Vec<crate::model::RotationEvent>,
    ) {
        self.events
            .insert((secret.identity, secret.arn.to_string()), events);
    }

    /// The rotation events the audit pane found for `secret`, as its identity (none until
    /// it has looked).
    pub fn events_of(&self, secret: &SecretRef) -> &[crate::model::RotationEvent] {
        self.events
            .get(&(secret.identity, secret.arn.to_string()))
            .map_or(&[][..], Vec::as_slice)
    }

    /// `identity` is no longer held: the events it looked up go.
    pub(crate) fn forget(&mut self, identity: IdentityId) {
        self.events.retain(|(held, _), _| *held != identity);
    }

    /// smtui works as another identity now: the events every identity looked up go.
    pub(crate) fn identity_switched(&mut self) {
        self.events.clear();
    }
}

/// What the panel and the actions know about the selected secret: its detail once
/// described (with the pending version's age), else its ListSecrets row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Subject {
    pub(crate) secret: SecretRef,
    pub(crate) rotation: Rotation,
    pub(crate) owning_service: Option<String>,
    pub(crate) stages: StageMap,
    /// Whether this comes from DescribeSecret (else from the listing).
    pub(crate) described: bool,
}

impl Subject {
    /// The selected secret, if any.
    pub(crate) fn of(ctx: &Ctx) -> Option<Subject> {
        let secret = ctx.selected?;
        let address = ctx.address(secret);
        let subject = match ctx.detail {
            Some(Ok(detail)) => Subject {
                secret: address,
                rotation: detail.rotation.clone(),
                owning_service: detail.owning_service.clone(),
                stages: StageMap::of_detail(detail),
                described: true,
            },
            _ => Subject {
                secret: address,
                rotation: (*secret.rotation).clone(),
                owning_service: secret.owning_service.as_deref().map(str::to_owned),
                stages: StageMap::of_summary(secret),
                described: false,
            },
        };
        Some(subject)
    }

    /// Its health, with the rotation events the audit pane found for it.
    pub(crate) fn health(&self, ctx: &Ctx, room: &RotationRoom) -> Health {
        let events = room.events_of(&self.secret);
        derive(
            Facts {
                rotation: &self.rotation,
                stages: &self.stages,
                events,
            },
            ctx.wall,
            ctx.settings.rotation,
        )
    }

    /// Whether something can run a rotation: a function, or the service that manages it.
    pub(crate) fn has_rotator(&self) -> bool {
        self.rotation.lambda_arn.is_some() || self.owning_service.is_some()
    }
}

/// Eight characters tell versions apart on screen (the full id is in the versions popup).
pub(crate) fn short_id(id: &str) -> String {
    crate::sanitize::sanitize_line(id).chars().take(8).collect()
}

/// A Lambda function's name (and qualifier) from its ARN, sanitised for the screen.
pub(crate) fn function_name(arn: &str) -> String {
    let name = arn.split_once(":function:").map_or(arn, |(_, name)| name);
    crate::sanitize::sanitize_line(name).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_functions_name_keeps_its_qualifier() {
        assert_eq!(
            super::function_name("arn:aws:lambda:us-east-1:123456789012:function:rotate:live"),
            "rotate:live"
        );
    }
}
