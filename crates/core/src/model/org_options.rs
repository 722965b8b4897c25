//! What a discovery is asked for, as typed (`role=NAME unit=OU name=PATTERN`) or given on
//! the command line (`--org-role`, `--org-unit`, `--org-name`).

use std::fmt;
use std::str::FromStr;

/// The role AWS Organizations creates in every account it creates.
pub const DEFAULT_ROLE: &str = "OrganizationAccountAccessRole";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgOptions {
    /// The role assumed in each account (its name, with its path if it has one).
    pub role: String,
    /// Only this organisational unit's accounts (and those of the units under it).
    pub unit: Option<String>,
    /// Only accounts whose name matches (`*` for any run of characters).
    pub name: Option<String>,
}

impl Default for OrgOptions {
    fn default() -> Self {
        Self {
            role: DEFAULT_ROLE.to_owned(),
            unit: None,
            name: None,
        }
    }
}

impl fmt::Display for OrgOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "role={}", self.role)?;
        if let Some(unit) = &self.unit {
            write!(f, " unit={unit}")?;
        }
        if let Some(name) = &self.name {
            write!(f, " name={name}")?;
        }
        Ok(())
    }
}

impl FromStr for OrgOptions {
    type Err = String;

    /// `role=NAME unit=OU name=PATTERN`, any order, each optional (a bare word is the role).
    fn from_str(text: &str) -> Result<Self, String> {
        let mut options = OrgOptions::default();
        for word in text.split_whitespace() {
            let (key, value) = word.split_once('=').unwrap_or(("role", word));
            if value.is_empty() {
                return Err(format!("{key}= wants a value"));
            }
            match key {
                "role" => options.role = role_name(value)?,
                "unit" | "ou" => options.unit = Some(value.to_owned()),
                "name" => options.name = Some(value.to_owned()),
                _ => return Err(format!("{key:?} is not one of role=, unit=, name=")),
            }
        }
        Ok(options)
    }
}

/// A role's name as IAM takes it (`[\w+=,.@-]`, 1 to 64 characters), with its path.
pub fn role_name(text: &str) -> Result<String, String> {
    let name = text.trim_matches('/');
    let last = name.rsplit('/').next().unwrap_or(name);
    let valid = !last.is_empty()
        && last.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-/".contains(c));
    if valid {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "{text:?} is not a role name (letters, digits and _+=,.@- only, at most 64)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::OrgOptions;

    #[test]
    fn options_are_read_as_typed_and_shown_back() {
        let options: OrgOptions = "role=ReadOnly unit=prod name=*-prod"
            .parse()
            .expect("valid");
        assert_eq!(options.role, "ReadOnly");
        assert_eq!(options.unit.as_deref(), Some("prod"));
        assert_eq!(options.name.as_deref(), Some("*-prod"));
        assert_eq!(options.to_string(), "role=ReadOnly unit=prod name=*-prod");
        let bare: OrgOptions = "audit/Reader".parse().expect("a role with its path");
        assert_eq!(bare.role, "audit/Reader");
        assert_eq!(
            "".parse::<OrgOptions>().expect("defaults").role,
            "OrganizationAccountAccessRole"
        );
        assert!("role=a:b".parse::<OrgOptions>().is_err());
        assert!("colour=red".parse::<OrgOptions>().is_err());
        assert!("unit=".parse::<OrgOptions>().is_err());
    }
}
