//! The value check popup: the value looked for (`find-value`), the scope and what reading
//! it costs, the scan's progress, then what it found. Its keys are its own; Esc goes back
//! a step (cancels a scan under way, keeping what it found).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::ids::SecretRef;
use crate::kit::{Cursor, Theme};
use crate::model::SecretSummary;
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::popup::{Around, Holds, Shown};
use crate::room::{Ctx, Intent, TextEdit};
use crate::secret::SecretValue;

use super::findings::Findings;
use super::outcome::Outcome;
use super::scan::Scan;
use super::scope::{Candidates, Choice};
use super::typed::Typed;
use super::{Call, Command, Out, Room};

/// Which check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Find,
    Reused,
}

/// Where the check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Typing or pasting the value looked for.
    Target,
    /// Choosing what to read, its cost said.
    Scope,
    Scanning,
    Done,
}

#[derive(Debug)]
pub struct ValueCheck {
    pub kind: Kind,
    pub stage: Stage,
    scan_id: u64,
    candidates: Candidates,
    pub(crate) choices: Vec<Choice>,
    pub(crate) choice: Cursor,
    typed: Typed,
    pub(crate) typed_chars: usize,
    /// The last text typed or pasted would have made the value longer than any secret.
    pub(crate) too_long: bool,
    pub scan: Option<Scan>,
    pub findings: Findings,
    pub(crate) result: Cursor,
}

impl ValueCheck {
    pub(crate) fn open<'a>(
        kind: Kind,
        scan_id: u64,
        rows: impl Iterator<Item = &'a SecretSummary>,
        ctx: &Ctx,
        out: &mut Out,
    ) {
        let candidates = Candidates::from_rows(rows);
        if candidates.is_empty() {
            out.info("Nothing is listed yet to check");
            return;
        }
        let selected = ctx.selected.map(|row| ctx.address(row));
        let choices = candidates.choices(selected.as_ref());
        out.open(ValueCheck {
            kind,
            stage: match kind {
                Kind::Find => Stage::Target,
                Kind::Reused => Stage::Scope,
            },
            scan_id,
            candidates,
            choices,
            choice: Cursor::default(),
            typed: match kind {
                Kind::Find => Typed::default(),
                Kind::Reused => Typed::unused(),
            },
            typed_chars: 0,
            too_long: false,
            scan: None,
            findings: match kind {
                Kind::Find => Findings::find(),
                Kind::Reused => Findings::reused(),
            },
            result: Cursor::default(),
        });
    }

    /// How each scope offered is named, in order.
    pub fn choices_labels(&self) -> Vec<&str> {
        self.choices.iter().map(|c| c.label.as_str()).collect()
    }

    /// The scope highlighted.
    pub(crate) fn chosen(&self) -> Option<&Choice> {
        self.choices.get(self.choice.at())
    }

    fn command(&mut self, command: Bind<Command>, ctx: &Ctx, out: &mut Out) {
        if let Some(step) = command.as_move() {
            match self.stage {
                Stage::Scope => self.choice.apply(step, self.choices.len()),
                Stage::Scanning | Stage::Done => {
                    self.result.apply(step, self.findings.holders().len());
                }
                Stage::Target => {}
            }
            return;
        }
        match command {
            Bind::Verb(Verb::Select | Verb::Confirm) => self.forward(ctx, out),
            Bind::Verb(Verb::Back | Verb::Cancel) => self.back(out),
            _ => {}
        }
    }

    /// Enter: the value handed over, the scan started, or the secret found gone to.
    fn forward(&mut self, ctx: &Ctx, out: &mut Out) {
        match self.stage {
            Stage::Target if self.typed.is_empty() => {
                out.info("Type or paste the value to look for first");
            }
            Stage::Target => {
                let target = self.typed.take();
                self.typed_chars = 0;
                out.call(
                    ctx,
                    Call::Fingerprint {
                        scan: self.scan_id,
                        target,
                    },
                );
                self.stage = Stage::Scope;
            }
            Stage::Scope => self.start(ctx, out),
            Stage::Scanning | Stage::Done => {
                if let Some(holder) = self.findings.holders().get(self.result.at()) {
                    out.intent(Intent::SelectSecret {
                        row: crate::ids::RowKey::new(
                            holder.secret.identity,
                            holder.secret.arn.clone(),
                        ),
                    });
                    out.intent(Intent::Close(Layer::Values));
                }
            }
        }
    }

    fn start(&mut self, ctx: &Ctx, out: &mut Out) {
        if matches!(self.findings, Findings::Find { target: None, .. }) {
            out.info("The value's fingerprint is still being made: Enter again in a moment");
            return;
        }
        let Some(scope) = self.chosen().map(|choice| choice.scope.clone()) else {
            return;
        };
        // The candidates move into the scan's batches: one copy of each secret.
        let candidates = std::mem::take(&mut self.candidates);
        let mut scan = Scan::new(self.scan_id, candidates.into_batches(&scope));
        for call in scan.next_calls() {
            out.call(ctx, call);
        }
        self.stage = if scan.finished() {
            Stage::Done
        } else {
            Stage::Scanning
        };
        self.scan = Some(scan);
    }

    fn back(&mut self, out: &mut Out) {
        match (self.stage, self.scan.as_mut()) {
            // Esc again while the batches sent answer: closed (an answer that never comes,
            // its task aborted by a refresh of its identity, cannot keep the popup open).
            (Stage::Scanning, Some(scan)) if !scan.cancelled => {
                scan.cancel();
                if scan.finished() {
                    self.stage = Stage::Done;
                    self.findings.finish();
                }
            }
            _ => out.intent(Intent::Close(Layer::Values)),
        }
    }

    /// An answer: the target's fingerprint, or a batch's.
    pub(crate) fn answered(&mut self, outcome: Outcome, ctx: &Ctx, out: &mut Out) {
        match outcome {
            Outcome::Target { scan, print } if scan == self.scan_id => {
                if let Findings::Find { target, .. } = &mut self.findings {
                    *target = Some(print);
                }
            }
            Outcome::TargetFailed { scan, error } if scan == self.scan_id => {
                // The value was wiped when handed over: it is typed again.
                self.stage = Stage::Target;
                out.error(format!(
                    "The value could not be fingerprinted ({}): type or paste it again",
                    ctx.explain(&error)
                ));
            }
            Outcome::Read {
                scan: id,
                secrets,
                result,
            } if id == self.scan_id => {
                let Some(scan) = self.scan.as_mut() else {
                    return;
                };
                scan.batch_answered(&secrets);
                match result {
                    Ok(values) => {
                        for (secret, prints) in values {
                            match prints {
                                Ok(prints) => self.findings.add(secret, prints),
                                Err(error) => {
                                    let why = ctx.explain_as(secret.identity, &error);
                                    scan.unreadable.push((secret, why));
                                }
                            }
                        }
                    }
                    Err(error) => {
                        let why = secrets
                            .first()
                            .map(|s| ctx.explain_as(s.identity, &error))
                            .unwrap_or_default();
                        scan.unreadable
                            .extend(secrets.into_iter().map(|s| (s, why.clone())));
                    }
                }
                for call in scan.next_calls() {
                    out.call(ctx, call);
                }
                if scan.finished() && self.stage == Stage::Scanning {
                    self.stage = Stage::Done;
                    self.findings.finish();
                }
            }
            _ => {}
        }
    }

    fn typed(&mut self, edit: TextEdit) {
        if self.stage == Stage::Target {
            self.too_long = !self.typed.edit(edit);
            self.typed_chars = self.typed.chars();
        }
    }

    fn pasted(&mut self, pasted: &SecretValue) {
        if self.stage != Stage::Target {
            return;
        }
        if let Some(text) = pasted.expose_str() {
            self.too_long = !self.typed.push(text);
            self.typed_chars = self.typed.chars();
        }
    }

    /// The secrets that could not be read, with why.
    pub fn unreadable(&self) -> &[(SecretRef, String)] {
        self.scan.as_ref().map_or(&[], |scan| &scan.unreadable)
    }
}

impl Shown<Room> for ValueCheck {
    fn layer(&self) -> Layer {
        Layer::Values
    }

    /// Chosen from the rows of every identity held.
    fn holds(&self) -> Holds {
        Holds::Panes
    }

    fn draw(&self, frame: &mut Frame, around: &Around, theme: &Theme) {
        super::view::render(frame, around.whole, self, theme);
    }

    fn fills(&self, around: &Around) -> Option<Rect> {
        Some(around.whole)
    }

    fn takes_keys(&self) -> bool {
        true
    }

    fn command(&mut self, command: Bind<Command>, ctx: &Ctx, out: &mut Out) {
        ValueCheck::command(self, command, ctx, out);
    }

    fn takes_text(&self) -> bool {
        self.stage == Stage::Target
    }

    fn text(&mut self, edit: TextEdit) {
        self.typed(edit);
    }

    fn paste(&mut self, pasted: &SecretValue) -> bool {
        self.pasted(pasted);
        self.stage == Stage::Target
    }
}
