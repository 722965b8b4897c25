//! The open pane's own work: evaluating its rows again as each source arrives, the
//! reads CloudTrail returns page by page, the statements popup of a row, and asking the
//! simulator.

use crate::features::access::statements::statements_of;
use crate::features::access::{AccessView, Call, Out, Source, Statements, Verification};
use crate::ids::RowKey;
use crate::kit::Scroll;
use crate::model::AwsError;
use crate::model::access::{facts, readers_from_texts};
use crate::model::audit::AuditPage;
use crate::room::{Ctx, Intent};

impl AccessView {
    /// Evaluates the rows again from the sources read so far. Until the resource policy and
    /// the key are in there are no rows; without IAM (loading or refused) only the
    /// principals the policies name are evaluated.
    pub(crate) fn evaluate(&mut self) {
        let selected = self.selected_arn_or_label();
        let (Source::Read(resource_text), Source::Read(key)) = (&self.resource_policy, &self.key)
        else {
            self.rows.clear();
            self.unreadable.clear();
            return;
        };
        let iam = match &self.iam {
            Source::Read((iam, _)) => Some(iam.as_ref()),
            Source::Loading | Source::Failed(_) => None,
        };
        let secret = (self.secret.arn.as_str(), self.secret.arn.account());
        let (rows, unreadable) =
            readers_from_texts(secret, resource_text.as_deref(), key, iam, &self.reads);
        self.rows = rows;
        self.unreadable = unreadable;
        if let Some(iam) = iam {
            self.unreadable.extend(iam.unreadable.iter().cloned());
        }
        let at = selected
            .and_then(|label| self.rows.iter().position(|r| r.label == label))
            .unwrap_or(0);
        self.selected.set(at);
    }

    /// A page of the secret's CloudTrail events: its reads joined with the rows, and the
    /// next page asked for (up to `model::access::MAX_READ_PAGES`).
    pub(crate) fn read(&mut self, result: Result<AuditPage, AwsError>, ctx: &Ctx, out: &mut Out) {
        match result {
            Ok(page) => {
                if let (Some(token), Some(start)) = (self.reads.take(page), self.reads.start) {
                    let call = Call::Reads {
                        secret: self.secret.clone(),
                        start,
                        end: ctx.wall,
                        token: Some(token),
                    };
                    out.call(ctx, call);
                }
            }
            Err(error) => {
                self.reads.loading = false;
                self.reads.error = Some(ctx.explain_as(self.secret.identity, &error));
            }
        }
        self.evaluate();
    }

    /// Once every source has answered, what it found goes to the fleet overview's access
    /// checks: public, other accounts, and (over a window CloudTrail answered for whole,
    /// with the account's IAM read) access nobody used.
    pub(crate) fn report_facts(&self, out: &mut Out) {
        let read = |source: &Source<_>| !matches!(source, Source::Loading);
        let settled = matches!(self.resource_policy, Source::Read(_))
            && matches!(self.key, Source::Read(_))
            && read(&self.iam)
            && !self.reads.loading;
        if !settled {
            return;
        }
        let facts = facts(&self.rows, &self.reads, matches!(self.iam, Source::Read(_)));
        let row = RowKey::new(self.secret.identity, self.secret.arn.clone());
        out.intent(Intent::AccessFacts { row, facts });
    }

    fn selected_arn_or_label(&self) -> Option<String> {
        self.rows.get(self.selected.at()).map(|r| r.label.clone())
    }

    /// The highlighted row's deciding statements, as a popup over the pane.
    pub(crate) fn statements(&self) -> Option<Statements> {
        let reader = self.rows.get(self.selected.at())?;
        let iam = match &self.iam {
            Source::Read((iam, _)) => Some(iam.as_ref()),
            _ => None,
        };
        let resource = match &self.resource_policy {
            Source::Read(text) => text.as_deref(),
            _ => None,
        };
        let key = match &self.key {
            Source::Read(key) => key.policy.as_deref(),
            _ => None,
        };
        Some(Statements {
            title: format!("Why {} · {}", reader.label, self.secret.name),
            text: statements_of(reader, resource, key, iam),
            identity: self.secret.identity,
            scroll: Scroll::default(),
        })
    }

    /// `access-verify`: asks the simulator about the highlighted user or role.
    pub(crate) fn verify(&mut self, ctx: &Ctx, out: &mut Out) {
        let Some(reader) = self.rows.get(self.selected.at()) else {
            return;
        };
        let Some(arn) = reader.arn().map(str::to_owned) else {
            out.info("The policy simulator answers for users and roles only");
            return;
        };
        if reader.principal.account() != Some(self.secret.arn.account()) {
            out.info("The policy simulator cannot see another account's IAM");
            return;
        }
        let resource_policy = match &self.resource_policy {
            Source::Read(text) => text.clone(),
            _ => None,
        };
        self.verifications.insert(arn.clone(), Verification::Asking);
        out.call(
            ctx,
            Call::Simulate {
                secret: self.secret.clone(),
                principal: arn,
                resource_policy,
            },
        );
    }
}
