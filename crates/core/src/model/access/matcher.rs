//! IAM's wildcards: `*` matches any run of characters (also none), `?` exactly one.
//!
//! Iterative with one backtrack point, so a hostile pattern (thousands of `*`) costs at
//! most length × length steps and no stack.

/// Whether `text` matches `pattern`, comparing letters as IAM does for action names:
/// ignoring ASCII case.
pub(crate) fn matches_action(pattern: &str, text: &str) -> bool {
    wildcard(pattern, text, |a, b| a.eq_ignore_ascii_case(&b))
}

/// Whether `text` matches `pattern` exactly as written: resource ARNs are case-sensitive.
pub(crate) fn matches_resource(pattern: &str, text: &str) -> bool {
    wildcard(pattern, text, |a, b| a == b)
}

fn wildcard(pattern: &str, text: &str, same: impl Fn(char, char) -> bool) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    let (mut p, mut t) = (0, 0);
    // The last `*` seen and the text position it was tried at: on a mismatch, that star
    // takes one more character and matching resumes after it.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || same(c, text[t]) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    star = Some((star_p, star_t + 1));
                    p = star_p + 1;
                    t = star_t + 1;
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}
