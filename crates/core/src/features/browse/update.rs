//! The browse room's update: listing results, moving, sorting, filtering, refreshing.

use crate::features::browse::state::{Browse, RegionState};
use crate::features::browse::{Call, Command as BrowseCommand, Out};
use crate::ids::IdentityId;
use crate::model::{AwsError, SecretSummary};
use crate::room::TextEdit;
use crate::room::keys::{Bind, Verb};
use crate::room::layers::Layer;
use crate::room::{Effect, Intent, Stamp};

impl Browse {
    /// ListSecrets for every region, as `stamp`'s identity.
    pub(crate) fn list_effects(&self, stamp: Stamp) -> Vec<Effect<Call>> {
        self.regions
            .iter()
            .filter(|r| r.identity == stamp.identity)
            .map(|r| Effect::Aws {
                stamp,
                call: Call::List {
                    region: r.name.clone(),
                },
            })
            .collect()
    }

    /// A page of `region` as `identity` lists it: its rows are that identity's.
    pub(crate) fn page_arrived(
        &mut self,
        identity: IdentityId,
        region: &str,
        mut page: Vec<SecretSummary>,
        last: bool,
    ) {
        let Some(status) = self.status_mut(identity, region) else {
            return;
        };
        if std::mem::take(&mut status.awaiting_first_page) {
            self.list.clear_region(identity, region);
        }
        let Some(status) = self.status_mut(identity, region) else {
            return;
        };
        for row in &mut page {
            row.identity = identity;
        }
        let so_far = match status.state {
            RegionState::Loading { so_far } => so_far,
            _ => 0,
        } + page.len();
        status.state = if last {
            RegionState::Loaded { count: so_far }
        } else {
            RegionState::Loading { so_far }
        };
        self.list.extend(page);
    }

    /// The region bar has room for the kind of error; the router puts the whole story in
    /// the footer.
    pub(crate) fn region_failed(&mut self, identity: IdentityId, region: &str, error: AwsError) {
        if let Some(status) = self.status_mut(identity, region) {
            status.awaiting_first_page = false;
            status.state = RegionState::Failed(error);
        }
    }

    /// A refresh of `identity`: its regions load again; the old rows stay until each
    /// region's first new page, and the selection comes back when its secret does.
    pub(crate) fn restart(&mut self, identity: IdentityId) {
        self.list.remember_selection();
        for region in self.regions.iter_mut().filter(|r| r.identity == identity) {
            region.state = RegionState::Loading { so_far: 0 };
            region.awaiting_first_page = true;
        }
    }

    /// A switch from `old` to `new`: none of the rows are known to be visible to the new
    /// identity, so the old one's go with it.
    pub(crate) fn switch_rows(&mut self, old: IdentityId, new: IdentityId) {
        self.release(old);
        self.hold(new);
        for region in self.regions.iter_mut().filter(|r| r.identity == new) {
            region.awaiting_first_page = false;
        }
    }

    /// The list's own commands. Returns false for a command it does not handle.
    pub(crate) fn command(&mut self, command: Bind<BrowseCommand>, out: &mut Out) -> bool {
        if let Some(step) = command.as_move() {
            self.list.move_to(step);
            return true;
        }
        match command {
            Bind::Verb(Verb::SortNext) => self.list.cycle_sort(),
            Bind::Own(BrowseCommand::SortReverse) => self.list.reverse_sort(),
            Bind::Own(BrowseCommand::ToggleDeleted) => self.list.toggle_deleted(),
            Bind::Own(BrowseCommand::NextRegion) => self.next_region(),
            Bind::Verb(Verb::Filter) => out.intent(Intent::Open(Layer::Filter)),
            _ => return false,
        }
        true
    }

    /// Clears the filter and the region narrowing; false when there was neither.
    pub(crate) fn clear_filter(&mut self) -> bool {
        if self.list.filter().is_empty() && self.list.region_filter().is_none() {
            return false;
        }
        self.list.set_filter(String::new());
        self.list.set_region_filter(None);
        true
    }

    /// A click on a region: only its secrets; a second click on it shows every region's.
    pub(crate) fn toggle_region_filter(&mut self, region: &str) {
        let again = self.list.region_filter() == Some(region);
        self.list
            .set_region_filter((!again).then(|| region.to_owned()));
    }

    /// The keyboard's way to what a click on the region bar does: only the next region's
    /// secrets, in the bar's order; after the last, every region's again.
    pub(crate) fn next_region(&mut self) {
        let at = self
            .list
            .region_filter()
            .and_then(|shown| self.names.iter().position(|r| r == shown));
        let next = match at {
            None => self.names.first(),
            Some(at) => self.names.get(at + 1),
        };
        self.list.set_region_filter(next.cloned());
    }

    /// The filter prompt's keys: Enter keeps the filter, Esc clears it.
    pub(crate) fn filter_command(&mut self, command: Bind<BrowseCommand>, out: &mut Out) {
        match command {
            Bind::Verb(Verb::Select) => out.intent(Intent::Close(Layer::Filter)),
            Bind::Verb(Verb::Back) => {
                self.clear_filter();
                out.intent(Intent::Close(Layer::Filter));
            }
            _ => {}
        }
    }

    /// Typing in the filter prompt filters on every keystroke.
    pub(crate) fn filter_text(&mut self, edit: TextEdit) {
        let mut filter = self.list.filter().to_owned();
        edit.apply_to(&mut filter);
        self.list.set_filter(filter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::browse::list::tests::summary;

    #[test]
    fn a_region_s_old_rows_go_when_its_first_new_page_arrives() {
        let mut browse = Browse::new(&["us-east-1".into(), "eu-west-1".into()]);
        let start = IdentityId::START;
        browse.page_arrived(start, "us-east-1", vec![summary("old", "us-east-1")], true);
        browse.page_arrived(start, "eu-west-1", vec![summary("kept", "eu-west-1")], true);
        browse.restart(start);
        assert_eq!(browse.list.total(), 2, "old rows stay during a refresh");
        browse.page_arrived(start, "us-east-1", vec![summary("new", "us-east-1")], false);
        let names: Vec<_> = browse.list.visible(0..9).map(|s| s.name.clone()).collect();
        assert_eq!(names, ["kept", "new"]);
        assert_eq!(browse.regions[0].state, RegionState::Loading { so_far: 1 });
    }
}
