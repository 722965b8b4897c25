//! The one column planner of the screen's tables (the secret list, the audit table and the
//! rotation overview): a table describes its columns as data ([`Spec`]), and [`plan`] says
//! which of them show in a given width and how wide each one is.
//!
//! The rules, in the order they apply:
//! 1. A column with a breakpoint ([`Spec::shown_from`]) shows only in a table at least
//!    that wide.
//! 2. The optional columns ([`Spec::optional`]) go, lowest rank first, while the shown
//!    columns cannot each have their ideal width (gaps included).
//! 3. A column with a short form ([`Spec::short_form`]) is drawn at its ideal width while
//!    every shown column can have its ideal, else at its least; nothing in between (a
//!    timestamp loses its year, a health its long words).
//! 4. The width less the gaps is given out in three rounds: up to each column's least, up
//!    to its ideal, up to all its text asks; each round shares what is left fairly, so a
//!    narrow table narrows every column alike.
//! 5. What no column asks for first spaces the columns apart (at most [`Spacing::apart`]
//!    more each), then goes to the columns that grow: the shown ones of the highest
//!    [`Spec::grows`] rank, in equal shares.
//!
//! Whatever the width, the columns and gaps together never take more than it (unless the
//! gaps alone do).

/// How one column asks for width. Built with [`Spec::new`] or [`Spec::fixed`] and the
/// builder methods; `C` names the column in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spec<C> {
    id: C,
    /// The least it is drawn in.
    least: usize,
    /// What reads well: optional columns stay only while every shown column has this.
    ideal: usize,
    /// What all its text asks; a column gets more only when it grows.
    most: usize,
    /// Drawn at `ideal` or at `least`, never in between.
    short_form: bool,
    /// Optional: goes for lack of room, lowest rank first (ties in column order).
    drop_rank: Option<u8>,
    /// Shown only in a table at least this wide.
    from: usize,
    /// Takes what no column asks for when no shown column has a higher rank (0: never).
    grow_rank: u8,
}

impl<C> Spec<C> {
    /// A column drawn in at least `least`, reading well at `ideal` and wanting at most
    /// `most` (`most` is never below `least`, and `ideal` lies between the two).
    pub(crate) fn new(id: C, least: usize, ideal: usize, most: usize) -> Self {
        let most = most.max(least);
        Self {
            id,
            least: least.min(most),
            ideal: ideal.clamp(least, most),
            most,
            short_form: false,
            drop_rank: None,
            from: 0,
            grow_rank: 0,
        }
    }

    /// A column always `width` wide, room permitting.
    pub(crate) fn fixed(id: C, width: usize) -> Self {
        Self::new(id, width, width, width)
    }

    /// Goes for lack of room, before the columns of a higher `rank`.
    pub(crate) fn optional(self, rank: u8) -> Self {
        Self {
            drop_rank: Some(rank),
            ..self
        }
    }

    /// Shown only in a table at least `width` wide.
    pub(crate) fn shown_from(self, width: usize) -> Self {
        Self {
            from: width,
            ..self
        }
    }

    /// Takes what no column asks for, unless a shown column has a higher `rank`.
    pub(crate) fn grows(self, rank: u8) -> Self {
        Self {
            grow_rank: rank,
            ..self
        }
    }

    /// Drawn at its ideal while every shown column can have its own, else at its least.
    pub(crate) fn short_form(self) -> Self {
        Self {
            short_form: true,
            ..self
        }
    }
}

/// The room between a table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spacing {
    /// Between every two columns (ratatui's table draws them this far apart).
    pub(crate) gap: usize,
    /// At most this much more beside each column that does not grow, when there is room
    /// to spare.
    pub(crate) apart: usize,
}

impl Spacing {
    /// One column apart, as ratatui's tables draw by default, and no more.
    pub(crate) const TIGHT: Spacing = Spacing { gap: 1, apart: 0 };

    fn gaps(self, columns: usize) -> usize {
        self.gap * columns.saturating_sub(1)
    }
}

/// The columns of `columns` shown in `width`, in their order, each with its width (the
/// module's rules).
pub(crate) fn plan<C: Copy + PartialEq>(
    width: usize,
    columns: &[Spec<C>],
    spacing: Spacing,
) -> Vec<(C, usize)> {
    let mut shown: Vec<Spec<C>> = (columns.iter())
        .filter(|c| width >= c.from)
        .copied()
        .collect();
    let ideals = |shown: &[Spec<C>]| {
        shown.iter().map(|c| c.ideal).sum::<usize>() + spacing.gaps(shown.len())
    };
    let mut drop_order: Vec<Spec<C>> = (columns.iter())
        .filter(|c| c.drop_rank.is_some())
        .copied()
        .collect();
    drop_order.sort_by_key(|c| c.drop_rank);
    drop_until_fits(&mut shown, &drop_order, width, ideals);

    let roomy = ideals(&shown) <= width;
    for column in shown.iter_mut().filter(|c| c.short_form) {
        let width = if roomy { column.ideal } else { column.least };
        (column.least, column.ideal, column.most) = (width, width, width);
    }
    let mut widths = vec![0; shown.len()];
    let mut left = width.saturating_sub(spacing.gaps(shown.len()));
    let rounds: [fn(&Spec<C>) -> usize; 3] = [|c| c.least, |c| c.ideal, |c| c.most];
    for round in rounds {
        let needs: Vec<usize> = (shown.iter().zip(&widths))
            .map(|(c, &w)| round(c).saturating_sub(w))
            .collect();
        for (w, got) in widths.iter_mut().zip(fair_share(left, &needs)) {
            *w += got;
            left -= got;
        }
    }

    let top = shown.iter().map(|c| c.grow_rank).max().unwrap_or(0);
    let grows = |c: &Spec<C>| top > 0 && c.grow_rank == top;
    let apart = (left / shown.len().max(1)).min(spacing.apart);
    for (w, _) in widths.iter_mut().zip(&shown).filter(|(_, c)| !grows(c)) {
        *w += apart;
        left -= apart;
    }
    let soaks: Vec<usize> = (shown.iter())
        .map(|c| if grows(c) { left } else { 0 })
        .collect();
    for (w, got) in widths.iter_mut().zip(fair_share(left, &soaks)) {
        *w += got;
    }
    shown.iter().map(|c| c.id).zip(widths).collect()
}

/// Takes the columns of `drop_order` out of `shown`, one by one in that order, while what
/// the shown columns need (`needed`, gaps included) is more than `width`. A column that is
/// not shown is skipped; columns not in `drop_order` always stay.
fn drop_until_fits<C: Copy + PartialEq>(
    shown: &mut Vec<C>,
    drop_order: &[C],
    width: usize,
    needed: impl Fn(&[C]) -> usize,
) {
    for column in drop_order {
        if needed(shown) > width {
            shown.retain(|c| c != column);
        }
    }
}

/// `budget` shared out so that no column gets more than it needs and those needing more
/// than an equal share get equal shares (the rounding going to the neediest).
fn fair_share(budget: usize, needs: &[usize]) -> Vec<usize> {
    if needs.iter().sum::<usize>() <= budget {
        return needs.to_vec();
    }
    let mut order: Vec<usize> = (0..needs.len()).collect();
    order.sort_by_key(|&i| needs[i]);
    let mut given = vec![0; needs.len()];
    let mut left = budget;
    for (k, &i) in order.iter().enumerate() {
        let share = left / (needs.len() - k);
        given[i] = needs[i].min(share);
        left -= given[i];
    }
    given
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDTHS: [(char, usize); 4] = [('a', 10), ('b', 8), ('c', 6), ('d', 4)];

    fn needed(shown: &[char]) -> usize {
        let text: usize = shown
            .iter()
            .map(|c| WIDTHS.iter().find(|(k, _)| k == c).map_or(0, |(_, w)| *w))
            .sum();
        text + shown.len().saturating_sub(1)
    }

    fn kept_at(width: usize) -> Vec<char> {
        let mut shown = vec!['a', 'b', 'c', 'd'];
        drop_until_fits(&mut shown, &['d', 'b', 'c'], width, needed);
        shown
    }

    #[test]
    fn optional_columns_go_in_their_order_only_while_the_rest_do_not_fit() {
        assert_eq!(kept_at(31), ['a', 'b', 'c', 'd'], "all fit");
        assert_eq!(kept_at(30), ['a', 'b', 'c'], "d goes first");
        assert_eq!(kept_at(26), ['a', 'b', 'c']);
        assert_eq!(kept_at(25), ['a', 'c'], "then b");
        assert_eq!(kept_at(17), ['a', 'c']);
        assert_eq!(kept_at(16), ['a'], "then c");
        assert_eq!(
            kept_at(0),
            ['a'],
            "a column not listed stays however narrow"
        );
        for width in 0..40 {
            let shown = kept_at(width);
            assert!(shown.contains(&'a'));
            assert!(
                shown == ['a'] || needed(&shown) <= width,
                "{width}: {shown:?}"
            );
        }
    }

    #[test]
    fn a_column_already_gone_is_skipped() {
        let mut shown = vec!['a', 'c'];
        drop_until_fits(&mut shown, &['b', 'c'], 10, needed);
        assert_eq!(shown, ['a']);
    }

    #[test]
    fn enough_budget_gives_every_need_and_a_short_one_is_shared_fairly() {
        assert_eq!(fair_share(30, &[5, 10, 15]), [5, 10, 15]);
        assert_eq!(fair_share(12, &[2, 10, 10]), [2, 5, 5]);
        assert_eq!(fair_share(3, &[10, 10, 10]), [1, 1, 1]);
        assert_eq!(fair_share(0, &[4, 4]), [0, 0]);
        assert_eq!(fair_share(10, &[2, 30, 30]), [2, 4, 4]);
        assert_eq!(fair_share(53, &[30, 30, 30, 30]), [13, 13, 13, 14]);
        assert!(fair_share(7, &[]).is_empty());
        for budget in 0..40 {
            let needs = [3, 17, 8, 0, 12];
            let given = fair_share(budget, &needs);
            assert_eq!(given.iter().sum::<usize>(), budget.min(40), "{budget}");
            assert!(given.iter().zip(&needs).all(|(g, n)| g <= n), "{given:?}");
        }
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Col {
        Name,
        Size,
        Owner,
        Time,
        Note,
    }

    /// NAME grows; OWNER goes first, then SIZE; TIME has a short form; NOTE shows only in
    /// a table 100 wide. Ideal widths: 20 + 6 + 12 + 8 (+ 10) and the gaps.
    fn table() -> [Spec<Col>; 5] {
        [
            Spec::new(Col::Name, 8, 20, 40).grows(1),
            Spec::fixed(Col::Size, 6).optional(1),
            Spec::new(Col::Owner, 5, 12, 30).optional(0),
            Spec::new(Col::Time, 5, 8, 8).short_form(),
            Spec::fixed(Col::Note, 10).shown_from(100),
        ]
    }

    fn at(width: usize) -> Vec<(Col, usize)> {
        plan(width, &table(), Spacing::TIGHT)
    }

    fn ids(plan: &[(Col, usize)]) -> Vec<Col> {
        plan.iter().map(|&(c, _)| c).collect()
    }

    fn total(plan: &[(Col, usize)]) -> usize {
        plan.iter().map(|&(_, w)| w).sum::<usize>() + plan.len().saturating_sub(1)
    }

    #[test]
    fn optional_columns_go_in_their_rank_as_the_width_shrinks() {
        use Col::{Name, Note, Owner, Size, Time};
        assert_eq!(ids(&at(200)), [Name, Size, Owner, Time, Note]);
        assert_eq!(ids(&at(99)), [Name, Size, Owner, Time], "NOTE's breakpoint");
        assert_eq!(ids(&at(49)), [Name, Size, Owner, Time], "every ideal fits");
        assert_eq!(ids(&at(48)), [Name, Size, Time], "OWNER goes first");
        assert_eq!(ids(&at(36)), [Name, Size, Time]);
        assert_eq!(ids(&at(35)), [Name, Time], "then SIZE");
        assert_eq!(ids(&at(0)), [Name, Time], "a column not optional stays");
        let mut before = ids(&at(0));
        for width in 1..=240 {
            let now = ids(&at(width));
            assert!(before.iter().all(|c| now.contains(c)), "{width}: {now:?}");
            before = now;
        }
    }

    #[test]
    fn nothing_exceeds_the_width_and_the_growing_column_takes_the_rest() {
        for width in 1..=240 {
            let plan = at(width);
            // Never more than the width; as NAME grows, never less either.
            assert_eq!(total(&plan), width, "{width}: {plan:?}");
        }
        let wide = at(200);
        assert_eq!(wide[0], (Col::Name, 200 - 6 - 30 - 8 - 10 - 4), "{wide:?}");
        assert_eq!(wide[2], (Col::Owner, 30), "all OWNER's text: {wide:?}");
        let middle = at(60);
        assert_eq!(
            middle,
            [
                (Col::Name, 26),
                (Col::Size, 6),
                (Col::Owner, 17),
                (Col::Time, 8)
            ],
            "the 11 past the ideals shared between NAME and OWNER"
        );
    }

    #[test]
    fn a_short_form_is_all_or_nothing_and_a_narrow_table_narrows_every_column() {
        assert_eq!(at(29), [(Col::Name, 20), (Col::Time, 8)]);
        assert_eq!(at(28), [(Col::Name, 22), (Col::Time, 5)], "the short form");
        assert_eq!(
            at(14),
            [(Col::Name, 8), (Col::Time, 5)],
            "each at its least"
        );
        assert_eq!(at(10), [(Col::Name, 5), (Col::Time, 4)], "fair shares");
        assert_eq!(at(1), [(Col::Name, 0), (Col::Time, 0)]);
    }

    #[test]
    fn the_highest_growing_rank_takes_the_rest_alone_and_equal_ranks_share_it() {
        let [name, size, ..] = table();
        let note = Spec::fixed(Col::Note, 10).grows(2);
        assert_eq!(
            plan(60, &[name, size, note], Spacing::TIGHT),
            [(Col::Name, 40), (Col::Size, 6), (Col::Note, 12)],
            "NAME has all its text, NOTE the rest"
        );
        let both = [name, size.grows(1)];
        assert_eq!(
            plan(60, &both, Spacing::TIGHT),
            [(Col::Name, 46), (Col::Size, 13)],
            "the 13 left over shared evenly, the rounding to the last"
        );
        let neither = [Spec::fixed(Col::Size, 6), Spec::new(Col::Owner, 5, 12, 30)];
        assert_eq!(
            plan(60, &neither, Spacing::TIGHT),
            [(Col::Size, 6), (Col::Owner, 30)],
            "no column grows: the table ends where the text does"
        );
    }

    #[test]
    fn room_to_spare_spaces_the_other_columns_apart_before_the_growing_one_takes_it() {
        let columns = [
            Spec::fixed(Col::Size, 6),
            Spec::new(Col::Name, 0, 20, 20).grows(1),
            Spec::fixed(Col::Time, 8),
        ];
        let spaced = Spacing { gap: 1, apart: 2 };
        assert_eq!(
            plan(60, &columns, spaced),
            [(Col::Size, 8), (Col::Name, 40), (Col::Time, 10)]
        );
        assert_eq!(
            plan(40, &columns, spaced),
            [(Col::Size, 7), (Col::Name, 22), (Col::Time, 9)],
            "4 to spare: one more beside SIZE and TIME (4 / 3 columns), the rest to NAME"
        );
        assert_eq!(
            plan(36, &columns, spaced),
            plan(36, &columns, Spacing::TIGHT)
        );
    }
}
