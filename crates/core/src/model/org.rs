//! An AWS Organization's accounts, as Organizations lists them, and which of them a
//! discovery takes: the ACTIVE ones, narrowed by a name pattern.

/// One account of the organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgAccount {
    /// Its 12-digit ID.
    pub id: String,
    /// Its name in the organisation.
    pub name: String,
    /// Whether its status is ACTIVE (not SUSPENDED or PENDING_CLOSURE).
    pub active: bool,
}

pub use super::org_options::{DEFAULT_ROLE, OrgOptions};

/// AssumeRole calls on their way at once, at most, in a discovery.
pub const MAX_ASSUMES: usize = 10;

/// The accounts a discovery takes: the ACTIVE ones whose name matches `pattern` (when one
/// is given), but `own` (the account smtui works in, listed already).
pub fn choose(
    accounts: Vec<OrgAccount>,
    own: Option<&str>,
    pattern: Option<&str>,
) -> Vec<OrgAccount> {
    accounts
        .into_iter()
        .filter(|a| a.active)
        .filter(|a| Some(a.id.as_str()) != own)
        .filter(|a| pattern.is_none_or(|p| name_matches(p, &a.name)))
        .collect()
}

/// Whether `name` matches `pattern`, ignoring case: `*` stands for any run of characters;
/// without one, a part of the name is enough (`prod` finds `payments-prod`).
pub fn name_matches(pattern: &str, name: &str) -> bool {
    let (pattern, name) = (pattern.to_lowercase(), name.to_lowercase());
    if !pattern.contains('*') {
        return name.contains(&pattern);
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || name.len() < first.len() + last.len() || !name.ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::name_matches;

    #[test]
    fn a_pattern_matches_as_a_glob_or_a_part() {
        assert!(name_matches("prod", "payments-PROD"));
        assert!(!name_matches("prod", "data-dev"));
        assert!(name_matches("*-prod", "payments-prod"));
        assert!(!name_matches("*-prod", "payments-prod-old"));
        assert!(name_matches("pay*prod", "payments-prod"));
        assert!(name_matches("p*m*d", "payments-prod"));
        assert!(!name_matches("pay*xyz*", "payments-prod"));
        assert!(name_matches("*", "anything"));
        assert!(!name_matches("ab*ba", "aba"), "the ends do not overlap");
    }
}
