//! Versions: every version of the selected secret, labelled or not (the service keeps
//! about 100). Pick the one reveal and copy fetch, compare one with the current version
//! (which keys or lines changed, values masked until asked for), or make one current again
//! (a rollback, confirmed). Opened over the panes from the selected secret's detail.

mod update;
pub mod view;

use crate::app::revealed::Revealed;
use crate::diff::DiffRow;
use crate::model::{SecretDetail, VersionSel};

const STAGES: [&str; 3] = ["AWSCURRENT", "AWSPREVIOUS", "AWSPENDING"];
/// Versions to a page for PgUp/PgDn.
pub(crate) const PAGE: usize = 10;

/// One line of the picker, as data: the view formats it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionChoice {
    /// What choosing it selects.
    pub pick: VersionSel,
    /// The version it stands for now.
    pub version_id: String,
    /// The staging labels on that version.
    pub stages: Vec<String>,
    pub created: Option<jiff::Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub choices: Vec<VersionChoice>,
    pub selected: usize,
    /// Marked with Space: `compare` then compares it with the highlighted one.
    pub marked: Option<usize>,
    /// Which secret, for compare and make-current.
    pub region: String,
    pub arn: String,
    pub name: String,
}

/// Two versions side by side: which keys or lines differ.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// (version id, labels) of the older and the newer side.
    pub left: (String, Vec<String>),
    pub right: (String, Vec<String>),
    /// `None` while the values are on their way.
    pub rows: Option<Vec<DiffRow>>,
    pub revealed: Revealed,
}

#[derive(Debug, Clone, Default)]
pub struct Versions {
    pub picker: Option<Picker>,
    pub comparison: Option<Comparison>,
}

/// The labels first (by label), then every version by id.
pub fn choices(detail: &SecretDetail) -> Vec<VersionChoice> {
    let by_stage = STAGES.iter().filter_map(|stage| {
        let version = detail
            .versions
            .iter()
            .find(|v| v.stages.iter().any(|s| s == stage))?;
        Some(VersionChoice {
            pick: VersionSel::Stage((*stage).to_owned()),
            version_id: version.id.clone(),
            stages: vec![(*stage).to_owned()],
            created: version.created,
        })
    });
    let by_id = detail.versions.iter().map(|v| VersionChoice {
        pick: VersionSel::Id(v.id.clone()),
        version_id: v.id.clone(),
        stages: v.stages.clone(),
        created: v.created,
    });
    by_stage.chain(by_id).collect()
}
