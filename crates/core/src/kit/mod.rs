//! The drawing toolkit every room draws with: the theme, the widgets, the text measuring
//! (wrap, fit, elide), the column planner of every table, and the scrolling and the list
//! cursor that remember what the last frame measured (`drawn`, `moves`, `scroll`,
//! `cursor`). It sits below the rooms and the frame composer (`render`), so nothing here
//! imports `app::State`, a room (`features`) or `render`: a room can use the kit without
//! reaching, through it, the code that composes rooms.

pub(crate) mod columns;
pub(crate) mod cursor;
pub(crate) mod drawn;
pub(crate) mod moves;
pub(crate) mod scroll;
pub mod theme;
pub(crate) mod widgets;
pub(crate) mod wrap;

pub(crate) use cursor::Cursor;
pub(crate) use drawn::Drawn;
pub(crate) use moves::Move;
pub(crate) use scroll::Scroll;
pub use theme::Theme;
