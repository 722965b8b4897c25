//! Untrusted text from AWS (names, descriptions, tags, values, error messages) holding ESC
//! sequences, OSC 52, C1 controls and bidi overrides never reaches a terminal cell as a
//! control character: it is shown escaped.

use crate::common::{Harness, detail_for, summary};
use smtui_core::app::{Action, Command};
use smtui_core::features::reveal::Command as RevealCommand;
use smtui_core::model::Tag;
use smtui_core::room::keys::Verb;
use smtui_core::sanitize::is_unsafe_text;

const HOSTILE: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",              // clear screen, cursor home
    "\u{1b}]52;c;cHduZWQ=\u{7}",      // OSC 52: write the user's clipboard
    "\u{1b}]0;owned\u{1b}\\",         // set the window title
    "\u{9b}31m",                      // C1 CSI
    "\u{85}\u{8d}\u{90}",             // C1 NEL, RI, DCS
    "admin\u{202E}txt.exe",           // right-to-left override
    "\u{2066}hidden\u{2069}\u{200f}", // isolates, RLM
    "tab\there\rcarriage\u{7f}del\u{0}nul",
    "pay\u{200D}ments", // a joiner between ASCII letters: looks like "payments"
    "\u{206A}\u{E000}\u{2800}\u{3164}", // format, private use, blank braille, Hangul filler
];

fn hostile(i: usize) -> String {
    format!("x{}y", HOSTILE[i % HOSTILE.len()])
}

fn assert_clean(h: &Harness) {
    for (w, ht) in [(80, 24), (120, 40)] {
        let buffer = h.render(w, ht);
        for cell in &buffer.content {
            assert!(
                !is_unsafe_text(cell.symbol()),
                "unsafe cell {:?} at {w}x{ht}",
                cell.symbol()
            );
        }
    }
}

fn hostile_state() -> Harness {
    let mut h = Harness::new();
    let page: Vec<_> = (0..HOSTILE.len())
        .map(|i| {
            let mut s = summary(&hostile(i), "us-east-1");
            // An ARN the service makes holds no control character (it is what calls are
            // addressed by, parsed once): the hostile text is in what AWS passes through.
            s.arn = crate::common::arn(&format!(
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:hostile{i}-AbCdEf"
            ));
            s.description = Some(hostile(i + 1).into());
            s.tags = vec![Tag {
                key: hostile(i + 2).into(),
                value: hostile(i + 3).into(),
            }]
            .into();
            s
        })
        .collect();
    h.page("us-east-1", page, true);
    let selected = h.state.browse.list.selected().cloned().expect("selected");
    let mut detail = detail_for(&selected);
    detail.kms_key_id = Some(hostile(4));
    detail.versions[0].stages.push(hostile(5));
    h.answer(smtui_core::app::Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(detail),
    });
    h
}

#[test]
fn names_tags_descriptions_and_details_are_neutralised() {
    let h = hostile_state();
    assert_clean(&h);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("\\e"),
        "escapes are shown, not dropped:\n{screen}"
    );
    assert!(
        screen.contains("xpay\\u{200D}mentsy"),
        "a joiner that joins nothing is shown:\n{screen}"
    );
}

#[test]
fn text_and_json_values_are_neutralised_when_revealed() {
    let mut h = hostile_state();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch(&HOSTILE.join("\n"));
    assert_clean(&h);
    h.cmd(Command::Verb(Verb::Reveal));
    let json = format!(
        "{{\"{}\": \"{}\", \"k\": \"{}\"}}",
        "key\\u001b[31m", "\\u001b]52;c;aGk=\\u0007", "a\\u202eb\\u009b"
    );
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch(&json);
    h.cmd(Command::Value(RevealCommand::RevealAll));
    assert_clean(&h);
    h.cmd(Command::Value(RevealCommand::RawJson));
    assert_clean(&h);
}

#[test]
fn filter_text_and_status_messages_are_neutralised() {
    let mut h = hostile_state();
    h.cmd(Command::Verb(Verb::Filter));
    for c in "\u{1b}]52;c;x\u{7}".chars() {
        h.act(Action::Text(smtui_core::app::TextEdit::Insert(c)));
    }
    assert_clean(&h);
    h.cmd(Command::Verb(Verb::Select));
    let (token, label) = (1, hostile(0));
    h.act(Action::Copied {
        token,
        label,
        clear_after: None,
        result: Err(hostile(1)),
    });
    assert_clean(&h);
}
