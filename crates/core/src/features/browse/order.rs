//! The sort order of every column, kept up to date as pages arrive, so switching the sort is
//! picking an order that is already there, not sorting 100,000 rows (BENCHMARKS.md).
//!
//! Each column has one ascending order of all rows. Descending is the same order read
//! backwards. Comparisons read dense keys (one `u128` a row a column, in arrays of their
//! own; a column of few distinct keys keeps each once, `order_keys.rs`) rather than the rows, which are big and scattered in memory: a page's rows find
//! their places by binary search, and every probe is one read of a small array. Ties are
//! broken by each row's place in the name order (`name_rank`), so no comparison but the
//! name order's own ever reads a string twice.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::features::browse::order_keys::Keys;
use crate::features::browse::row::{Column, Row, Sort};
use crate::model::SecretSummary;

const COLUMNS: usize = Column::ALL.len();

#[derive(Debug, Clone)]
pub(super) struct Orders {
    /// Per column: every row, ascending by that column, then by name and region.
    ascending: [Vec<u32>; COLUMNS],
    /// Per column: each row's key. Keys order rows as the column does; where two keys are
    /// equal and the column is not `exact`, the values themselves are compared.
    keys: [Keys; COLUMNS],
    /// The second word of the name's and the description's keys (`string_key`).
    low: [Keys; 2],
    /// For a description too long for its key, a number it shares only with the same
    /// description (templated descriptions repeat): equal long descriptions are known equal
    /// without reading either, and unequal ones are compared in `descriptions`, a small
    /// table that stays in cache, not in the rows.
    same: Vec<u32>,
    numbers: std::collections::HashMap<Arc<str>, u32>,
    descriptions: Vec<Arc<str>>,
    /// Each row's place in the name order: every other column's tie-break.
    name_rank: Vec<u32>,
    /// The accounts as the ACCOUNT column names them: its keys are their places.
    accounts: Accounts,
}

/// The accounts listed, each as the ACCOUNT column names it (its alias, else its ID) and
/// its place among them in that order: the column sorts by what it shows. An alias that
/// arrives, or an account first listed, moves places: the column's keys are made again
/// (a few hundred accounts at most, each named once).
#[derive(Debug, Clone, Default)]
struct Accounts {
    /// (ID, shown), sorted by what is shown, then the ID.
    named: Vec<(Box<str>, Box<str>)>,
    place: std::collections::HashMap<Box<str>, u32>,
}

impl Accounts {
    fn place(&self, id: &str) -> u128 {
        u128::from(self.place.get(id).copied().unwrap_or(u32::MAX))
    }

    /// `id` listed: whether it is new (the places moved).
    fn learn(&mut self, id: &str) -> bool {
        if self.place.contains_key(id) {
            return false;
        }
        self.named.push((id.into(), id.into()));
        self.rank();
        true
    }

    /// `id` is shown as `alias` (or its ID): whether the places moved.
    fn rename(&mut self, id: &str, alias: Option<&str>) -> bool {
        let shown: Box<str> = alias.unwrap_or(id).into();
        match self.named.iter_mut().find(|(known, _)| &**known == id) {
            Some((_, was)) if *was == shown => return false,
            Some((_, was)) => *was = shown,
            None => self.named.push((id.into(), shown)),
        }
        self.rank();
        true
    }

    fn rank(&mut self) {
        self.named
            .sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        self.place = self
            .named
            .iter()
            .enumerate()
            .map(|(at, (id, _))| (id.clone(), index(at)))
            .collect();
    }
}

impl Default for Orders {
    /// Names and change dates are one a secret: their keys are one a row from the start.
    fn default() -> Self {
        let mut keys: [Keys; COLUMNS] = Default::default();
        keys[Column::Name as usize] = Keys::Many(Vec::new());
        keys[Column::LastChanged as usize] = Keys::Many(Vec::new());
        Self {
            ascending: Default::default(),
            keys,
            low: [Keys::Many(Vec::new()), Keys::default()],
            same: Vec::new(),
            numbers: std::collections::HashMap::new(),
            descriptions: Vec::new(),
            name_rank: Vec::new(),
            accounts: Accounts::default(),
        }
    }
}

impl Orders {
    /// Every column's order of `rows`, sorted from scratch.
    #[cfg(test)]
    pub(super) fn build(rows: &[Row]) -> Self {
        let mut orders = Self::default();
        orders.add(rows, 0);
        orders
    }

    /// `rows[first_new..]` have just been pushed: each column sorts only them, then merges
    /// them into its order.
    pub(super) fn add(&mut self, rows: &[Row], first_new: usize) {
        let mut moved = false;
        for row in &rows[first_new..] {
            moved |= self.accounts.learn(row.summary.arn.account());
        }
        if moved {
            self.rekey_accounts(&rows[..first_new]);
        }
        for row in &rows[first_new..] {
            for column in Column::ALL {
                let key = self.key_of(&row.summary, column);
                self.keys[column as usize].push(key);
            }
            self.low[0].push(string_key(Some(&row.summary.name)).1);
            self.low[1].push(string_key(row.summary.description.as_deref()).1);
            let same = self.same_as(row.summary.description.as_deref());
            self.same.push(same);
        }
        let mut fresh: Vec<u32> = (first_new..rows.len()).map(index).collect();
        fresh.sort_unstable_by(|&a, &b| self.by_name(rows, a, b));
        let names = std::mem::take(&mut self.ascending[Column::Name as usize]);
        self.ascending[Column::Name as usize] =
            merge(names, &fresh, |a, b| self.by_name(rows, a, b));
        self.rank_names();
        for column in Column::ALL.into_iter().skip(1) {
            if column == Column::Account && moved {
                self.resort(rows, column);
                continue;
            }
            fresh.sort_unstable_by(|&a, &b| self.by(rows, column, a, b));
            let order = std::mem::take(&mut self.ascending[column as usize]);
            self.ascending[column as usize] =
                merge(order, &fresh, |a, b| self.by(rows, column, a, b));
        }
    }

    /// `account` is shown as `alias` (or its ID) from now on: the ACCOUNT column's order
    /// follows.
    pub(super) fn rename_account(&mut self, rows: &[Row], account: &str, alias: Option<&str>) {
        if self.accounts.rename(account, alias) {
            self.rekey_accounts(rows);
            self.resort(rows, Column::Account);
        }
    }

    /// `rows`' ACCOUNT keys, made again after the accounts' places moved.
    fn rekey_accounts(&mut self, rows: &[Row]) {
        for (at, row) in rows.iter().enumerate() {
            let place = self.accounts.place(row.summary.arn.account());
            self.keys[Column::Account as usize].set(at, place);
        }
    }

    /// `column`'s order of every row, sorted again from its keys.
    fn resort(&mut self, rows: &[Row], column: Column) {
        let mut all: Vec<u32> = (0..rows.len()).map(index).collect();
        all.sort_unstable_by(|&a, &b| self.by(rows, column, a, b));
        self.ascending[column as usize] = all;
    }

    /// A row's key in `column` (an account's is its place among the accounts).
    fn key_of(&self, s: &SecretSummary, column: Column) -> u128 {
        match column {
            Column::Account => self.accounts.place(s.arn.account()),
            _ => key(s, column),
        }
    }

    /// Rows were dropped (`kept[i]` says whether row `i` stayed; the rest moved down in
    /// storage order). Every order keeps its sequence: only the indices change.
    pub(super) fn retain(&mut self, kept: &[bool]) {
        let mut moved_to = vec![u32::MAX; kept.len()];
        let staying = kept.iter().enumerate().filter(|(_, k)| **k);
        for (next, (i, _)) in staying.enumerate() {
            moved_to[i] = index(next);
        }
        for column in 0..COLUMNS {
            let order = &mut self.ascending[column];
            order.retain(|&r| kept[r as usize]);
            for r in order.iter_mut() {
                *r = moved_to[*r as usize];
            }
            self.keys[column].retain(kept);
        }
        self.low[0].retain(kept);
        self.low[1].retain(kept);
        retain(&mut self.same, kept);
        self.name_rank.clear();
        self.rank_names();
    }

    /// Row `row` changed in place (its name did not): it leaves every order and comes back
    /// where its new keys put it.
    pub(super) fn changed(&mut self, rows: &[Row], row: usize) {
        let r = index(row);
        let description = rows[row].summary.description.as_deref();
        self.low[1].set(row, string_key(description).1);
        self.same[row] = self.same_as(description);
        for column in Column::ALL.into_iter().skip(1) {
            let mut order = std::mem::take(&mut self.ascending[column as usize]);
            order.retain(|&o| o != r);
            let key = self.key_of(&rows[row].summary, column);
            self.keys[column as usize].set(row, key);
            self.ascending[column as usize] =
                merge(order, &[r], |a, b| self.by(rows, column, a, b));
        }
    }

    /// Every row in `sort`'s column order, ascending (read it backwards for descending).
    pub(super) fn ascending(&self, column: Column) -> &[u32] {
        &self.ascending[column as usize]
    }

    /// The list's total order under `sort`: the column, then name and region; reversed
    /// when descending.
    pub(super) fn cmp(&self, rows: &[Row], sort: Sort, a: u32, b: u32) -> Ordering {
        let order = self.by(rows, sort.column, a, b);
        if sort.descending {
            order.reverse()
        } else {
            order
        }
    }

    fn by(&self, rows: &[Row], column: Column, a: u32, b: u32) -> Ordering {
        let keys = &self.keys[column as usize];
        let (ai, bi) = (a as usize, b as usize);
        let (ka, kb) = (keys.get(ai), keys.get(bi));
        ka.cmp(&kb)
            .then_with(|| match column {
                Column::Name | Column::Description => {
                    let low = &self.low[usize::from(column == Column::Description)];
                    let (la, lb) = (low.get(ai), low.get(bi));
                    la.cmp(&lb).then_with(|| {
                        // Equal keys short of `LONG`, or the same long description.
                        let known_equal = !long(la)
                            || (column == Column::Description && self.same[ai] == self.same[bi]);
                        if known_equal {
                            Ordering::Equal
                        } else if column == Column::Description {
                            let text = |i: usize| &self.descriptions[self.same[i] as usize];
                            text(ai).cmp(text(bi))
                        } else {
                            compare(&rows[ai].summary, &rows[bi].summary, column)
                        }
                    })
                }
                Column::Region if long_region(ka) => {
                    compare(&rows[ai].summary, &rows[bi].summary, column)
                }
                _ => Ordering::Equal,
            })
            .then_with(|| self.name_rank[ai].cmp(&self.name_rank[bi]))
    }

    /// The number shared by every row whose description is `d`, if it is too long for its
    /// key (else `u32::MAX`: the key says it all).
    fn same_as(&mut self, d: Option<&str>) -> u32 {
        match d {
            Some(d) if d.len() >= 31 => {
                if let Some(&number) = self.numbers.get(d) {
                    return number;
                }
                let number = index(self.descriptions.len());
                let text: Arc<str> = d.into();
                self.descriptions.push(Arc::clone(&text));
                self.numbers.insert(text, number);
                number
            }
            _ => u32::MAX,
        }
    }

    /// The name order: name, region, then arrival (two rows of one name and region keep
    /// the order they came in).
    fn by_name(&self, rows: &[Row], a: u32, b: u32) -> Ordering {
        let (keys, low) = (&self.keys[Column::Name as usize], &self.low[0]);
        let regions = &self.keys[Column::Region as usize];
        let (ai, bi) = (a as usize, b as usize);
        let (sa, sb) = (&rows[ai].summary, &rows[bi].summary);
        keys.get(ai)
            .cmp(&keys.get(bi))
            .then_with(|| low.get(ai).cmp(&low.get(bi)))
            .then_with(|| {
                if long(low.get(ai)) {
                    sa.name.cmp(&sb.name)
                } else {
                    Ordering::Equal
                }
            })
            .then_with(|| regions.get(ai).cmp(&regions.get(bi)))
            .then_with(|| {
                if long_region(regions.get(ai)) {
                    sa.region.cmp(&sb.region)
                } else {
                    Ordering::Equal
                }
            })
            .then(a.cmp(&b))
    }

    fn rank_names(&mut self) {
        let names = &self.ascending[Column::Name as usize];
        self.name_rank.resize(names.len(), 0);
        for (rank, &row) in names.iter().enumerate() {
            self.name_rank[row as usize] = index(rank);
        }
    }
}

fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 4 billion secrets")
}

/// Merges `fresh` (sorted) into `order` (sorted), in place: each fresh row finds its place
/// by binary search, then one pass from the back moves the old rows up. The cost is the
/// searches and one copy of the order, however the rows are spread.
pub(super) fn merge(
    mut order: Vec<u32>,
    fresh: &[u32],
    cmp: impl Fn(u32, u32) -> Ordering,
) -> Vec<u32> {
    let old_len = order.len();
    let mut places = Vec::with_capacity(fresh.len());
    let mut start = 0;
    for &new in fresh {
        start += order[start..].partition_point(|&o| cmp(o, new) == Ordering::Less);
        places.push(start);
    }
    order.resize(old_len + fresh.len(), 0);
    let mut end = old_len;
    for (j, (&new, &place)) in fresh.iter().zip(&places).enumerate().rev() {
        order.copy_within(place..end, place + j + 1);
        order[place + j] = new;
        end = place;
    }
    order
}

/// An order-preserving key: where keys differ, they order two rows as `compare` does.
fn key(s: &SecretSummary, column: Column) -> u128 {
    match column {
        Column::Name => string_key(Some(&s.name)).0,
        Column::Region => short_key(&s.region),
        Column::Description => string_key(s.description.as_deref()).0,
        Column::LastChanged => time(s.last_changed),
        Column::LastAccessed => time(s.last_accessed),
        Column::Rotation => {
            let (rank, never, next) = rotation_rank(s);
            (u128::from(rank) << 124) | (u128::from(never) << 123) | time(next)
        }
        Column::Tags => s.tags.len() as u128,
        // Its place among the accounts, which `Orders` knows (`key_of`).
        Column::Account => 0,
    }
}

/// The length byte of a string longer than its key holds: equal keys, maybe unequal strings.
const LONG: u8 = 33;

/// A string as two words: its first 31 bytes, zero-padded, then a length byte (1 + its
/// length, at most `LONG`; 0 for no string). Keys that differ order as the strings do;
/// equal keys short of `LONG` mean equal strings.
fn string_key(s: Option<&str>) -> (u128, u128) {
    let Some(s) = s else { return (0, 0) };
    let mut bytes = [0u8; 32];
    let n = s.len().min(31);
    bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
    bytes[31] = u8::try_from(s.len().min(32) + 1).unwrap_or(LONG);
    let (high, low) = bytes.split_at(16);
    let word = |b: &[u8]| u128::from_be_bytes(b.try_into().expect("16 bytes"));
    (word(high), word(low))
}

/// A short string (a region) as one word: 15 bytes, then 1 + its length (at most 17, then
/// `long` says the strings must be compared).
fn short_key(s: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = s.len().min(15);
    bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
    bytes[15] = u8::try_from(s.len().min(16) + 1).unwrap_or(17);
    u128::from_be_bytes(bytes)
}

/// Whether a `string_key`'s second word says its string went on beyond the key.
fn long(low: u128) -> bool {
    low & 0xff == u128::from(LONG)
}

/// Whether a `short_key` says its string went on beyond the key.
fn long_region(key: u128) -> bool {
    key & 0xff == 17
}

/// Keeps the values whose `kept` is true (one per value, in order).
pub(super) fn retain<T>(values: &mut Vec<T>, kept: &[bool]) {
    let mut at = 0;
    values.retain(|_| {
        at += 1;
        kept[at - 1]
    });
}

/// None first, then in time order; below 2^102.
fn time(t: Option<jiff::Timestamp>) -> u128 {
    t.map_or(0, |t| {
        u128::try_from(t.as_nanosecond() + (1i128 << 100)).map_or(0, |k| k + 1)
    })
}

/// How `column` orders two rows (before the name and region tie-break).
pub(super) fn compare(a: &SecretSummary, b: &SecretSummary, column: Column) -> Ordering {
    match column {
        Column::Name => a.name.cmp(&b.name),
        Column::Region => a.region.cmp(&b.region),
        Column::Description => a.description.cmp(&b.description),
        Column::LastChanged => a.last_changed.cmp(&b.last_changed),
        Column::LastAccessed => a.last_accessed.cmp(&b.last_accessed),
        Column::Rotation => rotation_rank(a).cmp(&rotation_rank(b)),
        Column::Tags => a.tags.len().cmp(&b.tags.len()),
        // As shown with no alias known (`Orders` sorts by the alias once one is).
        Column::Account => a.arn.account().cmp(b.arn.account()),
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
#[path = "order_tests.rs"]
mod tests;
