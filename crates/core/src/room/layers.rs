//! Focus and popups as one stack of layers. The list is always at the bottom; the value
//! pane sits on it while it has focus; the filter prompt, the palette and popups go on top.
//! The top layer picks the key context; nothing else decides where a key goes. The stack
//! itself, with the popups' data on it, is `app::stack`.

/// What a layer is to the frame and the keys, one word per row of the table below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Under the popups; the global bindings apply under it.
    Pane,
    /// A prompt in the footer: not a box, but it takes only its own keys.
    Footer,
    /// A box of its own over the panes that carries nothing: it draws from state kept
    /// elsewhere (or, `on` a layer, from that popup's data).
    Popup,
    /// A box of its own that carries its data: only a popup value puts it on the stack
    /// (pushing its bare layer would open it empty).
    Carries,
}

/// Declares every layer once, one row each: its variant, its config table name, its help
/// heading and its kind (`on <Layer>` for a popup that is a view of another's data). The
/// enum, `ALL` and every method below come from these rows, so a new layer is one row; its
/// place in the table is its place in help and docs/keys.md.
macro_rules! layers {
    ($($variant:ident => $name:literal, $title:literal, $kind:ident $(on $base:ident)?;)*) => {
        /// A layer: a key context with its own bindings and help.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Layer {
            $(
                #[doc = concat!($title, " (`[keys.", $name, "]`).")]
                $variant,
            )*
        }

        impl Layer {
            /// Every layer, in the table's order (help's and docs/keys.md's).
            pub const ALL: [Layer; [$(Layer::$variant),*].len()] = [$(Layer::$variant),*];

            /// The table name in the config file (`[keys.<name>]`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Layer::$variant => $name,)*
                }
            }

            /// The heading of its section in help and docs/keys.md.
            pub fn title(self) -> &'static str {
                match self {
                    $(Layer::$variant => $title,)*
                }
            }

            /// The popup whose data this layer shows from under it, and closes with: the
            /// review and the conflict are views of the editor's one session (its buffer
            /// exists once).
            pub fn rests_on(self) -> Option<Layer> {
                match self {
                    $(Layer::$variant => layers!(@on $($base)?),)*
                }
            }

            fn kind(self) -> Kind {
                match self {
                    $(Layer::$variant => Kind::$kind,)*
                }
            }
        }
    };
    (@on) => { None };
    (@on $base:ident) => { Some(Layer::$base) };
}

layers! {
//  variant       config name     help heading                   kind
    List       => "list",        "Secret list",                 Pane;
    Value      => "value",       "Value pane",                  Pane;
    Filter     => "filter",      "Filter prompt",               Footer;
    Palette    => "palette",     "Command palette",             Popup;
    Help       => "help",        "Help",                        Popup;
    Versions   => "versions",    "Versions",                    Carries;
    Compare    => "compare",     "Comparing two versions",      Carries;
    Delete     => "delete",      "Delete a secret",             Carries;
    Editor     => "editor",      "Editor",                      Carries;
    Review     => "review",      "Review before saving",        Popup on Editor;
    Conflict   => "conflict",    "Someone else saved first",    Popup on Editor;
    Tags       => "tags",        "Tags, description, policy",   Carries;
    Rotation   => "rotation",    "Rotation overview",           Carries;
    Audit      => "audit",       "Audit (CloudTrail)",          Carries;
    AuditEvent => "audit-event", "An event's whole record",     Carries;
    Access     => "access",      "Who can read (access)",       Carries;
    AccessStatements => "access-statements", "The statements that decide", Carries;
    Values     => "values",      "Value checks",                Carries;
    Replication => "replication", "Replication across regions", Carries;
    Roles      => "roles",       "Role switcher",               Carries;
    Portal     => "portal",      "IAM Identity Center",         Carries;
    Themes     => "themes",      "Theme picker",                Carries;
    Messages   => "messages",    "Messages",                    Popup;
    Prompt     => "prompt",      "Text prompt",                 Carries;
    Confirm    => "confirm",     "Confirmation",                Carries;
}

impl Layer {
    /// The panes: global bindings apply under them. Popups and prompts take only their own
    /// keys, so a stray key cannot act behind them.
    pub(crate) fn is_pane(self) -> bool {
        self.kind() == Kind::Pane
    }

    /// Drawn over the panes in a box of its own (the filter prompt lives in the footer).
    pub(crate) fn is_popup(self) -> bool {
        matches!(self.kind(), Kind::Popup | Kind::Carries)
    }

    /// Whether it is a popup that carries data, so only a value can put it on the stack
    /// (pushing its bare layer would open it empty).
    pub(crate) fn carries(self) -> bool {
        self.kind() == Kind::Carries
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
    pub(crate) const ALL: [Tab; 4] = [Tab::List, Tab::Detail, Tab::Value, Tab::Rotation];

    pub(crate) fn title(self) -> &'static str {
        match self {
            Tab::List => "Secrets",
            Tab::Detail => "Detail",
            Tab::Value => "Value",
            Tab::Rotation => "Rotation",
        }
    }

    /// The next tab (`forward`) or the one before, wrapping around.
    #[must_use]
    pub(crate) fn step(self, forward: bool) -> Tab {
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

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn all_holds_every_row_once_in_order_with_a_unique_kebab_case_name_and_a_heading() {
        // Strictly ascending under the derived order is the declaration order, each once.
        assert!(Layer::ALL.windows(2).all(|pair| pair[0] < pair[1]));
        let mut names = HashSet::new();
        for layer in Layer::ALL {
            let name = layer.name();
            assert!(names.insert(name), "{name} twice");
            assert!(
                !name.is_empty()
                    && !name.starts_with('-')
                    && !name.ends_with('-')
                    && !name.contains("--")
                    && name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name} is not kebab-case"
            );
            assert!(!layer.title().trim().is_empty(), "{name} has no heading");
        }
    }

    #[test]
    fn a_layer_is_a_pane_a_popup_or_the_footer_and_only_popups_carry_or_rest() {
        for layer in Layer::ALL {
            assert!(!(layer.is_pane() && layer.is_popup()), "{layer:?}");
            if layer.carries() {
                assert!(layer.is_popup(), "{layer:?} carries but is no popup");
            }
            if let Some(base) = layer.rests_on() {
                assert!(layer.is_popup() && !layer.carries(), "{layer:?}");
                assert!(
                    base.carries(),
                    "{layer:?} rests on {base:?}, which carries nothing"
                );
            }
        }
        // `Scope::ORDER` puts the global keys after the panes: they are the first rows.
        let panes = Layer::ALL.iter().filter(|layer| layer.is_pane()).count();
        assert!(Layer::ALL[..panes].iter().all(|layer| layer.is_pane()));
    }
}
