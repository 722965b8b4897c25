//! Value checks: where a value is stored (`find-value`) and which values are reused
//! (`reused-values`), answered without showing a value. The values of the secrets in a
//! chosen scope are read in batches by the AWS crate, which keeps only their keyed hashes
//! (`crate::fingerprint`); the room compares and groups those. The value looked for is
//! typed or pasted into a masked field, never drawn, and handed to the AWS crate once, to
//! be fingerprinted and wiped.

pub(crate) mod call;
pub(crate) mod check;
pub(crate) mod commands;
pub(crate) mod findings;
pub(crate) mod outcome;
pub(crate) mod scan;
pub(crate) mod scope;
pub(crate) mod typed;
pub(crate) mod view;

pub use call::Call;
pub use check::{Kind, Stage, ValueCheck};
pub use commands::Command;
pub use findings::{Findings, Group, Holder};
pub use outcome::Outcome;
pub use scan::Scan;
pub use scope::{Candidates, Scope};

use crate::room::popup::Shown;
use crate::room::update::Here;
use crate::room::{Ctx, Never};

/// The value checks' words: two commands, their reads, one popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Box<dyn Shown<Self>>;
    type Prompt = Never;
}

/// An answer in the value checks' words.
pub(crate) type Out = crate::room::Out<Room>;

/// The room: the number of the last scan opened, so an answer for another is dropped.
#[derive(Debug, Clone, Default)]
pub struct Values {
    scans: u64,
}

/// The app runs the value checks through their one registration line (the popup takes its
/// keys alone).
impl crate::room::update::Update for Room {
    type State = Values;
    type Outcome = Outcome;
    type Open = ValueCheck;

    fn run(values: &mut Values, command: Command, here: &Here, ctx: &Ctx, out: &mut Out) {
        values.scans += 1;
        let kind = match command {
            Command::FindValue => Kind::Find,
            Command::ReusedValues => Kind::Reused,
        };
        ValueCheck::open(kind, values.scans, here.listed.rows(), ctx, out);
    }

    fn answered(
        _: &mut Values,
        check: Option<&mut ValueCheck>,
        outcome: Outcome,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        if let Some(check) = check {
            check.answered(outcome, ctx, out);
        }
    }
}
