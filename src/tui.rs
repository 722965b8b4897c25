//! The run loop: one owner of the terminal and the state. Waits on terminal events, task
//! results and signals; updates; runs effects; redraws only when something changed.

use std::time::{Duration, Instant};

use crossterm::event::{Event, EventStream};
use futures::StreamExt as _;
use ratatui::{DefaultTerminal, Terminal, backend::Backend};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::app::input::key_to_action;
use crate::app::{Action, State, init, update};
use crate::runner::Runner;
use crate::ui::{self, Theme};

pub async fn run(
    terminal: &mut DefaultTerminal,
    mut state: State,
    mut runner: Runner,
    mut results: UnboundedReceiver<Action>,
    theme: &Theme,
) -> std::io::Result<()> {
    let mut events = EventStream::new();
    let mut signals = Signals::new()?;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);

    for effect in init(&mut state) {
        runner.run(effect);
    }
    let mut dirty = true;
    loop {
        if dirty {
            draw(terminal, &state, theme)?;
            dirty = false;
        }
        let action = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) => key_to_action(&state, key),
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
        for effect in update(&mut state, action, Instant::now()) {
            keep_going &= runner.run(effect);
        }
        if !keep_going || state.quit {
            break;
        }
    }
    runner.shutdown();
    Ok(())
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, state: &State, theme: &Theme) -> std::io::Result<()>
where
    std::io::Error: From<B::Error>,
{
    terminal.draw(|frame| ui::render(frame, state, theme))?;
    Ok(())
}

/// SIGTERM, SIGHUP and SIGINT all end the loop so the terminal is restored on the way out.
struct Signals {
    #[cfg(unix)]
    streams: Vec<tokio::signal::unix::Signal>,
}

impl Signals {
    fn new() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let kinds = [
                SignalKind::terminate(),
                SignalKind::hangup(),
                SignalKind::interrupt(),
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
