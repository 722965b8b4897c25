//! `reused-values` through the app: groups of secrets and fields holding one value, largest
//! first, fields that name rather than protect left out, Enter to go to a secret.

use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{Command, Outcome};
use smtui_core::features::values::{self, Call, Findings, Stage};
use smtui_core::fingerprint::{Field, ValuePrints};
use smtui_core::room::layers::Layer;

use super::flows::{check, enter, key, print, values_calls};
use crate::common::Harness;

#[test]
fn shared_values_are_grouped_largest_first_and_enter_goes_to_one() {
    let mut h = Harness::loaded();
    h.cmd(Command::Values(values::Command::ReusedValues));
    h.press(KeyCode::Down, KeyModifiers::NONE);
    enter(&mut h);
    let calls = values_calls(&h);
    for call in calls {
        let Call::Read { scan, secrets } = call else {
            panic!("only reads: no value to fingerprint")
        };
        let result = secrets
            .iter()
            .map(|s| {
                let prints = match (s.name.as_str(), s.region.as_str()) {
                    // One password in three places (two secrets' fields, a whole value)...
                    ("prod/orders/postgres", "us-east-1") => vec![
                        (Field::Whole, print(10)),
                        (key("password"), print(1)),
                        (key("host"), print(7)),
                        (key("username"), print(8)),
                    ],
                    ("prod/orders/postgres", "eu-west-1") => vec![
                        (Field::Whole, print(11)),
                        (key("password"), print(1)),
                        (key("host"), print(7)),
                        (key("username"), print(8)),
                        (
                            Field::Key {
                                key: "port".into(),
                                string: false,
                            },
                            print(6),
                        ),
                    ],
                    ("shared/ci/deploy-key", _) => vec![(Field::Whole, print(1))],
                    // ... and an API key twice in one secret.
                    _ => vec![
                        (Field::Whole, print(12)),
                        (key("current"), print(2)),
                        (key("previous"), print(2)),
                    ],
                };
                (s.clone(), Ok(ValuePrints { prints }))
            })
            .collect();
        h.answer(Outcome::Values(values::Outcome::Read {
            scan,
            secrets: secrets.clone(),
            result: Ok(result),
        }));
    }
    assert_eq!(check(&h).stage, Stage::Done);
    let Findings::Reused { groups, .. } = &check(&h).findings else {
        panic!("a reuse check")
    };
    let shapes: Vec<(usize, usize)> = groups
        .iter()
        .map(|g| (g.secrets, g.holders.len()))
        .collect();
    // The host and user name are shared too, but name rather than protect: left out.
    assert_eq!(shapes, vec![(3, 3), (1, 2)]);
    let screen = h.screen(100, 24);
    assert!(
        screen.contains("2 values held in more than one place"),
        "{screen}"
    );
    assert!(screen.contains("One value in 3 secrets:"), "{screen}");
    assert!(
        screen.contains("One value in 1 secret (2 places):"),
        "{screen}"
    );
    assert!(!screen.contains("field host"), "{screen}");
    insta::assert_snapshot!("reused_values_100x24", screen);

    h.press(KeyCode::Down, KeyModifiers::NONE);
    h.press(KeyCode::Down, KeyModifiers::NONE);
    enter(&mut h);
    assert_ne!(h.state.layers.top(), Layer::Values);
    let selected = h.state.selected().expect("a selection");
    assert_eq!(selected.name, "shared/ci/deploy-key");
}
