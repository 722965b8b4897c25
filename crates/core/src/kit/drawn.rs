//! What the last frame measured, recorded by the view that drew it.
//!
//! How far a text can scroll, how many rows a page of a list holds, whether the panes are
//! tabs: these depend on the screen's size and on how the view wraps and lays out its
//! lines, which `update` does not know and should not compute again. They are not state
//! that `update` decides but facts derived while drawing, so the drawing code writes them
//! down as it draws (the only interior mutability a view does), into the value it draws
//! from, and the next movement reads them there.
//!
//! The alternative, an action after each frame carrying the measurements back through the
//! router (as `layout_feedback` once did, one action per popup), measured every scrollable
//! view a second time outside its drawing, kept a list of them in the frame composer and a
//! setter in every room, and could drift from what was drawn. Recorded here, the limit is
//! the one the frame used, and a new scrollable view needs nothing outside its own folder.

use std::cell::Cell;
use std::fmt;

/// A fact about the last frame: `T::default()` until a frame records it.
#[derive(Clone, Default)]
pub(crate) struct Drawn<T: Copy>(Cell<T>);

impl<T: Copy> Drawn<T> {
    /// The view drew with `value` (called from drawing code, with a shared borrow).
    pub(crate) fn record(&self, value: T) {
        self.0.set(value);
    }

    /// What the last frame recorded.
    pub(crate) fn get(&self) -> T {
        self.0.get()
    }
}

impl<T: Copy + fmt::Debug> fmt::Debug for Drawn<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Drawn").field(&self.0.get()).finish()
    }
}

/// A measurement says nothing about the state it was taken of: two values equal but for
/// what their last frames measured are the same state.
impl<T: Copy> PartialEq for Drawn<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T: Copy> Eq for Drawn<T> {}
