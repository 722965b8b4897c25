//! One copy of each string that repeats from row to row. Listed secrets share their
//! region, tag keys and values, staging labels, services, KMS keys and (templated)
//! descriptions with thousands of others; each page's rows point at the copy the list
//! already keeps instead of holding their own, which at 100,000 secrets is tens of MiB
//! (BENCHMARKS.md, "Memory across accounts").

use std::collections::HashSet;
use std::sync::Arc;

use crate::model::{Rotation, SecretSummary, Tag, Text};

#[derive(Debug, Clone, Default)]
pub(super) struct Interner {
    texts: HashSet<Text>,
    /// Each list of tags rows share, and of staging labels versions share.
    tag_lists: HashSet<Arc<Vec<Tag>>>,
    label_lists: HashSet<Arc<Vec<Text>>>,
    /// The rotation of every secret that does not rotate (most), shared by their rows.
    no_rotation: Arc<Rotation>,
}

impl Interner {
    /// `secret`'s repeating strings, swapped for the copies kept (the first of each kept).
    pub(super) fn secret(&mut self, secret: &mut SecretSummary) {
        let texts = &mut self.texts;
        one(texts, &mut secret.region);
        if *secret.rotation == Rotation::default() {
            secret.rotation = Arc::clone(&self.no_rotation);
        }
        for text in [
            &mut secret.description,
            &mut secret.owning_service,
            &mut secret.primary_region,
            &mut secret.kms_key_id,
        ]
        .into_iter()
        .flatten()
        {
            one(texts, text);
        }
        if !secret.tags.is_empty() {
            secret.tags = list(&mut self.tag_lists, &secret.tags, |tag| Tag {
                key: kept(texts, &tag.key),
                value: kept(texts, &tag.value),
            });
        }
        for version in &mut secret.stages {
            version.stages = list(&mut self.label_lists, &version.stages, |label| {
                kept(texts, label)
            });
        }
        secret.stages.shrink_to_fit();
    }

    /// Rows were dropped: the copies no row holds any longer go (lists first: they hold
    /// texts).
    pub(super) fn forget_unused(&mut self) {
        self.tag_lists.retain(|tags| Arc::strong_count(tags) > 1);
        self.label_lists
            .retain(|labels| Arc::strong_count(labels) > 1);
        self.texts.retain(|text| !text.alone());
    }
}

/// `text` swapped for the copy kept of it (itself, kept now, if it is the first).
fn one(texts: &mut HashSet<Text>, text: &mut Text) {
    match texts.get(text.as_str()) {
        Some(kept) => {
            if !kept.shares(text) {
                *text = kept.clone();
            }
        }
        None => {
            texts.insert(text.clone());
        }
    }
}

/// The copy kept of `text`.
fn kept(texts: &mut HashSet<Text>, text: &Text) -> Text {
    let mut text = text.clone();
    one(texts, &mut text);
    text
}

/// The kept list equal to `items` (kept now if it is new, its items each made by `kept`).
fn list<T: Eq + std::hash::Hash>(
    lists: &mut HashSet<Arc<Vec<T>>>,
    items: &Arc<Vec<T>>,
    kept: impl FnMut(&T) -> T,
) -> Arc<Vec<T>> {
    if let Some(list) = lists.get(&**items) {
        return Arc::clone(list);
    }
    let list = Arc::new(items.iter().map(kept).collect::<Vec<T>>());
    lists.insert(Arc::clone(&list));
    list
}

#[cfg(test)]
mod tests {
    use super::Interner;
    use crate::features::browse::test_rows::summary;
    use crate::model::{SecretSummary, Tag};
    use std::sync::Arc;

    fn secret(name: &str, region: &str) -> SecretSummary {
        let mut secret = summary(name, region);
        secret.tags = vec![Tag {
            key: "Team".into(),
            value: String::from("payments").into(),
        }]
        .into();
        secret
    }

    #[test]
    fn equal_strings_of_two_rows_share_one_copy_until_no_row_holds_it() {
        let mut interner = Interner::default();
        let (mut a, mut b) = (secret("a", "eu-west-1"), secret("b", "eu-west-1"));
        assert!(!a.region.shares(&b.region));
        interner.secret(&mut a);
        interner.secret(&mut b);
        assert!(a.region.shares(&b.region));
        assert!(a.tags[0].value.shares(&b.tags[0].value));
        assert!(Arc::ptr_eq(&a.rotation, &b.rotation), "neither rotates");
        assert_eq!((a.region.as_str(), b.name.as_str()), ("eu-west-1", "b"));
        drop((a, b));
        interner.forget_unused();
        assert!(interner.texts.is_empty(), "{:?}", interner.texts);
    }
}
