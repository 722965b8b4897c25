//! One column's sort keys (`order.rs`), a `u128` for each row. Most columns hold few
//! distinct keys (the regions, the accounts, tag counts, days last accessed, templated
//! descriptions): those are kept once each, in a table, and each row holds the index of its
//! own in 16 bits, 2 bytes a row where 16 were. A column whose distinct keys outgrow the
//! table (names, change dates) turns into one `u128` a row. Comparing reads the table, which
//! stays in cache: no slower than reading the row's own key (BENCHMARKS.md, "Memory across
//! accounts").

use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(super) enum Keys {
    /// Each row's index into `table`; `index` finds a key's place in it.
    Few {
        rows: Vec<u16>,
        table: Vec<u128>,
        index: HashMap<u128, u16>,
    },
    /// Each row's key.
    Many(Vec<u128>),
}

impl Default for Keys {
    fn default() -> Self {
        Keys::Few {
            rows: Vec::new(),
            table: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl Keys {
    /// Row `row`'s key.
    pub(super) fn get(&self, row: usize) -> u128 {
        match self {
            Keys::Few { rows, table, .. } => table[usize::from(rows[row])],
            Keys::Many(keys) => keys[row],
        }
    }

    /// A new row's key, after the others.
    pub(super) fn push(&mut self, key: u128) {
        match self.slot(key) {
            Some(slot) => {
                if let Keys::Few { rows, .. } = self {
                    rows.push(slot);
                }
            }
            None => {
                if let Keys::Many(keys) = self {
                    keys.push(key);
                }
            }
        }
    }

    /// Row `row`'s key is now `key`.
    pub(super) fn set(&mut self, row: usize, key: u128) {
        match self.slot(key) {
            Some(slot) => {
                if let Keys::Few { rows, .. } = self {
                    rows[row] = slot;
                }
            }
            None => {
                if let Keys::Many(keys) = self {
                    keys[row] = key;
                }
            }
        }
    }

    /// Keeps the rows whose `kept` is true (one per row, in order).
    pub(super) fn retain(&mut self, kept: &[bool]) {
        match self {
            Keys::Few { rows, .. } => super::order::retain(rows, kept),
            Keys::Many(keys) => super::order::retain(keys, kept),
        }
    }

    /// `key`'s index in the table, added if new; `None` once the column holds one key a
    /// row (turned so now if the table is full).
    fn slot(&mut self, key: u128) -> Option<u16> {
        let Keys::Few { rows, table, index } = self else {
            return None;
        };
        if let Some(&slot) = index.get(&key) {
            return Some(slot);
        }
        if let Ok(slot) = u16::try_from(table.len()) {
            table.push(key);
            index.insert(key, slot);
            return Some(slot);
        }
        let keys = rows.iter().map(|&slot| table[usize::from(slot)]).collect();
        *self = Keys::Many(keys);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::Keys;

    #[test]
    fn few_keys_are_kept_once_and_many_turn_into_a_key_a_row() {
        let mut keys = Keys::default();
        for row in 0..70_000u128 {
            keys.push(row % 3);
        }
        assert!(matches!(&keys, Keys::Few { table, .. } if table.len() == 3));
        assert_eq!((keys.get(0), keys.get(4), keys.get(69_999)), (0, 1, 0));
        keys.set(4, 7);
        assert_eq!(keys.get(4), 7);
        for row in 0..70_000u128 {
            keys.set(usize::try_from(row).expect("small"), 1_000 + row);
        }
        assert!(matches!(&keys, Keys::Many(k) if k.len() == 70_000));
        assert_eq!((keys.get(0), keys.get(69_999)), (1_000, 70_999));
        keys.retain(&(0..70_000).map(|r| r % 2 == 1).collect::<Vec<_>>());
        assert_eq!((keys.get(0), keys.get(1)), (1_001, 1_003));
    }
}
