//! A state holding many accounts, as `smtui --org` comes to hold them: the organisation
//! listed, the role assumed in each member account (ten at a time, each pinned as its
//! assume answers), who each identity is and its account's alias answered, then every
//! identity's secrets arriving in pages of 100, each page stamped with the identity that
//! asked for it, the lanes of every account and region interleaved.

// The memory example loads many accounts; the list bench, one.
#![allow(dead_code)]

use std::time::Instant;

use smtui_core::app::{Action, AwsCall, Effect, Envelope, Outcome, Settings, State, init, update};
use smtui_core::features::{org, session};
use smtui_core::ids::{Arn, Identity, IdentityId};
use smtui_core::model::CallerIdentity;
use smtui_core::model::org::OrgAccount;
use smtui_core::model::org_options::OrgOptions;

use super::{ACCOUNT, REGIONS, secret_in};

/// Account `k` of the organisation: the management account (the one smtui starts in) is
/// 0, the members follow.
pub fn account_id(k: usize) -> String {
    if k == 0 {
        ACCOUNT.to_owned()
    } else {
        format!("{}", 300_000_000_000 + k)
    }
}

/// A state with `n` secrets spread evenly over `accounts` accounts (each over the three
/// regions), every member account pinned as its own identity.
pub fn loaded_accounts(n: usize, accounts: usize) -> State {
    let regions: Vec<String> = REGIONS.iter().map(|r| (*r).to_owned()).collect();
    let settings = Settings {
        home_region: Some(REGIONS[0].to_owned()),
        ..Settings::default()
    };
    let mut state = State::new(settings, &regions, Instant::now());
    state.rooms.org.start_with(OrgOptions::default());
    let mut pending = Pending::default();
    pending.take(init(&mut state));

    // Who smtui is, then the organisation: the role is assumed in every other account.
    let start = state.session.stamp();
    let who = who_am_i(&account_id(0), "arn:aws:iam::123456789012:user/alice");
    pending.take(answer(&mut state, start, who));
    let organisation = (0..accounts)
        .map(|k| OrgAccount {
            id: account_id(k),
            name: format!("team{k}"),
            active: true,
        })
        .collect();
    let listed = Outcome::Org(org::Outcome::Accounts(Ok(organisation)));
    pending.take(answer(&mut state, start, listed));
    while let Some((role_arn, id)) = pending.assumes.pop() {
        let assumed = Outcome::Assumed {
            identity: Identity::role(id, role_arn.clone()),
            result: Ok(session::Assumed {
                arn: None,
                expires: Some(state.wall + jiff::SignedDuration::from_hours(1)),
            }),
        };
        pending.take(answer(&mut state, start, assumed));
        pending.accounts.push((id, role_arn.account().to_owned()));
    }
    assert_eq!(pending.accounts.len(), accounts, "every account pinned");

    // Who each identity is, and its account's alias.
    for (id, account) in &pending.accounts {
        let stamp = state.session.stamp_for(*id).expect("held");
        let session =
            format!("arn:aws:sts::{account}:assumed-role/OrganizationAccountAccessRole/s");
        answer(&mut state, stamp, who_am_i(account, &session));
        let alias = Outcome::AccountAlias {
            result: Ok(Some(format!("team{account}"))),
        };
        answer(&mut state, stamp, alias);
    }

    deliver(&mut state, n, &pending);
    assert_eq!(state.browse.list.total(), n, "every secret listed");
    state
}

/// Every identity's share of `n`, over its listings, in pages of 100, the lanes taking
/// turns as parallel lanes deliver them.
fn deliver(state: &mut State, n: usize, pending: &Pending) {
    let per_account = n / pending.accounts.len();
    let lanes: Vec<(IdentityId, &str, &str)> = pending
        .listings
        .iter()
        .map(|(id, region)| {
            let account = pending
                .accounts
                .iter()
                .find(|(held, _)| held == id)
                .map(|(_, account)| account.as_str())
                .expect("a listing of a pinned account");
            (*id, account, region.as_str())
        })
        .collect();
    assert_eq!(lanes.len(), pending.accounts.len() * REGIONS.len());
    // Lane `l`'s secrets: the account's share, split over its regions.
    let share = |l: usize| {
        let r = l % REGIONS.len();
        per_account / REGIONS.len() + usize::from(r < per_account % REGIONS.len())
    };
    let mut sent = vec![0usize; lanes.len()];
    let mut next_index = 0usize;
    let mut firsts: Vec<usize> = Vec::with_capacity(lanes.len());
    for l in 0..lanes.len() {
        firsts.push(next_index);
        next_index += share(l);
    }
    loop {
        let mut any = false;
        for (l, (id, account, region)) in lanes.iter().enumerate() {
            let left = share(l) - sent[l];
            if left == 0 {
                continue;
            }
            any = true;
            let count = 100.min(left);
            let from = firsts[l] + sent[l];
            let page = (from..from + count)
                .map(|i| secret_in(i, region, account))
                .collect();
            sent[l] += count;
            let stamp = state.session.stamp_for(*id).expect("held");
            let outcome = Outcome::SecretsPage {
                region: (*region).to_owned(),
                page,
                last: sent[l] == share(l),
            };
            answer(state, stamp, outcome);
        }
        if !any {
            break;
        }
    }
}

/// What the app asked for so far: the roles to assume, the listings (identity, region),
/// and the accounts pinned (identity, account ID).
#[derive(Default)]
struct Pending {
    assumes: Vec<(Arn, IdentityId)>,
    listings: Vec<(IdentityId, String)>,
    accounts: Vec<(IdentityId, String)>,
}

impl Pending {
    fn take(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            let Effect::Aws { stamp, call } = effect else {
                continue;
            };
            match call {
                AwsCall::ListSecrets { region } => self.listings.push((stamp.identity, region)),
                AwsCall::Session(session::Call::AssumeRole {
                    role_arn,
                    new_identity,
                    ..
                }) => self.assumes.push((role_arn, new_identity)),
                _ => {}
            }
        }
        if self.accounts.is_empty() {
            self.accounts.push((IdentityId::START, account_id(0)));
        }
    }
}

fn answer(state: &mut State, stamp: smtui_core::app::Stamp, outcome: Outcome) -> Vec<Effect> {
    update(
        state,
        Action::Result(Envelope { stamp, outcome }),
        Instant::now(),
    )
}

fn who_am_i(account: &str, arn: &str) -> Outcome {
    Outcome::WhoAmI {
        result: Ok(CallerIdentity {
            account: account.to_owned(),
            arn: Arn::parse(arn).expect("an ARN"),
        }),
    }
}
