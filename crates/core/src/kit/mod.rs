//! The drawing toolkit every room draws with: the theme, the widgets, the text measuring
//! (wrap, fit, elide) and the column planner of every table. It sits below the rooms and
//! the frame composer (`render`), so nothing here imports `app::State`, a room
//! (`features`) or `render`: a room can use the kit without reaching, through it, the
//! code that composes rooms.

pub mod columns;
pub mod theme;
pub mod widgets;
pub mod wrap;

pub use theme::Theme;
