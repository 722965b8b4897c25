//! Where clipboard work runs. The system clipboard can block (on X11, reading it waits for
//! whichever program owns the selection), so it gets a thread of its own and answers as
//! actions, like an AWS task. OSC 52 stays on the UI thread: it writes to the terminal, and
//! a write from another thread could land inside a frame's escape sequence.

use std::sync::mpsc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use crate::clipboard::Clipboard;
use smtui_core::app::{Action, CopyRequest};

/// How long quitting waits for the clipboard thread to finish its jobs and the clear on
/// exit. A clipboard owner that never answers must not hang the terminal.
const STOP_WAIT: Duration = Duration::from_secs(3);

enum Job {
    Copy(CopyRequest),
    Clear { token: u64 },
}

pub(crate) enum ClipboardPort {
    /// Runs on the calling (UI) thread.
    Here {
        clipboard: Clipboard,
        results: UnboundedSender<Action>,
    },
    /// Runs on its own thread.
    Thread(ClipboardThread),
}

impl ClipboardPort {
    pub(crate) fn new(clipboard: Clipboard, results: UnboundedSender<Action>) -> Self {
        if clipboard.writes_to_terminal() {
            Self::Here { clipboard, results }
        } else {
            Self::Thread(ClipboardThread::spawn(clipboard, results))
        }
    }

    pub(crate) fn copy(&mut self, request: CopyRequest) {
        match self {
            Self::Here { clipboard, results } => {
                let _ = results.send(copy(clipboard, request));
            }
            Self::Thread(thread) => thread.send(Job::Copy(request)),
        }
    }

    pub(crate) fn clear(&mut self, token: u64) {
        match self {
            Self::Here { clipboard, results } => {
                let _ = results.send(clear(clipboard, token));
            }
            Self::Thread(thread) => thread.send(Job::Clear { token }),
        }
    }

    /// Clears a copied secret that is still there (after every job sent before) and stops
    /// the thread. `Err` says why the clipboard may still hold it.
    pub(crate) fn shutdown(&mut self) -> Result<bool, String> {
        match self {
            Self::Here { clipboard, .. } => clipboard.clear_on_exit(),
            Self::Thread(thread) => thread.stop(),
        }
    }
}

fn clear(clipboard: &mut Clipboard, token: u64) -> Action {
    Action::ClipboardCleared {
        token,
        result: clipboard.clear_if_ours(token),
    }
}

fn copy(clipboard: &mut Clipboard, job: CopyRequest) -> Action {
    let result = if job.secret {
        clipboard.copy_secret(job.token, &job.text)
    } else {
        clipboard.copy_plain(&job.text)
    };
    Action::Copied {
        token: job.token,
        label: job.label,
        clear_after: job.clear_after,
        result,
    }
}

pub(crate) struct ClipboardThread {
    jobs: Option<mpsc::Sender<Job>>,
    /// The thread's last word: the result of its clear on exit.
    done: Option<mpsc::Receiver<Result<bool, String>>>,
    /// For answering jobs when there is no thread to do them.
    results: UnboundedSender<Action>,
}

impl ClipboardThread {
    fn spawn(mut clipboard: Clipboard, results: UnboundedSender<Action>) -> Self {
        let (jobs, queue) = mpsc::channel::<Job>();
        let (finished, done) = mpsc::channel();
        let answers = results.clone();
        let thread = std::thread::Builder::new()
            .name("smtui-clipboard".into())
            .spawn(move || {
                for job in queue {
                    let action = match job {
                        Job::Copy(request) => copy(&mut clipboard, request),
                        Job::Clear { token } => clear(&mut clipboard, token),
                    };
                    let _ = answers.send(action);
                }
                let _ = finished.send(clipboard.clear_on_exit());
            });
        match thread {
            Ok(_detached) => Self {
                jobs: Some(jobs),
                done: Some(done),
                results,
            },
            // No thread (the process is out of them): every copy says so (see `send`).
            Err(why) => {
                tracing::warn!(%why, "could not start the clipboard thread");
                Self {
                    jobs: None,
                    done: None,
                    results,
                }
            }
        }
    }

    fn send(&self, job: Job) {
        let job = match &self.jobs {
            Some(jobs) => match jobs.send(job) {
                Ok(()) => return,
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        let unavailable = || Err("the clipboard thread is not running".to_owned());
        let _ = self.results.send(match job {
            Job::Copy(job) => Action::Copied {
                token: job.token,
                label: job.label,
                clear_after: job.clear_after,
                result: unavailable().map(|()| ""),
            },
            Job::Clear { token } => Action::ClipboardCleared {
                token,
                result: unavailable().map(|()| false),
            },
        });
    }

    fn stop(&mut self) -> Result<bool, String> {
        // Closing the queue ends the thread's loop once the jobs before it are done.
        self.jobs = None;
        let Some(done) = self.done.take() else {
            return Ok(false);
        };
        match done.recv_timeout(STOP_WAIT) {
            Ok(result) => result,
            Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
                "the clipboard did not answer within {} s",
                STOP_WAIT.as_secs()
            )),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Err("the clipboard thread stopped unexpectedly".to_owned())
            }
        }
    }
}

impl Drop for ClipboardThread {
    /// Every way out (an error, a panic unwinding) waits for the clear on exit.
    fn drop(&mut self) {
        if let Err(why) = self.stop() {
            tracing::warn!(%why, "could not clear the clipboard on exit");
        }
    }
}

#[cfg(test)]
mod tests {
    use tokio::sync::mpsc::unbounded_channel;

    use super::*;
    use crate::clipboard::MemoryBackend;
    use smtui_core::secret::SecretValue;

    #[test]
    fn the_system_clipboard_runs_on_its_own_thread_and_clears_when_stopped() {
        let memory = MemoryBackend::default();
        let (tx, mut rx) = unbounded_channel();
        let mut port = ClipboardPort::new(Clipboard::new(Box::new(memory.clone())), tx.clone());
        assert!(matches!(port, ClipboardPort::Thread(_)));
        port.copy(CopyRequest {
            token: 7,
            label: "value of db".into(),
            text: SecretValue::from_string("s3cret".into()),
            secret: true,
            clear_after: None,
        });
        assert_eq!(
            port.shutdown(),
            Ok(true),
            "the copy ran first, then the clear"
        );
        assert!(memory.contents().is_none());
        assert!(matches!(
            rx.try_recv(),
            Ok(Action::Copied {
                token: 7,
                result: Ok("memory"),
                ..
            })
        ));
    }
}
