//! Shared builders for the update-flow and rendering tests: realistic states reached through
//! `update`, the same way the app reaches them.

pub mod audit;
mod harness;
pub mod live;
mod profiles;
pub mod roles;
mod sdk;
pub mod tmux;

use smtui_core::features::editor::EditSession;
use smtui_core::features::editor::call::EditFetch;
use smtui_core::features::{editor, reveal};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use smtui_core::app::{Action, AwsCall, Command, CopyRequest, Effect, Outcome, State};
use smtui_core::features::reveal::Command as RevealCommand;
use smtui_core::kit::Theme;
use smtui_core::model::FetchedValue;
use smtui_core::render::render;
use smtui_core::secret::{SecretValue, ValueView};

pub use harness::{Harness, NOW, REGIONS, arn, detail_for, summary, ts};

/// The harness's other steps (its core, with the fixtures, is in `harness.rs`).
impl Harness {
    /// The AWS calls among the last effects.
    pub fn calls(&self) -> Vec<AwsCall> {
        aws_calls(&self.effects)
    }

    /// Presses copy, expects exactly one copy effect, and answers it as a memory clipboard
    /// would. Returns what was asked for.
    pub fn copy_value_and_confirm(&mut self) -> CopyRequest {
        let effects = self.cmd(Command::Value(RevealCommand::CopyValue)).to_vec();
        let [Effect::Copy(request)] = &effects[..] else {
            panic!("one copy: {effects:?}")
        };
        self.act(Action::Copied {
            token: request.token,
            label: request.label.clone(),
            clear_after: request.clear_after,
            result: Ok("memory"),
        });
        request.clone()
    }

    pub fn advance(&mut self, by: Duration) {
        self.now += by;
    }

    /// The loaded harness with the editor open on the selected secret, its value answered
    /// as `value` at version "v-base".
    pub fn editing(value: &str) -> Self {
        let mut h = Self::loaded();
        h.state.status = None;
        h.press(KeyCode::Char('e'), KeyModifiers::NONE);
        assert_eq!(
            h.state.layers.top(),
            smtui_core::room::layers::Layer::Editor
        );
        let secret = match &h.calls()[..] {
            [AwsCall::Editor(editor::Call::FetchForEdit { secret, .. })] => secret.clone(),
            other => panic!("one GetSecretValue for the editor: {other:?}"),
        };
        let raw = SecretValue::from_string(value.to_owned());
        h.answer(Outcome::Editor(editor::Outcome::Source {
            secret,
            purpose: EditFetch::Open,
            result: Ok(FetchedValue {
                version_id: "v-base".into(),
                stages: vec!["AWSCURRENT".into()],
                raw: raw.clone(),
                view: ValueView::from_parts(Some(raw), None),
            }),
        }));
        h
    }

    /// Answers the latest pending value fetch with `raw` (text) as the real runner would.
    pub fn answer_fetch(&mut self, raw: &str) {
        let request = self
            .state
            .reveal
            .pending
            .last()
            .expect("a pending fetch")
            .request;
        let value = SecretValue::from_string(raw.to_owned());
        let fetched = FetchedValue {
            version_id: "v2-0000-1111".into(),
            stages: vec!["AWSCURRENT".into()],
            raw: value.clone(),
            view: ValueView::from_parts(Some(value), None),
        };
        self.answer(Outcome::Reveal(reveal::Outcome::Fetched {
            request,
            result: Ok(fetched),
        }));
    }

    /// A frame on a `width`×`height` screen, as the run loop draws one after each action:
    /// the views record how far what they drew can scroll, and a list its page.
    pub fn settle(&self, width: u16, height: u16) {
        self.render(width, height);
    }

    /// The editor's own message line, if it says anything.
    pub fn editor_message(&self) -> Option<String> {
        let session = self.state.layers.popup::<EditSession>()?;
        session.message.clone()
    }

    pub fn render(&self, width: u16, height: u16) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal
            .draw(|f| render(f, &self.state, &Theme::default()))
            .expect("draw");
        terminal.backend().buffer().clone()
    }

    pub fn screen(&self, width: u16, height: u16) -> String {
        screen_text(&self.render(width, height))
    }
}

/// Runs the real binary to its end with no AWS credentials from the machine: its exit code
/// and what it printed on stderr. For what stops smtui at start.
pub fn run_smtui(args: &[&std::ffi::OsStr], envs: &[(&str, &std::ffi::OsStr)]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_smtui"))
        .args(args)
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .envs(envs.iter().copied())
        .output()
        .expect("run smtui");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The open prompt (its label, what is typed, what it is for), if one is.
pub fn open_prompt(state: &State) -> Option<&smtui_core::app::prompt::Popup> {
    state.layers.popup()
}

/// The question the confirm layer asks, or "" when none is open.
pub fn confirm_question(state: &State) -> String {
    state
        .layers
        .popup::<smtui_core::app::confirm::Popup>()
        .map(|p| p.request.question.clone())
        .unwrap_or_default()
}

pub fn aws_calls(effects: &[Effect]) -> Vec<AwsCall> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws { call, .. } => Some(call.clone()),
            _ => None,
        })
        .collect()
}

pub fn screen_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// A test's name as the test harness takes it after `--exact`: its module path in this
/// binary (`module_path!()` less the crate's name), then the function. For the tests that
/// run themselves again in a child process of this binary.
pub fn test_name(module_path: &str, function: &str) -> String {
    let within = module_path.split_once("::").map_or("", |(_, path)| path);
    format!("{within}::{function}")
}
