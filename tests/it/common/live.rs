//! The real app core (update + runner + real AWS SDK) driven headless against the local
//! stack, with an in-memory clipboard. Only the terminal is missing.

use std::time::{Duration, Instant};

use smtui_aws::AwsContext;
use smtui_aws::clipboard::{Clipboard, MemoryBackend};
use smtui_aws::runner::Runner;
use smtui_core::app::{Action, Command, Effect, Settings, State, init, update};
use smtui_core::room::keys::Verb;
use smtui_devstack::{Stack, StackOptions, fixtures};
use tokio::sync::mpsc;

pub use super::sdk::sdk_config;
pub use super::sdk::sdk_config_as;

pub async fn seeded_stack() -> Stack {
    Stack::start(StackOptions {
        seed: true,
        ..StackOptions::default()
    })
    .await
    .expect("local stack starts")
}

pub struct LiveApp {
    pub state: State,
    pub clipboard: MemoryBackend,
    /// Debug renderings of every action and effect that went through, for leak checks.
    pub journal: Vec<String>,
    runner: Runner,
    rx: mpsc::UnboundedReceiver<Action>,
}

impl LiveApp {
    pub async fn start(endpoint: &str, settings: Settings) -> Self {
        let regions: Vec<String> = fixtures::REGIONS.iter().map(|r| (*r).to_owned()).collect();
        Self::start_with_regions(endpoint, settings, &regions).await
    }

    pub async fn start_with_regions(
        endpoint: &str,
        settings: Settings,
        regions: &[String],
    ) -> Self {
        Self::start_as(endpoint, settings, regions, ("testing", "testing")).await
    }

    /// Signs as `(access key id, secret access key)`.
    pub async fn start_as(
        endpoint: &str,
        settings: Settings,
        regions: &[String],
        (key_id, secret): (&str, &str),
    ) -> Self {
        let ctx = AwsContext::from_config(sdk_config_as(endpoint, key_id, secret).await);
        let (tx, rx) = mpsc::unbounded_channel();
        let clipboard = MemoryBackend::default();
        let runner = Runner::new(ctx, tx, Clipboard::new(Box::new(clipboard.clone())))
            .read_only(settings.read_only);
        let settings = Settings {
            home_region: Some("us-east-1".into()),
            ..settings
        };
        let mut app = Self {
            state: State::new(settings, regions, Instant::now()),
            clipboard,
            journal: Vec::new(),
            runner,
            rx,
        };
        let effects = init(&mut app.state);
        app.run_effects(effects);
        app
    }

    fn run_effects(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            self.journal.push(format!("{effect:?}"));
            self.runner.run(effect);
        }
    }

    /// Hands `effect` to the runner directly, as if `update` had asked for it (for proving
    /// what the runner itself refuses).
    pub fn run_effect(&mut self, effect: Effect) {
        self.run_effects(vec![effect]);
    }

    pub fn dispatch(&mut self, action: Action) {
        self.journal.push(format!("{action:?}"));
        // As the run loop does: the wall clock for dates and fresh random bytes, read outside
        // `update`.
        self.state.wall = jiff::Timestamp::now();
        self.state.nonce = uuid::Uuid::new_v4().into_bytes();
        let effects = update(&mut self.state, action, Instant::now());
        self.run_effects(effects);
    }

    pub fn cmd(&mut self, command: Command) {
        self.dispatch(Action::Command(command));
    }

    /// Processes results until `done(state)` holds; panics with `what` after `timeout`.
    pub async fn wait_for(
        &mut self,
        what: &str,
        timeout: Duration,
        mut done: impl FnMut(&State) -> bool,
    ) {
        let deadline = tokio::time::Instant::now() + timeout;
        while !done(&self.state) {
            let status = format!("{:?}", self.state.status);
            let next = tokio::time::timeout_at(deadline, self.rx.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!("timed out after {timeout:?} waiting for {what}; status: {status}")
                });
            let action =
                next.unwrap_or_else(|| panic!("runner channel closed while waiting for {what}"));
            self.dispatch(action);
        }
    }

    /// The next action the runner sends, not dispatched (for what the state would drop).
    pub async fn next_action(&mut self, timeout: Duration) -> Action {
        tokio::time::timeout(timeout, self.rx.recv())
            .await
            .expect("an action in time")
            .expect("the runner's channel open")
    }

    pub async fn wait_loaded(&mut self) {
        self.wait_for("every region to settle", Duration::from_mins(1), |s| {
            !s.browse.any_loading()
        })
        .await;
    }

    /// Filters the list down to exactly `name` in `region` and selects it.
    pub fn select(&mut self, name: &str, region: &str) {
        // Open the prompt, clear what is there (Esc), open it again, type, keep (Enter).
        self.dispatch(Action::Command(Command::Verb(Verb::Filter)));
        self.dispatch(Action::Command(Command::Verb(Verb::Back)));
        self.dispatch(Action::Command(Command::Verb(Verb::Filter)));
        for c in name.chars() {
            self.dispatch(Action::Text(smtui_core::app::TextEdit::Insert(c)));
        }
        self.dispatch(Action::Command(Command::Verb(Verb::Select)));
        self.dispatch(Action::Command(Command::Verb(Verb::Top)));
        for _ in 0..self.state.browse.list.len() {
            let s = self.state.browse.list.selected().expect("a match");
            if s.name == name && s.region == region {
                return;
            }
            self.dispatch(Action::Command(Command::Verb(Verb::Down)));
        }
        panic!("{name} in {region} not in the list");
    }

    pub fn shutdown(&mut self) {
        assert_eq!(
            self.runner.shutdown(),
            None,
            "the clipboard cleared on exit"
        );
    }
}

/// A stack with IAM auth enforced, the secret `audited/db`, and an app signed in as a user
/// who may only list and describe (`auditor`), loaded, with the secret selected and
/// described. The stack is returned so it lives as long as the test.
pub async fn auditor_app() -> (Stack, smtui_devstack::iam::TestUser, LiveApp) {
    use smtui_devstack::iam;
    // moto lets the user's setup and one CreateSecret through, then checks every call.
    let options = StackOptions {
        seed: false,
        enforce_iam_auth: true,
        unauthenticated_setup_calls: iam::USER_SETUP_CALLS + 1,
        ..StackOptions::default()
    };
    let stack = Stack::start(options).await.expect("stack");
    let endpoint = stack.endpoint_url();
    let user = iam::create_user_allowed(
        &endpoint,
        "auditor",
        &[
            "secretsmanager:ListSecrets",
            "secretsmanager:DescribeSecret",
            "sts:GetCallerIdentity",
        ],
    )
    .await
    .expect("IAM user");
    aws_sdk_secretsmanager::Client::new(&sdk_config(&endpoint).await)
        .create_secret()
        .name("audited/db")
        .secret_string("not-for-auditors")
        .send()
        .await
        .expect("CreateSecret");
    let regions = ["us-east-1".to_owned()];
    let key = (user.access_key_id.as_str(), user.secret_access_key.as_str());
    let mut app = Box::pin(LiveApp::start_as(
        &endpoint,
        Settings::default(),
        &regions,
        key,
    ))
    .await;
    app.wait_loaded().await;
    app.select("audited/db", "us-east-1");
    app.wait_for("detail", Duration::from_secs(30), |s| {
        s.selected_detail().is_some()
    })
    .await;
    (stack, user, app)
}
