//! Clicks and the wheel, once `render::mouse` has found what they are on: the same changes a
//! key would make (a row selected, a pane focused, a tab shown, a list scrolled).

use super::{State, run_command, switch_to};
use crate::app::action::Pointer;
use crate::app::command::Command;
use crate::app::room::Out;
use crate::kit::Move;
use crate::room::keys::Verb;
use crate::room::layers::{Layer, Tab};

/// Rows the wheel moves at a time.
const WHEEL_STEP: usize = 3;

pub(super) fn pointer(state: &mut State, pointer: Pointer, out: &mut Out) {
    match pointer {
        Pointer::Row(index) => {
            state.layers.remove(Layer::Value);
            let at = state.browse.list.selected_index();
            let step = if index >= at {
                Move::Forward(index - at)
            } else {
                Move::Back(at - index)
            };
            state.browse.list.move_to(step);
        }
        Pointer::Pane(pane) => focus(state, pane),
        Pointer::Tab(tab) => switch_to(state, tab),
        Pointer::Region(region) => state.browse.toggle_region_filter(&region),
        Pointer::Wheel { pane, down } => {
            let command = if down {
                Command::Verb(Verb::Down)
            } else {
                Command::Verb(Verb::Up)
            };
            match pane {
                // A popup scrolls its own list, one entry a turn, as its arrow keys do.
                None => run_command(state, command, out),
                Some(Tab::List) => {
                    state.layers.remove(Layer::Value);
                    let step = if down {
                        Move::Forward(WHEEL_STEP)
                    } else {
                        Move::Back(WHEEL_STEP)
                    };
                    state.browse.list.move_to(step);
                }
                Some(Tab::Value) if state.reveal.shows_value() => {
                    state.layers.push(Layer::Value);
                    for _ in 0..WHEEL_STEP {
                        run_command(state, command, out);
                    }
                }
                Some(_) => {}
            }
        }
    }
}

/// A click on a pane focuses it: the value pane while it shows a value, else the list.
fn focus(state: &mut State, pane: Tab) {
    if pane == Tab::Value && state.reveal.shows_value() {
        state.layers.push(Layer::Value);
    } else if pane == Tab::List {
        state.layers.remove(Layer::Value);
    }
}
