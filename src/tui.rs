//! The run loop: one owner of the terminal and the state. Waits on terminal events, task
//! results and signals; updates; runs effects; redraws only when something changed. Also
//! the terminal itself: entered and restored by [`Screen`].

use std::io::stdout;
use std::time::{Duration, Instant};

use crossterm::event::{Event, EventStream, KeyCode};
use futures::StreamExt as _;
use ratatui::DefaultTerminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::app::input::key_to_action;
use crate::app::{Action, State, init, update};
use crate::runner::Runner;
use crate::ui::{self, Theme};

/// The terminal in raw mode on the alternate screen, restored when dropped: at the end of
/// the run, on an error, and when a panic unwinds the UI thread. Not `ratatui::init`: its
/// panic hook restores the terminal from whichever thread panicked (see `crash`).
pub struct Screen {
    pub terminal: DefaultTerminal,
}

impl Screen {
    pub fn enter() -> std::io::Result<Self> {
        enable_raw_mode()?;
        let terminal = execute!(stdout(), EnterAlternateScreen)
            .and_then(|()| DefaultTerminal::new(CrosstermBackend::new(stdout())));
        match terminal {
            Ok(terminal) => Ok(Self { terminal }),
            Err(e) => {
                ratatui::restore();
                Err(e)
            }
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Runs until quit. Returns a warning for the user to read once the terminal is restored.
pub async fn run(
    terminal: &mut DefaultTerminal,
    mut state: State,
    mut runner: Runner,
    mut results: UnboundedReceiver<Action>,
    mut signals: Signals,
    theme: &Theme,
) -> std::io::Result<Option<String>> {
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);

    for effect in init(&mut state) {
        runner.run(effect);
    }
    let panic_key = debug_key("SMTUI_DEBUG_PANIC_KEY");
    let task_panic_key = debug_key("SMTUI_DEBUG_TASK_PANIC_KEY");
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| ui::render(frame, &state, theme))?;
            dirty = false;
            // Layout feedback: how far what is on screen can scroll.
            let size = terminal.size()?;
            for action in ui::layout_feedback(size.into(), &state, theme) {
                for effect in step(&mut state, action) {
                    runner.run(effect);
                }
                dirty = true;
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
                    key_to_action(&state, key)
                }
                Some(Ok(Event::Resize(..))) => Some(Action::Resize),
                Some(Ok(_)) => None,
                Some(Err(e)) => return Err(e),
                None => Some(Action::Quit),
            },
            Some(action) = results.recv() => Some(action),
            _ = tick.tick(), if state.has_countdown() => Some(Action::Tick),
            () = signals.recv() => Some(Action::Quit),
        };
        let Some(action) = action else { continue };
        dirty = true;
        let mut keep_going = true;
        for effect in step(&mut state, action) {
            keep_going &= runner.run(effect);
        }
        if !keep_going || state.quit {
            break;
        }
    }
    Ok(runner.shutdown())
}

/// One action through `update`, with the clocks read here (update itself reads none): the
/// monotonic one for timeouts, the wall clock for dates ("due in 4 days").
fn step(state: &mut State, action: Action) -> Vec<crate::app::Effect> {
    state.wall = jiff::Timestamp::now();
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

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT all end the loop so the terminal is restored on the
/// way out. Made before the terminal goes raw (inside the tokio runtime): from then on
/// these signals no longer kill the process where it stands.
pub struct Signals {
    #[cfg(unix)]
    streams: Vec<tokio::signal::unix::Signal>,
}

impl Signals {
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
            let waits = self.streams.iter_mut().map(|s| Box::pin(s.recv()));
            futures::future::select_all(waits).await;
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
