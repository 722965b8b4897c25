//! Accounts the config marks (`[accounts."123456789012"]` or `[accounts."*-prod"]`, an alias
//! pattern): a label and a style. Their rows and the title carry the style, and a write to
//! one wants its label typed before the usual confirmation.

/// How a marked account looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStyle {
    /// Production and the like: the error colour, and writes want the label typed.
    Danger,
    /// Worth a second look: the warning colour; writes as usual.
    Warn,
}

/// One account, or every account whose alias matches, marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRule {
    /// A 12-digit account ID, or an alias pattern (`*` for any run of characters; without
    /// one, the whole alias).
    pub matches: String,
    pub label: String,
    pub style: AccountStyle,
}

/// Every rule of the config, in its order; an account ID's own rule wins over a pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountRules(pub Vec<AccountRule>);

impl AccountRules {
    /// The rule for account `id`, whose alias is `alias` when known.
    pub fn find(&self, id: &str, alias: Option<&str>) -> Option<&AccountRule> {
        self.0.iter().find(|r| r.matches == id).or_else(|| {
            let alias = alias?.to_lowercase();
            self.0.iter().find(|r| {
                let pattern = r.matches.to_lowercase();
                if pattern.contains('*') {
                    super::org::name_matches(&pattern, &alias)
                } else {
                    pattern == alias
                }
            })
        })
    }

    /// The label to type before a write to account `id`, when its style is danger.
    pub fn guard(&self, id: &str, alias: Option<&str>) -> Option<&str> {
        self.find(id, alias)
            .filter(|r| r.style == AccountStyle::Danger)
            .map(|r| r.label.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::{AccountRule, AccountRules, AccountStyle};

    fn rule(matches: &str, label: &str, style: AccountStyle) -> AccountRule {
        AccountRule {
            matches: matches.to_owned(),
            label: label.to_owned(),
            style,
        }
    }

    #[test]
    fn an_account_is_found_by_its_id_first_then_by_its_alias() {
        let rules = AccountRules(vec![
            rule("*-prod", "prod", AccountStyle::Danger),
            rule("acme-staging", "staging", AccountStyle::Warn),
            rule("111122223333", "billing", AccountStyle::Warn),
        ]);
        assert_eq!(
            rules
                .find("111122223333", Some("acme-prod"))
                .map(|r| r.label.as_str()),
            Some("billing"),
            "the ID's own rule wins"
        );
        assert_eq!(
            rules.guard("999999999999", Some("Payments-PROD")),
            Some("prod")
        );
        assert_eq!(
            rules.guard("999999999999", Some("acme-staging")),
            None,
            "warn: no guard"
        );
        assert!(
            rules.find("999999999999", Some("acme-staging-2")).is_none(),
            "no * : whole alias"
        );
        assert!(rules.find("999999999999", None).is_none());
    }
}
