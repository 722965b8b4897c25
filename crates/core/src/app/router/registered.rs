//! The registered rooms, run through their one shape ([`Update`]): every arm here is
//! generated from the registration list (`app/rooms/`), so a new room adds none. Each
//! function takes what is a registered room's and hands back what is not, for the spine's
//! hand-written arms.

use crate::app::command::Command;
use crate::app::envelope::Outcome;
use crate::app::registry::registered;
use crate::app::room::{Out, PromptFor};
use crate::app::state::{State, ctx_of};
use crate::features::browse::Browse;
use crate::features::reveal::Reveal;
use crate::ids::IdentityId;
use crate::room::layers::Layer;
use crate::room::update::{Here, Update};

/// What the panes show now, lent to a room's command.
fn here<'a>(
    browse: &'a Browse,
    reveal: &'a Reveal,
    access: &'a crate::model::posture::AccessFindings,
) -> Here<'a> {
    Here {
        access,
        listed: &browse.list,
        region: browse
            .list
            .selected()
            .map(|s| s.region.as_str())
            .or_else(|| browse.first_region()),
        version: &reveal.version,
    }
}

macro_rules! dispatch {
    (
        rooms: [$($variant:ident => $room:ident),* $(,)?]
        calls: [$($call_variant:ident => $call_room:ident),* $(,)?]
        prompts: [$($prompt_variant:ident => $prompt_room:ident),* $(,)?]
        $($_tables:tt)*
    ) => {
        /// A registered room's own command, over the panes, to its room; any other command
        /// is handed back.
        pub(super) fn run(state: &mut State, command: Command, out: &mut Out) -> Option<Command> {
            match command {
                $(Command::$variant(command) => {
                    let here = here(&state.browse, &state.reveal, &state.access);
                    let ctx = ctx!(state);
                    out.of(|out| {
                        <crate::features::$room::Room as Update>::run(
                            &mut state.rooms.$room, command, &here, &ctx, out,
                        );
                    });
                    None
                })*
                other => Some(other),
            }
        }

        /// A registered room's answer, to its room with its popup if still open; any other
        /// answer is handed back.
        pub(super) fn answered(state: &mut State, outcome: Outcome, out: &mut Out) -> Option<Outcome> {
            match outcome {
                $(Outcome::$call_variant(outcome) => {
                    let ctx = ctx!(state);
                    let open = state.layers.popup_mut::<<crate::features::$call_room::Room as Update>::Open>();
                    out.of(|out| {
                        <crate::features::$call_room::Room as Update>::answered(
                            &mut state.rooms.$call_room, open, outcome, &ctx, out,
                        );
                    });
                    None
                })*
                other => Some(other),
            }
        }

        /// The text typed into a registered room's prompt, to that room; any other prompt is
        /// handed back with its text.
        pub(super) fn prompted(
            state: &mut State,
            prompt: PromptFor,
            text: String,
            out: &mut Out,
        ) -> Option<(PromptFor, String)> {
            match prompt {
                $(PromptFor::$prompt_variant(prompt) => {
                    let ctx = ctx!(state);
                    let open = state.layers.popup_mut::<<crate::features::$prompt_room::Room as Update>::Open>();
                    out.of(|out| {
                        <crate::features::$prompt_room::Room as Update>::prompted(
                            &mut state.rooms.$prompt_room, open, prompt, text, &ctx, out,
                        );
                    });
                    None
                })*
                other => Some((other, text)),
            }
        }

        /// A key in a layer a registered room owns, to that room; false when no registered
        /// room owns `top`.
        pub(super) fn layer_command(state: &mut State, top: Layer, command: Command, out: &mut Out) -> bool {
            $(if <crate::features::$room::Room as Update>::LAYERS.contains(&top) {
                if let Some(command) = command.bind() {
                    let ctx = ctx!(state);
                    let open = state.layers.popup_mut::<<crate::features::$room::Room as Update>::Open>();
                    out.of(|out| {
                        <crate::features::$room::Room as Update>::layer_command(
                            &mut state.rooms.$room, open, top, command, &ctx, out,
                        );
                    });
                }
                return true;
            })*
            false
        }

        /// `layer` closes: a room that keeps its popup closed (`KEEPS`) is handed it.
        pub(super) fn closing(state: &mut State, layer: Layer) {
            $(if <crate::features::$room::Room as Update>::KEEPS == Some(layer)
                && let Some(open) = state.layers.take::<<crate::features::$room::Room as Update>::Open>()
            {
                <crate::features::$room::Room as Update>::closed(&mut state.rooms.$room, open);
            })*
        }

        /// `identity` is no longer held: every registered room forgets what it fetched.
        pub(super) fn forget(state: &mut State, identity: IdentityId) {
            $(<crate::features::$room::Room as Update>::forget(&mut state.rooms.$room, identity);)*
        }

        /// The pattern of every registered room's answer, for the spine's match of what
        /// `answered` hands back (it never hands one of these back).
        macro_rules! registered_outcome {
            () => { $(Outcome::$call_variant(_))|* };
        }
        pub(super) use registered_outcome;

        /// The pattern of every registered room's prompt, as `registered_outcome!`.
        macro_rules! registered_prompt {
            () => { $(PromptFor::$prompt_variant(_))|* };
        }
        pub(super) use registered_prompt;

        /// smtui works as another identity now: every registered room forgets what every
        /// identity fetched.
        pub(super) fn identity_switched(state: &mut State) {
            $(<crate::features::$room::Room as Update>::identity_switched(&mut state.rooms.$room);)*
        }
    };
}

registered!(dispatch);
