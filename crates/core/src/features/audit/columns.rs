//! Which columns the audit table shows at a given width, and how wide each one is.
//!
//! Who acted and whether it worked matter most, so when the width runs out the AGENT
//! column goes first, then SOURCE IP, then the year of TIME; TIME, EVENT, (SECRET,)
//! PRINCIPAL and OUTCOME stay and are narrowed instead, their text elided in the middle
//! where it is drawn. Widths come from the rows' own text (every row, not only those on
//! screen, so the columns do not jump while scrolling).

use unicode_width::UnicodeWidthStr as _;

use crate::kit::columns::{self, Spacing, Spec};

/// A timestamp is drawn as `YYYY-MM-DD HH:MM:SS`...
pub(crate) const TIME_WIDTH: usize = 19;
/// ...or, once the optional columns are gone and the rest still want more room, as
/// `MM-DD HH:MM:SS`: CloudTrail keeps 90 days, so the year rarely says anything, and the
/// record view has it.
pub(crate) const SHORT_TIME_WIDTH: usize = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Time,
    Event,
    Secret,
    Principal,
    SourceIp,
    Agent,
    Outcome,
}

impl Column {
    pub(crate) fn title(self) -> &'static str {
        match self {
            Column::Time => "TIME",
            Column::Event => "EVENT",
            Column::Secret => "SECRET",
            Column::Principal => "PRINCIPAL",
            Column::SourceIp => "SOURCE IP",
            Column::Agent => "AGENT",
            Column::Outcome => "OUTCOME",
        }
    }

    /// The width every shown column gets first (`floor`), and the width that reads well
    /// (`comfortable`): optional columns are shown only while every column can have the
    /// latter. Both are capped by what the column's text needs.
    fn caps(self) -> (usize, usize) {
        match self {
            Column::Time => (SHORT_TIME_WIDTH, TIME_WIDTH),
            // GetSecretValue, DescribeSecret, RotationSucceeded whole; the rare longer
            // names (RemoveRegionsFromReplication) may be elided.
            Column::Event => (14, 22),
            // Typical names (team/app/purpose) and role sessions fit whole; error codes run
            // to 32 (MalformedPolicyDocumentException), "AccessDenied" whole at the least.
            Column::Secret | Column::Principal | Column::Outcome => (12, 32),
            // An IPv4 address, or an IPv6 or service name elided.
            Column::SourceIp => (15, 15),
            Column::Agent => (16, 16),
        }
    }
}

/// One row's texts, already sanitised, before they are fitted to their columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RowText {
    pub(crate) event: String,
    pub(crate) secret: String,
    pub(crate) principal: String,
    pub(crate) source_ip: String,
    pub(crate) agent: String,
    pub(crate) outcome: String,
}

impl RowText {
    /// The text of `column` (the time is formatted where it is drawn: "").
    pub(crate) fn get(&self, column: Column) -> &str {
        match column {
            Column::Time => "",
            Column::Event => &self.event,
            Column::Secret => &self.secret,
            Column::Principal => &self.principal,
            Column::SourceIp => &self.source_ip,
            Column::Agent => &self.agent,
            Column::Outcome => &self.outcome,
        }
    }
}

/// The columns shown in an area `width` wide and their widths, in order. `by_secret`: the
/// region view, where each event's secret gets a column.
pub(crate) fn plan(width: u16, by_secret: bool, rows: &[RowText]) -> Vec<(Column, u16)> {
    let mut columns = vec![Column::Time, Column::Event];
    if by_secret {
        columns.push(Column::Secret);
    }
    columns.extend([
        Column::Principal,
        Column::SourceIp,
        Column::Agent,
        Column::Outcome,
    ]);
    let specs: Vec<Spec<Column>> = columns.into_iter().map(|c| spec(c, rows)).collect();
    columns::plan(usize::from(width), &specs, Spacing::TIGHT)
        .into_iter()
        .map(|(c, w)| (c, u16::try_from(w).unwrap_or(u16::MAX)))
        .collect()
}

/// How `column` asks for width: its floor, its comfortable width and all its text (every
/// row's, or its title's); the text columns share what none of them needs, so the table
/// spans the pane with its columns evenly apart.
fn spec(column: Column, rows: &[RowText]) -> Spec<Column> {
    let (floor, comfortable) = column.caps();
    if column == Column::Time {
        return Spec::new(column, floor, comfortable, comfortable).short_form();
    }
    let wanted = rows
        .iter()
        .map(|r| r.get(column).width())
        .fold(column.title().width(), usize::max);
    let spec = Spec::new(column, wanted.min(floor), wanted.min(comfortable), wanted).grows(1);
    match column {
        Column::Agent => spec.optional(0),
        Column::SourceIp => spec.optional(1),
        _ => spec,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(event: &str, secret: &str, principal: &str, outcome: &str) -> RowText {
        RowText {
            event: event.into(),
            secret: secret.into(),
            principal: principal.into(),
            source_ip: "203.0.113.7".into(),
            agent: "aws-cli/2.15.0".into(),
            outcome: outcome.into(),
        }
    }

    fn names(plan: &[(Column, u16)]) -> Vec<&'static str> {
        plan.iter().map(|(c, _)| c.title()).collect()
    }

    fn total(plan: &[(Column, u16)]) -> usize {
        plan.iter().map(|&(_, w)| usize::from(w)).sum::<usize>() + plan.len() - 1
    }

    #[test]
    fn the_agent_goes_first_then_the_source_ip() {
        let rows = [row(
            "GetSecretValue",
            "",
            "service secretsmanager.amazonaws.com",
            "rotation failed",
        )];
        let wide = plan(156, false, &rows);
        assert_eq!(
            names(&wide),
            [
                "TIME",
                "EVENT",
                "PRINCIPAL",
                "SOURCE IP",
                "AGENT",
                "OUTCOME"
            ]
        );
        assert_eq!(total(&wide), 156, "the table spans the pane");
        let middle = plan(96, false, &rows);
        assert_eq!(
            names(&middle),
            ["TIME", "EVENT", "PRINCIPAL", "SOURCE IP", "OUTCOME"]
        );
        let narrow = plan(76, false, &rows);
        assert_eq!(names(&narrow), ["TIME", "EVENT", "PRINCIPAL", "OUTCOME"]);
        assert_eq!(total(&narrow), 76);
        let outcome = narrow.last().expect("outcome").1;
        assert_eq!(outcome, 15, "'rotation failed' whole");
    }

    #[test]
    fn the_region_view_shares_the_width_between_secret_and_principal() {
        let rows = [
            row(
                "GetSecretValue",
                "dev/inventory/service-db",
                "role/deploy (ci)",
                "success",
            ),
            row(
                "GetSecretValue",
                "prod/payments/stripe/webhook-signing-secret-primary",
                "role/deploy (ci)",
                "InvalidRequestException",
            ),
        ];
        let at = |width| plan(width, true, &rows);
        let width_of = |plan: &[(Column, u16)], column| {
            plan.iter()
                .find(|(c, _)| *c == column)
                .map_or(0, |&(_, w)| w)
        };
        let roomy = at(116);
        assert!(width_of(&roomy, Column::Secret) >= 24, "{roomy:?}");
        assert_eq!(width_of(&roomy, Column::Outcome), 23, "{roomy:?}");
        assert_eq!(total(&roomy), 116);
        assert_eq!(
            width_of(&roomy, Column::Time),
            19,
            "the year while there is room"
        );
        let tight = at(76);
        assert_eq!(
            names(&tight),
            ["TIME", "EVENT", "SECRET", "PRINCIPAL", "OUTCOME"]
        );
        assert_eq!(total(&tight), 76);
        assert_eq!(
            width_of(&tight, Column::Time),
            14,
            "the year goes: {tight:?}"
        );
        assert!(tight.iter().all(|&(_, w)| w >= 14), "{tight:?}");
    }
}
