//! Versions: every version of the selected secret, one row each, labelled or not (the
//! service keeps about 100). Pick the one reveal and copy fetch, compare one with the
//! current version (which keys or lines changed, values masked until asked for), or make
//! one current again (a rollback, confirmed). Opened over the panes from the selected secret's detail.

pub(crate) mod call;
pub(crate) mod commands;
pub(crate) mod outcome;
mod update;
pub mod view;
pub use call::Call;
pub use commands::Command;
pub use outcome::Outcome;

use crate::diff::DiffRow;
use crate::ids::SecretRef;
use crate::kit::Cursor;
use crate::model::{SecretDetail, VersionSel};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::kit::Theme;
use crate::room::keys::Bind;
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use crate::room::revealed::Revealed;
use crate::room::{Ctx, Never, Out};

/// The versions room's words: it asks for two values to compare and the make-current
/// write, and opens the picker and the comparison.
use crate::room::keys::Verb;
use crate::room::update::Here;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = Never;
}

/// The app runs the versions room through its one registration line (the picker and the
/// comparison take their keys alone).
impl crate::room::update::Update for Room {
    type State = Versions;
    type Outcome = Outcome;
    type Open = Comparison;
    const LAYERS: &'static [Layer] = &[Layer::Versions, Layer::Compare];

    fn run(_: &mut Versions, command: Command, here: &Here, ctx: &Ctx, out: &mut Out<Room>) {
        Versions::run(command, here.version, ctx, out);
    }

    fn answered(
        _: &mut Versions,
        comparison: Option<&mut Comparison>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out<Room>,
    ) {
        Versions::answered(comparison, outcome, ctx, out);
    }

    fn available(
        _: &Versions,
        _: Option<&Comparison>,
        _: Layer,
        command: Bind<Command>,
        ctx: &Ctx,
    ) -> Option<bool> {
        match command {
            Bind::Own(command) => Some(commands::available(command, ctx)),
            Bind::Verb(_) => None,
        }
    }

    fn hint(
        comparison: Option<&Comparison>,
        layer: Layer,
        command: Bind<Command>,
    ) -> Option<&'static str> {
        // `v` masks the values compared once shown.
        let shown = comparison.is_some_and(Comparison::is_revealed);
        (layer == Layer::Compare && command == Bind::Verb(Verb::Reveal) && shown).then_some("mask")
    }
}

const STAGES: [&str; 3] = ["AWSCURRENT", "AWSPREVIOUS", "AWSPENDING"];

/// One line of the picker, as data: the view formats it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionChoice {
    /// What choosing it selects.
    pub(crate) pick: VersionSel,
    /// The version it stands for now.
    pub version_id: String,
    /// The staging labels on that version.
    pub stages: Vec<String>,
    pub(crate) created: Option<jiff::Timestamp>,
}

impl VersionChoice {
    pub(crate) fn holds(&self, stage: &str) -> bool {
        self.stages.iter().any(|s| s == stage)
    }

    /// Whether choosing it would select what `sel` selects.
    fn is(&self, sel: &VersionSel) -> bool {
        match sel {
            VersionSel::Stage(stage) => self.holds(stage),
            VersionSel::Id(id) => *id == self.version_id,
        }
    }
}

/// The picker popup, on the layer stack while open (`Layer::Versions`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub choices: Vec<VersionChoice>,
    pub selected: Cursor,
    /// Marked with Space: `compare` then compares it with the highlighted one.
    pub(crate) marked: Option<usize>,
    /// Which secret, for compare and make-current.
    pub(crate) secret: SecretRef,
    /// `--read-only`: make-current is not offered.
    pub(crate) read_only: bool,
}

/// It takes its keys alone.
impl Shown<Room> for Picker {
    fn layer(&self) -> Layer {
        Layer::Versions
    }

    /// What was fetched as the identity that listed its secret.
    fn holds(&self) -> Holds {
        Holds::Identity(self.secret.identity)
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        view::render(frame, around.whole, self, around.keymap, theme);
    }

    fn takes_keys(&self) -> bool {
        true
    }

    fn command(&mut self, command: Bind<Command>, ctx: &Ctx, out: &mut Out<Room>) {
        Picker::command(self, command, ctx, out);
    }
}

impl Picker {
    /// The version that holds `stage`, if any.
    pub(crate) fn holder(&self, stage: &str) -> Option<&VersionChoice> {
        self.choices.iter().find(|c| c.holds(stage))
    }

    /// Where the highlight starts: on the version `current` selects.
    fn position_of(choices: &[VersionChoice], current: &VersionSel) -> usize {
        choices.iter().position(|c| c.is(current)).unwrap_or(0)
    }
}

/// Two versions side by side: which keys or lines differ. A popup on the layer stack while
/// open (`Layer::Compare`): closing it drops the rows, whose values are wiped as they go.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Which secret the two versions are of.
    pub(crate) secret: SecretRef,
    /// (version id, labels) of the older and the newer side.
    pub(crate) left: (String, Vec<String>),
    pub(crate) right: (String, Vec<String>),
    /// `None` while the values are on their way.
    pub rows: Option<Vec<DiffRow>>,
    revealed: Revealed,
}

/// It takes its keys alone, over the whole screen.
impl Shown<Room> for Comparison {
    fn layer(&self) -> Layer {
        Layer::Compare
    }

    /// What was fetched as the identity that listed its secret.
    fn holds(&self) -> Holds {
        Holds::Identity(self.secret.identity)
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        view::render_comparison(frame, around.whole, self, around.keymap, theme);
    }

    fn fills(&self, around: &Around) -> Option<Rect> {
        Some(around.whole)
    }

    fn takes_keys(&self) -> bool {
        true
    }

    fn command(&mut self, command: Bind<Command>, ctx: &Ctx, out: &mut Out<Room>) {
        Comparison::command(self, command, ctx, out);
    }

    fn shows_values(&self) -> bool {
        self.is_revealed()
    }

    fn mask_due(&mut self, now: std::time::Instant) -> bool {
        Comparison::mask_due(self, now)
    }
}

impl Comparison {
    /// Whether its values are shown in clear (`v` then masks them).
    pub(crate) fn is_revealed(&self) -> bool {
        self.revealed.is_shown()
    }
}

/// The room: what it holds while its popups are open is the popups themselves.
#[derive(Debug, Clone, Default)]
pub struct Versions;

/// One line per version: AWSCURRENT's first, then AWSPREVIOUS's, AWSPENDING's, other
/// labelled ones, then the rest (each group in the detail's order, newest first). Choosing
/// a version that holds one of those three labels picks it by the label (reveal then
/// follows the label, as the value pane's title says); any other by its id.
pub(crate) fn choices(detail: &SecretDetail) -> Vec<VersionChoice> {
    let mut choices: Vec<VersionChoice> = detail
        .versions
        .iter()
        .map(|v| {
            let stage = STAGES
                .iter()
                .find(|stage| v.stages.iter().any(|s| s == *stage));
            VersionChoice {
                pick: stage.map_or_else(
                    || VersionSel::Id(v.id.clone()),
                    |stage| VersionSel::Stage((*stage).to_owned()),
                ),
                version_id: v.id.clone(),
                stages: v.stages.clone(),
                created: v.created,
            }
        })
        .collect();
    choices.sort_by_key(|c| match &c.pick {
        VersionSel::Stage(stage) => STAGES.iter().position(|s| s == stage).unwrap_or(0),
        VersionSel::Id(_) if c.stages.is_empty() => STAGES.len() + 1,
        VersionSel::Id(_) => STAGES.len(),
    });
    choices
}
