//! Hostile policy text reaches the pane and the statements popup as visible escapes, never
//! as terminal control; a policy too large or too deep is said to be unreadable and the rest
//! of the pane still shows.

use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::model::access::IamPage;

use super::flows::answered;

#[test]
fn control_characters_in_a_policy_are_drawn_as_escapes() {
    let hostile = "{\"Statement\":[{\"Sid\":\"Evil\\u001b[31mRED\\u202eRLO\",\"Effect\":\"Allow\",\
                   \"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\
                   \"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}";
    let mut h = answered(hostile.to_owned(), Ok(IamPage::default()), None);
    h.press(KeyCode::Down, KeyModifiers::NONE);
    h.press(KeyCode::Enter, KeyModifiers::NONE);
    let screen = h.screen(140, 30);
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{202e}'),
        "{screen:?}"
    );
    assert!(screen.contains("Evil"), "the statement is shown: {screen}");
}

#[test]
fn a_policy_too_large_or_too_deep_is_said_and_the_pane_still_shows() {
    for text in [
        format!(
            "{{\"Statement\":[],\"Pad\":\"{}\"}}",
            "x".repeat(2 * 1024 * 1024)
        ),
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    ] {
        let h = answered(text, Ok(super::flows::iam_page()), None);
        let screen = h.screen(140, 30);
        assert!(screen.contains("Not counted: resource policy"), "{screen}");
        assert!(
            screen.contains("reporting"),
            "IAM's readers still listed: {screen}"
        );
    }
}
