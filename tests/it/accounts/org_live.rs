//! `--org` with the real SDK against the local stack's organisation: every member account
//! is assumed through OrganizationAccountAccessRole as the start identity and pinned as its
//! answer comes; each one's rows are listed with its own role's credentials (the proxy's
//! log says as whom), the account whose role refuses the assume is kept with its reason
//! while the others load, and the one whose listing is denied says so on its regions.

use std::time::Duration;

use super::in_primary_region;
use crate::common::live::{LiveApp, seeded_stack};
use smtui_core::app::{IdentityId, Settings};
use smtui_core::features::browse::RegionState;
use smtui_core::features::org::{AccountState, OrgOptions};
use smtui_devstack::fixtures as fx;
use smtui_devstack::fixtures::org;

const WAIT: Duration = Duration::from_mins(1);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn org_pins_every_member_through_its_role_and_keeps_the_refused_one() {
    let stack = seeded_stack().await;
    let mut app = in_primary_region(&stack, Settings::default()).await;
    // As `smtui --org`: discovered once who smtui is is known.
    app.state.rooms.org.start_with(OrgOptions::default());
    app.wait_for("every account answered and listed", WAIT, |s| {
        let done = s
            .rooms
            .org
            .discovery
            .as_ref()
            .and_then(|d| d.accounts.as_ref())
            .is_some_and(|a| {
                a.iter()
                    .all(|e| matches!(e.state, AccountState::Pinned(_) | AccountState::Refused(_)))
            });
        // And every reachable member's alias has come.
        let named = org::MEMBER_ACCOUNTS
            .iter()
            .filter(|m| m.id != org::REFUSED_ASSUME_ACCOUNT)
            .all(|m| {
                m.alias
                    .is_none_or(|alias| s.browse.list.account_label(m.id) == alias)
            });
        done && named && !s.browse.any_loading()
    })
    .await;
    assert_eq!(app.state.session.identity, IdentityId::START, "no switch");
    let entries = app
        .state
        .rooms
        .org
        .discovery
        .as_ref()
        .and_then(|d| d.accounts.clone())
        .expect("listed");
    assert_eq!(
        entries.len(),
        8,
        "every member; the management account is the start identity"
    );
    for entry in &entries {
        let member = org::member(&entry.account.id).expect("a seeded member");
        match &entry.state {
            AccountState::Refused(why) => {
                assert_eq!(member.id, org::REFUSED_ASSUME_ACCOUNT);
                assert!(why.contains("access denied"), "{why}");
            }
            AccountState::Pinned(identity) => pinned_as_seeded(&app, &stack, member, *identity),
            other => panic!("{}: {other:?}", member.name),
        }
    }
    assert_eq!(
        app.state.rooms.org.refused(),
        [(
            "security-prod".to_owned(),
            "access denied (AccessDenied)".to_owned()
        )]
    );
    app.shutdown();
}

/// `member`, pinned as `identity`: its seeded rows listed (none where its listing is denied,
/// which its region says), every listing signed as its own role, and named by its alias.
fn pinned_as_seeded(
    app: &LiveApp,
    stack: &smtui_devstack::Stack,
    member: &org::MemberAccount,
    identity: IdentityId,
) {
    let mut rows: Vec<String> = (app.state.browse.list.all())
        .filter(|s| s.identity == identity)
        .map(|s| s.name.clone())
        .collect();
    let mut seeded: Vec<String> = (member.secrets_in(fx::PRIMARY_REGION).iter())
        .map(|s| s.name.to_owned())
        .collect();
    rows.sort();
    seeded.sort();
    if member.id == org::DENIED_LISTING_ACCOUNT {
        assert!(rows.is_empty());
        let state = (app.state.browse.regions.iter())
            .find(|r| r.identity == identity)
            .map(|r| r.state.clone());
        assert!(matches!(state, Some(RegionState::Failed(_))), "{state:?}");
    } else {
        assert_eq!(rows, seeded, "{}", member.name);
    }
    let calls = stack.proxy().recorded_calls("ListSecrets", member.id);
    assert!(
        calls
            .iter()
            .all(|c| c.role_arn() == Some(member.access_role_arn())),
        "{}: {:?}",
        member.name,
        calls
            .iter()
            .map(|c| c.identity_arn.clone())
            .collect::<Vec<_>>()
    );
    let label = app.state.browse.list.account_label(member.id).to_owned();
    assert_eq!(label, member.alias.unwrap_or(member.id), "{}", member.name);
}
