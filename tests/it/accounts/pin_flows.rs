//! Pinning through the router: the switcher opened to pin, the identity made and held
//! beside the start one, who it is and its account's alias asked as it, the rows of both in
//! one table, the account column, bar, filter and sort, a confirmation naming the account,
//! and unpinning.

use crate::common::roles::{listings, press, with_profiles};
use crate::common::{Harness, arn, detail_for, summary};
use crossterm::event::KeyCode;
use smtui_core::app::{Action, Assumed, AwsCall, Command, Effect, Envelope, IdentityId, Outcome};
use smtui_core::features::browse::Column;
use smtui_core::features::browse::Command as BrowseCommand;
use smtui_core::features::session;
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::ids::Identity;
use smtui_core::model::{CallerIdentity, SecretSummary};
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::Layer;
use smtui_core::room::{IdentityId as Id, Stamp};

const START_ACCOUNT: &str = "123456789012";
const B_ACCOUNT: &str = "222222222222";
const B: Id = IdentityId(1);

pub(super) fn answer_as(h: &mut Harness, stamp: Stamp, outcome: Outcome) {
    h.act(Action::Result(Envelope { stamp, outcome }));
}

fn caller(account: &str, arn_text: &str) -> Outcome {
    Outcome::WhoAmI {
        result: Ok(CallerIdentity {
            account: account.to_owned(),
            arn: arn(arn_text),
        }),
    }
}

/// A row of account B.
fn b_row(name: &str, region: &str) -> SecretSummary {
    let mut row = summary(name, region);
    row.arn = arn(&format!(
        "arn:aws:secretsmanager:{region}:{B_ACCOUNT}:secret:{name}-XyZabc"
    ));
    row
}

/// The calls of the last action, with the identity each is made as.
fn sent(h: &Harness) -> Vec<(Id, &'static str)> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws { stamp, call } => Some((stamp.identity, operation(call))),
            _ => None,
        })
        .collect()
}

fn operation(call: &AwsCall) -> &'static str {
    use smtui_core::room::RoomCall as _;
    call.operation()
}

/// The start identity known as account 123456789012, profile `dev` (account B, alias
/// `ledger-prod`) pinned beside it, and a page of B's rows in us-east-1.
pub(super) fn pinned() -> Harness {
    let mut h = with_profiles();
    h.answer(caller(
        START_ACCOUNT,
        "arn:aws:iam::123456789012:user/alice",
    ));
    h.cmd(Command::Session(SessionCommand::Pin));
    assert_eq!(h.state.layers.top(), Layer::Roles, "the switcher, to pin");
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Pin an identity beside those held") && screen.contains("profile dev"),
        "{screen}"
    );
    h.type_text("dev");
    press(&mut h, KeyCode::Enter);
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Session(session::Call::UseProfile { profile, new_identity })]
            if profile == "dev" && *new_identity == B
    ));
    h.answer(Outcome::Assumed {
        identity: Identity::profile(B, "dev"),
        result: Ok(Assumed {
            arn: None,
            expires: None,
        }),
    });
    assert_eq!(
        h.state.session.identity,
        IdentityId::START,
        "still working as the start identity"
    );
    assert!(h.state.session.is_held(B) && h.state.session.is_held(IdentityId::START));
    assert!(
        h.state.status_text().contains("Pinned profile dev"),
        "{}",
        h.state.status_text()
    );
    // B's regions listed as B; who B is and both accounts' aliases asked.
    let listed = listings(&h);
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert!(listed.iter().all(|(id, _)| *id == B), "{listed:?}");
    let mut asked: Vec<(Id, &str)> = sent(&h)
        .into_iter()
        .filter(|(_, op)| *op != "ListSecrets")
        .collect();
    asked.sort_unstable();
    assert_eq!(
        asked,
        [
            (IdentityId::START, "ListAccountAliases"),
            (B, "GetCallerIdentity"),
            (B, "ListAccountAliases"),
        ]
    );
    let b = h.state.session.stamp_for(B).expect("B is held");
    let start = h.state.session.stamp();
    answer_as(
        &mut h,
        b,
        Outcome::SecretsPage {
            region: "us-east-1".into(),
            page: vec![
                b_row("ledger/api-key", "us-east-1"),
                b_row("ledger/db", "us-east-1"),
            ],
            last: true,
        },
    );
    answer_as(
        &mut h,
        b,
        caller(
            B_ACCOUNT,
            "arn:aws:sts::222222222222:assumed-role/reader/dev",
        ),
    );
    answer_as(
        &mut h,
        b,
        Outcome::AccountAlias {
            result: Ok(Some("ledger-prod".into())),
        },
    );
    // The start account has no alias: it is named by its ID.
    answer_as(&mut h, start, Outcome::AccountAlias { result: Ok(None) });
    h
}

fn visible_names(h: &Harness) -> Vec<String> {
    h.state
        .browse
        .list
        .visible(0..usize::MAX)
        .map(|s| s.name.clone())
        .collect()
}

#[test]
fn a_pinned_identity_s_rows_join_the_list_named_by_their_account() {
    let h = pinned();
    assert!(h.state.browse.list.accounts_shown());
    let screen = h.screen(160, 40);
    assert!(screen.contains("ACCOUNT"), "{screen}");
    let row_of = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(row_of("ledger/api-key").contains("ledger-prod"), "{screen}");
    assert!(
        row_of("shared/ci/deploy-key").contains(START_ACCOUNT),
        "{screen}"
    );
    // The account × region bar: each account's regions after its name.
    assert!(
        screen.contains("123456789012: us-east-1") && screen.contains("ledger-prod: us-east-1"),
        "{screen}"
    );
    insta::assert_snapshot!("pinned_160x40", screen);
}

#[test]
fn the_account_is_found_by_its_alias_or_id_and_sorted_by() {
    let mut h = pinned();
    h.state.browse.list.set_filter("ledger-p".into());
    assert_eq!(visible_names(&h), ["ledger/api-key", "ledger/db"]);
    h.state.browse.list.set_filter("2222222".into());
    assert_eq!(visible_names(&h), ["ledger/api-key", "ledger/db"]);
    h.state.browse.list.set_filter(String::new());
    // `s` reaches the account column now: start's account (123…) sorts before B's (222…).
    while h.state.browse.list.sort().column != Column::Account {
        h.cmd(Command::Verb(Verb::SortNext));
    }
    let names = visible_names(&h);
    assert_eq!(
        names.last().map(String::as_str),
        Some("ledger/db"),
        "{names:?}"
    );
    h.cmd(Command::Browse(BrowseCommand::SortReverse));
    let mut first_two = visible_names(&h)[..2].to_vec();
    first_two.sort();
    assert_eq!(
        first_two,
        ["ledger/api-key", "ledger/db"],
        "B's account first"
    );
    // The column sorts by what it shows: the start account's alias, once known, sorts
    // after ledger-prod (its ID sorted before).
    h.cmd(Command::Browse(BrowseCommand::SortReverse));
    h.answer(Outcome::AccountAlias {
        result: Ok(Some("zeta-start".into())),
    });
    let mut first_two = visible_names(&h)[..2].to_vec();
    first_two.sort();
    assert_eq!(
        first_two,
        ["ledger/api-key", "ledger/db"],
        "ledger-prod before zeta-start"
    );
}

#[test]
fn the_bar_sums_up_each_account_when_its_regions_do_not_fit() {
    let h = pinned();
    let screen = h.screen(80, 24);
    let bar = screen.lines().nth(1).unwrap_or_default().to_owned();
    // Start: one region loaded, one loading, one denied; B: one loaded, two loading.
    assert!(
        bar.contains("123456789012 ✗ access denied") && bar.contains("ledger-prod 2…"),
        "{bar}"
    );
}

#[test]
fn a_write_s_confirmation_names_the_account_it_goes_to() {
    let mut h = pinned();
    h.state.browse.list.set_filter("ledger/db".into());
    let secret = h.selected_secret();
    assert_eq!(secret.identity, B);
    let selected = h.state.selected().cloned().expect("B's row");
    let b = h.state.session.stamp_for(B).expect("held");
    answer_as(
        &mut h,
        b,
        Outcome::Described {
            secret,
            result: Ok(detail_for(&selected)),
        },
    );
    press(&mut h, KeyCode::Char('D'));
    assert_eq!(
        h.state.layers.top(),
        Layer::Confirm,
        "{}",
        h.screen(120, 40)
    );
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("In account ledger-prod (222222222222)"),
        "{screen}"
    );
}

#[test]
fn unpinning_drops_the_identity_s_rows_and_the_account_column() {
    let mut h = pinned();
    let before = h.state.browse.list.total();
    h.cmd(Command::Session(SessionCommand::Unpin));
    assert_eq!(h.state.layers.top(), Layer::Roles);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Unpin an identity") && screen.contains("dev"),
        "{screen}"
    );
    press(&mut h, KeyCode::Enter);
    assert!(!h.state.session.is_held(B));
    assert!(
        h.effects
            .iter()
            .any(|e| matches!(e, Effect::ForgetIdentity { identity } if *identity == B)),
        "its credentials leave the runner: {:?}",
        h.effects
    );
    assert_eq!(h.state.browse.list.total(), before - 2);
    assert!(
        h.state
            .browse
            .list
            .all()
            .all(|s| s.identity == IdentityId::START),
        "only the start identity's rows"
    );
    assert!(!h.state.browse.list.accounts_shown());
    assert!(
        h.state
            .status_text()
            .contains("Unpinned profile dev: its 2 rows went"),
        "{}",
        h.state.status_text()
    );
    // Nothing is left to unpin: said, no switcher.
    h.cmd(Command::Session(SessionCommand::Unpin));
    assert_ne!(h.state.layers.top(), Layer::Roles);
    // Pinning again offers dev again.
    h.cmd(Command::Session(SessionCommand::Pin));
    let offered: Vec<String> = h
        .state
        .session
        .entries_for("", session::switcher::Purpose::Pin)
        .into_iter()
        .map(|e| e.label)
        .collect();
    assert!(offered.contains(&"profile dev".to_owned()), "{offered:?}");
}
