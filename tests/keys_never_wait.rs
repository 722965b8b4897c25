//! A keystroke never waits on the network: with the local stack holding every answer for
//! two seconds, keys still move the selection and are drawn at once, and the work a key
//! costs fits in one frame (60 Hz). Measured by the real run loop itself (`tui::run_loop`:
//! from the key event it read to the frame it drew next), typed into through a channel and
//! drawn on ratatui's TestBackend, with the real runner and SDK behind it. No sleeps: the
//! test waits on the frames the loop reports.
//!
//! What is proven does not depend on how busy the machine is: while the keys are typed the
//! runner's answers are held back from the loop (so a key's frame drawn then cannot have
//! waited for one), each key's frame comes sooner than any call to the stack could be
//! answered, and the frame budget is checked against the CPU time the process spent on
//! each key, which other programs on the machine do not add to (they only delay it).
//!
//! A binary of its own (see the root Cargo.toml): it measures the process's CPU time and
//! seeds its stack with parallel writes, which the three hundred tests of `tests/it`
//! running beside it in one process would disturb (a seeding write got moto's 500 there).
//! It includes `it/common/sdk.rs` alone, all of it used here.

#[path = "it/common/sdk.rs"]
mod sdk;

use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use nix::sys::resource::{UsageWho, getrusage};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use smtui::tui::{self, Drawn, Options, Signals};
use smtui_aws::AwsContext;
use smtui_aws::clipboard::{Clipboard, MemoryBackend};
use smtui_aws::runner::Runner;
use smtui_core::app::{Action, Settings, State};
use smtui_core::kit::Theme;
use smtui_devstack::bench::raw::Raw;
use smtui_devstack::{Stack, StackOptions};
use tokio::sync::{mpsc, watch};

const REGION: &str = "us-east-1";
/// Three pages: the region is still listing for four seconds after its first page.
const SECRETS: usize = 250;
/// How long the stack holds every answer. A key that waited for any call to the stack
/// would wait at least this long, so every key's frame must come sooner: a bound set by
/// the network, not by the machine (keys take tens of milliseconds on a busy machine).
const DELAY: Duration = Duration::from_secs(2);
/// One frame at 60 Hz.
const FRAME: Duration = Duration::from_micros(16_667);
/// The CPU time any single key may cost in an unoptimised build (a debug build draws
/// about ten times slower). In a release build every key must cost less than [`FRAME`].
/// CPU time, not time on the clock: a machine busy with other builds delays the loop
/// (that is what the [`DELAY`] bound allows for) but does not make its work cost more.
const SLOWEST: Duration = if cfg!(debug_assertions) {
    Duration::from_millis(100)
} else {
    FRAME
};
const WAIT: Duration = Duration::from_secs(30);

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The CPU time this process has used so far, every thread's (the loop, the runner, the
/// stack's proxy), in user and kernel mode.
fn cpu_time() -> Duration {
    let usage = getrusage(UsageWho::RUSAGE_SELF).expect("getrusage");
    let micros = |t: nix::sys::time::TimeVal| {
        Duration::from_secs(u64::try_from(t.tv_sec()).expect("positive"))
            + Duration::from_micros(u64::try_from(t.tv_usec()).expect("positive"))
    };
    micros(usage.user_time()) + micros(usage.system_time())
}

/// The next frame the loop draws that `wanted` accepts.
async fn frame_where(
    frames: &mut mpsc::UnboundedReceiver<Drawn>,
    what: &str,
    wanted: impl Fn(&Drawn) -> bool,
) -> Drawn {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let drawn = tokio::time::timeout_at(deadline, frames.recv())
            .await
            .unwrap_or_else(|_| panic!("no frame with {what} within {WAIT:?}"))
            .expect("the loop is running");
        if wanted(&drawn) {
            return drawn;
        }
    }
}

/// Passes the runner's answers on to the loop, except while `held` says true: then they
/// wait here, in order, until it says false again.
async fn pass_answers_unless_held(
    mut from_runner: mpsc::UnboundedReceiver<Action>,
    to_loop: mpsc::UnboundedSender<Action>,
    mut held: watch::Receiver<bool>,
) {
    while let Some(answer) = from_runner.recv().await {
        if held.wait_for(|held| !held).await.is_err() || to_loop.send(answer).is_err() {
            return;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_move_the_selection_within_a_frame_while_every_answer_takes_two_seconds() {
    let stack = Stack::start(StackOptions {
        seed: false,
        ..StackOptions::default()
    })
    .await
    .expect("local stack starts");
    let endpoint = stack.endpoint_url();
    Raw::new(&endpoint)
        .seed_region(REGION, SECRETS, 8)
        .await
        .expect("seeded");
    stack.proxy().set_delay_all(Some(DELAY));

    let ctx = AwsContext::from_config(sdk::sdk_config(&endpoint).await);
    let (tx, from_runner) = mpsc::unbounded_channel();
    let (to_loop, results) = mpsc::unbounded_channel();
    let (hold_answers, holding) = watch::channel(false);
    tokio::spawn(pass_answers_unless_held(from_runner, to_loop, holding));
    let runner =
        Runner::new(ctx, tx, Clipboard::new(Box::new(MemoryBackend::default()))).read_only(true);
    let settings = Settings {
        home_region: Some(REGION.into()),
        ..Settings::default()
    };
    let state = State::new(settings, &[REGION.to_owned()], Instant::now());
    let (keys, events) = futures::channel::mpsc::unbounded::<io::Result<Event>>();
    let (frames_tx, mut frames) = mpsc::unbounded_channel();
    let options = Options {
        frames: Some(frames_tx),
        ..Options::default()
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let theme = Theme::default();
    let started = Instant::now();

    let typing = async {
        // Before any answer: a key is drawn at once all the same.
        keys.unbounded_send(Ok(key(KeyCode::Down)))
            .expect("loop reads keys");
        let drawn = frame_where(&mut frames, "the first key", |d| d.after_key.is_some()).await;
        assert!(drawn.loading && drawn.rows == 0, "{drawn:?}");
        assert!(started.elapsed() < DELAY, "drawn before any answer came");

        let first = frame_where(&mut frames, "the first page", |d| d.rows > 0).await;
        assert!(first.loading, "two more pages are on their way: {first:?}");
        // From here until the keys are drawn no answer reaches the loop: a key whose frame
        // waited for one would never be drawn (and `frame_where` would time out).
        hold_answers.send_replace(true);
        let mut selected = first.selected.clone();
        let (mut latencies, mut costs) = (Vec::new(), Vec::new());
        for code in [KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Up] {
            let cpu_before = cpu_time();
            keys.unbounded_send(Ok(key(code))).expect("loop reads keys");
            let drawn = frame_where(&mut frames, "a key's frame", |d| d.after_key.is_some()).await;
            costs.push(cpu_time().saturating_sub(cpu_before));
            assert!(drawn.loading, "the region is still waiting on the network");
            assert_ne!(drawn.selected, selected, "{code:?} moved the selection");
            selected = drawn.selected.clone();
            latencies.push(drawn.after_key.expect("a key's frame"));
        }
        hold_answers.send_replace(false);
        eprintln!("key to frame: {latencies:?}; CPU time per key: {costs:?}");
        for waited in &latencies {
            assert!(*waited < DELAY, "a key waited {waited:?} for its frame");
        }
        for cost in &costs {
            assert!(*cost < SLOWEST, "a key cost {cost:?} of CPU time");
        }
        costs.sort();
        let median = costs[costs.len() / 2];
        assert!(median < FRAME, "keys cost {costs:?} of CPU time");
        // Ending the key stream quits the loop, as a closed terminal does.
        drop(keys);
        selected
    };
    let running = tui::run_loop(
        &mut terminal,
        events,
        state,
        runner,
        results,
        Signals::none(),
        &theme,
        options,
    );
    let (report, selected) = tokio::join!(running, typing);
    let report = report.expect("the loop ends cleanly");
    assert_eq!(report.keys, 5, "every key led to a frame");
    assert!(report.slowest_key < DELAY, "{report:?}");
    // What `--exit-after-load` prints is what scripts/bench-list reads.
    let printed = smtui_devstack::bench::report::Timings::parse(&report.timings())
        .expect("the benchmark reads the loop's timings");
    assert_eq!(printed.rows, report.rows);
    for mark in [tui::FIRST_FRAME, tui::FIRST_PAGE, tui::FIRST_ROW] {
        assert!(printed.marks.iter().any(|(m, _)| m == mark), "{mark}");
    }
    let selected = selected.expect("a secret selected");
    let screen = format!("{:?}", terminal.backend().buffer());
    assert!(screen.contains(&selected), "{selected} on screen");
}
