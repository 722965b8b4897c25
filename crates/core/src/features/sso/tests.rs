//! The Identity Center popup's entries and the "role X everywhere" batch, over the room
//! alone.

use super::portal::Pick;
use super::{IdentityCenter, PortalView, Stage};
use crate::model::org::MAX_ASSUMES;
use crate::model::sso::{PortalAccount, SsoLogin, SsoPick};
use crate::room::{Intent, Out};

fn login() -> SsoLogin {
    SsoLogin {
        session: Some("corp".into()),
        start_url: "https://corp.awsapps.com/start".into(),
        region: "us-east-1".into(),
        scopes: vec![],
    }
}

fn account(i: usize, roles: &[&str]) -> PortalAccount {
    PortalAccount {
        id: format!("{:012}", 100 + i),
        name: format!("acct-{i:02}"),
        email: format!("a{i}@example.com"),
        roles: roles.iter().map(|r| (*r).to_owned()).collect(),
    }
}

#[test]
fn every_role_granted_twice_is_offered_once_before_each_account_role() {
    let accounts = vec![account(1, &["Admin", "Reader"]), account(2, &["Reader"])];
    let view = PortalView::new(login(), true, Stage::Listed(accounts));
    let picks: Vec<Pick> = view.entries().into_iter().map(|e| e.pick).collect();
    assert_eq!(picks[0], Pick::Every("Reader".into()));
    assert_eq!(picks.len(), 4, "every + three account roles: {picks:?}");
    assert!(
        !picks.contains(&Pick::Every("Admin".into())),
        "one account only"
    );
}

#[test]
fn a_signed_out_portal_offers_only_to_sign_in() {
    let view = PortalView::new(login(), false, Stage::SignedOut("expired".into()));
    let picks: Vec<Pick> = view.entries().into_iter().map(|e| e.pick).collect();
    assert_eq!(picks, [Pick::SignIn]);
}

#[test]
fn pinning_everywhere_keeps_at_most_the_cap_on_their_way_and_sums_up_once() {
    let n = MAX_ASSUMES + 3;
    let accounts: Vec<PortalAccount> = (0..n).map(|i| account(i, &["Reader"])).collect();
    let mut room = IdentityCenter::default();
    let mut out: Out<super::Room> = Out::default();
    room.pin_everywhere(login(), "Reader", &accounts, &mut out);
    let asked = |out: &Out<super::Room>| {
        out.intents
            .iter()
            .filter(|i| {
                matches!(i, Intent::UseSsoRole { pick: SsoPick::PinOfMany, role_name, .. }
                    if role_name == "Reader")
            })
            .count()
    };
    assert_eq!(asked(&out), MAX_ASSUMES);
    let mut out = Out::default();
    room.pinned(&accounts[0].id, Err("AccessDenied".into()), &mut out);
    assert_eq!(asked(&out), 1, "one answered, one more asked");
    for account in &accounts[1..] {
        room.pinned(&account.id, Ok(()), &mut out);
    }
    assert!(room.batch.is_none(), "done");
    let said: Vec<String> = out
        .intents
        .iter()
        .filter_map(|i| match i {
            Intent::Status(line) => Some(line.text.clone()),
            _ => None,
        })
        .collect();
    assert!(
        said.iter().any(
            |s| s.contains(&format!("Reader pinned in {} accounts", n - 1))
                && s.contains("acct-00: AccessDenied")
        ),
        "{said:?}"
    );
}
