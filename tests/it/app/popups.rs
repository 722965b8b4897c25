//! Popups are values on the layer stack: whatever the user opens and closes, in any order,
//! every frame draws, and the popup on top is drawn from the data it carries (there is no
//! popup on the stack without its data to draw).

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use proptest::prelude::*;
use smtui_core::room::layers::Layer;

/// The keys that open, move in and close the popups (and a few that are text or nothing
/// in some of them).
const KEYS: [KeyCode; 15] = [
    KeyCode::Char('t'),
    KeyCode::Char('o'),
    KeyCode::Char('A'),
    KeyCode::Char('I'),
    KeyCode::Char('e'),
    KeyCode::Char('p'),
    KeyCode::Char('D'),
    KeyCode::Char('T'),
    KeyCode::Char('M'),
    KeyCode::Char('j'),
    KeyCode::Char('d'),
    KeyCode::Char(' '),
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Esc,
];

/// What a popup that carries data shows of it, by which it is seen drawn.
fn drawn_from_its_data(layer: Layer, h: &Harness) -> Option<String> {
    match layer {
        Layer::Tags => Some(format!("Tags of {}", h.state.selected()?.name)),
        Layer::Versions => Some(" Versions ".to_owned()),
        Layer::Compare => Some(" Compare versions ".to_owned()),
        Layer::Delete => Some(" Delete secret ".to_owned()),
        Layer::Rotation => Some(" Rotation overview".to_owned()),
        Layer::Roles => Some(" Switch identity ".to_owned()),
        Layer::Themes => Some(" Theme (".to_owned()),
        Layer::Audit => Some(" Audit · ".to_owned()),
        Layer::AuditEvent => Some(" · the whole record ".to_owned()),
        Layer::Editor => Some(" Edit ".to_owned()),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_opening_and_closing_draws_the_top_popup_from_its_data(
        keys in proptest::collection::vec(0..KEYS.len(), 1..24)
    ) {
        let mut h = Harness::loaded();
        for at in keys {
            h.press(KEYS[at], KeyModifiers::NONE);
            let screen = h.screen(100, 30);
            let top = h.state.layers.top();
            if let Some(shown) = drawn_from_its_data(top, &h) {
                prop_assert!(screen.contains(&shown), "{top:?} drawn: {screen}");
            }
        }
    }
}
