//! Fuzzy matching (helix's nucleo-matcher), shared by the palette and the role switcher.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

/// The indices of `candidates` that match `query`, best first; every index, in order,
/// while the query is empty.
pub(crate) fn best_first(query: &str, candidates: &[String]) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..candidates.len()).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let indexed: Vec<(usize, &str)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.as_str()))
        .collect();
    let mut scored: Vec<(usize, u32)> = indexed
        .iter()
        .filter_map(|(i, text)| {
            let mut buf = Vec::new();
            let haystack = nucleo_matcher::Utf32Str::new(text, &mut buf);
            pattern.score(haystack, &mut matcher).map(|s| (*i, s))
        })
        .collect();
    // Best score first; ties keep the candidates' order.
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.into_iter().map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::best_first;

    #[test]
    fn fuzzy_best_first_and_everything_without_a_query() {
        let names: Vec<String> = ["profile dev", "profile prod-admin", "another role…"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(best_first("", &names), [0, 1, 2]);
        assert_eq!(best_first("padm", &names), [1]);
        assert!(best_first("zzz", &names).is_empty());
    }
}
