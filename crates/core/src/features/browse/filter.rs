//! What the filter reads, kept apart from the rows: every row's lower-cased name, region,
//! account ID, description and tags in one buffer, in storage order, beside the two facts the filter
//! also checks (the region the list is narrowed to, and whether the secret is scheduled for
//! deletion). The rows are
//! big and their strings are scattered over the heap: at 100,000 rows a keystroke that
//! read them spent most of its time waiting on memory (BENCHMARKS.md). This is one pass
//! over one buffer.

use crate::model::SecretSummary;

#[derive(Debug, Clone, Default)]
pub(super) struct Haystacks {
    text: String,
    rows: Vec<Hay>,
    /// Every region seen, at the index `Hay::region` holds.
    regions: Vec<String>,
    /// How many rows are scheduled for deletion (the title counts those hidden).
    deleted: usize,
}

#[derive(Debug, Clone, Copy)]
struct Hay {
    start: u32,
    end: u32,
    region: u16,
    deleted: bool,
}

/// Which regions' rows pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Any,
    Only(u16),
    /// Only a region no row is in.
    Unknown,
}

/// The filter, ready for the pass.
pub(super) struct Filter {
    /// Every word must be found (see [`words`]), or one of its accounts.
    words: Vec<Word>,
    show_deleted: bool,
    region: Region,
}

impl Haystacks {
    /// A new row, after the others.
    pub(super) fn push(&mut self, secret: &SecretSummary) {
        let start = offset(self.text.len());
        write(&mut self.text, secret);
        let known = self.regions.iter().position(|r| *r == secret.region);
        let region = known.unwrap_or_else(|| {
            self.regions.push(secret.region.to_string());
            self.regions.len() - 1
        });
        self.rows.push(Hay {
            start,
            end: offset(self.text.len()),
            region: u16::try_from(region).expect("fewer than 65,536 regions"),
            deleted: false,
        });
        self.set_deleted(self.rows.len() - 1, secret.deleted_date.is_some());
    }

    /// Row `i`'s text changed: it is written again at the end (the old text stays until
    /// rows are dropped; a secret described now and then adds little).
    pub(super) fn replace(&mut self, i: usize, secret: &SecretSummary) {
        let start = offset(self.text.len());
        write(&mut self.text, secret);
        let hay = &mut self.rows[i];
        hay.start = start;
        hay.end = offset(self.text.len());
        self.set_deleted(i, secret.deleted_date.is_some());
    }

    pub(super) fn set_deleted(&mut self, i: usize, deleted: bool) {
        let was = std::mem::replace(&mut self.rows[i].deleted, deleted);
        self.deleted = self.deleted + usize::from(deleted) - usize::from(was);
    }

    /// How many rows are scheduled for deletion.
    pub(super) fn deleted(&self) -> usize {
        self.deleted
    }

    /// Rows were dropped (`kept[i]` says whether row `i` stayed): the buffer is copied
    /// without them.
    pub(super) fn retain(&mut self, kept: &[bool]) {
        // As much room as before: the next page's text is written without moving it all.
        let mut text = String::with_capacity(self.text.capacity());
        let mut rows = Vec::with_capacity(self.rows.len());
        for (hay, _) in self.rows.iter().zip(kept).filter(|(_, k)| **k) {
            let start = offset(text.len());
            text.push_str(&self.text[hay.start as usize..hay.end as usize]);
            rows.push(Hay {
                start,
                end: offset(text.len()),
                ..*hay
            });
        }
        self.deleted = rows.iter().filter(|hay| hay.deleted).count();
        self.text = text;
        self.rows = rows;
    }

    /// The filter `text` over these rows; `aliases` (account ID, alias) let a word find the
    /// rows of an account whose alias holds it.
    pub(super) fn filter(
        &self,
        text: &str,
        show_deleted: bool,
        region: Option<&str>,
        aliases: &[(String, String)],
    ) -> Filter {
        Filter {
            words: words(text)
                .into_iter()
                .map(|text| Word::with_aliases(text, aliases))
                .collect(),
            show_deleted,
            region: region.map_or(Region::Any, |region| {
                let at = self.regions.iter().position(|r| r == region);
                at.and_then(|at| u16::try_from(at).ok())
                    .map_or(Region::Unknown, Region::Only)
            }),
        }
    }

    pub(super) fn passes(&self, i: usize, filter: &Filter) -> bool {
        self.hay_passes(self.rows[i], filter)
    }

    /// Whether each row passes, in storage order, into `out`.
    pub(super) fn matches(&self, filter: &Filter, out: &mut Vec<bool>) {
        out.clear();
        out.extend(self.rows.iter().map(|&hay| self.hay_passes(hay, filter)));
    }

    fn hay_passes(&self, hay: Hay, filter: &Filter) -> bool {
        (filter.show_deleted || !hay.deleted)
            && match filter.region {
                Region::Any => true,
                Region::Only(r) => r == hay.region,
                Region::Unknown => false,
            }
            && found(
                &self.text[hay.start as usize..hay.end as usize],
                &filter.words,
            )
    }
}

fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("under 4 GiB of names, descriptions and tags")
}

/// The filter's words: lower-cased, split at white space and at control characters (the
/// fields are apart by one, so no word matches across two). One plain substring each, never
/// fuzzy: what a word finds is what contains it, so `prod github` finds the same secrets
/// however the names are laid out, and `ledger/github` only a name that has it.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// One word of the filter, and the accounts whose alias holds it (each as it is written
/// in a row's text, after `ACCOUNT`): the alias arrives after the rows, so it is not in
/// their text, but the account ID is.
struct Word {
    text: String,
    accounts: Vec<String>,
}

impl Word {
    fn plain(text: String) -> Self {
        Self {
            text,
            accounts: Vec::new(),
        }
    }

    fn with_aliases(text: String, aliases: &[(String, String)]) -> Self {
        let accounts = aliases
            .iter()
            .filter(|(_, alias)| alias.to_lowercase().contains(&text))
            .map(|(id, _)| format!("{ACCOUNT}{id}"))
            .collect();
        Self { text, accounts }
    }

    fn in_hay(&self, hay: &str) -> bool {
        hay.contains(self.text.as_str()) || self.accounts.iter().any(|a| hay.contains(a.as_str()))
    }
}

/// Marks the account ID in a row's text: no typed word holds a control character, so only
/// an alias's match looks for it.
const ACCOUNT: char = '\u{1e}';

/// Whether every word is in `hay` (in any order, each in any field).
fn found(hay: &str, words: &[Word]) -> bool {
    words.iter().all(|word| word.in_hay(hay))
}

/// Whether `secret` passes the filter `text` as a row of the list does (without the list's
/// region narrowing and deleted toggle): every word is in its name, region, description or
/// a tag (`key=value`), ignoring case. `smtui list --filter` uses it too.
pub fn matches(secret: &SecretSummary, text: &str) -> bool {
    let words: Vec<Word> = words(text).into_iter().map(Word::plain).collect();
    if words.is_empty() {
        return true;
    }
    let mut hay = String::new();
    write(&mut hay, secret);
    found(&hay, &words)
}

/// Lower-cased name, region, account ID, description and tags (`key=value`), apart by a
/// control character.
fn write(text: &mut String, secret: &SecretSummary) {
    text.push_str(&secret.name.to_lowercase());
    text.push('\u{1f}');
    text.push_str(&secret.region.to_lowercase());
    text.push(ACCOUNT);
    text.push_str(secret.arn.account());
    if let Some(d) = &secret.description {
        text.push('\u{1f}');
        text.push_str(&d.to_lowercase());
    }
    for tag in secret.tags.iter() {
        text.push('\u{1f}');
        text.push_str(&tag.key.to_lowercase());
        text.push('=');
        text.push_str(&tag.value.to_lowercase());
    }
}
