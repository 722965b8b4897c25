//! Finding a secret in the list: the filter's words (each in the name, region, description
//! or tags, in any order), narrowing to one region from the keyboard, and what the title
//! counts.

use crate::common;

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::Outcome;
use smtui_core::model::CallerIdentity;
use smtui_core::room::layers::Layer;

fn key(h: &mut Harness, c: char) {
    h.press(KeyCode::Char(c), KeyModifiers::NONE);
}

fn shown(h: &Harness) -> Vec<(String, String)> {
    h.state
        .browse
        .list
        .visible(0..usize::MAX)
        .map(|s| (s.name.clone(), s.region.to_string()))
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
            arn: crate::common::arn("arn:aws:sts::123456789012:assumed-role/platform-admin/alice"),
        }),
    });
    // Narrower, the breakdown goes before the identity gives way, and the words last.
    let titles: Vec<String> = [120, 90, 80, 70, 60, 50, 40]
        .into_iter()
        .map(|width| format!("{width:>3}|{}", title(&h, width)))
        .collect();
    insta::assert_snapshot!("title_counts_narrowing", titles.join("\n"));
}

/// Names as the demo has them: two that share their start and their end, a long one, and
/// two scheduled for deletion that differ only in their middle.
fn many_names() -> Harness {
    let mut h = Harness::new();
    let doomed = |name: &str| {
        let mut s = common::summary(name, "us-east-1");
        s.deleted_date = Some(common::ts("2026-12-16T09:00:00Z"));
        s
    };
    h.page(
        "us-east-1",
        vec![
            common::summary("staging/auth/oauth-client-secret", "us-east-1"),
            common::summary("staging/auth/oidc-client-secret", "us-east-1"),
            common::summary("staging/notifications/pagerduty-routing-key", "us-east-1"),
            common::summary("prod/orders/postgres", "us-east-1"),
            doomed("dev/inventory-eu/pagerduty-routing-key"),
            doomed("dev/inventory-us/pagerduty-routing-key"),
        ],
        true,
    );
    h.page(
        "eu-west-1",
        vec![common::summary("prod/orders/postgres", "eu-west-1")],
        true,
    );
    h.page("ap-southeast-2", Vec::new(), true);
    h
}

/// The list's name cells on screen (between the header and the pane's bottom border): what
/// is drawn before the region column.
fn name_cells(screen: &str) -> Vec<String> {
    let mut lines = screen.lines().skip_while(|l| !l.contains("NAME"));
    let header = lines.next().unwrap_or_default();
    let region = header.chars().position(|c| c == 'R').unwrap_or(0);
    lines
        .take_while(|l| !l.contains('┗') && !l.contains('└'))
        .map(|l| {
            let cell: String = l.chars().skip(1).take(region - 1).collect();
            cell.trim_end().to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn wide_screens_give_the_name_its_room_and_no_two_names_read_the_same() {
    let mut h = many_names();
    key(&mut h, '.');
    let screen = h.screen(160, 45);
    let rows = name_cells(&screen);
    assert_eq!(rows.len(), 7, "{screen}");
    for name in [
        "staging/auth/oauth-client-secret",
        "staging/auth/oidc-client-secret",
        "staging/notifications/pagerduty-routing-key",
    ] {
        assert!(
            screen.contains(name),
            "{name} whole at 160 columns:\n{screen}"
        );
    }
    // The rows scheduled for deletion share their start and their end: elided, each still
    // says which it is.
    let doomed: Vec<&String> = rows
        .iter()
        .filter(|r| r.contains("(deleting 2026-12-16)"))
        .collect();
    assert_eq!(doomed.len(), 2, "{screen}");
    assert_ne!(doomed[0], doomed[1], "{screen}");
    assert!(doomed.iter().all(|n| n.contains('…')), "{doomed:?}");
    insta::assert_snapshot!("many_names_160x45", screen);
}

#[test]
fn names_elided_on_a_narrow_screen_still_read_apart() {
    let mut h = many_names();
    key(&mut h, '.');
    for width in [40, 50, 60, 80, 100, 120, 140] {
        let screen = h.screen(width, 30);
        let names = name_cells(&screen);
        assert_eq!(names.len(), 7, "{width}:\n{screen}");
        // The same name in two regions reads the same; different names never do.
        let mut distinct = names.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 6, "{width}: {names:?}\n{screen}");
    }
}
