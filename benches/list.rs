//! The list must stay instant at 100,000 secrets: a filter keystroke, a sort, a page
//! arriving and a frame, each under 2 ms (issue 12). Every state here is loaded as the TUI
//! loads it, pages of 100 through `update`, and every step measured goes through `update`
//! too. Run with `cargo bench --bench list`; results are written down in BENCHMARKS.md.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use smtui_core::app::{Action, Command, State, TextEdit, update};
use smtui_core::features::browse::Column;
use smtui_core::features::browse::Command as BrowseCommand;
use smtui_core::ids::IdentityId;
use smtui_core::kit::Theme;
use smtui_core::render::render;
use smtui_core::room::keys::Verb;

const SIZES: [usize; 3] = [10_000, 50_000, 100_000];
/// The region the page benchmark's pages arrive in (cleared again, untimed, after each).
const SPARE: &str = "sa-east-1";

fn act(state: &mut State, action: Action) {
    black_box(update(state, action, Instant::now()));
}

/// Opens the filter prompt and types `text` into it.
fn type_filter(state: &mut State, text: &str) {
    act(state, Action::Command(Command::Verb(Verb::Filter)));
    for c in text.chars() {
        act(state, Action::Text(TextEdit::Insert(c)));
    }
}

/// Types `c` into the filter, or erases it if it is there: the filter alternates between two
/// texts whatever the iteration counts (a toggle kept in the closure would be reset on each
/// of criterion's calls, and the filter would grow by a character every odd sample).
fn keystroke(state: &mut State, c: char) {
    let edit = if state.browse.list.filter().ends_with(c) {
        TextEdit::Backspace
    } else {
        TextEdit::Insert(c)
    };
    act(state, Action::Text(edit));
}

/// `iters` pages of 100 arriving in the spare region of a state of `n` secrets, each page
/// timed through `update`, its rows cleared again untimed.
fn append_pages(state: &mut State, n: usize, iters: u64) -> Duration {
    let mut spent = Duration::ZERO;
    for i in 0..iters {
        let from = 10 * n + 100 * usize::try_from(i % 1000).expect("small");
        let page = common::page(from, 100, SPARE);
        let action = common::page_action(state, SPARE, page, false);
        let start = Instant::now();
        act(state, action);
        spent += start.elapsed();
        assert_eq!(state.browse.list.total(), n + 100);
        state.browse.list.clear_region(IdentityId::START, SPARE);
    }
    spent
}

fn list(c: &mut Criterion) {
    let mut group = c.benchmark_group("list");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for n in SIZES {
        let mut state = common::loaded_state(n, &[SPARE]);
        // A page of 100 arriving into a list of N: the page goes through `update` (timed);
        // then its rows are taken out again (untimed), so every page meets N rows.
        let first = common::page(10 * n, 100, SPARE);
        let action = common::page_action(&state, SPARE, first, false);
        act(&mut state, action);
        state.browse.list.clear_region(IdentityId::START, SPARE);
        group.bench_with_input(BenchmarkId::new("append_page_of_100", n), &n, |b, _| {
            b.iter_custom(|iters| append_pages(&mut state, n, iters));
        });
        // The same while a broad filter (`pro`, a third of the rows) is typed: the page's
        // matching rows are merged into the visible ones.
        type_filter(&mut state, "pro");
        group.bench_with_input(BenchmarkId::new("append_page_filtered", n), &n, |b, _| {
            b.iter_custom(|iters| append_pages(&mut state, n, iters));
        });
        act(&mut state, Action::Command(Command::Verb(Verb::Back)));
        // Switching the sort column (`s`); each iteration moves on to the next column, so
        // the figure is an average over every column.
        group.bench_with_input(BenchmarkId::new("sort_next", n), &n, |b, _| {
            b.iter(|| act(&mut state, Action::Command(Command::Verb(Verb::SortNext))));
        });
        group.bench_with_input(BenchmarkId::new("sort_reverse", n), &n, |b, _| {
            b.iter(|| {
                act(
                    &mut state,
                    Action::Command(Command::Browse(BrowseCommand::SortReverse)),
                );
            });
        });
        while state.browse.list.sort().column != Column::Name {
            act(&mut state, Action::Command(Command::Verb(Verb::SortNext)));
        }
        if state.browse.list.sort().descending {
            act(
                &mut state,
                Action::Command(Command::Browse(BrowseCommand::SortReverse)),
            );
        }
        // A keystroke in the filter prompt: `t` typed after `payments/pos`, then erased
        // again, alternately; every row is matched again against name, description, tags.
        type_filter(&mut state, "payments/pos");
        let narrow = state.browse.list.len();
        group.bench_with_input(BenchmarkId::new("filter_keystroke", n), &n, |b, _| {
            b.iter(|| keystroke(&mut state, 't'));
        });
        assert!(
            narrow > 0 && narrow < n / 10,
            "a narrow filter: {narrow} of {n}"
        );
        assert!(state.browse.list.filter().len() <= "payments/post".len());
        // The first keystrokes of a filter (`pro` ↔ `prod`), which match a third of all rows.
        act(&mut state, Action::Command(Command::Verb(Verb::Back)));
        type_filter(&mut state, "pro");
        group.bench_with_input(BenchmarkId::new("filter_keystroke_broad", n), &n, |b, _| {
            b.iter(|| keystroke(&mut state, 'd'));
        });
        act(&mut state, Action::Command(Command::Verb(Verb::Back)));
        assert_eq!(state.browse.list.len(), n, "the filter is cleared");
        // One whole frame at 160x48 (title, region bar, list, detail, value pane, footer,
        // the neutralising pass over every cell) drawn to a TestBackend.
        let theme = Theme::default();
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
        group.bench_with_input(BenchmarkId::new("draw_frame_160x48", n), &n, |b, _| {
            b.iter(|| {
                terminal
                    .draw(|f| render(f, &state, &theme))
                    .map(|_| ())
                    .expect("draw");
            });
        });
    }
    group.finish();
}

criterion_group!(benches, list);
criterion_main!(benches);
