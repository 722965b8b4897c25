//! The run loop: one owner of the terminal and the state. Waits on terminal events, task
//! results and signals; updates; runs effects; redraws only when something changed. Also
//! the terminal itself: entered and restored by [`Screen`].
//!
//! The loop is generic over its event stream and backend, so a test can type into the
//! very loop the binary runs (ratatui's `TestBackend`, a channel of key events) and watch
//! it draw. It keeps its own clock: when the first frame, the first row and the whole
//! first load were drawn (`--exit-after-load` prints them), and how long each key waited
//! for the frame that showed it.

use std::io::{Stdout, stdout};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    EventStream, KeyCode,
};
use futures::{Stream, StreamExt as _};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use crate::terminal_out::ScrubbedOut;
use smtui_aws::runner::Runner;
use smtui_core::app::input::key_to_action;
use smtui_core::app::{Action, Outcome, State, init, update};
use smtui_core::kit::Theme;
use smtui_core::render;

/// The terminal in raw mode on the alternate screen, restored when dropped: at the end of
/// the run, on an error, and when a panic unwinds the UI thread. Not `ratatui::init`: its
/// panic hook restores the terminal from whichever thread panicked (see `crash`).
/// Frames go out through [`ScrubbedOut`], whose buffer is zeroed after each write.
pub struct Screen {
    pub(crate) terminal: Terminal<CrosstermBackend<ScrubbedOut<Stdout>>>,
    mouse: bool,
}

impl Screen {
    /// `mouse`: capture clicks and the wheel (else the terminal keeps its own selection).
    pub fn enter(mouse: bool) -> std::io::Result<Self> {
        enable_raw_mode()?;
        // Bracketed paste: a paste arrives as text, never as keys (a pasted `q` must not
        // quit, nor a line break answer a prompt).
        let terminal = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)
            .and_then(|()| {
                if mouse {
                    execute!(stdout(), EnableMouseCapture)
                } else {
                    Ok(())
                }
            })
            .and_then(|()| Terminal::new(CrosstermBackend::new(ScrubbedOut::stdout())));
        match terminal {
            Ok(terminal) => {
                mark("terminal entered");
                Ok(Self { terminal, mouse })
            }
            Err(e) => {
                if mouse {
                    let _ = execute!(stdout(), DisableMouseCapture);
                }
                let _ = execute!(stdout(), DisableBracketedPaste);
                ratatui::restore();
                Err(e)
            }
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        // Anything of the last frame still held goes out before the screen is left.
        let _ = std::io::Write::flush(self.terminal.backend_mut());
        if self.mouse {
            let _ = execute!(stdout(), DisableMouseCapture);
        }
        let _ = execute!(stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

/// When the process started, as near as the program can tell: the first call, which
/// `main` makes before anything else. Every timing the loop reports counts from here.
pub fn process_started() -> Instant {
    static STARTED: OnceLock<Instant> = OnceLock::new();
    *STARTED.get_or_init(Instant::now)
}

/// Notes that `what` has just happened, for the loop's report (start-up, before the loop).
pub fn mark(what: &'static str) {
    STARTUP
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .mark(what);
}

static STARTUP: Mutex<Marks> = Mutex::new(Marks(Vec::new()));

/// Named moments since [`process_started`], in the order they happened.
#[derive(Debug, Clone, Default)]
pub(crate) struct Marks(Vec<(&'static str, Duration)>);

impl Marks {
    /// Notes that `what` has just happened.
    pub(crate) fn mark(&mut self, what: &'static str) {
        self.0.push((what, process_started().elapsed()));
    }

    /// The first time `what` was noted.
    pub(crate) fn get(&self, what: &str) -> Option<Duration> {
        self.0.iter().find(|(w, _)| *w == what).map(|(_, d)| *d)
    }

    fn once(&mut self, what: &'static str) {
        if self.get(what).is_none() {
            self.mark(what);
        }
    }
}

/// The loop's own marks.
pub(crate) const LOOP_STARTED: &str = "loop started";
pub const FIRST_FRAME: &str = "first frame drawn";
pub const FIRST_PAGE: &str = "first page arrived";
pub const FIRST_ROW: &str = "first row drawn";
pub(crate) const IDENTITY: &str = "identity known";
pub(crate) const ALL_LOADED: &str = "every region drawn loaded";

/// How the loop runs, beyond the state it is given.
#[derive(Debug, Default)]
pub struct Options {
    /// Quit once every region has finished listing and the frame saying so is drawn
    /// (`--exit-after-load`, for measuring a whole first load from outside).
    pub exit_after_load: bool,
    /// Told after every frame (tests watch the loop draw through it).
    pub frames: Option<UnboundedSender<Drawn>>,
}

impl Options {
    /// The binary's: `--exit-after-load` or not.
    pub fn exit_after_load(exit_after_load: bool) -> Self {
        Self {
            exit_after_load,
            ..Self::default()
        }
    }
}

/// One frame the loop drew.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// From the key event the loop read to this frame finished, when a key asked for it.
    pub after_key: Option<Duration>,
    /// Rows in the list (after the filter).
    pub rows: usize,
    /// The selected secret's name.
    pub selected: Option<String>,
    /// Whether a region was still listing.
    pub loading: bool,
}

/// What the loop says when it ends.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// For the user to read once the terminal is restored (the clipboard not cleared).
    pub(crate) warning: Option<String>,
    pub(crate) marks: Marks,
    /// Keys that led to a frame, and the longest any of them waited for it.
    pub keys: u64,
    pub slowest_key: Duration,
    /// Secrets listed when the loop ended.
    pub rows: usize,
    /// Frames drawn with rows on screen while a region was still listing: the list grows
    /// as pages arrive rather than appearing at the end.
    pub(crate) loading_frames: u64,
    /// The longest a frame took to draw, and the longest a page of secrets took to go
    /// through `update` (both on the UI thread).
    pub(crate) slowest_frame: Duration,
    pub(crate) slowest_page: Duration,
}

impl Report {
    /// One line of timings, in milliseconds since the process started.
    pub fn timings(&self) -> String {
        use std::fmt::Write as _;
        let mut line = String::from("smtui timings (ms since start):");
        for (what, at) in &self.marks.0 {
            let _ = write!(line, " {what}={:.1};", at.as_secs_f64() * 1e3);
        }
        let _ = write!(
            line,
            " rows={}; frames while loading={}; keys={}; slowest key to frame={:.2}; \
             slowest frame={:.2}; slowest page update={:.2}",
            self.rows,
            self.loading_frames,
            self.keys,
            self.slowest_key.as_secs_f64() * 1e3,
            self.slowest_frame.as_secs_f64() * 1e3,
            self.slowest_page.as_secs_f64() * 1e3
        );
        line
    }
}

/// How long the loop may go on taking results that are already there before it draws.
const BATCH: Duration = Duration::from_millis(4);

impl Report {
    /// Notes a task's result as it arrives.
    fn result_arrived(&mut self, action: &Action) {
        if let Action::Result(envelope) = action {
            match envelope.outcome {
                Outcome::SecretsPage { .. } => self.marks.once(FIRST_PAGE),
                Outcome::WhoAmI { .. } => self.marks.once(IDENTITY),
                _ => {}
            }
        }
    }

    /// [`step`], timed when it is a page of secrets.
    fn step(&mut self, state: &mut State, action: Action) -> Vec<smtui_core::app::Effect> {
        let page = matches!(&action, Action::Result(e) if matches!(e.outcome, Outcome::SecretsPage { .. }));
        let started = Instant::now();
        let effects = step(state, action);
        if page {
            self.slowest_page = self.slowest_page.max(started.elapsed());
        }
        effects
    }

    /// Notes a frame just drawn (and the key it showed, read at `key_read`).
    fn frame_drawn(&mut self, state: &State, key_read: Option<Instant>) -> Drawn {
        let after_key = key_read.map(|at| at.elapsed());
        if let Some(waited) = after_key {
            self.keys += 1;
            self.slowest_key = self.slowest_key.max(waited);
        }
        // An organisation still being discovered is loading too: accounts are yet to come.
        let loading = state.browse.any_loading() || state.discovering();
        let listed = state.browse.list.total() > 0;
        self.marks.once(FIRST_FRAME);
        if listed {
            self.marks.once(FIRST_ROW);
        }
        if !loading {
            self.marks.once(ALL_LOADED);
        } else if listed {
            self.loading_frames += 1;
        }
        Drawn {
            after_key,
            rows: state.browse.list.len(),
            selected: state.selected().map(|s| s.name.clone()),
            loading,
        }
    }
}

/// Runs the TUI on the real terminal until quit, restores the terminal, then says on the
/// normal screen what the user should read (and the timings, with `--exit-after-load`).
pub async fn run(
    mut screen: Screen,
    state: State,
    runner: Runner,
    results: UnboundedReceiver<Action>,
    signals: Signals,
    theme: &Theme,
    options: Options,
) -> std::io::Result<()> {
    let events = EventStream::new();
    let timings = options.exit_after_load;
    let result = run_loop(
        &mut screen.terminal,
        events,
        state,
        runner,
        results,
        signals,
        theme,
        options,
    )
    .await;
    drop(screen);
    let report = result?;
    if let Some(warning) = &report.warning {
        eprintln!("smtui: {warning}");
    }
    if timings {
        eprintln!("{}", report.timings());
    }
    Ok(())
}

/// The loop itself, on any backend and any stream of terminal events.
#[allow(clippy::too_many_arguments)]
pub async fn run_loop<B, E>(
    terminal: &mut Terminal<B>,
    mut events: E,
    mut state: State,
    mut runner: Runner,
    mut results: UnboundedReceiver<Action>,
    mut signals: Signals,
    theme: &Theme,
    options: Options,
) -> std::io::Result<Report>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: Stream<Item = std::io::Result<Event>> + Unpin,
{
    let terminal_error = std::io::Error::other;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let startup = std::mem::take(&mut *STARTUP.lock().unwrap_or_else(PoisonError::into_inner));
    let mut report = Report {
        marks: startup,
        ..Report::default()
    };
    report.marks.mark(LOOP_STARTED);

    for effect in init(&mut state) {
        runner.run(effect);
    }
    let panic_key = debug_key("SMTUI_DEBUG_PANIC_KEY");
    let task_panic_key = debug_key("SMTUI_DEBUG_TASK_PANIC_KEY");
    let mut dirty = true;
    // When the key now waiting for its frame was read.
    let mut key_read: Option<Instant> = None;
    loop {
        if dirty {
            draw(terminal, &state, theme, &mut report)?;
            dirty = false;
            let drawn = report.frame_drawn(&state, key_read.take());
            let loaded = !drawn.loading;
            if let Some(frames) = &options.frames {
                let _ = frames.send(drawn);
            }
            if options.exit_after_load && loaded {
                break;
            }
        }
        let action = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) => {
                    let asked_to_panic = panic_key.is_some_and(|c| key.code == KeyCode::Char(c));
                    assert!(!asked_to_panic, "panic asked for by SMTUI_DEBUG_PANIC_KEY");
                    if task_panic_key.is_some_and(|c| key.code == KeyCode::Char(c)) {
                        tokio::spawn(async {
                            panic!("panic in a task asked for by SMTUI_DEBUG_TASK_PANIC_KEY");
                        });
                    }
                    let action = key_to_action(&state, key);
                    if action.is_some() {
                        key_read.get_or_insert_with(Instant::now);
                    }
                    action
                }
                Some(Ok(Event::Resize(..))) => Some(Action::Resize),
                Some(Ok(Event::Paste(text))) => {
                    Some(Action::Paste(smtui_core::secret::SecretValue::from_string(text)))
                }
                Some(Ok(Event::Mouse(mouse))) => {
                    let size = terminal.size().map_err(terminal_error)?;
                    render::mouse::pointer_action(size.into(), &state, &mouse)
                }
                Some(Ok(_)) => None,
                Some(Err(e)) => return Err(e),
                // The terminal is gone: no one can answer the unsaved-edit guard, and the
                // stream would end again at once, forever.
                None => Some(Action::Terminate),
            },
            Some(action) = results.recv() => {
                report.result_arrived(&action);
                Some(action)
            }
            _ = tick.tick(), if state.has_countdown() => Some(Action::Tick),
            () = signals.recv() => Some(Action::Terminate),
        };
        let Some(action) = action else { continue };
        dirty = true;
        let mut keep_going = true;
        let was_showing_values = state.shows_values();
        for effect in report.step(&mut state, action) {
            keep_going &= runner.run(effect);
        }
        // Results that arrived meanwhile (pages of many regions at once) go into the same
        // frame, for a few milliseconds at most, so a key never waits long to be read.
        let batch = Instant::now();
        while keep_going && !state.quit && batch.elapsed() < BATCH {
            let Ok(action) = results.try_recv() else {
                break;
            };
            report.result_arrived(&action);
            for effect in report.step(&mut state, action) {
                keep_going &= runner.run(effect);
            }
        }
        if was_showing_values && !state.shows_values() {
            forget_drawn_cells(terminal).map_err(terminal_error)?;
        }
        if !keep_going || state.quit {
            break;
        }
    }
    report.rows = state.browse.list.total();
    report.warning = runner.shutdown();
    Ok(report)
}

/// After a re-mask: both of ratatui's cell buffers are reset and the screen is cleared, so
/// no copy of the value's cells is kept for the next frame's diff, and the next frame is
/// drawn whole. Not `Terminal::clear`: it asks the terminal where the cursor is, and the
/// answer goes to the key reader, so the question times out and would end smtui.
fn forget_drawn_cells<B>(terminal: &mut Terminal<B>) -> Result<(), B::Error>
where
    B: Backend,
{
    terminal.backend_mut().clear_region(ClearType::All)?;
    // Resets the buffer that holds the last frame and makes it current; the other one was
    // reset when that frame was drawn.
    terminal.current_buffer_mut().reset();
    terminal.swap_buffers();
    terminal.backend_mut().flush()
}

/// One frame, timed.
fn draw<B>(
    terminal: &mut Terminal<B>,
    state: &State,
    theme: &Theme,
    report: &mut Report,
) -> std::io::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let drawing = Instant::now();
    terminal
        .draw(|frame| render::render(frame, state, theme))
        .map_err(std::io::Error::other)?;
    report.slowest_frame = report.slowest_frame.max(drawing.elapsed());
    Ok(())
}

/// One action through `update`, with the clocks and the random source read here (update
/// itself reads none): the monotonic clock for timeouts, the wall clock for dates ("due in
/// 4 days"), fresh random bytes for what the action may mint (a save's request token).
fn step(state: &mut State, action: Action) -> Vec<smtui_core::app::Effect> {
    state.wall = jiff::Timestamp::now();
    state.nonce = uuid::Uuid::new_v4().into_bytes();
    update(state, action, Instant::now())
}

/// Debug builds only: `SMTUI_DEBUG_PANIC_KEY=<char>` makes that key panic on the UI thread,
/// `SMTUI_DEBUG_TASK_PANIC_KEY=<char>` in a spawned task, so the end-to-end tests can prove
/// that a crash anywhere quits, restores the terminal and clears the clipboard. Release
/// builds have no such path.
fn debug_key(variable: &str) -> Option<char> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let key = std::env::var(variable).ok()?;
    let mut chars = key.chars();
    chars.next().filter(|_| chars.next().is_none())
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT all end the loop so the terminal is restored and a
/// copied secret cleared on the way out. Made before the terminal goes raw (inside the
/// tokio runtime): from then on these signals no longer kill the process where it stands.
/// They end it even with unsaved text in the editor (`Action::Terminate`): a `kill`, a
/// logout or a container stop is followed by a SIGKILL, which would skip both.
pub struct Signals {
    #[cfg(unix)]
    streams: Vec<tokio::signal::unix::Signal>,
}

impl Signals {
    /// No signal ends the loop (tests, which own no terminal).
    pub fn none() -> Self {
        Self {
            #[cfg(unix)]
            streams: Vec::new(),
        }
    }

    pub fn new() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let kinds = [
                SignalKind::terminate(),
                SignalKind::hangup(),
                SignalKind::interrupt(),
                SignalKind::quit(),
            ];
            Ok(Self {
                streams: kinds.into_iter().map(signal).collect::<Result<_, _>>()?,
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    async fn recv(&mut self) {
        #[cfg(unix)]
        {
            if self.streams.is_empty() {
                return std::future::pending().await;
            }
            let waits = self.streams.iter_mut().map(|s| Box::pin(s.recv()));
            futures::future::select_all(waits).await;
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
