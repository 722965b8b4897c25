//! Shared builders for the update-flow and rendering tests: realistic states reached through
//! `update`, the same way the app reaches them.
#![allow(dead_code)]

pub mod audit;
pub mod live;
pub mod roles;
pub mod tmux;

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use smtui_core::app::input::key_to_action;
use smtui_core::app::{
    Action, AwsCall, Command, CopyRequest, EditFetch, Effect, Envelope, Outcome, Settings, State,
    update,
};
use smtui_core::kit::Theme;
use smtui_core::model::{
    AwsError, ErrorKind, FetchedValue, Replica, Rotation, SecretDetail, SecretSummary, Tag,
    VersionInfo, VersionStages,
};
use smtui_core::render::render;
use smtui_core::secret::{SecretValue, ValueView};

pub const REGIONS: [&str; 3] = ["us-east-1", "eu-west-1", "ap-southeast-2"];

/// The wall clock of every harness: dates in the fixtures are relative to it.
pub const NOW: &str = "2026-11-25T12:00:00Z";

pub fn ts(text: &str) -> Timestamp {
    text.parse().expect("timestamp")
}

pub fn summary(name: &str, region: &str) -> SecretSummary {
    SecretSummary {
        arn: format!("arn:aws:secretsmanager:{region}:123456789012:secret:{name}-AbCdEf"),
        name: name.to_owned(),
        region: region.to_owned(),
        description: Some(format!("{name} for the app")),
        created: Some(ts("2026-01-10T09:00:00Z")),
        last_changed: Some(ts("2026-11-01T12:30:00Z")),
        last_accessed: Some(ts("2026-11-20T00:00:00Z")),
        rotation: Rotation::default(),
        owning_service: None,
        stages: vec![VersionStages {
            version_id: "v2-0000-1111".into(),
            stages: vec!["AWSCURRENT".into()],
        }],
        tags: vec![Tag {
            key: "Team".into(),
            value: "payments".into(),
        }],
        deleted_date: None,
        primary_region: None,
    }
}

pub fn detail_for(s: &SecretSummary) -> SecretDetail {
    SecretDetail {
        arn: s.arn.clone(),
        name: s.name.clone(),
        description: s.description.clone(),
        kms_key_id: None,
        created: s.created,
        last_changed: s.last_changed,
        last_accessed: s.last_accessed,
        deleted_date: s.deleted_date,
        tags: s.tags.clone(),
        primary_region: None,
        owning_service: None,
        replicas: vec![Replica {
            region: "eu-west-1".into(),
            status: "InSync".into(),
            message: None,
        }],
        rotation: Rotation {
            enabled: true,
            lambda_arn: Some("arn:aws:lambda:us-east-1:123456789012:function:rotate".into()),
            every_days: Some(30),
            schedule: None,
            window: None,
            last_rotated: Some(ts("2026-11-01T00:00:00Z")),
            next_rotation: Some(ts("2026-12-01T00:00:00Z")),
        },
        versions: vec![
            VersionInfo {
                id: "v2-0000-1111".into(),
                stages: vec!["AWSCURRENT".into()],
                created: Some(ts("2026-11-01T12:30:00Z")),
                last_accessed: None,
            },
            VersionInfo {
                id: "v1-0000-0000".into(),
                stages: vec!["AWSPREVIOUS".into()],
                created: Some(ts("2026-10-01T12:30:00Z")),
                last_accessed: None,
            },
        ],
        versions_error: None,
    }
}

pub struct Harness {
    pub state: State,
    pub now: Instant,
    pub effects: Vec<Effect>,
}

impl Harness {
    pub fn new() -> Self {
        let now = Instant::now();
        let regions: Vec<String> = REGIONS.iter().map(|r| (*r).to_owned()).collect();
        let settings = Settings {
            home_region: Some("us-east-1".into()),
            ..Settings::default()
        };
        let mut state = State::new(settings, &regions, now);
        state.wall = ts(NOW);
        Self {
            state,
            now,
            effects: Vec::new(),
        }
    }

    pub fn act(&mut self, action: Action) -> &[Effect] {
        self.effects = update(&mut self.state, action, self.now);
        &self.effects
    }

    pub fn cmd(&mut self, command: Command) -> &[Effect] {
        self.act(Action::Command(command))
    }

    /// An AWS result, stamped as the current session would stamp it.
    pub fn answer(&mut self, outcome: Outcome) -> &[Effect] {
        let stamp = self.state.session.stamp();
        self.act(Action::Result(Envelope { stamp, outcome }))
    }

    /// The AWS calls among the last effects.
    pub fn calls(&self) -> Vec<AwsCall> {
        aws_calls(&self.effects)
    }

    /// Types `text` into the top layer as a user would (through the keymap).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    /// Presses copy, expects exactly one copy effect, and answers it as a memory clipboard
    /// would. Returns what was asked for.
    pub fn copy_value_and_confirm(&mut self) -> CopyRequest {
        let effects = self.cmd(Command::CopyValue).to_vec();
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

    /// A key press as the terminal sends it, through the keymap (a key that maps to
    /// nothing leaves no effects).
    pub fn press(&mut self, code: KeyCode, modifiers: KeyModifiers) -> &[Effect] {
        if let Some(action) = key_to_action(&self.state, KeyEvent::new(code, modifiers)) {
            self.act(action)
        } else {
            self.effects.clear();
            &self.effects
        }
    }

    pub fn advance(&mut self, by: Duration) {
        self.now += by;
    }

    pub fn page(&mut self, region: &str, page: Vec<SecretSummary>, last: bool) {
        self.answer(Outcome::SecretsPage {
            region: region.into(),
            page,
            last,
        });
    }

    /// Three regions: one loaded, one still loading, one denied.
    /// The loaded harness with the editor open on the selected secret, its value answered
    /// as `value` at version "v-base".
    pub fn editing(value: &str) -> Self {
        let mut h = Self::loaded();
        h.state.status = None;
        h.press(KeyCode::Char('e'), KeyModifiers::NONE);
        assert_eq!(h.state.layers.top(), smtui_core::app::layers::Layer::Editor);
        let arn = match &h.calls()[..] {
            [AwsCall::FetchForEdit { arn, .. }] => arn.clone(),
            other => panic!("one GetSecretValue for the editor: {other:?}"),
        };
        let raw = SecretValue::from_string(value.to_owned());
        h.answer(Outcome::EditSource {
            arn,
            purpose: EditFetch::Open,
            result: Ok(FetchedValue {
                version_id: "v-base".into(),
                stages: vec!["AWSCURRENT".into()],
                raw: raw.clone(),
                view: ValueView::from_parts(Some(raw), None),
            }),
        });
        h
    }

    pub fn loaded() -> Self {
        let mut h = Self::new();
        let mut rotated = summary("prod/payments/stripe-api-key", "us-east-1");
        rotated.rotation.enabled = true;
        let mut doomed = summary("legacy/old-token", "us-east-1");
        doomed.deleted_date = Some(ts("2026-12-01T00:00:00Z"));
        h.page(
            "us-east-1",
            vec![
                rotated,
                summary("prod/orders/postgres", "us-east-1"),
                doomed,
                summary("shared/ci/deploy-key", "us-east-1"),
            ],
            true,
        );
        h.page(
            "eu-west-1",
            vec![summary("prod/orders/postgres", "eu-west-1")],
            false,
        );
        h.answer(Outcome::RegionFailed {
            region: "ap-southeast-2".into(),
            error: AwsError {
                kind: ErrorKind::AccessDenied,
                operation: "ListSecrets",
                region: "ap-southeast-2".into(),
                code: Some("AccessDeniedException".into()),
                message: Some(
                    "User is not authorized to perform secretsmanager:ListSecrets".into(),
                ),
            },
        });
        // The user has moved to us-east-1's copy of the first row (the selection starts
        // on the first row, eu-west-1's, which sorts first).
        h.cmd(Command::Down);
        let selected = h.state.selected().cloned().expect("a selection");
        assert_eq!(selected.region, "us-east-1");
        h.answer(Outcome::Described {
            arn: selected.arn.clone(),
            result: Ok(detail_for(&selected)),
        });
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
        self.answer(Outcome::ValueFetched {
            request,
            result: Ok(fetched),
        });
    }

    /// What the run loop does after a frame: tells `update` how far the value can scroll.
    pub fn settle(&mut self, width: u16, height: u16) {
        let size = ratatui::layout::Rect::new(0, 0, width, height);
        for action in smtui_core::render::layout_feedback(size, &self.state, &Theme::default()) {
            self.act(action);
        }
    }

    /// The editor's own message line, if it says anything.
    pub fn editor_message(&self) -> Option<String> {
        let session = self.state.editor.session.as_ref()?;
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

/// The question the confirm layer asks, or "" when none is open.
pub fn confirm_question(state: &State) -> String {
    state
        .confirm
        .pending
        .as_ref()
        .map(|p| p.question.clone())
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
