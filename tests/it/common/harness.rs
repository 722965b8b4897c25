//! The harness: a `State` driven through `update` as the app drives it, and the fixtures of
//! its loaded list. Only what `Harness::loaded` and typing need is here, all of it used:
//! `tests/mfa_code_memory.rs`, a binary of its own, includes this file alone. The other
//! methods are in `common/mod.rs`.

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use smtui_core::app::input::key_to_action;
use smtui_core::app::{Action, Command, Effect, Envelope, Outcome, Settings, State, update};
use smtui_core::ids::SecretRef;
use smtui_core::model::{
    AwsError, ErrorKind, Replica, Rotation, SecretDetail, SecretSummary, Tag, VersionInfo,
    VersionStages,
};
use smtui_core::room::keys::Verb;

pub const REGIONS: [&str; 3] = ["us-east-1", "eu-west-1", "ap-southeast-2"];

/// The wall clock of every harness: dates in the fixtures are relative to it.
pub const NOW: &str = "2026-11-25T12:00:00Z";

pub fn ts(text: &str) -> Timestamp {
    text.parse().expect("timestamp")
}

/// `text`, which a test knows to be an ARN, parsed.
pub fn arn(text: &str) -> smtui_core::ids::Arn {
    smtui_core::ids::Arn::parse(text).unwrap_or_else(|why| panic!("{text:?}: {why}"))
}

pub fn summary(name: &str, region: &str) -> SecretSummary {
    SecretSummary {
        identity: smtui_core::ids::IdentityId::START,
        // An ARN holds no control character or space (the AWS crate refuses one that does):
        // a hostile name's is made of what is left of it.
        arn: arn(&format!(
            "arn:aws:secretsmanager:{region}:123456789012:secret:{}-AbCdEf",
            name.replace(|c: char| c.is_control() || c.is_whitespace(), "")
        )),
        name: name.to_owned(),
        region: region.into(),
        description: Some(format!("{name} for the app").into()),
        created: Some(ts("2026-01-10T09:00:00Z")),
        last_changed: Some(ts("2026-11-01T12:30:00Z")),
        last_accessed: Some(ts("2026-11-20T00:00:00Z")),
        rotation: Rotation::default().into(),
        owning_service: None,
        stages: vec![VersionStages {
            version_id: "v2-0000-1111".into(),
            stages: vec!["AWSCURRENT".into()].into(),
        }],
        tags: vec![Tag {
            key: "Team".into(),
            value: "payments".into(),
        }]
        .into(),
        deleted_date: None,
        primary_region: None,
        kms_key_id: None,
    }
}

pub fn detail_for(s: &SecretSummary) -> SecretDetail {
    SecretDetail {
        arn: s.arn.clone(),
        name: s.name.clone(),
        description: s.description.as_deref().map(str::to_owned),
        kms_key_id: None,
        created: s.created,
        last_changed: s.last_changed,
        last_accessed: s.last_accessed,
        deleted_date: s.deleted_date,
        tags: s.tags.to_vec(),
        primary_region: None,
        owning_service: None,
        replicas: vec![Replica {
            region: "eu-west-1".into(),
            status: "InSync".into(),
            message: None,
        }],
        rotation: Rotation {
            enabled: true,
            lambda_arn: Some(arn("arn:aws:lambda:us-east-1:123456789012:function:rotate")),
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
    /// How many actions went through `update`: the source of each one's nonce.
    pub(crate) actions: u128,
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
            actions: 0,
        }
    }

    pub fn act(&mut self, action: Action) -> &[Effect] {
        // As the run loop gives fresh random bytes to each action: a counter, so a run is
        // the same every time and no two actions share a nonce.
        self.actions += 1;
        self.state.nonce = self.actions.to_le_bytes();
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

    /// The selected row's address, as the router would make it.
    pub fn selected_secret(&self) -> SecretRef {
        let selected = self.state.selected().expect("a selection");
        self.state.ctx().address(selected)
    }

    /// Types `text` into the top layer as a user would (through the keymap).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c), KeyModifiers::NONE);
        }
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

    pub fn page(&mut self, region: &str, page: Vec<SecretSummary>, last: bool) {
        self.answer(Outcome::SecretsPage {
            region: region.into(),
            page,
            last,
        });
    }

    /// Three regions: one loaded, one still loading, one denied.
    pub fn loaded() -> Self {
        let mut h = Self::new();
        let mut rotated = summary("prod/payments/stripe-api-key", "us-east-1");
        std::sync::Arc::make_mut(&mut rotated.rotation).enabled = true;
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
        h.cmd(Command::Verb(Verb::Down));
        let selected = h.state.selected().cloned().expect("a selection");
        assert_eq!(selected.region, "us-east-1");
        h.answer(Outcome::Described {
            secret: h.selected_secret(),
            result: Ok(detail_for(&selected)),
        });
        h
    }
}
