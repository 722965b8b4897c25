//! Where a key binding applies: in one layer, or under the panes everywhere.

use crate::room::layers::Layer;

/// Where a binding applies: in one layer, or globally (under the panes, when the pane's own
/// table does not bind the key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Scope {
    In(Layer),
    Global,
}

impl Scope {
    /// Help and docs order: the panes, everywhere, then each popup (the layers in
    /// `Layer::ALL`'s order, so a new layer is placed where it is declared).
    pub(crate) const ORDER: [Scope; Layer::ALL.len() + 1] = {
        /// The panes come before the keys that work everywhere.
        const PANES: usize = 2;
        let mut order = [Scope::Global; Layer::ALL.len() + 1];
        let mut i = 0;
        while i < Layer::ALL.len() {
            let at = if i < PANES { i } else { i + 1 };
            order[at] = Scope::In(Layer::ALL[i]);
            i += 1;
        }
        order
    };

    pub(crate) fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::In(layer) => layer.name(),
        }
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            Scope::Global => "List and value pane",
            Scope::In(layer) => layer.title(),
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Scope> {
        Self::ORDER.into_iter().find(|s| s.name() == name)
    }
}
