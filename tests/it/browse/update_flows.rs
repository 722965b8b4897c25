//! `update` flows without a terminal: what the app does, step by step.

use crate::common;
use smtui_core::features::reveal;
use smtui_core::room::keys::Verb;

use std::collections::BTreeSet;
use std::time::Duration;

use crate::common::{Harness, summary};
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{Action, AwsCall, Command, Effect, Outcome};
use smtui_core::features::browse::RegionState;
use smtui_core::features::clipboard::Command as ClipboardCommand;
use smtui_core::features::reveal::Command as RevealCommand;
use smtui_core::features::reveal::Shown;
use smtui_core::model::VersionSel;
use smtui_core::room::layers::{Focus, Layer};

#[test]
fn start_lists_every_region_and_asks_who_we_are() {
    let mut h = Harness::new();
    let effects = smtui_core::app::init(&mut h.state);
    let calls = common::aws_calls(&effects);
    let listed: Vec<_> = calls
        .iter()
        .filter_map(|c| match c {
            AwsCall::ListSecrets { region } => Some(region.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(listed, common::REGIONS);
    assert!(calls.iter().any(|c| matches!(c, AwsCall::WhoAmI { .. })));
    let stamps: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws { stamp, .. } => Some(*stamp),
            _ => None,
        })
        .collect();
    assert!(
        stamps.iter().all(|s| *s == h.state.session.stamp()),
        "every call names the generation and identity it runs as"
    );
}

#[test]
fn pages_arrive_progressively_and_one_failed_region_hides_nothing() {
    let h = Harness::loaded();
    let region_states: Vec<_> = h
        .state
        .browse
        .regions
        .iter()
        .map(|r| r.state.clone())
        .collect();
    assert_eq!(region_states[0], RegionState::Loaded { count: 4 });
    assert_eq!(region_states[1], RegionState::Loading { so_far: 1 });
    assert!(
        matches!(&region_states[2], RegionState::Failed(e) if e.kind.short() == "access denied")
    );
    let footer = h.state.status_text();
    assert!(
        footer.contains(
            "ListSecrets in ap-southeast-2 failed: access denied (AccessDeniedException)"
        ) && footer.contains("not authorized"),
        "the footer tells which call, where and why: {footer}"
    );
    // 5 rows, the one scheduled for deletion hidden.
    assert_eq!(h.state.browse.list.total(), 5);
    assert_eq!(h.state.browse.list.len(), 4);
}

#[test]
fn stale_generation_results_are_dropped() {
    let mut h = Harness::loaded();
    let old = h.state.session.stamp();
    h.cmd(Command::Verb(Verb::Refresh));
    assert_eq!(h.state.session.stamp().generation, old.generation + 1);
    h.act(Action::Result(smtui_core::app::Envelope {
        stamp: old,
        outcome: Outcome::SecretsPage {
            region: "eu-west-1".into(),
            page: vec![summary("ghost", "eu-west-1")],
            last: true,
        },
    }));
    assert!(
        h.state
            .browse
            .list
            .visible(0..100)
            .all(|s| s.name != "ghost")
    );
    // A result for another identity is as stale as one from another generation.
    let mut other_identity = h.state.session.stamp();
    other_identity.identity = smtui_core::app::IdentityId(7);
    h.act(Action::Result(smtui_core::app::Envelope {
        stamp: other_identity,
        outcome: Outcome::SecretsPage {
            region: "eu-west-1".into(),
            page: vec![summary("other-account", "eu-west-1")],
            last: true,
        },
    }));
    assert!(
        h.state
            .browse
            .list
            .visible(0..100)
            .all(|s| s.name != "other-account")
    );
    // Old rows stay until the new listing's first page arrives, then are replaced.
    assert_eq!(h.state.browse.list.total(), 5);
    h.page("us-east-1", vec![summary("fresh", "us-east-1")], true);
    let names: Vec<_> = h
        .state
        .browse
        .list
        .visible(0..100)
        .map(|s| s.name.clone())
        .collect();
    assert!(
        names.contains(&"fresh".to_owned()) && !names.contains(&"shared/ci/deploy-key".to_owned())
    );
}

#[test]
fn reveal_fetches_only_on_request_and_remasks_after_timeout() {
    let mut h = Harness::loaded();
    assert!(
        h.state.reveal.pending.is_empty(),
        "browsing never fetches values"
    );
    h.cmd(Command::Verb(Verb::Reveal));
    assert!(
        matches!(&h.calls()[..], [AwsCall::Reveal(reveal::Call::GetValue { version: VersionSel::Stage(s), .. })] if s == "AWSCURRENT")
    );
    h.answer_fetch("sk_live_canary");
    let pane = h.state.reveal.value.as_ref().expect("revealed");
    assert_eq!(pane.shown, Shown::All);
    let reveal = pane.reveal_id;
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::After { delay, .. } if *delay == Duration::from_secs(30)))
    );

    h.advance(Duration::from_secs(29));
    h.act(Action::RemaskDue { reveal });
    assert!(h.state.reveal.value.is_some(), "not yet");
    h.advance(Duration::from_secs(1));
    h.act(Action::RemaskDue { reveal });
    assert!(h.state.reveal.value.is_none(), "re-masked after 30 s");
}

#[test]
fn moving_the_selection_masks_and_resets_the_version() {
    let mut h = Harness::loaded();
    h.state.reveal.version = VersionSel::Stage("AWSPREVIOUS".into());
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch("old-value");
    assert!(h.state.reveal.value.is_some());
    let effects = h.cmd(Command::Verb(Verb::Down)).to_vec();
    assert!(h.state.reveal.value.is_none());
    assert_eq!(h.state.reveal.version, VersionSel::current());
    assert!(
        matches!(&effects[..], [Effect::After { .. }]),
        "detail is debounced, not fetched at once"
    );
}

#[test]
fn a_late_value_for_a_secret_no_longer_selected_is_not_shown() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    let request = h.state.reveal.pending.first().expect("pending").request;
    h.cmd(Command::Verb(Verb::Down));
    assert!(h.state.reveal.pending.is_empty());
    let value = smtui_core::secret::SecretValue::from_string("late".into());
    let fetched = smtui_core::model::FetchedValue {
        version_id: "v".into(),
        stages: vec![],
        raw: value.clone(),
        view: smtui_core::secret::ValueView::from_parts(Some(value), None),
    };
    h.answer(Outcome::Reveal(reveal::Outcome::Fetched {
        request,
        result: Ok(fetched),
    }));
    assert!(h.state.reveal.value.is_none());
}

#[test]
fn json_keys_reveal_one_at_a_time_or_all() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch(r#"{"username":"app","password":"pw","port":5432}"#);
    assert_eq!(h.state.layers.focus(), Focus::Value);
    assert_eq!(
        h.state.reveal.value.as_ref().map(|p| p.shown.clone()),
        Some(Shown::Keys(BTreeSet::default()))
    );
    h.cmd(Command::Verb(Verb::Down));
    h.cmd(Command::Verb(Verb::Reveal));
    assert_eq!(
        h.state.reveal.value.as_ref().map(|p| p.shown.clone()),
        Some(Shown::Keys([1].into()))
    );
    h.cmd(Command::Value(RevealCommand::RevealAll));
    assert_eq!(
        h.state.reveal.value.as_ref().map(|p| p.shown.clone()),
        Some(Shown::Keys([0, 1, 2].into()))
    );
    h.cmd(Command::Value(RevealCommand::RevealAll));
    assert_eq!(
        h.state.reveal.value.as_ref().map(|p| p.shown.clone()),
        Some(Shown::Keys(BTreeSet::default()))
    );
    h.cmd(Command::Verb(Verb::Back));
    assert!(h.state.reveal.value.is_none());
    assert_eq!(h.state.layers.focus(), Focus::List);
}

#[test]
fn version_picker_lists_stages_and_ids_and_refetches() {
    // Through the keymap, as a user would: a command sent straight to `update` once hid
    // that the picker ignored the arrow keys.
    let mut h = Harness::loaded();
    h.press(KeyCode::Char('v'), KeyModifiers::NONE);
    h.answer_fetch("current");
    h.press(KeyCode::Char('p'), KeyModifiers::NONE);
    assert_eq!(h.state.layers.top(), Layer::Versions);
    // One row per version: AWSCURRENT's, then AWSPREVIOUS's.
    h.press(KeyCode::Down, KeyModifiers::NONE);
    h.press(KeyCode::Char('k'), KeyModifiers::NONE);
    h.press(KeyCode::Char('j'), KeyModifiers::NONE);
    h.press(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        h.state.reveal.version,
        VersionSel::Stage("AWSPREVIOUS".into())
    );
    assert!(
        matches!(&h.calls()[..], [AwsCall::Reveal(reveal::Call::GetValue { version: VersionSel::Stage(s), .. })] if s == "AWSPREVIOUS")
    );
    assert_eq!(h.state.layers.top(), Layer::List, "the picker closed");
}

#[test]
fn help_scrolls_and_ctrl_c_quits_from_a_popup() {
    let mut h = Harness::loaded();
    h.press(KeyCode::Char('?'), KeyModifiers::NONE);
    h.press(KeyCode::Down, KeyModifiers::NONE);
    h.press(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(h.state.layers.top(), Layer::Help);
    assert_eq!(h.state.help.scroll().top(), 2);
    // After a frame on a 120x40 screen, End stops where the last line shows, and one ↑
    // moves the view at once.
    h.settle(120, 40);
    let limit = h
        .state
        .help
        .scroll()
        .limit()
        .expect("the frame recorded the help's limit");
    assert!(limit > 0 && usize::from(limit) < h.state.keymap.help_line_count());
    h.press(KeyCode::End, KeyModifiers::NONE);
    assert_eq!(h.state.help.scroll().top(), limit);
    h.press(KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(h.state.help.scroll().top(), limit - 1);
    // `q` closes the popup; Ctrl-c quits from anywhere.
    h.press(KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(h.state.layers.top(), Layer::Help, "stray keys do nothing");
    h.press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.state.quit);
}

#[test]
fn help_opens_at_the_top_again() {
    let mut h = Harness::loaded();
    h.press(KeyCode::Char('?'), KeyModifiers::NONE);
    h.press(KeyCode::Down, KeyModifiers::NONE);
    h.press(KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(h.state.help.scroll().top(), 2);
    h.press(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(h.state.layers.top(), Layer::List);
    h.press(KeyCode::Char('?'), KeyModifiers::NONE);
    assert_eq!(h.state.layers.top(), Layer::Help);
    assert_eq!(
        h.state.help.scroll().top(),
        0,
        "opened again at its first line"
    );
}

#[test]
fn filter_updates_on_every_keystroke_and_esc_clears() {
    let mut h = Harness::loaded();
    h.press(KeyCode::Char('/'), KeyModifiers::NONE);
    // Letters that are bindings elsewhere (q quits, r refreshes) are text here.
    h.type_text("ORDERS");
    assert_eq!(h.state.browse.list.len(), 2);
    assert!(!h.state.quit);
    h.press(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(h.state.layers.top(), Layer::List);
    assert_eq!(h.state.browse.list.filter(), "ORDERS");
    h.cmd(Command::Verb(Verb::Back));
    assert_eq!(h.state.browse.list.filter(), "");
}

#[test]
fn detail_is_fetched_once_the_selection_rests() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Down));
    let secret = h.selected_secret();
    h.act(Action::DetailDue {
        secret: secret.clone(),
    });
    assert!(matches!(&h.calls()[..], [AwsCall::Describe { secret: s }] if *s == secret));
    // In flight: asking again sends nothing.
    assert!(h.act(Action::DetailDue { secret }).is_empty());
}

#[test]
fn quit_masks_and_stops() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch("x");
    let effects = h.cmd(Command::Verb(Verb::Quit)).to_vec();
    assert!(h.state.quit && h.state.reveal.value.is_none());
    assert!(matches!(&effects[..], [Effect::Quit]));
}

#[test]
fn information_clears_on_the_next_key_and_errors_wait_for_esc() {
    let mut h = Harness::loaded();
    assert!(
        h.state.status_text().contains("failed"),
        "the region error is shown"
    );
    h.cmd(Command::Verb(Verb::Down));
    assert!(
        h.state.status_text().contains("failed"),
        "errors survive moving around"
    );
    h.cmd(Command::Verb(Verb::Back));
    assert_eq!(h.state.status_text(), "");
    h.cmd(Command::Clipboard(ClipboardCommand::CopyName));
    let token = 99;
    h.act(Action::Copied {
        token,
        label: "name x".into(),
        clear_after: None,
        result: Ok("memory"),
    });
    assert!(h.state.status_text().starts_with("Copied name x"));
    h.cmd(Command::Verb(Verb::Down));
    assert_eq!(h.state.status_text(), "");
    // Written to the terminal, which may drop it silently: never said to be "Copied".
    h.cmd(Command::Clipboard(ClipboardCommand::CopyName));
    h.act(Action::Copied {
        token: 100,
        label: "name x".into(),
        clear_after: None,
        result: Ok("OSC 52"),
    });
    let said = h.state.status_text();
    assert!(
        said.starts_with("Sent name x to the terminal's clipboard")
            && said.contains("if the terminal allows OSC 52")
            && !said.contains("Copied"),
        "{said}"
    );
}

#[test]
fn a_denied_call_says_as_whom_once_the_identity_is_known() {
    let mut h = Harness::new();
    h.answer(Outcome::WhoAmI {
        result: Ok(smtui_core::model::CallerIdentity {
            account: "123456789012".into(),
            arn: crate::common::arn("arn:aws:sts::123456789012:assumed-role/Auditor/alice"),
        }),
    });
    h.answer(Outcome::RegionFailed {
        region: "eu-west-1".into(),
        error: smtui_aws::AwsError {
            kind: smtui_aws::ErrorKind::AccessDenied,
            operation: "ListSecrets",
            region: "eu-west-1".into(),
            code: Some("AccessDeniedException".into()),
            message: Some("not allowed by an SCP".into()),
        },
    });
    let footer = h.state.status_text();
    assert!(
        footer.starts_with("ListSecrets in eu-west-1 failed: access denied")
            && footer.ends_with("(as arn:aws:sts::123456789012:assumed-role/Auditor/alice)"),
        "which call, where, why and as whom: {footer}"
    );
}

#[test]
fn pressing_reveal_again_while_fetching_cancels() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    let effects = h.cmd(Command::Verb(Verb::Reveal)).to_vec();
    assert!(effects.is_empty(), "no second GetSecretValue: {effects:?}");
    assert!(h.state.reveal.pending.is_empty());
    assert!(h.state.status_text().contains("cancelled"));
}

#[test]
fn the_version_picker_says_why_when_describe_failed() {
    let mut h = Harness::loaded();
    let secret = h.selected_secret();
    h.answer(Outcome::Described {
        secret,
        result: Err(smtui_aws::AwsError {
            kind: smtui_aws::ErrorKind::AccessDenied,
            operation: "DescribeSecret",
            region: "us-east-1".into(),
            code: Some("AccessDeniedException".into()),
            message: None,
        }),
    });
    h.press(KeyCode::Char('p'), KeyModifiers::NONE);
    let footer = h.state.status_text();
    assert!(
        footer.starts_with("No versions to pick: DescribeSecret in us-east-1 failed"),
        "not 'still loading' forever: {footer}"
    );
    assert_eq!(h.state.layers.top(), Layer::List);
}
