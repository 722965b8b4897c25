//! Focus and popups as one stack of layers. The list is always at the bottom; the value
//! pane sits on it while it has focus; the filter prompt, the palette and popups go on top.
//! The top layer picks the key context; nothing else decides where a key goes. The stack
//! itself, with the popups' data on it, is `app::stack`.

/// A layer: a key context with its own bindings and help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    List,
    Value,
    Filter,
    Palette,
    Help,
    Versions,
    Compare,
    Delete,
    Editor,
    Review,
    Conflict,
    Tags,
    Rotation,
    Audit,
    AuditEvent,
    Roles,
    Themes,
    Messages,
    Prompt,
    Confirm,
}

impl Layer {
    pub const ALL: [Layer; 20] = [
        Layer::List,
        Layer::Value,
        Layer::Filter,
        Layer::Palette,
        Layer::Help,
        Layer::Versions,
        Layer::Compare,
        Layer::Delete,
        Layer::Editor,
        Layer::Review,
        Layer::Conflict,
        Layer::Tags,
        Layer::Rotation,
        Layer::Audit,
        Layer::AuditEvent,
        Layer::Roles,
        Layer::Themes,
        Layer::Messages,
        Layer::Prompt,
        Layer::Confirm,
    ];

    /// The table name in the config file (`[keys.<name>]`).
    pub fn name(self) -> &'static str {
        match self {
            Layer::List => "list",
            Layer::Value => "value",
            Layer::Filter => "filter",
            Layer::Palette => "palette",
            Layer::Help => "help",
            Layer::Versions => "versions",
            Layer::Compare => "compare",
            Layer::Delete => "delete",
            Layer::Editor => "editor",
            Layer::Review => "review",
            Layer::Conflict => "conflict",
            Layer::Tags => "tags",
            Layer::Rotation => "rotation",
            Layer::Audit => "audit",
            Layer::AuditEvent => "audit-event",
            Layer::Roles => "roles",
            Layer::Themes => "themes",
            Layer::Messages => "messages",
            Layer::Prompt => "prompt",
            Layer::Confirm => "confirm",
        }
    }

    /// The heading of its section in help and docs/keys.md.
    pub fn title(self) -> &'static str {
        match self {
            Layer::List => "Secret list",
            Layer::Value => "Value pane",
            Layer::Filter => "Filter prompt",
            Layer::Palette => "Command palette",
            Layer::Help => "Help",
            Layer::Versions => "Versions",
            Layer::Compare => "Comparing two versions",
            Layer::Delete => "Delete a secret",
            Layer::Editor => "Editor",
            Layer::Review => "Review before saving",
            Layer::Conflict => "Someone else saved first",
            Layer::Tags => "Tags, description, policy",
            Layer::Rotation => "Rotation overview",
            Layer::Audit => "Audit (CloudTrail)",
            Layer::AuditEvent => "An event's whole record",
            Layer::Roles => "Role switcher",
            Layer::Themes => "Theme picker",
            Layer::Messages => "Messages",
            Layer::Prompt => "Text prompt",
            Layer::Confirm => "Confirmation",
        }
    }

    /// The panes: global bindings apply under them. Popups and prompts take only their own
    /// keys, so a stray key cannot act behind them.
    pub fn is_pane(self) -> bool {
        matches!(self, Layer::List | Layer::Value)
    }

    /// The popup whose data this layer shows from under it, and closes with: the review
    /// and the conflict are views of the editor's one session (its buffer exists once).
    pub fn rests_on(self) -> Option<Layer> {
        match self {
            Layer::Review | Layer::Conflict => Some(Layer::Editor),
            _ => None,
        }
    }

    /// Drawn over the panes in a box of its own (the filter prompt lives in the footer).
    pub fn is_popup(self) -> bool {
        matches!(
            self,
            Layer::Palette
                | Layer::Help
                | Layer::Versions
                | Layer::Compare
                | Layer::Delete
                | Layer::Editor
                | Layer::Review
                | Layer::Conflict
                | Layer::Tags
                | Layer::Rotation
                | Layer::Audit
                | Layer::AuditEvent
                | Layer::Roles
                | Layer::Themes
                | Layer::Messages
                | Layer::Prompt
                | Layer::Confirm
        )
    }
}

/// The pane a narrow screen shows under its tab bar (wider screens show them all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    List,
    Detail,
    Value,
    Rotation,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::List, Tab::Detail, Tab::Value, Tab::Rotation];

    pub fn title(self) -> &'static str {
        match self {
            Tab::List => "Secrets",
            Tab::Detail => "Detail",
            Tab::Value => "Value",
            Tab::Rotation => "Rotation",
        }
    }

    /// The next tab (`forward`) or the one before, wrapping around.
    #[must_use]
    pub fn step(self, forward: bool) -> Tab {
        let at = Tab::ALL.iter().position(|t| *t == self).unwrap_or(0);
        let len = Tab::ALL.len();
        Tab::ALL[if forward {
            (at + 1) % len
        } else {
            (at + len - 1) % len
        }]
    }
}

/// Which pane has focus: the topmost pane layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Value,
}
