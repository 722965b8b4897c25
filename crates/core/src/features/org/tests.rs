//! The discovery's choices and its pace, without the router.

use super::MAX_ASSUMES;
use super::discovery::{AccountState, Discovery};
use super::{OrgOptions, Out};
use crate::ids::IdentityId;
use crate::model::org::OrgAccount;
use crate::room::Intent;

fn account(n: usize, name: &str, active: bool) -> OrgAccount {
    OrgAccount {
        id: format!("{:012}", 100_000_000_000 + n),
        name: name.to_owned(),
        active,
    }
}

fn pins(out: &Out) -> Vec<String> {
    out.intents
        .iter()
        .filter_map(|i| match i {
            Intent::PinRole { role_arn } => Some(role_arn.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn only_active_matching_accounts_but_this_one_are_assumed_ten_at_a_time() {
    let options: OrgOptions = "role=Reader name=*-prod".parse().expect("valid");
    let mut discovery = Discovery::new(options);
    let mut accounts: Vec<OrgAccount> = (0..14)
        .map(|n| account(n, &format!("team{n}-prod"), true))
        .collect();
    accounts.push(account(20, "old-prod", false));
    accounts.push(account(21, "data-dev", true));
    let own = accounts[0].id.clone();
    discovery.listed(accounts, Some(&own));
    assert_eq!(discovery.accounts.as_ref().map(Vec::len), Some(13));
    let mut out = Out::default();
    discovery.next_assumes(&mut out);
    let first = pins(&out);
    assert_eq!(first.len(), MAX_ASSUMES);
    assert_eq!(first[0], "arn:aws:iam::100000000001:role/Reader");
    // One answers: one more starts.
    discovery.answered("100000000001", Ok(IdentityId(5)));
    let mut out = Out::default();
    discovery.next_assumes(&mut out);
    assert_eq!(pins(&out), ["arn:aws:iam::100000000011:role/Reader"]);
    assert!(discovery.finished().is_none(), "not done");
    for n in 2..=13 {
        let id = format!("{:012}", 100_000_000_000_usize + n);
        if n == 3 {
            discovery.answered(&id, Err("access denied".into()));
        } else {
            discovery.answered(&id, Ok(IdentityId(u32::try_from(n).expect("small"))));
        }
        discovery.next_assumes(&mut Out::default());
    }
    let summary = discovery.finished().expect("every account answered");
    assert_eq!(
        summary,
        "Organisation: 12 accounts pinned, 1 refused the assume (the account bar says why); \
         3 left out (not active, not matching, or this one)"
    );
    assert!(discovery.finished().is_none(), "said once");
    assert_eq!(
        discovery.refused(),
        [("team3-prod".to_owned(), "access denied".to_owned())]
    );
    let states = discovery.accounts.as_ref().expect("listed");
    assert!(matches!(
        states[0].state,
        AccountState::Pinned(IdentityId(5))
    ));
}
