//! One copy of each string that repeats from row to row. Listed secrets share their
//! region, tag keys and values, staging labels, services, KMS keys and (templated)
//! descriptions with thousands of others; each page's rows point at the copy the list
//! already keeps instead of holding their own, which at 100,000 secrets is tens of MiB
//! (BENCHMARKS.md, "Memory across accounts").

use std::collections::HashSet;
use std::sync::Arc;

use crate::model::{Rotation, SecretSummary, Text};

#[derive(Debug, Clone, Default)]
pub(super) struct Interner {
    texts: HashSet<Text>,
    /// The rotation of every secret that does not rotate (most), shared by their rows.
    no_rotation: Arc<Rotation>,
}

impl Interner {
    /// `secret`'s repeating strings, swapped for the copies kept (the first of each kept).
    pub(super) fn secret(&mut self, secret: &mut SecretSummary) {
        self.one(&mut secret.region);
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
            self.one(text);
        }
        for tag in &mut secret.tags {
            self.one(&mut tag.key);
            self.one(&mut tag.value);
        }
        for version in &mut secret.stages {
            for label in &mut version.stages {
                self.one(label);
            }
        }
    }

    /// Rows were dropped: the copies no row holds any longer go.
    pub(super) fn forget_unused(&mut self) {
        self.texts.retain(|text| !text.alone());
    }

    fn one(&mut self, text: &mut Text) {
        match self.texts.get(text.as_str()) {
            Some(kept) => {
                if !kept.shares(text) {
                    *text = kept.clone();
                }
            }
            None => {
                self.texts.insert(text.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Interner;
    use crate::features::browse::list::tests::summary;
    use crate::model::{SecretSummary, Tag};
    use std::sync::Arc;

    fn secret(name: &str, region: &str) -> SecretSummary {
        let mut secret = summary(name, region);
        secret.tags.push(Tag {
            key: "Team".into(),
            value: String::from("payments").into(),
        });
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
