//! The policy simulator's answer beside smtui's own verdict. The simulator answers for
//! GetSecretValue only (it does not read key policies), so a key that stops a principal is
//! said as such, not as a disagreement.

use std::fmt::Write as _;

use crate::features::access::Reader;
use crate::model::access::Simulation;

/// The simulator's answer beside smtui's verdict, in words; `true` when they disagree.
pub(crate) fn compare(reader: &Reader, simulation: &Simulation) -> (String, bool) {
    let matched: Vec<String> = simulation
        .matched
        .iter()
        .map(|m| format!("{} ({})", m.policy, m.kind))
        .collect();
    let mut said = format!("Simulator: {}", simulation.decision);
    if !matched.is_empty() {
        let _ = write!(said, ", matched {}", matched.join(", "));
    }
    if !simulation.missing_context.is_empty() {
        let _ = write!(
            said,
            ", missing context keys {}",
            simulation.missing_context.join(", ")
        );
    }
    let smtui_get = reader.access.get.verdict.rank() >= 2;
    let (verdict, disagree) = match (simulation.allows(), smtui_get, reader.may_read()) {
        (true, true, true) | (false, false, false) => ("agrees".to_owned(), false),
        (true, true, false) => (
            "agrees on GetSecretValue; the simulator does not read the key policy, which stops this principal's kms:Decrypt".to_owned(),
            false,
        ),
        (sim, _, _) => (
            format!(
                "DISAGREES: the simulator says {}, smtui says {}",
                if sim { "it may call GetSecretValue" } else { "it may not" },
                if smtui_get { "it may" } else { "it may not" }
            ),
            true,
        ),
    };
    (format!("{said} · smtui {verdict}"), disagree)
}
