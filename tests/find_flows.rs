//! Finding a secret in the list: the filter's words (each in the name, region, description
//! or tags, in any order), narrowing to one region from the keyboard, and what the title
//! counts.

mod common;

use common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui::app::Outcome;
use smtui::app::layers::Layer;
use smtui::model::CallerIdentity;

fn key(h: &mut Harness, c: char) {
    h.press(KeyCode::Char(c), KeyModifiers::NONE);
}

fn shown(h: &Harness) -> Vec<(String, String)> {
    h.state
        .browse
        .list
        .visible(0..usize::MAX)
        .map(|s| (s.name.clone(), s.region.clone()))
        .collect()
}

#[test]
fn the_filter_takes_several_words_in_any_order_and_the_region() {
    let mut h = Harness::loaded();
    key(&mut h, '/');
    h.type_text("stripe prod");
    assert_eq!(
        shown(&h),
        [(
            "prod/payments/stripe-api-key".to_owned(),
            "us-east-1".to_owned()
        )]
    );
    h.press(KeyCode::Esc, KeyModifiers::NONE);
    key(&mut h, '/');
    h.type_text("postgres eu-west-1");
    assert_eq!(
        shown(&h),
        [("prod/orders/postgres".to_owned(), "eu-west-1".to_owned())]
    );
    h.press(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(h.state.layers.top(), Layer::List);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Secrets (1 of 5) /postgres eu-west-1"),
        "{screen}"
    );
}

#[test]
fn w_narrows_to_each_region_in_turn_then_shows_them_all() {
    let mut h = Harness::loaded();
    let regions = |h: &Harness| -> Vec<String> {
        let mut regions: Vec<String> = shown(h).into_iter().map(|(_, r)| r).collect();
        regions.dedup();
        regions
    };
    key(&mut h, 'w');
    assert_eq!(h.state.browse.list.region_filter(), Some("us-east-1"));
    assert_eq!(regions(&h), ["us-east-1"]);
    assert!(h.screen(120, 40).contains("Secrets (3 of 5) in us-east-1"));
    key(&mut h, 'w');
    assert_eq!(regions(&h), ["eu-west-1"]);
    key(&mut h, 'w');
    assert_eq!(h.state.browse.list.region_filter(), Some("ap-southeast-2"));
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("No secret matches the filter (Esc clears it)."),
        "a region with nothing listed is said to be narrowed to: {screen}"
    );
    key(&mut h, 'w');
    assert_eq!(h.state.browse.list.region_filter(), None);
    assert_eq!(h.state.browse.list.len(), 4);
    // Esc undoes it as it undoes a click on the region bar.
    key(&mut h, 'w');
    h.press(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(h.state.browse.list.region_filter(), None);
}

/// The first line of the screen: the title.
fn title(h: &Harness, width: u16) -> String {
    let screen = h.screen(width, 24);
    screen
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_owned()
}

#[test]
fn the_title_says_what_its_counts_count() {
    let mut h = Harness::loaded();
    assert_eq!(
        title(&h, 120),
        " smtui identity…  4 of 5 secrets · 1 deleted hidden"
    );
    key(&mut h, '/');
    h.type_text("orders");
    h.press(KeyCode::Enter, KeyModifiers::NONE);
    key(&mut h, '.');
    assert_eq!(
        title(&h, 120),
        " smtui identity…  2 of 5 secrets · 3 filtered out  +scheduled for deletion"
    );
    key(&mut h, '.');
    h.answer(Outcome::WhoAmI {
        result: Ok(CallerIdentity {
            account: "123456789012".into(),
            arn: "arn:aws:sts::123456789012:assumed-role/platform-admin/alice".into(),
        }),
    });
    // Narrower, the breakdown goes before the identity gives way, and the words last.
    let titles: Vec<String> = [120, 90, 80, 70, 60, 50, 40]
        .into_iter()
        .map(|width| format!("{width:>3}|{}", title(&h, width)))
        .collect();
    insta::assert_snapshot!("title_counts_narrowing", titles.join("\n"));
}
