//! The browse room's state: the regions and their listing status, and the list.

use crate::features::browse::list::SecretList;
use crate::ids::IdentityId;
use crate::model::AwsError;

#[derive(Debug, Clone, PartialEq)]
pub enum RegionState {
    Loading { so_far: usize },
    Loaded { count: usize },
    Failed(AwsError),
}

#[derive(Debug, Clone)]
pub struct RegionStatus {
    /// The identity listing it: a region's status is that identity's.
    pub identity: IdentityId,
    pub name: String,
    pub state: RegionState,
    /// True until the first page of the current generation has arrived: old rows stay
    /// visible during a refresh and are swapped out only then.
    pub(crate) awaiting_first_page: bool,
}

#[derive(Debug, Clone)]
pub struct Browse {
    /// Each held identity's regions (by identity, then in the order browsed).
    pub regions: Vec<RegionStatus>,
    /// Every held identity's rows.
    pub list: SecretList,
    /// The regions browsed, as each identity lists them.
    pub(crate) names: Vec<String>,
}

impl Browse {
    /// The start identity's regions, loading.
    pub(crate) fn new(regions: &[String]) -> Self {
        let mut browse = Self {
            regions: Vec::new(),
            list: SecretList::default(),
            names: regions.to_vec(),
        };
        browse.hold(IdentityId::START);
        browse
    }

    /// The first region listed: where smtui asks who it is, and where a command that
    /// needs a region runs when no secret is selected.
    pub(crate) fn first_region(&self) -> Option<&str> {
        self.regions.first().map(|r| r.name.as_str())
    }

    /// Lists `identity`'s secrets too: its regions join, loading (its pages land under it).
    pub(crate) fn hold(&mut self, identity: IdentityId) {
        if self.regions.iter().any(|r| r.identity == identity) {
            return;
        }
        self.regions
            .extend(self.names.iter().map(|name| RegionStatus {
                identity,
                name: name.clone(),
                state: RegionState::Loading { so_far: 0 },
                awaiting_first_page: true,
            }));
        self.list.show_accounts(self.identities().len() > 1);
    }

    /// Every held identity, in the order first held.
    pub fn identities(&self) -> Vec<IdentityId> {
        let mut held: Vec<IdentityId> = Vec::new();
        for region in &self.regions {
            if !held.contains(&region.identity) {
                held.push(region.identity);
            }
        }
        held
    }

    /// `identity`'s rows and regions go: none of it is held any more.
    pub(crate) fn release(&mut self, identity: IdentityId) {
        for name in &self.names {
            self.list.clear_region(identity, name);
        }
        self.regions.retain(|r| r.identity != identity);
        self.list.show_accounts(self.identities().len() > 1);
    }

    /// `identity`'s status of `region`.
    pub(crate) fn status_mut(
        &mut self,
        identity: IdentityId,
        region: &str,
    ) -> Option<&mut RegionStatus> {
        self.regions
            .iter_mut()
            .find(|r| r.identity == identity && r.name == region)
    }

    /// A secret made here joins the list, and its region's count, without a reload.
    pub(crate) fn add_row(&mut self, summary: crate::model::SecretSummary) {
        if let Some(region) = self.status_mut(summary.identity, &summary.region) {
            match &mut region.state {
                RegionState::Loaded { count } | RegionState::Loading { so_far: count } => {
                    *count += 1;
                }
                RegionState::Failed(_) => {}
            }
        }
        self.list.extend(vec![summary]);
    }

    pub fn any_loading(&self) -> bool {
        self.regions
            .iter()
            .any(|r| matches!(r.state, RegionState::Loading { .. }))
    }
}
