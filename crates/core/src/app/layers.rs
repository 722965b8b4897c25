//! Focus and popups as one stack of layers. The list is always at the bottom; the value
//! pane sits on it while it has focus; the filter prompt, the palette and popups go on top.
//! The top layer picks the key context; nothing else decides where a key goes.

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layers {
    /// Bottom first; `stack[0]` is always `Layer::List`.
    stack: Vec<Layer>,
}

impl Default for Layers {
    fn default() -> Self {
        Self {
            stack: vec![Layer::List],
        }
    }
}

impl Layers {
    pub fn top(&self) -> Layer {
        self.stack.last().copied().unwrap_or(Layer::List)
    }

    pub fn focus(&self) -> Focus {
        match self.stack.iter().rev().find(|l| l.is_pane()) {
            Some(Layer::Value) => Focus::Value,
            _ => Focus::List,
        }
    }

    /// True while a popup covers the panes (no pane shows focus then).
    pub fn has_popup(&self) -> bool {
        self.top().is_popup()
    }

    pub fn contains(&self, layer: Layer) -> bool {
        self.stack.contains(&layer)
    }

    /// Puts `layer` on top (moving it there if it was already in the stack). The value
    /// pane goes right above the list instead, under any popup: a value that arrives while
    /// the help is open must not cover the help.
    pub fn push(&mut self, layer: Layer) {
        if layer == Layer::List {
            return;
        }
        self.stack.retain(|l| *l != layer);
        if layer.is_pane() {
            self.stack.insert(1, layer);
        } else {
            self.stack.push(layer);
        }
    }

    /// Takes `layer` out wherever it is.
    pub fn remove(&mut self, layer: Layer) {
        if layer != Layer::List {
            self.stack.retain(|l| *l != layer);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Layer> + '_ {
        self.stack.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_layer_decides_and_the_list_stays() {
        let mut layers = Layers::default();
        assert_eq!(layers.top(), Layer::List);
        layers.remove(Layer::List);
        assert_eq!(layers.top(), Layer::List, "the list never leaves");
        layers.push(Layer::Value);
        layers.push(Layer::Help);
        assert_eq!(layers.top(), Layer::Help);
        assert_eq!(
            layers.focus(),
            Focus::Value,
            "the popup keeps the pane's focus"
        );
        assert!(layers.has_popup());
        layers.remove(Layer::Value);
        assert_eq!(layers.focus(), Focus::List);
        layers.push(Layer::Value);
        assert_eq!(
            layers.top(),
            Layer::Help,
            "a value arriving under a popup stays under it"
        );
        layers.remove(Layer::Value);
        layers.remove(Layer::Help);
        assert!(!layers.has_popup());
    }
}
