//! A scrolled text: how far the user scrolled it, and how far it can go on the screen it
//! was last drawn on (the value pane, the help, an audit record, the editor's review).

use super::drawn::Drawn;
use super::moves::{DEFAULT_PAGE, Move};

/// The first line shown of a text taller than its box.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scroll {
    /// Where the movements put it. It may lie past the limit after the screen grew or the
    /// text shrank: `top` pulls it back, and the next movement starts from there.
    offset: u16,
    /// How far it can scroll, and the rows of a page, as the last frame drew it (`None`
    /// before one has): see `kit::drawn` for why the view records them.
    drawn: Drawn<Option<Extent>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Extent {
    /// The last first line there is: the text's last line at the box's bottom.
    limit: u16,
    /// The box's height.
    page: u16,
}

impl Scroll {
    /// The first line to show: never past the last frame's limit, so never an empty box.
    pub fn top(&self) -> u16 {
        match self.drawn.get() {
            Some(extent) => self.offset.min(extent.limit),
            None => self.offset,
        }
    }

    /// How far it could scroll on the last frame (`None` before the first).
    pub fn limit(&self) -> Option<u16> {
        self.drawn.get().map(|extent| extent.limit)
    }

    /// A line, a page (the box's height), or an end. Before a frame has measured the text,
    /// the move is not clamped at the bottom: the frame shows the last page then.
    pub(crate) fn apply(&mut self, step: Move) {
        let (last, page) = match self.drawn.get() {
            Some(extent) => (usize::from(extent.limit), usize::from(extent.page)),
            None => (usize::from(u16::MAX), DEFAULT_PAGE),
        };
        let to = step.apply(usize::from(self.offset), last, page);
        self.offset = u16::try_from(to).unwrap_or(u16::MAX);
    }

    /// Drawing `lines` rows in a box `height` rows high: records how far they can scroll
    /// and what a page is, and answers the first line to draw.
    pub(crate) fn draw(&self, lines: usize, height: u16) -> u16 {
        let hidden = lines.saturating_sub(usize::from(height));
        self.drawn.record(Some(Extent {
            limit: u16::try_from(hidden).unwrap_or(u16::MAX),
            page: height,
        }));
        self.top()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(lines: usize, height: u16) -> Scroll {
        let scroll = Scroll::default();
        scroll.draw(lines, height);
        scroll
    }

    #[test]
    fn it_stops_where_the_last_line_reaches_the_bottom() {
        let mut scroll = drawn(30, 10);
        assert_eq!(scroll.limit(), Some(20));
        scroll.apply(Move::Last);
        assert_eq!(scroll.top(), 20);
        scroll.apply(Move::Forward(1));
        assert_eq!(scroll.top(), 20);
        scroll.apply(Move::Back(1));
        assert_eq!(scroll.top(), 19, "one step back moves at once");
        scroll.apply(Move::First);
        scroll.apply(Move::Back(1));
        assert_eq!(scroll.top(), 0);
    }

    #[test]
    fn a_page_is_the_height_it_was_drawn_with() {
        let mut scroll = drawn(100, 7);
        scroll.apply(Move::PageForward);
        assert_eq!(scroll.top(), 7);
        scroll.draw(100, 12);
        scroll.apply(Move::PageForward);
        assert_eq!(scroll.top(), 19);
        scroll.apply(Move::PageBack);
        assert_eq!(scroll.top(), 7);
    }

    #[test]
    fn a_shrunk_limit_pulls_the_offset_back() {
        let mut scroll = drawn(50, 10);
        scroll.apply(Move::Last);
        assert_eq!(scroll.top(), 40);
        // A taller screen: fewer lines hidden.
        assert_eq!(scroll.draw(50, 45), 5);
        assert_eq!(scroll.top(), 5);
        scroll.apply(Move::Back(1));
        assert_eq!(scroll.top(), 4, "the next move starts from what was shown");
    }

    #[test]
    fn a_text_that_fits_does_not_scroll() {
        let mut scroll = drawn(3, 10);
        scroll.apply(Move::PageForward);
        assert_eq!((scroll.top(), scroll.limit()), (0, Some(0)));
        let mut empty = drawn(0, 0);
        empty.apply(Move::Last);
        assert_eq!(empty.top(), 0);
    }

    #[test]
    fn before_a_frame_it_moves_freely_by_the_default_page() {
        let mut scroll = Scroll::default();
        assert_eq!(scroll.limit(), None);
        scroll.apply(Move::PageForward);
        assert_eq!(scroll.top(), 10);
        assert_eq!(scroll.draw(15, 10), 5, "the frame clamps what it shows");
    }

    #[test]
    fn what_a_frame_measured_is_not_part_of_the_state() {
        assert_eq!(drawn(30, 10), Scroll::default());
    }
}
