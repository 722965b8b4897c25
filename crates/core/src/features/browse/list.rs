//! The secret list: every row from every region, the filter, the sort and the selection.
//! Filtering and sorting work on indices so they stay instant at 100,000 rows (see
//! BENCHMARKS.md). Every column's sort order of all rows is kept apart from the filter, as
//! pages arrive (`order.rs`): a filter keystroke is one linear pass and never a sort, and
//! switching the sort picks an order that is already there.

use std::cmp::Ordering;
use std::hash::BuildHasher as _;

use crate::features::browse::filter::Haystacks;
use crate::features::browse::intern::Interner;
use crate::features::browse::order::{Orders, merge, retain};
use crate::features::browse::row::Row;
use crate::features::browse::row::{Column, Sort};
use crate::ids::{Arn, IdentityId, RowKey};
use crate::kit::{Cursor, Move};
use crate::model::{SecretSummary, Text};

/// What `unhide_and_select` changed to show a secret that was hidden.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Unhidden {
    /// The filter text that hid it, cleared.
    pub(crate) filter: Option<String>,
    /// The one region shown before every region was.
    pub(crate) region: Option<String>,
    /// Secrets scheduled for deletion are shown now.
    pub(crate) deleted: bool,
}

#[derive(Debug, Clone)]
pub struct SecretList {
    rows: Vec<Row>,
    /// Every column's order of the rows, kept up to date as pages arrive.
    orders: Orders,
    /// What the filter searches, in one buffer.
    hays: Haystacks,
    /// Whether each row passes the filter, in storage order.
    matches: Vec<bool>,
    /// The rows that pass the filter, in sort order.
    visible: Vec<u32>,
    /// Position in `visible`.
    selected: Cursor,
    filter: String,
    /// Only this region's rows (a click on the region bar).
    region: Option<String>,
    sort: Sort,
    show_deleted: bool,
    /// The row selected when a refresh started (`remember_selection`): selected again
    /// whenever it is (back) in the list, until the user moves.
    wanted: Option<RowKey>,
    /// Whether the selection was put somewhere (a move, a click, a secret selected for the
    /// user). Until then it stays on the first row while pages arrive in any order.
    chosen: bool,
    /// Row index by a hash of its key (identity and ARN: two identities list one ARN as
    /// two rows): finding the selection again after a page is a lookup, not a scan of
    /// every row (it was most of a page's cost).
    by_key: std::collections::HashMap<u64, usize>,
    hasher: std::hash::RandomState,
    /// The widest name (in columns) of the live rows, and of those scheduled for deletion:
    /// the name column asks for that much.
    widest: (usize, usize),
    /// Whether the account column is drawn and sorted by (several identities are held).
    accounts_shown: bool,
    /// Accounts' aliases (account ID, alias), as `iam:ListAccountAliases` gave them.
    aliases: Vec<(String, String)>,
    /// The one copy of each string rows repeat (regions, tags, labels…).
    interned: Interner,
}

impl Default for SecretList {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            orders: Orders::default(),
            hays: Haystacks::default(),
            matches: Vec::new(),
            visible: Vec::new(),
            selected: Cursor::default(),
            filter: String::new(),
            region: None,
            sort: Sort {
                column: Column::Name,
                descending: false,
            },
            show_deleted: false,
            wanted: None,
            chosen: false,
            by_key: std::collections::HashMap::new(),
            hasher: std::hash::RandomState::new(),
            widest: (0, 0),
            accounts_shown: false,
            aliases: Vec::new(),
            interned: Interner::default(),
        }
    }
}

impl SecretList {
    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }

    pub fn total(&self) -> usize {
        self.rows.len()
    }

    /// The widest name's columns among the rows that can show (those scheduled for deletion
    /// only while they are shown), without the marker a deletion adds.
    pub(crate) fn widest_name(&self) -> (usize, Option<usize>) {
        let (live, deleted) = self.widest;
        (
            live,
            (self.show_deleted && self.deleted() > 0).then_some(deleted),
        )
    }

    /// Rows scheduled for deletion, shown or not.
    pub(crate) fn deleted(&self) -> usize {
        self.hays.deleted()
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// The one region shown, when the list is narrowed to one.
    pub fn region_filter(&self) -> Option<&str> {
        self.region.as_deref()
    }

    pub fn set_region_filter(&mut self, region: Option<String>) {
        self.change(|list| list.region = region);
    }

    /// Whether the account column is drawn (several identities are held).
    pub fn accounts_shown(&self) -> bool {
        self.accounts_shown
    }

    /// Several identities are held (`shown`), or one again: the account column comes or
    /// goes, and a sort by it goes back to the name.
    pub(crate) fn show_accounts(&mut self, shown: bool) {
        if self.accounts_shown == shown {
            return;
        }
        self.change_in_place(|list| {
            list.accounts_shown = shown;
            if !shown && list.sort.column == Column::Account {
                list.sort.column = Column::Name;
                list.show();
            }
        });
    }

    /// `account`'s alias (None: it has none): shown for it, and found by the filter.
    pub(crate) fn name_account(&mut self, account: &str, alias: Option<&str>) {
        self.aliases.retain(|(id, _)| id != account);
        if let Some(alias) = alias {
            self.aliases.push((account.to_owned(), alias.to_owned()));
        }
        // The column sorts by what it shows.
        self.change(|list| list.orders.rename_account(&list.rows, account, alias));
    }

    /// Every account's alias known (account ID, alias).
    pub(crate) fn aliases(&self) -> &[(String, String)] {
        &self.aliases
    }

    /// `account`'s alias, when ListAccountAliases gave one.
    pub fn alias_of(&self, account: &str) -> Option<&str> {
        self.aliases
            .iter()
            .find(|(id, _)| id == account)
            .map(|(_, alias)| alias.as_str())
    }

    /// How the account column names `account`: its alias when known, else its ID.
    pub fn account_label<'a>(&'a self, account: &'a str) -> &'a str {
        self.aliases
            .iter()
            .find(|(id, _)| id == account)
            .map_or(account, |(_, alias)| alias.as_str())
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    pub fn show_deleted(&self) -> bool {
        self.show_deleted
    }

    pub fn selected_index(&self) -> usize {
        self.selected.at()
    }

    /// Drawing the list `height` rows high: the first row to draw (the page is recorded for
    /// the page keys).
    pub(crate) fn window(&self, height: usize) -> usize {
        self.selected.window(self.visible.len(), height)
    }

    pub fn selected(&self) -> Option<&SecretSummary> {
        self.visible
            .get(self.selected.at())
            .map(|&i| &self.rows[i as usize].summary)
    }

    pub fn visible(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &SecretSummary> {
        let end = range.end.min(self.visible.len());
        let start = range.start.min(end);
        self.visible[start..end]
            .iter()
            .map(|&i| &self.rows[i as usize].summary)
    }

    /// Every row, whatever the filter, in no particular order (the rotation overview).
    pub fn all(&self) -> impl Iterator<Item = &SecretSummary> {
        self.rows.iter().map(|r| &r.summary)
    }

    /// Selects the row `key` names as `unhide_and_select` does. Returns whether it is
    /// listed at all.
    pub fn select(&mut self, key: &RowKey) -> bool {
        self.unhide_and_select(key).is_some()
    }

    /// Selects the row `key` names, changing only what hides it: deleted secrets are shown
    /// only when it is one, every region only when it is in another, and the filter text is
    /// cleared only when it still hides it after those. Returns what changed (for the
    /// footer), or `None` when it is not listed at all.
    pub(crate) fn unhide_and_select(&mut self, key: &RowKey) -> Option<Unhidden> {
        let row = self.row_of(key)?;
        let mut unhidden = Unhidden::default();
        if self.position_of(key).is_none() {
            let summary = &self.rows[row].summary;
            unhidden.deleted = summary.deleted_date.is_some() && !self.show_deleted;
            unhidden.region = self
                .region
                .as_ref()
                .filter(|r| **r != summary.region)
                .cloned();
            if unhidden.deleted || unhidden.region.is_some() {
                self.change(|list| {
                    list.show_deleted |= unhidden.deleted;
                    if unhidden.region.is_some() {
                        list.region = None;
                    }
                });
            }
            if self.position_of(key).is_none() && !self.filter.is_empty() {
                unhidden.filter = Some(self.filter.clone());
                self.change(|list| list.filter.clear());
            }
        }
        let at = self.position_of(key)?;
        self.selected.set(at);
        self.wanted = None;
        self.chosen = true;
        Some(unhidden)
    }

    /// Drops every row of `region` as `identity` listed it (a fresh listing of it has
    /// started to arrive).
    /// Every order keeps its sequence without the region's rows: nothing is sorted.
    pub fn clear_region(&mut self, identity: IdentityId, region: &str) {
        self.change_in_place(|list| {
            let kept: Vec<bool> = list
                .rows
                .iter()
                .map(|r| r.summary.region != region || r.summary.identity != identity)
                .collect();
            if kept.iter().all(|k| *k) {
                return;
            }
            retain(&mut list.rows, &kept);
            list.interned.forget_unused();
            retain(&mut list.matches, &kept);
            list.hays.retain(&kept);
            list.orders.retain(&kept);
            list.reindex();
            list.measure();
            list.show();
        });
    }

    /// Adds a page. Only the new rows are sorted, once for each column; they then find
    /// their places in each column's order, and in `visible`, by binary search (BENCHMARKS.md).
    pub(crate) fn extend(&mut self, page: Vec<SecretSummary>) {
        self.change_in_place(|list| {
            let first_new = list.rows.len();
            for mut summary in page {
                list.interned.secret(&mut summary);
                list.hays.push(&summary);
                widen(&mut list.widest, &summary);
                list.rows.push(Row { summary });
            }
            for i in first_new..list.rows.len() {
                let hash = list.hash_of(&list.rows[i].summary);
                list.by_key.insert(hash, i);
            }
            list.orders.add(&list.rows, first_new);
            let filter = (list.hays).filter(
                &list.filter,
                list.show_deleted,
                list.region.as_deref(),
                &list.aliases,
            );
            let mut fresh = Vec::new();
            for i in first_new..list.rows.len() {
                let passes = list.hays.passes(i, &filter);
                list.matches.push(passes);
                if passes {
                    fresh.push(u32::try_from(i).expect("fewer than 4 billion secrets"));
                }
            }
            let (rows, orders, sort) = (&list.rows, &list.orders, list.sort);
            if list.visible.len() + fresh.len() == rows.len() {
                // Every row shows (no filter, as while loading): the order is copied.
                let order = orders.ascending(sort.column);
                list.visible.clear();
                if sort.descending {
                    list.visible.extend(order.iter().rev());
                } else {
                    list.visible.extend_from_slice(order);
                }
                return;
            }
            fresh.sort_unstable_by(|&a, &b| orders.cmp(rows, sort, a, b));
            let visible = std::mem::take(&mut list.visible);
            list.visible = merge(visible, &fresh, |a, b| orders.cmp(rows, sort, a, b));
        });
    }

    /// A delete or a restore changed whether the secret `arn` is scheduled for deletion.
    /// That is the secret's, not a row's: every held identity's row of it (two roles of
    /// one account) hides or shows as the deleted toggle says, and the selection keeps its
    /// place. Returns the identities whose rows changed.
    pub(crate) fn set_deleted(
        &mut self,
        arn: &str,
        on: Option<jiff::Timestamp>,
    ) -> Vec<IdentityId> {
        let mut marked = Vec::new();
        self.change(|list| {
            for (i, row) in list.rows.iter_mut().enumerate() {
                if row.summary.arn == arn {
                    row.summary.deleted_date = on;
                    list.hays.set_deleted(i, on.is_some());
                    marked.push(row.summary.identity);
                }
            }
            list.measure();
        });
        marked
    }

    /// What DescribeSecret, asked as `identity`, says now about a secret's rotation and
    /// labels, into that identity's row of it (so the list and the overview agree with the
    /// panel after a change); another identity's row of it is its own to describe.
    pub(crate) fn refresh_from_detail(
        &mut self,
        identity: IdentityId,
        detail: &crate::model::SecretDetail,
    ) {
        self.change(|list| {
            for i in 0..list.rows.len() {
                let row = &list.rows[i].summary;
                if row.identity != identity || row.arn != detail.arn {
                    continue;
                }
                let summary = &mut list.rows[i].summary;
                summary.rotation = std::sync::Arc::new(detail.rotation.clone());
                summary.owning_service = detail.owning_service.as_deref().map(Text::from);
                summary.stages = detail
                    .versions
                    .iter()
                    .filter(|v| !v.stages.is_empty())
                    .map(|v| crate::model::VersionStages {
                        version_id: v.id.as_str().into(),
                        stages: std::sync::Arc::new(v.stages.iter().map(Text::from).collect()),
                    })
                    .collect();
                summary.last_accessed = detail.last_accessed.or(summary.last_accessed);
                summary.last_changed = detail.last_changed.or(summary.last_changed);
                summary.tags = std::sync::Arc::new(detail.tags.clone());
                summary.description = detail.description.as_deref().map(Text::from);
                list.interned.secret(summary);
                list.hays.replace(i, &list.rows[i].summary);
                list.orders.changed(&list.rows, i);
            }
        });
    }

    pub fn set_filter(&mut self, filter: String) {
        self.change(|list| list.filter = filter);
    }

    pub(crate) fn toggle_deleted(&mut self) {
        self.change(|list| list.show_deleted = !list.show_deleted);
    }

    pub(crate) fn cycle_sort(&mut self) {
        self.change_in_place(|list| {
            list.sort.column = list.sort.column.next(list.accounts_shown);
            list.show();
        });
    }

    pub(crate) fn reverse_sort(&mut self) {
        self.change_in_place(|list| {
            list.sort.descending = !list.sort.descending;
            list.show();
        });
    }

    /// A refresh is starting: whatever is selected now is selected again when its row comes
    /// back, even if regions are cleared and refilled in any order meanwhile.
    pub(crate) fn remember_selection(&mut self) {
        self.wanted = self.selected().map(SecretSummary::key);
    }

    /// Moves the selection, clamped to the list. The user has chosen: a refresh no longer
    /// brings back the secret selected before it.
    pub(crate) fn move_to(&mut self, step: Move) {
        self.selected.apply(step, self.visible.len());
        self.wanted = None;
        self.chosen = true;
    }

    /// Applies `edit`, then recomputes `visible`. The selection goes back to the secret a
    /// refresh took away if it has come back; else, before the user has chosen one, it is
    /// the first row; else it stays on the same row if it survives (its key is taken
    /// before `edit` invalidates the old indices), else keeps its place.
    fn change(&mut self, edit: impl FnOnce(&mut Self)) {
        self.change_in_place(|list| {
            edit(list);
            list.refilter();
        });
    }

    /// `change` for an edit that brings `visible` up to date itself.
    fn change_in_place(&mut self, edit: impl FnOnce(&mut Self)) {
        let current = self.selected().map(SecretSummary::key);
        edit(self);
        // `wanted` is kept until the user moves: found while its region still holds its old
        // row, it must still win when that region is cleared and listed again.
        let returned = self.wanted.as_ref().and_then(|key| self.position_of(key));
        if !self.chosen {
            self.selected.set(returned.unwrap_or(0));
            return;
        }
        let at = returned
            .or_else(|| current.and_then(|key| self.position_of(&key)))
            .unwrap_or_else(|| {
                self.selected_index()
                    .min(self.visible.len().saturating_sub(1))
            });
        self.selected.set(at);
    }

    /// Recomputes `visible`. Matching runs in storage order over the filter's own buffer
    /// (`filter.rs`: one sequential pass), then the matches are picked out in sort order:
    /// walking the rows in sort order is random access and measurably slower.
    fn refilter(&mut self) {
        let filter = (self.hays).filter(
            &self.filter,
            self.show_deleted,
            self.region.as_deref(),
            &self.aliases,
        );
        self.hays.matches(&filter, &mut self.matches);
        self.show();
    }

    /// `visible` from the sort column's order and `matches`: one pass, no sorting.
    fn show(&mut self) {
        let order = self.orders.ascending(self.sort.column);
        let matches = &self.matches;
        self.visible.clear();
        if self.sort.descending {
            let rows = order.iter().rev().filter(|&&r| matches[r as usize]);
            self.visible.extend(rows);
        } else {
            let rows = order.iter().filter(|&&r| matches[r as usize]);
            self.visible.extend(rows);
        }
    }

    /// The widest names, measured again (rows were dropped, or changed sides).
    fn measure(&mut self) {
        self.widest = (0, 0);
        for row in &self.rows {
            widen(&mut self.widest, &row.summary);
        }
    }

    /// Row indices changed (rows were dropped): the key index is built again.
    fn reindex(&mut self) {
        self.by_key.clear();
        for (i, row) in self.rows.iter().enumerate() {
            let hash = self.hash_of(&row.summary);
            self.by_key.insert(hash, i);
        }
    }

    /// The hash `by_key` files `row` under.
    fn hash_of(&self, row: &SecretSummary) -> u64 {
        self.hash(row.identity, &row.arn)
    }

    fn hash(&self, identity: IdentityId, arn: &Arn) -> u64 {
        self.hasher.hash_one((identity, arn))
    }

    /// Where the row `key` names is in `rows`, shown or not.
    fn row_of(&self, key: &RowKey) -> Option<usize> {
        let hash = self.hash(key.identity, &key.arn);
        match self.by_key.get(&hash) {
            Some(&row) if self.rows.get(row).is_some_and(|r| r.summary.has_key(key)) => Some(row),
            _ => self.rows.iter().position(|r| r.summary.has_key(key)),
        }
    }

    /// Where the row `key` names is in `visible`: a lookup (a scan only if two keys ever
    /// shared a hash).
    fn position_of(&self, key: &RowKey) -> Option<usize> {
        let hash = self.hash(key.identity, &key.arn);
        match self.by_key.get(&hash) {
            Some(&row) if self.rows.get(row).is_some_and(|r| r.summary.has_key(key)) => {
                if !self.matches.get(row).copied().unwrap_or(false) {
                    return None;
                }
                // `visible` is in sort order: the row's place is found by binary search.
                let row = u32::try_from(row).ok()?;
                let (rows, orders, sort) = (&self.rows, &self.orders, self.sort);
                let at = self
                    .visible
                    .partition_point(|&v| orders.cmp(rows, sort, v, row) == Ordering::Less);
                (self.visible.get(at) == Some(&row)).then_some(at)
            }
            Some(_) => self
                .visible
                .iter()
                .position(|&i| self.rows[i as usize].summary.has_key(key)),
            None => None,
        }
    }
}

/// `widest` (live, scheduled for deletion) taking `secret`'s name into account.
fn widen(widest: &mut (usize, usize), secret: &SecretSummary) {
    use unicode_width::UnicodeWidthStr as _;
    let side = if secret.deleted_date.is_some() {
        &mut widest.1
    } else {
        &mut widest.0
    };
    *side = (*side).max(secret.name.width());
}

#[cfg(test)]
#[path = "list_tests.rs"]
pub(crate) mod tests;

/// The rows as a room's commands read them (the rotation overview's subject).
impl crate::room::update::Listed for SecretList {
    fn rows(&self) -> Box<dyn Iterator<Item = &SecretSummary> + '_> {
        Box::new(self.all())
    }

    fn total(&self) -> usize {
        SecretList::total(self)
    }
}
