//! `smtui list --org` and `smtui posture --org`: the organisation's accounts listed through
//! the same runner as the TUI. Who smtui is and the accounts are asked first; the role is
//! assumed in each chosen account (at most `MAX_ASSUMES` at a time, as the identity smtui
//! starts as), each account's regions are listed with its own credentials as soon as its
//! assume answers, and its alias asked. An account whose assume is refused, or a region
//! that cannot be listed, is a failure (exit 2); everything that did load is printed.

use std::collections::{HashSet, VecDeque};

use tokio::sync::mpsc;

use smtui_aws::AwsContext;
use smtui_aws::clipboard::{Clipboard, MemoryBackend};
use smtui_aws::runner::Runner;
use smtui_core::app::{Action, AwsCall, Effect, IdentityId, Outcome, Stamp};
use smtui_core::features::session;
use smtui_core::ids::Arn;
use smtui_core::model::SecretSummary;
use smtui_core::model::org::{MAX_ASSUMES, OrgAccount, OrgOptions, choose};

use super::{ListedAccount, Listing};

/// Every chosen account's secrets, and the own account's, with what could not be had.
pub async fn list_org(
    ctx: AwsContext,
    regions: &[String],
    options: &OrgOptions,
    user: &str,
) -> Listing {
    let (tx, rx) = mpsc::unbounded_channel();
    // Nothing is copied; the runner wants a clipboard all the same.
    let clipboard = Clipboard::new(Box::new(MemoryBackend::default()));
    let runner = Runner::new(ctx.clone(), tx, clipboard).read_only(true);
    let mut run = OrgRun {
        runner,
        rx,
        regions,
        home: regions.first().cloned(),
        listing: Listing {
            org: true,
            ..Listing::default()
        },
        waiting: VecDeque::new(),
        assuming: 0,
        on_way: Vec::new(),
        pending: HashSet::new(),
    };
    let Some((own, accounts)) = run.who_and_accounts(&ctx, options).await else {
        return run.listing;
    };
    let own_name = accounts
        .iter()
        .find(|a| a.id == own)
        .map_or_else(String::new, |a| a.name.clone());
    run.listed(IdentityId::START, own.clone(), own_name);
    let chosen = choose(accounts, Some(&own), options.name.as_deref());
    let session_name = format!("smtui-{user}");
    for (n, account) in chosen.into_iter().enumerate() {
        let identity = IdentityId(u32::try_from(n + 1).unwrap_or(u32::MAX));
        run.waiting.push_back((identity, account));
    }
    run.next_assumes(&options.role, &session_name);
    while run.assuming > 0 || !run.pending.is_empty() {
        let Some(Action::Result(envelope)) = run.rx.recv().await else {
            if run.rx.is_closed() {
                break;
            }
            continue;
        };
        let identity = envelope.stamp.identity;
        match envelope.outcome {
            Outcome::Assumed { identity, result } => {
                run.assuming -= 1;
                let account = run.take_account(identity.id);
                match (result, account) {
                    (Ok(_), Some(account)) => run.listed(identity.id, account.id, account.name),
                    (Err(mut error), Some(account)) => {
                        error.region = format!("account {} ({})", account.id, account.name);
                        run.listing.failed.push(error);
                    }
                    _ => {}
                }
                run.next_assumes(&options.role, &session_name);
            }
            Outcome::SecretsPage { region, page, last } => {
                // Each row is the identity's that listed it (the TUI's router does this).
                run.listing
                    .secrets
                    .extend(page.into_iter().map(|s| SecretSummary { identity, ..s }));
                if last {
                    run.pending.remove(&Pending::Region(identity, region));
                }
            }
            Outcome::RegionFailed { region, mut error } => {
                run.pending.remove(&Pending::Region(identity, region));
                error.region = format!("{} of account {}", error.region, run.account_id(identity));
                run.listing.failed.push(error);
            }
            Outcome::AccountAlias { result } => {
                run.pending.remove(&Pending::Alias(identity));
                if let Some(account) = run
                    .listing
                    .accounts
                    .iter_mut()
                    .find(|a| a.identity == identity)
                {
                    account.alias = result.ok().flatten();
                }
            }
            _ => {}
        }
    }
    run.listing
}

/// What is still awaited: a region's last page, an account's alias.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Pending {
    Region(IdentityId, String),
    Alias(IdentityId),
}

struct OrgRun<'a> {
    runner: Runner,
    rx: mpsc::UnboundedReceiver<Action>,
    regions: &'a [String],
    /// Where STS is asked.
    home: Option<String>,
    listing: Listing,
    /// Accounts whose assume has not started, each with the identity it will make.
    waiting: VecDeque<(IdentityId, OrgAccount)>,
    /// How many assumes are on their way, and for which accounts.
    assuming: usize,
    on_way: Vec<(IdentityId, OrgAccount)>,
    pending: HashSet<Pending>,
}

impl OrgRun<'_> {
    fn stamp(identity: IdentityId) -> Stamp {
        Stamp {
            generation: 0,
            identity,
        }
    }

    /// Who smtui is and the organisation's accounts (none, said in the listing, when they
    /// could not be listed: then only the own account is); `None` when who smtui is could
    /// not be had.
    async fn who_and_accounts(
        &mut self,
        ctx: &AwsContext,
        options: &OrgOptions,
    ) -> Option<(String, Vec<OrgAccount>)> {
        self.runner.run(Effect::Aws {
            stamp: Self::stamp(IdentityId::START),
            call: AwsCall::WhoAmI {
                region: self.home.clone(),
            },
        });
        // Asked beside who smtui is, straight through the SDK (its pages in sequence).
        let accounts = smtui_aws::organizations::accounts(ctx, options.unit.as_deref());
        let rx = &mut self.rx;
        let who = async {
            loop {
                match rx.recv().await {
                    Some(Action::Result(envelope)) => {
                        if let Outcome::WhoAmI { result } = envelope.outcome {
                            return Some(result);
                        }
                    }
                    Some(_) => {}
                    None => return None,
                }
            }
        };
        let (who, accounts) = tokio::join!(who, accounts);
        match (who?, accounts) {
            (Ok(me), Ok(accounts)) => Some((me.account, accounts)),
            // The accounts could not be listed: the own account still is.
            (Ok(me), Err(error)) => {
                self.listing.failed.push(error);
                Some((me.account, Vec::new()))
            }
            (Err(error), _) => {
                self.listing.failed.push(error);
                None
            }
        }
    }

    /// `identity` is `account`'s: its regions are listed and its alias asked, as it.
    fn listed(&mut self, identity: IdentityId, id: String, name: String) {
        self.listing.accounts.push(ListedAccount {
            identity,
            id,
            name,
            alias: None,
        });
        let stamp = Self::stamp(identity);
        for region in self.regions {
            self.pending
                .insert(Pending::Region(identity, region.clone()));
            self.runner.run(Effect::Aws {
                stamp,
                call: AwsCall::ListSecrets {
                    region: region.clone(),
                },
            });
        }
        self.pending.insert(Pending::Alias(identity));
        self.runner.run(Effect::Aws {
            stamp,
            call: AwsCall::AccountAlias {
                region: self.home.clone(),
            },
        });
    }

    /// Starts waiting assumes, up to `MAX_ASSUMES` on their way.
    fn next_assumes(&mut self, role: &str, session_name: &str) {
        while self.assuming < MAX_ASSUMES {
            let Some((identity, account)) = self.waiting.pop_front() else {
                return;
            };
            let text = format!("arn:aws:iam::{}:role/{role}", account.id);
            let Ok(role_arn) = Arn::parse(&text) else {
                continue;
            };
            self.assuming += 1;
            self.runner.run(Effect::Aws {
                stamp: Self::stamp(IdentityId::START),
                call: AwsCall::Session(session::Call::AssumeRole {
                    role_arn,
                    session_name: session_name.to_owned(),
                    external_id: None,
                    duration_secs: None,
                    new_identity: identity,
                    region: self.home.clone(),
                    as_identity: None,
                }),
            });
            self.on_way.push((identity, account));
        }
    }

    /// The account an assume on its way was for.
    fn take_account(&mut self, identity: IdentityId) -> Option<OrgAccount> {
        let at = self.on_way.iter().position(|(id, _)| *id == identity)?;
        Some(self.on_way.remove(at).1)
    }

    fn account_id(&self, identity: IdentityId) -> &str {
        self.listing
            .accounts
            .iter()
            .find(|a| a.identity == identity)
            .map_or("?", |a| a.id.as_str())
    }
}
