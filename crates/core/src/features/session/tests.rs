//! The session's history and its session names.

use super::{IdentityId, Session, clean_session_name};

#[test]
fn role_back_walks_back_to_the_start_identity() {
    let mut session = Session::new(None);
    session.switch_to(IdentityId(1));
    session.switch_to(IdentityId(2));
    assert_eq!(session.previous(), Some(IdentityId(1)));
    assert!(session.go_back());
    assert_eq!(session.identity, IdentityId(1));
    assert!(session.go_back());
    assert_eq!(
        session.identity,
        IdentityId::START,
        "not back to 2: a walk, not a swap"
    );
    assert!(!session.go_back(), "nothing before the start");
    assert_eq!(session.identity, IdentityId::START);
}

#[test]
fn session_names_are_cleaned_to_what_aws_accepts() {
    assert_eq!(clean_session_name("smtui-alice"), "smtui-alice");
    assert_eq!(clean_session_name("smtui-jo bob/é"), "smtui-jo-bob--");
    assert_eq!(clean_session_name("a"), "a-");
    assert_eq!(clean_session_name(&"x".repeat(100)).len(), 64);
}

#[test]
fn an_identity_number_is_never_given_twice() {
    let mut session = Session::new(None);
    let first = session.next_identity();
    // Gone again (unpinned, or refused) before anything else was made.
    session.pins_on_way.clear();
    session.known.retain(|k| k.identity.id != first);
    let second = session.next_identity();
    assert_ne!(first, second, "the runner keeps a dropped number dropped");
    assert!(second > first);
}
