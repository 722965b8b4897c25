//! The secret list: every row from every region, the filter, the sort and the selection.
//! Filtering and sorting work on indices so they stay instant at tens of thousands of rows
//! (see BENCHMARKS.md). The sort order of all rows is kept apart from the filter, so a
//! filter keystroke is one linear pass and never a sort.

use std::cmp::Ordering;
use std::hash::BuildHasher as _;

use crate::app::command::Move;
use crate::model::SecretSummary;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Region,
    Description,
    LastChanged,
    LastAccessed,
    Rotation,
    Tags,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Name,
        Column::Region,
        Column::Description,
        Column::LastChanged,
        Column::LastAccessed,
        Column::Rotation,
        Column::Tags,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Column::Name => "NAME",
            Column::Region => "REGION",
            Column::Description => "DESCRIPTION",
            Column::LastChanged => "CHANGED",
            Column::LastAccessed => "ACCESSED",
            Column::Rotation => "ROT",
            Column::Tags => "TAGS",
        }
    }

    fn next(self) -> Column {
        let i = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

#[derive(Debug, Clone)]
struct Row {
    summary: SecretSummary,
    /// Lower-cased name, description and tags: what the filter searches.
    haystack: String,
}

impl Row {
    fn new(summary: SecretSummary) -> Self {
        let mut haystack = summary.name.to_lowercase();
        if let Some(d) = &summary.description {
            haystack.push('\u{1f}');
            haystack.push_str(&d.to_lowercase());
        }
        for tag in &summary.tags {
            haystack.push('\u{1f}');
            haystack.push_str(&tag.key.to_lowercase());
            haystack.push('=');
            haystack.push_str(&tag.value.to_lowercase());
        }
        Self { summary, haystack }
    }
}

#[derive(Debug, Clone)]
pub struct SecretList {
    rows: Vec<Row>,
    /// Indices of every row, in sort order. Recomputed only when rows or the sort change.
    order: Vec<usize>,
    /// The indices of `order` that pass the filter, in the same order.
    visible: Vec<usize>,
    /// Position in `visible`.
    selected: usize,
    filter: String,
    /// Only this region's rows (a click on the region bar).
    region: Option<String>,
    sort: Sort,
    show_deleted: bool,
    /// The secret selected when a refresh started (`remember_selection`): selected again
    /// when its row comes back, unless the user moves first.
    wanted: Option<String>,
    /// Row index by a hash of its ARN: finding the selection again after a page is a
    /// lookup, not a scan of every row (it was most of a page's cost).
    by_arn: std::collections::HashMap<u64, usize>,
    hasher: std::hash::RandomState,
    /// Each row's position in `visible` (`usize::MAX`: filtered out).
    visible_at: Vec<usize>,
}

impl Default for SecretList {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            order: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            filter: String::new(),
            region: None,
            sort: Sort {
                column: Column::Name,
                descending: false,
            },
            show_deleted: false,
            wanted: None,
            by_arn: std::collections::HashMap::new(),
            hasher: std::hash::RandomState::new(),
            visible_at: Vec::new(),
        }
    }
}

impl SecretList {
    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }

    pub fn total(&self) -> usize {
        self.rows.len()
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

    pub fn sort(&self) -> Sort {
        self.sort
    }

    pub fn show_deleted(&self) -> bool {
        self.show_deleted
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    pub fn selected(&self) -> Option<&SecretSummary> {
        self.visible
            .get(self.selected)
            .map(|&i| &self.rows[i].summary)
    }

    pub fn visible(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &SecretSummary> {
        let end = range.end.min(self.visible.len());
        let start = range.start.min(end);
        self.visible[start..end]
            .iter()
            .map(|&i| &self.rows[i].summary)
    }

    /// Every row, whatever the filter, in no particular order (the rotation overview).
    pub fn all(&self) -> impl Iterator<Item = &SecretSummary> {
        self.rows.iter().map(|r| &r.summary)
    }

    /// Selects `arn`, clearing the filter (and showing deleted secrets) when that is what
    /// hides it. Returns whether it is listed at all.
    pub fn select_arn(&mut self, arn: &str) -> bool {
        if self.position_of(arn).is_none() {
            self.change(|list| {
                list.filter.clear();
                list.region = None;
                list.show_deleted = true;
            });
        }
        match self.position_of(arn) {
            Some(at) => {
                self.selected = at;
                self.wanted = None;
                true
            }
            None => false,
        }
    }

    /// Drops every row of `region` (a fresh listing of it has started to arrive).
    pub fn clear_region(&mut self, region: &str) {
        self.change(|list| {
            list.rows.retain(|r| r.summary.region != region);
            list.order = (0..list.rows.len()).collect();
            list.sort_order();
            list.reindex();
        });
    }

    /// Adds a page. Only the new rows are sorted; each then finds its place in the sorted
    /// order by binary search, so a page costs a few thousand comparisons and one copy of
    /// the order, not a sort of every row (BENCHMARKS.md).
    pub fn extend(&mut self, page: Vec<SecretSummary>) {
        self.change(|list| {
            let first_new = list.rows.len();
            list.rows.extend(page.into_iter().map(Row::new));
            for i in first_new..list.rows.len() {
                let key = list.hasher.hash_one(&list.rows[i].summary.arn);
                list.by_arn.insert(key, i);
            }
            let mut fresh: Vec<usize> = (first_new..list.rows.len()).collect();
            let (rows, sort) = (&list.rows, list.sort);
            fresh.sort_by(|&a, &b| ordering(rows, sort, a, b));
            let old = std::mem::take(&mut list.order);
            let mut merged = Vec::with_capacity(old.len() + fresh.len());
            let mut start = 0;
            for new in fresh {
                let place = start
                    + old[start..]
                        .partition_point(|&o| ordering(rows, sort, o, new) != Ordering::Greater);
                merged.extend_from_slice(&old[start..place]);
                merged.push(new);
                start = place;
            }
            merged.extend_from_slice(&old[start..]);
            list.order = merged;
        });
    }

    /// A delete or a restore changed whether `arn` is scheduled for deletion: the row
    /// hides or shows as the deleted toggle says, and the selection keeps its place.
    pub fn set_deleted(&mut self, arn: &str, on: Option<jiff::Timestamp>) {
        self.change(|list| {
            for row in list.rows.iter_mut().filter(|r| r.summary.arn == arn) {
                row.summary.deleted_date = on;
            }
        });
    }

    /// What DescribeSecret says now about `arn`'s rotation and labels, into its row (so
    /// the list and the overview agree with the panel after a change).
    pub fn refresh_from_detail(&mut self, detail: &crate::model::SecretDetail) {
        self.change(|list| {
            for row in list.rows.iter_mut().filter(|r| r.summary.arn == detail.arn) {
                let summary = &mut row.summary;
                summary.rotation = detail.rotation.clone();
                summary.owning_service.clone_from(&detail.owning_service);
                summary.stages = detail
                    .versions
                    .iter()
                    .filter(|v| !v.stages.is_empty())
                    .map(|v| crate::model::VersionStages {
                        version_id: v.id.clone(),
                        stages: v.stages.clone(),
                    })
                    .collect();
                summary.last_accessed = detail.last_accessed.or(summary.last_accessed);
                summary.last_changed = detail.last_changed.or(summary.last_changed);
                summary.tags.clone_from(&detail.tags);
                summary.description.clone_from(&detail.description);
            }
        });
    }

    pub fn set_filter(&mut self, filter: String) {
        self.change(|list| list.filter = filter);
    }

    pub fn toggle_deleted(&mut self) {
        self.change(|list| list.show_deleted = !list.show_deleted);
    }

    pub fn cycle_sort(&mut self) {
        self.change(|list| {
            list.sort.column = list.sort.column.next();
            list.sort_order();
        });
    }

    pub fn reverse_sort(&mut self) {
        self.change(|list| {
            list.sort.descending = !list.sort.descending;
            list.sort_order();
        });
    }

    /// A refresh is starting: whatever is selected now is selected again when its row comes
    /// back, even if regions are cleared and refilled in any order meanwhile.
    pub fn remember_selection(&mut self) {
        self.wanted = self.selected().map(|s| s.arn.clone());
    }

    /// Moves the selection, clamped to the list. The user has chosen: a refresh no longer
    /// brings back the secret selected before it.
    pub fn move_to(&mut self, step: Move) {
        self.selected = step.apply(self.selected, self.visible.len().saturating_sub(1));
        self.wanted = None;
    }

    /// Applies `edit`, then recomputes `visible`. The selection goes back to the secret a
    /// refresh took away if it has come back, else stays on the same secret if it survives
    /// (the ARN is taken before `edit` invalidates the old indices), else keeps its place.
    fn change(&mut self, edit: impl FnOnce(&mut Self)) {
        let current = self.selected().map(|s| s.arn.clone());
        edit(self);
        self.refilter();
        let returned = self.wanted.as_deref().and_then(|arn| self.position_of(arn));
        if returned.is_some() {
            self.wanted = None;
        }
        self.selected = returned
            .or_else(|| current.and_then(|arn| self.position_of(&arn)))
            .unwrap_or_else(|| self.selected.min(self.visible.len().saturating_sub(1)));
    }

    /// Recomputes `visible`. Matching runs in storage order (a cache-friendly pass over the
    /// rows), then the matches are picked out in sort order: walking the rows in sort order
    /// is random access and measurably slower at 50,000 rows.
    fn refilter(&mut self) {
        let needle = self.filter.to_lowercase();
        let show_deleted = self.show_deleted;
        let region = self.region.as_deref();
        let matches: Vec<bool> = self
            .rows
            .iter()
            .map(|row| {
                (show_deleted || row.summary.deleted_date.is_none())
                    && region.is_none_or(|r| row.summary.region == r)
                    && row.haystack.contains(needle.as_str())
            })
            .collect();
        self.visible.clear();
        self.visible
            .extend(self.order.iter().copied().filter(|&i| matches[i]));
        self.visible_at.clear();
        self.visible_at.resize(self.rows.len(), usize::MAX);
        for (at, &row) in self.visible.iter().enumerate() {
            self.visible_at[row] = at;
        }
    }

    /// Row indices changed (rows were dropped): the ARN index is built again.
    fn reindex(&mut self) {
        self.by_arn.clear();
        for (i, row) in self.rows.iter().enumerate() {
            let key = self.hasher.hash_one(&row.summary.arn);
            self.by_arn.insert(key, i);
        }
    }

    /// Where `arn` is in `visible`: a lookup (a scan only if two ARNs ever shared a hash).
    fn position_of(&self, arn: &str) -> Option<usize> {
        let key = self.hasher.hash_one(arn);
        match self.by_arn.get(&key) {
            Some(&row) if self.rows.get(row).is_some_and(|r| r.summary.arn == arn) => {
                let at = *self.visible_at.get(row)?;
                (at != usize::MAX).then_some(at)
            }
            Some(_) => self
                .visible
                .iter()
                .position(|&i| self.rows[i].summary.arn == arn),
            None => None,
        }
    }

    /// Sorts `order` by the sort column, then name and region so equal keys never shuffle.
    fn sort_order(&mut self) {
        let (rows, sort) = (&self.rows, self.sort);
        self.order.sort_by(|&a, &b| ordering(rows, sort, a, b));
    }
}

/// The list's total order: the sort column, then name, then region; reversed when descending.
fn ordering(rows: &[Row], sort: Sort, a: usize, b: usize) -> Ordering {
    let (a, b) = (&rows[a].summary, &rows[b].summary);
    let order = compare(a, b, sort.column)
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| a.region.cmp(&b.region));
    if sort.descending {
        order.reverse()
    } else {
        order
    }
}

fn compare(a: &SecretSummary, b: &SecretSummary, column: Column) -> Ordering {
    match column {
        Column::Name => a.name.cmp(&b.name),
        Column::Region => a.region.cmp(&b.region),
        Column::Description => a.description.cmp(&b.description),
        Column::LastChanged => a.last_changed.cmp(&b.last_changed),
        Column::LastAccessed => a.last_accessed.cmp(&b.last_accessed),
        Column::Rotation => rotation_rank(a).cmp(&rotation_rank(b)),
        Column::Tags => a.tags.len().cmp(&b.tags.len()),
    }
}

/// The riskiest rotations first, without a clock (sorting happens as pages arrive): a
/// rotation pending, then rotating secrets by their next rotation (the most overdue
/// first), then those that do not rotate.
fn rotation_rank(s: &SecretSummary) -> (u8, bool, Option<jiff::Timestamp>) {
    let pending = crate::model::rotation::StageMap::of_summary(s)
        .pending_elsewhere()
        .is_some();
    let rank = match (pending, s.rotation.enabled) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => 2,
    };
    let next = crate::model::rotation::next_rotation(&s.rotation);
    (rank, next.is_none(), next)
}

#[cfg(test)]
#[path = "list_tests.rs"]
pub(crate) mod tests;
