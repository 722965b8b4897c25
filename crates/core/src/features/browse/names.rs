//! Names in a column too narrow for them lose their middle (`kit::wrap::elide_middle`).
//! Never so that two rows read the same: names that would come out alike keep, instead, enough of their start (or of
//! their end) to tell them apart.

use unicode_segmentation::UnicodeSegmentation as _;
use unicode_width::UnicodeWidthStr as _;

use crate::kit::wrap::{elide_around, elide_middle, start};

/// Where the ellipsis goes: the columns kept before it, or after it.
#[derive(Debug, Clone, Copy)]
enum Keep {
    Middle,
    Head(usize),
    Tail(usize),
}

/// Each `(name, room)` in at most `room` columns, elided in the middle; two different names
/// do not come out the same.
pub(super) fn elide_apart(names: &[(&str, usize)]) -> Vec<String> {
    let mut out: Vec<String> = names
        .iter()
        .map(|(name, room)| elide(name, *room, Keep::Middle))
        .collect();
    // A few passes: a name told apart from one twin could, in principle, meet another.
    for _ in 0..3 {
        let mut changed = false;
        for i in 0..names.len() {
            let group: Vec<usize> = (0..names.len())
                .filter(|&j| j == i || (out[j] == out[i] && names[j].0 != names[i].0))
                .collect();
            if group.len() < 2 {
                continue;
            }
            let pairs = || {
                group
                    .iter()
                    .flat_map(|&a| group.iter().map(move |&b| (a, b)))
                    .filter(|(a, b)| names[*a].0 != names[*b].0)
            };
            // Enough of the start (or of the end) that every pair differs in it.
            let head = pairs()
                .map(|(a, b)| apart(names[a].0.graphemes(true), names[b].0.graphemes(true)))
                .max()
                .unwrap_or(0);
            let tail = pairs()
                .map(|(a, b)| {
                    apart(
                        names[a].0.graphemes(true).rev(),
                        names[b].0.graphemes(true).rev(),
                    )
                })
                .max()
                .unwrap_or(0);
            for &k in &group {
                let (name, room) = names[k];
                let keep = room.saturating_sub(1);
                out[k] = if head <= keep {
                    elide(name, room, Keep::Head(head))
                } else if tail <= keep {
                    elide(name, room, Keep::Tail(tail))
                } else {
                    // Neither end tells them apart in this room: the middle where they
                    // differ, between two ellipses.
                    let from = group
                        .iter()
                        .filter(|&&o| names[o].0 != name)
                        .map(|&o| same_start(name, names[o].0))
                        .min()
                        .unwrap_or(0);
                    window(name, room, from)
                };
            }
            changed = true;
        }
        if !changed {
            break;
        }
    }
    out
}

/// The columns two names share from the start (graphemes in the order given), and the
/// first grapheme where they differ: kept, that many columns tell them apart.
fn apart<'a>(mut a: impl Iterator<Item = &'a str>, mut b: impl Iterator<Item = &'a str>) -> usize {
    let mut columns = 0;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => columns += x.width(),
            (x, y) => {
                let differing = x.map_or(0, str::width).max(y.map_or(0, str::width));
                return columns + differing;
            }
        }
    }
}

/// Graphemes the two names share from the start.
fn same_start(a: &str, b: &str) -> usize {
    a.graphemes(true)
        .zip(b.graphemes(true))
        .take_while(|(x, y)| x == y)
        .count()
}

/// `name` in at most `room` columns: whole when it fits, else with `…` where `keep` says.
fn elide(name: &str, room: usize, keep: Keep) -> String {
    let columns = room.saturating_sub(1);
    let head = match keep {
        Keep::Middle => return elide_middle(name, room),
        Keep::Head(head) => head,
        Keep::Tail(tail) => columns.saturating_sub(tail),
    };
    elide_around(name, room, head)
}

/// `…` then `name` from grapheme `from` on, in `room` columns with a closing `…`.
fn window(name: &str, room: usize, from: usize) -> String {
    if room < 3 {
        return elide(name, room, Keep::Middle);
    }
    let rest: String = name.graphemes(true).skip(from).collect();
    format!("…{}…", start(&rest, room - 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_share_a_start_and_an_end_never_read_the_same() {
        let names = [
            "staging/auth/oauth-client-secret",
            "staging/auth/oidc-client-secret",
            "staging/auth/other-client-secret",
            "prod/orders/postgres",
        ];
        for room in 1..40 {
            let rows: Vec<(&str, usize)> = names.iter().map(|n| (*n, room)).collect();
            let shown = elide_apart(&rows);
            for (i, text) in shown.iter().enumerate() {
                assert!(text.width() <= room, "{room}: {text}");
                if room >= 3 {
                    let twins = shown.iter().filter(|t| *t == text).count();
                    assert_eq!(twins, 1, "{room}: {shown:?}");
                }
                if names[i].width() <= room {
                    assert_eq!(text, names[i], "a name that fits is whole");
                }
            }
        }
        // Where the middle tells them apart, the middle stays; elsewhere as before.
        let shown = elide_apart(&[(names[0], 29), (names[1], 29), (names[3], 12)]);
        assert_eq!(
            shown,
            [
                "staging/auth/oa…client-secret",
                "staging/auth/oi…client-secret",
                "prod/o…tgres"
            ]
        );
    }

    #[test]
    fn wide_characters_are_never_split() {
        let names = [
            ("本番/注文/データベース-一", 11),
            ("本番/注文/データベース-二", 11),
        ];
        let shown = elide_apart(&names);
        assert_ne!(shown[0], shown[1]);
        assert!(shown.iter().all(|s| s.width() <= 11), "{shown:?}");
    }
}
