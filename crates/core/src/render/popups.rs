//! The popups and prompts over the panes, each drawn in its layer's turn: a popup that
//! carries its data is drawn from that value, so there is no popup without its data.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Screen;
use crate::app::State;
use crate::app::layers::Layer;
use crate::app::popup::Popup;
use crate::app::stack::Layered;
use crate::features::{
    appearance, audit, confirm, editor, help, lifecycle, messages, palette, prompt, rotation,
    session, tags, versions,
};
use crate::kit::Theme;

/// One popup, over what is under it.
pub(super) fn render_layer(
    frame: &mut Frame,
    screen: &Screen,
    state: &State,
    entry: &Layered,
    theme: &Theme,
) {
    let layer = entry.layer();
    // The popups that fill (nearly) the screen leave a margin: blank it, so no stray letters
    // and corners of the panes behind show through beside them.
    let fills = matches!(
        layer,
        Layer::Help | Layer::Compare | Layer::Editor | Layer::Rotation | Layer::Audit
    );
    if fills {
        let area = if layer == Layer::Audit {
            screen.audit
        } else {
            screen.whole
        };
        let top = area.y.max(screen.title.bottom());
        let bottom = area.bottom().min(screen.footer.y);
        let margin = Rect::new(area.x, top, area.width, bottom.saturating_sub(top));
        frame.render_widget(ratatui::widgets::Clear, margin);
    }
    let layer = match entry {
        Layered::Popup(popup) => return render_popup(frame, screen, state, popup, theme),
        Layered::Bare(layer) => *layer,
    };
    match layer {
        Layer::Help => {
            help::view::render(frame, screen.whole, &state.help, &state.keymap, theme);
        }
        Layer::Palette => {
            palette::view::render(frame, screen.whole, &state.palette, &state.keymap, theme);
        }
        // Under the review or a conflict, which mask every value until `v`, the editor's
        // text is not drawn: it would show them all in clear around the popup.
        Layer::Editor
            if state.layers.contains(Layer::Review) || state.layers.contains(Layer::Conflict) => {}
        Layer::Editor => {
            if let Some(session) = &state.editor.session {
                editor::view::render(frame, screen.whole, session, &state.keymap, theme);
            }
        }
        Layer::Review => {
            if let Some(session) = &state.editor.session {
                editor::view::render_review(frame, screen.whole, session, &state.keymap, theme);
            }
        }
        Layer::Conflict => {
            if let Some(session) = &state.editor.session {
                editor::view::render_conflict(frame, screen.whole, session, &state.keymap, theme);
            }
        }
        Layer::Rotation => {
            if let Some(overview) = &state.rotation.overview {
                rotation::overview_view::render(frame, screen.whole, overview, theme);
            }
        }
        Layer::Audit => {
            if let Some(view) = &state.audit.view {
                let context = (&state.settings.time_zone, &state.keymap);
                audit::view::render(frame, screen.audit, view, context, theme);
            }
        }
        Layer::AuditEvent => {
            if let Some(view) = &state.audit.view {
                audit::view::render_record(frame, screen.audit, view, theme);
            }
        }
        Layer::Roles => session::view::render_switcher(frame, screen.whole, &state.session, theme),
        Layer::Themes => {
            appearance::view::render(frame, screen.whole, &state.appearance, &state.keymap, theme);
        }
        Layer::Messages => {
            let context = (&state.settings.time_zone, &state.keymap);
            messages::view::render(frame, screen.whole, &state.messages, context, theme);
        }
        // Popups that carry their data are drawn from it (`render_popup`).
        Layer::List
        | Layer::Value
        | Layer::Filter
        | Layer::Tags
        | Layer::Versions
        | Layer::Compare
        | Layer::Delete
        | Layer::Prompt
        | Layer::Confirm => {}
    }
}

/// A popup that carries its data, drawn from it.
fn render_popup(frame: &mut Frame, screen: &Screen, state: &State, popup: &Popup, theme: &Theme) {
    match popup {
        Popup::Tags(popup) => {
            let detail = state.selected_detail().and_then(|d| d.result.as_ref().ok());
            tags::view::render(frame, screen.whole, popup, detail, &state.keymap, theme);
        }
        Popup::Versions(picker) => {
            versions::view::render(frame, screen.whole, picker, &state.keymap, theme);
        }
        Popup::Delete(form) => {
            lifecycle::view::render(frame, screen.whole, form, &state.keymap, theme);
        }
        Popup::Prompt(prompt) => {
            prompt::view::render(frame, screen.whole, prompt, &state.keymap, theme);
        }
        Popup::Confirm(confirm) => {
            confirm::view::render(frame, screen.whole, confirm, &state.keymap, theme);
        }
        Popup::Compare(comparison) => {
            let keymap = &state.keymap;
            versions::view::render_comparison(frame, screen.whole, comparison, keymap, theme);
        }
    }
}
