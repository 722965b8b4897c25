//! The drawing toolkit every room draws with: the theme, the widgets, the text measuring
//! (wrap, fit, elide), the column planner of every table, and the scrolling and the list
//! cursor that remember what the last frame measured (`drawn`, `moves`, `scroll`,
//! `cursor`). It sits below the rooms and the frame composer (`render`), so nothing here
//! imports `app::State`, a room (`features`) or `render`: a room can use the kit without
//! reaching, through it, the code that composes rooms.

pub mod columns;
pub mod cursor;
pub mod drawn;
pub mod moves;
pub mod scroll;
pub mod theme;
pub mod widgets;
pub mod wrap;

pub use cursor::Cursor;
pub use drawn::Drawn;
pub use moves::Move;
pub use scroll::Scroll;
pub use theme::Theme;
