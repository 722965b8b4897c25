//! The version picker: which version reveal and copy fetch (a staging label, or any
//! version by id). Opened over the panes from the selected secret's detail.

pub mod view;

use crate::app::command::Command;
use crate::app::layers::Layer;
use crate::app::room::{Ctx, Intent, Out};
use crate::model::{SecretDetail, VersionSel};

const STAGES: [&str; 3] = ["AWSCURRENT", "AWSPREVIOUS", "AWSPENDING"];
/// Versions to a page for PgUp/PgDn.
const PAGE: usize = 10;

/// One line of the picker, as data: the view formats it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionChoice {
    /// What choosing it selects.
    pub pick: VersionSel,
    /// The version it stands for now.
    pub version_id: String,
    /// The staging labels on that version.
    pub stages: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub choices: Vec<VersionChoice>,
    pub selected: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Versions {
    pub picker: Option<Picker>,
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
        })
    });
    let by_id = detail.versions.iter().map(|v| VersionChoice {
        pick: VersionSel::Id(v.id.clone()),
        version_id: v.id.clone(),
        stages: v.stages.clone(),
    });
    by_stage.chain(by_id).collect()
}

impl Versions {
    /// `p`: opens the picker on the version in use, once the detail is known.
    pub fn open(&mut self, current: &VersionSel, ctx: &Ctx, out: &mut Out) {
        let detail = match ctx.detail {
            Some(Ok(detail)) => detail,
            Some(Err(error)) => {
                out.error(format!("No versions to pick: {}", ctx.explain(error)));
                return;
            }
            None => {
                out.info("Versions are still loading…");
                out.intent(Intent::Describe);
                return;
            }
        };
        let choices = choices(detail);
        let selected = choices.iter().position(|c| c.pick == *current).unwrap_or(0);
        self.picker = Some(Picker { choices, selected });
        out.intent(Intent::Open(Layer::Versions));
    }

    pub fn command(&mut self, command: Command, out: &mut Out) {
        let Some(picker) = self.picker.as_mut() else {
            return;
        };
        if let Some(step) = command.as_move(PAGE) {
            picker.selected = step.apply(picker.selected, picker.choices.len().saturating_sub(1));
            return;
        }
        match command {
            Command::Select => {
                if let Some(choice) = picker.choices.get(picker.selected) {
                    out.intent(Intent::UseVersion(choice.pick.clone()));
                }
                out.intent(Intent::Close(Layer::Versions));
            }
            Command::Back => out.intent(Intent::Close(Layer::Versions)),
            _ => {}
        }
    }
}
