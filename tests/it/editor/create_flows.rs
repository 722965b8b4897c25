//! Creating a secret without a terminal: the name checked by the service's rules, the
//! description, the value typed (or generated) in the editor, reviewed, sent once.

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{AwsCall, Outcome};
use smtui_core::features::browse::RegionState;
use smtui_core::features::editor::{self, EditSession};
use smtui_core::room::layers::Layer;
use smtui_core::secret::SecretValue;

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

fn ctrl(h: &mut Harness, c: char) {
    h.press(KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// The editor open on a new secret `name`, without description or options.
fn creating(name: &str) -> Harness {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char('N'));
    h.type_text(name);
    for _ in 0..3 {
        press(&mut h, KeyCode::Enter);
    }
    h
}

#[test]
fn a_bad_name_is_refused_before_anything_is_sent() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char('N'));
    assert_eq!(h.state.layers.top(), Layer::Prompt);
    h.type_text("prod/db-AbCdEf");
    press(&mut h, KeyCode::Enter);
    assert!(
        h.state.status_text().contains("ARN's suffix"),
        "{}",
        h.state.status_text()
    );
    // The prompt stays, with what was typed: the next keys still go to it, not the list.
    assert_eq!(h.state.layers.top(), Layer::Prompt);
    assert_eq!(
        crate::common::open_prompt(&h.state).map(|p| p.input.as_str()),
        Some("prod/db-AbCdEf")
    );
    // Ctrl-U clears the line, as in a shell.
    ctrl(&mut h, 'u');
    assert_eq!(
        crate::common::open_prompt(&h.state).map(|p| p.input.as_str()),
        Some("")
    );
    h.type_text("prod/db");
    press(&mut h, KeyCode::Enter);
    assert!(
        crate::common::open_prompt(&h.state)
            .is_some_and(|p| p.label.starts_with("Description of prod/db")),
        "the name taken, the description asked"
    );
    assert_eq!(
        h.state.status_text(),
        "",
        "the warning went with its answer"
    );
    assert!(h.calls().is_empty());
}

#[test]
fn bad_options_and_bad_password_options_keep_their_text() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char('N'));
    h.type_text("team/key");
    press(&mut h, KeyCode::Enter);
    press(&mut h, KeyCode::Enter);
    h.type_text("colour=blue");
    press(&mut h, KeyCode::Enter);
    let prompt = crate::common::open_prompt(&h.state).expect("asked again");
    assert!(prompt.label.starts_with("Options for team/key"));
    assert_eq!(prompt.input, "colour=blue");
    for _ in 0.."colour=blue".len() {
        press(&mut h, KeyCode::Backspace);
    }
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Editor);
    ctrl(&mut h, 'g');
    h.type_text(" sideways");
    press(&mut h, KeyCode::Enter);
    let prompt = crate::common::open_prompt(&h.state).expect("asked again");
    assert_eq!(prompt.input, "32 sideways");
    assert!(h.calls().is_empty());
}

/// A new secret has no old value to say its kind: typed as a JSON object, it is checked
/// as one, so a broken object is not saved as text by mistake.
#[test]
fn a_new_secret_typed_as_json_is_checked_as_json() {
    let mut h = creating("team/app-settings");
    assert_eq!(
        h.state.layers.top(),
        Layer::Editor,
        "{}",
        h.state.status_text()
    );
    h.type_text(r#"{"user": "app""#);
    ctrl(&mut h, 's');
    assert_eq!(h.state.layers.top(), Layer::Editor, "not reviewed");
    let said = h.editor_message();
    assert!(
        said.as_deref()
            .is_some_and(|m| m.starts_with("Not valid JSON at line 1")),
        "{said:?}"
    );
    h.type_text("}");
    ctrl(&mut h, 's');
    assert_eq!(h.state.layers.top(), Layer::Review, "a whole object is");
}

#[test]
fn create_types_a_value_reviews_it_and_adds_the_row() {
    let mut h = Harness::loaded();
    h.state.status = None;
    let before = h.state.browse.list.total();
    let region_count = |h: &Harness| {
        h.state
            .browse
            .regions
            .iter()
            .find(|r| r.name == "us-east-1")
            .map(|r| r.state.clone())
    };
    let counted = region_count(&h);
    press(&mut h, KeyCode::Char('N'));
    h.type_text("team/new-api-key");
    press(&mut h, KeyCode::Enter);
    h.type_text("for the new API");
    press(&mut h, KeyCode::Enter);
    assert_eq!(
        h.state.layers.top(),
        Layer::Prompt,
        "the options, which may stay empty"
    );
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Editor);
    ctrl(&mut h, 's');
    assert_eq!(
        h.state.layers.top(),
        Layer::Editor,
        "an empty value is not created"
    );
    // A generated password, typed in at the cursor.
    ctrl(&mut h, 'g');
    assert_eq!(h.state.layers.top(), Layer::Prompt);
    press(&mut h, KeyCode::Enter);
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Editor(editor::Call::RandomPassword { options, .. })] if options.length == 32
    ));
    h.answer(Outcome::Editor(editor::Outcome::Password {
        result: Ok(SecretValue::from_string("Gen3rated-Passw0rd".into())),
    }));
    ctrl(&mut h, 's');
    assert_eq!(h.state.layers.top(), Layer::Review);
    let screen = h.screen(100, 30);
    assert!(screen.contains("A new secret team/new-api-key in us-east-1"));
    // Everything it is created with is reviewed, not only the value.
    for line in [
        "description for the new API",
        "KMS key     aws/secretsmanager (default)",
        "tags        none",
        "replicas    none",
        "stored as   text (SecretString)",
    ] {
        assert!(screen.contains(line), "{line}:\n{screen}");
    }
    insta::assert_snapshot!("create_review_100x30", screen);
    press(&mut h, KeyCode::Char('y'));
    let calls = h.calls();
    let [
        AwsCall::Editor(editor::Call::Create {
            name,
            spec,
            token,
            value,
            ..
        }),
    ] = &calls[..]
    else {
        panic!("one CreateSecret: {calls:?}")
    };
    assert_eq!(
        (name.as_str(), spec.description.as_str()),
        ("team/new-api-key", "for the new API")
    );
    assert!(!token.is_empty(), "minted before the call");
    assert_eq!(value.expose_str(), Some("Gen3rated-Passw0rd"));
    h.answer(Outcome::Editor(editor::Outcome::Created {
        name: name.clone(),
        token: token.clone(),
        result: Ok(crate::common::arn(
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:team/new-api-key-Xy12Ab",
        )),
    }));
    assert_eq!(h.state.layers.top(), Layer::List);
    assert_eq!(
        h.state.browse.list.total(),
        before + 1,
        "the row joins without a reload"
    );
    let Some(RegionState::Loaded { count }) = counted else {
        panic!("us-east-1 loaded: {counted:?}")
    };
    assert_eq!(
        region_count(&h),
        Some(RegionState::Loaded { count: count + 1 }),
        "and its region counts it"
    );
    assert!(
        h.state
            .status_text()
            .starts_with("Created team/new-api-key")
    );
}

#[test]
fn creating_is_a_write_so_read_only_refuses_it() {
    let mut h = Harness::loaded();
    h.state.settings.read_only = true;
    press(&mut h, KeyCode::Char('N'));
    assert_eq!(h.state.layers.top(), Layer::List);
    assert!(h.state.status_text().starts_with("Read-only mode: create"));
}

#[test]
fn a_binary_secret_is_typed_as_base64_and_sent_as_bytes_with_its_options() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char('N'));
    h.type_text("team/keystore");
    press(&mut h, KeyCode::Enter);
    press(&mut h, KeyCode::Enter);
    h.type_text("binary tag:team=edge replica=eu-west-1 kms=alias/edge");
    press(&mut h, KeyCode::Enter);
    h.type_text("not base64!");
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    assert!(h.calls().is_empty(), "invalid base64 is not sent");
    assert_eq!(h.state.layers.top(), Layer::Editor);
    for _ in 0.."not base64!".len() {
        press(&mut h, KeyCode::Backspace);
    }
    h.type_text("AAEC/w==");
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    let calls = h.calls();
    let [AwsCall::Editor(editor::Call::Create { spec, value, .. })] = &calls[..] else {
        panic!("one CreateSecret: {calls:?}")
    };
    assert!(spec.binary);
    assert_eq!(value.expose(), [0, 1, 2, 255]);
    assert_eq!(spec.replicas, ["eu-west-1"]);
    assert_eq!(spec.kms_key.as_deref(), Some("alias/edge"));
    assert_eq!(spec.tags.first().map(|t| t.key.as_str()), Some("team"));
}

#[test]
fn the_palette_over_the_editor_runs_generate_password() {
    let mut h = Harness::editing("x");
    ctrl(&mut h, 'p');
    assert_eq!(h.state.layers.top(), Layer::Palette);
    h.type_text("generate-password");
    press(&mut h, KeyCode::Enter);
    assert_eq!(
        h.state.layers.top(),
        Layer::Prompt,
        "the generator asks for its options"
    );
    press(&mut h, KeyCode::Enter);
    let calls = h.calls();
    assert!(matches!(
        calls[..],
        [AwsCall::Editor(editor::Call::RandomPassword { .. })]
    ));
}

#[test]
fn ctrl_g_in_the_form_puts_a_password_in_the_open_field() {
    let mut h = creating("team/db");
    h.type_text(r#"{"user": "app", "password": ""}"#);
    ctrl(&mut h, 'f');
    // No field open: said, and nothing asked.
    ctrl(&mut h, 'g');
    assert_eq!(h.state.layers.top(), Layer::Editor);
    assert!(
        h.screen(100, 30).contains("Open a field (Enter)"),
        "{}",
        h.screen(100, 30)
    );
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    ctrl(&mut h, 'g');
    assert_eq!(h.state.layers.top(), Layer::Prompt);
    press(&mut h, KeyCode::Enter);
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Editor(editor::Call::RandomPassword { .. })]
    ));
    h.answer(Outcome::Editor(editor::Outcome::Password {
        result: Ok(SecretValue::from_string("Gen3rated-Passw0rd".into())),
    }));
    press(&mut h, KeyCode::Enter);
    let session = h.state.layers.popup::<EditSession>().expect("editing");
    let text = session.loaded.as_ref().expect("loaded").buffer.text();
    assert_eq!(
        text.expose_str(),
        Some(r#"{"user": "app", "password": "Gen3rated-Passw0rd"}"#)
    );
}

#[test]
fn a_long_message_in_the_editor_wraps_and_is_read_whole() {
    let mut h = creating("team/db");
    let long = "Not created: CreateSecret in us-east-1 failed: invalid request \
                (InvalidRequestException): Invalid replica region xx-nowhere-9; nothing was \
                sent twice, and the text is still here";
    h.state
        .layers
        .popup_mut::<EditSession>()
        .expect("editing")
        .message = Some(long.to_owned());
    let screen = h.screen(80, 24);
    let joined: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(joined.contains("region xx-nowhere-9;"), "{screen}");
    assert!(joined.contains("the text is still here"), "{screen}");
}
