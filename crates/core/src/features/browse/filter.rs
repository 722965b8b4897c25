//! What the filter reads, kept apart from the rows: every row's lower-cased name in one
//! buffer, in storage order, and the rest of what it searches (region, account ID,
//! description and tags, lower-cased) as one of the distinct such texts, beside the two
//! facts the filter also checks (the region the list is narrowed to, and whether the secret
//! is scheduled for deletion). The rows are big and their strings are scattered over the
//! heap: at 100,000 rows a keystroke that read them spent most of its time waiting on
//! memory (BENCHMARKS.md). This is one pass over one buffer. The rest repeats from row to
//! row (an account's region, a team's tags, templated descriptions): each distinct rest is
//! kept once and searched once a keystroke, not once a row (BENCHMARKS.md, "Memory across
//! accounts").

use crate::model::{SecretSummary, Text};

#[derive(Debug, Clone, Default)]
pub(super) struct Haystacks {
    /// Every row's lower-cased name.
    text: String,
    rows: Vec<Hay>,
    /// Each distinct rest (`write_rest`), at the index `Hay::rest` holds.
    rests: Vec<Text>,
    rest_index: std::collections::HashMap<Text, u32>,
    /// Every region seen, at the index `Hay::region` holds.
    regions: Vec<String>,
    /// How many rows are scheduled for deletion (the title counts those hidden).
    deleted: usize,
}

#[derive(Debug, Clone, Copy)]
struct Hay {
    start: u32,
    end: u32,
    rest: u32,
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
        write_name(&mut self.text, secret);
        let rest = self.rest_of(secret);
        let known = self.regions.iter().position(|r| *r == secret.region);
        let region = known.unwrap_or_else(|| {
            self.regions.push(secret.region.to_string());
            self.regions.len() - 1
        });
        self.rows.push(Hay {
            start,
            end: offset(self.text.len()),
            rest,
            region: u16::try_from(region).expect("fewer than 65,536 regions"),
            deleted: false,
        });
        self.set_deleted(self.rows.len() - 1, secret.deleted_date.is_some());
    }

    /// Row `i`'s text changed: it is written again at the end (the old text stays until
    /// rows are dropped; a secret described now and then adds little).
    pub(super) fn replace(&mut self, i: usize, secret: &SecretSummary) {
        let start = offset(self.text.len());
        write_name(&mut self.text, secret);
        let rest = self.rest_of(secret);
        let hay = &mut self.rows[i];
        hay.start = start;
        hay.end = offset(self.text.len());
        hay.rest = rest;
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

    /// The index of `secret`'s rest, kept now if no row had it.
    fn rest_of(&mut self, secret: &SecretSummary) -> u32 {
        let mut rest = String::new();
        write_rest(&mut rest, secret);
        if let Some(&at) = self.rest_index.get(rest.as_str()) {
            return at;
        }
        let at = u32::try_from(self.rests.len()).expect("fewer than 4 billion texts");
        let rest = Text::from(rest);
        self.rests.push(rest.clone());
        self.rest_index.insert(rest, at);
        at
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
        // The rests no row has now go; the others move down.
        let mut used = vec![false; self.rests.len()];
        for hay in &self.rows {
            used[hay.rest as usize] = true;
        }
        let mut moved_to = vec![0u32; self.rests.len()];
        let rests = std::mem::take(&mut self.rests);
        self.rest_index.clear();
        for (at, rest) in rests.into_iter().enumerate() {
            if used[at] {
                moved_to[at] = u32::try_from(self.rests.len()).expect("fewer than 4 billion");
                self.rest_index.insert(rest.clone(), moved_to[at]);
                self.rests.push(rest);
            }
        }
        for hay in &mut self.rows {
            hay.rest = moved_to[hay.rest as usize];
        }
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
                .map(|text| Word::with_aliases(&text, aliases))
                .collect(),
            show_deleted,
            region: region.map_or(Region::Any, |region| {
                let at = self.regions.iter().position(|r| r == region);
                at.and_then(|at| u16::try_from(at).ok())
                    .map_or(Region::Unknown, Region::Only)
            }),
        }
    }

    /// Whether row `i` passes (a row just added: its rest is searched for it alone).
    pub(super) fn passes(&self, i: usize, filter: &Filter) -> bool {
        let hay = self.rows[i];
        let rest = &self.rests[hay.rest as usize];
        self.hay_passes(hay, filter, |word, _| word.in_hay(rest))
    }

    /// Whether each row passes, in storage order, into `out`. Each distinct rest is searched
    /// once for each word first.
    pub(super) fn matches(&self, filter: &Filter, out: &mut Vec<bool>) {
        let in_rest: Vec<Vec<bool>> = (filter.words.iter())
            .map(|word| self.rests.iter().map(|rest| word.in_hay(rest)).collect())
            .collect();
        out.clear();
        out.extend(
            self.rows
                .iter()
                .map(|&hay| self.hay_passes(hay, filter, |_, w| in_rest[w][hay.rest as usize])),
        );
    }

    /// Whether `hay` passes; `in_rest(word, w)` says whether its rest holds word `w`.
    fn hay_passes(
        &self,
        hay: Hay,
        filter: &Filter,
        in_rest: impl Fn(&Word, usize) -> bool,
    ) -> bool {
        (filter.show_deleted || !hay.deleted)
            && match filter.region {
                Region::Any => true,
                Region::Only(r) => r == hay.region,
                Region::Unknown => false,
            }
            && {
                let name = &self.text[hay.start as usize..hay.end as usize];
                (filter.words.iter().enumerate())
                    .all(|(w, word)| in_rest(word, w) || word.in_name(name))
            }
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
    /// The word's searcher, made once: `str::contains` makes one each call, which over a
    /// name of 30 bytes (too short for its vectorised path) cost more than the search.
    finder: memchr::memmem::Finder<'static>,
    accounts: Vec<String>,
}

impl Word {
    fn plain(text: &str) -> Self {
        Self::with_aliases(text, &[])
    }

    fn with_aliases(text: &str, aliases: &[(String, String)]) -> Self {
        let accounts = aliases
            .iter()
            .filter(|(_, alias)| alias.to_lowercase().contains(text))
            .map(|(id, _)| format!("{ACCOUNT}{id}"))
            .collect();
        let finder = memchr::memmem::Finder::new(text.as_bytes()).into_owned();
        Self { finder, accounts }
    }

    fn in_hay(&self, hay: &str) -> bool {
        self.in_name(hay) || self.accounts.iter().any(|a| hay.contains(a.as_str()))
    }

    /// Whether `name` holds the word (a name holds no account).
    fn in_name(&self, name: &str) -> bool {
        self.finder.find(name.as_bytes()).is_some()
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
    let words: Vec<Word> = words(text).iter().map(|w| Word::plain(w)).collect();
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
    write_name(text, secret);
    write_rest(text, secret);
}

/// The lower-cased name.
fn write_name(text: &mut String, secret: &SecretSummary) {
    text.push_str(&secret.name.to_lowercase());
}

/// After the name: a control character, then the lower-cased region, account ID,
/// description and tags, apart by one (no word matches across two fields, nor across the
/// name and the rest).
fn write_rest(text: &mut String, secret: &SecretSummary) {
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
