//! What the tables of the screen share when they fit their columns to a width: which
//! optional columns go (least useful first, while the rest do not fit), and how a budget
//! of columns is shared out fairly between the columns that want it.
//!
//! The browse list, the audit table and the rotation overview still each choose their
//! widths in their own planner (`features/browse/view.rs`, `features/audit/columns.rs`,
//! `features/rotation/overview_view.rs`): their rules for who takes the slack differ, and
//! one planner for the three (issue 20 deliverable 5) is the next step from here.

/// Takes the columns of `drop_order` out of `shown`, one by one in that order, while what
/// the shown columns need (`needed`, gaps included) is more than `width`. A column that is
/// not shown is skipped; columns not in `drop_order` always stay.
pub fn drop_until_fits<C: Copy + PartialEq>(
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
pub fn fair_share(budget: usize, needs: &[usize]) -> Vec<usize> {
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

    fn plan(width: usize) -> Vec<char> {
        let mut shown = vec!['a', 'b', 'c', 'd'];
        drop_until_fits(&mut shown, &['d', 'b', 'c'], width, needed);
        shown
    }

    #[test]
    fn optional_columns_go_in_their_order_only_while_the_rest_do_not_fit() {
        assert_eq!(plan(31), ['a', 'b', 'c', 'd'], "all fit");
        assert_eq!(plan(30), ['a', 'b', 'c'], "d goes first");
        assert_eq!(plan(26), ['a', 'b', 'c']);
        assert_eq!(plan(25), ['a', 'c'], "then b");
        assert_eq!(plan(17), ['a', 'c']);
        assert_eq!(plan(16), ['a'], "then c");
        assert_eq!(plan(0), ['a'], "a column not listed stays however narrow");
        for width in 0..40 {
            let shown = plan(width);
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
}
