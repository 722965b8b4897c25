//! The browse room's state: the regions and their listing status, and the list.

use crate::features::browse::list::SecretList;
use crate::model::AwsError;

#[derive(Debug, Clone, PartialEq)]
pub enum RegionState {
    Loading { so_far: usize },
    Loaded { count: usize },
    Failed(AwsError),
}

#[derive(Debug, Clone)]
pub struct RegionStatus {
    pub name: String,
    pub state: RegionState,
    /// True until the first page of the current generation has arrived: old rows stay
    /// visible during a refresh and are swapped out only then.
    pub awaiting_first_page: bool,
}

#[derive(Debug, Clone)]
pub struct Browse {
    pub regions: Vec<RegionStatus>,
    pub list: SecretList,
}

impl Browse {
    pub fn new(regions: &[String]) -> Self {
        Self {
            regions: regions
                .iter()
                .map(|name| RegionStatus {
                    name: name.clone(),
                    state: RegionState::Loading { so_far: 0 },
                    awaiting_first_page: true,
                })
                .collect(),
            list: SecretList::default(),
        }
    }

    /// A secret made here joins the list, and its region's count, without a reload.
    pub fn add_row(&mut self, summary: crate::model::SecretSummary) {
        if let Some(region) = self.regions.iter_mut().find(|r| r.name == summary.region) {
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
