//! The popups and prompts over the panes, each drawn in its layer's turn: a popup that
//! carries its data is drawn from that value, so there is no popup without its data.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Screen;
use crate::app::State;
use crate::app::stack::Layered;
use crate::app::{help, palette};
use crate::features::editor::EditSession;
use crate::features::{editor, messages};
use crate::kit::Theme;
use crate::room::keys::Labels;
use crate::room::layers::Layer;
use crate::room::popup::Around;

/// One popup, over what is under it.
pub(super) fn render_layer(
    frame: &mut Frame,
    screen: &Screen,
    state: &State,
    entry: &Layered,
    theme: &Theme,
) {
    let around = Around {
        wall: state.wall,
        whole: screen.whole,
        docked: screen.audit,
        keymap: &state.keymap,
        settings: &state.settings,
        detail: state.selected_detail().and_then(|d| d.result.as_ref().ok()),
        lent: &[&state.session, &state.rooms.appearance],
    };
    // The popups that fill (nearly) the screen leave a margin: blank it, so no stray letters
    // and corners of the panes behind show through beside them.
    let fills = match entry {
        Layered::Popup(popup) => popup.fills(&around),
        Layered::Bare(Layer::Help) => Some(screen.whole),
        Layered::Bare(_) => None,
    };
    if let Some(area) = fills {
        let top = area.y.max(screen.title.bottom());
        let bottom = area.bottom().min(screen.footer.y);
        let margin = Rect::new(area.x, top, area.width, bottom.saturating_sub(top));
        frame.render_widget(ratatui::widgets::Clear, margin);
    }
    let popup = match entry {
        Layered::Popup(popup) => popup,
        Layered::Bare(layer) => return render_bare(frame, screen, state, *layer, theme),
    };
    // Under a layer that shows its data from under it (the editor's review or conflict,
    // which mask every value until `v`), a popup is not drawn: it would show them all in
    // clear around that layer.
    let layer = popup.layer();
    if state.layers.iter().any(|l| l.rests_on() == Some(layer)) {
        return;
    }
    popup.draw(frame, &around, theme);
}

/// A layer without data of its own, drawn from its room.
fn render_bare(frame: &mut Frame, screen: &Screen, state: &State, layer: Layer, theme: &Theme) {
    match layer {
        Layer::Help => {
            help::view::render(frame, screen.whole, &state.help, &state.keymap, theme);
        }
        Layer::Palette => {
            palette::view::render(frame, screen.whole, &state.palette, &state.keymap, theme);
        }
        // The review and the conflict are views of the editor's session, under them.
        Layer::Review => {
            if let Some(session) = state.layers.popup::<EditSession>() {
                let identity = session
                    .secret
                    .as_ref()
                    .map_or(state.session.identity, |s| s.identity);
                let account = state.write_account(identity);
                editor::view::render_review(
                    frame,
                    screen.whole,
                    (session, account.as_deref()),
                    &state.keymap,
                    theme,
                );
            }
        }
        Layer::Conflict => {
            if let Some(session) = state.layers.popup::<EditSession>() {
                editor::view::render_conflict(frame, screen.whole, session, &state.keymap, theme);
            }
        }
        Layer::Messages => {
            let context: (_, &dyn Labels) = (&state.settings.time_zone, &state.keymap);
            messages::view::render(frame, screen.whole, &state.rooms.messages, context, theme);
        }
        // The panes, the filter prompt (in the footer), and the popups that carry their
        // data (drawn from it, `Shown::draw`).
        _ => {}
    }
}
