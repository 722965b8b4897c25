//! One pinned identity's credentials expiring, with the real SDK against the local stack
//! (whose proxy expires credentials on demand): its listing fails as expired, it is renewed
//! on its own (AssumeRole again as the identity that assumed it) and listed again, while
//! the identity worked as goes on untouched.

use std::time::Duration;

use super::{in_primary_region, pin_by_arn};
use crate::common::live::{LiveApp, seeded_stack};
use smtui_core::app::{Action, Command, IdentityId, Settings};
use smtui_core::features::browse::RegionState;
use smtui_core::model::ErrorKind;
use smtui_core::room::keys::Verb;
use smtui_devstack::fixtures as fx;
use smtui_devstack::fixtures::org;

const WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_pinned_identity_is_renewed_alone_and_listed_again() {
    let stack = seeded_stack().await;
    let mut app = in_primary_region(&stack, Settings::default()).await;
    app.wait_loaded().await;
    let role = org::PAYMENTS_PROD.access_role_arn();
    pin_by_arn(&mut app, &role);
    let pinned = IdentityId(1);
    let rows_of = |app: &LiveApp| {
        (app.state.browse.list.all())
            .filter(|s| s.identity == pinned)
            .count()
    };
    app.wait_for("the pinned account listed", WAIT, |s| {
        s.session.is_held(pinned) && !s.browse.any_loading()
    })
    .await;
    let seeded = org::PAYMENTS_PROD.secrets_in(fx::PRIMARY_REGION).len();
    assert_eq!(rows_of(&app), seeded);

    // Its credentials expire; a refresh lists every held identity again.
    let issued = stack.proxy().credentials_issued_for(&role).len();
    assert!(stack.proxy().expire_role(&role) >= 1);
    app.cmd(Command::Verb(Verb::Refresh));
    app.wait_for("its listing refused as expired", WAIT, |s| {
        s.browse.regions.iter().any(|r| {
            r.identity == pinned
                && matches!(&r.state, RegionState::Failed(e) if e.kind == ErrorKind::ExpiredToken)
        })
    })
    .await;
    // The next tick renews it, alone, and lists it again.
    app.dispatch(Action::Tick);
    app.wait_for("renewed and listed again", WAIT, |s| {
        s.browse
            .regions
            .iter()
            .any(|r| r.identity == pinned && matches!(r.state, RegionState::Loaded { .. }))
    })
    .await;
    assert_eq!(rows_of(&app), seeded);
    assert_eq!(
        stack.proxy().credentials_issued_for(&role).len(),
        issued + 1,
        "one renewal"
    );
    assert_eq!(app.state.session.identity, IdentityId::START);
    app.wait_loaded().await;
    assert!(
        (app.state.browse.regions.iter())
            .filter(|r| r.identity == IdentityId::START)
            .all(|r| matches!(r.state, RegionState::Loaded { .. })),
        "the identity worked as is untouched"
    );
    app.shutdown();
}
