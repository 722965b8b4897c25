//! The look: which theme is drawn, and the theme picker (`T`, `:theme`) that previews each
//! theme as the highlight moves over it. Enter keeps the highlighted one, Esc goes back to
//! the one before. The themes themselves (built in, the user's own) are read at start,
//! outside the core (`crate::themes`); this room only chooses among them.

pub(crate) mod commands;
mod update;
pub(crate) mod view;
pub use commands::Command;

use ratatui::Frame;

use crate::kit::Cursor;
use crate::kit::Theme;
use crate::room::Never;
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};

use crate::room::Ctx;
/// The appearance room's words: its command opens the theme picker, its one popup; it asks
/// no call and no prompt.
use crate::room::keys::Bind;
use crate::room::update::Here;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Never;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = Never;
}

/// The app runs the appearance room through its one registration line.
impl crate::room::update::Update for Room {
    type State = Appearance;
    type Outcome = Never;
    type Open = Picker;
    const LAYERS: &'static [Layer] = &[Layer::Themes];

    fn run(appearance: &mut Appearance, command: Command, _: &Here, _: &Ctx, out: &mut Out) {
        appearance.run(command, out);
    }

    fn layer_command(
        appearance: &mut Appearance,
        picker: Option<&mut Picker>,
        _: Layer,
        command: Bind<Command>,
        _: &Ctx,
        out: &mut Out,
    ) {
        if let Some(picker) = picker {
            appearance.command(picker, command, out);
        }
    }
}

/// An answer in the appearance room's words.
pub(crate) type Out = crate::room::Out<Room>;

#[derive(Debug, Clone, Default)]
pub struct Appearance {
    /// Every theme that can be chosen; empty when the caller draws with a theme of its
    /// own (the tests' `render(frame, state, theme)`).
    pub(crate) themes: Vec<Theme>,
    /// Index into `themes` of the theme drawn.
    pub(crate) active: usize,
    /// The config file a theme is kept in, as shown (smtui never writes it).
    pub(crate) config_file: Option<String>,
}

/// The open picker, on the layer stack: closing it drops it, and with it the preview
/// (the theme drawn is the active one again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// The highlighted theme, drawn while highlighted.
    pub(crate) highlighted: Cursor,
    /// The theme before the picker opened, for Esc.
    pub(crate) before: usize,
}

/// It takes its keys with its room, lent beside it by the router.
impl Shown<Room> for Picker {
    fn layer(&self) -> Layer {
        Layer::Themes
    }

    /// Nothing fetched as an identity: it stays whoever smtui works as.
    fn holds(&self) -> Holds {
        Holds::Nothing
    }

    /// Drawn with the room the frame lends: the themes it lists are that room's.
    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        if let Some(appearance) = around.lent::<Appearance>() {
            view::render(frame, around.whole, appearance, self, around.keymap, theme);
        }
    }
}

impl Appearance {
    pub(crate) fn new(themes: Vec<Theme>, active: usize) -> Self {
        let active = active.min(themes.len().saturating_sub(1));
        Self {
            themes,
            active,
            config_file: None,
        }
    }

    /// The theme to draw with: the highlighted one while the picker is open.
    pub(crate) fn current(&self, picker: Option<&Picker>) -> Option<&Theme> {
        let index = picker.map_or(self.active, |p| p.highlighted.at());
        self.themes.get(index)
    }
}
